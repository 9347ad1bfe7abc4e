"""The built site (``_site/``) served on loopback, and a headless Chromium that cannot reach beyond it.

``make test-site`` builds the site first (``make site``); these tests never build it themselves, so
they fail, not skip, when it is missing. Every request that leaves 127.0.0.1 is aborted and
recorded, so a page that needs a CDN fails its test.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
SITE = Path(os.environ.get("DLCOURSE_SITE", ROOT / "_site"))
ARTIFACTS = ROOT / "tests" / "browser" / "artifacts"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
    }

    def log_message(self, *args) -> None:  # keep the test output readable
        pass


@pytest.fixture(scope="session")
def site_url():
    if not (SITE / "index.html").exists() or not (SITE / "lite" / "jupyter-lite.json").exists():
        pytest.fail(
            f"no built site in {SITE}: run `make site` (or `make test-site`, which builds it)"
        )
    handler = functools.partial(_QuietHandler, directory=str(SITE))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser(launch_chromium):
    with launch_chromium(pytest.fail) as b:
        yield b


class Recorder:
    """What a page did that a test must see: requests sent away, failed requests, console errors."""

    def __init__(self) -> None:
        self.external: list[str] = []
        self.failed: list[str] = []
        self.errors: list[str] = []
        self.console: list[str] = []


def _context(browser, record_of):
    """A browser context whose every non-loopback request is aborted and recorded."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})

    def route(r):
        host = urlparse(r.request.url).hostname
        if r.request.url.startswith(("data:", "blob:")) or host in ("127.0.0.1", "localhost"):
            r.continue_()
        else:
            record_of().external.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    return context


@pytest.fixture(scope="session")
def lite_context(browser):
    """One context for the browser-edition tests: like a learner's browser, it keeps its HTTP
    cache (and the compiled Pyodide) from one notebook to the next."""
    holder = {}
    context = _context(browser, lambda: holder["record"])
    context.holder = holder
    yield context
    context.close()


@pytest.fixture
def context(browser, request):
    if request.node.get_closest_marker("lite"):
        yield request.getfixturevalue("lite_context")
        return
    holder = {}
    ctx = _context(browser, lambda: holder["record"])
    ctx.holder = holder
    yield ctx
    ctx.close()


@pytest.fixture
def page(context, request):
    """A fresh page; what it did is ``page.record``; on failure, a screenshot and its console log."""
    record = Recorder()
    context.holder["record"] = record
    pg = context.new_page()
    pg.record = record
    pg.on("console", lambda m: record.console.append(f"[{m.type}] {m.text}"))
    pg.on("console", lambda m: m.type == "error" and record.errors.append(m.text))
    pg.on("pageerror", lambda exc: record.errors.append(f"page error: {exc}"))
    pg.on("requestfailed", lambda r: record.failed.append(f"{r.url} ({r.failure})"))
    pg.on(
        "response",
        lambda r: r.status >= 400 and record.failed.append(f"{r.url} (HTTP {r.status})"),
    )
    yield pg
    rep = getattr(request.node, "rep_call", None)
    if rep is not None and rep.failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        name = "site-" + request.node.name.replace("/", "_").replace("[", "-").replace("]", "")
        try:
            pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        except Exception as exc:  # best effort: keep the console log at least
            record.console.append(f"[test] screenshot failed: {exc}")
        (ARTIFACTS / f"{name}.console.log").write_text("\n".join(record.console), encoding="utf-8")
    pg.close()


def pytest_configure(config):
    config.addinivalue_line("markers", "lite: runs in the shared browser-edition context")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    setattr(item, f"rep_{rep.when}", rep)
