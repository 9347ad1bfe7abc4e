"""Exercise checks for notebook 07_backpropagation.

- Exercise 7.1 ``output_weight_gradient``: dL/dW2 of the 3-2-1 network, by the chain rule.
- Exercise 7.2 ``hidden_weight_gradient``: dL/dW1 of the same network, one layer further back.
- Exercise 7.3 ``dense_backward``: a Dense layer's backward pass for a whole batch.

The 3-2-1 network of these exercises: ``h = sigmoid(x @ W1 + b1)``, ``y_hat = sigmoid(h @ W2 + b2)``
and the squared-error loss ``L = (y_hat - y)**2`` for one sample, with ``x`` (3,), ``W1`` (3, 2),
``b1`` (2,), ``W2`` (2, 1), ``b2`` (1,) and ``y`` a number.
"""

from __future__ import annotations

import numpy as np

from dlcourse import worked_example
from dlcourse.check._core import Case, check_function
from dlcourse.worked_example import ThreeTwoOne

__all__ = ["output_weight_gradient", "hidden_weight_gradient", "dense_backward"]


def _gradients(x, W1, b1, W2, b2, y) -> dict[str, np.ndarray]:
    # The course's worked example computes the reference gradients (one forward/backward).
    return ThreeTwoOne(x=x, W1=W1, b1=b1, W2=W2, b2=b2, y=y).gradients()


def _output_weight_gradient(x, W1, b1, W2, b2, y):
    return _gradients(x, W1, b1, W2, b2, y)["W2"]


def _hidden_weight_gradient(x, W1, b1, W2, b2, y):
    return _gradients(x, W1, b1, W2, b2, y)["W1"]


def _dense_backward(X, W, grad_output):
    X = np.asarray(X, dtype=float)
    W = np.asarray(W, dtype=float)
    grad_output = np.asarray(grad_output, dtype=float)
    return X.T @ grad_output, grad_output.sum(axis=0), grad_output @ W.T


def _network_cases() -> list[Case]:
    rng = np.random.default_rng(7)
    cases = [
        Case(
            (
                np.array(worked_example.X),
                *(np.array(w) for w in worked_example.WEIGHTS),
                worked_example.Y,
            ),
            label="the 3-2-1 network from the notebook, target y = 1",
        ),  # fmt: skip
    ]
    for i, y in enumerate([0.0, 1.0, 0.3]):
        args = (
            rng.normal(size=3),
            rng.normal(size=(3, 2)),
            rng.normal(size=2),
            rng.normal(size=(2, 1)),
            rng.normal(size=1),
            y,
        )
        cases.append(Case(args, label=f"random weights #{i + 1}, target y = {y}"))
    return cases


def output_weight_gradient(answer) -> bool:
    """Check Exercise 7.1: ``output_weight_gradient(x, W1, b1, W2, b2, y)`` returns dL/dW2 (2, 1).

    Cases: the notebook's network, and three seeded random networks with targets 0, 1 and 0.3.
    """
    return check_function(
        "output_weight_gradient",
        answer,
        _output_weight_gradient,
        _network_cases(),
        hint="dL/dW2[j] = dL/dy_hat * dy_hat/dz2 * dz2/dW2[j] = 2*(y_hat - y) * y_hat*(1 - y_hat) "
        "* h[j]. Return it with the shape of W2, (2, 1).",
    )


def hidden_weight_gradient(answer) -> bool:
    """Check Exercise 7.2: ``hidden_weight_gradient(x, W1, b1, W2, b2, y)`` returns dL/dW1 (3, 2).

    Cases as for Exercise 7.1.
    """
    return check_function(
        "hidden_weight_gradient",
        answer,
        _hidden_weight_gradient,
        _network_cases(),
        hint="start from delta2 = dL/dz2 of Exercise 7.1. Hidden neuron j receives "
        "delta1[j] = delta2 * W2[j, 0] * h[j]*(1 - h[j]); then dL/dW1[i, j] = x[i] * delta1[j]. "
        "The result has the shape of W1, (3, 2).",
    )


def dense_backward(answer) -> bool:
    """Check Exercise 7.3: ``dense_backward(X, W, grad_output)`` returns ``(dW, db, dX)``.

    ``X`` is (m, n), ``W`` (n, units) and ``grad_output`` = dL/dZ (m, units) for ``Z = X @ W + b``.
    Cases: a batch of one, a batch of 4, and a batch of 5 into 1 unit; the shapes catch transposes.
    """
    rng = np.random.default_rng(70)
    cases = [
        Case(
            (np.array([[1.0, 2.0, 3.0]]), np.ones((3, 2)), np.array([[0.5, -1.0]])),
            label="a batch of 1 sample, 3 features, 2 units",
        ),
        Case(
            (rng.normal(size=(4, 3)), rng.normal(size=(3, 2)), rng.normal(size=(4, 2))),
            label="a batch of 4 samples, 3 features, 2 units",
        ),
        Case(
            (rng.normal(size=(5, 2)), rng.normal(size=(2, 1)), rng.normal(size=(5, 1))),
            label="a batch of 5 samples, 2 features, 1 unit",
        ),
    ]
    return check_function(
        "dense_backward",
        answer,
        _dense_backward,
        cases,
        hint="dW = X.T @ grad_output (shape of W), db = grad_output summed over the batch axis "
        "(axis=0, shape (units,)), dX = grad_output @ W.T (shape of X). Return them as a tuple.",
    )
