"""Two-dimensional loss surfaces for watching optimizers move: a bowl, Rosenbrock's valley, a saddle.

A real network's loss lives in millions of dimensions; these toy surfaces have two, so a path can be
drawn on a contour plot. Each one shows a difficulty that real losses have:

- ``elongated_bowl``: curvature 25 times larger across the valley than along it (an ill-conditioned
  quadratic). Plain gradient descent zig-zags across and crawls along; momentum and adaptive
  methods help.
- ``rosenbrock``: a curved, flat-bottomed banana valley; easy to reach, slow to follow to the minimum.
- ``saddle``: a point where the gradient is zero but which is not a minimum. Started close to the
  ridge, plain gradient descent lingers there; methods that rescale small gradients escape sooner.

Every surface comes as a value function ``f(x, y)`` (vectorised over NumPy grids, for contour plots)
and a gradient function returning ``(df/dx, df/dy)``. A ``Surface`` bundles them with a start point,
its minima and plot limits; ``get(name)`` looks one up.

Introduced in notebook 08_optimizers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np


def elongated_bowl(x, y):
    """An ill-conditioned quadratic bowl: f(x, y) = 0.1 x^2 + 2.5 y^2.

    The curvature is 0.2 along x and 5 along y (a condition number of 25), so a learning rate small
    enough to be stable across the valley is very slow along it. Minimum 0 at (0, 0).

    Args:
        x, y: numbers or NumPy arrays of the same shape (e.g. from ``np.meshgrid``).

    Returns:
        f(x, y), elementwise.

    Example:
        >>> float(elongated_bowl(1.0, 1.0))
        2.6

    Introduced in notebook 08_optimizers.
    """
    return 0.1 * np.square(x) + 2.5 * np.square(y)


def elongated_bowl_gradient(x, y):
    """Gradient of ``elongated_bowl``: (df/dx, df/dy) = (0.2 x, 5 y).

    Example:
        >>> [float(g) for g in elongated_bowl_gradient(1.0, 1.0)]
        [0.2, 5.0]

    Introduced in notebook 08_optimizers.
    """
    return 0.2 * np.asarray(x, dtype=float), 5.0 * np.asarray(y, dtype=float)


def rosenbrock(x, y):
    """Rosenbrock's banana function: f(x, y) = (1 - x)^2 + 100 (y - x^2)^2.

    A narrow curved valley along y = x^2 with its minimum 0 at (1, 1). Reaching the valley is quick;
    moving along its nearly flat floor is slow, which is why it is a classic optimizer test.

    Args:
        x, y: numbers or NumPy arrays of the same shape.

    Returns:
        f(x, y), elementwise.

    Example:
        >>> float(rosenbrock(1.0, 1.0)), float(rosenbrock(0.0, 0.0))
        (0.0, 1.0)

    Introduced in notebook 08_optimizers.
    """
    return np.square(1.0 - x) + 100.0 * np.square(y - np.square(x))


def rosenbrock_gradient(x, y):
    """Gradient of ``rosenbrock``.

    df/dx = -2 (1 - x) - 400 x (y - x^2),   df/dy = 200 (y - x^2).

    Example:
        >>> [float(g) for g in rosenbrock_gradient(0.0, 0.0)]
        [-2.0, 0.0]

    Introduced in notebook 08_optimizers.
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    inner = y - np.square(x)
    return -2.0 * (1.0 - x) - 400.0 * x * inner, 200.0 * inner


def saddle(x, y):
    """A saddle with two valleys: f(x, y) = x^2 - y^2 + y^4 / 4.

    At (0, 0) the gradient is zero, yet it is a saddle point: a minimum along x, a maximum along y.
    The y^4 term bends the surface back up, so there are two true minima, f = -1 at (0, +-sqrt 2).
    A path that starts almost on the ridge y = 0 feels only a tiny push towards either valley.

    Args:
        x, y: numbers or NumPy arrays of the same shape.

    Returns:
        f(x, y), elementwise.

    Example:
        >>> float(saddle(0.0, 0.0)), round(float(saddle(0.0, 2 ** 0.5)), 6)
        (0.0, -1.0)

    Introduced in notebook 08_optimizers.
    """
    y2 = np.square(y)
    return np.square(x) - y2 + 0.25 * np.square(y2)


def saddle_gradient(x, y):
    """Gradient of ``saddle``: (df/dx, df/dy) = (2 x, -2 y + y^3).

    Example:
        >>> [float(g) for g in saddle_gradient(1.0, 1.0)]
        [2.0, -1.0]

    Introduced in notebook 08_optimizers.
    """
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    return 2.0 * x, -2.0 * y + y**3


@dataclass(frozen=True)
class Surface:
    """A 2-D loss surface with everything needed to race optimizers on it.

    Attributes:
        name: registry name, e.g. ``"rosenbrock"``.
        title: a readable title with the formula.
        value: ``f(x, y)``, vectorised over arrays.
        gradient_xy: ``(x, y) -> (df/dx, df/dy)``.
        start: the starting point every optimizer shares.
        minima: the minimisers, a tuple of points (convergence means getting close to one).
        min_value: f at the minima.
        xlim, ylim: plot limits.
        learning_rate: a learning rate at which all four optimizers of the race behave.
        steps: a number of steps that shows the race well at that learning rate.
        log_scale: whether contours are spaced on a log scale (only for surfaces with f >= 0).

    Introduced in notebook 08_optimizers.
    """

    name: str
    title: str
    value: Callable
    gradient_xy: Callable
    start: tuple[float, float]
    minima: tuple[tuple[float, float], ...]
    min_value: float
    xlim: tuple[float, float]
    ylim: tuple[float, float]
    learning_rate: float
    steps: int
    log_scale: bool = True

    def __call__(self, x, y):
        return self.value(x, y)

    def gradient(self, point) -> np.ndarray:
        """The gradient at one point, as an array of shape (2,) (what an optimizer step needs)."""
        point = np.asarray(point, dtype=float)
        if point.shape != (2,):
            raise ValueError(
                f"Surface.gradient: `point` must have shape (2,) (an (x, y) pair), got shape "
                f"{point.shape}. Pass one point, e.g. np.array([x, y])."
            )
        gx, gy = self.gradient_xy(point[0], point[1])
        return np.array([gx, gy], dtype=float)

    def distance_to_minimum(self, points) -> np.ndarray:
        """Distance from each point (array (k, 2)) to its nearest minimiser, shape (k,)."""
        points = np.atleast_2d(np.asarray(points, dtype=float))
        minima = np.asarray(self.minima, dtype=float)
        diffs = points[:, None, :] - minima[None, :, :]
        return np.sqrt(np.square(diffs).sum(axis=-1)).min(axis=1)

    def __repr__(self) -> str:
        return f"Surface({self.name!r}: {self.title}, start={self.start})"


SURFACES: dict[str, Surface] = {
    "elongated_bowl": Surface(
        name="elongated_bowl",
        title="Elongated bowl: 0.1 x² + 2.5 y²",
        value=elongated_bowl,
        gradient_xy=elongated_bowl_gradient,
        start=(-4.5, 1.5),
        minima=((0.0, 0.0),),
        min_value=0.0,
        xlim=(-5.0, 5.0),
        ylim=(-2.0, 2.0),
        learning_rate=0.1,
        steps=400,
    ),
    "rosenbrock": Surface(
        name="rosenbrock",
        title="Rosenbrock: (1 − x)² + 100 (y − x²)²",
        value=rosenbrock,
        gradient_xy=rosenbrock_gradient,
        start=(-1.2, 1.0),
        minima=((1.0, 1.0),),
        min_value=0.0,
        xlim=(-2.0, 2.0),
        ylim=(-1.0, 3.0),
        learning_rate=0.001,
        steps=2000,
    ),
    "saddle": Surface(
        name="saddle",
        title="Saddle: x² − y² + y⁴/4",
        value=saddle,
        gradient_xy=saddle_gradient,
        start=(-2.5, 1e-4),
        minima=((0.0, 2.0**0.5), (0.0, -(2.0**0.5))),
        min_value=-1.0,
        xlim=(-3.0, 3.0),
        ylim=(-2.5, 2.5),
        learning_rate=0.05,
        steps=200,
        log_scale=False,
    ),
}
"""The surfaces by name: ``elongated_bowl``, ``rosenbrock``, ``saddle``."""

NAMES = tuple(SURFACES)


def get(name: str | Surface) -> Surface:
    """Look up a surface by name (a ``Surface`` passes through).

    Example:
        >>> get("saddle").min_value
        -1.0

    Introduced in notebook 08_optimizers.
    """
    if isinstance(name, Surface):
        return name
    if name not in SURFACES:
        raise ValueError(
            f"surfaces.get: unknown surface {name!r}. Valid names: {', '.join(NAMES)}."
        )
    return SURFACES[name]
