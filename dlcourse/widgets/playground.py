"""Playground: TensorFlow Playground in Jupyter, trained with dlcourse's own NumPy MLP.

This module is the ipywidgets view, :class:`Playground`. Its pure state, :class:`PlaygroundState`,
is in :mod:`dlcourse.widgets.state.playground` (and re-exported here).

Introduced in notebook 09_mlp_from_scratch.
"""

from __future__ import annotations

import asyncio
import html
import io
import time

import ipywidgets as W
import numpy as np
import PIL.Image
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from dlcourse.plots.probability import class_colors
from dlcourse.widgets._base import WidgetView, shows_errors
from dlcourse.widgets._training import OPTIMIZER_LABELS, OPTIMIZER_NAMES
from dlcourse.widgets.state.playground import (
    ACTIVATIONS,
    DATASET_LABELS,
    DATASETS,
    DOMAIN,
    FEATURES,
    LEARNING_RATES,
    LIVE_SETTINGS,
    MAX_HIDDEN_LAYERS,
    MAX_UNITS,
    REGULARIZATION_RATES,
    REGULARIZATIONS,
    PlaygroundState,
)

# Re-exported, so imports of the state and its constants from this module keep working.
__all__ = [
    "Playground",
    "PlaygroundState",
    "DATASETS",
    "DATASET_LABELS",
    "FEATURES",
    "ACTIVATIONS",
    "REGULARIZATIONS",
    "LEARNING_RATES",
    "REGULARIZATION_RATES",
    "MAX_HIDDEN_LAYERS",
    "MAX_UNITS",
    "DOMAIN",
    "LIVE_SETTINGS",
]


def ax_spines(ax) -> list:
    """The four spines (frame lines) of an Axes, which the heatmap would otherwise cover."""
    return list(ax.spines.values())


class Playground(WidgetView):
    """TensorFlow Playground in a notebook, with dlcourse's MLP underneath.

    ``controls`` names: "play", "pause", "step", "reset" (buttons), "dataset", "noise",
    "train_ratio", one checkbox per feature named as in ``FEATURES`` ("x1", "x2", "x1^2", "x2^2",
    "x1*x2", "sin(x1)", "sin(x2)"), "hidden_layers" and "units_1" .. "units_6", "activation",
    "optimizer", "learning_rate", "regularization", "regularization_rate", "batch_size", "seed".
    ``.state`` is the ``PlaygroundState``. Keyword arguments are passed on to it.

    While playing, each frame trains for about ``frame_seconds`` (at least one epoch), redraws,
    then sleeps ``sleep_seconds`` so the kernel can handle other cells and clicks.

    Example:
        >>> Playground(dataset="xor", hidden=(4,))  # doctest: +SKIP

    Introduced in notebook 09_mlp_from_scratch.
    """

    frame_seconds = 0.1
    sleep_seconds = 0.02

    def __init__(self, state: PlaygroundState | None = None, **settings):
        self.state = state if state is not None else PlaygroundState(**settings)
        self._task: asyncio.Task | None = None
        self._syncing = False
        controls = self._make_controls()
        super().__init__(Figure(figsize=(8.4, 3.8), dpi=100), controls)
        self._build_figure()
        self._layout(self._rows(controls))
        self._observe(controls)
        self._refresh(data_changed=True)

    # -- controls ---------------------------------------------------------------------------------

    def _make_controls(self) -> dict[str, W.Widget]:
        s = self.state.settings
        short = W.Layout(width="210px")
        style = {"description_width": "initial"}
        c: dict[str, W.Widget] = {}
        c["play"] = W.Button(
            description="Play", icon="play", button_style="success", layout=W.Layout(width="80px")
        )
        c["pause"] = W.Button(
            description="Pause", icon="pause", disabled=True, layout=W.Layout(width="80px")
        )
        c["step"] = W.Button(description="Step", icon="step-forward", layout=W.Layout(width="80px"))
        c["reset"] = W.Button(description="Reset", icon="undo", layout=W.Layout(width="80px"))
        c["seed"] = W.BoundedIntText(
            value=s["seed"],
            min=0,
            max=9999,
            description="seed",
            layout=W.Layout(width="130px"),
            style=style,
        )
        c["dataset"] = W.Dropdown(
            options=[(DATASET_LABELS[d], d) for d in DATASETS],
            value=s["dataset"],
            description="data",
            layout=W.Layout(width="260px"),
        )
        c["noise"] = W.FloatSlider(
            value=s["noise"],
            min=0.0,
            max=0.5,
            step=0.05,
            description="noise",
            readout_format=".0%",
            continuous_update=False,
            layout=short,
        )
        c["train_ratio"] = W.FloatSlider(
            value=s["train_ratio"],
            min=0.1,
            max=0.9,
            step=0.1,
            description="train %",
            readout_format=".0%",
            continuous_update=False,
            layout=short,
        )
        for name in FEATURES:
            c[name] = W.Checkbox(
                value=name in s["features"],
                description=name,
                indent=False,
                layout=W.Layout(width="75px"),
            )
        hidden = s["hidden"]
        c["hidden_layers"] = W.IntSlider(
            value=len(hidden),
            min=0,
            max=MAX_HIDDEN_LAYERS,
            description="hidden layers",
            continuous_update=False,
            style=style,
            layout=W.Layout(width="230px"),
        )
        for i in range(MAX_HIDDEN_LAYERS):
            units = hidden[i] if i < len(hidden) else 2
            c[f"units_{i + 1}"] = W.BoundedIntText(
                value=units,
                min=1,
                max=MAX_UNITS,
                description=f"L{i + 1}",
                layout=W.Layout(width="90px", display=None if i < len(hidden) else "none"),
                style={"description_width": "20px"},
            )
        c["activation"] = W.Dropdown(
            options=ACTIVATIONS,
            value=s["activation"],
            description="activation",
            layout=short,
            style=style,
        )
        c["optimizer"] = W.Dropdown(
            options=[(OPTIMIZER_LABELS[o], o) for o in OPTIMIZER_NAMES],
            value=s["optimizer"],
            description="optimizer",
            layout=short,
            style=style,
        )
        c["learning_rate"] = W.Dropdown(
            options=LEARNING_RATES,
            value=s["learning_rate"],
            description="learning rate",
            layout=short,
            style=style,
        )
        c["regularization"] = W.Dropdown(
            options=[("None", "none"), ("L1", "l1"), ("L2", "l2")],
            value=s["regularization"],
            description="regularization",
            layout=short,
            style=style,
        )
        c["regularization_rate"] = W.Dropdown(
            options=REGULARIZATION_RATES,
            value=s["regularization_rate"],
            description="reg. rate",
            layout=short,
            style=style,
        )
        c["batch_size"] = W.IntSlider(
            value=s["batch_size"],
            min=1,
            max=30,
            description="batch size",
            continuous_update=False,
            style=style,
            layout=short,
        )
        return c

    def _rows(self, c: dict[str, W.Widget]) -> list[W.Widget]:
        return [
            W.HBox([c["play"], c["pause"], c["step"], c["reset"], c["seed"]]),
            W.HBox([c["dataset"], c["noise"], c["train_ratio"]]),
            W.HBox([W.Label("features:"), *(c[name] for name in FEATURES)]),
            W.HBox([c["hidden_layers"], *(c[f"units_{i + 1}"] for i in range(MAX_HIDDEN_LAYERS))]),
            W.HBox([c["activation"], c["optimizer"], c["learning_rate"]]),
            W.HBox([c["regularization"], c["regularization_rate"], c["batch_size"]]),
        ]

    def _observe(self, c: dict[str, W.Widget]) -> None:
        c["play"].on_click(self._on_play)
        c["pause"].on_click(self._on_pause)
        c["step"].on_click(self._on_step)
        c["reset"].on_click(self._on_reset)
        for widget in c.values():
            if not isinstance(widget, W.Button):
                widget.observe(self._on_setting, names="value")

    def _settings_from_controls(self) -> dict:
        c = self.controls
        depth = c["hidden_layers"].value
        return {
            "dataset": c["dataset"].value,
            "noise": float(c["noise"].value),
            "train_ratio": round(float(c["train_ratio"].value), 2),
            "features": tuple(name for name in FEATURES if c[name].value),
            "hidden": tuple(int(c[f"units_{i + 1}"].value) for i in range(depth)),
            "activation": c["activation"].value,
            "optimizer": c["optimizer"].value,
            "learning_rate": float(c["learning_rate"].value),
            "regularization": c["regularization"].value,
            "regularization_rate": float(c["regularization_rate"].value),
            "batch_size": int(c["batch_size"].value),
            "seed": int(c["seed"].value),
        }

    # -- figure -----------------------------------------------------------------------------------

    def _build_figure(self) -> None:
        fig = self.fig
        # Fixed axes rectangles (no constrained layout): layout work on every frame costs time.
        self.ax_map = fig.add_axes((0.07, 0.12, 0.38, 0.74))
        self.ax_loss = fig.add_axes((0.57, 0.12, 0.40, 0.74))
        ax = self.ax_map
        g = self.state.settings["grid_size"]
        self.heatmap = ax.imshow(
            np.ones((g, g, 3)),
            origin="lower",
            extent=(*DOMAIN, *DOMAIN),
            interpolation="bilinear",
            aspect="equal",
            zorder=0,
        )
        # One marker line per (split, class): Agg draws markers much faster than a scatter.
        colors = class_colors(3)
        self.point_lines = {}
        for split, edge, width, z in (("train", "white", 0.6, 2), ("test", "black", 0.9, 3)):
            for k in range(3):
                (self.point_lines[split, k],) = ax.plot(
                    [],
                    [],
                    "o",
                    markersize=4.5,
                    markerfacecolor=colors[k],
                    markeredgecolor=edge,
                    markeredgewidth=width,
                    zorder=z,
                    label=f"{split} points" if k == 0 else None,
                )
        ax.set_xlim(DOMAIN)
        ax.set_ylim(DOMAIN)
        ax.set_xlabel("x1")
        ax.set_ylabel("x2")
        ax.grid(False)
        # Legends sit above the axes, outside the area that changes every frame (see redraw).
        ax.legend(
            loc="lower left",
            bbox_to_anchor=(0.0, 1.01),
            ncol=2,
            fontsize=8,
            borderaxespad=0.0,
            handletextpad=0.2,
        )
        ax = self.ax_loss
        (self.train_line,) = ax.plot([0], [0], color="#0072B2", lw=1.5, label="train loss")
        (self.test_line,) = ax.plot([0], [0], color="#D55E00", lw=1.5, ls="--", label="test loss")
        ax.set_xlabel("epoch")
        ax.set_ylabel("loss (cross-entropy)")
        ax.legend(
            loc="lower left", bbox_to_anchor=(0.0, 1.01), ncol=2, fontsize=8, borderaxespad=0.0
        )
        # Blitting: the artists that change every epoch are drawn over a cached picture of the
        # rest (axes, ticks, labels, legends), which is redrawn only when it changes.
        self.canvas = FigureCanvasAgg(fig)
        self._dynamic = [
            self.heatmap,
            *self.point_lines.values(),
            *ax_spines(self.ax_map),
            self.train_line,
            self.test_line,
        ]
        for artist in self._dynamic:
            artist.set_animated(True)
        self._background = None

    def _loss_limits(self) -> tuple[float, float]:
        """Loss-axes limits that change rarely: epochs 0..50, then doubling; a rounded-up top."""
        state = self.state
        right = 50
        while right < state.epoch:
            right *= 2
        top = max(max(state.train_loss), max(state.test_loss))
        top = 1.0 if not np.isfinite(top) or top <= 0 else np.ceil(top * 1.05 * 4) / 4
        return right, top

    def _refresh(self, data_changed: bool = False) -> None:
        """Move the artists to the state's current network and data; then re-render."""
        state = self.state
        full = data_changed or self._background is None
        if data_changed:
            for (split, k), line in self.point_lines.items():
                X, y = (
                    (state.X_train, state.y_train)
                    if split == "train"
                    else (state.X_test, state.y_test)
                )
                line.set_data(X[y == k, 0], X[y == k, 1])
        self.heatmap.set_data(state.boundary_image())
        epochs = np.arange(len(state.train_loss))
        self.train_line.set_data(epochs, state.train_loss)
        self.test_line.set_data(epochs, state.test_loss)
        right, top = self._loss_limits()
        if (0, right) != self.ax_loss.get_xlim() or (0, top) != self.ax_loss.get_ylim():
            self.ax_loss.set_xlim(0, right)
            self.ax_loss.set_ylim(0, top)
            full = True
        status = "playing" if self.playing else "paused"
        self.text.value = (
            f"<b>Epoch {state.epoch}</b> &nbsp; train loss {state.train_loss[-1]:.3f} &nbsp; "
            f"test loss {state.test_loss[-1]:.3f} &nbsp; <span style='color:gray'>"
            f"{DATASET_LABELS[state.dataset]}, {html.escape(state.describe())}, {status}</span>"
        )
        self.redraw(full=full)

    def redraw(self, full: bool = True) -> None:
        """Render the figure to the PNG image; ``full=False`` redraws only the changing artists.

        While playing this runs every frame, so it blits (restores the cached static background,
        draws the heatmap, points and loss lines over it) and encodes the PNG with fast zlib
        level 1 (several times faster than the default, for a slightly larger image).
        """
        if full or self._background is None:
            self.canvas.draw()  # draws everything except the animated artists
            self._background = self.canvas.copy_from_bbox(self.fig.bbox)
        else:
            self.canvas.restore_region(self._background)
        for artist in self._dynamic:
            artist.axes.draw_artist(artist)
        width, height = self.canvas.get_width_height()
        picture = PIL.Image.frombuffer(
            "RGBA", (width, height), self.canvas.buffer_rgba(), "raw", "RGBA", 0, 1
        )
        buf = io.BytesIO()
        picture.convert("RGB").save(buf, format="png", compress_level=1)
        self.image.value = buf.getvalue()

    # -- playing ----------------------------------------------------------------------------------

    @property
    def playing(self) -> bool:
        return self._task is not None and not self._task.done()

    def _set_buttons(self) -> None:
        self.controls["play"].disabled = self.playing
        self.controls["pause"].disabled = not self.playing

    async def _play(self) -> None:
        """Train for about ``frame_seconds``, redraw, yield to the kernel; until paused."""
        try:
            while True:
                start = time.perf_counter()
                self.state.step(1)
                while time.perf_counter() - start < self.frame_seconds:
                    self.state.step(1)
                self._refresh()
                await asyncio.sleep(self.sleep_seconds)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # a task's exception would otherwise go unseen
            self.last_error = exc
            self.show_error(exc)

    @shows_errors
    def _on_play(self, _button=None) -> None:
        if self.playing:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            raise RuntimeError(
                "Play needs a running asyncio event loop, which a Jupyter kernel has. Outside "
                "Jupyter, train with Step or `view.state.step(num_epochs)`."
            ) from None
        self._task = loop.create_task(self._play())
        self._task.add_done_callback(lambda _t: self._set_buttons())
        self._set_buttons()
        self._refresh()

    def pause(self) -> None:
        """Stop playing (cancels the training task); safe to call when not playing."""
        if self._task is not None:
            self._task.cancel()
        self._task = None
        self._set_buttons()

    @shows_errors
    def _on_pause(self, _button=None) -> None:
        self.pause()
        self._refresh()

    @shows_errors
    def _on_step(self, _button=None) -> None:
        self.pause()
        self.state.step(1)
        self._refresh()

    @shows_errors
    def _on_reset(self, _button=None) -> None:
        self.pause()
        self.state.reset()
        self._refresh(data_changed=True)

    @shows_errors
    def _on_setting(self, change) -> None:
        if self._syncing:
            return
        depth = self.controls["hidden_layers"].value
        for i in range(MAX_HIDDEN_LAYERS):
            self.controls[f"units_{i + 1}"].layout.display = None if i < depth else "none"
        rebuilt = self.state.configure(**self._settings_from_controls())
        self._refresh(data_changed=rebuilt)
