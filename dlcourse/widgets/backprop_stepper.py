"""BackpropStepper: one training step of the 3-2-1 network, walked through one equation at a time.

This module is the ipywidgets view, :class:`BackpropStepper`. Its pure state,
:class:`BackpropStepperState`, is in :mod:`dlcourse.widgets.state.backprop_stepper` (and re-exported
here).

Introduced in notebook 07_backpropagation.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as W
import numpy as np
from matplotlib.figure import Figure

from dlcourse.plots import network_diagram
from dlcourse.widgets._base import WidgetView, shows_errors
from dlcourse.widgets._render import FastRenderer
from dlcourse.widgets._text import lines_to_html
from dlcourse.widgets.state.backprop_stepper import (
    LAYER_SIZES,
    LOSSES,
    PHASES,
    WEIGHTS,
    BackpropStepperState,
    Step,
    X,
    Y,
)

# Re-exported, so imports of the state and its constants from this module keep working.
__all__ = [
    "BackpropStepper",
    "BackpropStepperState",
    "LAYER_SIZES",
    "X",
    "Y",
    "WEIGHTS",
    "LOSSES",
    "PHASES",
    "Step",
]

_PHASE_COLORS = {
    "start": "0.3",
    "forward": "#0072B2",
    "loss": "#D55E00",
    "backward": "#CC79A7",
    "update": "#009E73",
    "check": "#0072B2",
}


class BackpropStepper(WidgetView):
    """Walk through one training step of the 3-2-1 network with Next, Back and Reset.

    ``.controls``: ``"next"``, ``"back"``, ``"reset"`` (buttons with descriptions "Next", "Back",
    "Reset"), ``"learning_rate"`` and ``"loss"``. ``.state`` is the
    :class:`BackpropStepperState`; ``.text`` shows ``"Step k of N: ..."`` and the step's
    equations; the figure is the network diagram with the step's neurons and edges marked.

    Args: as :class:`BackpropStepperState`.

    Example:
        >>> view = BackpropStepper()
        >>> view.controls["next"].click()
        >>> view.state.step
        1

    Introduced in notebook 07_backpropagation.
    """

    def __init__(
        self,
        *args: Any,
        state: BackpropStepperState | None = None,
        **kwargs: Any,
    ):
        # The state's arguments (and their defaults) are the state class's own: a view adds none.
        self.state = state = state if state is not None else BackpropStepperState(*args, **kwargs)
        button = W.Layout(width="90px")
        controls: dict[str, W.Widget] = {
            "back": W.Button(description="Back", icon="arrow-left", layout=button),
            "next": W.Button(
                description="Next", icon="arrow-right", button_style="primary", layout=button
            ),
            "reset": W.Button(description="Reset", icon="undo", layout=button),
            "learning_rate": W.BoundedFloatText(
                value=state.learning_rate,
                min=0.0,
                max=100.0,
                step=0.1,
                description="learning rate",
                style={"description_width": "initial"},
                layout=W.Layout(width="170px"),
            ),
            "loss": W.Dropdown(
                options=list(LOSSES),
                value=state.loss,
                description="loss",
                layout=W.Layout(width="260px"),
            ),
        }
        fig = Figure(figsize=(6.0, 3.6), dpi=90)
        fig.subplots_adjust(left=0.01, right=0.99, bottom=0.08, top=0.92)
        super().__init__(fig, controls)
        self.last_error: Exception | None = None  # set by every callback (see shows_errors)
        ax = fig.add_subplot()
        self.diagram = network_diagram(
            list(LAYER_SIZES),
            weights=[state.params["W1"], state.params["W2"]],
            ax=ax,
            labels=[["x1", "x2", "x3"], ["h1", "h2"], ["y_hat"]],
        )
        self._phase = fig.text(0.99, 0.02, "", ha="right", va="bottom", fontsize=9)
        d = self.diagram
        dynamic = [d.glow, self._phase]
        for layer in (*d.edges, *d.edge_texts):
            dynamic += [artist for row in layer for artist in row]
        for group in (d.circles, d.value_texts, d.grad_texts):
            dynamic += [artist for layer in group for artist in layer]
        self._renderer = FastRenderer(fig, dynamic)
        controls["next"].on_click(self._on_next)
        controls["back"].on_click(self._on_back)
        controls["reset"].on_click(self._on_reset)
        controls["learning_rate"].observe(self._on_learning_rate, names="value")
        controls["loss"].observe(self._on_loss, names="value")
        self._layout(
            [
                W.HBox([controls["back"], controls["next"], controls["reset"]]),
                W.HBox([controls["learning_rate"], controls["loss"]]),
            ]
        )
        self._update()

    @shows_errors
    def _on_next(self, _button: W.Button | None = None) -> None:
        self.state.next()
        self._update()

    @shows_errors
    def _on_back(self, _button: W.Button | None = None) -> None:
        self.state.back()
        self._update()

    @shows_errors
    def _on_reset(self, _button: W.Button | None = None) -> None:
        self.state.reset()
        self._update()

    @shows_errors
    def _on_learning_rate(self, change: dict) -> None:
        self.state.set_learning_rate(change["new"])
        self._update()

    @shows_errors
    def _on_loss(self, change: dict) -> None:
        self.state.set_loss(change["new"])
        self._update()

    def redraw(self) -> None:
        self.image.value = self._renderer.png()

    def _update(self) -> None:
        state, step, d = self.state, self.state.current, self.diagram
        d.clear()
        d.update(weights=step.weights, values=_blank_nan(step.values), highlight=step.highlight)
        known_neuron = [g is not None and not np.all(np.isnan(g)) for g in step.neuron_grads]
        if any(known_neuron):
            d.update(grads=_blank_nan(step.neuron_grads), highlight=step.highlight)
        if any(not np.all(np.isnan(g)) for g in step.edge_grads):
            d.update(grads=[np.nan_to_num(g) for g in step.edge_grads], highlight=step.highlight)
        # Numbers not computed yet stay blank (the diagram writes whole layers at a time).
        for l, layer in enumerate(step.values):
            for i, value in enumerate(layer):
                if np.isnan(value):
                    d.value_texts[l][i].set_text("")
        for l, layer in enumerate(step.neuron_grads):
            for i, value in enumerate([] if layer is None else layer):
                text = d.grad_texts[l][i]
                text.set_text("" if np.isnan(value) else f"dL/da = {value:.3g}")
        for l, G in enumerate(step.edge_grads):
            for (i, j), value in np.ndenumerate(G):
                d.edge_texts[l][i][j].set_visible(not np.isnan(value))
        self._phase.set_text(f"step {step.number} of {state.num_steps}: {step.phase}")
        self._phase.set_color(_PHASE_COLORS[step.phase])
        self.controls["back"].disabled = state.step == 0
        self.controls["next"].disabled = state.step == state.num_steps
        self.text.value = lines_to_html(state.lines(), title=state.heading())
        self.redraw()


def _blank_nan(arrays: list) -> list:
    """Per-layer arrays with NaN replaced by 0 (the caller blanks those texts afterwards)."""
    return [None if a is None else np.nan_to_num(a) for a in arrays]
