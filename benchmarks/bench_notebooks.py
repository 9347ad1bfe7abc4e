"""Start-up and notebook execution times: `import dlcourse`, and each notebook in a fresh kernel."""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def import_time(repeats: int = 7) -> float:
    """Median wall time of `python -c "import dlcourse"` minus that of a bare `python -c pass`."""

    def median_run(code: str) -> float:
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True)
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    return median_run("import dlcourse") - median_run("pass")


def run() -> list[dict]:
    from dlcourse.course import runner

    rows = [
        {
            "name": "`import dlcourse` (above a bare interpreter start)",
            "value": import_time() * 1000,
            "unit": "ms",
            "note": "median of 7 fresh interpreters; TensorFlow is not imported",
        }
    ]
    total = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
            copy = Path(tmp) / path.name
            shutil.copy(path, copy)
            seconds = runner.execute(copy)
            total += seconds
            rows.append(
                {
                    "name": f"execute {path.stem}",
                    "value": seconds,
                    "unit": "s",
                    "target": "<= 60 s",
                    "met": seconds <= 60,
                    "note": "fresh kernel, top to bottom (kernel start excluded)",
                }
            )
    rows.append(
        {
            "name": "execute the whole series",
            "value": total,
            "unit": "s",
            "target": "<= 240 s",
            "met": total <= 240,
            "note": "sum of the notebooks above",
        }
    )
    return rows
