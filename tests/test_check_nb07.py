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


def test_output_weight_gradient_names_common_mistakes(capsys):
    def no_sigmoid_derivative(x, W1, b1, W2, b2, y):
        h, y_hat, _ = _parts(x, W1, b1, W2, b2, y)
        return h[:, None] * 2 * (y_hat - y)

    def flat(x, W1, b1, W2, b2, y):
        h, _, delta2 = _parts(x, W1, b1, W2, b2, y)
        return h * delta2  # shape (2,), not (2, 1)

    def sign_flipped(x, W1, b1, W2, b2, y):
        h, y_hat, _ = _parts(x, W1, b1, W2, b2, y)
        return h[:, None] * 2 * (y - y_hat) * y_hat * (1 - y_hat)

    def half(x, W1, b1, W2, b2, y):
        h, _, delta2 = _parts(x, W1, b1, W2, b2, y)
        return h[:, None] * delta2 / 2

    for wrong, name in [
        (no_sigmoid_derivative, "the output sigmoid's derivative left out"),
        (sign_flipped, "a sign error"),
        (half, "a gradient off by a factor 2"),
    ]:
        assert check.output_weight_gradient(wrong) is False
        out = capsys.readouterr().out
        assert "case 1 of 4 is wrong (the numbers differ)" in out and f"looks like {name}" in out
    assert check.output_weight_gradient(flat) is False
    assert "expected shape (2, 1), got shape (2,)" in capsys.readouterr().out


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
    assert check.hidden_weight_gradient(forgot_hidden_derivative) is False
    assert "looks like the hidden sigmoid's derivative left out" in capsys.readouterr().out
    assert check.hidden_weight_gradient(used_W1_instead_of_x) is False
    out = capsys.readouterr().out
    assert "the numbers differ" in out and "looks like" not in out  # no named mistake fits
    assert check.hidden_weight_gradient(transposed) is False
    out = capsys.readouterr().out
    assert "expected shape (3, 2), got shape (2, 3)" in out and "a transposed gradient" in out


def test_dense_backward(capsys):
    def right(X, W, G):
        return X.T @ G, G.sum(axis=0), G @ W.T

    def mean_bias(X, W, G):
        return X.T @ G, G.mean(axis=0), G @ W.T

    def mean_everything(X, W, G):
        return X.T @ G / len(X), G.mean(axis=0), G @ W.T

    def unsummed_bias(X, W, G):
        return X.T @ G, G, G @ W.T

    def transposed_dW(X, W, G):
        return G.T @ X, G.sum(axis=0), G @ W.T

    def no_transpose(X, W, G):
        return X.T @ G, G.sum(axis=0), G @ W

    def in_place(X, W, G):
        G *= 1.0 + 1e-3
        return X.T @ G, G.sum(axis=0), G @ W.T

    def swapped(X, W, G):
        return G @ W.T, G.sum(axis=0), X.T @ G

    assert check.dense_backward(right) is True
    assert "✅ dense_backward: all 4 cases pass." in capsys.readouterr().out
    for wrong, name in [
        (mean_bias, "db averaged over the batch instead of summed"),
        (mean_everything, "dW and db averaged over the batch instead of summed"),
        (unsummed_bias, "db not summed over the batch"),
        (transposed_dW, "a transposed dW"),
    ]:
        assert check.dense_backward(wrong) is False
        assert f"looks like {name}" in capsys.readouterr().out, name
    assert check.dense_backward(no_transpose) is False  # a shape error on non-square layers
    assert "raised ValueError" in capsys.readouterr().out
    assert check.dense_backward(in_place) is False
    assert "changed its inputs in place" in capsys.readouterr().out
    assert check.dense_backward(swapped) is False
    assert "❌ dense_backward" in capsys.readouterr().out


def _residual_loss(w, x, v, y):
    a = w * x
    return (a + v * np.tanh(a) - y) ** 2


def test_residual_gradient_accepts_the_sum_of_both_paths(capsys):
    def by_hand(w, x, v, y):
        a = w * x
        return 2 * (a + v * np.tanh(a) - y) * (1 + v / np.cosh(a) ** 2) * x

    def numerical(w, x, v, y):
        eps = 1e-5
        return (_residual_loss(w + eps, x, v, y) - _residual_loss(w - eps, x, v, y)) / (2 * eps)

    assert check.residual_gradient(by_hand) is True
    assert "✅ residual_gradient: all 4 cases pass." in capsys.readouterr().out
    assert check.residual_gradient(numerical) is True
    capsys.readouterr()


def test_residual_gradient_names_common_mistakes(capsys):
    def parts(w, x, v, y):
        a = w * x
        return 2 * (a + v * np.tanh(a) - y), v * (1 - np.tanh(a) ** 2)

    answers = {
        "the direct path only": lambda w, x, v, y: parts(w, x, v, y)[0] * x,
        "the tanh path only": lambda w, x, v, y: parts(w, x, v, y)[0] * parts(w, x, v, y)[1] * x,
        "the tanh path only (the paths multiplied)": lambda w, x, v, y: (
            parts(w, x, v, y)[0] * 1 * parts(w, x, v, y)[1] * x
        ),
        "a sign error": lambda w, x, v, y: -parts(w, x, v, y)[0] * (1 + parts(w, x, v, y)[1]) * x,
        "the last link, from w to a, left out": lambda w, x, v, y: (
            parts(w, x, v, y)[0] * (1 + parts(w, x, v, y)[1])
        ),
    }
    for name, wrong in answers.items():
        assert check.residual_gradient(wrong) is False
        out = capsys.readouterr().out
        assert f"looks like {name.split(' (')[0]}" in out, name


def test_no_hint_or_message_of_these_checks_holds_a_solution_line(capsys):
    import ast
    import inspect
    import json
    import pathlib

    from dlcourse.check import nb07

    notebook = pathlib.Path(__file__).parents[1] / "notebooks" / "07_backpropagation.ipynb"
    lines = []
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        text = "".join(cell["source"])
        if "### BEGIN SOLUTION" in text:
            body = text.split("### BEGIN SOLUTION")[1].split("### END SOLUTION")[0]
            lines += [line.split("#")[0].strip() for line in body.splitlines()]
    lines = [line for line in lines if len(line) > 12]
    assert lines
    tree = ast.parse(inspect.getsource(nb07))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.FunctionDef) and isinstance(node.body[0], ast.Expr)
    }
    messages = [  # every string the checks can print: hints, advice, failure lines
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        and id(node) not in docstrings
    ]  # fmt: skip
    for line in lines:
        assert not any(line in message for message in messages), line
