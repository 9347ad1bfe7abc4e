"""Tests for the exercise checks of notebook 03_neurons: right answers pass, each named mistake is
recognised, wrong forms are refused, and no message gives the solution away."""

from __future__ import annotations

import numpy as np
import pytest

from dlcourse import check
from dlcourse.activations import get

sigmoid = get("sigmoid")


def test_checks_are_registered():
    for name in ["neuron_forward", "logic_gates", "xor_network"]:
        assert name in check.exercises()


# -- Exercise 3.1: neuron_forward -------------------------------------------------------------------


def _loop(X, w, b):
    out = np.empty(len(X))
    for i, row in enumerate(X):
        out[i] = 1 / (1 + np.exp(-(np.dot(row, w) + b)))
    return out


@pytest.mark.parametrize(
    "right",
    [lambda X, w, b: sigmoid(X @ w + b), lambda X, w, b: 1 / (1 + np.exp(-(X @ w + b))), _loop],
)
def test_neuron_forward_accepts_right_answers(capsys, right):
    assert check.neuron_forward(right) is True
    assert "✅ neuron_forward: all 5 cases pass." in capsys.readouterr().out


def _last_only(X, w, b):
    for row in X:
        out = sigmoid(row @ w + b)
    return out


@pytest.mark.parametrize(
    ("wrong", "named"),
    [
        (lambda X, w, b: sigmoid(w @ X + b), "a transposed product"),
        (lambda X, w, b: sigmoid(X.T @ w + b), "a transposed product"),
        (lambda X, w, b: sigmoid(X @ w), "a missing bias"),
        (lambda X, w, b: sigmoid(X @ w - b), "a bias with the wrong sign"),
        (lambda X, w, b: sigmoid(np.sum(X * w + b, axis=1)), "a bias added once per input"),
        (lambda X, w, b: X @ w + b, "a missing activation"),
        (lambda X, w, b: sigmoid(np.mean(X * w, axis=1) + b), "a mean instead of a sum"),
        (lambda X, w, b: sigmoid(np.sum(X * w, axis=0) + b), "a sum over the samples"),
        (lambda X, w, b: sigmoid(X @ w.reshape(-1, 1) + b), "a column of shape (num_samples, 1)"),
        (lambda X, w, b: np.array([[sigmoid(x @ w + b)] for x in X]), "a column of shape"),
        (_last_only, "only the last sample's output"),
    ],
)
def test_neuron_forward_names_the_mistake(capsys, wrong, named):
    assert check.neuron_forward(wrong) is False
    out = capsys.readouterr().out
    assert "❌ neuron_forward: case 1 of 5" in out
    assert f"This looks like {named}" in out


def test_neuron_forward_catches_a_changed_input_a_crash_and_the_placeholder(capsys):
    def in_place(X, w, b):
        X *= w
        return sigmoid(X.sum(axis=1) + b)

    assert check.neuron_forward(in_place) is False
    assert "changed its input X in place" in capsys.readouterr().out

    def zip_rows(X, w, b):  # zip pairs each weight with a whole row: w @ X in disguise
        return sigmoid(sum(x * wi for x, wi in zip(X, w, strict=True)) + b)

    assert check.neuron_forward(zip_rows) is False
    assert "This looks like a transposed product" in capsys.readouterr().out

    def row_weights(X, w, b):  # (3, 3) @ (1, 3): the shapes do not fit
        return sigmoid(X @ w[:, None].T + b)

    assert check.neuron_forward(row_weights) is False
    out = capsys.readouterr().out
    assert "case 1 of 5 raised ValueError" in out and "at line" in out

    def unfinished(X, w, b):
        raise NotImplementedError()

    assert check.neuron_forward(unfinished) is False
    assert "not done yet" in capsys.readouterr().out


# -- Exercise 3.2: logic_gates ----------------------------------------------------------------------

GATES = {"AND": ([1.0, 1.0], -1.5), "OR": ([1.0, 1.0], -0.5), "NAND": ([-1.0, -1.0], 1.5)}


def test_logic_gates_accepts_any_right_design(capsys):
    assert check.logic_gates(GATES) is True
    assert "✅ logic_gates" in capsys.readouterr().out
    scaled = {  # other weights, the same gates; arrays and tuples are fine
        "AND": (np.array([2.0, 3.0]), -4.0),
        "OR": ((5.0, 5.0), -1.0),
        "NAND": ([-0.5, -0.5], 0.75),
    }
    assert check.logic_gates(scaled) is True


@pytest.mark.parametrize(
    ("gate", "unit", "said"),
    [
        ("AND", ([1.0, 1.0], -0.5), "your AND fires for (0, 1), where it should stay silent"),
        ("AND", ([1.0, 1.0], -0.5), "The bias is too large"),
        ("AND", ([1.0, 1.0], -2.5), "your AND stays silent for (1, 1), where it should fire"),
        ("AND", ([1.0, 1.0], -2.5), "The bias is too negative"),
        ("NAND", ([-1.0, -1.0], 1.0), "z = 0 exactly for (0, 1)"),
        ("OR", ([1.0, 1.0], 0.5), "your OR fires for (0, 0)"),
        ("NAND", ([1.0, 1.0], -1.5), "your NAND computes AND, the exact opposite"),
        ("OR", ([1.0, 1.0], -1.5), "(as it stands it is AND)"),
    ],
)
def test_logic_gates_diagnoses_a_wrong_gate(capsys, gate, unit, said):
    assert check.logic_gates({**GATES, gate: unit}) is False
    out = capsys.readouterr().out
    assert f"❌ logic_gates: {gate} is wrong." in out and said in out


@pytest.mark.parametrize(
    ("answer", "said"),
    [
        ({"AND": GATES["AND"], "OR": GATES["OR"]}, "expected a dict with the keys"),
        ([GATES["AND"]], "expected a dict with the keys"),
        ({**GATES, "OR": lambda x1, x2: x1 or x2}, "must be a pair (weights, bias)"),
        ({**GATES, "OR": {(0, 1): 1}}, "must be a pair (weights, bias)"),
        ({**GATES, "OR": ([1.0, 1.0, 1.0], -0.5)}, "got weights of shape (3,)"),
        ({**GATES, "OR": ([1.0, 1.0], -0.5, 2.0)}, "got 3 items"),
        ({**GATES, "OR": ([1.0, np.nan], -0.5)}, "all finite numbers"),
        ({**GATES, "OR": (["a", "b"], -0.5)}, "must be a pair (weights, bias)"),
        (..., "not done yet"),
    ],
)
def test_logic_gates_refuses_other_forms(capsys, answer, said):
    assert check.logic_gates(answer) is False
    out = capsys.readouterr().out
    assert "❌ logic_gates" in out and said in out


# -- Exercise 3.3: xor_network ----------------------------------------------------------------------


def _net(h1, h2, out):
    return {"hidden": [h1, h2], "output": out}


OR, NAND, AND = GATES["OR"], GATES["NAND"], GATES["AND"]


def test_xor_network_accepts_right_designs(capsys):
    assert check.xor_network(_net(OR, NAND, AND)) is True
    assert "✅ xor_network: XOR is right on all 4 rows" in capsys.readouterr().out
    # OR and AND as hidden units work too: the output fires for "h1 and not h2".
    assert check.xor_network(_net(OR, AND, ([1.0, -1.0], -0.5))) is True


def test_xor_network_names_hidden_units_that_cannot_tell_rows_apart(capsys):
    assert check.xor_network(_net(OR, OR, AND)) is False
    out = capsys.readouterr().out
    assert "cannot tell (0, 1) from (1, 1)" in out and "are OR and OR" in out


def test_xor_network_names_hidden_units_no_output_can_finish(capsys):
    x1, x2 = ([1.0, 0.0], -0.5), ([0.0, 1.0], -0.5)  # they copy the inputs: XOR is still XOR
    assert check.xor_network(_net(x1, x2, OR)) is False
    out = capsys.readouterr().out
    assert "no output unit can finish this network" in out and "x1 alone and x2 alone" in out


def test_xor_network_names_the_row_the_output_unit_gets_wrong(capsys):
    assert check.xor_network(_net(OR, NAND, OR)) is False
    out = capsys.readouterr().out
    assert "the output unit fires for (0, 0), where XOR is 0" in out
    assert "(h1, h2) = (0, 1)" in out and "it must be at or below 0" in out


@pytest.mark.parametrize(
    ("answer", "said"),
    [
        ({"hidden": [OR], "output": AND}, "exactly two hidden units, got 1"),
        ({"hidden": [OR, NAND, AND], "output": AND}, "exactly two hidden units, got 3"),
        ({"hidden": [OR, NAND], "output": ([1.0, 1.0, 1.0], -1.5)}, "answer['output'] must be"),
        ({"hidden": [OR, ([1.0], 0.0)], "output": AND}, "hidden unit 2 must be a pair"),
        ({"layers": [OR, NAND, AND]}, "expected a dict with the keys 'hidden' and 'output'"),
        (lambda x1, x2: x1 != x2, "expected a dict with the keys 'hidden' and 'output'"),
        (..., "not done yet"),
    ],
)
def test_xor_network_refuses_other_forms(capsys, answer, said):
    assert check.xor_network(answer) is False
    out = capsys.readouterr().out
    assert "❌ xor_network" in out and said in out


def test_no_message_holds_a_solution_line(capsys):
    """The design messages quote the learner's own numbers, never a right design."""
    for gate, unit in [("AND", ([1.0, 1.0], -0.5)), ("NAND", ([1.0, 1.0], -1.5))]:
        check.logic_gates({**GATES, gate: unit})
    check.xor_network(_net(OR, NAND, OR))
    check.xor_network(_net(OR, OR, AND))
    out = capsys.readouterr().out
    for line in ["-1.5", "1.5)", "[-1.0, -1.0]", "([1, 1], -1.5)"]:
        assert line not in out
