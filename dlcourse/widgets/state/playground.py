"""Playground: TensorFlow Playground in Jupyter, trained with dlcourse's own NumPy MLP.

``PlaygroundState`` is the pure part (NumPy + dlcourse, no ipywidgets): it makes the dataset, the
input features and a seeded ``dlcourse.nn.Sequential``, trains it epoch by epoch with
``state.step(n)``, and computes the decision-boundary picture. ``Playground`` is the view: the
controls of https://playground.tensorflow.org (dataset, noise, train/test ratio, features, hidden
layers, activation, learning rate, regularisation, batch size) plus an optimizer choice and a
3-class spiral with a softmax output; Play / Pause / Step / Reset; a live heatmap with the train and
test points; train and test loss curves; and "Epoch N" in the text line.

Differences from the original, on purpose: the output layer is a sigmoid unit trained with binary
cross-entropy (softmax with sparse categorical cross-entropy for 3 classes), as one would build it in
Keras, instead of the Playground's tanh with squared error; the losses shown are the data loss
(cross-entropy without the regularisation penalty), on the whole train and test sets after each epoch.

Playing never blocks the kernel: it runs as an asyncio task on the kernel's event loop that trains a
few epochs, redraws, then ``await``s a short sleep, so other cells (and the Pause button) still run.

This module is the pure part, :class:`PlaygroundState`: it imports neither ipywidgets nor IPython,
so it can be tested and used on its own. The ipywidgets view, :class:`Playground`, is in
:mod:`dlcourse.widgets.playground`.

Introduced in notebook 09_mlp_from_scratch.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from dlcourse import data, losses, nn, optimizers, regularizers
from dlcourse.plots.probability import class_probabilities, probability_image
from dlcourse.widgets._training import OPTIMIZER_NAMES

DATASETS = ("circle", "xor", "gauss", "spiral", "spiral3")
"""The Playground's four classification sets, plus "spiral3": a 3-class spiral (softmax output)."""

DATASET_LABELS = {
    "circle": "Circle",
    "xor": "Exclusive or",
    "gauss": "Gaussian",
    "spiral": "Spiral",
    "spiral3": "Spiral, 3 classes (softmax)",
}

FEATURES: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "x1": lambda X: X[:, 0],
    "x2": lambda X: X[:, 1],
    "x1^2": lambda X: X[:, 0] ** 2,
    "x2^2": lambda X: X[:, 1] ** 2,
    "x1*x2": lambda X: X[:, 0] * X[:, 1],
    "sin(x1)": lambda X: np.sin(X[:, 0]),
    "sin(x2)": lambda X: np.sin(X[:, 1]),
}
"""The input features, computed from the raw coordinates (x1, x2), as in the Playground."""

ACTIVATIONS = ("relu", "tanh", "sigmoid", "linear")
REGULARIZATIONS = ("none", "l1", "l2")
LEARNING_RATES = (0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
"""The Playground's learning-rate menu."""
REGULARIZATION_RATES = (0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
MAX_HIDDEN_LAYERS = 6
MAX_UNITS = 8
DOMAIN = (-6.0, 6.0)
"""The square the datasets live in and the heatmap covers (as in the Playground)."""

LIVE_SETTINGS = ("learning_rate", "batch_size")
"""Settings that apply to the running network; every other change rebuilds it at epoch 0."""


class PlaygroundState:
    """Data, features, a seeded MLP and its training history; one epoch at a time.

    Args:
        dataset: one of ``DATASETS``.
        noise: the Playground's noise, 0.0 to 0.5.
        train_ratio: fraction of the points used for training (the rest are the test set), 0.1-0.9.
        features: names from ``FEATURES`` fed to the network (at least one).
        hidden: units per hidden layer, e.g. ``(4, 2)``; 0 to 6 layers of 1 to 8 units.
        activation: hidden-layer activation, one of ``ACTIVATIONS``.
        learning_rate: the optimizer's learning rate.
        regularization: "none", "l1" or "l2" (on every kernel, Keras semantics).
        regularization_rate: the l1 / l2 factor.
        batch_size: examples per update step.
        optimizer: "sgd", "momentum" (SGD, momentum 0.9), "rmsprop" or "adam".
        num_samples: points in the dataset (the Playground uses 500).
        seed: seeds the data, the split, the initial weights and each epoch's shuffle, so the same
            settings give the same run.
        grid_size: the heatmap's resolution per side.

    Example:
        >>> state = PlaygroundState("xor", hidden=(4,), seed=0)
        >>> losses = state.step(20)  # 20 epochs
        >>> state.epoch
        20

    Introduced in notebook 09_mlp_from_scratch.
    """

    def __init__(
        self,
        dataset: str = "circle",
        noise: float = 0.0,
        train_ratio: float = 0.5,
        features: tuple[str, ...] = ("x1", "x2"),
        hidden: tuple[int, ...] = (4, 2),
        activation: str = "tanh",
        learning_rate: float = 0.03,
        regularization: str = "none",
        regularization_rate: float = 0.0,
        batch_size: int = 10,
        optimizer: str = "sgd",
        num_samples: int = 500,
        seed: int = 0,
        grid_size: int = 50,
    ):
        self.settings: dict = {}
        self.configure(
            dataset=dataset,
            noise=noise,
            train_ratio=train_ratio,
            features=features,
            hidden=hidden,
            activation=activation,
            learning_rate=learning_rate,
            regularization=regularization,
            regularization_rate=regularization_rate,
            batch_size=batch_size,
            optimizer=optimizer,
            num_samples=num_samples,
            seed=seed,
            grid_size=grid_size,
        )

    # -- settings ---------------------------------------------------------------------------------

    def configure(self, **changes) -> bool:
        """Change settings. Returns True if the network was rebuilt (back to epoch 0).

        ``learning_rate`` and ``batch_size`` apply to the running network (as in the Playground);
        any other change rebuilds the data and the network from the seed.
        """
        new = {**self.settings, **changes}
        unknown = set(changes) - set(_VALIDATORS)
        if unknown:
            raise ValueError(
                f"PlaygroundState: unknown setting(s) {sorted(unknown)}; valid settings: "
                f"{', '.join(_VALIDATORS)}."
            )
        for name in changes:
            new[name] = _VALIDATORS[name](changes[name])
        rebuild = not self.settings or any(
            new[k] != self.settings[k] for k in changes if k not in LIVE_SETTINGS
        )
        self.settings = new
        if rebuild:
            self.reset()
        elif "learning_rate" in changes:
            self.optimizer.learning_rate = new["learning_rate"]
        return rebuild

    def __getattr__(self, name: str):
        # Settings read like attributes: state.dataset, state.hidden, ...
        settings = self.__dict__.get("settings", {})
        if name in settings:
            return settings[name]
        raise AttributeError(f"PlaygroundState has no attribute {name!r}")

    @property
    def num_classes(self) -> int:
        return 3 if self.settings["dataset"] == "spiral3" else 2

    @property
    def num_inputs(self) -> int:
        return len(self.settings["features"])

    @property
    def layer_sizes(self) -> list[int]:
        """Units per layer from input to output, e.g. [2, 4, 2, 1]."""
        outputs = 1 if self.num_classes == 2 else self.num_classes
        return [self.num_inputs, *self.settings["hidden"], outputs]

    def transform(self, X: np.ndarray) -> np.ndarray:
        """The selected input features of raw points X (n, 2) -> (n, num_inputs)."""
        return np.column_stack([FEATURES[name](X) for name in self.settings["features"]])

    # -- data, network, training -------------------------------------------------------------------

    def reset(self) -> None:
        """Regenerate data and split, rebuild the network from the seed; back to epoch 0."""
        s = self.settings
        seed = s["seed"]
        if s["dataset"] == "spiral3":
            X, y = data.spiral(n=s["num_samples"], noise=s["noise"], seed=seed, num_classes=3)
        else:
            X, y = data.load(s["dataset"], n=s["num_samples"], noise=s["noise"], seed=seed)
        (self.X_train, self.y_train), (self.X_test, self.y_test) = data.train_test_split(
            X, y, test_size=1.0 - s["train_ratio"], seed=seed
        )
        self.F_train = self.transform(self.X_train)
        self.F_test = self.transform(self.X_test)
        regularizer = None
        if s["regularization"] != "none":
            regularizer = regularizers.get(s["regularization"], s["regularization_rate"])
        task = "binary" if self.num_classes == 2 else "multiclass"
        units, output_activation, loss_name = nn.output_spec(task, self.num_classes)
        self.model = nn.mlp(
            self.num_inputs, s["hidden"], units, s["activation"], output_activation,
            kernel_regularizer=regularizer, seed=seed,
        )  # fmt: skip
        self.loss = losses.get(loss_name)
        self.optimizer = optimizers.get(s["optimizer"], learning_rate=s["learning_rate"])
        self.epoch = 0
        self.train_loss: list[float] = []
        self.test_loss: list[float] = []
        self._record_losses()

    def _record_losses(self) -> None:
        self.train_loss.append(float(self.loss(self.y_train, self.model.predict(self.F_train))))
        self.test_loss.append(float(self.loss(self.y_test, self.model.predict(self.F_test))))

    def step(self, num_epochs: int = 1) -> tuple[float, float]:
        """Train ``num_epochs`` epochs (mini-batches of ``batch_size``, shuffled per epoch).

        Each epoch's shuffle is seeded by (seed, epoch number), so a run does not depend on how it
        was split into calls (``step(10)`` equals ten ``step(1)``).

        Returns:
            (train_loss, test_loss) after the last epoch.
        """
        if not isinstance(num_epochs, (int, np.integer)) or num_epochs < 1:
            raise ValueError(f"step: `num_epochs` must be an int >= 1, got {num_epochs!r}.")
        n = len(self.F_train)
        batch = self.settings["batch_size"]
        for _ in range(int(num_epochs)):
            rng = np.random.default_rng([self.settings["seed"], self.epoch])
            order = rng.permutation(n)
            for start in range(0, n, batch):
                idx = order[start : start + batch]
                self.model.train_step(
                    self.F_train[idx], self.y_train[idx], self.loss, self.optimizer
                )
            self.epoch += 1
            self._record_losses()
        return self.train_loss[-1], self.test_loss[-1]

    def grid(self) -> tuple[np.ndarray, np.ndarray]:
        """The heatmap's raw points (grid_size**2, 2), row by row from the bottom, and its shape."""
        g = self.settings["grid_size"]
        ticks = np.linspace(*DOMAIN, g)
        xx, yy = np.meshgrid(ticks, ticks)
        return np.column_stack([xx.ravel(), yy.ravel()]), (g, g)

    def probabilities(self, X: np.ndarray) -> np.ndarray:
        """Class probabilities (n, K) for raw points X (n, 2)."""
        return class_probabilities(self.model, self.transform(X))

    def boundary_image(self) -> np.ndarray:
        """The decision-boundary picture: RGB (grid_size, grid_size, 3), origin at the bottom."""
        points, shape = self.grid()
        return probability_image(self.probabilities(points), shape)

    def describe(self) -> str:
        """The architecture in one line, e.g. "2 → 4 → 2 → 1 (sigmoid)"."""
        out = "sigmoid" if self.num_classes == 2 else "softmax"
        return " → ".join(str(u) for u in self.layer_sizes) + f" ({out})"

    def __repr__(self) -> str:
        s = self.settings
        return (
            f"PlaygroundState(dataset={s['dataset']!r}, network={self.describe()!r}, "
            f"epoch={self.epoch}, train_loss={self.train_loss[-1]:.4f}, "
            f"test_loss={self.test_loss[-1]:.4f})"
        )


# -- validation: each setting's check names the setting, the value and what is allowed -----------


def _choice(name: str, options: tuple) -> Callable:
    def check(value):
        if value not in options:
            raise ValueError(
                f"{name}: got {value!r}; choose one of {', '.join(map(str, options))}."
            )
        return value

    return check


def _number(name: str, low: float, high: float, integer: bool = False) -> Callable:
    def check(value):
        kind = (int, np.integer) if integer else (int, float, np.integer, np.floating)
        if isinstance(value, bool) or not isinstance(value, kind):
            raise TypeError(
                f"{name}: expected {'an int' if integer else 'a number'} between {low} and {high}, "
                f"got {type(value).__name__} {value!r}."
            )
        if not low <= value <= high:
            raise ValueError(f"{name}: must be between {low} and {high}, got {value!r}.")
        return int(value) if integer else float(value)

    return check


def _features(value) -> tuple[str, ...]:
    names = (value,) if isinstance(value, str) else tuple(value)
    unknown = [n for n in names if n not in FEATURES]
    if unknown:
        raise ValueError(f"features: unknown {unknown}; choose from {', '.join(FEATURES)}.")
    if not names:
        raise ValueError(
            "features: at least one input feature must be selected (got none). Tick x1 and x2."
        )
    # Keep the Playground's order whatever order they were ticked in.
    return tuple(n for n in FEATURES if n in names)


def _hidden(value) -> tuple[int, ...]:
    units = tuple(value)
    if len(units) > MAX_HIDDEN_LAYERS:
        raise ValueError(
            f"hidden: at most {MAX_HIDDEN_LAYERS} hidden layers, got {len(units)} ({units})."
        )
    for u in units:
        if isinstance(u, bool) or not isinstance(u, (int, np.integer)) or not 1 <= u <= MAX_UNITS:
            raise ValueError(
                f"hidden: each layer needs 1 to {MAX_UNITS} units (an int), got {units}. "
                "Example: hidden=(4, 2)."
            )
    return tuple(int(u) for u in units)


_VALIDATORS: dict[str, Callable] = {
    "dataset": _choice("dataset", DATASETS),
    "noise": _number("noise", 0.0, 0.5),
    "train_ratio": _number("train_ratio", 0.1, 0.9),
    "features": _features,
    "hidden": _hidden,
    "activation": _choice("activation", ACTIVATIONS),
    "learning_rate": _number("learning_rate", 1e-6, 10.0),
    "regularization": _choice("regularization", REGULARIZATIONS),
    "regularization_rate": _number("regularization_rate", 0.0, 10.0),
    "batch_size": _number("batch_size", 1, 500, integer=True),
    "optimizer": _choice("optimizer", OPTIMIZER_NAMES),
    "num_samples": _number("num_samples", 20, 5000, integer=True),
    "seed": _number("seed", 0, 2**32 - 1, integer=True),
    "grid_size": _number("grid_size", 10, 200, integer=True),
}
