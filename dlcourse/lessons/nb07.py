"""Demonstrations for notebook 07_backpropagation.

- ``ThreeTwoOne``: the course's 3-2-1 network (3 inputs, 2 sigmoid hidden neurons, 1 sigmoid
  output, squared-error loss) with concrete numbers, worked through by hand: every forward value,
  every local derivative, every chain-rule product and the update, as lines a notebook prints.
- ``graph_figure``: the same network drawn as a computational graph.
- ``compare_batch_sizes``: the same network trained with full-batch, mini-batch and single-sample
  updates, with a loss per epoch and the time per epoch.
- ``deep_network`` (with ``dlcourse.layers.Activation``): deep networks (sigmoid, ReLU with He initialisation, batch
  normalisation, oversized weights) whose per-layer gradient norms show vanishing and exploding
  gradients.

The arithmetic is written out in plain NumPy on purpose: the notebook then checks it against
``dlcourse.gradcheck.numerical_gradient`` and ``tf.GradientTape``.

Introduced in notebook 07_backpropagation.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from dlcourse import optimizers
from dlcourse.layers import Activation, BatchNormalization, Dense, Layer
from dlcourse.nn import Sequential

__all__ = [
    "ThreeTwoOne",
    "sigmoid",
    "graph_figure",
    "compare_batch_sizes",
    "deep_network",
]

PARAM_NAMES = ("W1", "b1", "W2", "b2")


def sigmoid(z):
    """The logistic function 1 / (1 + e^-z), written with tanh so it never overflows.

    Introduced in notebook 03_neurons; used by hand in notebook 07_backpropagation.
    """
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(z, dtype=float)))


def _default(values) -> np.ndarray:
    return field(default_factory=lambda: np.array(values, dtype=float))


@dataclass
class ThreeTwoOne:
    """The 3-2-1 network of notebook 07 with concrete numbers, for one training sample.

    Forward:   z1 = x @ W1 + b1,  h = sigmoid(z1),  z2 = h @ W2 + b2,  y_hat = sigmoid(z2),
               L = (y_hat - y)^2   (Keras' mean squared error for one sample and one output).
    Backward:  dL/dy_hat = 2 (y_hat - y),  dy_hat/dz2 = y_hat (1 - y_hat),  delta2 = dL/dz2,
               dL/dW2 = h^T delta2,  dL/db2 = delta2,  dL/dh = delta2 W2^T,
               dh/dz1 = h (1 - h),  delta1 = dL/dh * dh/dz1,  dL/dW1 = x^T delta1,  dL/db1 = delta1.
    Update:    p <- p - learning_rate * dL/dp for every parameter p (plain gradient descent).

    Shapes follow the course's convention (W is (num_inputs, units), like a Keras Dense kernel):
    x (3,), W1 (3, 2), b1 (2,), W2 (2, 1), b2 (1,), y a number. The default numbers are those of
    the ``BackpropStepper`` widget, so the notebook's printout and the widget agree.

    Example:
        >>> net = ThreeTwoOne()
        >>> round(float(net.forward()["y_hat"][0]), 4)
        0.5847

    Introduced in notebook 07_backpropagation.
    """

    x: np.ndarray = _default([1.0, 0.5, -1.0])
    W1: np.ndarray = _default([[0.2, -0.3], [0.4, 0.1], [-0.5, 0.2]])
    b1: np.ndarray = _default([0.1, -0.1])
    W2: np.ndarray = _default([[0.6], [-0.4]])
    b2: np.ndarray = _default([0.05])
    y: float = 1.0

    def params(self) -> dict[str, np.ndarray]:
        """The four parameter arrays by name (the arrays themselves, not copies)."""
        return {"W1": self.W1, "b1": self.b1, "W2": self.W2, "b2": self.b2}

    def forward(self) -> dict[str, np.ndarray]:
        """Every forward value: z1, h (2,), z2, y_hat (1,), and the loss (a float)."""
        z1 = self.x @ self.W1 + self.b1
        h = sigmoid(z1)
        z2 = h @ self.W2 + self.b2
        y_hat = sigmoid(z2)
        loss = float(((y_hat - self.y) ** 2)[0])
        return {"z1": z1, "h": h, "z2": z2, "y_hat": y_hat, "loss": loss}

    def loss(self) -> float:
        """The loss at the current parameters (what a numerical gradient perturbs)."""
        return self.forward()["loss"]

    def backward(self) -> dict[str, np.ndarray]:
        """Every local derivative and chain-rule product, keyed by readable names."""
        f = self.forward()
        dL_dyhat = 2.0 * (f["y_hat"] - self.y)  # (1,)
        dyhat_dz2 = f["y_hat"] * (1.0 - f["y_hat"])  # sigmoid' written from its output
        delta2 = dL_dyhat * dyhat_dz2  # dL/dz2, (1,)
        dW2 = np.outer(f["h"], delta2)  # dz2/dW2[j] = h[j]  ->  (2, 1)
        db2 = delta2.copy()  # dz2/db2 = 1
        dL_dh = self.W2 @ delta2  # dz2/dh[j] = W2[j]  ->  (2,)
        dh_dz1 = f["h"] * (1.0 - f["h"])
        delta1 = dL_dh * dh_dz1  # dL/dz1, (2,)
        dW1 = np.outer(self.x, delta1)  # dz1[j]/dW1[i, j] = x[i]  ->  (3, 2)
        db1 = delta1.copy()
        return {
            "dL/dy_hat": dL_dyhat,
            "dy_hat/dz2": dyhat_dz2,
            "dL/dz2": delta2,
            "dL/dW2": dW2,
            "dL/db2": db2,
            "dL/dh": dL_dh,
            "dh/dz1": dh_dz1,
            "dL/dz1": delta1,
            "dL/dW1": dW1,
            "dL/db1": db1,
        }

    def gradients(self) -> dict[str, np.ndarray]:
        """dL/dp for the four parameters, keyed "W1", "b1", "W2", "b2"."""
        g = self.backward()
        return {name: g[f"dL/d{name}"] for name in PARAM_NAMES}

    def updated(self, learning_rate: float) -> ThreeTwoOne:
        """A new network after one gradient-descent step (this one is left unchanged)."""
        grads = self.gradients()
        new = {name: p - learning_rate * grads[name] for name, p in self.params().items()}
        return ThreeTwoOne(x=self.x.copy(), y=self.y, **new)

    # ---- the worked example as text -------------------------------------------------------

    def forward_lines(self) -> list[str]:
        """The forward pass written out with the numbers, one line per value."""
        f = self.forward()
        lines = []
        for j in range(2):
            terms = " + ".join(f"({self.x[i]:g})({self.W1[i, j]:g})" for i in range(3))
            lines.append(
                f"z1[{j}] = x·W1[:,{j}] + b1[{j}] = {terms} + ({self.b1[j]:g}) = {f['z1'][j]:.4f}"
            )
        for j in range(2):
            lines.append(
                f"h[{j}]  = sigmoid(z1[{j}]) = sigmoid({f['z1'][j]:.4f}) = {f['h'][j]:.4f}"
            )
        lines.append(
            f"z2    = h·W2 + b2 = ({f['h'][0]:.4f})({self.W2[0, 0]:g}) + "
            f"({f['h'][1]:.4f})({self.W2[1, 0]:g}) + ({self.b2[0]:g}) = {f['z2'][0]:.4f}"
        )
        lines.append(f"y_hat = sigmoid(z2) = {f['y_hat'][0]:.4f}")
        lines.append(
            f"L     = (y_hat - y)^2 = ({f['y_hat'][0]:.4f} - {self.y:g})^2 = {f['loss']:.4f}"
        )
        return lines

    def backward_lines(self) -> list[str]:
        """The backward pass: each local derivative, then each chain-rule product."""
        f = self.forward()
        g = self.backward()
        h, y_hat = f["h"], f["y_hat"][0]
        d2 = g["dL/dz2"][0]
        rows = [
            ("dL/dy_hat", "2(y_hat - y)", f"2({y_hat:.4f} - {self.y:g})", g["dL/dy_hat"][0]),
            ("dy_hat/dz2", "y_hat(1 - y_hat)", f"{y_hat:.4f}(1 - {y_hat:.4f})", g["dy_hat/dz2"][0]),
            (
                "dL/dz2",
                "dL/dy_hat · dy_hat/dz2",
                f"{g['dL/dy_hat'][0]:.4f} · {g['dy_hat/dz2'][0]:.4f}",
                d2,
            ),
        ]
        for j in range(2):
            rows.append(
                (f"dL/dW2[{j}]", f"dL/dz2 · h[{j}]", f"{d2:.4f} · {h[j]:.4f}", g["dL/dW2"][j, 0])
            )
        rows.append(("dL/db2", "dL/dz2 · 1", f"{d2:.4f}", g["dL/db2"][0]))
        for j in range(2):
            rows.append(
                (f"dL/dh[{j}]", f"dL/dz2 · W2[{j}]", f"{d2:.4f} · {self.W2[j, 0]:g}", g["dL/dh"][j])
            )
        for j in range(2):
            rows.append(
                (
                    f"dh[{j}]/dz1[{j}]",
                    f"h[{j}](1 - h[{j}])",
                    f"{h[j]:.4f}(1 - {h[j]:.4f})",
                    g["dh/dz1"][j],
                )
            )
        for j in range(2):
            rows.append(
                (
                    f"dL/dz1[{j}]",
                    f"dL/dh[{j}] · dh[{j}]/dz1[{j}]",
                    f"{g['dL/dh'][j]:.4f} · {g['dh/dz1'][j]:.4f}",
                    g["dL/dz1"][j],
                )
            )
        for i in range(3):
            for j in range(2):
                rows.append(
                    (
                        f"dL/dW1[{i},{j}]",
                        f"dL/dz1[{j}] · x[{i}]",
                        f"{g['dL/dz1'][j]:.4f} · {self.x[i]:g}",
                        g["dL/dW1"][i, j],
                    )
                )
        for j in range(2):
            rows.append(
                (f"dL/db1[{j}]", f"dL/dz1[{j}] · 1", f"{g['dL/dz1'][j]:.4f}", g["dL/db1"][j])
            )
        return [f"{a:<13} = {b:<24} = {c:<18} = {d: .4f}" for a, b, c, d in rows]

    def update_lines(self, learning_rate: float) -> list[str]:
        """Each parameter before and after one step of gradient descent, and the new loss."""
        grads = self.gradients()
        new = self.updated(learning_rate)
        lines = []
        for name, p in self.params().items():
            after = new.params()[name]
            for idx in np.ndindex(p.shape):
                where = ",".join(str(i) for i in idx)
                lines.append(
                    f"{name}[{where}]: {p[idx]: .4f} - {learning_rate:g} · "
                    f"({grads[name][idx]: .4f}) = {after[idx]: .4f}"
                )
        lines.append(f"loss before: {self.loss():.4f}, after one step: {new.loss():.4f}")
        return lines


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
        model = Sequential(
            [
                Dense(hidden_units, activation="relu", seed=seed),
                Dense(1, activation="sigmoid", seed=seed + 1),
            ],
            name="batch_size_demo",
        )
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


def deep_network(
    depth: int = 10,
    units: int = 32,
    activation: str = "sigmoid",
    kernel_initializer: str = "glorot_uniform",
    batch_norm: bool = False,
    weight_scale: float = 1.0,
    num_inputs: int = 2,
    num_classes: int = 2,
    output_activation: str = "softmax",
    seed: int = 0,
) -> Sequential:
    """A deep, narrow classifier for watching gradients vanish or explode.

    ``depth`` hidden layers of ``units`` neurons, each ``Dense(units, activation)`` or, with
    ``batch_norm=True``, ``Dense(units) -> BatchNormalization -> Activation(activation)``; then a
    ``Dense(num_classes, output_activation)`` output (softmax by default; "linear" for a
    regression output, which never saturates). ``weight_scale`` multiplies every hidden kernel after
    initialisation (2.0 makes ReLU's gradients grow layer by layer).

    Args:
        depth: number of hidden layers.
        units: neurons per hidden layer.
        activation: the hidden activation, e.g. "sigmoid" or "relu".
        kernel_initializer: e.g. "glorot_uniform" or "he_normal".
        batch_norm: insert batch normalisation before every hidden activation.
        weight_scale: factor applied to the hidden kernels.
        num_inputs: input features (the network is built for them).
        num_classes: output units.
        output_activation: the output layer's activation.
        seed: layer ``i`` uses seed ``seed + i``.

    Returns:
        A built ``Sequential``.

    Example:
        >>> net = deep_network(depth=3, units=4, batch_norm=True)
        >>> [type(layer).__name__ for layer in net.layers][:3]
        ['Dense', 'BatchNormalization', 'Activation']

    Introduced in notebook 07_backpropagation.
    """
    layers: list[Layer] = []
    for i in range(depth):
        if batch_norm:
            layers.append(
                Dense(
                    units, kernel_initializer=kernel_initializer, seed=seed + i, name=f"dense_{i}"
                )
            )
            layers.append(BatchNormalization(name=f"batch_norm_{i}"))
            layers.append(Activation(activation, name=f"{activation}_{i}"))
        else:
            layers.append(
                Dense(
                    units,
                    activation=activation,
                    kernel_initializer=kernel_initializer,
                    seed=seed + i,
                    name=f"dense_{i}",
                )
            )
    layers.append(
        Dense(num_classes, activation=output_activation, seed=seed + depth, name="output")
    )
    net = Sequential(layers, name=f"deep_{activation}")
    net.build(num_inputs)
    for layer in net.layers[:-1]:
        if isinstance(layer, Dense):
            layer.params["W"] *= weight_scale
    return net
