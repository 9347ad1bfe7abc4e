"""Maintainers' install checks: the dependency floors run and the offline wheelhouse install.

    python tools/install_checks.py floors [--pin NAME==VERSION ...]   # make test-floors
    python tools/install_checks.py offline [--wheelhouse DIR]         # make test-offline

``floors`` builds a separate environment (build/venv-floors) in which every dependency of
pyproject.toml is pinned to its floor (``numpy>=2.0`` becomes ``numpy==2.0``), then runs what
``make unit`` runs (the unit tests and the doctests), strict nbval over every notebook and the
browser tests (widgets rendered by JupyterLab in
Chromium) under it. ``--pin`` tries another stack without editing pyproject.toml (for example
TensorFlow 2.16.2, the last one with an Intel-Mac wheel).

``offline`` clones this repository (its last commit) into a temporary folder and installs it from a
wheelhouse (``make wheelhouse``) into a new environment with the network cut off (``unshare -n``:
Linux, as root) and pip's own configuration ignored, then imports dlcourse and TensorFlow.

Both write what they measured to benchmarks/install_record.json, which benchmarks/bench_install.py
reads, so ``make bench`` reports these slow runs without repeating them. Standard library only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RECORD = ROOT / "benchmarks" / "install_record.json"
FLOORS_VENV = ROOT / "build" / "venv-floors"
# The same environment as the Makefile gives every kernel and test.
TEST_ENV = {"TF_CPP_MIN_LOG_LEVEL": "3", "TF_ENABLE_ONEDNN_OPTS": "0", "PYTHONHASHSEED": "0"}
NBVAL = [
    "-m",
    "pytest",
    "-q",
    "-p",
    "no:randomly",
    "--nbval",
    "--nbval-sanitize-with",
    "tests/nbval_sanitize.cfg",
    "--nbval-kernel-name",
    "python3",
    "notebooks",
]
DOCTESTS = [
    "-m",
    "pytest",
    "-q",
    "-p",
    "no:randomly",
    "--doctest-modules",
    "dlcourse",
    "-o",
    "doctest_optionflags=NORMALIZE_WHITESPACE NUMBER ELLIPSIS",
]


def floor_pins(pyproject: Path = ROOT / "pyproject.toml") -> list[str]:
    """``name==floor`` for each runtime dependency of pyproject.toml (each must read ``name>=X``)."""
    deps = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"]
    pins = []
    for req in deps:
        m = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)\s*>=\s*([0-9][0-9.]*)\s*", req)
        if not m:
            raise ValueError(
                f"dependency {req!r} in pyproject.toml: expected a floor 'name>=version' "
                "(the floors run pins each dependency to its floor)"
            )
        pins.append(f"{m.group(1)}=={m.group(2)}")
    return pins


def override(pins: list[str], extra: list[str]) -> list[str]:
    """Replace the pin of each package named in ``extra`` (``NAME==VERSION``), or add it."""

    def name(pin: str) -> str:
        return re.sub(r"[-_.]+", "-", pin.split("==")[0]).lower()

    for pin in extra:
        if "==" not in pin:
            raise ValueError(
                f"--pin {pin!r}: expected NAME==VERSION, for example tensorflow==2.16.2"
            )
    replaced = {name(p) for p in extra}
    return [p for p in pins if name(p) not in replaced] + list(extra)


def _write_record(key: str, value: dict) -> None:
    record = json.loads(RECORD.read_text(encoding="utf-8")) if RECORD.exists() else {}
    record[key] = value
    RECORD.write_text(json.dumps(record, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"recorded {key} in {RECORD.relative_to(ROOT)}")


def _junit_counts(path: Path) -> dict:
    if not path.exists():
        return {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    root = ET.parse(path).getroot()
    suite = root if root.tag == "testsuite" else root.find("testsuite")
    return {k: int(suite.get(k, 0)) for k in ("tests", "failures", "errors", "skipped")}


def _step(python: Path, args: list[str], junit: Path) -> dict:
    start = time.perf_counter()
    env = {**os.environ, **TEST_ENV}
    proc = subprocess.run([str(python), *args, f"--junitxml={junit}"], cwd=ROOT, env=env)
    counts = _junit_counts(junit)
    return {
        **counts,
        "passed": proc.returncode == 0,
        "seconds": round(time.perf_counter() - start, 1),
    }


def floors(extra: list[str]) -> int:
    pins = override(floor_pins(), extra)
    build = ROOT / "build"
    build.mkdir(exist_ok=True)
    constraints = build / "floors-constraints.txt"
    constraints.write_text("\n".join(pins) + "\n", encoding="utf-8")
    print("floors:", " ".join(pins), flush=True)
    shutil.rmtree(FLOORS_VENV, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(FLOORS_VENV)], check=True)
    python = FLOORS_VENV / "bin" / "python"
    start = time.perf_counter()
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "-c", str(constraints), "-e", ".[dev]"], cwd=ROOT
    )
    install_seconds = round(time.perf_counter() - start, 1)
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    result = {
        "date": dt.date.today().isoformat(),
        "commit": commit or "(not a git checkout)",
        "python": platform.python_version(),
        "platform": f"{platform.system()} {platform.machine()}",
        "pins": pins,
        "install": {"passed": install.returncode == 0, "seconds": install_seconds},
    }
    if install.returncode == 0:
        listed = subprocess.run(
            [str(python), "-m", "pip", "list", "--format=json"], capture_output=True, text=True
        )
        wanted = {re.sub(r"[-_.]+", "-", p.split("==")[0]).lower() for p in pins}
        wanted |= {"keras", "jupyterlab-widgets", "nbval", "ipykernel"}
        result["installed"] = {
            p["name"]: p["version"]
            for p in json.loads(listed.stdout)
            if re.sub(r"[-_.]+", "-", p["name"]).lower() in wanted
        }
        # What `make unit` runs: the tests (not the browser and site ones), then the doctests.
        result["unit"] = _step(
            python,
            ["-m", "pytest", "-q", "tests", "--ignore=tests/browser", "--ignore=tests/site"],
            build / "floors-unit.xml",
        )
        result["doctests"] = _step(python, DOCTESTS, build / "floors-doctests.xml")
        result["nbval"] = _step(python, NBVAL, build / "floors-nbval.xml")
        result["browser"] = _step(
            python, ["-m", "pytest", "-q", "tests/browser"], build / "floors-browser.xml"
        )
    stages = ("install", "unit", "doctests", "nbval", "browser")
    steps = [result[k] for k in stages if k in result]
    result["passed"] = len(steps) == len(stages) and all(s["passed"] for s in steps)
    result["load_average"] = round(os.getloadavg()[0], 1)  # the machine may be shared
    _write_record("floors" if not extra else "floors " + " ".join(extra), result)
    print(json.dumps(result, indent=2))
    return 0 if result["passed"] else 1


def _size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


NO_NETWORK_CHECK = (
    "import socket\n"
    "try:\n"
    "    socket.create_connection(('pypi.org', 443), timeout=5)\n"
    "except OSError as e:\n"
    "    print('no network:', type(e).__name__)\n"
    "else:\n"
    "    raise SystemExit('the network is reachable: this would not be an offline test')\n"
)
IMPORT_CHECK = (
    "import dlcourse, keras, tensorflow as tf;"
    "print('dlcourse', dlcourse.__version__, 'tensorflow', tf.__version__, 'keras', keras.__version__)"
)


def offline(wheelhouse: Path) -> int:
    """``make venv`` in a fresh clone, from ``wheelhouse`` only, with no network (``unshare -n``)."""
    wheels = sorted(wheelhouse.glob("*.whl"))
    if not wheels:
        raise SystemExit(f"no wheels in {wheelhouse}: run `make wheelhouse` first")
    if subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode != 0:
        raise SystemExit("`unshare -n` failed: the offline test needs Linux and root")
    with tempfile.TemporaryDirectory(prefix="dlcourse-offline-") as tmp:
        clone = Path(tmp) / "course"
        subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
        commit = subprocess.run(
            ["git", "-C", str(clone), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
        ).stdout.strip()
        shutil.copytree(wheelhouse, clone / "wheelhouse")  # as a learner copies it from a USB stick
        # Only the wheelhouse: no pip configuration file, no PIP_* variables (find-links, indexes).
        env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
        env["PIP_CONFIG_FILE"] = os.devnull
        offline_run = ["unshare", "-n", "--"]
        check = subprocess.run(
            [*offline_run, sys.executable, "-c", NO_NETWORK_CHECK], capture_output=True, text=True
        )
        if check.returncode != 0:
            raise SystemExit(check.stderr or check.stdout)
        print(check.stdout.strip(), flush=True)
        start = time.perf_counter()
        install = subprocess.run(
            [*offline_run, "make", "-C", str(clone), "venv", f"PYTHON={sys.executable}"], env=env
        )
        seconds = round(time.perf_counter() - start, 1)
        imports = subprocess.run(
            [*offline_run, str(clone / ".venv" / "bin" / "python"), "-c", IMPORT_CHECK],
            capture_output=True,
            text=True,
            env={**env, **TEST_ENV},
        )
        print(imports.stdout.strip(), imports.stderr.strip()[-2000:], flush=True)
        venv = clone / ".venv"
        result = {
            "date": dt.date.today().isoformat(),
            "commit": commit,
            "python": platform.python_version(),
            "platform": f"{platform.system()} {platform.machine()}",
            "network": check.stdout.strip(),
            "wheels": len(wheels),
            "wheelhouse_mb": round(_size(wheelhouse) / 1e6),
            "install_seconds": seconds,
            "venv_mb": round(_size(venv) / 1e6) if venv.exists() else None,
            "imports": imports.stdout.strip(),
            "passed": install.returncode == 0 and imports.returncode == 0,
            "load_average": round(os.getloadavg()[0], 1),  # the machine may be shared
        }
    _write_record("offline", result)
    print(json.dumps(result, indent=2))
    return 0 if result["passed"] else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    f = sub.add_parser("floors", help="unit tests, nbval and browser tests with the floor versions")
    f.add_argument("--pin", action="append", default=[], help="NAME==VERSION to try instead")
    o = sub.add_parser("offline", help="install a fresh clone from the wheelhouse, no network")
    o.add_argument("--wheelhouse", type=Path, default=ROOT / "wheelhouse")
    args = parser.parse_args(argv)
    if args.command == "floors":
        return floors(args.pin)
    return offline(args.wheelhouse.resolve())


if __name__ == "__main__":
    sys.exit(main())
