"""Tests for the exercise checks of notebook 04_layers_and_network_size."""

from __future__ import annotations

import pytest

from dlcourse import check


def test_checks_are_registered():
    for name in ["count_dense_params", "output_layer"]:
        assert name in check.exercises()


def _count(sizes):
    return sum(a * b + b for a, b in zip(sizes[:-1], sizes[1:], strict=True))


def test_count_dense_params_accepts_right_answers(capsys):
    assert check.count_dense_params(_count) is True
    assert "✅ count_dense_params: all 5 cases pass." in capsys.readouterr().out

    def loop(sizes):
        total = 0
        for i in range(1, len(sizes)):
            total += (sizes[i - 1] + 1) * sizes[i]
        return total

    assert check.count_dense_params(loop) is True


@pytest.mark.parametrize(
    "wrong, case",
    [
        (
            lambda s: sum(a * b for a, b in zip(s[:-1], s[1:], strict=True)),
            "case 1 of 5",
        ),  # no biases
        (
            lambda s: sum(a * b + a for a, b in zip(s[:-1], s[1:], strict=True)),
            "case 1 of 5",
        ),  # bias per input
        (lambda s: _count(s) + s[0], "case 1 of 5"),  # gives the input layer a bias
        (lambda s: sum(s[i] * s[i + 1] + s[i + 1] for i in range(len(s) - 2)), "case 1 of 5"),
    ],
)
def test_count_dense_params_rejects_wrong_answers(capsys, wrong, case):
    assert check.count_dense_params(wrong) is False
    out = capsys.readouterr().out
    assert "❌ count_dense_params" in out and case in out and "the numbers differ" in out
    assert "Hint: walk over consecutive pairs" in out


def test_count_dense_params_catches_an_input_layer_with_parameters(capsys):
    # Correct for every real network but counts the lone input layer as 784 parameters.
    assert check.count_dense_params(lambda s: _count(s) if len(s) > 1 else s[0]) is False
    out = capsys.readouterr().out
    assert "case 5 of 5" in out and "an input layer alone" in out


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
