"""Activation: an activation function as a layer of its own, like ``keras.layers.Activation``.

Introduced in notebook 07_backpropagation.
"""

from __future__ import annotations

import numpy as np

from dlcourse import activations
from dlcourse.layers.base import Layer


class Activation(Layer):
    """An activation as a layer of its own (like ``keras.layers.Activation``), without weights.

    It puts ``BatchNormalization`` between a Dense layer's weighted sum and its activation, the
    order of Ioffe and Szegedy's paper: ``Dense(units) -> BatchNormalization -> Activation``.

    Forward: ``A = act(Z)``; backward: ``dL/dZ = act.backward(Z, dL/dA)``.

    Example:
        >>> import numpy as np
        >>> layer = Activation("relu")
        >>> layer.forward(np.array([[-1.0, 2.0]]))
        array([[0., 2.]])
        >>> layer.backward(np.array([[5.0, 5.0]]))
        array([[0., 5.]])

    Introduced in notebook 07_backpropagation.
    """

    def __init__(self, activation: str, name: str | None = None) -> None:
        super().__init__(name)
        self.activation = activations.get(activation)

    def _forward(self, X: np.ndarray, training: bool) -> np.ndarray:
        output = self.activation(X)
        self._store(X, output)
        return output

    def _backward(self, grad_output: np.ndarray) -> np.ndarray:
        return self.activation.backward(self._cache["X"], grad_output)

    def _repr_args(self) -> list[str]:
        return [repr(self.activation.name)]
