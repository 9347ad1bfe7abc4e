"""Exercise checks for notebook 01_what_is_deep_learning: a hand-made feature, the cost of a
network, and a first fairness measure.

The expected answers come from the course's reference versions in ``dlcourse.lessons.nb01`` and
(for the FLOP count) ``dlcourse.nn.dense_flops``, which the notebook also uses after each check.
"""

from __future__ import annotations

import numpy as np

from dlcourse import nn
from dlcourse.check._core import Case, check_function
from dlcourse.lessons import nb01 as lesson

__all__ = ["xor_features", "forward_flops", "approval_gap"]


def xor_features(answer) -> bool:
    """Check Exercise 1.1: ``xor_features(X)`` appends the product ``x1 * x2`` as a third column.

    ``X`` has shape (n, 2); the answer has shape (n, 3): ``[x1, x2, x1 * x2]`` in that order.
    """
    rng = np.random.default_rng(1)
    cases = [
        Case((np.array([[2.0, 3.0]]),), label="one point [[2., 3.]]"),
        Case((np.array([[1.0, -1.0], [-2.0, -2.0], [0.0, 5.0]]),)),
        Case((rng.uniform(-5, 5, size=(6, 2)),), label="6 random points in [-5, 5]^2"),
        Case((np.zeros((0, 2)),), label="no points (shape (0, 2))"),
    ]
    return check_function(
        "xor_features",
        answer,
        lesson.xor_features,
        cases,
        hint="keep both original columns and add their element-wise product as a third column: "
        "np.column_stack([X, X[:, 0] * X[:, 1]]). Do not change X itself.",
    )


def forward_flops(answer) -> bool:
    """Check Exercise 1.2: ``forward_flops(layer_sizes)``, FLOPs of one forward pass.

    For Dense layers of sizes ``n_0, ..., n_L`` (input first): ``sum(2 * n_{i-1} * n_i)`` (a
    multiply and an add per weight; biases and activations not counted).
    """
    cases = [
        Case(([3, 2, 1],), label="[3, 2, 1] (the 3-2-1 network)"),
        Case(([2, 1],), label="[2, 1] (logistic regression on 2 features)"),
        Case(([784, 512, 512, 10],)),
        Case(([64, 128, 10],)),
        Case(([5],), label="[5] (an input layer alone: no weights)"),
    ]
    return check_function(
        "forward_flops",
        answer,
        nn.dense_flops,
        cases,
        hint="go through consecutive pairs of sizes (n_in, n_out): that layer has n_in * n_out "
        "weights, each costing one multiply and one add; biases are not counted.",
    )


def approval_gap(answer) -> bool:
    """Check Exercise 1.3: ``approval_gap(probabilities, group)``.

    The mean predicted approval probability of group 0 minus that of group 1 (the
    "demographic parity difference"); positive when group 0 is favoured. ``probabilities`` may be
    a column (n, 1) as ``predict`` returns it, ``group`` is (n,) of 0/1.
    """
    rng = np.random.default_rng(2)
    group = (rng.uniform(size=12) < 0.4).astype(float)
    cases = [
        Case((np.array([0.9, 0.7, 0.2, 0.4]), np.array([0, 0, 1, 1])), label="four applicants"),
        Case(
            (np.array([[0.5], [0.5], [0.5]]), np.array([1, 0, 1])),
            label="a column (3, 1) of equal probabilities: no gap",
        ),
        Case(
            (np.array([0.1, 0.8, 0.9]), np.array([0, 1, 1])),
            label="group 1 favoured (the gap is negative)",
        ),
        Case((rng.uniform(size=(12, 1)), group), label="12 random applicants, (12, 1) column"),
    ]
    return check_function(
        "approval_gap",
        answer,
        lesson.approval_gap,
        cases,
        hint="flatten the probabilities (they may come as a (n, 1) column), select each group "
        "with a boolean mask (group == 0, group == 1), and subtract the means: group 0 minus "
        "group 1.",
    )
