"""Tests for dlcourse.lessons.nb04 (notebook 04_layers_and_network_size)."""

from __future__ import annotations

import numpy as np
import pytest

from dlcourse import data, nn
from dlcourse.lessons import nb04


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
    net = nn.mlp(4, 8, 1, seed=0)
    assert 0 < nb04.time_forward(net, np.zeros((10, 4)), repeats=3) < 1.0


def test_median_sweep_takes_the_median_over_seeds():
    train, test = data.train_test_split(*data.xor(n=120, noise=0.0, seed=0), seed=0)
    rows = nb04.median_sweep(train, test, [(2,), (8,)], seeds=(0, 1, 2), epochs=20)
    singles = [nb04.sweep(train, test, [(2,), (8,)], seed=s, epochs=20) for s in (0, 1, 2)]
    for i, row in enumerate(rows):
        values = sorted(run[i]["train_acc"] for run in singles)
        assert row["train_acc"] == values[1]
        assert (row["train_min"], row["train_max"]) == (values[0], values[2])
        assert row["params"] == singles[0][i]["params"] and len(row["runs"]) == 3


def test_firing_units_counts_units_with_z_above_0_somewhere():
    net = nn.mlp(2, 3, 1, seed=0)
    net.layers[0].set_weights(
        [np.array([[1.0, -1.0, 0.0], [0.0, -1.0, 0.0]]), np.array([0.0, 0.0, 0.0])]
    )
    X = np.array([[1.0, 1.0], [0.5, 2.0]])  # z: unit 1 > 0, unit 2 < 0, unit 3 = 0 (silent)
    assert nb04.firing_units(net, X) == 1
