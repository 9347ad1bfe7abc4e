"""Activation functions: the value, the derivative and the backward pass, with Keras 3's names.

``get(name, **kwargs)`` returns an :class:`Activation` object ``act`` with

- ``act(z)``: the value, equal to ``keras.activations.<name>(z)``;
- ``act.derivative(z)``: the elementwise derivative da/dz (softmax has none: see ``backward``);
- ``act.backward(z, grad_output)``: dL/dz from dL/da, valid for every activation, softmax included;
- ``act.name`` and a readable ``repr``.

Every formula is written to be numerically stable: no overflow, no ``RuntimeWarning``, finite values
and gradients for inputs as large as +-1e4 (and far beyond).

Example:
    >>> from dlcourse import activations
    >>> act = activations.get("leaky_relu")
    >>> act
    LeakyReLU(negative_slope=0.2)
    >>> act([-1.0, 2.0])
    array([-0.2,  2. ])
    >>> act.derivative([-1.0, 2.0])
    array([0.2, 1. ])

Introduced in notebook 05_activation_functions.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from dlcourse import _registry
from dlcourse._validate import as_float_array, check_number

__all__ = [
    "sigmoid",
    "tanh",
    "relu",
    "leaky_relu",
    "softmax",
    "linear",
    "elu",
    "selu",
    "silu",
    "swish",
    "gelu",
    "mish",
    "softplus",
    "NAMES",
    "ALIASES",
    "get",
    "Activation",
    "Linear",
    "Sigmoid",
    "Tanh",
    "ReLU",
    "LeakyReLU",
    "ELU",
    "SELU",
    "SiLU",
    "GELU",
    "Mish",
    "Softplus",
    "Softmax",
]


def _scalar(result: np.ndarray) -> np.ndarray | float:
    """Return a 0-d result as a plain NumPy scalar, so ``act(0.5)`` prints like a number."""
    return result[()] if result.ndim == 0 else result


def _stable_sigmoid(z: np.ndarray) -> np.ndarray:
    # exp(-|z|) never overflows; the two branches are the same function written two ways.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _softplus(z: np.ndarray) -> np.ndarray:
    # log(1 + exp(z)) = logaddexp(0, z), which NumPy computes without overflow.
    return np.logaddexp(0.0, z)


class Activation:
    """Base class: an activation function a = f(z) with its derivative and backward pass.

    Subclasses implement ``_forward(z)`` and ``_derivative(z)`` on float arrays; the base class
    checks the input, so every activation reports a bad input the same way.

    Attributes:
        name: the Keras name, e.g. ``"relu"``.
        config: the keyword arguments (e.g. ``{"negative_slope": 0.2}``).

    Introduced in notebook 05_activation_functions.
    """

    name: str = ""

    def __init__(self) -> None:
        # Subclasses with keyword arguments fill this; it drives repr() and ==.
        self.config: dict[str, Any] = {}

    # -- public API ---------------------------------------------------------------------------
    def __call__(self, z: Any) -> np.ndarray:
        """Return a = f(z), elementwise (softmax: along ``axis``). Same shape as ``z``."""
        return _scalar(self._forward(as_float_array(z, "z", self.name)))

    def derivative(self, z: Any) -> np.ndarray:
        """Return the elementwise derivative da/dz at ``z``. Same shape as ``z``."""
        return _scalar(self._derivative(as_float_array(z, "z", f"{self.name}.derivative")))

    def backward(self, z: Any, grad_output: Any) -> np.ndarray:
        """Return dL/dz given ``grad_output`` = dL/da (the chain rule: dL/dz = dL/da * da/dz).

        Args:
            z: the activation's input, any shape.
            grad_output: dL/da, the gradient of the loss with respect to the output; same shape.

        Returns:
            dL/dz, the shape of ``z``.
        """
        where = f"{self.name}.backward"
        z = as_float_array(z, "z", where)
        grad_output = as_float_array(grad_output, "grad_output", where)
        if grad_output.shape != z.shape:
            raise ValueError(
                f"{where}: `grad_output` (dL/da) must have the shape of `z`, got grad_output "
                f"shape {grad_output.shape} and z shape {z.shape}. Pass the gradient of the loss "
                f"with respect to this activation's output, one entry per entry of z."
            )
        return _scalar(self._backward(z, grad_output))

    # -- to implement -------------------------------------------------------------------------
    def _forward(self, z: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def _derivative(self, z: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def _backward(self, z: np.ndarray, grad_output: np.ndarray) -> np.ndarray:
        # Elementwise activations: each a_i depends on z_i only, so the Jacobian is diagonal.
        return grad_output * self._derivative(z)

    # -- printing and comparing ---------------------------------------------------------------
    def __repr__(self) -> str:
        args = ", ".join(f"{key}={value!r}" for key, value in self.config.items())
        return f"{type(self).__name__}({args})"

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and self.config == other.config  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((type(self).__name__, tuple(sorted(self.config.items()))))


class Linear(Activation):
    """The identity: a = z.

    Derivative: 1. Keras: ``keras.activations.linear`` (a layer's ``activation=None``).

    Example:
        >>> Linear()([-1.0, 2.0])
        array([-1.,  2.])

    Introduced in notebook 05_activation_functions.
    """

    name = "linear"

    def _forward(self, z: np.ndarray) -> np.ndarray:
        return z.copy()

    def _derivative(self, z: np.ndarray) -> np.ndarray:
        return np.ones_like(z)


class Sigmoid(Activation):
    """The logistic function: sigmoid(z) = 1 / (1 + exp(-z)), in (0, 1).

    Derivative: sigmoid(z) * (1 - sigmoid(z)), at most 0.25 (at z = 0): one reason deep sigmoid
    networks suffer from vanishing gradients. Computed from exp(-|z|), so it never overflows.

    Example:
        >>> Sigmoid()([0.0, 1e4, -1e4])
        array([0.5, 1. , 0. ])

    Introduced in notebook 03_neurons.
    """

    name = "sigmoid"

    def _forward(self, z: np.ndarray) -> np.ndarray:
        return _stable_sigmoid(z)

    def _derivative(self, z: np.ndarray) -> np.ndarray:
        s = _stable_sigmoid(z)
        return s * (1.0 - s)


class Tanh(Activation):
    """The hyperbolic tangent: tanh(z) = (exp(z) - exp(-z)) / (exp(z) + exp(-z)), in (-1, 1).

    Derivative: 1 - tanh(z)**2 (at most 1, at z = 0).

    Example:
        >>> Tanh()([0.0, 1e4])
        array([0., 1.])

    Introduced in notebook 05_activation_functions.
    """

    name = "tanh"

    def _forward(self, z: np.ndarray) -> np.ndarray:
        return np.tanh(z)

    def _derivative(self, z: np.ndarray) -> np.ndarray:
        return 1.0 - np.tanh(z) ** 2


class ReLU(Activation):
    """The rectified linear unit: relu(z) = max(0, z).

    Derivative: 1 for z > 0, 0 for z < 0. At the kink z = 0 we use 0, as TensorFlow does.
    A unit whose z stays negative gets no gradient at all: the "dying ReLU".

    Example:
        >>> ReLU()([-2.0, 0.0, 3.0])
        array([0., 0., 3.])

    Introduced in notebook 05_activation_functions.
    """

    name = "relu"

    def _forward(self, z: np.ndarray) -> np.ndarray:
        return np.maximum(z, 0.0)

    def _derivative(self, z: np.ndarray) -> np.ndarray:
        return (z > 0).astype(z.dtype)


class LeakyReLU(Activation):
    """Leaky ReLU: z for z > 0, negative_slope * z otherwise.

    Derivative: 1 for z > 0, negative_slope otherwise (TensorFlow's choice at z = 0).
    The small slope keeps a gradient flowing for negative z, so units cannot "die".

    Args:
        negative_slope: the slope for z < 0. The default, 0.2, is that of its Keras twin
            ``keras.activations.leaky_relu``. Watch the trap: the *layer*
            ``keras.layers.LeakyReLU()`` defaults to ``negative_slope=0.3``.

    Example:
        >>> LeakyReLU(negative_slope=0.1)([-2.0, 3.0])
        array([-0.2,  3. ])

    Introduced in notebook 05_activation_functions.
    """

    name = "leaky_relu"

    def __init__(self, negative_slope: float = 0.2) -> None:
        super().__init__()
        self.negative_slope = check_number(negative_slope, "negative_slope", self.name)
        self.config = {"negative_slope": self.negative_slope}

    def _forward(self, z: np.ndarray) -> np.ndarray:
        return np.where(z > 0, z, self.negative_slope * z)

    def _derivative(self, z: np.ndarray) -> np.ndarray:
        return np.where(z > 0, 1.0, self.negative_slope).astype(z.dtype)


class ELU(Activation):
    """The exponential linear unit: z for z > 0, alpha * (exp(z) - 1) otherwise.

    Derivative: 1 for z > 0, alpha * exp(z) otherwise. Smooth for alpha = 1; negative outputs
    push the mean activation towards zero.

    Args:
        alpha: the value the function approaches as z -> -inf is -alpha. Keras' default is 1.0.

    Example:
        >>> ELU()([-1.0, 2.0])
        array([-0.6321,  2.    ])

    Introduced in notebook 05_activation_functions.
    """

    name = "elu"

    def __init__(self, alpha: float = 1.0) -> None:
        super().__init__()
        self.alpha = check_number(alpha, "alpha", self.name)
        self.config = {"alpha": self.alpha}

    def _forward(self, z: np.ndarray) -> np.ndarray:
        # exp only of the non-positive part: exp(1e4) would overflow in the unused branch.
        return np.where(z > 0, z, self.alpha * np.expm1(np.minimum(z, 0.0)))

    def _derivative(self, z: np.ndarray) -> np.ndarray:
        return np.where(z > 0, 1.0, self.alpha * np.exp(np.minimum(z, 0.0))).astype(z.dtype)


class SELU(Activation):
    """The scaled ELU: scale * z for z > 0, scale * alpha * (exp(z) - 1) otherwise.

    The constants (alpha ~ 1.6733, scale ~ 1.0507, from Klambauer et al., 2017) make activations
    keep mean 0 and variance 1 through many layers when the weights use ``lecun_normal``.
    Derivative: scale for z >= 0, scale * alpha * exp(z) for z < 0 (TensorFlow's choice at 0).

    Example:
        >>> SELU()([-1.0, 1.0])
        array([-1.1113,  1.0507])

    Introduced in notebook 05_activation_functions.
    """

    name = "selu"
    alpha = 1.6732632423543772848170429916717
    scale = 1.0507009873554804934193349852946

    def _forward(self, z: np.ndarray) -> np.ndarray:
        return self.scale * np.where(z > 0, z, self.alpha * np.expm1(np.minimum(z, 0.0)))

    def _derivative(self, z: np.ndarray) -> np.ndarray:
        negative = self.scale * self.alpha * np.exp(np.minimum(z, 0.0))
        return np.where(z < 0, negative, self.scale).astype(z.dtype)


class SiLU(Activation):
    """The sigmoid linear unit, also called swish: silu(z) = z * sigmoid(z).

    Derivative: sigmoid(z) * (1 + z * (1 - sigmoid(z))). Smooth, and slightly negative for z < 0.
    ``get("swish")`` returns this activation, as in Keras 3.

    Example:
        >>> SiLU()([-1.0, 0.0, 1.0])
        array([-0.2689,  0.    ,  0.7311])

    Introduced in notebook 05_activation_functions.
    """

    name = "silu"

    def _forward(self, z: np.ndarray) -> np.ndarray:
        return z * _stable_sigmoid(z)

    def _derivative(self, z: np.ndarray) -> np.ndarray:
        s = _stable_sigmoid(z)
        return s * (1.0 + z * (1.0 - s))


_erfc = np.vectorize(math.erfc, otypes=[np.float64])
_SQRT2 = math.sqrt(2.0)
_SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)


class GELU(Activation):
    """The Gaussian error linear unit: gelu(z) = z * Phi(z), Phi the standard normal CDF.

    Exact form (``approximate=False``, Keras' default): Phi(z) = (1 + erf(z / sqrt(2))) / 2.
    Derivative: Phi(z) + z * phi(z), with phi(z) = exp(-z**2 / 2) / sqrt(2 * pi).
    Approximate form: 0.5 * z * (1 + tanh(sqrt(2 / pi) * (z + 0.044715 * z**3))).

    Args:
        approximate: use the tanh approximation instead of erf.

    Example:
        >>> GELU()([-1.0, 0.0, 1.0])
        array([-0.1587,  0.    ,  0.8413])

    Introduced in notebook 05_activation_functions.
    """

    name = "gelu"

    def __init__(self, approximate: bool = False) -> None:
        if not isinstance(approximate, (bool, np.bool_)):
            raise TypeError(
                f"gelu: `approximate` must be True or False, got "
                f"{type(approximate).__name__} {approximate!r}."
            )
        super().__init__()
        self.approximate = bool(approximate)
        self.config = {"approximate": self.approximate}

    @staticmethod
    def _cdf(z: np.ndarray) -> np.ndarray:
        # Phi(z) = erfc(-z / sqrt(2)) / 2 equals (1 + erf(z / sqrt(2))) / 2 but keeps its
        # relative precision for very negative z, where 1 + erf(...) would cancel to 0.
        return (0.5 * _erfc(-z / _SQRT2)).astype(z.dtype)

    def _tanh_inner(self, z: np.ndarray) -> np.ndarray:
        return np.tanh(_SQRT_2_OVER_PI * (z + 0.044715 * z**3))

    def _forward(self, z: np.ndarray) -> np.ndarray:
        if self.approximate:
            return 0.5 * z * (1.0 + self._tanh_inner(z))
        return z * self._cdf(z)

    def _derivative(self, z: np.ndarray) -> np.ndarray:
        if self.approximate:
            t = self._tanh_inner(z)
            inner_slope = _SQRT_2_OVER_PI * (1.0 + 3 * 0.044715 * z**2)
            return 0.5 * (1.0 + t) + 0.5 * z * (1.0 - t**2) * inner_slope
        # phi(z) underflows to exactly 0 beyond |z| ~ 39; clipping keeps z**2 from overflowing.
        z_clipped = np.clip(z, -40.0, 40.0)
        pdf = np.exp(-0.5 * z_clipped**2) / math.sqrt(2.0 * math.pi)
        return self._cdf(z) + z_clipped * pdf


class Mish(Activation):
    """Mish (Misra, 2019): mish(z) = z * tanh(softplus(z)).

    Derivative: tanh(softplus(z)) + z * sigmoid(z) * (1 - tanh(softplus(z))**2),
    since d softplus(z)/dz = sigmoid(z).

    Example:
        >>> Mish()([-1.0, 0.0, 1.0])
        array([-0.3034,  0.    ,  0.8651])

    Introduced in notebook 05_activation_functions.
    """

    name = "mish"

    def _forward(self, z: np.ndarray) -> np.ndarray:
        return z * np.tanh(_softplus(z))

    def _derivative(self, z: np.ndarray) -> np.ndarray:
        t = np.tanh(_softplus(z))
        return t + z * _stable_sigmoid(z) * (1.0 - t**2)


class Softplus(Activation):
    """Softplus: softplus(z) = log(1 + exp(z)), a smooth ReLU.

    Derivative: sigmoid(z). Computed as logaddexp(0, z), which never overflows.

    Example:
        >>> Softplus()([0.0, 10.0]).round(4)
        array([ 0.6931, 10.    ])
        >>> float(Softplus()(1e4))   # no overflow
        10000.0

    Introduced in notebook 05_activation_functions.
    """

    name = "softplus"

    def _forward(self, z: np.ndarray) -> np.ndarray:
        return _softplus(z)

    def _derivative(self, z: np.ndarray) -> np.ndarray:
        return _stable_sigmoid(z)


class Softmax(Activation):
    """Softmax: turns each row of scores (logits) into probabilities that sum to 1.

    softmax(z)_i = exp(z_i) / sum_j exp(z_j), along ``axis``. Computed as exp(z - max(z)), which
    is the same value (the factor exp(-max) cancels) and never overflows.

    It has no elementwise derivative: every output depends on every input of its row, so da/dz is
    a Jacobian matrix, J_ij = s_i * (delta_ij - s_j). ``backward`` multiplies by it without
    building it: dL/dz = s * (g - sum(g * s)), with g = dL/da and the sum along ``axis``.

    Args:
        axis: the axis whose entries sum to 1 (Keras' default: -1, the last one).

    Example:
        >>> Softmax()([[1.0, 2.0, 3.0]]).round(4)
        array([[0.09  , 0.2447, 0.6652]])

    Introduced in notebook 05_activation_functions.
    """

    name = "softmax"

    def __init__(self, axis: int = -1) -> None:
        if isinstance(axis, bool) or not isinstance(axis, (int, np.integer)):
            raise TypeError(
                f"softmax: `axis` must be an int (usually -1, the last axis), got "
                f"{type(axis).__name__} {axis!r}."
            )
        super().__init__()
        self.axis = int(axis)
        self.config = {"axis": self.axis}

    def _check_axis(self, z: np.ndarray, where: str) -> None:
        if not -max(z.ndim, 1) <= self.axis < max(z.ndim, 1):
            raise ValueError(
                f"{where}: axis={self.axis} does not exist for `z` of shape {z.shape} "
                f"({z.ndim}-D). Use axis=-1 for the last axis."
            )

    def _forward(self, z: np.ndarray) -> np.ndarray:
        self._check_axis(z, self.name)
        if z.ndim == 0:
            return np.ones_like(z)
        e = np.exp(z - np.max(z, axis=self.axis, keepdims=True))
        return e / np.sum(e, axis=self.axis, keepdims=True)

    def _derivative(self, z: np.ndarray) -> np.ndarray:
        raise ValueError(
            "softmax.derivative: softmax has no elementwise derivative. Each output depends on "
            "every input of its row, so da/dz is a Jacobian matrix, not an array shaped like z. "
            "Use act.backward(z, grad_output) to get dL/dz = s * (g - sum(g * s)) directly."
        )

    def _backward(self, z: np.ndarray, grad_output: np.ndarray) -> np.ndarray:
        s = self._forward(z)
        if z.ndim == 0:
            return np.zeros_like(z)
        return s * (grad_output - np.sum(grad_output * s, axis=self.axis, keepdims=True))


_CLASSES: dict[str, type[Activation]] = {
    cls.name: cls
    for cls in (Linear, Sigmoid, Tanh, ReLU, LeakyReLU, ELU, SELU, SiLU, GELU, Mish, Softplus)
}
_CLASSES["softmax"] = Softmax

NAMES: list[str] = list(_CLASSES)
"""The activation names ``get`` accepts (besides the aliases in ``ALIASES``), as in Keras 3."""

ALIASES: dict[str, str] = {"swish": "silu"}
"""Other names for the same activation: Keras 3 treats ``"swish"`` as ``"silu"``."""


def get(identifier: str | Activation | None = None, **kwargs: Any) -> Activation:
    """Return the activation named ``identifier``, built with ``kwargs``.

    Args:
        identifier: a name from ``NAMES`` (or ``"swish"``), an :class:`Activation` (returned as
            it is), or None (the identity, like a Keras layer's ``activation=None``).
        **kwargs: the activation's keyword arguments, as in Keras 3: ``negative_slope`` for
            ``leaky_relu``, ``alpha`` for ``elu``, ``approximate`` for ``gelu``, ``axis`` for
            ``softmax``.

    Returns:
        An :class:`Activation`.

    Raises:
        ValueError: for an unknown name (the message lists the valid ones).
        TypeError: for an identifier that is not a name, or a keyword the activation lacks.

    Example:
        >>> get("relu")(-3.0)
        np.float64(0.0)
        >>> get("elu", alpha=0.5)
        ELU(alpha=0.5)

    Introduced in notebook 05_activation_functions.
    """
    if identifier is None:
        identifier = "linear"
    where = "activations.get"
    return _registry.get(where, "activation", identifier, Activation, _CLASSES, kwargs, _ALIAS_KEYS)


_ALIAS_KEYS = {**ALIASES, **{cls.__name__.lower(): name for name, cls in _CLASSES.items()}}


# ---- Keras' functional forms: keras.activations.<name>(x, ...) ----------------------------------


def sigmoid(x: Any) -> np.ndarray:
    """``keras.activations.sigmoid(x)``: 1 / (1 + exp(-x)), elementwise, without overflow.

    The course's one sigmoid (the losses and the 3-2-1 worked example use it too).

    Example:
        >>> sigmoid([0.0, 1e4, -1e4])
        array([0.5, 1. , 0. ])

    Introduced in notebook 03_neurons.
    """
    return _scalar(_stable_sigmoid(as_float_array(x, "x", "sigmoid")))


def tanh(x: Any) -> np.ndarray:
    """``keras.activations.tanh(x)``, elementwise.

    Example:
        >>> tanh(0.0)
        np.float64(0.0)

    Introduced in notebook 05_activation_functions.
    """
    return Tanh()(x)


def relu(x: Any, negative_slope: float = 0.0) -> np.ndarray:
    """``keras.activations.relu(x, negative_slope=0.0)``: max(0, x), or ``negative_slope * x``
    for x < 0 when ``negative_slope`` is not 0 (then it is a leaky ReLU).

    Example:
        >>> relu([-2.0, 3.0]), relu([-2.0, 3.0], negative_slope=0.1)
        (array([0., 3.]), array([-0.2,  3. ]))

    Introduced in notebook 05_activation_functions.
    """
    if negative_slope == 0.0:
        return ReLU()(x)
    return LeakyReLU(negative_slope=negative_slope)(x)


def leaky_relu(x: Any, negative_slope: float = 0.2) -> np.ndarray:
    """``keras.activations.leaky_relu(x, negative_slope=0.2)``: x for x > 0, else slope * x.

    The default 0.2 matches ``keras.activations.leaky_relu``; the Keras *layer*
    ``keras.layers.LeakyReLU`` defaults to 0.3.

    Example:
        >>> leaky_relu([-1.0, 2.0])
        array([-0.2,  2. ])

    Introduced in notebook 05_activation_functions.
    """
    return LeakyReLU(negative_slope=negative_slope)(x)


def softmax(x: Any, axis: int = -1) -> np.ndarray:
    """``keras.activations.softmax(x, axis=-1)``: exp(x) / sum(exp(x)) along ``axis``.

    Example:
        >>> softmax([0.0, 0.0])
        array([0.5, 0.5])

    Introduced in notebook 05_activation_functions.
    """
    return Softmax(axis=axis)(x)


def linear(x: Any) -> np.ndarray:
    """``keras.activations.linear(x)``: x itself (the "no activation" of a Dense layer).

    Example:
        >>> linear([-1.0, 2.0])
        array([-1.,  2.])

    Introduced in notebook 04_layers_and_network_size.
    """
    return Linear()(x)


def elu(x: Any, alpha: float = 1.0) -> np.ndarray:
    """``keras.activations.elu(x, alpha=1.0)``: x for x > 0, else alpha * (exp(x) - 1).

    Example:
        >>> round(float(elu(-1.0)), 4)
        -0.6321

    Introduced in notebook 05_activation_functions.
    """
    return ELU(alpha=alpha)(x)


def selu(x: Any) -> np.ndarray:
    """``keras.activations.selu(x)``: the scaled ELU with Klambauer et al.'s fixed constants.

    Example:
        >>> round(float(selu(1.0)), 4)
        1.0507

    Introduced in notebook 05_activation_functions.
    """
    return SELU()(x)


def silu(x: Any) -> np.ndarray:
    """``keras.activations.silu(x)`` (also ``keras.activations.swish``): x * sigmoid(x).

    Example:
        >>> round(float(silu(1.0)), 4)
        0.7311

    Introduced in notebook 05_activation_functions.
    """
    return SiLU()(x)


swish = silu


def gelu(x: Any, approximate: bool = False) -> np.ndarray:
    """``keras.activations.gelu(x, approximate=False)``: x * Phi(x) (the tanh form if approximate).

    Example:
        >>> round(float(gelu(1.0)), 4)
        0.8413

    Introduced in notebook 05_activation_functions.
    """
    return GELU(approximate=approximate)(x)


def mish(x: Any) -> np.ndarray:
    """``keras.activations.mish(x)``: x * tanh(softplus(x)).

    Example:
        >>> round(float(mish(1.0)), 4)
        0.8651

    Introduced in notebook 05_activation_functions.
    """
    return Mish()(x)


def softplus(x: Any) -> np.ndarray:
    """``keras.activations.softplus(x)``: log(1 + exp(x)), without overflow.

    Example:
        >>> round(float(softplus(0.0)), 4)
        0.6931

    Introduced in notebook 05_activation_functions.
    """
    return Softplus()(x)
