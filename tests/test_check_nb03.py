"""Tests for the exercise checks of notebook 03_neurons: right answers pass, wrong ones fail."""

from __future__ import annotations

import numpy as np
import pytest

from dlcourse import check


def test_checks_are_registered():
    for name in ["weighted_sum", "bias_for_threshold", "neuron_fires"]:
        assert name in check.exercises()


def _loop_weighted_sum(x, w, b):
    x = np.asarray(x, dtype=float)
    if x.ndim == 2:
        return np.array([_loop_weighted_sum(row, w, b) for row in x])
    total = 0.0
    for xi, wi in zip(x, w, strict=True):
        total += xi * wi
    return total + b


@pytest.mark.parametrize(
    "right", [lambda x, w, b: x @ w + b, lambda x, w, b: np.dot(x, w) + b, _loop_weighted_sum]
)
def test_weighted_sum_accepts_right_answers(capsys, right):
    assert check.weighted_sum(right) is True
    assert "✅ weighted_sum: all 5 cases pass." in capsys.readouterr().out


@pytest.mark.parametrize(
    "wrong, why, case",
    [
        (lambda x, w, b: x @ w, "the numbers differ", "case 1 of 5"),  # forgot the bias
        (lambda x, w, b: x @ w - b, "the numbers differ", "case 1 of 5"),  # subtracted it
        (lambda x, w, b: np.sum(x * w + b), "the numbers differ", "case 1 of 5"),  # bias per input
        (lambda x, w, b: np.sum(x * w) + b, "expected shape (4,)", "case 5 of 5"),  # batch summed
        (lambda x, w, b: x * w + b, "expected shape ()", "case 1 of 5"),  # no sum at all
    ],
)
def test_weighted_sum_rejects_wrong_answers(capsys, wrong, why, case):
    assert check.weighted_sum(wrong) is False
    out = capsys.readouterr().out
    assert "❌ weighted_sum" in out and why in out and case in out
    assert "Hint: multiply each input by its weight" in out


def test_weighted_sum_reports_a_crash_and_an_unfinished_answer(capsys):
    def loop_for_one_sample(x, w, b):  # works for (n,), crashes on the batch (zip of rows)
        return sum(float(xi * wi) for xi, wi in zip(x, w, strict=True)) + b

    def unfinished(x, w, b):
        raise NotImplementedError()

    assert check.weighted_sum(loop_for_one_sample) is False
    out = capsys.readouterr().out
    assert "case 5 of 5 raised" in out and "a batch x of shape (4, 3)" in out
    assert check.weighted_sum(unfinished) is False
    assert "not done yet" in capsys.readouterr().out
    assert check.weighted_sum(3.0) is False
    assert "expected a function" in capsys.readouterr().out


def test_bias_for_threshold(capsys):
    assert check.bias_for_threshold(lambda w, x0: -w * x0) is True
    assert "✅ bias_for_threshold: all 5 cases pass." in capsys.readouterr().out
    wrongs = [
        lambda w, x0: w * x0,  # wrong sign
        lambda w, x0: -x0,  # ignores the weight (right only when w = 1)
        lambda w, x0: -x0 / w,  # divides instead of multiplying
    ]
    for wrong in wrongs:
        assert check.bias_for_threshold(wrong) is False
        out = capsys.readouterr().out
        assert "❌ bias_for_threshold" in out and "Solve w * x0 + b = 0" in out


def test_neuron_fires_right_answer(capsys):
    # z = [1, -1, -0.1, 2]: input c has no negative input but the bias keeps it below 0.
    assert check.neuron_fires([True, False, False, True]) is True
    assert "✅ neuron_fires: all 4 predictions are right." in capsys.readouterr().out
    assert check.neuron_fires(np.array([True, False, False, True])) is True


@pytest.mark.parametrize(
    "wrong, message",
    [
        ([True, False, True, True], "3 of 4 predictions are right"),  # c: forgot the bias
        ([False, True, True, False], "0 of 4 predictions are right"),
        ([1, 0, 0, 1], "expected True or False for every input"),
        ([True, False], "expected a list of 4 bools"),
        ("yes", "expected a list of 4 bools"),
        (..., "not done yet"),
    ],
)
def test_neuron_fires_rejects_wrong_answers(capsys, wrong, message):
    assert check.neuron_fires(wrong) is False
    out = capsys.readouterr().out
    assert "❌ neuron_fires" in out and message in out
    assert "True, False, False, True" not in out  # never the solution
