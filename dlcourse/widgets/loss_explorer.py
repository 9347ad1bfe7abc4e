"""LossExplorer: a loss and its gradient against the prediction, outliers, and confident mistakes.

This module is the ipywidgets view,
:class:`LossExplorer`. Its pure state, :class:`LossExplorerState`, is in
:mod:`dlcourse.widgets.state.loss_explorer` (and re-exported here).

Introduced in notebook 06_loss_functions.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as W
from matplotlib.figure import Figure

from dlcourse.widgets._base import WidgetView, shows_errors
from dlcourse.widgets._render import FastRenderer, pin_labels
from dlcourse.widgets._text import lines_to_html
from dlcourse.widgets.state.loss_explorer import (
    BATCH_Y_PRED,
    BATCH_Y_TRUE,
    KINDS,
    LOSSES,
    OUTLIER,
    PREDICTION_RANGE,
    SHORT,
    TARGET_RANGE,
    LossExplorerState,
)

# Re-exported, so imports of the state and its constants from this module keep working.
__all__ = [
    "LossExplorer",
    "LossExplorerState",
    "KINDS",
    "LOSSES",
    "PREDICTION_RANGE",
    "TARGET_RANGE",
    "SHORT",
    "BATCH_Y_TRUE",
    "BATCH_Y_PRED",
    "OUTLIER",
]


class LossExplorer(WidgetView):
    """Pick a loss and a target, slide the prediction; see the loss, its gradient and outliers.

    ``.controls``: ``"loss"`` (a dropdown of :data:`LOSSES`), ``"y_true"`` (a slider, for the
    regression losses), ``"label"`` (0 or 1, for binary cross-entropy and hinge; only one of the
    two target controls is shown), ``"y_pred"``, ``"delta"`` (Huber only) and ``"outlier"``.
    ``.state`` is the :class:`LossExplorerState`.

    Example:
        >>> view = LossExplorer()
        >>> view.controls["y_pred"].value = 3.0
        >>> view.state.value
        4.0

    Introduced in notebook 06_loss_functions.
    """

    def __init__(
        self,
        *args: Any,
        state: LossExplorerState | None = None,
        **kwargs: Any,
    ):
        # The state's arguments (and their defaults) are the state class's own: a view adds none.
        self.state = state = state if state is not None else LossExplorerState(*args, **kwargs)
        width = W.Layout(width="250px")
        low, high = state.prediction_range
        controls: dict[str, W.Widget] = {
            "loss": W.Dropdown(options=LOSSES, value=state.loss, description="loss", layout=width),
            "y_true": W.FloatSlider(
                value=state.y_true if state.kind == "regression" else 1.0,
                min=TARGET_RANGE[0],
                max=TARGET_RANGE[1],
                step=0.05,
                description="y_true",
                layout=width,
            ),
            "label": W.ToggleButtons(
                options=[0, 1],
                value=int(state.y_true) if state.kind != "regression" else 1,
                description="label",
                style={"button_width": "40px"},
            ),
            "y_pred": W.FloatSlider(
                value=state.y_pred,
                min=low,
                max=high,
                step=self._step(state.kind),
                description="y_pred",
                readout_format=".3f",
                layout=width,
            ),
            "delta": W.FloatSlider(
                value=state.delta, min=0.1, max=3.0, step=0.05, description="delta", layout=width
            ),
            "outlier": W.Checkbox(value=state.outlier, description="outlier in the batch"),
        }
        fig = Figure(figsize=(9.0, 2.9), dpi=85)
        fig.subplots_adjust(left=0.06, right=0.99, bottom=0.17, top=0.88, wspace=0.3)
        super().__init__(fig, controls)
        self.last_error: Exception | None = None  # set by every callback (see shows_errors)
        self.ax_loss, self.ax_grad, self.ax_out = fig.subplots(1, 3)
        for ax in (self.ax_loss, self.ax_grad):
            ax.grid(alpha=0.3)
        self.ax_grad.axhline(0.0, color="0.6", lw=0.8)
        (self._loss_line,) = self.ax_loss.plot([], [], color="#0072B2", lw=2)
        (self._grad_line,) = self.ax_grad.plot([], [], color="#D55E00", lw=2)
        (self._loss_point,) = self.ax_loss.plot([], [], "o", ms=8, color="#E69F00", mec="k")
        (self._grad_point,) = self.ax_grad.plot([], [], "o", ms=8, color="#E69F00", mec="k")
        self._targets = [
            ax.axvline(0.0, color="#009E73", ls="--", lw=1.2, label="y_true")
            for ax in (self.ax_loss, self.ax_grad)
        ]
        self.ax_loss.legend(loc="upper center", fontsize=8)
        # The outlier panel: the worst point's pull for each regression loss.
        names = list(SHORT)
        self._bars = list(
            self.ax_out.bar(
                range(len(names)), [0.0] * len(names), color=["#0072B2", "#009E73", "#CC79A7"]
            )
        )
        self.ax_out.set_xticks(range(len(names)), [SHORT[n] for n in names])
        self.ax_out.set_title("pull of the worst point, |dL/dy_pred|", fontsize=9, y=1.0)
        self.ax_out.set_xlim(-0.6, len(names) - 0.4)
        self._batch_text = self.ax_out.text(
            0.97, 0.95, "", transform=self.ax_out.transAxes, ha="right", va="top", fontsize=8
        )
        for ax in fig.axes:
            ax.locator_params(axis="y", nbins=5)  # fewer tick labels: text is slow to draw
            pin_labels(ax)
        self._renderer = FastRenderer(
            fig,
            [
                self._loss_line,
                self._grad_line,
                self._loss_point,
                self._grad_point,
                *self._targets,
                *self._bars,
                self._batch_text,
            ],
        )
        self._syncing = False
        for widget in controls.values():
            widget.observe(self._on_change, names="value")
        self._layout(
            [
                W.HBox([controls["loss"], controls["y_true"], controls["label"]]),
                W.HBox([controls["y_pred"], controls["delta"], controls["outlier"]]),
            ]
        )
        self._sync_controls()
        self._update()

    @staticmethod
    def _step(kind: str) -> float:
        return 0.001 if kind == "probability" else 0.05

    @shows_errors
    def _on_change(self, change: dict) -> None:
        if self._syncing:  # a control we are adjusting ourselves: the state already knows
            return
        key = next(k for k, w in self.controls.items() if w is change["owner"])
        if key == "label":
            self.state.set(y_true=float(change["new"]))
        else:
            self.state.set(**{key: change["new"]})
        if key == "loss":
            self._sync_controls()
        self._update()

    def _sync_controls(self) -> None:
        """Make the controls show what the state holds (after a loss switch)."""
        state, c = self.state, self.controls
        self._syncing = True
        try:
            classification = state.kind != "regression"
            c["y_true"].layout.display = "none" if classification else None
            c["label"].layout.display = None if classification else "none"
            if classification:
                c["label"].value = int(state.y_true)
            else:
                c["y_true"].value = state.y_true
            low, high = state.prediction_range
            slider = c["y_pred"]
            # Widen first, then narrow, so min <= max holds at every moment.
            slider.min, slider.max = min(low, slider.min), max(high, slider.max)
            slider.step = self._step(state.kind)
            slider.value = state.y_pred
            slider.min, slider.max = low, high
            c["delta"].disabled = state.loss != "huber"
        finally:
            self._syncing = False

    def redraw(self) -> None:
        self.image.value = self._renderer.png()

    def _update(self) -> None:
        state = self.state
        grid, values, grads = state.curves()
        p, t = state.y_pred, state.y_true
        self._loss_line.set_data(grid, values)
        self._grad_line.set_data(grid, grads)
        self._loss_point.set_data([p], [state.value])
        self._grad_point.set_data([p], [state.gradient])
        for line in self._targets:
            line.set_xdata([t, t])
            line.set_visible(state.kind == "regression")
        key = (state.loss, state.delta)
        if key != getattr(self, "_limits_key", None):  # fixed per loss: see axis_limits
            self._limits_key = key
            for ax, limits in zip((self.ax_loss, self.ax_grad), state.axis_limits(), strict=True):
                ax.set_xlim(grid[0], grid[-1])
                ax.set_ylim(*limits)
        pretty = state.loss.replace("_", " ")
        target = "" if state.kind == "regression" else f", label {t:.0f}"
        self.ax_loss.set_title(f"{pretty}{target}", fontsize=9, y=1.0)
        # The target line is drawn for regression only (a label sits at the edge of the axis).
        self.ax_loss.get_legend().set_visible(state.kind == "regression")
        self.ax_grad.set_title("its gradient dL/dy_pred", fontsize=9, y=1.0)
        self.ax_loss.set_xlabel("y_pred (probability)" if state.kind == "probability" else "y_pred")
        self.ax_grad.set_xlabel(self.ax_loss.get_xlabel())
        self._update_outlier_panel()
        self.text.value = lines_to_html(state.lines())
        self.redraw()

    def _update_outlier_panel(self) -> None:
        key = (self.state.outlier, self.state.delta)
        if key == getattr(self, "_panel_key", None):
            return  # unchanged (the prediction slider does not touch the batch)
        self._panel_key = key
        report = self.state.outlier_report()
        # Fixed height (the largest pull with the outlier), so switching it on shows the jump.
        clean, dirty = (
            LossExplorerState(delta=self.state.delta, outlier=flag).outlier_report()
            for flag in (False, True)
        )
        top = max(row["worst_pull"] for r in (clean, dirty) for row in r.values())
        for bar, row in zip(self._bars, report.values(), strict=True):
            bar.set_height(row["worst_pull"])
        self.ax_out.set_ylim(0.0, 1.2 * top)
        label = "batch of 6, with the outlier" if self.state.outlier else "batch of 5, no outlier"
        self._batch_text.set_text(label)
