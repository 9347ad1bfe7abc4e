"""Tests for the exercise checks of notebook 05_activation_functions."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from dlcourse import activations, check
from dlcourse.check import nb05


def _sigmoid(z):
    return activations.get("sigmoid")(z)


def test_checks_are_registered():
    for name in ["tanh_derivative", "softplus_derivative", "elu_layer"]:
        assert name in check.exercises()


def test_central_differences_match_the_course_derivatives():
    # The references of Exercise 5.1 are central differences; they must agree with the core.
    z = np.linspace(-6.0, 6.0, 25)
    for name, f in [("tanh", np.tanh), ("softplus", lambda v: np.logaddexp(0.0, v))]:
        numerical = nb05._central_difference(f, z)
        np.testing.assert_allclose(numerical, activations.get(name).derivative(z), atol=1e-9)


# -- Exercise 5.1: tanh_derivative ------------------------------------------------------------


@pytest.mark.parametrize(
    "right",
    [
        lambda z: 1 - np.tanh(z) ** 2,
        lambda z: 1 / np.cosh(z) ** 2,
        lambda z: 4 * _sigmoid(2 * z) * (1 - _sigmoid(2 * z)),
    ],
    ids=["one minus tanh squared", "sech squared", "through the sigmoid"],
)
def test_tanh_derivative_accepts_every_correct_form(capsys, right):
    assert check.tanh_derivative(right) is True
    assert "✅ tanh_derivative: all 3 cases pass." in capsys.readouterr().out


@pytest.mark.parametrize(
    "wrong, named",
    [
        (np.tanh, "tanh itself"),
        (lambda z: np.tanh(z) ** 2 - 1, "a sign error"),
        (lambda z: 1 - np.tanh(z), "1 - tanh(z) where the square of tanh belongs"),
        (lambda z: 1 - z**2, "the output form of the derivative applied to the input"),
        (lambda z: np.tanh(z) * (1 - np.tanh(z)), "the sigmoid's pattern a(1 - a)"),
        (lambda z: _sigmoid(z) * (1 - _sigmoid(z)), "the sigmoid's derivative"),
        (lambda z: 1 - np.tanh(np.tanh(z)) ** 2, "the forward output passed through tanh"),
        # tanh = 2 sigma(2z) - 1 with the inner factor 2 of the chain rule lost
        (lambda z: 2 * _sigmoid(2 * z) * (1 - _sigmoid(2 * z)), "constant factor (0.5 times"),
    ],
)
def test_tanh_derivative_names_the_mistake(capsys, wrong, named):
    assert check.tanh_derivative(wrong) is False
    out = capsys.readouterr().out
    assert "❌ tanh_derivative: case 1 of 3 is wrong" in out
    assert f"This looks like {named}" in out or named in out


def test_tanh_derivative_general_hint_and_shape(capsys):
    assert check.tanh_derivative(lambda z: np.ones(3)) is False
    out = capsys.readouterr().out
    assert "expected shape (13,), got shape (3,)" in out and "quotient rule" in out


def test_tanh_derivative_needs_a_function(capsys):
    assert check.tanh_derivative(0.42) is False
    assert "expected a function" in capsys.readouterr().out


# -- Exercise 5.1: softplus_derivative --------------------------------------------------------


@pytest.mark.parametrize(
    "right",
    [_sigmoid, lambda z: np.exp(-np.logaddexp(0.0, -z))],
    ids=["the course's sigmoid", "exp of minus softplus of minus z"],
)
def test_softplus_derivative_accepts_stable_forms(capsys, right):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert check.softplus_derivative(right) is True
    assert "✅ softplus_derivative: all 3 cases pass." in capsys.readouterr().out


@pytest.mark.parametrize(
    "wrong, named, case",
    [
        (lambda z: np.logaddexp(0.0, z), "softplus itself", 1),
        (lambda z: 1 / (1 + np.exp(z)), "1 / (1 + e^z), the inner derivative lost", 1),
        (lambda z: -_sigmoid(z), "a sign error", 1),
        (np.exp, "e^z alone, the division lost", 1),
        (lambda z: _sigmoid(np.logaddexp(0.0, z)), "the forward output used as the input", 1),
        (lambda z: 0.5 * _sigmoid(z), "constant factor (0.5 times", 1),
        (lambda z: np.exp(z) / (1 + np.exp(z)), "an overflow", 3),
    ],
)
def test_softplus_derivative_names_the_mistake(capsys, wrong, named, case):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the check itself must not leak RuntimeWarnings
        assert check.softplus_derivative(wrong) is False
    out = capsys.readouterr().out
    assert f"❌ softplus_derivative: case {case} of 3 is wrong" in out
    assert f"This looks like {named}" in out or named in out


def test_softplus_derivative_reports_a_crash_at_the_learners_line(capsys):
    def scalar_only(z):
        return 1.0 if z > 0 else 0.0  # `if` on an array raises

    assert check.softplus_derivative(scalar_only) is False
    out = capsys.readouterr().out
    assert "case 1 of 3 raised ValueError" in out and "return 1.0 if z > 0" in out


# -- Exercise 5.2: elu_layer ------------------------------------------------------------------


class RightELU:
    def __init__(self, alpha=1.0):
        self.alpha = alpha

    def forward(self, z):
        self.z = np.array(z, dtype=float)
        return np.where(self.z > 0, self.z, self.alpha * np.expm1(np.minimum(self.z, 0.0)))

    def slope(self):
        return np.where(self.z > 0, 1.0, self.alpha * np.exp(np.minimum(self.z, 0.0)))

    def backward(self, grad_output):
        return grad_output * self.slope()


def _with(**methods):
    return type("WrongELU", (RightELU,), methods)


def _forward_negative(values):
    def forward(self, z):
        self.z = np.array(z, dtype=float)
        zn = np.minimum(self.z, 0.0)
        return np.where(self.z > 0, self.z, values(self, zn))

    return forward


def _slope_negative(values, positive=lambda z: z > 0):
    def slope(self):
        return np.where(positive(self.z), 1.0, values(self, np.minimum(self.z, 0.0)))

    return slope


def test_elu_layer_accepts_the_reference(capsys):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert check.elu_layer(RightELU) is True
    assert "✅ elu_layer: all 5 cases pass (forward and backward)." in capsys.readouterr().out


def test_elu_layer_accepts_a_backward_written_from_the_output(capsys):
    class FromOutput(RightELU):
        def forward(self, z):
            self.out = super().forward(z)
            return self.out

        def backward(self, grad_output):
            return grad_output * np.where(self.z > 0, 1.0, self.out + self.alpha)

    assert check.elu_layer(FromOutput) is True
    capsys.readouterr()


@pytest.mark.parametrize(
    "wrong, where, named",
    [
        (_with(forward=_forward_negative(lambda s, zn: 0 * zn)), "case 1 of 5, forward", "a ReLU"),
        (
            _with(forward=_forward_negative(lambda s, zn: s.alpha * zn)),
            "case 1 of 5, forward",
            "a Leaky ReLU",
        ),
        (
            _with(forward=_forward_negative(lambda s, zn: s.alpha * np.exp(zn))),
            "case 1 of 5, forward",
            "alpha * e^z without the - 1",
        ),
        (
            _with(forward=_forward_negative(lambda s, zn: np.expm1(zn))),
            "case 1 of 5, forward",
            "a missing factor alpha",
        ),
        (
            _with(slope=_slope_negative(lambda s, zn: 0 * zn)),
            "case 1 of 5, backward",
            "ReLU's slope 0 for negative inputs",
        ),
        (
            _with(slope=_slope_negative(lambda s, zn: s.alpha + 0 * zn)),
            "case 1 of 5, backward",
            "the constant slope alpha for negative inputs",
        ),
        (
            _with(slope=_slope_negative(lambda s, zn: 1 + 0 * zn)),
            "case 1 of 5, backward",
            "slope 1 for negative inputs too",
        ),
        (
            _with(slope=_slope_negative(lambda s, zn: np.exp(zn))),
            "case 1 of 5, backward",
            "a missing factor alpha in the negative slope",
        ),
        (
            _with(slope=_slope_negative(lambda s, zn: s.alpha * np.expm1(zn))),
            "case 1 of 5, backward",
            "the forward output used as the slope",
        ),
        (
            _with(slope=_slope_negative(lambda s, zn: s.alpha * np.expm1(zn) + 1)),
            "case 1 of 5, backward",
            "the forward output plus 1 used as the slope",
        ),
        (
            _with(
                slope=_slope_negative(lambda s, zn: s.alpha * np.exp(zn), positive=lambda z: z >= 0)
            ),
            "case 3 of 5, backward",
            "the positive side's slope 1 used at z = 0",
        ),
        (
            _with(backward=lambda self, grad_output: self.slope()),
            "case 1 of 5, backward",
            "da/dz alone, without grad_output",
        ),
        (
            _with(backward=lambda self, grad_output: -grad_output * self.slope()),
            "case 1 of 5, backward",
            "a sign error",
        ),
    ],
)
def test_elu_layer_names_the_mistake(capsys, wrong, where, named):
    assert check.elu_layer(wrong) is False
    out = capsys.readouterr().out
    assert f"❌ elu_layer: {where}" in out and f"This looks like {named}" in out


def test_elu_layer_shows_central_differences_beside_a_wrong_backward(capsys):
    assert check.elu_layer(_with(slope=_slope_negative(lambda s, zn: 0 * zn))) is False
    out = capsys.readouterr().out
    numeric = next(line for line in out.splitlines() if "numeric:" in line)
    assert "0.0124, -0.1839,  0.6065" in numeric and "central differences of your forward" in out


def test_elu_layer_catches_inputs_changed_in_place(capsys):
    class InPlaceForward(RightELU):
        def forward(self, z):
            self.z = z.copy()
            np.putmask(z, z <= 0, self.alpha * np.expm1(np.minimum(z, 0.0)))
            return z

    class InPlaceBackward(RightELU):
        def backward(self, grad_output):
            grad_output *= self.slope()
            return grad_output

    assert check.elu_layer(InPlaceForward) is False
    out = capsys.readouterr().out
    assert "case 1 of 5, forward is wrong (z was changed in place)" in out and "z after:" in out
    assert check.elu_layer(InPlaceBackward) is False
    assert "backward is wrong (grad_output was changed in place)" in capsys.readouterr().out


def test_elu_layer_catches_an_overflow_and_a_stale_input(capsys):
    class Overflow(RightELU):
        def forward(self, z):
            self.z = np.array(z, dtype=float)
            return self.z * (self.z > 0) + self.alpha * np.expm1(self.z) * (self.z <= 0)

    class KeepsFirstInput(RightELU):
        def forward(self, z):
            if not hasattr(self, "z"):
                self.z = np.array(z, dtype=float)
            z = np.asarray(z, dtype=float)
            return np.where(z > 0, z, self.alpha * np.expm1(np.minimum(z, 0.0)))

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert check.elu_layer(Overflow) is False
    out = capsys.readouterr().out
    assert "case 4 of 5, forward" in out and "This looks like an overflow" in out
    assert check.elu_layer(KeepsFirstInput) is False
    out = capsys.readouterr().out
    assert "case 5 of 5, backward" in out and "used an earlier forward's input" in out


def test_elu_layer_reports_crashes_and_unfinished_work(capsys):
    class Crashes(RightELU):
        def backward(self, grad_output):
            return grad_output @ self.slope().reshape(1, -1)

    class Unfinished(RightELU):
        def backward(self, grad_output):
            raise NotImplementedError()

    assert check.elu_layer(Crashes) is False
    out = capsys.readouterr().out
    assert "case 1 of 5, backward, raised ValueError" in out
    assert "at line" in out and "grad_output @ self.slope()" in out
    assert check.elu_layer(Unfinished) is False
    assert "not done yet (backward still raises" in capsys.readouterr().out
    assert check.elu_layer(RightELU()) is False
    assert "expected a class, got RightELU" in capsys.readouterr().out
