"""Optimizers: rules that turn gradients into weight updates, with Keras 3's names and formulas.

An optimizer keeps, for each parameter array, a few "slot" arrays of the same shape (a velocity, a
running average of squared gradients, ...) and updates the parameters **in place**::

    opt = optimizers.get("adam", learning_rate=0.01)
    opt.step(params, grads)   # params: list (or dict) of arrays, grads: the matching list (or dict)

The slots are remembered per position (list) or key (dict), so call ``step`` with the same
structure every time; ``opt.iterations`` counts the calls. The update rules below are the ones in
``keras/src/optimizers/*.py`` line for line (same operations in the same order), so a dlcourse
optimizer and a Keras optimizer fed the same gradients produce the same weights.

Introduced in notebook 08_optimizers.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

import numpy as np

from dlcourse import _registry
from dlcourse._validate import check_number

__all__ = ["NAMES", "Optimizer", "SGD", "RMSprop", "Adam", "Adagrad", "get"]


def _check_learning_rate(learning_rate: Any, where: str) -> float:
    return check_number(
        learning_rate, "learning_rate", where, 0.0, np.inf, closed=(False, True),
        meaning="the step size, a positive number such as 0.01: too large and the loss jumps "
        "around or explodes, too small and training crawls",
    )  # fmt: skip


def _check_clipping(clipnorm: Any, global_clipnorm: Any, where: str):
    if clipnorm is not None and global_clipnorm is not None:
        raise ValueError(
            f"{where}: set at most one of `clipnorm` (each gradient array on its own) and "
            f"`global_clipnorm` (all gradients together), as in Keras; got clipnorm={clipnorm!r} "
            f"and global_clipnorm={global_clipnorm!r}."
        )
    meaning = "the largest gradient norm allowed, a positive number such as 1.0 (None: no clipping)"
    return tuple(
        None if value is None
        else check_number(value, name, where, 0.0, np.inf, closed=(False, True), meaning=meaning)
        for name, value in (("clipnorm", clipnorm), ("global_clipnorm", global_clipnorm))
    )  # fmt: skip


def _scaled_to(grad: np.ndarray, norm: float, max_norm: float) -> np.ndarray:
    """``grad`` scaled by ``max_norm / norm`` when ``norm > max_norm`` (Keras' clip_by_norm)."""
    return grad * (max_norm / norm) if norm > max_norm else grad


class Optimizer:
    """Base class: pairs parameters with gradients, keeps the slots, counts iterations.

    Subclasses define ``_slot_names`` (and ``_initial_slot_value`` if a slot does not start at 0)
    and ``_update(param, grad, slots)``, which changes ``param`` and its slots in place.

    Introduced in notebook 08_optimizers.
    """

    name = "optimizer"
    _slot_names: tuple[str, ...] = ()

    def __init__(
        self,
        learning_rate: float,
        clipnorm: float | None = None,
        global_clipnorm: float | None = None,
    ):
        self.learning_rate = _check_learning_rate(learning_rate, self.name)
        self.clipnorm, self.global_clipnorm = _check_clipping(clipnorm, global_clipnorm, self.name)
        self.iterations = 0
        self.slots: dict[Any, dict[str, np.ndarray]] = {}
        """Per parameter (position or key): the optimizer's own arrays, e.g. ``{"momentum": m}``."""

    # ---- public API ------------------------------------------------------------------------------

    def step(
        self,
        params: list[np.ndarray] | Mapping[Any, np.ndarray] | np.ndarray,
        grads: list[np.ndarray] | Mapping[Any, np.ndarray] | np.ndarray,
    ) -> None:
        """Apply one update to every parameter, in place.

        Args:
            params: a list (or dict) of float64 arrays; a single array is fine too.
            grads: the gradients, with the same structure and shapes as ``params``.

        Example:
            >>> w = np.array([1.0, -2.0])
            >>> SGD(learning_rate=0.1).step([w], [np.array([0.5, 0.5])])
            >>> w
            array([ 0.95, -2.05])
        """
        for key, param, grad in self._clipped(self._pairs(params, grads)):
            if key not in self.slots:
                self.slots[key] = self._new_slots(param)
            slots = self.slots[key]
            for slot in slots.values():
                if slot.shape != param.shape:
                    raise ValueError(
                        f"{self.name}.step: parameter {key!r} has shape {param.shape}, but this "
                        f"optimizer's state for it has shape {slot.shape}: it was used with other "
                        f"parameters before. Create a new optimizer for a new model (or call "
                        f"reset())."
                    )
            self._update(param, grad, slots)
        self.iterations += 1

    def reset(self) -> None:
        """Forget all slots and set ``iterations`` back to 0, as if the optimizer were new."""
        self.slots = {}
        self.iterations = 0

    def get_config(self) -> dict[str, Any]:
        """The keyword arguments that rebuild this optimizer: ``type(opt)(**opt.get_config())``."""
        config = {"learning_rate": self.learning_rate}
        for name in ("clipnorm", "global_clipnorm"):  # listed only when set, to keep reprs short
            if getattr(self, name) is not None:
                config[name] = getattr(self, name)
        return config

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_config().items())
        return f"{type(self).__name__}({args})"

    # ---- what subclasses provide -----------------------------------------------------------------

    def _initial_slot_value(self, slot_name: str) -> float:
        return 0.0

    def _update(
        self,
        param: np.ndarray,
        grad: np.ndarray,
        slots: dict[str, np.ndarray],
    ) -> None:
        """Update ``param`` and its ``slots`` in place."""
        raise NotImplementedError

    # ---- helpers ---------------------------------------------------------------------------------

    def _clipped(self, triples):
        """Gradient clipping, as Keras does it before the update (notebook 07).

        ``clipnorm``: each gradient array whose norm is above ``clipnorm`` is scaled down to norm
        ``clipnorm``. ``global_clipnorm``: if the norm of all gradients together (the square root
        of the sum of every squared entry) is above it, every gradient is scaled by the same
        factor, so the direction of the whole step is kept. New arrays; the caller's stay as
        they are.
        """
        if self.clipnorm is not None:
            return [
                (k, p, _scaled_to(g, np.sqrt(np.sum(g * g)), self.clipnorm)) for k, p, g in triples
            ]
        if self.global_clipnorm is not None:
            norm = np.sqrt(sum(float(np.sum(g * g)) for _, _, g in triples))
            return [(k, p, _scaled_to(g, norm, self.global_clipnorm)) for k, p, g in triples]
        return triples

    def _new_slots(self, param: np.ndarray) -> dict[str, np.ndarray]:
        return {
            name: np.full_like(param, self._initial_slot_value(name)) for name in self._slot_names
        }

    def _pairs(self, params, grads):
        """Return (key, param, grad) triples after checking that the two structures match."""
        where = f"{self.name}.step"
        if isinstance(params, np.ndarray):  # a single array: a list of one
            params = [params]
            grads = [grads] if isinstance(grads, np.ndarray) else grads
        if isinstance(params, list | tuple):
            if not isinstance(grads, list | tuple) or len(grads) != len(params):
                got = f"{len(grads)} items" if isinstance(grads, list | tuple) else type(grads)
                raise ValueError(
                    f"{where}: `params` is a list of {len(params)} arrays, so `grads` must be a "
                    f"list of {len(params)} arrays in the same order; got {got}."
                )
            items = list(zip(range(len(params)), params, grads, strict=True))
        elif isinstance(params, Mapping):
            if not isinstance(grads, Mapping) or set(params) != set(grads):
                got = (
                    sorted(map(str, grads)) if isinstance(grads, Mapping) else type(grads).__name__
                )
                raise ValueError(
                    f"{where}: `params` is a dict with keys {sorted(map(str, params))}, so `grads` "
                    f"must be a dict with the same keys; got {got}."
                )
            items = [(key, params[key], grads[key]) for key in params]
        else:
            raise TypeError(
                f"{where}: `params` must be a list or dict of NumPy arrays (updated in place), "
                f"got {type(params).__name__}."
            )
        checked = []
        for key, param, grad in items:
            if type(param) is np.ndarray and type(grad) is np.ndarray:  # the usual case, fast
                if param.shape == grad.shape and param.dtype == grad.dtype == np.float64:
                    checked.append((key, param, grad))
                    continue
            if not isinstance(param, np.ndarray) or param.dtype.kind != "f":
                raise TypeError(
                    f"{where}: params[{key!r}] must be a float NumPy array, because the optimizer "
                    f"changes it in place; got {type(param).__name__}"
                    f"{' of dtype ' + str(param.dtype) if isinstance(param, np.ndarray) else ''}. "
                    f"Convert it once with np.asarray(w, dtype=float) and keep that array."
                )
            grad_shape = np.shape(grad)
            if grad_shape != param.shape:
                raise ValueError(
                    f"{where}: grads[{key!r}] has shape {grad_shape} but params[{key!r}] has "
                    f"shape {param.shape}; each gradient must have its parameter's shape."
                )
            checked.append((key, param, np.asarray(grad, dtype=param.dtype)))
        return checked


class SGD(Optimizer):
    """Stochastic gradient descent, optionally with momentum, ``keras.optimizers.SGD``.

    Update (Keras 3), with learning rate ``lr`` and gradient ``g``:

    - ``momentum == 0``: ``w = w - lr * g``;
    - otherwise a velocity ``v`` (starting at 0): ``v = momentum * v - lr * g``, then
      ``w = w + v``, or with ``nesterov=True`` ``w = w + momentum * v - lr * g`` (a look-ahead).

    Args:
        learning_rate: the step size (Keras default 0.01).
        momentum: in [0, 1]; how much of the previous step carries on (default 0.0).
        nesterov: use Nesterov momentum (default False).

    Example:
        >>> w = np.array([1.0])
        >>> opt = SGD(learning_rate=0.1, momentum=0.9)
        >>> for _ in range(2):
        ...     opt.step([w], [np.array([1.0])])
        >>> w   # steps of 0.1, then 0.9 * 0.1 + 0.1
        array([0.71])

    Introduced in notebook 08_optimizers.
    """

    name = "sgd"

    def __init__(
        self,
        learning_rate: float = 0.01,
        momentum: float = 0.0,
        nesterov: bool = False,
        clipnorm: float | None = None,
        global_clipnorm: float | None = None,
    ):
        super().__init__(learning_rate, clipnorm, global_clipnorm)
        self.momentum = check_number(momentum, "momentum", self.name, 0.0, 1.0)
        self.nesterov = bool(nesterov)
        self._slot_names = ("momentum",) if self.momentum != 0 else ()

    def get_config(self):
        return {**super().get_config(), "momentum": self.momentum, "nesterov": self.nesterov}

    def _update(self, param, grad, slots):
        lr = self.learning_rate
        if self.momentum == 0:
            param -= grad * lr
            return
        m = slots["momentum"]
        m *= self.momentum
        m -= grad * lr
        if self.nesterov:
            param += m * self.momentum - grad * lr
        else:
            param += m


class RMSprop(Optimizer):
    """RMSprop, ``keras.optimizers.RMSprop``: divide each step by a running RMS of the gradients.

    Update (Keras 3): ``v = rho * v + (1 - rho) * g**2``; with ``centered=True`` also
    ``a = rho * a + (1 - rho) * g`` and the denominator is ``v - a**2 + epsilon``, otherwise
    ``v + epsilon``; the increment is ``lr * g / sqrt(denominator)``. With ``momentum > 0``:
    ``m = momentum * m + increment`` and ``w = w - m``; otherwise ``w = w - increment``.
    Note that Keras puts ``epsilon`` *inside* the square root here (Adam puts it outside).

    Args:
        learning_rate: the step size (Keras default 0.001).
        rho: decay of the running average, in [0, 1) (default 0.9).
        momentum: in [0, 1] (default 0.0).
        epsilon: small constant for numerical stability (default 1e-7).
        centered: divide by an estimate of the gradient's variance instead of its second moment.

    Example:
        >>> w = np.array([1.0])
        >>> RMSprop(learning_rate=0.1).step([w], [np.array([2.0])])
        >>> w.round(4)   # first step: lr * g / sqrt(0.1 * g**2) = lr * sqrt(10)
        array([0.6838])

    Introduced in notebook 08_optimizers.
    """

    name = "rmsprop"

    def __init__(
        self,
        learning_rate: float = 0.001,
        rho: float = 0.9,
        momentum: float = 0.0,
        epsilon: float = 1e-7,
        centered: bool = False,
        clipnorm: float | None = None,
        global_clipnorm: float | None = None,
    ):
        super().__init__(learning_rate, clipnorm, global_clipnorm)
        self.rho = check_number(rho, "rho", self.name, 0.0, 1.0, closed=(True, False))
        self.momentum = check_number(momentum, "momentum", self.name, 0.0, 1.0)
        self.epsilon = check_number(epsilon, "epsilon", self.name, 0.0, np.inf)
        self.centered = bool(centered)
        names = ["velocity"]
        if self.momentum > 0:
            names.append("momentum")
        if self.centered:
            names.append("average_gradient")
        self._slot_names = tuple(names)

    def get_config(self):
        return {
            **super().get_config(),
            "rho": self.rho,
            "momentum": self.momentum,
            "epsilon": self.epsilon,
            "centered": self.centered,
        }

    def _update(self, param, grad, slots):
        rho = self.rho
        velocity = slots["velocity"]
        velocity[...] = rho * velocity + (1 - rho) * (grad * grad)
        if self.centered:
            average_grad = slots["average_gradient"]
            average_grad[...] = rho * average_grad + (1 - rho) * grad
            denominator = velocity - average_grad * average_grad + self.epsilon
        else:
            denominator = velocity + self.epsilon
        increment = (self.learning_rate * grad) / np.sqrt(denominator)
        if self.momentum > 0:
            momentum = slots["momentum"]
            momentum[...] = self.momentum * momentum + increment
            param -= momentum
        else:
            param -= increment


class Adam(Optimizer):
    """Adam, ``keras.optimizers.Adam``: momentum plus RMSprop-style scaling, bias-corrected.

    Update (Keras 3) at step ``t = iterations + 1``:
    ``m = m + (g - m) * (1 - beta_1)``, ``v = v + (g**2 - v) * (1 - beta_2)``,
    ``alpha = lr * sqrt(1 - beta_2**t) / (1 - beta_1**t)`` (the bias correction, folded into the
    step size), ``w = w - m * alpha / (sqrt(v) + epsilon)``. With ``amsgrad=True`` the running
    maximum of ``v`` is used in the denominator.

    Args:
        learning_rate: the step size (Keras default 0.001).
        beta_1: decay of the gradient average, in [0, 1) (default 0.9).
        beta_2: decay of the squared-gradient average, in [0, 1) (default 0.999).
        epsilon: small constant for numerical stability (default 1e-7).
        amsgrad: use the AMSGrad variant (default False).

    Example:
        >>> w = np.array([1.0])
        >>> Adam(learning_rate=0.1).step([w], [np.array([3.0])])
        >>> w.round(6)   # Adam's first step is about lr * sign(g), whatever |g| is
        array([0.9])

    Introduced in notebook 08_optimizers.
    """

    name = "adam"

    def __init__(
        self,
        learning_rate: float = 0.001,
        beta_1: float = 0.9,
        beta_2: float = 0.999,
        epsilon: float = 1e-7,
        amsgrad: bool = False,
        clipnorm: float | None = None,
        global_clipnorm: float | None = None,
    ):
        super().__init__(learning_rate, clipnorm, global_clipnorm)
        self.beta_1 = check_number(beta_1, "beta_1", self.name, 0.0, 1.0, closed=(True, False))
        self.beta_2 = check_number(beta_2, "beta_2", self.name, 0.0, 1.0, closed=(True, False))
        self.epsilon = check_number(epsilon, "epsilon", self.name, 0.0, np.inf)
        self.amsgrad = bool(amsgrad)
        self._slot_names = ("momentum", "velocity") + (("velocity_hat",) if self.amsgrad else ())

    def get_config(self):
        return {
            **super().get_config(),
            "beta_1": self.beta_1,
            "beta_2": self.beta_2,
            "epsilon": self.epsilon,
            "amsgrad": self.amsgrad,
        }

    def _update(self, param, grad, slots):
        local_step = float(self.iterations + 1)
        alpha = (
            self.learning_rate
            * np.sqrt(1 - self.beta_2**local_step)
            / (1 - self.beta_1**local_step)
        )
        m, v = slots["momentum"], slots["velocity"]
        # Kingma and Ba's three lines, as Keras 3 writes them (in place on the slots). The earlier
        # form with out= into scratch arrays was no faster: one step on the six arrays of the
        # bench_core MLP (64-128-64-10) took 154 us with the buffers and 150 us plain (CPU time,
        # median of 15, 2026-12-01), and the bench_core epochs did not change beyond the noise.
        m += (grad - m) * (1 - self.beta_1)
        v += (grad * grad - v) * (1 - self.beta_2)
        if self.amsgrad:
            v_hat = slots["velocity_hat"]
            np.maximum(v_hat, v, out=v_hat)
            v = v_hat
        param -= (m * alpha) / (np.sqrt(v) + self.epsilon)


class Adagrad(Optimizer):
    """Adagrad, ``keras.optimizers.Adagrad``: each weight's step shrinks with its gradient history.

    Update (Keras 3): ``acc = acc + g**2`` (``acc`` starts at ``initial_accumulator_value``), then
    ``w = w - lr * g / sqrt(acc + epsilon)``.

    Args:
        learning_rate: the step size (Keras default 0.001).
        initial_accumulator_value: the starting value of ``acc``, >= 0 (default 0.1).
        epsilon: small constant for numerical stability (default 1e-7).

    Example:
        >>> w = np.array([1.0])
        >>> Adagrad(learning_rate=0.1).step([w], [np.array([1.0])])
        >>> w.round(4)   # 1 - 0.1 * 1 / sqrt(0.1 + 1)
        array([0.9047])

    Introduced in notebook 08_optimizers.
    """

    name = "adagrad"
    _slot_names = ("accumulator",)

    def __init__(
        self,
        learning_rate: float = 0.001,
        initial_accumulator_value: float = 0.1,
        epsilon: float = 1e-7,
        clipnorm: float | None = None,
        global_clipnorm: float | None = None,
    ):
        super().__init__(learning_rate, clipnorm, global_clipnorm)
        self.initial_accumulator_value = check_number(
            initial_accumulator_value, "initial_accumulator_value", self.name, 0.0, np.inf
        )
        self.epsilon = check_number(epsilon, "epsilon", self.name, 0.0, np.inf)

    def get_config(self):
        return {
            **super().get_config(),
            "initial_accumulator_value": self.initial_accumulator_value,
            "epsilon": self.epsilon,
        }

    def _initial_slot_value(self, slot_name):
        return self.initial_accumulator_value

    def _update(self, param, grad, slots):
        accumulator = slots["accumulator"]
        accumulator += grad * grad
        param -= (self.learning_rate * grad) / np.sqrt(accumulator + self.epsilon)


_CLASSES: dict[str, type[Optimizer]] = {
    "sgd": SGD,
    "rmsprop": RMSprop,
    "adam": Adam,
    "adagrad": Adagrad,
}

NAMES = [*_CLASSES, "momentum"]
"""Names ``get`` accepts; ``"momentum"`` is SGD with ``momentum=0.9``. Class names work too."""


def get(
    identifier: str | Optimizer, learning_rate: float | None = None, **kwargs: Any
) -> Optimizer:
    """Look up an optimizer by name, or pass an optimizer object through.

    Args:
        identifier: ``"sgd"``, ``"rmsprop"``, ``"adam"``, ``"adagrad"`` (in any case, so the
            Keras class names ``"SGD"``, ``"RMSprop"``, ... work too), ``"momentum"`` (SGD with
            ``momentum=0.9``), or an ``Optimizer`` object, returned as it is.
        learning_rate: the step size; None keeps the Keras default of that optimizer.
        **kwargs: the optimizer's other arguments, e.g. ``momentum=0.9`` or ``beta_1=0.8``.

    Returns:
        An ``Optimizer``.

    Raises:
        ValueError: for an unknown name (with a "did you mean" and the valid names).
        TypeError: for an identifier that is not a name, or a keyword the optimizer lacks.

    Example:
        >>> get("adam", learning_rate=0.01)
        Adam(learning_rate=0.01, beta_1=0.9, beta_2=0.999, epsilon=1e-07, amsgrad=False)
        >>> get("momentum")
        SGD(learning_rate=0.01, momentum=0.9, nesterov=False)

    Introduced in notebook 08_optimizers.
    """
    if learning_rate is not None:
        kwargs = {"learning_rate": learning_rate, **kwargs}
    return _registry.get("optimizers.get", "optimizer", identifier, Optimizer, _FACTORIES, kwargs)


_FACTORIES = {**_CLASSES, "momentum": functools.partial(SGD, momentum=0.9)}
