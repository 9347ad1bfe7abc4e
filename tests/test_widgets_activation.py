"""ActivationExplorer: curves equal the activation and its derivative; flat regions are shaded."""

import numpy as np
import pytest

from dlcourse import activations
from dlcourse.widgets.activation_explorer import (
    PARAMETERS,
    ActivationExplorer,
    ActivationExplorerState,
)

ELEMENTWISE = [name for name in activations.NAMES if name != "softmax"]


# -- the pure state ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_curves_equal_the_activation_and_its_derivative(name):
    state = ActivationExplorerState(name)
    z, f, d = state.curves()
    act = activations.get(name)
    assert z[0] == -5.0 and z[-1] == 5.0 and z.size == 401
    np.testing.assert_allclose(f, act(z), rtol=1e-12)
    np.testing.assert_allclose(d, act.derivative(z), rtol=1e-12)


def test_parameters_reach_the_activation():
    state = ActivationExplorerState("leaky_relu", negative_slope=0.1)
    z, f, d = state.curves()
    np.testing.assert_allclose(f[z < 0], 0.1 * z[z < 0])
    np.testing.assert_allclose(d[z < 0], 0.1)
    state.set(name="elu", alpha=2.0)
    z, f, _ = state.curves()
    np.testing.assert_allclose(f[z < 0], 2.0 * np.expm1(z[z < 0]))
    state.set(name="gelu", approximate=True)
    np.testing.assert_allclose(state.curves()[1], activations.get("gelu", approximate=True)(z))


def test_softmax_is_shown_over_z_and_zero():
    state = ActivationExplorerState("softmax")
    z, f, d = state.curves()
    sigmoid = 1.0 / (1.0 + np.exp(-z))
    np.testing.assert_allclose(f, sigmoid, rtol=1e-12)  # softmax([z, 0])[0] is sigmoid(z)
    np.testing.assert_allclose(d, sigmoid * (1.0 - sigmoid), rtol=1e-10)
    assert any("softmax([z, 0])[0]" in line and "sigmoid(z)" in line for line in state.lines())


@pytest.mark.parametrize("name", [*activations.NAMES])
def test_vanishing_mask_is_where_the_slope_is_small(name):
    state = ActivationExplorerState(name, threshold=0.05)
    _, _, d = state.curves()
    np.testing.assert_array_equal(state.vanishing_mask(), np.abs(d) < 0.05)
    # Every grid point inside a reported interval is flat, and every flat point is inside one.
    inside = np.zeros_like(state.z, dtype=bool)
    for start, end in state.vanishing_intervals():
        inside |= (state.z >= start) & (state.z <= end)
    np.testing.assert_array_equal(inside, np.abs(d) < 0.05)


def test_known_flat_regions():
    assert ActivationExplorerState("relu").vanishing_intervals() == [(-5.0, 0.0)]
    assert ActivationExplorerState("linear").vanishing_intervals() == []
    assert ActivationExplorerState("leaky_relu", negative_slope=0.2).vanishing_intervals() == []
    assert ActivationExplorerState("leaky_relu", negative_slope=0.01).vanishing_intervals() == [
        (-5.0, 0.0)
    ]
    (left, right) = ActivationExplorerState("sigmoid").vanishing_intervals()
    # sigmoid'(z) = 0.05 at |z| = 2.89; the grid step is 0.025.
    assert left[0] == -5.0 and left[1] == pytest.approx(-2.9, abs=0.03)
    assert right[0] == pytest.approx(2.9, abs=0.03) and right[1] == 5.0
    text = ActivationExplorerState("sigmoid").lines()[2]
    assert text == "|f'(z)| < 0.05 (the gradient nearly vanishes) for z <= -2.90, z >= 2.90"


def test_applies_only_to_its_activation():
    state = ActivationExplorerState("leaky_relu")
    assert state.applies("negative_slope") and not state.applies("alpha")
    state.set(name="elu")
    assert state.applies("alpha") and not state.applies("negative_slope")
    assert PARAMETERS["approximate"] == "gelu"


@pytest.mark.parametrize(
    ("change", "error", "match"),
    [
        ({"name": "sigmoidd"}, ValueError, "unknown activation 'sigmoidd'"),
        ({"threshold": 0.0}, ValueError, "`threshold` must be positive"),
        ({"alpha": float("nan")}, ValueError, "`alpha` must be a finite number, got nan"),
        ({"speed": 1}, TypeError, "unknown setting 'speed'"),
    ],
)
def test_bad_changes_raise_and_change_nothing(change, error, match):
    state = ActivationExplorerState("elu")
    with pytest.raises(error, match=match):
        state.set(**change)
    assert (state.name, state.alpha, state.threshold) == ("elu", 1.0, 0.05)


# -- the view --------------------------------------------------------------------------------------


def visible_shades(view):
    return sorted(
        (rect.get_x(), rect.get_x() + rect.get_width())
        for rect, _ in view._shades
        if rect.get_visible()
    )


def test_view_curves_and_shading_follow_the_controls(capsys):
    view = ActivationExplorer()
    before = view.image.value
    assert view.controls["negative_slope"].disabled and view.controls["alpha"].disabled
    view.controls["activation"].value = "tanh"
    z, f = view._f_line.get_data()
    np.testing.assert_allclose(f, np.tanh(z))
    np.testing.assert_allclose(view._d_line.get_data()[1], 1 - np.tanh(z) ** 2, atol=1e-12)
    half = (z[1] - z[0]) / 2
    expected = [(a - half, b + half) for a, b in view.state.vanishing_intervals()]
    assert len(expected) == 2
    np.testing.assert_allclose(visible_shades(view), expected)
    for rect_f, rect_d in view._shades:  # the same regions on both panels
        assert rect_f.get_visible() == rect_d.get_visible()
    assert view.image.value != before
    assert capsys.readouterr().out == ""


def test_threshold_control_moves_band_and_regions():
    view = ActivationExplorer("sigmoid")
    view.controls["threshold"].value = 0.2
    assert view._band[0].get_ydata()[0] == pytest.approx(0.2)
    (left, right) = view.state.vanishing_intervals()
    _, d = view._d_line.get_data()
    assert np.all(np.abs(d[view.state.z <= left[1]]) < 0.2)
    assert len(visible_shades(view)) == 2
    view.controls["activation"].value = "linear"
    assert visible_shades(view) == []
    assert "never nearly vanishes" in view.text.value


def test_parameter_controls_enable_and_apply():
    view = ActivationExplorer()
    view.controls["activation"].value = "leaky_relu"
    assert not view.controls["negative_slope"].disabled
    assert view.controls["alpha"].disabled and view.controls["approximate"].disabled
    view.controls["negative_slope"].value = 0.5
    z, f = view._f_line.get_data()
    np.testing.assert_allclose(f, np.where(z > 0, z, 0.5 * z))
    assert "negative_slope = 0.50" in view.text.value
    view.controls["activation"].value = "elu"
    assert view.controls["negative_slope"].disabled and not view.controls["alpha"].disabled


def test_softmax_view_explains_itself():
    view = ActivationExplorer()
    view.controls["activation"].value = "softmax"
    assert view.last_error is None
    assert "softmax([z, 0])[0]" in view.ax_f.get_title()
    assert "Jacobian" in view.text.value


def test_callback_error_is_shown_not_swallowed():
    view = ActivationExplorer("elu")
    view.controls["alpha"].value = float("nan")
    assert isinstance(view.last_error, ValueError)
    assert "`alpha` must be a finite number" in view.error.value
    assert view.error.layout.display != "none"
    view.controls["alpha"].value = 1.5
    assert view.last_error is None and view.state.alpha == 1.5
