"""Student editions: solutions removed, everything else identical, and Run All goes through."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
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
    src = "### BEGIN SOLUTION\nprint(1)\n### END SOLUTION\nb = 2\n### BEGIN SOLUTION\nc = 3\n### END SOLUTION"
    out = student.strip_code(src)
    assert out == "# YOUR CODE HERE\nraise NotImplementedError()\nb = 2\nc = ...  # YOUR CODE HERE"


def test_value_regions_get_one_placeholder_per_assigned_name():
    src = "### BEGIN SOLUTION\nanswer = 0.5\nw, b = [1.0], 2.0\nanswer = answer + 1\n### END SOLUTION\n"
    assert student.strip_code(src) == (
        "answer = ...  # YOUR CODE HERE\nw = ...  # YOUR CODE HERE\nb = ...  # YOUR CODE HERE\n"
    )
    # Inside a function the body is the exercise: the assignments there are not the answer.
    inside = "def f(x):\n    ### BEGIN SOLUTION\n    y = x\n    return y\n    ### END SOLUTION\n"
    assert (
        student.strip_code(inside)
        == "def f(x):\n    # YOUR CODE HERE\n    raise NotImplementedError()\n"
    )


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


# Lines that are bare syntax give nothing away (and appear in printed package source, e.g. show_source).
BARE_SYNTAX = {"else:", "try:", "finally:", "pass", "break", "continue", "return", ")", "]", "}"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_no_solution_line_survives(path, editions):
    source = json.loads(path.read_text())
    edition = (editions / path.name).read_text()
    solution_lines = {
        line.strip()
        for region in student.solutions(source)
        for line in region.splitlines()
        if line.strip() and "### " not in line and line.strip() not in BARE_SYNTAX
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


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_value_exercises_report_not_done_yet(path, editions, capsys):
    """A value exercise's placeholder defines its variable, so the check says "not done yet"."""
    import numpy as np

    from dlcourse import check

    cells = json.loads((editions / path.name).read_text())["cells"]
    for i, cell in enumerate(cells):
        if "= ...  # YOUR CODE HERE" not in "".join(cell["source"]):
            continue
        namespace = {"np": np, "check": check}
        exec("".join(cell["source"]), namespace)
        checks = [c for c in cells[i + 1 :] if student._is_check_cell(c)][:1]
        assert checks, f"cell {i}: a value exercise with no check cell after it"
        capsys.readouterr()
        exec("".join(checks[0]["source"]), namespace)
        assert "not done yet" in capsys.readouterr().out


# ---- Nothing a learner writes is lost ------------------------------------------------------------


def _learner_works_on(dest: Path, name: str = "03_neurons.ipynb") -> bytes:
    nb = json.loads((dest / name).read_text())
    nb["cells"][0]["source"] = ["my own notes, and my answers below\n"]
    (dest / name).write_text(json.dumps(nb, indent=1))
    return (dest / name).read_bytes()


def test_missing_notebooks_are_written_and_changed_ones_kept(tmp_path, capsys):
    dest = tmp_path / "student"
    student.write_student_editions(ROOT / "notebooks", dest)
    mine = _learner_works_on(dest)
    (dest / "05_activation_functions.ipynb").unlink()
    assert student.main([str(ROOT / "notebooks"), "-o", str(dest)]) == 0
    out = capsys.readouterr().out
    assert (dest / "03_neurons.ipynb").read_bytes() == mine
    assert (dest / "05_activation_functions.ipynb").exists()
    assert f"kept {dest / '03_neurons.ipynb'}" in out and "--reset 03" in out
    assert f"wrote {dest / '05_activation_functions.ipynb'}" in out
    assert f"1 written, 0 replaced, {len(NOTEBOOKS) - 2} up to date, 1 kept" in out
    assert not (dest / student.BACKUPS).exists()


def test_force_replaces_changed_notebooks_after_a_backup(tmp_path, capsys):
    dest = tmp_path / "student"
    student.write_student_editions(ROOT / "notebooks", dest)
    fresh = (dest / "03_neurons.ipynb").read_bytes()
    mine = _learner_works_on(dest)
    assert student.main([str(ROOT / "notebooks"), "-o", str(dest), "--force"]) == 0
    out = capsys.readouterr().out
    assert (dest / "03_neurons.ipynb").read_bytes() == fresh
    (saved,) = (dest / student.BACKUPS).iterdir()
    assert saved.read_bytes() == mine
    assert re.fullmatch(r"03_neurons\.\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.ipynb", saved.name)
    assert f"replaced {dest / '03_neurons.ipynb'} (the previous version is saved as {saved})" in out


def test_reset_replaces_one_notebook_after_a_backup(tmp_path, monkeypatch, capsys):
    course = tmp_path / "course"
    (course / "dlcourse").mkdir(parents=True)
    (course / "dlcourse" / "__init__.py").write_text("")
    (course / "pyproject.toml").write_text("")
    shutil.copytree(ROOT / "notebooks", course / "notebooks")
    dest = course / "student"
    student.write_student_editions(course / "notebooks", dest)
    fresh = (dest / "03_neurons.ipynb").read_bytes()
    mine = _learner_works_on(dest)
    other = _learner_works_on(dest, "04_layers_and_network_size.ipynb")
    monkeypatch.chdir(dest)  # from a terminal in student/: the course folder is found upwards
    assert student.main(["--reset", "3"]) == 0
    assert (dest / "03_neurons.ipynb").read_bytes() == fresh
    assert (dest / "04_layers_and_network_size.ipynb").read_bytes() == other
    (saved,) = (dest / student.BACKUPS).iterdir()
    assert saved.read_bytes() == mine and str(saved) in capsys.readouterr().out
    # Again at once: nothing to save (the notebook is fresh), and a second backup never clobbers.
    assert student.main(["--reset", "03_neurons"]) == 0
    assert len(list((dest / student.BACKUPS).iterdir())) == 1
    assert student.backup(dest / "03_neurons.ipynb") != student.backup(dest / "03_neurons.ipynb")


def test_reset_names_a_notebook_or_says_which_exist():
    paths = [Path(n) for n in ("00_start.ipynb", "01_a.ipynb", "01_b.ipynb", "10_keras.ipynb")]
    assert student.select(paths, ["0", "10_keras.ipynb", "10"]) == [paths[0], paths[3]]
    with pytest.raises(
        ValueError, match=r"--reset '7' matches no notebook.*one of: 00, 01, 01, 10"
    ):
        student.select(paths, ["7"])
    with pytest.raises(ValueError, match="matches 2 notebooks"):
        student.select(paths, ["01"])
    proc = subprocess.run(
        [sys.executable, "-m", "dlcourse", "student", "--reset", "99", "-o", "unused"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2 and "matches no notebook" in proc.stderr
    assert not (ROOT / "unused").exists()


# ---- Every documented command that could write into student/ keeps the learner's work -------------

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


def _code_lines(text: str) -> list[str]:
    """The command lines of a Markdown text: fenced code blocks and inline code spans."""
    fence = re.compile(r"^```[^\n]*\n(.*?)^```", re.M | re.S)
    lines = [line for block in fence.findall(text) for line in block.splitlines()]
    lines += re.findall(r"`([^`\n]+)`", fence.sub("", text))
    return [part.strip() for line in lines for part in re.split(r"&&|;|\|", line.split(" #")[0])]


def documented_commands() -> list[list[str]]:
    """Every ``make ...`` and ``dlcourse student ...`` command in README.md and docs/, as argv."""
    targets = set(re.findall(r"^([\w-]+):", (ROOT / "Makefile").read_text(), re.M))
    found: list[list[str]] = []
    for doc in DOCS:
        for line in _code_lines(doc.read_text(encoding="utf-8")):
            try:
                words = shlex.split(line)
            except ValueError:
                continue
            if words[:1] == ["make"]:
                args = []
                for word in words[1:]:
                    if word not in targets and not re.fullmatch(r"[A-Z_]+=\S*", word):
                        break
                    if not word.startswith("PYTHON="):  # the sandbox names its own Python
                        args.append(word)
                command = ["make", *args]
            elif "dlcourse" in words and words[words.index("dlcourse") + 1 :][:1] == ["student"]:
                command = ["dlcourse", *words[words.index("dlcourse") + 1 :]]
            elif words[:1] and words[0].endswith("bin/dlcourse") and words[1:2] == ["student"]:
                command = ["dlcourse", *words[1:]]
            else:
                continue
            if len(command) > 1 and command not in found:
                found.append(command)
    return found


def _script(path: Path, body: str) -> None:
    path.write_text("#!/bin/sh\n" + body + "\n")
    path.chmod(0o755)


class Course:
    """A copy of the course folder whose .venv runs this Python, without pip, pytest or JupyterLab."""

    def __init__(self, root: Path):
        self.root = root
        for name in ("Makefile", "pyproject.toml", "README.md"):
            shutil.copy(ROOT / name, root / name)
        shutil.copytree(ROOT / "notebooks", root / "notebooks")
        shutil.copytree(
            ROOT / "dlcourse", root / "dlcourse", ignore=shutil.ignore_patterns("__py*")
        )
        self.env = {
            k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")
        }
        self.python = root / ".venv" / "bin" / "python"

    def ensure_venv(self) -> None:
        if self.python.exists():
            return
        self.python.parent.mkdir(parents=True)
        skip = '"-m pip"|"-m pytest") exit 0;;'
        _script(self.python, f'case "$1 $2" in {skip} esac\nexec {sys.executable} "$@"')
        _script(self.python.parent / "jupyter", f'echo "$@" >> {self.root}/jupyter.log')
        self.make("venv", "dev", check=True)

    def make(self, *args: str, dry: bool = False, check: bool = False):
        argv = ["make", *(["-n"] if dry else []), *args, f"PYTHON={self.python}"]
        proc = subprocess.run(
            argv, cwd=self.root, env=self.env, capture_output=True, text=True, timeout=300
        )
        assert not check or proc.returncode == 0, f"{' '.join(argv)} failed:\n{proc.stderr}"
        return proc

    def run(self, command: list[str]):
        if command[0] == "make":
            return self.make(*command[1:])
        args = command[2:]
        for i, arg in enumerate(args):  # keep writes inside the sandbox
            if arg.startswith("/"):
                args[i] = str(self.root / "elsewhere" / Path(arg).name)
        argv = [str(self.python), "-m", "dlcourse", "student", *args]
        return subprocess.run(argv, cwd=self.root, env=self.env, capture_output=True, text=True)


@pytest.fixture
def course(tmp_path):
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    box = Course(tmp_path)
    box.ensure_venv()
    return box


def test_the_docs_name_the_learners_commands():
    commands = documented_commands()
    assert ["make", "lab"] in commands and ["make", "student"] in commands


def test_no_documented_command_loses_a_changed_notebook(course):
    """Run each command of README.md and docs/ that could write into student/ (or delete files)."""
    ran = []
    for command in documented_commands():
        course.ensure_venv()  # after `make clean-venv`, say
        if command[0] == "make":
            plan = course.make(*command[1:], dry=True).stdout
            if "student" not in plan and not re.search(r"^rm |\brm -", plan, re.M):
                continue
        if not (course.root / "student").exists():
            student.write_student_editions(course.root / "notebooks", course.root / "student")
        mine = _learner_works_on(course.root / "student")
        proc = course.run(command)
        ran.append(" ".join(command))
        if command[0] == "make" and "student" in plan:
            assert proc.returncode == 0, f"{ran[-1]} failed:\n{proc.stdout}\n{proc.stderr}"
        kept = course.root / "student" / "03_neurons.ipynb"
        backups = course.root / "student" / student.BACKUPS
        if "--force" in command or "--reset" in command:
            saved = [p.read_bytes() for p in backups.glob("03_neurons.*")]
            assert kept.read_bytes() == mine or mine in saved, f"{ran[-1]} lost the learner's work"
        else:
            assert kept.exists() and kept.read_bytes() == mine, f"{ran[-1]} lost the learner's work"
    assert "make lab" in ran and "make student" in ran, ran


def test_make_lab_opens_the_student_edition_and_solutions_are_one_step_away(course):
    course.make("lab", check=True)
    assert len(list((course.root / "student").glob("*.ipynb"))) == len(NOTEBOOKS)
    mine = _learner_works_on(course.root / "student")
    course.make("lab", check=True)
    assert (course.root / "student" / "03_neurons.ipynb").read_bytes() == mine
    course.make("lab-solutions", check=True)
    course.make("lab", "LAB_DIR=notebooks", check=True)
    opened = (course.root / "jupyter.log").read_text().splitlines()
    roots = [re.search(r"--ServerApp.root_dir=(\S+)", line).group(1) for line in opened]
    assert roots == ["student", "student", "notebooks", "notebooks"]
    assert all(line.startswith("lab --ServerApp.ip=127.0.0.1 ") for line in opened)


def test_make_clean_keeps_student_and_the_environment(course):
    student.write_student_editions(course.root / "notebooks", course.root / "student")
    mine = _learner_works_on(course.root / "student")
    (course.root / ".pytest_cache").mkdir()
    (course.root / "dlcourse" / "__pycache__").mkdir()
    course.make("clean", check=True)
    assert not (course.root / ".pytest_cache").exists()
    assert not (course.root / "dlcourse" / "__pycache__").exists()
    assert course.python.exists() and list(course.python.parent.parent.glob(".installed-*"))
    course.make("clean-venv", check=True)
    assert not (course.root / ".venv").exists()
    assert (course.root / "student" / "03_neurons.ipynb").read_bytes() == mine
