"""Installs: the offline wheelhouse install of a fresh clone, and the dependency floors run.

Both are slow (minutes, a 0.7 GB download), so this module only reads what ``make test-offline``
and ``make test-floors`` measured and recorded in benchmarks/install_record.json
(tools/install_checks.py); each row says the date and the commit or pins it was measured with.
"""

from __future__ import annotations

import json
from pathlib import Path

RECORD = Path(__file__).with_name("install_record.json")


def _offline_rows(r: dict) -> list[dict]:
    where = f"{r['platform']}, Python {r['python']}, commit {r['commit']}, {r['date']}"
    if "load_average" in r:
        where += f", load average {r['load_average']} (a shared machine)"
    outcome = "passed" if r["passed"] else "**failed**"
    return [
        {
            "name": "wheelhouse size",
            "value": r["wheelhouse_mb"],
            "unit": "MB",
            "note": f"{r['wheels']} wheels (`make wheelhouse`), {where}",
        },
        {
            "name": "offline install of a fresh clone",
            "value": r["install_seconds"],
            "unit": "s",
            "note": f"`make venv` under `unshare -n` ({r['network']}), from wheelhouse/ only: "
            f"{outcome}; {r['imports']}",
        },
        {
            "name": "learner's .venv after the install",
            "value": r["venv_mb"],
            "unit": "MB",
            "note": "runtime dependencies only (no dev extras)",
        },
    ]


def _floors_rows(label: str, r: dict) -> list[dict]:
    rows = [
        {
            "name": f"{label}: install",
            "value": r["install"]["seconds"],
            "unit": "s",
            "note": f"{r['platform']}, Python {r['python']}, {r['date']}, load average "
            f"{r.get('load_average', '?')}; commit {r.get('commit', '?')}; pins: {' '.join(r['pins'])}",
        }
    ]
    if "finding" in r:
        rows[0]["note"] += f". Finding: {r['finding']}"
    for step in ("unit", "doctests", "nbval", "browser"):
        if step not in r:
            continue
        s = r[step]
        failed = s["failures"] + s["errors"]
        outcome = "passed" if s["passed"] else f"**{failed} failed**"
        rows.append(
            {
                "name": f"{label}: {step}" + ("" if step == "doctests" else " tests"),
                "value": s["tests"] - failed - s["skipped"],
                "unit": "passed",
                "note": f"of {s['tests']} ({s['skipped']} skipped), {s['seconds']:.0f} s: {outcome}",
            }
        )
    return rows


def run() -> list[dict]:
    if not RECORD.exists():
        return [
            {
                "name": "no install record",
                "value": 0,
                "unit": "",
                "note": "run `make test-offline` and `make test-floors`",
            }
        ]
    record = json.loads(RECORD.read_text(encoding="utf-8"))
    rows = _offline_rows(record["offline"]) if "offline" in record else []
    for key in sorted(k for k in record if k.startswith("floors")):
        rows += _floors_rows(key, record[key])
    return rows
