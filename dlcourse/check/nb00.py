"""Exercise checks for notebook 00_start_here: the worked sample exercise."""

from __future__ import annotations

import numpy as np

from dlcourse.check._core import Case, check_function, check_value

__all__ = ["min_max_scale", "scaled_middle"]


def _min_max_scale(x):
    x = np.asarray(x, dtype=float)
    span = x.max() - x.min()
    if span == 0:
        return np.zeros_like(x)
    return (x - x.min()) / span


def min_max_scale(answer) -> bool:
    """Check Exercise 0.1: ``min_max_scale(x)`` rescales an array linearly onto [0, 1].

    Cases: a short vector, negative values, an already-scaled vector, a 2-D array (scaled as a
    whole), and a constant vector (whose span is 0: the answer must be all zeros, not nan).
    """
    rng = np.random.default_rng(0)
    cases = [
        Case((np.array([2.0, 4.0, 6.0]),)),
        Case((np.array([-3.0, 0.0, 1.0, 5.0]),)),
        Case((np.array([0.0, 0.5, 1.0]),)),
        Case((rng.normal(size=(3, 4)),), label="a 3x4 array of random numbers"),
        Case((np.array([7.0, 7.0, 7.0]),), label="a constant array [7., 7., 7.] (its span is 0)"),
    ]
    return check_function(
        "min_max_scale",
        answer,
        _min_max_scale,
        cases,
        hint="subtract the minimum, divide by (maximum - minimum); when that span is 0, "
        "there is nothing to scale, so return zeros of the same shape.",
    )


def scaled_middle(answer) -> bool:
    """Check Exercise 0.2: the value of ``min_max_scale(np.array([1.0, 3.0, 5.0]))[1]``."""
    return check_value(
        "scaled_middle",
        answer,
        0.5,
        hint="3 is halfway between the minimum 1 and the maximum 5; where does halfway land on [0, 1]?",
    )
