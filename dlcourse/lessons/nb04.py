"""Notebook 04_layers_and_network_size: build, count and sweep small multilayer perceptrons.

The network builder, the output layer for each task and the parameter and FLOP counts are in
the core: ``dlcourse.nn.mlp``, ``nn.output_spec``, ``nn.dense_params`` and ``nn.dense_flops``.

- :func:`sweep`: train one network per hidden-layer configuration, seeded, and report train and
  test loss and accuracy, so the notebook can test rules of thumb against measurements.
- :func:`median_sweep`: the same sweep for a few seeds, with the median and the range of each
  accuracy, so one unlucky initialisation does not pass for a property of the width.
- :func:`firing_units`: how many units of a network's first hidden layer fire (z > 0, as
  ``Neuron.fires`` decides) on at least one sample.
- :func:`format_table`: print such results as an aligned text table.
- :func:`time_forward`: the median time of a forward pass (for the one timing cell).

Introduced in notebook 04_layers_and_network_size.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

import numpy as np

from dlcourse import nn, optimizers

__all__ = [
    "sweep",
    "median_sweep",
    "firing_units",
    "format_table",
    "time_forward",
]


def sweep(
    train: tuple[np.ndarray, np.ndarray],
    test: tuple[np.ndarray, np.ndarray],
    hidden_configs: Sequence[Sequence[int]],
    task: str = "binary",
    activation: str = "relu",
    epochs: int = 100,
    batch_size: int = 32,
    learning_rate: float = 0.01,
    seed: int = 0,
    keep_models: bool = False,
) -> list[dict]:
    """Train one MLP per hidden-layer configuration (Adam, seeded) and measure each.

    Every network gets the same data, epochs, optimizer settings and seed, so the rows differ only
    in their hidden layers.

    Args:
        train: ``(X_train, y_train)``; X is ``(num_samples, num_features)``.
        test: ``(X_test, y_test)``.
        hidden_configs: one entry per network, the hidden layer sizes: ``[(4,), (16,), (8, 8)]``.
        task: ``"binary"``, ``"multiclass"`` (integer labels) or ``"regression"``.
        activation: the hidden activation.
        epochs, batch_size, learning_rate: training settings (Adam).
        seed: seeds initialisation and shuffling.
        keep_models: also return each trained network, under ``"model"``.

    Returns:
        One dict per configuration with ``"hidden"`` (tuple), ``"params"``, ``"train_loss"``,
        ``"test_loss"`` and, for classification, ``"train_acc"`` and ``"test_acc"`` (and
        ``"model"`` with ``keep_models=True``).

    Introduced in notebook 04_layers_and_network_size.
    """
    X_tr, y_tr = train
    X_te, y_te = test
    num_classes = int(np.max(y_tr)) + 1 if task == "multiclass" else 2
    units, out_act, loss = nn.output_spec(task, num_classes)
    metrics = None if task == "regression" else ["accuracy"]
    rows = []
    for hidden in hidden_configs:
        hidden = tuple(int(h) for h in hidden)
        model = nn.mlp(X_tr.shape[1], hidden, units, activation, out_act, seed=seed)
        opt = optimizers.get("adam", learning_rate=learning_rate)
        model.fit(
            X_tr, y_tr, loss=loss, optimizer=opt, epochs=epochs, batch_size=batch_size,
            shuffle=True, seed=seed, verbose=0,
        )  # fmt: skip
        row: dict = {"hidden": hidden, "params": model.count_params()}
        for split, (X, y) in (("train", (X_tr, y_tr)), ("test", (X_te, y_te))):
            result = model.evaluate(X, y, loss=loss, metrics=metrics)
            row[f"{split}_loss"] = float(result["loss"])
            if metrics:
                row[f"{split}_acc"] = float(result["accuracy"])
        if keep_models:
            row["model"] = model
        rows.append(row)
    return rows


def median_sweep(
    train: tuple[np.ndarray, np.ndarray],
    test: tuple[np.ndarray, np.ndarray],
    hidden_configs: Sequence[Sequence[int]],
    seeds: Sequence[int] = (0, 1, 2),
    **settings,
) -> list[dict]:
    """:func:`sweep` once per seed; per configuration the median and range of each accuracy.

    Args:
        train, test, hidden_configs: as for :func:`sweep` (a classification task).
        seeds: the seeds to run; each seeds initialisation and shuffling.
        **settings: passed to :func:`sweep` (task, epochs, batch_size, learning_rate, ...).

    Returns:
        One dict per configuration: ``"hidden"``, ``"params"``, ``"train_acc"`` and ``"test_acc"``
        (medians over the seeds), ``"train_min"``, ``"train_max"``, ``"test_min"``,
        ``"test_max"``, and ``"runs"``, the rows of every seed (their models too with
        ``keep_models=True``).

    Introduced in notebook 04_layers_and_network_size.
    """
    runs = [sweep(train, test, hidden_configs, seed=seed, **settings) for seed in seeds]
    rows = []
    for i, hidden in enumerate(hidden_configs):
        per_seed = [run[i] for run in runs]
        row = {"hidden": tuple(int(h) for h in hidden), "params": per_seed[0]["params"]}
        for split in ("train", "test"):
            values = [r[f"{split}_acc"] for r in per_seed]
            row[f"{split}_acc"] = float(np.median(values))
            row[f"{split}_min"], row[f"{split}_max"] = float(min(values)), float(max(values))
        row["runs"] = per_seed
        rows.append(row)
    return rows


def firing_units(model: nn.Sequential, X: np.ndarray) -> int:
    """How many units of the first hidden layer fire (z > 0) on at least one row of ``X``.

    A unit that fires on no sample outputs 0 everywhere (ReLU) and gets no gradient: it takes no
    part in the network (notebook 03, "a unit that never fires").

    Introduced in notebook 04_layers_and_network_size.
    """
    first = model.layers[0]
    z = np.asarray(X, dtype=float) @ first.params["W"] + first.params["b"]
    return int(np.sum(np.any(z > 0, axis=0)))


def format_table(rows: Sequence[dict], columns: dict[str, str]) -> str:
    """Format result rows as an aligned text table.

    Args:
        rows: dicts with the same keys.
        columns: key -> format spec, in display order, e.g. ``{"hidden": "", "test_acc": ".2f"}``.

    Returns:
        The table as one string (header, rule, one line per row).

    Example:
        >>> print(format_table([{"width": 4, "acc": 0.912}], {"width": "", "acc": ".2f"}))
        width   acc
        -----  ----
            4  0.91

    Introduced in notebook 04_layers_and_network_size.
    """
    cells = [[format(row[key], spec) for key, spec in columns.items()] for row in rows]
    widths = [
        max(len(key), *(len(line[i]) for line in cells)) for i, key in enumerate(columns)
    ]  # fmt: skip
    lines = ["  ".join(key.rjust(wd) for key, wd in zip(columns, widths, strict=True))]
    lines.append("  ".join("-" * wd for wd in widths))
    lines += ["  ".join(c.rjust(wd) for c, wd in zip(line, widths, strict=True)) for line in cells]
    return "\n".join(lines)


def time_forward(model: nn.Sequential, X: np.ndarray, repeats: int = 20) -> float:
    """The median wall-clock time of ``model.predict(X)`` in seconds (varies from run to run).

    Introduced in notebook 04_layers_and_network_size.
    """
    model.predict(X)  # a first call warms caches and allocations; it is not timed
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        model.predict(X)
        times.append(time.perf_counter() - start)
    return float(np.median(times))
