"""Exercise checks for notebook 08_optimizers.

- Exercise 8.1 ``gradient_descent``: the path of plain gradient descent from a starting point.
- Exercise 8.2 ``momentum_step``: one SGD-with-momentum update, in Keras' form, in place (as an
  optimizer's ``step`` does): the check looks at the arrays after the call, not at a return value.
- Exercise 8.3 ``adam_step``: one Adam update with bias correction, in Keras' form.
- Exercise 8.4 ``bias_fraction``: derived, the share of a constant gradient that Adam's average
  ``m`` holds after ``t`` steps from zero (the factor its bias correction divides by).
"""

from __future__ import annotations

import numpy as np

from dlcourse.check._core import FAIL, Case, check_function
from dlcourse.check._mistakes import Mistake, hint_for

__all__ = ["gradient_descent", "momentum_step", "adam_step", "bias_fraction"]


def _gradient_descent(grad, w0, learning_rate, steps):
    w = np.array(w0, dtype=float)
    path = [w.copy()]
    for _ in range(steps):
        w = w - learning_rate * grad(w)
        path.append(w.copy())
    return np.array(path)


def _momentum_step(w, grad, velocity, learning_rate=0.01, momentum=0.9):
    velocity *= momentum
    velocity -= learning_rate * grad
    w += velocity


def _observed(func):
    """Run a momentum step on the arguments; report the arrays after the call and the return."""

    def run(w, grad, velocity, *args):
        returned = func(w, grad, velocity, *args)
        return {
            "w after the call": w,
            "velocity after the call": velocity,
            "returned": "nothing" if returned is None else "a value",
        }

    return run


def _returns_new_arrays(w, grad, velocity, learning_rate=0.01, momentum=0.9):
    new_velocity = momentum * velocity - learning_rate * grad
    return w + new_velocity, new_velocity


def _rebinds_names(w, grad, velocity, learning_rate=0.01, momentum=0.9):
    velocity = momentum * velocity - learning_rate * grad
    w = w + velocity  # noqa: F841  (the caller's arrays are left as they were)


def _old_velocity(w, grad, velocity, learning_rate=0.01, momentum=0.9):
    w += velocity
    velocity *= momentum
    velocity -= learning_rate * grad


def _plus_gradient(w, grad, velocity, learning_rate=0.01, momentum=0.9):
    velocity *= momentum
    velocity += learning_rate * grad
    w += velocity


def _no_momentum(w, grad, velocity, learning_rate=0.01, momentum=0.9):
    velocity[...] = -learning_rate * grad
    w += velocity


_MOMENTUM_MISTAKES = [
    Mistake(
        "returning new arrays instead of updating in place",
        _observed(_returns_new_arrays),
        "the exercise asks to change `w` and `velocity` themselves, as an optimizer's step does; "
        "write into the arrays with the augmented assignments (-=, *=, +=) and return nothing.",
    ),
    Mistake(
        "rebinding the names inside the function",
        _observed(_rebinds_names),
        "a plain assignment makes a new local array and leaves the caller's array unchanged; "
        "modify the arrays in place instead.",
    ),
    Mistake(
        "moving the weights by the old velocity",
        _observed(_old_velocity),
        "update the velocity first, then move the weights by the new one.",
    ),
    Mistake(
        "a sign error: adding the gradient term",
        _observed(_plus_gradient),
        "the velocity moves downhill: it loses the learning rate times the gradient.",
    ),
    Mistake(
        "forgetting the old velocity",
        _observed(_no_momentum),
        "the new velocity keeps the old one, shrunk by the momentum factor.",
    ),
]


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

    Updates ``w`` and ``velocity`` IN PLACE with Keras' rule ``velocity = momentum * velocity -
    learning_rate * grad; w = w + velocity`` and returns nothing. The check compares the arrays
    after the call (and that nothing is returned), so an answer that returns new arrays and leaves
    its inputs unchanged fails. Cases: a first step from zero velocity, a step that carries
    velocity, momentum 0 (plain SGD) on a matrix, and a random vector step.
    """
    if not callable(answer):
        print(f"{FAIL} momentum_step: expected a function, got {type(answer).__name__}.")
        print("   Hint: pass the function itself, without calling it.")
        return False
    rng = np.random.default_rng(8)
    cases = [
        Case(
            (np.array([1.0, -2.0]), np.array([0.5, 0.5]), np.zeros(2), 0.1, 0.9),
            label="w [1, -2], grad [0.5, 0.5], velocity [0, 0], learning_rate 0.1, momentum 0.9",
        ),
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
    hint = hint_for(
        _observed(answer),
        _observed(_momentum_step),
        cases,
        _MOMENTUM_MISTAKES,
        "update the velocity first (old velocity shrunk by the momentum, minus the learning rate "
        "times the gradient), then move the weights by the NEW velocity; both in place, returning "
        "nothing.",
    )
    return check_function(
        "momentum_step", _observed(answer), _observed(_momentum_step), cases, hint
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


def _bias_fraction(t, beta_1):
    return 1.0 - np.asarray(beta_1, dtype=float) ** np.asarray(t, dtype=float)


_BIAS_MISTAKES = [
    Mistake(
        "the share still missing instead of the share reached",
        lambda t, b: np.asarray(b, dtype=float) ** np.asarray(t, dtype=float),
        "at t = 0 the average holds nothing of g, and the share grows towards 1 with t.",
    ),
    Mistake(
        "an off-by-one in the power",
        lambda t, b: 1.0 - np.asarray(b, dtype=float) ** (np.asarray(t, dtype=float) - 1),
        "after the first step m already holds (1 - beta_1) of g; count the terms of the sum again.",
    ),
    Mistake(
        "the geometric sum without its factor (1 - beta_1)",
        lambda t, b: _bias_fraction(t, b) / (1.0 - b),
        "every term of the unrolled sum carries the factor (1 - beta_1); the share never exceeds 1.",
    ),
    Mistake(
        "the sum without the decay",
        lambda t, b: (1.0 - b) * np.asarray(t, dtype=float),
        "older gradients are multiplied by beta_1 once per step since they were added.",
    ),
]


def bias_fraction(answer) -> bool:
    """Check Exercise 8.4: ``bias_fraction(t, beta_1)``, the ratio m_t / g for constant gradient g.

    From ``m = 0``, ``t`` updates ``m <- beta_1 * m + (1 - beta_1) * g`` give a fixed fraction of
    ``g``; the check compares the answer with that fraction computed by running the updates
    (integer ``t`` and an array of ``t``), and names the usual slips in the derivation.
    """
    if not callable(answer):
        print(f"{FAIL} bias_fraction: expected a function, got {type(answer).__name__}.")
        print("   Hint: pass the function itself, without calling it.")
        return False
    cases = [
        Case((1, 0.9), label="t = 1, beta_1 = 0.9"),
        Case((5, 0.9), label="t = 5, beta_1 = 0.9"),
        Case((10, 0.999), label="t = 10, beta_1 = 0.999 (Adam's beta_2)"),
        Case((np.arange(1, 8), 0.5), label="t = 1 ... 7 as an array, beta_1 = 0.5"),
    ]
    hint = hint_for(
        answer,
        _simulated_fraction,
        cases,
        _BIAS_MISTAKES,
        "unroll the update by hand for t = 1, 2, 3: each m_t is (1 - beta_1) g times a sum of powers "
        "of beta_1; that sum has a closed form.",
    )
    return check_function("bias_fraction", answer, _simulated_fraction, cases, hint)


def _simulated_fraction(t, beta_1):
    """m_t / g by running the update itself (the closed form is the learner's to derive)."""
    ts = np.atleast_1d(np.asarray(t, dtype=int))
    out = []
    for steps in ts:
        m = 0.0
        for _ in range(int(steps)):
            m = beta_1 * m + (1.0 - beta_1) * 1.0
        out.append(m)
    return np.array(out) if np.ndim(t) else out[0]
