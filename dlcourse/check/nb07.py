"""Exercise checks for notebook 07_backpropagation.

- Exercise 7.1 ``output_weight_gradient`` (derive): dL/dW2 of the 3-2-1 network, by the chain rule.
- Exercise 7.2 ``hidden_weight_gradient`` (derive): dL/dW1, one layer further back.
- Exercise 7.3 ``dense_backward`` (build): a Dense layer's backward pass for a whole batch.
- Exercise 7.4 ``residual_gradient`` (derive): the gradient of a value that feeds two paths,
  checked against central differences.

The 3-2-1 network of 7.1 and 7.2 is the course's worked example (``dlcourse.worked_example``):
``h = sigmoid(x @ W1 + b1)``, ``y_hat = sigmoid(h @ W2 + b2)``, ``L = (y_hat - y)**2``. When a case
fails, each check compares the answer with what the usual mistakes compute
(``dlcourse.check._mistakes``) and names the one that matches; no message restates the solution.
"""

from __future__ import annotations

import numpy as np

from dlcourse import worked_example
from dlcourse.activations import sigmoid
from dlcourse.check._core import FAIL, Case, check_function
from dlcourse.check._mistakes import Mistake, hint_for
from dlcourse.worked_example import ThreeTwoOne

__all__ = [
    "output_weight_gradient",
    "hidden_weight_gradient",
    "dense_backward",
    "residual_gradient",
]


def _gradients(x, W1, b1, W2, b2, y) -> dict[str, np.ndarray]:
    # The course's worked example computes the reference gradients (one forward/backward).
    return ThreeTwoOne(x=x, W1=W1, b1=b1, W2=W2, b2=b2, y=y).gradients()


def _output_weight_gradient(x, W1, b1, W2, b2, y):
    return _gradients(x, W1, b1, W2, b2, y)["W2"]


def _hidden_weight_gradient(x, W1, b1, W2, b2, y):
    return _gradients(x, W1, b1, W2, b2, y)["W1"]


def _forward(x, W1, b1, W2, b2, y):
    h = sigmoid(x @ W1 + b1)
    y_hat = sigmoid(h @ W2 + b2)
    return h, y_hat


def _output_variant(x, W1, b1, W2, b2, y, *, factor=2.0, sigmoid_slope=True, sign=1.0):
    h, y_hat = _forward(x, W1, b1, W2, b2, y)
    delta = sign * factor * (y_hat - y) * (y_hat * (1 - y_hat) if sigmoid_slope else 1.0)
    return np.outer(h, delta)


def _hidden_variant(x, W1, b1, W2, b2, y, *, output_slope=True, hidden_slope=True, factor=2.0):
    h, y_hat = _forward(x, W1, b1, W2, b2, y)
    delta2 = factor * (y_hat - y) * (y_hat * (1 - y_hat) if output_slope else 1.0)
    delta1 = (W2 @ delta2) * (h * (1 - h) if hidden_slope else 1.0)
    return np.outer(x, delta1)


def _network_cases() -> list[Case]:
    rng = np.random.default_rng(7)
    cases = [
        Case(
            (np.array(worked_example.X), *(np.array(w) for w in worked_example.WEIGHTS),
             worked_example.Y),
            label="the 3-2-1 network from the notebook, target y = 1",
        ),
    ]  # fmt: skip
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
    Named mistakes: the output sigmoid's slope left out, a sign error, a missing factor 2.
    """
    cases = _network_cases()
    mistakes = [
        Mistake(
            "the output sigmoid's derivative left out",
            lambda *a: _output_variant(*a, sigmoid_slope=False),
            "the loss reaches W2 through the output sigmoid, and every operation on the way "
            "contributes its local derivative.",
        ),
        Mistake(
            "a sign error",
            lambda *a: _output_variant(*a, sign=-1.0),
            "the gradient points uphill: when y_hat is below the target, raising y_hat must lower "
            "the loss, so dL/dy_hat is negative there.",
        ),
        Mistake(
            "a gradient off by a factor 2",
            lambda *a: _output_variant(*a, factor=1.0),
            "the derivative of a square brings down its exponent.",
        ),
    ]
    hint = (
        "walk back from the loss to W2 through each operation of the forward pass and multiply "
        "their local derivatives; the answer has one entry per weight, in the shape of W2."
    )
    hint = hint_for(answer, _output_weight_gradient, cases, mistakes, hint)
    return check_function(
        "output_weight_gradient", answer, _output_weight_gradient, cases, hint=hint
    )


def hidden_weight_gradient(answer) -> bool:
    """Check Exercise 7.2: ``hidden_weight_gradient(x, W1, b1, W2, b2, y)`` returns dL/dW1 (3, 2).

    Cases as for Exercise 7.1. Named mistakes: the hidden or the output sigmoid's slope left out,
    a missing factor 2, the result transposed (2, 3).
    """
    cases = _network_cases()
    mistakes = [
        Mistake(
            "the hidden sigmoid's derivative left out",
            lambda *a: _hidden_variant(*a, hidden_slope=False),
            "between a hidden neuron's output h[j] and its weighted sum z1[j] there is one more "
            "sigmoid to go back through.",
        ),
        Mistake(
            "the output sigmoid's derivative left out",
            lambda *a: _hidden_variant(*a, output_slope=False),
            "the part of the path you share with Exercise 7.1 still goes through the output "
            "sigmoid.",
        ),
        Mistake(
            "a gradient off by a factor 2",
            lambda *a: _hidden_variant(*a, factor=1.0),
            "the derivative of a square brings down its exponent.",
        ),
        Mistake(
            "a transposed gradient",
            lambda *a: _hidden_variant(*a).T,
            "a gradient has the shape of its parameter: rows for the inputs, columns for the "
            "hidden neurons.",
        ),
    ]
    hint = (
        "reuse the error signal at the output's weighted sum from Exercise 7.1, carry it back "
        "through the weight that links each hidden neuron to the output, then through that "
        "neuron's activation; the result has the shape of W1."
    )
    hint = hint_for(answer, _hidden_weight_gradient, cases, mistakes, hint)
    return check_function(
        "hidden_weight_gradient", answer, _hidden_weight_gradient, cases, hint=hint
    )


def _dense_variant(X, W, G, *, db="sum", dW="right", dX="right", mean=False):
    X, W, G = (np.asarray(a, dtype=float) for a in (X, W, G))
    m = X.shape[0] if mean else 1
    grad_W = {"right": X.T @ G, "transposed": G.T @ X}[dW] / m
    grad_b = {"sum": G.sum(axis=0) / m, "none": G, "first": G[0], "mean": G.mean(axis=0)}[db]
    grad_X = {"right": G @ W.T, "W": G @ W if G.shape[1] == W.shape[0] else None}[dX]
    return grad_W, grad_b, grad_X


def _dense_backward(X, W, grad_output):
    return _dense_variant(X, W, grad_output)


def dense_backward(answer) -> bool:
    """Check Exercise 7.3: ``dense_backward(X, W, grad_output)`` returns ``(dW, db, dX)``.

    ``X`` is (m, n), ``W`` (n, units) and ``grad_output`` = dL/dZ (m, units) for ``Z = X @ W + b``.
    Cases: a batch of one, a batch of 4, a batch of 5 into 1 unit, and a square layer (3 inputs,
    3 units) where a transposed kernel has the right shape but the wrong values. Named mistakes:
    db not summed over the batch (or only the first sample's), the mean over the batch instead of
    the sum (db, or dW and db), dW transposed, dX through W instead of its transpose, the inputs
    changed in place.
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
        Case(
            (rng.normal(size=(3, 3)), rng.normal(size=(3, 3)), rng.normal(size=(3, 3))),
            label="a batch of 3 samples, 3 features, 3 units (every matrix is square)",
        ),
    ]
    mistakes = [
        Mistake(
            "db not summed over the batch",
            lambda X, W, G: _dense_variant(X, W, G, db="none"),
            "the bias is one vector shared by every sample, so each sample adds its part to its "
            "gradient: db has one entry per unit.",
        ),
        Mistake(
            "db from the first sample only",
            lambda X, W, G: _dense_variant(X, W, G, db="first"),
            "every sample of the batch used the bias, not only the first.",
        ),
        Mistake(
            "db averaged over the batch instead of summed",
            lambda X, W, G: _dense_variant(X, W, G, db="mean"),
            "grad_output already holds the 1/m of a mean loss, so dividing again counts it twice.",
        ),
        Mistake(
            "dW and db averaged over the batch instead of summed",
            lambda X, W, G: _dense_variant(X, W, G, db="sum", mean=True),
            "grad_output already holds the 1/m of a mean loss, so dividing again counts it twice.",
        ),
        Mistake(
            "a transposed dW",
            lambda X, W, G: _dense_variant(X, W, G, dW="transposed"),
            "dW must have the shape of W, (inputs, units): rows for the inputs.",
        ),
        Mistake(
            "dX computed through W instead of its transpose",
            lambda X, W, G: _dense_variant(X, W, G, dX="W"),
            "going back, the signal flows from the units to the inputs, the reverse of the "
            "forward direction; dX has the shape of X.",
        ),
    ]
    hint = (
        "write Z = X W + b for one entry and ask which entries of W, b and X it depends on; each "
        "gradient has the shape of its variable, and the shapes tell you which matrix to "
        "transpose."
    )
    if callable(answer):
        X, W, G = cases[1].args
        before = [a.copy() for a in (X, W, G)]
        try:
            answer(X, W, G)
        except Exception:  # check_function reports it, at the learner's line
            pass
        if any(not np.array_equal(a, b) for a, b in zip((X, W, G), before, strict=True)):
            print(f"{FAIL} dense_backward: the answer changed its inputs in place.")
            print(f"   input:    {cases[1].label}")
            print(
                "   Hint: an operator such as -= or *= on an argument writes into the caller's "
                "array (the layer's weights, the batch). Build new arrays instead."
            )
            return False
    hint = hint_for(answer, _dense_backward, cases, mistakes, hint)
    return check_function("dense_backward", answer, _dense_backward, cases, hint=hint)


def _residual_loss(w, x, v, y) -> float:
    """L = (y_hat - y)**2 with a = w * x and y_hat = a + v * tanh(a): a feeds y_hat twice."""
    a = w * x
    return (a + v * np.tanh(a) - y) ** 2


def _numerical_residual_gradient(w, x, v, y, eps=1e-6) -> float:
    """dL/dw by central differences of the loss (no chain rule involved)."""
    return float((_residual_loss(w + eps, x, v, y) - _residual_loss(w - eps, x, v, y)) / (2 * eps))


def _residual_parts(w, x, v, y):
    a = w * x
    outer = 2 * (a + v * np.tanh(a) - y)
    return outer, 1.0, v * (1 - np.tanh(a) ** 2), x


def residual_gradient(answer) -> bool:
    """Check Exercise 7.4: ``residual_gradient(w, x, v, y)`` returns dL/dw (a float).

    The loss is ``(a + v * tanh(a) - y)**2`` with ``a = w * x``: the value ``a`` reaches the output
    along two paths (directly, and through ``v * tanh(a)``), so its gradient is the sum of the two
    paths' contributions. The answer is compared with central differences of that loss. Named
    mistakes: one path only (either one; the two multiplied give the tanh path's value), a missing
    factor 2, a sign error, the factor da/dw left out.
    """
    cases = [
        Case((0.5, 1.5, 0.8, 1.0), label="w=0.5, x=1.5, v=0.8, y=1.0"),
        Case((-1.0, 0.5, -1.5, 0.2), label="w=-1.0, x=0.5, v=-1.5, y=0.2"),
        Case((0.3, -3.0, 2.0, -1.0), label="w=0.3, x=-3.0, v=2.0, y=-1.0"),
        Case((2.0, 1.0, 0.5, 0.0), label="w=2.0, x=1.0, v=0.5, y=0.0 (tanh nearly flat)"),
    ]

    def variant(combine, factor=1.0, with_x=True):
        def computes(w, x, v, y):
            outer, skip, through_tanh, dadw = _residual_parts(w, x, v, y)
            return float(factor * outer * combine(skip, through_tanh) * (dadw if with_x else 1.0))

        return computes

    mistakes = [
        Mistake(
            "the direct path only",
            variant(lambda skip, tanh: skip),
            "a also reaches the output through v * tanh(a); every path from a to the loss "
            "contributes.",
        ),
        Mistake(
            "the tanh path only",
            variant(lambda skip, tanh: tanh),
            "a is also added to the output directly (the skip connection); every path from a to "
            "the loss contributes.",
        ),
        Mistake(
            "a gradient off by a factor 2",
            variant(lambda s, t: s + t, factor=0.5),
            "the derivative of a square brings down its exponent.",
        ),
        Mistake(
            "a sign error",
            variant(lambda s, t: s + t, factor=-1.0),
            "the gradient points uphill: when y_hat is below the target, raising y_hat must lower "
            "the loss, so dL/dy_hat is negative there.",
        ),
        Mistake(
            "the last link, from w to a, left out",
            variant(lambda s, t: s + t, with_x=False),
            "the question asks for the slope with respect to w, and a depends on w.",
        ),
    ]
    hint = (
        "draw the graph from w to the loss: count the paths from a to the output, work out the "
        "local derivative on each link, and decide how the paths combine."
    )
    hint = hint_for(answer, _numerical_residual_gradient, cases, mistakes, hint)
    return check_function(
        "residual_gradient", answer, _numerical_residual_gradient, cases, hint=hint, rtol=1e-5,
        atol=1e-7,
    )  # fmt: skip
