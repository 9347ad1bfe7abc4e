"""Widgets 1-4: median time from a control change to the redrawn figure (PNG in view.image).

Each figure is the median over repeated changes of one control, measured around the assignment
``control.value = v`` (or ``button.click()``), which runs the view's callback synchronously: the
state update, the in-place artist updates, the render to PNG and the new ``image.value``. Sliders
and buttons take the fast path (only the changing artists are redrawn on a stored picture of the
static part). A dropdown that changes the axes (a new activation or loss) needs a full redraw the
first time a setting is shown ("first visit": the stored pictures are dropped before each timed
change) and reuses the stored picture when the learner comes back to it ("revisit"). Target
<= 50 ms for every row.
"""

from __future__ import annotations

import os
import statistics
import time

os.environ.setdefault("MPLBACKEND", "Agg")

TARGET_MS = 50.0


def _median_ms(action, values, repeats: int) -> tuple[float, float]:
    """Median wall-clock and CPU time (ms) of ``action(value)``, cycling through ``values``.

    The CPU time (this process only) shows the cost when the machine's cores are shared with
    other work; the wall-clock time is what a learner waits.
    """
    for value in values[:2]:  # warm-up: caches, fonts, the first full redraw
        action(value)
    wall, cpu = [], []
    for i in range(repeats):
        value = values[i % len(values)]
        start, start_cpu = time.perf_counter(), time.process_time()
        action(value)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return 1000 * statistics.median(wall), 1000 * statistics.median(cpu)


def _set(view, name, first_visit=False):
    def action(value):
        if first_visit:
            view._renderer.invalidate()  # not timed separately: it only clears a dict
        view.controls[name].value = value
        error = getattr(view, "last_error", None)  # set once a callback has run
        if error is not None:
            raise error

    return action


def _row(name: str, times: tuple[float, float], view, note: str) -> dict:
    wall, cpu = times
    kb = len(view.image.value) / 1024
    return {
        "name": name,
        "value": round(wall, 1),
        "unit": "ms",
        "target": f"<= {TARGET_MS:.0f} ms",
        "met": wall <= TARGET_MS,
        "note": f"{note}; CPU {cpu:.1f} ms; PNG {kb:.0f} KB",
    }


def run(repeats: int = 30) -> list[dict]:
    from dlcourse.widgets import ActivationExplorer, BackpropStepper, LossExplorer, NeuronExplorer

    rows = []
    view = NeuronExplorer()
    ms = _median_ms(_set(view, "w1"), [0.4, 0.5, 0.6, 0.7], repeats)
    rows.append(_row("NeuronExplorer: weight slider", ms, view, "fast path"))
    names = ["relu", "tanh", "sigmoid"]
    ms = _median_ms(_set(view, "activation", first_visit=True), names, repeats // 2)
    rows.append(_row("NeuronExplorer: activation dropdown", ms, view, "first visit, full redraw"))
    ms = _median_ms(_set(view, "activation"), names, repeats // 2)
    rows.append(_row("NeuronExplorer: activation dropdown", ms, view, "revisit"))

    view = ActivationExplorer()
    ms = _median_ms(_set(view, "threshold"), [0.05, 0.06, 0.07, 0.08], repeats)
    rows.append(_row("ActivationExplorer: threshold slider", ms, view, "fast path"))
    names = ["relu", "tanh", "elu", "sigmoid"]
    ms = _median_ms(_set(view, "activation", first_visit=True), names, repeats // 2)
    rows.append(
        _row("ActivationExplorer: activation dropdown", ms, view, "first visit, full redraw")
    )
    ms = _median_ms(_set(view, "activation"), names, repeats // 2)
    rows.append(_row("ActivationExplorer: activation dropdown", ms, view, "revisit"))

    view = LossExplorer()
    ms = _median_ms(_set(view, "y_pred"), [1.0, 1.5, 2.0, 2.5], repeats)
    rows.append(_row("LossExplorer: prediction slider", ms, view, "fast path"))
    ms = _median_ms(_set(view, "y_true"), [0.5, 1.0, 1.5, 2.0], repeats)
    rows.append(_row("LossExplorer: target slider", ms, view, "fast path"))
    ms = _median_ms(_set(view, "outlier"), [True, False], repeats)
    rows.append(_row("LossExplorer: outlier toggle", ms, view, "fast path"))
    names = ["huber", "mean_absolute_error", "mean_squared_error"]
    ms = _median_ms(_set(view, "loss", first_visit=True), names, repeats // 2)
    rows.append(_row("LossExplorer: loss dropdown", ms, view, "first visit, full redraw"))
    ms = _median_ms(_set(view, "loss"), names, repeats // 2)
    rows.append(_row("LossExplorer: loss dropdown", ms, view, "revisit"))

    view = BackpropStepper()
    buttons = {"next": view.controls["next"], "back": view.controls["back"]}

    def step(direction):
        # Alternate Next and Back so every press moves to a different step.
        buttons[direction].click()

    ms = _median_ms(step, ["next", "next", "back"], repeats)
    rows.append(_row("BackpropStepper: Next/Back button", ms, view, "fast path"))
    ms = _median_ms(_set(view, "learning_rate"), [0.5, 0.4, 0.3], repeats)
    rows.append(_row("BackpropStepper: learning-rate box", ms, view, "fast path"))
    return rows


if __name__ == "__main__":
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    for row in run():
        print(f"{row['name']:40s} {row['value']:6.1f} ms  met={row['met']}  ({row['note']})")
