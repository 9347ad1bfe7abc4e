"""Run every benchmark (``benchmarks/bench_*.py``) and write ``benchmarks/results.md``.

Each benchmark module defines ``run() -> list[dict]``; each dict is one figure with the keys
``name``, ``value`` (a number), ``unit``, and optionally ``target`` (text such as "<= 50 ms"),
``met`` (bool, when there is a target) and ``note``. Benchmarks measure; they never fail a test.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import platform
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def load(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def fmt(value: float) -> str:
    return f"{value:.3g}" if abs(value) < 1000 else f"{value:,.0f}"


def main(argv: list[str]) -> int:
    only = set(argv)
    scripts = sorted(HERE.glob("bench_*.py"))
    sections = []
    for script in scripts:
        if only and script.stem not in only:
            continue
        print(f"running {script.name} ...", flush=True)
        rows = load(script).run()
        sections.append((script.stem, (load(script).__doc__ or "").strip().splitlines()[0], rows))
    lines = [
        "# Benchmark results",
        "",
        f"- Date: {dt.date.today().isoformat()}",
        f"- Machine: {machine()}",
        "- Written by `make bench` (benchmarks/run_all.py). Figures are measurements, not tests.",
        "",
    ]
    for stem, title, rows in sections:
        lines += [
            f"## {stem}: {title}",
            "",
            "| figure | value | unit | target | met | note |",
            "|---|---|---|---|---|---|",
        ]
        for r in rows:
            met = "" if "met" not in r else ("yes" if r["met"] else "**no**")
            lines.append(
                f"| {r['name']} | {fmt(r['value'])} | {r['unit']} | {r.get('target', '')} | {met} | {r.get('note', '')} |"
            )
        lines.append("")
    (HERE / "results.md").write_text("\n".join(lines), encoding="utf-8")
    print((HERE / "results.md").read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
