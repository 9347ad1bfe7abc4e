"""The built site in a real browser with the network cut off (``make test-site``).

Every page of the readable course: no request leaves the host, none fails, no console error, every
figure of the notebook is there and drawn, every saved widget is rendered as a widget (not text),
the formulas are typeset, and the page links to its browser edition or says it needs the full
install. The browser edition (JupyterLite): notebooks 00, 03 and 09 are opened, every cell is run,
no cell ends in an error, widgets render, and moving a slider or pressing Step changes what is
shown.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from dlcourse.course import site

ROOT = Path(__file__).resolve().parents[2]
SITE = Path(os.environ.get("DLCOURSE_SITE", ROOT / "_site"))  # as in conftest.py
NOTEBOOKS = site.course_notebooks(ROOT / "notebooks")
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def _outputs(path: Path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            yield out.get("data", {})


def _has_math(path: Path) -> bool:
    nb = json.loads(path.read_text(encoding="utf-8"))
    text = "".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    return re.search(r"\$[^$\n]+\$", text) is not None


def assert_offline_and_clean(page, what: str) -> None:
    record = page.record
    assert not record.external, f"{what}: requests left the host: {record.external[:5]}"
    assert not record.failed, f"{what}: failed requests: {record.failed[:5]}"
    assert not record.errors, f"{what}: console errors: {record.errors[:5]}"


JS_PAGE = """() => {
  const views = Array.from(document.querySelectorAll('div.jupyter-widgets.jp-OutputArea-output'));
  const imgs = Array.from(document.querySelectorAll('.jp-RenderedImage img'));
  return {
    views: views.length,
    rendered: views.filter(v => v.querySelector('.lm-Widget, .widget-box, .widget-inline-hbox, .widget-html')).length,
    broken: document.querySelectorAll('.jupyter-widgets-error-widget').length,
    images: imgs.length,
    drawn: imgs.filter(i => i.complete && i.naturalWidth > 0).length,
    math: document.querySelectorAll('.MathJax_CHTML').length,
    mathErrors: document.querySelectorAll('.MathJax_Error, merror').length,
    run: Array.from(document.querySelectorAll('.dl-run')).map(e => [e.tagName, e.textContent, e.getAttribute('href')]),
  };
}"""


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_page_shows_figures_widgets_and_math_offline(page, site_url, path):
    views = sum(WIDGET_VIEW in data for data in _outputs(path))
    images = sum("image/png" in data and WIDGET_VIEW not in data for data in _outputs(path))
    page.goto(f"{site_url}/{path.stem}.html", wait_until="load")
    wait = "() => document.querySelectorAll('.jupyter-widgets-error-widget').length > 0 || "
    wait += f"Array.from(document.querySelectorAll('div.jupyter-widgets.jp-OutputArea-output')).filter(v => v.querySelector('.lm-Widget, .widget-box, .widget-inline-hbox, .widget-html')).length >= {views}"
    page.wait_for_function(wait, timeout=60_000)
    if _has_math(path):
        page.wait_for_function(
            "() => document.querySelectorAll('.MathJax_CHTML').length > 0", timeout=60_000
        )
    page.wait_for_timeout(500)
    found = page.evaluate(JS_PAGE)
    assert found["images"] == images and found["drawn"] == images, (path.stem, found)
    assert found["views"] == views and found["rendered"] == views, (path.stem, found)
    assert found["broken"] == 0 and found["mathErrors"] == 0, (path.stem, found)
    ((tag, text, href),) = found["run"]
    if path.stem in site.FULL_INSTALL_ONLY:
        assert tag == "SPAN" and "full install" in text
    else:
        assert tag == "A" and text == "Run this notebook in your browser"
        assert href == f"lite/notebooks/index.html?path={path.stem}.ipynb"
        assert (SITE / "lite" / "files" / f"{path.stem}.ipynb").exists()
    assert_offline_and_clean(page, path.stem)


def test_contents_page_links_every_notebook_in_course_order(page, site_url):
    page.goto(f"{site_url}/index.html", wait_until="load")
    hrefs = page.eval_on_selector_all(
        "li > a:first-child", "els => els.map(e => e.getAttribute('href'))"
    )
    assert hrefs == [f"{p.stem}.html" for p in NOTEBOOKS]
    page.click("text=the browser edition")
    page.wait_for_selector(".jp-DirListing-item", timeout=120_000)
    listed = page.eval_on_selector_all(
        ".jp-DirListing-itemText", "els => els.map(e => e.textContent)"
    )
    expected = {f"{p.stem}.ipynb" for p in NOTEBOOKS if p.stem not in site.FULL_INSTALL_ONLY}
    assert expected <= set(listed) and not {f"{s}.ipynb" for s in site.FULL_INSTALL_ONLY} & set(
        listed
    )
    assert_offline_and_clean(page, "index.html and the browser edition's file list")


# --- the browser edition -------------------------------------------------------------------------

JS_READY = """() => {
  const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  return !!(w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel
            && w.sessionContext.session.kernel.status === 'idle' && w.content && w.content.widgets.length);
}"""
JS_CELLS = """() => {
  const w = window.jupyterapp.shell.currentWidget;
  const kernel = w.sessionContext.session && w.sessionContext.session.kernel;
  const code = w.content.widgets.filter(c => c.model.type === 'code');
  const errors = [];
  code.forEach((c, i) => {
    const outs = c.model.outputs;
    for (let k = 0; k < outs.length; k++) {
      const o = outs.get(k).toJSON();
      if (o.output_type === 'error') errors.push(`code cell ${i}: ${o.ename}: ${o.evalue}`);
    }
  });
  return {idle: !!kernel && kernel.status === 'idle', cells: code.length,
          run: code.filter(c => c.model.executionCount !== null).length, errors};
}"""


def run_lite(page, site_url: str, name: str, timeout_s: int = 240) -> None:
    """Open a notebook in the browser edition, run every cell, wait until done or an error."""
    page.goto(f"{site_url}/lite/notebooks/index.html?path={name}.ipynb")
    page.wait_for_function(JS_READY, timeout=180_000)
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_timeout(1000)
    done = f"() => {{ const s = ({JS_CELLS})(); return s.idle && (s.run === s.cells || s.errors.length > 0); }}"
    page.wait_for_function(done, timeout=timeout_s * 1000, polling=500)
    state = page.evaluate(JS_CELLS)
    assert not state["errors"], f"{name}: {state['errors']}"
    assert state["run"] == state["cells"], f"{name}: ran {state['run']} of {state['cells']} cells"
    page.wait_for_timeout(1000)  # let the last widget views finish rendering
    assert page.locator(".jupyter-widgets-error-widget").count() == 0, f"{name}: a widget failed"
    assert page.locator(".widget-slider, .jupyter-button").count() > 0, (
        f"{name}: no widget rendered"
    )


def _snapshot(box) -> tuple[str, str]:
    text = box.locator(".widget-html-content").first.inner_text()
    image = box.locator("img").first.get_attribute("src") if box.locator("img").count() else ""
    return text, image or ""


def _changed(page, box, before: tuple[str, str], what: str) -> tuple[str, str]:
    for _ in range(120):
        after = _snapshot(box)
        if after != before:
            return after
        page.wait_for_timeout(250)
    pytest.fail(f"{what}: neither the text nor the figure changed (text still {before[0][:120]!r})")


def _drag_slider(page, box) -> None:
    """Drag the first slider's handle 60 px to the right, as a learner would with the mouse.

    (Arrow keys on a focused handle move it in JupyterLab but not in JupyterLite's notebook app.)
    """
    handle = box.locator(".widget-slider .noUi-handle").first
    handle.scroll_into_view_if_needed()
    start = handle.bounding_box()
    x, y = start["x"] + start["width"] / 2, start["y"] + start["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 60, y, steps=5)
    page.mouse.up()


@pytest.mark.lite
def test_lite_00_runs_and_its_slider_updates_the_square(page, site_url):
    run_lite(page, site_url, "00_start_here")
    box = page.locator(".widget-vbox", has=page.locator(".widget-slider")).first
    before = _snapshot(box)
    assert before[0].startswith("x² = ")
    _drag_slider(page, box)
    after = _changed(page, box, before, "00 slider moved")
    assert after[0].startswith("x² = ")
    assert_offline_and_clean(page, "00 in the browser edition")


@pytest.mark.lite
def test_lite_03_neuron_explorer_slider_redraws(page, site_url):
    run_lite(page, site_url, "03_neurons")
    box = page.locator(".dlcourse-NeuronExplorer").first
    before = _snapshot(box)
    _drag_slider(page, box)
    after = _changed(page, box, before, "NeuronExplorer slider moved")
    assert after[1] != before[1], "the figure did not change"
    assert_offline_and_clean(page, "03 in the browser edition")


@pytest.mark.lite
def test_lite_09_playground_step_trains_and_redraws(page, site_url):
    run_lite(page, site_url, "09_mlp_from_scratch", timeout_s=360)
    box = page.locator(".dlcourse-Playground").first
    box.scroll_into_view_if_needed()
    before = _snapshot(box)
    box.locator("button", has_text="Step").first.click()
    after = _changed(page, box, before, "Playground Step")
    assert after[0] != before[0] and after[1] != before[1]
    assert_offline_and_clean(page, "09 in the browser edition")
