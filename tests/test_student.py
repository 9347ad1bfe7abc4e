"""Student editions: solutions removed, everything else identical, and Run All goes through."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from dlcourse.course import student

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_code_regions_keep_their_indentation():
    src = "def f(x):\n    ### BEGIN SOLUTION\n    y = x + 1\n    return y\n    ### END SOLUTION\n\nz = 1"
    assert student.strip_code(src) == (
        "def f(x):\n    # YOUR CODE HERE\n    raise NotImplementedError()\n\nz = 1"
    )


def test_several_regions_and_top_level_regions():
    src = "### BEGIN SOLUTION\na = 1\n### END SOLUTION\nb = 2\n### BEGIN SOLUTION\nc = 3\n### END SOLUTION"
    out = student.strip_code(src)
    assert out.count("raise NotImplementedError()") == 2 and "b = 2" in out and "a = 1" not in out


def test_markdown_regions_become_your_answer_here():
    src = "Why?\n\n### BEGIN SOLUTION\nBecause the span is zero.\n### END SOLUTION\n"
    assert student.strip_markdown(src) == "Why?\n\nYOUR ANSWER HERE\n"


def test_unbalanced_markers_are_an_error():
    with pytest.raises(ValueError, match="unbalanced solution markers"):
        student.strip_code("### BEGIN SOLUTION\nx = 1\n")


def test_it_refuses_to_write_into_the_source_folder(tmp_path):
    with pytest.raises(ValueError, match="refusing to write"):
        student.write_student_editions(ROOT / "notebooks", ROOT / "notebooks")
    with pytest.raises(ValueError, match="refusing to write"):
        student.write_student_editions(ROOT / "notebooks", ROOT / "notebooks" / "student")
    proc = subprocess.run(
        [sys.executable, "-m", "dlcourse", "student", "notebooks", "-o", "notebooks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2 and "refusing to write" in proc.stderr


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    dest = tmp_path_factory.mktemp("student")
    student.write_student_editions(ROOT / "notebooks", dest)
    return dest


def test_running_it_twice_gives_the_same_files(editions, tmp_path):
    student.write_student_editions(ROOT / "notebooks", tmp_path)
    for path in NOTEBOOKS:
        assert (tmp_path / path.name).read_bytes() == (editions / path.name).read_bytes()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_no_solution_line_survives(path, editions):
    source = json.loads(path.read_text())
    edition = (editions / path.name).read_text()
    solution_lines = {
        line.strip()
        for region in student.solutions(source)
        for line in region.splitlines()
        if line.strip() and "### " not in line
    }
    assert solution_lines, f"{path.stem} has no exercise solutions"
    # A line that also appears outside the solutions (e.g. `return y`) may legitimately remain.
    outside = "\n".join(student.strip_code(student._source(c)) for c in source["cells"])
    leaked = [line for line in solution_lines if line not in outside and line in edition]
    assert not leaked, f"solution lines left in the student edition: {leaked[:5]}"
    assert student.solutions(json.loads(edition)) == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_only_exercise_and_check_cells_change(path, editions):
    source = json.loads(path.read_text())["cells"]
    edition = json.loads((editions / path.name).read_text())["cells"]
    assert len(source) == len(edition)
    changed = 0
    for before, after in zip(source, edition, strict=True):
        if before == after:
            continue
        changed += 1
        assert before["cell_type"] == "code" or "### BEGIN SOLUTION" in "".join(before["source"])
        if before["cell_type"] == "code":
            assert student.RAISES in after["metadata"]["tags"]
            assert after["outputs"] == [] and after["execution_count"] is None
    assert changed >= 4, "at least two exercises (answer and check cells) per notebook"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_student_edition_runs_top_to_bottom(path, editions):
    nb = nbformat.read(editions / path.name, as_version=4)
    NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(editions)}}
    ).execute()
    for i, cell in enumerate(nb.cells):
        errors = [o for o in cell.get("outputs", []) if o.output_type == "error"]
        if not errors:
            continue
        src = "".join(cell.source)
        assert student.RAISES in cell.metadata.get("tags", []), (
            f"cell {i} failed: {errors[0].ename}"
        )
        if "raise NotImplementedError()" in src and "check." not in src:
            assert errors[0].ename == "NotImplementedError", f"cell {i}: {errors[0].ename}"
        else:
            assert student._is_check_cell(cell), f"cell {i} is neither an exercise nor a check cell"
