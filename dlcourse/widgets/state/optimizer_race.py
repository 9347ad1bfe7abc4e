"""OptimizerRace: SGD, momentum, RMSprop and Adam race from one start point on a 2-D loss surface.

``OptimizerRaceState`` (pure: NumPy + ``dlcourse.optimizers`` + ``dlcourse.surfaces``) runs each
optimizer for a number of steps on the surface's exact gradient and records its path and when it
converged. ``OptimizerRace`` is the view: a contour plot with the four paths, the distance to the
minimum against the step, and a surface / learning-rate / steps control.

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
        learning_rate: shared by all optimizers; None takes the surface's suggested value.
        steps: number of update steps; None takes the surface's suggested value.
        tolerance: distance to a minimum that counts as converged.
        optimizers: which of "sgd", "momentum", "rmsprop", "adam" race.

    Example:
        >>> race = OptimizerRaceState("elongated_bowl", learning_rate=0.1, steps=300)
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
    ):
        self.surface = surfaces.get(surface)
        self.learning_rate = self.surface.learning_rate if learning_rate is None else learning_rate
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
        self.results: dict[str, RaceResult] = {}

    def set_surface(self, surface: str | surfaces.Surface) -> None:
        """Switch surface and take its suggested learning rate and number of steps."""
        self.surface = surfaces.get(surface)
        self.learning_rate = self.surface.learning_rate
        self.steps = self.surface.steps
        self.results = {}

    def run_one(self, name: str) -> RaceResult:
        """Run one optimizer from the surface's start point; returns its ``RaceResult``."""
        steps = int(self.steps)
        if steps < 1:
            raise ValueError(f"steps: must be at least 1, got {self.steps!r}.")
        optimizer = optimizers_module.get(name, learning_rate=float(self.learning_rate))
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
            f"OptimizerRaceState(surface={self.surface.name!r}, learning_rate={self.learning_rate}, "
            f"steps={self.steps})"
        )
