"""dlcourse.layers: forward values and input/parameter gradients equal Keras/TensorFlow with copied
weights, central-difference gradient checks, initializer distributions, the shared API, errors."""

from __future__ import annotations

import doctest

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import dlcourse.layers as layers_package
from dlcourse.gradcheck import numerical_gradient, relative_error
from dlcourse.layers import BatchNormalization, Dense, Dropout, Layer, Maxout, PReLU, initializers
from dlcourse.regularizers import L1, L2

RNG = np.random.default_rng(42)
X = RNG.normal(size=(6, 3))  # a small batch: 6 samples, 3 features
G = RNG.normal(size=(6, 4))  # a made-up upstream gradient dL/d(output) for 4 outputs


@pytest.fixture(scope="module")
def tf_keras():
    from dlcourse.keras_bridge import keras, tf

    return keras, tf


def keras_forward_and_gradients(tf, keras_layer, X, G, training=False):
    """Output, dL/dX and dL/d(trainable weights) for L = sum(G * output) + the layer's penalties."""
    x = tf.constant(X)
    with tf.GradientTape() as tape:
        tape.watch(x)
        out = keras_layer(x, training=training)
        loss = tf.reduce_sum(out * G) + tf.add_n(
            [tf.constant(0.0, tf.float64), *keras_layer.losses]
        )
    grads = tape.gradient(loss, [x, *keras_layer.trainable_weights])
    return out.numpy(), grads[0].numpy(), [g.numpy() for g in grads[1:]]


def assert_close(ours, theirs, rtol=1e-6, atol=1e-12):
    np.testing.assert_allclose(ours, theirs, rtol=rtol, atol=atol)


# -- parity with Keras
@pytest.mark.parametrize(
    ("activation", "use_bias"),
    [(None, True), ("relu", True), ("sigmoid", True), ("tanh", False), ("softmax", True),
     ("gelu", True), ("leaky_relu", True)],
)  # fmt: skip
def test_dense_equals_keras(tf_keras, activation, use_bias):
    keras, tf = tf_keras
    ours = Dense(4, activation=activation, use_bias=use_bias, seed=0)
    out = ours.forward(X)
    theirs = keras.layers.Dense(4, activation=activation, use_bias=use_bias, dtype="float64")
    theirs.build((None, 3))
    theirs.set_weights(ours.get_weights())  # the same layout: no transposing
    k_out, k_dX, k_grads = keras_forward_and_gradients(tf, theirs, X, G)
    assert_close(out, k_out)
    assert_close(ours.backward(G), k_dX)
    assert list(ours.grads) == (["W", "b"] if use_bias else ["W"])
    for ours_grad, keras_grad in zip(ours.grads.values(), k_grads, strict=True):
        assert_close(ours_grad, keras_grad)
    assert ours.count_params() == theirs.count_params()


def test_dense_regularizer_equals_keras(tf_keras):
    keras, tf = tf_keras
    ours = Dense(4, activation="tanh", kernel_regularizer=L2(0.1), input_dim=3, seed=1)
    theirs = keras.layers.Dense(
        4, activation="tanh", kernel_regularizer=keras.regularizers.L2(0.1), dtype="float64"
    )
    theirs.build((None, 3))
    theirs.set_weights(ours.get_weights())
    _, k_dX, (k_dW, k_db) = keras_forward_and_gradients(tf, theirs, X, G)
    ours.forward(X)
    assert_close(ours.backward(G), k_dX)
    # Keras stores the factor 0.1 as a float32 (error 1.5e-9), so the penalty and its gradient
    # 2 * 0.1 * W agree to float32 precision.
    assert ours.regularization_loss() == pytest.approx(float(theirs.losses[0]), rel=1e-7)
    assert_close(ours.grads["W"], k_dW, rtol=1e-7, atol=1e-8)
    assert_close(ours.grads["b"], k_db)


def test_prelu_equals_keras(tf_keras):
    keras, tf = tf_keras
    ours = PReLU(input_dim=4)
    np.testing.assert_array_equal(ours.params["alpha"], np.zeros(4))  # Keras' default: zeros
    ours.set_weights([np.array([0.1, -0.3, 0.25, 2.0])])
    inputs = RNG.normal(size=(6, 4))
    inputs[0, 0] = 0.0  # the kink: TensorFlow's gradient there is 0, ours too
    theirs = keras.layers.PReLU(dtype="float64")
    theirs.build((None, 4))
    theirs.set_weights(ours.get_weights())
    k_out, k_dX, (k_dalpha,) = keras_forward_and_gradients(tf, theirs, inputs, G)
    assert_close(ours.forward(inputs), k_out)
    assert_close(ours.backward(G), k_dX)
    assert_close(ours.grads["alpha"], k_dalpha)
    assert ours.name == "p_re_lu"  # Keras' default name for PReLU


def test_maxout_equals_tensorflow(tf_keras):
    keras, tf = tf_keras
    ours = Maxout(num_units=2, num_pieces=3, seed=0)
    out = ours.forward(X)
    W, b = (tf.Variable(w) for w in ours.get_weights())
    x = tf.constant(X)
    with tf.GradientTape() as tape:
        tape.watch(x)
        z = tf.reshape(tf.matmul(x, W) + b, (-1, 2, 3))  # (samples, units, pieces)
        k_out = tf.reduce_max(z, axis=-1)
        loss = tf.reduce_sum(k_out * G[:, :2])
    k_dX, k_dW, k_db = tape.gradient(loss, [x, W, b])
    assert out.shape == (6, 2)
    assert_close(out, k_out.numpy())
    assert_close(ours.backward(G[:, :2]), k_dX.numpy())
    assert_close(ours.grads["W"], k_dW.numpy())
    assert_close(ours.grads["b"], k_db.numpy())


@pytest.mark.parametrize("training", [True, False])
def test_batch_normalization_equals_keras(tf_keras, training):
    keras, tf = tf_keras
    ours = BatchNormalization(input_dim=4)
    assert (ours.momentum, ours.epsilon) == (0.99, 1e-3)  # Keras' defaults
    rng = np.random.default_rng(3)
    weights = [
        rng.uniform(0.5, 2.0, 4),
        rng.normal(size=4),
        rng.normal(size=4),
        rng.uniform(0.5, 2.0, 4),
    ]
    ours.set_weights(weights)
    theirs = keras.layers.BatchNormalization(dtype="float64")
    theirs.build((None, 4))
    theirs.set_weights(weights)
    for step in range(3):  # a few steps, so the moving statistics move
        inputs = rng.normal(loc=step, scale=2.0, size=(6, 4))
        k_out, k_dX, (k_dgamma, k_dbeta) = keras_forward_and_gradients(
            tf, theirs, inputs, G, training=training
        )
        assert_close(ours.forward(inputs, training=training), k_out)
        assert_close(ours.backward(G), k_dX)
        assert_close(ours.grads["gamma"], k_dgamma)
        assert_close(ours.grads["beta"], k_dbeta)
        for ours_w, keras_w in zip(ours.get_weights(), theirs.get_weights(), strict=True):
            assert_close(ours_w, keras_w)  # [gamma, beta, moving_mean, moving_variance]
    moved = not np.allclose(ours.moving_mean, weights[2])
    assert moved == training
    assert ours.count_params() == theirs.count_params() == 16


def test_dropout_scales_like_keras(tf_keras):
    keras, tf = tf_keras
    inputs = np.abs(RNG.normal(size=(200, 50))) + 0.1  # no zeros, so a 0 means "dropped"
    theirs = keras.layers.Dropout(0.3, seed=0, dtype="float64")(inputs, training=True).numpy()
    ours = Dropout(0.3, seed=0)
    out = ours.forward(inputs, training=True)
    for result in (out, theirs):  # kept values are x / (1 - rate), as in Keras
        kept = result != 0
        assert_close(result[kept], inputs[kept] / 0.7)
        assert abs(1 - kept.mean() - 0.3) < 0.02  # about 30% dropped (10 000 draws)
    np.testing.assert_array_equal(ours.backward(np.ones_like(inputs)), (out != 0) / 0.7)
    np.testing.assert_array_equal(ours.forward(inputs), inputs)  # inference: identity
    out_again = Dropout(0.3, seed=0).forward(inputs, training=True)
    np.testing.assert_array_equal(out_again, out)  # the seed makes it reproducible
    assert not np.array_equal(ours.forward(inputs, training=True), out)  # new mask each call


# -- central-difference gradient checks (float64, relative error < 1e-7)
def layer_cases():
    return [
        ("dense-linear", Dense(4, seed=0), X),
        ("dense-tanh", Dense(4, activation="tanh", seed=1), X),
        ("dense-sigmoid-l2", Dense(4, activation="sigmoid", kernel_regularizer=L2(0.1), seed=2), X),
        ("dense-l1", Dense(4, activation="elu", kernel_regularizer=L1(0.05), seed=2), X),
        ("dense-softmax", Dense(4, activation="softmax", seed=3), X),
        ("dense-relu", Dense(4, activation="relu", seed=4), X),
        ("prelu", PReLU(alpha_initializer="random_uniform", seed=5), G),
        ("maxout", Maxout(4, 3, seed=6), X),
        ("batchnorm-training", BatchNormalization(), G),
        ("batchnorm-inference", BatchNormalization(), G),
    ]


@pytest.mark.parametrize("index", range(len(layer_cases())), ids=[c[0] for c in layer_cases()])
def test_gradients_match_central_differences(index):
    name, layer, inputs = layer_cases()[index]
    inputs = inputs.copy()
    training = name == "batchnorm-training"
    if name.startswith("batchnorm"):
        rng = np.random.default_rng(7)
        layer.set_weights([rng.uniform(0.5, 2, 4), rng.normal(size=4), rng.normal(size=4),
                           rng.uniform(0.5, 2, 4)])  # fmt: skip
    upstream = np.random.default_rng(8).normal(size=(inputs.shape[0], 4))

    # L = sum(upstream * tanh(output)) + penalty: a non-linear loss, so that BatchNormalization's
    # mean and variance terms matter (for a linear loss they cancel).
    def loss(_: np.ndarray) -> float:
        out = layer.forward(inputs, training=training)
        return float(np.sum(upstream * np.tanh(out))) + layer.regularization_loss()

    out = layer.forward(inputs, training=training)
    grad_X = layer.backward(upstream * (1 - np.tanh(out) ** 2))
    analytic = {key: value.copy() for key, value in layer.grads.items()}
    assert relative_error(grad_X, numerical_gradient(loss, inputs)) < 1e-7
    for key, param in layer.params.items():
        numeric = numerical_gradient(loss, param)
        assert relative_error(analytic[key], numeric) < 1e-7, key


def test_dropout_gradient_matches_central_differences():
    layer = Dropout(0.4, seed=0)
    inputs = X.copy()
    upstream = np.random.default_rng(9).normal(size=X.shape)

    def loss(_: np.ndarray) -> float:
        layer._rng = np.random.default_rng(123)  # the same mask on every pass
        return float(np.sum(upstream * np.tanh(layer.forward(inputs, training=True))))

    loss(inputs)
    out = layer._cache["scale"] * inputs
    grad_X = layer.backward(upstream * (1 - np.tanh(out) ** 2))
    assert relative_error(grad_X, numerical_gradient(loss, inputs)) < 1e-7
    assert np.any(grad_X == 0) and np.any(grad_X != 0)  # some dropped, some kept


# -- initializers: Keras' distributions
@pytest.mark.parametrize(
    ("name", "stddev", "bound"),
    [
        ("glorot_uniform", np.sqrt(2 / 700), np.sqrt(6 / 700)),
        ("glorot_normal", np.sqrt(2 / 700), 2 * np.sqrt(2 / 700) / 0.87962566103423978),
        ("he_uniform", np.sqrt(2 / 400), np.sqrt(6 / 400)),
        ("he_normal", np.sqrt(2 / 400), 2 * np.sqrt(2 / 400) / 0.87962566103423978),
        ("lecun_uniform", np.sqrt(1 / 400), np.sqrt(3 / 400)),
        ("lecun_normal", np.sqrt(1 / 400), 2 * np.sqrt(1 / 400) / 0.87962566103423978),
        ("random_normal", 0.05, None),
        ("random_uniform", 0.05 / np.sqrt(3), 0.05),
    ],
)
def test_initializer_distributions(tf_keras, name, stddev, bound):
    keras, _ = tf_keras
    W = Dense(300, kernel_initializer=name, input_dim=400, seed=0).params["W"]
    reference = keras.initializers.get(name)(shape=(400, 300)).numpy()  # Keras' own samples
    for sample in (W, reference):  # 120 000 values each
        assert abs(sample.mean()) < 0.01 * stddev + 3 * stddev / np.sqrt(sample.size)
        assert sample.std() == pytest.approx(stddev, rel=0.02)
        if bound is not None:
            assert np.abs(sample).max() <= bound * (1 + 1e-6)
            assert np.abs(sample).max() >= 0.95 * bound  # the full range is used
    assert W.std() == pytest.approx(reference.std(), rel=0.03)


def test_seeds_zeros_ones_and_bias():
    a = Dense(3, input_dim=2, seed=7).params["W"]
    np.testing.assert_array_equal(a, Dense(3, input_dim=2, seed=7).params["W"])
    assert not np.array_equal(a, Dense(3, input_dim=2, seed=8).params["W"])
    assert np.all(Dense(3, kernel_initializer="zeros", input_dim=2).params["W"] == 0)
    assert np.all(Dense(3, kernel_initializer="ones", input_dim=2).params["W"] == 1)
    np.testing.assert_array_equal(Dense(3, input_dim=2).params["b"], np.zeros(3))
    # seed=None draws from NumPy's global generator, which setup_notebook() seeds.
    np.random.seed(0)  # noqa: NPY002
    first = Dense(3, input_dim=2).params["W"]
    np.random.seed(0)  # noqa: NPY002
    np.testing.assert_array_equal(Dense(3, input_dim=2).params["W"], first)
    custom = Dense(2, kernel_initializer=lambda shape, rng: np.full(shape, 0.5), input_dim=2)
    np.testing.assert_array_equal(custom.params["W"], np.full((2, 2), 0.5))
    assert initializers.compute_fans((5, 7)) == (5, 7)


# -- the shared API
def test_build_shapes_counts_and_names():
    dense = Dense(4, activation="relu", seed=0)
    assert not dense.built and dense.input_dim is None and dense.output_dim is None
    dense.forward(np.ones((2, 3)))
    assert dense.built and dense.params["W"].shape == (3, 4) and dense.params["b"].shape == (4,)
    assert dense.count_params() == 16 and dense.output_dim == 4
    assert dense.compute_output_shape((None, 3)) == (None, 4)
    assert Maxout(2, 3, input_dim=5).count_params() == 5 * 6 + 6
    assert Maxout(2, 3, input_dim=5).output_dim == 2
    assert PReLU(input_dim=5).count_params() == 5 and PReLU(input_dim=5).output_dim == 5
    names = [Dense(1).name, PReLU().name, Maxout(1, 2).name, BatchNormalization().name]
    assert names == ["dense", "p_re_lu", "maxout", "batch_normalization"]
    assert Dropout(0.1).name == "dropout" and Dense(1, name="out").name == "out"
    for layer in (dense, PReLU(input_dim=2), Maxout(2, 2, input_dim=2), BatchNormalization(),
                  Dropout(0.5)):  # fmt: skip
        assert isinstance(layer, Layer)
        assert set(layer.params) == set(layer.grads)


def test_reprs():
    assert repr(Dense(4, activation="relu", input_dim=3, seed=0)) == (
        "Dense(units=4, activation='relu', input_dim=3, name='dense')"
    )
    assert repr(Dense(2, use_bias=False, kernel_regularizer="l2", name="out")) == (
        "Dense(units=2, activation='linear', use_bias=False, kernel_regularizer=L2(l2=0.01), "
        "name='out')"
    )
    assert repr(Maxout(3, 2)) == "Maxout(num_units=3, num_pieces=2, name='maxout')"
    assert repr(BatchNormalization(input_dim=2)) == (
        "BatchNormalization(momentum=0.99, epsilon=0.001, input_dim=2, name='batch_normalization')"
    )
    assert repr(PReLU()) == "PReLU(name='p_re_lu')"
    assert repr(Dropout(0.25, seed=3)) == "Dropout(rate=0.25, seed=3, name='dropout')"


def test_get_and_set_weights():
    dense = Dense(2, input_dim=3, seed=0)
    weights = dense.get_weights()
    weights[0][0, 0] = 99.0  # copies: the layer is unchanged
    assert dense.params["W"][0, 0] != 99.0
    W_array = dense.params["W"]
    dense.set_weights([np.ones((3, 2)), [1, 2]])
    assert dense.params["W"] is W_array  # set in place, so optimizers keep their references
    np.testing.assert_array_equal(dense.forward([[1.0, 1.0, 1.0]]), [[4.0, 5.0]])
    fresh = Dense(2)  # an unbuilt layer is built from the first array's shape
    fresh.set_weights([np.ones((5, 2)), np.zeros(2)])
    assert fresh.input_dim == 5
    assert Dense(3, use_bias=False, input_dim=2).get_weights()[0].shape == (2, 3)
    assert Dropout(0.5).get_weights() == []
    assert Dense(3, input_dim=2).regularization_loss() == 0.0
    assert Dense(3, kernel_regularizer="l1", kernel_initializer="ones", input_dim=2)\
        .regularization_loss() == pytest.approx(0.06)  # fmt: skip


def test_batch_normalization_modes():
    layer = BatchNormalization()
    inputs = np.random.default_rng(0).normal(loc=5.0, scale=3.0, size=(500, 2))
    out = layer.forward(inputs, training=True)
    np.testing.assert_allclose(out.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(out.var(axis=0), inputs.var(axis=0) / (inputs.var(axis=0) + 1e-3))
    np.testing.assert_allclose(layer.moving_mean, 0.01 * inputs.mean(axis=0))
    before = layer.get_weights()
    inference = layer.forward(inputs)  # training=False: moving stats, and they do not move
    np.testing.assert_allclose(inference, (inputs - before[2]) / np.sqrt(before[3] + 1e-3))
    for a, b in zip(before, layer.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)


@settings(max_examples=30, deadline=None)
@given(arrays(np.float64, st.tuples(st.integers(2, 8), st.integers(1, 4)),
              elements=st.floats(-1e3, 1e3, width=64)))  # fmt: skip
def test_batch_normalization_output_is_centred_and_finite(inputs):
    out = BatchNormalization().forward(inputs, training=True)
    assert np.all(np.isfinite(out))
    np.testing.assert_allclose(out.mean(axis=0), 0.0, atol=1e-9)
    assert np.all(out.var(axis=0) <= 1.0 + 1e-9)


def test_docstring_examples_run():
    modules = [
        layers_package,
        initializers,
        layers_package.dense,
        layers_package.prelu,
        layers_package.maxout,
        layers_package.batch_normalization,
        layers_package.dropout,
    ]
    with np.printoptions(precision=4, suppress=True):
        results = [doctest.testmod(m, optionflags=doctest.NORMALIZE_WHITESPACE) for m in modules]
    assert sum(r.attempted for r in results) >= 20 and sum(r.failed for r in results) == 0


# -- error messages
def test_one_dimensional_X():
    with pytest.raises(
        ValueError,
        match=r"Dense 'dense': `X` must be 2-D with shape \(num_samples, num_features\), got 1-D "
        r"shape \(3,\)\. For one sample use X\.reshape\(1, -1\); for one feature use "
        r"X\.reshape\(-1, 1\)\.",
    ):
        Dense(2).forward(np.array([1.0, 2.0, 3.0]))
    with pytest.raises(ValueError, match=r"BatchNormalization .* got 3-D shape \(2, 2, 2\)"):
        BatchNormalization().forward(np.zeros((2, 2, 2)))


def test_dense_built_for_3_features_fed_5():
    layer = Dense(4, input_dim=3)
    with pytest.raises(
        ValueError,
        match=r"Dense 'dense': expected `X` with 3 features \(the layer was built for "
        r"input_dim=3; W has shape \(3, 4\), b has shape \(4,\)\), got X of shape \(10, 5\) "
        r"with 5 features\. Feed the features it was built with",
    ):
        layer.forward(np.zeros((10, 5)))


def test_bad_arguments():
    with pytest.raises(ValueError, match=r"Unknown activation 'rleu'\. Did you mean 'relu'"):
        Dense(2, activation="rleu")
    with pytest.raises(ValueError, match=r"Unknown initializer 'glorot' for `kernel_initializer`"):
        Dense(2, kernel_initializer="glorot")
    with pytest.raises(TypeError, match=r"Dense 'dense': `units` must be an int >= 1, got str"):
        Dense("4")
    with pytest.raises(ValueError, match=r"`units` must be an int >= 1, got 0"):
        Dense(0)
    with pytest.raises(ValueError, match=r"`num_pieces` must be an int >= 1, got -1"):
        Maxout(2, -1)
    with pytest.raises(TypeError, match=r"`input_dim` must be a positive int .* got float 3\.0"):
        Dense(2, input_dim=3.0)
    with pytest.raises(TypeError, match=r"`seed` must be an int >= 0 or None, got str 'a'"):
        Dense(2, seed="a")
    with pytest.raises(TypeError, match=r"`name` must be a str or None, got int 3"):
        Dense(2, name=3)
    with pytest.raises(ValueError, match=r"Unknown regularizer 'l3'"):
        Dense(2, kernel_regularizer="l3")
    with pytest.raises(ValueError, match=r"`momentum` must lie in \[0\.0, 1\.0\], got 1\.5"):
        BatchNormalization(momentum=1.5)
    with pytest.raises(ValueError, match=r"`epsilon` must be > 0"):
        BatchNormalization(epsilon=0.0)
    with pytest.raises(ValueError, match=r"Dropout 'dropout': `rate` must be in \[0, 1\).*got 1"):
        Dropout(1)
    with pytest.raises(TypeError, match=r"`rate` must be a number in \[0, 1\).*got str"):
        Dropout("0.5")


def test_bad_inputs_and_call_order():
    with pytest.raises(TypeError, match=r"Dense 'dense': `X` must be numeric.*got str"):
        Dense(2).forward("data")
    with pytest.raises(RuntimeError, match=r"backward\(\) needs the values of a forward pass"):
        Dense(2, input_dim=3).backward(np.zeros((1, 2)))
    layer = Dense(2, input_dim=3)
    layer.forward(np.zeros((5, 3)))
    with pytest.raises(
        ValueError, match=r"`grad_output` must have the shape of the last output, \(5, 2\), got"
    ):
        layer.backward(np.zeros((5, 3)))
    with pytest.raises(ValueError, match=r"count_params\(\) needs the weights.*input_dim="):
        Dense(2).count_params()


def test_set_weights_errors():
    layer = Dense(2, input_dim=3)
    with pytest.raises(
        ValueError, match=r"expected 2 arrays with shapes \[\(3, 2\), \(2,\)\], got 1"
    ):
        layer.set_weights([np.zeros((3, 2))])
    with pytest.raises(ValueError, match=r"weights\[0\] must have shape \(3, 2\), got \(2, 3\)\. "
                                         r"The order is Keras' \(W, b\)"):  # fmt: skip
        layer.set_weights([np.zeros((2, 3)), np.zeros(2)])
    with pytest.raises(ValueError, match=r"The order is Keras' \(gamma, beta, moving_mean, moving"):
        BatchNormalization(input_dim=2).set_weights([np.zeros(2)] * 3 + [np.zeros(3)])
    with pytest.raises(TypeError, match=r"`weights` must be a list of arrays in Keras order"):
        layer.set_weights(np.zeros((3, 2)))


def test_activation_layer_matches_keras(tf_keras):
    from dlcourse.layers import Activation

    keras, tf = tf_keras
    X = np.random.default_rng(3).normal(size=(4, 3))
    for name in ("relu", "tanh", "softmax"):
        layer = Activation(name)
        ours = layer.forward(X)
        theirs = keras.layers.Activation(name, dtype="float64")(tf.constant(X)).numpy()
        np.testing.assert_allclose(ours, theirs, rtol=1e-6, atol=1e-12)
        grad = np.random.default_rng(4).normal(size=ours.shape)
        Xv = tf.Variable(X)
        with tf.GradientTape() as tape:
            out = keras.layers.Activation(name, dtype="float64")(Xv)
        expected = tape.gradient(out, Xv, output_gradients=tf.constant(grad)).numpy()
        np.testing.assert_allclose(layer.backward(grad), expected, rtol=1e-6, atol=1e-12)
    assert layer.count_params() == 0 and layer.params == {}
