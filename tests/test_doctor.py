"""dlcourse doctor: a passing and a failing environment."""

from __future__ import annotations

import importlib.metadata as md
import subprocess
import sys
from pathlib import Path

from dlcourse.course import doctor

ROOT = Path(__file__).resolve().parents[1]


def test_doctor_passes_in_the_course_environment():
    proc = subprocess.run(
        [sys.executable, "-m", "dlcourse", "doctor"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for word in (
        "Python",
        "numpy",
        "tensorflow",
        "JupyterLab widgets extension",
        "matplotlib renders",
    ):
        assert word in proc.stdout
    assert "All checks passed" in proc.stdout


def test_doctor_fails_with_one_fix_line_per_problem(tmp_path):
    rows = [
        doctor.check_python((3, 10, 4)),
        doctor.check_dependency("numpy", "99.0"),
        doctor.check_dependency("no-such-package-xyz", "1.0"),
        doctor.check_widgets_extension(version_of=_missing),
        doctor.check_notebooks([tmp_path]),
    ]
    assert not any(r.ok for r in rows)
    table = doctor.format_table(rows)
    assert "5 problem(s)" in table
    fixes = [line for line in table.splitlines() if line.startswith("  - ")]
    assert len(fixes) == 5
    assert "Python 3.11, 3.12 or 3.13" in fixes[0]
    assert "pip install --upgrade 'numpy>=99.0'" in fixes[1]
    assert "no-such-package-xyz is not installed" in fixes[2]
    assert "jupyterlab_widgets" in fixes[3]
    assert "course folder" in fixes[4]


def test_doctor_exit_code_is_one_when_a_check_fails(monkeypatch, capsys):
    monkeypatch.setattr(
        doctor, "check_notebooks", lambda: doctor.Row("notebooks folder", "not found", False, "cd")
    )
    assert doctor.main(["--no-tensorflow"]) == 1
    assert "PROBLEM" in capsys.readouterr().out


def test_tensorflow_check_reports_a_broken_import(tmp_path):
    fake = tmp_path / "python"
    fake.write_text("#!/bin/sh\necho 'ImportError: libtensorflow.so missing' >&2\nexit 1\n")
    fake.chmod(0o755)
    row = doctor.check_tensorflow(python=str(fake))
    assert not row.ok and "libtensorflow.so" in row.found and "reinstall" in row.fix


def test_requirements_come_from_the_installed_metadata():
    names = {name for name, _ in doctor.requirements()}
    assert {"numpy", "tensorflow", "ipywidgets", "jupyterlab"} <= names


def _missing(name):
    raise md.PackageNotFoundError(name)
