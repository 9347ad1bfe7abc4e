"""Playground: epochs per second including redraws, 500-point spiral, [8, 8] hidden units.

Set-up: ``Playground(dataset="spiral", hidden=(8, 8))`` with its other defaults: 500 points, half of
them for training (250), inputs x1 and x2, tanh, SGD at learning rate 0.03, batch size 10 (25
updates per epoch), a 50 x 50 heatmap. An "epoch" is one pass over the training points, followed by
the train and test loss on the whole sets.

Rows:
- redraw every epoch: the honest figure. Each epoch is followed by a full view refresh: the
  heatmap recomputed, the loss curves and text updated, the figure rendered (blitting: only the
  changing artists are drawn over a cached picture of the static part) and encoded to the PNG in
  ``view.image``. Target >= 20 epochs/s.
- while playing: the real Play loop (an asyncio task) for a few seconds. It trains for about
  ``frame_seconds`` (0.1 s) per frame, then redraws once and sleeps 0.02 s, so it runs more epochs
  per second and about 8 frames per second.
- training only, and the median redraw time, to show where the time goes.

CPU time (this process only) is reported next to wall-clock time because the benchmark machine's
cores may be shared with other work; epochs per CPU-second is what an idle machine would approach.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import time

os.environ.setdefault("MPLBACKEND", "Agg")

TARGET = 20.0


def _make_view():
    from dlcourse.widgets.playground import Playground

    return Playground(dataset="spiral", hidden=(8, 8))


def _every_epoch(view, num_epochs: int) -> tuple[float, float]:
    start, start_cpu = time.perf_counter(), time.process_time()
    for _ in range(num_epochs):
        view.state.step(1)
        view._refresh()
    return num_epochs / (time.perf_counter() - start), num_epochs / (
        time.process_time() - start_cpu
    )


def _training_only(view, num_epochs: int) -> float:
    start = time.perf_counter()
    view.state.step(num_epochs)
    return num_epochs / (time.perf_counter() - start)


def _redraw_ms(view, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        view._refresh()
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def _playing(view, seconds: float) -> tuple[float, float]:
    frames = []
    original = view._refresh

    def counting_refresh(*args, **kwargs):
        frames.append(view.state.epoch)
        return original(*args, **kwargs)

    view._refresh = counting_refresh

    async def session():
        view.controls["play"].click()
        await asyncio.sleep(seconds)
        view.controls["pause"].click()

    first = view.state.epoch
    start = time.perf_counter()
    asyncio.run(session())
    elapsed = time.perf_counter() - start
    view._refresh = original
    if view.last_error is not None:
        raise view.last_error
    return (view.state.epoch - first) / elapsed, len(frames) / elapsed


def run() -> list[dict]:
    view = _make_view()
    view.state.step(2)
    view._refresh()  # warm-up: fonts, the cached background
    wall, cpu = _every_epoch(view, 60)
    view.controls["reset"].click()
    play_rate, fps = _playing(view, 4.0)
    view.controls["reset"].click()
    train_rate = _training_only(view, 60)
    redraw = _redraw_ms(view, 20)
    note = "500-point spiral, [8, 8], batch 10; machine's 2 cores shared with other work"
    return [
        {
            "name": "epochs/s, redraw every epoch (wall clock)",
            "value": round(wall, 1),
            "unit": "epochs/s",
            "target": f">= {TARGET:g}",
            "met": wall >= TARGET,
            "note": note,
        },
        {
            "name": "epochs/s, redraw every epoch (per CPU second)",
            "value": round(cpu, 1),
            "unit": "epochs/s",
            "target": f">= {TARGET:g}",
            "met": cpu >= TARGET,
            "note": "this process's CPU time only",
        },
        {
            "name": "epochs/s while playing (Play loop, redraw about every 0.1 s)",
            "value": round(play_rate, 1),
            "unit": "epochs/s",
            "note": f"{fps:.1f} frames/s; asyncio task, kernel stays free between frames",
        },
        {
            "name": "epochs/s, training only (no redraw)",
            "value": round(train_rate, 1),
            "unit": "epochs/s",
        },
        {
            "name": "one refresh (heatmap + curves + blitted render + PNG), median",
            "value": round(redraw, 1),
            "unit": "ms",
        },
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
