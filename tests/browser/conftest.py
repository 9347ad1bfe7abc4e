"""A real JupyterLab in headless Chromium, for the browser tests.

JupyterLab runs from this project's environment on a free loopback port, over a temporary copy of
the notebooks (``notebooks/`` itself is never touched). Authentication is off only for this
loopback test server. Chromium is Debian's (``/usr/bin/chromium``), driven by Playwright.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def browser(launch_chromium):
    with launch_chromium(pytest.skip) as b:
        yield b


@contextlib.contextmanager
def running_lab(root: Path, config_dir: Path):
    """Run JupyterLab over ``root`` with its own config folder; yield its base URL."""
    port = _free_port()
    log_path = root.parent / f"jupyterlab-{port}.log"
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(config_dir)}
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "jupyterlab",
                "--no-browser",
                "--ServerApp.ip=127.0.0.1",
                f"--ServerApp.port={port}",
                "--ServerApp.port_retries=0",
                "--IdentityProvider.token=",
                "--ServerApp.password=",
                "--ServerApp.disable_check_xsrf=True",
                f"--ServerApp.root_dir={root}",
                "--LabApp.expose_app_in_browser=True",
                "--LabApp.news_url=",
                "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
                *(["--allow-root"] if os.geteuid() == 0 else []),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 90
            while proc.poll() is None and time.monotonic() < deadline:
                try:
                    with urllib.request.urlopen(f"{url}/api/status", timeout=2) as resp:
                        if resp.status == 200:
                            break
                except OSError:
                    time.sleep(0.5)
            else:
                tail = log_path.read_text()[-1500:]
                pytest.fail(f"JupyterLab did not start on {url} (exit code {proc.poll()}):\n{tail}")
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


def copy_notebooks(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for nb in (ROOT / "notebooks").glob("*.ipynb"):
        shutil.copy(nb, root / nb.name)
    return root


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    """JupyterLab over a temporary copy of the notebooks (never notebooks/ itself)."""
    base = tmp_path_factory.mktemp("lab")
    with running_lab(copy_notebooks(base / "root"), base / "config") as url:
        yield url


@pytest.fixture
def page(browser, request):
    """A fresh page; on failure its screenshot and console log go to tests/browser/artifacts/."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    console: list[str] = []
    pg.on("console", lambda msg: console.append(f"[{msg.type}] {msg.text}"))
    pg.on("pageerror", lambda exc: console.append(f"[pageerror] {exc}"))
    yield pg
    _shut_down_kernels(pg)
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        name = request.node.name.replace("/", "_").replace("[", "-").replace("]", "")
        try:
            pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        except Exception as exc:  # a screenshot is best effort: keep the console log at least
            console.append(f"[test] screenshot failed: {exc}")
        (ARTIFACTS / f"{name}.console.log").write_text("\n".join(console), encoding="utf-8")
    context.close()


def _shut_down_kernels(pg) -> None:
    """Stop every kernel the page started, so the next test starts on an idle machine."""
    try:
        pg.evaluate(
            "async () => { const app = window.jupyterapp; "
            "if (app) { await app.serviceManager.sessions.refreshRunning(); "
            "for (const s of Array.from(app.serviceManager.sessions.running())) "
            "{ await app.serviceManager.sessions.shutdown(s.id); } } }"
        )
    except Exception:  # the page may already be gone; the server stops its kernels at exit anyway
        pass


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    setattr(item, f"rep_{rep.when}", rep)
