"""dlcourse.keras_bridge.to_keras: the Keras twin of a dlcourse Sequential."""

from __future__ import annotations

import numpy as np
import pytest

from dlcourse import activations
from dlcourse.keras_bridge import keras, set_seed, tf, to_keras
from dlcourse.layers import BatchNormalization, Dense, Dropout, Maxout, PReLU
from dlcourse.nn import Sequential
from dlcourse.regularizers import L1, L2

X = np.random.default_rng(0).normal(size=(7, 3))


def _every_layer_net():
    net = Sequential(
        [
            Dense(6, activation="elu", input_dim=3, seed=0, kernel_regularizer=L2(0.01)),
            BatchNormalization(momentum=0.9, epsilon=1e-2),
            PReLU(alpha_initializer="random_normal", seed=1),
            Dropout(0.25, seed=3),
            Dense(4, activation="gelu", use_bias=False, seed=2, kernel_regularizer=L1(0.001)),
            Dense(2, activation="softmax", seed=4),
        ],
        name="zoo",
    )
    # Non-trivial moving statistics, so inference mode really uses them.
    net.fit(X, np.array([0, 1, 0, 1, 1, 0, 1]), loss="sparse_categorical_crossentropy",
            optimizer="sgd", epochs=2, batch_size=4, seed=0)  # fmt: skip
    return net


def test_same_architecture_weights_and_predictions():
    net = _every_layer_net()
    model = to_keras(net)
    assert isinstance(model, keras.Sequential)
    assert model.name == "zoo"
    assert [type(layer).__name__ for layer in model.layers] == [
        "Dense", "BatchNormalization", "PReLU", "Dropout", "Dense", "Dense",
    ]  # fmt: skip
    assert [layer.name for layer in model.layers] == [layer.name for layer in net.layers]
    assert model.count_params() == net.count_params()
    for ours, theirs in zip(net.get_weights(), model.get_weights(), strict=True):
        np.testing.assert_allclose(theirs, ours, rtol=1e-6)  # Keras stores float32
    # Inference mode: Dropout off, BatchNormalization on its moving statistics.
    np.testing.assert_allclose(model(X, training=False).numpy(), net.predict(X), rtol=1e-5,
                               atol=1e-6)  # fmt: skip
    dense, bn, _, dropout, dense_2, _ = model.layers
    assert dense.activation is keras.activations.elu
    assert dense.kernel_regularizer.get_config() == pytest.approx({"l2": 0.01})
    assert dense_2.kernel_regularizer.get_config() == pytest.approx({"l1": 0.001})
    assert not dense_2.use_bias
    assert (bn.momentum, bn.epsilon) == (0.9, pytest.approx(1e-2))
    assert dropout.rate == 0.25


def test_non_default_activation_arguments_carry_over():
    leaky = activations.get("leaky_relu", negative_slope=0.05)
    net = Sequential([Dense(3, activation=leaky, input_dim=3, seed=0)])
    model = to_keras(net)
    z = np.array([[-2.0, 0.5, 3.0]], dtype=np.float32)
    np.testing.assert_allclose(model.layers[0].activation(z).numpy(), [[-0.1, 0.5, 3.0]])
    np.testing.assert_allclose(model(X).numpy(), net.predict(X), rtol=1e-5, atol=1e-6)
    # a default argument stays a plain Keras name
    default = Sequential([Dense(3, activation="leaky_relu", input_dim=3, seed=0)])
    assert to_keras(default).layers[0].activation is keras.activations.leaky_relu


def test_keras_model_trains_like_any_keras_model():
    set_seed(0)
    net = Sequential([Dense(4, activation="relu", input_dim=3, seed=0), Dense(1, seed=1)])
    model = to_keras(net)
    model.compile(optimizer="sgd", loss="mse")
    y = X.sum(axis=1)
    before = model.evaluate(X, y, verbose=0)
    assert before == pytest.approx(float(np.mean((net.predict(X)[:, 0] - y) ** 2)), rel=1e-5)
    model.fit(X, y, epochs=5, verbose=0)
    assert model.evaluate(X, y, verbose=0) < before
    assert isinstance(tf.constant(1.0), tf.Tensor)


def test_errors_teach():
    with pytest.raises(ValueError, match=r"layer 'maxout' is a Maxout layer, and Keras has no "
                       r"Maxout layer.*Reshape\(\(num_units, num_pieces\)\)"):  # fmt: skip
        to_keras(Sequential([Maxout(2, 3, input_dim=3, seed=0)]))
    with pytest.raises(ValueError, match=r"the model 'sequential' is not built, so there are no "
                       r"weights to copy\. Call net\.build\(input_dim\)"):  # fmt: skip
        to_keras(Sequential([Dense(2)]))
    with pytest.raises(TypeError, match=r"`net` must be a dlcourse\.nn\.Sequential, got Sequential"
                       r"\. \(A Keras model is already a Keras model\.\)"):  # fmt: skip
        to_keras(keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)]))
    with pytest.raises(TypeError, match=r"got Dense"):
        to_keras(Dense(2))


def test_error_on_a_layer_without_keras_twin():
    from dlcourse.layers import Layer

    class Doubler(Layer):
        def _forward(self, X, training):
            self._store(X, 2 * X)
            return 2 * X

        def _backward(self, grad_output):
            return 2 * grad_output

    net = Sequential([Dense(2, input_dim=2, seed=0), Doubler()])
    with pytest.raises(TypeError, match=r"no Keras twin is known for layer 'doubler' of type "
                       r"Doubler"):  # fmt: skip
        to_keras(net)


def test_to_keras_converts_an_activation_layer():
    from dlcourse.keras_bridge import to_keras
    from dlcourse.layers import Activation, BatchNormalization, Dense
    from dlcourse.nn import Sequential

    net = Sequential([Dense(4, input_dim=3, seed=0), BatchNormalization(), Activation("relu")])
    X = np.random.default_rng(0).normal(size=(5, 3))
    model = to_keras(net)
    assert [type(layer).__name__ for layer in model.layers][-1] == "Activation"
    np.testing.assert_allclose(
        model(X, training=False).numpy(), net.predict(X), rtol=1e-5, atol=1e-6
    )
