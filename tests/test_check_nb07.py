"""Exercise checks of notebook 07_backpropagation: right answers pass, wrong ones fail."""

from __future__ import annotations

import numpy as np

from dlcourse import check


def _sigmoid(z):
    return 1 / (1 + np.exp(-z))


def _parts(x, W1, b1, W2, b2, y):
    h = _sigmoid(x @ W1 + b1)
    y_hat = _sigmoid(h @ W2 + b2)
    delta2 = 2 * (y_hat - y) * y_hat * (1 - y_hat)
    return h, y_hat, delta2


def _numerical(f, w, eps=1e-6):
    """Central differences, written here so the test does not depend on the answer's algebra."""
    grad = np.zeros_like(w)
    for idx in np.ndindex(w.shape):
        old = w[idx]
        w[idx] = old + eps
        up = f()
        w[idx] = old - eps
        down = f()
        w[idx] = old
        grad[idx] = (up - down) / (2 * eps)
    return grad


def test_checks_are_registered():
    for name in ["output_weight_gradient", "hidden_weight_gradient", "dense_backward"]:
        assert name in check.exercises()


def test_output_weight_gradient_accepts_the_chain_rule_and_central_differences(capsys):
    def chain_rule(x, W1, b1, W2, b2, y):
        h, _, delta2 = _parts(x, W1, b1, W2, b2, y)
        return h[:, None] * delta2

    def numerical(x, W1, b1, W2, b2, y):
        W2 = W2.copy()
        return _numerical(lambda: float(((_parts(x, W1, b1, W2, b2, y)[1] - y) ** 2)[0]), W2)

    assert check.output_weight_gradient(chain_rule) is True
    assert "✅ output_weight_gradient: all 4 cases pass." in capsys.readouterr().out
    # A numerical answer is exact to ~1e-10, inside the checker's tolerance: the checker tests
    # values, not the method.
    assert check.output_weight_gradient(numerical) is True
    capsys.readouterr()


def test_output_weight_gradient_rejects_common_mistakes(capsys):
    def no_sigmoid_derivative(x, W1, b1, W2, b2, y):
        h, y_hat, _ = _parts(x, W1, b1, W2, b2, y)
        return h[:, None] * 2 * (y_hat - y)

    def flat(x, W1, b1, W2, b2, y):
        h, _, delta2 = _parts(x, W1, b1, W2, b2, y)
        return h * delta2  # shape (2,), not (2, 1)

    def sign_flipped(x, W1, b1, W2, b2, y):
        h, y_hat, _ = _parts(x, W1, b1, W2, b2, y)
        return h[:, None] * 2 * (y - y_hat) * y_hat * (1 - y_hat)

    assert check.output_weight_gradient(no_sigmoid_derivative) is False
    out = capsys.readouterr().out
    assert "case 1 of 4 is wrong (the numbers differ)" in out and "y_hat*(1 - y_hat)" in out
    assert check.output_weight_gradient(flat) is False
    assert "expected shape (2, 1), got shape (2,)" in capsys.readouterr().out
    assert check.output_weight_gradient(sign_flipped) is False
    assert "the 3-2-1 network from the notebook" in capsys.readouterr().out


def test_hidden_weight_gradient(capsys):
    def right(x, W1, b1, W2, b2, y):
        h, _, delta2 = _parts(x, W1, b1, W2, b2, y)
        return np.outer(x, (W2 @ delta2) * h * (1 - h))

    def forgot_hidden_derivative(x, W1, b1, W2, b2, y):
        h, _, delta2 = _parts(x, W1, b1, W2, b2, y)
        return np.outer(x, W2 @ delta2)

    def transposed(x, W1, b1, W2, b2, y):
        return right(x, W1, b1, W2, b2, y).T

    def used_W1_instead_of_x(x, W1, b1, W2, b2, y):
        h, _, delta2 = _parts(x, W1, b1, W2, b2, y)
        return W1 * ((W2 @ delta2) * h * (1 - h))

    assert check.hidden_weight_gradient(right) is True
    assert "✅ hidden_weight_gradient: all 4 cases pass." in capsys.readouterr().out
    for wrong in (forgot_hidden_derivative, used_W1_instead_of_x):
        assert check.hidden_weight_gradient(wrong) is False
        assert "the numbers differ" in capsys.readouterr().out
    assert check.hidden_weight_gradient(transposed) is False
    assert "expected shape (3, 2), got shape (2, 3)" in capsys.readouterr().out


def test_dense_backward(capsys):
    def right(X, W, G):
        return X.T @ G, G.sum(axis=0), G @ W.T

    def mean_bias(X, W, G):
        return X.T @ G, G.mean(axis=0), G @ W.T

    def swapped(X, W, G):
        return G @ W.T, G.sum(axis=0), X.T @ G

    def no_transpose(X, W, G):
        return X.T @ G, G.sum(axis=0), G @ W

    assert check.dense_backward(right) is True
    assert "✅ dense_backward: all 3 cases pass." in capsys.readouterr().out
    assert check.dense_backward(mean_bias) is False
    out = capsys.readouterr().out
    assert "case 2 of 3" in out and "axis=0" in out  # a batch of 1 cannot tell sum from mean
    assert check.dense_backward(swapped) is False
    assert "❌ dense_backward" in capsys.readouterr().out
    assert check.dense_backward(no_transpose) is False
    assert "raised ValueError" in capsys.readouterr().out
