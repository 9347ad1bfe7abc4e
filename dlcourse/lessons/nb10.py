"""Helpers for notebook 10_fnn_in_keras: quiet Keras predictions for plots, small tables.

Nothing here imports TensorFlow: a Keras model is only used through its methods.

Introduced in notebook 10_fnn_in_keras.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = ["QuietModel", "house_table", "mae"]


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
