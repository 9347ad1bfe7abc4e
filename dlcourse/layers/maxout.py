"""Maxout: a learned activation, the maximum of several linear pieces.

Introduced in notebook 05_activation_functions.
"""

from __future__ import annotations

import numpy as np

from dlcourse.layers import initializers
from dlcourse.layers.base import Layer, check_positive_int, make_rng

__all__ = ["Maxout"]


class Maxout(Layer):
    """Maxout (Goodfellow et al., 2013): each unit outputs the largest of ``num_pieces`` linear
    functions of the input, so it learns its own convex, piecewise-linear activation.

    Forward: Z = X @ W + b with W of shape ``(num_inputs, num_units * num_pieces)``; Z is viewed
    as ``(num_samples, num_units, num_pieces)`` (the pieces of unit u are the columns
    u * num_pieces ... u * num_pieces + num_pieces - 1) and the output is the maximum over the
    pieces, shape ``(num_samples, num_units)``. ReLU is the special case max(z, 0) of two pieces.

    Backward: the gradient of a maximum flows only to the piece that won; then as in Dense,
    dL/dW = X.T @ dZ, dL/db = dZ summed over rows, dL/dX = dZ @ W.T.

    Args:
        num_units: the number of output units.
        num_pieces: the number of linear pieces per unit (2 or more to be useful).
        kernel_initializer: initializer name for W (Keras' default ``"glorot_uniform"``).
        seed: seed for the initializer; None draws one from NumPy's global generator.
        input_dim: the number of input features, to build the weights now.
        name: the layer's name.

    Example:
        >>> layer = Maxout(num_units=1, num_pieces=2, input_dim=1)
        >>> layer.set_weights([np.array([[1.0, -1.0]]), np.zeros(2)])  # max(x, -x) = |x|
        >>> layer.forward(np.array([[-3.0], [2.0]]))
        array([[3.],
               [2.]])

    Introduced in notebook 05_activation_functions.
    """

    def __init__(
        self,
        num_units: int,
        num_pieces: int,
        kernel_initializer: str = "glorot_uniform",
        seed: int | None = None,
        input_dim: int | None = None,
        name: str | None = None,
    ) -> None:
        super().__init__(name)
        self.num_units = check_positive_int(num_units, "num_units", self.where)
        self.num_pieces = check_positive_int(num_pieces, "num_pieces", self.where)
        self.kernel_initializer = kernel_initializer
        self._kernel_init = initializers.get(kernel_initializer, "kernel_initializer")
        self.seed, self._rng = make_rng(seed, self.where)
        if input_dim is not None:
            self.build(input_dim)

    @property
    def units(self) -> int:
        """The number of outputs (= ``num_units``), named like Dense's."""
        return self.num_units

    def build(self, input_dim: int) -> None:
        """Create W ``(input_dim, num_units * num_pieces)`` and b ``(num_units * num_pieces,)``."""
        super().build(input_dim)
        width = self.num_units * self.num_pieces
        W = np.asarray(self._kernel_init((self.input_dim, width), self._rng), dtype=float)
        self.params = {"W": W, "b": np.zeros(width)}
        self.grads = {key: np.zeros_like(value) for key, value in self.params.items()}

    def compute_output_shape(self, input_shape: tuple[int | None, ...]) -> tuple[int | None, ...]:
        return (*input_shape[:-1], self.num_units)

    def _forward(self, X: np.ndarray, training: bool) -> np.ndarray:
        Z = X @ self.params["W"] + self.params["b"]
        pieces = Z.reshape(X.shape[0], self.num_units, self.num_pieces)
        winner = np.argmax(pieces, axis=2)  # (num_samples, num_units): the index of the max
        output = np.take_along_axis(pieces, winner[..., None], axis=2)[..., 0]
        self._store(X, output, winner=winner)
        return output

    def _backward(self, grad_output: np.ndarray) -> np.ndarray:
        X, winner = self._cache["X"], self._cache["winner"]
        dpieces = np.zeros((X.shape[0], self.num_units, self.num_pieces))
        np.put_along_axis(dpieces, winner[..., None], grad_output[..., None], axis=2)
        dZ = dpieces.reshape(X.shape[0], self.num_units * self.num_pieces)
        self.grads = {"W": X.T @ dZ, "b": dZ.sum(axis=0)}
        return dZ @ self.params["W"].T

    def _repr_args(self) -> list[str]:
        return [f"num_units={self.num_units}", f"num_pieces={self.num_pieces}"]
