"""dlcourse.losses: values and gradients equal to Keras/TensorFlow, central differences, errors."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from dlcourse import losses
from dlcourse.gradcheck import numerical_gradient, relative_error
from dlcourse.keras_bridge import keras, tf

RNG = np.random.default_rng(0)


def _softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def _onehot(labels, k):
    return np.eye(k)[labels]


N, K = 6, 4
LABELS = RNG.integers(0, K, size=N)
LOGITS = RNG.normal(scale=1.0, size=(N, K))
PROBS = _softmax(LOGITS)
BINARY = RNG.integers(0, 2, size=(N, 1)).astype(float)
SCORES = RNG.normal(size=(N, 1))
REG_TRUE = RNG.normal(size=(N, 3))
REG_PRED = REG_TRUE + RNG.normal(scale=1.5, size=(N, 3))

# (dlcourse name, kwargs, Keras class, y_true, y_pred)
CASES = [
    ("mse", {}, keras.losses.MeanSquaredError, REG_TRUE, REG_PRED),
    ("mse", {}, keras.losses.MeanSquaredError, REG_TRUE[:, 0], REG_PRED[:, :1]),
    ("mse", {}, keras.losses.MeanSquaredError, REG_TRUE[:, :1], REG_PRED[:, 0]),
    ("mse", {}, keras.losses.MeanSquaredError, REG_TRUE[:, 0], REG_PRED[:, 0]),
    ("mae", {}, keras.losses.MeanAbsoluteError, REG_TRUE, REG_PRED),
    ("huber", {}, keras.losses.Huber, REG_TRUE, REG_PRED),
    ("huber", {"delta": 0.5}, keras.losses.Huber, REG_TRUE, REG_PRED),
    ("binary_crossentropy", {}, keras.losses.BinaryCrossentropy, BINARY, 1 / (1 + np.exp(-SCORES))),
    ("binary_crossentropy", {}, keras.losses.BinaryCrossentropy, BINARY[:, 0], 1 / (1 + np.exp(-SCORES))),
    ("binary_crossentropy", {"from_logits": True}, keras.losses.BinaryCrossentropy, BINARY, SCORES),
    ("categorical_crossentropy", {}, keras.losses.CategoricalCrossentropy, _onehot(LABELS, K), PROBS),
    # rows not summing to 1: Keras renormalises them, and so do we
    ("categorical_crossentropy", {}, keras.losses.CategoricalCrossentropy, _onehot(LABELS, K), 0.5 * PROBS + 0.1),
    ("categorical_crossentropy", {"from_logits": True}, keras.losses.CategoricalCrossentropy, _onehot(LABELS, K), LOGITS),
    ("categorical_crossentropy", {"from_logits": True}, keras.losses.CategoricalCrossentropy, _softmax(RNG.normal(size=(N, K))), LOGITS),
    ("sparse_categorical_crossentropy", {}, keras.losses.SparseCategoricalCrossentropy, LABELS, PROBS),
    ("sparse_categorical_crossentropy", {}, keras.losses.SparseCategoricalCrossentropy, LABELS[:, None], 0.5 * PROBS + 0.1),
    ("sparse_categorical_crossentropy", {"from_logits": True}, keras.losses.SparseCategoricalCrossentropy, LABELS, LOGITS),
    ("hinge", {}, keras.losses.Hinge, BINARY, SCORES),
    ("hinge", {}, keras.losses.Hinge, 2 * BINARY - 1, SCORES),
    ("hinge", {}, keras.losses.Hinge, BINARY[:, 0], SCORES * 3),
]  # fmt: skip

# Inputs where the clip or a kink matters: the gradient must follow TensorFlow's choices exactly.
EDGE_CASES = [
    ("binary_crossentropy", {}, keras.losses.BinaryCrossentropy,
     np.array([[1.0], [0.0], [1.0], [0.0], [1.0], [1.0]]),
     np.array([[0.0], [1.0], [1e-9], [1 - 1e-9], [1e-7], [1.0]])),
    ("binary_crossentropy", {"from_logits": True}, keras.losses.BinaryCrossentropy,
     np.array([[1.0], [0.0], [1.0], [0.0]]), np.array([[1e4], [1e4], [-1e4], [0.0]])),
    ("categorical_crossentropy", {}, keras.losses.CategoricalCrossentropy,
     np.array([[1.0, 0, 0], [0, 1.0, 0]]), np.array([[0.0, 0.5, 0.5], [0.0, 1.0, 0.0]])),
    ("categorical_crossentropy", {"from_logits": True}, keras.losses.CategoricalCrossentropy,
     np.array([[1.0, 0, 0], [0, 1.0, 0]]), np.array([[1e4, -1e4, 0.0], [1e4, -1e4, 0.0]])),
    ("sparse_categorical_crossentropy", {}, keras.losses.SparseCategoricalCrossentropy,
     np.array([0, 1]), np.array([[0.0, 0.5, 0.5], [0.0, 1.0, 0.0]])),
    ("sparse_categorical_crossentropy", {"from_logits": True}, keras.losses.SparseCategoricalCrossentropy,
     np.array([0, 1]), np.array([[-1e4, 1e4, 0.0], [1e4, -1e4, 0.0]])),
    ("hinge", {}, keras.losses.Hinge, np.array([1.0, 0.0, 1.0]), np.array([1.0, -1.0, 2.0])),
    ("mae", {}, keras.losses.MeanAbsoluteError, np.array([1.0, 2.0]), np.array([1.0, 3.0])),
    ("huber", {}, keras.losses.Huber, np.array([0.0, 0.0, 0.0]), np.array([1.0, -1.0, 3.0])),
]  # fmt: skip


def _keras_value_and_grad(keras_cls, kwargs, y_true, y_pred):
    loss = keras_cls(dtype="float64", **kwargs)
    pred = tf.Variable(np.asarray(y_pred, dtype=np.float64))
    true = tf.constant(y_true)
    with tf.GradientTape() as tape:
        value = loss(true, pred)
    return float(value.numpy()), tape.gradient(value, pred).numpy()


@pytest.mark.parametrize(("name", "kwargs", "keras_cls", "y_true", "y_pred"), CASES + EDGE_CASES)
def test_value_and_gradient_equal_keras(name, kwargs, keras_cls, y_true, y_pred):
    loss = losses.get(name, **kwargs)
    expected_value, expected_grad = _keras_value_and_grad(keras_cls, kwargs, y_true, y_pred)
    value, grad = loss.value_and_gradient(y_true, y_pred)
    assert value == pytest.approx(expected_value, rel=1e-12, abs=1e-15)
    assert loss(y_true, y_pred) == pytest.approx(expected_value, rel=1e-12, abs=1e-15)
    assert grad.shape == np.shape(y_pred)
    np.testing.assert_allclose(grad, expected_grad, rtol=1e-10, atol=1e-15)
    np.testing.assert_allclose(loss.gradient(y_true, y_pred), grad)


def test_keras_default_float32_loss_agrees_to_float32_precision():
    # The plain Keras class computes in float32: the same number to ~1e-6.
    loss = losses.get("sparse_categorical_crossentropy")
    expected = float(keras.losses.SparseCategoricalCrossentropy()(LABELS, PROBS))
    assert loss(LABELS, PROBS) == pytest.approx(expected, rel=1e-5)


@pytest.mark.parametrize(("name", "kwargs", "keras_cls", "y_true", "y_pred"), CASES)
def test_gradient_matches_central_differences(name, kwargs, keras_cls, y_true, y_pred):
    loss = losses.get(name, **kwargs)
    y_pred = np.array(y_pred, dtype=float)
    numeric = numerical_gradient(lambda p: loss(y_true, p), y_pred)
    assert relative_error(loss.gradient(y_true, y_pred), numeric) < 1e-7


@pytest.mark.parametrize(("name", "kwargs", "keras_cls", "y_true", "y_pred"), CASES)
def test_per_sample_averages_to_the_loss(name, kwargs, keras_cls, y_true, y_pred):
    loss = losses.get(name, **kwargs)
    per_sample = loss.per_sample(y_true, y_pred)
    assert per_sample.shape == (N,)
    assert per_sample.mean() == pytest.approx(loss(y_true, y_pred), rel=1e-12)
    keras_none = np.asarray(keras_cls(dtype="float64", reduction=None, **kwargs)(y_true, y_pred))
    if keras_none.ndim == 0:
        # A 1-D y_pred: Keras averages over that last axis, dlcourse reads it as (n, 1), one value
        # per sample. The mean, and so the loss, is the same.
        keras_none = np.full(N, keras_none)
        per_sample = np.full(N, per_sample.mean())
    np.testing.assert_allclose(per_sample, np.reshape(keras_none, per_sample.shape), rtol=1e-12)


def test_known_values_by_hand():
    assert losses.get("mse")([1.0, 2.0], [1.5, 2.0]) == 0.125
    np.testing.assert_allclose(losses.get("mse").gradient([1.0, 2.0], [1.5, 2.0]), [0.5, 0.0])
    assert losses.get("mae")([[0.0, 0.0]], [[1.0, -3.0]]) == 2.0
    assert losses.get("huber", delta=1.0)([0.0, 0.0], [0.5, 3.0]) == pytest.approx(1.3125)
    # BCE of a confident wrong answer is capped by the clip: -log(1e-7)
    assert losses.get("binary_crossentropy")([1.0], [0.0]) == pytest.approx(-np.log(1e-7))
    assert losses.get("sparse_categorical_crossentropy")([0], [[0.5, 0.5]]) == pytest.approx(
        np.log(2)
    )
    assert losses.get("hinge")([1.0, 0.0], [0.5, -2.0]) == 0.25


def test_one_hot_categorical_gradient_is_one_minus_y_over_p():
    y = _onehot(LABELS, K)
    expected = (1 - y / PROBS) / N
    np.testing.assert_allclose(losses.get("categorical_crossentropy").gradient(y, PROBS), expected)


def test_logits_gradients_are_softmax_minus_target():
    y = _onehot(LABELS, K)
    expected = (_softmax(LOGITS) - y) / N
    cce = losses.get("categorical_crossentropy", from_logits=True)
    scce = losses.get("sparse_categorical_crossentropy", from_logits=True)
    np.testing.assert_allclose(cce.gradient(y, LOGITS), expected, atol=1e-16)
    np.testing.assert_allclose(scce.gradient(LABELS, LOGITS), expected, atol=1e-16)
    assert cce(y, LOGITS) == pytest.approx(scce(LABELS, LOGITS), rel=1e-14)


def test_registry_names_aliases_and_repr():
    assert losses.NAMES == [
        "mean_squared_error",
        "mean_absolute_error",
        "huber",
        "binary_crossentropy",
        "categorical_crossentropy",
        "sparse_categorical_crossentropy",
        "hinge",
    ]
    assert isinstance(losses.get("mse"), losses.MeanSquaredError)
    assert isinstance(losses.get("MAE"), losses.MeanAbsoluteError)
    assert isinstance(losses.get("BinaryCrossentropy"), losses.BinaryCrossentropy)
    obj = losses.Huber(delta=2.0)
    assert losses.get(obj) is obj
    assert repr(obj) == "Huber(delta=2.0)"
    assert repr(losses.get("sparse_categorical_crossentropy", from_logits=True)) == (
        "SparseCategoricalCrossentropy(from_logits=True)"
    )
    assert losses.get("binary_crossentropy").name == "binary_crossentropy"
    for name in losses.NAMES:
        assert losses.get(name).name == name


# ---- properties -----------------------------------------------------------------------------------

finite = st.floats(-1e4, 1e4, allow_nan=False)
probability = st.floats(0.0, 1.0)


@settings(max_examples=60, deadline=None)
@given(
    y_pred=arrays(np.float64, (5, 3), elements=finite),
    y_true=arrays(np.float64, (5, 3), elements=finite),
)
def test_regression_losses_nonnegative_and_finite(y_true, y_pred):
    for name in ("mse", "mae", "huber", "hinge"):
        loss = losses.get(name)
        value, grad = loss.value_and_gradient(y_true, y_pred)
        assert value >= 0 and np.isfinite(value)
        assert np.all(np.isfinite(grad))


@settings(max_examples=60, deadline=None)
@given(
    logits=arrays(np.float64, (4, 3), elements=finite),
    labels=arrays(np.int64, (4,), elements=st.integers(0, 2)),
)
def test_logit_losses_nonnegative_finite_without_warnings(logits, labels):
    # Any overflow, division by zero or invalid operation would raise (underflow to 0 is fine).
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        for loss, y in [
            (losses.get("sparse_categorical_crossentropy", from_logits=True), labels),
            (losses.get("categorical_crossentropy", from_logits=True), np.eye(3)[labels]),
            (losses.get("binary_crossentropy", from_logits=True), (labels[:, None] > 0) * 1.0),
        ]:
            y_pred = logits if loss.name != "binary_crossentropy" else logits[:, :1]
            value, grad = loss.value_and_gradient(y, y_pred)
            assert value >= 0 and np.isfinite(value)
            assert np.all(np.isfinite(grad))


@settings(max_examples=60, deadline=None)
@given(
    probs=arrays(np.float64, (4, 3), elements=probability),
    labels=arrays(np.int64, (4,), elements=st.integers(0, 2)),
)
def test_probability_losses_nonnegative_and_bounded(probs, labels):
    bound = -np.log(1e-7) + 1e-9  # the clip caps every per-sample loss
    bce = losses.get("binary_crossentropy")
    value = bce((labels[:, None] > 0) * 1.0, probs[:, :1])
    assert 0 <= value <= bound
    assert np.all(np.isfinite(bce.gradient((labels[:, None] > 0) * 1.0, probs[:, :1])))
    sparse = losses.get("sparse_categorical_crossentropy")
    # Keras takes log(clip(p)) as logits: a row of three clipped zeros costs log(3) at most extra.
    value = sparse(labels, probs)
    assert 0 <= value <= bound + np.log(3)
    probs = probs + 1e-3  # rows must not sum to 0 for the categorical loss
    cce = losses.get("categorical_crossentropy")
    value, grad = cce.value_and_gradient(np.eye(3)[labels], np.minimum(probs, 1.0))
    assert 0 <= value <= bound
    assert np.all(np.isfinite(grad))


# ---- errors that teach ---------------------------------------------------------------------------


def test_error_mismatched_shapes():
    with pytest.raises(ValueError, match=r"mean_squared_error: `y_true` has shape \(5,\) but "
                       r"`y_pred` has shape \(5, 3\).*sparse_categorical_crossentropy"):  # fmt: skip
        losses.get("mse")(np.zeros(5), np.zeros((5, 3)))
    with pytest.raises(ValueError, match=r"numbers of samples \(first axis\) differ"):
        losses.get("mae")(np.zeros((4, 1)), np.zeros((5, 1)))


def test_error_sparse_labels_out_of_range_and_non_integer():
    loss = losses.get("sparse_categorical_crossentropy")
    with pytest.raises(ValueError, match=r"labels from 0 to 3, but y_pred has 3 columns.*0\.\.2"):
        loss([0, 3], np.full((2, 3), 1 / 3))
    with pytest.raises(ValueError, match=r"labels from -1 to 1"):
        loss([-1, 1], np.full((2, 3), 1 / 3))
    with pytest.raises(
        ValueError, match=r"integer class labels 0\.\.2, got the non-integer value 0\.5"
    ):
        loss([0.5, 1], np.full((2, 3), 1 / 3))
    with pytest.raises(ValueError, match=r"expected one integer label per row.*looks one-hot"):
        loss(np.eye(3)[[0, 1]], np.full((2, 3), 1 / 3))


def test_error_probabilities_outside_unit_interval_suggest_from_logits():
    with pytest.raises(
        ValueError, match=r"outside \[0, 1\] \(min -2, max 3\).*from_logits=True is likely"
    ):
        losses.get("binary_crossentropy")([[1.0], [0.0]], [[3.0], [-2.0]])
    with pytest.raises(ValueError, match=r"from_logits=True.*softmax"):
        losses.get("categorical_crossentropy")(np.eye(2), [[2.0, -1.0], [0.0, 1.0]])
    with pytest.raises(ValueError, match=r"sparse_categorical_crossentropy: `y_pred` holds values"):
        losses.get("sparse_categorical_crossentropy")([0, 1], [[2.0, -1.0], [0.0, 1.0]])


def test_error_bad_targets():
    with pytest.raises(ValueError, match=r"`y_true` must hold values in \[0, 1\].*\(y \+ 1\) / 2"):
        losses.get("binary_crossentropy")([[-1.0], [1.0]], [[0.2], [0.8]])
    with pytest.raises(ValueError, match=r"each row of `y_true` must be a probability.*sparse_cat"):
        losses.get("categorical_crossentropy")([[1.0, 1.0]], [[0.5, 0.5]])
    with pytest.raises(
        ValueError, match=r"one column, so the loss\s+would always be 0.*binary_cross"
    ):
        losses.get("categorical_crossentropy")([[1.0]], [[0.7]])
    with pytest.raises(ValueError, match=r"a row of `y_pred` sums to 0"):
        losses.get("categorical_crossentropy")([[1.0, 0.0]], [[0.0, 0.0]])


def test_error_non_numeric_and_scalar_inputs():
    with pytest.raises(TypeError, match=r"mean_squared_error: `y_pred` must be numeric .*got list "
                       r"\['a'\] \(dtype <U1\)"):  # fmt: skip
        losses.get("mse")([1.0], ["a"])
    with pytest.raises(TypeError, match=r"`y_true` must be a rectangular array.*same length"):
        losses.get("mse")([[1.0], [1.0, 2.0]], [[1.0], [2.0]])
    with pytest.raises(ValueError, match=r"got the single number 0\.5\. Wrap it: y_pred=\[0\.5\]"):
        losses.get("mse")(1.0, 0.5)


def test_error_registry():
    with pytest.raises(ValueError, match=r"Unknown loss 'cross_entropy'\. Did you mean 'binary_crossentropy'\? Valid names: "
                       r"mean_squared_error, .*hinge"):  # fmt: skip
        losses.get("cross_entropy")
    with pytest.raises(TypeError, match=r"`identifier` must be a loss name.*got int 3"):
        losses.get(3)
    with pytest.raises(TypeError, match=r"'mean_squared_error' does not take the argument\(s\) "
                       r"delta; it takes no arguments"):  # fmt: skip
        losses.get("mse", delta=1.0)
    with pytest.raises(
        TypeError, match=r"'huber' does not take the argument\(s\) alpha; it accepts delta"
    ):
        losses.get("huber", alpha=1.0)
    with pytest.raises(TypeError, match=r"together with the keyword arguments"):
        losses.get(losses.Hinge(), from_logits=True)
    with pytest.raises(ValueError, match=r"huber: `delta` must be a positive number.*got -1"):
        losses.Huber(delta=-1)
    with pytest.raises(TypeError, match=r"`from_logits` must be True or False, got 'yes'"):
        losses.BinaryCrossentropy(from_logits="yes")


def test_error_sparse_needs_class_columns():
    loss = losses.get("sparse_categorical_crossentropy")
    with pytest.raises(ValueError, match=r"`y_pred` must have one column per class, shape "
                       r"\(n, num_classes\); got the single number 0\.5"):  # fmt: skip
        loss(1, 0.5)
    with pytest.raises(ValueError, match=r"`y_true` has shape \(3,\) and `y_pred` has shape "
                       r"\(2, 4\); expected one integer label per row of y_pred, i\.e\. y_true of "
                       r"shape \(2,\)\.$"):  # fmt: skip
        loss([0, 1, 2], np.full((2, 4), 0.25))
