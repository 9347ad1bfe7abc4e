"""Notebook 09_mlp_from_scratch: the learner's MLP next to the course's, model search, digits.

The networks come from the core builder, ``dlcourse.nn.mlp``.

- :data:`PARAM_NAMES`, :func:`as_sequential`: the learner's two-layer MLP (a dict of NumPy
  arrays ``W1, b1, W2, b2``) as the core's ``Sequential`` with the same weights.
- :func:`course_init_params`, :func:`course_forward`, :func:`course_sgd_epoch`: the same steps
  done by the core (``nn.mlp``, ``Sequential.forward``, ``Sequential.fit``), in the dict form of
  the exercises, so that the notebook runs on where an exercise is not done yet;
  :func:`yours_or_course` picks the learner's function where it is written, else the course's.

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
from types import SimpleNamespace
from typing import Any

import numpy as np

from dlcourse import nn, optimizers

__all__ = [
    "PARAM_NAMES",
    "as_sequential",
    "course_init_params",
    "course_forward",
    "course_sgd_epoch",
    "yours_or_course",
    "grow_search",
    "search_table",
    "smallest_good_enough",
    "show_digits",
]

PARAM_NAMES = ("W1", "b1", "W2", "b2")
"""The keys of the learner's two-layer MLP, in the order of ``Sequential.get_weights()``."""


def as_sequential(params: dict[str, np.ndarray]) -> nn.Sequential:
    """The core's ``Sequential`` with the weights of a two-layer MLP given as a dict.

    ``params`` holds ``W1 (num_inputs, num_hiddens)``, ``b1 (num_hiddens,)``,
    ``W2 (num_hiddens, num_outputs)`` and ``b2 (num_outputs,)``; the model is
    ``nn.mlp(num_inputs, (num_hiddens,), num_outputs, "relu")``, a ReLU hidden layer and a linear
    output layer that returns logits. Its arrays are copies: training it leaves ``params`` alone.

    Example:
        >>> params = course_init_params(3, 4, 2, seed=0)
        >>> net = as_sequential(params)
        >>> [layer.name for layer in net.layers], net.count_params()
        (['hidden_1', 'output'], 26)

    Introduced in notebook 09_mlp_from_scratch.
    """
    missing = [key for key in PARAM_NAMES if key not in params]
    if missing:
        raise ValueError(
            f"as_sequential: `params` needs the keys {list(PARAM_NAMES)}; {missing} missing "
            f"(got {sorted(params)})."
        )
    W1, W2 = np.asarray(params["W1"]), np.asarray(params["W2"])
    if W1.ndim != 2 or W2.ndim != 2 or W1.shape[1] != W2.shape[0]:
        raise ValueError(
            "as_sequential: W1 must be (num_inputs, num_hiddens) and W2 (num_hiddens, "
            f"num_outputs); got W1 {W1.shape} and W2 {W2.shape}."
        )
    net = nn.mlp(W1.shape[0], (W1.shape[1],), W2.shape[1], "relu", None)
    net.set_weights([np.array(params[key], dtype=float) for key in PARAM_NAMES])
    return net


def course_init_params(
    num_inputs: int, num_hiddens: int, num_outputs: int, seed: int = 0
) -> dict[str, np.ndarray]:
    """Initial weights of a two-layer ReLU MLP as a dict: He-normal kernels, zero biases.

    The core's initializers (``nn.mlp(..., kernel_initializer="he_normal")``); the random numbers
    differ from a plain ``rng.normal`` draw (Keras' He normal is truncated at two standard
    deviations and rescaled), the spread is the same: variance ``2 / num_inputs`` of each layer.

    Introduced in notebook 09_mlp_from_scratch.
    """
    net = nn.mlp(
        num_inputs,
        (num_hiddens,),
        num_outputs,
        "relu",
        None,
        kernel_initializer="he_normal",
        seed=seed,
    )
    return dict(zip(PARAM_NAMES, net.get_weights(), strict=True))


def course_forward(params: dict[str, np.ndarray], X: np.ndarray) -> tuple[np.ndarray, dict]:
    """The forward pass of the two-layer MLP by the core: ``(logits, cache)``.

    ``cache`` holds ``"X"``, ``"Z1"`` (the hidden layer's weighted sums) and ``"H"`` (its ReLU
    outputs), the values a backward pass needs.

    Introduced in notebook 09_mlp_from_scratch.
    """
    hidden, output = as_sequential(params).layers
    X = np.asarray(X, dtype=float)
    H = hidden.forward(X)
    return output.forward(H), {"X": X, "Z1": hidden._cache["Z"], "H": H}


def course_sgd_epoch(
    params: dict[str, np.ndarray],
    X: np.ndarray,
    y: np.ndarray,
    learning_rate: float,
    batch_size: int,
    rng: np.random.Generator,
) -> float:
    """One epoch of mini-batch SGD on the two-layer MLP, by the core; ``params`` change in place.

    The rows are visited in the order ``rng.permutation(len(X))``, in batches of ``batch_size``
    (the last one may be smaller); each batch is one step of ``optimizers.SGD`` on the sparse
    categorical cross-entropy of the logits. Returns the mean loss over the epoch's examples, each
    batch's loss taken before its update (what ``fit`` reports).

    Introduced in notebook 09_mlp_from_scratch.
    """
    from dlcourse import losses

    order = rng.permutation(len(X))
    net = as_sequential(params)
    history = net.fit(
        np.asarray(X, dtype=float)[order],
        np.asarray(y)[order],
        loss=losses.SparseCategoricalCrossentropy(from_logits=True),
        optimizer=optimizers.SGD(learning_rate=learning_rate),
        epochs=1,
        batch_size=batch_size,
        shuffle=False,
    )
    for key, value in zip(PARAM_NAMES, net.get_weights(), strict=True):
        params[key][...] = value
    return float(history.history["loss"][0])


def yours_or_course(**yours: Any) -> SimpleNamespace:
    """Your functions where you have written them, the course's where the cell still raises.

    Pass ``init_params=..., forward=..., sgd_epoch=...``. Each is tried once on a tiny problem;
    one that raises ``NotImplementedError`` (an exercise not done yet) is replaced by the course's
    version, so that the notebook runs on. Any other error is yours to see, and is raised.
    Prints which version of each is used.

    Returns:
        A namespace with the chosen ``init_params``, ``forward`` and ``sgd_epoch``.

    Introduced in notebook 09_mlp_from_scratch.
    """
    course = {
        "init_params": course_init_params,
        "forward": course_forward,
        "sgd_epoch": course_sgd_epoch,
    }
    unknown = sorted(set(yours) - set(course))
    if unknown:
        raise TypeError(f"yours_or_course: unknown names {unknown}; use {sorted(course)}.")
    X = np.linspace(-1.0, 1.0, 12).reshape(4, 3)
    y = np.array([0, 1, 1, 0])
    probes = {
        "init_params": lambda f: f(3, 4, 2, seed=0),
        "forward": lambda f: f(course_init_params(3, 4, 2), X),
        "sgd_epoch": lambda f: f(
            course_init_params(3, 4, 2), X, y, 0.1, 2, np.random.default_rng(0)
        ),
    }
    chosen, used = {}, []
    for name, function in course.items():
        if name in yours:
            try:
                probes[name](yours[name])
            except NotImplementedError:
                pass
            else:
                chosen[name] = yours[name]
                used.append(f"your {name}")
                continue
        chosen[name] = function
        used.append(f"the course's {name}")
    print("using " + ", ".join(used))
    return SimpleNamespace(**chosen)


def grow_search(
    candidates: Sequence[Sequence[int]],
    train: tuple[np.ndarray, np.ndarray],
    val: tuple[np.ndarray, np.ndarray],
    epochs: int = 20,
    batch_size: int = 32,
    learning_rate: float = 0.01,
    optimizer: str = "adam",
    activation: str = "relu",
    seed: int | Sequence[int] = 0,
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
        seed: seeds the initial weights and the shuffling. A list of seeds trains every
            candidate once per seed and reports the medians, with the lowest and highest
            validation accuracy (``"val_min"``, ``"val_max"``): the noise of one seed.

    Returns:
        One dict per candidate, in the order given, with keys ``"hidden"`` (tuple),
        ``"params"`` (int), ``"train_accuracy"`` and ``"val_accuracy"`` (floats in [0, 1]),
        plus ``"val_min"`` and ``"val_max"`` when several seeds are given.

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
    if not isinstance(seed, int | np.integer):
        runs = [
            grow_search(
                candidates,
                train,
                val,
                epochs,
                batch_size,
                learning_rate,
                optimizer,
                activation,
                int(s),
            )
            for s in seed
        ]
        if not runs:
            raise ValueError("grow_search: `seed` is an empty list; pass e.g. [0, 1, 2].")
        rows = []
        for per_seed in zip(*runs, strict=True):
            val = [row["val_accuracy"] for row in per_seed]
            rows.append(
                {
                    "hidden": per_seed[0]["hidden"],
                    "params": per_seed[0]["params"],
                    "train_accuracy": float(np.median([row["train_accuracy"] for row in per_seed])),
                    "val_accuracy": float(np.median(val)),
                    "val_min": float(min(val)),
                    "val_max": float(max(val)),
                }
            )
        return rows
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

    With several seeds (rows with ``"val_min"``), the accuracies are medians and a last column
    gives the lowest and highest validation accuracy over the seeds.

    Example:
        >>> print(search_table([{"hidden": (8,), "params": 610, "train_accuracy": 0.953,
        ...                      "val_accuracy": 0.917}]))
        hidden layers    params   train acc   val acc
        (8,)                610        0.95      0.92

    Introduced in notebook 09_mlp_from_scratch.
    """
    spread = all("val_min" in row for row in rows)
    head = f"{'hidden layers':<14} {'params':>8} {'train acc':>11} {'val acc':>9}"
    lines = [head + (f"  {'val min-max':>11}" if spread else "")]
    for row in rows:
        line = (
            f"{str(tuple(row['hidden'])):<14} {row['params']:>8} "
            f"{row['train_accuracy']:>11.{digits}f} {row['val_accuracy']:>9.{digits}f}"
        )
        if spread:
            low_high = f"{row['val_min']:.{digits}f}-{row['val_max']:.{digits}f}"
            line += f"  {low_high:>11}"
        lines.append(line)
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
