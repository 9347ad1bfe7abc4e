"""The pre-flight check: runs with a bare Python before anything is installed; its decision table."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from dlcourse.course import preflight
from dlcourse.course.preflight import Facts

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "dlcourse" / "course" / "preflight.py"


def facts(**changes) -> Facts:
    """A laptop that passes every check, with ``changes`` applied."""
    base = dict(
        system="Linux",
        machine="x86_64",
        python=(3, 12, 3),
        free_disk_gb=50.0,
        memory_gb=16.0,
        avx=True,
    )
    return Facts(**{**base, **changes})


def by_name(f: Facts) -> dict[str, preflight.Check]:
    return {c.name: c for c in preflight.run_checks(f)}


PLATFORM = f"TensorFlow {preflight.TENSORFLOW_FLOOR}+ wheel"


def test_runs_as_a_file_with_a_bare_interpreter_and_no_site_packages():
    # -I -S: no site-packages (so no numpy, no installed dlcourse), script directory not on the path.
    proc = subprocess.run(
        [sys.executable, "-I", "-S", "-X", "importtime", str(SCRIPT)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    imported = re.findall(r"\|\s+(\S+)\s*$", proc.stderr, re.M)
    assert not [m for m in imported if m.split(".")[0] in ("dlcourse", "numpy")], imported
    for name in ("Python", "venv (ensurepip)", PLATFORM, "CPU instructions", "free disk", "memory"):
        assert re.search(rf"^{re.escape(name)}\s", proc.stdout, re.M), proc.stdout
    assert proc.returncode == (1 if re.search(r"PROBLEM$", proc.stdout, re.M) else 0)


def test_imports_only_the_standard_library_and_parses_as_python_3_7():
    tree = ast.parse(SCRIPT.read_text(encoding="utf-8"), feature_version=(3, 7))
    modules = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            modules.add(node.module.split(".")[0])
    assert modules <= set(sys.stdlib_module_names), modules - set(sys.stdlib_module_names)


def test_python_range_and_tensorflow_floor_match_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    low, high = re.fullmatch(r">=3\.(\d+),<3\.(\d+)", project["requires-python"]).groups()
    assert preflight.PYTHONS == tuple((3, m) for m in range(int(low), int(high)))
    tf = next(r for r in project["dependencies"] if r.startswith("tensorflow"))
    assert tf == f"tensorflow>={preflight.TENSORFLOW_FLOOR}"


def test_a_supported_laptop_passes_every_check():
    checks = preflight.run_checks(facts())
    assert [c.status for c in checks] == ["ok"] * len(checks)
    assert preflight.main(facts()) == 0


@pytest.mark.parametrize(
    "system, machine",
    [("Linux", "x86_64"), ("Linux", "aarch64"), ("Darwin", "arm64"), ("Windows", "AMD64")],
)
@pytest.mark.parametrize("python", [(3, 11, 9), (3, 12, 0), (3, 13, 1)])
def test_platforms_with_tensorflow_wheels(system, machine, python):
    assert by_name(facts(system=system, machine=machine, python=python))[PLATFORM].status == "ok"


@pytest.mark.parametrize(
    "changes, fix_says",
    [
        (dict(system="Darwin", machine="x86_64"), "2.16.2"),
        (dict(system="Darwin", machine="x86_64", rosetta=True), "arm64"),
        (dict(system="Windows", machine="ARM64"), "WSL"),
        (dict(system="Windows", machine="AMD64", pointer_bits=32), "64-bit"),
        (dict(system="Linux", machine="armv7l"), "Colab"),
        (dict(system="Linux", machine="x86_64", python=(3, 14, 0)), "3.10-3.13"),
        (dict(system="Darwin", machine="arm64", mac_version=(11, 7)), "macOS 12"),
    ],
)
def test_platforms_without_a_tensorflow_wheel_block_with_a_fix(changes, fix_says):
    check = by_name(facts(**changes))[PLATFORM]
    assert check.status == "PROBLEM"
    assert fix_says in check.fix
    assert preflight.main(facts(**changes)) == 1


def test_python_3_10_blocks_with_the_ubuntu_fix_though_tensorflow_has_a_wheel():
    checks = by_name(facts(python=(3, 10, 12)))
    assert checks["Python"].status == "PROBLEM"
    assert "Ubuntu 22.04" in checks["Python"].fix and "python3.11-venv" in checks["Python"].fix
    assert checks[PLATFORM].status == "ok"
    assert (
        "python.org"
        in by_name(facts(system="Darwin", machine="arm64", python=(3, 9, 6)))["Python"].fix
    )


def test_python_3_14_blocks():
    assert by_name(facts(python=(3, 14, 0)))["Python"].status == "PROBLEM"


def test_missing_ensurepip_names_the_debian_package():
    check = by_name(facts(python=(3, 12, 3), has_ensurepip=False))["venv (ensurepip)"]
    assert check.status == "PROBLEM" and "python3.12-venv" in check.fix


def test_cpu_without_avx_blocks_and_unknown_or_arm_does_not():
    assert by_name(facts(avx=False))["CPU instructions"].status == "PROBLEM"
    assert by_name(facts(avx=None))["CPU instructions"].status == "ok"
    assert by_name(facts(machine="aarch64", avx=False))["CPU instructions"].status == "ok"


@pytest.mark.parametrize(
    "free, status", [(preflight.DISK_NEED_GB, "ok"), (preflight.DISK_NEED_GB - 0.5, "PROBLEM")]
)
def test_disk_need(free, status):
    check = by_name(facts(free_disk_gb=free))["free disk"]
    assert check.status == status
    assert f"need {preflight.DISK_NEED_GB:.0f} GB" in check.found


@pytest.mark.parametrize("memory, status", [(8.0, "ok"), (3.0, "warning"), (1.5, "PROBLEM")])
def test_memory(memory, status):
    assert by_name(facts(memory_gb=memory))["memory"].status == status


def test_a_warning_alone_does_not_fail_and_every_problem_gets_one_fix_line():
    assert preflight.main(facts(memory_gb=3.0)) == 0
    report = preflight.format_report(
        preflight.run_checks(facts(python=(3, 14, 0), free_disk_gb=1.0, memory_gb=3.0))
    )
    assert "3 blocking problem(s), 1 warning(s)" in report
    fixes = re.findall(r"^  - (.+?): ", report, re.M)
    assert fixes == ["Python", PLATFORM, "free disk", "memory"]
    assert "Ready to install" not in report


@pytest.mark.parametrize(
    "machine, expected",
    [("AMD64", "x86_64"), ("x86_64", "x86_64"), ("arm64", "arm64"), ("aarch64", "aarch64")],
)
def test_normalize_machine(machine, expected):
    assert preflight.normalize_machine(machine) == expected
