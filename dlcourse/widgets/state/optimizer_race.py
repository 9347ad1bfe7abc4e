"""OptimizerRace: SGD, momentum, RMSprop and Adam race from one start point on a 2-D loss surface.

``OptimizerRaceState`` (pure: NumPy + ``dlcourse.optimizers`` + ``dlcourse.surfaces``) runs each
optimizer for a number of steps on the surface's exact gradient and records its path and when it
converged. Each optimizer has its own learning rate: a fair race gives each one its good rate (the
adaptive methods take steps of about the learning rate per coordinate, so their rates are not
comparable with SGD's). ``GOOD_RATES`` holds, per surface, each optimizer's best rate on a grid;
they are the defaults. ``OptimizerRace`` is the view: a contour plot with the four paths, the
distance to the minimum against the step, a surface and steps control and one learning-rate slider
per optimizer.

Converged means: within ``tolerance`` of a minimum at some step and staying within it until the end
of the run (a path that only passes through the target does not count). Diverged means the point
left the region |x|, |y| <= 1e6 or became NaN.

This module is the pure part, :class:`OptimizerRaceState`: it imports neither ipywidgets nor
IPython, so it can be tested and used on its own. The ipywidgets view, :class:`OptimizerRace`, is in
:mod:`dlcourse.widgets.optimizer_race`.

Introduced in notebook 08_optimizers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dlcourse import optimizers as optimizers_module
from dlcourse import surfaces
from dlcourse.widgets._training import OPTIMIZER_NAMES

DIVERGENCE_BOUND = 1e6
"""A point with a coordinate beyond this (or NaN) counts as diverged; the run stops there."""

RATE_GRID = (0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0)
"""The learning rates ``best_rate`` chooses from (factors of about 3)."""

GOOD_RATES = {
    "elongated_bowl": {"sgd": 0.3, "momentum": 0.1, "rmsprop": 0.03, "adam": 1.0},
    "rosenbrock": {"sgd": 0.003, "momentum": 0.003, "rmsprop": 0.01, "adam": 0.1},
    "saddle": {"sgd": 0.3, "momentum": 0.3, "rmsprop": 0.03, "adam": 0.1},
}
"""Each optimizer's default rate per surface: ``best_rate`` on ``RATE_GRID`` (tests recompute it)."""


def steps_to_converge(distances: np.ndarray, tolerance: float) -> int | None:
    """The first step after which every distance stays below ``tolerance`` (None if it never does).

    Args:
        distances: distance to the nearest minimum at steps 0..k, shape (k + 1,).
        tolerance: how close counts as converged.

    Example:
        >>> steps_to_converge(np.array([3.0, 0.001, 0.5, 0.001, 0.0]), 0.01)
        3
    """
    inside = np.asarray(distances) < tolerance
    if inside.size == 0 or not inside[-1]:
        return None
    outside = np.flatnonzero(~inside)
    return 0 if outside.size == 0 else int(outside[-1] + 1)


@dataclass
class RaceResult:
    """One optimizer's run: its path (k + 1, 2) from the start, distances (k + 1,), and outcome."""

    optimizer: str
    path: np.ndarray
    distances: np.ndarray
    steps: int
    converged_at: int | None
    diverged_at: int | None

    @property
    def summary(self) -> str:
        """A sentence for the widget, e.g. "converged in 116 steps"."""
        if self.diverged_at is not None:
            return f"diverged at step {self.diverged_at}"
        if self.converged_at is not None:
            return f"converged in {self.converged_at} steps"
        return f"did not converge in {self.steps} steps (distance {self.distances[-1]:.3g})"


class OptimizerRaceState:
    """Runs the four optimizers on one surface with one learning rate; pure, no ipywidgets.

    Args:
        surface: a name from ``dlcourse.surfaces.NAMES`` or a ``Surface``.
        learning_rate: one rate for all optimizers (an unfair race, for comparison); None gives
            each optimizer its own good rate, ``GOOD_RATES`` (or the surface's suggested value
            for a surface not in that table).
        learning_rates: per-optimizer rates, e.g. ``{"adam": 0.01}``; they override the others.
        steps: number of update steps; None takes the surface's suggested value.
        tolerance: distance to a minimum that counts as converged.
        optimizers: which of "sgd", "momentum", "rmsprop", "adam" race.

    Example:
        >>> race = OptimizerRaceState("elongated_bowl", steps=300)
        >>> race.learning_rates
        {'sgd': 0.3, 'momentum': 0.1, 'rmsprop': 0.03, 'adam': 1.0}
        >>> race.run()["momentum"].summary  # doctest: +SKIP
        'converged in 116 steps'

    Introduced in notebook 08_optimizers.
    """

    def __init__(
        self,
        surface: str | surfaces.Surface = "elongated_bowl",
        learning_rate: float | None = None,
        steps: int | None = None,
        tolerance: float = 1e-2,
        optimizers: tuple[str, ...] = OPTIMIZER_NAMES,
        learning_rates: dict[str, float] | None = None,
    ):
        self.surface = surfaces.get(surface)
        self.steps = self.surface.steps if steps is None else steps
        if not tolerance > 0:
            raise ValueError(f"tolerance: must be positive, got {tolerance!r}; e.g. 0.01.")
        self.tolerance = float(tolerance)
        for name in optimizers:
            if name not in OPTIMIZER_NAMES:
                raise ValueError(
                    f"optimizers: unknown name {name!r}. Valid names: {', '.join(OPTIMIZER_NAMES)}."
                )
        self.optimizers = tuple(optimizers)
        if learning_rate is None:
            self.learning_rates = self.default_rates()
        else:
            self.learning_rates = {name: learning_rate for name in self.optimizers}
        for name, rate in (learning_rates or {}).items():
            if name not in self.optimizers:
                raise ValueError(
                    f"learning_rates: {name!r} is not racing; the optimizers are "
                    f"{', '.join(self.optimizers)}."
                )
            self.learning_rates[name] = rate
        self.results: dict[str, RaceResult] = {}

    def default_rates(self) -> dict[str, float]:
        """Each racing optimizer's good rate on the current surface (``GOOD_RATES``)."""
        table = GOOD_RATES.get(self.surface.name, {})
        return {name: table.get(name, self.surface.learning_rate) for name in self.optimizers}

    def set_surface(self, surface: str | surfaces.Surface) -> None:
        """Switch surface and take each optimizer's good rate there and its number of steps."""
        self.surface = surfaces.get(surface)
        self.learning_rates = self.default_rates()
        self.steps = self.surface.steps
        self.results = {}

    def run_one(self, name: str) -> RaceResult:
        """Run one optimizer from the surface's start point; returns its ``RaceResult``."""
        steps = int(self.steps)
        if steps < 1:
            raise ValueError(f"steps: must be at least 1, got {self.steps!r}.")
        rate = self.learning_rates[name]
        if not (isinstance(rate, int | float) and rate > 0):
            raise ValueError(
                f"learning_rates[{name!r}]: must be a positive number, got {rate!r}; e.g. 0.01."
            )
        optimizer = optimizers_module.get(name, learning_rate=float(rate))
        point = np.array(self.surface.start, dtype=float)
        path = [point.copy()]
        diverged_at = None
        # Beyond the bound the cubic terms overflow; those warnings would only repeat "diverged".
        with np.errstate(over="ignore", invalid="ignore"):
            for step in range(1, steps + 1):
                optimizer.step([point], [self.surface.gradient(point)])  # updates `point` in place
                if not np.all(np.isfinite(point)) or np.abs(point).max() > DIVERGENCE_BOUND:
                    diverged_at = step
                    break
                path.append(point.copy())
        path = np.array(path)
        distances = self.surface.distance_to_minimum(path)
        converged = (
            None if diverged_at is not None else steps_to_converge(distances, self.tolerance)
        )
        return RaceResult(name, path, distances, steps, converged, diverged_at)

    def run(self) -> dict[str, RaceResult]:
        """Run every optimizer; the results are also kept in ``self.results``."""
        self.results = {name: self.run_one(name) for name in self.optimizers}
        return self.results

    def __repr__(self) -> str:
        return (
            f"OptimizerRaceState(surface={self.surface.name!r}, "
            f"learning_rates={self.learning_rates}, steps={self.steps})"
        )


def best_rate(
    surface: str | surfaces.Surface, name: str, grid: tuple[float, ...] = RATE_GRID
) -> float:
    """The rate on ``grid`` with which optimizer ``name`` does best on ``surface``.

    Best: converged in the fewest steps; if none converges, the smallest final distance; a rate
    that diverges is never best. Uses the surface's suggested number of steps.

    Introduced in notebook 08_optimizers.
    """

    def score(rate: float) -> tuple[int, float]:
        result = OptimizerRaceState(surface, learning_rate=rate, optimizers=(name,)).run_one(name)
        if result.diverged_at is not None:
            return (2, 0.0)
        if result.converged_at is not None:
            return (0, float(result.converged_at))
        return (1, float(result.distances[-1]))

    return min(grid, key=score)
