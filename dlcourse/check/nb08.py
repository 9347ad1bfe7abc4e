"""Exercise checks for notebook 08_optimizers.

- Exercise 8.1 ``gradient_descent``: the path of plain gradient descent from a starting point.
- Exercise 8.2 ``momentum_step``: one SGD-with-momentum update, in Keras' form.
- Exercise 8.3 ``adam_step``: one Adam update with bias correction, in Keras' form.
"""

from __future__ import annotations

import numpy as np

from dlcourse.check._core import Case, check_function

__all__ = ["gradient_descent", "momentum_step", "adam_step"]


def _gradient_descent(grad, w0, learning_rate, steps):
    w = np.array(w0, dtype=float)
    path = [w.copy()]
    for _ in range(steps):
        w = w - learning_rate * grad(w)
        path.append(w.copy())
    return np.array(path)


def _momentum_step(w, grad, velocity, learning_rate=0.01, momentum=0.9):
    velocity = momentum * velocity - learning_rate * grad
    return w + velocity, velocity


def _adam_step(w, grad, m, v, t, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7):
    m = beta_1 * m + (1.0 - beta_1) * grad
    v = beta_2 * v + (1.0 - beta_2) * grad**2
    # Keras folds both bias corrections into the step size; the paper's form (divide m and v by
    # their corrections, epsilon outside) differs only through epsilon, far below the tolerance.
    alpha = learning_rate * np.sqrt(1.0 - beta_2**t) / (1.0 - beta_1**t)
    return w - alpha * m / (np.sqrt(v) + epsilon), m, v


def _bowl_gradient(w):
    """Gradient of f(w) = w0**2 + 10 * w1**2, an elongated bowl."""
    return np.array([2.0 * w[0], 20.0 * w[1]])


def _parabola_gradient(w):
    """Gradient of f(w) = (w - 3)**2."""
    return 2.0 * (w - 3.0)


def gradient_descent(answer) -> bool:
    """Check Exercise 8.1: ``gradient_descent(grad, w0, learning_rate, steps)`` returns the path.

    The path is an array of shape (steps + 1, dim): the start, then the point after each step.
    Cases: a 1-D parabola, an elongated 2-D bowl with a good and with a too-large learning rate,
    and zero steps (the path is only the start).
    """
    cases = [
        Case(
            (_parabola_gradient, np.array([0.0]), 0.1, 5),
            label="grad of (w - 3)**2, w0 = [0.], learning_rate 0.1, 5 steps",
        ),
        Case(
            (_bowl_gradient, np.array([2.0, 1.0]), 0.05, 10),
            label="grad of w0**2 + 10*w1**2, w0 = [2., 1.], learning_rate 0.05, 10 steps",
        ),
        Case(
            (_bowl_gradient, np.array([2.0, 1.0]), 0.11, 6),
            label="the same bowl, learning_rate 0.11 (too large: it diverges), 6 steps",
        ),
        Case(
            (_parabola_gradient, np.array([1.0]), 0.1, 0),
            label="0 steps: the path holds only the start",
        ),
    ]
    return check_function(
        "gradient_descent",
        answer,
        _gradient_descent,
        cases,
        hint="the path starts with the start point; each step moves against the gradient by the "
        "learning rate times the gradient, as a new array (not in place); the result holds "
        "steps + 1 rows.",
    )


def momentum_step(answer) -> bool:
    """Check Exercise 8.2: ``momentum_step(w, grad, velocity, learning_rate, momentum)``.

    Returns ``(new_w, new_velocity)`` with Keras' rule ``velocity = momentum * velocity -
    learning_rate * grad; w = w + velocity``. Cases: a first step from zero velocity, a step that
    carries velocity, and momentum 0 (plain SGD).
    """
    rng = np.random.default_rng(8)
    cases = [
        Case((np.array([1.0, -2.0]), np.array([0.5, 0.5]), np.zeros(2), 0.1, 0.9)),
        Case(
            (np.array([1.0, -2.0]), np.array([0.5, 0.5]), np.array([-0.2, 0.1]), 0.1, 0.9),
            label="w [1, -2], grad [0.5, 0.5], velocity [-0.2, 0.1], learning_rate 0.1, "
            "momentum 0.9",
        ),
        Case(
            (rng.normal(size=(3, 2)), rng.normal(size=(3, 2)), rng.normal(size=(3, 2)), 0.01, 0.0),
            label="momentum 0.0 on a (3, 2) weight matrix",
        ),
        Case(
            (rng.normal(size=4), rng.normal(size=4), rng.normal(size=4), 0.05, 0.5),
            label="a random vector step, learning_rate 0.05, momentum 0.5",
        ),
    ]
    return check_function(
        "momentum_step",
        answer,
        _momentum_step,
        cases,
        hint="update the velocity first (old velocity shrunk by the momentum, minus the learning "
        "rate times the gradient), then move the weights by the NEW velocity; return both, as "
        "new arrays.",
    )


def adam_step(answer) -> bool:
    """Check Exercise 8.3: ``adam_step(w, grad, m, v, t, learning_rate, beta_1, beta_2, epsilon)``.

    Returns ``(new_w, new_m, new_v)`` for step number ``t`` (1 for the first step). Cases: the first
    step (where the bias correction matters most), a later step with non-zero moments, and
    non-default hyperparameters.
    """
    rng = np.random.default_rng(80)
    cases = [
        Case(
            (np.array([1.0, -1.0]), np.array([0.5, -2.0]), np.zeros(2), np.zeros(2), 1),
            label="the first step (t = 1) from zero moments, default hyperparameters",
        ),
        Case(
            (
                rng.normal(size=3),
                rng.normal(size=3),
                rng.normal(size=3) * 0.1,
                rng.uniform(0.01, 0.1, size=3),
                5,
            ),
            label="step t = 5 with non-zero moments m and v",
        ),
        Case(
            (
                rng.normal(size=(2, 2)),
                rng.normal(size=(2, 2)),
                np.zeros((2, 2)),
                np.zeros((2, 2)),
                1,
                0.01,
                0.8,
                0.99,
                1e-7,
            ),
            label="t = 1, learning_rate 0.01, beta_1 0.8, beta_2 0.99 on a (2, 2) matrix",
        ),
    ]
    return check_function(
        "adam_step",
        answer,
        _adam_step,
        cases,
        hint="update both running averages first; the bias correction divides each by one minus "
        "its beta to the power t and is used only for the step; return the UNcorrected m and v.",
        rtol=1e-5,
    )
