"""Small training helpers shared by the Playground, CapacityExplorer and OptimizerRace states.

Pure NumPy + dlcourse (no ipywidgets): building a seeded MLP, naming the four optimizers the widgets
offer, and turning class probabilities into a decision-boundary picture.

Introduced in notebook 04_layers_and_network_size (CapacityExplorer) and 08_optimizers (the race).
"""

from __future__ import annotations

import numpy as np

from dlcourse import COLORS

OPTIMIZER_NAMES = ("sgd", "momentum", "rmsprop", "adam")
"""The optimizers a widget offers; "momentum" is SGD with momentum=0.9 (Keras' usual choice)."""

OPTIMIZER_LABELS = {"sgd": "SGD", "momentum": "Momentum", "rmsprop": "RMSprop", "adam": "Adam"}

MOMENTUM = 0.9


def make_optimizer(name: str, learning_rate: float):
    """A fresh ``dlcourse.optimizers`` object for one of ``OPTIMIZER_NAMES``.

    Example:
        >>> make_optimizer("momentum", 0.1)  # doctest: +SKIP
        SGD(learning_rate=0.1, momentum=0.9, nesterov=False)
    """
    from dlcourse import optimizers

    if name not in OPTIMIZER_NAMES:
        raise ValueError(
            f"optimizer: unknown name {name!r}. Valid names: {', '.join(OPTIMIZER_NAMES)} "
            "('momentum' is SGD with momentum=0.9)."
        )
    if not np.isfinite(learning_rate) or learning_rate <= 0:
        raise ValueError(
            f"learning_rate: must be a positive number, got {learning_rate!r}. Typical values are "
            "0.001 to 0.3."
        )
    if name == "momentum":
        return optimizers.get("sgd", learning_rate=learning_rate, momentum=MOMENTUM)
    return optimizers.get(name, learning_rate=learning_rate)


def build_mlp(
    num_inputs: int,
    hidden: tuple[int, ...],
    num_classes: int,
    activation: str = "tanh",
    regularizer=None,
    seed: int = 0,
):
    """A seeded ``dlcourse.nn.Sequential`` classifier: Dense hidden layers, then the output layer.

    Two classes get one sigmoid unit (binary cross-entropy); more classes get a softmax layer with
    one unit per class (sparse categorical cross-entropy). Layer ``i`` is seeded with ``seed + i``,
    so the same settings always start from the same weights.

    Returns:
        (model, loss_name)
    """
    from dlcourse import layers, nn

    if num_classes == 2:
        sizes, out_activation, loss = [*hidden, 1], "sigmoid", "binary_crossentropy"
    else:
        sizes, out_activation, loss = (
            [*hidden, num_classes],
            "softmax",
            ("sparse_categorical_crossentropy"),
        )
    stack = [
        layers.Dense(
            int(units),
            activation=activation if i < len(hidden) else out_activation,
            seed=seed + i,
            input_dim=num_inputs if i == 0 else None,
            kernel_regularizer=regularizer,
            name=f"hidden_{i + 1}" if i < len(hidden) else "output",
        )
        for i, units in enumerate(sizes)
    ]
    return nn.Sequential(stack), loss


def class_probabilities(model, X: np.ndarray) -> np.ndarray:
    """Class probabilities, shape (n, K): a sigmoid output p becomes the two columns [1 - p, p]."""
    out = np.asarray(model.predict(X), dtype=float)
    if out.ndim == 2 and out.shape[1] == 1:
        return np.hstack([1.0 - out, out])
    return out


def class_colors(num_classes: int) -> np.ndarray:
    """RGB colours (K, 3) for the classes, from the Okabe-Ito palette (blue, orange, green)."""
    from matplotlib.colors import to_rgb

    # Orange for class 0 and blue for class 1, as in TensorFlow Playground.
    order = [COLORS[1], COLORS[0], COLORS[2], COLORS[3], COLORS[4]]
    return np.array([to_rgb(c) for c in order[:num_classes]])


def probability_image(
    probs: np.ndarray, shape: tuple[int, int], strength: float = 0.7
) -> np.ndarray:
    """An RGB picture (H, W, 3) of class probabilities (H*W, K): white where the model is unsure.

    Each pixel mixes the class colours by probability, then fades to white by confidence
    (1 at a one-hot prediction, 0 when all classes are equally likely), like TensorFlow Playground.
    """
    num_classes = probs.shape[1]
    mix = probs @ class_colors(num_classes)
    confidence = (probs.max(axis=1) - 1.0 / num_classes) / (1.0 - 1.0 / num_classes)
    alpha = strength * np.clip(confidence, 0.0, 1.0)[:, None]
    rgb = (1.0 - alpha) + alpha * mix
    return rgb.reshape(*shape, 3)
