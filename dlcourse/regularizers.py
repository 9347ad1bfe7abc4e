"""Weight penalties (regularizers) that discourage large weights, with Keras 3's names.

A regularizer adds a penalty on a layer's kernel W to the loss: L1 adds l1 * sum(|W|) (it pushes
weights to exactly zero), L2 adds l2 * sum(W**2) (it shrinks all weights: "weight decay").
Each has ``__call__(W)`` (the penalty, a float) and ``gradient(W)`` (d penalty / dW).

Example:
    >>> import numpy as np
    >>> W = np.array([[1.0, -2.0], [0.5, 0.0]])
    >>> L2(l2=0.01)(W)
    0.0525
    >>> L1(l1=0.1).gradient(W)
    array([[ 0.1, -0.1],
           [ 0.1,  0. ]])

Introduced in notebook 04_layers_and_network_size.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from dlcourse import _registry
from dlcourse._validate import as_float_array, check_number

__all__ = ["Regularizer", "L1", "L2", "L1L2", "get", "NAMES"]


def _check_factor(value: Any, arg: str, where: str) -> float:
    # A negative factor would reward large weights.
    return check_number(value, arg, where, 0.0, np.inf, meaning="the penalty's strength, e.g. 0.01")


class Regularizer:
    """Base class: a penalty on a weight array W, and its gradient.

    Introduced in notebook 04_layers_and_network_size.
    """

    name = "regularizer"

    def __call__(self, W: Any) -> float:
        """Return the penalty for the weights ``W`` (any shape), a float >= 0."""
        return float(self._penalty(as_float_array(W, "W", type(self).__name__)))

    def gradient(self, W: Any) -> np.ndarray:
        """Return d penalty / dW, an array shaped like ``W``."""
        return self._gradient(as_float_array(W, "W", f"{type(self).__name__}.gradient"))

    def _penalty(self, W: np.ndarray) -> float:
        raise NotImplementedError

    def _gradient(self, W: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def get_config(self) -> dict[str, float]:
        """Return the factors, as Keras does (``{"l2": 0.01}``)."""
        return {}

    def __repr__(self) -> str:
        args = ", ".join(f"{key}={value!r}" for key, value in self.get_config().items())
        return f"{type(self).__name__}({args})"

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and self.get_config() == other.get_config()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((type(self).__name__, tuple(self.get_config().items())))


class L1(Regularizer):
    """The L1 penalty: l1 * sum(|W|).

    Gradient: l1 * sign(W) (0 where W = 0, the subgradient TensorFlow uses).

    Args:
        l1: the factor. Keras' default is 0.01.

    Example:
        >>> L1(l1=0.5)(np.array([1.0, -2.0]))
        1.5

    Introduced in notebook 04_layers_and_network_size.
    """

    name = "l1"

    def __init__(self, l1: float = 0.01) -> None:
        self.l1 = _check_factor(l1, "l1", "L1")

    def _penalty(self, W: np.ndarray) -> float:
        return self.l1 * np.sum(np.abs(W))

    def _gradient(self, W: np.ndarray) -> np.ndarray:
        return self.l1 * np.sign(W)

    def get_config(self) -> dict[str, float]:
        return {"l1": self.l1}


class L2(Regularizer):
    """The L2 penalty: l2 * sum(W**2) (Keras has no factor 1/2 here).

    Gradient: 2 * l2 * W.

    Args:
        l2: the factor. Keras' default is 0.01.

    Example:
        >>> L2(l2=0.5).gradient(np.array([1.0, -2.0]))
        array([ 1., -2.])

    Introduced in notebook 04_layers_and_network_size.
    """

    name = "l2"

    def __init__(self, l2: float = 0.01) -> None:
        self.l2 = _check_factor(l2, "l2", "L2")

    def _penalty(self, W: np.ndarray) -> float:
        return self.l2 * np.sum(np.square(W))

    def _gradient(self, W: np.ndarray) -> np.ndarray:
        return 2.0 * self.l2 * W

    def get_config(self) -> dict[str, float]:
        return {"l2": self.l2}


class L1L2(Regularizer):
    """Both penalties: l1 * sum(|W|) + l2 * sum(W**2) (Keras' defaults: both 0.0).

    Gradient: l1 * sign(W) + 2 * l2 * W.

    Example:
        >>> L1L2(l1=0.1, l2=0.5)(np.array([1.0, -2.0]))
        2.8

    Introduced in notebook 04_layers_and_network_size.
    """

    name = "l1_l2"

    def __init__(self, l1: float = 0.0, l2: float = 0.0) -> None:
        self.l1 = _check_factor(l1, "l1", "L1L2")
        self.l2 = _check_factor(l2, "l2", "L1L2")

    def _penalty(self, W: np.ndarray) -> float:
        return self.l1 * np.sum(np.abs(W)) + self.l2 * np.sum(np.square(W))

    def _gradient(self, W: np.ndarray) -> np.ndarray:
        return self.l1 * np.sign(W) + 2.0 * self.l2 * W

    def get_config(self) -> dict[str, float]:
        return {"l1": self.l1, "l2": self.l2}


NAMES: list[str] = ["l1", "l2", "l1_l2"]
"""The names ``get`` accepts."""


def get(identifier: str | Regularizer | None, rate: float | None = None) -> Regularizer | None:
    """Return the regularizer for a name (``"l1"``, ``"l2"``, ``"l1_l2"``), an object, or None.

    Args:
        identifier: a name from ``NAMES``, a :class:`Regularizer` (returned as it is), or None
            (no penalty: returns None, as ``keras.regularizers.get(None)`` does).
        rate: the factor for a name (default 0.01, Keras' default; for ``"l1_l2"`` both factors).

    Returns:
        A :class:`Regularizer`, or None.

    Example:
        >>> get("l2", rate=0.001)
        L2(l2=0.001)
        >>> get(None) is None
        True

    Introduced in notebook 04_layers_and_network_size.
    """
    if identifier is None or isinstance(identifier, Regularizer):
        if rate is not None:
            raise TypeError(
                f"regularizers.get: `rate` goes with a name, e.g. get('l2', rate={rate!r}); "
                f"got identifier {identifier!r}."
            )
        return identifier
    _registry.check_identifier("regularizers.get", "regularizer", identifier, _FACTORIES)
    key = _registry.resolve("regularizer", identifier, _FACTORIES, {"l1l2": "l1_l2"})
    return _FACTORIES[key](0.01 if rate is None else rate)


_FACTORIES = {
    "l1": lambda rate: L1(l1=rate),
    "l2": lambda rate: L2(l2=rate),
    "l1_l2": lambda rate: L1L2(l1=rate, l2=rate),
}
