"""Notebook 05_activation_functions: deep stacks, dead units, and the comparison with Keras.

- :func:`signal_through_depth`: the mean and spread of activations layer by layer through a deep
  random stack, to show SELU's self-normalisation next to ReLU, tanh and sigmoid.
- :func:`value_table`: an activation's values and derivatives at a few inputs, as text.
- :func:`silent_units`: which units of a layer have ``z <= 0`` on every example (dead, for ReLU).
- :func:`keras_parity`: each dlcourse activation against ``keras.activations`` on a grid, values
  and derivatives (Keras is passed in, so this module never imports TensorFlow).

Introduced in notebook 05_activation_functions.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from dlcourse import activations

__all__ = ["signal_through_depth", "value_table", "silent_units", "keras_parity"]


def signal_through_depth(
    activation: str,
    depth: int = 50,
    width: int = 256,
    num_samples: int = 1000,
    seed: int = 0,
) -> dict[str, np.ndarray]:
    """Push standardised inputs through a deep stack of random Dense layers; record each layer.

    Every layer is ``a = activation(a_prev @ W)`` with ``W`` drawn from ``N(0, 1 / width)`` (LeCun
    normal, the initialisation SELU is designed for) and no bias; the input is ``N(0, 1)``. With
    SELU the mean stays near 0 and the standard deviation near 1 at any depth (self-normalisation,
    Klambauer et al. 2017); with the other activations they drift toward 0 or to a fixed value.

    Args:
        activation: an activation name (see ``dlcourse.activations.NAMES``).
        depth: the number of layers.
        width: the units per layer (and the input size).
        num_samples: the number of input rows.
        seed: seeds the inputs and the weights.

    Returns:
        ``{"mean": (depth,), "std": (depth,)}``: the mean and standard deviation of all the
        activations of each layer.

    Example:
        >>> stats = signal_through_depth("selu", depth=10, width=64, num_samples=200)
        >>> bool(abs(stats["std"][-1] - 1) < 0.2)
        True

    Introduced in notebook 05_activation_functions.
    """
    for arg, value in (("depth", depth), ("width", width), ("num_samples", num_samples)):
        if not isinstance(value, int) or value < 1:
            raise ValueError(
                f"signal_through_depth: `{arg}` must be a positive int, got {value!r}."
            )
    act = activations.get(activation)
    rng = np.random.default_rng(seed)
    a = rng.standard_normal((num_samples, width))
    means, stds = [], []
    for _ in range(depth):
        W = rng.normal(0.0, np.sqrt(1.0 / width), size=(width, width))
        a = act(a @ W)
        means.append(float(a.mean()))
        stds.append(float(a.std()))
    return {"mean": np.array(means), "std": np.array(stds)}


def value_table(name: str, z: Sequence[float] = (-3.0, -1.0, 0.0, 1.0, 3.0), **kwargs) -> str:
    """A small text table of an activation's values and derivatives at a few inputs.

    Args:
        name: an activation name (see ``dlcourse.activations.NAMES``; not softmax, whose
            derivative is a Jacobian).
        z: the inputs to tabulate.
        **kwargs: the activation's parameters, e.g. ``negative_slope=0.1``.

    Returns:
        Three lines: ``z``, ``f(z)`` and ``f'(z)``, each value with 4 decimals.

    Example:
        >>> print(value_table("relu", z=[-1.0, 2.0]))
             z  -1.0000   2.0000
          f(z)   0.0000   2.0000
         f'(z)   0.0000   1.0000

    Introduced in notebook 05_activation_functions.
    """
    act = activations.get(name, **kwargs)
    z = np.asarray(z, dtype=float)
    rows = [("z", z), ("f(z)", act(z)), ("f'(z)", act.derivative(z))]
    # `+ 0.0` turns -0.0 into 0.0, so a value never prints as "-0.0000".
    return "\n".join(
        f"{label:>6}" + "".join(f"{v + 0.0:9.4f}" for v in values) for label, values in rows
    )


def silent_units(layer, X: np.ndarray) -> np.ndarray:
    """Which units of a Dense layer have a weighted sum ``z <= 0`` on every row of ``X``.

    For a ReLU layer such a unit outputs 0 everywhere and its derivative is 0 everywhere, so no
    gradient reaches its weights: it is "dead", and training cannot revive it. A Leaky ReLU unit
    in the same place still passes a gradient (slope ``negative_slope``), so it can recover.

    Args:
        layer: a built ``dlcourse.layers.Dense`` (its ``params["W"]`` and ``params["b"]`` are used).
        X: the layer's inputs, shape ``(num_samples, num_inputs)``.

    Returns:
        A boolean array of shape ``(units,)``, True for the silent units.

    Example:
        >>> from dlcourse.layers import Dense
        >>> layer = Dense(2, input_dim=1)
        >>> layer.set_weights([np.array([[1.0, 1.0]]), np.array([0.0, -5.0])])
        >>> silent_units(layer, np.array([[1.0], [2.0]]))
        array([False,  True])

    Introduced in notebook 05_activation_functions.
    """
    X = np.asarray(X, dtype=float)
    W, b = layer.params["W"], layer.params.get("b", 0.0)
    if X.ndim != 2 or X.shape[1] != W.shape[0]:
        raise ValueError(
            f"silent_units: `X` must have shape (num_samples, {W.shape[0]}) for this layer, got "
            f"{X.shape}."
        )
    return np.all(X @ W + b <= 0.0, axis=0)


def keras_parity(
    keras, tf, z: np.ndarray, names: Sequence[str] | None = None
) -> list[tuple[str, float, float]]:
    """Compare each dlcourse activation with ``keras.activations``: values and derivatives.

    Values are compared directly on ``z``; derivatives against TensorFlow's automatic
    differentiation (``tf.GradientTape``) of the Keras function. For softmax, which has no
    elementwise derivative, ``backward`` is compared with the vector-Jacobian product of the
    Keras softmax for a fixed upstream gradient.

    Args:
        keras: the ``keras`` module (from ``dlcourse.keras_bridge``).
        tf: the ``tensorflow`` module.
        z: the grid of inputs, float64, 1-D (softmax treats it as one row).
        names: the activations to compare (default: every name in ``activations.NAMES``).

    Returns:
        ``(name, max |value difference|, max |derivative difference|)`` per activation.

    Introduced in notebook 05_activation_functions.
    """
    z = np.asarray(z, dtype=np.float64)
    rows = []
    for name in names or activations.NAMES:
        ours = activations.get(name)
        theirs = keras.activations.get(name)
        z_t = tf.constant(z)
        upstream = np.linspace(-1.0, 1.0, z.size) if name == "softmax" else np.ones_like(z)
        with tf.GradientTape() as tape:
            tape.watch(z_t)
            value = theirs(z_t)
            weighted = tf.reduce_sum(value * tf.constant(upstream))
        grad = np.asarray(tape.gradient(weighted, z_t), dtype=np.float64)
        value = np.asarray(value, dtype=np.float64)
        if name == "softmax":
            our_grad = ours.backward(z, upstream)
        else:
            our_grad = ours.derivative(z)
        rows.append(
            (name, float(np.max(np.abs(ours(z) - value))), float(np.max(np.abs(our_grad - grad))))
        )
    return rows
