"""Exercise checks for notebook 09_mlp_from_scratch.

The two-layer MLP from scratch (a dict ``params`` of ``W1, b1, W2, b2``):

- ``init_params``: shapes, zero biases, He spread ``sqrt(2 / num_inputs)``, seeded.
- ``forward``: logits and cache, equal to ``nn.Sequential`` with the same weights.
- ``softmax_cross_entropy``: mean loss and gradient for the logits, stable for large logits.
- ``backward``: the gradients, equal to ``nn.Sequential``'s and to central differences.
- ``sgd_epoch``: one shuffled mini-batch epoch of SGD, in place, equal to ``Sequential.fit``.

The rest:

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
from dlcourse.gradcheck import relative_error
from dlcourse.lessons import nb09 as lesson

__all__ = [
    "init_params",
    "forward",
    "softmax_cross_entropy",
    "backward",
    "sgd_epoch",
    "sgd_train_step",
    "accuracy_from_probabilities",
    "smallest_good_enough",
]


# ---- the MLP from scratch: shared helpers ---------------------------------------------------------


def _not_a_function(name: str, answer) -> bool:
    if callable(answer):
        return False
    print(f"{FAIL} {name}: expected a function, got {type(answer).__name__} {_fmt(answer)}.")
    print(f"   Hint: pass the function itself, without calling it: check.{name}(my_function).")
    return True


def _run(name: str, where: str, answer, args, label: str, hint: str):
    """Call the answer; on failure print the report and return (False, None)."""
    try:
        return True, answer(*args)
    except NotImplementedError:
        print(f"{FAIL} {name}: not done yet (the cell still raises NotImplementedError).")
    except Exception as exc:  # the learner's code failed: show where, not a wall of traceback
        report_crash(f"{FAIL} {where} raised {type(exc).__name__}: {exc}", exc, label, hint)
    return False, None


def _fail(where: str, problem: str, label: str, hint: str) -> bool:
    print(f"{FAIL} {where} is wrong: {problem}.")
    print(f"   input:    {label}")
    print(f"   Hint: {hint}")
    return False


def _passed(name: str, count: int, extra: str = "") -> bool:
    print(f"{PASS} {name}: all {count} cases pass{extra}.")
    _record_pass(name)
    return True


def _params(num_inputs: int, num_hiddens: int, num_outputs: int, seed: int) -> dict:
    rng = np.random.default_rng(seed)
    return {
        "W1": rng.normal(0.0, 0.6, (num_inputs, num_hiddens)),
        "b1": rng.normal(0.0, 0.3, num_hiddens),
        "W2": rng.normal(0.0, 0.6, (num_hiddens, num_outputs)),
        "b2": rng.normal(0.0, 0.3, num_outputs),
    }


def _copy_params(params: dict) -> dict:
    return {key: np.array(value) for key, value in params.items()}


def _is(got, expected, rtol: float = 1e-7) -> bool:
    try:
        got = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return False
    return got.shape == np.shape(expected) and np.allclose(got, expected, rtol=rtol, atol=1e-10)


def _mlp_cases() -> list[tuple[str, dict, np.ndarray, np.ndarray]]:
    """(label, params, X, y): a 3-4-2, a 5-6-3 and a 64-8-10 network (with a dead hidden unit)."""
    rng = np.random.default_rng(90)
    small = _params(3, 4, 2, seed=1)
    mid = _params(5, 6, 3, seed=2)
    digits = _params(64, 8, 10, seed=3)
    digits["b1"][2] = -50.0  # hidden unit 3 never fires: the ReLU mask matters
    return [
        (
            "a 3-4-2 network, X of shape (5, 3)",
            small,
            rng.normal(size=(5, 3)),
            np.array([0, 1, 1, 0, 1]),
        ),
        (
            "a 5-6-3 network, one example, X of shape (1, 5)",
            mid,
            rng.normal(size=(1, 5)),
            np.array([2]),
        ),
        (
            "a 64-8-10 network (hidden unit 3 is never active), X of shape (7, 64)",
            digits,
            rng.random(size=(7, 64)),
            np.array([0, 3, 9, 9, 4, 1, 7]),
        ),
    ]


# ---- Exercise 9.1: init_params ----------------------------------------------------------------------


def init_params(answer) -> bool:
    """Check Exercise 9.1: ``init_params(num_inputs, num_hiddens, num_outputs, seed)``.

    The answer returns a dict with ``W1 (num_inputs, num_hiddens)``, ``b1 (num_hiddens,)``,
    ``W2 (num_hiddens, num_outputs)`` and ``b2 (num_outputs,)``: kernels drawn around 0 with
    standard deviation ``sqrt(2 / fan_in)`` (He, for ReLU), biases 0, the same for the same seed.
    The spread is measured on a 400-300-200 network, within 10 %.
    """
    name = "init_params"
    hint = (
        "a kernel has one row per input and one column per unit of its layer; draw it from a "
        "normal distribution with mean 0 and standard deviation sqrt(2 / number of inputs of "
        "that layer); start the biases at zero; make one generator from the seed."
    )
    if _not_a_function(name, answer):
        return False
    cases = [(64, 32, 10, 0), (3, 5, 2, 1), (400, 300, 200, 2)]
    for i, (n_in, n_hid, n_out, seed) in enumerate(cases, start=1):
        where, label = (
            f"{name}: case {i} of 3",
            f"init_params({n_in}, {n_hid}, {n_out}, seed={seed})",
        )
        ok, got = _run(name, where, answer, (n_in, n_hid, n_out, seed), label, hint)
        if not ok:
            return False
        if not isinstance(got, dict) or sorted(got) != sorted(lesson.PARAM_NAMES):
            keys = sorted(got) if isinstance(got, dict) else type(got).__name__
            return _fail(
                where, f"expected a dict with keys W1, b1, W2, b2, got {keys}", label, hint
            )
        shapes = {"W1": (n_in, n_hid), "b1": (n_hid,), "W2": (n_hid, n_out), "b2": (n_out,)}
        for key, shape in shapes.items():
            value = np.asarray(got[key])
            if value.shape != shape:
                transposed = value.shape == shape[::-1] and len(shape) == 2
                why = " (transposed: rows are inputs, columns are units)" if transposed else ""
                return _fail(
                    where, f"{key} has shape {value.shape}, expected {shape}{why}", label, hint
                )
        if any(np.any(np.asarray(got[key]) != 0) for key in ("b1", "b2")):
            return _fail(
                where,
                "the biases are not zero: random kernels already break the "
                "symmetry between units, so biases start at 0",
                label,
                hint,
            )
        if n_in >= 100:
            for key, fan_in in (("W1", n_in), ("W2", n_hid)):
                W = np.asarray(got[key], dtype=float)
                std, he = float(W.std()), np.sqrt(2.0 / fan_in)
                if abs(float(W.mean())) > 0.1 * he:
                    return _fail(where, f"{key} has mean {W.mean():.3g}, not about 0", label, hint)
                if abs(std / he - 1.0) > 0.1:
                    known = {
                        1.0: "a standard deviation of 1: the kernel is not scaled to its fan-in",
                        np.sqrt(1.0 / fan_in): "sqrt(1 / fan_in): that is LeCun's spread; ReLU "
                        "zeroes half of its inputs, so He doubles the variance",
                        2.0 / fan_in: "2 / fan_in: that is the variance, the standard deviation "
                        "is its square root",
                    }
                    why = next((t for v, t in known.items() if abs(std / v - 1.0) < 0.1), None)
                    problem = f"{key} has standard deviation {std:.3g}, expected about {he:.3g}"
                    return _fail(where, problem + (f" ({why})" if why else ""), label, hint)
        ok, again = _run(name, where, answer, (n_in, n_hid, n_out, seed), label, hint)
        if not ok:
            return False
        if not all(np.array_equal(again[k], got[k]) for k in lesson.PARAM_NAMES):
            return _fail(
                where,
                "two calls with the same seed gave different weights: make the "
                "generator from `seed`, np.random.default_rng(seed)",
                label,
                hint,
            )
        ok, other = _run(name, where, answer, (n_in, n_hid, n_out, seed + 10), label, hint)
        if not ok:
            return False
        if np.array_equal(other["W1"], got["W1"]):
            return _fail(where, "another seed gave the same W1: the seed is not used", label, hint)
    return _passed(name, len(cases))


# ---- Exercise 9.2: forward ------------------------------------------------------------------------


def _relu(z):
    return np.maximum(z, 0.0)


def forward(answer) -> bool:
    """Check Exercise 9.2: ``forward(params, X)`` returns ``(logits, cache)``.

    ``logits`` must equal the output of ``nn.Sequential`` (a ReLU ``Dense`` layer and a linear
    one) given the same weights; ``cache`` holds ``"X"``, ``"Z1"`` and ``"H"`` for the backward
    pass; ``X`` and ``params`` stay unchanged. Names the usual mistakes: a missing bias, no ReLU, a
    ReLU (or softmax) on the output layer, the ReLU applied before the bias.
    """
    name = "forward"
    hint = (
        "two Dense layers: the hidden layer's weighted sums (inputs times its kernel, plus its "
        "bias), then ReLU, then the output layer's weighted sums of those. The logits are the raw "
        "weighted sums of the output layer: no activation there."
    )
    if _not_a_function(name, answer):
        return False
    cases = _mlp_cases()
    for i, (label, params, X, _) in enumerate(cases, start=1):
        where = f"{name}: case {i} of {len(cases)}"
        p, X_in = _copy_params(params), X.copy()
        ok, got = _run(name, where, answer, (p, X_in), label, hint)
        if not ok:
            return False
        if not isinstance(got, tuple) or len(got) != 2:
            return _fail(where, f"expected a pair (logits, cache), got {_fmt(got)}", label, hint)
        logits, cache = got
        expected, expected_cache = lesson.course_forward(params, X)
        if not np.array_equal(X_in, X) or not all(
            np.array_equal(p[k], params[k]) for k in lesson.PARAM_NAMES
        ):
            return _fail(where, "the input X or a weight array was changed in place", label, hint)
        if np.shape(logits) != expected.shape:
            return _fail(
                where,
                f"logits of shape {np.shape(logits)}, expected {expected.shape} "
                "(one row per example, one column per class)",
                label,
                hint,
            )
        if not _is(logits, expected):
            W1, b1, W2, b2 = (params[k] for k in lesson.PARAM_NAMES)
            mistakes = {
                "the biases are missing": _relu(X @ W1) @ W2,
                "the ReLU is missing (two linear layers make one linear map)": (X @ W1 + b1) @ W2
                + b2,
                "the output layer has a ReLU: logits must be able to go negative": _relu(expected),
                "the ReLU comes before the bias is added": (_relu(X @ W1) + b1) @ W2 + b2,
            }
            e = np.exp(expected - expected.max(axis=1, keepdims=True))
            mistakes[
                "these are softmax probabilities; return the logits, the loss applies "
                "the softmax itself"
            ] = e / e.sum(axis=1, keepdims=True)
            why = next((t for t, v in mistakes.items() if _is(logits, v)), None)
            problem = why or "the logits differ from nn.Sequential's with the same weights"
            return _fail(where, problem, label, hint)
        if not isinstance(cache, dict) or not {"X", "Z1", "H"} <= set(cache):
            keys = sorted(cache) if isinstance(cache, dict) else type(cache).__name__
            return _fail(
                where, f"the cache must be a dict with keys 'X', 'Z1', 'H'; got {keys}", label, hint
            )
        for key in ("X", "Z1", "H"):
            if not _is(cache[key], expected_cache[key]):
                what = {
                    "X": "the input",
                    "Z1": "the hidden layer's weighted sums, bias included, before the ReLU",
                    "H": "the hidden layer's ReLU outputs",
                }
                return _fail(where, f"cache[{key!r}] should be {what[key]}", label, hint)
    return _passed(name, len(cases), " (the same logits as nn.Sequential with your weights)")


# ---- Exercise 9.3: softmax_cross_entropy ------------------------------------------------------------


def _reference_softmax_ce(logits, y):
    from dlcourse import losses

    loss = losses.SparseCategoricalCrossentropy(from_logits=True)
    return loss.value_and_gradient(y, logits)


def softmax_cross_entropy(answer) -> bool:
    """Check Exercise 9.3: ``softmax_cross_entropy(logits, y)`` returns ``(loss, dlogits)``.

    ``loss`` is the mean over the batch of ``-log softmax(logits)[y]`` (Keras'
    ``SparseCategoricalCrossentropy(from_logits=True)``), ``dlogits`` its gradient with respect to
    the logits. Cases include logits of size 1000 (a naive softmax overflows) and one example.
    Names: sum instead of mean, a gradient without the 1/n, the sign, an unstable softmax, logits
    changed in place.
    """
    name = "softmax_cross_entropy"
    hint = (
        "softmax after subtracting each row's largest logit (the result is the same, and exp "
        "cannot overflow); the loss is the batch mean of minus the log-probability of the true "
        "class; from notebook 06, the gradient of one example's loss is probabilities minus the "
        "one-hot label, and a mean over n examples divides it by n."
    )
    if _not_a_function(name, answer):
        return False
    rng = np.random.default_rng(93)
    cases = [
        (
            "logits of shape (4, 3), labels [0 2 1 1]",
            rng.normal(size=(4, 3)),
            np.array([0, 2, 1, 1]),
        ),
        ("logits of shape (1, 10), label [7]", rng.normal(scale=3.0, size=(1, 10)), np.array([7])),
        (
            "large logits [[1000, 0, -1000], [0, 1000, 999]], labels [0 2]",
            np.array([[1000.0, 0.0, -1000.0], [0.0, 1000.0, 999.0]]),
            np.array([0, 2]),
        ),
        (
            "logits of shape (20, 10), 20 labels",
            rng.normal(scale=2.0, size=(20, 10)),
            rng.integers(0, 10, 20),
        ),
    ]
    for i, (label, logits, y) in enumerate(cases, start=1):
        where = f"{name}: case {i} of {len(cases)}"
        z = logits.copy()
        with np.errstate(all="ignore"):
            ok, got = _run(name, where, answer, (z, y.copy()), label, hint)
        if not ok:
            return False
        if not np.array_equal(z, logits):
            return _fail(
                where,
                "the logits were changed in place (z -= ... on the caller's "
                "array); subtract into a new array",
                label,
                hint,
            )
        if not isinstance(got, tuple) or len(got) != 2:
            return _fail(where, f"expected a pair (loss, dlogits), got {_fmt(got)}", label, hint)
        value, grad = got
        ref_value, ref_grad = _reference_softmax_ce(logits, y)
        n = len(y)
        finite = np.all(np.isfinite(np.asarray(value, dtype=float))) and np.all(
            np.isfinite(np.asarray(grad, dtype=float))
        )
        if not finite:
            return _fail(
                where,
                "inf or nan: exp of a large logit overflows; subtract each row's "
                "maximum first (and take the log of the softmax without "
                "forming a 0 first)",
                label,
                hint,
            )
        if not _is(value, ref_value):
            if n > 1 and _is(value, ref_value * n):
                problem = "the loss is the sum over the batch, not the mean"
            else:
                problem = f"the loss is {_fmt(value)}, not the mean cross-entropy of the batch"
            return _fail(where, problem, label, hint)
        if np.shape(grad) != np.shape(logits):
            return _fail(
                where,
                f"dlogits has shape {np.shape(grad)}, expected the logits' shape {logits.shape}",
                label,
                hint,
            )
        if not _is(grad, ref_grad):
            if n > 1 and _is(grad, ref_grad * n):
                problem = "dlogits is n times too large: the loss is a mean, divide by n"
            elif _is(grad, -ref_grad):
                problem = "dlogits has the wrong sign (one-hot minus probabilities)"
            else:
                problem = "dlogits differs from the gradient of this loss"
            return _fail(where, problem, label, hint)
    return _passed(name, len(cases))


# ---- Exercise 9.4: backward ---------------------------------------------------------------------


def _reference_backward(params, X, dlogits) -> dict:
    net = lesson.as_sequential(params)
    net.forward(X, training=True)
    net.backward(dlogits)
    grads = [g for layer in net.layers for g in layer.grads.values()]
    return dict(zip(lesson.PARAM_NAMES, grads, strict=True))


def _numerical_gradients(params, X, y, eps: float = 1e-6) -> dict:
    def loss():
        logits, _ = lesson.course_forward(params, X)
        return _reference_softmax_ce(logits, y)[0]

    out = {}
    for key in lesson.PARAM_NAMES:
        w, g = params[key], np.zeros_like(params[key])
        for idx in np.ndindex(w.shape):
            old = w[idx]
            w[idx] = old + eps
            up = loss()
            w[idx] = old - eps
            down = loss()
            w[idx] = old
            g[idx] = (up - down) / (2 * eps)
        out[key] = g
    return out


def backward(answer) -> bool:
    """Check Exercise 9.4: ``backward(params, cache, dlogits)`` returns the gradients.

    A dict with ``"W1", "b1", "W2", "b2"``, each shaped like its weight. Compared with
    ``nn.Sequential``'s backward pass on the same weights, and, on the first case, with central
    differences of the loss. Names: the ReLU mask missing, the bias gradient as a mean (or not
    summed), the mask taken from the output side, a wrong factor.
    """
    name = "backward"
    hint = (
        "go backwards one layer at a time. Output layer: its kernel's gradient pairs each "
        "hidden output with each logit's gradient, summed over the examples; its bias's sums "
        "over the examples. Through W2 to the hidden outputs, then through the ReLU: it passes "
        "the gradient where the unit was active and blocks it elsewhere. Then the same two "
        "formulas for the hidden layer, with X in place of H."
    )
    if _not_a_function(name, answer):
        return False
    cases = _mlp_cases()
    worst = 0.0
    for i, (label, params, X, y) in enumerate(cases, start=1):
        where = f"{name}: case {i} of {len(cases)}"
        logits, cache = lesson.course_forward(params, X)
        _, dlogits = _reference_softmax_ce(logits, y)
        p = _copy_params(params)
        ok, got = _run(
            name,
            where,
            answer,
            (p, {k: np.array(v) for k, v in cache.items()}, dlogits.copy()),
            label,
            hint,
        )
        if not ok:
            return False
        if not isinstance(got, dict) or not set(lesson.PARAM_NAMES) <= set(got):
            keys = sorted(got) if isinstance(got, dict) else type(got).__name__
            return _fail(
                where, f"expected a dict with keys W1, b1, W2, b2, got {keys}", label, hint
            )
        expected = _reference_backward(params, X, dlogits)
        dH = dlogits @ params["W2"].T
        for key in ("W2", "b2", "W1", "b1"):
            g, e = np.asarray(got[key], dtype=float), expected[key]
            if g.shape != e.shape:
                why = " (transposed)" if g.shape == e.shape[::-1] and g.ndim == 2 else ""
                if g.ndim == 2 and g.shape[-1] == e.shape[0] and e.ndim == 1:
                    why = " (not summed over the examples)"
                return _fail(
                    where,
                    f"the gradient for {key} has shape {g.shape}, expected {e.shape}{why}",
                    label,
                    hint,
                )
            if _is(g, e):
                continue
            n = len(X)
            if key == "W1" and _is(g, X.T @ dH):
                problem = "dW1 ignores the ReLU: units that were off (Z1 <= 0) pass no gradient"
            elif key == "b1" and _is(g, dH.sum(axis=0)):
                problem = "db1 ignores the ReLU: units that were off (Z1 <= 0) pass no gradient"
            elif key.startswith("b") and n > 1 and _is(g * n, e):
                problem = (
                    f"d{key} is a mean over the examples; sum it (the 1/n is already in dlogits)"
                )
            elif n > 1 and _is(g, e / n):
                problem = (
                    f"d{key} is divided by n once more; dlogits already holds the 1/n of "
                    "the mean loss"
                )
            elif _is(g, -e):
                problem = f"d{key} has the wrong sign"
            else:
                problem = f"the gradient for {key} differs from nn.Sequential's backward pass"
            return _fail(where, problem, label, hint)
        if i == 1:
            numeric = _numerical_gradients(_copy_params(params), X, y)
            for key in lesson.PARAM_NAMES:
                worst = max(worst, float(relative_error(np.asarray(got[key]), numeric[key])))
    return _passed(
        name,
        len(cases),
        f" (relative error against central differences "
        f"{'below 1e-6' if worst < 1e-6 else f'{worst:.1e}'})",
    )


# ---- Exercise 9.5: sgd_epoch ----------------------------------------------------------------------


def sgd_epoch(answer) -> bool:
    """Check Exercise 9.5: ``sgd_epoch(params, X, y, learning_rate, batch_size, rng)``.

    One epoch of mini-batch SGD: the rows in the order ``rng.permutation(len(X))``, in batches of
    ``batch_size`` (the last may be smaller), one update ``w <- w - learning_rate * dL/dw`` per
    batch, in place; returns the epoch's mean loss over examples (each batch's loss before its
    update). Compared with ``Sequential.fit`` for one epoch on the same weights and order. Uses
    the learner's ``forward``, ``softmax_cross_entropy`` and ``backward`` through the answer.
    """
    name = "sgd_epoch"
    hint = (
        "draw the order of the rows once, at the start; walk through it in slices of batch_size; "
        "for each slice: forward pass, loss and its gradient, backward pass, then change every "
        "array of params in place. Weight each batch's loss by its size when averaging. (This "
        "check runs your forward, softmax_cross_entropy and backward: make their checks pass "
        "first.)"
    )
    if _not_a_function(name, answer):
        return False
    rng_data = np.random.default_rng(95)
    cases = [
        (
            "a 3-4-2 network, 10 examples, batch_size=4 (batches of 4, 4, 2), learning_rate=0.5",
            _params(3, 4, 2, seed=5),
            rng_data.normal(size=(10, 3)),
            rng_data.integers(0, 2, 10),
            0.5,
            4,
        ),
        (
            "a 64-8-10 network, 25 examples, batch_size=8, learning_rate=0.1",
            _params(64, 8, 10, seed=6),
            rng_data.random(size=(25, 64)),
            rng_data.integers(0, 10, 25),
            0.1,
            8,
        ),
        (
            "a 5-6-3 network, 6 examples, batch_size=6 (one batch), learning_rate=1.0",
            _params(5, 6, 3, seed=7),
            rng_data.normal(size=(6, 5)),
            rng_data.integers(0, 3, 6),
            1.0,
            6,
        ),
    ]
    for i, (label, params, X, y, lr, bs) in enumerate(cases, start=1):
        where = f"{name}: case {i} of {len(cases)}"
        expected = _copy_params(params)
        expected_loss = lesson.course_sgd_epoch(expected, X, y, lr, bs, np.random.default_rng(i))
        p = _copy_params(params)
        ok, got = _run(
            name,
            where,
            answer,
            (p, X.copy(), y.copy(), lr, bs, np.random.default_rng(i)),
            label,
            hint,
        )
        if not ok:
            return False
        if all(np.array_equal(p[k], params[k]) for k in lesson.PARAM_NAMES):
            return _fail(
                where,
                "the arrays in params did not change: update them in place "
                "(params[key] -= ...), a new dict or rebinding a name leaves the "
                "caller's arrays as they were",
                label,
                hint,
            )
        if not all(_is(p[k], expected[k], rtol=1e-6) for k in lesson.PARAM_NAMES):
            unshuffled = _copy_params(params)
            _variant_epoch(unshuffled, X, y, lr, bs, np.arange(len(X)))
            uphill = _copy_params(params)
            _variant_epoch(uphill, X, y, -lr, bs, np.random.default_rng(i).permutation(len(X)))
            if all(_is(p[k], unshuffled[k], rtol=1e-6) for k in lesson.PARAM_NAMES):
                problem = "the rows were not shuffled: visit them in rng.permutation order"
            elif all(_is(p[k], uphill[k], rtol=1e-6) for k in lesson.PARAM_NAMES):
                problem = "the weights moved uphill: step along minus the gradient"
            else:
                problem = (
                    "the weights after the epoch differ from Sequential.fit's with the "
                    "same order of rows (a batch skipped, a wrong learning rate, or "
                    "one of your other functions?)"
                )
            return _fail(where, problem, label, hint)
        if got is None:
            return _fail(
                where,
                "the weights are right, but the function returned None instead "
                "of the epoch's mean loss",
                label,
                hint,
            )
        ok, why = same(got, expected_loss, rtol=1e-6)
        if not ok:
            return _fail(
                where,
                f"the weights are right, but the returned loss is {_fmt(got)}, "
                "not the mean over the epoch's examples (a mean of batch means weighs "
                "the small last batch too much)",
                label,
                hint,
            )
    return _passed(name, len(cases), " (the same weights as Sequential.fit for one epoch)")


def _variant_epoch(params, X, y, learning_rate, batch_size, order) -> None:
    """A mistaken epoch for the diagnosis (rows in ``order``, any sign of the learning rate)."""
    for start in range(0, len(X), batch_size):
        batch = order[start : start + batch_size]
        logits, _ = lesson.course_forward(params, X[batch])
        _, dlogits = _reference_softmax_ce(logits, y[batch])
        grads = _reference_backward(params, X[batch], dlogits)
        for key in lesson.PARAM_NAMES:
            params[key] -= learning_rate * grads[key]


# ---- The first edition's one SGD step on a real network (no longer in the notebook) --------------


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
    """Check one training step: ``sgd_train_step(net, X_batch, y_batch, loss, learning_rate)``.

    The first edition's exercise, replaced in the notebook by ``sgd_epoch``; kept for learners
    who started with it.

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


# ---- Exercise 9.7: accuracy from predicted probabilities ------------------------------------------


def _softmax_rows(rng, n: int, k: int) -> np.ndarray:
    z = rng.normal(scale=2.0, size=(n, k))
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def accuracy_from_probabilities(answer) -> bool:
    """Check Exercise 9.7: ``accuracy_from_probabilities(probabilities, y_true)``.

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


# ---- Exercise 9.6: pick a model from a validation table --------------------------------------------


def smallest_good_enough(answer) -> bool:
    """Check Exercise 9.6: ``smallest_good_enough(results, target)``.

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
