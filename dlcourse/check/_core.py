"""The machinery behind every exercise check: run the learner's answer on cases, compare, explain.

A checker never prints the solution. It prints one pass line, or the first failing case (the input,
what was expected, what the answer gave) and a hint, and returns ``True`` or ``False``.

Introduced in notebook 00_start_here.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

PASS = "✅"
FAIL = "❌"


@dataclass
class Case:
    """One test case: the positional arguments for the answer, and a label a learner can read."""

    args: tuple
    label: str = ""
    kwargs: dict = field(default_factory=dict)


def _fmt(value: Any) -> str:
    if isinstance(value, np.ndarray):
        with np.printoptions(precision=4, suppress=True, threshold=20):
            text = np.array2string(value, separator=", ")
        one_line = " ".join(line.strip() for line in text.splitlines())
        # Small matrices read best on one line; bigger ones keep their rows, indented under the value.
        text = one_line if len(one_line) <= 160 else text.replace("\n", "\n" + " " * 13)
        return f"array(shape={value.shape}) {text}"
    if isinstance(value, float | np.floating):
        return f"{float(value):.6g}"
    if isinstance(value, tuple | list) and value:
        inner = ", ".join(_fmt(v) for v in value)
        text = f"({inner})" if isinstance(value, tuple) else f"[{inner}]"
        return text if len(text) <= 400 else text[:397] + "..."
    text = repr(value)
    return text if len(text) <= 200 else text[:197] + "..."


def _fmt_args(case: Case) -> str:
    if case.label:
        return case.label
    parts = [_fmt(a) for a in case.args] + [f"{k}={_fmt(v)}" for k, v in case.kwargs.items()]
    return ", ".join(parts)


def same(got: Any, expected: Any, rtol: float = 1e-6, atol: float = 1e-8) -> tuple[bool, str]:
    """Compare an answer with the reference. Return (ok, reason) where reason explains a mismatch."""
    if expected is None:
        return got is None, "expected no value (None)"
    if isinstance(expected, bool | np.bool_):
        if not isinstance(got, bool | np.bool_):
            return False, f"expected a bool (True/False), got {type(got).__name__}"
        return bool(got) == bool(expected), "the truth value differs"
    if isinstance(expected, str):
        return got == expected, "the text differs"
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            return False, f"expected a dict, got {type(got).__name__}"
        if set(got) != set(expected):
            return False, f"expected keys {sorted(expected)}, got {sorted(got)}"
        for key in expected:
            ok, why = same(got[key], expected[key], rtol, atol)
            if not ok:
                return False, f"at key {key!r}: {why}"
        return True, ""
    if isinstance(expected, tuple | list) and not _is_numeric_sequence(expected):
        if not isinstance(got, tuple | list) or len(got) != len(expected):
            return False, f"expected a sequence of {len(expected)} items"
        for i, (g, e) in enumerate(zip(got, expected, strict=True)):
            ok, why = same(g, e, rtol, atol)
            if not ok:
                return False, f"at item {i}: {why}"
        return True, ""
    exp = np.asarray(expected, dtype=float)
    try:
        arr = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return False, f"expected a number or an array of numbers, got {type(got).__name__}"
    if arr.shape != exp.shape:
        return False, f"expected shape {exp.shape}, got shape {arr.shape}"
    if not np.all(np.isfinite(arr) == np.isfinite(exp)):
        return False, "the answer has inf or nan where the expected value is finite (or vice versa)"
    if not np.allclose(arr, exp, rtol=rtol, atol=atol, equal_nan=True):
        return False, "the numbers differ"
    return True, ""


def _is_numeric_sequence(seq: Sequence) -> bool:
    try:
        np.asarray(seq, dtype=float)
    except (TypeError, ValueError):
        return False
    return True


def check_function(
    name: str,
    answer: Callable,
    reference: Callable,
    cases: Sequence[Case],
    hint: str,
    rtol: float = 1e-6,
    atol: float = 1e-8,
) -> bool:
    """Run ``answer`` and ``reference`` on every case; print a pass line or the first failure.

    Args:
        name: the exercise's name, shown in the messages.
        answer: the learner's function.
        reference: the course's own implementation (never printed).
        cases: the cases to try, edge cases included.
        hint: what to look at when a case fails.
        rtol, atol: tolerances for numeric answers.

    Returns:
        True when every case matches.
    """
    if not callable(answer):
        print(f"{FAIL} {name}: expected a function, got {type(answer).__name__} {_fmt(answer)}.")
        print(f"   Hint: pass the function itself, without calling it: check.{name}(my_function).")
        return False
    for i, case in enumerate(cases, start=1):
        expected = reference(*_copy(case.args), **_copy(case.kwargs))
        try:
            got = answer(*_copy(case.args), **_copy(case.kwargs))
        except NotImplementedError:
            print(f"{FAIL} {name}: not done yet (the cell still raises NotImplementedError).")
            return False
        except Exception as exc:  # the learner's code failed: show where, not a wall of traceback
            headline = f"{FAIL} {name}: case {i} of {len(cases)} raised {type(exc).__name__}: {exc}"
            report_crash(headline, exc, _fmt_args(case), hint)
            return False
        ok, why = same(got, expected, rtol, atol)
        if not ok:
            print(f"{FAIL} {name}: case {i} of {len(cases)} is wrong ({why}).")
            print(f"   input:    {_fmt_args(case)}")
            print(f"   expected: {_fmt(expected)}")
            print(f"   got:      {_fmt(got)}")
            print(f"   Hint: {hint}")
            return False
    print(f"{PASS} {name}: all {len(cases)} cases pass.")
    _record_pass(name)
    return True


def check_value(name: str, answer: Any, expected: Any, hint: str, rtol: float = 1e-6) -> bool:
    """Compare a single answer (a number, array, bool, string...) with the expected value.

    The expected value is never printed: a learner sees what they gave and a hint.
    """
    if answer is Ellipsis or answer is NotImplemented:
        print(f"{FAIL} {name}: not done yet (replace the placeholder with your answer).")
        return False
    ok, why = same(answer, expected, rtol)
    if ok:
        print(f"{PASS} {name}: correct.")
        _record_pass(name)
        return True
    print(f"{FAIL} {name}: not yet ({why}).")
    print(f"   got:  {_fmt(answer)}")
    print(f"   Hint: {hint}")
    return False


def _record_pass(name: str) -> None:
    """Note on this machine that exercise ``name`` passed (``dlcourse progress``); never raises."""
    from dlcourse.course.progress import record_pass

    record_pass(name)


def report_crash(headline: str, exc: BaseException, label: str, hint: str) -> None:
    """Print how a learner's answer failed: ``headline`` (the error), the input, the learner's
    line and a hint.

    The one reporting path of every checker. The line shown is the deepest one in the learner's
    own code, even when the error was raised deeper, inside NumPy or the dlcourse core (a loss
    called with the wrong shapes, say).
    """
    last = _learner_frame(exc)
    print(headline)
    print(f"   input:    {label}")
    if last is not None:
        print(f"   at line {last.lineno}: {last.line}")
    print(f"   Hint: {hint}")


def _library_dirs() -> tuple[str, ...]:
    """Folders whose frames are never the learner's: the dlcourse package (an editable install
    included), NumPy's, and every installed package's."""
    import dlcourse

    package = os.path.dirname(os.path.abspath(dlcourse.__file__)) + os.sep
    return (package, os.path.dirname(os.path.abspath(np.__file__)) + os.sep)


def _learner_frame(exc: BaseException) -> traceback.FrameSummary | None:
    """The deepest traceback frame in the learner's own code (not NumPy's, not dlcourse's).

    None when no frame is the learner's (the answer is, say, a built-in function).
    """
    frames = traceback.extract_tb(exc.__traceback__)
    library = _library_dirs()
    installed = (f"{os.sep}site-packages{os.sep}", f"{os.sep}dist-packages{os.sep}")
    own = [
        f
        for f in frames
        if not os.path.abspath(f.filename).startswith(library)
        and not any(part in f.filename for part in installed)
    ]
    return own[-1] if own else None


def _copy(obj: Any) -> Any:
    """Copy arguments so an answer that modifies its input in place cannot affect the reference."""
    if isinstance(obj, np.ndarray):
        return obj.copy()
    if isinstance(obj, tuple):
        return tuple(_copy(o) for o in obj)
    if isinstance(obj, list):
        return [_copy(o) for o in obj]
    if isinstance(obj, dict):
        return {k: _copy(v) for k, v in obj.items()}
    return obj
