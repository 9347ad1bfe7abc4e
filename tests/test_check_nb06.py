"""Exercise checks of notebook 06_loss_functions: right answers pass, wrong ones fail."""

from __future__ import annotations

import numpy as np
import pytest

from dlcourse import check


def test_checks_are_registered():
    for name in ["mse", "mse_gradient", "bce_from_logits"]:
        assert name in check.exercises()


def _mse(y_true, y_pred):
    return np.mean((y_pred - y_true) ** 2)


def test_mse_accepts_the_mean_of_squares(capsys):
    assert check.mse(_mse) is True
    assert "✅ mse: all 4 cases pass." in capsys.readouterr().out


@pytest.mark.parametrize(
    "wrong, why",
    [
        (lambda t, p: np.sum((p - t) ** 2), "the numbers differ"),  # sum, not mean
        (lambda t, p: np.mean(np.abs(p - t)), "the numbers differ"),  # that is MAE
        (lambda t, p: np.mean((p - t) ** 2, axis=0), "expected shape ()"),  # per column
        (lambda t, p: np.mean((p - t) ** 2, axis=-1), "expected shape ()"),  # per sample
    ],
)
def test_mse_rejects_wrong_answers(capsys, wrong, why):
    assert check.mse(wrong) is False
    out = capsys.readouterr().out
    assert "❌ mse: case" in out and why in out
    assert "Hint: square the differences" in out


def test_mse_reports_a_crash_and_an_unfinished_answer(capsys):
    def crashes(y_true, y_pred):
        return y_true.mean(axis=2)

    def unfinished(y_true, y_pred):
        raise NotImplementedError()

    assert check.mse(crashes) is False
    assert "raised AxisError" in capsys.readouterr().out
    assert check.mse(unfinished) is False
    assert "not done yet" in capsys.readouterr().out


def test_mse_gradient(capsys):
    assert check.mse_gradient(lambda t, p: 2 * (p - t) / p.size) is True
    assert "✅ mse_gradient: all 4 cases pass." in capsys.readouterr().out
    wrongs = [
        lambda t, p: 2 * (p - t),  # forgot the mean
        lambda t, p: (p - t) / p.size,  # forgot the factor 2
        lambda t, p: 2 * (t - p) / p.size,  # wrong sign
        lambda t, p: 2 * (p - t) / len(p),  # divides by rows, not elements: fails the batch case
    ]
    for wrong in wrongs:
        assert check.mse_gradient(wrong) is False
        out = capsys.readouterr().out
        assert "❌ mse_gradient" in out and "y_pred.size" in out
    check.mse_gradient(wrongs[3])
    assert "case 4 of 4" in capsys.readouterr().out


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


def test_bce_from_logits(capsys):
    def stable(y, z):
        return np.mean(np.maximum(z, 0) - y * z + np.log1p(np.exp(-np.abs(z))))

    def via_logaddexp(y, z):
        return np.mean(np.logaddexp(0, z) - y * z)

    for right in (stable, via_logaddexp):
        assert check.bce_from_logits(right) is True
        assert "✅ bce_from_logits: all 4 cases pass." in capsys.readouterr().out


def test_bce_from_logits_rejects_the_naive_and_wrong_forms(capsys):
    def naive(y, z):
        p = _sigmoid(z)
        return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))

    def no_minus(y, z):
        return np.mean(np.maximum(z, 0) - y * z - np.log1p(np.exp(-np.abs(z))))

    def summed(y, z):
        return np.sum(np.logaddexp(0, z) - y * z)

    with np.errstate(all="ignore"):
        assert check.bce_from_logits(naive) is False
    out = capsys.readouterr().out
    assert "case 4 of 4" in out and "inf or nan" in out and "log1p" in out
    assert check.bce_from_logits(no_minus) is False
    assert "the numbers differ" in capsys.readouterr().out
    assert check.bce_from_logits(summed) is False
    assert "case 1 of 4 is wrong" in capsys.readouterr().out


def test_checks_never_print_the_solution(capsys):
    check.mse(lambda t, p: 0.0)
    out = capsys.readouterr().out
    assert "np.mean((" not in out and "expected:" in out
