"""Gradient checking: compare backpropagation's gradients with central differences.

Backpropagation is easy to get subtly wrong; the derivative's definition is hard to get wrong. For
every parameter ``w`` of a network we nudge it both ways and measure the slope of the loss::

    dL/dw  ~  (L(w + eps) - L(w - eps)) / (2 * eps)

The error of this central difference shrinks like ``eps**2``; with ``eps = 1e-5`` in float64 the
numerical and analytic gradients of a correct implementation agree to about 1e-9 relative error
(the rest is rounding). A bug shows up as a relative error near 1. Kinks (ReLU at 0, the clip of a
probability) are the one legitimate exception: a nudge that crosses a kink sees the wrong slope.

Introduced in notebook 07_backpropagation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from dlcourse import losses as losses_module
from dlcourse._validate import as_float64_array

__all__ = [
    "numerical_gradient",
    "relative_error",
    "check_gradients",
    "GradientCheckReport",
    "gradient_norms",
]


def numerical_gradient(f: Callable[[np.ndarray], float], x: np.ndarray, eps: float = 1e-5):
    """Estimate the gradient of a scalar function by central differences.

    Each element ``x[i]`` is set to ``x[i] + eps`` and ``x[i] - eps`` in turn, **in place**, and
    ``f(x)`` is called each time, so ``f`` may read ``x`` directly or through another object that
    holds this same array (a layer's weights). ``x`` is restored exactly afterwards, even if ``f``
    raises.

    Formula: ``grad[i] = (f(x + eps * e_i) - f(x - eps * e_i)) / (2 * eps)``.

    Args:
        f: a function of ``x`` returning one number (e.g. the loss).
        x: a float64 NumPy array of any shape (it is modified temporarily).
        eps: the nudge; 1e-5 balances truncation (``eps**2``) against rounding (``1e-16 / eps``).

    Returns:
        An array shaped like ``x``.

    Example:
        >>> x = np.array([1.0, 2.0])
        >>> numerical_gradient(lambda v: float(np.sum(v**2)), x).round(6)
        array([2., 4.])

    Introduced in notebook 07_backpropagation.
    """
    if not callable(f):
        raise TypeError(f"numerical_gradient: `f` must be a function of x, got {type(f).__name__}.")
    if not isinstance(x, np.ndarray) or x.dtype != np.float64:
        got = f"an array of dtype {x.dtype}" if isinstance(x, np.ndarray) else type(x).__name__
        raise TypeError(
            f"numerical_gradient: `x` must be a float64 NumPy array (it is nudged in place), got "
            f"{got}. Use x = np.asarray(x, dtype=float) and keep a reference to that array."
        )
    if isinstance(eps, bool) or not isinstance(eps, int | float) or not eps > 0:
        raise ValueError(f"numerical_gradient: `eps` must be a small positive number, got {eps!r}.")
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        original = x[index]
        try:
            x[index] = original + eps
            f_plus = _as_scalar(f(x))
            x[index] = original - eps
            f_minus = _as_scalar(f(x))
        finally:
            x[index] = original
        grad[index] = (f_plus - f_minus) / (2.0 * eps)
    return grad


def _as_scalar(value: Any) -> float:
    array = np.asarray(value, dtype=float)
    if array.size != 1:
        raise TypeError(
            f"numerical_gradient: `f` must return one number (the loss), got an array of shape "
            f"{array.shape}. Reduce it, e.g. with .sum() or .mean()."
        )
    return float(array.reshape(()))


def relative_error(a: Any, b: Any) -> float:
    """The largest elementwise relative difference between two arrays.

    Formula: ``max_i |a_i - b_i| / max(1e-8, |a_i| + |b_i|)``. The floor of 1e-8 keeps two
    near-zero gradients from producing a huge ratio; it also means elements smaller than ~1e-8 are
    compared in absolute terms.

    Args:
        a, b: arrays (or numbers) of the same shape.

    Returns:
        A float; below 1e-7 is a pass for float64 gradients away from kinks.

    Example:
        >>> round(relative_error([1.0, 2.0], [1.0, 2.2]), 4)   # 0.2 / 4.2
        0.0476

    Introduced in notebook 07_backpropagation.
    """
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(
            f"relative_error: `a` has shape {a.shape} and `b` has shape {b.shape}; compare arrays "
            f"of the same shape (e.g. an analytic gradient and its numerical estimate)."
        )
    if a.size == 0:
        return 0.0
    return float(np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b))))


@dataclass
class GradientCheckReport:
    """The result of :func:`check_gradients`: one row per parameter array (and the input).

    Attributes:
        rows: tuples ``(name, shape, max_abs_gradient, max_abs_difference, relative_error)``.
        tol: the pass threshold on the relative error.
        eps: the nudge used for the central differences.

    ``print(report)`` shows a table; ``report.ok`` and ``report.max_error`` summarise it. The
    relative errors come from rounding, so their last digits differ between machines: compare
    ``report.ok`` (stable) rather than printing the errors where outputs must match exactly.

    Reading a failure: a relative error near 1 with a large ``max |diff|`` is a bug; a large
    relative error with a tiny ``max |grad|`` and ``max |diff|`` (say 1e-13) means the gradient is
    zero up to rounding (e.g. a bias in front of BatchNormalization), not a bug.

    Introduced in notebook 07_backpropagation.
    """

    rows: list[tuple[str, tuple[int, ...], float, float, float]] = field(default_factory=list)
    tol: float = 1e-7
    eps: float = 1e-5

    @property
    def max_error(self) -> float:
        """The largest relative error over all rows."""
        return max((row[4] for row in self.rows), default=0.0)

    @property
    def ok(self) -> bool:
        """True when every relative error is below ``tol``."""
        return self.max_error < self.tol

    def __str__(self) -> str:
        header = ("parameter", "shape", "max |grad|", "max |diff|", "relative error", "ok")
        body = [
            (
                name,
                str(shape),
                f"{size:.3g}",
                f"{diff:.1e}",
                f"{error:.1e}",
                "yes" if error < self.tol else "NO",
            )
            for name, shape, size, diff, error in self.rows
        ]
        widths = [max(len(r[i]) for r in [header, *body]) for i in range(len(header))]
        lines = [f"Gradient check (central differences, eps={self.eps:g}, tol={self.tol:g})"]
        for row in [header, *body]:
            lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))
        verdict = "passed" if self.ok else "FAILED"
        lines.append(f"{verdict}: max relative error {self.max_error:.1e}")
        return "\n".join(lines)

    __repr__ = __str__


def check_gradients(
    model_or_layer: Any,
    X: Any,
    y: Any,
    loss: str | losses_module.Loss,
    eps: float = 1e-5,
    tol: float = 1e-7,
    training: bool = True,
) -> GradientCheckReport:
    """Check a model's (or a single layer's) backpropagation against central differences.

    The loss is ``loss(y, model(X)) + regularization``, the same quantity ``fit`` minimises. For
    every parameter array and for the input ``X`` the analytic gradient (one backward pass) is
    compared with :func:`numerical_gradient`. Weights (including BatchNormalization's moving
    statistics, which training-mode forward passes update) are restored afterwards.

    Args:
        model_or_layer: a ``dlcourse.nn.Sequential`` or a single layer from ``dlcourse.layers``.
        X: inputs, shape ``(num_samples, num_features)``; keep it small (a few rows).
        y: targets for ``loss``.
        loss: a loss name or object from ``dlcourse.losses``.
        eps: the nudge for the central differences.
        tol: the pass threshold on the relative error.
        training: run the forward passes in training mode (BatchNormalization uses batch
            statistics). Layers that are random in training mode (Dropout) need training=False.

    Returns:
        A :class:`GradientCheckReport`.

    Example:
        >>> from dlcourse.layers import Dense
        >>> layer = Dense(3, activation="tanh", seed=0)
        >>> X = np.random.default_rng(0).normal(size=(4, 2))
        >>> check_gradients(layer, X, np.ones((4, 3)), "mse").ok
        True

    Introduced in notebook 07_backpropagation.
    """
    loss = losses_module.get(loss)
    # A private float64 copy: it is nudged in place below.
    X = np.array(as_float64_array(X, "X", "check_gradients"))
    is_model = hasattr(model_or_layer, "loss_and_gradients")
    layers = model_or_layer.layers if is_model else [model_or_layer]

    def total_loss(_: np.ndarray) -> float:
        out = model_or_layer.forward(X, training=training)
        return loss(y, out) + sum(layer.regularization_loss() for layer in layers)

    if X.ndim == 2 and not model_or_layer.built:
        model_or_layer.build(X.shape[1])
    saved = model_or_layer.get_weights() if model_or_layer.built else None
    try:
        out = model_or_layer.forward(X, training=training)  # raises a teaching error for bad X
        _, grad_out = loss.value_and_gradient(y, out)
        grad_X = model_or_layer.backward(grad_out)
        analytic = [
            (f"{layer.name}/{key}", layer.grads[key].copy(), layer.params[key])
            for layer in layers
            for key in layer.params
        ]
        if total_loss(X) != total_loss(X):
            raise ValueError(
                "check_gradients: two identical forward passes gave different losses, so the "
                "model is random in this mode (Dropout in training mode?). Pass training=False."
            )
        report = GradientCheckReport(tol=tol, eps=eps)
        for name, grad, param in analytic:
            numeric = numerical_gradient(total_loss, param, eps)
            report.rows.append(_row(name, grad, numeric))
        report.rows.append(_row("input X", grad_X, numerical_gradient(total_loss, X, eps)))
    finally:
        if saved is not None:
            model_or_layer.set_weights(saved)
    return report


def _row(name: str, analytic: np.ndarray, numeric: np.ndarray):
    size = float(np.max(np.abs(analytic))) if analytic.size else 0.0
    diff = float(np.max(np.abs(analytic - numeric))) if analytic.size else 0.0
    return (name, tuple(analytic.shape), size, diff, relative_error(analytic, numeric))


def gradient_norms(model: Any, X: Any, y: Any, loss: str | losses_module.Loss) -> list[float]:
    """The size of dL/dW for each Dense layer, from the input side to the output side.

    Useful to see vanishing gradients (norms shrinking towards the input layers, e.g. deep sigmoid
    networks) and exploding ones (norms growing). Computed in training mode on ``X``, ``y``, without
    changing any weight.

    Formula: ``||dL/dW||_F = sqrt(sum of squared entries)`` per Dense kernel.

    Args:
        model: a ``dlcourse.nn.Sequential``.
        X: inputs, shape ``(num_samples, num_features)``.
        y: targets for ``loss``.
        loss: a loss name or object.

    Returns:
        A list of floats, one per Dense layer in order.

    Example:
        >>> from dlcourse.layers import Dense
        >>> from dlcourse.nn import Sequential
        >>> net = Sequential([Dense(4, activation="sigmoid", seed=0), Dense(1, seed=1)])
        >>> X = np.random.default_rng(0).normal(size=(8, 2))
        >>> len(gradient_norms(net, X, np.zeros(8), "mse"))
        2

    Introduced in notebook 05_activation_functions (used again in 07_backpropagation).
    """
    from dlcourse.layers import Dense  # the layers import nothing from here; kept local for clarity

    X = np.asarray(X)
    if X.ndim == 2 and not model.built:
        model.build(X.shape[1])
    saved = model.get_weights() if model.built else None
    model.loss_and_gradients(X, y, loss)  # raises a teaching error for bad X or y
    # A training-mode pass moves BatchNormalization's moving statistics: put them back.
    model.set_weights(saved)
    return [
        float(np.linalg.norm(layer.grads["W"]))
        for layer in model.layers
        if isinstance(layer, Dense)
    ]
