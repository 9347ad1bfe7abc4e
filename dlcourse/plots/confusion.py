"""A confusion matrix: how often each true class was predicted as each class.

Introduced in notebook 10_fnn_in_keras.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from matplotlib.axes import Axes

from dlcourse.plots._common import get_ax


def confusion_matrix(
    y_true: Any,
    y_pred: Any,
    ax: Axes | None = None,
    labels: Sequence[str] | None = None,
    colorbar: bool | None = None,
) -> Axes:
    """Draw the counts ``C[i, j]`` = number of samples of true class ``i`` predicted as class ``j``.

    The diagonal holds the correct predictions; everything off it is a mistake, and where the
    mistakes sit tells which classes the model confuses.

    Args:
        y_true: integer class labels, shape ``(num_samples,)``.
        y_pred: predicted integer class labels, the same shape. For probabilities from a softmax
            layer pass ``probabilities.argmax(axis=1)``; for a sigmoid output,
            ``(p[:, 0] > 0.5).astype(int)``.
        ax: the Axes to draw on; None makes a new figure.
        labels: names of the classes, in class order (default ``0, 1, ...``).
        colorbar: add a colour bar; by default only when this function makes the figure.

    Returns:
        The Axes. ``ax.images[0].get_array()`` is the matrix of counts.

    Example:
        >>> ax = confusion_matrix([0, 1, 1, 2], [0, 1, 2, 2])
        >>> ax.images[0].get_array().tolist()
        [[1, 0, 0], [0, 1, 1], [0, 0, 1]]

    Introduced in notebook 10_fnn_in_keras.
    """
    where = "confusion_matrix"
    t = _labels(y_true, "y_true", where)
    p = _labels(y_pred, "y_pred", where)
    if t.shape != p.shape:
        raise ValueError(
            f"{where}: `y_true` and `y_pred` must have the same shape (one label per sample), got "
            f"{t.shape} and {p.shape}."
        )
    num_classes = int(max(t.max(initial=0), p.max(initial=0))) + 1
    if labels is not None:
        if len(labels) < num_classes:
            raise ValueError(
                f"{where}: `labels` names {len(labels)} classes, but the labels go up to "
                f"{num_classes - 1}; pass one name per class."
            )
        num_classes = len(labels)
    counts = np.zeros((num_classes, num_classes), dtype=np.int64)
    np.add.at(counts, (t, p), 1)

    new_figure = ax is None
    ax = get_ax(ax, where)
    image = ax.imshow(counts, cmap="cividis", vmin=0, vmax=max(int(counts.max()), 1))
    half = counts.max() / 2
    fontsize = 12 if num_classes <= 4 else 8  # big numbers when there is room
    for i in range(num_classes):
        for j in range(num_classes):
            # Light text on the dark (low) end of the map, dark text on the light end.
            ax.text(
                j,
                i,
                str(counts[i, j]),
                ha="center",
                va="center",
                fontsize=fontsize,
                color="white" if counts[i, j] <= half else "black",
            )
    names = [str(k) for k in range(num_classes)] if labels is None else [str(n) for n in labels]
    ax.set_xticks(range(num_classes), names)
    ax.set_yticks(range(num_classes), names)
    ax.grid(False)
    ax.set_xlabel("predicted class")
    ax.set_ylabel("true class")
    accuracy = np.trace(counts) / max(counts.sum(), 1)
    ax.set_title(f"Confusion matrix (accuracy {accuracy:.2f})")
    if colorbar or (colorbar is None and new_figure):
        ax.figure.colorbar(image, ax=ax, label="samples")
    return ax


def _labels(values: Any, arg: str, where: str) -> np.ndarray:
    array = np.asarray(values)
    if array.ndim != 1:
        fix = (
            f"{arg}.argmax(axis=1)"
            if array.ndim == 2 and array.shape[1] > 1
            else f"{arg}.ravel() (or (p > 0.5).astype(int) for sigmoid probabilities)"
        )
        raise ValueError(
            f"{where}: `{arg}` must be 1-D class labels, got shape {array.shape}. Try {fix}."
        )
    if array.dtype.kind in "f" and np.all(array == np.round(array)):
        array = array.astype(np.int64)  # labels stored as floats, e.g. 0.0 and 1.0
    if array.dtype.kind not in "iub" or (array.size and array.min() < 0):
        raise ValueError(
            f"{where}: `{arg}` must hold class labels 0, 1, 2, ..., got values such as "
            f"{array[:3].tolist()}. Probabilities must become labels first: p.argmax(axis=1) "
            "for a softmax output, (p > 0.5).astype(int) for a sigmoid output."
        )
    return array.astype(np.int64)
