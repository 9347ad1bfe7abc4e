"""dlcourse.activations: values and gradients equal Keras/TensorFlow, central differences,
stability, properties (hypothesis) and every error message."""

from __future__ import annotations

import doctest
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from dlcourse import activations
from dlcourse.activations import NAMES, Activation, get
from dlcourse.gradcheck import numerical_gradient, relative_error

# (name, kwargs): every name with Keras' defaults, plus the keyword arguments Keras offers.
CASES = [(name, {}) for name in NAMES] + [
    ("leaky_relu", {"negative_slope": 0.1}),
    ("elu", {"alpha": 0.5}),
    ("gelu", {"approximate": True}),
    ("softmax", {"axis": 0}),
]
IDS = [name + "".join(f"-{k}={v}" for k, v in kw.items()) for name, kw in CASES]
ELEMENTWISE = [name for name in NAMES if name != "softmax"]
KINKS = {"relu", "leaky_relu", "elu", "selu"}  # not differentiable (or not twice) at z = 0

# A grid with ordinary values, the kink at 0, and extreme values; shape (12, 4) so softmax has rows.
GRID = np.concatenate(
    [
        np.linspace(-6.0, 6.0, 37),
        [0.0, -1e4, 1e4, -500.0, 500.0, -50.0, 50.0, -20.0, 20.0, 1e-3, -1e-3],
    ]
).reshape(12, 4)


@pytest.fixture(scope="module")
def tf_keras():
    from dlcourse.keras_bridge import keras, tf

    return keras, tf


# -- parity with Keras / TensorFlow
@pytest.mark.parametrize(("name", "kwargs"), CASES, ids=IDS)
def test_values_equal_keras(tf_keras, name, kwargs):
    keras, tf = tf_keras
    expected = getattr(keras.activations, name)(tf.constant(GRID), **kwargs).numpy()
    ours = get(name, **kwargs)(GRID)
    assert ours.dtype == np.float64
    np.testing.assert_allclose(ours, expected, rtol=1e-6, atol=1e-12)


@pytest.mark.parametrize(("name", "kwargs"), CASES, ids=IDS)
def test_backward_equals_tf_gradient_tape(tf_keras, name, kwargs):
    keras, tf = tf_keras
    rng = np.random.default_rng(0)
    grad_output = rng.normal(size=GRID.shape)
    z = tf.constant(GRID)
    with tf.GradientTape() as tape:
        tape.watch(z)
        a = getattr(keras.activations, name)(z, **kwargs)
    expected = tape.gradient(a, z, output_gradients=tf.constant(grad_output)).numpy()
    ours = get(name, **kwargs).backward(GRID, grad_output)
    np.testing.assert_allclose(ours, expected, rtol=1e-6, atol=1e-12)


@pytest.mark.parametrize(("name", "kwargs"), [c for c in CASES if c[0] != "softmax"])
def test_derivative_equals_tf_gradient_tape(tf_keras, name, kwargs):
    # Including z = 0: at the kinks we pick the same one-sided value TensorFlow does.
    keras, tf = tf_keras
    z = tf.constant(GRID)
    with tf.GradientTape() as tape:
        tape.watch(z)
        a = getattr(keras.activations, name)(z, **kwargs)
    expected = tape.gradient(a, z).numpy()
    np.testing.assert_allclose(
        get(name, **kwargs).derivative(GRID), expected, rtol=1e-6, atol=1e-12
    )


def test_swish_is_keras_swish(tf_keras):
    keras, tf = tf_keras
    expected = keras.activations.get("swish")(tf.constant(GRID)).numpy()
    np.testing.assert_allclose(get("swish")(GRID), expected, rtol=1e-6, atol=1e-12)


def test_float32_input_stays_float32_and_matches_keras(tf_keras):
    keras, tf = tf_keras
    z = GRID.astype(np.float32)
    ours = get("gelu")(z)
    assert ours.dtype == np.float32
    np.testing.assert_allclose(ours, keras.activations.gelu(tf.constant(z)).numpy(), atol=1e-6)


# -- central differences
# Points away from the kinks (|z| >= 0.05) and inside the range where gradients are not tiny
# (a relative error of a gradient of 1e-4 would measure round-off, not the formula).
SMOOTH_Z = np.linspace(-2.5, 2.5, 24).reshape(4, 6) + 0.05
SIGNS = np.where(np.arange(24).reshape(4, 6) % 3 == 0, -1.0, 1.0)


@pytest.mark.parametrize(("name", "kwargs"), CASES, ids=IDS)
def test_backward_matches_central_differences(name, kwargs):
    act = get(name, **kwargs)
    grad_output = SIGNS * np.random.default_rng(1).uniform(0.5, 1.5, size=SMOOTH_Z.shape)
    numeric = numerical_gradient(lambda z: np.sum(grad_output * act(z)), SMOOTH_Z.copy())
    assert relative_error(act.backward(SMOOTH_Z, grad_output), numeric) < 1e-7


@pytest.mark.parametrize(("name", "kwargs"), [c for c in CASES if c[0] != "softmax"])
def test_derivative_matches_central_differences(name, kwargs):
    act = get(name, **kwargs)
    z = SMOOTH_Z.ravel()
    numeric = (act(z + 1e-5) - act(z - 1e-5)) / 2e-5
    assert relative_error(act.derivative(z), numeric) < 1e-7


# -- numerical stability
@pytest.mark.parametrize(("name", "kwargs"), CASES, ids=IDS)
def test_extreme_inputs_give_finite_values_and_no_warning(name, kwargs):
    z = np.array([[-1e4, -1e3, 0.0, 1e3, 1e4], [1e4, 1e4, -1e4, -1e4, 0.0]])
    act = get(name, **kwargs)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any RuntimeWarning (overflow, invalid) fails the test
        values = act(z)
        grads = act.backward(z, np.ones_like(z))
        if name != "softmax":
            assert np.all(np.isfinite(act.derivative(z)))
    assert np.all(np.isfinite(values)) and np.all(np.isfinite(grads))


def test_stable_values_at_extremes():
    assert get("sigmoid")(-1e4) == 0.0 and get("sigmoid")(1e4) == 1.0
    assert get("softplus")(1e4) == 1e4 and get("softplus")(-1e4) == 0.0
    np.testing.assert_allclose(get("softmax")([[1e4, 1e4, -1e4]]), [[0.5, 0.5, 0.0]])
    assert get("elu")(-1e4) == -1.0
    assert get("selu")(-1e4) == pytest.approx(-activations.SELU.scale * activations.SELU.alpha)
    # Phi(z) via erfc keeps its precision where 1 + erf(z/sqrt(2)) would round to 0.
    assert get("gelu")(-10.0) == pytest.approx(-10.0 * 7.619853024160527e-24, rel=1e-12)


# -- properties (hypothesis)
finite = st.floats(-1e4, 1e4, allow_nan=False, width=64)


@settings(max_examples=60, deadline=None)
@given(arrays(np.float64, st.tuples(st.integers(1, 5), st.integers(1, 6)), elements=finite))
def test_softmax_rows_sum_to_one_and_lie_in_0_1(z):
    s = get("softmax")(z)
    np.testing.assert_allclose(s.sum(axis=-1), 1.0, rtol=1e-12)
    assert np.all((s >= 0) & (s <= 1))


@settings(max_examples=60, deadline=None)
@given(arrays(np.float64, st.integers(1, 8), elements=finite), st.sampled_from(NAMES))
def test_outputs_and_gradients_finite(z, name):
    act = get(name)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert np.all(np.isfinite(act(z)))
        assert np.all(np.isfinite(act.backward(z, np.ones_like(z))))


@settings(max_examples=60, deadline=None)
@given(
    arrays(np.float64, st.integers(1, 6), elements=st.floats(-5, 5, width=64)),
    st.sampled_from(ELEMENTWISE),
)
def test_derivative_consistent_with_backward_and_differences(z, name):
    z = np.where(np.abs(z) < 1e-2, 0.5, z)  # away from the kinks at 0
    act = get(name)
    derivative = act.derivative(z)
    np.testing.assert_allclose(act.backward(z, np.ones_like(z)), derivative, rtol=1e-15)
    numeric = (act(z + 1e-6) - act(z - 1e-6)) / 2e-6
    np.testing.assert_allclose(derivative, numeric, rtol=1e-6, atol=1e-9)


@settings(max_examples=40, deadline=None)
@given(arrays(np.float64, st.integers(1, 8), elements=st.floats(-30, 30, width=64)))
def test_monotone_activations_are_monotone(z):
    z = np.sort(z)
    for name in ("sigmoid", "tanh", "relu", "leaky_relu", "elu", "selu", "softplus"):
        assert np.all(np.diff(get(name)(z)) >= 0), name


# -- API: get, names, repr, scalars
def test_names_are_the_twelve_keras_names():
    assert NAMES == [
        "linear",
        "sigmoid",
        "tanh",
        "relu",
        "leaky_relu",
        "elu",
        "selu",
        "silu",
        "gelu",
        "mish",
        "softplus",
        "softmax",
    ]
    for name in NAMES:
        act = get(name)
        assert isinstance(act, Activation) and act.name == name


def test_get_none_swish_and_objects():
    assert get(None).name == "linear"
    assert get("swish") == get("silu") and get("swish").name == "silu"
    act = get("elu", alpha=0.5)
    assert get(act) is act
    assert get("elu", alpha=0.5) == act and get("elu") != act


def test_keras_defaults_and_reprs():
    assert repr(get("leaky_relu")) == "LeakyReLU(negative_slope=0.2)"
    assert repr(get("elu")) == "ELU(alpha=1.0)"
    assert repr(get("gelu")) == "GELU(approximate=False)"
    assert repr(get("softmax")) == "Softmax(axis=-1)"
    assert repr(get("relu")) == "ReLU()"


def test_scalars_lists_and_ints():
    assert get("relu")(-3) == 0.0 and isinstance(get("relu")(2), float)
    np.testing.assert_array_equal(get("relu")([[-1, 2]]), [[0.0, 2.0]])
    assert get("sigmoid").derivative(0) == 0.25
    assert get("softmax")(3.0) == 1.0


def test_softmax_backward_equals_explicit_jacobian():
    z = np.array([[0.3, -1.2, 2.0]])
    g = np.array([[0.5, -1.0, 0.25]])
    s = get("softmax")(z)[0]
    jacobian = np.diag(s) - np.outer(s, s)
    np.testing.assert_allclose(get("softmax").backward(z, g)[0], jacobian.T @ g[0], rtol=1e-14)


def test_docstring_examples_run():
    with np.printoptions(precision=4, suppress=True):
        result = doctest.testmod(activations, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 10 and result.failed == 0


# -- error messages
def test_unknown_name_lists_valid_names():
    with pytest.raises(
        ValueError, match=r"Unknown activation 'relux'\. Did you mean 'relu'\?"
    ) as e:
        get("relux")
    assert all(name in str(e.value) for name in NAMES)
    with pytest.raises(ValueError, match="Valid names: linear, sigmoid, tanh, relu"):
        get("step")


def test_bad_identifier_and_keywords():
    with pytest.raises(TypeError, match=r"`identifier` must be an activation name.*got int 3"):
        get(3)
    with pytest.raises(
        TypeError, match=r"'relu' does not take the argument\(s\) alpha; it takes no"
    ):
        get("relu", alpha=0.1)
    with pytest.raises(TypeError, match=r"'leaky_relu'.*alpha; it accepts negative_slope"):
        get("leaky_relu", alpha=0.1)
    with pytest.raises(TypeError, match="activation object ReLU\\(\\) together with the keyword"):
        get(get("relu"), alpha=1)
    with pytest.raises(TypeError, match="leaky_relu: `negative_slope` must be a number, got str"):
        get("leaky_relu", negative_slope="0.1")
    with pytest.raises(ValueError, match="elu: `alpha` must be a finite number, got inf"):
        get("elu", alpha=float("inf"))
    with pytest.raises(TypeError, match="gelu: `approximate` must be True or False, got str"):
        get("gelu", approximate="tanh")
    with pytest.raises(TypeError, match=r"softmax: `axis` must be an int.*got float 1\.0"):
        get("softmax", axis=1.0)


def test_non_numeric_input():
    with pytest.raises(TypeError, match=r"relu: `z` must be numeric.*got str 'abc'.*np\.asarray"):
        get("relu")("abc")
    with pytest.raises(TypeError, match=r"sigmoid.derivative: `z` must be numeric.*NoneType"):
        get("sigmoid").derivative(None)
    with pytest.raises(TypeError, match=r"tanh.backward: `grad_output` must be numeric"):
        get("tanh").backward([1.0], ["x"])
    with pytest.raises(TypeError, match=r"`z` must be a rectangular array.*same length"):
        get("relu")([[1.0, 2.0], [3.0]])


def test_softmax_derivative_points_to_backward():
    with pytest.raises(
        ValueError, match=r"softmax has no elementwise derivative.*Jacobian.*backward"
    ):
        get("softmax").derivative([[1.0, 2.0]])


def test_backward_shape_mismatch_and_bad_axis():
    with pytest.raises(
        ValueError, match=r"relu.backward: .*got grad_output shape \(3, 2\) and z shape \(3, 4\)"
    ):
        get("relu").backward(np.zeros((3, 4)), np.zeros((3, 2)))
    with pytest.raises(
        ValueError, match=r"softmax: axis=2 does not exist for `z` of shape \(2, 3\)"
    ):
        get("softmax", axis=2)(np.zeros((2, 3)))
