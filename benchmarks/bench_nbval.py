"""Strict nbval wall time: `make nbval` (default kernels) and `make test-portable` (other kernels)."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

RUNS = [
    ("make nbval", "default numerical kernels"),
    ("make test-portable", "the Makefile's PORTABLE_ENV: OpenBLAS Prescott, NumPy without X86_V3"),
]


def run() -> list[dict]:
    rows = []
    for command, kernels in RUNS:
        start = time.perf_counter()
        done = subprocess.run(command.split() + ["-s"], cwd=ROOT, capture_output=True, text=True)
        seconds = time.perf_counter() - start
        tail = (done.stdout.strip().splitlines() or ["(no output)"])[-1]
        rows.append(
            {
                "name": f"`{command}`, all notebooks",
                "value": seconds,
                "unit": "s",
                "note": f"{kernels}; {'passed' if done.returncode == 0 else 'FAILED'}: {tail}; "
                f"load average {os.getloadavg()[0]:.1f} at the end",
            }
        )
    return rows
