"""dlcourse.worked_example: the course's 3-2-1 network, by hand, by backprop, by the stepper."""

from __future__ import annotations

import numpy as np
import pytest

from dlcourse import activations, worked_example
from dlcourse.check import nb07 as check_nb07
from dlcourse.widgets import backprop_stepper
from dlcourse.worked_example import PARAM_NAMES, ThreeTwoOne


def _central_differences(net: ThreeTwoOne, name: str, eps: float = 1e-6) -> np.ndarray:
    param = net.params()[name]
    grad = np.zeros_like(param)
    for idx in np.ndindex(param.shape):
        old = param[idx]
        param[idx] = old + eps
        up = net.loss()
        param[idx] = old - eps
        down = net.loss()
        param[idx] = old
        grad[idx] = (up - down) / (2 * eps)
    return grad


def test_the_stepper_and_the_checks_take_their_numbers_from_here():
    net = ThreeTwoOne()
    np.testing.assert_array_equal(net.x, backprop_stepper.X)
    assert net.y == backprop_stepper.Y == worked_example.Y
    for ours, theirs in zip(
        [net.W1, net.b1, net.W2, net.b2], backprop_stepper.WEIGHTS, strict=True
    ):
        np.testing.assert_array_equal(ours, theirs)
    first = check_nb07._network_cases()[0].args
    np.testing.assert_array_equal(first[0], net.x)
    np.testing.assert_array_equal(first[3], net.W2)
    # The checker's reference gradients are the worked example's.
    np.testing.assert_array_equal(check_nb07._hidden_weight_gradient(*first), net.gradients()["W1"])


def test_the_sigmoid_is_the_courses_one_stable_sigmoid():
    assert worked_example.sigmoid is activations.sigmoid
    assert float(activations.sigmoid(-1e4)) == 0.0 and float(activations.sigmoid(1e4)) == 1.0


def test_worked_example_gradients_match_central_differences_and_the_stepper():
    net = ThreeTwoOne()
    grads = net.gradients()
    for name in PARAM_NAMES:
        np.testing.assert_allclose(grads[name], _central_differences(net, name), rtol=1e-7)
    state = backprop_stepper.BackpropStepperState()
    last_backward = [s for s in state.steps if s.phase == "backward"][-1]
    np.testing.assert_allclose(last_backward.edge_grads[0], grads["W1"], rtol=1e-12)
    np.testing.assert_allclose(last_backward.edge_grads[1], grads["W2"], rtol=1e-12)


@pytest.mark.parametrize(
    ("loss_name", "y"),
    [
        ("mean_squared_error", 1.0),
        ("binary_crossentropy", 1.0),
        ("binary_crossentropy", 0.3),
        ("mean_squared_error", -2.0),
    ],
)
def test_both_losses_match_central_differences_and_keras(loss_name, y):
    from dlcourse.keras_bridge import keras, tf

    net = ThreeTwoOne(y=y, loss_name=loss_name)
    grads = net.gradients()
    for name in PARAM_NAMES:
        np.testing.assert_allclose(grads[name], _central_differences(net, name), rtol=1e-6)
    # The same network in Keras, in float64, differentiated by tf.GradientTape.
    model = keras.Sequential(
        [
            keras.Input((3,), dtype="float64"),
            keras.layers.Dense(2, activation="sigmoid", dtype="float64"),
            keras.layers.Dense(1, activation="sigmoid", dtype="float64"),
        ]
    )
    model.set_weights([net.W1, net.b1, net.W2, net.b2])
    keras_loss = keras.losses.get(loss_name)
    with tf.GradientTape() as tape:
        y_hat = model(net.x[None, :])
        loss = tf.reduce_mean(keras_loss(tf.constant([[y]], dtype="float64"), y_hat))
    keras_grads = tape.gradient(loss, model.trainable_weights)
    assert net.loss() == pytest.approx(float(loss), rel=1e-12)
    for name, theirs in zip(PARAM_NAMES, keras_grads, strict=True):
        np.testing.assert_allclose(grads[name], theirs.numpy(), rtol=1e-10, atol=1e-15)


def test_binary_crossentropy_lines_name_its_formula():
    net = ThreeTwoOne(loss_name="binary_crossentropy")
    assert "log(y_hat)" in net.forward_lines()[-1] and net.forward_lines()[-1].endswith("0.5366")
    assert net.backward_lines()[0].startswith("dL/dy_hat     = -y/y_hat + (1-y)/(1-y_hat)")
    assert net.updated(0.5).loss_name == "binary_crossentropy"


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"loss_name": "mse"}, r"`loss_name` must be one of \['mean_squared_error'"),
        ({"loss_name": "binary_crossentropy", "y": 2.0}, r"target y in \[0, 1\], got y = 2.0"),
    ],
)
def test_bad_loss_raises_a_teaching_error(kwargs, match):
    with pytest.raises(ValueError, match=match):
        ThreeTwoOne(**kwargs)


def test_worked_example_forward_values_by_hand():
    f = ThreeTwoOne().forward()
    np.testing.assert_allclose(f["z1"], [1.0, -0.55])
    h = 1 / (1 + np.exp(-f["z1"]))
    np.testing.assert_allclose(f["h"], h)
    y_hat = 1 / (1 + np.exp(-(h @ [0.6, -0.4] + 0.05)))
    assert f["loss"] == pytest.approx((y_hat - 1.0) ** 2)


def test_update_is_gradient_descent_and_lowers_the_loss():
    net = ThreeTwoOne()
    new = net.updated(0.5)
    for name, p in net.params().items():
        np.testing.assert_allclose(new.params()[name], p - 0.5 * net.gradients()[name])
    assert new.loss() < net.loss()
    assert net.W1[0, 0] == 0.2  # the original is unchanged


def test_printed_lines_contain_the_numbers():
    net = ThreeTwoOne()
    forward = net.forward_lines()
    assert forward[0].endswith("= 1.0000") and forward[-1].startswith("L     = ")
    backward = net.backward_lines()
    assert len(backward) == 3 + 2 + 1 + 2 + 2 + 2 + 6 + 2
    assert backward[3].startswith("dL/dW2[0]") and backward[3].endswith(
        f"{net.gradients()['W2'][0, 0]: .4f}"
    )
    update = net.update_lines(0.5)
    assert len(update) == 6 + 2 + 2 + 1 + 1 and update[-1].startswith("loss before: 0.1724")
