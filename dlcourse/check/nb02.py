"""Exercise checks for notebook 02_network_zoo: a CNN's parameters, a SimpleRNN, attention.

The expected answers come from the course's reference versions in ``dlcourse.lessons.nb02``,
which the notebook also uses after each check.
"""

from __future__ import annotations

import numpy as np

from dlcourse.check._core import Case, check_function
from dlcourse.lessons import nb02 as lesson

__all__ = ["conv2d_params", "simple_rnn_forward", "scaled_dot_product_attention"]


def conv2d_params(answer) -> bool:
    """Check Exercise 2.1: ``conv2d_params(kernel_size, in_channels, filters)``.

    The number of trainable parameters of ``keras.layers.Conv2D(filters, kernel_size)`` (square
    kernel, with bias) applied to an input with ``in_channels`` channels.
    """
    cases = [
        Case((3, 1, 16)),
        Case((5, 3, 8)),
        Case((3, 16, 32)),
        Case((1, 1, 1)),
        Case((7, 3, 64)),
    ]
    return check_function(
        "conv2d_params",
        answer,
        lesson.conv2d_params,
        cases,
        hint="each filter has one weight per position of its kernel_size x kernel_size window and "
        "per input channel, and one bias; the count does not depend on the image size.",
    )


def _rnn_case(batch, time, features, units, seed, label):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(batch, time, features))
    W = rng.normal(scale=0.5, size=(features, units))
    U = rng.normal(scale=0.5, size=(units, units))
    b = rng.normal(scale=0.1, size=(units,))
    return Case((X, W, U, b), label=label)


def simple_rnn_forward(answer) -> bool:
    """Check Exercise 2.2: ``simple_rnn_forward(X, W, U, b)`` returns SimpleRNN's last state.

    ``X`` is (batch, time, features), ``W`` (features, units), ``U`` (units, units), ``b``
    (units,); the answer is ``h_T`` of shape (batch, units), with ``h_0 = 0`` and
    ``h_t = tanh(x_t W + h_{t-1} U + b)``.
    """
    cases = [
        _rnn_case(1, 1, 1, 1, 0, "one sequence of one step, one feature, one unit"),
        _rnn_case(2, 3, 1, 2, 1, "2 sequences, 3 steps, 1 feature, 2 units"),
        _rnn_case(4, 5, 3, 4, 2, "4 sequences, 5 steps, 3 features, 4 units"),
        _rnn_case(3, 8, 2, 5, 3, "3 sequences, 8 steps, 2 features, 5 units (features != units)"),
    ]
    return check_function(
        "simple_rnn_forward",
        answer,
        lesson.simple_rnn_forward,
        cases,
        hint="start from h = zeros((batch, units)); loop over the time axis (axis 1), using the "
        "same W, U and b at every step; return the state after the last step.",
    )


def _attention_case(n_q, n_k, d_k, d_v, seed, scale, label):
    rng = np.random.default_rng(seed)
    Q = scale * rng.normal(size=(n_q, d_k))
    K = scale * rng.normal(size=(n_k, d_k))
    V = rng.normal(size=(n_k, d_v))
    return Case((Q, K, V), label=label)


def scaled_dot_product_attention(answer) -> bool:
    """Check Exercise 2.3: ``scaled_dot_product_attention(Q, K, V)``.

    ``softmax(Q K^T / sqrt(d_k)) V`` with the softmax over the keys (the last axis of the scores).
    Q is (n_queries, d_k), K (n_keys, d_k), V (n_keys, d_v); the result is (n_queries, d_v). The
    last case has large scores, where a softmax that does not subtract the row maximum overflows.
    """
    cases = [
        _attention_case(1, 1, 2, 2, 0, 1.0, "1 query, 1 key (the weight must be 1)"),
        _attention_case(2, 3, 4, 2, 1, 1.0, "2 queries, 3 keys, d_k=4, d_v=2"),
        _attention_case(3, 3, 4, 4, 2, 1.0, "3 queries, 3 keys (square scores), d_k=4, d_v=4"),
        _attention_case(4, 2, 8, 3, 3, 1.0, "4 queries, 2 keys, d_k=8 (scaling matters), d_v=3"),
        _attention_case(2, 4, 4, 2, 4, 40.0, "large queries and keys: scores in the hundreds"),
    ]
    return check_function(
        "scaled_dot_product_attention",
        answer,
        lesson.scaled_dot_product_attention,
        cases,
        hint="scores = Q @ K.T / sqrt(d_k), with d_k = Q.shape[-1]; softmax each row (axis=-1) "
        "after subtracting the row's maximum, so exp never overflows; then multiply by V.",
    )
