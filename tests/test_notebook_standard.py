"""Every notebook meets the course's standard (shared/COURSE.md) in the ways a program can check."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from dlcourse import check

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
EXPECTED = [
    "00_start_here",
    "01_what_is_deep_learning",
    "02_network_zoo",
    "03_neurons",
    "04_layers_and_network_size",
    "05_activation_functions",
    "06_loss_functions",
    "07_backpropagation",
    "08_optimizers",
    "09_mlp_from_scratch",
    "10_fnn_in_keras",
]


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _src(cell: dict) -> str:
    return "".join(cell["source"])


def test_the_whole_series_is_there():
    assert [p.stem for p in NOTEBOOKS] == EXPECTED


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_opening_and_closing(path):
    cells = _cells(path)
    first_md = _src(cells[0]).lower()
    assert cells[0]["cell_type"] == "markdown" and first_md.startswith("# ")
    opening = "\n".join(_src(c).lower() for c in cells[:3] if c["cell_type"] == "markdown")
    for what, words in [
        ("learning objectives", ("objective", "you will learn")),
        ("prerequisites", ("prerequisite",)),
        ("estimated study time", ("study time", "time to study", "estimated time")),
    ]:
        assert any(w in opening for w in words), f"the opening must state the {what}"
    objectives = re.findall(r"^\s*(?:\d+\.|[-*])\s+\S", opening, re.M)
    assert 3 <= len(objectives), "3-6 learning objectives"
    closing = "\n".join(_src(c).lower() for c in cells[-3:] if c["cell_type"] == "markdown")
    assert "summary" in closing and "reference" in closing
    stem = path.stem
    if stem != EXPECTED[-1]:
        following = EXPECTED[EXPECTED.index(stem) + 1]
        assert f"{following}.ipynb" in closing, f"link to the next notebook, {following}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_first_code_cell_sets_up_the_notebook(path):
    code = [c for c in _cells(path) if c["cell_type"] == "code"]
    assert "setup_notebook(" in _src(code[0])
    uses_tf = any(re.search(r"\b(tf|keras)\.", _src(c)) for c in code)
    if uses_tf:
        first = _src(code[0])
        assert "keras_bridge" in first, "a Keras notebook imports dlcourse.keras_bridge first"
        assert first.index("keras_bridge") < first.index("setup_notebook(")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_at_least_two_checked_exercises(path):
    cells = _cells(path)
    exercises = 0
    for i, cell in enumerate(cells):
        if cell["cell_type"] == "code" and "### BEGIN SOLUTION" in _src(cell):
            before = next(c for c in reversed(cells[:i]) if c["cell_type"] == "markdown")
            assert re.search(r"Exercise \d+\.\d+", _src(before)), (
                f"cell {i}: no 'Exercise N.M' text"
            )
            assert "<details>" in _src(before) and "Hint" in _src(before), f"cell {i}: no hint"
            after = next(c for c in cells[i + 1 :] if c["cell_type"] == "code")
            calls = re.findall(r"\bcheck\.(\w+)\(", _src(after))
            assert calls and all(name in check.exercises() for name in calls), f"cell {i}"
            outputs = "".join("".join(o.get("text", "")) for o in after["outputs"])
            assert "✅" in outputs and "❌" not in outputs, (
                f"the reference solution must pass ({calls})"
            )
            exercises += 1
    assert exercises >= 2


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_no_download_at_run_time(path):
    text = "\n".join(_src(c) for c in _cells(path) if c["cell_type"] == "code")
    for pattern in (r"\.load_data\(", r"urlopen|requests\.get|wget |curl |fetch_openml|tfds\.load"):
        assert not re.search(pattern, text), f"{path.stem} downloads at run time ({pattern})"
