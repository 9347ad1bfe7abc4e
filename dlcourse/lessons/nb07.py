"""Demonstrations for notebook 07_backpropagation.

The 3-2-1 network itself (numbers, forward and backward, and the lines the notebook prints) is the
core's worked example, ``dlcourse.worked_example.ThreeTwoOne``.

- ``graph_figure``: the same network drawn as a computational graph.
- ``compare_batch_sizes``: the same network trained with full-batch, mini-batch and single-sample
  updates, with a loss per epoch and the time per epoch.
- ``scale_hidden_kernels``: multiply the hidden kernels of a deep ``nn.mlp`` (oversized weights,
  to watch gradients explode).

Introduced in notebook 07_backpropagation.
"""

from __future__ import annotations

import time
from collections.abc import Mapping

import numpy as np

from dlcourse import nn, optimizers

__all__ = ["graph_figure", "compare_batch_sizes", "scale_hidden_kernels"]


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
    X: np.ndarray,
    y: np.ndarray,
    batch_sizes: Mapping[str, int],
    epochs: int = 30,
    learning_rate: float = 0.1,
    hidden_units: int = 16,
    seed: int = 0,
) -> dict[str, dict]:
    """Train one small classifier per batch size, from the same weights, with plain SGD.

    The network is ``Dense(hidden_units, relu) -> Dense(1, sigmoid)`` with binary cross-entropy.
    After every epoch the loss on the whole training set is measured (so the curves are comparable
    whatever the batch size); only the training itself is timed.

    Args:
        X: inputs (n, num_features); y: 0/1 labels (n,).
        batch_sizes: name -> batch size, e.g. ``{"full batch": len(X), "mini-batch": 32}``.
        epochs: passes over the data.
        learning_rate: SGD's learning rate, the same for every batch size.
        hidden_units: width of the hidden layer.
        seed: seed of the initial weights and of the shuffling (the same for every run).

    Returns:
        name -> ``{"loss": [per epoch], "updates": total updates, "updates_per_epoch": int,
        "seconds_per_epoch": float}``.

    Example:
        >>> from dlcourse import data
        >>> X, y = data.moons(n=40, noise=0.1, seed=0)
        >>> runs = compare_batch_sizes(X, y, {"full": 40, "mini": 8}, epochs=2)
        >>> runs["mini"]["updates"], len(runs["full"]["loss"])
        (10, 2)

    Introduced in notebook 07_backpropagation.
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    results = {}
    for name, batch_size in batch_sizes.items():
        model = nn.mlp(X.shape[1], hidden_units, 1, "relu", "sigmoid", seed=seed)
        optimizer = optimizers.SGD(learning_rate=learning_rate)
        losses_per_epoch, seconds = [], 0.0
        for _ in range(epochs):
            start = time.perf_counter()
            model.fit(
                X,
                y,
                loss="binary_crossentropy",
                optimizer=optimizer,
                epochs=1,
                batch_size=batch_size,
                seed=seed,
            )
            seconds += time.perf_counter() - start
            losses_per_epoch.append(model.evaluate(X, y, loss="binary_crossentropy")["loss"])
        per_epoch = -(-len(X) // batch_size)  # ceiling division: the last batch may be smaller
        results[name] = {
            "loss": losses_per_epoch,
            "updates": per_epoch * epochs,
            "updates_per_epoch": per_epoch,
            "seconds_per_epoch": seconds / max(epochs, 1),
        }
    return results


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
