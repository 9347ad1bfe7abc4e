"""Fast PNG rendering for widget views: redraw only the artists that change.

Drawing a whole matplotlib figure spends most of its time laying out text (tick labels, titles).
While a learner drags a slider, only a few artists move (a point, a line, a label) and the axes
stay the same. :class:`FastRenderer` therefore keeps a picture of the static part of the figure and,
while the axes are unchanged, restores it and draws just the changing artists on top (matplotlib's
"blitting"). When anything static changes (limits, titles, labels), it redraws everything, and
keeps that picture too: a learner who flips between a few settings (sigmoid, relu, sigmoid) gets
the fast path after the first visit.

The figure stays an ordinary figure: ``fig.savefig`` still draws every artist.

Used by the widgets of notebooks 03-07 (NeuronExplorer, ActivationExplorer, LossExplorer,
BackpropStepper).
"""

from __future__ import annotations

import io
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.transforms import ScaledTranslation
from PIL import Image


class FastRenderer:
    """Render ``fig`` to PNG bytes, redrawing only ``dynamic`` artists while the rest is unchanged.

    Args:
        fig: the figure (a ``matplotlib.figure.Figure``); it gets an Agg canvas.
        dynamic: the artists that change from one frame to the next.
        static_key: a function returning a hashable summary of everything else that can change
            (the default covers every axes' limits, scales, title and axis labels). A key not
            seen before means a full redraw.
        cache_size: how many static pictures to keep (one per key, least recently used
            dropped first).

    Example:
        >>> from matplotlib.figure import Figure
        >>> fig = Figure(figsize=(3, 2), dpi=80)
        >>> (line,) = fig.add_subplot().plot([0, 1], [0, 1])
        >>> renderer = FastRenderer(fig, [line])
        >>> renderer.png()[:4]
        b'\\x89PNG'
    """

    def __init__(
        self,
        fig: Figure,
        dynamic: Iterable[Artist],
        static_key: Callable[[], Hashable] | None = None,
        cache_size: int = 8,
    ):
        self.fig = fig
        self.canvas = FigureCanvasAgg(fig)
        self.dynamic = list(dynamic)
        self._static_key = static_key or self._axes_key
        self._backgrounds: OrderedDict[Hashable, object] = OrderedDict()
        self.cache_size = cache_size
        self.full_redraws = 0

    def add(self, artist: Artist) -> None:
        """Add an artist to the dynamic ones (e.g. one created after the first frame)."""
        self.dynamic.append(artist)
        self.invalidate()

    def invalidate(self) -> None:
        """Forget the static pictures: the next frame is a full redraw."""
        self._backgrounds.clear()

    def _axes_key(self) -> Hashable:
        return tuple(
            (
                ax.get_xlim(),
                ax.get_ylim(),
                ax.get_xscale(),
                ax.get_yscale(),
                ax.get_title(),
                ax.get_xlabel(),
                ax.get_ylabel(),
            )
            for ax in self.fig.axes
        )

    def draw(self, extra_key: Hashable = None) -> None:
        """Bring the canvas up to date (full redraw only for a static part not seen before).

        Args:
            extra_key: a summary of static artists the default key does not cover (e.g. bars
                that change only when a switch is flipped); part of the cache key.
        """
        key = (self._static_key(), extra_key)
        background = self._backgrounds.get(key)
        if background is None:
            visible = [artist.get_visible() for artist in self.dynamic]
            for artist in self.dynamic:
                artist.set_visible(False)
            self.canvas.draw()
            background = self.canvas.copy_from_bbox(self.fig.bbox)
            # Read the key again: drawing can move limits (an equal aspect ratio adjusts them).
            key = (self._static_key(), extra_key)
            self._backgrounds[key] = background
            while len(self._backgrounds) > self.cache_size:
                self._backgrounds.popitem(last=False)
            self.full_redraws += 1
            for artist, was_visible in zip(self.dynamic, visible, strict=True):
                artist.set_visible(was_visible)
        else:
            self._backgrounds.move_to_end(key)
            self.canvas.restore_region(background)
        for artist in sorted(self.dynamic, key=lambda a: a.get_zorder()):
            if artist.get_visible():
                self.fig.draw_artist(artist)

    def png(self, extra_key: Hashable = None) -> bytes:
        """Draw (see :meth:`draw`) and return the figure as PNG bytes."""
        self.draw(extra_key)
        width, height = self.canvas.get_width_height(physical=True)
        rgba = Image.frombuffer("RGBA", (width, height), self.canvas.buffer_rgba(), "raw")
        buffer = io.BytesIO()
        # The figure is opaque, so RGB loses nothing and encodes about twice as fast as RGBA;
        # level 1 compresses a plot almost as well as the default level 6, several times faster.
        rgba.convert("RGB").save(buffer, format="png", compress_level=1)
        return buffer.getvalue()


def pin_labels(ax: Axes, xlabel_points: float = 24.0, ylabel_points: float | None = 32.0) -> None:
    """Fix where the axis labels sit, so that a full redraw need not measure the tick labels.

    matplotlib places each axis label just outside the tick labels, measuring every tick label on
    every draw; for a widget that costs about a quarter of a full redraw. Here the x label hangs
    ``xlabel_points`` below the axes and the y label sits ``ylabel_points`` left of it (None
    keeps matplotlib's placement). Titles are pinned by passing ``y=1.0`` to ``set_title``.
    """
    dpi_scale = ax.figure.dpi_scale_trans
    ax.xaxis.set_label_coords(
        0.5, 0.0, transform=ax.transAxes + ScaledTranslation(0, -xlabel_points / 72, dpi_scale)
    )
    if ylabel_points is not None:
        ax.yaxis.set_label_coords(
            0.0, 0.5, transform=ax.transAxes + ScaledTranslation(-ylabel_points / 72, 0, dpi_scale)
        )
