"""Foundation: packaging, environment files, light import, setup_notebook, CLI."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _name(requirement: str) -> str:
    return _canonical(re.match(r"\s*([A-Za-z0-9_.\-]+)", requirement).group(1))


def _environment_yml_packages() -> set[str]:
    names = set()
    for line in (ROOT / "environment.yml").read_text().splitlines():
        m = re.match(r"^\s*-\s+([A-Za-z0-9_.\-]+)", line)
        if m and m.group(1) not in ("pip", "python", "conda-forge", "nodefaults", "-e"):
            names.add(_canonical(m.group(1)))
    return names


def test_environment_yml_and_pyproject_name_the_same_dependencies():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert {_name(r) for r in project["dependencies"]} == _environment_yml_packages()


def test_environment_yml_is_binder_ready():
    text = (ROOT / "environment.yml").read_text()
    assert "conda-forge" in text and "nodefaults" in text
    assert re.search(r"^\s*-\s+-e \.\s*$", text, re.M), "the pip: section must install -e ."


def test_python_range_matches_tensorflow_wheels():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["requires-python"] == ">=3.11,<3.14"
    assert all("==" not in r for r in project["dependencies"]), "pin lower bounds, not versions"


def test_import_dlcourse_does_not_import_tensorflow():
    code = (
        "import sys, dlcourse, dlcourse.check, dlcourse.widgets;"
        "bad = [m for m in ('tensorflow', 'keras') if m in sys.modules];"
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_math_core_imports_no_tensorflow_widgets_or_ipython():
    code = (
        "import sys, importlib\n"
        "for m in ('neuron', 'activations', 'losses', 'layers', 'nn', 'optimizers', 'gradcheck', 'data'):\n"
        "    try:\n"
        "        importlib.import_module('dlcourse.' + m)\n"
        "    except ModuleNotFoundError as e:\n"
        "        if e.name != 'dlcourse.' + m: raise\n"
        "bad = [m for m in ('tensorflow', 'keras', 'ipywidgets', 'IPython') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_setup_notebook_is_deterministic():

    import matplotlib as mpl

    import dlcourse

    dlcourse.setup_notebook(seed=3)
    first = _draw()
    dlcourse.setup_notebook(seed=3)
    assert _draw() == first
    assert tuple(mpl.rcParams["figure.figsize"]) == dlcourse.FIGSIZE
    dlcourse.setup_notebook(seed=4)
    assert _draw() != first


def _draw() -> tuple[float, float]:
    import random

    return random.random(), float(np.random.rand())  # noqa: NPY002 (the global generator on purpose)


def test_setup_notebook_rejects_a_bad_seed():
    import dlcourse

    with pytest.raises(TypeError, match="seed.*int.*str"):
        dlcourse.setup_notebook(seed="0")


def test_setup_notebook_does_not_import_tensorflow():
    code = "import sys, dlcourse; dlcourse.setup_notebook(); assert 'tensorflow' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_setup_notebook_seeds_keras_when_it_is_loaded():
    code = (
        "import dlcourse.keras_bridge as kb, dlcourse;"
        "dlcourse.setup_notebook(1); a = float(kb.tf.random.uniform(()));"
        "dlcourse.setup_notebook(1); b = float(kb.tf.random.uniform(()));"
        "assert a == b, (a, b)"
    )
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    subprocess.run([sys.executable, "-c", code], check=True, env=env)


def test_cli_lists_commands_and_rejects_unknown():
    out = subprocess.run([sys.executable, "-m", "dlcourse"], capture_output=True, text=True)
    assert out.returncode == 0 and "doctor" in out.stdout and "student" in out.stdout
    bad = subprocess.run([sys.executable, "-m", "dlcourse", "nope"], capture_output=True, text=True)
    assert bad.returncode == 2 and "unknown command 'nope'" in bad.stdout


def test_makefile_and_ci_run_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    assert "make test" in readme and "make lab" in readme
    assert re.search(r"^make test$", (ROOT / ".ci/run").read_text(), re.M)
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^test: .*lint.*unit.*nbval", makefile, re.M)
    assert "--nbval-lax" not in makefile and "--nbval " in makefile
