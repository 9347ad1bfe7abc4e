"""Exercise checks for every notebook: ``check.<exercise_name>(answer)``.

Each notebook has its own module (``nb00`` ... ``nb10``); every checker they list in ``__all__`` is
available here under its exercise name. A checker runs the learner's function or value on several
seeded cases, edge cases included, against the course's reference, prints a pass line or the first
failing case with a hint (never the solution), and returns a bool.

Introduced in notebook 00_start_here.
"""

from __future__ import annotations

import importlib

from dlcourse.check._core import Case, check_function, check_value, same

NOTEBOOK_MODULES = [f"nb{i:02d}" for i in range(11)]

__all__ = ["Case", "check_function", "check_value", "same", "NOTEBOOK_MODULES", "exercises"]


def _load() -> dict[str, object]:
    found: dict[str, object] = {}
    for mod_name in NOTEBOOK_MODULES:
        module = importlib.import_module(f"dlcourse.check.{mod_name}")
        for name in getattr(module, "__all__", []):
            if name in found:
                raise RuntimeError(f"exercise check {name!r} is defined twice ({mod_name})")
            found[name] = getattr(module, name)
    return found


_CHECKS = _load()
globals().update(_CHECKS)
__all__ += sorted(_CHECKS)


def exercises() -> list[str]:
    """The names of every exercise check in the course."""
    return sorted(_CHECKS)
