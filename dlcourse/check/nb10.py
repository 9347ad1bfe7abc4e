"""Exercise checks for notebook 10_fnn_in_keras.

- Exercise 10.1 ``standardize`` (build): scale features with the training rows' statistics.
- Exercise 10.2 ``early_stopping_epochs`` (build): replay Keras' EarlyStopping rule.
- Exercise 10.3 ``l2_gradient`` (derive): the gradient of the L2 penalty for every weight array,
  checked against central differences of the course's penalty.

The expected answers come from the course's reference versions in ``dlcourse.lessons.nb10`` (and,
for 10.3, from central differences of ``lesson.l2_penalty``), plain NumPy/Python, so the checks (and
their tests) never import TensorFlow. When a case fails, the check compares the answer with what
the usual mistakes compute and names the one that matches.
"""

from __future__ import annotations

import numpy as np

from dlcourse.check._core import FAIL, Case, check_function
from dlcourse.check._mistakes import Mistake, hint_for
from dlcourse.gradcheck import numerical_gradient
from dlcourse.lessons import nb10 as lesson

__all__ = ["standardize", "early_stopping_epochs", "l2_gradient"]


def _scaled(X_train, X_test, stats_from_test=False, ddof=0, axis=0, zero_std_to_one=True):
    """Standardise with the usual mistakes as options (the correct call is the default)."""
    X_train, X_test = np.asarray(X_train, float), np.asarray(X_test, float)

    def scale(X, source):
        mean = source.mean(axis=axis, keepdims=True)
        std = source.std(axis=axis, ddof=ddof, keepdims=True)
        if zero_std_to_one:
            std = np.where(std == 0, 1.0, std)
        return (X - mean) / std

    own = stats_from_test or axis == 1  # statistics per row can only come from the row itself
    return scale(X_train, X_train), scale(X_test, X_test if own else X_train)


def standardize(answer) -> bool:
    """Check Exercise 10.1: ``standardize(X_train, X_test) -> (train_scaled, test_scaled)``.

    Both arrays are scaled with the *training* set's column means and (population) standard
    deviations, which is what an adapted ``keras.layers.Normalization`` does. A column that is
    constant in the training set becomes 0 (the checker's constant column is constant in both).
    """
    rng = np.random.default_rng(0)
    houses = np.column_stack([rng.normal(100, 30, 8), rng.integers(1, 6, 8), rng.uniform(0, 15, 8)])
    constant = np.column_stack([rng.normal(size=6), np.full(6, 3.0)])
    cases = [
        Case((np.array([[1.0], [2.0], [3.0]]), np.array([[2.0], [4.0]])), label="one column"),
        Case(
            (houses[:6], houses[6:]),
            label="6 training and 2 test houses, columns on very different scales",
        ),
        Case(
            (np.array([[0.0, 10.0], [2.0, 30.0]]), np.array([[1.0, 10.0], [5.0, 50.0]])),
            label="test values outside the training range (they are not clipped)",
        ),
        Case((constant[:4], constant[4:]), label="a column that is constant (3.0 everywhere)"),
    ]
    mistakes = [
        Mistake(
            "the test set scaled with its own statistics",
            lambda a, b: _scaled(a, b, stats_from_test=True),
            "the test rows must be scaled with the training rows' mean and standard deviation, "
            "or the same value would mean different things in the two sets.",
        ),
        Mistake(
            "the sample standard deviation (ddof=1)",
            lambda a, b: _scaled(a, b, ddof=1),
            "Keras' Normalization divides by n, as NumPy's std does by default.",
        ),
        Mistake(
            "the statistics of each row instead of each column",
            lambda a, b: _scaled(a, b, axis=1),
            "rows are examples and columns are features: reduce over the examples (axis 0).",
        ),
        Mistake(
            "a constant column divided by zero",
            lambda a, b: _scaled(a, b, zero_std_to_one=False),
            "where a column's training standard deviation is 0, divide by 1 instead.",
        ),
    ]
    hint = (
        "compute one mean and one standard deviation per feature, from X_train only, and apply "
        "the same two vectors to both arrays; return a tuple (train_scaled, test_scaled)."
    )
    hint = hint_for(answer, lesson.standardize, cases, mistakes, hint)
    return check_function("standardize", answer, lesson.standardize, cases, hint=hint)


def early_stopping_epochs(answer) -> bool:
    """Check Exercise 10.2: ``early_stopping_epochs(val_losses, patience)``.

    Returns ``(epochs_run, best_epoch)``: how many epochs ``EarlyStopping(monitor="val_loss",
    patience=patience)`` lets ``fit`` run when the validation losses would be ``val_losses``,
    and the (0-based) epoch whose weights ``restore_best_weights=True`` brings back.
    """
    cases = [
        Case(
            ([0.9, 0.7, 0.5, 0.4], 2),
            label="val_losses=[0.9, 0.7, 0.5, 0.4], patience=2 (always improving: never stops)",
        ),
        Case(
            ([0.9, 0.6, 0.7, 0.8, 0.9, 1.0], 2), label="[0.9, 0.6, 0.7, 0.8, 0.9, 1.0], patience=2"
        ),
        Case(([0.9, 0.6, 0.7, 0.8, 0.9, 1.0], 1), label="the same losses, patience=1"),
        Case(
            ([0.5, 0.6, 0.4, 0.45, 0.44, 0.3, 0.5], 3),
            label="[0.5, 0.6, 0.4, 0.45, 0.44, "
            "0.3, 0.5], patience=3 (a late improvement resets the count)",
        ),
        Case(
            ([0.5, 0.5, 0.5, 0.5], 2),
            label="[0.5, 0.5, 0.5, 0.5], patience=2 (an equal value is not an improvement)",
        ),
        Case(
            ([0.8, 0.9, 0.7], 5), label="[0.8, 0.9, 0.7], patience=5 (patience longer than the run)"
        ),
    ]
    mistakes = [
        Mistake(
            "an equal loss counted as an improvement",
            lambda losses, patience: _replay(losses, patience, improves=lambda a, b: a <= b),
            "only a strictly lower loss resets the count (Keras' min_delta=0).",
        ),
        Mistake(
            "the epoch index returned as the number of epochs",
            lambda losses, patience: _shift_epochs(lesson.early_stopping_epochs(losses, patience)),
            "epochs are numbered from 0, so stopping after epoch i means i + 1 epochs ran.",
        ),
        Mistake(
            "stopping one epoch late",
            lambda losses, patience: _replay(losses, patience + 1),
            "training stops in the epoch in which the count of epochs without improvement "
            "reaches patience, not the one after.",
        ),
        Mistake(
            "the last epoch returned as the best",
            lambda losses, patience: _last_as_best(lesson.early_stopping_epochs(losses, patience)),
            "restore_best_weights brings back the epoch with the lowest loss, not the last one.",
        ),
    ]
    hint = (
        "walk through the losses keeping the best value, its epoch, and a count of epochs since "
        "the last improvement; compare the count with patience after every epoch."
    )
    hint = hint_for(answer, lesson.early_stopping_epochs, cases, mistakes, hint)
    return check_function(
        "early_stopping_epochs", answer, lesson.early_stopping_epochs, cases, hint=hint
    )


def _replay(losses, patience, improves=lambda a, b: a < b):
    """EarlyStopping's rule with a different notion of improvement (for the usual mistakes)."""
    best, best_epoch, wait = np.inf, 0, 0
    for epoch, loss in enumerate(losses):
        if improves(loss, best):
            best, best_epoch, wait = loss, epoch, 0
            continue
        wait += 1
        if wait >= patience:
            return epoch + 1, best_epoch
    return len(losses), best_epoch


def _shift_epochs(result):
    epochs_run, best_epoch = result
    return epochs_run - 1, best_epoch


def _last_as_best(result):
    epochs_run, _ = result
    return epochs_run, epochs_run - 1


def _weights_case(sizes, seed, label):
    rng = np.random.default_rng(seed)
    weights = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True):
        weights += [rng.normal(size=(n_in, n_out)), rng.normal(size=n_out)]
    return weights, label


def _numerical_l2_gradient(weights, l2):
    """Central differences of the course's penalty, one array of weights at a time."""
    weights = [np.array(w, dtype=float) for w in weights]
    return [
        numerical_gradient(lambda _: lesson.l2_penalty(weights, l2), w, eps=1e-4) for w in weights
    ]


def _each(weights, kernel, bias):
    return [kernel(w) if np.ndim(w) == 2 else bias(w) for w in weights]


def l2_gradient(answer) -> bool:
    """Check Exercise 10.3: ``l2_gradient(weights, l2)``, the gradient of the L2 penalty.

    ``weights`` is ``model.get_weights()``, ``[W1, b1, W2, b2, ...]``; the penalty is ``l2`` times
    the sum of the squared kernel entries (biases are not penalised). The answer is a list with
    one array per entry of ``weights``, of its shape, compared with central differences of the
    course's penalty ``nb10.l2_penalty``. Named mistakes: a missing factor 2, a sign error,
    biases penalised, kernels only (no arrays for the biases), the weights changed in place.
    """
    cases = []
    for sizes, seed, l2, text in [
        ([2, 1], 0, 0.01, "a single Dense(1) on 2 inputs"),
        ([2, 4, 1], 1, 0.01, "the 2-4-1 network"),
        ([3, 5, 5, 2], 2, 0.001, "a 3-5-5-2 network, l2=0.001"),
        ([4, 3], 3, 0.0, "l2=0 (no penalty)"),
    ]:
        weights, label = _weights_case(sizes, seed, f"{text}: weights [W1, b1, ...], l2={l2}")
        cases.append(Case((weights, l2), label=label))
    mistakes = [
        Mistake(
            "a gradient off by a factor 2",
            lambda ws, l2: _each(ws, lambda w: l2 * w, np.zeros_like),
            "the derivative of w**2 is 2 * w, and Keras' L2 has no 1/2 in front to cancel it.",
        ),
        Mistake(
            "a sign error",
            lambda ws, l2: _each(ws, lambda w: -2 * l2 * w, np.zeros_like),
            "the penalty grows with |w|, so its gradient points away from zero, the way w does.",
        ),
        Mistake(
            "penalised biases",
            lambda ws, l2: [2 * l2 * np.asarray(w, dtype=float) for w in ws],
            "the biases do not appear in the penalty (Keras' kernel_regularizer penalises the "
            "kernel only), so their gradient is zero.",
        ),
        Mistake(
            "the kernels only",
            lambda ws, l2: [2 * l2 * np.asarray(w, dtype=float) for w in ws if np.ndim(w) == 2],
            "return one array for every entry of weights, zeros for the biases, so the list lines "
            "up with model.get_weights().",
        ),
    ]
    hint = (
        "differentiate l2 * w**2 for one entry w of a kernel; biases are not in the penalty; "
        "return one array per entry of weights, of the same shape."
    )
    if callable(answer):
        weights, l2 = cases[1].args
        before = [w.copy() for w in weights]
        try:
            answer(weights, l2)
        except Exception:  # check_function reports it, at the learner's line
            pass
        if any(not np.array_equal(a, b) for a, b in zip(weights, before, strict=True)):
            print(f"{FAIL} l2_gradient: case 2 of {len(cases)} changed the weights in place.")
            print(f"   input:    {cases[1].label}")
            print(
                "   Hint: your function modified an array of `weights` (an operator such as *= "
                "on an argument writes into the model's weights). Build new arrays instead."
            )
            return False
    hint = hint_for(answer, _numerical_l2_gradient, cases, mistakes, hint)
    return check_function(
        "l2_gradient", answer, _numerical_l2_gradient, cases, hint=hint, rtol=1e-5, atol=1e-7
    )
