"""CapacityExplorer: how many neurons? Train vs test loss as a network grows, on a few noisy points.

``CapacityExplorerState`` (pure: NumPy + dlcourse, no ipywidgets) trains small seeded MLPs
(``dlcourse.nn.Sequential`` with ReLU hidden layers, Adam, full-batch) on 40 noisy "moons" points
and measures them on 400 held-out points; results are cached per (width, depth). ``CapacityExplorer``
is the view: width and depth controls, the fitted decision boundary, and train and test loss against
the width, so under-fitting (too few neurons: both losses high) and over-fitting (too many: train
loss near zero, test loss climbing) are visible side by side.

Every run uses the same data, the same number of epochs and the same seeds, so the only thing that
changes between two points of the curve is the network's size.

This module is the pure part, :class:`CapacityExplorerState`: it imports neither ipywidgets nor
IPython, so it can be tested and used on its own. The ipywidgets view, :class:`CapacityExplorer`, is
in :mod:`dlcourse.widgets.capacity_explorer`.

Introduced in notebook 04_layers_and_network_size.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from dlcourse import data, losses, nn, optimizers, training
from dlcourse.plots.probability import class_probabilities, probability_image

WIDTHS = (1, 2, 4, 8, 16, 32, 64)
"""Hidden units per layer offered by the width control (doubling, to span small to too big)."""
DEPTHS = (1, 2, 3)
"""Numbers of hidden layers offered by the depth control."""


@dataclass
class CapacityResult:
    """One trained network: its size, final train/test loss and accuracy, and boundary picture."""

    width: int
    depth: int
    num_params: int
    train_loss: float
    test_loss: float
    train_accuracy: float
    test_accuracy: float
    grid_probabilities: np.ndarray
    seconds: float


class CapacityExplorerState:
    """Seeded, cached training of small MLPs of different width and depth on a small noisy dataset.

    Args:
        dataset: a 2-class generator of ``dlcourse.data`` ("moons", "circle", "xor", "gauss", "spiral").
        noise: the dataset's noise.
        num_train: training points (few, so a big network can memorise them).
        num_test: held-out points that measure generalisation.
        epochs: full-batch Adam steps per network.
        learning_rate: Adam's learning rate.
        activation: hidden-layer activation.
        seed: seeds the data, the split and the initial weights.
        grid_size: resolution of the boundary picture per side.

    Example:
        >>> state = CapacityExplorerState()
        >>> small, big = state.train(1, 1), state.train(64, 1)
        >>> small.train_loss > big.train_loss
        True

    Introduced in notebook 04_layers_and_network_size.
    """

    def __init__(
        self,
        dataset: str = "moons",
        noise: float = 0.3,
        num_train: int = 40,
        num_test: int = 400,
        epochs: int = 400,
        learning_rate: float = 0.03,
        activation: str = "relu",
        seed: int = 0,
        grid_size: int = 60,
    ):
        if not isinstance(epochs, int) or epochs < 1:
            raise ValueError(f"epochs: must be an int >= 1, got {epochs!r}.")
        X, y = data.load(dataset, n=num_train + num_test, noise=noise, seed=seed)
        if len(np.unique(y)) != 2:
            raise ValueError(
                f"dataset: the CapacityExplorer needs a 2-class dataset, got {dataset!r} with "
                f"{len(np.unique(y))} classes. Try 'moons' or 'circle'."
            )
        (self.X_train, self.y_train), (self.X_test, self.y_test) = data.train_test_split(
            X, y, test_size=num_test, seed=seed
        )
        # Standardise with the training set's statistics (what one would do in practice).
        self.mean = self.X_train.mean(axis=0)
        self.std = self.X_train.std(axis=0)
        self.dataset, self.noise, self.seed = dataset, noise, seed
        self.epochs, self.learning_rate, self.activation = epochs, learning_rate, activation
        low = X.min(axis=0) - 0.5
        high = X.max(axis=0) + 0.5
        self.extent = (low[0], high[0], low[1], high[1])
        xx, yy = np.meshgrid(
            np.linspace(low[0], high[0], grid_size), np.linspace(low[1], high[1], grid_size)
        )
        self.grid_points = np.column_stack([xx.ravel(), yy.ravel()])
        self.grid_shape = xx.shape
        self.cache: dict[tuple[int, int], CapacityResult] = {}
        self.num_trainings = 0

    def transform(self, X: np.ndarray) -> np.ndarray:
        """Standardised inputs: (X - mean) / std with the training set's mean and std."""
        return (X - self.mean) / self.std

    def train(self, width: int, depth: int) -> CapacityResult:
        """Train (or fetch from the cache) the network with ``depth`` hidden layers of ``width``."""
        for name, value in (("width", width), ("depth", depth)):
            if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
                raise ValueError(f"{name}: must be an int >= 1, got {value!r}.")
        key = (int(width), int(depth))
        if key in self.cache:
            return self.cache[key]
        start = time.perf_counter()
        units, output_activation, loss_name = nn.output_spec("binary")
        hidden = (key[0],) * key[1]
        model = nn.mlp(2, hidden, units, self.activation, output_activation, seed=self.seed)
        loss = losses.get(loss_name)
        optimizer = optimizers.get("adam", learning_rate=self.learning_rate)
        F_train, F_test = self.transform(self.X_train), self.transform(self.X_test)
        for _ in range(self.epochs):  # full batch: every epoch is one step on all points
            model.train_step(F_train, self.y_train, loss, optimizer)
        p_train, p_test = model.predict(F_train), model.predict(F_test)
        result = CapacityResult(
            width=key[0],
            depth=key[1],
            num_params=model.count_params(),
            train_loss=float(loss(self.y_train, p_train)),
            test_loss=float(loss(self.y_test, p_test)),
            train_accuracy=training.accuracy(self.y_train, p_train),
            test_accuracy=training.accuracy(self.y_test, p_test),
            grid_probabilities=class_probabilities(model, self.transform(self.grid_points)),
            seconds=time.perf_counter() - start,
        )
        self.cache[key] = result
        self.num_trainings += 1
        return result

    def sweep(self, depth: int, widths: tuple[int, ...] = WIDTHS) -> list[CapacityResult]:
        """Train every width at this depth (cached ones are reused); results in width order."""
        return [self.train(w, depth) for w in widths]

    def curve(self, depth: int) -> list[CapacityResult]:
        """The cached results at this depth, in width order."""
        return sorted((r for (w, d), r in self.cache.items() if d == depth), key=lambda r: r.width)

    def boundary_image(self, width: int, depth: int) -> np.ndarray:
        """The fitted boundary as an RGB picture (grid_size, grid_size, 3), origin at the bottom."""
        return probability_image(self.train(width, depth).grid_probabilities, self.grid_shape)

    def __repr__(self) -> str:
        return (
            f"CapacityExplorerState(dataset={self.dataset!r}, noise={self.noise}, "
            f"num_train={len(self.X_train)}, num_test={len(self.X_test)}, "
            f"cached={sorted(self.cache)})"
        )
