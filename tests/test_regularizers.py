"""dlcourse.regularizers: penalties and gradients equal Keras/TensorFlow, get(), error messages."""

from __future__ import annotations

import doctest

import numpy as np
import pytest

from dlcourse import regularizers
from dlcourse.regularizers import L1, L1L2, L2, get

W = np.array([[0.5, -1.5, 0.0], [2.0, -0.25, 1e-3]])


@pytest.fixture(scope="module")
def tf_keras():
    from dlcourse.keras_bridge import keras, tf

    return keras, tf


@pytest.mark.parametrize(
    ("ours", "keras_name", "kwargs"),
    [
        (L1(), "L1", {}),
        (L2(), "L2", {}),
        (L1(l1=0.3), "L1", {"l1": 0.3}),
        (L2(l2=0.7), "L2", {"l2": 0.7}),
        (L1L2(l1=0.2, l2=0.05), "L1L2", {"l1": 0.2, "l2": 0.05}),
    ],
)
def test_penalty_and_gradient_equal_keras(tf_keras, ours, keras_name, kwargs):
    keras, tf = tf_keras
    reference = getattr(keras.regularizers, keras_name)(**kwargs)
    variable = tf.Variable(W)
    with tf.GradientTape() as tape:
        penalty = reference(variable)
    # Keras keeps the factor as a float32 (0.01 -> 0.0099999998): agreement to float32 precision.
    assert ours(W) == pytest.approx(float(penalty), rel=1e-7)
    np.testing.assert_allclose(ours.gradient(W), tape.gradient(penalty, variable), rtol=1e-7)


def test_formulas_and_central_differences():
    assert L1(l1=0.1)(W) == pytest.approx(0.1 * (0.5 + 1.5 + 2.0 + 0.25 + 1e-3))
    assert L2(l2=0.1)(W) == pytest.approx(0.1 * (0.25 + 2.25 + 4.0 + 0.0625 + 1e-6))
    assert isinstance(L2()(W), float)
    V = np.array([[0.5, -1.5], [2.0, -0.25]])  # no zeros: |w| has a kink there
    for reg in (L1(0.3), L2(0.3), L1L2(0.3, 0.2)):
        numeric = np.zeros_like(V)
        for index in np.ndindex(V.shape):
            step = np.zeros_like(V)
            step[index] = 1e-6
            numeric[index] = (reg(V + step) - reg(V - step)) / 2e-6
        np.testing.assert_allclose(reg.gradient(V), numeric, rtol=1e-7)


def test_get_and_repr():
    assert get("l1") == L1(0.01) and get("l2") == L2(0.01)
    assert get("L2", rate=0.5) == L2(l2=0.5)
    assert get("l1_l2") == L1L2(0.01, 0.01)
    assert get(None) is None
    reg = L2(0.2)
    assert get(reg) is reg
    assert repr(L1L2(l1=0.1, l2=0.2)) == "L1L2(l1=0.1, l2=0.2)"
    assert repr(get("l2", rate=0.001)) == "L2(l2=0.001)"


def test_docstring_examples_run():
    with np.printoptions(precision=4, suppress=True):
        result = doctest.testmod(regularizers, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted >= 8 and result.failed == 0


def test_error_messages():
    with pytest.raises(ValueError, match=r"Unknown regularizer 'l3'\. Valid names: l1, l2, l1_l2"):
        get("l3")
    with pytest.raises(
        TypeError, match=r"`identifier` must be a regularizer name .*got float 0\.1"
    ):
        get(0.1)
    with pytest.raises(TypeError, match=r"`rate` goes with a name"):
        get(L2(), rate=0.1)
    with pytest.raises(
        ValueError, match=r"L2: `l2` must be in \[0, inf\] \(the penalty's strength.*got -0\.1"
    ):
        L2(l2=-0.1)
    with pytest.raises(TypeError, match=r"L1: `l1` must be a number .*got str '0.1'"):
        L1(l1="0.1")
    with pytest.raises(TypeError, match=r"L2: `W` must be numeric"):
        L2()("weights")
