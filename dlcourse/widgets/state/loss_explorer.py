"""LossExplorer: a loss and its gradient against the prediction, outliers, and confident mistakes.

Pick a loss and a target, slide the prediction: the left panel shows the loss, the middle panel
its gradient ``dL/dy_pred`` (the push that training gives the prediction), each with the current
point. Two lessons are built in:

- **Outliers.** A small batch of five well-predicted points gets, with the ``outlier`` switch, a
  sixth point whose target is far off. The right panel shows how hard the worst point pulls on
  the update, ``|dL/dy_pred|``: with mean squared error the pull grows with the error, so one
  outlier dominates; mean absolute error and Huber cap it (at ``1/n`` and ``delta/n``).
- **Confidence.** Binary cross-entropy charges ``-log(p)`` for the probability ``p`` given to the
  true class: an unsure 0.5 costs 0.69, a confident wrong 0.01 costs 4.6.

Every number comes from :mod:`dlcourse.losses`. This module is the pure part,
:class:`LossExplorerState`: it imports neither ipywidgets nor IPython, so it can be tested and used
on its own. The ipywidgets view, :class:`LossExplorer`, is in :mod:`dlcourse.widgets.loss_explorer`.

Introduced in notebook 06_loss_functions.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from dlcourse import losses
from dlcourse.widgets._text import check_finite, fixed, term

KINDS: dict[str, str] = {
    "mean_squared_error": "regression",
    "mean_absolute_error": "regression",
    "huber": "regression",
    "binary_crossentropy": "probability",
    "hinge": "score",
}
"""The losses the explorer offers, and what their prediction is: a real number (regression), a
probability after a sigmoid (binary cross-entropy) or a raw score (hinge)."""

LOSSES = list(KINDS)

PREDICTION_RANGE: dict[str, tuple[float, float]] = {
    "regression": (-4.0, 4.0),
    "probability": (0.001, 0.999),
    "score": (-3.0, 3.0),
}
"""The range of the prediction slider (and of the curves) for each kind of loss."""

TARGET_RANGE = (-3.0, 3.0)
"""The range of a regression target; classification targets are the labels 0 and 1."""

SHORT = {"mean_squared_error": "MSE", "mean_absolute_error": "MAE", "huber": "Huber"}

BATCH_Y_TRUE = np.array([1.0, 1.5, 2.0, 2.5, 3.0])
BATCH_Y_PRED = np.array([1.2, 1.4, 2.3, 2.4, 2.8])
"""A small regression batch that a model predicts well (errors of 0.1 to 0.3)."""

OUTLIER = (10.0, 3.2)
"""The outlier the switch adds: ``(y_true, y_pred)``. The model follows the trend (3.2) but the
recorded target is 10, e.g. a typing error in the data; its error is 6.8."""

_WHERE = "LossExplorer"


class LossExplorerState:
    """The numbers behind the LossExplorer.

    Args:
        loss: a name from :data:`LOSSES`.
        y_true: the target: any number in :data:`TARGET_RANGE` for the regression losses, the
            label 0 or 1 for binary cross-entropy and hinge (Keras's hinge turns 0 into -1).
        y_pred: the prediction: a number, a probability in [0, 1] for binary cross-entropy, a raw
            score for hinge.
        delta: Huber's ``delta``, where the loss turns from quadratic to linear.
        outlier: whether the outlier batch includes :data:`OUTLIER`.

    Example:
        >>> state = LossExplorerState("mean_squared_error", y_true=1.0, y_pred=3.0)
        >>> state.value, state.gradient
        (4.0, 4.0)

    Introduced in notebook 06_loss_functions.
    """

    def __init__(
        self,
        loss: str = "mean_squared_error",
        y_true: float = 1.0,
        y_pred: float = 2.5,
        delta: float = 1.0,
        outlier: bool = False,
    ):
        self.loss = self._check_loss(loss)
        self.delta = self._check_delta(delta)
        self.y_true = self._check_target(y_true, self.loss)
        self.y_pred = self._check_prediction(y_pred, self.loss)
        self.outlier = bool(outlier)
        self._curve_cache: dict[tuple, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}

    # -- validation ---------------------------------------------------------------------------
    @staticmethod
    def _check_loss(name: str) -> str:
        if name not in KINDS:
            raise ValueError(f"{_WHERE}: unknown `loss` {name!r}. Choose one of {LOSSES}.")
        return name

    @staticmethod
    def _check_delta(value: float) -> float:
        value = check_finite(value, "delta", _WHERE)
        if value <= 0:
            raise ValueError(f"{_WHERE}: Huber's `delta` must be positive, got {value}.")
        return value

    @staticmethod
    def _check_target(value: float, loss: str) -> float:
        value = check_finite(value, "y_true", _WHERE)
        if KINDS[loss] != "regression" and value not in (0.0, 1.0):
            raise ValueError(
                f"{_WHERE}: {loss} needs the label 0 or 1 as `y_true`, got {value}. "
                f"Pick one of the two labels."
            )
        return value

    @staticmethod
    def _check_prediction(value: float, loss: str) -> float:
        value = check_finite(value, "y_pred", _WHERE)
        if KINDS[loss] == "probability" and not 0.0 <= value <= 1.0:
            raise ValueError(
                f"{_WHERE}: {loss} needs a probability in [0, 1] as `y_pred` (the output of a "
                f"sigmoid), got {value}."
            )
        return value

    # -- changes ------------------------------------------------------------------------------
    def set(self, **changes: Any) -> None:
        """Change ``loss``, ``y_true``, ``y_pred``, ``delta`` or ``outlier``.

        Switching the loss moves the target and prediction into what the new loss accepts (a
        regression target becomes the nearer label; a prediction is clipped into the new range).
        Every value is checked before anything changes.
        """
        unknown = set(changes) - {"loss", "y_true", "y_pred", "delta", "outlier"}
        if unknown:
            raise TypeError(
                f"{_WHERE}.set: unknown setting(s) {sorted(unknown)}; settings: loss, y_true, "
                f"y_pred, delta, outlier."
            )
        loss = self._check_loss(changes.get("loss", self.loss))
        y_true = changes.get("y_true", self.y_true)
        y_pred = changes.get("y_pred", self.y_pred)
        if loss != self.loss:
            if KINDS[loss] != "regression" and "y_true" not in changes:
                y_true = 1.0 if y_true >= 0.5 else 0.0
            if "y_pred" not in changes:
                low, high = PREDICTION_RANGE[KINDS[loss]]
                y_pred = float(np.clip(y_pred, low, high))
        new = {
            "loss": loss,
            "y_true": self._check_target(y_true, loss),
            "y_pred": self._check_prediction(y_pred, loss),
            "delta": self._check_delta(changes.get("delta", self.delta)),
            "outlier": bool(changes.get("outlier", self.outlier)),
        }
        for key, value in new.items():
            setattr(self, key, value)

    @property
    def kind(self) -> str:
        """``"regression"``, ``"probability"`` or ``"score"``."""
        return KINDS[self.loss]

    @property
    def prediction_range(self) -> tuple[float, float]:
        return PREDICTION_RANGE[self.kind]

    def loss_fn(self, name: str | None = None) -> losses.Loss:
        """The loss object from ``dlcourse.losses`` (Huber with the current ``delta``)."""
        name = name or self.loss
        return losses.get(name, delta=self.delta) if name == "huber" else losses.get(name)

    # -- the current point ------------------------------------------------------------------------
    @property
    def value(self) -> float:
        """The loss of the single prediction ``y_pred`` for the target ``y_true``."""
        return float(self.loss_fn()([self.y_true], [self.y_pred]))

    @property
    def gradient(self) -> float:
        """``dL/dy_pred`` at the current prediction."""
        return float(self.loss_fn().gradient([self.y_true], [self.y_pred])[0])

    def curves(self, num: int = 201) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The loss and its gradient for every prediction in the range, the target fixed.

        Returns:
            ``(y_pred_grid, loss_values, gradients)``, each of shape ``(num,)``; entry ``i`` equals
            ``loss([y_true], [y_pred_grid[i]])`` and its gradient.
        """
        key = (self.loss, self.y_true, self.delta, num)
        if key not in self._curve_cache:
            self._curve_cache = {key: self._curves_for(self.y_true, num)}
        return self._curve_cache[key]

    def _curves_for(self, y_true: float, num: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        grid = np.linspace(*self.prediction_range, num)
        targets = np.full(num, y_true)
        loss = self.loss_fn()
        # One call for the whole grid: the per-sample losses, and the gradient of their mean
        # times num (each prediction only affects its own term).
        return grid, loss.per_sample(targets, grid), loss.gradient(targets, grid) * num

    def axis_limits(self) -> tuple[tuple[float, float], tuple[float, float]]:
        """The y-ranges of the loss and gradient panels, the same for every target.

        They cover the curves of the extreme targets the controls allow, so moving the target
        shifts the curve on unchanged axes. For binary cross-entropy the gradient, which tends to
        infinity at the ends, is covered for predictions in [0.02, 0.98] only.
        """
        targets = TARGET_RANGE if self.kind == "regression" else (0.0, 1.0)
        values, grads = [0.0], [0.0]
        for target in targets:
            grid, v, g = self._curves_for(target, 201)
            values += [v.min(), v.max()]
            if self.kind == "probability":
                g = g[(grid >= 0.02) & (grid <= 0.98)]
            grads += [g.min(), g.max()]
        return _padded(min(values), max(values)), _padded(min(grads), max(grads))

    # -- the outlier batch --------------------------------------------------------------------------
    def batch(self, outlier: bool | None = None) -> tuple[np.ndarray, np.ndarray]:
        """The small regression batch ``(y_true, y_pred)``, with the outlier when switched on."""
        outlier = self.outlier if outlier is None else outlier
        if not outlier:
            return BATCH_Y_TRUE.copy(), BATCH_Y_PRED.copy()
        return np.append(BATCH_Y_TRUE, OUTLIER[0]), np.append(BATCH_Y_PRED, OUTLIER[1])

    def outlier_report(self) -> dict[str, dict[str, float]]:
        """For MSE, MAE and Huber: the batch loss and how hard the worst point pulls.

        Returns:
            ``{name: {"clean_loss", "loss", "worst_pull", "typical_pull"}}``: the loss of the clean
            batch, the loss of the current batch (with the outlier when switched on), the largest
            ``|dL/dy_pred|`` in the current batch, and the mean ``|dL/dy_pred|`` of its five
            ordinary points.
        """
        report = {}
        for name in SHORT:
            loss = self.loss_fn(name)
            y_true, y_pred = self.batch()
            value, grad = loss.value_and_gradient(y_true, y_pred)
            report[name] = {
                "clean_loss": loss(*self.batch(outlier=False)),
                "loss": value,
                "worst_pull": float(np.max(np.abs(grad))),
                "typical_pull": float(np.mean(np.abs(grad[: BATCH_Y_TRUE.size]))),
            }
        return report

    # -- text -----------------------------------------------------------------------------------
    def formula_lines(self) -> list[str]:
        """The loss and its gradient at the current point, written out with the numbers."""
        t, p, value, grad = self.y_true, self.y_pred, self.value, self.gradient
        e = p - t
        if self.loss == "mean_squared_error":
            return [
                f"loss = (y_pred - y_true)^2 = ({p:.2f} - {term(t)})^2 = {fixed(value)}",
                f"dL/dy_pred = 2*(y_pred - y_true) = 2*{term(e)} = {fixed(grad)}",
            ]
        if self.loss == "mean_absolute_error":
            return [
                f"loss = |y_pred - y_true| = |{p:.2f} - {term(t)}| = {fixed(value)}",
                f"dL/dy_pred = sign(y_pred - y_true) = {grad:.0f}  (the same push at any distance)",
            ]
        if self.loss == "huber":
            d = self.delta
            if abs(e) <= d:
                return [
                    f"|error| = {abs(e):.2f} <= delta = {d:.2f}: loss = 0.5*error^2 = {fixed(value)}",
                    f"dL/dy_pred = error = {fixed(grad)}",
                ]
            return [
                f"|error| = {abs(e):.2f} > delta = {d:.2f}: "
                f"loss = delta*|error| - 0.5*delta^2 = {fixed(value)}",
                f"dL/dy_pred = delta*sign(error) = {fixed(grad)}  (capped at delta)",
            ]
        if self.loss == "hinge":
            y = 2 * t - 1
            margin = "inside the margin: pushed" if 1 - y * p >= 0 else "beyond the margin: no push"
            return [
                f"Keras's hinge uses labels -1/+1 (0 becomes -1): y = {y:+.0f}",
                f"loss = max(0, 1 - y*score) = max(0, 1 - ({y:+.0f})*{term(p)}) = {fixed(value)}",
                f"dL/dscore = {fixed(grad)}  ({margin})",
            ]
        return self._crossentropy_lines()

    def _crossentropy_lines(self) -> list[str]:
        t, p, value = self.y_true, self.y_pred, self.value
        q = p if t == 1.0 else 1.0 - p  # the probability given to the true class
        unsure = float(self.loss_fn()([t], [0.5]))
        if q < 0.1:
            verdict = "confidently wrong: the loss is large, and grows without bound as p -> 0"
        elif q < 0.5:
            verdict = "wrong, but not sure of it"
        elif q < 0.9:
            verdict = "right, but not sure of it"
        else:
            verdict = "confidently right: almost no loss"
        log_term = f"-log({p:.3f})" if t == 1.0 else f"-log(1 - {p:.3f})"
        return [
            f"loss = -[y*log(p) + (1-y)*log(1-p)] = {log_term} = {fixed(value)}  (y = {t:.0f})",
            f"dL/dp = -y/p + (1-y)/(1-p) = {fixed(self.gradient)}",
            f"probability given to the true class: {q:.3f}, {verdict}",
            f"an unsure p = 0.5 costs {unsure:.4f}; this prediction costs {value / unsure:.1f}x that",
        ]

    def outlier_lines(self) -> list[str]:
        """The outlier lesson as text (a hint when the outlier is switched off)."""
        if not self.outlier:
            return [
                "Switch on 'outlier' to add a point with target 10.0 (predicted 3.2) to a batch of "
                "5 points predicted within 0.3."
            ]
        lines = ["With the outlier (error 6.8) in the batch of 6:"]
        for name, row in self.outlier_report().items():
            label = f"Huber(delta={self.delta:.2f})" if name == "huber" else SHORT[name]
            lines.append(
                f"{label}: batch loss {row['clean_loss']:.3f} -> {row['loss']:.3f}; the outlier "
                f"pulls {row['worst_pull']:.3f}, {row['worst_pull'] / row['typical_pull']:.0f}x "
                f"an ordinary point"
            )
        lines.append(
            "MSE's pull grows with the error, so one outlier steers the update; MAE and Huber cap "
            "it at 1/n and delta/n."
        )
        return lines

    def lines(self) -> list[str]:
        return [*self.formula_lines(), "", *self.outlier_lines()]

    def __repr__(self) -> str:
        return (
            f"LossExplorerState(loss={self.loss!r}, y_true={self.y_true}, y_pred={self.y_pred}, "
            f"delta={self.delta}, outlier={self.outlier})"
        )


def _padded(low: float, high: float) -> tuple[float, float]:
    pad = 0.08 * max(high - low, 0.1)
    return float(low - pad), float(high + pad)
