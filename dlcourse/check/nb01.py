"""Exercise checks for notebook 01_what_is_deep_learning: a hand-made feature, how the cost of a
network grows with its width, and a first fairness measure.

- Exercise 1.1 (build) ``xor_features``: the XOR inputs with the product ``x1 * x2`` appended.
- Exercise 1.2 (predict, then run) ``flops_growth``: by what factor the forward FLOPs of the
  notebook's 784-w-w-10 network grow when ``w`` doubles, for a narrow and a wide network.
- Exercise 1.3 (build) ``approval_gap``: the demographic parity difference of two groups.

Each check names the usual mistakes of its exercise (the product alone, a sum for the product,
the columns in another order; every layer taken as growing linearly, or with the square of the
width, the input layer left out, the ratio turned upside down; the groups subtracted the other
way, an absolute value, sums for means). The expected answers come from the course's reference
versions in ``dlcourse.lessons.nb01`` and ``dlcourse.nn.dense_flops``, which the notebook also
uses after each check.
"""

from __future__ import annotations

import numpy as np

from dlcourse import nn
from dlcourse.check._core import FAIL, Case, _fmt, check_function, check_value
from dlcourse.check._mistakes import Mistake, hint_for
from dlcourse.lessons import nb01 as lesson

__all__ = ["xor_features", "flops_growth", "approval_gap"]


# ---------------------------------------------------------------- Exercise 1.1

_XOR_MISTAKES = [
    Mistake(
        "the product alone",
        lambda X: X[:, 0] * X[:, 1],
        "the answer is only the new column, one number per point; the model should still see "
        "x1 and x2 as well, so return all three columns, shape (n, 3).",
    ),
    Mistake(
        "the product alone",
        lambda X: (X[:, 0] * X[:, 1]).reshape(-1, 1),
        "the answer keeps only the new column; the model should still see x1 and x2 as well, "
        "so return all three columns.",
    ),
    Mistake(
        "the product as the first column",
        lambda X: np.column_stack([X[:, 0] * X[:, 1], X]),
        "the columns are right but in another order; the new feature goes last, after x1 and x2.",
    ),
    Mistake(
        "a sum instead of the product",
        lambda X: np.column_stack([X, X[:, 0] + X[:, 1]]),
        "the third column adds x1 and x2; the XOR class depends on the sign of their product.",
    ),
    Mistake(
        "x1 squared instead of the product",
        lambda X: np.column_stack([X, X[:, 0] ** 2]),
        "a square is never negative, so it cannot tell the quadrants apart; multiply the two "
        "coordinates of each point with each other.",
    ),
]


def xor_features(answer) -> bool:
    """Check Exercise 1.1: ``xor_features(X)`` appends the product ``x1 * x2`` as a third column.

    ``X`` has shape (n, 2); the answer has shape (n, 3): ``[x1, x2, x1 * x2]`` in that order.
    Named mistakes: the product alone, the product first, a sum or x1 squared for the product.
    """
    rng = np.random.default_rng(1)
    cases = [
        Case((np.array([[2.0, 3.0]]),), label="one point [[2., 3.]]"),
        Case((np.array([[1.0, -1.0], [-2.0, -2.0], [0.0, 5.0]]),)),
        Case((rng.uniform(-5, 5, size=(6, 2)),), label="6 random points in [-5, 5]^2"),
        Case((np.zeros((0, 2)),), label="no points (shape (0, 2))"),
    ]
    hint = hint_for(
        answer,
        lesson.xor_features,
        cases,
        _XOR_MISTAKES,
        hint="keep both original columns unchanged and add one more: for every row, the first "
        "coordinate times the second. The result has one row per point and three columns; "
        "an empty input gives an empty (0, 3) array.",
    )
    return check_function("xor_features", answer, lesson.xor_features, cases, hint=hint)


# ---------------------------------------------------------------- Exercise 1.2

FLOPS_GROWTH_WIDTHS = ((16, 32), (4096, 8192))
"""The two doublings of Exercise 1.2: the 784-w-w-10 network from w = 16 to 32, and from 4096 to
8192."""

_TOLERANCE = 0.011  # the answers are written with two decimals


def _sizes(width: int) -> list[int]:
    return [784, width, width, 10]


def _growth(flops, old: int, new: int) -> float:
    return flops(new) / flops(old)


def _expected_growth() -> tuple[float, float]:
    return tuple(
        _growth(lambda w: nn.dense_flops(_sizes(w)), old, new) for old, new in FLOPS_GROWTH_WIDTHS
    )


_GROWTH_MISTAKES = [
    Mistake(
        "every layer growing linearly with the width (a factor 2)",
        lambda w: 2 * w,
        "that holds for the input layer (784 x w weights) and the output layer (w x 10), but the "
        "hidden-to-hidden layer has w x w weights: doubling w multiplies those by 4.",
    ),
    Mistake(
        "every layer growing with the square of the width (a factor 4)",
        lambda w: w * w,
        "only the hidden-to-hidden layer (w x w weights) quadruples; the input layer "
        "(784 x w) and the output layer (w x 10) only double.",
    ),
    Mistake(
        "the input layer left out",
        lambda w: w * w + 10 * w,
        "the first layer, from the 784 pixels to the w units, has the most weights of all when "
        "w is small; count its 784 x w weights too.",
    ),
]


def _named_growth(value, index: int) -> str | None:
    """The name and advice of the mistake that gives ``value`` for doubling ``index``, if any."""
    old, new = FLOPS_GROWTH_WIDTHS[index]
    right = _expected_growth()[index]
    if abs(value - 1 / right) <= _TOLERANCE:
        return (
            "the ratio upside down: divide the FLOPs of the wider network by those of the "
            "narrower one (the factor is above 1)."
        )
    if value > 100:
        return (
            "a count of FLOPs, not a factor: give how many times more the wider network costs "
            "(new FLOPs divided by old FLOPs)."
        )
    for mistake in _GROWTH_MISTAKES:  # here ``computes`` is the cost model, a function of w
        if abs(value - _growth(mistake.computes, old, new)) <= _TOLERANCE:
            return f"{mistake.name}: {mistake.advice}"
    return None


def flops_growth(growth_narrow, growth_wide) -> bool:
    """Check Exercise 1.2: the factors by which forward FLOPs grow when the width doubles.

    The network is the notebook's MLP for 28x28 images, layer sizes ``[784, w, w, 10]`` with FLOPs
    counted as ``nn.dense_flops`` counts them (2 per weight). ``growth_narrow`` is
    ``FLOPs(w=32) / FLOPs(w=16)``, ``growth_wide`` is ``FLOPs(w=8192) / FLOPs(w=4096)``; each is
    accepted within 0.011 (two decimals). Named mistakes: a factor 2 (every layer linear in the
    width), a factor 4 (every layer quadratic), the input layer left out, the ratio upside down,
    a FLOP count instead of a factor, the two answers swapped.
    """
    name = "flops_growth"
    answers = {"growth_narrow": growth_narrow, "growth_wide": growth_wide}
    for arg, value in answers.items():
        if value is Ellipsis or value is NotImplemented:
            print(
                f"{FAIL} {name}: not done yet (replace the placeholder {arg} = ... with your answer)."
            )
            return False
        if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
            print(
                f"{FAIL} {name}: `{arg}` must be one number (a factor such as 1.5), got {_fmt(value)}."
            )
            print("   Hint: write the factor as a plain number, e.g. 1.5, not a list or a string.")
            return False
    expected = _expected_growth()
    got = (float(growth_narrow), float(growth_wide))
    if all(abs(g - e) <= _TOLERANCE for g, e in zip(got, expected, strict=True)):
        return check_value(
            name,
            tuple(round(e, 2) for e in expected),
            tuple(round(e, 2) for e in expected),
            hint="",
        )
    if all(abs(g - e) <= _TOLERANCE for g, e in zip(got, expected[::-1], strict=True)):
        print(f"{FAIL} {name}: the two answers look swapped.")
        print("   Hint: growth_narrow is for w from 16 to 32, growth_wide for w from 4096 to 8192.")
        return False
    problems = []
    for index, (arg, (old, new)) in enumerate(zip(answers, FLOPS_GROWTH_WIDTHS, strict=True)):
        if abs(got[index] - expected[index]) > _TOLERANCE:
            named = _named_growth(got[index], index)
            why = (
                f"This looks like {named}"
                if named
                else (
                    "This is not the factor: write the three layers' weight counts as expressions in w, "
                    "then compare them at the two widths."
                )
            )
            problems.append(f"   {arg} (w from {old} to {new}): got {_fmt(got[index])}. {why}")
    print(f"{FAIL} {name}: {len(problems)} of 2 answers not yet right.")
    for line in problems:
        print(line)
    print(
        "   Hint: a Dense layer from n_in to n_out units costs 2 * n_in * n_out FLOPs; the "
        "network has three such layers, and only one of them has w in both of its sizes."
    )
    return False


# ---------------------------------------------------------------- Exercise 1.3


def _flat(p):
    return np.asarray(p, dtype=float).reshape(-1)


_GAP_MISTAKES = [
    Mistake(
        "an absolute value",
        lambda p, g: abs(_flat(p)[g == 0].mean() - _flat(p)[g == 1].mean()),
        "keep the sign: it says which group is favoured, and the gap is negative when group 1 is.",
    ),
    Mistake(
        "the groups subtracted the other way round",
        lambda p, g: _flat(p)[g == 1].mean() - _flat(p)[g == 0].mean(),
        "the gap is group 0's mean minus group 1's, so that it is positive when group 0 is "
        "favoured.",
    ),
    Mistake(
        "sums instead of means",
        lambda p, g: _flat(p)[g == 0].sum() - _flat(p)[g == 1].sum(),
        "the groups have different sizes; compare their average probabilities, not their totals.",
    ),
    Mistake(
        "group 0 against everyone",
        lambda p, g: _flat(p)[g == 0].mean() - _flat(p).mean(),
        "the second term is the mean over all applicants; take it over group 1 only.",
    ),
]


def approval_gap(answer) -> bool:
    """Check Exercise 1.3: ``approval_gap(probabilities, group)``.

    The mean predicted approval probability of group 0 minus that of group 1 (the
    "demographic parity difference"); positive when group 0 is favoured. ``probabilities`` may be
    a column (n, 1) as ``predict`` returns it, ``group`` is (n,) of 0/1. Named mistakes: the
    difference reversed, an absolute value, sums instead of means, group 0 against everyone.
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
    hint = hint_for(
        answer,
        lesson.approval_gap,
        cases,
        _GAP_MISTAKES,
        hint="flatten the probabilities first (they may come as an (n, 1) column), pick out each "
        "group's applicants with a True/False mask built from `group`, average each group, and "
        "subtract: group 0 minus group 1.",
    )
    return check_function("approval_gap", answer, lesson.approval_gap, cases, hint=hint)
