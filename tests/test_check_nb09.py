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


# ---- The MLP from scratch: right answers (two styles each) ---------------------------------------


def _init(num_inputs, num_hiddens, num_outputs, seed=0):
    rng = np.random.default_rng(seed)
    return {
        "W1": rng.normal(0.0, np.sqrt(2.0 / num_inputs), size=(num_inputs, num_hiddens)),
        "b1": np.zeros(num_hiddens),
        "W2": rng.normal(0.0, np.sqrt(2.0 / num_hiddens), size=(num_hiddens, num_outputs)),
        "b2": np.zeros(num_outputs),
    }


def _forward(params, X):
    Z1 = X @ params["W1"] + params["b1"]
    H = np.maximum(Z1, 0.0)
    return H @ params["W2"] + params["b2"], {"X": X, "Z1": Z1, "H": H}


def _softmax_ce(logits, y):
    n = len(y)
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    dlogits = np.exp(log_probs)
    dlogits[np.arange(n), y] -= 1.0
    return -log_probs[np.arange(n), y].mean(), dlogits / n


def _softmax_ce_onehot(logits, y):
    z = logits - logits.max(axis=1, keepdims=True)
    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    onehot = np.eye(logits.shape[1])[y]
    loss = float(np.mean(-(z * onehot).sum(axis=1) + np.log(np.exp(z).sum(axis=1))))
    return loss, (p - onehot) / len(y)


def _backward(params, cache, dlogits):
    dZ1 = (dlogits @ params["W2"].T) * (cache["Z1"] > 0)
    return {
        "W1": cache["X"].T @ dZ1,
        "b1": dZ1.sum(axis=0),
        "W2": cache["H"].T @ dlogits,
        "b2": dlogits.sum(axis=0),
    }


def _epoch(params, X, y, learning_rate, batch_size, rng, forward=_forward, loss=_softmax_ce):
    order = rng.permutation(len(X))
    total = 0.0
    for start in range(0, len(X), batch_size):
        batch = order[start : start + batch_size]
        logits, cache = forward(params, X[batch])
        value, dlogits = loss(logits, y[batch])
        grads = _backward(params, cache, dlogits)
        for key in params:
            params[key] -= learning_rate * grads[key]
        total += value * len(batch)
    return total / len(X)


@pytest.mark.parametrize(
    "name, right",
    [
        ("init_params", _init),
        ("forward", _forward),
        ("softmax_cross_entropy", _softmax_ce),
        ("softmax_cross_entropy", _softmax_ce_onehot),
        ("backward", _backward),
        ("sgd_epoch", _epoch),
    ],
)
def test_scratch_mlp_checks_accept_right_answers(capsys, name, right):
    assert getattr(check, name)(right) is True
    assert capsys.readouterr().out.startswith(f"✅ {name}: all ")


def test_scratch_mlp_checks_are_registered():
    for name in ["init_params", "forward", "softmax_cross_entropy", "backward", "sgd_epoch"]:
        assert name in check.exercises()


# ---- ... and the named mistakes ------------------------------------------------------------------


def _init_transposed(num_inputs, num_hiddens, num_outputs, seed=0):
    p = _init(num_inputs, num_hiddens, num_outputs, seed)
    return {**p, "W1": p["W1"].T.copy()}


def _init_variance_as_std(num_inputs, num_hiddens, num_outputs, seed=0):
    rng = np.random.default_rng(seed)
    return {
        "W1": rng.normal(0.0, 2.0 / num_inputs, size=(num_inputs, num_hiddens)),
        "b1": np.zeros(num_hiddens),
        "W2": rng.normal(0.0, 2.0 / num_hiddens, size=(num_hiddens, num_outputs)),
        "b2": np.zeros(num_outputs),
    }


def _init_unscaled(num_inputs, num_hiddens, num_outputs, seed=0):
    rng = np.random.default_rng(seed)
    return {
        "W1": rng.normal(size=(num_inputs, num_hiddens)),
        "b1": np.zeros(num_hiddens),
        "W2": rng.normal(size=(num_hiddens, num_outputs)),
        "b2": np.zeros(num_outputs),
    }


def _init_random_biases(num_inputs, num_hiddens, num_outputs, seed=0):
    p = _init(num_inputs, num_hiddens, num_outputs, seed)
    return {**p, "b1": np.full(num_hiddens, 0.1)}


def _init_ignores_seed(num_inputs, num_hiddens, num_outputs, seed=0):
    return _init(num_inputs, num_hiddens, num_outputs, 0)


@pytest.mark.parametrize(
    "wrong, why",
    [
        (_init_transposed, "(transposed: rows are inputs, columns are units)"),
        (_init_variance_as_std, "that is the variance, the standard deviation is its square root"),
        (_init_unscaled, "the kernel is not scaled to its fan-in"),
        (_init_random_biases, "the biases are not zero"),
        (_init_ignores_seed, "another seed gave the same W1"),
        (lambda a, b, c, seed=0: [1, 2], "expected a dict with keys W1, b1, W2, b2, got list"),
    ],
)
def test_init_params_names_the_mistakes(capsys, wrong, why):
    assert check.init_params(wrong) is False
    out = capsys.readouterr().out
    assert out.startswith("❌ init_params: case ") and why in out
    assert "Hint: a kernel has one row per input" in out


def _forward_no_bias(params, X):
    Z1 = X @ params["W1"]
    H = np.maximum(Z1, 0.0)
    return H @ params["W2"], {"X": X, "Z1": Z1, "H": H}


def _forward_no_relu(params, X):
    Z1 = X @ params["W1"] + params["b1"]
    return Z1 @ params["W2"] + params["b2"], {"X": X, "Z1": Z1, "H": Z1}


def _forward_relu_on_output(params, X):
    logits, cache = _forward(params, X)
    return np.maximum(logits, 0.0), cache


def _forward_softmax(params, X):
    logits, cache = _forward(params, X)
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True), cache


def _forward_in_place(params, X):
    X -= 0.0 * X + 1.0
    return _forward(params, X + 1.0)


def _forward_cache_after_relu(params, X):
    logits, cache = _forward(params, X)
    return logits, {**cache, "Z1": cache["H"]}


@pytest.mark.parametrize(
    "wrong, why",
    [
        (_forward_no_bias, "the biases are missing"),
        (_forward_no_relu, "the ReLU is missing"),
        (_forward_relu_on_output, "the output layer has a ReLU"),
        (_forward_softmax, "these are softmax probabilities"),
        (_forward_in_place, "changed in place"),
        (_forward_cache_after_relu, "cache['Z1'] should be the hidden layer's weighted sums"),
        (lambda params, X: _forward(params, X)[0], "expected a pair (logits, cache)"),
    ],
)
def test_forward_names_the_mistakes(capsys, wrong, why):
    assert check.forward(wrong) is False
    out = capsys.readouterr().out
    assert out.startswith("❌ forward: case 1 of 3") and why in out
    assert "Hint: two Dense layers" in out


def test_forward_transposed_kernel_crashes_at_the_learners_line(capsys):
    def transposed(params, X):
        Z1 = X @ params["W1"].T + params["b1"]
        return Z1, {}

    assert check.forward(transposed) is False
    out = capsys.readouterr().out
    assert "raised ValueError" in out and 'Z1 = X @ params["W1"].T' in out


def _ce_sum(logits, y):
    loss, grad = _softmax_ce(logits, y)
    return loss * len(y), grad * len(y)


def _ce_grad_not_divided(logits, y):
    loss, grad = _softmax_ce(logits, y)
    return loss, grad * len(y)


def _ce_unstable(logits, y):
    p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    n = len(y)
    onehot = np.eye(logits.shape[1])[y]
    return float(-np.log(p[np.arange(n), y]).mean()), (p - onehot) / n


def _ce_sign(logits, y):
    loss, grad = _softmax_ce(logits, y)
    return loss, -grad


def _ce_in_place(logits, y):
    logits -= logits.max(axis=1, keepdims=True)
    return _softmax_ce(logits, y)


@pytest.mark.parametrize(
    "wrong, case, why",
    [
        (_ce_sum, 1, "the loss is the sum over the batch, not the mean"),
        (_ce_grad_not_divided, 1, "dlogits is n times too large"),
        (_ce_sign, 1, "dlogits has the wrong sign"),
        (_ce_unstable, 3, "inf or nan: exp of a large logit overflows"),
        (_ce_in_place, 1, "the logits were changed in place"),
    ],
)
def test_softmax_cross_entropy_names_the_mistakes(capsys, wrong, case, why):
    assert check.softmax_cross_entropy(wrong) is False
    out = capsys.readouterr().out
    assert out.startswith(f"❌ softmax_cross_entropy: case {case} of 4") and why in out
    assert "Hint: softmax after subtracting each row's largest logit" in out


def _backward_no_mask(params, cache, dlogits):
    dZ1 = dlogits @ params["W2"].T
    return {
        "W1": cache["X"].T @ dZ1,
        "b1": dZ1.sum(axis=0),
        "W2": cache["H"].T @ dlogits,
        "b2": dlogits.sum(axis=0),
    }


def _backward_mean_bias(params, cache, dlogits):
    grads = _backward(params, cache, dlogits)
    return {**grads, "b2": dlogits.mean(axis=0)}


def _backward_divided_again(params, cache, dlogits):
    grads = _backward(params, cache, dlogits)
    return {**grads, "W2": grads["W2"] / len(dlogits)}


def _backward_bias_not_summed(params, cache, dlogits):
    return {**_backward(params, cache, dlogits), "b2": dlogits}


def _backward_transposed(params, cache, dlogits):
    grads = _backward(params, cache, dlogits)
    return {**grads, "W2": dlogits.T @ cache["H"]}


@pytest.mark.parametrize(
    "wrong, why",
    [
        (_backward_no_mask, "dW1 ignores the ReLU"),
        (_backward_mean_bias, "db2 is a mean over the examples; sum it"),
        (_backward_divided_again, "dW2 is divided by n once more"),
        (_backward_bias_not_summed, "(not summed over the examples)"),
        (_backward_transposed, "(transposed)"),
    ],
)
def test_backward_names_the_mistakes(capsys, wrong, why):
    assert check.backward(wrong) is False
    out = capsys.readouterr().out
    assert out.startswith("❌ backward: case 1 of 3") and why in out
    assert "Hint: go backwards one layer at a time" in out


def _epoch_unshuffled(params, X, y, learning_rate, batch_size, rng):
    return _epoch(params, X, y, learning_rate, batch_size, _InOrder())


class _InOrder:
    def permutation(self, n):
        return np.arange(n)


def _epoch_uphill(params, X, y, learning_rate, batch_size, rng):
    return _epoch(params, X, y, -learning_rate, batch_size, rng)


def _epoch_new_dict(params, X, y, learning_rate, batch_size, rng):
    copy = {key: value.copy() for key, value in params.items()}
    return _epoch(copy, X, y, learning_rate, batch_size, rng)


def _epoch_mean_of_batch_means(params, X, y, learning_rate, batch_size, rng):
    order = rng.permutation(len(X))
    values = []
    for start in range(0, len(X), batch_size):
        batch = order[start : start + batch_size]
        logits, cache = _forward(params, X[batch])
        value, dlogits = _softmax_ce(logits, y[batch])
        grads = _backward(params, cache, dlogits)
        for key in params:
            params[key] -= learning_rate * grads[key]
        values.append(value)
    return float(np.mean(values))


def _epoch_drops_last_batch(params, X, y, learning_rate, batch_size, rng):
    keep = len(X) - len(X) % batch_size
    order = rng.permutation(len(X))[:keep]
    return _epoch(params, X[order], y[order], learning_rate, batch_size, _InOrder())


@pytest.mark.parametrize(
    "wrong, why",
    [
        (_epoch_unshuffled, "the rows were not shuffled"),
        (_epoch_uphill, "the weights moved uphill"),
        (_epoch_new_dict, "the arrays in params did not change"),
        (_epoch_mean_of_batch_means, "a mean of batch means weighs the small last batch"),
        (_epoch_drops_last_batch, "the weights after the epoch differ from Sequential.fit's"),
        (lambda *args: _epoch(*args) and None, "returned None"),
    ],
)
def test_sgd_epoch_names_the_mistakes(capsys, wrong, why):
    assert check.sgd_epoch(wrong) is False
    out = capsys.readouterr().out
    assert out.startswith("❌ sgd_epoch: case 1 of 3") and why in out
    assert "Hint: draw the order of the rows once" in out


def test_scratch_checks_report_unfinished_work_and_non_functions(capsys):
    def unfinished(*args):
        raise NotImplementedError()

    for name in ["init_params", "forward", "softmax_cross_entropy", "backward", "sgd_epoch"]:
        assert getattr(check, name)(unfinished) is False
        assert "not done yet" in capsys.readouterr().out
        assert getattr(check, name)(3) is False
        assert "expected a function, got int" in capsys.readouterr().out
