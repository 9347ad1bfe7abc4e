"""NeuronExplorer: one artificial neuron, its weighted sum, its activation and whether it fires.

A neuron computes ``z = w . x + b`` (the weighted sum) and outputs ``a = activation(z)``. It
"fires" when its output reaches a threshold. The explorer lets a learner move the inputs, the
weights, the bias and the threshold, pick the activation, and see the sum written out with the
current numbers and the point ``(z, a)`` on the activation curve.

Two parts, as every dlcourse widget: :class:`NeuronExplorerState` (pure computation, no
ipywidgets, testable alone) and :class:`NeuronExplorer` (the ipywidgets view).

Introduced in notebook 03_neurons.
"""

from __future__ import annotations

from collections.abc import Sequence

import ipywidgets as W
import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from dlcourse import activations, neuron
from dlcourse.widgets._base import WidgetView, shows_errors
from dlcourse.widgets._render import FastRenderer, pin_labels
from dlcourse.widgets._text import check_finite, fixed, lines_to_html, term

MAX_INPUTS = 6

ACTIVATIONS = [name for name in activations.NAMES if name != "softmax"]
"""The activations a single neuron can use: every one in ``activations.NAMES`` but softmax, whose
input is a vector of scores (one per class), not a single weighted sum."""

Z_HALF_RANGE = 6.0
"""The curve is drawn on at least ``[-6, 6]``, wider when the current ``z`` lies outside."""

_WHERE = "NeuronExplorer"


class NeuronExplorerState:
    """The numbers behind the NeuronExplorer: inputs, weights, bias, activation and threshold.

    ``z = w . x + b``, ``output = activation(z)``, and the neuron fires when
    ``output >= threshold`` (as :meth:`dlcourse.neuron.Neuron.fires` decides). Imports no
    ipywidgets.

    Args:
        inputs: the input values ``x``, shape ``(num_inputs,)``, 1 to 6 of them.
        weights: one weight per input, shape ``(num_inputs,)``.
        bias: the bias ``b``.
        activation: a name from :data:`ACTIVATIONS` (every activation but softmax).
        threshold: the output level at which the neuron counts as firing.

    Example:
        >>> state = NeuronExplorerState(inputs=[1.0, 2.0], weights=[0.5, -0.3], bias=0.1)
        >>> state.equation()
        'z = 0.50*1.00 + (-0.30)*2.00 + 0.10 = 0.0000'

    Introduced in notebook 03_neurons.
    """

    def __init__(
        self,
        inputs: Sequence[float] = (1.0, 2.0, 0.5),
        weights: Sequence[float] = (0.4, -0.2, 0.6),
        bias: float = 0.1,
        activation: str = "sigmoid",
        threshold: float = 0.5,
    ):
        self.inputs = self._vector(inputs, "inputs")
        self.weights = self._vector(weights, "weights")
        if self.weights.shape != self.inputs.shape:
            raise ValueError(
                f"{_WHERE}: `weights` needs one weight per input: got {len(self.inputs)} inputs "
                f"and {len(self.weights)} weights. Pass lists of the same length."
            )
        self.bias = check_finite(bias, "bias", _WHERE)
        self.threshold = check_finite(threshold, "threshold", _WHERE)
        self.activation = self._activation_name(activation)

    # -- validation ---------------------------------------------------------------------------
    @staticmethod
    def _vector(values: Sequence[float], name: str) -> np.ndarray:
        array = np.asarray(values, dtype=float) if not isinstance(values, str) else None
        if array is None or array.ndim != 1 or not 1 <= array.size <= MAX_INPUTS:
            shape = "a string" if array is None else f"shape {array.shape}"
            raise ValueError(
                f"{_WHERE}: `{name}` must be a flat list of 1 to {MAX_INPUTS} numbers, got "
                f"{shape}. Example: {name}=[1.0, 2.0, 0.5]."
            )
        for i, value in enumerate(array):
            check_finite(value, f"{name}[{i}]", _WHERE)
        return array

    @staticmethod
    def _activation_name(name: str) -> str:
        if name == "softmax":
            raise ValueError(
                f"{_WHERE}: `activation` 'softmax' needs a vector of scores (one per class), but a "
                f"single neuron has one weighted sum z. Use 'sigmoid' for a yes/no neuron; softmax "
                f"appears in the output layer of a classifier (notebook 05_activations)."
            )
        if name not in ACTIVATIONS:
            raise ValueError(
                f"{_WHERE}: unknown `activation` {name!r}. Choose one of {ACTIVATIONS}."
            )
        return name

    # -- changes ------------------------------------------------------------------------------
    @property
    def num_inputs(self) -> int:
        return int(self.inputs.size)

    def set_input(self, index: int, value: float) -> None:
        """Set input ``x[index]`` (0-based) to ``value``."""
        self.inputs[index] = check_finite(value, f"x{index + 1}", _WHERE)

    def set_weight(self, index: int, value: float) -> None:
        """Set weight ``w[index]`` (0-based) to ``value``."""
        self.weights[index] = check_finite(value, f"w{index + 1}", _WHERE)

    def set_bias(self, value: float) -> None:
        self.bias = check_finite(value, "bias", _WHERE)

    def set_threshold(self, value: float) -> None:
        self.threshold = check_finite(value, "threshold", _WHERE)

    def set_activation(self, name: str) -> None:
        self.activation = self._activation_name(name)

    # -- what the neuron computes -------------------------------------------------------------
    def _neuron(self) -> neuron.Neuron:
        return neuron.Neuron(self.weights, self.bias, activation=self.activation)

    @property
    def z(self) -> float:
        """The weighted sum ``w . x + b``."""
        return float(neuron.weighted_sum(self.inputs, self.weights, self.bias))

    @property
    def output(self) -> float:
        """The neuron's output ``activation(z)``."""
        return float(np.asarray(self._neuron().output(self.inputs)))

    @property
    def fires(self) -> bool:
        """Whether the neuron fires: ``output >= threshold``."""
        return bool(self._neuron().fires(self.inputs, self.threshold))

    def curve(self, num: int = 301) -> tuple[np.ndarray, np.ndarray]:
        """The activation curve on a range of z wide enough to show the current point.

        Returns:
            ``(z_grid, a_grid)``, both of shape ``(num,)``.
        """
        half = max(Z_HALF_RANGE, 1.15 * abs(self.z))
        z_grid = np.linspace(-half, half, num)
        return z_grid, np.asarray(activations.get(self.activation)(z_grid), dtype=float)

    # -- text -----------------------------------------------------------------------------------
    def equation(self) -> str:
        """The weighted sum written out with the current numbers."""
        products = " + ".join(
            f"{term(w)}*{term(x)}" for w, x in zip(self.weights, self.inputs, strict=True)
        )
        return f"z = {products} + {term(self.bias)} = {fixed(self.z)}"

    def lines(self) -> list[str]:
        """Everything the view writes under its controls, as plain-text lines."""
        if self.fires:
            verdict = (
                f"output {fixed(self.output)} >= threshold {self.threshold:.2f}: the neuron fires"
            )
        else:
            verdict = (
                f"output {fixed(self.output)} < threshold {self.threshold:.2f}: "
                f"the neuron does not fire"
            )
        return [
            self.equation(),
            f"a = {self.activation}(z) = {self.activation}({fixed(self.z)}) = {fixed(self.output)}",
            verdict,
        ]

    def __repr__(self) -> str:
        return (
            f"NeuronExplorerState(inputs={self.inputs.tolist()}, weights={self.weights.tolist()}, "
            f"bias={self.bias}, activation={self.activation!r}, threshold={self.threshold})"
        )


class NeuronExplorer(WidgetView):
    """An interactive neuron: sliders for inputs, weights, bias and threshold, an activation.

    Shows ``z = w . x + b`` written out with the current numbers, the output, whether the
    neuron fires, and the activation curve with the current point ``(z, a)`` and the
    threshold line. ``.state`` is the :class:`NeuronExplorerState`; ``.controls`` maps
    ``"x1".."xn"``, ``"w1".."wn"``, ``"bias"``, ``"activation"`` and ``"threshold"`` to the
    widgets.

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
        inputs: Sequence[float] = (1.0, 2.0, 0.5),
        weights: Sequence[float] = (0.4, -0.2, 0.6),
        bias: float = 0.1,
        activation: str = "sigmoid",
        threshold: float = 0.5,
    ):
        self.state = NeuronExplorerState(inputs, weights, bias, activation, threshold)
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
        controls["threshold"] = W.FloatSlider(
            value=state.threshold, description="threshold", layout=size, **slider
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
        # "Fires" region: everything above the threshold, shaded (x in axes units).
        self._fire_zone = Rectangle(
            (0.0, state.threshold),
            1.0,
            1e6,
            transform=ax.get_yaxis_transform(),
            color="#009E73",
            alpha=0.12,
            lw=0,
            label="output >= threshold: fires",
        )
        ax.add_patch(self._fire_zone)
        (self._curve,) = ax.plot([], [], color="#0072B2", lw=2)
        self._threshold_line = ax.axhline(
            state.threshold, color="#D55E00", ls="--", lw=1.2, label="threshold"
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
                self._threshold_line,
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
                W.HBox([controls["bias"], controls["activation"], controls["threshold"]]),
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
        elif name == "threshold":
            self.state.set_threshold(value)
        else:
            self.state.set_activation(value)
        self._update()

    def redraw(self) -> None:
        self.image.value = self._renderer.png()

    def _update(self) -> None:
        state = self.state
        z_grid, a_grid = state.curve()
        z, a, t = state.z, state.output, state.threshold
        self._curve.set_data(z_grid, a_grid)
        self._point.set_data([z], [a])
        self._threshold_line.set_ydata([t, t])
        self._fire_zone.set_y(t)
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
