"""The notebook runner: execution in place, stable widget ids, and the committed-notebook checks."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from dlcourse.course import runner

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def _nb(cells):
    nb = nbformat.v4.new_notebook()
    nb.cells = cells
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    return nb


def test_execute_runs_in_a_fresh_kernel_and_is_repeatable(tmp_path):
    path = tmp_path / "t.ipynb"
    cells = [
        nbformat.v4.new_code_cell("import ipywidgets as W\nx = 2 + 3\nx"),
        nbformat.v4.new_code_cell("W.VBox([W.IntSlider(3), W.Button(description='Go')])"),
    ]
    nbformat.write(_nb(cells), path)
    runner.execute(path)
    first = path.read_text()
    runner.execute(path)
    assert path.read_text() == first, "two runs must give byte-identical notebooks"
    data = json.loads(first)
    assert "".join(data["cells"][0]["outputs"][0]["data"]["text/plain"]) == "5"
    assert runner.problems(path) == []


def test_problems_finds_out_of_order_errors_and_stderr(tmp_path):
    nb = _nb([nbformat.v4.new_code_cell("1"), nbformat.v4.new_code_cell("2")])
    nb.cells[0].execution_count = 2
    nb.cells[1].execution_count = 1
    nb.cells[1].outputs = [nbformat.v4.new_output("stream", name="stderr", text="warning!\n")]
    path = tmp_path / "bad.ipynb"
    nbformat.write(nb, path)
    found = " | ".join(runner.problems(path))
    assert "execution counts are [2, 1]" in found and "stderr" in found


def test_stable_widget_ids_rewrites_every_reference_consistently():
    a, b = "a" * 32, "b" * 32
    nb = {
        "cells": [{"outputs": [{"data": {runner.WIDGET_VIEW: {"model_id": b}}}]}],
        "metadata": {
            "widgets": {
                runner.WIDGET_STATE: {"state": {a: {"x": 1}, b: {"children": [f"IPY_MODEL_{a}"]}}}
            }
        },
    }
    out = runner.stable_widget_ids(nb, "demo")
    state = out["metadata"]["widgets"][runner.WIDGET_STATE]["state"]
    new_b = out["cells"][0]["outputs"][0]["data"][runner.WIDGET_VIEW]["model_id"]
    assert new_b != b and new_b in state
    (new_a,) = set(state) - {new_b}
    assert state[new_b]["children"] == [f"IPY_MODEL_{new_a}"]
    assert runner.stable_widget_ids(nb, "demo") == out


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_committed_notebook_was_executed_in_order_in_a_fresh_kernel(path):
    assert runner.problems(path) == []


def test_output_opt_outs_are_rare_and_explained():
    code_cells, ignored = 0, []
    for path in NOTEBOOKS:
        nb = json.loads(path.read_text())
        code = [c for c in nb["cells"] if c["cell_type"] == "code"]
        code_cells += len(code)
        ignored += [
            (path.stem, c) for c in code if "nbval-ignore-output" in c["metadata"].get("tags", [])
        ]
    assert len(ignored) < 0.1 * max(code_cells, 1), (
        f"{len(ignored)} of {code_cells} code cells opt out"
    )
    for stem, cell in ignored:
        assert "#" in "".join(cell["source"]), (
            f"{stem}: an opted-out cell must say why in a comment"
        )


def test_there_are_notebooks():
    assert (ROOT / "notebooks" / "00_start_here.ipynb").exists()
