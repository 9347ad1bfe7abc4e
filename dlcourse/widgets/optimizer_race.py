"""OptimizerRace: SGD, momentum, RMSprop and Adam race from one start point on a 2-D loss surface.

This module is the ipywidgets view, :class:`OptimizerRace`. Its pure state,
:class:`OptimizerRaceState`, is in :mod:`dlcourse.widgets.state.optimizer_race` (and re-exported
here).

Introduced in notebook 08_optimizers.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as W
import numpy as np
from matplotlib.figure import Figure

from dlcourse import COLORS, surfaces
from dlcourse.widgets._base import WidgetView, shows_errors
from dlcourse.widgets._training import OPTIMIZER_LABELS
from dlcourse.widgets.state.optimizer_race import (
    DIVERGENCE_BOUND,
    GOOD_RATES,
    RATE_GRID,
    OptimizerRaceState,
    RaceResult,
    best_rate,
    steps_to_converge,
)

# Re-exported, so imports of the state and its constants from this module keep working.
__all__ = [
    "OptimizerRace",
    "OptimizerRaceState",
    "DIVERGENCE_BOUND",
    "steps_to_converge",
    "RaceResult",
    "GOOD_RATES",
    "RATE_GRID",
    "best_rate",
]

_LINE_COLORS = {"sgd": COLORS[3], "momentum": COLORS[0], "rmsprop": COLORS[2], "adam": COLORS[4]}


class OptimizerRace(WidgetView):
    """Four optimizers, one start, each at its own learning rate: watch their paths on a surface.

    Controls (``.controls``): ``surface``, ``steps`` and one ``learning_rate_<name>`` per optimizer
    (``learning_rate_sgd``, ``learning_rate_momentum``, ...), which start at each one's good rate
    on the surface (``GOOD_RATES``) and move there again when the surface changes. The left plot is the
    surface's contour map (drawn with ``dlcourse.plots.loss_surface``) with each optimizer's path;
    the right plot is each one's distance to the nearest minimum against the step, on a log scale,
    with the convergence tolerance dashed. ``.text`` says how many steps each took to converge.

    Example:
        >>> OptimizerRace(surface="rosenbrock")  # doctest: +SKIP

    Introduced in notebook 08_optimizers.
    """

    def __init__(
        self,
        *args: Any,
        state: OptimizerRaceState | None = None,
        **kwargs: Any,
    ):
        # The state's arguments (and their defaults) are the state class's own: a view adds none.
        self.state = state if state is not None else OptimizerRaceState(*args, **kwargs)
        controls = {
            "surface": W.Dropdown(
                options=[(s.title, s.name) for s in surfaces.SURFACES.values()],
                value=self.state.surface.name,
                description="surface",
                layout=W.Layout(width="340px"),
            ),
            **{
                f"learning_rate_{name}": W.FloatLogSlider(
                    value=self.state.learning_rates[name],
                    base=10,
                    min=-4,
                    max=0,
                    step=0.05,
                    readout_format=".2g",
                    description=f"η {OPTIMIZER_LABELS[name]}",
                    continuous_update=False,
                    style={"description_width": "initial"},
                )
                for name in self.state.optimizers
            },
            "steps": W.IntSlider(
                value=self.state.steps,
                min=10,
                max=5000,
                step=10,
                description="steps",
                continuous_update=False,
            ),
        }
        super().__init__(Figure(figsize=(10, 4.2)), controls)
        # Fixed rectangles rather than constrained layout: a redraw then costs no layout work.
        self.ax_map = self.fig.add_axes((0.07, 0.12, 0.40, 0.8))
        self.ax_dist = self.fig.add_axes((0.575, 0.12, 0.41, 0.8))
        self._syncing = False
        self._build_distance_axes()
        rate_sliders = [controls[f"learning_rate_{name}"] for name in self.state.optimizers]
        self._layout([W.HBox([controls["surface"], controls["steps"]]), W.HBox(rate_sliders)])
        controls["surface"].observe(self._on_surface, names="value")
        for slider in [*rate_sliders, controls["steps"]]:
            slider.observe(self._on_setting, names="value")
        self._draw_surface()
        self._update()

    # -- drawing ---------------------------------------------------------------------------------

    def _draw_surface(self) -> None:
        """Contours for the current surface (drawn once per surface), then fresh path artists."""
        from dlcourse import plots

        s = self.state.surface
        ax = self.ax_map
        ax.clear()
        plots.loss_surface(s.value, s.xlim, s.ylim, ax=ax, levels=30, log_scale=s.log_scale)
        minima = np.asarray(s.minima)
        ax.plot(minima[:, 0], minima[:, 1], "*", color="black", markersize=12, label="minimum")
        ax.plot(*s.start, "o", color="black", markersize=6, label="start")
        self.path_lines = {}
        self.end_points = {}
        for name in self.state.optimizers:
            color = _LINE_COLORS[name]
            (self.path_lines[name],) = ax.plot(
                [], [], "-", color=color, lw=1.6, label=OPTIMIZER_LABELS[name]
            )
            (self.end_points[name],) = ax.plot(
                [], [], "o", color=color, markersize=5, markeredgecolor="white"
            )
        # Fixed limits: a diverging path must not rescale the map.
        ax.set_xlim(s.xlim)
        ax.set_ylim(s.ylim)
        ax.set_autoscale_on(False)
        ax.set_title(s.title)
        ax.set_xlabel("x")
        ax.set_ylabel("y")
        ax.legend(loc="upper right", fontsize=8, framealpha=0.8)

    def _build_distance_axes(self) -> None:
        ax = self.ax_dist
        self.distance_lines = {
            name: ax.plot([], [], color=_LINE_COLORS[name], lw=1.4, label=OPTIMIZER_LABELS[name])[0]
            for name in self.state.optimizers
        }
        self.tolerance_line = ax.axhline(
            self.state.tolerance, color="gray", ls="--", lw=1, label="tolerance"
        )
        ax.set_yscale("log")
        ax.set_xlabel("step")
        ax.set_ylabel("distance to nearest minimum")
        ax.set_title("Progress")
        ax.legend(fontsize=8)

    def _update(self) -> None:
        """Rerun the race and move the existing artists; then re-render the picture."""
        results = self.state.run()
        low, high = self.state.tolerance, self.state.tolerance
        for name, res in results.items():
            self.path_lines[name].set_data(res.path[:, 0], res.path[:, 1])
            self.end_points[name].set_data(res.path[-1:, 0], res.path[-1:, 1])
            # Exact zeros cannot be drawn on a log axis; 1e-16 is "at the minimum" in float64.
            d = np.maximum(res.distances, 1e-16)
            self.distance_lines[name].set_data(np.arange(len(d)), d)
            low, high = min(low, d.min()), max(high, d.max())
        self.ax_dist.set_xlim(0, self.state.steps)
        self.ax_dist.set_ylim(max(low, 1e-16) / 2, high * 2)
        rows = "".join(
            f"<tr><td style='color:{_LINE_COLORS[n]};padding-right:1em'><b>{OPTIMIZER_LABELS[n]}"
            f"</b></td><td>η = {self.state.learning_rates[n]:.2g}</td><td>{r.summary}</td></tr>"
            for n, r in results.items()
        )
        self.text.value = (
            f"<b>{self.state.surface.title}</b>, each optimizer at its own learning rate, "
            f"{self.state.steps} steps, tolerance {self.state.tolerance:g}"
            f"<table>{rows}</table>"
        )
        self.redraw()

    # -- callbacks ---------------------------------------------------------------------------------

    @shows_errors
    def _on_surface(self, change) -> None:
        self.state.set_surface(change["new"])
        # Move the other sliders to the surface's suggested values without rerunning twice.
        self._syncing = True
        try:
            for name in self.state.optimizers:
                self.controls[f"learning_rate_{name}"].value = self.state.learning_rates[name]
            self.controls["steps"].value = self.state.steps
        finally:
            self._syncing = False
        self._draw_surface()
        self._update()

    @shows_errors
    def _on_setting(self, change) -> None:
        if self._syncing:
            return
        for name in self.state.optimizers:
            self.state.learning_rates[name] = float(self.controls[f"learning_rate_{name}"].value)
        self.state.steps = int(self.controls["steps"].value)
        self._update()
