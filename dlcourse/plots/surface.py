"""A two-dimensional loss surface as a filled contour map, with optimizer paths drawn on it.

Introduced in notebook 08_optimizers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import matplotlib.patheffects as path_effects
import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import BoundaryNorm
from matplotlib.pyplot import get_cmap
from matplotlib.ticker import MaxNLocator

from dlcourse import COLORS
from dlcourse.plots._common import get_ax

# Path colours: Okabe-Ito, starting with those that stand out on viridis's purple-green-yellow.
_PATH_COLORS = [COLORS[i] for i in (1, 3, 5, 4, 2, 0, 7, 6)]


def loss_surface(
    f: Callable[[np.ndarray, np.ndarray], np.ndarray],
    xlim: tuple[float, float],
    ylim: tuple[float, float],
    paths: Mapping[str, Any] | None = None,
    ax: Axes | None = None,
    levels: int = 30,
    log_scale: bool = True,
    resolution: int = 200,
    colorbar: bool | None = None,
) -> Axes:
    """Draw the contours of a loss ``f(w1, w2)`` and, optionally, paths taken by optimizers.

    With ``log_scale`` the contour levels are spaced logarithmically above the lowest value on the
    grid (``min + geomspace(range / 10**4, range)``), so the flat floor of a valley, where
    optimizers spend most of their steps, gets as many contours as its steep walls.

    Args:
        f: the loss, vectorised: ``f(W1, W2)`` with two grids from ``np.meshgrid`` returns a grid
            of the same shape (write it with NumPy operations, e.g. ``0.1 * w1**2 + 2 * w2**2``).
        xlim, ylim: the ranges ``(low, high)`` of the first and second parameter.
        paths: optional ``{name: array of shape (num_steps, 2)}``, each drawn as a line with
            dots, its last point enlarged.
        ax: the Axes to draw on; None makes a new figure.
        levels: the number of contour levels.
        log_scale: space the levels logarithmically (see above) instead of evenly.
        resolution: grid points along each axis.
        colorbar: add a colour bar; by default only when this function makes the figure (a
            widget that redraws onto its own Axes would otherwise add a new bar each time).

    Returns:
        The Axes. ``ax.collections[0]`` holds the filled contours; each path is a line labelled
        with its name (``ax.get_lines()``).

    Example:
        >>> ax = loss_surface(lambda a, b: a**2 + 3 * b**2, (-2, 2), (-2, 2),
        ...                   paths={"sgd": np.array([[1.5, 1.5], [1.2, 0.6], [0.9, 0.2]])})
        >>> [line.get_label() for line in ax.get_lines()][0]
        'sgd'

    Introduced in notebook 08_optimizers.
    """
    where = "loss_surface"
    xlim, ylim = _check_range(xlim, "xlim", where), _check_range(ylim, "ylim", where)
    if isinstance(levels, bool) or not isinstance(levels, int) or levels < 2:
        raise ValueError(f"{where}: `levels` must be an int >= 2, got {levels!r}.")
    xs = np.linspace(*xlim, resolution)
    ys = np.linspace(*ylim, resolution)
    W1, W2 = np.meshgrid(xs, ys)
    vectorise = (
        "Write f with NumPy operations that work elementwise on arrays (np.exp, **, +), not "
        "math.exp or if/else on single numbers."
    )
    try:
        with np.errstate(over="ignore", invalid="ignore"):
            Z = np.asarray(f(W1, W2), dtype=np.float64)
    except TypeError as error:
        raise TypeError(
            f"{where}: f(W1, W2) failed on two {W1.shape} grids ({error}). {vectorise}"
        ) from error
    if Z.shape != W1.shape:
        raise ValueError(
            f"{where}: f(W1, W2) must return a grid of the shape of its inputs, {W1.shape}, got "
            f"shape {Z.shape}. {vectorise}"
        )
    finite = Z[np.isfinite(Z)]
    if finite.size == 0:
        raise ValueError(f"{where}: f returned no finite values on the grid {xlim} x {ylim}.")
    Z = np.ma.masked_invalid(Z)
    bounds = _levels(float(finite.min()), float(finite.max()), levels, log_scale)

    new_figure = ax is None
    ax = get_ax(ax, where)
    cmap = get_cmap("viridis")
    filled = ax.contourf(W1, W2, Z, levels=bounds, cmap=cmap, norm=BoundaryNorm(bounds, cmap.N))
    ax.contour(W1, W2, Z, levels=bounds, colors="white", linewidths=0.4, alpha=0.35)
    if colorbar or (colorbar is None and new_figure):
        bar = ax.figure.colorbar(filled, ax=ax, label="loss")
        if log_scale:
            ticks = bounds[:: max(1, len(bounds) // 6)]
        else:
            ticks = MaxNLocator(6).tick_values(bounds[0], bounds[-1])
            ticks = ticks[(ticks >= bounds[0]) & (ticks <= bounds[-1])]
        bar.set_ticks(ticks, labels=[f"{t:.3g}" for t in ticks])
    for k, (name, path) in enumerate((paths or {}).items()):
        _draw_path(ax, name, path, _PATH_COLORS[k % len(_PATH_COLORS)], where)
    ax.set_xlim(xlim)
    ax.set_ylim(ylim)
    ax.grid(False)  # the contours are the grid
    ax.set_title("Loss surface" + (" and optimizer paths" if paths else ""))
    ax.set_xlabel("w1")
    ax.set_ylabel("w2")
    if paths:
        ax.legend(loc="upper right", fontsize=8, frameon=True, framealpha=0.85)
    return ax


def _levels(low: float, high: float, count: int, log_scale: bool) -> np.ndarray:
    span = high - low
    if span <= 0:  # a flat surface still needs increasing levels
        return low + np.linspace(0.0, 1.0, count)
    if not log_scale:
        return np.linspace(low, high, count)
    return low + np.concatenate([[0.0], np.geomspace(span * 1e-4, span, count - 1)])


def _check_range(limits: Any, arg: str, where: str) -> tuple[float, float]:
    try:
        low, high = (float(v) for v in limits)
    except (TypeError, ValueError):
        raise ValueError(
            f"{where}: `{arg}` must be a pair (low, high), e.g. {arg}=(-2, 2), got {limits!r}."
        ) from None
    if not low < high:
        raise ValueError(f"{where}: `{arg}` must have low < high, got {limits!r}.")
    return low, high


def _draw_path(ax: Axes, name: str, path: Any, color: str, where: str) -> None:
    points = np.asarray(path, dtype=np.float64)
    if points.ndim != 2 or points.shape[1] != 2 or len(points) == 0:
        raise ValueError(
            f"{where}: path {name!r} must be an array of shape (num_steps, 2), one (w1, w2) "
            f"point per step, got shape {points.shape}. Stack the points with np.array(points)."
        )
    # A white outline keeps each path readable on any colour of the map.
    outline = [path_effects.withStroke(linewidth=3.5, foreground="white")]
    ax.plot(
        points[:, 0],
        points[:, 1],
        "-o",
        color=color,
        lw=1.6,
        markersize=2.5,
        label=name,
        path_effects=outline,
        zorder=3,
    )
    ax.plot(
        points[-1, 0],
        points[-1, 1],
        "o",
        color=color,
        markersize=7,
        markeredgecolor="white",
        zorder=4,
    )
