"""Exercise checks for notebook 03_neurons.

- Exercise 3.1 ``neuron_forward`` (build): a sigmoid neuron's outputs for a whole batch, ``X`` of
  shape ``(num_samples, num_features)``, one output per sample.
- Exercise 3.2 ``logic_gates`` (design): a weight pair and a bias, chosen by hand, so that one
  neuron computes AND, one OR and one NAND of two 0/1 inputs.
- Exercise 3.3 ``xor_network`` (design): two hidden units and an output unit that compute XOR.

A neuron fires when its output is above f(0), that is when ``z = x . w + b > 0``: the course's one
definition, ``dlcourse.neuron.Neuron.fires``, which the design checks use. In the designs a unit
passes on 1 when it fires and 0 when it does not. When an answer is wrong, the checks name the
usual mistake (a transposed product, a missing bias, a result of the wrong shape; a bias too large
for a gate, hidden units that cannot tell two rows apart), never the right numbers.
"""

from __future__ import annotations

import numpy as np

from dlcourse import activations
from dlcourse.check._core import FAIL, PASS, Case, _record_pass, check_function
from dlcourse.check._mistakes import Mistake, hint_for
from dlcourse.neuron import Neuron

__all__ = ["neuron_forward", "logic_gates", "xor_network"]

_sigmoid = activations.get("sigmoid")


# -- Exercise 3.1: a neuron's forward pass for a batch ---------------------------------------------


def _forward(X, w, b):
    return _sigmoid(np.asarray(X, dtype=float) @ np.asarray(w, dtype=float) + float(b))


_FORWARD_MISTAKES = [
    Mistake(
        "a transposed product (the weights paired with the samples, w @ X or X.T @ w)",
        lambda X, w, b: _sigmoid(w @ X + b),
        "each row of X is one sample and each column one feature; every sample's features must "
        "meet the weights, one weight per column. (With as many samples as features the shapes "
        "fit either way, so only the numbers show it.)",
    ),
    Mistake(
        "a missing bias",
        lambda X, w, b: _sigmoid(X @ w),
        "add the bias to every weighted sum before the activation.",
    ),
    Mistake(
        "a bias with the wrong sign",
        lambda X, w, b: _sigmoid(X @ w - b),
        "the bias is added to the weighted sum, not subtracted.",
    ),
    Mistake(
        "a bias added once per input",
        lambda X, w, b: _sigmoid(np.sum(X * w + b, axis=1)),
        "the bias belongs to the neuron, not to each input: add it once per sample, after the "
        "sum of the products.",
    ),
    Mistake(
        "a missing activation",
        lambda X, w, b: X @ w + b,
        "these are the weighted sums z; the neuron's output is the sigmoid of them.",
    ),
    Mistake(
        "a mean instead of a sum",
        lambda X, w, b: _sigmoid(np.mean(X * w, axis=1) + b),
        "the weighted sum adds the products up; it does not divide by the number of inputs.",
    ),
    Mistake(
        "a sum over the samples instead of the features (axis 0)",
        lambda X, w, b: _sigmoid(np.sum(X * w, axis=0) + b),
        "each sample's products are in its row: add them along the features, one sum per row.",
    ),
    Mistake(
        "a column of shape (num_samples, 1)",
        lambda X, w, b: _forward(X, w, b).reshape(-1, 1),
        "a weight vector turned into a column (or a loop that collects [value] lists) gives one "
        "column; return a flat array with one number per sample, shape (num_samples,).",
    ),
    Mistake(
        "only the last sample's output (a loop that overwrites its result)",
        lambda X, w, b: _forward(X[-1:], w, b)[0],
        "keep the output of every sample, one per row of X, not only the last one computed.",
    ),
]


def _forward_cases() -> list[Case]:
    rng = np.random.default_rng(3)
    return [
        Case(
            (rng.normal(size=(3, 3)), rng.normal(size=3), 0.5),
            label="X of shape (3, 3) (3 samples, 3 features), w of shape (3,), b=0.5",
        ),
        Case(
            (
                np.array([[6.0, 0.9], [2.0, 0.5], [4.0, 1.0], [8.0, 0.2]]),
                np.array([0.8, 2.0]),
                -5.0,
            ),
            label="the four students: X of shape (4, 2), w=[0.8, 2.0], b=-5.0",
        ),
        Case(
            (rng.normal(size=(1, 4)), rng.normal(size=4), -0.25),
            label="a batch of one sample: X of shape (1, 4), w of shape (4,), b=-0.25",
        ),
        Case(
            (rng.normal(size=(6, 1)), np.array([1.5]), 0.1),
            label="one feature: X of shape (6, 1), w=[1.5], b=0.1",
        ),
        Case(
            (rng.normal(size=(5, 3)), rng.normal(size=3), 0.0),
            label="X of shape (5, 3), w of shape (3,), b=0.0",
        ),
    ]


def neuron_forward(answer) -> bool:
    """Check Exercise 3.1: ``neuron_forward(X, w, b)`` returns ``sigmoid(z)`` for every sample.

    ``X`` is ``(num_samples, num_features)``, ``w`` is ``(num_features,)`` and ``b`` a number; the
    answer has shape ``(num_samples,)``. Cases: a square X (3 samples, 3 features: a transposed
    product has the right shape there and only the numbers differ), the notebook's four students,
    a batch of one sample, one feature, and a zero bias. Named mistakes: a transposed product, a
    missing bias or one with the wrong sign, a bias per input, no activation, a mean instead of a
    sum, a sum over the samples, a column ``(num_samples, 1)``, and only the last sample's output.
    The input must not be changed in place.
    """
    cases = _forward_cases()
    hint = (
        "each row of X is one sample: its weighted sum multiplies the row by the weights, adds "
        "the products up and adds the bias once; the output is the sigmoid of that, one number "
        "per row (shape (num_samples,))."
    )
    if callable(answer) and _changes_its_input(answer, cases[1]):
        print(f"{FAIL} neuron_forward: the answer changed its input X in place.")
        print("   Hint: compute the outputs into a new array; leave X as the caller gave it.")
        return False
    hint = hint_for(answer, _forward, cases, _FORWARD_MISTAKES, hint)
    return check_function("neuron_forward", answer, _forward, cases, hint=hint)


def _changes_its_input(answer, case: Case) -> bool:
    X = case.args[0].copy()
    try:
        with np.errstate(all="ignore"):
            answer(X, *case.args[1:])
    except Exception:  # check_function reports a crash itself, at the learner's line
        return False
    return not np.array_equal(X, case.args[0])


# -- Exercises 3.2 and 3.3: neurons designed by hand ------------------------------------------------

_ROWS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
_ROW_NAMES = ["(0, 0)", "(0, 1)", "(1, 0)", "(1, 1)"]

# What each pattern of the four rows (0,0), (0,1), (1,0), (1,1) is called.
_FUNCTIONS = {
    (0, 0, 0, 1): "AND",
    (0, 1, 1, 1): "OR",
    (1, 1, 1, 0): "NAND",
    (1, 0, 0, 0): "NOR",
    (0, 1, 1, 0): "XOR",
    (1, 0, 0, 1): "XNOR",
    (0, 0, 1, 1): "x1 alone",
    (0, 1, 0, 1): "x2 alone",
    (1, 1, 0, 0): "NOT x1",
    (1, 0, 1, 0): "NOT x2",
    (0, 0, 0, 0): "a unit that never fires",
    (1, 1, 1, 1): "a unit that always fires",
}
_GATES = {"AND": (0, 0, 0, 1), "OR": (0, 1, 1, 1), "NAND": (1, 1, 1, 0)}
_XOR = (0, 1, 1, 0)


def _unit(value, what: str) -> tuple[np.ndarray, float] | str:
    """(weights, bias) of one two-input unit given as ``(weights, bias)``, or why not."""
    form = f"{what} must be a pair (weights, bias): two weights, e.g. [w1, w2], and one bias"
    if isinstance(value, dict) or callable(value) or not isinstance(value, tuple | list):
        return f"{form}; got {type(value).__name__}."
    if len(value) != 2:
        return f"{form}; got {len(value)} items."
    weights, bias = value
    try:
        weights = np.asarray(weights, dtype=float)
        bias = float(bias)
    except (TypeError, ValueError):
        return f"{form}; got weights {weights!r} and bias {bias!r}."
    if weights.shape != (2,):
        return f"{form} (one weight per input, and the inputs are x1 and x2); got weights of shape {weights.shape}."
    if not (np.all(np.isfinite(weights)) and np.isfinite(bias)):
        return f"{form}, all finite numbers."
    return weights, bias


def _fires(
    weights: np.ndarray, bias: float, inputs: np.ndarray
) -> tuple[tuple[int, ...], np.ndarray]:
    """(0/1 firing pattern over the rows, the weighted sums), by the course's Neuron.fires."""
    unit = Neuron(weights, bias=bias)
    return tuple(int(f) for f in unit.fires(inputs)), unit.weighted_sum(inputs)


def _named(pattern: tuple[int, ...]) -> str:
    return _FUNCTIONS[pattern]


def _one_unit_can(inputs: np.ndarray, target: tuple[int, ...]) -> bool:
    """Whether some single unit fires exactly on ``target`` for these 0/1 ``inputs`` (4, 2).

    A grid is enough: on 0/1 inputs every pattern one unit can make is made by weights in
    {-2, ..., 2} and a bias between -3 and 3 in steps of 0.5.
    """
    steps = np.arange(-2.0, 2.01, 0.5)
    for w1 in steps:
        for w2 in steps:
            z = inputs @ np.array([w1, w2])
            for b in np.arange(-3.0, 3.01, 0.5):
                if tuple(int(v) for v in (z + b > 0)) == target:
                    return True
    return False


def _why_wrong(name: str, pattern, expected, z) -> str:
    """One sentence on the first row a gate gets wrong, with its own z (never the right weights)."""
    if pattern == tuple(1 - e for e in expected):
        return (
            f"your {name} computes {_named(pattern)}, the exact opposite: every row is flipped. "
            "Flipping the signs of both weights and of the bias turns a neuron into its opposite."
        )
    i = next(i for i in range(4) if pattern[i] != expected[i])
    row = _ROW_NAMES[i]
    computes = f" (as it stands it is {_named(pattern)})"
    if z[i] == 0:
        return (
            f"your {name} has z = 0 exactly for {row}{computes}: a neuron fires only when z > 0, so "
            "that row sits on the boundary. Move the bias a little so every z is clearly positive "
            "or negative."
        )
    if pattern[i]:
        return (
            f"your {name} fires for {row}, where it should stay silent: z = w . x + b = {z[i]:g} "
            f"there{computes}. The bias is too large for these weights: lower it (or shrink the "
            f"weights) until z <= 0 for {row}, while the rows that should fire stay above 0."
        )
    return (
        f"your {name} stays silent for {row}, where it should fire: z = w . x + b = {z[i]:g} "
        f"there{computes}. The bias is too negative for these weights: raise it (or grow the "
        f"weights) until z > 0 for {row}, while the rows that should stay silent stay at or below 0."
    )


def _not_done(name: str, answer) -> bool:
    if answer is Ellipsis or answer is NotImplemented:
        print(f"{FAIL} {name}: not done yet (replace the placeholder with your answer).")
        return True
    return False


def logic_gates(answer) -> bool:
    """Check Exercise 3.2: ``{"AND": (w, b), "OR": (w, b), "NAND": (w, b)}``, one neuron each.

    Each value is a single two-input neuron: two weights and a bias. It fires (passes on 1) when
    ``z = w . x + b > 0`` (``Neuron.fires``). All four rows of each truth table are tested. A wrong
    gate is explained from its own numbers: which row it gets wrong, its z there, whether the bias
    is too large or too negative, what the neuron computes instead, a z of exactly 0 (on the
    boundary). Anything that is not a single neuron of that form (a function, a lookup table,
    three weights) is refused.
    """
    name = "logic_gates"
    if _not_done(name, answer):
        return False
    if not isinstance(answer, dict) or set(answer) != set(_GATES):
        got = sorted(answer) if isinstance(answer, dict) else type(answer).__name__
        print(f"{FAIL} {name}: expected a dict with the keys 'AND', 'OR' and 'NAND', got {got}.")
        print("   Hint: write {'AND': ([w1, w2], b), 'OR': ([w1, w2], b), 'NAND': ([w1, w2], b)}.")
        return False
    for gate, expected in _GATES.items():
        unit = _unit(answer[gate], f"answer[{gate!r}]")
        if isinstance(unit, str):
            print(f"{FAIL} {name}: {unit}")
            print("   Hint: each gate is one neuron: its two weights and its bias, nothing else.")
            return False
        pattern, z = _fires(*unit, _ROWS)
        if pattern != expected:
            print(f"{FAIL} {name}: {gate} is wrong.")
            print(f"   {_why_wrong(gate, pattern, expected, z)}")
            return False
    print(f"{PASS} {name}: AND, OR and NAND are right on all 4 rows of their truth tables.")
    _record_pass(name)
    return True


def xor_network(answer) -> bool:
    """Check Exercise 3.3: ``{"hidden": [(w, b), (w, b)], "output": (u, c)}`` computes XOR.

    Two hidden units see ``(x1, x2)``; each passes on 1 when it fires (``z > 0``) and 0 otherwise;
    the output unit sees those two values ``(h1, h2)`` and fires for XOR's rows (0, 1) and (1, 0)
    only. Diagnoses: hidden units that give the same pair ``(h1, h2)`` for two rows that XOR tells
    apart (then no output unit can work), and an output unit wrong on some row (named, with its
    hidden pair and its z). Anything but two hidden units and one output unit of that form is
    refused.
    """
    name = "xor_network"
    if _not_done(name, answer):
        return False
    if not isinstance(answer, dict) or set(answer) != {"hidden", "output"}:
        got = sorted(answer) if isinstance(answer, dict) else type(answer).__name__
        print(f"{FAIL} {name}: expected a dict with the keys 'hidden' and 'output', got {got}.")
        print("   Hint: write {'hidden': [([w1, w2], b), ([w1, w2], b)], 'output': ([u1, u2], c)}.")
        return False
    hidden = answer["hidden"]
    if not isinstance(hidden, tuple | list) or len(hidden) != 2:
        count = len(hidden) if isinstance(hidden, tuple | list) else type(hidden).__name__
        print(f"{FAIL} {name}: answer['hidden'] must list exactly two hidden units, got {count}.")
        print("   Hint: this exercise is about two hidden units; each is a pair (weights, bias).")
        return False
    units = [_unit(u, f"hidden unit {i + 1}") for i, u in enumerate(hidden)]
    units.append(_unit(answer["output"], "answer['output']"))
    for unit in units:
        if isinstance(unit, str):
            print(f"{FAIL} {name}: {unit}")
            print("   Hint: every unit has two weights (one per input it sees) and one bias.")
            return False
    columns = [_fires(w, b, _ROWS)[0] for w, b in units[:2]]
    H = np.array(columns, dtype=float).T  # (4 rows, 2 hidden values)
    for i in range(4):
        for j in range(i + 1, 4):
            if _XOR[i] != _XOR[j] and np.array_equal(H[i], H[j]):
                pair = tuple(int(v) for v in H[i])
                print(f"{FAIL} {name}: the hidden units cannot tell {_ROW_NAMES[i]} from "
                      f"{_ROW_NAMES[j]}.")  # fmt: skip
                print(
                    f"   Both give (h1, h2) = {pair}, but XOR is {_XOR[i]} for one and {_XOR[j]} "
                    f"for the other, so no output unit can get both right. Your hidden units "
                    f"are {_named(columns[0])} and {_named(columns[1])}; choose two gates so that "
                    f"no row where XOR is 1 gets the same pair as a row where XOR is 0."
                )
                return False
    if not _one_unit_can(H, _XOR):
        print(f"{FAIL} {name}: no output unit can finish this network.")
        print(
            f"   Your hidden units are {_named(columns[0])} and {_named(columns[1])}. On their "
            "pairs (h1, h2) the output would have to fire for a set of points that no straight "
            "line separates from the rest (XOR again, in other clothes). Choose hidden units "
            "whose pairs put XOR's two 1-rows on one side of a line and its 0-rows on the other."
        )
        return False
    out, z = _fires(*units[2], H)
    if out != _XOR:
        i = next(i for i in range(4) if out[i] != _XOR[i])
        pair = tuple(int(v) for v in H[i])
        does = "fires" if out[i] else "stays silent"
        print(f"{FAIL} {name}: the output unit {does} for {_ROW_NAMES[i]}, where XOR is {_XOR[i]}.")
        print(
            f"   Your hidden units ({_named(columns[0])} and {_named(columns[1])}) can work. For {_ROW_NAMES[i]} they pass on (h1, h2) = {pair} and the "
            f"output's z = u . h + c is {z[i]:g}: it must be "
            f"{'at or below 0' if _XOR[i] == 0 else 'above 0'}. Work out which gate of (h1, h2) "
            f"the output has to compute, then choose its weights and bias as in Exercise 3.2."
        )
        return False
    print(
        f"{PASS} {name}: XOR is right on all 4 rows (hidden units {_named(columns[0])} and "
        f"{_named(columns[1])}, then the output unit)."
    )
    _record_pass(name)
    return True
