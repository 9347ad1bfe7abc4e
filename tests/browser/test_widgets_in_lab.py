"""What a learner sees: the course's notebooks run in JupyterLab and their widgets work.

Each notebook whose committed outputs contain widgets is opened in a real JupyterLab in headless
Chromium, its outputs are cleared and every cell is run; then the page must show no error output,
no "Error displaying widget", and real widgets (sliders, buttons), not their plain-text fallback.
Three widgets are then driven like a learner would: a NeuronExplorer slider, the BackpropStepper's
Next button and the Playground's Step button.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import copy_notebooks, running_lab

ROOT = Path(__file__).resolve().parents[2]
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
MUST_HAVE_WIDGETS = {"03_neurons", "05_activation_functions", "06_loss_functions", "07_backpropagation",
                     "08_optimizers", "09_mlp_from_scratch"}  # fmt: skip


def _has_widgets(path: Path) -> bool:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return any(
        WIDGET_VIEW in out.get("data", {})
        for cell in nb["cells"]
        if cell["cell_type"] == "code"
        for out in cell.get("outputs", [])
    )


WIDGET_NOTEBOOKS = [p.stem for p in sorted((ROOT / "notebooks").glob("*.ipynb")) if _has_widgets(p)]

# JavaScript run in the page; `window.jupyterapp` exists because the server runs with
# --LabApp.expose_app_in_browser=True.
JS_READY = """() => {
  const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  return !!(w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel
            && w.sessionContext.session.kernel.status === 'idle' && w.content && w.content.widgets.length);
}"""
JS_DONE = """() => {
  const w = window.jupyterapp.shell.currentWidget;
  const kernel = w.sessionContext.session && w.sessionContext.session.kernel;
  if (!kernel || kernel.status !== 'idle') return false;
  const code = w.content.widgets.filter(c => c.model.type === 'code' && c.model.sharedModel.getSource().trim());
  const failed = document.querySelector('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]');
  return !!failed || code.every(c => c.model.executionCount !== null);
}"""


def run_all(page, lab: str, name: str, timeout_s: int = 150) -> None:
    """Open a notebook, clear its stored outputs, run every cell and wait until the kernel is idle."""
    # A workspace of its own (and ?reset) so notebooks opened by earlier tests are not restored.
    page.goto(f"{lab}/lab/workspaces/{name}/tree/{name}.ipynb?reset")
    page.wait_for_function(JS_READY, timeout=90_000)
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs')")
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_timeout(1000)
    page.wait_for_function(JS_DONE, timeout=timeout_s * 1000, polling=500)
    page.wait_for_timeout(1500)  # let the last widget views finish rendering


def assert_clean(page, name: str) -> None:
    errors = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
    if errors.count():
        pytest.fail(
            f"{name}: a cell shows an error or stderr output:\n{errors.first.inner_text()[:2000]}"
        )
    broken = page.locator(".jupyter-widgets-error-widget")
    if broken.count():
        pytest.fail(
            f"{name}: {broken.count()} widget(s) failed to render ('Error displaying widget'): "
            f"{broken.first.inner_text()[:300]!r}. Is the JupyterLab widgets extension "
            "(jupyterlab_widgets) installed and matching ipywidgets? Run `make doctor`."
        )


def assert_widgets_rendered(page, name: str) -> None:
    rendered = page.locator(".jupyter-widgets")
    controls = page.locator(".widget-slider, .jupyter-button, .widget-dropdown, .widget-checkbox")
    if rendered.count() == 0 or controls.count() == 0:
        fallback = page.locator('.jp-OutputArea-output[data-mime-type="text/plain"]')
        sample = fallback.first.inner_text()[:200] if fallback.count() else "(no text either)"
        pytest.fail(
            f"{name}: no widget rendered as a widget (found {rendered.count()} widget views, "
            f"{controls.count()} controls); the page shows plain text such as {sample!r}. The "
            "JupyterLab widgets extension (jupyterlab_widgets) is probably missing or mismatched: "
            "run `make doctor`."
        )


def test_the_notebooks_that_must_have_widgets_do():
    missing = MUST_HAVE_WIDGETS - set(WIDGET_NOTEBOOKS)
    assert not missing, f"no widget output found in {sorted(missing)}"


@pytest.mark.parametrize("name", WIDGET_NOTEBOOKS)
def test_notebook_runs_and_widgets_render(page, lab, name):
    run_all(page, lab, name)
    assert_clean(page, name)
    assert_widgets_rendered(page, name)


def _widget(page, cls: str):
    box = page.locator(f".dlcourse-{cls}").first
    box.wait_for(state="visible", timeout=30_000)
    box.scroll_into_view_if_needed()
    return box


def _snapshot(box) -> tuple[str, str]:
    text = box.locator(".widget-html-content").first.inner_text()
    image = box.locator("img").first.get_attribute("src") or ""
    return text, image


def _wait_changed(
    page, box, before: tuple[str, str], what: str, both: bool = False
) -> tuple[str, str]:
    """Wait for the widget's text or figure to change (with ``both``, for text and figure).

    The kernel sends the text and the picture as two messages; on a loaded machine the second can
    arrive a few seconds after the first.
    """
    after = before
    for _ in range(120):
        after = _snapshot(box)
        changed = [a != b for a, b in zip(after, before, strict=True)]
        if all(changed) if both else any(changed):
            return after
        page.wait_for_timeout(250)
    if after != before:
        return after  # one of the two changed: the caller's assertions say which did not
    pytest.fail(f"{what}: neither the text nor the figure changed (text still {before[0][:120]!r})")


def test_moving_a_neuron_explorer_slider_updates_the_result(page, lab):
    run_all(page, lab, "03_neurons")
    box = _widget(page, "NeuronExplorer")
    before = _snapshot(box)
    handle = box.locator(".widget-slider .noUi-handle").first
    handle.focus()
    for _ in range(3):
        handle.press("ArrowRight")
    after = _wait_changed(page, box, before, "NeuronExplorer slider moved", both=True)
    assert after[1] != before[1], "the figure (image bytes) did not change"


def test_backprop_stepper_next_advances_the_step(page, lab):
    run_all(page, lab, "07_backpropagation")
    box = _widget(page, "BackpropStepper")
    before = _snapshot(box)
    box.locator("button", has_text="Next").first.click()
    after = _wait_changed(page, box, before, "BackpropStepper Next")
    assert "Step" in after[0] and after[0] != before[0]


def test_playground_step_advances_epoch_and_picture(page, lab):
    run_all(page, lab, "09_mlp_from_scratch")
    box = _widget(page, "Playground")
    before = _snapshot(box)
    box.locator("button", has_text="Step").first.click()
    after = _wait_changed(page, box, before, "Playground Step", both=True)
    assert "Epoch" in after[0] and after[0] != before[0], after[0]
    assert after[1] != before[1], "the decision boundary picture did not change"


def test_a_missing_widgets_extension_is_caught(page, tmp_path):
    """Prove the check above can fail: with the widgets extension disabled, it must say why."""
    config = tmp_path / "config"
    (config / "labconfig").mkdir(parents=True)
    (config / "labconfig" / "page_config.json").write_text(
        json.dumps({"disabledExtensions": {"@jupyter-widgets/jupyterlab-manager": True}})
    )
    with running_lab(copy_notebooks(tmp_path / "root"), config) as url:
        run_all(page, url, "00_start_here")
        with pytest.raises(pytest.fail.Exception, match="jupyterlab_widgets"):
            assert_widgets_rendered(page, "00_start_here")
