"""Every widget is a pure state class (no ipywidgets, no IPython) plus a thin ipywidgets view.

The import check runs in a fresh interpreter: in this test process other tests may already have
imported ipywidgets, which would hide an import from a state module.
"""

import ast
import importlib
import inspect
import json
import os
import subprocess
import sys

import pytest

import dlcourse.widgets as widgets
from dlcourse.widgets import state as state_package

MODULES = state_package.WIDGETS  # checked against the modules on disk below
FORBIDDEN = ("ipywidgets", "IPython", "tensorflow", "keras")

# Imports every module of dlcourse.widgets.state (found on disk, not listed by hand) and every
# state class, then reports which modules it found and which forbidden ones got imported.
PROBE = f"""
import importlib, json, pkgutil, sys
import dlcourse.widgets.state as package
found = sorted(m.name for m in pkgutil.iter_modules(package.__path__))
for name in found:
    importlib.import_module("dlcourse.widgets.state." + name)
classes = {{name: getattr(package, name).__module__ for name in package.__all__}}
loaded = sorted(m for m in sys.modules if m.split(".")[0] in {FORBIDDEN!r})
print(json.dumps({{"found": found, "classes": classes, "loaded": loaded}}))
"""


@pytest.fixture(scope="module")
def probe() -> dict:
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "TF_ENABLE_ONEDNN_OPTS": "0"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_state_modules_import_neither_ipywidgets_nor_ipython_nor_tensorflow(probe):
    assert probe["found"] == sorted(MODULES.values())
    assert probe["loaded"] == []


def test_the_state_package_lists_one_state_class_per_widget(probe):
    assert sorted(state_package.__all__) == sorted(f"{view}State" for view in widgets.__all__)
    assert probe["classes"] == {
        f"{view}State": f"dlcourse.widgets.state.{module}" for view, module in MODULES.items()
    }


def test_an_unknown_state_name_says_which_exist():
    with pytest.raises(AttributeError, match="NeuronState.*NeuronExplorerState"):
        state_package.NeuronState  # noqa: B018


def defined_names(module) -> set[str]:
    """The public names a module defines itself (classes, functions, constants), not imports."""
    tree = ast.parse(inspect.getsource(module))
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return {n for n in names if not n.startswith("_")}


@pytest.mark.parametrize("view_name", list(MODULES))
def test_each_view_module_re_exports_its_state_class(view_name):
    module = MODULES[view_name]
    view_module = importlib.import_module(f"dlcourse.widgets.{module}")
    state_module = importlib.import_module(f"dlcourse.widgets.state.{module}")
    state_class = getattr(state_module, f"{view_name}State")
    assert getattr(view_module, f"{view_name}State") is state_class
    assert getattr(state_package, f"{view_name}State") is state_class
    assert getattr(widgets, view_name) is getattr(view_module, view_name)
    # Every public name the state module defines is still importable from the view module.
    assert defined_names(state_module) <= set(view_module.__all__)
    for name in defined_names(state_module):
        assert getattr(view_module, name) is getattr(state_module, name), name


# Small settings where a view trains something, to keep the test quick.
VIEW_ARGS = {
    "Playground": {"hidden": (2,), "num_samples": 40, "grid_size": 10},
    "CapacityExplorer": {"epochs": 5, "num_test": 40, "grid_size": 10},
    "OptimizerRace": {"steps": 10},
}


@pytest.mark.parametrize("view_name", list(MODULES))
def test_each_view_holds_an_instance_of_its_state_class(view_name):
    view = getattr(widgets, view_name)(**VIEW_ARGS.get(view_name, {}))
    state_class = getattr(state_package, f"{view_name}State")
    assert isinstance(view.state, state_class)
    assert f"dlcourse-{view_name}" in view._dom_classes


@pytest.mark.parametrize("view_name", list(MODULES))
def test_a_view_takes_a_ready_state_and_repeats_none_of_its_defaults(view_name):
    import matplotlib

    matplotlib.use("Agg")
    view_class = getattr(widgets, view_name)
    state_class = getattr(state_package, f"{view_name}State")
    kwargs = {"epochs": 5} if view_name == "CapacityExplorer" else {}
    ready = state_class(**kwargs)
    assert view_class(state=ready).state is ready
    # Every default the view's signature holds is its own (a view-level control), not a copy of
    # one of the state's arguments.
    state_args = set(inspect.signature(state_class).parameters)
    for name, parameter in inspect.signature(view_class).parameters.items():
        if parameter.default is not inspect.Parameter.empty and name != "state":
            assert name not in state_args, f"{view_name} repeats the state's default for {name}"
