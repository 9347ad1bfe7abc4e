"""Curves of one variable: an activation with its derivative, a loss with its gradient.

Introduced in notebooks 05_activation_functions and 06_loss_functions.
"""

from __future__ import annotations

from numbers import Real
from typing import Any

import numpy as np
from matplotlib.axes import Axes

from dlcourse import COLORS, activations, losses
from dlcourse.plots._common import as_1d, get_ax

_PROBABILITY_LOSSES = ("binary_crossentropy", "categorical_crossentropy")
_CATEGORICAL_LOSSES = ("categorical_crossentropy", "sparse_categorical_crossentropy")


def activation_curves(
    act_or_name: str | activations.Activation,
    z: Any = None,
    ax: Axes | None = None,
    derivative: bool = True,
    **kwargs: Any,
) -> Axes:
    """Plot an activation ``a = f(z)`` (solid) and its derivative ``f'(z)`` (dashed, same colour).

    Call it again on the same ``ax`` to compare activations: each gets the next colour of the
    course's colour-blind-safe cycle.

    Args:
        act_or_name: an activation name from ``dlcourse.activations.NAMES`` or an Activation.
        z: the 1-D inputs to evaluate at; default ``np.linspace(-5, 5, 401)``.
        ax: the Axes to draw on; None makes a new figure.
        derivative: also draw ``f'(z)``.
        **kwargs: the activation's parameters, e.g. ``negative_slope=0.1`` or ``alpha=0.5``.

    Returns:
        The Axes. Its lines are ``f`` (label ``"relu(z)"``) then, if drawn, ``f'`` (``"relu'(z)"``).

    Example:
        >>> ax = activation_curves("leaky_relu", negative_slope=0.1)
        >>> [line.get_label() for line in ax.get_lines()][:2]
        ['leaky_relu(z)', "leaky_relu'(z)"]

    Introduced in notebook 05_activation_functions.
    """
    where = "activation_curves"
    act = activations.get(act_or_name, **kwargs)
    if act.name == "softmax":
        raise ValueError(
            f"{where}: softmax is not a function of one number: it turns a whole vector of scores "
            "into probabilities, so it has no curve a = f(z). For two classes, softmax([z, 0])[0] "
            "equals sigmoid(z): plot 'sigmoid' to see that curve."
        )
    z = np.linspace(-5.0, 5.0, 401) if z is None else as_1d(z, "z", where)
    ax = get_ax(ax, where)
    # Solid "f(z)" lines already on ax: each new activation takes the next colour.
    previous = sum(
        line.get_label().endswith("(z)") and "'" not in line.get_label() for line in ax.get_lines()
    )
    label = act.name + (
        "(" + ", ".join(f"{k}={v}" for k, v in act.config.items()) + ")" if act.config else ""
    )
    (line,) = ax.plot(z, act(z), lw=2, label=f"{act.name}(z)")
    if derivative:
        ax.plot(
            z, act.derivative(z), lw=2, ls="--", color=line.get_color(), label=f"{act.name}'(z)"
        )
    if not previous:  # the axes through the origin, once
        ax.axhline(0.0, color="0.6", lw=0.8, zorder=0)
        ax.axvline(0.0, color="0.6", lw=0.8, zorder=0)
    if previous:
        ax.set_title("Activation functions (solid) and their derivatives (dashed)")
    else:
        ax.set_title(f"{label} and its derivative" if derivative else label)
    ax.set_xlabel("z (weighted sum)")
    ax.set_ylabel("a = f(z)" + ("  and  f'(z)" if derivative else ""))
    ax.legend()
    return ax


def loss_vs_prediction(
    loss_or_name: str | losses.Loss,
    y_true: float,
    y_pred: Any = None,
    ax: Axes | None = None,
    gradient: bool = True,
) -> Axes:
    """Plot the loss of one sample against its prediction, and the gradient dL/dy_pred (dashed).

    What is on the horizontal axis depends on the loss:

    - regression losses (mse, mae, huber): the prediction, around the target;
    - binary_crossentropy: the predicted probability of class 1 (or the logit, with
      ``from_logits=True``); ``y_true`` is 0 or 1;
    - categorical and sparse categorical cross-entropy: a two-class problem, the predicted
      probability of class 1 (the prediction row is ``[1 - p, p]``; with ``from_logits=True``, the
      logit ``z`` of class 1 with logits ``[0, z]``); ``y_true`` is the class, 0 or 1;
    - hinge: the raw score; ``y_true`` is -1 or +1 (0/1 are converted, as Keras does).

    Args:
        loss_or_name: a loss name from ``dlcourse.losses.NAMES`` or a Loss (e.g. with ``delta``).
        y_true: the target, one number.
        y_pred: 1-D predictions to evaluate at; by default a range suited to the loss.
        ax: the Axes to draw on; None makes a new figure.
        gradient: also draw the gradient of the loss with respect to the prediction.

    Returns:
        The Axes. Its first line is the loss (label ``"loss"``); then the gradient (``"gradient"``),
        then a vertical line at the target for regression losses (``"target"``).

    Example:
        >>> ax = loss_vs_prediction("mse", y_true=1.0, y_pred=[0.0, 1.0, 3.0])
        >>> ax.get_lines()[0].get_ydata().tolist()
        [1.0, 0.0, 4.0]

    Introduced in notebook 06_loss_functions.
    """
    where = "loss_vs_prediction"
    loss = losses.get(loss_or_name)
    if isinstance(y_true, bool) or not isinstance(y_true, Real):
        raise TypeError(
            f"{where}: `y_true` must be one number (the target of a single sample), got "
            f"{type(y_true).__name__} {y_true!r}. For a dataset, plot one target at a time."
        )
    t = float(y_true)
    from_logits = bool(getattr(loss, "from_logits", False))
    categorical = loss.name in _CATEGORICAL_LOSSES
    if (categorical or loss.name == "binary_crossentropy") and t not in (0.0, 1.0):
        raise ValueError(
            f"{where}: for {loss.name}, `y_true` must be the class, 0 or 1, got {y_true!r}."
        )
    if y_pred is None:
        if (
            loss.name in _PROBABILITY_LOSSES + ("sparse_categorical_crossentropy",)
            and not from_logits
        ):
            y_pred = np.linspace(0.001, 0.999, 499)
        elif from_logits or loss.name == "hinge":
            y_pred = np.linspace(-5.0, 5.0, 401)
        else:
            y_pred = np.linspace(t - 3.0, t + 3.0, 401)
    p = as_1d(y_pred, "y_pred", where)
    values, grads = _per_sample(loss, t, p, categorical, from_logits)

    ax = get_ax(ax, where)
    ax.plot(p, values, lw=2, color=COLORS[0], label="loss")
    if gradient:
        ax.plot(p, grads, lw=2, ls="--", color=COLORS[1], label="gradient dL/dŷ")
    ax.axhline(0.0, color="0.6", lw=0.8, zorder=0)
    if loss.name in ("mean_squared_error", "mean_absolute_error", "huber"):
        ax.axvline(t, color="0.25", lw=1.2, ls=":", label=f"target y = {t:g}")
    # Keep the loss in view; a gradient that shoots off (cross-entropy near 0 or 1) is cut off.
    top = 1.1 * max(float(np.max(np.abs(values))), 1e-12)
    lowest = min(float(np.min(grads)) if gradient else 0.0, float(np.min(values)))
    bottom = -min(top, 1.15 * abs(lowest)) if lowest < 0 else -0.05 * top
    ax.set_ylim(bottom, top)
    ax.set_title(f"{loss.name} for target y = {t:g}")
    if from_logits:
        ax.set_xlabel("raw score (logit) z")
    elif loss.name in _PROBABILITY_LOSSES + ("sparse_categorical_crossentropy",):
        ax.set_xlabel("predicted probability of class 1, ŷ")
    elif loss.name == "hinge":
        ax.set_xlabel("raw score ŷ")
    else:
        ax.set_xlabel("prediction ŷ")
    ax.set_ylabel("loss" + ("  and  dL/dŷ" if gradient else ""))
    ax.legend()
    return ax


def _per_sample(
    loss: losses.Loss, t: float, p: np.ndarray, categorical: bool, from_logits: bool
) -> tuple[np.ndarray, np.ndarray]:
    """The loss of each prediction in ``p`` as a separate one-sample problem, and its gradient."""
    m = len(p)
    if not categorical:
        targets = np.full(m, t)
        values = loss.per_sample(targets, p)
        # The loss is a mean over the m samples, so each sample's own gradient is m times larger.
        return values, m * loss.gradient(targets, p)
    rows = np.column_stack([np.zeros(m), p]) if from_logits else np.column_stack([1 - p, p])
    if loss.name == "sparse_categorical_crossentropy":
        targets = np.full(m, int(t))
    else:
        targets = np.zeros((m, 2))
        targets[:, int(t)] = 1.0
    values = loss.per_sample(targets, rows)
    g = m * loss.gradient(targets, rows)
    # Chain rule through the row: [0, z] depends on z via its 2nd entry; [1 - p, p] via both.
    return values, (g[:, 1] if from_logits else g[:, 1] - g[:, 0])
