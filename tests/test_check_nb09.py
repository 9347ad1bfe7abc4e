"""Tests for the exercise checks of notebook 09_mlp_from_scratch: right answers pass, wrong ones fail."""

from __future__ import annotations

import numpy as np
import pytest

from dlcourse import check, optimizers

HINT_STEP = "Hint: get (loss_value, grads) from net.loss_and_gradients"


def test_checks_are_registered():
    for name in ["sgd_train_step", "accuracy_from_probabilities", "smallest_good_enough"]:
        assert name in check.exercises()


# ---- Exercise 9.1: sgd_train_step -----------------------------------------------------------------


def _step_in_place(net, X_batch, y_batch, loss, learning_rate):
    loss_value, grads = net.loss_and_gradients(X_batch, y_batch, loss)
    for w, g in zip(net.trainable_weights, grads, strict=True):
        w -= learning_rate * g
    return loss_value


def _step_with_set_weights(net, X_batch, y_batch, loss, learning_rate):
    loss_value, grads = net.loss_and_gradients(X_batch, y_batch, loss)
    net.set_weights([w - learning_rate * g for w, g in zip(net.get_weights(), grads, strict=True)])
    return loss_value


def _step_with_the_optimizer(net, X_batch, y_batch, loss, learning_rate):
    return net.train_step(X_batch, y_batch, loss, optimizers.SGD(learning_rate=learning_rate))


@pytest.mark.parametrize(
    "right", [_step_in_place, _step_with_set_weights, _step_with_the_optimizer]
)
def test_sgd_train_step_accepts_right_answers(capsys, right):
    assert check.sgd_train_step(right) is True
    assert capsys.readouterr().out == "✅ sgd_train_step: all 3 cases pass.\n"


def _rebinds(net, X_batch, y_batch, loss, learning_rate):
    loss_value, grads = net.loss_and_gradients(X_batch, y_batch, loss)
    for w, g in zip(net.trainable_weights, grads, strict=True):
        w = w - learning_rate * g  # noqa: PLW2901 - the mistake under test
    return loss_value


def _uphill(net, X_batch, y_batch, loss, learning_rate):
    loss_value, grads = net.loss_and_gradients(X_batch, y_batch, loss)
    for w, g in zip(net.trainable_weights, grads, strict=True):
        w += learning_rate * g
    return loss_value


def _no_learning_rate(net, X_batch, y_batch, loss, learning_rate):
    loss_value, grads = net.loss_and_gradients(X_batch, y_batch, loss)
    for w, g in zip(net.trainable_weights, grads, strict=True):
        w -= g
    return loss_value


def _loss_after_the_update(net, X_batch, y_batch, loss, learning_rate):
    _step_in_place(net, X_batch, y_batch, loss, learning_rate)
    return net.evaluate(X_batch, y_batch, loss=loss)["loss"]


def _returns_nothing(net, X_batch, y_batch, loss, learning_rate):
    _step_in_place(net, X_batch, y_batch, loss, learning_rate)


def _skips_the_biases(net, X_batch, y_batch, loss, learning_rate):
    loss_value, grads = net.loss_and_gradients(X_batch, y_batch, loss)
    for w, g in zip(net.trainable_weights[::2], grads[::2], strict=True):
        w -= learning_rate * g
    return loss_value


@pytest.mark.parametrize(
    "wrong, why",
    [
        (_rebinds, "the network's weights did not change. Rebinding a name (w = w - ...)"),
        (_uphill, "the weights moved uphill"),
        (_no_learning_rate, "differ from one SGD step w - learning_rate * gradient (first in "),
        (_skips_the_biases, "(first in hidden_1/b)"),
        (_loss_after_the_update, "the weights are right, but the returned loss is"),
        (_returns_nothing, "returned None instead of the loss"),
    ],
)
def test_sgd_train_step_rejects_wrong_answers(capsys, wrong, why):
    assert check.sgd_train_step(wrong) is False
    out = capsys.readouterr().out
    assert out.startswith("❌ sgd_train_step: case 1 of 3 is wrong: ")
    assert why in out
    assert "input:    a 2-4-1 network (sigmoid output)" in out and HINT_STEP in out


def test_sgd_train_step_reports_crashes_unfinished_work_and_non_functions(capsys):
    def unfinished(net, X_batch, y_batch, loss, learning_rate):
        raise NotImplementedError()

    def only_binary(net, X_batch, y_batch, loss, learning_rate):
        if loss != "binary_crossentropy":
            raise KeyError(loss)
        return _step_in_place(net, X_batch, y_batch, loss, learning_rate)

    assert check.sgd_train_step(unfinished) is False
    assert "not done yet" in capsys.readouterr().out
    assert check.sgd_train_step(only_binary) is False
    out = capsys.readouterr().out
    assert "case 2 of 3 raised KeyError" in out and "softmax output" in out
    assert "raise KeyError(loss)" in out
    assert check.sgd_train_step(0.1) is False
    assert "expected a function, got float" in capsys.readouterr().out


def test_sgd_train_step_does_not_leak_state_between_calls(capsys):
    # The checker builds fresh networks every time, so a right answer passes twice in a row.
    assert check.sgd_train_step(_step_in_place) and check.sgd_train_step(_step_in_place)
    capsys.readouterr()


# ---- Exercise 9.2: accuracy_from_probabilities ------------------------------------------------------


def _accuracy_loop(probabilities, y_true):
    correct = 0
    for row, label in zip(probabilities, y_true, strict=True):
        predicted = int(row[0] > 0.5) if len(row) == 1 else int(np.argmax(row))
        correct += predicted == label
    return correct / len(y_true)


def _accuracy_vectorised(probabilities, y_true):
    if probabilities.shape[1] == 1:
        predicted = (probabilities[:, 0] > 0.5).astype(int)
    else:
        predicted = probabilities.argmax(axis=1)
    return float(np.mean(predicted == y_true))


@pytest.mark.parametrize("right", [_accuracy_loop, _accuracy_vectorised])
def test_accuracy_accepts_right_answers(capsys, right):
    assert check.accuracy_from_probabilities(right) is True
    assert "✅ accuracy_from_probabilities: all 5 cases pass." in capsys.readouterr().out


@pytest.mark.parametrize(
    "wrong, head, detail",
    [
        # arg-max of a single column is always 0: every sigmoid prediction is class 0
        (
            lambda p, y: float(np.mean(p.argmax(axis=1) == y)),
            "case 3 of 5 is wrong",
            "got:      0.5",
        ),
        (
            lambda p, y: float(np.mean((p.argmax(1) if p.shape[1] > 1 else p[:, 0] >= 0.5) == y)),
            "case 4 of 5 is wrong",
            "(0.5 is not above 0.5: class 0)",
        ),
        # a count, not a fraction
        (lambda p, y: int(np.sum(p.argmax(axis=1) == y)), "case 1 of 5 is wrong", "got:      3"),
        # arg-max down the columns: one "prediction" per class instead of per sample
        (
            lambda p, y: float(np.mean(p.argmax(axis=0) == y)),
            "case 1 of 5 raised ValueError",
            "at line",
        ),
    ],
)
def test_accuracy_rejects_wrong_answers(capsys, wrong, head, detail):
    assert check.accuracy_from_probabilities(wrong) is False
    out = capsys.readouterr().out
    assert f"❌ accuracy_from_probabilities: {head}" in out and detail in out
    assert "Hint: first turn probabilities into predicted classes" in out


# ---- Exercise 9.3: smallest_good_enough -------------------------------------------------------------


def _pick_sorted(results, target):
    good = sorted(
        (r for r in results if r["val_accuracy"] >= target),
        key=lambda r: (r["params"], -r["val_accuracy"]),
    )
    return good[0] if good else max(results, key=lambda r: r["val_accuracy"])


def _pick_loop(results, target):
    best = None
    for r in results:
        if r["val_accuracy"] < target:
            continue
        if (
            best is None
            or r["params"] < best["params"]
            or (r["params"] == best["params"] and r["val_accuracy"] > best["val_accuracy"])
        ):
            best = r
    if best is None:
        best = max(results, key=lambda r: r["val_accuracy"])
    return best


@pytest.mark.parametrize("right", [_pick_sorted, _pick_loop])
def test_smallest_good_enough_accepts_right_answers(capsys, right):
    assert check.smallest_good_enough(right) is True
    assert "✅ smallest_good_enough: all 5 cases pass." in capsys.readouterr().out


def _first_good_in_list_order(results, target):
    for r in results:
        if r["val_accuracy"] >= target:
            return r
    return max(results, key=lambda r: r["val_accuracy"])


def _strictly_above(results, target):
    good = [r for r in results if r["val_accuracy"] > target]
    if not good:
        return max(results, key=lambda r: r["val_accuracy"])
    return min(good, key=lambda r: (r["params"], -r["val_accuracy"]))


def _nothing_when_none_is_good(results, target):
    good = [r for r in results if r["val_accuracy"] >= target]
    return min(good, key=lambda r: (r["params"], -r["val_accuracy"])) if good else None


def _ignores_ties(results, target):
    good = [r for r in results if r["val_accuracy"] >= target]
    if not good:
        return max(results, key=lambda r: r["val_accuracy"])
    return min(good, key=lambda r: r["params"])


@pytest.mark.parametrize(
    "wrong, case, why",
    [
        (lambda r, t: max(r, key=lambda x: x["val_accuracy"]), "case 1 of 5", "at key 'hidden'"),
        (lambda r, t: min(r, key=lambda x: x["params"]), "case 1 of 5", "at key 'hidden'"),
        (_first_good_in_list_order, "case 2 of 5", "at key 'hidden'"),
        (_strictly_above, "case 3 of 5", "at key 'hidden'"),
        (_nothing_when_none_is_good, "case 4 of 5", "expected a dict, got NoneType"),
        (_ignores_ties, "case 5 of 5", "at key 'hidden'"),
        (lambda r, t: _pick_sorted(r, t)["hidden"], "case 1 of 5", "expected a dict, got tuple"),
    ],
)
def test_smallest_good_enough_rejects_wrong_answers(capsys, wrong, case, why):
    assert check.smallest_good_enough(wrong) is False
    out = capsys.readouterr().out
    assert f"❌ smallest_good_enough: {case} is wrong ({why}" in out
    assert "Hint: keep the rows with val_accuracy >= target" in out
