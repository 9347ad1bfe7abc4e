"""Loss functions: how far predictions are from targets, and which way to move to get closer.

Every loss here is a small class with the name of its Keras twin and three methods:

- ``loss(y_true, y_pred)`` returns one float, equal to the Keras loss class with its default
  reduction (``"sum_over_batch_size"``): the loss of each sample, averaged over the samples;
- ``loss.gradient(y_true, y_pred)`` returns dL/dy_pred, an array shaped like ``y_pred``, equal to
  what TensorFlow's automatic differentiation gives for the same Keras loss;
- ``loss.per_sample(y_true, y_pred)`` returns the loss of each sample (Keras ``reduction=None``).

How Keras reduces: a loss first computes one value per element (squared error, cross-entropy,
...), then combines the last axis into one value per sample (``mean`` for the regression losses,
binary cross-entropy and hinge, ``sum`` over the classes for the categorical cross-entropies), then
averages the per-sample values. So for ``y_pred`` of shape ``(n, k)`` the mean squared error is the
mean over all ``n * k`` squared errors, and its gradient is ``2 * (y_pred - y_true) / (n * k)``.

Shapes: rows are samples. ``y_true`` has the shape of ``y_pred``, except that Keras accepts a
``(n,)`` target with a ``(n, 1)`` prediction (and the other way round); the sparse cross-entropy
takes integer class labels of shape ``(n,)`` with ``y_pred`` of shape ``(n, num_classes)``.

Numerical care, as in Keras: probabilities are clipped to ``[1e-7, 1 - 1e-7]`` before the logarithm
(so a confident wrong answer costs at most ``-log(1e-7) = 16.1``, and the gradient through a clipped
value is zero); ``from_logits=True`` works on the raw scores with the log-sum-exp trick, which never
overflows and never loses a confident wrong answer to clipping.

Introduced in notebook 06_loss_functions.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from dlcourse import _registry
from dlcourse._validate import as_float64_array
from dlcourse.activations import _stable_sigmoid

__all__ = [
    "EPSILON",
    "NAMES",
    "Loss",
    "MeanSquaredError",
    "MeanAbsoluteError",
    "Huber",
    "BinaryCrossentropy",
    "CategoricalCrossentropy",
    "SparseCategoricalCrossentropy",
    "Hinge",
    "get",
    "mean_squared_error",
    "mean_absolute_error",
    "huber",
    "binary_crossentropy",
    "categorical_crossentropy",
    "sparse_categorical_crossentropy",
    "hinge",
]

EPSILON = 1e-7
"""Keras' fuzz factor ``keras.backend.epsilon()``: probabilities are clipped to [1e-7, 1 - 1e-7]."""


# --------------------------------------------------------------------------------------------------
# Input checks shared by every loss
# --------------------------------------------------------------------------------------------------


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _match_ranks(y_true: np.ndarray, y_pred: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Keras' ``squeeze_or_expand_to_same_rank``: fix a rank difference of one in a last axis of 1.

    ``(n,)`` against ``(n, 1)`` becomes ``(n, 1)`` against ``(n, 1)``; ``(n, m, 1)`` against
    ``(n, m)`` loses its last axis. Any other difference is left alone (and rejected later).
    """
    if y_true.ndim == y_pred.ndim + 1 and y_true.shape[-1] == 1:
        if y_pred.ndim == 1:
            y_pred = y_pred[:, np.newaxis]
        else:
            y_true = y_true[..., 0]
    elif y_pred.ndim == y_true.ndim + 1 and y_pred.shape[-1] == 1:
        if y_true.ndim == 1:
            y_true = y_true[:, np.newaxis]
        else:
            y_pred = y_pred[..., 0]
    return y_true, y_pred


def _log_softmax(z: np.ndarray) -> np.ndarray:
    """log(softmax(z)) over the last axis, shifted by the row maximum so exp never overflows."""
    shifted = z - z.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


# --------------------------------------------------------------------------------------------------
# The base class
# --------------------------------------------------------------------------------------------------


class Loss:
    """Base class: checks the inputs, then delegates to ``_elementwise`` or ``_per_sample``.

    Subclasses either implement ``_elementwise(t, p) -> (values, grads)`` (losses that average over
    the last axis) or override ``_per_sample_and_grad(t, p)`` directly (the categorical losses,
    which sum over the classes).

    Introduced in notebook 06_loss_functions.
    """

    name = "loss"
    _per_element = True  # averages over the last axis; False for the categorical losses

    # ---- public API ------------------------------------------------------------------------------

    def __call__(self, y_true: Any, y_pred: Any) -> float:
        """The loss averaged over the samples (Keras' default ``sum_over_batch_size`` reduction)."""
        t, p, _ = self._prepare(y_true, y_pred)
        per_sample, _ = self._per_sample_and_grad(t, p, need_grad=False)
        return float(per_sample.sum() / max(per_sample.size, 1))

    def gradient(self, y_true: Any, y_pred: Any) -> np.ndarray:
        """dL/dy_pred of the averaged loss: an array with the shape of ``y_pred``."""
        return self.value_and_gradient(y_true, y_pred)[1]

    def value_and_gradient(self, y_true: Any, y_pred: Any) -> tuple[float, np.ndarray]:
        """The loss and its gradient in one pass (what training needs at every step)."""
        t, p, pred_shape = self._prepare(y_true, y_pred)
        per_sample, grad = self._per_sample_and_grad(t, p, need_grad=True)
        count = max(per_sample.size, 1)
        value = float(per_sample.sum() / count)
        return value, (grad / count).reshape(pred_shape)

    def per_sample(self, y_true: Any, y_pred: Any) -> np.ndarray:
        """The loss of each sample before averaging (Keras ``reduction=None``).

        Returns:
            An array of shape ``y_pred.shape[:-1]`` (``(n,)`` for the usual 2-D ``y_pred``).
        """
        t, p, _ = self._prepare(y_true, y_pred)
        return self._per_sample_and_grad(t, p, need_grad=False)[0]

    def get_config(self) -> dict[str, Any]:
        """The keyword arguments that rebuild this loss: ``type(loss)(**loss.get_config())``."""
        return {}

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_config().items())
        return f"{type(self).__name__}({args})"

    # ---- what subclasses provide -----------------------------------------------------------------

    def _elementwise(
        self, t: np.ndarray, p: np.ndarray, need_grad: bool
    ) -> tuple[np.ndarray, np.ndarray | None]:
        """Per-element losses and (if ``need_grad``) their elementwise derivatives."""
        raise NotImplementedError

    def _per_sample_and_grad(
        self, t: np.ndarray, p: np.ndarray, need_grad: bool
    ) -> tuple[np.ndarray, np.ndarray | None]:
        """Per-sample losses and the gradient of their *sum* (the caller divides by the count)."""
        values, grads = self._elementwise(t, p, need_grad)
        last = p.shape[-1]
        per_sample = values.mean(axis=-1)
        return per_sample, (grads / last if need_grad else None)

    def _check(self, t: np.ndarray, p: np.ndarray) -> None:
        """Extra checks on the values (ranges, labels); shapes are already checked."""

    # ---- input handling --------------------------------------------------------------------------

    def _prepare(self, y_true: Any, y_pred: Any) -> tuple[np.ndarray, np.ndarray, tuple]:
        t = as_float64_array(y_true, "y_true", self.name)
        p = as_float64_array(y_pred, "y_pred", self.name)
        pred_shape = p.shape
        if p.ndim == 0:
            raise ValueError(
                f"{self.name}: `y_pred` must be an array with one row per sample, got the single "
                f"number {_short(y_pred)}. Wrap it: y_pred=[{_short(y_pred)}]."
            )
        true_shape = t.shape
        t, p = _match_ranks(t, p)
        self._check_shapes(t, p, true_shape, pred_shape)
        if self._per_element and p.ndim == 1:
            # One output per sample: (n,) is (n, 1), so per_sample() gives n values. The mean, and
            # so the loss and its gradient, is the same either way.
            t, p = t[:, np.newaxis], p[:, np.newaxis]
        self._check(t, p)
        return t, p, pred_shape

    def _check_shapes(self, t: np.ndarray, p: np.ndarray, true_shape, pred_shape) -> None:
        if t.shape != p.shape:
            hint = self._shape_hint(t, p)
            raise ValueError(
                f"{self.name}: `y_true` has shape {tuple(true_shape)} but `y_pred` has shape "
                f"{tuple(pred_shape)}; they must have the same shape (one target per prediction; "
                f"a (n,) y_true with a (n, 1) y_pred is also accepted)."
                + (f" {hint}" if hint else "")
            )

    def _shape_hint(self, t: np.ndarray, p: np.ndarray) -> str:
        if t.ndim == 1 and p.ndim == 2 and p.shape[1] > 1 and t.shape[0] == p.shape[0]:
            return (
                "If y_true holds integer class labels, use sparse_categorical_crossentropy, "
                "or one-hot encode the labels."
            )
        if t.ndim == p.ndim and t.shape[0] != p.shape[0]:
            return "The numbers of samples (first axis) differ: did you pass the right arrays?"
        return ""


# --------------------------------------------------------------------------------------------------
# Regression losses
# --------------------------------------------------------------------------------------------------


class MeanSquaredError(Loss):
    """Mean squared error, ``keras.losses.MeanSquaredError``.

    Formula, for each element: ``(y_pred - y_true)**2``; derivative ``2 * (y_pred - y_true)``.
    The loss is the mean over all elements.

    Args (of ``__call__``):
        y_true: targets, shape ``(n, k)`` (or ``(n,)``).
        y_pred: predictions, the same shape (a ``(n, 1)`` prediction with ``(n,)`` targets is fine).

    Returns:
        A float; ``gradient`` returns an array shaped like ``y_pred``.

    Example:
        >>> loss = MeanSquaredError()
        >>> loss([1.0, 2.0], [1.5, 2.0])
        0.125
        >>> loss.gradient([1.0, 2.0], [1.5, 2.0])
        array([0.5, 0. ])

    Introduced in notebook 06_loss_functions.
    """

    name = "mean_squared_error"

    def _elementwise(self, t, p, need_grad=True):
        error = p - t
        return error * error, (2.0 * error if need_grad else None)


class MeanAbsoluteError(Loss):
    """Mean absolute error, ``keras.losses.MeanAbsoluteError``.

    Formula, for each element: ``|y_pred - y_true|``; derivative ``sign(y_pred - y_true)`` (0 at the
    kink, as TensorFlow does). The loss is the mean over all elements.

    Args (of ``__call__``):
        y_true: targets, shape ``(n, k)`` (or ``(n,)``).
        y_pred: predictions, the same shape.

    Returns:
        A float; ``gradient`` returns an array shaped like ``y_pred``.

    Example:
        >>> MeanAbsoluteError()([1.0, 2.0], [1.5, 3.0])
        0.75

    Introduced in notebook 06_loss_functions.
    """

    name = "mean_absolute_error"

    def _elementwise(self, t, p, need_grad=True):
        error = p - t
        return np.abs(error), (np.sign(error) if need_grad else None)


class Huber(Loss):
    """Huber loss, ``keras.losses.Huber``: squared error near zero, absolute error far away.

    Formula, with ``e = y_pred - y_true``: ``0.5 * e**2`` if ``|e| <= delta``, else
    ``delta * |e| - 0.5 * delta**2``. Derivative: ``e`` if ``|e| <= delta``, else
    ``delta * sign(e)`` (the gradient never exceeds ``delta``, so outliers pull less).

    Args:
        delta: where the quadratic part turns linear, > 0 (Keras default 1.0).

    Example:
        >>> Huber(delta=1.0)([0.0, 0.0], [0.5, 3.0])
        1.3125

    Introduced in notebook 06_loss_functions.
    """

    name = "huber"

    def __init__(self, delta: float = 1.0):
        if isinstance(delta, bool) or not isinstance(delta, int | float) or not delta > 0:
            raise ValueError(
                f"huber: `delta` must be a positive number (where the loss turns from quadratic to "
                f"linear), got {delta!r}. The Keras default is delta=1.0."
            )
        self.delta = float(delta)

    def get_config(self):
        return {"delta": self.delta}

    def _elementwise(self, t, p, need_grad=True):
        error = p - t
        abs_error = np.abs(error)
        small = abs_error <= self.delta
        values = np.where(small, 0.5 * error * error, self.delta * abs_error - 0.5 * self.delta**2)
        if not need_grad:
            return values, None
        return values, np.where(small, error, self.delta * np.sign(error))


# --------------------------------------------------------------------------------------------------
# Classification losses
# --------------------------------------------------------------------------------------------------


def _check_from_logits(from_logits: Any, where: str) -> bool:
    if not isinstance(from_logits, bool | np.bool_):
        raise TypeError(f"{where}: `from_logits` must be True or False, got {from_logits!r}.")
    return bool(from_logits)


def _check_probabilities(p: np.ndarray, where: str, activation: str) -> None:
    """With from_logits=False, y_pred must be probabilities; raw scores are the usual mistake."""
    if p.size == 0:
        return
    low, high = p.min(), p.max()
    if low < 0.0 or high > 1.0:
        raise ValueError(
            f"{where}: `y_pred` holds values outside [0, 1] (min {low:.4g}, max {high:.4g}), but "
            f"with from_logits=False it must hold probabilities. If y_pred are raw scores "
            f"(logits), from_logits=True is likely what you want: "
            f"losses.get('{where}', from_logits=True); or apply a {activation} first."
        )


class BinaryCrossentropy(Loss):
    """Binary cross-entropy, ``keras.losses.BinaryCrossentropy``, for yes/no targets.

    Formula, for each element, with ``p`` clipped to ``[1e-7, 1 - 1e-7]``:
    ``-(y * log(p) + (1 - y) * log(1 - p))``; derivative ``-y / p + (1 - y) / (1 - p)`` (zero where
    ``p`` was clipped, exactly as TensorFlow's gradient of the clip). The loss is the mean over all
    elements.

    With ``from_logits=True``, ``y_pred`` holds raw scores ``z`` and the loss is computed stably as
    ``max(z, 0) - z * y + log(1 + exp(-|z|))``, with derivative ``sigmoid(z) - y``.

    Args:
        from_logits: False if ``y_pred`` holds probabilities (after a sigmoid), True for raw scores.

    Args (of ``__call__``):
        y_true: targets in [0, 1] (usually 0 or 1), shape ``(n, 1)`` or ``(n,)``.
        y_pred: probabilities (or logits), the same shape.

    Example:
        >>> round(BinaryCrossentropy()([1, 0], [0.9, 0.2]), 4)
        0.1643

    Introduced in notebook 06_loss_functions.
    """

    name = "binary_crossentropy"

    def __init__(self, from_logits: bool = False):
        self.from_logits = _check_from_logits(from_logits, self.name)

    def get_config(self):
        return {"from_logits": self.from_logits}

    def _check(self, t, p):
        if t.size and (t.min() < 0.0 or t.max() > 1.0):
            raise ValueError(
                f"{self.name}: `y_true` must hold values in [0, 1] (class 1 = 1, class 0 = 0), got "
                f"values from {t.min():.4g} to {t.max():.4g}. Labels coded -1/+1 can be mapped "
                f"with (y + 1) / 2; for more than two classes use a categorical cross-entropy."
            )
        if not self.from_logits:
            _check_probabilities(p, self.name, "sigmoid")

    def _elementwise(self, t, p, need_grad=True):
        if self.from_logits:
            values = np.maximum(p, 0.0) - p * t + np.log1p(np.exp(-np.abs(p)))
            return values, (_stable_sigmoid(p) - t if need_grad else None)
        clipped = np.clip(p, EPSILON, 1.0 - EPSILON)
        values = -(t * np.log(clipped) + (1.0 - t) * np.log(1.0 - clipped))
        if not need_grad:
            return values, None
        # The clip passes the gradient only where it did not change the value (bounds included).
        inside = (p >= EPSILON) & (p <= 1.0 - EPSILON)
        return values, np.where(inside, -t / clipped + (1.0 - t) / (1.0 - clipped), 0.0)


class CategoricalCrossentropy(Loss):
    """Categorical cross-entropy, ``keras.losses.CategoricalCrossentropy``, for one-hot targets.

    Formula, per sample: ``-sum_k y_k * log(q_k)`` where ``q = p / sum(p)`` (Keras renormalises
    each row) clipped to ``[1e-7, 1 - 1e-7]``; the loss is the mean over the samples.
    Derivative: with ``g_k = -y_k / q_k`` (0 where clipped) and ``s = sum(p)``,
    ``dL/dp_k = (g_k - sum_j g_j q_j) / s``; for one-hot ``y`` and a row of ``p`` that sums to 1
    (nothing clipped) this is ``1 - y_k / p_k``.

    With ``from_logits=True`` the loss is ``-sum_k y_k * log_softmax(z)_k`` (log-sum-exp) and its
    derivative is ``softmax(z) * sum(y) - y``, i.e. ``softmax(z) - y`` for one-hot rows.

    Args:
        from_logits: False if ``y_pred`` holds probabilities (after a softmax), True for raw scores.

    Args (of ``__call__``):
        y_true: one-hot (or soft) targets, shape ``(n, num_classes)``, each row summing to 1.
        y_pred: probabilities (or logits), shape ``(n, num_classes)``.

    Example:
        >>> round(CategoricalCrossentropy()([[0, 1, 0]], [[0.05, 0.95, 0.0]]), 4)
        0.0513

    Introduced in notebook 06_loss_functions.
    """

    name = "categorical_crossentropy"

    def __init__(self, from_logits: bool = False):
        self.from_logits = _check_from_logits(from_logits, self.name)

    def get_config(self):
        return {"from_logits": self.from_logits}

    _per_element = False

    def _check_shapes(self, t, p, true_shape, pred_shape):
        if p.shape[-1] < 2:
            raise ValueError(
                f"{self.name}: `y_pred` has shape {tuple(pred_shape)}: one column, so the loss "
                f"would always be 0. It needs one column per class (n, num_classes) with "
                f"num_classes >= 2; for a single sigmoid output use binary_crossentropy."
            )
        super()._check_shapes(t, p, true_shape, pred_shape)

    def _check(self, t, p):
        if t.size and (t.min() < 0.0 or np.abs(t.sum(axis=-1) - 1.0).max() > 1e-6):
            raise ValueError(
                f"{self.name}: each row of `y_true` must be a probability distribution over the "
                f"classes (one-hot: a single 1, the rest 0), got rows summing to "
                f"{t.sum(axis=-1).min():.4g}..{t.sum(axis=-1).max():.4g} with minimum "
                f"{t.min():.4g}. For integer labels use sparse_categorical_crossentropy."
            )
        if not self.from_logits:
            _check_probabilities(p, self.name, "softmax")
            if p.size and p.sum(axis=-1).min() <= 0.0:
                raise ValueError(
                    f"{self.name}: a row of `y_pred` sums to 0, so it is not a probability "
                    f"distribution. Feed the output of a softmax (or from_logits=True with scores)."
                )

    def _per_sample_and_grad(self, t, p, need_grad):
        if self.from_logits:
            log_probs = _log_softmax(p)
            per_sample = -(t * log_probs).sum(axis=-1)
            if not need_grad:
                return per_sample, None
            return per_sample, np.exp(log_probs) * t.sum(axis=-1, keepdims=True) - t
        row_sum = p.sum(axis=-1, keepdims=True)
        q = p / row_sum
        clipped = np.clip(q, EPSILON, 1.0 - EPSILON)
        per_sample = -(t * np.log(clipped)).sum(axis=-1)
        if not need_grad:
            return per_sample, None
        inside = (q >= EPSILON) & (q <= 1.0 - EPSILON)
        g = np.where(inside, -t / clipped, 0.0)
        # Chain rule through q = p / sum(p): dq_j/dp_k = (delta_jk - q_j) / sum(p).
        return per_sample, (g - (g * q).sum(axis=-1, keepdims=True)) / row_sum


class SparseCategoricalCrossentropy(Loss):
    """Sparse categorical cross-entropy, ``keras.losses.SparseCategoricalCrossentropy``.

    The same as the categorical cross-entropy, with integer class labels instead of one-hot rows.
    Formula, per sample with label ``c``: ``-log(p_c / sum_k p_k)`` with ``p`` clipped to
    ``[1e-7, 1 - 1e-7]`` (Keras takes the log of the clipped probabilities as logits);
    derivative ``1 / sum(p) - [k == c] / p_k`` (0 where clipped). The loss is the mean over samples.

    With ``from_logits=True``: ``logsumexp(z) - z_c``, derivative ``softmax(z) - onehot(c)``.

    Args:
        from_logits: False if ``y_pred`` holds probabilities (after a softmax), True for raw scores.

    Args (of ``__call__``):
        y_true: integer labels 0..num_classes-1, shape ``(n,)`` (or ``(n, 1)``).
        y_pred: probabilities (or logits), shape ``(n, num_classes)``.

    Example:
        >>> round(SparseCategoricalCrossentropy()([1, 2], [[0.05, 0.95, 0.0], [0.1, 0.8, 0.1]]), 4)
        1.1769

    Introduced in notebook 06_loss_functions.
    """

    name = "sparse_categorical_crossentropy"
    _per_element = False

    def __init__(self, from_logits: bool = False):
        self.from_logits = _check_from_logits(from_logits, self.name)

    def get_config(self):
        return {"from_logits": self.from_logits}

    def _prepare(self, y_true, y_pred):
        t = as_float64_array(y_true, "y_true", self.name)
        p = as_float64_array(y_pred, "y_pred", self.name)
        pred_shape = p.shape
        if p.ndim == 0:
            raise ValueError(
                f"{self.name}: `y_pred` must have one column per class, shape (n, num_classes); "
                f"got the single number {_short(y_pred)}."
            )
        if t.ndim == p.ndim and t.ndim > 0 and t.shape[-1] == 1:
            t = t[..., 0]  # labels given as a column (n, 1)
        if t.shape != p.shape[:-1]:
            hint = ""
            if t.shape == p.shape:
                hint = (
                    " y_true looks one-hot encoded: use categorical_crossentropy, or pass "
                    "y_true.argmax(axis=1)."
                )
            raise ValueError(
                f"{self.name}: `y_true` has shape {np.shape(y_true)} and `y_pred` has shape "
                f"{tuple(pred_shape)}; expected one integer label per row of y_pred, i.e. y_true "
                f"of shape {tuple(pred_shape[:-1])}.{hint}"
            )
        self._check(t, p)
        return t, p, pred_shape

    def _check(self, t, p):
        num_classes = p.shape[-1]
        if t.size:
            if np.any(t != np.floor(t)):
                bad = t[t != np.floor(t)].ravel()[0]
                raise ValueError(
                    f"{self.name}: `y_true` must hold integer class labels 0..{num_classes - 1}, "
                    f"got the non-integer value {bad:.4g}. If y_true holds probabilities or "
                    f"one-hot rows, use categorical_crossentropy."
                )
            low, high = t.min(), t.max()
            if low < 0 or high >= num_classes:
                raise ValueError(
                    f"{self.name}: `y_true` holds labels from {low:.0f} to {high:.0f}, but y_pred "
                    f"has {num_classes} columns, so labels must be 0..{num_classes - 1}. Give the "
                    f"output layer one unit per class, or renumber the labels from 0."
                )
        if not self.from_logits:
            _check_probabilities(p, self.name, "softmax")

    def _per_sample_and_grad(self, t, p, need_grad):
        # Work on 2-D views (rows, classes) so each sample's entry is picked with plain indexing.
        num_classes = p.shape[-1]
        labels = t.reshape(-1).astype(np.intp)
        rows = np.arange(labels.size)
        p2 = p.reshape(-1, num_classes)
        if self.from_logits:
            log_probs = _log_softmax(p2)
            per_sample = -log_probs[rows, labels]
            if need_grad:
                grad = np.exp(log_probs)  # dL/dz = softmax(z) - onehot
                grad[rows, labels] -= 1.0
        else:
            # Keras feeds z = log(clip(p)) to a softmax cross-entropy, so the loss is
            # -log(c_y / S) = log(S) - log(c_y) with c = clip(p) and S = sum(c) (no exp needed:
            # softmax(log c) = c / S). Chain rule: dL/dp = (c / S - onehot) / c = 1/S - onehot/c,
            # and 0 where the clip changed p.
            clipped = np.clip(p2, EPSILON, 1.0 - EPSILON)
            row_sum = clipped.sum(axis=-1)
            picked = clipped[rows, labels]
            per_sample = np.log(row_sum) - np.log(picked)
            if need_grad:
                grad = np.repeat((1.0 / row_sum)[:, np.newaxis], num_classes, axis=1)
                grad[rows, labels] -= 1.0 / picked
                grad[(p2 < EPSILON) | (p2 > 1.0 - EPSILON)] = 0.0
        per_sample = per_sample.reshape(t.shape)
        return per_sample, (grad.reshape(p.shape) if need_grad else None)


class Hinge(Loss):
    """Hinge loss, ``keras.losses.Hinge``, the margin loss of support vector machines.

    Targets are -1 or +1; labels given as 0/1 are converted to -1/+1 first (as Keras does when every
    label is 0 or 1). Formula, for each element: ``max(1 - y * y_pred, 0)``; derivative ``-y`` where
    ``1 - y * y_pred >= 0`` and 0 elsewhere (at the kink TensorFlow's ``maximum`` picks ``-y``).
    The loss is the mean over all elements.

    Args (of ``__call__``):
        y_true: labels -1/+1 (or 0/1), shape ``(n, 1)`` or ``(n,)``.
        y_pred: raw scores (no sigmoid), the same shape.

    Example:
        >>> Hinge()([1, 0], [0.5, -2.0])
        0.25

    Introduced in notebook 06_loss_functions.
    """

    name = "hinge"

    def _elementwise(self, t, p, need_grad=True):
        if np.all((t == 0.0) | (t == 1.0)):
            t = 2.0 * t - 1.0
        margin = 1.0 - t * p
        values = np.maximum(margin, 0.0)
        return values, (np.where(margin >= 0.0, -t, 0.0) if need_grad else None)


# --------------------------------------------------------------------------------------------------
# Registry
# --------------------------------------------------------------------------------------------------

_CLASSES: dict[str, type[Loss]] = {
    "mean_squared_error": MeanSquaredError,
    "mean_absolute_error": MeanAbsoluteError,
    "huber": Huber,
    "binary_crossentropy": BinaryCrossentropy,
    "categorical_crossentropy": CategoricalCrossentropy,
    "sparse_categorical_crossentropy": SparseCategoricalCrossentropy,
    "hinge": Hinge,
}

_ALIASES = {"mse": "mean_squared_error", "mae": "mean_absolute_error"}
_ALIASES.update({cls.__name__.lower(): name for name, cls in _CLASSES.items()})

NAMES = list(_CLASSES)
"""The loss names ``get`` accepts (plus the aliases ``mse``, ``mae`` and the Keras class names)."""


def get(identifier: str | Loss, **kwargs: Any) -> Loss:
    """Look up a loss by its Keras name, or pass a loss object through.

    Args:
        identifier: a name from ``NAMES`` (``"mse"``, ``"mae"`` and class names such as
            ``"BinaryCrossentropy"`` work too, in any case), or a ``Loss`` object, returned as it
            is.
        **kwargs: arguments of the loss, e.g. ``delta=2.0`` or ``from_logits=True``.

    Returns:
        A ``Loss`` object.

    Raises:
        ValueError: for an unknown name (with a "did you mean" and the valid names).
        TypeError: for an identifier that is not a name, or a keyword the loss does not take.

    Example:
        >>> get("binary_crossentropy", from_logits=True)
        BinaryCrossentropy(from_logits=True)
        >>> get("mse")([0.0], [2.0])
        4.0

    Introduced in notebook 06_loss_functions.
    """
    return _registry.get("losses.get", "loss", identifier, Loss, _CLASSES, kwargs, _ALIASES)


# ---- Keras' functional forms: keras.losses.<name>(y_true, y_pred, ...) --------------------------
# Each returns the loss of every sample (the mean over the last axis), as Keras' functions do; the
# classes above (and ``get``) return the average over the samples, as Keras' loss objects do.


def mean_squared_error(y_true: Any, y_pred: Any) -> np.ndarray:
    """``keras.losses.mean_squared_error``: ``mean((y_true - y_pred)**2, axis=-1)`` per sample.

    Example:
        >>> mean_squared_error([[0.0, 1.0], [1.0, 1.0]], [[1.0, 1.0], [1.0, 1.0]])
        array([0.5, 0. ])

    Introduced in notebook 06_loss_functions.
    """
    return MeanSquaredError().per_sample(y_true, y_pred)


def mean_absolute_error(y_true: Any, y_pred: Any) -> np.ndarray:
    """``keras.losses.mean_absolute_error``: ``mean(|y_true - y_pred|, axis=-1)`` per sample.

    Introduced in notebook 06_loss_functions.
    """
    return MeanAbsoluteError().per_sample(y_true, y_pred)


def huber(y_true: Any, y_pred: Any, delta: float = 1.0) -> np.ndarray:
    """``keras.losses.huber(y_true, y_pred, delta=1.0)``, per sample.

    Introduced in notebook 06_loss_functions.
    """
    return Huber(delta=delta).per_sample(y_true, y_pred)


def binary_crossentropy(y_true: Any, y_pred: Any, from_logits: bool = False) -> np.ndarray:
    """``keras.losses.binary_crossentropy(y_true, y_pred, from_logits=False)``, per sample.

    Introduced in notebook 06_loss_functions.
    """
    return BinaryCrossentropy(from_logits=from_logits).per_sample(y_true, y_pred)


def categorical_crossentropy(y_true: Any, y_pred: Any, from_logits: bool = False) -> np.ndarray:
    """``keras.losses.categorical_crossentropy(y_true, y_pred, from_logits=False)``, per sample.

    Introduced in notebook 06_loss_functions.
    """
    return CategoricalCrossentropy(from_logits=from_logits).per_sample(y_true, y_pred)


def sparse_categorical_crossentropy(
    y_true: Any, y_pred: Any, from_logits: bool = False
) -> np.ndarray:
    """``keras.losses.sparse_categorical_crossentropy(y_true, y_pred, from_logits=False)``, per
    sample.

    Introduced in notebook 06_loss_functions.
    """
    return SparseCategoricalCrossentropy(from_logits=from_logits).per_sample(y_true, y_pred)


def hinge(y_true: Any, y_pred: Any) -> np.ndarray:
    """``keras.losses.hinge``: ``mean(max(1 - y_true * y_pred, 0), axis=-1)`` per sample.

    Introduced in notebook 06_loss_functions.
    """
    return Hinge().per_sample(y_true, y_pred)
