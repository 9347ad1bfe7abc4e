"""Tests for dlcourse.lessons.nb03 (notebook 03_neurons): the bias demo and single-neuron training."""

from __future__ import annotations

import numpy as np
import pytest

from dlcourse.lessons import nb03


def _hours():
    X = np.arange(0.5, 6.01, 0.5).reshape(-1, 1)
    return X, (X[:, 0] > 3).astype(int)


def test_firing_accuracy_is_a_sign_test_on_the_weighted_sum():
    X, y = _hours()
    assert nb03.firing_accuracy(X, y, np.array([1.0]), b=-3.25) == 1.0
    assert nb03.firing_accuracy(X, y, np.array([1.0]), b=0.0) == 0.5  # everyone fires
    assert nb03.firing_accuracy(X, y, np.array([-1.0]), b=3.25) == 0.0  # exactly backwards


def test_without_a_bias_no_weight_separates_the_hours():
    X, y = _hours()
    acc, _, b = nb03.best_firing_accuracy(X, y, np.linspace(-3, 3, 25))
    assert acc == 0.5 and b == 0.0
    acc, w, b = nb03.best_firing_accuracy(X, y, np.linspace(-3, 3, 25), np.linspace(-10, 10, 81))
    assert acc == 1.0
    assert 3.0 <= -b / w < 3.5  # the switch point lies between the two groups


def test_firing_accuracy_errors_teach():
    with pytest.raises(ValueError, match=r"`X` must be 2-D .* X.reshape\(-1, 1\)"):
        nb03.firing_accuracy(np.arange(3.0), np.zeros(3), np.array([1.0]))
    with pytest.raises(ValueError, match=r"one weight per feature: X has 1 features, w has shape"):
        nb03.firing_accuracy(np.ones((3, 1)), np.zeros(3), np.array([1.0, 2.0]))


def _task():
    rng = np.random.default_rng(0)
    X = rng.uniform(0, 1, size=(50, 2))
    return X, 0.5 * X[:, 0] + 0.3 * X[:, 1] + 0.1


def test_train_single_neuron_matches_a_numerical_gradient_step():
    X, y = _task()
    w0, b0, lr = np.array([0.3, -0.2]), 0.1, 0.05

    def loss(params):
        z = X @ params[:2] + params[2]
        return np.mean((np.tanh(z) - y) ** 2)

    params = np.array([*w0, b0])
    eps = 1e-6
    grad = np.array(
        [(loss(params + eps * e) - loss(params - eps * e)) / (2 * eps) for e in np.eye(3)]
    )
    run = nb03.train_single_neuron(X, y, w0, b0, activation="tanh", learning_rate=lr, epochs=1)
    np.testing.assert_allclose(run["w"][1], w0 - lr * grad[:2], rtol=1e-6)
    np.testing.assert_allclose(run["b"][1], b0 - lr * grad[2], rtol=1e-6)
    assert run["loss"][0] == pytest.approx(loss(params))


def test_a_live_relu_learns_and_a_dead_one_never_moves():
    X, y = _task()
    live = nb03.train_single_neuron(X, y, np.array([0.3, 0.3]), 0.5, "relu", 0.5, 200)
    dead = nb03.train_single_neuron(X, y, np.array([0.3, 0.3]), -5.0, "relu", 0.5, 200)
    assert live["loss"][-1] < 1e-6 < live["loss"][0]
    assert (
        live["w"].shape == (201, 2) and live["b"].shape == (201,) and live["loss"].shape == (201,)
    )
    assert np.all(dead["w"] == 0.3) and np.all(dead["b"] == -5.0)
    assert np.all(dead["loss"] == dead["loss"][0])


def test_a_saturated_sigmoid_learns_slowly():
    X, y = _task()
    stuck = nb03.train_single_neuron(X, y, np.array([0.3, 0.3]), -9.0, "sigmoid", 0.5, 200)
    free = nb03.train_single_neuron(X, y, np.array([0.3, 0.3]), 0.0, "sigmoid", 0.5, 200)
    assert 0 < np.abs(stuck["w"][-1] - stuck["w"][0]).max() < 0.05
    assert free["loss"][-1] < 0.5 * free["loss"][0]
    assert stuck["loss"][-1] > 0.99 * stuck["loss"][0]


def test_train_single_neuron_errors_teach():
    with pytest.raises(ValueError, match=r"`y` needs one target per row of X: X has 3 rows"):
        nb03.train_single_neuron(np.ones((3, 2)), np.ones(4), np.zeros(2), 0.0)
