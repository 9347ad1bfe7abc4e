"""The exercise-check machinery and the sample exercise of notebook 00."""

from __future__ import annotations

import numpy as np

from dlcourse import check
from dlcourse.check import Case, check_function, check_value


def _right(x):
    x = np.asarray(x, dtype=float)
    span = np.ptp(x)
    return np.zeros_like(x) if span == 0 else (x - x.min()) / span


def test_min_max_scale_accepts_a_correct_answer(capsys):
    assert check.min_max_scale(_right) is True
    assert "all 5 cases pass" in capsys.readouterr().out


def test_min_max_scale_reports_the_first_failing_case(capsys):
    with np.errstate(invalid="ignore"):  # the wrong answer divides 0 by 0 on the constant case
        assert check.min_max_scale(lambda x: (x - x.min()) / (x.max() - x.min())) is False
    out = capsys.readouterr().out
    assert "case 5 of 5" in out and "constant array" in out and "Hint" in out


def test_wrong_formula_shows_input_expected_and_got(capsys):
    assert check.min_max_scale(lambda x: x / x.max()) is False
    out = capsys.readouterr().out
    assert "case 1 of 5 is wrong" in out and "[2., 4., 6.]" in out
    assert "expected:" in out and "got:" in out


def test_a_crashing_answer_is_reported_not_raised(capsys):
    assert check.min_max_scale(lambda x: x.nonexistent()) is False
    out = capsys.readouterr().out
    assert "raised AttributeError" in out and "at line" in out


def test_not_implemented_and_not_callable(capsys):
    def todo(x):
        raise NotImplementedError()

    assert check.min_max_scale(todo) is False
    assert "not done yet" in capsys.readouterr().out
    assert check.min_max_scale(np.zeros(3)) is False
    assert "expected a function" in capsys.readouterr().out


def test_wrong_shape_is_named(capsys):
    assert check.min_max_scale(lambda x: np.ravel(_right(x))) is False
    assert "expected shape (3, 4), got shape (12,)" in capsys.readouterr().out


def test_answer_cannot_corrupt_the_reference_by_mutating_input(capsys):
    def mutating(x):
        x -= x.min()
        span = x.max()
        return np.zeros_like(x) if span == 0 else x / span

    assert check.min_max_scale(mutating) is True


def test_the_solution_is_never_printed(capsys):
    check_function("f", lambda x: x + 1, lambda x: x * 2, [Case((3.0,))], hint="double it")
    out = capsys.readouterr().out
    assert "expected: 6" in out  # the expected value of the case, not the code
    assert "x * 2" not in out


def test_check_value_variants(capsys):
    assert check_value("q", 3.0, 3.0, hint="h") is True
    assert check_value("q", True, False, hint="think") is False
    assert "Hint: think" in capsys.readouterr().out
    assert check_value("q", ..., 1.0, hint="h") is False
    assert "not done yet" in capsys.readouterr().out
    assert check_value("q", 1, True, hint="h") is False
    assert "expected a bool" in capsys.readouterr().out


def test_every_exercise_is_registered_once():
    names = check.exercises()
    assert "min_max_scale" in names
    assert len(names) == len(set(names))


def test_scaled_middle(capsys):
    assert check.scaled_middle(0.5) is True
    assert check.scaled_middle(3.0) is False
    out = capsys.readouterr().out
    assert "got:  3" in out and "halfway" in out
    assert "0.5" not in out, "a failing check must not reveal the answer"


def test_a_crash_inside_numpy_points_at_the_learners_line(capsys):
    def answer(x):
        y = np.vstack([x, np.ones(7)])  # the learner's line: shapes do not match
        return y

    assert check.min_max_scale(answer) is False
    out = capsys.readouterr().out
    assert "np.vstack([x, np.ones(7)])" in out


def test_tuples_are_printed_rounded(capsys):
    check_value("pair", (np.array([1.0, 2.0]), 0.123456789), (np.array([1.0, 2.0]), 1.0), hint="h")
    out = capsys.readouterr().out
    assert "0.123457" in out and "0.123456789" not in out


def test_a_crash_inside_the_dlcourse_core_points_at_the_learners_line(capsys):
    # The core (losses.py) raises the error, but the line to fix is the learner's. With an
    # editable install the core is not under site-packages, so this tests the package folder rule.
    from dlcourse import losses

    def gradient(x):
        return losses.get("mse").gradient(x, np.ones((len(x), 2)))  # the learner's line: bad shapes

    assert check.min_max_scale(gradient) is False
    out = capsys.readouterr().out
    assert "raised ValueError" in out
    assert 'losses.get("mse").gradient(x, np.ones((len(x), 2)))' in out
    assert "losses.py" not in out


def test_every_checker_reports_a_core_crash_the_same_way(capsys):
    # check.nb09 has its own loop over networks; it shares check_function's reporting path.
    from dlcourse import losses

    def step(net, X_batch, y_batch, loss, learning_rate):
        return losses.get(loss)(y_batch, X_batch[:, :1].T)  # the learner's line: a transpose

    assert check.sgd_train_step(step) is False
    out = capsys.readouterr().out
    assert out.startswith("❌ sgd_train_step: case 1 of 3 raised ValueError")
    assert "at line" in out and "X_batch[:, :1].T" in out
