"""Tests for the exercise checks of notebook 05_activation_functions."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from dlcourse import check


def test_checks_are_registered():
    for name in ["collapse_linear", "leaky_relu", "leaky_relu_derivative", "stable_softmax"]:
        assert name in check.exercises()


def test_collapse_linear(capsys):
    assert check.collapse_linear(lambda W1, b1, W2, b2: (W1 @ W2, b1 @ W2 + b2)) is True
    assert "✅ collapse_linear: all 4 cases pass." in capsys.readouterr().out
    wrongs = [
        (lambda W1, b1, W2, b2: (W1 @ W2, b2), "case 1 of 4"),  # drops the first bias
        (lambda W1, b1, W2, b2: (W1 @ W2, b1 + b2), "case 1 of 4"),  # adds biases directly
        (lambda W1, b1, W2, b2: (W2 @ W1, b1 @ W2 + b2), "case 1 of 4"),  # wrong order
        (lambda W1, b1, W2, b2: W1 @ W2, "expected a sequence of 2 items"),  # no bias at all
    ]
    for wrong, where in wrongs:
        assert check.collapse_linear(wrong) is False
        out = capsys.readouterr().out
        assert "❌ collapse_linear" in out and where in out and "Hint: expand" in out


def test_collapse_linear_crash_names_the_case(capsys):
    def square_only(W1, b1, W2, b2):  # right for square matrices, crashes on the (3, 4) case
        return W1 @ W2.T.T, b1 @ np.linalg.inv(W1) @ W1 @ W2 + b2

    assert check.collapse_linear(square_only) is False
    out = capsys.readouterr().out
    assert "case 2 of 4 raised LinAlgError" in out and "W1 (3, 4), b1 (4,), W2 (4, 2)" in out


def test_leaky_relu(capsys):
    assert check.leaky_relu(lambda z, negative_slope=0.2: np.where(z > 0, z, negative_slope * z))
    assert "✅ leaky_relu: all 4 cases pass." in capsys.readouterr().out
    assert check.leaky_relu(lambda z, negative_slope=0.2: np.maximum(z, negative_slope * z))
    capsys.readouterr()
    wrongs = [
        (lambda z, negative_slope=0.2: np.maximum(z, 0), "case 1 of 4"),  # plain ReLU
        (lambda z, negative_slope=0.2: np.where(z > 0, z, 0.2 * z), "case 2 of 4"),  # ignores arg
        (lambda z, negative_slope=0.01: np.where(z > 0, z, negative_slope * z), "case 1 of 4"),
        (lambda z, negative_slope=0.2: np.where(z > 0, z, negative_slope), "case 1 of 4"),
    ]
    for wrong, where in wrongs:
        assert check.leaky_relu(wrong) is False
        out = capsys.readouterr().out
        assert "❌ leaky_relu" in out and where in out and "np.where" in out


def test_leaky_relu_reports_a_scalar_only_answer(capsys):
    def scalar_only(z, negative_slope=0.2):
        return z if z > 0 else negative_slope * z  # `if` on an array raises

    assert check.leaky_relu(scalar_only) is False
    assert "raised ValueError" in capsys.readouterr().out


def test_leaky_relu_derivative(capsys):
    def right(z, negative_slope=0.2):
        return np.where(z > 0, 1.0, negative_slope)

    def right_other_convention(z, negative_slope=0.2):
        return np.where(z >= 0, 1.0, negative_slope)

    assert check.leaky_relu_derivative(right) is True
    assert "✅ leaky_relu_derivative: all 3 cases pass." in capsys.readouterr().out
    assert check.leaky_relu_derivative(right_other_convention) is True
    capsys.readouterr()
    wrongs = [
        lambda z, negative_slope=0.2: np.where(z > 0, z, negative_slope * z),  # the function
        lambda z, negative_slope=0.2: np.where(z > 0, 1.0, 0.0),  # ReLU's derivative
        lambda z, negative_slope=0.2: np.where(z > 0, 1.0, 0.2),  # ignores the argument
        lambda z, negative_slope=0.2: 1.0,  # a scalar, not an array
    ]
    for wrong in wrongs:
        assert check.leaky_relu_derivative(wrong) is False
        out = capsys.readouterr().out
        assert "❌ leaky_relu_derivative" in out and "differentiate each branch" in out


def test_stable_softmax(capsys):
    def right(z):
        e = np.exp(z - z.max(axis=-1, keepdims=True))
        return e / e.sum(axis=-1, keepdims=True)

    assert check.stable_softmax(right) is True
    assert "✅ stable_softmax: all 4 cases pass." in capsys.readouterr().out


@pytest.mark.parametrize(
    "wrong, why, case",
    [
        (lambda z: np.exp(z) / np.exp(z).sum(axis=-1, keepdims=True), "inf or nan", "case 3 of 4"),
        (lambda z: np.exp(z - z.max()) / np.exp(z - z.max()).sum(), "the numbers differ", "case 2"),
        (lambda z: z / z.sum(axis=-1, keepdims=True), "the numbers differ", "case 1 of 4"),
        (lambda z: np.exp(z - z.max(axis=-1, keepdims=True)), "the numbers differ", "case 1 of 4"),
    ],
)
def test_stable_softmax_rejects_wrong_answers(capsys, wrong, why, case):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the check itself must not leak RuntimeWarnings
        assert check.stable_softmax(wrong) is False
    out = capsys.readouterr().out
    assert "❌ stable_softmax" in out and why in out and case in out
    assert "Subtract each row's maximum" in out
