"""tools/install_checks.py (the floors pins) and benchmarks/bench_install.py (its report)."""

from __future__ import annotations

import importlib.util
import json
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _load(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


checks = _load(ROOT / "tools" / "install_checks.py")
bench = _load(ROOT / "benchmarks" / "bench_install.py")


def test_floor_pins_pin_each_dependency_of_pyproject_to_its_floor():
    pins = checks.floor_pins()
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    assert [p.replace("==", ">=") for p in pins] == deps


def test_floor_pins_reject_a_dependency_without_a_floor(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\ndependencies = ["numpy>=2.0", "keras"]\n', encoding="utf-8"
    )
    with pytest.raises(ValueError, match=r"'keras'.*expected a floor 'name>=version'"):
        checks.floor_pins(tmp_path / "pyproject.toml")


def test_override_replaces_a_pin_by_canonical_name_and_adds_new_ones():
    pins = ["numpy==2.0", "scikit-learn==1.5"]
    assert checks.override(pins, ["scikit_learn==1.6", "ml-dtypes==0.3.2"]) == [
        "numpy==2.0",
        "scikit_learn==1.6",
        "ml-dtypes==0.3.2",
    ]
    with pytest.raises(ValueError, match="NAME==VERSION"):
        checks.override(pins, ["numpy>=2"])


def test_bench_reports_each_step_of_a_recorded_floors_run(tmp_path, monkeypatch):
    step = {"tests": 10, "failures": 1, "errors": 0, "skipped": 2, "passed": False, "seconds": 5.0}
    record = {
        "floors": {
            "date": "2026-12-01",
            "python": "3.11.7",
            "platform": "Linux x86_64",
            "pins": ["numpy==2.0"],
            "install": {"passed": True, "seconds": 60.0},
            "unit": step,
        }
    }
    monkeypatch.setattr(bench, "RECORD", tmp_path / "install_record.json")
    bench.RECORD.write_text(json.dumps(record))
    rows = bench.run()
    assert [r["name"] for r in rows] == ["floors: install", "floors: unit tests"]
    assert rows[1]["value"] == 7 and "**1 failed**" in rows[1]["note"]
