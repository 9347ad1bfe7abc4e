"""Demonstrations for notebook 07_backpropagation.

The 3-2-1 network itself (numbers, forward and backward, and the lines the notebook prints) is the
core's worked example, ``dlcourse.worked_example.ThreeTwoOne``.

- ``graph_figure``: the same network drawn as a computational graph.
- ``compare_batch_sizes``: the same network trained with full-batch, mini-batch and single-sample
  updates, each at its best learning rate on validation data, with the time per epoch.
- ``loss_per_epoch``: the training loss epoch by epoch, through a loss that may explode.
- ``scale_hidden_kernels``: multiply the hidden kernels of a deep ``nn.mlp`` (oversized weights,
  to watch gradients explode).

Introduced in notebook 07_backpropagation.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence

import numpy as np

from dlcourse import nn, optimizers

__all__ = ["graph_figure", "compare_batch_sizes", "loss_per_epoch", "scale_hidden_kernels"]


def graph_figure(ax=None):
    """Draw the 3-2-1 network's loss as a computational graph: one box per operation.

    Each arrow carries a value forward; backprop walks the same arrows in reverse, multiplying by
    the local derivative written next to each box.

    Args:
        ax: a matplotlib Axes, or None to make a new figure.

    Returns:
        The Axes.

    Introduced in notebook 07_backpropagation.
    """
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(9.6, 2.6))
    nodes = [
        ("x", "input"),
        ("z1 = x W1 + b1", "∂z1/∂W1 = x"),
        ("h = σ(z1)", "∂h/∂z1 = h(1-h)"),
        ("z2 = h W2 + b2", "∂z2/∂h = W2\n∂z2/∂W2 = h"),
        ("ŷ = σ(z2)", "∂ŷ/∂z2 = ŷ(1-ŷ)"),
        ("L = (ŷ - y)²", "∂L/∂ŷ = 2(ŷ-y)"),
    ]
    xs = np.linspace(0.06, 0.94, len(nodes))
    for k, ((label, local), x) in enumerate(zip(nodes, xs, strict=True)):
        ax.text(
            x,
            0.62,
            label,
            ha="center",
            va="center",
            fontsize=9,
            bbox={"boxstyle": "round,pad=0.4", "fc": "#E8F1FA", "ec": "#0072B2"},
        )
        ax.text(x, 0.22, local, ha="center", va="center", fontsize=8, color="#D55E00")
        if k:
            ax.annotate(
                "",
                xy=(x - 0.07, 0.62),
                xytext=(xs[k - 1] + 0.07, 0.62),
                arrowprops={"arrowstyle": "->", "color": "#0072B2"},
            )
    ax.annotate(
        "",
        xy=(xs[0] + 0.05, 0.04),
        xytext=(xs[-1] - 0.05, 0.04),
        arrowprops={"arrowstyle": "->", "color": "#D55E00", "linestyle": "--"},
    )
    ax.text(
        0.5,
        0.09,
        "backward: multiply the local derivatives, right to left",
        ha="center",
        fontsize=8,
        color="#D55E00",
    )
    ax.text(
        0.5,
        0.93,
        "forward: compute each value, left to right",
        ha="center",
        fontsize=8,
        color="#0072B2",
    )
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.axis("off")
    ax.set_title("The 3-2-1 network's loss as a computational graph")
    return ax


def compare_batch_sizes(
    X_train: np.ndarray,
    y_train: np.ndarray,
    X_val: np.ndarray,
    y_val: np.ndarray,
    batch_sizes: Mapping[str, int],
    learning_rates: Sequence[float],
    epochs: int = 8,
    hidden_units: int = 16,
    seed: int = 0,
) -> dict[str, dict]:
    """Train one small classifier per batch size and learning rate; keep each batch size's best rate.

    The network is ``Dense(hidden_units, relu) -> Dense(1, sigmoid)`` with binary cross-entropy and
    plain SGD, from the same initial weights for every run. Each batch size gets the learning rate
    of ``learning_rates`` with the lowest *validation* loss after ``epochs`` epochs (a tie goes to
    the smaller rate), so no batch size is judged at a rate that suits another. After every epoch
    the validation loss is measured; only the training itself is timed.

    Args:
        X_train, y_train: the training rows (n, num_features) and their 0/1 labels (n,).
        X_val, y_val: the validation rows that choose the learning rate.
        batch_sizes: name -> batch size, e.g. ``{"full batch": len(X_train), "mini-batch": 32}``.
        learning_rates: the grid of SGD learning rates tried for every batch size.
        epochs: passes over the training rows, the same for every run.
        hidden_units: width of the hidden layer.
        seed: seed of the initial weights and of the shuffling.

    Returns:
        name -> ``{"batch_size", "learning_rate" (the best), "final_val_loss" (rate -> validation
        loss after the last epoch), "val_loss" (per epoch, at the best rate), "updates_per_epoch",
        "seconds_per_epoch" (the median over every epoch of every rate)}``.

    Example:
        >>> from dlcourse import data
        >>> X, y = data.moons(n=60, noise=0.1, seed=0)
        >>> runs = compare_batch_sizes(X[:40], y[:40], X[40:], y[40:], {"full": 40, "mini": 8},
        ...                            learning_rates=[0.1, 1.0], epochs=2)
        >>> runs["mini"]["updates_per_epoch"], len(runs["full"]["val_loss"])
        (5, 2)

    Introduced in notebook 07_backpropagation.
    """
    X_train, y_train = np.asarray(X_train, dtype=float), np.asarray(y_train, dtype=float)
    X_val, y_val = np.asarray(X_val, dtype=float), np.asarray(y_val, dtype=float)
    results = {}
    for name, batch_size in batch_sizes.items():
        curves, seconds = {}, []
        for learning_rate in learning_rates:
            model = nn.mlp(X_train.shape[1], hidden_units, 1, "relu", "sigmoid", seed=seed)
            optimizer = optimizers.SGD(learning_rate=learning_rate)
            curve = []
            for _ in range(epochs):
                start = time.perf_counter()
                model.fit(X_train, y_train, loss="binary_crossentropy", optimizer=optimizer,
                          epochs=1, batch_size=batch_size, seed=seed)  # fmt: skip
                seconds.append(time.perf_counter() - start)
                curve.append(model.evaluate(X_val, y_val, loss="binary_crossentropy")["loss"])
            curves[learning_rate] = curve
        best = min(learning_rates, key=lambda rate: (curves[rate][-1], rate))
        results[name] = {
            "batch_size": batch_size,
            "learning_rate": best,
            "final_val_loss": {rate: curve[-1] for rate, curve in curves.items()},
            "val_loss": curves[best],
            "updates_per_epoch": -(-len(X_train) // batch_size),  # the last batch may be smaller
            "seconds_per_epoch": float(np.median(seconds)),
        }
    return results


def loss_per_epoch(
    model: nn.Sequential,
    X: np.ndarray,
    y: np.ndarray,
    loss: str,
    optimizer: optimizers.Optimizer,
    epochs: int,
    batch_size: int = 32,
    seed: int = 0,
) -> list[float]:
    """The training loss before training and after each of ``epochs`` epochs of ``model.fit``.

    Overflow is expected here (exploding gradients), so NumPy's overflow warnings are silenced;
    once the loss is ``nan`` or ``inf`` training stops and the remaining epochs read ``nan``.

    Example:
        >>> from dlcourse import data
        >>> X, y = data.moons(n=40, noise=0.1, seed=0)
        >>> net = nn.mlp(2, 8, 1, "relu", "sigmoid", seed=0)
        >>> curve = loss_per_epoch(net, X, y, "binary_crossentropy", optimizers.SGD(0.5), 3)
        >>> len(curve), bool(curve[-1] < curve[0])
        (4, True)

    Introduced in notebook 07_backpropagation.
    """
    curve = [model.evaluate(X, y, loss=loss)["loss"]]
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(epochs):
            if not np.isfinite(curve[-1]):
                curve.append(float("nan"))
                continue
            model.fit(X, y, loss=loss, optimizer=optimizer, epochs=1, batch_size=batch_size,
                      seed=seed)  # fmt: skip
            curve.append(model.evaluate(X, y, loss=loss)["loss"])
    return curve


def scale_hidden_kernels(net: nn.Sequential, weight_scale: float) -> nn.Sequential:
    """Multiply every hidden Dense kernel of ``net`` by ``weight_scale``, in place; return ``net``.

    Oversized weights (2.0 on a He-initialised ReLU network) make the activations, and the
    gradients, grow layer by layer: the exploding gradients of notebook 07. The output layer
    (named ``"output"``, as ``nn.mlp`` names it) keeps its weights.

    Example:
        >>> net = nn.mlp(2, (4, 4), 1, seed=0)
        >>> before = net.layers[0].params["W"].copy()
        >>> bool(np.allclose(scale_hidden_kernels(net, 2.0).layers[0].params["W"], 2 * before))
        True

    Introduced in notebook 07_backpropagation.
    """
    for layer in net.layers:
        if layer.name != "output" and "W" in layer.params:
            layer.params["W"] *= weight_scale
    return net
