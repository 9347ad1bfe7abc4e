"""Sequential networks: a stack of layers that predicts, backpropagates and trains itself.

``Sequential`` is the NumPy twin of ``keras.Sequential``: the same layer order, the same weight
list (``get_weights()`` is ``[W1, b1, W2, b2, ...]``, so ``keras_model.set_weights(net.get_weights())``
gives the same predictions), and a ``fit`` with Keras' arguments that returns a Keras-style
``History``. This module holds the structure, the forward and backward passes and the weights;
the training loop, ``History`` and the metrics are in :mod:`dlcourse.training`.

- :func:`mlp`: the course's one MLP builder (Keras vocabulary: units, activation, output
  activation), used by the notebooks, the lessons and the widgets.
- :func:`dense_params` and :func:`dense_flops`: the parameter count and the forward-pass FLOPs of
  a stack of Dense layers, from the layer sizes alone.

Introduced in notebook 07_backpropagation (training in 09_mlp_from_scratch).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from dlcourse import losses as losses_module
from dlcourse import optimizers as optimizers_module
from dlcourse import training
from dlcourse._validate import (
    as_2d_float_array,
    as_float64_array,
    check_int,
    check_layer_sizes,
    check_seed,
)
from dlcourse.layers import Activation, BatchNormalization, Dense, Layer
from dlcourse.training import History

__all__ = ["Sequential", "mlp", "TASKS", "output_spec", "dense_params", "dense_flops"]

TASKS = ("binary", "multiclass", "regression")
"""The three kinds of task whose output layers notebook 04 compares (see :func:`output_spec`)."""


class Sequential:
    """A feedforward network: layers applied one after the other, like ``keras.Sequential``.

    Args:
        layers: the layers, first (input side) to last, e.g. ``[Dense(8, activation="relu"),
            Dense(1, activation="sigmoid")]``. Layers with the same name are renamed
            ``name_1``, ``name_2``, ... (Keras requires unique names in a model).
        name: the model's name (default ``"sequential"``).

    Attributes:
        layers: the list of layers.
        optimizer, loss, metrics: what the last ``compile``/``fit`` used; ``fit`` without an
            ``optimizer`` continues with ``self.optimizer`` and its state.
        history: the ``History`` of the last ``fit``.

    Example:
        >>> from dlcourse.layers import Dense
        >>> net = Sequential([Dense(3, activation="relu", seed=0), Dense(1, seed=1)])
        >>> net.predict(np.ones((2, 4))).shape
        (2, 1)
        >>> [w.shape for w in net.get_weights()]
        [(4, 3), (3,), (3, 1), (1,)]

    Introduced in notebook 07_backpropagation.
    """

    def __init__(self, layers: Iterable[Layer] | None = None, name: str | None = None) -> None:
        if name is not None and not isinstance(name, str):
            raise TypeError(f"Sequential: `name` must be a str or None, got {name!r}.")
        self.name = name or "sequential"
        self.layers: list[Layer] = []
        if layers is not None:
            if isinstance(layers, Layer) or not isinstance(layers, Iterable):
                raise TypeError(
                    f"Sequential: `layers` must be a list of layers, e.g. "
                    f"Sequential([Dense(4), Dense(1)]), got {type(layers).__name__}."
                )
            for layer in layers:
                self.add(layer)
        self.optimizer: optimizers_module.Optimizer | None = None
        self.loss: losses_module.Loss | None = None
        self.metrics: list[str] = []
        self.history: History | None = None
        self._optimizer_name: str | None = None  # the name self.optimizer was created from
        self._epochs_seen = 0  # across fit calls: each epoch's shuffle depends on (seed, epoch)

    # ---- structure -------------------------------------------------------------------------------

    def add(self, layer: Layer) -> None:
        """Append a layer at the output end (like ``keras.Sequential.add``)."""
        if not isinstance(layer, Layer):
            hint = " (a class: did you forget the parentheses?)" if isinstance(layer, type) else ""
            raise TypeError(
                f"Sequential {self.name!r}: every layer must be a dlcourse layer such as "
                f"Dense(4), got {type(layer).__name__} {layer!r}{hint}."
            )
        taken = {existing.name for existing in self.layers}
        if layer.name in taken:
            base, suffix = layer.name, 1
            while f"{base}_{suffix}" in taken:
                suffix += 1
            layer.name = f"{base}_{suffix}"
        self.layers.append(layer)
        self._build_known()

    def _build_known(self) -> None:
        """Build every layer whose input size is already known, as Keras does once the first
        layer has an ``input_dim``; check that built neighbours fit together."""
        dim, previous = None, None
        for layer in self.layers:
            if layer.built:
                if dim is not None and layer.input_dim != dim:
                    raise ValueError(
                        f"Sequential {self.name!r}: layer {layer.name!r} was built for "
                        f"{layer.input_dim} inputs, but the layer before it, {previous!r}, "
                        f"outputs {dim}. Remove input_dim=... from {layer.name!r} or make the "
                        f"sizes match."
                    )
            elif dim is None:
                return
            else:
                layer.build(dim)
            dim, previous = layer.output_dim, layer.name

    @property
    def built(self) -> bool:
        """True when every layer has its weights."""
        return bool(self.layers) and all(layer.built for layer in self.layers)

    @property
    def input_dim(self) -> int | None:
        """The number of input features (None before the model is built)."""
        return self.layers[0].input_dim if self.layers else None

    def build(self, input_dim: int) -> None:
        """Create every layer's weights for inputs with ``input_dim`` features."""
        self._check_has_layers()
        first = self.layers[0]
        if first.built and first.input_dim != input_dim:
            raise ValueError(
                f"Sequential {self.name!r}.build: the first layer {first.name!r} was built for "
                f"{first.input_dim} input features, got input_dim={input_dim}."
            )
        if not first.built:
            first.build(input_dim)
        self._build_known()

    @property
    def trainable_weights(self) -> list[np.ndarray]:
        """The trainable arrays (the live ones, not copies), layer by layer in Keras order."""
        self._check_built("trainable_weights")
        return [value for layer in self.layers for value in layer.params.values()]

    def _gradients(self) -> list[np.ndarray]:
        return [value for layer in self.layers for value in layer.grads.values()]

    # ---- forward and backward --------------------------------------------------------------------

    def forward(self, X: Any, training: bool = False) -> np.ndarray:
        """Pass ``X`` through every layer and return the output.

        Args:
            X: inputs, shape ``(num_samples, num_features)``.
            training: True while training (Dropout drops, BatchNormalization uses batch
                statistics and updates its moving ones); False for predictions.

        Returns:
            The output of the last layer, shape ``(num_samples, num_outputs)``.
        """
        output = self._check_X(X, "X")
        for layer in self.layers:
            output = layer.forward(output, training=training)
        return output

    def __call__(self, X: Any, training: bool = False) -> np.ndarray:
        """Same as ``forward(X, training)``, like calling a Keras model."""
        return self.forward(X, training=training)

    def predict(self, X: Any) -> np.ndarray:
        """Return the network's output for ``X`` (inference mode), shape ``(num_samples, units)``."""
        return self.forward(X, training=False)

    def backward(self, grad: Any) -> np.ndarray:
        """Backpropagate dL/d(output) through the layers (last to first) and return dL/dX.

        Each layer fills its ``grads`` on the way. Call it right after ``forward``.
        """
        self._check_has_layers()
        for layer in reversed(self.layers):
            grad = layer.backward(grad)
        return grad

    # ---- loss and gradients ----------------------------------------------------------------------

    def regularization_loss(self) -> float:
        """The sum of the layers' penalties (0.0 without regularizers)."""
        return float(sum(layer.regularization_loss() for layer in self.layers))

    def loss_and_gradients(
        self, X: Any, y: Any, loss: str | losses_module.Loss, training: bool = True
    ) -> tuple[float, list[np.ndarray]]:
        """One forward and one backward pass: the loss and the gradient of every weight.

        The loss is ``loss(y, net(X)) + regularization``, as Keras computes it in training.

        Args:
            X: inputs, shape ``(num_samples, num_features)``.
            y: targets for ``loss``, one row per row of ``X``.
            loss: a loss name or object (``dlcourse.losses``).
            training: the mode of the forward pass (True as in a Keras training step).

        Returns:
            ``(loss_value, grads)`` with ``grads`` in the order of ``trainable_weights`` (the
            order of ``get_weights()`` without BatchNormalization's moving statistics, which
            have no gradient).
        """
        loss = losses_module.get(loss)
        X = self._check_X(X, "X")
        y = self._check_y(y, X, "y")
        value, _ = self._forward_backward(X, y, loss, training)
        return value, self._gradients()

    def _forward_backward(self, X, y, loss, training):
        output = self.forward(X, training=training)
        value, grad_output = loss.value_and_gradient(y, output)
        self.backward(grad_output)
        return value + self.regularization_loss(), output

    def train_step(
        self,
        X_batch: Any,
        y_batch: Any,
        loss: str | losses_module.Loss | None = None,
        optimizer: str | optimizers_module.Optimizer | None = None,
    ) -> float:
        """One update on one batch: forward, backward, optimizer step.

        Args:
            X_batch, y_batch: one batch of inputs and targets.
            loss: a loss name or object; None uses the one from ``compile``/``fit``.
            optimizer: an optimizer object (its state carries on from call to call), a name, or
                None for ``self.optimizer``. A name creates the optimizer once and keeps it in
                ``self.optimizer``: calling ``train_step(..., "adam")`` again continues with
                the same Adam state, as a compiled Keras model does.

        Returns:
            The batch loss *before* the update (what Keras reports for the step).
        """
        loss = self._loss_or_default(loss, "train_step")
        optimizer = self._optimizer_or_default(optimizer, "train_step")
        value, grads = self.loss_and_gradients(X_batch, y_batch, loss, training=True)
        optimizer.step(self.trainable_weights, grads)
        return value

    # ---- training --------------------------------------------------------------------------------

    def compile(
        self,
        optimizer: str | optimizers_module.Optimizer = "rmsprop",
        loss: str | losses_module.Loss | None = None,
        metrics: list[str] | None = None,
    ) -> None:
        """Choose the optimizer, loss and metrics once, as in Keras; ``fit`` then needs neither."""
        self.optimizer = optimizers_module.get(optimizer)
        self._optimizer_name = optimizer if isinstance(optimizer, str) else None
        self.loss = None if loss is None else losses_module.get(loss)
        self.metrics = training.check_metrics(metrics)

    def fit(
        self,
        X: Any,
        y: Any,
        *,
        loss: str | losses_module.Loss | None = None,
        optimizer: str | optimizers_module.Optimizer | None = None,
        epochs: int = 1,
        batch_size: int | None = 32,
        validation_data: tuple[Any, Any] | None = None,
        shuffle: bool = True,
        seed: int | None = None,
        metrics: list[str] | None = None,
        verbose: int = 0,
    ) -> History:
        """Train with mini-batch gradient descent, like ``keras.Model.fit``.

        Every argument after ``y`` is keyword-only: Keras' third positional argument is
        ``batch_size``, so ``fit(X, y, 32)`` would mean different things in the two libraries.

        Calling ``fit`` again continues from the current weights; with the same optimizer object
        (or ``optimizer=None``, which reuses ``self.optimizer``) its state continues too, so
        ``fit(..., epochs=1)`` called three times equals ``fit(..., epochs=3)`` (same seed).

        Args:
            X: inputs, shape ``(num_samples, num_features)``.
            y: targets, one per row of ``X`` (e.g. ``(n,)`` labels or ``(n, k)`` values).
            loss: a loss name or object; None uses the one from ``compile`` or the last ``fit``.
            optimizer: an optimizer name or object; None uses ``self.optimizer``. A name creates
                a fresh optimizer with Keras' defaults.
            epochs: the number of passes over the data.
            batch_size: rows per update (the last batch may be smaller); None means 32.
            validation_data: ``(X_val, y_val)``, evaluated after every epoch.
            shuffle: shuffle the rows before every epoch.
            seed: seed of the shuffling; None draws one from NumPy's global generator (which
                ``dlcourse.setup_notebook`` seeds).
            metrics: e.g. ``["accuracy"]``; None uses the ones from ``compile``/the last ``fit``.
            verbose: 0 prints nothing; 1 (or 2) prints one line per epoch.

        Returns:
            A ``History`` (:class:`dlcourse.training.History`);
            ``history.history["loss"][i]`` is the mean training loss over the batches of epoch
            ``i`` (computed before each batch's update, as Keras reports it).

        Example:
            >>> from dlcourse.layers import Dense
            >>> X = np.array([[0.0], [1.0], [2.0], [3.0]]); y = 2 * X[:, 0] + 1
            >>> net = Sequential([Dense(1, seed=0)])
            >>> h = net.fit(X, y, loss="mse", optimizer="sgd", epochs=200, batch_size=4, seed=0)
            >>> h.history["loss"][-1] < h.history["loss"][0]
            True

        Introduced in notebook 09_mlp_from_scratch.
        """
        where = f"Sequential {self.name!r}.fit"
        if loss is not None:
            self.loss = losses_module.get(loss)
        loss = self._loss_or_default(None, "fit")
        if optimizer is not None:
            self.optimizer = optimizers_module.get(optimizer)
            self._optimizer_name = optimizer if isinstance(optimizer, str) else None
        optimizer = self._optimizer_or_default(None, "fit")
        metrics = self.metrics = training.check_metrics(
            self.metrics if metrics is None else metrics
        )
        epochs = check_int(epochs, "epochs", where, minimum=0)
        batch_size = check_int(32 if batch_size is None else batch_size, "batch_size", where, 1)
        verbose = check_int(verbose, "verbose", where, minimum=0)
        X = self._check_X(X, "X")
        y = self._check_y(y, X, "y")
        validation = None
        if validation_data is not None:
            if not isinstance(validation_data, tuple | list) or len(validation_data) != 2:
                raise ValueError(
                    f"{where}: `validation_data` must be a pair (X_val, y_val), got "
                    f"{type(validation_data).__name__}."
                )
            X_val = self._check_X(validation_data[0], "X_val")
            validation = (X_val, self._check_y(validation_data[1], X_val, "y_val"))
        seed = check_seed(seed, where)
        if seed is None:
            # The legacy global generator on purpose: it is the one setup_notebook() seeds.
            seed = int(np.random.randint(0, 2**31 - 1))  # noqa: NPY002
        if not self.built:
            self.build(X.shape[1])
        self.history = training.train(
            self, X, y, loss=loss, optimizer=optimizer, epochs=epochs, batch_size=batch_size,
            shuffle=shuffle, seed=seed, metrics=metrics, verbose=verbose, validation=validation,
        )  # fmt: skip
        return self.history

    def evaluate(
        self,
        X: Any,
        y: Any,
        *,
        loss: str | losses_module.Loss | None = None,
        metrics: list[str] | None = None,
    ) -> dict[str, float]:
        """The loss (plus regularization) and metrics on ``(X, y)`` in inference mode.

        ``evaluate`` changes nothing in the model: a ``loss`` or ``metrics`` given here is used
        for this call only (``self.loss`` and ``self.metrics`` stay what ``compile``/``fit``
        set).

        Args:
            X: inputs, shape ``(num_samples, num_features)``.
            y: targets.
            loss: a loss name or object; None uses the one from ``compile``/the last ``fit``.
            metrics: e.g. ``["accuracy"]``; None uses the ones from ``compile``/the last ``fit``.

        Returns:
            A dict such as ``{"loss": 0.31, "accuracy": 0.9}`` (Keras'
            ``evaluate(..., return_dict=True)``).
        """
        loss = self._loss_or_default(loss, "evaluate")
        metrics = training.check_metrics(self.metrics if metrics is None else metrics)
        X = self._check_X(X, "X")
        y = self._check_y(y, X, "y")
        return training.evaluate(self, X, y, loss=loss, metrics=metrics)

    # ---- weights and summary ---------------------------------------------------------------------

    def get_weights(self) -> list[np.ndarray]:
        """Copies of all weights in Keras order: ``[W1, b1, W2, b2, ...]``."""
        self._check_built("get_weights()")
        return [w for layer in self.layers for w in layer.get_weights()]

    def set_weights(self, weights: list[Any]) -> None:
        """Set all weights from a list in Keras order (e.g. ``keras_model.get_weights()``).

        An unbuilt model is built from the first array's shape (its first axis is the number of
        input features for every layer type).
        """
        self._check_has_layers()
        if not isinstance(weights, list | tuple):
            raise TypeError(
                f"Sequential {self.name!r}.set_weights: `weights` must be a list of arrays in "
                f"Keras order [W1, b1, W2, b2, ...], got {type(weights).__name__}."
            )
        if not self.built and weights:
            self.build(int(np.shape(weights[0])[0]))
        self._check_built("set_weights()")
        counts = [len(layer.get_weights()) for layer in self.layers]
        if len(weights) != sum(counts):
            shapes = [w.shape for w in self.get_weights()]
            raise ValueError(
                f"Sequential {self.name!r}.set_weights: expected {sum(counts)} arrays with shapes "
                f"{shapes} (Keras order), got {len(weights)}."
            )
        start = 0
        for layer, count in zip(self.layers, counts, strict=True):
            layer.set_weights(list(weights[start : start + count]))
            start += count

    def count_params(self) -> int:
        """The number of weights (BatchNormalization's moving statistics included, as in Keras)."""
        self._check_built("count_params()")
        return sum(layer.count_params() for layer in self.layers)

    def summary(self) -> None:
        """Print a table of the layers, their output shapes and weight counts (like Keras)."""
        self._check_built("summary()")
        rows = []
        for layer in self.layers:
            label = f"{layer.name} ({type(layer).__name__})"
            rows.append((label, f"(None, {layer.output_dim})", str(layer.count_params())))
        header = ("Layer (type)", "Output Shape", "Param #")
        widths = [max(len(r[i]) for r in [header, *rows]) + 3 for i in range(3)]
        rule = "=" * sum(widths)
        total = self.count_params()
        trainable = sum(w.size for w in self.trainable_weights)

        def line(cells):
            return "".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

        lines = [f'Model: "{self.name}"', rule, line(header), rule, *map(line, rows)]
        lines += [
            rule,
            f"Total params: {total:,}",
            f"Trainable params: {trainable:,}",
            f"Non-trainable params: {total - trainable:,}",
        ]
        print("\n".join(lines))

    def __repr__(self) -> str:
        if not self.layers:
            return f"Sequential(name={self.name!r}, layers=[])"
        inner = "".join(f"    {layer!r},\n" for layer in self.layers)
        return f"Sequential(name={self.name!r}, layers=[\n{inner}])"

    # ---- checks ----------------------------------------------------------------------------------

    def _check_has_layers(self) -> None:
        if not self.layers:
            raise ValueError(
                f"Sequential {self.name!r} has no layers. Create it with a list, e.g. "
                f"Sequential([Dense(8, activation='relu'), Dense(1)]), or call add(layer)."
            )

    def _check_built(self, what: str) -> None:
        self._check_has_layers()
        if not self.built:
            raise ValueError(
                f"Sequential {self.name!r} is not built yet, so {what} has no weights to show: "
                f"layers create their weights when they first see data. Call build(input_dim), "
                f"give the first layer input_dim=..., or call predict(X) or fit(...) first."
            )

    def _loss_or_default(self, loss, where: str) -> losses_module.Loss:
        """``loss`` as a Loss object, or ``self.loss`` when it is None (``self.loss`` unchanged)."""
        if loss is not None:
            return losses_module.get(loss)
        if self.loss is None:
            raise ValueError(
                f"Sequential {self.name!r}.{where}: no loss. Pass one, e.g. loss='mse' or "
                f"loss='sparse_categorical_crossentropy', or call compile(loss=...) first."
            )
        return self.loss

    def _optimizer_or_default(self, optimizer, where: str) -> optimizers_module.Optimizer:
        """An optimizer object; a name is created once and kept, so its state carries on."""
        if optimizer is None:
            if self.optimizer is None:
                raise ValueError(
                    f"Sequential {self.name!r}.{where}: no optimizer. Pass one, e.g. "
                    f"optimizer='adam', or call compile(optimizer=...) first."
                )
            return self.optimizer
        if isinstance(optimizer, str):
            if self.optimizer is None or self._optimizer_name != optimizer:
                self.optimizer = optimizers_module.get(optimizer)
                self._optimizer_name = optimizer
            return self.optimizer
        return optimizers_module.get(optimizer)

    def _check_X(self, X: Any, arg: str) -> np.ndarray:
        self._check_has_layers()
        X = as_2d_float_array(X, arg, f"Sequential {self.name!r}")
        return X.astype(np.float64, copy=False)

    def _check_y(self, y: Any, X: np.ndarray, arg: str) -> np.ndarray:
        where = f"Sequential {self.name!r}"
        y = as_float64_array(y, arg, where)
        if y.ndim == 0 or y.shape[0] != X.shape[0]:
            got = "a single number" if y.ndim == 0 else f"{y.shape[0]} rows (shape {y.shape})"
            raise ValueError(
                f"{where}: `{arg}` must have one target per row of X ({X.shape[0]} rows), got "
                f"{got}. Check that X and y come from the same samples, in the same order."
            )
        return y


def mlp(
    num_inputs: int | None,
    hidden: int | Sequence[int],
    num_outputs: int,
    activation: str = "relu",
    output_activation: str | None = None,
    *,
    kernel_initializer: str = "glorot_uniform",
    kernel_regularizer: Any = None,
    batch_norm: bool = False,
    seed: int = 0,
    name: str | None = None,
) -> Sequential:
    """A multilayer perceptron: ``Dense`` hidden layers, then a ``Dense`` output layer.

    The course's one MLP builder. ``mlp(2, (16, 16), 1, "relu", "sigmoid")`` is the Keras model
    ``Sequential([Input((2,)), Dense(16, "relu"), Dense(16, "relu"), Dense(1, "sigmoid")])``.
    Layers are named ``hidden_1``, ``hidden_2``, ... and ``output``; Dense layer ``i`` (from 0)
    is initialised with seed ``seed + i``, so the same arguments always give the same weights.

    Args:
        num_inputs: the number of input features; the weights are built at once. None leaves the
            network unbuilt (it builds on the first data it sees).
        hidden: units per hidden layer, input side first, e.g. ``(16, 16)``; an int for one
            hidden layer; ``()`` gives a linear model (just the output layer).
        num_outputs: units in the output layer (1 for binary or regression, K for K classes).
        activation: the hidden layers' activation (Keras' ``activation``).
        output_activation: the output layer's activation; None is linear, as in Keras
            (``"sigmoid"`` for binary, ``"softmax"`` for multiclass classification).
        kernel_initializer: every Dense layer's initializer, e.g. ``"he_normal"``.
        kernel_regularizer: every Dense layer's penalty, e.g. ``"l2"`` (None: no penalty).
        batch_norm: each hidden layer becomes ``Dense(units)`` -> ``BatchNormalization`` ->
            ``Activation(activation)`` (notebook 07).
        seed: seed of the first Dense layer's initializer.
        name: the model's name (default ``"mlp"``).

    Returns:
        A ``Sequential``.

    Example:
        >>> net = mlp(2, (16, 16), 1, output_activation="sigmoid")
        >>> [layer.name for layer in net.layers], net.count_params()
        (['hidden_1', 'hidden_2', 'output'], 337)
        >>> net.count_params() == dense_params([2, 16, 16, 1])
        True

    Introduced in notebook 04_layers_and_network_size (used again in 05, 07, 08, 09 and by the
    Playground, CapacityExplorer and OptimizerRace widgets).
    """
    if isinstance(hidden, int | np.integer) and not isinstance(hidden, bool):
        hidden = (hidden,)
    where = "mlp"
    if isinstance(hidden, str) or not isinstance(hidden, Iterable):
        raise TypeError(
            f"{where}: `hidden` must be a tuple of positive ints, one width per hidden layer, "
            f"e.g. (32,) or (16, 16), or () for no hidden layer; got {hidden!r}."
        )
    units = check_layer_sizes([*hidden, check_int(num_outputs, "num_outputs", where)], where)
    if num_inputs is not None:
        check_int(num_inputs, "num_inputs", where, minimum=1)
    stack: list[Layer] = []
    for i, width in enumerate(units[:-1]):
        dense_name, seed_i = f"hidden_{i + 1}", seed + i
        common = {
            "kernel_initializer": kernel_initializer,
            "kernel_regularizer": kernel_regularizer,
            "seed": seed_i,
        }
        if batch_norm:
            stack.append(Dense(width, name=dense_name, **common))
            stack.append(BatchNormalization(name=f"batch_norm_{i + 1}"))
            stack.append(Activation(activation, name=f"activation_{i + 1}"))
        else:
            stack.append(Dense(width, activation=activation, name=dense_name, **common))
    stack.append(
        Dense(
            units[-1],
            activation=output_activation,
            kernel_initializer=kernel_initializer,
            kernel_regularizer=kernel_regularizer,
            seed=seed + len(units) - 1,
            name="output",
        )
    )
    net = Sequential(stack, name=name or "mlp")
    if num_inputs is not None:
        net.build(int(num_inputs))
    return net


def dense_params(layer_sizes: Sequence[int]) -> int:
    """The number of weights and biases of a stack of Dense layers: sum of ``(n_in + 1) * n_out``.

    Args:
        layer_sizes: units per layer, input layer first, e.g. ``[784, 128, 10]``. A list with
            one size (an input layer alone) has no weights.

    Returns:
        The parameter count, an int.

    Example:
        >>> dense_params([3, 2, 1])     # the 3-2-1 network: 3*2 + 2 + 2*1 + 1
        11

    Introduced in notebook 01_what_is_deep_learning (counted again in 04).
    """
    sizes = check_layer_sizes(layer_sizes, "dense_params")
    return sum((n_in + 1) * n_out for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=False))


def dense_flops(layer_sizes: Sequence[int]) -> int:
    """Floating-point operations of one forward pass of one example through Dense layers.

    For layers of sizes ``n_0, n_1, ..., n_L`` (input first): the sum of ``2 * n_{i-1} * n_i``,
    one multiply and one add per weight. Bias additions and activations are left out, as is
    usual: a few operations per unit, small next to the matrix products.

    Args:
        layer_sizes: units per layer, input layer first. An input layer alone costs 0.

    Returns:
        The FLOP count per example, an int.

    Example:
        >>> dense_flops([3, 2, 1])
        16
        >>> dense_flops([784, 128, 10])
        203264

    Introduced in notebook 01_what_is_deep_learning (Exercise 1.2; used again in 04).
    """
    sizes = check_layer_sizes(layer_sizes, "dense_flops")
    return sum(2 * n_in * n_out for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=False))


def output_spec(task: str, num_classes: int = 2) -> tuple[int, str, str]:
    """The output layer and loss a task needs: ``(units, activation, loss)``, with Keras names.

    - ``"binary"``: 1 sigmoid unit, ``binary_crossentropy``;
    - ``"multiclass"``: ``num_classes`` softmax units, ``sparse_categorical_crossentropy``
      (integer labels);
    - ``"regression"``: 1 linear unit, ``mean_squared_error``.

    Args:
        task: one of :data:`TASKS`.
        num_classes: the number of classes (multiclass only).

    Example:
        >>> output_spec("multiclass", num_classes=3)
        (3, 'softmax', 'sparse_categorical_crossentropy')

    Introduced in notebook 04_layers_and_network_size (used by notebook 09 and the widgets).
    """
    if task == "binary":
        return 1, "sigmoid", "binary_crossentropy"
    if task == "multiclass":
        num_classes = check_int(num_classes, "num_classes", "output_spec", minimum=2)
        return num_classes, "softmax", "sparse_categorical_crossentropy"
    if task == "regression":
        return 1, "linear", "mean_squared_error"
    raise ValueError(f"output_spec: `task` must be one of {TASKS}, got {task!r}.")
