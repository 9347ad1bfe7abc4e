"""Shared test set-up: a non-interactive matplotlib backend, quiet TensorFlow, and the one way the
browser and site tests start Chromium."""

import contextlib
import os
from pathlib import Path

import pytest

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

import matplotlib  # noqa: E402

matplotlib.use("Agg")


@pytest.fixture(autouse=True)
def _progress_outside_the_course(tmp_path, monkeypatch):
    """Passing checks record progress (``dlcourse progress``): the tests' passes go to tmp_path."""
    monkeypatch.setenv("DLCOURSE_PROGRESS", str(tmp_path / "dlcourse-progress.json"))


CHROMIUM = os.environ.get("DLCOURSE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def launch_chromium():
    """``launch_chromium(on_missing)``: a context manager giving Debian's Chromium, headless, driven
    by Playwright. ``on_missing`` (``pytest.skip`` or ``pytest.fail``) gets the fix when Chromium or
    Playwright is missing: the browser tests skip, the site tests (which ``make test`` builds the
    site for) fail."""

    @contextlib.contextmanager
    def launch(on_missing):
        if not Path(CHROMIUM).exists():
            on_missing(
                f"Chromium not found at {CHROMIUM}: install Debian's package (`apt-get install -y "
                "chromium`) or set DLCOURSE_CHROMIUM to a Chromium binary"
            )
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            on_missing(
                "Playwright for Python is missing: `pip install -e '.[dev]'` (or `make test`)"
            )
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            yield browser
            browser.close()

    return launch
