"""Shared pieces of the course's figures: colours, colour maps and getting an Axes.

Colours come from the Okabe-Ito palette (``dlcourse.COLORS``), which stays distinguishable with the
common forms of colour blindness. Signed quantities (weights, class-1-versus-class-0 scores) use a
diverging map from vermillion (negative, class 0) through white to blue (positive, class 1), the
colours TensorFlow Playground gives its two classes, taken from the same palette. Magnitudes (loss
values, counts) use the perceptually uniform "viridis" and "cividis" maps.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import LinearSegmentedColormap

from dlcourse import COLORS

BLUE, ORANGE, GREEN, VERMILLION, PURPLE, SKY_BLUE, YELLOW, BLACK = COLORS
POSITIVE = BLUE
"""Colour of positive weights and of class 1 in binary problems."""
NEGATIVE = VERMILLION
"""Colour of negative weights and of class 0 in binary problems."""
NEUTRAL = "0.7"
"""Colour of zero weights and of edges drawn without weights."""

SIGNED_CMAP = LinearSegmentedColormap.from_list("dlcourse_signed", [NEGATIVE, "white", POSITIVE])
"""Diverging map for signed values: vermillion (negative) - white (zero) - blue (positive)."""


def get_ax(ax: Axes | None, where: str) -> Axes:
    """Return ``ax``, or a new Axes on a new pyplot figure when ``ax`` is None."""
    if ax is None:
        _, ax = plt.subplots()
        return ax
    if not isinstance(ax, Axes):
        raise TypeError(
            f"{where}: `ax` must be a matplotlib Axes (e.g. from fig, ax = plt.subplots()) or "
            f"None, got {type(ax).__name__}. If you have a Figure, pass fig.add_subplot()."
        )
    return ax


def as_1d(values: object, arg: str, where: str) -> np.ndarray:
    """Return ``values`` as a 1-D float64 array, or raise an error that says how to get one."""
    try:
        array = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(
            f"{where}: `{arg}` must be numbers (a list or a 1-D NumPy array), got "
            f"{type(values).__name__}."
        ) from None
    if array.ndim != 1:
        raise ValueError(
            f"{where}: `{arg}` must be 1-D, got shape {array.shape}. Pass one value per point, "
            f"e.g. np.linspace(-5, 5, 401), or flatten it with {arg}.ravel()."
        )
    return array
