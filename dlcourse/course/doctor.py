"""``dlcourse doctor``: the pre-flight check an instructor asks a room to run before a workshop.

It prints one table (Python, each dependency's installed vs required version, the JupyterLab widgets
extension, TensorFlow and its devices, matplotlib rendering, the notebooks folder) and, for each
problem, one line saying how to fix it. Exit code 0 when all is well, 1 otherwise.

Introduced in notebook 00_start_here.
"""

from __future__ import annotations

import importlib.metadata as md
import re
import subprocess
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
INSTALL_FIX = "run `make lab` (or `pip install -e .`) from the course folder"


@dataclass
class Row:
    """One line of the doctor's table."""

    check: str
    found: str
    ok: bool
    fix: str = ""


def _version_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(p) for p in re.findall(r"\d+", text)[:3])


def requirements() -> list[tuple[str, str]]:
    """(name, minimum version) for each runtime dependency, read from the installed metadata."""
    try:
        reqs = md.requires("dlcourse") or []
    except md.PackageNotFoundError:
        reqs = []
    out = []
    for req in reqs:
        if "extra ==" in req:
            continue
        m = re.match(r"\s*([A-Za-z0-9_.\-]+)\s*(?:>=\s*([0-9.]+))?", req)
        if m:
            out.append((m.group(1), m.group(2) or "0"))
    return out


def check_python(version: tuple[int, int, int] | None = None) -> Row:
    v = version or sys.version_info[:3]
    text = ".".join(str(p) for p in v)
    ok = (3, 11) <= tuple(v[:2]) < (3, 14)
    return Row(
        "Python", f"{text} (need 3.11-3.13)", ok, "" if ok else "install Python 3.11, 3.12 or 3.13"
    )


def check_dependency(name: str, minimum: str, version_of: Callable[[str], str] = md.version) -> Row:
    try:
        installed = version_of(name)
    except md.PackageNotFoundError:
        return Row(
            name, f"missing (need >= {minimum})", False, f"{name} is not installed: {INSTALL_FIX}"
        )
    ok = _version_tuple(installed) >= _version_tuple(minimum)
    fix = "" if ok else f"{name} {installed} is too old: pip install --upgrade '{name}>={minimum}'"
    return Row(name, f"{installed} (need >= {minimum})", ok, fix)


def check_widgets_extension(version_of: Callable[[str], str] = md.version) -> Row:
    try:
        version = version_of("jupyterlab_widgets")
    except md.PackageNotFoundError:
        return Row(
            "JupyterLab widgets extension",
            "missing",
            False,
            "widgets will show as plain text: pip install 'jupyterlab_widgets>=3' "
            "(it comes with ipywidgets 8), then restart JupyterLab",
        )
    return Row("JupyterLab widgets extension", f"jupyterlab_widgets {version}", True)


def check_tensorflow(python: str = sys.executable) -> Row:
    """Import TensorFlow in a child process (it takes seconds and must not load into the doctor)."""
    code = (
        "import os; os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '3');"
        "import tensorflow as tf;"
        "print(tf.__version__, ','.join(d.device_type for d in tf.config.list_physical_devices()))"
    )
    try:
        proc = subprocess.run([python, "-c", code], capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        return Row(
            "TensorFlow",
            "import timed out after 120 s",
            False,
            "check that the machine is not out of memory",
        )
    except OSError as exc:  # no processes at all, as in the browser edition (Pyodide)
        return Row(
            "TensorFlow",
            f"cannot start Python to check it ({exc.__class__.__name__})",
            False,
            "TensorFlow needs the full install (make lab); a browser (Pyodide) cannot run it",
        )
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["unknown error"])[-1]
        return Row(
            "TensorFlow",
            f"import failed: {last[:80]}",
            False,
            f"reinstall TensorFlow: {INSTALL_FIX}",
        )
    version, devices = (
        proc.stdout.strip().split(maxsplit=1)
        if " " in proc.stdout.strip()
        else (proc.stdout.strip(), "")
    )
    return Row("TensorFlow", f"{version}, devices: {devices or 'none'}", True)


def check_matplotlib() -> Row:
    try:
        import matplotlib

        matplotlib.use("Agg", force=False)
        import io

        import matplotlib.pyplot as plt

        fig, ax = plt.subplots()
        ax.plot([0, 1], [0, 1])
        buf = io.BytesIO()
        fig.savefig(buf, format="png")
        plt.close(fig)
        size = len(buf.getvalue())
    except Exception as exc:  # any failure here is the thing we report
        return Row(
            "matplotlib renders", f"failed: {exc}", False, f"reinstall matplotlib: {INSTALL_FIX}"
        )
    return Row("matplotlib renders", f"yes (a {size}-byte PNG)", size > 0)


def find_notebooks(candidates: Iterable[Path] | None = None) -> Path | None:
    for folder in candidates or [Path.cwd() / "notebooks", Path.cwd(), REPO_ROOT / "notebooks"]:
        if folder.is_dir() and any(folder.glob("00_start_here.ipynb")):
            return folder
    return None


def check_notebooks(candidates: Iterable[Path] | None = None) -> Row:
    folder = find_notebooks(candidates)
    if folder is None:
        return Row(
            "notebooks folder",
            "not found",
            False,
            "run the doctor from the course folder (the one with notebooks/)",
        )
    count = len(list(folder.glob("*.ipynb")))
    return Row("notebooks folder", f"{folder} ({count} notebooks)", True)


def run_checks(include_tensorflow: bool = True) -> list[Row]:
    rows = [check_python()]
    reqs = requirements()
    if not reqs:
        rows.append(Row("dlcourse", "not installed", False, INSTALL_FIX))
    rows += [check_dependency(name, minimum) for name, minimum in reqs]
    rows.append(check_widgets_extension())
    if include_tensorflow:
        rows.append(check_tensorflow())
    rows.append(check_matplotlib())
    rows.append(check_notebooks())
    return rows


def format_table(rows: list[Row]) -> str:
    width_check = max(len(r.check) for r in rows)
    width_found = max(len(r.found) for r in rows)
    lines = [
        f"{'check':<{width_check}}  {'found':<{width_found}}  status",
        "-" * (width_check + width_found + 10),
    ]
    for r in rows:
        lines.append(
            f"{r.check:<{width_check}}  {r.found:<{width_found}}  {'ok' if r.ok else 'PROBLEM'}"
        )
    problems = [r for r in rows if not r.ok]
    lines.append("")
    if problems:
        lines.append(f"{len(problems)} problem(s). To fix:")
        lines += [f"  - {r.check}: {r.fix}" for r in problems]
    else:
        lines.append("All checks passed: this machine is ready for the course.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="dlcourse doctor", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--no-tensorflow", action="store_true", help="skip the (slow) TensorFlow import check"
    )
    args = parser.parse_args(argv)
    rows = run_checks(include_tensorflow=not args.no_tensorflow)
    print(format_table(rows))
    return 0 if all(r.ok for r in rows) else 1
