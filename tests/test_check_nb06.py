"""Exercise checks of notebook 06_loss_functions: right answers pass, each usual mistake is named.

The wrong answers are written the way a learner would write them, independently of the checker's
own list of mistakes, so a test fails if the checker stops recognising one.
"""

from __future__ import annotations

import numpy as np
import pytest

from dlcourse import check
from dlcourse.check import nb06

NAMES = ["huber_value_and_gradient", "bce_logit_gradient", "cce_logit_gradient", "bce_from_logits"]


def test_checks_are_registered():
    for name in NAMES:
        assert name in check.exercises()
    assert sorted(nb06.__all__) == sorted(NAMES)


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


def _softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


# ---- Exercise 6.1: Huber --------------------------------------------------------------------------


def _huber(y_true, y_pred, delta=1.0, half=0.5, offset=True, mean=True, grad_scale=None):
    e = y_pred - y_true
    small = np.abs(e) <= delta
    linear = delta * (np.abs(e) - 0.5 * delta) if offset else delta * np.abs(e)
    values = np.where(small, half * e**2, linear)
    slope = np.where(small, 2 * half * e, delta * np.sign(e))
    value = np.mean(values) if mean else np.sum(values)
    return value, slope / (e.size if grad_scale is None else grad_scale(e))


def test_huber_accepts_right_answers(capsys):
    def with_clip(y_true, y_pred, delta=1.0):
        e = y_pred - y_true
        quadratic = np.minimum(np.abs(e), delta)
        value = np.mean(0.5 * quadratic**2 + delta * (np.abs(e) - quadratic))
        return value, np.clip(e, -delta, delta) / e.size

    for right in (_huber, with_clip):
        assert check.huber_value_and_gradient(right) is True
        assert "✅ huber_value_and_gradient: all 5 cases pass." in capsys.readouterr().out


@pytest.mark.parametrize(
    "wrong, named",
    [
        (
            lambda t, p, delta=1.0: _huber(t, p, delta, mean=False, grad_scale=lambda e: 1),
            "the sum over the batch instead of the mean",
        ),
        (
            lambda t, p, delta=1.0: _huber(t, p, delta, mean=False),
            "the sum instead of the mean in the value",
        ),
        (
            lambda t, p, delta=1.0: _huber(t, p, delta, grad_scale=lambda e: 1),
            "forgetting the 1/N in the gradient",
        ),
        (
            lambda t, p, delta=1.0: (_huber(t, p, delta)[0], -_huber(t, p, delta)[1]),
            "a sign error in the gradient",
        ),
        (lambda t, p, delta=1.0: _huber(t, p, delta, half=1.0), "without its factor 1/2"),
        (lambda t, p, delta=1.0: _huber(t, p, delta, offset=False), "without its offset"),
        (lambda t, p, delta=1.0: _huber(t, p, 1.0), "delta ignored"),
        (
            lambda t, p, delta=1.0: _huber(t, p, delta, grad_scale=len),
            "dividing by the number of rows",
        ),
    ],
)
def test_huber_names_the_mistake(capsys, wrong, named):
    assert check.huber_value_and_gradient(wrong) is False
    out = capsys.readouterr().out
    assert "❌ huber_value_and_gradient: case" in out
    assert "Hint: This looks like" in out and named in out


def test_huber_without_a_named_mistake_gets_the_general_hint(capsys):
    def mae(y_true, y_pred, delta=1.0):
        e = y_pred - y_true
        return np.mean(np.abs(e)), np.sign(e) / e.size

    assert check.huber_value_and_gradient(mae) is False
    out = capsys.readouterr().out
    assert "This looks like" not in out and "Hint: return a pair (loss, gradient)" in out


def test_huber_rejects_an_answer_that_changes_its_input(capsys):
    def in_place(y_true, y_pred, delta=1.0):
        y_pred -= y_true  # writes into the caller's array
        return _huber(np.zeros_like(y_pred), y_pred, delta)

    assert check.huber_value_and_gradient(in_place) is False
    out = capsys.readouterr().out
    assert "changed its input in place" in out and "`y_pred`" in out


# ---- Exercise 6.2: BCE through a sigmoid -----------------------------------------------------------


def test_bce_logit_gradient_accepts_p_minus_y_over_n(capsys):
    assert check.bce_logit_gradient(lambda t, z: (_sigmoid(z) - t) / z.size) is True
    assert "✅ bce_logit_gradient: all 5 cases pass." in capsys.readouterr().out


@pytest.mark.parametrize(
    "wrong, named",
    [
        (lambda t, z: (t - _sigmoid(z)) / z.size, "y - p instead of p - y"),
        (lambda t, z: _sigmoid(z) - t, "forgetting the 1/N"),
        (lambda t, z: (_sigmoid(z) - t) / len(z), "dividing by the number of rows"),
        (
            lambda t, z: (_sigmoid(z) - t) / (_sigmoid(z) * (1 - _sigmoid(z))) / z.size,
            "stopping at dL/dp",
        ),
        (
            lambda t, z: (_sigmoid(z) - t) * _sigmoid(z) * (1 - _sigmoid(z)) / z.size,
            "without dividing by p(1 - p)",
        ),
        (lambda t, z: (z - t) / z.size, "the logit used in place of the probability"),
    ],
)
def test_bce_logit_gradient_names_the_mistake(capsys, wrong, named):
    assert check.bce_logit_gradient(wrong) is False
    out = capsys.readouterr().out
    assert "❌ bce_logit_gradient: case" in out and "Hint: This looks like" in out and named in out


def test_bce_logit_gradient_is_checked_against_central_differences():
    # The expected values are slopes of the course's loss, so they equal (p - y) / N.
    y, z = np.array([1.0, 0.0, 1.0]), np.array([2.0, -1.0, 0.5])
    reference = nb06._numerical_logit_gradient(nb06.losses.BinaryCrossentropy(from_logits=True))
    np.testing.assert_allclose(reference(y, z), (_sigmoid(z) - y) / 3, rtol=1e-7)
    np.testing.assert_array_equal(z, [2.0, -1.0, 0.5])  # the logits are left as they were


# ---- Exercise 6.3: softmax cross-entropy -----------------------------------------------------------


def test_cce_logit_gradient_accepts_p_minus_y_over_n(capsys):
    assert check.cce_logit_gradient(lambda t, z: (_softmax(z) - t) / len(z)) is True
    assert "✅ cce_logit_gradient: all 4 cases pass." in capsys.readouterr().out


def _overflowing(t, z):
    e = np.exp(z)
    return (e / e.sum(axis=1, keepdims=True) - t) / len(z)


def _wrong_axis(t, z):
    e = np.exp(z - z.max(axis=0, keepdims=True))
    return (e / e.sum(axis=0, keepdims=True) - t) / len(z)


@pytest.mark.parametrize(
    "wrong, named",
    [
        (lambda t, z: (t - _softmax(z)) / len(z), "y - p instead of p - y"),
        (lambda t, z: _softmax(z) - t, "forgetting the 1/N"),
        (lambda t, z: (_softmax(z) - t) / z.size, "the mean over every element"),
        (_wrong_axis, "the softmax over the wrong axis"),
        (lambda t, z: _softmax(z) / len(z), "forgetting to subtract y"),
        (lambda t, z: -t / len(z), "differentiating only the -z term"),
        (lambda t, z: np.where(t == 1, _softmax(z) - 1, 0.0) / len(z), "only the true class"),
        (_overflowing, "an overflowing softmax"),
    ],
)
def test_cce_logit_gradient_names_the_mistake(capsys, wrong, named):
    with np.errstate(all="ignore"):
        assert check.cce_logit_gradient(wrong) is False
    out = capsys.readouterr().out
    assert "❌ cce_logit_gradient: case" in out and "Hint: This looks like" in out and named in out


def test_cce_logit_gradient_rejects_a_softmax_that_shifts_the_logits_in_place(capsys):
    def shifts_in_place(t, z):
        z -= z.max(axis=1, keepdims=True)
        return (np.exp(z) / np.exp(z).sum(axis=1, keepdims=True) - t) / len(z)

    assert check.cce_logit_gradient(shifts_in_place) is False
    out = capsys.readouterr().out
    assert "case 1 of 4 changed its input in place" in out and "`logits`" in out


# ---- Exercise 6.4: BCE from logits -----------------------------------------------------------------


def test_bce_from_logits_accepts_stable_forms(capsys):
    def stable(y, z):
        return np.mean(np.maximum(z, 0) - y * z + np.log1p(np.exp(-np.abs(z))))

    def via_logaddexp(y, z):
        return np.mean(np.logaddexp(0, z) - y * z)

    for right in (stable, via_logaddexp):
        assert check.bce_from_logits(right) is True
        assert "✅ bce_from_logits: all 5 cases pass." in capsys.readouterr().out


def _naive(y, z):
    p = _sigmoid(z)
    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))


@pytest.mark.parametrize(
    "wrong, named",
    [
        (_naive, "log of 0"),
        (lambda y, z: np.mean(np.log(1 + np.exp(z)) - y * z), "an overflowing exp"),
        (lambda y, z: np.sum(np.logaddexp(0, z) - y * z), "the sum instead of the mean"),
        (lambda y, z: np.mean(np.logaddexp(0, z) + y * z), "a sign error"),
        (lambda y, z: np.mean(np.logaddexp(0, z) - (1 - y) * z), "the labels swapped"),
    ],
)
def test_bce_from_logits_names_the_mistake(capsys, wrong, named):
    with np.errstate(all="ignore"):
        assert check.bce_from_logits(wrong) is False
    out = capsys.readouterr().out
    assert "❌ bce_from_logits: case" in out and "Hint: This looks like" in out and named in out


# ---- Shared behaviour ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_a_crash_and_an_unfinished_answer_are_reported(capsys, name):
    def crashes(*args, **kwargs):
        return args[0].mean(axis=5)

    def unfinished(*args, **kwargs):
        raise NotImplementedError()

    assert getattr(check, name)(crashes) is False
    assert "raised AxisError" in capsys.readouterr().out
    assert getattr(check, name)(unfinished) is False
    assert "not done yet" in capsys.readouterr().out


@pytest.mark.parametrize("name", NAMES)
def test_messages_never_print_a_solution_line(capsys, name):
    getattr(check, name)(lambda *args, **kwargs: 0.0)
    out = capsys.readouterr().out
    assert "❌" in out and "expected:" in out
    for code in ("np.mean(", "np.exp(", "np.clip(", "np.where(", "/ len(", "/ z.size"):
        assert code not in out


def test_no_check_message_holds_a_line_of_the_notebooks_solutions():
    import json
    import re
    from pathlib import Path

    from dlcourse.course import mistakes

    path = Path(__file__).resolve().parents[1] / "notebooks" / "06_loss_functions.ipynb"
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    regions = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", re.S)
    solution_lines = {
        line.strip()
        for cell in cells
        if cell["cell_type"] == "code"
        for region in regions.findall("".join(cell["source"]))
        for line in region.splitlines()
        if len(line.strip()) > 12 and not line.strip().startswith("#")
    }
    assert len(solution_lines) >= 8
    (notebook,) = [k for k in mistakes.notebook_exercises() if k.startswith("06_")]
    exercises = mistakes.notebook_exercises()[notebook]
    assert sorted(e.name for e in exercises) == sorted(NAMES)
    texts = [t for e in exercises for t in e.hints + e.mistakes + e.messages]
    assert len(texts) > 25  # the named mistakes are read too
    leaked = [line for line in solution_lines for text in texts if line in text]
    assert not leaked
