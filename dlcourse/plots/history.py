"""Training curves: loss (and other metrics) per epoch, for training and validation data.

Introduced in notebook 09_mlp_from_scratch; used again in 10_fnn_in_keras.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from matplotlib.axes import Axes

from dlcourse import COLORS
from dlcourse.plots._common import get_ax


def training_history(
    history: Any, metrics: str | Sequence[str] = ("loss",), ax: Axes | None = None
) -> Axes:
    """Plot each metric per epoch: training solid, validation (``val_<metric>``) dashed.

    The first metric uses ``ax``'s left axis; further metrics (e.g. ``"accuracy"`` next to
    ``"loss"``) get a right-hand axis of their own, since their scales differ.

    Args:
        history: what ``fit`` returned, a Keras ``History`` or a dlcourse ``History`` (anything
            with a ``.history`` dict), or the dict itself, e.g. ``{"loss": [...], "val_loss":
            [...]}``.
        metrics: the key(s) to plot, e.g. ``"loss"`` or ``("loss", "accuracy")``.
        ax: the Axes to draw on; None makes a new figure.

    Returns:
        The Axes (the left one). Its lines are labelled ``"training loss"``, ``"validation loss"``,
        and so on, with epochs 1, 2, ... on the x-axis.

    Example:
        >>> ax = training_history({"loss": [0.9, 0.5, 0.4], "val_loss": [1.0, 0.7, 0.6]})
        >>> [line.get_label() for line in ax.get_lines()]
        ['training loss', 'validation loss']

    Introduced in notebook 09_mlp_from_scratch.
    """
    where = "training_history"
    records = _records(history, where)
    names = [metrics] if isinstance(metrics, str) else list(metrics)
    if not names:
        raise ValueError(f"{where}: `metrics` is empty; pass e.g. metrics=('loss', 'accuracy').")
    missing = [name for name in names if name not in records]
    if missing:
        raise ValueError(
            f"{where}: the history has no {', '.join(map(repr, missing))}; it has "
            f"{', '.join(map(repr, records)) or 'no keys'}. For accuracy, pass "
            "metrics=['accuracy'] to compile() or fit() before training."
        )

    ax = get_ax(ax, where)
    axes = [ax] + [ax.twinx() for _ in names[1:]]
    handles = []
    for k, (axis, name) in enumerate(zip(axes, names, strict=True)):
        color = COLORS[k % len(COLORS)]
        values = np.asarray(records[name], dtype=np.float64)
        epochs = np.arange(1, len(values) + 1)
        handles += axis.plot(epochs, values, color=color, lw=2, label=f"training {name}")
        if f"val_{name}" in records:
            val = np.asarray(records[f"val_{name}"], dtype=np.float64)
            handles += axis.plot(
                np.arange(1, len(val) + 1),
                val,
                color=color,
                lw=2,
                ls="--",
                label=f"validation {name}",
            )
        axis.set_ylabel(name)
        if k > 0:
            axis.spines["right"].set_visible(True)
            axis.grid(False)  # one grid (the left axis's) is enough
    ax.set_xlabel("epoch")
    ax.set_title("Training history: " + ", ".join(names))
    if len(names) == 1:
        ax.legend(handles=handles, loc="best")
    else:
        # Curves on two scales cross the whole plot; a legend inside would hide some of them.
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2)
    return ax


def _records(history: Any, where: str) -> Mapping[str, Sequence[float]]:
    records = getattr(history, "history", history)
    if not isinstance(records, Mapping):
        raise TypeError(
            f"{where}: `history` must be what fit() returned (a History with a .history dict) or "
            f"a dict of lists such as {{'loss': [...], 'val_loss': [...]}}, got "
            f"{type(history).__name__}."
        )
    return records
