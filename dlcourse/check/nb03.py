"""Exercise checks for notebook 03_neurons.

- Exercise 3.1 ``weighted_sum``: ``w . x + b`` for one sample ``(n,)`` and for a batch ``(m, n)``.
- Exercise 3.2 ``bias_for_threshold``: the bias that puts a sigmoid neuron's switch point at ``x0``.
- Exercise 3.3 ``neuron_fires``: predict, for four inputs, whether a given neuron fires.

The references are written here in plain NumPy, so a check does not depend on the rest of the
package.
"""

from __future__ import annotations

import numpy as np

from dlcourse.check._core import FAIL, PASS, Case, _record_pass, check_function

__all__ = ["weighted_sum", "bias_for_threshold", "neuron_fires"]


def _weighted_sum(x, w, b):
    return np.asarray(x, dtype=float) @ np.asarray(w, dtype=float) + float(b)


def weighted_sum(answer) -> bool:
    """Check Exercise 3.1: ``weighted_sum(x, w, b)`` returns ``x1*w1 + ... + xn*wn + b``.

    Cases: the notebook's student (hours, attendance), a zero bias, negative weights, a single
    input, and a batch of 4 samples, where the answer must be one weighted sum per row
    (shape ``(4,)``).
    """
    rng = np.random.default_rng(3)
    cases = [
        Case((np.array([6.0, 0.9]), np.array([0.8, 2.0]), -5.0)),
        Case((np.array([1.0, 2.0, 3.0]), np.array([0.5, -1.0, 2.0]), 0.0)),
        Case((np.array([-1.0, 4.0, 0.5]), np.array([-2.0, -0.5, 1.0]), 1.5)),
        Case(
            (np.array([3.0]), np.array([-2.0]), 0.25),
            label="a single input: x=[3.], w=[-2.], b=0.25",
        ),
        Case(
            (rng.normal(size=(4, 3)), rng.normal(size=3), -0.5),
            label="a batch x of shape (4, 3), w of shape (3,), b=-0.5 (expect shape (4,))",
        ),
    ]
    return check_function(
        "weighted_sum",
        answer,
        _weighted_sum,
        cases,
        hint="multiply each input by its weight, add the products up, then add the bias once. "
        "For a batch (one sample per row) `x @ w + b` gives one sum per row; a Python loop over "
        "zip(x, w) only works for a single sample.",
    )


def _bias_for_threshold(w, x0):
    return -float(w) * float(x0)


def bias_for_threshold(answer) -> bool:
    """Check Exercise 3.2: ``bias_for_threshold(w, x0)`` returns ``b`` with ``w * x0 + b = 0``.

    A one-input sigmoid neuron outputs exactly 0.5 where its weighted sum is 0, so its switch point
    sits at ``x0`` when ``b = -w * x0``. Cases include a negative weight and a negative ``x0``.
    """
    cases = [
        Case((2.0, 3.0)),
        Case((0.5, 10.0)),
        Case((-1.5, 2.0), label="a negative weight: w=-1.5, x0=2.0"),
        Case((4.0, -0.5)),
        Case((3.0, 0.0), label="x0=0.0 (where a neuron without bias already switches)"),
    ]
    return check_function(
        "bias_for_threshold",
        answer,
        _bias_for_threshold,
        cases,
        hint="sigmoid(z) = 0.5 exactly when z = 0. Solve w * x0 + b = 0 for b.",
    )


# The neuron of Exercise 3.3: w = [2, -1, 0.5], b = -1, sigmoid, threshold 0.5.
_FIRES_W = np.array([2.0, -1.0, 0.5])
_FIRES_B = -1.0
_FIRES_INPUTS = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 2.0], [0.4, 0.0, 0.2], [0.5, -1.0, 2.0]])


def _fires_expected() -> list[bool]:
    z = _FIRES_INPUTS @ _FIRES_W + _FIRES_B
    # sigmoid(z) >= 0.5 exactly when z >= 0 (no input here gives z = 0, so no tie to argue about).
    return [bool(v >= 0.0) for v in z]


def neuron_fires(answer) -> bool:
    """Check Exercise 3.3: a list of four bools, whether the neuron fires for inputs a, b, c, d.

    The neuron has weights ``[2, -1, 0.5]``, bias ``-1`` and a sigmoid activation; it fires when its
    output is at least 0.5 (``Neuron.fires``). Input c has only non-negative inputs and still does
    not fire: the bias outweighs them. The check says how many answers are right, never which.
    """
    name = "neuron_fires"
    if answer is Ellipsis or answer is NotImplemented:
        print(f"{FAIL} {name}: not done yet (replace the placeholder with your answer).")
        return False
    if isinstance(answer, np.ndarray):
        answer = answer.tolist()
    if not isinstance(answer, list | tuple) or len(answer) != 4:
        got = f"{type(answer).__name__}" + (
            f" of length {len(answer)}" if hasattr(answer, "__len__") else ""
        )
        print(f"{FAIL} {name}: expected a list of 4 bools (one per input a, b, c, d), got {got}.")
        print("   Hint: write your answer like [True, False, True, True].")
        return False
    if not all(isinstance(v, bool | np.bool_) for v in answer):
        print(f"{FAIL} {name}: expected True or False for every input, got {list(answer)!r}.")
        print("   Hint: 'fires' is a yes/no question; answer each input with True or False.")
        return False
    expected = _fires_expected()
    right = sum(bool(a) == e for a, e in zip(answer, expected, strict=True))
    if right == 4:
        print(f"{PASS} {name}: all 4 predictions are right.")
        _record_pass(name)
        return True
    print(f"{FAIL} {name}: {right} of 4 predictions are right.")
    print(
        "   Hint: sigmoid(z) >= 0.5 exactly when z >= 0, so only the sign of w . x + b matters. "
        "Do not forget the bias: it is added to every weighted sum."
    )
    return False
