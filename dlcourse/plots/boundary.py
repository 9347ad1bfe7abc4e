"""Decision boundaries: what a model predicts at every point of the 2-D input plane.

Introduced in notebook 04_layers_and_network_size; the Playground (09_mlp_from_scratch) draws the
same picture live.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import ListedColormap
from matplotlib.lines import Line2D

from dlcourse import COLORS
from dlcourse.plots._common import NEGATIVE, POSITIVE, SIGNED_CMAP, get_ax


def decision_boundary(
    model: Any,
    X: Any,
    y: Any,
    ax: Axes | None = None,
    resolution: int = 150,
    transform: Callable[[np.ndarray], np.ndarray] | None = None,
) -> Axes:
    """Shade the plane by the model's prediction and draw the data on top.

    The model predicts on a ``resolution x resolution`` grid that covers ``X`` with a margin:

    - one output (a sigmoid probability, a logit or a regression value): the shading is that
      output, vermillion for low, white in the middle, blue for high (0..1 for probabilities,
      symmetric around 0 otherwise); for class labels the boundary (0.5, or 0 for outputs outside
      [0, 1]) is drawn as a black line;
    - K > 1 outputs (softmax): the shading is the predicted class ``argmax``, one colour per class.

    Args:
        model: anything with ``predict(X)`` (a dlcourse ``Sequential``, a Keras model, a
            scikit-learn estimator); Keras models are called with ``verbose=0``.
        X: the data's raw 2-D inputs, shape ``(num_samples, 2)``.
        y: labels ``(num_samples,)``: ints 0..K-1 for classes, floats for regression targets; None
            to draw no points.
        ax: the Axes to draw on; None makes a new figure.
        resolution: grid points along each axis.
        transform: maps raw grid points ``(m, 2)`` to the model's inputs ``(m, num_features)``, for
            models trained on engineered features such as ``x1**2`` or ``sin(x1)``.

    Returns:
        The Axes. ``ax.images[0]`` is the shading: its array is the prediction (or predicted
        class) on the grid, rows from bottom (``x2`` low) to top, columns from left to right.

    Example:
        >>> class Above:  # predicts class 1 where x2 > x1
        ...     def predict(self, X):
        ...         return (X[:, 1] > X[:, 0]).astype(float)[:, None]
        >>> ax = decision_boundary(Above(), [[0, 0], [1, 2]], [0, 1], resolution=4)
        >>> ax.images[0].get_array().shape
        (4, 4)

    Introduced in notebook 04_layers_and_network_size.
    """
    where = "decision_boundary"
    predict = getattr(model, "predict", None)
    if not callable(predict):
        raise TypeError(
            f"{where}: `model` must have a predict(X) method (a Sequential, a Keras model, ...), "
            f"got {type(model).__name__}. To plot a function f, wrap it in a small class with "
            "predict = f."
        )
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(
            f"{where}: `X` must be the raw 2-D inputs of shape (num_samples, 2), got shape "
            f"{X.shape}. A boundary can only be drawn in the plane; if the model uses engineered "
            "features, pass the raw points as X and the feature map as transform=."
        )
    labels = None if y is None else np.asarray(y)
    if labels is not None and labels.shape != (len(X),):
        raise ValueError(
            f"{where}: `y` must hold one label per row of X, shape ({len(X)},), got shape "
            f"{labels.shape}. For one-hot labels pass y.argmax(axis=1)."
        )
    if isinstance(resolution, bool) or not isinstance(resolution, int) or resolution < 2:
        raise ValueError(f"{where}: `resolution` must be an int >= 2, got {resolution!r}.")

    extent, grid = _grid(X, resolution)
    inputs = grid if transform is None else np.asarray(transform(grid), dtype=np.float64)
    prediction = _predict(predict, inputs)
    if prediction.ndim == 1:
        prediction = prediction[:, None]
    if prediction.ndim != 2 or len(prediction) != len(grid):
        raise ValueError(
            f"{where}: the model returned shape {prediction.shape} for {len(grid)} grid points; "
            f"expected ({len(grid)}, num_outputs). Check transform= maps (m, 2) points to the "
            "model's (m, num_features) inputs."
        )

    ax = get_ax(ax, where)
    classification = labels is not None and labels.dtype.kind in "iub"
    num_outputs = prediction.shape[1]
    if num_outputs == 1:
        values = prediction[:, 0].reshape(resolution, resolution)
        probability = values.min() >= 0.0 and values.max() <= 1.0
        if probability:
            vmin, vmax, level = 0.0, 1.0, 0.5
        else:
            vmax = max(float(np.abs(values).max()), 1e-12)
            vmin, level = -vmax, 0.0
        ax.imshow(
            values,
            origin="lower",
            extent=extent,
            aspect="auto",
            cmap=SIGNED_CMAP,
            vmin=vmin,
            vmax=vmax,
            interpolation="bilinear",
            alpha=0.5,
        )
        if classification and values.min() < level < values.max():
            xs = np.linspace(extent[0], extent[1], resolution)
            ys = np.linspace(extent[2], extent[3], resolution)
            ax.contour(xs, ys, values, levels=[level], colors="black", linewidths=1.2)
        class_colors = [NEGATIVE, POSITIVE]
        value_range = (vmin, vmax)
    else:
        value_range = None
        classes = prediction.argmax(axis=1).reshape(resolution, resolution)
        class_colors = [COLORS[k % len(COLORS)] for k in range(num_outputs)]
        ax.imshow(
            classes,
            origin="lower",
            extent=extent,
            aspect="auto",
            cmap=ListedColormap(class_colors),
            vmin=-0.5,
            vmax=num_outputs - 0.5,
            interpolation="nearest",
            alpha=0.3,
        )

    if labels is not None:
        _scatter(ax, X, labels, classification, class_colors, num_outputs, value_range)
    ax.set_xlim(extent[0], extent[1])
    ax.set_ylim(extent[2], extent[3])
    ax.grid(False)  # grid lines would cut through the shading
    ax.set_title("Decision boundary" if classification else "Model prediction")
    ax.set_xlabel("x1")
    ax.set_ylabel("x2")
    return ax


def _grid(X: np.ndarray, resolution: int) -> tuple[tuple[float, float, float, float], np.ndarray]:
    """A square grid over the data with a 5 % margin; returns (extent, points of shape (r*r, 2))."""
    low, high = X.min(axis=0), X.max(axis=0)
    margin = 0.05 * np.maximum(high - low, 1e-9)
    low, high = low - margin, high + margin
    xs = np.linspace(low[0], high[0], resolution)
    ys = np.linspace(low[1], high[1], resolution)
    xx, yy = np.meshgrid(xs, ys)  # rows: x2 from low to high, as imshow(origin="lower") draws
    extent = (float(low[0]), float(high[0]), float(low[1]), float(high[1]))
    return extent, np.column_stack([xx.ravel(), yy.ravel()])


def _predict(predict: Callable, inputs: np.ndarray) -> np.ndarray:
    # Keras prints a progress bar unless told verbose=0; that text would break nbval comparisons.
    try:
        takes_verbose = "verbose" in inspect.signature(predict).parameters
    except (TypeError, ValueError):  # some built-ins have no signature
        takes_verbose = False
    output = predict(inputs, verbose=0) if takes_verbose else predict(inputs)
    return np.asarray(output, dtype=np.float64)


def _scatter(ax, X, labels, classification, class_colors, num_outputs, value_range) -> None:
    if not classification:
        # Regression targets: coloured on the same scale as the shading, so they can be compared.
        vmin, vmax = value_range or (None, None)
        ax.scatter(
            X[:, 0],
            X[:, 1],
            c=labels,
            cmap=SIGNED_CMAP,
            vmin=vmin,
            vmax=vmax,
            s=18,
            edgecolors="black",
            linewidths=0.5,
            label="data",
        )
        return
    num_classes = max(int(labels.max()) + 1, num_outputs, 2)
    if num_classes > len(class_colors):
        class_colors = [COLORS[k % len(COLORS)] for k in range(num_classes)]
    handles = []
    for k in range(num_classes):
        members = labels == k
        if members.any():
            ax.scatter(
                X[members, 0],
                X[members, 1],
                color=class_colors[k],
                s=18,
                edgecolors="white",
                linewidths=0.6,
                label=f"class {k}",
            )
            handles.append(
                Line2D([], [], marker="o", ls="", color=class_colors[k], label=f"class {k}")
            )
    ax.legend(handles=handles, loc="upper right", fontsize=8, framealpha=0.8, frameon=True)
