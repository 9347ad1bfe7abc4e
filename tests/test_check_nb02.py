"""The exercise checks of notebook 02_network_zoo accept correct answers and name wrong ones."""

import numpy as np
import pytest

from dlcourse import check
from dlcourse.check import nb02 as checks

# ---------------------------------------------------------------- Exercise 2.1


def test_conv2d_params_accepts_the_formula(capsys):
    def answer(kernel_size, in_channels, filters):
        return kernel_size**2 * in_channels * filters + filters

    assert check.conv2d_params(answer) is True
    assert "✅ conv2d_params: all 5 cases pass." in capsys.readouterr().out


@pytest.mark.parametrize(
    ("wrong", "case", "named"),
    [
        (lambda k, c, f: k * k * c * f, 1, "This looks like a missing bias"),
        (lambda k, c, f: k * k * c * f + 1, 1, "This looks like one bias for the whole layer"),
        # right for one-channel input (case 1), wrong from the first multi-channel case
        (lambda k, c, f: k * k * f + f, 2, "This looks like the input channels left out"),
        (lambda k, c, f: k * c * f + f, 1, "This looks like a kernel side that is not squared"),
    ],
)
def test_conv2d_params_names_the_usual_mistakes(capsys, wrong, case, named):
    assert check.conv2d_params(wrong) is False
    out = capsys.readouterr().out
    assert f"❌ conv2d_params: case {case} of 5 is wrong" in out
    assert f"Hint: {named}" in out


def test_conv2d_params_gives_the_general_hint_for_an_unknown_mistake(capsys):
    assert check.conv2d_params(lambda k, c, f: 2 * k * k * c * f) is False
    out = capsys.readouterr().out
    assert "Hint: each filter has one weight per position" in out
    assert "This looks like" not in out


def test_conv2d_params_reports_an_unfinished_answer(capsys):
    def answer(kernel_size, in_channels, filters):
        raise NotImplementedError()

    assert check.conv2d_params(answer) is False
    assert "not done yet" in capsys.readouterr().out


# ---------------------------------------------------------------- Exercise 2.2

RIGHT_TABLE = {
    "conv_a": ((6, 6, 8), 80),
    "pool_a": ((3, 3, 8), 0),
    "conv_b": ((2, 2, 16), 528),
    "flatten": ((64,), 0),
    "digit": ((10,), 650),
}


def test_small_cnn_table_matches_keras():
    # the checker's private table is what Keras builds from the notebook's code
    from dlcourse.keras_bridge import keras

    model = keras.Sequential(
        [
            keras.Input((8, 8, 1)),
            keras.layers.Conv2D(8, 3, activation="relu", name="conv_a"),
            keras.layers.MaxPooling2D(2, name="pool_a"),
            keras.layers.Conv2D(16, 2, activation="relu", name="conv_b"),
            keras.layers.Flatten(name="flatten"),
            keras.layers.Dense(10, activation="softmax", name="digit"),
        ]
    )
    keras_rows = {
        layer.name: (tuple(layer.output.shape[1:]), layer.count_params()) for layer in model.layers
    }
    assert checks._small_cnn_rows() == keras_rows


def test_small_cnn_table_accepts_the_right_table_lists_included(capsys):
    assert check.small_cnn_table(RIGHT_TABLE) is True
    assert "✅ small_cnn_table: correct." in capsys.readouterr().out
    as_lists = {k: (list(shape), params) for k, (shape, params) in RIGHT_TABLE.items()}
    assert check.small_cnn_table(as_lists) is True


@pytest.mark.parametrize(
    ("layer", "row", "num_wrong", "named"),
    [
        # a wrong shape also makes the next row wrong, judged from it
        ("conv_a", ((8, 8, 8), 80), 2, "as padding='same' would"),
        ("conv_a", ((6, 6, 8), 72), 1, "a missing bias: every filter"),
        ("pool_a", ((6, 6, 8), 0), 2, "height and width halve"),
        ("pool_a", ((3, 3, 8), 4), 1, "they have no weights"),
        ("conv_b", ((2, 2, 16), 2 * 2 * 16 + 16), 1, "the input channels left out"),
        ("flatten", ((16,), 0), 2, "multiply its height, width and channels"),
        ("digit", ((10,), 640), 1, "a missing bias: a Dense layer"),
        ("digit", ((1, 10), 650), 1, "leave out the batch axis"),
    ],
)
def test_small_cnn_table_names_one_wrong_row(capsys, layer, row, num_wrong, named):
    answer = dict(RIGHT_TABLE, **{layer: row})
    assert check.small_cnn_table(answer) is False
    out = capsys.readouterr().out
    assert f"❌ small_cnn_table: {num_wrong} of 5 rows wrong." in out
    line = next(text for text in out.splitlines() if text.startswith(f"   {layer}: "))
    assert named in line
    # the right numbers are never printed
    assert str(RIGHT_TABLE[layer][1]) not in out.replace(str(row[1]), "")


def test_small_cnn_table_judges_each_row_from_the_row_above(capsys):
    # 'same' padding in conv_a, then every later row computed correctly from it: one slip only
    answer = {
        "conv_a": ((8, 8, 8), 80),
        "pool_a": ((4, 4, 8), 0),
        "conv_b": ((3, 3, 16), 528),
        "flatten": ((144,), 0),
        "digit": ((10,), 1450),
    }
    assert check.small_cnn_table(answer) is False
    out = capsys.readouterr().out
    assert "1 of 5 rows wrong" in out and "conv_a:" in out and "digit:" not in out


@pytest.mark.parametrize("answer", [..., [1, 2], {"conv_a": ((6, 6, 8), 80)}])
def test_small_cnn_table_reports_placeholders_and_wrong_forms(capsys, answer):
    assert check.small_cnn_table(answer) is False
    out = capsys.readouterr().out
    assert "not done yet" in out or "expected a dict with one entry per layer" in out


# ---------------------------------------------------------------- Exercise 2.3


def _rnn(X, W, U, b):
    h = np.zeros((X.shape[0], W.shape[1]))
    for t in range(X.shape[1]):
        h = np.tanh(X[:, t, :] @ W + h @ U + b)
    return h


def test_simple_rnn_forward_accepts_the_loop(capsys):
    assert check.simple_rnn_forward(_rnn) is True
    assert "✅ simple_rnn_forward: all 4 cases pass." in capsys.readouterr().out


def _loop(step):
    def forward(X, W, U, b):
        h = np.zeros((X.shape[0], W.shape[1]))
        for t in range(X.shape[1]):
            h = step(X[:, t, :], h, W, U, b)
        return h

    return forward


@pytest.mark.parametrize(
    ("wrong", "named"),
    [
        (lambda X, W, U, b: np.tanh(X[:, -1, :] @ W + b), "no recurrence"),
        (_loop(lambda x, h, W, U, b: np.tanh(x @ W + h @ U.T + b)), "a transposed recurrent"),
        (_loop(lambda x, h, W, U, b: np.tanh(x @ U + h @ W + b)), "the input and recurrent"),
        (_loop(lambda x, h, W, U, b: np.tanh(x @ W + h @ U)), "a missing bias"),
        (_loop(lambda x, h, W, U, b: x @ W + h @ U + b), "a missing tanh"),
    ],
)
def test_simple_rnn_forward_names_the_usual_mistakes(capsys, wrong, named):
    assert check.simple_rnn_forward(wrong) is False
    out = capsys.readouterr().out
    assert "❌ simple_rnn_forward: case" in out
    assert f"Hint: This looks like {named}" in out


def test_simple_rnn_forward_rejects_all_states_instead_of_the_last(capsys):
    def all_states(X, W, U, b):
        h = np.zeros((X.shape[0], W.shape[1]))
        states = []
        for t in range(X.shape[1]):
            h = np.tanh(X[:, t, :] @ W + h @ U + b)
            states.append(h)
        return np.stack(states, axis=1)

    assert check.simple_rnn_forward(all_states) is False
    out = capsys.readouterr().out
    assert "expected shape (1, 1), got shape (1, 1, 1)" in out
    assert "Hint: start from a state of zeros" in out


# ---------------------------------------------------------------- Exercise 2.4


def _attention(Q, K, V):
    s = Q @ K.T / np.sqrt(Q.shape[-1])
    w = np.exp(s - s.max(axis=-1, keepdims=True))
    return (w / w.sum(axis=-1, keepdims=True)) @ V


def test_attention_accepts_the_stable_formula(capsys):
    assert check.scaled_dot_product_attention(_attention) is True
    assert "✅ scaled_dot_product_attention: all 5 cases pass." in capsys.readouterr().out


def _softmax_attention(divisor, axis):
    def attention(Q, K, V):
        s = Q @ K.T / divisor(Q)
        w = np.exp(s - s.max(axis=axis, keepdims=True))
        return (w / w.sum(axis=axis, keepdims=True)) @ V

    return attention


@pytest.mark.parametrize(
    ("wrong", "case", "named"),
    [
        # case 1 has a single query and key, where the first three agree with the formula
        (_softmax_attention(lambda Q: 1.0, -1), 2, "a missing scale"),
        (_softmax_attention(lambda Q: Q.shape[-1], -1), 2, "dividing by d_k instead"),
        (_softmax_attention(lambda Q: np.sqrt(Q.shape[-1]), 0), 2, "a softmax over the wrong"),
        (lambda Q, K, V: np.exp(Q @ K.T / np.sqrt(Q.shape[-1])) @ V, 1, "weights that are not"),
    ],
)
def test_attention_names_the_usual_mistakes(capsys, wrong, case, named):
    assert check.scaled_dot_product_attention(wrong) is False
    out = capsys.readouterr().out
    assert f"case {case} of 5 is wrong" in out
    assert f"Hint: This looks like {named}" in out


def test_attention_rejects_an_overflowing_softmax(capsys):
    def naive(Q, K, V):
        s = Q @ K.T / np.sqrt(Q.shape[-1])
        with np.errstate(over="ignore", invalid="ignore"):
            w = np.exp(s)
            return (w / w.sum(axis=-1, keepdims=True)) @ V

    assert check.scaled_dot_product_attention(naive) is False
    out = capsys.readouterr().out
    assert "case 5 of 5 is wrong" in out
    assert "inf or nan" in out
    assert "large queries and keys" in out
    assert "subtracting the row's largest score" in out


def test_attention_reports_a_value_instead_of_a_function(capsys):
    assert check.scaled_dot_product_attention(np.zeros(3)) is False
    assert "expected a function" in capsys.readouterr().out


def test_no_hint_contains_a_solution_line():
    import inspect

    source = inspect.getsource(checks)
    for line in (
        "return kernel_size * kernel_size * in_channels * filters + filters",
        "h = np.tanh(X[:, t, :] @ W + h @ U + b)",
        "scores = Q @ K.T / np.sqrt(Q.shape[-1])",
    ):
        assert line not in source
