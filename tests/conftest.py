"""Shared test set-up: a non-interactive matplotlib backend and quiet TensorFlow."""

import os

import pytest

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

import matplotlib  # noqa: E402

matplotlib.use("Agg")


@pytest.fixture(autouse=True)
def _progress_outside_the_course(tmp_path, monkeypatch):
    """Passing checks record progress (``dlcourse progress``): the tests' passes go to tmp_path."""
    monkeypatch.setenv("DLCOURSE_PROGRESS", str(tmp_path / "dlcourse-progress.json"))
