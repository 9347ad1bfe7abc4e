"""Exercise checks for notebook 06_loss_functions.

- Exercise 6.1 ``huber_value_and_gradient`` (build): the Huber loss and its gradient, as a pair.
- Exercise 6.2 ``bce_logit_gradient`` (derive): dL/dz of binary cross-entropy through a sigmoid.
- Exercise 6.3 ``cce_logit_gradient`` (derive): dL/dz of categorical cross-entropy through a
  softmax.
- Exercise 6.4 ``bce_from_logits`` (build): binary cross-entropy from logits, finite for any logit.

Each check runs the answer on several cases. When a case fails, it compares the answer with what
the usual mistakes compute (a sign error, the sum instead of the mean, a missing 1/N, log of 0, ...)
and names the one that matches. The gradients of 6.2 and 6.3 are checked against central
differences of the course's own loss, not against a formula.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence

import numpy as np

from dlcourse import activations, losses
from dlcourse.check._core import FAIL, Case, check_function
from dlcourse.check._mistakes import Mistake, hint_for
from dlcourse.gradcheck import numerical_gradient

__all__ = [
    "huber_value_and_gradient",
    "bce_logit_gradient",
    "cce_logit_gradient",
    "bce_from_logits",
]


def _diagnose(
    name: str,
    answer: Callable,
    reference: Callable,
    cases: Sequence[Case],
    mistakes: Sequence[Mistake],
    hint: str,
    arg_names: Sequence[str],
) -> bool:
    """``check_function``, after two more checks: inputs changed in place, and named mistakes.

    An answer that writes into one of its arguments fails at once (NumPy's ``-=`` on an argument
    changes the caller's array). Otherwise the hint that ``check_function`` prints names the usual
    mistake that the answer reproduces, if any (``_mistakes.hint_for``).
    """
    if callable(answer):
        for i, case in enumerate(cases, start=1):
            args = copy.deepcopy(case.args)
            try:
                with np.errstate(all="ignore"):
                    answer(*args, **copy.deepcopy(case.kwargs))
            except Exception:  # check_function below reports it, at the learner's line
                break
            for arg, before, after in zip(arg_names, case.args, args, strict=False):
                if isinstance(before, np.ndarray) and not np.array_equal(before, after):
                    print(f"{FAIL} {name}: case {i} of {len(cases)} changed its input in place.")
                    print(f"   input:    {case.label}")
                    print(
                        f"   Hint: your function modified `{arg}` (an operator such as -= or *= on "
                        "an argument writes into the caller's array). Compute new arrays instead."
                    )
                    return False
    hint = hint_for(answer, reference, cases, mistakes, hint)
    return check_function(name, answer, reference, cases, hint)


# --------------------------------------------------------------------------------------------------
# Exercise 6.1: the Huber loss and its gradient
# --------------------------------------------------------------------------------------------------


def _huber_parts(y_true, y_pred, delta):
    e = np.asarray(y_pred, dtype=float) - np.asarray(y_true, dtype=float)
    small = np.abs(e) <= delta
    per_element = np.where(small, 0.5 * e**2, delta * (np.abs(e) - 0.5 * delta))
    slope = np.clip(e, -delta, delta)
    return e, per_element, slope


def _huber(y_true, y_pred, delta=1.0):
    _, per_element, slope = _huber_parts(y_true, y_pred, delta)
    return float(per_element.mean()), slope / slope.size


def _huber_cases() -> list[Case]:
    rng = np.random.default_rng(61)
    return [
        Case(
            (np.array([3.0, -0.5, 2.0, 7.0]), np.array([2.5, 0.0, 2.0, 10.0])),
            label="y_true [3, -0.5, 2, 7], y_pred [2.5, 0, 2, 10] (the batch printed above)",
        ),
        Case(
            (np.zeros(3), np.array([0.2, -0.4, 0.9])),
            label="errors [0.2, -0.4, 0.9], all below delta = 1",
        ),
        Case((np.zeros(2), np.array([-3.0, 5.0])), label="errors [-3, 5], both beyond delta = 1"),
        Case(
            (np.zeros(3), np.array([1.5, -3.0, 0.5])),
            kwargs={"delta": 2.0},
            label="errors [1.5, -3, 0.5] with delta = 2.0",
        ),
        Case(
            (rng.normal(size=(4, 3)), rng.normal(scale=1.5, size=(4, 3))),
            label="a batch of 4 samples with 3 outputs each (shape (4, 3))",
        ),
    ]


def huber_value_and_gradient(answer) -> bool:
    """Check Exercise 6.1: ``huber_value_and_gradient(y_true, y_pred, delta=1.0)`` gives (L, dL/dy_pred).

    The loss is the mean over every element, as ``keras.losses.Huber(delta)`` computes it; the
    gradient has the shape of ``y_pred``. Cases: both regimes, each regime alone, another ``delta``
    and a (4, 3) batch; named mistakes: the sum instead of the mean, a missing 1/N in the gradient,
    a sign error, a missing 1/2 or -delta/2, ``delta`` ignored, rows counted instead of elements.
    """

    def summed(y_true, y_pred, delta=1.0):
        _, values, slope = _huber_parts(y_true, y_pred, delta)
        return float(values.sum()), slope

    def value_summed(y_true, y_pred, delta=1.0):
        _, values, slope = _huber_parts(y_true, y_pred, delta)
        return float(values.sum()), slope / slope.size

    def gradient_not_averaged(y_true, y_pred, delta=1.0):
        _, values, slope = _huber_parts(y_true, y_pred, delta)
        return float(values.mean()), slope

    def sign_flipped(y_true, y_pred, delta=1.0):
        value, gradient = _huber(y_true, y_pred, delta)
        return value, -gradient

    def no_half(y_true, y_pred, delta=1.0):
        e, _, slope = _huber_parts(y_true, y_pred, delta)
        small = np.abs(e) <= delta
        values = np.where(small, e**2, delta * (np.abs(e) - 0.5 * delta))
        return float(values.mean()), np.where(small, 2 * e, slope) / e.size

    def no_offset(y_true, y_pred, delta=1.0):
        e, _, slope = _huber_parts(y_true, y_pred, delta)
        values = np.where(np.abs(e) <= delta, 0.5 * e**2, delta * np.abs(e))
        return float(values.mean()), slope / e.size

    def delta_ignored(y_true, y_pred, delta=1.0):
        return _huber(y_true, y_pred, 1.0)

    def per_row(y_true, y_pred, delta=1.0):
        _, values, slope = _huber_parts(y_true, y_pred, delta)
        return float(values.mean()), slope / len(slope)

    mistakes = [
        Mistake(
            "the sum over the batch instead of the mean",
            summed,
            "Keras averages the loss over every element, so both the value and the gradient "
            "carry a factor 1/N.",
        ),
        Mistake(
            "the sum instead of the mean in the value",
            value_summed,
            "your gradient is right but the loss is N times too large: average it.",
        ),
        Mistake(
            "forgetting the 1/N in the gradient",
            gradient_not_averaged,
            "the loss is a mean over N elements, so each element's slope is divided by N.",
        ),
        Mistake(
            "a sign error in the gradient",
            sign_flipped,
            "the error is the prediction minus the target, and the gradient is taken with "
            "respect to the prediction: one that is too high must get a positive gradient.",
        ),
        Mistake(
            "the quadratic piece without its factor 1/2",
            no_half,
            "for small errors Huber is half the squared error, which makes the two pieces meet "
            "with the same slope at |e| = delta.",
        ),
        Mistake(
            "the linear piece without its offset of -delta/2",
            no_offset,
            "at |e| = delta both pieces must give the same value; write the linear piece so that "
            "it starts where the quadratic one stops.",
        ),
        Mistake(
            "delta ignored (the threshold fixed at 1)",
            delta_ignored,
            "use the `delta` argument wherever the threshold appears: in the test, in both pieces "
            "and in the gradient.",
        ),
        Mistake(
            "dividing by the number of rows instead of the number of elements",
            per_row,
            "for a (4, 3) batch the mean runs over all 12 elements (y_pred.size), not over the "
            "4 rows (len(y_pred)).",
        ),
    ]
    return _diagnose(
        "huber_value_and_gradient",
        answer,
        _huber,
        _huber_cases(),
        mistakes,
        hint="return a pair (loss, gradient). Work with the error, the prediction minus the target; "
        "a mask (is the error's size at most delta?) chooses each element's piece; differentiate "
        "each piece by itself; the mean divides both the loss and the gradient by the number of "
        "elements.",
        arg_names=("y_true", "y_pred"),
    )


# --------------------------------------------------------------------------------------------------
# Exercises 6.2 and 6.3: gradients with respect to the logits, against central differences
# --------------------------------------------------------------------------------------------------


def _numerical_logit_gradient(loss: losses.Loss) -> Callable:
    """dL/dz by central differences of the course's loss (``gradcheck.numerical_gradient``)."""

    def gradient(y_true, logits):
        z = np.array(logits, dtype=float)
        return numerical_gradient(lambda v: loss(y_true, v), z)

    return gradient


_sigmoid = activations.get("sigmoid")  # the course's stable sigmoid (notebook 05)


def _binary_logit_cases() -> list[Case]:
    """The small binary cases that exercises 6.2 and 6.4 share (new arrays on every call)."""
    return [
        Case(
            (np.array([1.0, 0.0, 1.0]), np.array([2.0, -1.0, 0.5])),
            label="y_true [1, 0, 1], logits [2, -1, 0.5]",
        ),
        Case((np.array([0.0, 1.0]), np.array([0.0, 0.0])), label="y_true [0, 1], logits [0, 0]"),
        Case(
            (np.array([1.0, 0.0]), np.array([-3.0, 4.0])),
            label="y_true [1, 0], logits [-3, 4] (confident and wrong)",
        ),
    ]


def bce_logit_gradient(answer) -> bool:
    """Check Exercise 6.2: ``bce_logit_gradient(y_true, logits)`` gives dL/dz of binary cross-entropy.

    L is the mean binary cross-entropy of p = sigmoid(z) over every element; the expected gradient
    is the central difference of ``losses.BinaryCrossentropy(from_logits=True)``. Cases: moderate,
    zero and confidently wrong logits, logits of +-30 and a (4, 2) multi-label batch; named
    mistakes: y - p instead of p - y, a missing 1/N, rows counted instead of elements, the sigmoid's
    derivative missing or applied without the division by p(1 - p), the logit used as p.
    """
    rng = np.random.default_rng(62)
    cases = [
        *_binary_logit_cases(),
        Case(
            (np.array([1.0, 0.0, 0.0]), np.array([30.0, -30.0, 30.0])),
            label="y_true [1, 0, 0], logits [30, -30, 30]",
        ),
        Case(
            (rng.integers(0, 2, size=(4, 2)).astype(float), rng.normal(scale=2.0, size=(4, 2))),
            label="a batch of 4 samples with 2 yes/no outputs each (shape (4, 2))",
        ),
    ]

    def p_minus_y(y_true, logits):
        return _sigmoid(logits) - y_true

    mistakes = [
        Mistake(
            "y - p instead of p - y (a sign error)",
            lambda t, z: -p_minus_y(t, z) / np.size(z),
            "a gradient points uphill, so a logit that is too high (p above y) must get a "
            "positive entry.",
        ),
        Mistake(
            "forgetting the 1/N (the gradient of the sum over the batch, not of the mean)",
            p_minus_y,
            "the loss is a mean over N elements, so every entry of the gradient is divided by N.",
        ),
        Mistake(
            "dividing by the number of rows instead of the number of elements",
            lambda t, z: p_minus_y(t, z) / len(z),
            "binary cross-entropy averages over every output of every sample (z.size).",
        ),
        Mistake(
            "stopping at dL/dp: the sigmoid's derivative is missing",
            lambda t, z: p_minus_y(t, z) / (_sigmoid(z) * (1 - _sigmoid(z))) / np.size(z),
            "the loss depends on z through p = sigmoid(z); multiply by dp/dz (notebook 05) and "
            "simplify.",
        ),
        Mistake(
            "multiplying by the sigmoid's derivative without dividing by p(1 - p)",
            lambda t, z: p_minus_y(t, z) * _sigmoid(z) * (1 - _sigmoid(z)) / np.size(z),
            "differentiate the loss with respect to p again: both log terms contribute, and "
            "their derivative has p(1 - p) in the denominator.",
        ),
        Mistake(
            "the logit used in place of the probability",
            lambda t, z: (z - t) / np.size(z),
            "the label y is a probability; compare it with p = sigmoid(z), not with z.",
        ),
    ]
    return _diagnose(
        "bce_logit_gradient",
        answer,
        _numerical_logit_gradient(losses.BinaryCrossentropy(from_logits=True)),
        cases,
        mistakes,
        hint="the chain rule: dL/dz = dL/dp * dp/dz for each element. Write both factors in terms "
        "of p, multiply, and simplify before you code it; then remember the mean over N elements.",
        arg_names=("y_true", "logits"),
    )


def _softmax(z, axis=-1):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def cce_logit_gradient(answer) -> bool:
    """Check Exercise 6.3: ``cce_logit_gradient(y_true, logits)`` gives dL/dz of softmax cross-entropy.

    L is the mean over the samples of -sum_k y_k log softmax(z)_k, with one-hot ``y_true`` of shape
    (n, K); the expected gradient is the central difference of
    ``losses.CategoricalCrossentropy(from_logits=True)``. Cases: two samples, one sample, logits of
    +-1000 and a (5, 3) batch; named mistakes: y - p instead of p - y, a missing 1/N, the mean over
    every element, the softmax over the wrong axis, y not subtracted, only one of the two terms
    differentiated, an overflowing softmax.
    """
    rng = np.random.default_rng(63)
    cases = [
        Case(
            (np.eye(3)[[0, 2]], np.array([[2.0, 0.5, -1.0], [0.0, 1.0, 0.0]])),
            label="true classes 0 and 2, logits [[2, 0.5, -1], [0, 1, 0]]",
        ),
        Case(
            (np.eye(4)[[1]], np.array([[0.5, -0.5, 1.5, 0.0]])),
            label="one sample, true class 1, logits [[0.5, -0.5, 1.5, 0]]",
        ),
        Case(
            (np.eye(3)[[2, 1]], np.array([[1000.0, 0.0, -1000.0], [10.0, 1000.0, -5.0]])),
            label="logits as large as 1000 (true classes 2 and 1)",
        ),
        Case(
            (np.eye(3)[rng.integers(0, 3, size=5)], rng.normal(scale=2.0, size=(5, 3))),
            label="a batch of 5 samples with 3 classes (shape (5, 3))",
        ),
    ]

    def p_minus_y(y_true, logits):
        return _softmax(logits) - y_true

    def overflowing(y_true, logits):
        e = np.exp(logits)
        return (e / e.sum(axis=-1, keepdims=True) - y_true) / len(logits)

    mistakes = [
        Mistake(
            "y - p instead of p - y (a sign error)",
            lambda t, z: -p_minus_y(t, z) / len(z),
            "a gradient points uphill: raising the logit of a wrong class raises the loss, so "
            "its entry is positive.",
        ),
        Mistake(
            "forgetting the 1/N (the gradient of the sum over the batch, not of the mean)",
            p_minus_y,
            "the loss is the mean over the N samples, so each row of the gradient is divided by N.",
        ),
        Mistake(
            "the mean over every element instead of over the samples",
            lambda t, z: p_minus_y(t, z) / np.size(z),
            "categorical cross-entropy sums over the classes and averages over the samples only: "
            "divide by the number of rows.",
        ),
        Mistake(
            "the softmax over the wrong axis",
            lambda t, z: (_softmax(z, axis=0) - t) / len(z),
            "each sample's probabilities sum to 1 across its own row (the last axis).",
        ),
        Mistake(
            "forgetting to subtract y",
            lambda t, z: _softmax(z) / len(z),
            "the loss has two terms, -z of the true class and the log of the sum of exponentials; "
            "you differentiated only the second.",
        ),
        Mistake(
            "differentiating only the -z term of the true class",
            lambda t, z: -t / len(z),
            "the log of the sum of exponentials depends on every logit, and its derivative is "
            "not zero.",
        ),
        Mistake(
            "filling in only the true class's entry",
            lambda t, z: (p_minus_y(t, z) * t) / len(z),
            "the wrong classes' logits also change the loss through the normalising sum: their "
            "entries are not zero.",
        ),
        Mistake(
            "an overflowing softmax (exp of 1000 is inf, and inf / inf is nan)",
            overflowing,
            "subtract each row's largest logit before taking exp, as notebook 05's stable softmax "
            "does: the probabilities do not change.",
        ),
    ]
    return _diagnose(
        "cce_logit_gradient",
        answer,
        _numerical_logit_gradient(losses.CategoricalCrossentropy(from_logits=True)),
        cases,
        mistakes,
        hint="write one sample's loss as minus the true class's logit plus the log of the sum of "
        "exponentials, and differentiate it with respect to one logit z_k; then average over the "
        "samples.",
        arg_names=("y_true", "logits"),
    )


# --------------------------------------------------------------------------------------------------
# Exercise 6.4: binary cross-entropy from logits, finite for any logit
# --------------------------------------------------------------------------------------------------


def _bce_from_logits(y_true, logits):
    y_true = np.asarray(y_true, dtype=float)
    z = np.asarray(logits, dtype=float)
    return float(np.mean(np.logaddexp(0.0, z) - y_true * z))


def bce_from_logits(answer) -> bool:
    """Check Exercise 6.4: ``bce_from_logits(y_true, logits)``, stable for logits of any size.

    Cases: moderate logits, logits 0, confident right and wrong answers, logits of +-1000 (where
    ``log(sigmoid(z))`` computed naively gives ``-inf`` or ``nan``) and a (3, 2) batch; named
    mistakes: log of 0, an overflowing exp, the sum instead of the mean, a sign error, the labels
    swapped.
    """
    rng = np.random.default_rng(64)
    cases = [
        *_binary_logit_cases(),
        Case(
            (np.array([1.0, 0.0, 1.0, 0.0]), np.array([1000.0, -1000.0, -1000.0, 1000.0])),
            label="y_true [1, 0, 1, 0], logits [1000, -1000, -1000, 1000]",
        ),
        Case(
            (rng.integers(0, 2, size=(3, 2)).astype(float), rng.normal(scale=3.0, size=(3, 2))),
            label="a batch of 3 samples with 2 yes/no outputs each (shape (3, 2))",
        ),
    ]

    def naive(y_true, logits):
        p = 1.0 / (1.0 + np.exp(-logits))
        return float(np.mean(-(y_true * np.log(p) + (1 - y_true) * np.log(1 - p))))

    def softplus_overflows(y_true, logits):
        return float(np.mean(np.log(1.0 + np.exp(logits)) - y_true * logits))

    mistakes = [
        Mistake(
            "log of 0 (the sigmoid rounds to exactly 0 or 1 at logits of +-1000)",
            naive,
            "do not compute p at all: rewrite the loss in terms of z, and keep exp away from "
            "large positive numbers.",
        ),
        Mistake(
            "an overflowing exp (e^1000 is inf in float64)",
            softplus_overflows,
            "log(1 + e^z) is close to z for large z; split off the larger of z and 0 first, so "
            "that exp only ever sees a number at most 0.",
        ),
        Mistake(
            "the sum instead of the mean",
            lambda t, z: float(np.sum(np.logaddexp(0.0, z) - t * z)),
            "the loss is averaged over the samples (every element), as Keras does.",
        ),
        Mistake(
            "a sign error in the y * z term",
            lambda t, z: float(np.mean(np.logaddexp(0.0, z) + t * z)),
            "the loss must shrink as the logit of a positive example (y = 1) grows.",
        ),
        Mistake(
            "the labels swapped (y where 1 - y belongs)",
            lambda t, z: float(np.mean(np.logaddexp(0.0, z) - (1 - t) * z)),
            "a positive example (y = 1) with a large positive logit must cost almost nothing.",
        ),
    ]
    return _diagnose(
        "bce_from_logits",
        answer,
        _bce_from_logits,
        cases,
        mistakes,
        hint="write log(sigmoid(z)) and log(1 - sigmoid(z)) in terms of z and combine them; the "
        "result has one term that needs care for large |z|. Then average over every element.",
        arg_names=("y_true", "logits"),
    )
