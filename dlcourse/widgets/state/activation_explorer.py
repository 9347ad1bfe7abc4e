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

This module is the pure part, :class:`ActivationExplorerState`: it imports neither ipywidgets nor
IPython, so it can be tested and used on its own. The ipywidgets view, :class:`ActivationExplorer`,
is in :mod:`dlcourse.widgets.activation_explorer`.

Introduced in notebook 05_activation_functions.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from dlcourse import activations
from dlcourse.widgets._text import check_finite

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
