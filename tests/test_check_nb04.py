"""Tests for the exercise checks of notebook 04_layers_and_network_size."""

from __future__ import annotations

import numpy as np
import pytest

from dlcourse import check


def test_checks_are_registered():
    for name in ["dense_forward", "dense_param_count", "width_prediction", "output_layer"]:
        assert name in check.exercises()


def test_dense_forward_accepts_right_answers(capsys):
    assert check.dense_forward(lambda X, k, b: X @ k + b) is True
    assert "✅ dense_forward: all 5 cases pass." in capsys.readouterr().out
    assert check.dense_forward(lambda X, k, b: np.dot(X, k) + b[None, :]) is True


@pytest.mark.parametrize(
    ("wrong", "named"),
    [
        (lambda X, k, b: X @ k.T + b, "a transposed kernel"),
        (lambda X, k, b: X @ k, "a missing bias"),
        (lambda X, k, b: X @ k - b, "a bias with the wrong sign"),
        (lambda X, k, b: X @ k + b[:, None], "a bias added along the samples"),
        (lambda X, k, b: (X @ k).sum(axis=0) + b, "the batch summed into one row"),
    ],
)
def test_dense_forward_names_the_mistake(capsys, wrong, named):
    assert check.dense_forward(wrong) is False
    out = capsys.readouterr().out
    assert "❌ dense_forward: case 1 of 5" in out and f"This looks like {named}" in out


def test_dense_forward_catches_a_changed_input_and_a_crash(capsys):
    def in_place(X, k, b):
        X[:] = 0.0
        return X @ k + b

    assert check.dense_forward(in_place) is False
    assert "changed its input X in place" in capsys.readouterr().out
    assert check.dense_forward(lambda X, k, b: k @ X + b) is False  # (3,3) fits, then (2,5)@(4,2)
    out = capsys.readouterr().out
    assert "❌ dense_forward" in out


def test_dense_param_count(capsys):
    assert check.dense_param_count(lambda shape, units: (shape[1] + 1) * units) is True
    assert "✅ dense_param_count: all 5 cases pass." in capsys.readouterr().out
    for wrong, named in [
        (lambda s, u: s[1] * u, "the biases forgotten"),
        (lambda s, u: s[1] * u + 1, "one bias for the whole layer"),
        (lambda s, u: s[1] * u + s[1], "one bias per input instead of per unit"),
        (lambda s, u: (s[0] + 1) * u, "the samples counted instead of the features"),
    ]:
        assert check.dense_param_count(wrong) is False
        out = capsys.readouterr().out
        assert f"This looks like {named}" in out and "expected: 8" in out


def test_width_prediction_checks_only_the_form(capsys):
    for train, test in [("rises", "rises then falls"), ("Stays flat ", "FALLS")]:
        assert check.width_prediction({"train accuracy": train, "test accuracy": test}) is True
        assert "prediction recorded" in capsys.readouterr().out
    for wrong, said in [
        (..., "not done yet"),
        ({"train accuracy": "rises"}, "expected a dict"),
        ("rises", "expected a dict"),
        ({"train accuracy": "up", "test accuracy": "rises"}, "must be one of"),
        ({"train accuracy": 1, "test accuracy": "rises"}, "must be one of"),
    ]:
        assert check.width_prediction(wrong) is False
        out = capsys.readouterr().out
        assert "❌ width_prediction" in out and said in out


def _right_output_layer(task, k):
    return {"binary": (1, "sigmoid"), "multiclass": (k, "softmax"), "regression": (k, "linear")}[
        task
    ]


def test_output_layer_accepts_right_answers(capsys):
    assert check.output_layer(_right_output_layer) is True
    assert "✅ output_layer: all 5 cases pass." in capsys.readouterr().out

    def with_none(task, k):  # Keras: activation=None means linear
        units, act = _right_output_layer(task, k)
        return [units, None if act == "linear" else act.upper()]

    assert check.output_layer(with_none) is True


@pytest.mark.parametrize(
    "wrong, case",
    [
        (lambda t, k: (k, "softmax") if t != "regression" else (k, "linear"), "case 1 of 5"),
        (lambda t, k: (1, "sigmoid") if t != "regression" else (k, "linear"), "case 2 of 5"),
        (lambda t, k: (k, "sigmoid") if t == "multiclass" else _right_output_layer(t, k), "case 2"),
        (lambda t, k: (k, "relu") if t == "regression" else _right_output_layer(t, k), "case 4"),
        (lambda t, k: (1, "linear") if t == "regression" else _right_output_layer(t, k), "case 5"),
    ],
)
def test_output_layer_rejects_wrong_answers(capsys, wrong, case):
    assert check.output_layer(wrong) is False
    out = capsys.readouterr().out
    assert "❌ output_layer" in out and case in out and "Hint: binary: one unit" in out


def test_output_layer_not_a_function(capsys):
    assert check.output_layer((1, "sigmoid")) is False
    assert "expected a function" in capsys.readouterr().out
