"""The demonstrations of notebook 07_backpropagation: the worked 3-2-1 example, the batch-size
comparison, the activation layer and the deep networks for vanishing/exploding gradients."""

from __future__ import annotations

import numpy as np
import pytest

from dlcourse import data, gradcheck
from dlcourse.layers import Activation, BatchNormalization, Dense
from dlcourse.lessons import nb07
from dlcourse.widgets import backprop_stepper


def _central_differences(net: nb07.ThreeTwoOne, name: str, eps: float = 1e-6) -> np.ndarray:
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


def test_worked_example_uses_the_backprop_steppers_numbers():
    net = nb07.ThreeTwoOne()
    np.testing.assert_array_equal(net.x, backprop_stepper.X)
    assert net.y == backprop_stepper.Y
    for ours, theirs in zip(
        [net.W1, net.b1, net.W2, net.b2], backprop_stepper.WEIGHTS, strict=True
    ):
        np.testing.assert_array_equal(ours, theirs)


def test_worked_example_gradients_match_central_differences_and_the_stepper():
    net = nb07.ThreeTwoOne()
    grads = net.gradients()
    for name in nb07.PARAM_NAMES:
        np.testing.assert_allclose(grads[name], _central_differences(net, name), rtol=1e-7)
    state = backprop_stepper.BackpropStepperState()
    last_backward = [s for s in state.steps if s.phase == "backward"][-1]
    np.testing.assert_allclose(last_backward.edge_grads[0], grads["W1"], rtol=1e-12)
    np.testing.assert_allclose(last_backward.edge_grads[1], grads["W2"], rtol=1e-12)


def test_worked_example_forward_values_by_hand():
    f = nb07.ThreeTwoOne().forward()
    np.testing.assert_allclose(f["z1"], [1.0, -0.55])
    h = 1 / (1 + np.exp(-f["z1"]))
    np.testing.assert_allclose(f["h"], h)
    y_hat = 1 / (1 + np.exp(-(h @ [0.6, -0.4] + 0.05)))
    assert f["loss"] == pytest.approx((y_hat - 1.0) ** 2)


def test_update_is_gradient_descent_and_lowers_the_loss():
    net = nb07.ThreeTwoOne()
    new = net.updated(0.5)
    for name, p in net.params().items():
        np.testing.assert_allclose(new.params()[name], p - 0.5 * net.gradients()[name])
    assert new.loss() < net.loss()
    assert net.W1[0, 0] == 0.2  # the original is unchanged


def test_printed_lines_contain_the_numbers():
    net = nb07.ThreeTwoOne()
    forward = net.forward_lines()
    assert forward[0].endswith("= 1.0000") and forward[-1].startswith("L     = ")
    backward = net.backward_lines()
    assert len(backward) == 3 + 2 + 1 + 2 + 2 + 2 + 6 + 2
    assert backward[3].startswith("dL/dW2[0]") and backward[3].endswith(
        f"{net.gradients()['W2'][0, 0]: .4f}"
    )
    update = net.update_lines(0.5)
    assert len(update) == 6 + 2 + 2 + 1 + 1 and update[-1].startswith("loss before: 0.1724")


def test_graph_figure_draws_every_operation():
    import matplotlib.pyplot as plt

    ax = nb07.graph_figure()
    texts = [t.get_text() for t in ax.texts]
    assert "h = σ(z1)" in texts and "L = (ŷ - y)²" in texts
    plt.close(ax.figure)


def test_compare_batch_sizes_counts_updates_and_learns():
    X, y = data.moons(n=64, noise=0.1, seed=0)
    runs = nb07.compare_batch_sizes(X, y, {"full": 64, "mini": 16, "single": 1}, epochs=5, seed=0)
    assert [runs[k]["updates"] for k in ("full", "mini", "single")] == [5, 20, 320]
    for run in runs.values():
        assert len(run["loss"]) == 5 and run["seconds_per_epoch"] > 0
    # More updates per epoch, more progress per epoch (same learning rate, same start).
    assert runs["single"]["loss"][-1] < runs["mini"]["loss"][-1] < runs["full"]["loss"][-1]
    again = nb07.compare_batch_sizes(X, y, {"mini": 16}, epochs=5, seed=0)
    assert again["mini"]["loss"] == runs["mini"]["loss"]  # seeded: identical


def test_activation_layer_passes_a_gradient_check():
    X = np.random.default_rng(0).normal(size=(5, 3))
    for name in ["sigmoid", "tanh", "relu"]:
        report = gradcheck.check_gradients(Activation(name), X, np.zeros((5, 3)), "mse")
        assert report.ok, (name, report.max_error)
    assert repr(Activation("relu", name="act")) == "Activation('relu', name='act')"


def test_deep_network_structure_and_weight_scale():
    plain = nb07.deep_network(depth=4, units=8, activation="relu", kernel_initializer="he_normal")
    assert [type(layer) for layer in plain.layers] == [Dense] * 5
    assert plain.layers[-1].activation.name == "softmax"
    scaled = nb07.deep_network(
        depth=4, units=8, activation="relu", kernel_initializer="he_normal", weight_scale=2.0
    )
    for a, b in zip(plain.layers[:-1], scaled.layers[:-1], strict=True):
        np.testing.assert_allclose(b.params["W"], 2.0 * a.params["W"])
    np.testing.assert_array_equal(plain.layers[-1].params["W"], scaled.layers[-1].params["W"])
    bn = nb07.deep_network(depth=2, units=8, batch_norm=True)
    kinds = [type(layer) for layer in bn.layers]
    assert kinds == [Dense, BatchNormalization, Activation] * 2 + [Dense]


def test_deep_sigmoid_gradients_vanish_and_fixes_keep_them_in_range():
    X, y = data.spiral(n=128, noise=0.1, seed=0)

    def spread(**setup):
        net = nb07.deep_network(depth=10, units=32, seed=0, **setup)
        norms = gradcheck.gradient_norms(net, X, y, "sparse_categorical_crossentropy")
        return norms[0] / norms[-2]

    assert spread(activation="sigmoid") < 1e-4
    assert 1e-2 < spread(activation="relu", kernel_initializer="he_normal") < 1e2
    assert 1e-2 < spread(activation="sigmoid", batch_norm=True) < 1e2
