"""NeuronExplorer: one artificial neuron, its weighted sum, its activation and whether it fires.

A neuron computes ``z = w . x + b`` (the weighted sum) and outputs ``a = activation(z)``. It
"fires" when its output is above ``activation(0)``, its firing level, which for every activation
of the course is the same as ``z > 0`` (:meth:`dlcourse.neuron.Neuron.fires`). The explorer lets a
learner move the inputs, the weights and the bias, pick the activation, and see the sum written out
with the current numbers, the point ``(z, a)`` on the activation curve and the firing level.

This module is the pure part, :class:`NeuronExplorerState`: it imports neither ipywidgets nor
IPython, so it can be tested and used on its own. The ipywidgets view, :class:`NeuronExplorer`, is
in :mod:`dlcourse.widgets.neuron_explorer`.

Introduced in notebook 03_neurons.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from dlcourse import activations, neuron
from dlcourse.widgets._text import check_finite, fixed, term

MAX_INPUTS = 6

ACTIVATIONS = [name for name in activations.NAMES if name != "softmax"]
"""The activations a single neuron can use: every one in ``activations.NAMES`` but softmax, whose
input is a vector of scores (one per class), not a single weighted sum."""

Z_HALF_RANGE = 6.0
"""The curve is drawn on at least ``[-6, 6]``, wider when the current ``z`` lies outside."""

_WHERE = "NeuronExplorer"


class NeuronExplorerState:
    """The numbers behind the NeuronExplorer: inputs, weights, bias and activation.

    ``z = w . x + b``, ``output = activation(z)``, and the neuron fires when its output is above
    its firing level ``activation(0)``, that is when ``z > 0`` (as
    :meth:`dlcourse.neuron.Neuron.fires` decides). Imports no ipywidgets.

    Args:
        inputs: the input values ``x``, shape ``(num_inputs,)``, 1 to 6 of them.
        weights: one weight per input, shape ``(num_inputs,)``.
        bias: the bias ``b``.
        activation: a name from :data:`ACTIVATIONS` (every activation but softmax).

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
    ):
        self.inputs = self._vector(inputs, "inputs")
        self.weights = self._vector(weights, "weights")
        if self.weights.shape != self.inputs.shape:
            raise ValueError(
                f"{_WHERE}: `weights` needs one weight per input: got {len(self.inputs)} inputs "
                f"and {len(self.weights)} weights. Pass lists of the same length."
            )
        self.bias = check_finite(bias, "bias", _WHERE)
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
    def firing_level(self) -> float:
        """The output at ``z = 0``: the neuron fires when its output is above it."""
        return self._neuron().firing_level

    @property
    def fires(self) -> bool:
        """Whether the neuron fires: its output is above the firing level, i.e. ``z > 0``."""
        return bool(self._neuron().fires(self.inputs))

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
        level = f"{self.activation}(0) = {fixed(self.firing_level)}"
        if self.fires:
            verdict = f"z > 0, so output {fixed(self.output)} > {level}: the neuron fires"
        else:
            verdict = (
                f"z <= 0, so output {fixed(self.output)} is not above {level}: "
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
            f"bias={self.bias}, activation={self.activation!r})"
        )
