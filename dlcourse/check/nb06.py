"""Exercise checks for notebook 06_loss_functions.

- Exercise 6.1 ``mse``: mean squared error, averaged over every element (Keras' reduction).
- Exercise 6.2 ``mse_gradient``: its gradient with respect to ``y_pred``.
- Exercise 6.3 ``bce_from_logits``: binary cross-entropy computed from logits, stable for any logit.

The references are written here in plain NumPy (a few lines each), so a check does not depend on
the rest of the package.
"""

from __future__ import annotations

import numpy as np

from dlcourse.check._core import Case, check_function

__all__ = ["mse", "mse_gradient", "bce_from_logits"]


def _mse(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    return float(np.mean((y_pred - y_true) ** 2))


def _mse_gradient(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    return 2.0 * (y_pred - y_true) / y_pred.size


def _bce_from_logits(y_true, logits):
    y_true = np.asarray(y_true, dtype=float)
    z = np.asarray(logits, dtype=float)
    # log(1 + e^z) - y*z, rewritten as max(z, 0) - y*z + log(1 + e^-|z|) so no exp overflows.
    return float(np.mean(np.maximum(z, 0.0) - y_true * z + np.log1p(np.exp(-np.abs(z)))))


def _regression_cases() -> list[Case]:
    rng = np.random.default_rng(6)
    return [
        Case((np.array([1.0, 2.0, 3.0]), np.array([1.5, 2.0, 2.0]))),
        Case((np.array([0.0, 0.0]), np.array([-2.0, 4.0]))),
        Case(
            (np.array([3.0, -1.0, 2.0]), np.array([3.0, -1.0, 2.0])), label="a perfect prediction"
        ),
        Case(
            (rng.normal(size=(4, 3)), rng.normal(size=(4, 3))),
            label="a batch of 4 samples with 3 outputs each (shape (4, 3))",
        ),
    ]


def mse(answer) -> bool:
    """Check Exercise 6.1: ``mse(y_true, y_pred)`` returns the mean of the squared errors.

    Cases: short vectors, a perfect prediction (loss 0) and a (4, 3) batch, where the mean runs over
    every element, as ``keras.losses.MeanSquaredError()`` does.
    """
    return check_function(
        "mse",
        answer,
        _mse,
        _regression_cases(),
        hint="square the differences y_pred - y_true and average them over every element "
        "(np.mean, not np.sum); return one number.",
    )


def mse_gradient(answer) -> bool:
    """Check Exercise 6.2: ``mse_gradient(y_true, y_pred)`` returns dL/dy_pred, shaped like y_pred.

    Cases as for ``mse``; the (4, 3) batch catches dividing by the number of rows instead of the
    number of elements.
    """
    return check_function(
        "mse_gradient",
        answer,
        _mse_gradient,
        _regression_cases(),
        hint="differentiate mean((y_pred - y_true)**2) for one element: the square brings down a "
        "factor 2, and the mean divides by the number of elements (y_pred.size).",
    )


def bce_from_logits(answer) -> bool:
    """Check Exercise 6.3: ``bce_from_logits(y_true, logits)``, stable for logits of any size.

    Cases: moderate logits, confident right and wrong answers, and logits of +-1000, where
    ``log(sigmoid(z))`` computed naively gives ``-inf`` or ``nan``.
    """
    cases = [
        Case((np.array([1.0, 0.0, 1.0]), np.array([2.0, -1.0, 0.5]))),
        Case((np.array([0.0, 1.0]), np.array([0.0, 0.0])), label="logits 0 (probability 0.5)"),
        Case((np.array([1.0, 0.0]), np.array([-3.0, 4.0])), label="confident and wrong"),
        Case(
            (np.array([1.0, 0.0, 1.0, 0.0]), np.array([1000.0, -1000.0, -1000.0, 1000.0])),
            label="y_true [1, 0, 1, 0], logits [1000, -1000, -1000, 1000]",
        ),
    ]
    return check_function(
        "bce_from_logits",
        answer,
        _bce_from_logits,
        cases,
        hint="per sample the loss is log(1 + e^z) - y*z. Rewrite log(1 + e^z) as "
        "max(z, 0) + log1p(exp(-|z|)) so that exp never sees a large positive number; "
        "then average over the samples.",
    )
