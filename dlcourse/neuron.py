"""One artificial neuron: inputs, weights, a weighted sum plus bias, and an activation.

The neuron computes z = x . w + b (the weighted sum) and then a = f(z) (its output). It "fires"
when its output is above f(0), the output it gives for a weighted sum of exactly zero: above 0.5 for
a sigmoid, above 0 for a ReLU or tanh. Every activation of the course rises through f(0) at z = 0,
so this is the same as z > 0, and that is how :meth:`Neuron.fires` decides. The same formula, with a
weight matrix instead of a weight vector, is a whole Dense layer (see ``dlcourse.layers.Dense``).

Introduced in notebook 03_neurons.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from dlcourse import activations
from dlcourse._validate import as_float_array, as_scalar

__all__ = ["weighted_sum", "Neuron"]


def _check_weights(w: Any, where: str, arg: str = "w") -> np.ndarray:
    w = as_float_array(w, arg, where)
    if w.ndim != 1:
        raise ValueError(
            f"{where}: `{arg}` must be 1-D, one weight per input, got shape {w.shape}. "
            f"A neuron has a weight vector; a layer of several neurons has a weight matrix "
            f"(num_inputs, units): use dlcourse.layers.Dense for that."
        )
    return w


def _check_inputs(x: Any, num_weights: int, where: str, owner: str = "`w`") -> np.ndarray:
    x = as_float_array(x, "x", where)
    if x.ndim not in (1, 2):
        raise ValueError(
            f"{where}: `x` must be one sample of shape (num_inputs,) or a batch of shape "
            f"(num_samples, num_inputs), got {x.ndim}-D shape {x.shape}."
        )
    if x.shape[-1] != num_weights:
        kind = "one sample" if x.ndim == 1 else "a batch, one sample per row"
        raise ValueError(
            f"{where}: `x` has {x.shape[-1]} features (shape {x.shape}, {kind}) but {owner} has "
            f"{num_weights} weights. A neuron needs exactly one weight per input: give it "
            f"{x.shape[-1]} weights, or check that x holds the features in its last axis."
        )
    return x


def weighted_sum(x: Any, w: Any, b: float = 0.0) -> np.ndarray | float:
    """Return the weighted sum z = x . w + b = sum_i x_i * w_i + b.

    Args:
        x: one sample, shape ``(num_inputs,)``, or a batch, shape ``(num_samples, num_inputs)``.
        w: the weights, shape ``(num_inputs,)``, one per input.
        b: the bias, a number.

    Returns:
        A float for one sample; an array of shape ``(num_samples,)`` for a batch.

    Raises:
        ValueError: when the number of inputs and weights differ, or the shapes are wrong.
        TypeError: for non-numeric input.

    Example:
        >>> weighted_sum([1.0, 2.0, 3.0], [0.5, -1.0, 2.0], b=0.5)
        np.float64(5.0)
        >>> weighted_sum([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]], [0.5, -1.0, 2.0], b=0.5)
        array([5. , 0.5])

    Introduced in notebook 03_neurons.
    """
    w = _check_weights(w, "weighted_sum")
    b = as_scalar(b, "b", "weighted_sum", "the neuron's bias; one per neuron")
    x = _check_inputs(x, w.shape[0], "weighted_sum")
    return x @ w + b


class Neuron:
    """A single neuron: output = activation(x . weights + bias).

    Args:
        weights: shape ``(num_inputs,)``, one weight per input.
        bias: a number.
        activation: an activation name (see ``dlcourse.activations.NAMES``) or object.

    Example:
        >>> neuron = Neuron([0.5, -1.0, 2.0], bias=0.5, activation="sigmoid")
        >>> neuron.weighted_sum([1.0, 2.0, 3.0])
        np.float64(5.0)
        >>> round(float(neuron.output([1.0, 2.0, 3.0])), 4)
        0.9933
        >>> neuron.fires([1.0, 2.0, 3.0])
        np.True_

    Introduced in notebook 03_neurons.
    """

    def __init__(self, weights: Any, bias: float = 0.0, activation: Any = "sigmoid") -> None:
        self.weights = _check_weights(weights, "Neuron", "weights").copy()
        self.bias = as_scalar(bias, "bias", "Neuron", "the neuron's bias; one per neuron")
        self.activation = activations.get(activation)

    @property
    def num_inputs(self) -> int:
        """The number of inputs (= the number of weights)."""
        return self.weights.shape[0]

    def weighted_sum(self, x: Any) -> np.ndarray | float:
        """Return z = x . weights + bias, for one sample ``(num_inputs,)`` or a batch."""
        x = _check_inputs(x, self.num_inputs, "Neuron", owner="the neuron")
        return x @ self.weights + self.bias

    def output(self, x: Any) -> np.ndarray | float:
        """Return the neuron's output a = activation(z) for one sample or a batch.

        Args:
            x: shape ``(num_inputs,)`` or ``(num_samples, num_inputs)``.

        Returns:
            A float for one sample, shape ``(num_samples,)`` for a batch.
        """
        z = self.weighted_sum(x)
        if self.activation.name == "softmax":
            # softmax of a single number is always 1: it needs a layer of several outputs.
            raise ValueError(
                "Neuron.output: softmax turns several scores into probabilities; a single "
                "neuron has one score, so its softmax is always 1. Use 'sigmoid' for one neuron."
            )
        return self.activation(z)

    @property
    def firing_level(self) -> float:
        """The output at z = 0, ``activation(0)``: the neuron fires when its output is above it.

        0.5 for a sigmoid; 0 for ReLU, tanh, linear and their relatives; log 2 for softplus.
        """
        return float(self.activation(np.array(0.0)))

    def fires(self, x: Any) -> np.ndarray | bool:
        """Return whether the neuron fires: its output is above :attr:`firing_level`, f(0).

        Every activation of the course (sigmoid, tanh, ReLU and its relatives, softplus, linear)
        gives an output above f(0) exactly when z > 0, so the test is made on z itself: that
        keeps it exact where the output rounds (sigmoid(1e-17) is 0.5 in floating point).
        A weighted sum of exactly 0 does not fire.

        Args:
            x: shape ``(num_inputs,)`` or ``(num_samples, num_inputs)``.

        Returns:
            A bool for one sample, a bool array of shape ``(num_samples,)`` for a batch.
        """
        return self.weighted_sum(x) > 0

    def __repr__(self) -> str:
        weights = np.array2string(self.weights, separator=", ", precision=4)
        return (
            f"Neuron(weights={weights}, bias={self.bias:.4g}, activation={self.activation.name!r})"
        )
