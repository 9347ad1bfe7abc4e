"""ActivationExplorer: an activation function and its derivative, side by side.

Backpropagation multiplies by the activation's derivative at every layer, so where ``|f'(z)|`` is
tiny almost no gradient passes through: the explorer shades those regions ("the gradient nearly
vanishes"). Sigmoid and tanh saturate on both sides, ReLU is flat (dead) for ``z < 0``, leaky ReLU
and ELU keep a little slope there.

Softmax is different: it maps a *vector* of scores to probabilities, so it has no curve of its
own. The explorer shows it the way it behaves for two classes: each point is
``softmax([z, 0])[0]``, the probability of the first class when the other class scores 0, which
is exactly ``sigmoid(z)``; the right panel shows the Jacobian entry ``d a0 / d z0``, computed with
``act.backward``.

Two parts: :class:`ActivationExplorerState` (pure computation, no ipywidgets) and
:class:`ActivationExplorer` (the ipywidgets view).

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
from dlcourse.widgets._text import check_finite, lines_to_html

PARAMETERS: dict[str, str] = {
    "negative_slope": "leaky_relu",
    "alpha": "elu",
    "approximate": "gelu",
}
"""Each keyword argument the explorer offers, and the one activation it applies to (Keras 3)."""

FORMULAS: dict[str, tuple[str, str]] = {
    "linear": ("f(z) = z", "f'(z) = 1"),
    "sigmoid": ("f(z) = 1 / (1 + exp(-z))", "f'(z) = f(z) * (1 - f(z))  (at most 0.25)"),
    "tanh": ("f(z) = tanh(z)", "f'(z) = 1 - tanh(z)^2"),
    "relu": ("f(z) = max(0, z)", "f'(z) = 1 if z > 0 else 0"),
    "leaky_relu": (
        "f(z) = z if z > 0 else negative_slope * z",
        "f'(z) = 1 if z > 0 else negative_slope",
    ),
    "elu": (
        "f(z) = z if z > 0 else alpha * (exp(z) - 1)",
        "f'(z) = 1 if z > 0 else alpha * exp(z)",
    ),
    "selu": (
        "f(z) = scale * (z if z > 0 else alpha * (exp(z) - 1)), scale = 1.0507, alpha = 1.6733",
        "f'(z) = scale if z > 0 else scale * alpha * exp(z)",
    ),
    "silu": ("f(z) = z * sigmoid(z)", "f'(z) = s + z * s * (1 - s),  s = sigmoid(z)"),
    "gelu": ("f(z) = z * Phi(z)  (Phi: the standard normal CDF)", "f'(z) = Phi(z) + z * phi(z)"),
    "mish": ("f(z) = z * tanh(softplus(z))", "f'(z): product rule on z * tanh(softplus(z))"),
    "softplus": ("f(z) = log(1 + exp(z))", "f'(z) = sigmoid(z)"),
    "softmax": (
        "a = softmax([z, 0])[0] = exp(z) / (exp(z) + exp(0))",
        "d a0 / d z0 = a0 * (1 - a0)  (one entry of the Jacobian)",
    ),
}
"""The formula of each activation and of its derivative, as the text under the controls."""

SOFTMAX_NOTE = (
    "softmax turns a vector of scores into probabilities, so it has no curve of its own. Shown: "
    "two classes with scores [z, 0]; the curve is the first probability, softmax([z, 0])[0], "
    "which equals sigmoid(z). Its derivative is a Jacobian matrix; the right panel is its entry "
    "d a0 / d z0, from act.backward."
)

_WHERE = "ActivationExplorer"


class ActivationExplorerState:
    """The numbers behind the ActivationExplorer: an activation, its parameters, its curves.

    Args:
        name: a name from ``activations.NAMES``.
        negative_slope: leaky ReLU's slope for ``z < 0`` (Keras default 0.2).
        alpha: ELU's saturation value for ``z -> -inf`` is ``-alpha`` (Keras default 1.0).
        approximate: GELU's tanh approximation (Keras default False).
        threshold: ``|f'(z)|`` below this counts as "the gradient nearly vanishes".
        z_range: the interval of z the curves cover.
        num: the number of points on each curve.

    Example:
        >>> state = ActivationExplorerState("relu")
        >>> state.vanishing_intervals()
        [(-5.0, 0.0)]

    Introduced in notebook 05_activation_functions.
    """

    def __init__(
        self,
        name: str = "sigmoid",
        negative_slope: float = 0.2,
        alpha: float = 1.0,
        approximate: bool = False,
        threshold: float = 0.05,
        z_range: tuple[float, float] = (-5.0, 5.0),
        num: int = 401,
    ):
        self.name = self._check_name(name)
        self.negative_slope = check_finite(negative_slope, "negative_slope", _WHERE)
        self.alpha = check_finite(alpha, "alpha", _WHERE)
        self.approximate = bool(approximate)
        self.threshold = self._check_threshold(threshold)
        low, high = (check_finite(v, "z_range", _WHERE) for v in z_range)
        if not low < high:
            raise ValueError(
                f"{_WHERE}: `z_range` must be (low, high) with low < high, got {z_range}."
            )
        self.z = np.linspace(low, high, int(num))
        # Build the activation once now, so a bad parameter fails here, not at drawing time.
        self._build(self.name, self.negative_slope, self.alpha, self.approximate)

    @staticmethod
    def _check_name(name: str) -> str:
        if name not in activations.NAMES:
            raise ValueError(
                f"{_WHERE}: unknown activation {name!r}. Choose one of {activations.NAMES}."
            )
        return name

    @staticmethod
    def _check_threshold(value: float) -> float:
        value = check_finite(value, "threshold", _WHERE)
        if value <= 0:
            raise ValueError(
                f"{_WHERE}: `threshold` must be positive (a small slope such as 0.05), got {value}."
            )
        return value

    # -- changes ------------------------------------------------------------------------------
    def set(self, **changes: Any) -> None:
        """Change any of ``name``, ``negative_slope``, ``alpha``, ``approximate``, ``threshold``.

        Each new value is checked before anything changes, so a bad value leaves the state as it
        was.
        """
        checked = {}
        for key, value in changes.items():
            if key == "name":
                checked[key] = self._check_name(value)
            elif key in ("negative_slope", "alpha"):
                checked[key] = check_finite(value, key, _WHERE)
            elif key == "approximate":
                checked[key] = bool(value)
            elif key == "threshold":
                checked[key] = self._check_threshold(value)
            else:
                raise TypeError(
                    f"{_WHERE}.set: unknown setting {key!r}; settings: name, negative_slope, "
                    f"alpha, approximate, threshold."
                )
        # Build the activation with the new values first: it rejects bad parameters itself.
        trial = {k: getattr(self, k) for k in ("name", "negative_slope", "alpha", "approximate")}
        trial.update({k: v for k, v in checked.items() if k != "threshold"})
        self._build(**trial)
        for key, value in checked.items():
            setattr(self, key, value)

    def applies(self, parameter: str) -> bool:
        """Whether ``parameter`` (a key of :data:`PARAMETERS`) applies to the current activation."""
        return PARAMETERS[parameter] == self.name

    # -- what is drawn --------------------------------------------------------------------------
    @staticmethod
    def _build(name: str, negative_slope: float, alpha: float, approximate: bool):
        kwargs = {
            "leaky_relu": {"negative_slope": negative_slope},
            "elu": {"alpha": alpha},
            "gelu": {"approximate": approximate},
        }.get(name, {})
        return activations.get(name, **kwargs)

    @property
    def activation(self) -> activations.Activation:
        """The current activation object (from ``dlcourse.activations.get``)."""
        return self._build(self.name, self.negative_slope, self.alpha, self.approximate)

    def curves(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Return ``(z, f(z), f'(z))``, each of shape ``(num,)``.

        For softmax, ``f(z) = softmax([z, 0])[0]`` and ``f'(z) = d a0 / d z0`` (from ``backward``).
        """
        act = self.activation
        if self.name == "softmax":
            scores = np.stack([self.z, np.zeros_like(self.z)], axis=1)  # (num, 2): rows are points
            probabilities = act(scores)
            # backward with dL/da = [1, 0] gives dL/dz = d a0 / dz; its first column is d a0 / d z0.
            grad_output = np.tile([1.0, 0.0], (self.z.size, 1))
            return self.z, probabilities[:, 0], act.backward(scores, grad_output)[:, 0]
        return self.z, np.asarray(act(self.z)), np.asarray(act.derivative(self.z))

    def vanishing_mask(self) -> np.ndarray:
        """A boolean array, True where ``|f'(z)| < threshold`` (the gradient nearly vanishes)."""
        return np.abs(self.curves()[2]) < self.threshold

    def vanishing_intervals(self) -> list[tuple[float, float]]:
        """The z-intervals where ``|f'(z)| < threshold``, as ``(start, end)`` pairs.

        Each interval spans from its first to its last grid point inside the region.
        """
        mask = self.vanishing_mask()
        # Starts and ends of the runs of True in the mask.
        padded = np.concatenate([[False], mask, [False]])
        edges = np.flatnonzero(np.diff(padded.astype(int)))
        starts, stops = edges[::2], edges[1::2] - 1
        return [(float(self.z[a]), float(self.z[b])) for a, b in zip(starts, stops, strict=True)]

    # -- text -----------------------------------------------------------------------------------
    def lines(self) -> list[str]:
        """The text the view shows: formulas, the vanishing regions, the softmax note."""
        formula, derivative = FORMULAS.get(self.name, (f"f = {self.name}", "f' = its derivative"))
        if self.name == "leaky_relu":
            formula += f"  (negative_slope = {self.negative_slope:.2f})"
        elif self.name == "elu":
            formula += f"  (alpha = {self.alpha:.2f})"
        elif self.name == "gelu" and self.approximate:
            formula = "f(z) = 0.5 * z * (1 + tanh(sqrt(2/pi) * (z + 0.044715 z^3)))  (approximate)"
        intervals = self.vanishing_intervals()
        if intervals:
            regions = ", ".join(_interval_text(a, b, self.z[0], self.z[-1]) for a, b in intervals)
            vanish = f"|f'(z)| < {self.threshold:.2f} (the gradient nearly vanishes) for {regions}"
        else:
            vanish = (
                f"|f'(z)| >= {self.threshold:.2f} everywhere on [{self.z[0]:.0f}, {self.z[-1]:.0f}]"
                ": the gradient never nearly vanishes here"
            )
        lines = [formula, derivative, vanish]
        if self.name == "softmax":
            lines.append(SOFTMAX_NOTE)
        return lines

    def __repr__(self) -> str:
        return f"ActivationExplorerState(name={self.name!r}, activation={self.activation!r})"


def _interval_text(start: float, end: float, low: float, high: float) -> str:
    if start <= low and end >= high:
        return "every z shown"
    if start <= low:
        return f"z <= {end:.2f}"
    if end >= high:
        return f"z >= {start:.2f}"
    return f"{start:.2f} <= z <= {end:.2f}"


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
        name: str = "sigmoid",
        negative_slope: float = 0.2,
        alpha: float = 1.0,
        approximate: bool = False,
        threshold: float = 0.05,
    ):
        self.state = state = ActivationExplorerState(
            name, negative_slope, alpha, approximate, threshold
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
