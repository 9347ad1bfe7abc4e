"""Tests for dlcourse.lessons.nb04 (notebook 04_layers_and_network_size)."""

from __future__ import annotations

import numpy as np
import pytest

from dlcourse import data, nn
from dlcourse.lessons import nb04


def test_mlp_takes_layer_sizes_and_builds_nn_mlp():
    net = nb04.mlp([784, 128, 64, 10], output_activation="softmax", seed=0)
    assert [layer.params["W"].shape for layer in net.layers] == [(784, 128), (128, 64), (64, 10)]
    core = nn.mlp(784, (128, 64), 10, output_activation="softmax", seed=0)
    for a, b in zip(net.get_weights(), core.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)
    with pytest.raises(ValueError, match=r"mlp: `layer_sizes` must list positive ints.*\[3\]"):
        nb04.mlp([3])


def test_sweep_reports_each_configuration_and_more_capacity_fits_better():
    train, test = data.train_test_split(*data.xor(n=200, noise=0.0, seed=0), seed=0)
    rows = nb04.sweep(train, test, [(1,), (16,)], task="binary", epochs=60, seed=0)
    assert [r["hidden"] for r in rows] == [(1,), (16,)]
    assert [r["params"] for r in rows] == [5, 65]
    assert set(rows[0]) == {"hidden", "params", "train_loss", "test_loss", "train_acc", "test_acc"}
    assert (
        rows[1]["train_acc"] > rows[0]["train_acc"]
        and rows[1]["train_loss"] < rows[0]["train_loss"]
    )
    again = nb04.sweep(
        train, test, [(1,), (16,)], task="binary", epochs=60, seed=0, keep_models=True
    )
    assert [{k: v for k, v in r.items() if k != "model"} for r in again] == rows  # seeded
    assert again[1]["model"].count_params() == 65
    assert (
        np.mean((again[1]["model"].predict(test[0])[:, 0] > 0.5) == test[1]) == rows[1]["test_acc"]
    )


def test_sweep_regression_and_multiclass():
    X, y = data.parabola(n=60, noise=0.05, seed=0)
    reg = nb04.sweep((X, y), (X, y), [(8,)], task="regression", activation="tanh", epochs=50)
    assert set(reg[0]) == {"hidden", "params", "train_loss", "test_loss"}
    assert reg[0]["train_loss"] == pytest.approx(reg[0]["test_loss"])
    X3, y3 = data.spiral(n=90, seed=0, num_classes=3)
    multi = nb04.sweep((X3, y3), (X3, y3), [(8,)], task="multiclass", epochs=5)
    assert multi[0]["params"] == nn.dense_params([2, 8, 3]) and 0 <= multi[0]["test_acc"] <= 1


def test_format_table_aligns_columns():
    text = nb04.format_table(
        [{"width": 4, "acc": 0.912}, {"width": 128, "acc": 1.0}], {"width": "", "acc": ".2f"}
    )
    assert text.splitlines() == ["width   acc", "-----  ----", "    4  0.91", "  128  1.00"]


def test_time_forward_is_a_positive_number():
    net = nb04.mlp([4, 8, 1], seed=0)
    assert 0 < nb04.time_forward(net, np.zeros((10, 4)), repeats=3) < 1.0
