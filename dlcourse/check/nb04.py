"""Exercise checks for notebook 04_layers_and_network_size.

- Exercise 4.1 ``count_dense_params``: the number of weights and biases in a stack of Dense layers.
- Exercise 4.2 ``output_layer``: the number of units and the activation of the output layer for a
  binary, a multiclass and a regression task.

The parameter count's reference is the core's ``dlcourse.nn.dense_params``; the output layer's is
written here (it also covers regression with several targets).
"""

from __future__ import annotations

from dlcourse import nn
from dlcourse.check._core import Case, check_function

__all__ = ["count_dense_params", "output_layer"]


def count_dense_params(answer) -> bool:
    """Check Exercise 4.1: ``count_dense_params(layer_sizes)`` counts a fully connected network.

    ``layer_sizes`` lists the units of every layer, input layer first, e.g. ``[3, 2, 1]`` (the 3-2-1
    network: 3*2 + 2 + 2*1 + 1 = 11). Cases: the 3-2-1 network, a 784-128-64-10 digit classifier, a
    network with no hidden layer, a deep narrow one, and an input layer alone (no weights: 0).
    """
    cases = [
        Case(([3, 2, 1],)),
        Case(([784, 128, 64, 10],)),
        Case(([300, 1],), label="[300, 1] (no hidden layer: a logistic regression)"),
        Case(([2, 8, 8, 8, 8, 1],)),
        Case(([784],), label="[784] (an input layer alone)"),
    ]
    return check_function(
        "count_dense_params",
        answer,
        nn.dense_params,
        cases,
        hint="walk over consecutive pairs (n_in, n_out) of layer sizes: each pair is one Dense "
        "layer with an (n_in, n_out) weight matrix plus n_out biases. The input layer itself "
        "has no parameters.",
    )


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
    """Check Exercise 4.2: ``output_layer(task, k) -> (units, activation)``.

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
