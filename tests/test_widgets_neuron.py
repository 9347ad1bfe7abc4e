"""NeuronExplorer: the state computes activation(w . x + b); the view shows it and its errors."""

import math

import numpy as np
import pytest

from dlcourse import activations
from dlcourse.neuron import Neuron
from dlcourse.widgets.neuron_explorer import ACTIVATIONS, NeuronExplorer, NeuronExplorerState

X, W, B = [1.0, 2.0, 0.5], [0.4, -0.2, 0.6], 0.1


def reference_output(x, w, b, name):
    return float(activations.get(name)(float(np.dot(w, x)) + b))


# -- the pure state ------------------------------------------------------------------------------


def test_activations_are_every_name_but_softmax():
    assert "softmax" not in ACTIVATIONS
    assert set(ACTIVATIONS) == set(activations.NAMES) - {"softmax"}


@pytest.mark.parametrize("name", ACTIVATIONS)
def test_output_is_activation_of_weighted_sum(name):
    state = NeuronExplorerState(inputs=X, weights=W, bias=B, activation=name)
    assert state.z == pytest.approx(0.4)
    assert state.output == pytest.approx(reference_output(X, W, B, name), rel=1e-12)
    assert state.fires == (state.output > state.firing_level) == (state.z > 0)


def test_equation_writes_the_numbers():
    state = NeuronExplorerState(inputs=[1.0, 2.0], weights=[0.5, -0.3], bias=0.1)
    assert state.equation() == "z = 0.50*1.00 + (-0.30)*2.00 + 0.10 = 0.0000"
    state.set_input(0, -1.5)
    state.set_bias(-0.25)
    assert state.equation() == "z = 0.50*(-1.50) + (-0.30)*2.00 + (-0.25) = -1.6000"
    assert state.z == pytest.approx(-1.6)


def test_lines_give_output_and_verdict():
    state = NeuronExplorerState(inputs=X, weights=W, bias=B, activation="sigmoid")
    lines = state.lines()
    sig = 1 / (1 + math.exp(-0.4))
    assert lines[1] == f"a = sigmoid(z) = sigmoid(0.4000) = {sig:.4f}"
    assert lines[2] == f"z > 0, so output {sig:.4f} > sigmoid(0) = 0.5000: the neuron fires"
    state.set_bias(-0.5)
    assert not state.fires
    low = 1 / (1 + math.exp(0.2))  # z = 0.4 - 0.1 - 0.5 = -0.2
    assert state.lines()[2] == (
        f"z <= 0, so output {low:.4f} is not above sigmoid(0) = 0.5000: the neuron does not fire"
    )


def test_firing_is_the_neurons_definition_for_every_activation():
    # The same rule as Neuron.fires: output above f(0). A ReLU with z < 0 outputs 0: silent.
    relu = NeuronExplorerState(inputs=[1.0], weights=[-1.0], bias=0.0, activation="relu")
    assert relu.output == 0.0 and relu.firing_level == 0.0 and not relu.fires
    assert "not above relu(0) = 0.0000: the neuron does not fire" in relu.lines()[2]
    edge = NeuronExplorerState(inputs=[1.0], weights=[0.0], bias=0.0)  # z = 0 exactly
    assert edge.output == 0.5 and not edge.fires
    for name in ACTIVATIONS:
        for bias in (-0.7, 0.7):
            state = NeuronExplorerState(inputs=[1.0], weights=[0.0], bias=bias, activation=name)
            neuron = Neuron([0.0], bias, activation=name)
            assert state.fires == bool(neuron.fires([1.0])) == (bias > 0)


def test_curve_is_the_activation_and_covers_z():
    state = NeuronExplorerState(inputs=[4.0], weights=[3.0], bias=0.0, activation="tanh")
    z_grid, a_grid = state.curve()
    assert z_grid[0] <= -12.0 and z_grid[-1] >= 12.0
    np.testing.assert_allclose(a_grid, np.tanh(z_grid), rtol=1e-12)
    small = NeuronExplorerState(inputs=[1.0], weights=[0.5], bias=0.0)
    assert small.curve()[0][[0, -1]].tolist() == [-6.0, 6.0]


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"activation": "softmax"}, "softmax.*single neuron has one weighted sum"),
        ({"activation": "relux"}, "unknown `activation` 'relux'"),
        ({"weights": [1.0, 2.0]}, "one weight per input: got 3 inputs and 2 weights"),
        ({"inputs": []}, "`inputs` must be a flat list of 1 to 6 numbers"),
        ({"inputs": [[1.0, 2.0]], "weights": [1.0, 2.0]}, r"shape \(1, 2\)"),
        ({"bias": float("nan")}, "`bias` must be a finite number, got nan"),
        ({"inputs": [1.0, float("inf"), 0.0]}, r"`inputs\[1\]` must be a finite number"),
        ({"bias": "high"}, "`bias` must be a number, got str 'high'"),
    ],
)
def test_bad_settings_raise_teaching_errors(kwargs, match):
    settings = {"inputs": X, "weights": W, "bias": B, **kwargs}
    error = TypeError if kwargs.get("bias") == "high" else ValueError
    with pytest.raises(error, match=match):
        NeuronExplorerState(**settings)


def test_a_bad_change_leaves_the_state_unchanged():
    state = NeuronExplorerState(inputs=X, weights=W, bias=B)
    with pytest.raises(ValueError, match="`w2` must be a finite number"):
        state.set_weight(1, float("nan"))
    assert state.weights.tolist() == W
    with pytest.raises(ValueError, match="softmax"):
        state.set_activation("softmax")
    assert state.activation == "sigmoid"


# -- the view --------------------------------------------------------------------------------------


def test_default_view_and_its_controls():
    view = NeuronExplorer()
    assert sorted(view.controls) == sorted(
        ["x1", "x2", "x3", "w1", "w2", "w3", "bias", "activation"]
    )
    assert list(view.controls["activation"].options) == ACTIVATIONS
    assert view.image.value[:4] == b"\x89PNG"
    assert "z = 0.40*1.00 + (-0.20)*2.00 + 0.60*0.50 + 0.10 = 0.4000" in view.text.value
    assert repr(view).startswith("NeuronExplorer(controls=")


def test_controls_drive_the_state_text_and_artists(capsys):
    view = NeuronExplorer()
    before = view.image.value
    view.controls["w1"].value = 1.5
    view.controls["x2"].value = -1.0
    view.controls["bias"].value = -0.5
    view.controls["activation"].value = "relu"
    x, w, b = [1.0, -1.0, 0.5], [1.5, -0.2, 0.6], -0.5
    z = float(np.dot(w, x) + b)
    expected = reference_output(x, w, b, "relu")
    assert view.state.z == pytest.approx(z)
    assert view.state.output == pytest.approx(expected)
    # The point on the curve is (z, a), the curve is relu.
    px, py = view._point.get_data()
    assert px[0] == pytest.approx(z) and py[0] == pytest.approx(expected)
    cz, ca = view._curve.get_data()
    np.testing.assert_allclose(ca, np.maximum(cz, 0.0))
    assert f"= {z:.4f}" in view.text.value
    assert "(-1.00)" in view.text.value  # x2 written with its sign
    assert view.image.value != before
    assert capsys.readouterr().out == ""  # a view never prints


def test_activation_moves_the_firing_level_and_bias_the_verdict():
    view = NeuronExplorer()
    assert view._level_line.get_ydata()[0] == pytest.approx(0.5)  # sigmoid(0)
    view.controls["activation"].value = "softplus"
    assert view._level_line.get_ydata()[0] == pytest.approx(math.log(2))
    assert view.state.fires and "the neuron fires" in view.text.value
    view.controls["bias"].value = -1.0  # z = 0.3 - 1.0 < 0
    assert not view.state.fires
    assert "does not fire" in view.text.value
    assert view._point.get_color() == "#E69F00"


def test_callback_error_is_shown_not_swallowed():
    view = NeuronExplorer()
    view.controls["x1"].value = float("nan")  # a slider accepts NaN; the state refuses it
    assert isinstance(view.last_error, ValueError)
    assert "`x1` must be a finite number" in view.error.value
    assert view.error.layout.display != "none"
    assert view.state.inputs[0] == 1.0  # unchanged
    view.controls["x1"].value = 2.0
    assert view.last_error is None
    assert view.error.layout.display == "none"
    assert view.state.inputs[0] == 2.0


def test_custom_neuron_with_two_inputs():
    view = NeuronExplorer(inputs=[1.0, 2.0], weights=[0.5, -0.3], bias=0.1, activation="tanh")
    assert sorted(k for k in view.controls if k[0] in "xw") == ["w1", "w2", "x1", "x2"]
    assert "z = 0.50*1.00 + (-0.30)*2.00 + 0.10 = 0.0000" in view.text.value
