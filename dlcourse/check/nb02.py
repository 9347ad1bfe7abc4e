"""Exercise checks for notebook 02_network_zoo.

- Exercise 2.1 ``conv2d_params`` (build): a Conv2D layer's parameter count from its sizes.
- Exercise 2.2 ``small_cnn_table`` (predict, then run): the output shape and parameter count of
  every layer of a small CNN, written down before Keras builds it.
- Exercise 2.3 ``simple_rnn_forward`` (build): a SimpleRNN's last state in NumPy.
- Exercise 2.4 ``scaled_dot_product_attention`` (build): attention in NumPy, finite for large
  scores.

The functions' expected answers come from the course's reference versions in
``dlcourse.lessons.nb02``, which the notebook also uses after each check. When a case fails, the
check compares the answer with what the usual mistakes compute (a missing bias, a transposed
matrix, the wrong axis, ...) and names the one that matches. The table of Exercise 2.2 is worked out
here, privately, from the layers' sizes.
"""

from __future__ import annotations

import numpy as np

from dlcourse.check._core import FAIL, Case, check_function, check_value
from dlcourse.check._mistakes import Mistake, hint_for
from dlcourse.lessons import nb02 as lesson

__all__ = [
    "conv2d_params",
    "small_cnn_table",
    "simple_rnn_forward",
    "scaled_dot_product_attention",
]


def conv2d_params(answer) -> bool:
    """Check Exercise 2.1: ``conv2d_params(kernel_size, in_channels, filters)``.

    The number of trainable parameters of ``keras.layers.Conv2D(filters, kernel_size)`` (square
    kernel, with bias) applied to an input with ``in_channels`` channels. Named mistakes: no bias,
    one bias for the whole layer, the input channels left out, the kernel side not squared.
    """
    cases = [
        Case((3, 1, 16)),
        Case((5, 3, 8)),
        Case((3, 16, 32)),
        Case((1, 1, 1)),
        Case((7, 3, 64)),
    ]
    mistakes = [
        Mistake(
            "a missing bias",
            lambda k, c, f: k * k * c * f,
            "every filter has one bias of its own, added after its weighted sum.",
        ),
        Mistake(
            "one bias for the whole layer",
            lambda k, c, f: k * k * c * f + 1,
            "each filter (each output channel) has its own bias, not one shared by all.",
        ),
        Mistake(
            "the input channels left out",
            lambda k, c, f: k * k * f + f,
            "a filter's window covers every input channel at once, so its weights grow with "
            "in_channels (right for grey images, wrong after a layer of 16 filters).",
        ),
        Mistake(
            "a kernel side that is not squared",
            lambda k, c, f: k * c * f + f,
            "the window is kernel_size positions high and kernel_size positions wide.",
        ),
    ]
    hint = (
        "each filter has one weight per position of its square window and per input channel, "
        "and one bias; the count does not depend on the image size."
    )
    hint = hint_for(answer, lesson.conv2d_params, cases, mistakes, hint)
    return check_function("conv2d_params", answer, lesson.conv2d_params, cases, hint=hint)


# The CNN of Exercise 2.2, as (layer name, kind, settings): the notebook builds it after the check.
_SMALL_CNN = [
    ("conv_a", "conv", {"filters": 8, "kernel_size": 3}),
    ("pool_a", "pool", {"pool_size": 2}),
    ("conv_b", "conv", {"filters": 16, "kernel_size": 2}),
    ("flatten", "flatten", {}),
    ("digit", "dense", {"units": 10}),
]


def _layer_row(kind, cfg, shape, padding_same=False, pool_divides=True):
    """(output shape without the batch axis, parameters) of one layer of ``_SMALL_CNN``.

    ``padding_same`` and ``pool_divides=False`` compute two usual mistakes (a convolution that
    keeps the size; a pooling that does not shrink) instead of Keras' defaults.
    """
    if kind == "conv":
        k, f = cfg["kernel_size"], cfg["filters"]
        side = shape[0] if padding_same else shape[0] - k + 1
        return (side, side, f), k * k * shape[2] * f + f
    if kind == "pool":
        side = shape[0] // cfg["pool_size"] if pool_divides else shape[0]
        return (side, side, shape[2]), 0
    if kind == "flatten":
        return (int(np.prod(shape)),), 0
    return (cfg["units"],), shape[0] * cfg["units"] + cfg["units"]


def _small_cnn_rows(input_shape=(8, 8, 1)):
    """{layer: (output shape without the batch axis, parameters)} for ``_SMALL_CNN``."""
    shape, rows = tuple(input_shape), {}
    for name, kind, cfg in _SMALL_CNN:
        rows[name] = _layer_row(kind, cfg, shape)
        shape = rows[name][0]
    return rows


def _as_row(value):
    """(shape tuple, int) from what a learner wrote, or None if it has another form."""
    try:
        shape, params = value
        shape = tuple(int(d) for d in (shape if isinstance(shape, tuple | list) else (shape,)))
        return shape, int(params)
    except (TypeError, ValueError):
        return None


def _row_problem(kind, cfg, got, in_shape) -> str | None:
    """Why one predicted row is wrong, in words (never the right numbers); None if it is right.

    ``in_shape`` is the layer's input as the learner predicted it (the previous row), so a row
    that follows correctly from a wrong previous row counts as right: one slip is named once.
    """
    expected = _layer_row(kind, cfg, in_shape)
    if got == expected:
        return None
    shape, params = got
    exp_shape, exp_params = expected
    if shape != exp_shape:
        if kind == "conv" and shape == _layer_row(kind, cfg, in_shape, padding_same=True)[0]:
            return (
                "the output keeps the input's height and width, as padding='same' would; the "
                "default padding='valid' places the window only where it fits inside the input, "
                "so each side shrinks by kernel_size - 1."
            )
        if kind == "pool" and shape == _layer_row(kind, cfg, in_shape, pool_divides=False)[0]:
            return "MaxPooling2D(2) keeps one value of each 2x2 block: height and width halve."
        if kind == "flatten":
            return (
                "Flatten lays out every value of the previous layer's output in one row: "
                "multiply its height, width and channels."
            )
        if len(shape) != len(exp_shape):
            return (
                f"the shape has {len(shape)} axes; leave out the batch axis, and count the axes "
                "this kind of layer outputs (a feature map has three, a vector one)."
            )
        return "the output shape is not right: work it out from the previous layer's output."
    if kind in ("pool", "flatten"):
        return "pooling and flattening only move or pick values: they have no weights."
    if kind == "conv":
        k, f = cfg["kernel_size"], cfg["filters"]
        if params == exp_params - f:
            return "a missing bias: every filter has one bias of its own."
        if params == k * k * f + f:
            return (
                "the input channels left out: this layer's window covers every channel of the "
                "previous layer's output."
            )
        return "the parameter count is not right: weights per filter, times filters, plus biases."
    if params == exp_params - cfg["units"]:
        return "a missing bias: a Dense layer has one bias per unit."
    return (
        "the parameter count is not right: one weight per input and unit, plus one bias per unit."
    )


def small_cnn_table(answer) -> bool:
    """Check Exercise 2.2: the predicted table of the small CNN, before Keras builds it.

    ``answer`` is a dict ``{layer name: (output shape without the batch axis, parameters)}`` for
    the layers ``conv_a``, ``pool_a``, ``conv_b``, ``flatten`` and ``digit`` of the notebook's
    CNN on (8, 8, 1) images (default ``padding="valid"``). Each layer is judged on its own, and a
    wrong one is explained (padding kept, pooling that does not shrink, a missing bias, the
    input channels left out), without printing the right numbers.
    """
    name = "small_cnn_table"
    expected = _small_cnn_rows()
    if answer is Ellipsis or answer is NotImplemented:
        print(f"{FAIL} {name}: not done yet (replace the placeholder with your answer).")
        return False
    if not isinstance(answer, dict) or set(answer) != set(expected):
        keys = sorted(answer) if isinstance(answer, dict) else type(answer).__name__
        print(f"{FAIL} {name}: expected a dict with one entry per layer, got {keys}.")
        print(
            "   Hint: write {'conv_a': (shape, parameters), 'pool_a': ..., 'conv_b': ..., "
            "'flatten': ..., 'digit': ...}, each shape a tuple without the batch axis."
        )
        return False
    wrong, in_shape = [], (8, 8, 1)
    for layer, kind, cfg in _SMALL_CNN:
        row = _as_row(answer[layer])
        if row is None:
            wrong.append((layer, "expected a pair (shape tuple, parameter count)."))
            in_shape = expected[layer][0]
            continue
        problem = _row_problem(kind, cfg, row, in_shape)
        if problem:
            wrong.append((layer, problem))
        in_shape = row[0]
    if not wrong:  # the one pass line every check prints
        rows = {layer: _as_row(answer[layer]) for layer in expected}
        return check_value(name, rows, expected, hint="")
    print(f"{FAIL} {name}: {len(wrong)} of {len(expected)} rows wrong.")
    for layer, problem in wrong:
        print(f"   {layer}: {problem}")
    print(
        "   Hint: go layer by layer; each layer's input is the previous layer's output (each row "
        "is judged from your row above it, so one slip is named once)."
    )
    return False


def _rnn_case(batch, time, features, units, seed, label):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(batch, time, features))
    W = rng.normal(scale=0.5, size=(features, units))
    U = rng.normal(scale=0.5, size=(units, units))
    b = rng.normal(scale=0.1, size=(units,))
    return Case((X, W, U, b), label=label)


def _rnn_loop(X, W, U, b, step):
    h = np.zeros((X.shape[0], W.shape[1]))
    for t in range(X.shape[1]):
        h = step(X[:, t, :], h, W, U, b)
    return h


def simple_rnn_forward(answer) -> bool:
    """Check Exercise 2.3: ``simple_rnn_forward(X, W, U, b)`` returns SimpleRNN's last state.

    ``X`` is (batch, time, features), ``W`` (features, units), ``U`` (units, units), ``b``
    (units,); the answer is ``h_T`` of shape (batch, units), with ``h_0 = 0`` and
    ``h_t = tanh(x_t W + h_{t-1} U + b)``. Named mistakes: no recurrence, a transposed recurrent
    matrix, the two weight matrices swapped, a missing bias, a missing tanh.
    """
    cases = [
        _rnn_case(1, 1, 1, 1, 0, "one sequence of one step, one feature, one unit"),
        _rnn_case(2, 3, 1, 2, 1, "2 sequences, 3 steps, 1 feature, 2 units"),
        _rnn_case(4, 5, 3, 4, 2, "4 sequences, 5 steps, 3 features, 4 units"),
        _rnn_case(3, 8, 2, 5, 3, "3 sequences, 8 steps, 2 features, 5 units (features != units)"),
    ]
    mistakes = [
        Mistake(
            "no recurrence (only the last step's input)",
            lambda X, W, U, b: np.tanh(X[:, -1, :] @ W + b),
            "the state must carry the earlier steps: each step uses the previous state too.",
        ),
        Mistake(
            "a transposed recurrent matrix",
            lambda X, W, U, b: _rnn_loop(
                X, W, U, b, lambda x, h, W, U, b: np.tanh(x @ W + h @ U.T + b)
            ),
            "rows are examples, so the state (batch, units) multiplies U from the left as it is, "
            "with no transpose (U's rows match the state's units).",
        ),
        Mistake(
            "the input and recurrent weights swapped",
            lambda X, W, U, b: _rnn_loop(
                X, W, U, b, lambda x, h, W, U, b: np.tanh(x @ U + h @ W + b)
            ),
            "W (Keras' kernel) multiplies the input, U (the recurrent kernel) the previous state.",
        ),
        Mistake(
            "a missing bias",
            lambda X, W, U, b: _rnn_loop(X, W, U, b, lambda x, h, W, U, b: np.tanh(x @ W + h @ U)),
            "add b at every step, inside the tanh.",
        ),
        Mistake(
            "a missing tanh",
            lambda X, W, U, b: _rnn_loop(X, W, U, b, lambda x, h, W, U, b: x @ W + h @ U + b),
            "SimpleRNN squashes every new state with its activation, tanh.",
        ),
    ]
    hint = (
        "start from a state of zeros, one row per sequence; walk along the time axis (axis 1), "
        "using the same three weights at every step; return the state after the last step."
    )
    hint = hint_for(answer, lesson.simple_rnn_forward, cases, mistakes, hint)
    return check_function("simple_rnn_forward", answer, lesson.simple_rnn_forward, cases, hint=hint)


def _attention_case(n_q, n_k, d_k, d_v, seed, scale, label):
    rng = np.random.default_rng(seed)
    Q = scale * rng.normal(size=(n_q, d_k))
    K = scale * rng.normal(size=(n_k, d_k))
    V = rng.normal(size=(n_k, d_v))
    return Case((Q, K, V), label=label)


def _attention_with(Q, K, V, divisor, axis):
    s = Q @ K.T / divisor
    w = np.exp(s - s.max(axis=axis, keepdims=True))
    return (w / w.sum(axis=axis, keepdims=True)) @ V


def scaled_dot_product_attention(answer) -> bool:
    """Check Exercise 2.4: ``scaled_dot_product_attention(Q, K, V)``.

    ``softmax(Q K^T / sqrt(d_k)) V`` with the softmax over the keys (the last axis of the scores).
    Q is (n_queries, d_k), K (n_keys, d_k), V (n_keys, d_v); the result is (n_queries, d_v). The
    last case has large scores, where a softmax that does not subtract the row maximum overflows.
    Named mistakes: no scaling, d_k instead of its square root, the softmax over the queries,
    unnormalised weights.
    """
    cases = [
        _attention_case(1, 1, 2, 2, 0, 1.0, "1 query, 1 key (the weight must be 1)"),
        _attention_case(2, 3, 4, 2, 1, 1.0, "2 queries, 3 keys, d_k=4, d_v=2"),
        _attention_case(3, 3, 4, 4, 2, 1.0, "3 queries, 3 keys (square scores), d_k=4, d_v=4"),
        _attention_case(4, 2, 8, 3, 3, 1.0, "4 queries, 2 keys, d_k=8 (scaling matters), d_v=3"),
        _attention_case(2, 4, 4, 2, 4, 40.0, "large queries and keys: scores in the hundreds"),
    ]
    mistakes = [
        Mistake(
            "a missing scale",
            lambda Q, K, V: _attention_with(Q, K, V, 1.0, -1),
            "divide the scores by the square root of d_k before the softmax.",
        ),
        Mistake(
            "dividing by d_k instead of its square root",
            lambda Q, K, V: _attention_with(Q, K, V, Q.shape[-1], -1),
            "the scale is the square root of d_k (the typical size of a dot product of d_k terms).",
        ),
        Mistake(
            "a softmax over the wrong axis (the queries)",
            lambda Q, K, V: _attention_with(Q, K, V, np.sqrt(Q.shape[-1]), 0),
            "each query's weights over the keys must sum to 1: normalise every row of the scores.",
        ),
        Mistake(
            "weights that are not normalised",
            lambda Q, K, V: np.exp(Q @ K.T / np.sqrt(Q.shape[-1])) @ V,
            "a softmax divides the exponentials by their sum over the keys.",
        ),
    ]
    hint = (
        "scale the scores by the square root of d_k (the length of a query); softmax each row "
        "(over the keys) after subtracting the row's largest score, so no exponent is positive; "
        "then average the rows of V with those weights."
    )
    hint = hint_for(answer, lesson.scaled_dot_product_attention, cases, mistakes, hint)
    return check_function(
        "scaled_dot_product_attention",
        answer,
        lesson.scaled_dot_product_attention,
        cases,
        hint=hint,
    )
