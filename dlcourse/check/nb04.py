"""Exercise checks for notebook 04_layers_and_network_size.

- Exercise 4.1 ``dense_forward`` and ``dense_param_count`` (build): a Dense layer's forward pass,
  ``X @ kernel + bias`` for a batch, and its number of parameters from the input's shape.
- Exercise 4.2 ``width_prediction`` (predict, then run): how training and test accuracy change
  with the width, written down before the sweep runs; the check only verifies the form.
- Exercise 4.3 ``output_layer``: the number of units and the activation of the output layer for a
  binary, a multiclass and a regression task.

The references are written here, privately. When an answer is wrong, the checks name the usual
mistake (a transposed kernel, a missing bias, a bias on the wrong axis, biases counted wrong, the
samples counted instead of the features).
"""

from __future__ import annotations

import numpy as np

from dlcourse.check._core import FAIL, PASS, Case, _record_pass, check_function
from dlcourse.check._mistakes import Mistake, hint_for

__all__ = [
    "dense_forward",
    "dense_param_count",
    "width_prediction",
    "output_layer",
]


# -- Exercise 4.1: a Dense layer, forward pass and parameter count ----------------------------------


def _dense(X, kernel, bias):
    return np.asarray(X, dtype=float) @ np.asarray(kernel, dtype=float) + np.asarray(bias, float)


_DENSE_MISTAKES = [
    Mistake(
        "a transposed kernel (X @ kernel.T)",
        lambda X, k, b: X @ k.T + b,
        "the kernel has shape (num_inputs, units), the layout of a Keras Dense kernel: row i holds "
        "the weights of input i, column j those of unit j. Multiply the batch by it as it is. (A "
        "square kernel takes either product, so only the numbers show the mix-up.)",
    ),
    Mistake(
        "a missing bias",
        lambda X, k, b: X @ k,
        "every unit adds its own bias to its weighted sum.",
    ),
    Mistake(
        "a bias with the wrong sign",
        lambda X, k, b: X @ k - b,
        "the bias is added, not subtracted.",
    ),
    Mistake(
        "a bias added along the samples (as a column)",
        lambda X, k, b: X @ k + b[:, None],
        "bias j belongs to unit j, that is to column j of the output, and is the same for every "
        "sample; it has shape (units,) and broadcasts over the rows as it is.",
    ),
    Mistake(
        "the batch summed into one row",
        lambda X, k, b: (X @ k).sum(axis=0) + b,
        "a layer gives one row of outputs per sample: shape (num_samples, units).",
    ),
]


def _dense_cases() -> list[Case]:
    rng = np.random.default_rng(4)

    def case(m, n, u, label):
        return Case((rng.normal(size=(m, n)), rng.normal(size=(n, u)), rng.normal(size=u)), label)

    return [
        case(3, 3, 3, "X (3, 3), kernel (3, 3), bias (3,): as many samples as inputs and units"),
        case(4, 2, 5, "X (4, 2), kernel (2, 5), bias (5,)"),
        case(1, 20, 4, "one sample: X (1, 20), kernel (20, 4), bias (4,)"),
        case(6, 1, 2, "one input: X (6, 1), kernel (1, 2), bias (2,)"),
        case(5, 3, 1, "one unit: X (5, 3), kernel (3, 1), bias (1,), expect shape (5, 1)"),
    ]


def dense_forward(answer) -> bool:
    """Check Exercise 4.1: ``dense_forward(X, kernel, bias)`` returns ``X @ kernel + bias``.

    ``X`` is ``(num_samples, num_inputs)``, ``kernel`` ``(num_inputs, units)`` (Keras' layout),
    ``bias`` ``(units,)``; the answer has shape ``(num_samples, units)``. Cases: a square case
    (where a transposed kernel still fits), a wide layer, one sample, one input and one unit.
    Named mistakes: a transposed kernel, a missing bias, a bias with the wrong sign, a bias added
    along the samples, the batch summed into one row; the input must not be changed in place.
    """
    cases = _dense_cases()
    hint = (
        "each sample (a row of X) meets each unit's weights (a column of the kernel); then every "
        "unit adds its own bias. The result has one row per sample and one column per unit."
    )
    if callable(answer):
        X = cases[1].args[0].copy()
        try:
            answer(X, *cases[1].args[1:])
        except Exception:  # check_function reports it, at the learner's line
            pass
        if not np.array_equal(X, cases[1].args[0]):
            print(f"{FAIL} dense_forward: the answer changed its input X in place.")
            print("   Hint: compute the outputs into a new array; leave X as the caller gave it.")
            return False
    hint = hint_for(answer, _dense, cases, _DENSE_MISTAKES, hint)
    return check_function("dense_forward", answer, _dense, cases, hint=hint)


def _param_count(input_shape, units):
    return (int(input_shape[-1]) + 1) * int(units)


_COUNT_MISTAKES = [
    Mistake(
        "the biases forgotten",
        lambda shape, u: shape[-1] * u,
        "besides its weights, every unit has one bias.",
    ),
    Mistake(
        "one bias for the whole layer",
        lambda shape, u: shape[-1] * u + 1,
        "each unit has its own bias, so there are as many biases as units.",
    ),
    Mistake(
        "one bias per input instead of per unit",
        lambda shape, u: shape[-1] * u + shape[-1],
        "the bias belongs to a unit (it is added to that unit's weighted sum), not to an input.",
    ),
    Mistake(
        "the samples counted instead of the features",
        lambda shape, u: (shape[0] + 1) * u,
        "input_shape is (num_samples, num_features); the kernel's rows are the features, and the "
        "number of samples does not change the layer at all.",
    ),
]


def dense_param_count(answer) -> bool:
    """Check Exercise 4.1: ``dense_param_count(input_shape, units)`` is ``(num_features + 1) * units``.

    ``input_shape`` is the shape of a batch, ``(num_samples, num_features)``. Named mistakes: the
    biases forgotten, one bias for the layer, one bias per input, the samples counted instead of
    the features.
    """
    cases = [
        Case(((32, 3), 2), label="input_shape=(32, 3), units=2"),
        Case(((100, 784), 128), label="input_shape=(100, 784), units=128"),
        Case(((1, 64), 10), label="input_shape=(1, 64), units=10"),
        Case(((5, 2), 1), label="input_shape=(5, 2), units=1"),
        Case(((200, 300), 1), label="input_shape=(200, 300), units=1"),
    ]
    hint = (
        "the layer's parameters are its kernel and its bias: work out both shapes from the number "
        "of features and the number of units, then count their entries."
    )
    hint = hint_for(answer, _param_count, cases, _COUNT_MISTAKES, hint)
    return check_function("dense_param_count", answer, _param_count, cases, hint=hint)


# -- Exercise 4.2: predict, then run -----------------------------------------------------------------

TRENDS = ("rises", "falls", "stays flat", "rises then levels off", "rises then falls")
"""The words a prediction of Exercise 4.2 may use, for each of the two accuracies."""

_PREDICTION_KEYS = ("train accuracy", "test accuracy")


def width_prediction(answer) -> bool:
    """Check Exercise 4.2: the prediction has the expected form (never whether it is right).

    ``answer`` is a dict ``{"train accuracy": trend, "test accuracy": trend}``, each trend one of
    :data:`TRENDS` (case and surrounding spaces do not matter). The sweep after the check shows
    what happens; the check only makes sure a prediction was written down before it runs.
    """
    name = "width_prediction"
    if answer is Ellipsis or answer is NotImplemented:
        print(f"{FAIL} {name}: not done yet (replace the placeholder with your prediction).")
        return False
    form = "{'train accuracy': '...', 'test accuracy': '...'}"
    if not isinstance(answer, dict) or set(answer) != set(_PREDICTION_KEYS):
        got = sorted(answer) if isinstance(answer, dict) else type(answer).__name__
        print(f"{FAIL} {name}: expected a dict {form}, got {got}.")
        print(f"   Hint: each value is one of {list(TRENDS)}.")
        return False
    for key in _PREDICTION_KEYS:
        value = answer[key]
        if not isinstance(value, str) or value.strip().lower() not in TRENDS:
            print(f"{FAIL} {name}: {key!r} must be one of {list(TRENDS)}, got {value!r}.")
            print("   Hint: pick the words closest to the curve you expect, e.g. 'rises'.")
            return False
    said = "; ".join(f"{key}: {answer[key].strip().lower()}" for key in _PREDICTION_KEYS)
    print(f"{PASS} {name}: prediction recorded ({said}). Run the sweep below and compare.")
    _record_pass(name)
    return True


# -- Exercise 4.3: the output layer --------------------------------------------------------------


_TASKS = ("binary", "multiclass", "regression")


def _output_layer(task, k):
    if task == "binary":
        return (1, "sigmoid")
    if task == "multiclass":
        return (int(k), "softmax")
    if task == "regression":
        return (int(k), "linear")
    raise ValueError(f"task must be one of {_TASKS}, got {task!r}")


def _normalised(answer):
    """Wrap the answer so that ``None`` as the activation counts as "linear" (Keras' meaning)."""

    def wrapped(task, k):
        result = answer(task, k)
        if isinstance(result, tuple | list) and len(result) == 2:
            units, activation = result
            if activation is None:
                activation = "linear"
            if isinstance(activation, str):
                activation = activation.lower()
            return (units, activation)
        return result

    return wrapped


def output_layer(answer) -> bool:
    """Check Exercise 4.3: ``output_layer(task, k) -> (units, activation)``.

    ``task`` is ``"binary"`` (k = 2 classes), ``"multiclass"`` (k classes) or ``"regression"``
    (k target values per sample). The activation is a Keras name (``None`` is accepted for
    ``"linear"``). The binary case catches two softmax units, which works but is not the convention.
    """
    if not callable(answer):
        return check_function("output_layer", answer, _output_layer, [], hint="")
    cases = [
        Case(("binary", 2)),
        Case(("multiclass", 3)),
        Case(("multiclass", 10)),
        Case(("regression", 1)),
        Case(("regression", 2), label="'regression', 2 (two numbers to predict per sample)"),
    ]
    return check_function(
        "output_layer",
        _normalised(answer),
        _output_layer,
        cases,
        hint="binary: one unit giving P(class 1), squashed into (0, 1); multiclass: one unit per "
        "class, turned into probabilities that sum to 1; regression: one unit per target value, "
        "with no squashing so any real number can come out. Return (units, 'activation name').",
    )
