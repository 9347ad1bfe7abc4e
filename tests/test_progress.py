"""Exercise progress: passing checks record themselves locally; ``dlcourse progress`` shows them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest

from dlcourse import check
from dlcourse.check import nb09
from dlcourse.course import progress

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def record(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "progress.json"
    monkeypatch.setenv(progress.ENV, str(path))
    monkeypatch.setattr(progress, "_warned", False)
    return path


def _min_max_scale(x):
    x = np.asarray(x, dtype=float)
    span = x.max() - x.min()
    return np.zeros_like(x) if span == 0 else (x - x.min()) / span


def test_a_passing_check_records_itself_and_a_failing_one_does_not(record, capsys):
    assert check.min_max_scale(lambda x: x) is False
    assert not record.exists()
    assert check.min_max_scale(_min_max_scale) is True
    assert check.scaled_middle(0.5) is True
    assert check.scaled_middle(...) is False  # the student edition's placeholder
    passed = json.loads(record.read_text())["passed"]
    assert sorted(passed) == ["min_max_scale", "scaled_middle"]
    assert all(len(t) == len("2026-12-01T10:15:00") for t in passed.values())
    assert "✅ min_max_scale: all" in capsys.readouterr().out


def test_checkers_with_their_own_pass_line_record_too(record):
    xor = {"hidden": [([1, 1], -0.5), ([-1, -1], 1.5)], "output": ([1, 1], -1.5)}
    assert check.xor_network(xor) is True
    assert check.sgd_train_step(nb09._reference_step) is True
    assert sorted(progress.load(record)) == ["sgd_train_step", "xor_network"]


def test_recording_never_breaks_a_check(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "a_file"
    blocker.write_text("")
    monkeypatch.setenv(progress.ENV, str(blocker / "progress.json"))  # its folder is a file
    monkeypatch.setattr(progress, "_warned", False)
    with pytest.warns(
        UserWarning, match=r"progress not recorded: cannot write .*DLCOURSE_PROGRESS"
    ):
        assert check.scaled_middle(0.5) is True
    assert "✅ scaled_middle: correct." in capsys.readouterr().out
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # warned once: the second pass is silent
        assert check.min_max_scale(_min_max_scale) is True
    assert list(tmp_path.iterdir()) == [blocker]


def test_an_unreadable_record_is_started_again(record):
    record.write_text("{not json")
    assert progress.load(record) == {}
    assert check.scaled_middle(0.5) is True
    assert list(progress.load(record)) == ["scaled_middle"]
    assert not list(record.parent.glob("*.tmp"))


def test_the_table_counts_every_exercise_of_every_notebook():
    found = progress.notebooks()
    names = [name for _, exercises in found for name in exercises]
    assert sorted(names) == check.exercises()
    stems = [p.stem for p in sorted((ROOT / "notebooks").glob("*.ipynb"))]
    assert [title for title, _ in found] == stems
    table = progress.table({"scaled_middle": "t", "min_max_scale": "t", "neuron_forward": "t"})
    rows = {line.split()[0]: line for line in table.splitlines()}
    assert rows["00_start_here"].split()[1:] == ["2", "/", "2", "-"]
    assert rows["03_neurons"].split()[1:] == ["1", "/", "3", "logic_gates,", "xor_network"]
    assert rows["total"].split()[1:] == ["3", "/", str(len(names))]


def test_dlcourse_progress_prints_the_table(record):
    assert check.scaled_middle(0.5) is True
    env = {**os.environ, progress.ENV: str(record)}
    proc = subprocess.run(
        [sys.executable, "-m", "dlcourse", "progress"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    assert "00_start_here" in proc.stdout and "1 / 2" in proc.stdout
    assert f"recorded in {record}" in proc.stdout
    env[progress.ENV] = str(record.parent / "none.json")
    proc = subprocess.run(
        [sys.executable, "-m", "dlcourse", "progress"], capture_output=True, text=True, env=env
    )
    assert proc.returncode == 0 and "no exercise has passed yet" in proc.stdout


def test_by_default_progress_lives_in_the_course_folder(tmp_path, monkeypatch):
    monkeypatch.delenv(progress.ENV, raising=False)
    course = tmp_path / "course"
    (course / "dlcourse").mkdir(parents=True)
    (course / "dlcourse" / "__init__.py").write_text("")
    (course / "pyproject.toml").write_text("")
    (course / "student").mkdir()
    monkeypatch.chdir(course / "student")  # a kernel runs in the notebook's folder
    assert progress.progress_path() == course / progress.FILENAME
    monkeypatch.chdir(tmp_path)  # no course folder above: the current folder
    assert progress.progress_path() == tmp_path / progress.FILENAME


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_the_record_is_ignored_by_git():
    proc = subprocess.run(
        ["git", "check-ignore", "-q", progress.FILENAME], cwd=ROOT, capture_output=True
    )
    if proc.returncode == 128:
        pytest.skip("not a git checkout")
    assert proc.returncode == 0, f"{progress.FILENAME} is not in .gitignore"
