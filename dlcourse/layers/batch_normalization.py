"""BatchNormalization: normalise each feature over the batch, then scale and shift.

Introduced in notebook 07_backpropagation (a fix for vanishing and exploding gradients).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from dlcourse.layers.base import Layer

__all__ = ["BatchNormalization"]


def _check_fraction(value: Any, arg: str, where: str, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{where}: `{arg}` must be a number, got {type(value).__name__} {value!r}.")
    if not (math.isfinite(value) and low <= value <= high):
        raise ValueError(f"{where}: `{arg}` must lie in [{low}, {high}], got {value!r}.")
    return float(value)


class BatchNormalization(Layer):
    """Batch normalization (Ioffe and Szegedy, 2015) with Keras' semantics and defaults.

    Training (``training=True``): with the batch mean mu and (biased) variance var of each
    feature, x_hat = (x - mu) / sqrt(var + epsilon) and output = gamma * x_hat + beta. The
    moving statistics are updated: moving_mean = momentum * moving_mean + (1 - momentum) * mu,
    and the same for moving_variance with var.

    Inference (``training=False``, the default, as for a Keras layer called directly): the same
    formula with moving_mean and moving_variance in place of mu and var.

    Backward in training mode (mu and var depend on every sample), with G = dL/d(output),
    m samples, s = 1 / sqrt(var + epsilon) and D = gamma * G:
    dL/dX = s / m * (m * D - sum(D) - x_hat * sum(D * x_hat)), sums over the rows;
    dL/d(gamma) = sum(G * x_hat), dL/d(beta) = sum(G). In inference mode dL/dX = gamma * s * G.

    Args:
        momentum: the moving statistics' momentum (Keras' default 0.99).
        epsilon: added to the variance to avoid dividing by zero (Keras' default 1e-3).
        input_dim: the number of features, to build the weights now.
        name: the layer's name.

    ``params`` holds the trainable gamma and beta; ``moving_mean`` and ``moving_variance`` are
    attributes (non-trainable). ``get_weights()`` returns all four in Keras order:
    ``[gamma, beta, moving_mean, moving_variance]``.

    Example:
        >>> layer = BatchNormalization(input_dim=1)
        >>> layer.forward(np.array([[1.0], [3.0]]), training=True).round(4)
        array([[-0.9995],
               [ 0.9995]])
        >>> layer.moving_mean
        array([0.02])

    Introduced in notebook 07_backpropagation.
    """

    def __init__(
        self,
        momentum: float = 0.99,
        epsilon: float = 1e-3,
        input_dim: int | None = None,
        name: str | None = None,
    ) -> None:
        super().__init__(name)
        self.momentum = _check_fraction(momentum, "momentum", self.where, 0.0, 1.0)
        self.epsilon = _check_fraction(epsilon, "epsilon", self.where, 0.0, math.inf)
        if self.epsilon == 0.0:
            raise ValueError(
                f"{self.where}: `epsilon` must be > 0 (e.g. 1e-3): a feature that is constant "
                f"over a batch has variance 0, and x_hat would divide by zero."
            )
        self.moving_mean = np.zeros(0)
        self.moving_variance = np.ones(0)
        if input_dim is not None:
            self.build(input_dim)

    def build(self, input_dim: int) -> None:
        """Create gamma (ones), beta (zeros), moving_mean (zeros), moving_variance (ones)."""
        super().build(input_dim)
        self.params = {"gamma": np.ones(self.input_dim), "beta": np.zeros(self.input_dim)}
        self.grads = {key: np.zeros_like(value) for key, value in self.params.items()}
        self.moving_mean = np.zeros(self.input_dim)
        self.moving_variance = np.ones(self.input_dim)

    def _weights(self) -> list[np.ndarray]:
        return [self.params["gamma"], self.params["beta"], self.moving_mean, self.moving_variance]

    def _weight_names(self) -> str:
        return "gamma, beta, moving_mean, moving_variance"

    def _forward(self, X: np.ndarray, training: bool) -> np.ndarray:
        if training:
            mean, variance = X.mean(axis=0), X.var(axis=0)
            # In place, so arrays handed out earlier (e.g. to a plot) follow the updates.
            self.moving_mean *= self.momentum
            self.moving_mean += (1.0 - self.momentum) * mean
            self.moving_variance *= self.momentum
            self.moving_variance += (1.0 - self.momentum) * variance
        else:
            mean, variance = self.moving_mean, self.moving_variance
        inv_std = 1.0 / np.sqrt(variance + self.epsilon)
        x_hat = (X - mean) * inv_std
        output = self.params["gamma"] * x_hat + self.params["beta"]
        self._store(X, output, x_hat=x_hat, inv_std=inv_std, training=training)
        return output

    def _backward(self, grad_output: np.ndarray) -> np.ndarray:
        x_hat, inv_std = self._cache["x_hat"], self._cache["inv_std"]
        self.grads = {
            "gamma": np.sum(grad_output * x_hat, axis=0),
            "beta": np.sum(grad_output, axis=0),
        }
        d_x_hat = grad_output * self.params["gamma"]
        if not self._cache["training"]:
            return d_x_hat * inv_std  # the statistics are constants at inference
        m = grad_output.shape[0]
        return (inv_std / m) * (
            m * d_x_hat - d_x_hat.sum(axis=0) - x_hat * np.sum(d_x_hat * x_hat, axis=0)
        )

    def _repr_args(self) -> list[str]:
        return [f"momentum={self.momentum}", f"epsilon={self.epsilon}"]
