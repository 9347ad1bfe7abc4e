"""Exercise checks for notebook 05_activation_functions.

- Exercise 5.1 ``collapse_linear``: the single linear layer equal to two stacked linear layers.
- Exercise 5.2 ``leaky_relu`` and ``leaky_relu_derivative`` (Keras 3's ``negative_slope=0.2``).
- Exercise 5.3 ``stable_softmax``: softmax over the last axis that survives logits of 1000.

The references are written here in plain NumPy, so a check does not depend on the rest of the
package.
"""

from __future__ import annotations

import numpy as np

from dlcourse.check._core import Case, check_function

__all__ = ["collapse_linear", "leaky_relu", "leaky_relu_derivative", "stable_softmax"]


def _collapse_linear(W1, b1, W2, b2):
    return (W1 @ W2, b1 @ W2 + b2)


def collapse_linear(answer) -> bool:
    """Check Exercise 5.1: ``collapse_linear(W1, b1, W2, b2) -> (W, b)``.

    Two linear layers ``(X @ W1 + b1) @ W2 + b2`` equal one, ``X @ W + b``, with ``W = W1 @ W2`` and
    ``b = b1 @ W2 + b2``. Cases: square and non-square shapes (so ``W2 @ W1`` fails), zero biases.
    """
    rng = np.random.default_rng(5)

    def case(n_in, n_hidden, n_out, zero_bias=False):
        W1, W2 = rng.normal(size=(n_in, n_hidden)), rng.normal(size=(n_hidden, n_out))
        b1 = np.zeros(n_hidden) if zero_bias else rng.normal(size=n_hidden)
        b2 = np.zeros(n_out) if zero_bias else rng.normal(size=n_out)
        label = f"W1 {W1.shape}, b1 {b1.shape}, W2 {W2.shape}, b2 {b2.shape}" + (
            " (zero biases)" if zero_bias else ""
        )
        return Case((W1, b1, W2, b2), label=label)

    cases = [case(2, 2, 2), case(3, 4, 2), case(5, 3, 1), case(3, 4, 2, zero_bias=True)]
    return check_function(
        "collapse_linear",
        answer,
        _collapse_linear,
        cases,
        hint="expand (X @ W1 + b1) @ W2 + b2 = X @ (W1 @ W2) + (b1 @ W2 + b2). The first bias "
        "travels through W2 too. Return a tuple (W, b).",
    )


def _leaky_relu(z, negative_slope=0.2):
    z = np.asarray(z, dtype=float)
    return np.where(z > 0, z, negative_slope * z)


def _leaky_relu_derivative(z, negative_slope=0.2):
    z = np.asarray(z, dtype=float)
    return np.where(z > 0, 1.0, negative_slope)


def leaky_relu(answer) -> bool:
    """Check Exercise 5.2 (value): ``leaky_relu(z, negative_slope=0.2)``, elementwise.

    Cases: a vector across 0 with the default slope, another slope given by keyword, and a 2-D array
    (the function must work elementwise on any shape).
    """
    rng = np.random.default_rng(52)
    cases = [
        Case((np.array([-3.0, -0.5, 0.0, 0.5, 3.0]),)),
        Case((np.array([-10.0, -1.0, 2.0]),), kwargs={"negative_slope": 0.01}),
        Case((np.array([-2.0, 4.0]),), kwargs={"negative_slope": 0.5}),
        Case((rng.normal(size=(3, 4)),), label="a 3x4 array of random numbers"),
    ]
    return check_function(
        "leaky_relu",
        answer,
        _leaky_relu,
        cases,
        hint="keep z where z > 0 and use negative_slope * z elsewhere; np.where(condition, a, b) "
        "does it elementwise for any shape. Use the negative_slope argument, not a constant.",
    )


def leaky_relu_derivative(answer) -> bool:
    """Check Exercise 5.2 (derivative): ``leaky_relu_derivative(z, negative_slope=0.2)``.

    The derivative is 1 for ``z > 0`` and ``negative_slope`` for ``z < 0``. At exactly ``z = 0`` it
    is not defined; the cases avoid 0 so either convention passes.
    """
    rng = np.random.default_rng(53)
    cases = [
        Case((np.array([-3.0, -0.5, 0.5, 3.0]),)),
        Case((np.array([-10.0, -1.0, 2.0]),), kwargs={"negative_slope": 0.01}),
        Case((rng.normal(size=(3, 4)) + 0.01,), label="a 3x4 array of random numbers"),
    ]
    return check_function(
        "leaky_relu_derivative",
        answer,
        _leaky_relu_derivative,
        cases,
        hint="differentiate each branch: z has slope 1 and negative_slope * z has slope "
        "negative_slope. The answer is an array shaped like z (not z itself times a slope).",
    )


def _stable_softmax(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def stable_softmax(answer) -> bool:
    """Check Exercise 5.3: ``stable_softmax(z)`` over the last axis, finite for any logits.

    Cases: one vector, a batch of rows (each row sums to 1, not the whole array), equal logits, and
    logits of 1000, where ``np.exp`` overflows unless the row maximum is subtracted first.
    """
    cases = [
        Case((np.array([1.0, 2.0, 3.0]),)),
        Case(
            (np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0], [-1.0, 5.0, 2.0]]),), label="3 rows of 3"
        ),
        Case((np.array([1000.0, 1001.0, 1002.0]),), label="large logits [1000., 1001., 1002.]"),
        Case((np.array([[-1000.0, 0.0], [500.0, 500.0]]),), label="[[-1000, 0], [500, 500]]"),
    ]
    with np.errstate(over="ignore", invalid="ignore"):
        # A naive answer overflows; its inf/nan is reported as a wrong case, not as a warning.
        return check_function(
            "stable_softmax",
            answer,
            _stable_softmax,
            cases,
            hint="exp(z_i) / sum_j exp(z_j), computed row by row (axis=-1, keepdims=True). "
            "Subtract each row's maximum first: it changes nothing mathematically and keeps "
            "exp from overflowing.",
        )
