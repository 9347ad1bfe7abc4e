"""BackpropStepper: hand-derived gradients equal numerical ones; buttons walk the steps."""

import numpy as np
import pytest
from matplotlib.figure import Figure

from dlcourse import gradcheck, losses
from dlcourse.plots import network_diagram
from dlcourse.widgets.backprop_stepper import (
    PHASES,
    WEIGHTS,
    BackpropStepper,
    BackpropStepperState,
)

NAMES = ["W1", "b1", "W2", "b2"]


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def numerical_gradients(state):
    """dL/d(each parameter) by central differences on the state's own loss function."""
    weights = state.get_weights()
    return {
        name: gradcheck.numerical_gradient(lambda _: state.loss_at(weights), weights[k])
        for k, name in enumerate(NAMES)
    }


# -- the pure state ------------------------------------------------------------------------------


@pytest.mark.parametrize("loss", ["mean_squared_error", "binary_crossentropy"])
@pytest.mark.parametrize("y", [1.0, 0.0])
def test_gradients_equal_numerical_gradients(loss, y):
    state = BackpropStepperState(y=y, loss=loss)
    numeric = numerical_gradients(state)
    for name in NAMES:
        assert state.gradients[name].shape == state.params[name].shape
        assert gradcheck.relative_error(state.gradients[name], numeric[name]) < 1e-7, name


def test_gradients_for_other_numbers():
    rng = np.random.default_rng(0)
    weights = [rng.normal(size=w.shape) for w in WEIGHTS]
    state = BackpropStepperState(
        x=[0.3, -2.0, 1.2], y=0.2, weights=weights, loss="mean_squared_error"
    )
    numeric = numerical_gradients(state)
    for name in NAMES:
        assert gradcheck.relative_error(state.gradients[name], numeric[name]) < 1e-7, name


def test_forward_pass_and_loss():
    state = BackpropStepperState()
    W1, b1, W2, b2 = WEIGHTS
    x = np.array([1.0, 0.5, -1.0])
    h = sigmoid(x @ W1 + b1)
    y_hat = sigmoid(h @ W2 + b2)
    np.testing.assert_allclose(state.forward["z1"], x @ W1 + b1)
    np.testing.assert_allclose(state.forward["h"], h)
    np.testing.assert_allclose(state.forward["y_hat"], y_hat)
    assert state.loss_value == pytest.approx(losses.get("mse")([1.0], y_hat))


@pytest.mark.parametrize("learning_rate", [0.1, 0.5, 2.0])
def test_update_is_w_minus_lr_times_grad(learning_rate):
    state = BackpropStepperState(learning_rate=learning_rate)
    for name in NAMES:
        np.testing.assert_allclose(
            state.updated[name], state.params[name] - learning_rate * state.gradients[name]
        )
    new = [state.updated[name] for name in NAMES]
    assert state.new_loss == pytest.approx(state.loss_at(new))
    assert state.params["W1"].tolist() == WEIGHTS[0].tolist()  # the start is not modified


def test_one_step_lowers_the_loss():
    state = BackpropStepperState()
    assert state.new_loss < state.loss_value
    assert "the loss went down" in state.steps[-1].equations[1]


def test_binary_crossentropy_gives_y_hat_minus_y_at_the_output():
    state = BackpropStepperState(loss="binary_crossentropy")
    y_hat = state.forward["y_hat"][0]
    # dL/dz_out = dL/dy_hat * y_hat * (1 - y_hat) = y_hat - y for sigmoid + cross-entropy.
    np.testing.assert_allclose(state.gradients["b2"], [y_hat - 1.0], rtol=1e-9)


def test_steps_walk_forward_loss_backward_update_check():
    state = BackpropStepperState()
    phases = [step.phase for step in state.steps]
    assert state.num_steps == 18 and [s.number for s in state.steps] == list(range(19))
    assert phases == ["start"] + ["forward"] * 6 + ["loss"] + ["backward"] * 7 + ["update"] * 3 + [
        "check"
    ]
    assert set(phases) == set(PHASES)
    z1 = state.forward["z1"]
    # Each equation ends with the number it computes.
    assert state.steps[1].equations[-1].endswith(f"= {z1[0]:.4f}")
    assert state.steps[4].equations[-1].endswith(f"= {state.forward['h'][1]:.4f}")
    assert state.steps[7].equations[-1].endswith(f"= {state.loss_value:.4f}")
    g = state.gradients
    assert state.steps[10].equations[0].endswith(f"= {g['W2'][0, 0]:.4f}")
    assert state.steps[12].equations[2].endswith(f"= {g['W1'][2, 0]:.4f}")
    assert state.steps[14].equations[3] == f"dL/db1[1] = dL/dz_h2 * 1 = {g['b1'][1]:.4f}"
    assert state.steps[16].equations[0].endswith(f"= {state.updated['W1'][0, 0]:.4f}")


def test_chain_rule_factors_are_written_out():
    state = BackpropStepperState()
    h, y_hat = state.forward["h"], state.forward["y_hat"][0]
    through_sigmoid = state.steps[9].equations
    assert "dL/dy_hat * y_hat*(1 - y_hat)" in through_sigmoid[0]
    assert f"{y_hat:.4f}*{1 - y_hat:.4f}" in through_sigmoid[1]
    hidden = state.steps[11].equations
    assert "dL/dz_out * W2[0,0]" in hidden[0]
    assert f"{h[0]:.4f}*{1 - h[0]:.4f}" in hidden[1]


def test_snapshots_fill_in_as_the_steps_go():
    state = BackpropStepperState()
    assert np.isnan(state.steps[1].values[1]).all()  # z_h1 computed, h1 not yet
    assert state.steps[2].values[1][0] == pytest.approx(state.forward["h"][0])
    assert np.isnan(state.steps[2].values[1][1])
    assert np.isnan(state.steps[9].edge_grads[1]).all()
    np.testing.assert_allclose(state.steps[10].edge_grads[1], state.gradients["W2"])
    assert np.isnan(state.steps[10].edge_grads[0]).all()
    np.testing.assert_allclose(state.steps[14].edge_grads[0], state.gradients["W1"])
    np.testing.assert_allclose(state.steps[14].weights[1], WEIGHTS[2])  # not updated yet
    np.testing.assert_allclose(state.steps[15].weights[1], state.updated["W2"])
    np.testing.assert_allclose(state.steps[17].weights[0], state.updated["W1"])
    assert state.steps[1].highlight == [(0, 0, 0), (0, 1, 0), (0, 2, 0), (1, 0)]


def test_navigation_stays_in_range():
    state = BackpropStepperState()
    assert state.back().number == 0
    assert state.next().title == "forward pass: hidden neuron h1, weighted sum"
    for _ in range(30):
        state.next()
    assert state.step == 18 and state.current.phase == "check"
    assert state.heading().startswith("Step 18 of 18: check")
    assert state.reset().number == 0


def test_changing_learning_rate_or_loss_keeps_the_position():
    state = BackpropStepperState()
    for _ in range(16):
        state.next()
    state.set_learning_rate(0.1)
    assert state.step == 16
    np.testing.assert_allclose(
        state.updated["W1"], state.params["W1"] - 0.1 * state.gradients["W1"]
    )
    state.set_loss("binary_crossentropy")
    assert state.step == 16 and state.loss == "binary_crossentropy"


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"learning_rate": 0.0}, "`learning_rate` must be positive"),
        ({"learning_rate": float("nan")}, "`learning_rate` must be a finite number"),
        ({"x": [1.0, 2.0]}, r"`x` must have shape \(3,\) for the 3-2-1 network, got shape \(2,\)"),
        ({"weights": [np.zeros((2, 3)), *WEIGHTS[1:]]}, r"`W1` must have shape \(3, 2\)"),
        ({"weights": WEIGHTS[:2]}, r"\[W1, b1, W2, b2\]"),
        ({"loss": "hinge"}, "`loss` must be one of"),
        ({"loss": "binary_crossentropy", "y": 2.0}, r"target y in \[0, 1\]"),
    ],
)
def test_bad_settings_raise_teaching_errors(kwargs, match):
    with pytest.raises(ValueError, match=match):
        BackpropStepperState(**kwargs)


# -- the view --------------------------------------------------------------------------------------


def test_buttons_walk_the_steps(capsys):
    view = BackpropStepper()
    c = view.controls
    assert [c[k].description for k in ("next", "back", "reset")] == ["Next", "Back", "Reset"]
    assert "Step 0 of 18" in view.text.value and c["back"].disabled
    first = view.image.value
    c["next"].click()
    assert view.state.step == 1
    assert "Step 1 of 18: forward pass: hidden neuron h1, weighted sum" in view.text.value
    assert view.image.value != first
    for _ in range(3):
        c["next"].click()
    c["back"].click()
    assert view.state.step == 3
    c["reset"].click()
    assert view.state.step == 0 and "Step 0 of 18" in view.text.value
    assert capsys.readouterr().out == ""


def test_diagram_shows_the_step():
    view = BackpropStepper()
    d = view.diagram
    view.controls["next"].click()  # z_h1: its three edges are highlighted, h1 has no value yet
    xs, _ = d.glow.get_data()
    assert np.count_nonzero(np.isnan(np.asarray(xs, dtype=float))) == 3
    assert d.value_texts[1][0].get_text() == ""
    assert d.value_texts[0][0].get_text() == "1.00"
    view.controls["next"].click()  # h1 = sigmoid(z_h1)
    assert d.value_texts[1][0].get_text() == f"{view.state.forward['h'][0]:.2f}"
    assert d.value_texts[1][1].get_text() == ""
    for _ in range(8):  # to step 10: the output weights' gradients
        view.controls["next"].click()
    assert view.state.step == 10
    assert all(d.edge_texts[1][j][0].get_visible() for j in range(2))
    assert not any(t.get_visible() for row in d.edge_texts[0] for t in row)
    assert d.grad_texts[2][0].get_text().startswith("dL/da = ")
    for _ in range(5):  # step 15: the output neuron is updated
        view.controls["next"].click()
    # The edges are redrawn from the new output kernel (hidden kernel not updated yet).
    reference = network_diagram(
        [3, 2, 1], weights=[WEIGHTS[0], view.state.updated["W2"]], ax=Figure().add_subplot()
    )
    widths = [line.get_linewidth() for layer in d.edges for row in layer for line in row]
    expected = [line.get_linewidth() for layer in reference.edges for row in layer for line in row]
    assert widths == pytest.approx(expected)
    assert view.state.current.weights[1].tolist() == view.state.updated["W2"].tolist()


def test_learning_rate_and_loss_controls():
    view = BackpropStepper()
    for _ in range(15):
        view.controls["next"].click()
    view.controls["learning_rate"].value = 1.0
    assert view.state.learning_rate == 1.0 and view.state.step == 15
    w = view.state.params["W2"][0, 0] - 1.0 * view.state.gradients["W2"][0, 0]
    assert f"= {w:.4f}" in view.text.value
    view.controls["loss"].value = "binary_crossentropy"
    assert view.state.loss == "binary_crossentropy" and view.last_error is None


def test_callback_error_is_shown_not_swallowed():
    view = BackpropStepper()
    view.controls["learning_rate"].value = 0.0  # the box allows 0; the state refuses it
    assert isinstance(view.last_error, ValueError)
    assert "`learning_rate` must be positive" in view.error.value
    assert view.error.layout.display != "none"
    assert view.state.learning_rate == 0.5
    view.controls["learning_rate"].value = 0.25
    assert view.last_error is None and view.state.learning_rate == 0.25
