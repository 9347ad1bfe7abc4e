"""What every widget view shares: a figure drawn once and shown as a PNG, text, and visible errors.

A view never prints to the cell's output: the figure is rendered into an ``ipywidgets.Image`` and
text goes into an ``ipywidgets.HTML``. That keeps notebooks comparable by nbval (text a callback
prints would otherwise become cell output) and lets a browser test see the picture change.
Errors raised in a callback are shown in the widget's error area, never swallowed.

Introduced in notebook 03_neurons (the first widget of the course).
"""

from __future__ import annotations

import functools
import html
import io
import traceback
from collections.abc import Callable

import ipywidgets as W
from matplotlib.figure import Figure


def figure_png(fig: Figure) -> bytes:
    """Render a matplotlib figure to PNG bytes (no pyplot, so nothing is displayed by itself)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=fig.dpi)
    return buf.getvalue()


class WidgetView(W.VBox):
    """Base class for a view: ``controls`` (name -> widget), a figure image, a text area, errors.

    Subclasses build ``self.fig`` (a ``matplotlib.figure.Figure``, not pyplot) and their controls,
    call ``self._layout(...)``, and decorate callbacks with ``@shows_errors``. ``self.redraw()``
    re-renders the figure into the image after artists were updated in place.
    """

    def __init__(self, fig: Figure, controls: dict[str, W.Widget], **kwargs):
        self.fig = fig
        self.controls = controls
        self.image = W.Image(format="png", layout=W.Layout(max_width="100%"))
        self.text = W.HTML()
        self.error = W.HTML(layout=W.Layout(display="none"))
        self.last_error: BaseException | None = None
        super().__init__(**kwargs)
        # Stable CSS hooks, so a browser test (tests/browser) can find a given widget on the page.
        self.add_class("dlcourse-widget")
        self.add_class(f"dlcourse-{type(self).__name__}")

    def __repr__(self) -> str:
        # The default repr lists every child (PNG bytes included); notebooks store this text.
        return f"{type(self).__name__}(controls={sorted(self.controls)})"

    def _layout(self, control_rows: list[W.Widget]) -> None:
        self.children = [*control_rows, self.text, self.image, self.error]

    def redraw(self) -> None:
        self.image.value = figure_png(self.fig)

    def show_error(self, exc: BaseException) -> None:
        tb = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)[-3:])
        self.error.value = (
            f"<pre style='color:#b00020;white-space:pre-wrap'>{html.escape(type(exc).__name__)}: "
            f"{html.escape(str(exc))}\n\n{html.escape(tb)}</pre>"
        )
        self.error.layout.display = None

    def clear_error(self) -> None:
        self.error.value = ""
        self.error.layout.display = "none"


def shows_errors(method: Callable) -> Callable:
    """Decorate a view's callback so an exception is shown in the widget (and re-raised nowhere).

    The error stays visible in the view; the last one is also kept in ``view.last_error`` so tests
    can assert on it.
    """

    @functools.wraps(method)
    def wrapper(self: WidgetView, *args, **kwargs):
        try:
            result = method(self, *args, **kwargs)
        except Exception as exc:  # shown in the widget: a callback error must not vanish
            self.last_error = exc
            self.show_error(exc)
            return None
        self.last_error = None
        self.clear_error()
        return result

    return wrapper
