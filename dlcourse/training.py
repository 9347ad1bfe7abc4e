"""Training: the mini-batch loop behind ``Sequential.fit``, its ``History``, and the metrics.

``Sequential.fit`` and ``Sequential.evaluate`` (in :mod:`dlcourse.nn`) check their arguments and
call :func:`train` and :func:`evaluate` here. The loop is mini-batch gradient descent, vectorised
over each batch:

    for each epoch:  shuffle the rows, then for each batch of ``batch_size`` rows:
        forward pass (training=True)  ->  loss and dL/d(output)  ->  backward pass
        ->  optimizer.step(weights, gradients)

Introduced in notebook 09_mlp_from_scratch.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

import numpy as np

from dlcourse._validate import as_float_array

if TYPE_CHECKING:  # pragma: no cover
    from dlcourse.nn import Sequential

__all__ = ["History", "METRICS", "accuracy", "train", "evaluate"]

METRICS = ["accuracy"]
"""Metric names ``fit`` and ``evaluate`` accept (``"acc"`` is an alias of ``"accuracy"``)."""

# For products of a few dozen rows, starting and synchronising BLAS threads costs more than it
# saves, and on a shared machine (JupyterHub, Binder, a CI runner) threads that wait for each other
# can make one product ten times slower. So ``train`` runs BLAS on one thread for batches under
# _BLAS_THREADED_FROM_BATCH rows and restores the previous setting afterwards (measured in
# benchmarks/results.md: batch 32 is faster on one thread, batch 256 on all of them).
# _BLAS_THREADS_IN_FIT = None leaves BLAS alone.
_BLAS_THREADS_IN_FIT: int | None = 1
_BLAS_THREADED_FROM_BATCH = 128
_blas_controller = None


class History:
    """What ``fit`` returns: the loss and metrics after every epoch, as in Keras.

    Attributes:
        history: dict from a name (``"loss"``, ``"accuracy"``, ``"val_loss"``, ``"val_accuracy"``)
            to a list with one float per epoch.
        epoch: the epoch indices of this ``fit`` call, ``[0, 1, ...]``.

    Example:
        >>> History()
        History(epochs=0, keys=[])

    Introduced in notebook 09_mlp_from_scratch.
    """

    def __init__(self) -> None:
        self.history: dict[str, list[float]] = {}
        self.epoch: list[int] = []

    def __repr__(self) -> str:
        keys = ", ".join(self.history)
        return f"History(epochs={len(self.epoch)}, keys=[{keys}])"


def _num_correct(y: np.ndarray, output: np.ndarray) -> int:
    """Correct predictions, as Keras' "accuracy" resolves for these shapes.

    One output unit: binary accuracy, prediction ``output > 0.5`` against 0/1 targets (a
    probability of exactly 0.5 counts as class 0, as in Keras). Several units: the arg-max class
    against integer labels (sparse) or against the arg-max of one-hot rows.
    """
    if output.shape[1] == 1:
        return int(np.sum((output[:, 0] > 0.5) == (y.reshape(output.shape[0], -1)[:, 0] > 0.5)))
    predicted = output.argmax(axis=1)
    if y.ndim == 1 or y.shape[1] == 1:
        return int(np.sum(predicted == y.reshape(-1)))
    return int(np.sum(predicted == y.argmax(axis=1)))


def accuracy(y_true: Any, y_pred: Any) -> float:
    """The fraction of correct predictions, as Keras' ``metrics=["accuracy"]`` computes it.

    Args:
        y_true: labels: 0/1 targets ``(n,)`` or ``(n, 1)`` for one output unit; integer labels
            ``(n,)`` or one-hot rows ``(n, K)`` for ``K`` output units.
        y_pred: the network's output, shape ``(n, 1)`` (sigmoid probabilities: class 1 when
            ``p > 0.5``) or ``(n, K)`` (the arg-max is the predicted class).

    Returns:
        A float in [0, 1] (0.0 for no samples).

    Example:
        >>> accuracy([0, 2, 1], np.array([[0.7, 0.2, 0.1], [0.1, 0.3, 0.6], [0.6, 0.3, 0.1]]))
        0.6666666666666666
        >>> accuracy([1, 0], np.array([[0.9], [0.5]]))   # 0.5 is class 0, as in Keras
        1.0

    Introduced in notebook 09_mlp_from_scratch (Exercise 9.3).
    """
    y_true = as_float_array(y_true, "y_true", "accuracy")
    y_pred = as_float_array(y_pred, "y_pred", "accuracy")
    if y_pred.ndim != 2:
        raise ValueError(
            f"accuracy: `y_pred` must be a network's output, shape (num_samples, units), got "
            f"shape {y_pred.shape}. For one sigmoid unit use y_pred.reshape(-1, 1)."
        )
    if y_true.ndim == 0 or y_true.shape[0] != y_pred.shape[0]:
        raise ValueError(
            f"accuracy: `y_true` must have one label per row of y_pred ({y_pred.shape[0]} rows), "
            f"got shape {y_true.shape}."
        )
    return _num_correct(y_true, y_pred) / max(y_pred.shape[0], 1)


def check_metrics(metrics: Any) -> list[str]:
    """The metric names ``metrics`` stands for (``None`` -> ``[]``, ``"acc"`` -> ``"accuracy"``).

    Example:
        >>> check_metrics(["acc"])
        ['accuracy']
    """
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


def train(
    model: Sequential,
    X: np.ndarray,
    y: np.ndarray,
    *,
    loss,
    optimizer,
    epochs: int,
    batch_size: int,
    shuffle: bool,
    seed: int,
    metrics: list[str],
    verbose: int,
    validation: tuple[np.ndarray, np.ndarray] | None,
) -> History:
    """The training loop of ``Sequential.fit``, on checked arguments; returns a ``History``.

    ``history.history["loss"][i]`` is the mean training loss over the batches of epoch ``i``,
    each computed before its batch's update, as Keras reports it. Epoch ``e`` of the model's life
    shuffles with ``default_rng([seed, e])``, so calling ``fit`` three times for one epoch equals
    one call for three epochs.

    Introduced in notebook 09_mlp_from_scratch.
    """
    small_batches = batch_size < _BLAS_THREADED_FROM_BATCH
    with _blas_threads(_BLAS_THREADS_IN_FIT if small_batches else None):
        history = History()
        num_samples = X.shape[0]
        for epoch in range(epochs):
            if shuffle:
                rng = np.random.default_rng([int(seed), model._epochs_seen])
                order = rng.permutation(num_samples)
                X_epoch, y_epoch = X[order], y[order]  # one copy per epoch; batches are views
            else:
                X_epoch, y_epoch = X, y
            loss_sum, correct = 0.0, 0
            for start in range(0, num_samples, batch_size):
                X_batch = X_epoch[start : start + batch_size]
                y_batch = y_epoch[start : start + batch_size]
                value, output = model._forward_backward(X_batch, y_batch, loss, training=True)
                optimizer.step(model.trainable_weights, model._gradients())
                loss_sum += value * X_batch.shape[0]
                if metrics:
                    correct += _num_correct(y_batch, output)
            model._epochs_seen += 1
            logs = {"loss": loss_sum / max(num_samples, 1)}
            if metrics:
                logs["accuracy"] = correct / max(num_samples, 1)
            if validation is not None:
                for key, value in evaluate(model, *validation, loss=loss, metrics=metrics).items():
                    logs[f"val_{key}"] = value
            history.epoch.append(epoch)
            for key, value in logs.items():
                history.history.setdefault(key, []).append(value)
            if verbose:
                text = " - ".join(f"{key}: {value:.4f}" for key, value in logs.items())
                print(f"Epoch {epoch + 1}/{epochs} - {text}")
    return history


def evaluate(
    model: Sequential, X: np.ndarray, y: np.ndarray, *, loss, metrics: list[str]
) -> dict[str, float]:
    """The loss (plus regularization) and metrics of ``model`` on checked ``(X, y)``, in inference
    mode (what ``Sequential.evaluate`` returns).

    Introduced in notebook 09_mlp_from_scratch.
    """
    output = model.forward(X, training=False)
    logs = {"loss": loss(y, output) + model.regularization_loss()}
    if metrics:
        logs["accuracy"] = _num_correct(y, output) / max(X.shape[0], 1)
    return logs
