"""Demonstrations for notebook 08_optimizers.

- ``ROUND_BOWL``: a gently curved bowl (curvatures 1 and 2) on which the four learning-rate regimes
  (too small, good, too large, divergent) are easy to tell apart.
- ``optimizer_path`` / ``race``: run any dlcourse optimizer on a 2-D surface from
  ``dlcourse.surfaces`` and record the path; ``describe_run`` says how it went.
- ``race_figure``: one small contour plot per optimizer, so six paths do not hide each other.
- ``run_steps`` / ``run_keras_steps``: apply the same gradient sequence with a dlcourse optimizer and
  with a Keras optimizer, to compare the weights they end with.
- ``optimizer_experiment`` / ``results_table``: a small seeded comparison of optimizers and learning
  rates on a real task (the digits), with dlcourse's MLP.

Introduced in notebook 08_optimizers.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence

import numpy as np

from dlcourse import optimizers, surfaces

__all__ = [
    "ROUND_BOWL",
    "optimizer_path",
    "race",
    "describe_run",
    "race_figure",
    "run_steps",
    "run_keras_steps",
    "optimizer_experiment",
    "results_table",
]

DIVERGENCE_BOUND = 1e6
"""A path that leaves |x|, |y| <= this (or becomes NaN) counts as diverged and stops there."""


def _round_bowl(x, y):
    return 0.5 * np.square(x) + np.square(y)


def _round_bowl_gradient(x, y):
    return np.asarray(x, dtype=float), 2.0 * np.asarray(y, dtype=float)


ROUND_BOWL = surfaces.Surface(
    name="round_bowl",
    title="Round bowl: 0.5 x² + y²",
    value=_round_bowl,
    gradient_xy=_round_bowl_gradient,
    start=(-1.8, 1.2),
    minima=((0.0, 0.0),),
    min_value=0.0,
    xlim=(-2.0, 2.0),
    ylim=(-1.5, 1.5),
    learning_rate=0.6,
    steps=30,
)
"""A bowl with curvatures 1 (along x) and 2 (along y), a ``dlcourse.surfaces.Surface``.

Gradient descent multiplies the distance to the minimum by ``1 - lr`` along x and ``1 - 2 lr``
along y per step, so it diverges for ``lr > 1``; unlike the elongated bowl, one learning rate can
suit both directions, which makes "too small", "good", "too large" and "divergent" easy to see.
(``dlcourse.surfaces`` has the harder surfaces; this gentle one is only needed in notebook 08.)

Example:
    >>> float(ROUND_BOWL(1.0, 1.0))
    1.5

Introduced in notebook 08_optimizers.
"""


def optimizer_path(
    optimizer: optimizers.Optimizer,
    surface: str | surfaces.Surface,
    steps: int,
    start: Sequence[float] | None = None,
) -> np.ndarray:
    """Run ``optimizer`` on a 2-D surface for ``steps`` steps, using the exact gradient.

    The optimizer is used as it is (its state carries on if it was used before; pass a fresh one
    for a fresh run). A path that diverges stops early: it is then shorter than ``steps + 1``.

    Args:
        optimizer: a dlcourse optimizer, e.g. ``optimizers.SGD(learning_rate=0.1)``.
        surface: a surface name from ``dlcourse.surfaces.NAMES`` or a ``Surface``.
        steps: the number of update steps.
        start: the starting point (x, y); the surface's own start by default.

    Returns:
        The points visited, shape (k + 1, 2) with k <= steps, starting with ``start``.

    Example:
        >>> path = optimizer_path(optimizers.SGD(learning_rate=0.1), "elongated_bowl", steps=2)
        >>> path.round(3).tolist()
        [[-4.5, 1.5], [-4.41, 0.75], [-4.322, 0.375]]

    Introduced in notebook 08_optimizers.
    """
    surface = surfaces.get(surface)
    w = np.array(surface.start if start is None else start, dtype=float)
    path = [w.copy()]
    for _ in range(steps):
        optimizer.step([w], [surface.gradient(w)])
        path.append(w.copy())
        if not np.all(np.abs(w) <= DIVERGENCE_BOUND):  # also catches NaN
            break
    return np.array(path)


def race(
    contenders: Mapping[str, optimizers.Optimizer],
    surface: str | surfaces.Surface,
    steps: int,
) -> dict[str, np.ndarray]:
    """Run each optimizer (a copy, so the given ones stay fresh) from the surface's start.

    Args:
        contenders: name -> dlcourse optimizer.
        surface: a surface name or ``Surface``.
        steps: the number of steps for each.

    Returns:
        name -> path of shape (k + 1, 2).

    Introduced in notebook 08_optimizers.
    """
    return {
        name: optimizer_path(copy.deepcopy(opt), surface, steps) for name, opt in contenders.items()
    }


def describe_run(surface: str | surfaces.Surface, path: np.ndarray, tolerance: float) -> str:
    """One line about a path: diverged, converged (to within ``tolerance``) in N steps, or not.

    Converged means within ``tolerance`` of a minimum from some step to the end of the run.

    Example:
        >>> describe_run("elongated_bowl", np.array([[1.0, 1.0], [0.0, 0.001], [0.0, 0.0]]), 0.01)
        'converged in 1 steps, final loss 0'

    Introduced in notebook 08_optimizers.
    """
    surface = surfaces.get(surface)
    if not np.all(np.isfinite(path[-1])) or np.any(np.abs(path[-1]) > DIVERGENCE_BOUND):
        return f"diverged at step {len(path) - 1}"
    inside = surface.distance_to_minimum(path) < tolerance
    outside = np.flatnonzero(~inside)  # the steps at which the path was not (yet) close
    at = None if not inside[-1] else (0 if outside.size == 0 else int(outside[-1]) + 1)
    final = float(surface(*path[-1]) - surface.min_value)
    if at is None:
        return f"not within {tolerance:g} after {len(path) - 1} steps, final loss {final:.2g}"
    return f"converged in {at} steps, final loss {final:.2g}"


def race_figure(
    surface: str | surfaces.Surface,
    paths: Mapping[str, np.ndarray],
    title: str,
    max_points: int = 150,
    ncols: int = 3,
):
    """Small multiples: one contour plot of ``surface`` per optimizer, with its path.

    Long paths are thinned to about ``max_points`` dots (every k-th step, always keeping the last
    point), which keeps thousands of steps readable; points outside the plot are dropped.

    Args:
        surface: a surface name or ``Surface``.
        paths: name -> path (k + 1, 2), e.g. from ``race``.
        title: the figure's title.
        max_points: the most dots drawn per path.
        ncols: panels per row.

    Returns:
        The matplotlib Figure (width 12.8 in, 3.2 in per row).

    Introduced in notebook 08_optimizers.
    """
    import matplotlib.pyplot as plt

    from dlcourse import plots

    surface = surfaces.get(surface)
    nrows = -(-len(paths) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(12.8, 3.2 * nrows), squeeze=False)
    for ax, (name, path) in zip(axes.flat, paths.items(), strict=False):
        stride = max(1, -(-(len(path) - 1) // max_points))
        shown = np.vstack([path[:-1:stride], path[-1:]]) if len(path) > 1 else path
        (x0, x1), (y0, y1) = surface.xlim, surface.ylim
        keep = (shown[:, 0] >= x0) & (shown[:, 0] <= x1) & (shown[:, 1] >= y0) & (shown[:, 1] <= y1)
        plots.loss_surface(
            surface,
            surface.xlim,
            surface.ylim,
            paths={name: shown[keep]},
            ax=ax,
            log_scale=surface.log_scale,
        )
        ax.set_title(name if stride == 1 else f"{name} (a dot every {stride} steps)")
        ax.set_xlabel("")
        ax.set_ylabel("")
        legend = ax.get_legend()
        if legend is not None:
            legend.remove()
    for ax in list(axes.flat)[len(paths) :]:
        ax.axis("off")
    fig.suptitle(title)
    fig.tight_layout()
    return fig


def run_steps(
    optimizer: optimizers.Optimizer, w0: np.ndarray, gradients: Sequence[np.ndarray]
) -> np.ndarray:
    """Apply ``gradients`` one by one with a dlcourse optimizer, starting from a copy of ``w0``.

    Returns:
        The final weights (a new array).

    Example:
        >>> run_steps(optimizers.SGD(learning_rate=0.5), np.zeros(2), [np.ones(2)] * 2)
        array([-1., -1.])

    Introduced in notebook 08_optimizers.
    """
    w = np.array(w0, dtype=float)
    for g in gradients:
        optimizer.step([w], [np.asarray(g, dtype=float)])
    return w


def run_keras_steps(keras_optimizer, w0: np.ndarray, gradients: Sequence[np.ndarray]) -> np.ndarray:
    """The same as ``run_steps`` with a ``keras.optimizers`` optimizer, on a float64 variable.

    Imports TensorFlow through ``dlcourse.keras_bridge`` (only when called).

    Returns:
        The final weights as a NumPy array.

    Introduced in notebook 08_optimizers.
    """
    from dlcourse.keras_bridge import keras

    w = keras.Variable(np.array(w0, dtype=float), dtype="float64")
    for g in gradients:
        keras_optimizer.apply_gradients([(keras.ops.convert_to_tensor(g, dtype="float64"), w)])
    return np.array(w.numpy())


def optimizer_experiment(
    X_train: np.ndarray,
    y_train: np.ndarray,
    X_val: np.ndarray,
    y_val: np.ndarray,
    choices: Mapping[str, tuple[str, dict]],
    learning_rates: Sequence[float],
    epochs: int = 5,
    hidden_units: int = 32,
    batch_size: int = 32,
    seed: int = 0,
) -> dict[tuple[str, float], dict]:
    """Train the same small MLP with every optimizer at every learning rate; seeded and fair.

    The model is ``Dense(hidden_units, relu) -> Dense(num_classes, softmax)`` with sparse
    categorical cross-entropy. Every run starts from the same initial weights and sees the same
    batches in the same order (same seeds), so only the optimizer and the learning rate differ.
    Runs are scored on validation data (never the test set: that is for the chosen settings only).

    Args:
        X_train, y_train: training inputs (n, features) and integer labels (n,).
        X_val, y_val: validation data, used to compare the runs.
        choices: label -> (optimizer name, extra keyword arguments), e.g.
            ``{"momentum": ("sgd", {"momentum": 0.9})}``.
        learning_rates: the learning rates to try with each optimizer.
        epochs: passes over the training data per run.
        hidden_units: width of the hidden layer.
        batch_size: mini-batch size.
        seed: seed of the weights and of the shuffling.

    Returns:
        ``(label, learning_rate) -> {"loss": training loss per epoch, "val_accuracy": float,
        "model": the trained model}``.

    Example:
        >>> from dlcourse import data
        >>> (Xtr, ytr), (Xva, yva) = data.digits(seed=0)
        >>> runs = optimizer_experiment(Xtr[:200], ytr[:200], Xva, yva, {"adam": ("adam", {})},
        ...                             [0.01], epochs=2)
        >>> sorted(runs[("adam", 0.01)])
        ['loss', 'model', 'val_accuracy']

    Introduced in notebook 08_optimizers.
    """
    from dlcourse import nn

    num_classes = int(np.max(y_train)) + 1
    results = {}
    for label, (name, kwargs) in choices.items():
        for lr in learning_rates:
            model = nn.mlp(
                X_train.shape[1], hidden_units, num_classes, "relu", "softmax", seed=seed
            )
            optimizer = optimizers.get(name, learning_rate=lr, **kwargs)
            history = model.fit(
                X_train,
                y_train,
                loss="sparse_categorical_crossentropy",
                optimizer=optimizer,
                epochs=epochs,
                batch_size=batch_size,
                seed=seed,
            )
            scores = model.evaluate(X_val, y_val, metrics=["accuracy"])
            results[label, lr] = {
                "loss": list(history.history["loss"]),
                "val_accuracy": float(scores["accuracy"]),
                "model": model,
            }
    return results


def best_learning_rate(results: Mapping[tuple[str, float], dict], label: str) -> float:
    """The learning rate with the highest validation accuracy for ``label`` (ties: the smaller).

    Introduced in notebook 08_optimizers.
    """
    rates = sorted(lr for name, lr in results if name == label)
    if not rates:
        raise ValueError(f"best_learning_rate: no runs for label {label!r} in results")
    return max(rates, key=lambda lr: (results[label, lr]["val_accuracy"], -lr))


def bracketed_search(
    X_train: np.ndarray,
    y_train: np.ndarray,
    X_val: np.ndarray,
    y_val: np.ndarray,
    choices: Mapping[str, tuple[str, dict]],
    learning_rates: Sequence[float],
    factor: float = 10.0,
    max_extensions: int = 3,
    **kwargs,
) -> dict[tuple[str, float], dict]:
    """Grid search that extends each optimizer's grid until its best rate is inside it.

    Starts from ``learning_rates`` for every optimizer; while an optimizer's best validation
    accuracy sits at the smallest (largest) rate tried, it tries one more rate ``factor`` times
    smaller (larger), at most ``max_extensions`` times. A best rate at the grid's edge only says
    "maybe further out is better"; a best rate with a worse neighbour on each side is bracketed.

    Args:
        X_train, y_train, X_val, y_val, choices, learning_rates: as in ``optimizer_experiment``.
        factor: ratio between neighbouring rates when extending.
        max_extensions: the most rates added per optimizer.
        **kwargs: passed on to ``optimizer_experiment`` (epochs, seed, ...).

    Returns:
        The runs of ``optimizer_experiment``, for every rate tried.

    Introduced in notebook 08_optimizers.
    """
    if factor <= 1:
        raise ValueError(f"bracketed_search: factor must be > 1, got {factor!r}")
    results = optimizer_experiment(
        X_train, y_train, X_val, y_val, choices, learning_rates, **kwargs
    )
    for label, choice in choices.items():
        for _ in range(max_extensions):
            rates = sorted(lr for name, lr in results if name == label)
            best = best_learning_rate(results, label)
            if rates[0] < best < rates[-1]:
                break
            new = float(f"{(best / factor if best == rates[0] else best * factor):.3g}")
            results.update(
                optimizer_experiment(
                    X_train, y_train, X_val, y_val, {label: choice}, [new], **kwargs
                )
            )
    return results


def results_table(results: Mapping[tuple[str, float], dict], metric: str = "val_accuracy") -> str:
    """A text table of ``metric``: one row per optimizer, one column per learning rate tried.

    Accuracies are rounded to 2 decimals (stable across machines); the best learning rate of each
    row (``best_learning_rate``) is marked with ``*``; a rate not tried for a row is left blank.

    Example:
        >>> runs = {("sgd", 0.1): {"val_accuracy": 0.9}, ("sgd", 1.0): {"val_accuracy": 0.5}}
        >>> print(results_table(runs))
        val_accuracy     η = 0.1      η = 1
        sgd                 0.90*      0.50

    Introduced in notebook 08_optimizers.
    """
    labels = list(dict.fromkeys(label for label, _ in results))
    rates = sorted({lr for _, lr in results})
    lines = [f"{metric:14s}" + "".join(f"{f'η = {lr:g}':>10s} " for lr in rates)]
    for label in labels:
        best = best_learning_rate(results, label) if metric == "val_accuracy" else None
        cells = []
        for lr in rates:
            if (label, lr) not in results:
                cells.append(" " * 11)
            else:
                mark = "*" if lr == best else " "
                cells.append(f"{results[label, lr][metric]:10.2f}{mark}")
        lines.append(f"{label:14s}" + "".join(cells))
    return "\n".join(line.rstrip() for line in lines)
