"""FastRenderer: the fast path draws the same picture as a full redraw, and reuses static parts."""

import io

import numpy as np
from matplotlib.figure import Figure
from PIL import Image

from dlcourse.widgets._render import FastRenderer


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def make():
    fig = Figure(figsize=(3, 2), dpi=60)
    ax = fig.add_subplot()
    (line,) = ax.plot([0, 1], [0, 1])
    (point,) = ax.plot([0.5], [0.5], "o")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    return fig, ax, line, point


def test_fast_path_equals_a_full_redraw():
    fig, ax, line, point = make()
    renderer = FastRenderer(fig, [line, point])
    first = renderer.png()
    assert first[:4] == b"\x89PNG" and renderer.full_redraws == 1
    point.set_data([0.2], [0.8])
    line.set_data([0, 1], [1, 0])
    fast = renderer.png()
    assert renderer.full_redraws == 1  # the axes did not change: fast path
    renderer.invalidate()
    full = renderer.png()
    assert renderer.full_redraws == 2
    np.testing.assert_array_equal(pixels(fast), pixels(full))
    assert not np.array_equal(pixels(first), pixels(fast))


def test_static_change_redraws_and_is_remembered():
    fig, ax, line, point = make()
    renderer = FastRenderer(fig, [line, point])
    renderer.png()
    ax.set_ylim(0, 2)
    two = renderer.png()
    assert renderer.full_redraws == 2
    ax.set_ylim(0, 1)
    renderer.png()
    ax.set_ylim(0, 2)
    again = renderer.png()
    assert renderer.full_redraws == 2  # both pictures were stored
    np.testing.assert_array_equal(pixels(two), pixels(again))
    ax.set_title("new title")
    renderer.png()
    assert renderer.full_redraws == 3


def test_cache_is_bounded_and_figure_stays_ordinary():
    fig, ax, line, point = make()
    renderer = FastRenderer(fig, [line, point], cache_size=2)
    for top in (1, 2, 3, 4):
        ax.set_ylim(0, top)
        renderer.png()
    assert len(renderer._backgrounds) == 2
    # The dynamic artists stay visible, so an ordinary savefig still draws them.
    assert line.get_visible() and point.get_visible()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    assert buffer.getvalue()[:4] == b"\x89PNG"
