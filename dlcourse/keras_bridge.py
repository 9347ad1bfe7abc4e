"""The only dlcourse module that imports TensorFlow/Keras.

Keras notebooks import it (before calling ``dlcourse.setup_notebook``) to get a quiet,
deterministic TensorFlow, and helpers that move weights between dlcourse and Keras.

Introduced in notebook 02_network_zoo.
"""

from __future__ import annotations

import functools
import inspect
import os
from typing import Any

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
# Keras' summary() draws its table with `rich`, whose width follows the terminal: fix it.
os.environ.setdefault("COLUMNS", "100")


def _import_quietly():
    """Import Keras and TensorFlow with file descriptor 2 (native stderr) sent to /dev/null.

    TensorFlow 2.21 writes C++ start-up lines ("All log messages before absl::InitializeLog() ...",
    "cudart_stub.cc ... Could not find cuda drivers") straight to fd 2, ignoring
    TF_CPP_MIN_LOG_LEVEL; they carry a timestamp and a process id, so a notebook that shows them
    never compares equal under nbval. Python exceptions still propagate normally.
    """
    saved = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        import keras
        import tensorflow

        return keras, tensorflow
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


keras, tf = _import_quietly()

tf.get_logger().setLevel("ERROR")

__all__ = ["keras", "tf", "set_seed", "to_keras"]


def set_seed(seed: int = 0) -> None:
    """Seed Python, NumPy, TensorFlow and Keras, and make TensorFlow's ops deterministic.

    ``dlcourse.setup_notebook`` calls this when TensorFlow has been imported.

    Args:
        seed: the seed for every random generator.

    Introduced in notebook 02_network_zoo.
    """
    keras.utils.set_random_seed(seed)
    tf.config.experimental.enable_op_determinism()


def to_keras(net: Any) -> keras.Sequential:
    """Build the Keras twin of a dlcourse ``Sequential``: the same layers and the same weights.

    Each dlcourse layer maps to the Keras layer of the same name and arguments (``Dense`` with its
    activation, ``BatchNormalization``, ``PReLU``, ``Dropout``), then
    ``keras_model.set_weights(net.get_weights())`` copies every weight, so both models give the
    same predictions (to float32 precision: Keras computes in float32).

    Args:
        net: a built ``dlcourse.nn.Sequential`` (call ``predict`` or ``build`` once first).

    Returns:
        A ``keras.Sequential`` with an ``Input`` of ``net.input_dim`` features, named like ``net``
        and its layers.

    Raises:
        ValueError: for an unbuilt model, and for ``Maxout``, which has no Keras layer.
        TypeError: for something that is not a dlcourse ``Sequential``.

    Example:
        >>> from dlcourse.layers import Dense
        >>> from dlcourse.nn import Sequential
        >>> net = Sequential([Dense(3, activation="relu", input_dim=2, seed=0), Dense(1, seed=1)])
        >>> model = to_keras(net)
        >>> [layer.name for layer in model.layers]
        ['dense', 'dense_1']

    Introduced in notebook 09_mlp_from_scratch (used again in 10_fnn_in_keras).
    """
    from dlcourse import layers
    from dlcourse.nn import Sequential

    if not isinstance(net, Sequential):
        raise TypeError(
            f"to_keras: `net` must be a dlcourse.nn.Sequential, got {type(net).__name__}. "
            f"(A Keras model is already a Keras model.)"
        )
    if not net.built:
        raise ValueError(
            f"to_keras: the model {net.name!r} is not built, so there are no weights to copy. "
            f"Call net.build(input_dim) or net.predict(X) once first."
        )
    keras_layers: list[Any] = [keras.Input(shape=(net.input_dim,), name="input")]
    for layer in net.layers:
        if isinstance(layer, layers.Dense):
            regularizer = layer.kernel_regularizer
            keras_layers.append(
                keras.layers.Dense(
                    layer.units,
                    activation=_keras_activation(layer.activation),
                    use_bias=layer.use_bias,
                    kernel_regularizer=None
                    if regularizer is None
                    else getattr(keras.regularizers, type(regularizer).__name__)(
                        **regularizer.get_config()
                    ),
                    name=layer.name,
                )
            )
        elif isinstance(layer, layers.BatchNormalization):
            keras_layers.append(
                keras.layers.BatchNormalization(
                    momentum=layer.momentum, epsilon=layer.epsilon, name=layer.name
                )
            )
        elif isinstance(layer, layers.PReLU):
            keras_layers.append(keras.layers.PReLU(name=layer.name))
        elif isinstance(layer, layers.Activation):
            keras_layers.append(
                keras.layers.Activation(_keras_activation(layer.activation), name=layer.name)
            )
        elif isinstance(layer, layers.Dropout):
            keras_layers.append(keras.layers.Dropout(layer.rate, seed=layer.seed, name=layer.name))
        elif isinstance(layer, layers.Maxout):
            raise ValueError(
                f"to_keras: layer {layer.name!r} is a Maxout layer, and Keras has no Maxout "
                f"layer. Replace it (e.g. by Dense(..., activation='relu')) before converting, or "
                f"build it in Keras from a Dense layer with num_units * num_pieces units, a "
                f"Reshape((num_units, num_pieces)) and a max over the last axis."
            )
        else:
            raise TypeError(
                f"to_keras: no Keras twin is known for layer {layer.name!r} of type "
                f"{type(layer).__name__}."
            )
    model = keras.Sequential(keras_layers, name=net.name)
    model.set_weights(net.get_weights())
    return model


def _keras_activation(activation: Any) -> Any:
    """A Keras activation name, or a function when the arguments differ from Keras' defaults."""
    keras_function = getattr(keras.activations, activation.name)
    config = getattr(activation, "config", {}) or {}
    defaults = {
        name: parameter.default
        for name, parameter in inspect.signature(keras_function).parameters.items()
        if parameter.default is not inspect.Parameter.empty
    }
    if all(defaults.get(key) == value for key, value in config.items()):
        return activation.name
    return functools.partial(keras_function, **config)
