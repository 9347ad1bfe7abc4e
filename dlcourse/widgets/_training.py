"""The optimizers the Playground and OptimizerRace widgets offer, and their labels.

The widgets build their networks with ``dlcourse.nn.mlp``, their optimizers with
``dlcourse.optimizers.get`` and their pictures with ``dlcourse.plots.probability``.

Introduced in notebook 08_optimizers (the race) and 09_mlp_from_scratch (the Playground).
"""

from __future__ import annotations

OPTIMIZER_NAMES = ("sgd", "momentum", "rmsprop", "adam")
"""The optimizers a widget offers, as ``optimizers.get`` names them ("momentum" is SGD with
momentum=0.9, Keras' usual choice)."""

OPTIMIZER_LABELS = {"sgd": "SGD", "momentum": "Momentum", "rmsprop": "RMSprop", "adam": "Adam"}
