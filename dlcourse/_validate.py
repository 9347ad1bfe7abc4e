"""Input checks shared by the whole package (core, lessons, widgets and checkers).

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


def as_float64_array(value: object, arg: str, where: str) -> np.ndarray:
    """Like :func:`as_float_array`, but always float64 (losses and networks compute in float64).

    Example:
        >>> as_float64_array(np.ones(2, dtype=np.float32), "y_true", "mse").dtype
        dtype('float64')
    """
    return as_float_array(value, arg, where).astype(np.float64, copy=False)


def check_int(value: object, arg: str, where: str, minimum: int | None = None) -> int:
    """Return ``value`` as an int, or raise: ``TypeError`` for a non-integer (bools included),
    ``ValueError`` for one below ``minimum``.

    Example:
        >>> check_int(3, "epochs", "fit", minimum=0)
        3
        >>> check_int(2.0, "epochs", "fit")
        Traceback (most recent call last):
        ...
        TypeError: fit: `epochs` must be an int, got float 2.0.
    """
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        expected = "an int" if minimum is None else f"an int >= {minimum}"
        raise TypeError(
            f"{where}: `{arg}` must be {expected}, got {type(value).__name__} {value!r}."
        )
    if minimum is not None and value < minimum:
        raise ValueError(f"{where}: `{arg}` must be an int >= {minimum}, got {value!r}.")
    return int(value)


def check_number(
    value: object,
    arg: str,
    where: str,
    low: float = -np.inf,
    high: float = np.inf,
    *,
    closed: tuple[bool, bool] = (True, True),
    meaning: str = "",
) -> float:
    """Return ``value`` as a finite float in the interval from ``low`` to ``high``, or raise.

    ``TypeError`` for anything that is not a real number (bools included), ``ValueError`` for an
    infinite or NaN value or one outside the interval (the message gives the interval).

    Args:
        value: the value to check.
        arg: the argument's name; where: who is checking (both for the message).
        low, high: the interval; ``closed`` says whether each end belongs to it.
        meaning: what the number is, added to the message (e.g. ``"the step size"``).

    Example:
        >>> check_number(0.5, "rate", "Dropout", 0.0, 1.0, closed=(True, False))
        0.5
        >>> check_number(1.0, "rate", "Dropout", 0.0, 1.0, closed=(True, False))
        Traceback (most recent call last):
        ...
        ValueError: Dropout: `rate` must be in [0, 1), got 1.0.
    """
    about = f" ({meaning})" if meaning else ""
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
        raise TypeError(
            f"{where}: `{arg}` must be a number{about}, got {type(value).__name__} {value!r}."
        )
    number = float(value)
    if not np.isfinite(number):
        raise ValueError(f"{where}: `{arg}` must be a finite number{about}, got {value!r}.")
    above = number >= low if closed[0] else number > low
    below = number <= high if closed[1] else number < high
    if not (above and below):
        interval = f"{'[' if closed[0] else '('}{low:g}, {high:g}{']' if closed[1] else ')'}"
        raise ValueError(f"{where}: `{arg}` must be in {interval}{about}, got {value!r}.")
    return number


def check_seed(seed: object, where: str, arg: str = "seed") -> int | None:
    """Return a seed (an int >= 0, or None), or raise ``TypeError``/``ValueError``.

    Example:
        >>> check_seed(0, "make_rng")
        0
    """
    if seed is None:
        return None
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer):
        raise TypeError(
            f"{where}: `{arg}` must be an int >= 0 or None, got {type(seed).__name__} {seed!r}."
        )
    if seed < 0:
        raise ValueError(f"{where}: `{arg}` must be an int >= 0 or None, got {seed!r}.")
    return int(seed)


def check_layer_sizes(layer_sizes: object, where: str, minimum_length: int = 1) -> list[int]:
    """Return the layer widths, input layer first, as a list of positive ints, or raise.

    Example:
        >>> check_layer_sizes((3, 2, 1), "dense_params")
        [3, 2, 1]
        >>> check_layer_sizes([3, 0], "dense_flops")
        Traceback (most recent call last):
        ...
        ValueError: dense_flops: `layer_sizes` must list positive ints, input layer first, e.g. [784, 128, 10]; got [3, 0].
    """
    if isinstance(layer_sizes, str) or not hasattr(layer_sizes, "__iter__"):
        raise TypeError(
            f"{where}: `layer_sizes` must be a list of ints (units per layer, input layer first), "
            f"got {type(layer_sizes).__name__} {layer_sizes!r}."
        )
    sizes = list(layer_sizes)  # type: ignore[call-overload]
    if not all(isinstance(s, int | np.integer) and not isinstance(s, bool) for s in sizes):
        raise TypeError(
            f"{where}: `layer_sizes` must be a list of ints (units per layer, input layer first), "
            f"got {sizes!r}."
        )
    if len(sizes) < minimum_length or any(s < 1 for s in sizes):
        raise ValueError(
            f"{where}: `layer_sizes` must list positive ints, input layer first, e.g. "
            f"[784, 128, 10]; got {sizes!r}."
        )
    return [int(s) for s in sizes]


def as_scalar(value: object, arg: str, where: str, meaning: str) -> float:
    """Return a single number (a Python or NumPy number, or a 0-d array) as a float, or raise
    ``TypeError`` (not numeric) or ``ValueError`` (an array with more than one number).

    Example:
        >>> as_scalar(np.float64(0.5), "b", "weighted_sum", "the neuron's bias")
        0.5
    """
    array = as_float_array(value, arg, where)
    if array.ndim != 0:
        raise ValueError(
            f"{where}: `{arg}` must be a single number ({meaning}), got shape {array.shape}."
        )
    return float(array)
