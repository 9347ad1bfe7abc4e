"""NeuronExplorer: one artificial neuron, its weighted sum, its activation and whether it fires.

This module is the ipywidgets view, :class:`NeuronExplorer`. Its pure state,
:class:`NeuronExplorerState`, is in :mod:`dlcourse.widgets.state.neuron_explorer` (and re-exported
here).

Introduced in notebook 03_neurons.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as W
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from dlcourse.widgets._base import WidgetView, shows_errors
from dlcourse.widgets._render import FastRenderer, pin_labels
from dlcourse.widgets._text import lines_to_html
from dlcourse.widgets.state.neuron_explorer import (
    ACTIVATIONS,
    MAX_INPUTS,
    Z_HALF_RANGE,
    NeuronExplorerState,
)

# Re-exported, so imports of the state and its constants from this module keep working.
__all__ = ["NeuronExplorer", "NeuronExplorerState", "MAX_INPUTS", "ACTIVATIONS", "Z_HALF_RANGE"]


class NeuronExplorer(WidgetView):
    """An interactive neuron: sliders for inputs, weights and bias, a choice of activation.

    Shows ``z = w . x + b`` written out with the current numbers, the output, whether the
    neuron fires (output above the firing level ``activation(0)``, i.e. ``z > 0``), and the
    activation curve with the current point ``(z, a)`` and the firing level. ``.state`` is the
    :class:`NeuronExplorerState`; ``.controls`` maps ``"x1".."xn"``, ``"w1".."wn"``, ``"bias"``
    and ``"activation"`` to the widgets.

    Args: as :class:`NeuronExplorerState`.

    Example:
        >>> view = NeuronExplorer()
        >>> view.controls["w1"].value = 1.0
        >>> round(view.state.z, 4)
        1.0

    Introduced in notebook 03_neurons.
    """

    def __init__(
        self,
        *args: Any,
        state: NeuronExplorerState | None = None,
        **kwargs: Any,
    ):
        # The state's arguments (and their defaults) are the state class's own: a view adds none.
        self.state = state if state is not None else NeuronExplorerState(*args, **kwargs)
        state = self.state
        slider = dict(min=-3.0, max=3.0, step=0.05, readout_format=".2f", continuous_update=True)
        size = W.Layout(width="210px")
        controls: dict[str, W.Widget] = {}
        for i in range(state.num_inputs):
            controls[f"x{i + 1}"] = W.FloatSlider(
                value=state.inputs[i], description=f"x{i + 1}", layout=size, **slider
            )
        for i in range(state.num_inputs):
            controls[f"w{i + 1}"] = W.FloatSlider(
                value=state.weights[i], description=f"w{i + 1}", layout=size, **slider
            )
        controls["bias"] = W.FloatSlider(
            value=state.bias, description="bias b", layout=size, **slider
        )
        controls["activation"] = W.Dropdown(
            options=ACTIVATIONS,
            value=state.activation,
            description="activation",
            layout=W.Layout(width="210px"),
        )

        fig = Figure(figsize=(5.6, 3.0), dpi=90)
        fig.subplots_adjust(left=0.12, right=0.98, bottom=0.17, top=0.9)
        super().__init__(fig, controls)
        self.last_error: Exception | None = None  # set by every callback (see shows_errors)
        ax = self.ax = fig.add_subplot()
        ax.set_xlabel("weighted sum z")
        ax.set_ylabel("output a")
        pin_labels(ax, xlabel_points=22, ylabel_points=30)
        ax.grid(alpha=0.3)
        ax.locator_params(nbins=5)  # fewer tick labels: text is slow to draw
        # "Fires" region: z > 0, to the right of the origin, shaded (y in axes units).
        self._fire_zone = Rectangle(
            (0.0, 0.0),
            1e6,
            1.0,
            transform=ax.get_xaxis_transform(),
            color="#009E73",
            alpha=0.12,
            lw=0,
            label="z > 0: fires",
        )
        ax.add_patch(self._fire_zone)
        (self._curve,) = ax.plot([], [], color="#0072B2", lw=2)
        self._level_line = ax.axhline(
            state.firing_level, color="#D55E00", ls="--", lw=1.2, label="firing level f(0)"
        )
        (self._guide,) = ax.plot([], [], color="0.4", ls=":", lw=1)
        (self._point,) = ax.plot([], [], "o", ms=9, color="#E69F00", mec="k", zorder=5)
        # The numbers are in the text above the figure: text is the slowest thing to draw, so
        # the figure keeps to shapes that move.
        ax.legend(loc="upper left", fontsize=8)

        self._renderer = FastRenderer(
            fig,
            [
                self._fire_zone,
                self._curve,
                self._level_line,
                self._guide,
                self._point,
            ],
        )
        for widget in controls.values():
            widget.observe(self._on_change, names="value")
        n = state.num_inputs
        self._layout(
            [
                W.HBox([controls[f"x{i + 1}"] for i in range(n)]),
                W.HBox([controls[f"w{i + 1}"] for i in range(n)]),
                W.HBox([controls["bias"], controls["activation"]]),
            ]
        )
        self._update()

    @shows_errors
    def _on_change(self, change: dict) -> None:
        name = next(k for k, w in self.controls.items() if w is change["owner"])
        value = change["new"]
        if name.startswith("x"):
            self.state.set_input(int(name[1:]) - 1, value)
        elif name.startswith("w"):
            self.state.set_weight(int(name[1:]) - 1, value)
        elif name == "bias":
            self.state.set_bias(value)
        else:
            self.state.set_activation(value)
        self._update()

    def redraw(self) -> None:
        self.image.value = self._renderer.png()

    def _update(self) -> None:
        state = self.state
        z_grid, a_grid = state.curve()
        z, a, t = state.z, state.output, state.firing_level
        self._curve.set_data(z_grid, a_grid)
        self._point.set_data([z], [a])
        self._level_line.set_ydata([t, t])
        low = min(a_grid.min(), t, a)
        high = max(a_grid.max(), t, a)
        pad = 0.08 * max(high - low, 1e-3)
        self._guide.set_data([z, z, z_grid[0]], [low - pad, a, a])
        self.ax.set_xlim(z_grid[0], z_grid[-1])
        self.ax.set_ylim(low - pad, high + pad)
        self.ax.set_title(f"a = {state.activation}(z)", fontsize=10, y=1.0)
        self._point.set_color("#009E73" if state.fires else "#E69F00")
        self.text.value = lines_to_html(state.lines())
        self.redraw()
