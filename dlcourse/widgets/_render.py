"""Fast PNG rendering for widget views: redraw only the artists that change.

Drawing a whole matplotlib figure spends most of its time laying out text (tick labels, titles).
While a learner drags a slider, only a few artists move (a point, a line, a label) and the axes
stay the same. :class:`FastRenderer` therefore keeps a picture of the static part of the figure and,
while the axes are unchanged, restores it and draws just the changing artists on top (matplotlib's
"blitting"). When anything static changes (limits, titles, labels), it redraws everything.

The figure stays an ordinary figure: ``fig.savefig`` still draws every artist.

Used by the widgets of notebooks 03-07 (NeuronExplorer, ActivationExplorer, LossExplorer,
BackpropStepper).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Hashable, Iterable

from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image


class FastRenderer:
    """Render ``fig`` to PNG bytes, redrawing only ``dynamic`` artists while the rest is unchanged.

    Args:
        fig: the figure (a ``matplotlib.figure.Figure``); it gets an Agg canvas.
        dynamic: the artists that change from one frame to the next.
        static_key: a function returning a hashable summary of everything else that can change
            (the default covers every axes' limits, scales, title and axis labels).
            A new key means a full redraw.

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
    ):
        self.fig = fig
        self.canvas = FigureCanvasAgg(fig)
        self.dynamic = list(dynamic)
        self._static_key = static_key or self._axes_key
        self._background = None
        self._key: Hashable = None
        self.full_redraws = 0

    def add(self, artist: Artist) -> None:
        """Add an artist to the dynamic ones (e.g. one created after the first frame)."""
        self.dynamic.append(artist)
        self._background = None

    def invalidate(self) -> None:
        """Force a full redraw on the next frame."""
        self._background = None

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

    def draw(self) -> None:
        """Bring the canvas up to date (full redraw only when the static part changed)."""
        key = self._static_key()
        if self._background is None or key != self._key:
            visible = [artist.get_visible() for artist in self.dynamic]
            for artist in self.dynamic:
                artist.set_visible(False)
            self.canvas.draw()
            self._background = self.canvas.copy_from_bbox(self.fig.bbox)
            # Read the key again: drawing can move limits (an equal aspect ratio adjusts them).
            self._key = self._static_key()
            self.full_redraws += 1
            for artist, was_visible in zip(self.dynamic, visible, strict=True):
                artist.set_visible(was_visible)
        else:
            self.canvas.restore_region(self._background)
        for artist in sorted(self.dynamic, key=lambda a: a.get_zorder()):
            if artist.get_visible():
                self.fig.draw_artist(artist)

    def png(self) -> bytes:
        """Draw (see :meth:`draw`) and return the figure as PNG bytes."""
        self.draw()
        width, height = self.canvas.get_width_height(physical=True)
        image = Image.frombuffer("RGBA", (width, height), self.canvas.buffer_rgba(), "raw")
        buffer = io.BytesIO()
        # Level 1 compresses a plot almost as well as the default level 6, several times faster.
        image.save(buffer, format="png", compress_level=1)
        return buffer.getvalue()
