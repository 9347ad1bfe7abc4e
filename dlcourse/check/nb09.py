"""Exercise checks for notebook 09_mlp_from_scratch.

- ``sgd_train_step``: one mini-batch update of a real ``Sequential`` with its own gradients.
- ``accuracy_from_probabilities``: accuracy from a sigmoid or softmax output and integer labels.
- ``smallest_good_enough``: choose a model from a table of validation results.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from dlcourse import nn, training
from dlcourse.check._core import (
    FAIL,
    PASS,
    Case,
    _fmt,
    _record_pass,
    check_function,
    report_crash,
    same,
)
from dlcourse.lessons import nb09 as lesson

__all__ = ["sgd_train_step", "accuracy_from_probabilities", "smallest_good_enough"]


# ---- Exercise 9.1: one SGD step on a real network -------------------------------------------------


def _step_cases() -> list[tuple[str, Callable, np.ndarray, np.ndarray, str, float]]:
    """(label, make_network, X_batch, y_batch, loss, learning_rate) for each case."""
    rng = np.random.default_rng(9)
    X1 = rng.normal(size=(8, 2))
    y1 = (X1[:, 0] * X1[:, 1] > 0).astype(int)
    X2 = rng.normal(size=(6, 4))
    y2 = np.array([0, 1, 2, 2, 1, 0])
    X3 = rng.normal(size=(1, 2))
    y3 = np.array([[0.7]])
    return [
        (
            "a 2-4-1 network (sigmoid output), a batch of 8 points, binary cross-entropy, "
            "learning_rate=0.1",
            lambda: nn.mlp(2, (4,), 1, "tanh", "sigmoid", seed=1),
            X1,
            y1,
            "binary_crossentropy",
            0.1,
        ),
        (
            "a 4-5-3 network (softmax output), a batch of 6 points, sparse categorical "
            "cross-entropy, learning_rate=0.5",
            lambda: nn.mlp(4, (5,), 3, "relu", "softmax", seed=2),
            X2,
            y2,
            "sparse_categorical_crossentropy",
            0.5,
        ),
        (
            "a 2-3-3-1 network (linear output), a batch of one point, mean squared error, "
            "learning_rate=0.01",
            lambda: nn.mlp(2, (3, 3), 1, "sigmoid", "linear"),
            X3,
            y3,
            "mse",
            0.01,
        ),
    ]


def _reference_step(net, X_batch, y_batch, loss, learning_rate) -> float:
    loss_value, grads = net.loss_and_gradients(X_batch, y_batch, loss)
    for w, g in zip(net.trainable_weights, grads, strict=True):
        w -= learning_rate * g
    return loss_value


def _names(net) -> list[str]:
    return [f"{layer.name}/{key}" for layer in net.layers for key in layer.params]


def _close(a: list[np.ndarray], b: list[np.ndarray]) -> bool:
    return len(a) == len(b) and all(
        x.shape == y.shape and np.allclose(x, y, rtol=1e-9, atol=1e-12)
        for x, y in zip(a, b, strict=True)
    )


def sgd_train_step(answer) -> bool:
    """Check Exercise 9.1: ``sgd_train_step(net, X_batch, y_batch, loss, learning_rate)``.

    The answer must do one plain SGD update of ``net``'s weights, in place, with the gradients of
    the loss on this batch (``w <- w - learning_rate * dL/dw``) and return the batch loss computed
    before the update. Cases: a sigmoid, a softmax and a linear-output network, down to a batch of
    one point; the weights after the step and the returned loss are compared with a reference.
    """
    name = "sgd_train_step"
    hint = (
        "get (loss_value, grads) from net.loss_and_gradients(X_batch, y_batch, loss); grads lines "
        "up with net.trainable_weights. For each pair (w, g) subtract learning_rate * g from w in "
        "place (w -= ...), then return loss_value."
    )
    if not callable(answer):
        print(f"{FAIL} {name}: expected a function, got {type(answer).__name__} {_fmt(answer)}.")
        print(f"   Hint: pass the function itself, without calling it: check.{name}(my_function).")
        return False
    cases = _step_cases()
    for i, (label, make_net, X, y, loss, lr) in enumerate(cases, start=1):
        where = f"{name}: case {i} of {len(cases)}"
        reference_net, net = make_net(), make_net()
        before = net.get_weights()
        expected_loss = _reference_step(reference_net, X.copy(), y.copy(), loss, lr)
        expected = reference_net.get_weights()
        try:
            got_loss = answer(net, X.copy(), y.copy(), loss, lr)
        except NotImplementedError:
            print(f"{FAIL} {name}: not done yet (the cell still raises NotImplementedError).")
            return False
        except Exception as exc:  # the learner's code failed: show where, not a wall of traceback
            report_crash(f"{FAIL} {where} raised {type(exc).__name__}: {exc}", exc, label, hint)
            return False
        after = net.get_weights()
        problem = None
        if _close(after, before):
            problem = (
                "the network's weights did not change. Rebinding a name (w = w - ...) makes a "
                "new array and leaves the network's own array as it was"
            )
        elif not _close(after, expected):
            uphill = [w + (w - e) for w, e in zip(before, expected, strict=True)]
            if _close(after, uphill):
                problem = "the weights moved uphill: the step went along +gradient, not -gradient"
            else:
                differs = [
                    n
                    for n, a, e in zip(_names(net), after, expected, strict=True)
                    if a.shape != e.shape or not np.allclose(a, e, rtol=1e-9, atol=1e-12)
                ]
                problem = (
                    "the weights after the step differ from one SGD step w - learning_rate * "
                    f"gradient (first in {differs[0]})"
                )
        elif got_loss is None:
            problem = "the weights are right, but the function returned None instead of the loss"
        else:
            ok, why = same(got_loss, expected_loss, rtol=1e-9)
            if not ok:
                problem = (
                    f"the weights are right, but the returned loss is {_fmt(got_loss)} ({why}); "
                    "return the loss on this batch computed before the update"
                )
        if problem:
            print(f"{FAIL} {where} is wrong: {problem}.")
            print(f"   input:    {label}")
            print(f"   Hint: {hint}")
            return False
    print(f"{PASS} {name}: all {len(cases)} cases pass.")
    _record_pass(name)
    return True


# ---- Exercise 9.3: accuracy from predicted probabilities ------------------------------------------


def _softmax_rows(rng, n: int, k: int) -> np.ndarray:
    z = rng.normal(scale=2.0, size=(n, k))
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def accuracy_from_probabilities(answer) -> bool:
    """Check Exercise 9.3: ``accuracy_from_probabilities(probabilities, y_true)``.

    ``probabilities`` is a network's output, ``(n, K)`` softmax rows or ``(n, 1)`` sigmoid
    probabilities; ``y_true`` holds integer labels ``(n,)``. The answer is the fraction of correct
    predictions, a float. Cases: small softmax tables, ten classes, a sigmoid output, and a sigmoid
    probability of exactly 0.5 (class 0, as Keras counts it).
    """
    rng = np.random.default_rng(92)
    p_small = np.array([[0.7, 0.2, 0.1], [0.1, 0.3, 0.6], [0.2, 0.5, 0.3], [0.4, 0.35, 0.25]])
    p_ten = _softmax_rows(rng, 40, 10)
    y_ten = np.where(rng.random(40) < 0.7, p_ten.argmax(axis=1), rng.integers(0, 10, 40))
    p_sig = np.array([[0.9], [0.2], [0.6], [0.4], [0.51], [0.05]])
    cases = [
        Case(
            (p_small, np.array([0, 2, 1, 1])),
            label="softmax rows of shape (4, 3), labels [0 2 1 1]",
        ),
        Case((p_ten, y_ten), label="softmax rows of shape (40, 10), 40 integer labels"),
        Case(
            (p_sig, np.array([1, 0, 0, 0, 1, 1])),
            label="sigmoid probabilities of shape (6, 1), labels of shape (6,)",
        ),
        Case(
            (np.array([[0.5], [0.8], [0.3]]), np.array([0, 1, 0])),
            label="sigmoid probabilities [[0.5], [0.8], [0.3]] with labels [0 1 0] "
            "(0.5 is not above 0.5: class 0)",
        ),
        Case(
            (p_small[:2], np.array([1, 0])),
            label="softmax rows of shape (2, 3), none predicted right",
        ),
    ]
    return check_function(
        "accuracy_from_probabilities",
        answer,
        lambda probabilities, y_true: training.accuracy(y_true, probabilities),
        cases,
        hint="first turn probabilities into predicted classes: with K > 1 columns take the arg-max "
        "of each row (axis=1); with one column, class 1 when p > 0.5. Then return the mean of "
        "(predicted == y_true), a fraction between 0 and 1.",
    )


# ---- Exercise 9.2: pick a model from a validation table --------------------------------------------


def smallest_good_enough(answer) -> bool:
    """Check Exercise 9.2: ``smallest_good_enough(results, target)``.

    ``results`` is a list of dicts with ``"hidden"``, ``"params"`` and ``"val_accuracy"`` (as the
    notebook's search prints them); the answer returns the dict of the candidate with the fewest
    parameters whose validation accuracy is at least ``target``; among equal sizes the more
    accurate; when none reaches the target, the most accurate one.
    """

    def row(hidden, params, val_accuracy):
        return {"hidden": hidden, "params": params, "val_accuracy": val_accuracy}

    sorted_rows = [
        row((8,), 610, 0.91),
        row((16,), 1210, 0.96),
        row((32,), 2410, 0.97),
        row((64,), 4810, 0.98),
    ]
    shuffled = [row((64,), 4810, 0.97), row((32,), 2410, 0.96), row((16,), 1210, 0.93)]
    exact = [row((8,), 610, 0.94), row((16,), 1210, 0.95), row((32,), 2410, 0.96)]
    none_good = [row((4,), 310, 0.62), row((8,), 610, 0.88), row((8, 8), 682, 0.86)]
    tie = [row((8,), 610, 0.9), row((16, 4), 1210, 0.95), row((16,), 1210, 0.97)]
    cases = [
        Case((sorted_rows, 0.95), label="4 candidates listed from small to large, target 0.95"),
        Case((shuffled, 0.95), label="3 candidates listed from large to small, target 0.95"),
        Case((exact, 0.95), label="a candidate with exactly the target accuracy 0.95"),
        Case((none_good, 0.9), label="no candidate reaches the target 0.9"),
        Case((tie, 0.95), label="two candidates of the same size (1210 params), target 0.95"),
    ]
    return check_function(
        "smallest_good_enough",
        answer,
        lesson.smallest_good_enough,
        cases,
        hint="keep the rows with val_accuracy >= target; among them return the one with the "
        "fewest params (the more accurate one if sizes tie). If no row is good enough, return "
        "the most accurate row. The rows are not necessarily sorted.",
    )
