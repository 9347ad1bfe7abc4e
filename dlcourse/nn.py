"""Sequential networks: a stack of layers that predicts, backpropagates and trains itself.

``Sequential`` is the NumPy twin of ``keras.Sequential``: the same layer order, the same weight
list (``get_weights()`` is ``[W1, b1, W2, b2, ...]``, so ``keras_model.set_weights(net.get_weights())``
gives the same predictions), and a ``fit`` with Keras' arguments that returns a Keras-style
``History``. Training is mini-batch gradient descent, vectorised over each batch:

    for each epoch:  shuffle the rows, then for each batch of ``batch_size`` rows:
        forward pass (training=True)  ->  loss and dL/d(output)  ->  backward pass
        ->  optimizer.step(weights, gradients)

Introduced in notebook 07_backpropagation (training in 09_mlp_from_scratch).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from typing import Any

import numpy as np

from dlcourse import losses as losses_module
from dlcourse import optimizers as optimizers_module
from dlcourse.gradcheck import gradient_norms
from dlcourse.layers import Layer

__all__ = ["Sequential", "History", "gradient_norms", "METRICS"]

METRICS = ["accuracy"]
"""Metric names ``fit`` and ``evaluate`` accept (``"acc"`` is an alias of ``"accuracy"``)."""

BLAS_THREADS_IN_FIT: int | None = 1
"""How many threads the BLAS library (NumPy's matrix products) may use while ``fit`` trains on
small batches (fewer rows than ``BLAS_THREADED_FROM_BATCH``).

For products of a few dozen rows, starting and synchronising BLAS threads costs more than it saves,
and on a shared machine (JupyterHub, Binder, a CI runner) threads that wait for each other can make
one product ten times slower. So ``fit`` runs BLAS on one thread for small batches and restores the
previous setting afterwards; from ``BLAS_THREADED_FROM_BATCH`` rows on, BLAS keeps its own threads
(measured in benchmarks/results.md: batch 32 is faster on one thread, batch 256 on all of them).
Set this to None to leave BLAS alone.
"""

BLAS_THREADED_FROM_BATCH = 128
"""The batch size from which ``fit`` leaves BLAS its own threads (see ``BLAS_THREADS_IN_FIT``)."""

_blas_controller = None


class History:
    """What ``fit`` returns: the loss and metrics after every epoch, as in Keras.

    Attributes:
        history: dict from a name (``"loss"``, ``"accuracy"``, ``"val_loss"``, ``"val_accuracy"``)
            to a list with one float per epoch.
        epoch: the epoch indices of this ``fit`` call, ``[0, 1, ...]``.

    Introduced in notebook 09_mlp_from_scratch.
    """

    def __init__(self) -> None:
        self.history: dict[str, list[float]] = {}
        self.epoch: list[int] = []

    def __repr__(self) -> str:
        keys = ", ".join(self.history)
        return f"History(epochs={len(self.epoch)}, keys=[{keys}])"


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
        loss: str | losses_module.Loss,
        optimizer: str | optimizers_module.Optimizer,
    ) -> float:
        """One update on one batch: forward, backward, optimizer step.

        Returns:
            The batch loss *before* the update (what Keras reports for the step).
        """
        optimizer = optimizers_module.get(optimizer)
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
        self.loss = None if loss is None else losses_module.get(loss)
        self.metrics = _check_metrics(metrics)

    def fit(
        self,
        X: Any,
        y: Any,
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
            A ``History``; ``history.history["loss"][i]`` is the mean training loss over the
            batches of epoch ``i`` (computed before each batch's update, as Keras reports it).

        Example:
            >>> from dlcourse.layers import Dense
            >>> X = np.array([[0.0], [1.0], [2.0], [3.0]]); y = 2 * X[:, 0] + 1
            >>> net = Sequential([Dense(1, seed=0)])
            >>> h = net.fit(X, y, loss="mse", optimizer="sgd", epochs=200, batch_size=4, seed=0)
            >>> h.history["loss"][-1] < h.history["loss"][0]
            True

        Introduced in notebook 09_mlp_from_scratch.
        """
        loss = self._resolve_loss(loss, "fit")
        if optimizer is not None:
            self.optimizer = optimizers_module.get(optimizer)
        elif self.optimizer is None:
            raise ValueError(
                f"Sequential {self.name!r}.fit: no optimizer. Pass one, e.g. "
                f"fit(X, y, loss=..., optimizer='adam'), or call compile(optimizer=...) first."
            )
        metrics = self.metrics = _check_metrics(self.metrics if metrics is None else metrics)
        epochs = _check_int(epochs, "epochs", "fit", minimum=0)
        batch_size = _check_int(32 if batch_size is None else batch_size, "batch_size", "fit")
        verbose = _check_int(verbose, "verbose", "fit", minimum=0)
        X = self._check_X(X, "X")
        y = self._check_y(y, X, "y")
        if validation_data is not None:
            if not isinstance(validation_data, tuple | list) or len(validation_data) != 2:
                raise ValueError(
                    f"Sequential {self.name!r}.fit: `validation_data` must be a pair "
                    f"(X_val, y_val), got {type(validation_data).__name__}."
                )
            X_val = self._check_X(validation_data[0], "X_val")
            y_val = self._check_y(validation_data[1], X_val, "y_val")
        if seed is None:
            # The legacy global generator on purpose: it is the one setup_notebook() seeds.
            seed = int(np.random.randint(0, 2**31 - 1))  # noqa: NPY002
        elif isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
            raise TypeError(f"Sequential.fit: `seed` must be an int >= 0 or None, got {seed!r}.")
        if not self.built:
            self.build(X.shape[1])

        small_batches = batch_size < BLAS_THREADED_FROM_BATCH
        with _blas_threads(BLAS_THREADS_IN_FIT if small_batches else None):
            history = self._train(X, y, loss, epochs, batch_size, shuffle, seed, metrics, verbose,
                                  None if validation_data is None else (X_val, y_val))  # fmt: skip
        self.history = history
        return history

    def _train(self, X, y, loss, epochs, batch_size, shuffle, seed, metrics, verbose, validation):
        """The training loop of ``fit``, on checked arguments."""
        history = History()
        num_samples = X.shape[0]
        for epoch in range(epochs):
            if shuffle:
                order = np.random.default_rng([int(seed), self._epochs_seen]).permutation(
                    num_samples
                )
                X_epoch, y_epoch = X[order], y[order]  # one copy per epoch; batches are views
            else:
                X_epoch, y_epoch = X, y
            loss_sum, correct = 0.0, 0
            for start in range(0, num_samples, batch_size):
                X_batch = X_epoch[start : start + batch_size]
                y_batch = y_epoch[start : start + batch_size]
                value, output = self._forward_backward(X_batch, y_batch, loss, training=True)
                self.optimizer.step(self.trainable_weights, self._gradients())
                loss_sum += value * X_batch.shape[0]
                if metrics:
                    correct += _num_correct(y_batch, output)
            self._epochs_seen += 1
            logs = {"loss": loss_sum / max(num_samples, 1)}
            if metrics:
                logs["accuracy"] = correct / max(num_samples, 1)
            if validation is not None:
                for key, value in self._evaluate(*validation, loss, metrics).items():
                    logs[f"val_{key}"] = value
            history.epoch.append(epoch)
            for key, value in logs.items():
                history.history.setdefault(key, []).append(value)
            if verbose:
                text = " - ".join(f"{key}: {value:.4f}" for key, value in logs.items())
                print(f"Epoch {epoch + 1}/{epochs} - {text}")
        return history

    def evaluate(
        self,
        X: Any,
        y: Any,
        loss: str | losses_module.Loss | None = None,
        metrics: list[str] | None = None,
    ) -> dict[str, float]:
        """The loss (plus regularization) and metrics on ``(X, y)`` in inference mode.

        Args:
            X: inputs, shape ``(num_samples, num_features)``.
            y: targets.
            loss: a loss name or object; None uses the one from ``compile``/the last ``fit``.
            metrics: e.g. ``["accuracy"]``; None uses the ones from ``compile``/the last ``fit``.

        Returns:
            A dict such as ``{"loss": 0.31, "accuracy": 0.9}`` (Keras'
            ``evaluate(..., return_dict=True)``).
        """
        loss = self._resolve_loss(loss, "evaluate")
        metrics = _check_metrics(self.metrics if metrics is None else metrics)
        X = self._check_X(X, "X")
        y = self._check_y(y, X, "y")
        return self._evaluate(X, y, loss, metrics)

    def _evaluate(self, X, y, loss, metrics):
        output = self.forward(X, training=False)
        logs = {"loss": loss(y, output) + self.regularization_loss()}
        if metrics:
            logs["accuracy"] = _num_correct(y, output) / max(X.shape[0], 1)
        return logs

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

    def _resolve_loss(self, loss, where: str) -> losses_module.Loss:
        if loss is not None:
            self.loss = losses_module.get(loss)
        elif self.loss is None:
            raise ValueError(
                f"Sequential {self.name!r}.{where}: no loss. Pass one, e.g. loss='mse' or "
                f"loss='sparse_categorical_crossentropy', or call compile(loss=...) first."
            )
        return self.loss

    def _check_X(self, X: Any, arg: str) -> np.ndarray:
        self._check_has_layers()
        where = f"Sequential {self.name!r}"
        X = losses_module._as_array(X, arg, where)
        if X.ndim != 2:
            hint = (
                f" For one feature use {arg}.reshape(-1, 1); for one sample {arg}.reshape(1, -1)."
                if X.ndim == 1
                else ""
            )
            raise ValueError(
                f"{where}: `{arg}` must be 2-D, shape (num_samples, num_features), got shape "
                f"{X.shape}.{hint}"
            )
        return X

    def _check_y(self, y: Any, X: np.ndarray, arg: str) -> np.ndarray:
        where = f"Sequential {self.name!r}"
        y = losses_module._as_array(y, arg, where)
        if y.ndim == 0 or y.shape[0] != X.shape[0]:
            got = "a single number" if y.ndim == 0 else f"{y.shape[0]} rows (shape {y.shape})"
            raise ValueError(
                f"{where}: `{arg}` must have one target per row of X ({X.shape[0]} rows), got "
                f"{got}. Check that X and y come from the same samples, in the same order."
            )
        return y


def _blas_threads(limit: int | None):
    """A context that limits BLAS to ``limit`` threads (no-op for None or without threadpoolctl)."""
    global _blas_controller
    if limit is None:
        return contextlib.nullcontext()
    if _blas_controller is None:
        try:
            from threadpoolctl import ThreadpoolController  # installed with scikit-learn
        except ImportError:  # pragma: no cover - scikit-learn is a dependency
            return contextlib.nullcontext()
        _blas_controller = ThreadpoolController()
    return _blas_controller.limit(limits=limit, user_api="blas")


def _num_correct(y: np.ndarray, output: np.ndarray) -> int:
    """Correct predictions, as Keras' "accuracy" resolves for these shapes.

    One output unit: binary accuracy, prediction ``output > 0.5`` against 0/1 targets. Several
    units: the arg-max class against integer labels (sparse) or the arg-max of one-hot rows.
    """
    if output.shape[1] == 1:
        return int(np.sum((output[:, 0] > 0.5) == (y.reshape(output.shape[0], -1)[:, 0] > 0.5)))
    predicted = output.argmax(axis=1)
    if y.ndim == 1 or y.shape[1] == 1:
        return int(np.sum(predicted == y.reshape(-1)))
    return int(np.sum(predicted == y.argmax(axis=1)))


def _check_metrics(metrics: Any) -> list[str]:
    if metrics is None:
        return []
    if isinstance(metrics, str):
        metrics = [metrics]
    names = []
    for metric in metrics:
        key = str(metric).lower()
        if key in ("acc", "accuracy"):
            names.append("accuracy")
        else:
            raise ValueError(
                f"Unknown metric {metric!r}. dlcourse knows {', '.join(METRICS)} "
                f"(also 'acc'); the loss is always reported."
            )
    return sorted(set(names))


def _check_int(value: Any, arg: str, where: str, minimum: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < minimum:
        raise ValueError(f"Sequential.{where}: `{arg}` must be an int >= {minimum}, got {value!r}.")
    return int(value)
