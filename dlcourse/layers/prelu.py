"""PReLU: a leaky ReLU whose negative slope is learned, one slope per feature.

Introduced in notebook 05_activation_functions.
"""

from __future__ import annotations

import numpy as np

from dlcourse.layers import initializers
from dlcourse.layers.base import Layer, make_rng

__all__ = ["PReLU"]


class PReLU(Layer):
    """Parametric ReLU (He et al., 2015): f(x) = x for x > 0, alpha * x otherwise.

    ``alpha`` has one entry per feature and is trained like a weight. Keras starts it at 0
    (``alpha_initializer="zeros"``), so an untrained PReLU is a plain ReLU.

    Backward, with G = dL/d(output): dL/dX = G where x > 0, alpha * G where x < 0 (0 at x = 0,
    as TensorFlow computes relu(x) - alpha * relu(-x)); dL/d(alpha) = sum over the rows of
    G * x where x < 0.

    Args:
        alpha_initializer: initializer name for alpha (Keras' default ``"zeros"``).
        seed: seed for a random initializer; None draws one from NumPy's global generator.
        input_dim: the number of features, to build alpha now.
        name: the layer's name (Keras' default ``"p_re_lu"``).

    Example:
        >>> layer = PReLU(input_dim=2)
        >>> layer.set_weights([np.array([0.1, 0.5])])
        >>> layer.forward(np.array([[-2.0, -2.0], [3.0, 3.0]]))
        array([[-0.2, -1. ],
               [ 3. ,  3. ]])

    Introduced in notebook 05_activation_functions.
    """

    def __init__(
        self,
        alpha_initializer: str = "zeros",
        seed: int | None = None,
        input_dim: int | None = None,
        name: str | None = None,
    ) -> None:
        super().__init__(name)
        self.alpha_initializer = alpha_initializer
        self._alpha_init = initializers.get(alpha_initializer, "alpha_initializer")
        self.seed, self._rng = make_rng(seed, self.where)
        if input_dim is not None:
            self.build(input_dim)

    def build(self, input_dim: int) -> None:
        """Create alpha, shape ``(input_dim,)``."""
        super().build(input_dim)
        alpha = np.asarray(self._alpha_init((self.input_dim,), self._rng), dtype=float)
        self.params = {"alpha": alpha}
        self.grads = {"alpha": np.zeros_like(alpha)}

    def _forward(self, X: np.ndarray, training: bool) -> np.ndarray:
        output = np.where(X > 0, X, self.params["alpha"] * X)
        self._store(X, output)
        return output

    def _backward(self, grad_output: np.ndarray) -> np.ndarray:
        X = self._cache["X"]
        negative = X < 0
        self.grads = {"alpha": np.sum(np.where(negative, X * grad_output, 0.0), axis=0)}
        slope = np.where(X > 0, 1.0, np.where(negative, self.params["alpha"], 0.0))
        return grad_output * slope
