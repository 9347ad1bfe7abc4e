"""Dropout: randomly silence units while training, so the network cannot rely on any one.

Introduced in notebook 10_fnn_in_keras (overfitting and its fixes).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from dlcourse.layers.base import Layer, make_rng

__all__ = ["Dropout"]


class Dropout(Layer):
    """Inverted dropout, as in Keras: while training, each value is set to 0 with probability
    ``rate`` and the survivors are scaled by 1 / (1 - rate), so the expected output equals the
    input; at inference (``training=False``) the layer is the identity.

    Backward: the same mask and scale applied to the gradient (identity at inference).

    Args:
        rate: the fraction of values to drop, in [0, 1).
        seed: seed of the layer's random generator; None draws one from NumPy's global one.
            Successive training calls draw new masks from the same generator.
        name: the layer's name.

    Example:
        >>> layer = Dropout(0.5, seed=0)
        >>> X = np.ones((2, 4))
        >>> bool(np.all(layer.forward(X) == X))  # inference: identity
        True
        >>> sorted(set(layer.forward(X, training=True).ravel().tolist()))  # 0 or 1 / (1 - 0.5)
        [0.0, 2.0]

    Introduced in notebook 10_fnn_in_keras.
    """

    def __init__(self, rate: float, seed: int | None = None, name: str | None = None) -> None:
        super().__init__(name)
        if isinstance(rate, bool) or not isinstance(rate, (int, float, np.integer, np.floating)):
            raise TypeError(
                f"{self.where}: `rate` must be a number in [0, 1), the fraction of values to "
                f"drop, got {type(rate).__name__} {rate!r}."
            )
        if not (math.isfinite(rate) and 0.0 <= rate < 1.0):
            raise ValueError(
                f"{self.where}: `rate` must be in [0, 1), the fraction of values to drop, got "
                f"{rate!r}. rate=1 would drop everything (e.g. use 0.2 to drop 20%)."
            )
        self.rate = float(rate)
        self.seed, self._rng = make_rng(seed, self.where)

    def _forward(self, X: np.ndarray, training: bool) -> np.ndarray:
        if training and self.rate > 0.0:
            scale = (self._rng.random(X.shape) >= self.rate) / (1.0 - self.rate)
        else:
            scale = None
        output = X * scale if scale is not None else X.copy()
        self._store(X, output, scale=scale)
        return output

    def _backward(self, grad_output: np.ndarray) -> np.ndarray:
        scale: Any = self._cache["scale"]
        return grad_output * scale if scale is not None else grad_output.copy()

    def _repr_args(self) -> list[str]:
        return [f"rate={self.rate}", f"seed={self.seed}"]
