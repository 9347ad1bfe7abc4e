"""Keras' functional forms (``keras.activations.relu(x, negative_slope=...)``,
``keras.losses.mean_squared_error(y_true, y_pred)``, ...) against Keras itself."""

from __future__ import annotations

import numpy as np
import pytest

from dlcourse import activations, losses
from dlcourse.keras_bridge import keras

RNG = np.random.default_rng(12)
Z = RNG.normal(scale=3.0, size=(5, 4))


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        (lambda z: activations.sigmoid(z), lambda z: keras.activations.sigmoid(z)),
        (lambda z: activations.tanh(z), lambda z: keras.activations.tanh(z)),
        (lambda z: activations.relu(z), lambda z: keras.activations.relu(z)),
        (
            lambda z: activations.relu(z, negative_slope=0.1),
            lambda z: keras.activations.relu(z, negative_slope=0.1),
        ),
        (lambda z: activations.leaky_relu(z), lambda z: keras.activations.leaky_relu(z)),
        (lambda z: activations.softmax(z), lambda z: keras.activations.softmax(z)),
        (lambda z: activations.softmax(z, axis=0), lambda z: keras.activations.softmax(z, axis=0)),
        (lambda z: activations.linear(z), lambda z: keras.activations.linear(z)),
        (lambda z: activations.elu(z), lambda z: keras.activations.elu(z)),
        (lambda z: activations.elu(z, alpha=0.5), lambda z: keras.activations.elu(z, alpha=0.5)),
        (lambda z: activations.selu(z), lambda z: keras.activations.selu(z)),
        (lambda z: activations.silu(z), lambda z: keras.activations.silu(z)),
        (lambda z: activations.swish(z), lambda z: keras.activations.swish(z)),
        (lambda z: activations.gelu(z), lambda z: keras.activations.gelu(z)),
        (
            lambda z: activations.gelu(z, approximate=True),
            lambda z: keras.activations.gelu(z, approximate=True),
        ),
        (lambda z: activations.mish(z), lambda z: keras.activations.mish(z)),
        (lambda z: activations.softplus(z), lambda z: keras.activations.softplus(z)),
    ],
)
def test_activation_functions_match_keras(ours, theirs):
    np.testing.assert_allclose(
        ours(Z), np.asarray(theirs(keras.ops.convert_to_tensor(Z))), rtol=1e-6
    )


def test_leaky_relu_defaults_follow_their_keras_twins():
    # keras.activations.leaky_relu defaults to 0.2; the layer keras.layers.LeakyReLU to 0.3.
    assert activations.leaky_relu(-1.0) == pytest.approx(-0.2)
    assert activations.get("leaky_relu").negative_slope == 0.2
    layer = keras.layers.LeakyReLU()
    assert float(np.asarray(layer(np.array([-1.0])))[0]) == pytest.approx(-0.3)
    assert activations.leaky_relu(-1.0, negative_slope=0.3) == pytest.approx(-0.3)


Y_TRUE = RNG.normal(size=(6, 3))
Y_PRED = RNG.normal(size=(6, 3))
PROBS = RNG.dirichlet(np.ones(3), size=6)
ONE_HOT = np.eye(3)[RNG.integers(0, 3, size=6)]
BINARY = RNG.integers(0, 2, size=(6, 3)).astype(float)


@pytest.mark.parametrize(
    ("name", "y_true", "y_pred", "kwargs"),
    [
        ("mean_squared_error", Y_TRUE, Y_PRED, {}),
        ("mean_absolute_error", Y_TRUE, Y_PRED, {}),
        ("huber", Y_TRUE, Y_PRED, {"delta": 0.5}),
        ("binary_crossentropy", BINARY, 1 / (1 + np.exp(-Y_PRED)), {}),
        ("binary_crossentropy", BINARY, Y_PRED, {"from_logits": True}),
        ("categorical_crossentropy", ONE_HOT, PROBS, {}),
        ("categorical_crossentropy", ONE_HOT, Y_PRED, {"from_logits": True}),
        ("sparse_categorical_crossentropy", ONE_HOT.argmax(axis=1), PROBS, {}),
        ("hinge", np.sign(Y_TRUE), Y_PRED, {}),
    ],
)
def test_loss_functions_return_per_sample_values_like_keras(name, y_true, y_pred, kwargs):
    ours = getattr(losses, name)(y_true, y_pred, **kwargs)
    theirs = np.asarray(getattr(keras.losses, name)(y_true, y_pred, **kwargs))
    assert ours.shape == (6,)
    np.testing.assert_allclose(ours, theirs, rtol=1e-5, atol=1e-6)
    # The loss object averages the same per-sample values.
    assert losses.get(name, **kwargs)(y_true, y_pred) == pytest.approx(ours.mean(), rel=1e-12)
