"""Tests for the exercise checks of notebook 08_optimizers: right answers pass, wrong ones fail."""

from __future__ import annotations

import numpy as np

from dlcourse import check


def test_checks_are_registered():
    for name in ["gradient_descent", "momentum_step", "adam_step", "bias_fraction"]:
        assert name in check.exercises()


def test_gradient_descent(capsys):
    def right(grad, w0, learning_rate, steps):
        path = [np.array(w0, dtype=float)]
        for _ in range(steps):
            path.append(path[-1] - learning_rate * grad(path[-1]))
        return np.array(path)

    def no_start(grad, w0, learning_rate, steps):
        return right(grad, w0, learning_rate, steps)[1:]

    def ascent(grad, w0, learning_rate, steps):
        path = [np.array(w0, dtype=float)]
        for _ in range(steps):
            path.append(path[-1] + learning_rate * grad(path[-1]))
        return np.array(path)

    def in_place(grad, w0, learning_rate, steps):
        w = np.array(w0, dtype=float)
        path = [w]
        for _ in range(steps):
            w -= learning_rate * grad(w)  # every entry of the path is the same array
            path.append(w)
        return np.array(path)

    assert check.gradient_descent(right) is True
    assert "✅ gradient_descent: all 4 cases pass." in capsys.readouterr().out
    assert check.gradient_descent(no_start) is False
    assert "expected shape (6, 1), got shape (5, 1)" in capsys.readouterr().out
    assert check.gradient_descent(ascent) is False
    assert "the numbers differ" in capsys.readouterr().out
    assert check.gradient_descent(in_place) is False
    out = capsys.readouterr().out
    assert "case 1 of 4" in out and "not in place" in out


def test_momentum_step(capsys):
    def right(w, grad, velocity, learning_rate=0.01, momentum=0.9):
        velocity[:] = momentum * velocity - learning_rate * grad
        w += velocity

    def returns_new(w, grad, velocity, learning_rate=0.01, momentum=0.9):
        velocity = momentum * velocity - learning_rate * grad
        return w + velocity, velocity

    def rebinds(w, grad, velocity, learning_rate=0.01, momentum=0.9):
        velocity = momentum * velocity - learning_rate * grad
        w = w + velocity

    def old_velocity(w, grad, velocity, learning_rate=0.01, momentum=0.9):
        w += velocity
        velocity[:] = momentum * velocity - learning_rate * grad

    def sign_flipped(w, grad, velocity, learning_rate=0.01, momentum=0.9):
        velocity[:] = momentum * velocity + learning_rate * grad
        w += velocity

    def ignores_momentum(w, grad, velocity, learning_rate=0.01, momentum=0.9):
        velocity[:] = -learning_rate * grad
        w += velocity

    def in_place_and_returns(w, grad, velocity, learning_rate=0.01, momentum=0.9):
        right(w, grad, velocity, learning_rate, momentum)
        return w, velocity

    assert check.momentum_step(right) is True
    assert "✅ momentum_step: all 4 cases pass." in capsys.readouterr().out
    named = [
        (returns_new, "returning new arrays instead of updating in place", "case 1 of 4"),
        (rebinds, "rebinding the names", "case 1 of 4"),
        (old_velocity, "moving the weights by the old velocity", "case 1 of 4"),
        (sign_flipped, "a sign error", "case 1 of 4"),
        (ignores_momentum, "forgetting the old velocity", "case 2 of 4"),
    ]
    for answer, name, where in named:
        assert check.momentum_step(answer) is False, name
        out = capsys.readouterr().out
        assert f"This looks like {name}" in out and where in out, (name, out)
    assert check.momentum_step(in_place_and_returns) is False
    out = capsys.readouterr().out
    assert "at key 'returned'" in out and "returning nothing" in out
    assert check.momentum_step(42) is False
    assert "expected a function" in capsys.readouterr().out


def test_adam_step(capsys):
    def keras_form(w, grad, m, v, t, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
        m = m + (grad - m) * (1 - beta_1)
        v = v + (grad**2 - v) * (1 - beta_2)
        alpha = learning_rate * np.sqrt(1 - beta_2**t) / (1 - beta_1**t)
        return w - alpha * m / (np.sqrt(v) + epsilon), m, v

    def paper_form(w, grad, m, v, t, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
        m = beta_1 * m + (1 - beta_1) * grad
        v = beta_2 * v + (1 - beta_2) * grad**2
        m_hat, v_hat = m / (1 - beta_1**t), v / (1 - beta_2**t)
        return w - learning_rate * m_hat / (np.sqrt(v_hat) + epsilon), m, v

    def no_bias_correction(
        w, grad, m, v, t, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7
    ):
        m = beta_1 * m + (1 - beta_1) * grad
        v = beta_2 * v + (1 - beta_2) * grad**2
        return w - learning_rate * m / (np.sqrt(v) + epsilon), m, v

    def returns_corrected(
        w, grad, m, v, t, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7
    ):
        m = beta_1 * m + (1 - beta_1) * grad
        v = beta_2 * v + (1 - beta_2) * grad**2
        m_hat, v_hat = m / (1 - beta_1**t), v / (1 - beta_2**t)
        return w - learning_rate * m_hat / (np.sqrt(v_hat) + epsilon), m_hat, v_hat

    for right in (keras_form, paper_form):
        assert check.adam_step(right) is True
        assert "✅ adam_step: all 3 cases pass." in capsys.readouterr().out
    assert check.adam_step(no_bias_correction) is False
    out = capsys.readouterr().out
    assert "case 1 of 3" in out and "the first step" in out
    assert check.adam_step(returns_corrected) is False
    assert "UNcorrected" in capsys.readouterr().out


def test_bias_fraction(capsys):
    def closed_form(t, beta_1):
        return 1 - beta_1 ** np.asarray(t)

    def missing_share(t, beta_1):
        return beta_1 ** np.asarray(t, dtype=float)

    def off_by_one(t, beta_1):
        return 1 - beta_1 ** (np.asarray(t) - 1)

    def no_factor(t, beta_1):
        return (1 - beta_1 ** np.asarray(t)) / (1 - beta_1)

    def no_decay(t, beta_1):
        return (1 - beta_1) * np.asarray(t, dtype=float)

    assert check.bias_fraction(closed_form) is True
    assert "✅ bias_fraction: all 4 cases pass." in capsys.readouterr().out
    named = [
        (missing_share, "the share still missing", "case 1 of 4"),
        (off_by_one, "an off-by-one in the power", "case 1 of 4"),
        (no_factor, "the geometric sum without its factor", "case 1 of 4"),
        (no_decay, "the sum without the decay", "case 2 of 4"),  # t = 1 is right by chance
    ]
    for answer, name, where in named:
        assert check.bias_fraction(answer) is False, name
        out = capsys.readouterr().out
        assert f"This looks like {name}" in out and where in out, (name, out)
    assert check.bias_fraction(lambda t, b: 0.5) is False
    assert "closed form" in capsys.readouterr().out
