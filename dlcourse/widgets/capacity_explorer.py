"""CapacityExplorer: how many neurons? Train vs test loss as a network grows, on a few noisy points.

``CapacityExplorerState`` (pure: NumPy + dlcourse, no ipywidgets) trains small seeded MLPs
(``dlcourse.nn.Sequential`` with ReLU hidden layers, Adam, full-batch) on 40 noisy "moons" points
and measures them on 400 held-out points; results are cached per (width, depth). ``CapacityExplorer``
is the view: width and depth controls, the fitted decision boundary, and train and test loss against
the width, so under-fitting (too few neurons: both losses high) and over-fitting (too many: train
loss near zero, test loss climbing) are visible side by side.

Every run uses the same data, the same number of epochs and the same seeds, so the only thing that
changes between two points of the curve is the network's size.

Introduced in notebook 04_layers_and_network_size.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import ipywidgets as W
import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, NullLocator

from dlcourse import COLORS, data
from dlcourse.widgets._base import WidgetView, shows_errors
from dlcourse.widgets._training import (
    build_mlp,
    class_colors,
    class_probabilities,
    make_optimizer,
    probability_image,
)

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
        model, loss_name = build_mlp(2, (key[0],) * key[1], 2, self.activation, seed=self.seed)
        from dlcourse import losses

        loss = losses.get(loss_name)
        optimizer = make_optimizer("adam", self.learning_rate)
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
            train_accuracy=float(np.mean((p_train[:, 0] > 0.5) == self.y_train)),
            test_accuracy=float(np.mean((p_test[:, 0] > 0.5) == self.y_test)),
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


class CapacityExplorer(WidgetView):
    """Width and depth controls; the fitted boundary and train/test loss against the width.

    Controls (``.controls``): ``width`` (1 to 64 units per hidden layer) and ``depth`` (1 to 3
    hidden layers). Changing the depth trains the whole width curve for it (each network takes a
    fraction of a second; results are cached), so moving the width is instant.

    Example:
        >>> CapacityExplorer(width=8, depth=1)  # doctest: +SKIP

    Introduced in notebook 04_layers_and_network_size.
    """

    def __init__(self, width: int = 4, depth: int = 1, **state_kwargs):
        self.state = CapacityExplorerState(**state_kwargs)
        controls = {
            "width": W.SelectionSlider(
                options=WIDTHS, value=width, description="width", continuous_update=False
            ),
            "depth": W.SelectionSlider(
                options=DEPTHS, value=depth, description="depth", continuous_update=False
            ),
        }
        super().__init__(Figure(figsize=(9, 3.9)), controls)
        self._build_figure()
        self._layout([W.HBox([controls["width"], controls["depth"]])])
        controls["width"].observe(self._on_change, names="value")
        controls["depth"].observe(self._on_change, names="value")
        self._update()

    def _build_figure(self) -> None:
        s = self.state
        # Fixed rectangles rather than constrained layout: a redraw then costs no layout work.
        self.ax_map = self.fig.add_axes((0.07, 0.13, 0.41, 0.79))
        self.ax_curve = self.fig.add_axes((0.58, 0.13, 0.40, 0.79))
        ax = self.ax_map
        g = s.grid_shape
        self.heatmap = ax.imshow(
            np.ones((*g, 3)),
            origin="lower",
            extent=s.extent,
            interpolation="bilinear",
            aspect="auto",
            zorder=0,
        )
        colors = class_colors(2)
        for k in range(2):
            X = s.X_test[s.y_test == k]
            ax.plot(
                X[:, 0],
                X[:, 1],
                ".",
                color=colors[k],
                markersize=3,
                alpha=0.45,
                label="test points" if k == 0 else None,
            )
        for k in range(2):
            X = s.X_train[s.y_train == k]
            ax.plot(
                X[:, 0],
                X[:, 1],
                "o",
                markerfacecolor=colors[k],
                markeredgecolor="black",
                markersize=6,
                label="training points" if k == 0 else None,
            )
        ax.set_xlim(s.extent[:2])
        ax.set_ylim(s.extent[2:])
        ax.grid(False)
        ax.set_xlabel("x1")
        ax.set_ylabel("x2")
        ax.legend(loc="lower left", fontsize=8, framealpha=0.8)
        self.map_title = ax.set_title("")
        ax = self.ax_curve
        (self.train_line,) = ax.plot([], [], "o-", color=COLORS[0], label="train loss")
        (self.test_line,) = ax.plot([], [], "s--", color=COLORS[3], label="test loss")
        (self.current_marker,) = ax.plot(
            [],
            [],
            "o",
            markersize=14,
            markerfacecolor="none",
            markeredgecolor="black",
            markeredgewidth=1.5,
            label="current network",
        )
        ax.set_xscale("log", base=2)
        ax.xaxis.set_major_locator(FixedLocator(WIDTHS))
        ax.xaxis.set_minor_locator(NullLocator())
        ax.set_xticklabels([str(w) for w in WIDTHS])
        ax.set_xlim(0.8, 80)
        ax.set_xlabel("hidden units per layer (width)")
        ax.set_ylabel("loss (binary cross-entropy)")
        ax.legend(fontsize=8, loc="upper left")
        self.curve_title = ax.set_title("")

    def _update(self) -> None:
        width, depth = self.controls["width"].value, self.controls["depth"].value
        s = self.state
        s.sweep(depth)
        current = s.train(width, depth)
        self.heatmap.set_data(s.boundary_image(width, depth))
        curve = s.curve(depth)
        widths = [r.width for r in curve]
        self.train_line.set_data(widths, [r.train_loss for r in curve])
        self.test_line.set_data(widths, [r.test_loss for r in curve])
        self.current_marker.set_data([width, width], [current.train_loss, current.test_loss])
        top = max(r.test_loss for r in curve)
        self.ax_curve.set_ylim(0, 1.1 * max(top, max(r.train_loss for r in curve)))
        layers = "layer" if depth == 1 else "layers"
        self.map_title.set_text(
            f"{depth} hidden {layers} of {width}: {current.num_params} parameters"
        )
        self.curve_title.set_text(f"Train vs test loss, {depth} hidden {layers}")
        best = min(curve, key=lambda r: r.test_loss)
        self.text.value = (
            f"<b>width {width}, depth {depth}</b> ({current.num_params} parameters, trained on "
            f"{len(s.X_train)} points): train loss {current.train_loss:.3f}, test loss "
            f"{current.test_loss:.3f}, test accuracy {current.test_accuracy:.2f}. "
            f"<span style='color:gray'>Lowest test loss at this depth: width {best.width}.</span>"
        )
        self.redraw()

    @shows_errors
    def _on_change(self, _change) -> None:
        self._update()
