"""Interactive widgets: each is a pure state class (no ipywidgets) plus a thin ipywidgets view.

The views are imported lazily, so ``import dlcourse.widgets`` stays cheap.
"""

from __future__ import annotations

import importlib

_VIEWS = {
    "NeuronExplorer": "neuron_explorer",
    "ActivationExplorer": "activation_explorer",
    "LossExplorer": "loss_explorer",
    "BackpropStepper": "backprop_stepper",
    "Playground": "playground",
    "CapacityExplorer": "capacity_explorer",
    "OptimizerRace": "optimizer_race",
}

__all__ = list(_VIEWS)


def __getattr__(name: str):
    if name in _VIEWS:
        module = importlib.import_module(f"dlcourse.widgets.{_VIEWS[name]}")
        return getattr(module, name)
    raise AttributeError(f"module 'dlcourse.widgets' has no attribute {name!r}; widgets: {__all__}")
