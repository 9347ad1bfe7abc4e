"""The exercise checks of notebook 02_network_zoo accept correct answers and explain wrong ones."""

import numpy as np

from dlcourse import check

# ---------------------------------------------------------------- Exercise 2.1


def test_conv2d_params_accepts_the_formula(capsys):
    def answer(kernel_size, in_channels, filters):
        return kernel_size**2 * in_channels * filters + filters

    assert check.conv2d_params(answer) is True
    assert "✅ conv2d_params: all 5 cases pass." in capsys.readouterr().out


def test_conv2d_params_rejects_a_count_without_biases(capsys):
    assert check.conv2d_params(lambda k, c, f: k * k * c * f) is False
    out = capsys.readouterr().out
    assert "❌ conv2d_params: case 1 of 5 is wrong" in out
    assert "expected: 160" in out and "got:      144" in out
    assert "Hint:" in out


def test_conv2d_params_rejects_ignoring_input_channels(capsys):
    # right for one-channel input (cases 1 and 4), wrong from the first multi-channel case
    assert check.conv2d_params(lambda k, c, f: k * k * f + f) is False
    assert "case 2 of 5 is wrong" in capsys.readouterr().out


def test_conv2d_params_rejects_one_bias_per_layer(capsys):
    assert check.conv2d_params(lambda k, c, f: k * k * c * f + 1) is False
    assert "case 1 of 5 is wrong" in capsys.readouterr().out


def test_conv2d_params_reports_an_unfinished_answer(capsys):
    def answer(kernel_size, in_channels, filters):
        raise NotImplementedError()

    assert check.conv2d_params(answer) is False
    assert "not done yet" in capsys.readouterr().out


# ---------------------------------------------------------------- Exercise 2.2


def _rnn(X, W, U, b):
    h = np.zeros((X.shape[0], W.shape[1]))
    for t in range(X.shape[1]):
        h = np.tanh(X[:, t, :] @ W + h @ U + b)
    return h


def test_simple_rnn_forward_accepts_the_loop(capsys):
    assert check.simple_rnn_forward(_rnn) is True
    assert "✅ simple_rnn_forward: all 4 cases pass." in capsys.readouterr().out


def test_simple_rnn_forward_rejects_a_missing_recurrence(capsys):
    def no_memory(X, W, U, b):  # only the last step's input: forgets everything before
        return np.tanh(X[:, -1, :] @ W + b)

    assert check.simple_rnn_forward(no_memory) is False
    out = capsys.readouterr().out
    assert "case 2 of 4 is wrong (the numbers differ)" in out
    assert "2 sequences, 3 steps" in out


def test_simple_rnn_forward_rejects_all_states_instead_of_the_last(capsys):
    def all_states(X, W, U, b):
        h = np.zeros((X.shape[0], W.shape[1]))
        states = []
        for t in range(X.shape[1]):
            h = np.tanh(X[:, t, :] @ W + h @ U + b)
            states.append(h)
        return np.stack(states, axis=1)

    assert check.simple_rnn_forward(all_states) is False
    assert "expected shape (1, 1), got shape (1, 1, 1)" in capsys.readouterr().out


def test_simple_rnn_forward_rejects_swapped_weights(capsys):
    def swapped(X, W, U, b):  # U applied to the input (W to the state): wrong from the start
        h = np.zeros((X.shape[0], W.shape[1]))
        for t in range(X.shape[1]):
            h = np.tanh(X[:, t, :] @ U + h @ W + b)
        return h

    assert check.simple_rnn_forward(swapped) is False
    out = capsys.readouterr().out
    assert "❌ simple_rnn_forward: case 1 of 4 is wrong" in out
    assert "Hint: start from h = zeros" in out


# ---------------------------------------------------------------- Exercise 2.3


def _attention(Q, K, V):
    s = Q @ K.T / np.sqrt(Q.shape[-1])
    w = np.exp(s - s.max(axis=-1, keepdims=True))
    return (w / w.sum(axis=-1, keepdims=True)) @ V


def test_attention_accepts_the_stable_formula(capsys):
    assert check.scaled_dot_product_attention(_attention) is True
    assert "✅ scaled_dot_product_attention: all 5 cases pass." in capsys.readouterr().out


def test_attention_rejects_a_missing_scale(capsys):
    def unscaled(Q, K, V):
        s = Q @ K.T
        w = np.exp(s - s.max(axis=-1, keepdims=True))
        return (w / w.sum(axis=-1, keepdims=True)) @ V

    assert check.scaled_dot_product_attention(unscaled) is False
    # case 1 has a single key, whose weight is 1 whatever the scale
    assert "case 2 of 5 is wrong" in capsys.readouterr().out


def test_attention_rejects_a_softmax_over_the_queries(capsys):
    def wrong_axis(Q, K, V):
        s = Q @ K.T / np.sqrt(Q.shape[-1])
        w = np.exp(s - s.max(axis=0, keepdims=True))
        return (w / w.sum(axis=0, keepdims=True)) @ V

    assert check.scaled_dot_product_attention(wrong_axis) is False
    # with a single query, both axes give the same softmax: the first multi-query case catches it
    assert "case 2 of 5 is wrong" in capsys.readouterr().out


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


def test_attention_reports_a_value_instead_of_a_function(capsys):
    assert check.scaled_dot_product_attention(np.zeros(3)) is False
    assert "expected a function" in capsys.readouterr().out
