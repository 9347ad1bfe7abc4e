"""Notebook 03_neurons: why a neuron needs a bias, and why a unit that never fires cannot learn.

- :func:`firing_accuracy` and :func:`best_firing_accuracy`: how well "the neuron fires"
  (``Neuron.fires``: output above f(0), i.e. ``x . w + b > 0``) separates labelled points, for one
  weight and bias or the best over a grid.
- :func:`train_single_neuron`: plain gradient descent on one neuron, written out step by step, so
  the notebook can show that the gradient of a unit that never fires (a ReLU with ``z < 0`` on every
  example) is exactly zero, and its weights never move.

Introduced in notebook 03_neurons.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from dlcourse import activations
from dlcourse._validate import as_2d_float_array
from dlcourse.neuron import Neuron

__all__ = ["firing_accuracy", "best_firing_accuracy", "train_single_neuron"]


def firing_accuracy(X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float = 0.0) -> float:
    """The fraction of samples where "the neuron fires" agrees with the label ``y``.

    Firing is :meth:`dlcourse.neuron.Neuron.fires`: the output is above f(0), which for a sigmoid
    is above 0.5 and happens exactly when ``z = X @ w + b > 0``. ``y`` holds 1 where the neuron
    should fire and 0 where it should not.

    Args:
        X: inputs, shape ``(num_samples, num_features)``.
        y: 0/1 labels, shape ``(num_samples,)``.
        w: weights, shape ``(num_features,)``.
        b: the bias.

    Returns:
        The accuracy, a float in [0, 1].

    Example:
        >>> X = np.array([[1.0], [2.0], [4.0], [5.0]])
        >>> firing_accuracy(X, np.array([0, 0, 1, 1]), np.array([1.0]), b=-3.0)
        1.0

    Introduced in notebook 03_neurons.
    """
    X = as_2d_float_array(X, "X", "firing_accuracy")
    w = np.asarray(w, dtype=float).reshape(-1)
    if w.shape[0] != X.shape[1]:
        raise ValueError(
            f"firing_accuracy: `w` needs one weight per feature: X has {X.shape[1]} features, "
            f"w has shape {w.shape}."
        )
    fires = Neuron(w, bias=b, activation="sigmoid").fires(X)
    return float(np.mean(fires == (np.asarray(y) == 1)))


def best_firing_accuracy(
    X: np.ndarray, y: np.ndarray, weights: Iterable[float], biases: Iterable[float] = (0.0,)
) -> tuple[float, float, float]:
    """The best :func:`firing_accuracy` of a one-input neuron over a grid of weights and biases.

    Args:
        X: inputs, shape ``(num_samples, 1)``.
        y: 0/1 labels, shape ``(num_samples,)``.
        weights: the weights to try.
        biases: the biases to try; ``(0.0,)`` means a neuron without a bias.

    Returns:
        ``(accuracy, w, b)`` of the best combination (the first one found on ties).

    Example:
        >>> X = np.array([[1.0], [2.0], [4.0], [5.0]])
        >>> best_firing_accuracy(X, np.array([0, 0, 1, 1]), weights=[-1.0, 1.0])
        (0.5, -1.0, 0.0)

    Introduced in notebook 03_neurons.
    """
    X = as_2d_float_array(X, "X", "best_firing_accuracy")
    best = (-1.0, 0.0, 0.0)
    for w in weights:
        for b in biases:
            acc = firing_accuracy(X, y, np.array([w]), b)
            if acc > best[0]:
                best = (acc, float(w), float(b))
    return best


def train_single_neuron(
    X: np.ndarray,
    y: np.ndarray,
    w: np.ndarray,
    b: float,
    activation: str = "relu",
    learning_rate: float = 0.1,
    epochs: int = 50,
) -> dict[str, np.ndarray]:
    """Train one neuron ``a = activation(X @ w + b)`` by gradient descent on the squared error.

    Every step is the chain rule on ``L = mean((a - y)^2)``:

        dL/da = 2 (a - y) / m,   dL/dz = dL/da * activation'(z),
        dL/dw = X^T dL/dz,       dL/db = sum(dL/dz).

    When ``activation'(z)`` is 0 for every sample (a ReLU whose ``z`` is negative everywhere: a unit
    that never fires), both gradients are exactly 0 and the neuron never changes.

    Args:
        X: inputs, shape ``(num_samples, num_features)``.
        y: targets, shape ``(num_samples,)``.
        w: the starting weights, shape ``(num_features,)`` (not modified).
        b: the starting bias.
        activation: an activation name (see ``dlcourse.activations.NAMES``).
        learning_rate: the step size.
        epochs: the number of full-batch steps.

    Returns:
        A dict with ``"w"`` (shape ``(epochs + 1, num_features)``), ``"b"`` and ``"loss"`` (shape
        ``(epochs + 1,)``): the values before training and after every step.

    Example:
        >>> X = np.array([[0.5], [1.0]]); y = np.array([1.0, 2.0])
        >>> dead = train_single_neuron(X, y, np.array([1.0]), b=-5.0, epochs=3)
        >>> bool(np.all(dead["w"] == 1.0))
        True

    Introduced in notebook 03_neurons.
    """
    X = as_2d_float_array(X, "X", "train_single_neuron")
    y = np.asarray(y, dtype=float).reshape(-1)
    if y.shape[0] != X.shape[0]:
        raise ValueError(
            f"train_single_neuron: `y` needs one target per row of X: X has {X.shape[0]} rows, "
            f"y has shape {y.shape}."
        )
    act = activations.get(activation)
    w = np.array(w, dtype=float).reshape(-1)
    b = float(b)
    ws, bs, losses = [w.copy()], [b], [float(np.mean((act(X @ w + b) - y) ** 2))]
    for _ in range(epochs):
        z = X @ w + b
        grad_z = 2.0 * (act(z) - y) / len(y) * act.derivative(z)
        w = w - learning_rate * (X.T @ grad_z)
        b = b - learning_rate * float(np.sum(grad_z))
        ws.append(w.copy())
        bs.append(b)
        losses.append(float(np.mean((act(X @ w + b) - y) ** 2)))
    return {"w": np.array(ws), "b": np.array(bs), "loss": np.array(losses)}
