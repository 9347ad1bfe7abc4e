"""Weight initializers with Keras 3's names and distributions.

For a kernel of shape ``(fan_in, fan_out)`` = ``(num_inputs, units)``:

| name             | distribution                                                              |
| ---------------- | ------------------------------------------------------------------------- |
| glorot_uniform   | U(-limit, limit), limit = sqrt(6 / (fan_in + fan_out))  (Keras' default)  |
| glorot_normal    | truncated normal, stddev = sqrt(2 / (fan_in + fan_out)) / 0.8796...        |
| he_uniform       | U(-limit, limit), limit = sqrt(6 / fan_in)              (for ReLU)        |
| he_normal        | truncated normal, stddev = sqrt(2 / fan_in) / 0.8796...  (for ReLU)        |
| lecun_uniform    | U(-limit, limit), limit = sqrt(3 / fan_in)                                |
| lecun_normal     | truncated normal, stddev = sqrt(1 / fan_in) / 0.8796...  (for SELU)        |
| random_normal    | N(0, 0.05**2)                                                             |
| random_uniform   | U(-0.05, 0.05)                                                            |
| zeros, ones      | constants                                                                 |

"Truncated normal" redraws every value further than 2 standard deviations from 0, as Keras does;
0.87962566103423978 is the standard deviation of a standard normal truncated at +-2, so dividing
by it gives the truncated samples the variance the formula asks for. The random numbers differ
from Keras' (another generator), the distributions are the same.

Example:
    >>> import numpy as np
    >>> W = get("glorot_uniform")((3, 2), np.random.default_rng(0))
    >>> W.shape, bool(np.all(np.abs(W) <= np.sqrt(6 / 5)))
    ((3, 2), True)

Introduced in notebook 07_backpropagation (why the scale of the first weights matters).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from dlcourse import _registry

__all__ = ["get", "NAMES", "compute_fans", "truncated_normal"]

Initializer = Callable[[tuple[int, ...], np.random.Generator], np.ndarray]

_TRUNCATED_STDDEV = 0.87962566103423978


def compute_fans(shape: tuple[int, ...]) -> tuple[int, int]:
    """Return (fan_in, fan_out) as Keras computes them: (shape[0], shape[1]) for a kernel."""
    if len(shape) == 0:
        return 1, 1
    if len(shape) == 1:
        return shape[0], shape[0]
    return shape[0], shape[1]


def truncated_normal(shape: tuple[int, ...], stddev: float, rng: np.random.Generator) -> np.ndarray:
    """Draw N(0, stddev**2) samples, redrawing any beyond 2 standard deviations (like Keras)."""
    values = rng.normal(0.0, stddev, size=shape)
    outside = np.abs(values) > 2.0 * stddev
    while np.any(outside):  # about 4.6% per round: the loop ends after a few rounds
        values[outside] = rng.normal(0.0, stddev, size=int(outside.sum()))
        outside = np.abs(values) > 2.0 * stddev
    return values


def _variance_scaling(scale: float, mode: str, distribution: str) -> Initializer:
    def initializer(shape: tuple[int, ...], rng: np.random.Generator) -> np.ndarray:
        fan_in, fan_out = compute_fans(shape)
        n = {"fan_in": fan_in, "fan_avg": (fan_in + fan_out) / 2.0}[mode]
        variance = scale / max(1.0, n)
        if distribution == "uniform":
            limit = math.sqrt(3.0 * variance)
            return rng.uniform(-limit, limit, size=shape)
        return truncated_normal(shape, math.sqrt(variance) / _TRUNCATED_STDDEV, rng)

    return initializer


_INITIALIZERS: dict[str, Initializer] = {
    "glorot_uniform": _variance_scaling(1.0, "fan_avg", "uniform"),
    "glorot_normal": _variance_scaling(1.0, "fan_avg", "truncated_normal"),
    "he_uniform": _variance_scaling(2.0, "fan_in", "uniform"),
    "he_normal": _variance_scaling(2.0, "fan_in", "truncated_normal"),
    "lecun_uniform": _variance_scaling(1.0, "fan_in", "uniform"),
    "lecun_normal": _variance_scaling(1.0, "fan_in", "truncated_normal"),
    "random_normal": lambda shape, rng: rng.normal(0.0, 0.05, size=shape),
    "random_uniform": lambda shape, rng: rng.uniform(-0.05, 0.05, size=shape),
    "zeros": lambda shape, rng: np.zeros(shape),
    "ones": lambda shape, rng: np.ones(shape),
}

NAMES: list[str] = list(_INITIALIZERS)
"""The initializer names ``get`` accepts (Keras 3 names)."""


def get(identifier: str | Initializer, arg: str = "kernel_initializer") -> Initializer:
    """Return the initializer ``f(shape, rng) -> array`` for a Keras name (or a callable as is).

    Args:
        identifier: a name from ``NAMES``, or a function ``f(shape, rng)`` returning an array.
        arg: the argument's name, for the error message.

    Raises:
        ValueError: for an unknown name (the message lists the valid ones).
        TypeError: for anything that is neither a name nor a callable.
    """
    if callable(identifier):
        return identifier
    if not isinstance(identifier, str):
        raise TypeError(
            f"`{arg}` must be an initializer name such as 'glorot_uniform' or a function "
            f"f(shape, rng), got {type(identifier).__name__} {identifier!r}."
        )
    key = _registry.resolve("initializer", identifier, _INITIALIZERS, context=f" for `{arg}`")
    return _INITIALIZERS[key]
