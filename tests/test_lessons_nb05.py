"""Tests for dlcourse.lessons.nb05 (notebook 05_activation_functions)."""

from __future__ import annotations

import numpy as np
import pytest

from dlcourse import activations
from dlcourse.layers import Dense
from dlcourse.lessons import nb05


def test_selu_keeps_the_signal_normalised_and_relu_does_not():
    selu = nb05.signal_through_depth("selu", depth=20, width=64, num_samples=200, seed=0)
    relu = nb05.signal_through_depth("relu", depth=20, width=64, num_samples=200, seed=0)
    assert selu["mean"].shape == selu["std"].shape == (20,)
    assert np.all(np.abs(selu["mean"]) < 0.1) and np.all(np.abs(selu["std"] - 1) < 0.15)
    # With LeCun-normal weights, ReLU loses about a factor sqrt(2) of spread per layer.
    assert relu["std"][-1] < 1e-2 < relu["std"][0]


def test_signal_through_depth_is_seeded_and_checks_its_arguments():
    a = nb05.signal_through_depth("tanh", depth=3, width=8, num_samples=10, seed=1)
    b = nb05.signal_through_depth("tanh", depth=3, width=8, num_samples=10, seed=1)
    np.testing.assert_array_equal(a["std"], b["std"])
    with pytest.raises(ValueError, match=r"`depth` must be a positive int, got 0"):
        nb05.signal_through_depth("tanh", depth=0)


def test_value_table_lists_values_and_derivatives():
    lines = nb05.value_table("sigmoid", z=[0.0, 2.0]).splitlines()
    assert lines[0].split() == ["z", "0.0000", "2.0000"]
    assert lines[1].split() == ["f(z)", "0.5000", f"{1 / (1 + np.exp(-2)):.4f}"]
    assert lines[2].split() == ["f'(z)", "0.2500", f"{np.exp(-2) / (1 + np.exp(-2)) ** 2:.4f}"]
    slope = nb05.value_table("leaky_relu", z=[-1.0], negative_slope=0.1).splitlines()
    assert slope[1].split()[1] == "-0.1000" and slope[2].split()[1] == "0.1000"
    assert "-0.0000" not in nb05.value_table("tanh", z=[-0.0, 0.0])


def test_silent_units_uses_the_weighted_sum():
    layer = Dense(3, activation="relu", input_dim=2)
    layer.set_weights([np.array([[1.0, -1.0, 0.0], [0.0, 0.0, 1.0]]), np.array([0.0, -0.5, -5.0])])
    X = np.array([[1.0, 1.0], [0.5, 2.0]])
    np.testing.assert_array_equal(nb05.silent_units(layer, X), [False, True, True])
    with pytest.raises(ValueError, match=r"`X` must have shape \(num_samples, 2\) .* got \(2, 3\)"):
        nb05.silent_units(layer, np.ones((2, 3)))


def test_keras_parity_agrees_for_every_activation():
    from dlcourse.keras_bridge import keras, tf

    rows = nb05.keras_parity(keras, tf, np.linspace(-8, 8, 33))
    assert [name for name, _, _ in rows] == activations.NAMES
    for name, value_gap, grad_gap in rows:
        assert value_gap < 1e-6 and grad_gap < 1e-6, name


def test_keras_parity_would_catch_a_wrong_activation():
    from dlcourse.keras_bridge import keras, tf

    class Swapped:  # a keras stand-in whose relu is really tanh
        class activations:
            @staticmethod
            def get(name):
                return keras.activations.get("tanh")

    rows = nb05.keras_parity(Swapped, tf, np.linspace(-3, 3, 13), names=["relu"])
    assert rows[0][1] > 0.5 and rows[0][2] > 0.5
