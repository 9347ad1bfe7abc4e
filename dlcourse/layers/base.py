"""The Layer base class: the interface every dlcourse layer shares.

A layer maps a batch ``X`` of shape ``(num_samples, num_features)`` to an output batch.
``forward(X, training=False)`` computes the output and caches what the backward pass needs;
``backward(grad_output)`` takes dL/d(output) and returns dL/dX, filling ``grads`` with dL/d(param)
for every entry of ``params`` (same keys, same shapes). Weights are created by ``build(input_dim)``,
called automatically on the first ``forward`` or at construction when ``input_dim`` is given.

Introduced in notebook 04_layers_and_network_size.
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from dlcourse._validate import as_2d_float_array, as_float_array, check_int, check_seed

__all__ = ["Layer"]


def _snake_case(name: str) -> str:
    # The rule Keras uses for default names: PReLU -> p_re_lu, BatchNormalization -> batch_...
    name = re.sub(r"(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub(r"([a-z])([A-Z])", r"\1_\2", name).lower()


class Layer:
    """Base class of dlcourse layers (Dense, PReLU, Maxout, BatchNormalization, Dropout).

    Attributes:
        name: the layer's name (default: the class name in snake case, e.g. ``"dense"``).
        params: dict of trainable float64 arrays, e.g. ``{"W": ..., "b": ...}``.
        grads: dict with the same keys: the gradients from the last ``backward``.
        input_dim: the number of input features, None until the layer is built.
        built: whether the weights exist.

    Introduced in notebook 04_layers_and_network_size.
    """

    def __init__(self, name: str | None = None) -> None:
        if name is not None and not isinstance(name, str):
            raise TypeError(
                f"{type(self).__name__}: `name` must be a str or None, got "
                f"{type(name).__name__} {name!r}."
            )
        self.name = name if name is not None else _snake_case(type(self).__name__)
        self.params: dict[str, np.ndarray] = {}
        self.grads: dict[str, np.ndarray] = {}
        self.input_dim: int | None = None
        self.built = False
        self._cache: dict[str, Any] | None = None

    # -- to implement in subclasses
    def build(self, input_dim: int) -> None:
        """Create the weights for inputs with ``input_dim`` features."""
        self.input_dim = self._check_input_dim(input_dim)
        self.built = True

    def _forward(self, X: np.ndarray, training: bool) -> np.ndarray:
        raise NotImplementedError

    def _backward(self, grad_output: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def compute_output_shape(self, input_shape: tuple[int | None, ...]) -> tuple[int | None, ...]:
        """Return the output shape for an input shape (the batch size may be None)."""
        return tuple(input_shape)

    def _weights(self) -> list[np.ndarray]:
        """The arrays of ``get_weights``, in Keras order (the live arrays, not copies)."""
        return list(self.params.values())

    def _input_dim_from_weights(self, weights: list[np.ndarray]) -> int:
        return int(np.shape(weights[0])[0])

    # -- the shared interface
    @property
    def where(self) -> str:
        """How error messages name this layer, e.g. ``Dense 'dense'``."""
        return f"{type(self).__name__} {self.name!r}"

    def forward(self, X: Any, training: bool = False) -> np.ndarray:
        """Return the layer's output for the batch ``X`` and cache what ``backward`` needs.

        Args:
            X: shape ``(num_samples, num_features)``.
            training: True while training (Dropout drops, BatchNormalization uses batch
                statistics); False for predictions.

        Returns:
            The output, shape ``(num_samples, output_dim)``.
        """
        X = as_2d_float_array(X, "X", self.where)
        if not self.built:
            self.build(X.shape[1])
        elif X.shape[1] != self.input_dim:
            raise ValueError(
                f"{self.where}: expected `X` with {self.input_dim} features (the layer was built "
                f"for input_dim={self.input_dim}{self._weight_shapes_text()}), got X of shape "
                f"{X.shape} with {X.shape[1]} features. Feed the features it was built with, "
                f"or create a new layer for the new data."
            )
        return self._forward(X, bool(training))

    def __call__(self, X: Any, training: bool = False) -> np.ndarray:
        """Same as ``forward(X, training)``, like calling a Keras layer."""
        return self.forward(X, training=training)

    def backward(self, grad_output: Any) -> np.ndarray:
        """Return dL/dX given ``grad_output`` = dL/d(output); fill ``self.grads``.

        Args:
            grad_output: shape ``(num_samples, output_dim)``, the shape of the last output.

        Returns:
            dL/dX, the shape of the last ``X``.
        """
        if self._cache is None:
            raise RuntimeError(
                f"{self.where}: backward() needs the values of a forward pass; call "
                f"forward(X) first (each backward uses the X of the latest forward)."
            )
        grad_output = as_float_array(grad_output, "grad_output", f"{self.where}.backward")
        expected = self._cache["output_shape"]
        if grad_output.shape != expected:
            raise ValueError(
                f"{self.where}.backward: `grad_output` must have the shape of the last output, "
                f"{expected}, got {grad_output.shape}. It is dL/d(output): one entry per output "
                f"value of the latest forward pass."
            )
        return self._backward(grad_output)

    def get_weights(self) -> list[np.ndarray]:
        """Return copies of the weights in Keras order (e.g. ``[W, b]`` for Dense)."""
        return [w.copy() for w in self._weights()]

    def set_weights(self, weights: list[Any]) -> None:
        """Set the weights from a list in Keras order (e.g. from ``keras_layer.get_weights()``).

        An unbuilt layer is built from the shape of the first array.
        """
        if not isinstance(weights, (list, tuple)):
            raise TypeError(
                f"{self.where}.set_weights: `weights` must be a list of arrays in Keras order, "
                f"got {type(weights).__name__}."
            )
        if not self.built and len(weights) > 0:
            self.build(self._input_dim_from_weights(weights))
        current = self._weights()
        if len(weights) != len(current):
            raise ValueError(
                f"{self.where}.set_weights: expected {len(current)} arrays with shapes "
                f"{[w.shape for w in current]}, got {len(weights)}."
            )
        arrays = [as_float_array(w, f"weights[{i}]", self.where) for i, w in enumerate(weights)]
        for i, (old, new) in enumerate(zip(current, arrays, strict=True)):
            if old.shape != new.shape:
                raise ValueError(
                    f"{self.where}.set_weights: weights[{i}] must have shape {old.shape}, got "
                    f"{new.shape}. The order is Keras' ({self._weight_names()})."
                )
        for old, new in zip(current, arrays, strict=True):
            old[...] = new  # in place: optimizers and caches keep pointing at the same arrays

    def regularization_loss(self) -> float:
        """Return the penalty this layer adds to the loss (0.0 without a regularizer)."""
        return 0.0

    def count_params(self) -> int:
        """Return the number of weights, as Keras counts them (non-trainable ones included)."""
        if not self.built:
            raise ValueError(
                f"{self.where}: count_params() needs the weights, and the layer is not built "
                f"yet. Give it input_dim=..., or call forward(X) once."
            )
        return int(sum(w.size for w in self._weights()))

    @property
    def output_dim(self) -> int | None:
        """The number of output features (None if it depends on an input not yet seen)."""
        if self.input_dim is None:
            return None
        return self.compute_output_shape((None, self.input_dim))[-1]

    # -- helpers for subclasses
    def _check_input_dim(self, input_dim: Any) -> int:
        if isinstance(input_dim, bool) or not isinstance(input_dim, (int, np.integer)):
            raise TypeError(
                f"{self.where}: `input_dim` must be a positive int (the number of input "
                f"features), got {type(input_dim).__name__} {input_dim!r}."
            )
        if input_dim < 1:
            raise ValueError(
                f"{self.where}: `input_dim` must be a positive int (the number of input "
                f"features), got {input_dim}."
            )
        return int(input_dim)

    def _weight_names(self) -> str:
        return ", ".join(self.params) if self.params else "no weights"

    def _weight_shapes_text(self) -> str:
        shapes = ", ".join(f"{key} has shape {value.shape}" for key, value in self.params.items())
        return f"; {shapes}" if shapes else ""

    def _store(self, X: np.ndarray, output: np.ndarray, **values: Any) -> None:
        self._cache = {"X": X, "output_shape": output.shape, **values}

    def _repr_args(self) -> list[str]:
        return []

    def __repr__(self) -> str:
        args = self._repr_args()
        if self.input_dim is not None:
            args.append(f"input_dim={self.input_dim}")
        args.append(f"name={self.name!r}")
        return f"{type(self).__name__}({', '.join(args)})"


def check_positive_int(value: Any, arg: str, where: str) -> int:
    """Return ``value`` as an int >= 1, or raise an error naming ``arg`` (``_validate.check_int``)."""
    return check_int(value, arg, where, minimum=1)


def make_rng(seed: Any, where: str) -> tuple[int, np.random.Generator]:
    """Return (seed, generator). seed=None draws one from NumPy's global generator, so
    ``dlcourse.setup_notebook(seed)`` (which seeds it) makes the layer deterministic too."""
    seed = check_seed(seed, where)
    if seed is None:
        # The legacy global generator on purpose: it is the one setup_notebook() seeds.
        seed = int(np.random.randint(0, 2**31 - 1))  # noqa: NPY002
    return seed, np.random.default_rng(seed)
