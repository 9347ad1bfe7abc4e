"""Layers of the NumPy core, with Keras' names, arguments and weight layouts.

| layer              | what it does                                    | notebook                    |
| ------------------ | ----------------------------------------------- | --------------------------- |
| Dense              | activation(X @ W + b)                           | 04_layers_and_network_size  |
| PReLU              | leaky ReLU with a learned slope per feature     | 05_activation_functions     |
| Maxout             | max over learned linear pieces                  | 05_activation_functions     |
| BatchNormalization | normalise over the batch, then scale and shift  | 07_backpropagation          |
| Activation         | an activation as a layer of its own             | 07_backpropagation          |
| Dropout            | drop values at random while training            | 10_fnn_in_keras             |

Every layer has ``forward(X, training=False)``, ``backward(grad_output)`` (returns dL/dX and
fills ``grads``), ``params`` / ``grads`` dicts, ``get_weights()`` / ``set_weights()`` in Keras
order, ``build(input_dim)``, ``count_params()``, ``regularization_loss()`` and a readable repr.
Shapes: ``X`` is ``(num_samples, num_features)``; a kernel ``W`` is ``(num_inputs, units)``.

Example:
    >>> import numpy as np
    >>> from dlcourse.layers import Dense
    >>> layer = Dense(4, activation="relu", seed=0)
    >>> layer.forward(np.ones((5, 3))).shape  # built from the first X: W is (3, 4)
    (5, 4)
    >>> layer
    Dense(units=4, activation='relu', input_dim=3, name='dense')

Introduced in notebook 04_layers_and_network_size.
"""

from dlcourse.layers import initializers
from dlcourse.layers.activation import Activation
from dlcourse.layers.base import Layer
from dlcourse.layers.batch_normalization import BatchNormalization
from dlcourse.layers.dense import Dense
from dlcourse.layers.dropout import Dropout
from dlcourse.layers.maxout import Maxout
from dlcourse.layers.prelu import PReLU

__all__ = [
    "Layer",
    "Activation",
    "Dense",
    "PReLU",
    "Maxout",
    "BatchNormalization",
    "Dropout",
    "initializers",
]
