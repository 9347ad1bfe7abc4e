"""Notebook 04_layers_and_network_size: build, count and sweep small multilayer perceptrons.

- :func:`mlp`: a ``Sequential`` of ``Dense`` layers from a list of layer sizes.
- :func:`output_spec`: the output activation and loss each kind of task needs.
- :func:`dense_params` and :func:`dense_flops`: parameters, and floating-point operations of one
  forward pass per example, from the layer sizes alone (no network is built).
- :func:`sweep`: train one network per hidden-layer configuration, seeded, and report train and
  test loss and accuracy, so the notebook can test rules of thumb against measurements.
- :func:`format_table`: print such results as an aligned text table.
- :func:`time_forward`: the median time of a forward pass (for the one timing cell).

Introduced in notebook 04_layers_and_network_size.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

import numpy as np

from dlcourse import layers, nn, optimizers

__all__ = [
    "TASKS",
    "mlp",
    "output_spec",
    "dense_params",
    "dense_flops",
    "sweep",
    "format_table",
    "time_forward",
]

TASKS = ("binary", "multiclass", "regression")
"""The three kinds of task whose output layers notebook 04 compares."""


def output_spec(task: str, num_classes: int = 2) -> tuple[int, str, str]:
    """The output layer and loss a task needs: ``(units, activation, loss)``.

    - ``"binary"``: 1 sigmoid unit, ``binary_crossentropy``;
    - ``"multiclass"``: ``num_classes`` softmax units, ``sparse_categorical_crossentropy``
      (integer labels);
    - ``"regression"``: 1 linear unit, ``mean_squared_error``.

    Args:
        task: one of :data:`TASKS`.
        num_classes: the number of classes (multiclass only).

    Returns:
        ``(units, activation, loss)`` with Keras names.

    Example:
        >>> output_spec("multiclass", num_classes=3)
        (3, 'softmax', 'sparse_categorical_crossentropy')

    Introduced in notebook 04_layers_and_network_size.
    """
    if task == "binary":
        return 1, "sigmoid", "binary_crossentropy"
    if task == "multiclass":
        if not isinstance(num_classes, int | np.integer) or num_classes < 2:
            raise ValueError(
                f"output_spec: `num_classes` must be an int >= 2 for a multiclass task, got "
                f"{num_classes!r}."
            )
        return int(num_classes), "softmax", "sparse_categorical_crossentropy"
    if task == "regression":
        return 1, "linear", "mean_squared_error"
    raise ValueError(f"output_spec: `task` must be one of {TASKS}, got {task!r}.")


def _check_sizes(layer_sizes: Sequence[int], where: str) -> list[int]:
    try:
        sizes = [int(s) for s in layer_sizes]
    except (TypeError, ValueError):
        raise TypeError(
            f"{where}: `layer_sizes` must be a list of ints (units per layer, input layer "
            f"first), got {layer_sizes!r}."
        ) from None
    if len(sizes) < 1 or any(s < 1 for s in sizes) or sizes != list(layer_sizes):
        raise ValueError(
            f"{where}: `layer_sizes` must list positive ints, input layer first, e.g. [2, 8, 1]; "
            f"got {list(layer_sizes)!r}."
        )
    return sizes


def mlp(
    layer_sizes: Sequence[int],
    activation: str = "relu",
    output_activation: str | None = None,
    seed: int = 0,
    kernel_initializer: str = "glorot_uniform",
    name: str | None = None,
) -> nn.Sequential:
    """A multilayer perceptron: one ``Dense`` layer per consecutive pair of ``layer_sizes``.

    Args:
        layer_sizes: units per layer, input layer first: ``[2, 8, 8, 1]`` is 2 inputs, two hidden
            layers of 8 units and 1 output unit. The input layer has no weights.
        activation: the hidden layers' activation.
        output_activation: the output layer's activation (None: linear).
        seed: seeds the weight initialisation (layer ``i`` uses ``seed + i``).
        kernel_initializer: the hidden and output layers' initializer.
        name: the model's name.

    Returns:
        A built ``dlcourse.nn.Sequential``.

    Example:
        >>> mlp([3, 2, 1], activation="sigmoid", output_activation="sigmoid").count_params()
        11

    Introduced in notebook 04_layers_and_network_size.
    """
    sizes = _check_sizes(layer_sizes, "mlp")
    if len(sizes) < 2:
        raise ValueError(
            f"mlp: `layer_sizes` needs an input and an output size at least, got {sizes}."
        )
    stack = []
    for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:], strict=True)):
        last = i == len(sizes) - 2
        stack.append(
            layers.Dense(
                n_out,
                activation=output_activation if last else activation,
                kernel_initializer=kernel_initializer,
                seed=seed + i,
                input_dim=n_in,
                name="output" if last else f"hidden_{i + 1}",
            )
        )
    return nn.Sequential(stack, name=name)


def dense_params(layer_sizes: Sequence[int]) -> int:
    """The number of weights and biases of a stack of Dense layers: sum of ``(n_in + 1) * n_out``.

    Args:
        layer_sizes: units per layer, input layer first.

    Returns:
        The parameter count, an int (0 for an input layer alone).

    Example:
        >>> dense_params([3, 2, 1])
        11

    Introduced in notebook 04_layers_and_network_size.
    """
    sizes = _check_sizes(layer_sizes, "dense_params")
    return sum((n_in + 1) * n_out for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True))


def dense_flops(layer_sizes: Sequence[int]) -> int:
    """Floating-point operations of one forward pass through Dense layers, per example.

    Each weight costs one multiplication and one addition (the additions include adding the bias),
    so a layer with ``n_in`` inputs and ``n_out`` units costs ``2 * n_in * n_out``. Activations are
    not counted (a few operations per unit, small next to the matrix products).

    Args:
        layer_sizes: units per layer, input layer first.

    Returns:
        The FLOP count, an int.

    Example:
        >>> dense_flops([784, 128, 10])
        203264

    Introduced in notebook 04_layers_and_network_size.
    """
    sizes = _check_sizes(layer_sizes, "dense_flops")
    return sum(2 * n_in * n_out for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True))


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
    units, out_act, loss = output_spec(task, num_classes)
    metrics = None if task == "regression" else ["accuracy"]
    rows = []
    for hidden in hidden_configs:
        hidden = tuple(int(h) for h in hidden)
        model = mlp([X_tr.shape[1], *hidden, units], activation, out_act, seed=seed)
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
