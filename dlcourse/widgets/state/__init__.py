"""The pure state of each widget: NumPy and dlcourse only, no ipywidgets, no IPython.

Each class holds a widget's settings and computes everything its view shows (numbers, curves,
equations as plain text), so it can be tested, or used in a notebook cell, without a widget. The
views in ``dlcourse.widgets`` wrap them. The classes are imported lazily, so importing one does not
import the other six.
"""

from __future__ import annotations

import importlib

WIDGETS = {
    "NeuronExplorer": "neuron_explorer",
    "ActivationExplorer": "activation_explorer",
    "LossExplorer": "loss_explorer",
    "BackpropStepper": "backprop_stepper",
    "Playground": "playground",
    "CapacityExplorer": "capacity_explorer",
    "OptimizerRace": "optimizer_race",
}
"""The course's seven widgets, in notebook order: view class name -> module name. Each module
exists twice, as ``dlcourse.widgets.state.<module>`` (the state class ``<view>State``) and as
``dlcourse.widgets.<module>`` (the view). This is the one list of them."""

_STATES = {f"{view}State": module for view, module in WIDGETS.items()}

__all__ = list(_STATES)


def __getattr__(name: str):
    if name in _STATES:
        module = importlib.import_module(f"dlcourse.widgets.state.{_STATES[name]}")
        return getattr(module, name)
    raise AttributeError(
        f"module 'dlcourse.widgets.state' has no attribute {name!r}; state classes: {__all__}"
    )


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
