"""A network diagram: neurons as circles, weights as edges whose width and colour show |w| and sign.

The diagram is drawn once; ``update`` changes the existing artists (edge widths and colours, the
numbers in and under the neurons, a highlight), so a widget can redraw it many times a second.

Introduced in notebook 03_neurons (the 3-2-1 network); the BackpropStepper (07_backpropagation)
walks through it.
"""

from __future__ import annotations

from collections.abc import Sequence
from numbers import Integral
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Circle

from dlcourse.plots._common import (
    BLACK,
    NEGATIVE,
    NEUTRAL,
    POSITIVE,
    PURPLE,
    SIGNED_CMAP,
    YELLOW,
    get_ax,
)

_RADIUS = 0.22  # neuron radius, in units of the vertical spacing between neurons
_MIN_WIDTH, _MAX_WIDTH = 0.6, 6.0  # edge line widths (points) for w = 0 and the largest |w|
_EDGE_COLOR = "0.25"  # outline of a neuron
_GRAD_COLOR = PURPLE  # gradient numbers


def network_diagram(
    layer_sizes: Sequence[int],
    weights: Sequence[Any] | None = None,
    values: Sequence[Any] | None = None,
    grads: Sequence[Any] | None = None,
    ax: Axes | None = None,
    labels: Sequence[Sequence[str] | None] | None = None,
) -> NetworkDiagram:
    """Draw a feedforward network and return the diagram, ready for in-place ``update``.

    Args:
        layer_sizes: neurons per layer, input layer first, e.g. ``[3, 2, 1]``.
        weights: the kernels ``[W1, W2, ...]``, ``W_l`` of shape ``(layer_sizes[l],
            layer_sizes[l+1])`` (the Keras layout), or a whole ``get_weights()`` list ``[W1, b1, W2,
            b2, ...]`` (the biases are not drawn). Edge width grows with ``|w|``; blue edges are
            positive, vermillion negative.
        values: one 1-D array per layer (or None for a layer), written inside the neurons, e.g. the
            inputs and each layer's activations; neurons are tinted blue/vermillion by sign.
        grads: either one 1-D array per layer, written under the neurons (dL/da), or gradients
            shaped like ``weights``, written on the edges (dL/dW).
        ax: the Axes to draw on; None makes a new figure.
        labels: one list of names per layer (or None), e.g. ``[["x1", "x2", "x3"], None,
            ["y_hat"]]``, written beside the neurons.

    Returns:
        A :class:`NetworkDiagram`; its ``.ax`` is the Axes.

    Example:
        >>> W1, W2 = np.array([[0.5, -1.0], [2.0, 0.1], [-0.3, 0.8]]), np.array([[1.0], [-2.0]])
        >>> diagram = network_diagram([3, 2, 1], weights=[W1, W2])
        >>> diagram.edges[1][1][0].get_linewidth() > diagram.edges[1][0][0].get_linewidth()
        True

    Introduced in notebook 03_neurons.
    """
    diagram = NetworkDiagram(layer_sizes, ax=ax, labels=labels)
    diagram.update(weights=weights, values=values, grads=grads)
    return diagram


class NetworkDiagram:
    """A network drawn on an Axes, whose artists ``update`` changes in place.

    Attributes:
        ax: the Axes.
        layer_sizes: neurons per layer.
        circles: ``circles[l][i]``, the Circle of neuron ``i`` of layer ``l``.
        edges: ``edges[l][i][j]``, the Line2D from neuron ``i`` of layer ``l`` to neuron ``j`` of
            layer ``l + 1``.
        value_texts, grad_texts: ``[l][i]``, the Text inside and under each neuron.
        edge_texts: ``[l][i][j]``, the Text on each edge (weight gradients).
        glow: one Line2D behind the edges that marks highlighted edges.

    Introduced in notebook 03_neurons.
    """

    def __init__(
        self,
        layer_sizes: Sequence[int],
        ax: Axes | None = None,
        labels: Sequence[Sequence[str] | None] | None = None,
    ) -> None:
        self.layer_sizes = _check_sizes(layer_sizes)
        self.ax = get_ax(ax, "network_diagram")
        self.legend = None
        sizes = self.layer_sizes
        tallest = max(sizes)
        # Neuron i of layer l sits at (l * spacing, centre - i): layers left to right, neurons one
        # unit apart, centred vertically. The spacing between layers fills the Axes' width.
        spacing = self._layer_spacing(tallest)
        self.positions = [
            np.column_stack([np.full(m, l * spacing), (m - 1) / 2 - np.arange(m)])
            for l, m in enumerate(sizes)
        ]
        ax = self.ax
        self.glow = Line2D([], [], color=YELLOW, lw=_MAX_WIDTH + 7, alpha=0.9, zorder=0.5)
        ax.add_line(self.glow)
        self.edges, self.edge_texts = [], []
        for l in range(len(sizes) - 1):
            pairs = [
                [self._add_edge(start, end) for end in self.positions[l + 1]]
                for start in self.positions[l]
            ]
            self.edges.append([[line for line, _ in row] for row in pairs])
            self.edge_texts.append([[text for _, text in row] for row in pairs])
        self.circles, self.value_texts, self.grad_texts = [], [], []
        for layer in self.positions:
            circles, value_texts, grad_texts = [], [], []
            for x, y in layer:
                circle = Circle(
                    (x, y), _RADIUS, facecolor="white", edgecolor=_EDGE_COLOR, lw=1.2, zorder=3
                )
                ax.add_patch(circle)
                circles.append(circle)
                value_texts.append(
                    ax.text(x, y, "", fontsize=7.5, ha="center", va="center", zorder=5)
                )
                grad_texts.append(
                    ax.text(
                        x,
                        y - _RADIUS - 0.06,
                        "",
                        fontsize=7,
                        color=_GRAD_COLOR,
                        ha="center",
                        va="top",
                        zorder=5,
                    )
                )
            self.circles.append(circles)
            self.value_texts.append(value_texts)
            self.grad_texts.append(grad_texts)

        bottom = -(tallest - 1) / 2 - _RADIUS
        for l, m in enumerate(sizes):
            if l == 0:
                name = "input layer"
            elif l == len(sizes) - 1:
                name = "output layer"
            else:
                name = f"hidden layer {l}" if len(sizes) > 3 else "hidden layer"
            ax.text(
                l * spacing,
                bottom - 0.45,
                f"{name}\n({m} neuron{'s' * (m != 1)})",
                fontsize=8,
                ha="center",
                va="top",
                color="0.2",
            )
        self._draw_labels(labels)
        num_params = sum(a * b + b for a, b in zip(sizes[:-1], sizes[1:], strict=True))
        ax.set_title(f"A {'-'.join(map(str, sizes))} network ({num_params} parameters)")
        # Round neurons need equal scales. Setting both limits as well would make matplotlib log a
        # warning (to stderr, which breaks notebook comparisons), so set the data extent instead
        # and let the aspect widen whichever direction has room.
        ax.update_datalim(
            [
                (-0.75, bottom - 1.0),
                ((len(sizes) - 1) * spacing + 0.75, (tallest - 1) / 2 + _RADIUS + 0.35),
            ]
        )
        ax.set_aspect("equal", adjustable="datalim")
        ax.margins(0)
        ax.autoscale_view()
        ax.set_axis_off()

    def _layer_spacing(self, tallest: int) -> float:
        """Horizontal distance between layers: wide enough to fill the Axes, between 1 and 3."""
        if len(self.layer_sizes) < 2:
            return 1.0
        box = self.ax.get_position()
        width, height = self.ax.figure.get_size_inches()
        ratio = (box.width * width) / max(box.height * height, 1e-9)
        height_units = tallest + 1.6  # neurons plus the title and layer names
        wanted = (ratio * height_units - 1.5) / (len(self.layer_sizes) - 1)
        return float(np.clip(wanted, 1.0, 3.0))

    def _add_edge(self, start: np.ndarray, end: np.ndarray):
        """Draw one edge (grey until weights arrive) and its hidden text; return both."""
        (x0, y0), (x1, y1) = start, end
        line = Line2D(
            [x0 + _RADIUS, x1 - _RADIUS],
            [y0, y1],
            color=NEUTRAL,
            lw=_MIN_WIDTH,
            zorder=1,
            solid_capstyle="round",
        )
        self.ax.add_line(line)
        # The text sits a third of the way along, where the edges leaving a neuron fan out.
        box = {"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.8}
        text = self.ax.text(
            x0 + (x1 - x0) / 3,
            y0 + (y1 - y0) / 3,
            "",
            fontsize=7,
            color=_GRAD_COLOR,
            ha="center",
            va="center",
            zorder=4,
            bbox=box,
            visible=False,
        )
        return line, text

    def _draw_labels(self, labels) -> None:
        if labels is None:
            return
        if isinstance(labels, str) or len(labels) != len(self.layer_sizes):
            raise ValueError(
                f"network_diagram: `labels` must hold one entry per layer ({len(self.layer_sizes)}"
                f"), each a list of neuron names or None, e.g. [['x1', 'x2', 'x3'], None, "
                f"['y_hat']]; got {labels!r}."
            )
        last = len(self.layer_sizes) - 1
        for l, names in enumerate(labels):
            if names is None:
                continue
            if isinstance(names, str) or len(names) != self.layer_sizes[l]:
                raise ValueError(
                    f"network_diagram: `labels[{l}]` must name each of the {self.layer_sizes[l]} "
                    f"neurons of layer {l}, got {names!r}."
                )
            for (x, y), name in zip(self.positions[l], names, strict=True):
                if l == 0:
                    self.ax.text(x - _RADIUS - 0.06, y, name, ha="right", va="center", fontsize=9)
                elif l == last:
                    self.ax.text(x + _RADIUS + 0.06, y, name, ha="left", va="center", fontsize=9)
                else:
                    self.ax.text(x, y + _RADIUS + 0.04, name, ha="center", va="bottom", fontsize=8)

    # -- updating -------------------------------------------------------------------------------

    def update(
        self,
        weights: Sequence[Any] | None = None,
        values: Sequence[Any] | None = None,
        grads: Sequence[Any] | None = None,
        highlight: Any = None,
    ) -> NetworkDiagram:
        """Change the drawing in place (no artists are added, except the weight legend once).

        Args:
            weights: new kernels (as in :func:`network_diagram`); None keeps the current edges.
            values: new neuron values, one 1-D array or None per layer; None keeps them.
            grads: new gradients, per neuron or per weight (as in :func:`network_diagram`); None
                keeps them.
            highlight: what to mark for this update only (None clears the mark): a layer index
                ``l``, a neuron ``(l, i)``, an edge ``(l, i, j)`` from neuron ``i`` of layer ``l``
                to neuron ``j`` of layer ``l + 1``, or a list of these.

        Returns:
            The diagram itself, so calls can be chained.
        """
        if weights is not None:
            self._set_weights(self._kernels(weights, "weights"))
        if values is not None:
            self._set_neuron_numbers(values, "values", self.value_texts, tint=True)
        if grads is not None:
            if self._is_per_neuron(grads):
                self._set_neuron_numbers(grads, "grads", self.grad_texts, tint=False)
            else:
                self._set_edge_numbers(self._kernels(grads, "grads"))
        self._set_highlight(highlight)
        return self

    def clear(self) -> NetworkDiagram:
        """Blank every number and remove the highlight (the weights stay)."""
        for texts in (*self.value_texts, *self.grad_texts):
            for text in texts:
                text.set_text("")
        for layer in self.edge_texts:
            for row in layer:
                for text in row:
                    text.set_text("")
                    text.set_visible(False)
        for layer in self.circles:
            for circle in layer:
                circle.set_facecolor("white")
        self._set_highlight(None)
        return self

    def _set_weights(self, kernels: list[np.ndarray]) -> None:
        largest = max(float(np.abs(W).max()) for W in kernels)
        for lines, W in zip(self.edges, kernels, strict=True):
            for i, row in enumerate(lines):
                for j, line in enumerate(row):
                    w = W[i, j]
                    scale = abs(w) / largest if largest > 0 else 0.0
                    line.set_linewidth(_MIN_WIDTH + (_MAX_WIDTH - _MIN_WIDTH) * scale)
                    line.set_color(POSITIVE if w > 0 else NEGATIVE if w < 0 else NEUTRAL)
        if self.legend is None:
            handles = [
                Line2D([], [], color=POSITIVE, lw=3, label="positive weight"),
                Line2D([], [], color=NEGATIVE, lw=3, label="negative weight"),
            ]
            self.legend = self.ax.legend(
                handles=handles, loc="upper left", fontsize=8, bbox_to_anchor=(0.0, 1.02)
            )

    def _set_neuron_numbers(self, numbers, arg: str, texts, tint: bool) -> None:
        arrays = self._per_layer(numbers, arg)
        given = [a for a in arrays if a is not None and a.size]
        largest = max((float(np.abs(a).max()) for a in given), default=0.0)
        for l, array in enumerate(arrays):
            for i, text in enumerate(texts[l]):
                value = None if array is None else array[i]
                text.set_text("" if value is None else _format(value, tint))
                if tint:
                    shade = 0.5 if value is None or largest == 0 else 0.5 + 0.3 * value / largest
                    self.circles[l][i].set_facecolor(SIGNED_CMAP(shade))

    def _set_edge_numbers(self, kernels: list[np.ndarray]) -> None:
        for texts, G in zip(self.edge_texts, kernels, strict=True):
            for i, row in enumerate(texts):
                for j, text in enumerate(row):
                    text.set_text(_format(G[i, j], False))
                    text.set_visible(True)

    def _set_highlight(self, highlight) -> None:
        for layer in self.circles:
            for circle in layer:
                circle.set_linewidth(1.2)
                circle.set_edgecolor(_EDGE_COLOR)
        xs, ys = [], []
        for spec in _highlight_specs(highlight):
            kind = self._check_spec(spec)
            if kind == "layer":
                for circle in self.circles[spec]:
                    circle.set_linewidth(3.0)
                    circle.set_edgecolor(BLACK)
            elif kind == "neuron":
                l, i = spec
                self.circles[l][i].set_linewidth(3.0)
                self.circles[l][i].set_edgecolor(BLACK)
            else:
                l, i, j = spec
                x, y = self.edges[l][i][j].get_data()
                xs += [*x, np.nan]
                ys += [*y, np.nan]
        self.glow.set_data(xs, ys)

    # -- checking -------------------------------------------------------------------------------

    def _check_spec(self, spec) -> str:
        sizes, last = self.layer_sizes, len(self.layer_sizes) - 1
        problem = None
        if isinstance(spec, Integral) and not isinstance(spec, bool):
            if 0 <= spec <= last:
                return "layer"
            problem = f"layer {spec} does not exist (layers 0..{last})"
        elif isinstance(spec, tuple) and len(spec) == 2:
            l, i = spec
            if 0 <= l <= last and 0 <= i < sizes[l]:
                return "neuron"
            problem = f"neuron {spec} does not exist"
        elif isinstance(spec, tuple) and len(spec) == 3:
            l, i, j = spec
            if 0 <= l < last and 0 <= i < sizes[l] and 0 <= j < sizes[l + 1]:
                return "edge"
            problem = f"edge {spec} does not exist"
        raise ValueError(
            f"NetworkDiagram.update: bad `highlight` {spec!r}"
            + (f": {problem}" if problem else "")
            + f". Layer sizes are {list(sizes)}. Pass a layer l, a neuron (l, i), an edge "
            "(l, i, j) from neuron i of layer l to neuron j of layer l + 1, or a list of these."
        )

    def _kernels(self, arrays: Sequence[Any], arg: str) -> list[np.ndarray]:
        """The kernels from ``[W1, W2, ...]`` or ``[W1, b1, W2, b2, ...]``, shapes checked."""
        sizes = self.layer_sizes
        expected = [(a, b) for a, b in zip(sizes[:-1], sizes[1:], strict=True)]
        arrays = [np.asarray(a, dtype=np.float64) for a in arrays]
        if len(arrays) == 2 * len(expected) and all(a.ndim == 1 for a in arrays[1::2]):
            arrays = arrays[0::2]  # a get_weights() list: keep the kernels, drop the biases
        shapes = [a.shape for a in arrays]
        if shapes != expected:
            raise ValueError(
                f"network_diagram: `{arg}` must hold one kernel per pair of layers with shapes "
                f"{expected} for layer sizes {list(sizes)} (or a get_weights() list with the "
                f"biases in between), got shapes {shapes}. A kernel is (num_inputs, units), like "
                "a Keras Dense kernel: transpose it if you have (units, num_inputs)."
            )
        return arrays

    def _is_per_neuron(self, arrays: Sequence[Any]) -> bool:
        return len(arrays) == len(self.layer_sizes) and all(
            a is None or np.ndim(a) == 1 for a in arrays
        )

    def _per_layer(self, arrays: Sequence[Any], arg: str) -> list[np.ndarray | None]:
        sizes = self.layer_sizes
        if isinstance(arrays, np.ndarray) or len(arrays) != len(sizes):
            raise ValueError(
                f"network_diagram: `{arg}` must be a list with one 1-D array (or None) per layer, "
                f"{len(sizes)} in all for layer sizes {list(sizes)}; got "
                f"{_describe(arrays)}. E.g. {arg}=[x, a1, a2] for one sample x."
            )
        result = []
        for l, a in enumerate(arrays):
            if a is None:
                result.append(None)
                continue
            a = np.asarray(a, dtype=np.float64)
            if a.shape != (sizes[l],):
                raise ValueError(
                    f"network_diagram: `{arg}[{l}]` must have shape ({sizes[l]},), one number per "
                    f"neuron of layer {l}, got shape {a.shape}. For a batch, pick one sample, "
                    f"e.g. {arg}[{l}][0]."
                )
            result.append(a)
        return result

    def __repr__(self) -> str:
        return f"NetworkDiagram(layer_sizes={list(self.layer_sizes)})"


def _check_sizes(layer_sizes: Any) -> tuple[int, ...]:
    ok = (
        isinstance(layer_sizes, Sequence)
        and not isinstance(layer_sizes, str)
        and len(layer_sizes) >= 2
        and all(isinstance(m, Integral) and not isinstance(m, bool) and m > 0 for m in layer_sizes)
    )
    if not ok:
        raise ValueError(
            "network_diagram: `layer_sizes` must list the number of neurons in each layer, input "
            f"layer first, at least two layers of at least one neuron, e.g. [3, 2, 1]; got "
            f"{layer_sizes!r}."
        )
    return tuple(int(m) for m in layer_sizes)


def _highlight_specs(highlight) -> list:
    if highlight is None:
        return []
    if isinstance(highlight, list):
        return highlight
    return [highlight]


def _format(number: float, tint: bool) -> str:
    """Two decimals for values; gradients are often small, so three significant digits."""
    if tint:
        return f"{number:.2f}"
    return f"{number:.3g}"


def _describe(arrays: Any) -> str:
    if isinstance(arrays, np.ndarray):
        return f"an array of shape {arrays.shape}"
    return f"a {type(arrays).__name__} of length {len(arrays)}"
