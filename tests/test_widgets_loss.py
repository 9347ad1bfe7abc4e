"""LossExplorer: every number equals dlcourse.losses; outliers and confident mistakes are shown."""

import math

import numpy as np
import pytest

from dlcourse import losses
from dlcourse.widgets.loss_explorer import (
    BATCH_Y_TRUE,
    LOSSES,
    OUTLIER,
    PREDICTION_RANGE,
    LossExplorer,
    LossExplorerState,
)

POINTS = [
    ("mean_squared_error", 1.0, 2.5),
    ("mean_absolute_error", -0.5, 1.0),
    ("huber", 0.0, 3.0),
    ("huber", 0.0, 0.4),
    ("binary_crossentropy", 1.0, 0.2),
    ("binary_crossentropy", 0.0, 0.9),
    ("hinge", 1.0, 0.3),
    ("hinge", 0.0, 2.0),
]


# -- the pure state ------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "y_true", "y_pred"), POINTS)
def test_value_and_gradient_equal_dlcourse_losses(name, y_true, y_pred):
    state = LossExplorerState(name, y_true=y_true, y_pred=y_pred, delta=1.5)
    loss = losses.get(name, delta=1.5) if name == "huber" else losses.get(name)
    assert state.value == loss([y_true], [y_pred])
    assert state.gradient == loss.gradient([y_true], [y_pred])[0]


@pytest.mark.parametrize("name", LOSSES)
def test_curves_are_the_loss_at_every_prediction(name):
    state = LossExplorerState(name, y_true=1.0, y_pred=0.5)
    grid, values, grads = state.curves()
    assert (grid[0], grid[-1]) == PREDICTION_RANGE[state.kind]
    loss = state.loss_fn()
    for i in (0, 37, 100, 163, 200):
        assert values[i] == pytest.approx(loss([1.0], [grid[i]]), rel=1e-12)
        assert grads[i] == pytest.approx(loss.gradient([1.0], [grid[i]])[0], rel=1e-12)


def test_switching_loss_moves_target_and_prediction_into_range():
    state = LossExplorerState("mean_squared_error", y_true=0.7, y_pred=2.5)
    state.set(loss="binary_crossentropy")
    assert (state.y_true, state.y_pred) == (1.0, 0.999)
    state.set(loss="hinge", y_pred=-2.0)
    assert (state.y_true, state.y_pred) == (1.0, -2.0)
    state.set(loss="mean_absolute_error", y_true=-2.5)
    assert (state.kind, state.y_true) == ("regression", -2.5)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"loss": "mse"}, ValueError, "unknown `loss` 'mse'"),
        ({"loss": "binary_crossentropy", "y_true": 0.5}, ValueError, "label 0 or 1"),
        ({"loss": "binary_crossentropy", "y_pred": 1.5}, ValueError, r"probability in \[0, 1\]"),
        ({"delta": -1.0}, ValueError, "`delta` must be positive"),
        ({"y_pred": float("nan")}, ValueError, "`y_pred` must be a finite number"),
    ],
)
def test_bad_settings_raise_teaching_errors(kwargs, error, match):
    with pytest.raises(error, match=match):
        LossExplorerState(**{"y_true": 1.0, "y_pred": 0.5, **kwargs})
    state = LossExplorerState()
    with pytest.raises(error, match=match):
        state.set(**{"y_true": 1.0, "y_pred": 0.5, **kwargs})
    assert (state.loss, state.y_true, state.y_pred) == ("mean_squared_error", 1.0, 2.5)


def test_outlier_makes_mse_explode_but_not_mae_or_huber():
    clean = LossExplorerState(delta=1.0, outlier=False).outlier_report()
    dirty = LossExplorerState(delta=1.0, outlier=True).outlier_report()
    y_true, y_pred = LossExplorerState(outlier=True).batch()
    assert y_true.size == BATCH_Y_TRUE.size + 1 and (y_true[-1], y_pred[-1]) == OUTLIER
    error = OUTLIER[1] - OUTLIER[0]  # -6.8
    n = y_true.size
    assert dirty["mean_squared_error"]["loss"] == pytest.approx(
        losses.get("mse")(y_true, y_pred), rel=1e-12
    )
    assert dirty["mean_squared_error"]["worst_pull"] == pytest.approx(2 * abs(error) / n)
    assert dirty["mean_absolute_error"]["worst_pull"] == pytest.approx(1 / n)
    assert dirty["huber"]["worst_pull"] == pytest.approx(1.0 / n)  # delta / n
    # The outlier multiplies MSE's largest pull many times over; MAE's and Huber's stay bounded.
    mse_growth = (
        dirty["mean_squared_error"]["worst_pull"] / clean["mean_squared_error"]["worst_pull"]
    )
    assert mse_growth > 15
    assert dirty["mean_absolute_error"]["worst_pull"] <= clean["mean_absolute_error"]["worst_pull"]
    assert dirty["huber"]["worst_pull"] <= 1.0 / n
    assert dirty["mean_squared_error"]["loss"] > 100 * clean["mean_squared_error"]["loss"]
    lines = LossExplorerState(outlier=True).outlier_lines()
    assert lines[1].startswith("MSE: batch loss 0.038 -> 7.738; the outlier pulls 2.267")


def test_crossentropy_confidence_penalty_text():
    state = LossExplorerState("binary_crossentropy", y_true=1.0, y_pred=0.01)
    assert state.value == pytest.approx(-math.log(0.01), rel=1e-6)
    text = " ".join(state.lines())
    assert "confidently wrong" in text
    assert f"= {-math.log(0.01):.4f}" in text
    assert f"costs {-math.log(0.01) / math.log(2):.1f}x that" in text
    state.set(y_pred=0.95)
    assert "confidently right" in " ".join(state.lines())
    state.set(y_true=0.0)
    assert "-log(1 - 0.950)" in state.lines()[0]


def test_formula_lines_match_the_values():
    state = LossExplorerState("huber", y_true=0.0, y_pred=3.0, delta=1.0)
    assert state.formula_lines() == [
        "|error| = 3.00 > delta = 1.00: loss = delta*|error| - 0.5*delta^2 = 2.5000",
        "dL/dy_pred = delta*sign(error) = 1.0000  (capped at delta)",
    ]
    state.set(loss="mean_squared_error", y_pred=1.0)
    assert state.formula_lines()[0] == "loss = (y_pred - y_true)^2 = (1.00 - 0.00)^2 = 1.0000"


# -- the view --------------------------------------------------------------------------------------


def test_prediction_slider_moves_the_points(capsys):
    view = LossExplorer()
    before = view.image.value
    view.controls["y_pred"].value = -1.0
    loss = losses.get("mse")
    assert view._loss_point.get_data()[1][0] == pytest.approx(loss([1.0], [-1.0]))
    assert view._grad_point.get_data()[1][0] == pytest.approx(loss.gradient([1.0], [-1.0])[0])
    grid, values = view._loss_line.get_data()
    np.testing.assert_allclose(values, (grid - 1.0) ** 2)
    assert "= 4.0000" in view.text.value
    assert view.image.value != before
    assert capsys.readouterr().out == ""


def test_loss_switch_syncs_the_controls():
    view = LossExplorer()
    view.controls["loss"].value = "binary_crossentropy"
    c = view.controls
    assert view.last_error is None
    assert c["y_true"].layout.display == "none" and c["label"].layout.display != "none"
    assert (c["y_pred"].min, c["y_pred"].max) == PREDICTION_RANGE["probability"]
    assert c["y_pred"].value == view.state.y_pred == 0.999
    assert c["delta"].disabled
    c["label"].value = 0
    assert view.state.y_true == 0.0
    c["y_pred"].value = 0.25
    assert view.state.value == pytest.approx(losses.get("binary_crossentropy")([0.0], [0.25]))
    c["loss"].value = "huber"
    assert c["y_true"].layout.display != "none" and c["label"].layout.display == "none"
    assert not c["delta"].disabled and view.state.kind == "regression"


def test_outlier_toggle_changes_the_bars():
    view = LossExplorer()
    heights_clean = [bar.get_height() for bar in view._bars]
    view.controls["outlier"].value = True
    heights = [bar.get_height() for bar in view._bars]
    report = view.state.outlier_report()
    assert heights == pytest.approx([row["worst_pull"] for row in report.values()])
    assert heights[0] > 15 * heights_clean[0]  # MSE
    assert heights[1] <= heights_clean[1]  # MAE
    assert "With the outlier" in view.text.value


def test_callback_error_is_shown_not_swallowed():
    view = LossExplorer()
    view.controls["y_pred"].value = float("nan")
    assert isinstance(view.last_error, ValueError)
    assert "`y_pred` must be a finite number" in view.error.value
    assert view.error.layout.display != "none"
    view.controls["y_pred"].value = 1.5
    assert view.last_error is None and view.state.y_pred == 1.5
