"""Binder and conda files: a Python pin repo2docker can read, a cached layer, pyproject's floors."""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BINDER = ROOT / "binder"
# repo2docker's own pattern for the Python version (repo2docker/buildpacks/conda/__init__.py).
REPO2DOCKER_PYTHON = re.compile(r"python\s*=+\s*([\d\.]*)")


def _requirements(path: Path) -> dict[str, str]:
    """Canonical name -> specifier of each conda or pip dependency in an environment file."""
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^\s*-\s+([A-Za-z][A-Za-z0-9_.\-]*)\s*([<>=!~].*)?$", line)
        if m and m.group(1) not in ("pip", "python", "conda-forge", "nodefaults"):
            found[re.sub(r"[-_.]+", "-", m.group(1)).lower()] = (m.group(2) or "").strip()
    return found


def _pyproject_requirements() -> dict[str, str]:
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    out = {}
    for req in deps:
        m = re.match(r"\s*([A-Za-z0-9_.\-]+)\s*(.*)$", req)
        out[re.sub(r"[-_.]+", "-", m.group(1)).lower()] = m.group(2).strip()
    return out


def _python_pin(path: Path) -> str:
    pins = [
        REPO2DOCKER_PYTHON.fullmatch(line.strip(" -"))
        for line in path.read_text().splitlines()
        if re.match(r"^\s*-\s+python\b", line)
    ]
    assert len(pins) == 1 and pins[0], f"{path.name}: expected one `- python=X.Y` line"
    return pins[0].group(1)


@pytest.mark.parametrize("path", [BINDER / "environment.yml", ROOT / "environment.yml"])
def test_python_is_pinned_as_x_y_within_requires_python(path):
    version = _python_pin(path)
    assert re.fullmatch(r"3\.\d+", version), version
    low, high = re.fullmatch(
        r">=3\.(\d+),<3\.(\d+)",
        tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"],
    ).groups()
    assert int(low) <= int(version.split(".")[1]) < int(high)


@pytest.mark.parametrize("path", [BINDER / "environment.yml", ROOT / "environment.yml"])
def test_environment_files_carry_pyprojects_floors(path):
    assert _requirements(path) == _pyproject_requirements()


def test_binder_environment_names_no_local_path_so_its_layer_is_cached():
    text = (BINDER / "environment.yml").read_text()
    local = [
        line
        for line in text.splitlines()
        if re.match(r"^\s*-\s+(-e\b|\.|/|file:)", line) and not line.strip().startswith("#")
    ]
    assert not local, local


def test_postbuild_installs_only_the_course_package():
    post = BINDER / "postBuild"
    assert os.access(post, os.X_OK), "binder/postBuild must be executable"
    commands = [
        line.strip()
        for line in post.read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert "pip install --no-deps -e ." in commands
    assert all("pip install" not in c or "--no-deps" in c for c in commands), commands
