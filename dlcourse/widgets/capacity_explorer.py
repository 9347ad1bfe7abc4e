"""CapacityExplorer: how many neurons? Train vs test loss as a network grows, on a few noisy points.

This module is the ipywidgets view, :class:`CapacityExplorer`. Its pure state,
:class:`CapacityExplorerState`, is in :mod:`dlcourse.widgets.state.capacity_explorer` (and
re-exported here).

Introduced in notebook 04_layers_and_network_size.
"""

from __future__ import annotations

import ipywidgets as W
import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, NullLocator

from dlcourse import COLORS
from dlcourse.plots.probability import class_colors
from dlcourse.widgets._base import WidgetView, shows_errors
from dlcourse.widgets.state.capacity_explorer import (
    DEPTHS,
    WIDTHS,
    CapacityExplorerState,
    CapacityResult,
)

# Re-exported, so imports of the state and its constants from this module keep working.
__all__ = ["CapacityExplorer", "CapacityExplorerState", "WIDTHS", "DEPTHS", "CapacityResult"]


class CapacityExplorer(WidgetView):
    """Width and depth controls; the fitted boundary and train/test loss against the width.

    Controls (``.controls``): ``width`` (1 to 64 units per hidden layer) and ``depth`` (1 to 3
    hidden layers). Changing the depth trains the whole width curve for it (each network takes a
    fraction of a second; results are cached), so moving the width is instant.

    Example:
        >>> CapacityExplorer(width=8, depth=1)  # doctest: +SKIP

    Introduced in notebook 04_layers_and_network_size.
    """

    def __init__(
        self,
        width: int = 4,
        depth: int = 1,
        state: CapacityExplorerState | None = None,
        **state_kwargs,
    ):
        self.state = state if state is not None else CapacityExplorerState(**state_kwargs)
        controls = {
            "width": W.SelectionSlider(
                options=WIDTHS, value=width, description="width", continuous_update=False
            ),
            "depth": W.SelectionSlider(
                options=DEPTHS, value=depth, description="depth", continuous_update=False
            ),
        }
        super().__init__(Figure(figsize=(9, 3.9)), controls)
        self._build_figure()
        self._layout([W.HBox([controls["width"], controls["depth"]])])
        controls["width"].observe(self._on_change, names="value")
        controls["depth"].observe(self._on_change, names="value")
        self._update()

    def _build_figure(self) -> None:
        s = self.state
        # Fixed rectangles rather than constrained layout: a redraw then costs no layout work.
        self.ax_map = self.fig.add_axes((0.07, 0.13, 0.41, 0.79))
        self.ax_curve = self.fig.add_axes((0.58, 0.13, 0.40, 0.79))
        ax = self.ax_map
        g = s.grid_shape
        self.heatmap = ax.imshow(
            np.ones((*g, 3)),
            origin="lower",
            extent=s.extent,
            interpolation="bilinear",
            aspect="auto",
            zorder=0,
        )
        colors = class_colors(2)
        for k in range(2):
            X = s.X_test[s.y_test == k]
            ax.plot(
                X[:, 0],
                X[:, 1],
                ".",
                color=colors[k],
                markersize=3,
                alpha=0.45,
                label="test points" if k == 0 else None,
            )
        for k in range(2):
            X = s.X_train[s.y_train == k]
            ax.plot(
                X[:, 0],
                X[:, 1],
                "o",
                markerfacecolor=colors[k],
                markeredgecolor="black",
                markersize=6,
                label="training points" if k == 0 else None,
            )
        ax.set_xlim(s.extent[:2])
        ax.set_ylim(s.extent[2:])
        ax.grid(False)
        ax.set_xlabel("x1")
        ax.set_ylabel("x2")
        ax.legend(loc="lower left", fontsize=8, framealpha=0.8)
        self.map_title = ax.set_title("")
        ax = self.ax_curve
        (self.train_line,) = ax.plot([], [], "o-", color=COLORS[0], label="train loss")
        (self.test_line,) = ax.plot([], [], "s--", color=COLORS[3], label="test loss")
        (self.current_marker,) = ax.plot(
            [],
            [],
            "o",
            markersize=14,
            markerfacecolor="none",
            markeredgecolor="black",
            markeredgewidth=1.5,
            label="current network",
        )
        ax.set_xscale("log", base=2)
        ax.xaxis.set_major_locator(FixedLocator(WIDTHS))
        ax.xaxis.set_minor_locator(NullLocator())
        ax.set_xticklabels([str(w) for w in WIDTHS])
        ax.set_xlim(0.8, 80)
        ax.set_xlabel("hidden units per layer (width)")
        ax.set_ylabel("loss (binary cross-entropy)")
        ax.legend(fontsize=8, loc="upper left")
        self.curve_title = ax.set_title("")

    def _update(self) -> None:
        width, depth = self.controls["width"].value, self.controls["depth"].value
        s = self.state
        s.sweep(depth)
        current = s.train(width, depth)
        self.heatmap.set_data(s.boundary_image(width, depth))
        curve = s.curve(depth)
        widths = [r.width for r in curve]
        self.train_line.set_data(widths, [r.train_loss for r in curve])
        self.test_line.set_data(widths, [r.test_loss for r in curve])
        self.current_marker.set_data([width, width], [current.train_loss, current.test_loss])
        top = max(r.test_loss for r in curve)
        self.ax_curve.set_ylim(0, 1.1 * max(top, max(r.train_loss for r in curve)))
        layers = "layer" if depth == 1 else "layers"
        self.map_title.set_text(
            f"{depth} hidden {layers} of {width}: {current.num_params} parameters"
        )
        self.curve_title.set_text(f"Train vs test loss, {depth} hidden {layers}")
        best = min(curve, key=lambda r: r.test_loss)
        self.text.value = (
            f"<b>width {width}, depth {depth}</b> ({current.num_params} parameters, trained on "
            f"{len(s.X_train)} points): train loss {current.train_loss:.3f}, test loss "
            f"{current.test_loss:.3f}, test accuracy {current.test_accuracy:.2f}. "
            f"<span style='color:gray'>Lowest test loss at this depth: width {best.width}.</span>"
        )
        self.redraw()

    @shows_errors
    def _on_change(self, _change) -> None:
        self._update()
