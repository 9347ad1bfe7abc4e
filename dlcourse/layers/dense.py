"""Dense: the fully connected layer, output = activation(X @ W + b).

Introduced in notebook 04_layers_and_network_size.
"""

from __future__ import annotations

import numpy as np

from dlcourse import activations, regularizers
from dlcourse.layers import initializers
from dlcourse.layers.base import Layer, check_positive_int, make_rng

__all__ = ["Dense"]


class Dense(Layer):
    """A fully connected layer: every output unit sees every input feature.

    Forward: Z = X @ W + b, A = activation(Z), with W of shape ``(num_inputs, units)`` (the
    layout of a Keras ``Dense`` kernel, so weights copy across unchanged) and b of shape
    ``(units,)``, added to every row.

    Backward, with G = dL/dA: dZ = activation.backward(Z, G), then
    dL/dW = X.T @ dZ (+ the regularizer's gradient), dL/db = dZ summed over the rows, and
    dL/dX = dZ @ W.T. Summing over the rows adds up the contributions of the samples: the
    loss's own gradient already carries the 1/num_samples of a mean.

    Args:
        units: the number of output units (neurons).
        activation: an activation name, object or None (linear), as in Keras.
        use_bias: whether to add b.
        kernel_initializer: name of the initializer for W (see ``initializers.NAMES``).
        bias_initializer: name of the initializer for b (Keras' default ``"zeros"``).
        seed: seed for the initializer; None draws one from NumPy's global generator.
        input_dim: the number of input features, to build the weights now.
        kernel_regularizer: ``"l1"``, ``"l2"``, a regularizer object or None.
        name: the layer's name.

    Example:
        >>> layer = Dense(2, activation="relu", input_dim=3, seed=0)
        >>> layer.set_weights([np.ones((3, 2)), np.array([0.0, -10.0])])
        >>> layer.forward(np.array([[1.0, 2.0, 3.0]]))
        array([[6., 0.]])
        >>> layer.count_params()
        8

    Introduced in notebook 04_layers_and_network_size.
    """

    def __init__(
        self,
        units: int,
        activation: str | activations.Activation | None = None,
        use_bias: bool = True,
        kernel_initializer: str = "glorot_uniform",
        bias_initializer: str = "zeros",
        seed: int | None = None,
        input_dim: int | None = None,
        kernel_regularizer: str | regularizers.Regularizer | None = None,
        name: str | None = None,
    ) -> None:
        super().__init__(name)
        self.units = check_positive_int(units, "units", self.where)
        self.activation = activations.get(activation)
        self.use_bias = bool(use_bias)
        self.kernel_initializer = kernel_initializer
        self.bias_initializer = bias_initializer
        self._kernel_init = initializers.get(kernel_initializer, "kernel_initializer")
        self._bias_init = initializers.get(bias_initializer, "bias_initializer")
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.seed, self._rng = make_rng(seed, self.where)
        if input_dim is not None:
            self.build(input_dim)

    def build(self, input_dim: int) -> None:
        """Create W ``(input_dim, units)`` and b ``(units,)`` from the initializers."""
        super().build(input_dim)
        W = np.asarray(self._kernel_init((self.input_dim, self.units), self._rng), dtype=float)
        self.params = {"W": W}
        if self.use_bias:
            self.params["b"] = np.asarray(self._bias_init((self.units,), self._rng), dtype=float)
        self.grads = {key: np.zeros_like(value) for key, value in self.params.items()}

    def compute_output_shape(self, input_shape: tuple[int | None, ...]) -> tuple[int | None, ...]:
        return (*input_shape[:-1], self.units)

    def _forward(self, X: np.ndarray, training: bool) -> np.ndarray:
        Z = X @ self.params["W"]
        if self.use_bias:
            Z += self.params["b"]
        A = self.activation(Z)
        self._store(X, A, Z=Z)
        return A

    def _backward(self, grad_output: np.ndarray) -> np.ndarray:
        X, Z = self._cache["X"], self._cache["Z"]
        dZ = self.activation.backward(Z, grad_output)
        dW = X.T @ dZ
        if self.kernel_regularizer is not None:
            dW += self.kernel_regularizer.gradient(self.params["W"])
        self.grads = {"W": dW}
        if self.use_bias:
            self.grads["b"] = dZ.sum(axis=0)
        return dZ @ self.params["W"].T

    def regularization_loss(self) -> float:
        if self.kernel_regularizer is None or not self.built:
            return 0.0
        return self.kernel_regularizer(self.params["W"])

    def _repr_args(self) -> list[str]:
        args = [f"units={self.units}", f"activation={self.activation.name!r}"]
        if not self.use_bias:
            args.append("use_bias=False")
        if self.kernel_regularizer is not None:
            args.append(f"kernel_regularizer={self.kernel_regularizer!r}")
        return args
