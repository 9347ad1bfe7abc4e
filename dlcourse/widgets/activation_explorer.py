"""ActivationExplorer: an activation function and its derivative, side by side.

This module is the ipywidgets view, :class:`ActivationExplorer`. Its pure state,
:class:`ActivationExplorerState`, is in :mod:`dlcourse.widgets.state.activation_explorer` (and
re-exported here).

Introduced in notebook 05_activation_functions.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as W
import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from dlcourse import activations
from dlcourse.widgets._base import WidgetView, shows_errors
from dlcourse.widgets._render import FastRenderer, pin_labels
from dlcourse.widgets._text import lines_to_html
from dlcourse.widgets.state.activation_explorer import (
    FORMULAS,
    PARAMETERS,
    SOFTMAX_NOTE,
    ActivationExplorerState,
)

# Re-exported, so imports of the state and its constants from this module keep working.
__all__ = [
    "ActivationExplorer",
    "ActivationExplorerState",
    "PARAMETERS",
    "FORMULAS",
    "SOFTMAX_NOTE",
]

_SHADE = dict(color="#CC79A7", alpha=0.18, lw=0)


class ActivationExplorer(WidgetView):
    """Pick an activation (and its parameters); see f(z) and f'(z) with the flat regions shaded.

    ``.controls``: ``"activation"`` (a dropdown of ``activations.NAMES``), ``"negative_slope"``
    (leaky ReLU), ``"alpha"`` (ELU), ``"approximate"`` (GELU), each enabled only when it applies,
    and ``"threshold"`` (the slope below which the gradient counts as vanishing). ``.state`` is the
    :class:`ActivationExplorerState`.

    Example:
        >>> view = ActivationExplorer()
        >>> view.controls["activation"].value = "relu"
        >>> view.controls["negative_slope"].disabled
        True

    Introduced in notebook 05_activation_functions.
    """

    def __init__(
        self,
        *args: Any,
        state: ActivationExplorerState | None = None,
        **kwargs: Any,
    ):
        # The state's arguments (and their defaults) are the state class's own: a view adds none.
        self.state = state = (
            state if state is not None else ActivationExplorerState(*args, **kwargs)
        )
        width = W.Layout(width="260px")
        controls: dict[str, W.Widget] = {
            "activation": W.Dropdown(
                options=activations.NAMES, value=state.name, description="activation", layout=width
            ),
            "negative_slope": W.FloatSlider(
                value=state.negative_slope,
                min=0.0,
                max=1.0,
                step=0.01,
                description="negative_slope",
                layout=width,
                style={"description_width": "initial"},
            ),
            "alpha": W.FloatSlider(
                value=state.alpha, min=0.1, max=3.0, step=0.05, description="alpha", layout=width
            ),
            "approximate": W.Checkbox(value=state.approximate, description="approximate (gelu)"),
            "threshold": W.FloatSlider(
                value=state.threshold,
                min=0.01,
                max=0.3,
                step=0.01,
                description="|f'| below",
                layout=width,
                style={"description_width": "initial"},
            ),
        }
        fig = Figure(figsize=(7.6, 2.9), dpi=90)
        fig.subplots_adjust(left=0.08, right=0.985, bottom=0.17, top=0.87, wspace=0.25)
        super().__init__(fig, controls)
        self.last_error: Exception | None = None  # set by every callback (see shows_errors)
        self.ax_f, self.ax_d = fig.subplots(1, 2)
        for ax in (self.ax_f, self.ax_d):
            ax.set_xlabel("z")
            pin_labels(ax)
            ax.grid(alpha=0.3)
            ax.locator_params(nbins=5)  # fewer tick labels: text is slow to draw
            ax.axhline(0.0, color="0.6", lw=0.8)
            ax.set_xlim(state.z[0], state.z[-1])
        (self._f_line,) = self.ax_f.plot([], [], color="#0072B2", lw=2)
        (self._d_line,) = self.ax_d.plot([], [], color="#D55E00", lw=2)
        self._band = [self.ax_d.axhline(0.0, color="0.3", ls="--", lw=0.9) for _ in range(2)]
        self._shades: list[tuple[Rectangle, Rectangle]] = []
        self.ax_f.legend(
            handles=[Patch(**_SHADE, label="gradient nearly vanishes")],
            loc="upper left",
            fontsize=8,
        )
        self._renderer = FastRenderer(fig, [self._f_line, self._d_line, *self._band])
        for widget in controls.values():
            widget.observe(self._on_change, names="value")
        self._layout(
            [
                W.HBox([controls["activation"], controls["threshold"]]),
                W.HBox([controls["negative_slope"], controls["alpha"], controls["approximate"]]),
            ]
        )
        self._update()

    @shows_errors
    def _on_change(self, change: dict) -> None:
        key = next(k for k, w in self.controls.items() if w is change["owner"])
        self.state.set(**{"name" if key == "activation" else key: change["new"]})
        self._update()

    def _shade(self, intervals: list[tuple[float, float]]) -> None:
        # A pool of rectangles, reused (and grown when needed) so the figure is not rebuilt.
        while len(self._shades) < len(intervals):
            pair = tuple(
                ax.add_patch(Rectangle((0, 0), 0, 1, transform=ax.get_xaxis_transform(), **_SHADE))
                for ax in (self.ax_f, self.ax_d)
            )
            self._shades.append(pair)
            for rect in pair:
                self._renderer.add(rect)
        step = self.state.z[1] - self.state.z[0]
        for i, pair in enumerate(self._shades):
            for rect in pair:
                if i < len(intervals):
                    start, end = intervals[i]
                    # Widen by half a grid step on each side, so a one-point region still shows.
                    rect.set_x(start - step / 2)
                    rect.set_width(end - start + step)
                    rect.set_visible(True)
                else:
                    rect.set_visible(False)

    def redraw(self) -> None:
        self.image.value = self._renderer.png()

    def _update(self) -> None:
        state = self.state
        z, f, d = state.curves()
        self._f_line.set_data(z, f)
        self._d_line.set_data(z, d)
        t = state.threshold
        for line, level in zip(self._band, (t, -t), strict=True):
            line.set_ydata([level, level])
        self._shade(state.vanishing_intervals())
        self.ax_f.set_ylim(*_limits(f, 0.0))
        # The band +-t is kept inside the limits, but -t only when f' goes negative: otherwise
        # moving the threshold would rescale the axes (and force a full, slower redraw).
        self.ax_d.set_ylim(*_limits(d, 0.0, t, *((-t,) if d.min() < 0 else ())))
        if state.name == "softmax":
            self.ax_f.set_title("softmax([z, 0])[0]  (= sigmoid(z))", fontsize=10, y=1.0)
            self.ax_d.set_title("d a0 / d z0  (a Jacobian entry)", fontsize=10, y=1.0)
        else:
            self.ax_f.set_title(f"f(z) = {state.name}(z)", fontsize=10, y=1.0)
            self.ax_d.set_title(f"f'(z), the slope of {state.name}", fontsize=10, y=1.0)
        for parameter, widget in self.controls.items():
            if parameter in PARAMETERS:
                widget.disabled = not state.applies(parameter)
        self.text.value = lines_to_html(state.lines())
        self.redraw()


def _limits(values: np.ndarray, *extra: float) -> tuple[float, float]:
    low = min(float(np.min(values)), *extra)
    high = max(float(np.max(values)), *extra)
    pad = 0.08 * max(high - low, 0.1)
    return low - pad, high + pad
