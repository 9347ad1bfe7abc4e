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
import re
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


GUIDES = [HERE.parent / "docs" / "instructor-guide.md", HERE.parent / "docs" / "learner-guide.md"]
START, END = "<!-- timings:start -->", "<!-- timings:end -->"


def notebook_times(results: str) -> dict[str, float]:
    """Notebook name -> measured execution time (s), read from results.md's table."""
    found = re.findall(r"^\| execute (\d\d_\w+) \| ([0-9.]+) \| s \|", results, re.M)
    return {name: float(value) for name, value in found}


def timings_table(results: str) -> str:
    times = notebook_times(results)
    lines = ["| notebook | run time (measured, `make bench`) |", "|---|---|"]
    lines += [f"| {name} | {seconds:.0f} s |" for name, seconds in times.items()]
    lines.append(f"| all eleven | {sum(times.values()):.0f} s |")
    return "\n".join(lines)


def update_guides(results: str) -> None:
    """Copy the measured notebook times into the guides' marked tables (between START and END)."""
    if not notebook_times(results):
        return
    for guide in GUIDES:
        if not guide.exists() or START not in guide.read_text():
            continue
        text = guide.read_text(encoding="utf-8")
        head, rest = text.split(START, 1)
        _, tail = rest.split(END, 1)
        guide.write_text(f"{head}{START}\n{timings_table(results)}\n{END}{tail}", encoding="utf-8")


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
    results = HERE / "results.md"
    if only and results.exists():
        # A partial run keeps the sections of the benchmarks it did not run.
        old = results.read_text(encoding="utf-8")
        kept = [s for s in re.split(r"(?m)^(?=## )", old)[1:] if s.split(":", 1)[0][3:] not in only]
        lines += [k.rstrip("\n") + "\n" for k in kept]
    results.write_text("\n".join(lines), encoding="utf-8")
    update_guides(results.read_text(encoding="utf-8"))
    print(results.read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
