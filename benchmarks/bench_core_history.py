"""Core speed before and after the consolidation: one training epoch, first edition vs this tree.

Issue 12 moved the core's pieces (validators, registries, the training loop into ``training.py``)
and asked for no slowdown beyond 10%. This benchmark keeps that promise measurable: it extracts the
package as it was at the first edition's landing (commit ``BEFORE``, with ``git archive``, so it
needs this repository's history and nothing else) and times the same epoch with both packages.

The epoch: the 1797 digits images, Dense(128, relu) -> Dense(64, relu) -> Dense(10, softmax), Adam,
sparse categorical cross-entropy, ``fit(..., epochs=1)`` at batch 32 and 256, after one warm-up
epoch; each figure is the median of 7 epochs of this process's CPU time (less sensitive to other
jobs on a shared machine than the wall clock). Each side runs in its own fresh interpreter, in
rounds that alternate which side goes first; the slowdown is the median over the rounds of
(after / before), so a busy spell hits both sides of a round alike.

Run: ``.venv/bin/python benchmarks/run_all.py bench_core_history``.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BEFORE = "4ff9622"  # the first edition's landing: the package before the consolidation
ROUNDS = 12
BATCH_SIZES = (32, 256)
TARGET = 1.10

# Only the public API both packages share (keyword arguments after ``y``).
EPOCH_TIMES = """
import time
import numpy as np
from sklearn.datasets import load_digits
from dlcourse import optimizers
from dlcourse.layers import Dense
from dlcourse.nn import Sequential

X, y = load_digits(return_X_y=True)
X = X / 16.0
out = []
for batch in BATCH_SIZES:
    net = Sequential([Dense(128, activation="relu", seed=0), Dense(64, activation="relu", seed=1),
                      Dense(10, activation="softmax", seed=2)])
    opt = optimizers.Adam()
    fit = dict(loss="sparse_categorical_crossentropy", optimizer=opt, epochs=1, batch_size=batch)
    net.fit(X, y, seed=0, **fit)  # warm-up
    times = []
    for i in range(7):
        start = time.process_time()
        net.fit(X, y, seed=i, **fit)
        times.append(time.process_time() - start)
    out.append(float(np.median(times)))
print(" ".join(repr(t) for t in out))
"""


def _extract_before(folder: Path) -> Path:
    """The package at ``BEFORE``, written under ``folder`` (returned: the folder to import from)."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", BEFORE, "dlcourse"], capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def _epoch_seconds(package_parent: Path) -> list[float]:
    """Median CPU seconds per epoch at each batch size, in a fresh interpreter."""
    env = {**os.environ, "PYTHONPATH": str(package_parent)}
    code = f"BATCH_SIZES = {BATCH_SIZES!r}\n{EPOCH_TIMES}"
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=package_parent, capture_output=True, text=True,
        check=True,
    )  # fmt: skip
    return [float(t) for t in done.stdout.split()]


def run() -> list[dict]:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    with tempfile.TemporaryDirectory() as tmp:
        sides = {"before": _extract_before(Path(tmp)), "after": ROOT}
        times: dict[str, list[list[float]]] = {"before": [], "after": []}
        for r in range(ROUNDS):
            for side in ("before", "after") if r % 2 == 0 else ("after", "before"):
                times[side].append(_epoch_seconds(sides[side]))
    rows = []
    for i, bs in enumerate(BATCH_SIZES):
        before = [t[i] for t in times["before"]]
        after = [t[i] for t in times["after"]]
        ratio = statistics.median(a / b for a, b in zip(after, before, strict=True))
        rows += [
            {"name": f"epoch before the consolidation ({BEFORE}), batch {bs}",
             "value": statistics.median(before) * 1e3, "unit": "ms",
             "note": f"CPU time, median of {ROUNDS} interpreters (each the median of 7 epochs)"},
            {"name": f"epoch after (this tree), batch {bs}", "value": statistics.median(after) * 1e3,
             "unit": "ms", "note": f"load average {load:.1f} at start"},
            {"name": f"after / before, batch {bs}", "value": ratio, "unit": "x",
             "target": f"<= {TARGET}", "met": bool(ratio <= TARGET),
             "note": f"median over {ROUNDS} rounds, alternating which side goes first"},
        ]  # fmt: skip
    return rows
