"""Interactive widgets: each is a pure state class (no ipywidgets) plus a thin ipywidgets view.

The views are imported lazily, so ``import dlcourse.widgets`` stays cheap.
"""

from __future__ import annotations

import importlib

from dlcourse.widgets.state import WIDGETS as _VIEWS  # the one list of the seven widgets

__all__ = list(_VIEWS)


def __getattr__(name: str):
    if name in _VIEWS:
        module = importlib.import_module(f"dlcourse.widgets.{_VIEWS[name]}")
        return getattr(module, name)
    raise AttributeError(f"module 'dlcourse.widgets' has no attribute {name!r}; widgets: {__all__}")
