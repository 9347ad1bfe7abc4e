"""Helpers for notebook 10_fnn_in_keras: quiet Keras predictions for plots, small tables.

Also the course's reference versions of the notebook's exercises 10.1 and 10.2 (``standardize``,
``early_stopping_epochs``) and the L2 penalty whose gradient Exercise 10.3 derives
(``l2_penalty``), in plain NumPy: the checks compare the learner's answer with them (10.3 with
central differences of the penalty), and the notebook's later cells compare them with the real
Keras layer, callback and model, so those cells run whether or not the exercise is done.

Nothing here imports TensorFlow: a Keras model is only used through its methods.

Introduced in notebook 10_fnn_in_keras.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = [
    "QuietModel",
    "house_table",
    "mae",
    "standardize",
    "early_stopping_epochs",
    "l2_penalty",
]


class QuietModel:
    """Wrap a Keras model so that ``predict(X)`` prints nothing.

    ``keras.Model.predict`` shows a progress bar unless it gets ``verbose=0``; plotting helpers
    such as ``dlcourse.plots.decision_boundary`` call ``model.predict(X)`` without it, and in a
    notebook that bar would become cell output that differs from run to run.

    Args:
        model: a Keras model (anything whose ``predict`` accepts ``verbose`` and ``batch_size``).
        batch_size: rows per prediction batch (large: a plot's grid has tens of thousands).

    Example:
        >>> plots.decision_boundary(QuietModel(model), X, y)  # doctest: +SKIP

    Introduced in notebook 10_fnn_in_keras.
    """

    def __init__(self, model: Any, batch_size: int = 8192) -> None:
        if not callable(getattr(model, "predict", None)):
            raise TypeError(
                f"QuietModel: `model` must have a predict method (a Keras model), got "
                f"{type(model).__name__}."
            )
        self.model = model
        self.batch_size = batch_size

    def predict(self, X: Any) -> np.ndarray:
        """``model.predict(X, verbose=0)`` as a NumPy array."""
        return np.asarray(self.model.predict(X, verbose=0, batch_size=self.batch_size))

    def __repr__(self) -> str:
        return f"QuietModel({getattr(self.model, 'name', type(self.model).__name__)!r})"


def house_table(X: np.ndarray, y: np.ndarray, feature_names: Sequence[str], rows: int = 5) -> str:
    """The first ``rows`` houses as a text table: one column per feature, then the price.

    Args:
        X: features, shape (num_houses, num_features).
        y: prices in thousands of euros, shape (num_houses,).
        feature_names: one name per column of ``X``.
        rows: how many houses to show.

    Returns:
        The table as a string (print it).

    Example:
        >>> print(house_table(np.array([[120.0, 3.0]]), np.array([350.0]), ["area_m2", "bedrooms"]))
        area_m2  bedrooms  price (k EUR)
          120.0       3.0          350.0

    Introduced in notebook 10_fnn_in_keras.
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if X.ndim != 2 or X.shape[1] != len(feature_names):
        raise ValueError(
            f"house_table: `X` must have shape (num_houses, {len(feature_names)}) to match the "
            f"{len(feature_names)} feature names, got shape {X.shape}."
        )
    if y.shape != (X.shape[0],):
        raise ValueError(
            f"house_table: `y` must have shape ({X.shape[0]},), one price per row of X, got "
            f"shape {y.shape}."
        )
    headers = [*feature_names, "price (k EUR)"]
    columns = np.column_stack([X, y])[:rows]
    widths = [max(len(h), 7) for h in headers]
    lines = ["  ".join(f"{h:>{w}}" for h, w in zip(headers, widths, strict=True))]
    for row in columns:
        lines.append("  ".join(f"{v:>{w}.1f}" for v, w in zip(row, widths, strict=True)))
    return "\n".join(lines)


def mae(y_true: Any, y_pred: Any) -> float:
    """Mean absolute error, ``mean(|y_true - y_pred|)``, in the units of ``y``.

    ``y_pred`` may be a Keras-style column ``(n, 1)``; it is compared row by row with ``y_true``
    of shape ``(n,)``. Any other shape mismatch is an error, never a silent broadcast to (n, n).

    Introduced in notebook 10_fnn_in_keras.
    """
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    if y_pred.ndim == 2 and y_pred.shape[1] == 1 and y_true.ndim == 1:
        y_pred = y_pred[:, 0]
    if y_true.shape != y_pred.shape:
        raise ValueError(
            f"mae: `y_true` has shape {y_true.shape} but `y_pred` has shape {y_pred.shape}; "
            "pass one prediction per target (shape (n,) or (n, 1))."
        )
    return float(np.mean(np.abs(y_true - y_pred)))


def standardize(X_train: Any, X_test: Any) -> tuple[np.ndarray, np.ndarray]:
    """Scale both arrays with the *training* set's column means and standard deviations.

    ``(X - mean) / std`` column by column, with ``mean`` and ``std`` (NumPy's default, dividing by
    n, as ``keras.layers.Normalization.adapt`` computes it) taken from ``X_train`` only: the test
    set must be scaled with the same numbers, or it is not the same feature any more. A column
    whose training standard deviation is 0 has nothing to scale and is divided by 1 (it becomes 0
    in the training set). The course's reference for Exercise 10.1.

    Args:
        X_train: shape (num_train, num_features).
        X_test: shape (num_test, num_features).

    Returns:
        ``(train_scaled, test_scaled)``, the same shapes as the inputs.

    Example:
        >>> train, test = standardize(np.array([[1.0], [2.0], [3.0]]), np.array([[5.0]]))
        >>> train.ravel().round(4), test.ravel().round(4)
        (array([-1.2247,  0.    ,  1.2247]), array([3.6742]))

    Introduced in notebook 10_fnn_in_keras (Exercise 10.1).
    """
    X_train = np.asarray(X_train, dtype=float)
    X_test = np.asarray(X_test, dtype=float)
    if X_train.ndim != 2 or X_test.ndim != 2 or X_train.shape[1] != X_test.shape[1]:
        raise ValueError(
            f"standardize: `X_train` and `X_test` must be 2-D, (num_samples, num_features), with "
            f"the same features; got shapes {X_train.shape} and {X_test.shape}. A single feature "
            "is a column: x.reshape(-1, 1)."
        )
    mean = X_train.mean(axis=0)
    std = X_train.std(axis=0)
    std = np.where(std == 0, 1.0, std)  # a constant column: nothing to scale, it becomes 0
    return (X_train - mean) / std, (X_test - mean) / std


def early_stopping_epochs(val_losses: Sequence[float], patience: int) -> tuple[int, int]:
    """How many epochs ``EarlyStopping(monitor="val_loss", patience=patience)`` lets ``fit`` run.

    Replays Keras' rule on a list of validation losses, one per epoch: only a *strictly* lower
    loss is an improvement (``min_delta=0``); training stops at the end of the epoch in which
    ``patience`` epochs in a row have passed without one; otherwise every epoch runs. The course's
    reference for Exercise 10.2.

    Args:
        val_losses: the validation loss after each epoch (at least one).
        patience: epochs without improvement that Keras tolerates, an int >= 0.

    Returns:
        ``(epochs_run, best_epoch)``: the number of epochs ``fit`` runs, and the 0-based epoch of
        the lowest loss, whose weights ``restore_best_weights=True`` brings back.

    Example:
        >>> early_stopping_epochs([0.9, 0.6, 0.7, 0.8, 0.9, 1.0], patience=2)
        (4, 1)

    Introduced in notebook 10_fnn_in_keras (Exercise 10.2).
    """
    losses = [float(v) for v in val_losses]
    if not losses:
        raise ValueError(
            "early_stopping_epochs: `val_losses` is empty; pass one validation loss per epoch, "
            "e.g. history.history['val_loss']."
        )
    if not isinstance(patience, int | np.integer) or isinstance(patience, bool) or patience < 0:
        raise ValueError(
            f"early_stopping_epochs: `patience` must be an int >= 0 (epochs), got {patience!r}."
        )
    best, best_epoch, wait = np.inf, 0, 0
    for epoch, loss in enumerate(losses):
        if loss < best:
            best, best_epoch, wait = loss, epoch, 0
            continue
        wait += 1
        if wait >= patience:
            return epoch + 1, best_epoch
    return len(losses), best_epoch


def l2_penalty(weights: Sequence[Any], l2: float) -> float:
    """The term ``kernel_regularizer=keras.regularizers.L2(l2)`` adds to the loss, over a model.

    ``l2 * sum(W**2)`` summed over every kernel (the 2-D arrays); biases (1-D) are not penalised,
    and Keras' L2 has no factor 1/2. Exercise 10.3 derives its gradient; its check compares the
    learner's gradient with central differences of this function.

    Args:
        weights: what ``model.get_weights()`` returns: ``[W1, b1, W2, b2, ...]``.
        l2: the regularisation factor, >= 0.

    Returns:
        The penalty, a float: the sum of the entries of ``model.losses``.

    Example:
        >>> l2_penalty([np.array([[1.0, 2.0]]), np.array([5.0])], l2=0.01)
        0.05

    Introduced in notebook 10_fnn_in_keras (Exercise 10.3).
    """
    if isinstance(weights, np.ndarray):
        raise TypeError(
            f"l2_penalty: `weights` must be the list model.get_weights() returns, [W1, b1, ...], "
            f"got one array of shape {weights.shape}; wrap a single kernel in a list: [W]."
        )
    if l2 < 0:
        raise ValueError(f"l2_penalty: `l2` must be >= 0, got {l2!r}.")
    return float(l2 * sum(np.sum(np.square(w)) for w in weights if np.ndim(w) == 2))
