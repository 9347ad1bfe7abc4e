"""dlcourse: the package behind the deep-learning course's notebooks.

Importing ``dlcourse`` is light: it never imports TensorFlow. Keras helpers live in
``dlcourse.keras_bridge``, which only the Keras notebooks import.

Introduced in notebook 00_start_here.
"""

from __future__ import annotations

import os
import random
import sys

__version__ = "0.1.0"

# TensorFlow reads these when it is first imported. Setting them here (only if the user has not
# chosen otherwise) keeps its C++ start-up log out of notebook outputs and selects the portable
# Eigen kernels, so a notebook prints the same numbers on every machine of the same kind.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

FIGSIZE = (6.4, 4.0)
"""The figure size every notebook uses (inches); nbval compares ``<Figure size 640x400 ...>``."""

COLORS = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
"""The Okabe-Ito palette: distinguishable with the common forms of colour blindness."""


def setup_notebook(seed: int = 0) -> None:
    """Make a notebook deterministic and its figures uniform.

    Seeds Python's ``random`` and NumPy's global generator; if TensorFlow or Keras has already been
    imported (a Keras notebook imports ``dlcourse.keras_bridge`` first), seeds them too and turns on
    TensorFlow's op determinism. It never imports TensorFlow itself. Fixes the matplotlib style,
    figure size and NumPy's print options, so outputs are the same on every run.

    Args:
        seed: the seed for every random generator.

    Example:
        >>> import dlcourse
        >>> dlcourse.setup_notebook(seed=0)

    Introduced in notebook 00_start_here; the first code cell of every notebook calls it.
    """
    import numpy as np

    if not isinstance(seed, int) or isinstance(seed, bool):
        raise TypeError(
            f"setup_notebook: `seed` must be an int, got {type(seed).__name__} {seed!r}."
        )
    random.seed(seed)
    np.random.seed(seed)  # noqa: NPY002 (learners call np.random.* directly; seed it too)
    np.set_printoptions(precision=4, suppress=True, linewidth=100)
    _setup_matplotlib()
    if "tensorflow" in sys.modules or "keras" in sys.modules:
        from dlcourse import keras_bridge

        keras_bridge.set_seed(seed)


def _setup_matplotlib() -> None:
    import matplotlib as mpl
    from cycler import cycler

    mpl.rcParams.update(
        {
            "figure.figsize": FIGSIZE,
            "figure.dpi": 100,
            "savefig.dpi": 100,
            "axes.prop_cycle": cycler(color=COLORS),
            "axes.grid": True,
            "grid.alpha": 0.3,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "font.size": 10,
            "image.cmap": "viridis",
            "legend.frameon": False,
        }
    )


def show_source(obj: object) -> None:
    """Print the Python source of a dlcourse (or any pure-Python) function, class or method.

    The course uses it where a notebook starts to rely on a piece of the package: after you have
    written a forward pass yourself, ``show_source(layers.Dense._forward)`` shows the course's.
    The first line names the file, relative to the package (no line numbers: they would change
    with every edit above the function, and notebook outputs must not).

    Args:
        obj: a function, class, method or module written in Python.

    Raises:
        TypeError: for an instance (pass its class or one of its methods) or for an object with no
            Python source, such as a NumPy function compiled from C.

    Example:
        >>> from dlcourse import nn
        >>> show_source(nn.dense_params)  # doctest: +ELLIPSIS
        # from dlcourse/nn.py
        def dense_params(layer_sizes: Sequence[int]) -> int:
        ...

    Introduced in notebook 09_mlp_from_scratch.
    """
    import inspect
    import textwrap

    target = inspect.unwrap(obj) if callable(obj) else obj
    if isinstance(target, property):
        target = target.fget
    is_code = inspect.isroutine(target) or inspect.isclass(target) or inspect.ismodule(target)
    if not is_code:
        kind = type(obj).__name__
        raise TypeError(
            f"show_source: got an instance of {kind}, not code; pass the class or one of its "
            f"methods instead, e.g. show_source({kind}) or show_source({kind}.<method>)."
        )
    try:
        lines, _ = inspect.getsourcelines(target)
        path = inspect.getsourcefile(target)
    except (OSError, TypeError):
        name = getattr(obj, "__qualname__", getattr(obj, "__name__", repr(obj)))
        raise TypeError(
            f"show_source: {name} has no Python source to show (it is built in or compiled, as "
            f"most NumPy functions are); read its documentation with help({name}) instead."
        ) from None
    package_root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    path = os.path.abspath(path or "")
    shown = os.path.relpath(path, package_root) if path.startswith(package_root) else path
    shown = os.path.basename(path) if shown.startswith("..") else shown.replace(os.sep, "/")
    print(f"# from {shown}")
    print(textwrap.dedent("".join(lines)).rstrip("\n"))
