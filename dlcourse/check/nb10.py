"""Exercise checks for notebook 10_fnn_in_keras: feature scaling, early stopping, the L2 penalty.

The expected answers come from the course's reference versions in ``dlcourse.lessons.nb10``,
plain NumPy/Python, so the checks (and their tests) never import TensorFlow; the notebook compares
those references with the real Keras layer, callback and model.
"""

from __future__ import annotations

import numpy as np

from dlcourse.check._core import Case, check_function
from dlcourse.lessons import nb10 as lesson

__all__ = ["standardize", "early_stopping_epochs", "l2_penalty"]


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
    return check_function(
        "standardize",
        answer,
        lesson.standardize,
        cases,
        hint="compute mean and std per column (axis=0) on X_train only, with NumPy's default "
        "std (ddof=0); apply the same two vectors to X_train and X_test; where the std is 0, "
        "divide by 1 instead. Return a tuple (train_scaled, test_scaled).",
    )


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
    return check_function(
        "early_stopping_epochs",
        answer,
        lesson.early_stopping_epochs,
        cases,
        hint="walk through the losses keeping the best value, its epoch, and a count of epochs "
        "since the last improvement; only a strictly smaller loss counts; when the count reaches "
        "patience, training stops after that epoch, so epochs_run = epoch + 1.",
    )


def _weights_case(sizes, seed, label):
    rng = np.random.default_rng(seed)
    weights = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True):
        weights += [rng.normal(size=(n_in, n_out)), rng.normal(size=n_out)]
    return weights, label


def l2_penalty(answer) -> bool:
    """Check Exercise 10.3: ``l2_penalty(weights, l2)``, the term ``kernel_regularizer=L2(l2)``
    adds to the loss of a model whose every ``Dense`` layer has that regularizer.

    ``weights`` is ``model.get_weights()``: ``[W1, b1, W2, b2, ...]``. Only kernels (the 2-D
    arrays) are penalised: ``l2 * sum(W**2)`` over all of them; biases are not.
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
    return check_function(
        "l2_penalty",
        answer,
        lesson.l2_penalty,
        cases,
        hint="loop over the weights, keep only the kernels (w.ndim == 2; biases are 1-D), add up "
        "np.sum(w ** 2) for each, and multiply the total by l2 (no 1/2 factor in Keras).",
    )
