"""Notebook 09_mlp_from_scratch: grow MLPs on a validation score, and show digits.

The networks come from the core builder, ``dlcourse.nn.mlp``.

- :func:`grow_search`: the syllabus's "start simple, then grow based on the score" as a small,
  seeded search: train each candidate (smallest first) and record its validation accuracy.
- :func:`search_table`: those results as a text table a notebook prints.
- :func:`smallest_good_enough`: pick the smallest candidate whose validation accuracy reaches a
  target (the reference for the notebook's exercise on choosing a model).
- :func:`show_digits`: a grid of 8 x 8 digit images with their labels (and predictions).

Introduced in notebook 09_mlp_from_scratch.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from dlcourse import nn, optimizers

__all__ = ["grow_search", "search_table", "smallest_good_enough", "show_digits"]


def grow_search(
    candidates: Sequence[Sequence[int]],
    train: tuple[np.ndarray, np.ndarray],
    val: tuple[np.ndarray, np.ndarray],
    epochs: int = 20,
    batch_size: int = 32,
    learning_rate: float = 0.01,
    optimizer: str = "adam",
    activation: str = "relu",
    seed: int = 0,
) -> list[dict[str, Any]]:
    """Train every candidate architecture the same way and score it on the validation data.

    "Start simple, then grow based on the score": list the candidates from small to large, train
    each one with the same seed, optimizer and number of epochs, and keep the validation accuracy.
    The test set is not touched: it is kept for the one final measurement.

    The loss follows from the labels: one output unit with binary cross-entropy for two classes,
    a softmax layer with sparse categorical cross-entropy for more.

    Args:
        candidates: hidden-layer widths to try, e.g. ``[(8,), (16,), (32,), (16, 16)]``.
        train: ``(X_train, y_train)`` with integer labels ``0 .. K-1``.
        val: ``(X_val, y_val)``, the data that scores the candidates.
        epochs, batch_size, learning_rate, optimizer, activation: the training recipe, the same
            for every candidate.
        seed: seeds the initial weights and the shuffling.

    Returns:
        One dict per candidate, in the order given, with keys ``"hidden"`` (tuple),
        ``"params"`` (int), ``"train_accuracy"`` and ``"val_accuracy"`` (floats in [0, 1]).

    Example:
        >>> from dlcourse import data
        >>> X, y = data.circle(n=200, noise=0.1)
        >>> train, val = data.train_test_split(X, y, seed=0)
        >>> rows = grow_search([(), (8,)], train, val, epochs=30)
        >>> [row["val_accuracy"] > 0.9 for row in rows]   # a line cannot separate a circle
        [False, True]

    Introduced in notebook 09_mlp_from_scratch.
    """
    if len(candidates) == 0:
        raise ValueError("grow_search: `candidates` is empty; pass e.g. [(8,), (16,), (32,)].")
    X_train, y_train = train
    X_val, y_val = val
    num_classes = int(max(np.max(y_train), np.max(y_val))) + 1
    task = "binary" if num_classes == 2 else "multiclass"
    num_outputs, output_activation, loss = nn.output_spec(task, num_classes)
    rows = []
    for hidden in candidates:
        net = nn.mlp(
            np.shape(X_train)[1], hidden, num_outputs, activation, output_activation, seed=seed
        )
        history = net.fit(
            X_train,
            y_train,
            loss=loss,
            optimizer=optimizers.get(optimizer, learning_rate=learning_rate),
            epochs=epochs,
            batch_size=batch_size,
            seed=seed,
            metrics=["accuracy"],
        )
        scores = net.evaluate(X_val, y_val)
        rows.append(
            {
                "hidden": tuple(int(units) for units in hidden),
                "params": net.count_params(),
                "train_accuracy": float(history.history["accuracy"][-1]),
                "val_accuracy": float(scores["accuracy"]),
            }
        )
    return rows


def search_table(rows: Sequence[dict[str, Any]], digits: int = 2) -> str:
    """The results of :func:`grow_search` as a text table, accuracies rounded to ``digits``.

    Example:
        >>> print(search_table([{"hidden": (8,), "params": 610, "train_accuracy": 0.953,
        ...                      "val_accuracy": 0.917}]))
        hidden layers    params   train acc   val acc
        (8,)                610        0.95      0.92

    Introduced in notebook 09_mlp_from_scratch.
    """
    lines = [f"{'hidden layers':<14} {'params':>8} {'train acc':>11} {'val acc':>9}"]
    for row in rows:
        lines.append(
            f"{str(tuple(row['hidden'])):<14} {row['params']:>8} "
            f"{row['train_accuracy']:>11.{digits}f} {row['val_accuracy']:>9.{digits}f}"
        )
    return "\n".join(lines)


def smallest_good_enough(rows: Sequence[dict[str, Any]], target: float) -> dict[str, Any]:
    """The candidate with the fewest parameters whose validation accuracy is at least ``target``.

    Among candidates of equal size the more accurate one wins. When no candidate reaches the
    target, the most accurate one is returned (the search should then grow further).

    Args:
        rows: dicts with at least ``"params"`` and ``"val_accuracy"`` (as from
            :func:`grow_search`), in any order.
        target: the validation accuracy that is good enough, e.g. 0.95.

    Returns:
        One of the dicts in ``rows``.

    Example:
        >>> rows = [{"hidden": (64,), "params": 4810, "val_accuracy": 0.97},
        ...         {"hidden": (16,), "params": 1210, "val_accuracy": 0.95},
        ...         {"hidden": (8,), "params": 610, "val_accuracy": 0.91}]
        >>> smallest_good_enough(rows, 0.95)["hidden"]
        (16,)

    Introduced in notebook 09_mlp_from_scratch.
    """
    if len(rows) == 0:
        raise ValueError("smallest_good_enough: `rows` is empty; run a search first.")
    good = [row for row in rows if row["val_accuracy"] >= target]
    if not good:
        return max(rows, key=lambda row: row["val_accuracy"])
    return min(good, key=lambda row: (row["params"], -row["val_accuracy"]))


def show_digits(
    X: np.ndarray,
    y_true: np.ndarray,
    y_pred: np.ndarray | None = None,
    num_columns: int = 8,
    title: str | None = None,
):
    """Draw digit images (rows of 64 pixels) in a grid, each titled with its label.

    With ``y_pred`` each title reads ``"true 3 / pred 8"``, and wrong predictions are drawn in
    vermillion.

    Args:
        X: images, shape ``(num_images, 64)``, values in [0, 1].
        y_true: their labels, shape ``(num_images,)``.
        y_pred: predicted labels, the same shape, or None.
        num_columns: images per row of the grid.
        title: the figure's title.

    Returns:
        The matplotlib ``Figure`` (made with ``pyplot``, so ``plt.show()`` displays it).

    Introduced in notebook 09_mlp_from_scratch.
    """
    import matplotlib.pyplot as plt

    from dlcourse import COLORS

    X = np.asarray(X, dtype=float)
    if X.ndim != 2 or X.shape[1] != 64:
        raise ValueError(
            f"show_digits: `X` must hold 8 x 8 images as rows of 64 pixels, shape (n, 64); got "
            f"shape {X.shape}."
        )
    num_rows = int(np.ceil(len(X) / num_columns))
    fig, axes = plt.subplots(
        num_rows, num_columns, figsize=(1.2 * num_columns, 1.4 * num_rows + 0.4), squeeze=False
    )
    for k, ax in enumerate(axes.flat):
        ax.set_axis_off()
        if k >= len(X):
            continue
        ax.imshow(X[k].reshape(8, 8), cmap="gray_r", vmin=0, vmax=1)
        if y_pred is None:
            ax.set_title(f"{int(y_true[k])}", fontsize=10)
        else:
            wrong = int(y_pred[k]) != int(y_true[k])
            ax.set_title(
                f"true {int(y_true[k])} / pred {int(y_pred[k])}",
                fontsize=8,
                color=COLORS[3] if wrong else "black",
            )
    # Fixed spacing instead of tight_layout(), which is slow for many small axes.
    top = 1.0 - (0.55 if title else 0.3) / fig.get_figheight()
    fig.subplots_adjust(left=0.01, right=0.99, bottom=0.01, top=top, wspace=0.1, hspace=0.35)
    if title:
        fig.suptitle(title)
    return fig
