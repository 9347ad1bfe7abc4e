"""Exercise checks for notebook 05_activation_functions.

- Exercise 5.1 (derive) ``tanh_derivative`` and ``softplus_derivative``: two derivatives worked out
  by hand, checked against central differences of tanh and softplus.
- Exercise 5.2 (build) ``elu_layer``: an ELU layer class with ``forward(z)`` and
  ``backward(grad_output)``, checked against the course's ELU (``dlcourse.activations``) and
  against central differences of the learner's own ``forward``.

Each check recognises the usual mistakes of its exercise and names them (a sign error, a missing
factor, the forward output used in the wrong place, a wrong slope for negative inputs, the wrong
side of the kink at 0, an input changed in place, an overflow).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from dlcourse import activations
from dlcourse.check._core import (
    FAIL,
    PASS,
    Case,
    _fmt,
    _record_pass,
    check_function,
    report_crash,
    same,
)
from dlcourse.check._mistakes import Mistake, hint_for

__all__ = ["tanh_derivative", "softplus_derivative", "elu_layer"]

_H = 1e-5  # the step of the central differences


def _central_difference(f: Callable, z: np.ndarray) -> np.ndarray:
    """(f(z + h) - f(z - h)) / 2h, elementwise: the numerical derivative of an elementwise f."""
    return (f(z + _H) - f(z - _H)) / (2 * _H)


def _factor(got, expected) -> float | None:
    """The constant c with got == c * expected (c != 1), if there is one; else None."""
    got, expected = np.asarray(got, dtype=float), np.asarray(expected, dtype=float)
    if got.shape != expected.shape or not np.all(np.isfinite(got)):
        return None
    big = np.abs(expected) > 1e-3
    if not big.any():
        return None
    c = float(np.median(got[big] / expected[big]))
    if abs(c - 1.0) < 1e-6 or not np.allclose(got, c * expected, rtol=1e-6, atol=1e-8):
        return None
    return c


def _overflow_or_factor(got, expected, overflow: str) -> str | None:
    """Advice for a wrong answer that no named mistake reproduces: inf or nan, or a constant factor."""
    if not _numeric(got) or np.shape(got) != np.shape(expected):
        return None
    if not np.all(np.isfinite(np.asarray(got, dtype=float))) and np.all(np.isfinite(expected)):
        return "This looks like an overflow: " + overflow
    c = _factor(got, expected)
    if c is not None:
        return (
            f"This looks like a derivative off by a constant factor ({c:.3g} times the right "
            "one): a factor of the chain rule is missing or doubled."
        )
    return None


def _numeric(value) -> bool:
    try:
        np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return False
    return True


def _named_hint(answer, reference, cases, mistakes, hint, overflow) -> str:
    """The hint to print: a named mistake (``hint_for``), else an overflow or a constant factor
    on the first case the answer gets wrong, else ``hint``."""
    named = hint_for(answer, reference, cases, mistakes, hint="")
    if named or not callable(answer):
        return named or hint
    for case in cases:
        try:
            with np.errstate(all="ignore"):
                got = answer(*[np.copy(a) for a in case.args])
        except Exception:  # check_function reports the error itself, at the learner's line
            return hint
        expected = reference(*case.args)
        if not same(got, expected)[0]:
            return _overflow_or_factor(got, expected, overflow) or hint
    return hint


def _derivative_cases(large: np.ndarray, large_label: str) -> list[Case]:
    rng = np.random.default_rng(51)
    return [
        Case((np.linspace(-3.0, 3.0, 13),), label="z = 13 points from -3 to 3 (0 included)"),
        Case((rng.normal(0.0, 2.0, size=(3, 4)),), label="a 3x4 array of random numbers"),
        Case((large,), label=large_label),
    ]


def _check_derivative(name, answer, function, cases, mistakes, hint, overflow) -> bool:
    def reference(z):
        return _central_difference(function, np.asarray(z, dtype=float))

    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        # A naive answer may overflow; its inf/nan is reported as a named mistake, not a warning.
        return check_function(
            name,
            answer,
            reference,
            cases,
            hint=_named_hint(answer, reference, cases, mistakes, hint, overflow),
            rtol=1e-6,
            atol=1e-8,
        )


def tanh_derivative(answer) -> bool:
    """Check Exercise 5.1 (derive): ``tanh_derivative(z)``, elementwise, any shape.

    The expected values are central differences of ``np.tanh`` (step 1e-5), so any correct form
    passes. Cases: 13 points across 0, a 3x4 array, and |z| up to 30 (where the slope is 0).
    Named mistakes: tanh itself, a sign error, 1 - tanh instead of 1 - tanh**2, the output form
    fed the input (1 - z**2), the sigmoid's pattern a * (1 - a), the sigmoid's own derivative, the
    forward output passed through the formula again, a constant factor (a lost chain-rule 2).
    """
    t = np.tanh
    mistakes = [
        Mistake(
            "tanh itself",
            t,
            "the function must return the slope of tanh at z, not its value.",
        ),
        Mistake(
            "a sign error",
            lambda z: -(1 - t(z) ** 2),
            "tanh increases everywhere, so its slope is positive everywhere.",
        ),
        Mistake(
            "1 - tanh(z) where the square of tanh belongs",
            lambda z: 1 - t(z),
            "check your quotient rule: the numerator is cosh squared minus sinh squared.",
        ),
        Mistake(
            "the output form of the derivative applied to the input",
            lambda z: 1 - np.asarray(z) ** 2,
            "the formula in terms of a = tanh(z) is right, but your function receives z: compute "
            "a from z first.",
        ),
        Mistake(
            "the sigmoid's pattern a(1 - a)",
            lambda z: t(z) * (1 - t(z)),
            "that form belongs to the sigmoid. Differentiate (e^z - e^-z) / (e^z + e^-z) itself.",
        ),
        Mistake(
            "the sigmoid's derivative",
            lambda z: activations.sigmoid(z) * (1 - activations.sigmoid(z)),
            "tanh is a stretched and shifted sigmoid, but not the same function.",
        ),
        Mistake(
            "the forward output passed through tanh a second time",
            lambda z: 1 - t(t(z)) ** 2,
            "your function receives z, not tanh(z): apply tanh once.",
        ),
    ]
    large = np.array([-30.0, -20.0, 20.0, 30.0])
    return _check_derivative(
        "tanh_derivative",
        answer,
        np.tanh,
        _derivative_cases(large, "large inputs [-30., -20., 20., 30.]"),
        mistakes,
        hint="write tanh as (e^z - e^-z) / (e^z + e^-z) and use the quotient rule, then express "
        "the result through tanh(z) itself. Check it at z = 0, where the slope is 1.",
        overflow="large |z| must give a slope of 0, not inf or nan. Express the derivative "
        "through np.tanh, which never overflows, rather than through raw exponentials.",
    )


def softplus_derivative(answer) -> bool:
    """Check Exercise 5.1 (derive): ``softplus_derivative(z)`` for softplus(z) = ln(1 + e^z).

    The expected values are central differences of ``np.logaddexp(0, z)`` (step 1e-5). Cases: 13
    points across 0, a 3x4 array, and z = +-50 and +-800 (where e^z overflows). Named mistakes:
    softplus itself, 1 / (1 + e^z) (the inner derivative e^z lost: the mirror image), a sign error,
    e^z alone (the division by 1 + e^z lost), the forward output used as the input, a constant
    factor, and an overflow to inf or nan for large z.
    """
    mistakes = [
        Mistake(
            "softplus itself",
            activations.softplus,
            "the function must return the slope of softplus at z, not its value.",
        ),
        Mistake(
            "1 / (1 + e^z), the inner derivative lost",
            lambda z: activations.sigmoid(-np.asarray(z)),
            "the derivative of ln(u) is u' / u, and here u = 1 + e^z has its own derivative, "
            "which belongs in the numerator. (Your curve is the right one mirrored: it falls "
            "where softplus rises.)",
        ),
        Mistake(
            "a sign error",
            lambda z: -activations.sigmoid(z),
            "softplus increases everywhere, so its slope is positive everywhere.",
        ),
        Mistake(
            "e^z alone, the division lost",
            lambda z: np.exp(z),
            "the derivative of ln(u) is u' / u: divide by u = 1 + e^z. The slope can never "
            "exceed 1, since softplus(z) approaches the line z.",
        ),
        Mistake(
            "the forward output used as the input",
            lambda z: activations.sigmoid(activations.softplus(z)),
            "your function receives z itself; do not apply softplus to it first.",
        ),
    ]
    large = np.array([-800.0, -50.0, 50.0, 800.0])
    return _check_derivative(
        "softplus_derivative",
        answer,
        activations.softplus,
        _derivative_cases(large, "large inputs [-800., -50., 50., 800.]"),
        mistakes,
        hint="use the chain rule on ln(u) with u = 1 + e^z, then simplify the fraction: you "
        "have met the result earlier in this notebook. Large z must give finite slopes near 1.",
        overflow="e^z is inf for z above about 709, and inf / inf is nan. Rewrite the fraction so "
        "that no exponential of a large positive number is needed, or use a function the course "
        "has already made stable.",
    )


# -- Exercise 5.2: an ELU layer ------------------------------------------------------------------


@dataclass
class _LayerCase:
    alpha: float
    z: np.ndarray
    grad_output: np.ndarray
    label: str
    earlier_z: np.ndarray | None = None  # a forward call before the one backward must use


def _elu_slope(z, alpha):
    return activations.get("elu", alpha=alpha).derivative(z)


def _elu_cases() -> list[_LayerCase]:
    rng = np.random.default_rng(52)
    z2 = rng.normal(0.0, 2.0, size=(3, 4))
    return [
        _LayerCase(
            0.5,
            np.array([-3.0, -1.0, -0.5, 0.5, 1.0, 3.0]),
            np.array([0.5, -1.0, 2.0, 1.5, -0.5, 1.0]),
            "alpha=0.5, z = [-3, -1, -0.5, 0.5, 1, 3]",
        ),
        _LayerCase(1.0, z2, rng.normal(size=(3, 4)), "alpha=1.0 (Keras' default), z a 3x4 array"),
        _LayerCase(
            2.0,
            np.array([-2.0, -1.0, 0.0, 1.0]),
            np.array([1.0, 1.0, 1.0, 1.0]),
            "alpha=2.0, z = [-2, -1, 0, 1] (0 exactly: the kink)",
        ),
        _LayerCase(
            1.0,
            np.array([-800.0, -50.0, 50.0, 800.0]),
            np.array([1.0, -2.0, 3.0, -4.0]),
            "alpha=1.0, large inputs z = [-800, -50, 50, 800]",
        ),
        _LayerCase(
            1.5,
            np.array([1.0, -1.0, 2.0, -2.0]),
            np.array([1.0, 2.0, 3.0, 4.0]),
            "alpha=1.5, forward([-1, 1, -2, 2]) then forward([1, -1, 2, -2]), then backward",
            earlier_z=np.array([-1.0, 1.0, -2.0, 2.0]),
        ),
    ]


def _forward_mistakes(alpha: float) -> list[Mistake]:
    def neg(values):
        return lambda z: np.where(z > 0, z, values(np.minimum(z, 0.0)))

    return [
        Mistake(
            "a ReLU (0 for negative inputs)",
            neg(lambda zn: 0.0 * zn),
            "for z <= 0, ELU is alpha * (e^z - 1), which is negative and approaches -alpha.",
        ),
        Mistake(
            "a Leaky ReLU (alpha * z for negative inputs)",
            neg(lambda zn: alpha * zn),
            "for z <= 0, ELU is alpha * (e^z - 1), a curve, not a straight line.",
        ),
        Mistake(
            "alpha * e^z without the - 1",
            neg(lambda zn: alpha * np.exp(zn)),
            "without the - 1 the function jumps from alpha to 0 at z = 0.",
        ),
        Mistake(
            "a missing factor alpha",
            neg(np.expm1),
            "the negative branch is alpha times (e^z - 1): use the layer's alpha.",
        ),
    ]


def _backward_mistakes(alpha: float, g: np.ndarray) -> list[Mistake]:
    def slope(neg_slope, at_zero=None):
        def computes(z):
            s = np.where(z > 0, 1.0, neg_slope(np.minimum(z, 0.0)))
            if at_zero is not None:
                s = np.where(z == 0, at_zero, s)
            return g * s

        return computes

    out = lambda zn: alpha * np.expm1(zn)  # noqa: E731 - ELU's output for z <= 0
    return [
        Mistake(
            "da/dz alone, without grad_output",
            lambda z: _elu_slope(z, alpha),
            "backward returns dL/dz, the upstream gradient grad_output times the local slope "
            "(the chain rule), not the slope alone.",
        ),
        Mistake(
            "a sign error",
            lambda z: -g * _elu_slope(z, alpha),
            "ELU increases everywhere, so dL/dz has the sign of grad_output.",
        ),
        Mistake(
            "the positive side's slope 1 used at z = 0",
            slope(lambda zn: alpha * np.exp(zn), at_zero=1.0),
            "ELU has a kink at 0 unless alpha = 1. Like Keras, the course takes the negative "
            "side's slope there, alpha * e^0 = alpha: only z > 0 counts as the positive side.",
        ),
        Mistake(
            "ReLU's slope 0 for negative inputs",
            slope(lambda zn: 0.0 * zn),
            "ELU's negative branch alpha * (e^z - 1) is not flat: differentiate it.",
        ),
        Mistake(
            "the constant slope alpha for negative inputs (Leaky ReLU's)",
            slope(lambda zn: alpha + 0.0 * zn),
            "the slope of alpha * (e^z - 1) changes with z: differentiate the exponential.",
        ),
        Mistake(
            "slope 1 for negative inputs too",
            slope(lambda zn: 1.0 + 0.0 * zn),
            "only the positive side is the identity; differentiate alpha * (e^z - 1) for z <= 0.",
        ),
        Mistake(
            "a missing factor alpha in the negative slope",
            slope(np.exp),
            "the derivative of alpha * (e^z - 1) keeps the factor alpha.",
        ),
        Mistake(
            "the forward output used as the slope",
            slope(out),
            "for z <= 0 the slope alpha * e^z equals the output plus alpha, not the output.",
        ),
        Mistake(
            "the forward output plus 1 used as the slope",
            slope(lambda zn: out(zn) + 1.0),
            "output + 1 is right only for alpha = 1: the slope is the output plus alpha.",
        ),
    ]


def _crash(where: str, exc: BaseException, label: str, hint: str) -> bool:
    """Report an error raised by the learner's class (the shared ``report_crash``); False."""
    report_crash(f"{FAIL} elu_layer: {where} raised {type(exc).__name__}: {exc}", exc, label, hint)
    return False


def _fail(
    where: str,
    why: str,
    label: str,
    expected,
    got,
    hint: str,
    extra: str = "",
    names: tuple[str, str] = ("expected", "got"),
) -> bool:
    print(f"{FAIL} elu_layer: {where} is wrong ({why}).")
    print(f"   input:    {label}")
    print(f"   {names[0] + ':':<9} {_fmt(expected)}")
    print(f"   {names[1] + ':':<9} {_fmt(got)}")
    if extra:
        print(f"   {extra}")
    print(f"   Hint: {hint}")
    return False


_OVERFLOW = (
    "This looks like an overflow: e^z is inf for large positive z, and inf times 0 (or inf - "
    "inf) is nan even in a branch you meant to discard. Take the exponential of the non-positive "
    "part of z only."
)


def _first_named(got, mistakes: Sequence[Mistake], z: np.ndarray) -> str | None:
    for mistake in mistakes:
        with np.errstate(all="ignore"):
            wrong = mistake.computes(z)
        if same(got, wrong)[0]:
            return f"This looks like {mistake.name}: {mistake.advice}"
    return None


def elu_layer(answer) -> bool:
    """Check Exercise 5.2 (build): a class ``ELULayer(alpha=1.0)`` with ``forward`` and ``backward``.

    ``forward(z)`` returns ELU of ``z``; ``backward(grad_output)`` returns dL/dz for the ``z`` of
    the latest ``forward`` call. Both are compared with ``dlcourse.activations.get("elu",
    alpha=...)``; a wrong backward is also shown beside the central differences of the learner's
    own forward. Cases: alpha 0.5, 1, 2 and 1.5, a 3x4 array, z = 0 exactly (the kink: like Keras,
    the slope there is alpha), z = +-800 (overflow), and two forward calls before one backward.
    Named mistakes: ReLU, Leaky ReLU, a missing - 1 or factor alpha in forward; a wrong slope for
    negative inputs (0, 1, alpha, e^z, the output, the output + 1), the positive slope at 0, the
    slope without grad_output, a sign error, an input changed in place, a stale cached input.
    """
    name = "elu_layer"
    hint = (
        "forward computes z for z > 0 and alpha * (e^z - 1) otherwise, and keeps what backward will "
        "need; backward multiplies grad_output by the slope at that same z. Neither may change the "
        "array it is given."
    )
    if not isinstance(answer, type):
        print(f"{FAIL} {name}: expected a class, got {type(answer).__name__} {_fmt(answer)}.")
        print(f"   Hint: pass the class itself, without creating a layer: check.{name}(ELULayer).")
        return False
    cases = _elu_cases()
    for i, case in enumerate(cases, start=1):
        where = f"case {i} of {len(cases)}"
        act = activations.get("elu", alpha=case.alpha)
        z, g = case.z.copy(), case.grad_output.copy()
        try:
            with np.errstate(all="ignore"):
                layer = answer(alpha=case.alpha)
                if case.earlier_z is not None:
                    layer.forward(case.earlier_z.copy())
                out = layer.forward(z)
        except NotImplementedError:
            print(f"{FAIL} {name}: not done yet (forward still raises NotImplementedError).")
            return False
        except Exception as exc:
            return _crash(f"{where}, forward,", exc, case.label, hint)
        if not np.array_equal(z, case.z):
            return _fail(
                f"{where}, forward",
                "z was changed in place",
                case.label,
                case.z,
                z,
                "forward must not write into the array it receives: the caller still needs it. "
                "Build the result in a new array.",
                names=("z before", "z after"),
            )
        ok, why = same(out, act(case.z))
        if not ok:
            named = _first_named(out, _forward_mistakes(case.alpha), case.z)
            if named is None and _numeric(out) and not np.all(np.isfinite(out)):
                named = _OVERFLOW
            return _fail(f"{where}, forward", why, case.label, act(case.z), out, named or hint)
        try:
            with np.errstate(all="ignore"):
                grad = layer.backward(g)
        except NotImplementedError:
            print(f"{FAIL} {name}: not done yet (backward still raises NotImplementedError).")
            return False
        except Exception as exc:
            return _crash(f"{where}, backward,", exc, case.label, hint)
        if not np.array_equal(g, case.grad_output):
            return _fail(
                f"{where}, backward",
                "grad_output was changed in place",
                case.label,
                case.grad_output,
                g,
                "backward must not write into grad_output: compute the product in a new array.",
                names=("before", "after"),
            )
        expected = act.backward(case.z, case.grad_output)
        ok, why = same(grad, expected)
        if not ok:
            mistakes = _backward_mistakes(case.alpha, case.grad_output)
            if case.earlier_z is not None:
                mistakes.append(
                    Mistake(
                        "a backward that used an earlier forward's input",
                        lambda _z, c=case, a=act: a.backward(c.earlier_z, c.grad_output),
                        "forward must store the z of its latest call, on the layer itself, "
                        "and backward must read it from there.",
                    )
                )
            named = _first_named(grad, mistakes, case.z)
            if named is None and _numeric(grad) and not np.all(np.isfinite(grad)):
                named = _OVERFLOW
            return _fail(
                f"{where}, backward (dL/dz)",
                why,
                f"{case.label}, grad_output = {_fmt(case.grad_output)}",
                expected,
                grad,
                named or hint,
                extra=_numerical_line(answer, case),
            )
    print(f"{PASS} {name}: all {len(cases)} cases pass (forward and backward).")
    _record_pass(name)
    return True


def _numerical_line(answer, case: _LayerCase) -> str:
    """grad_output times the central differences of the learner's own forward, as one line."""
    try:
        with np.errstate(all="ignore"):
            numerical = case.grad_output * _central_difference(
                lambda z: np.asarray(answer(alpha=case.alpha).forward(z), dtype=float), case.z
            )
    except Exception:  # the forward passed on these inputs; anything else is not worth a report
        return ""
    note = (
        " (at z = 0 exactly they average the two sides of the kink)" if np.any(case.z == 0) else ""
    )
    return (
        f"numeric:  {_fmt(numerical)}  <- grad_output x central differences of your forward{note}"
    )
