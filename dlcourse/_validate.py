"""Input checks shared by the NumPy core (neuron, activations, layers, regularizers).

Each check turns a learner's input into a float array or raises an error that teaches: it names
the argument, says what was received and what was expected, and suggests the fix. Nothing here
reshapes silently.
"""

from __future__ import annotations

import numpy as np


def as_float_array(value: object, arg: str, where: str) -> np.ndarray:
    """Return ``value`` as a floating-point NumPy array (float64 unless it already is float32).

    Args:
        value: a number, a (nested) list of numbers or an array.
        arg: the argument's name, for the error message (e.g. ``"z"``).
        where: who is checking, for the error message (e.g. ``"relu"``).

    Returns:
        A float array; integers and booleans become float64. The input is never modified.

    Raises:
        TypeError: when ``value`` is not numeric (strings, None, objects, complex numbers).
    """
    if isinstance(value, np.ndarray) and value.dtype.kind == "f":
        return value
    try:
        array = np.asarray(value)
    except ValueError as error:  # ragged nested lists
        raise TypeError(
            f"{where}: `{arg}` must be a rectangular array of numbers, got a ragged "
            f"{type(value).__name__} ({error}). Make every row the same length."
        ) from None
    if array.dtype.kind not in "biuf":
        shown = repr(value)
        if len(shown) > 60:
            shown = shown[:57] + "..."
        raise TypeError(
            f"{where}: `{arg}` must be numeric (a NumPy array, a list of numbers or a number), "
            f"got {type(value).__name__} {shown} (dtype {array.dtype}). "
            f"Convert your data first, e.g. np.asarray({arg}, dtype=float)."
        )
    return array.astype(np.float64)


def as_2d_float_array(value: object, arg: str, where: str) -> np.ndarray:
    """Like :func:`as_float_array`, but also require a 2-D ``(num_samples, num_features)`` array.

    Raises:
        TypeError: when ``value`` is not numeric.
        ValueError: when ``value`` is not 2-D, with the reshape that probably fixes it.
    """
    array = as_float_array(value, arg, where)
    if array.ndim != 2:
        hint = (
            f"For one sample use {arg}.reshape(1, -1); for one feature use {arg}.reshape(-1, 1)."
            if array.ndim == 1
            else "Rows are examples: stack your samples into a (num_samples, num_features) array."
        )
        raise ValueError(
            f"{where}: `{arg}` must be 2-D with shape (num_samples, num_features), got "
            f"{array.ndim}-D shape {array.shape}. {hint}"
        )
    return array
