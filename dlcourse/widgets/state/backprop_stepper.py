"""BackpropStepper: one training step of the 3-2-1 network, walked through one equation at a time.

The network of notebook 03 (3 inputs, 2 hidden sigmoid neurons, 1 sigmoid output) gets one sample
with concrete numbers. Next/Back/Reset walk through

1. the forward pass: each hidden neuron's weighted sum and activation, then the output's;
2. the loss (mean squared error or binary cross-entropy);
3. the backward pass: each gradient, with the chain-rule factors written out;
4. the update ``w <- w - learning_rate * dL/dw`` of every weight and bias;
5. a second forward pass with the new weights, to see the loss go down.

Each step lights up its neurons and edges on the network diagram, which shows the values found
so far inside the neurons, ``dL/da`` under them and ``dL/dw`` on the edges.

Notation: ``W1`` is the hidden layer's kernel, shape ``(3, 2)``, and ``W2`` the output's, shape
``(2, 1)`` (the Keras ``Dense`` layout, NumPy indices from 0): ``W1[i, j]`` connects input
``x{i+1}`` to hidden neuron ``h{j+1}``. ``z`` is a weighted sum, ``sigmoid(z)`` its activation.

The numbers (forward values, loss, gradients, update) all come from the course's worked example,
:class:`dlcourse.worked_example.ThreeTwoOne`; this module only lays them out as steps.

This module is the pure part, :class:`BackpropStepperState`: it imports neither ipywidgets nor
IPython, so it can be tested and used on its own. The ipywidgets view, :class:`BackpropStepper`, is
in :mod:`dlcourse.widgets.backprop_stepper`. The state exposes every step and every gradient, so
notebook 07 and the tests can use them.

Introduced in notebook 07_backpropagation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from dlcourse import worked_example
from dlcourse.widgets._text import check_finite, term
from dlcourse.worked_example import ThreeTwoOne

LAYER_SIZES = (3, 2, 1)

X = np.array(worked_example.X)
"""The sample's three inputs (the course's worked example, ``dlcourse.worked_example``)."""

Y = worked_example.Y
"""The target."""

WEIGHTS = [np.array(w) for w in worked_example.WEIGHTS]
"""The starting weights, in Keras ``get_weights()`` order ``[W1, b1, W2, b2]``."""

LOSSES = worked_example.LOSSES

PHASES = ("start", "forward", "loss", "backward", "update", "check")

_WHERE = "BackpropStepper"
_SHAPES = [(3, 2), (2,), (2, 1), (1,)]
_NAMES = list(worked_example.PARAM_NAMES)


@dataclass(frozen=True)
class Step:
    """One step of the walk-through, with a snapshot of what the diagram shows after it.

    Attributes:
        number: 0 (the start) to ``num_steps``.
        phase: one of :data:`PHASES`.
        title: a short description, e.g. ``"forward pass: hidden neuron h1, weighted sum"``.
        equations: the equations of this step, written out with the numbers.
        highlight: the diagram items to mark: neurons ``(l, i)`` and edges ``(l, i, j)``.
        values: per layer, the neuron values known so far (NaN where not computed yet).
        neuron_grads: per layer, ``dL/da`` known so far (NaN where not yet; None for the inputs).
        edge_grads: ``[dL/dW1, dL/dW2]`` known so far (NaN where not yet).
        weights: ``[W1, W2]`` as they are after this step (the update steps change them).
    """

    number: int
    phase: str
    title: str
    equations: tuple[str, ...]
    highlight: list = field(default_factory=list)
    values: list = field(default_factory=list)
    neuron_grads: list = field(default_factory=list)
    edge_grads: list = field(default_factory=list)
    weights: list = field(default_factory=list)


class BackpropStepperState:
    """One forward pass, loss, backward pass and update of the 3-2-1 network, as a list of steps.

    Args:
        x: the three inputs, shape ``(3,)``.
        y: the target (0 or 1 for binary cross-entropy).
        weights: ``[W1, b1, W2, b2]`` with shapes ``(3, 2)``, ``(2,)``, ``(2, 1)``, ``(1,)``.
        loss: ``"mean_squared_error"`` or ``"binary_crossentropy"``.
        learning_rate: the step size of the update, > 0.

    Attributes:
        steps: every :class:`Step`, ``steps[0]`` being the start.
        step: the index of the current step.
        forward: ``{"z1", "h", "z2", "y_hat"}`` arrays of the forward pass.
        loss_value: the loss before the update; ``new_loss``: after it.
        gradients: ``{"W1", "b1", "W2", "b2"}``, dL/d(each parameter), shaped like it.
        updated: the parameters after one step of gradient descent, same keys.

    Example:
        >>> state = BackpropStepperState()
        >>> round(state.loss_value, 4), round(state.new_loss, 4)
        (0.1724, 0.1393)
        >>> state.next().title
        'forward pass: hidden neuron h1, weighted sum'

    Introduced in notebook 07_backpropagation.
    """

    def __init__(
        self,
        x: Sequence[float] = tuple(X),
        y: float = Y,
        weights: Sequence[Any] | None = None,
        loss: str = "mean_squared_error",
        learning_rate: float = 0.5,
    ):
        self.x = self._check_array(x, "x", (3,))
        self.y = check_finite(y, "y", _WHERE)
        weights = WEIGHTS if weights is None else weights
        if len(weights) != 4:
            raise ValueError(
                f"{_WHERE}: `weights` must be the list [W1, b1, W2, b2] (Keras get_weights() "
                f"order) with shapes {_SHAPES}, got {len(weights)} arrays."
            )
        self.params = {
            name: self._check_array(w, name, shape)
            for name, w, shape in zip(_NAMES, weights, _SHAPES, strict=True)
        }
        self.loss = worked_example.check_loss(loss, self.y, where=_WHERE, argument="loss")
        self.learning_rate = self._check_learning_rate(learning_rate)
        self.step = 0
        self._compute()

    # -- validation ---------------------------------------------------------------------------
    @staticmethod
    def _check_array(value: Any, name: str, shape: tuple[int, ...]) -> np.ndarray:
        array = np.array(value, dtype=float)
        if array.shape != shape:
            raise ValueError(
                f"{_WHERE}: `{name}` must have shape {shape} for the 3-2-1 network, got shape "
                f"{array.shape}. Kernels are (num_inputs, units), like a Keras Dense kernel."
            )
        if not np.all(np.isfinite(array)):
            raise ValueError(f"{_WHERE}: `{name}` must hold finite numbers, got {array.tolist()}.")
        return array

    @staticmethod
    def _check_learning_rate(value: float) -> float:
        value = check_finite(value, "learning_rate", _WHERE)
        if value <= 0:
            raise ValueError(
                f"{_WHERE}: `learning_rate` must be positive (a step size such as 0.5), got "
                f"{value}. A zero or negative rate would not descend the loss."
            )
        return value

    # -- navigation ---------------------------------------------------------------------------
    @property
    def num_steps(self) -> int:
        """The number of steps after the start (the last step's number)."""
        return len(self.steps) - 1

    @property
    def current(self) -> Step:
        return self.steps[self.step]

    def next(self) -> Step:
        """Move one step forward (stays at the last step) and return the current step."""
        self.step = min(self.step + 1, self.num_steps)
        return self.current

    def back(self) -> Step:
        """Move one step back (stays at the start) and return the current step."""
        self.step = max(self.step - 1, 0)
        return self.current

    def reset(self) -> Step:
        """Go back to the start."""
        self.step = 0
        return self.current

    def set_learning_rate(self, value: float) -> None:
        """Change the learning rate; the steps are recomputed, the position is kept."""
        self.learning_rate = self._check_learning_rate(value)
        self._compute()

    def set_loss(self, name: str) -> None:
        """Change the loss; the steps are recomputed, the position is kept."""
        self.loss = worked_example.check_loss(name, self.y, where=_WHERE, argument="loss")
        self._compute()

    # -- the computation --------------------------------------------------------------------------
    def get_weights(self) -> list[np.ndarray]:
        """The starting parameters ``[W1, b1, W2, b2]`` (copies)."""
        return [self.params[name].copy() for name in _NAMES]

    def network(self, weights: Sequence[np.ndarray] | None = None) -> ThreeTwoOne:
        """The worked example with this sample, loss and parameters ``[W1, b1, W2, b2]``
        (the starting ones by default): what every number of the steps is computed by."""
        weights = self.get_weights() if weights is None else weights
        params = {name: np.asarray(w, dtype=float) for name, w in zip(_NAMES, weights, strict=True)}
        return ThreeTwoOne(x=self.x.copy(), y=self.y, loss_name=self.loss, **params)

    def predict(self, weights: Sequence[np.ndarray]) -> float:
        """The network's output y_hat for the sample, with parameters ``[W1, b1, W2, b2]``."""
        return float(self.network(weights).forward()["y_hat"][0])

    def loss_at(self, weights: Sequence[np.ndarray]) -> float:
        """The loss of the sample with parameters ``[W1, b1, W2, b2]`` (for gradient checks)."""
        return self.network(weights).loss()

    def _compute(self) -> None:
        """Run the forward pass, loss, backward pass and update; record every step."""
        x, y, lr = self.x, self.y, self.learning_rate
        W1, b1, W2, b2 = (self.params[name] for name in _NAMES)
        net = self.network()
        f, g = net.forward(), net.backward()
        z1, h, y_hat, z2 = f["z1"], f["h"], float(f["y_hat"][0]), float(f["z2"][0])
        loss_value, dL_dyhat, dL_dz2 = f["loss"], float(g["dL/dy_hat"][0]), float(g["dL/dz2"][0])
        dL_dh, dL_dz1 = g["dL/dh"], g["dL/dz1"]
        gW1, gb1, gW2, gb2 = (g[f"dL/d{name}"] for name in _NAMES)
        new_net = net.updated(lr)
        nan = np.nan
        # What the diagram knows, updated as the steps go; each Step keeps a copy.
        values = [x.copy(), np.full(2, nan), np.full(1, nan)]
        neuron_grads: list = [None, np.full(2, nan), np.full(1, nan)]
        edge_grads = [np.full((3, 2), nan), np.full((2, 1), nan)]
        kernels = [W1.copy(), W2.copy()]
        steps: list[Step] = []

        def record(phase: str, title: str, equations: list[str], highlight: list) -> None:
            steps.append(
                Step(
                    number=len(steps),
                    phase=phase,
                    title=title,
                    equations=tuple(equations),
                    highlight=list(highlight),
                    values=[v.copy() for v in values],
                    neuron_grads=[None if g is None else g.copy() for g in neuron_grads],
                    edge_grads=[g.copy() for g in edge_grads],
                    weights=[k.copy() for k in kernels],
                )
            )

        loss_name = (
            "mean squared error" if self.loss == "mean_squared_error" else "binary cross-entropy"
        )
        record(
            "start",
            "the network, one sample and its target",
            [
                f"inputs x = [{', '.join(f'{v:.2f}' for v in x)}], target y = {y:.2f}",
                f"loss: {loss_name}; learning rate = {lr:g}; every neuron uses sigmoid",
                "W1[i, j] connects input x(i+1) to hidden neuron h(j+1); W2[j, 0] connects h(j+1) "
                "to the output. Press Next.",
            ],
            [],
        )

        # ---- forward pass ----
        for j in range(2):
            symbols = " + ".join(f"W1[{i},{j}]*x{i + 1}" for i in range(3))
            numbers = " + ".join(f"{term(W1[i, j])}*{term(x[i])}" for i in range(3))
            record(
                "forward",
                f"forward pass: hidden neuron h{j + 1}, weighted sum",
                [
                    f"z_h{j + 1} = {symbols} + b1[{j}]",
                    f"     = {numbers} + {term(b1[j])} = {z1[j]:.4f}",
                ],
                [(0, i, j) for i in range(3)] + [(1, j)],
            )
            values[1][j] = h[j]
            record(
                "forward",
                f"forward pass: hidden neuron h{j + 1}, activation",
                [
                    f"h{j + 1} = sigmoid(z_h{j + 1}) = 1 / (1 + exp({-z1[j]:.4f})) = {h[j]:.4f}",
                ],
                [(1, j)],
            )
        record(
            "forward",
            "forward pass: output neuron, weighted sum",
            [
                "z_out = W2[0,0]*h1 + W2[1,0]*h2 + b2[0]",
                f"      = {term(W2[0, 0])}*{h[0]:.4f} + {term(W2[1, 0])}*{h[1]:.4f} "
                f"+ {term(b2[0])} = {z2:.4f}",
            ],
            [(1, 0, 0), (1, 1, 0), (2, 0)],
        )
        values[2][0] = y_hat
        record(
            "forward",
            "forward pass: output neuron, activation",
            [f"y_hat = sigmoid(z_out) = 1 / (1 + exp({-z2:.4f})) = {y_hat:.4f}"],
            [(2, 0)],
        )

        # ---- loss ----
        if self.loss == "mean_squared_error":
            loss_eq = [f"L = (y_hat - y)^2 = ({y_hat:.4f} - {term(y)})^2 = {loss_value:.4f}"]
            grad_eq = [f"dL/dy_hat = 2*(y_hat - y) = 2*({y_hat:.4f} - {term(y)}) = {dL_dyhat:.4f}"]
        else:
            loss_eq = [
                "L = -[y*log(y_hat) + (1 - y)*log(1 - y_hat)]",
                f"  = -[{y:.2f}*log({y_hat:.4f}) + {1 - y:.2f}*log({1 - y_hat:.4f})] "
                f"= {loss_value:.4f}",
            ]
            grad_eq = [
                "dL/dy_hat = -y/y_hat + (1 - y)/(1 - y_hat)",
                f"          = -{y:.2f}/{y_hat:.4f} + {1 - y:.2f}/{1 - y_hat:.4f} = {dL_dyhat:.4f}",
            ]
        record("loss", f"the loss ({loss_name})", loss_eq, [(2, 0)])

        # ---- backward pass ----
        neuron_grads[2][0] = dL_dyhat
        record("backward", "backward pass: the loss's gradient at the output", grad_eq, [(2, 0)])
        record(
            "backward",
            "backward pass: through the output's sigmoid",
            [
                "dL/dz_out = dL/dy_hat * dy_hat/dz_out = dL/dy_hat * y_hat*(1 - y_hat)",
                f"          = {dL_dyhat:.4f} * {y_hat:.4f}*{1 - y_hat:.4f} = {dL_dz2:.4f}",
            ],
            [(2, 0)],
        )
        edge_grads[1][:, 0] = gW2[:, 0]
        record(
            "backward",
            "backward pass: the output neuron's weights and bias",
            [
                f"dL/dW2[{j},0] = dL/dz_out * dz_out/dW2[{j},0] = dL/dz_out * h{j + 1} "
                f"= {dL_dz2:.4f} * {h[j]:.4f} = {gW2[j, 0]:.4f}"
                for j in range(2)
            ]
            + [f"dL/db2[0] = dL/dz_out * 1 = {gb2[0]:.4f}"],
            [(1, 0, 0), (1, 1, 0)],
        )
        for j in range(2):
            neuron_grads[1][j] = dL_dh[j]
            record(
                "backward",
                f"backward pass: back to hidden neuron h{j + 1}",
                [
                    f"dL/dh{j + 1} = dL/dz_out * dz_out/dh{j + 1} = dL/dz_out * W2[{j},0] "
                    f"= {dL_dz2:.4f} * {term(W2[j, 0])} = {dL_dh[j]:.4f}  (W2 before the update)",
                    f"dL/dz_h{j + 1} = dL/dh{j + 1} * h{j + 1}*(1 - h{j + 1}) "
                    f"= {dL_dh[j]:.4f} * {h[j]:.4f}*{1 - h[j]:.4f} = {dL_dz1[j]:.4f}",
                ],
                [(1, j, 0), (1, j)],
            )
            edge_grads[0][:, j] = gW1[:, j]
            record(
                "backward",
                f"backward pass: hidden neuron h{j + 1}'s weights and bias",
                [
                    f"dL/dW1[{i},{j}] = dL/dz_h{j + 1} * x{i + 1} = {dL_dz1[j]:.4f} * {term(x[i])} "
                    f"= {gW1[i, j]:.4f}"
                    for i in range(3)
                ]
                + [f"dL/db1[{j}] = dL/dz_h{j + 1} * 1 = {gb1[j]:.4f}"],
                [(0, i, j) for i in range(3)],
            )

        # ---- update ----
        self.gradients = net.gradients()
        self.updated = new_net.params()
        new = self.updated
        kernels[1] = new["W2"].copy()
        record(
            "update",
            "update: the output neuron (w <- w - learning_rate * dL/dw)",
            [
                f"W2[{j},0] <- {W2[j, 0]:.4f} - {lr:g} * {term(gW2[j, 0], 4)} "
                f"= {new['W2'][j, 0]:.4f}"
                for j in range(2)
            ]
            + [f"b2[0]   <- {b2[0]:.4f} - {lr:g} * {term(gb2[0], 4)} = {new['b2'][0]:.4f}"],
            [(1, 0, 0), (1, 1, 0), (2, 0)],
        )
        for j in range(2):
            kernels[0][:, j] = new["W1"][:, j]
            record(
                "update",
                f"update: hidden neuron h{j + 1}",
                [
                    f"W1[{i},{j}] <- {W1[i, j]:.4f} - {lr:g} * {term(gW1[i, j], 4)} "
                    f"= {new['W1'][i, j]:.4f}"
                    for i in range(3)
                ]
                + [f"b1[{j}]   <- {b1[j]:.4f} - {lr:g} * {term(gb1[j], 4)} = {new['b1'][j]:.4f}"],
                [(0, i, j) for i in range(3)] + [(1, j)],
            )

        # ---- check: a new forward pass ----
        new_f = new_net.forward()
        new_y_hat = float(new_f["y_hat"][0])
        self.new_loss = new_f["loss"]
        values[1] = new_f["h"].copy()
        values[2] = np.array([new_y_hat])
        neuron_grads[1][:] = nan
        neuron_grads[2][:] = nan
        edge_grads[0][:] = nan
        edge_grads[1][:] = nan
        change = "down" if self.new_loss < loss_value else "up (the learning rate is too large)"
        record(
            "check",
            "check: the forward pass again, with the new weights",
            [
                f"y_hat = {new_y_hat:.4f} (was {y_hat:.4f}), target y = {y:.2f}",
                f"L = {self.new_loss:.4f} (was {loss_value:.4f}): the loss went {change}",
            ],
            [1, 2],
        )
        self.forward = {name: f[name] for name in ("z1", "h", "z2", "y_hat")}
        self.loss_value = loss_value
        self.steps = steps
        self.step = min(self.step, self.num_steps)

    # -- text -----------------------------------------------------------------------------------
    def heading(self) -> str:
        """E.g. ``"Step 3 of 18: forward pass: hidden neuron h2, weighted sum"``."""
        return f"Step {self.step} of {self.num_steps}: {self.current.title}"

    def lines(self) -> list[str]:
        """The current step's equations."""
        return list(self.current.equations)

    def __repr__(self) -> str:
        return (
            f"BackpropStepperState(step={self.step} of {self.num_steps}, loss={self.loss!r}, "
            f"learning_rate={self.learning_rate})"
        )
