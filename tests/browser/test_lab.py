"""Every notebook in JupyterLab, in headless Chromium: Run All, no errors, panels render, sliders change the picture.

One JupyterLab server and one browser serve the whole session (see ``conftest.py``). For each
notebook we open it in a fresh workspace, wait for its kernel to be connected and idle, run all
cells through the Run menu's command (checking that execution really started), then check the
outputs, the panels and one slider step per panel, save a screenshot, and shut the kernel down.
Run times and slider-step times are printed in the terminal summary, per panel, per notebook and over
all steps against the budgets (a median of 150 ms, no step beyond 300 ms), never asserted;
``python benchmarks/browser.py [NN ...]`` runs just this measurement.
"""

from __future__ import annotations

import time

import pytest

from .pagechecks import (
    NOTEBOOK_DIR,
    PANEL_IMAGE,
    is_error_text,
    panel_cells,
    stderr_in_page,
    step_panel,
    wait_for_pictures,
)

NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]*-*.ipynb"))
RUN_ALL_TIMEOUT_MS = 240_000  # generous: the machine is shared; the 30 s budget is reported, not asserted
STEPS_PER_PANEL = 3

_FIND_NOTEBOOK = """(path) => {
  const app = window.jupyterapp;
  if (!app) return false;
  for (const widget of app.shell.widgets('main')) {
    if (widget.context && widget.context.path === path && widget.content && widget.content.widgets) {
      window.__qinetNb = widget; app.shell.activateById(widget.id); return true;
    }
  }
  return false;
}"""
_KERNEL = """() => {
  const k = window.__qinetNb.sessionContext.session?.kernel;
  return k ? [k.connectionStatus, k.status] : null;
}"""
_RUN_ALL = """() => {
  window.__qinetDone = null;
  window.jupyterapp.commands.execute('runmenu:run-all').then(
    (result) => { window.__qinetDone = {result: result === undefined ? null : result}; },
    (error) => { window.__qinetDone = {error: String(error)}; });
}"""
_PROMPTS = """() => window.__qinetNb.content.widgets.filter(c => c.model.type === 'code')
  .map(c => c.node.querySelector('.jp-InputPrompt')?.textContent || '')"""
_FINISHED = """() => {
  const nb = window.__qinetNb, k = nb.sessionContext.session?.kernel;
  const pending = nb.content.widgets.some(c => c.model.type === 'code'
    && (c.node.querySelector('.jp-InputPrompt')?.textContent || '').includes('*'));
  return window.__qinetDone !== null && !pending && !!k && (k.status === 'idle' || k.status === 'dead');
}"""
_OUTPUTS = """() => window.__qinetNb.content.widgets.map((cell, index) => {
  cell.node.setAttribute('data-qinet-cell', String(index));
  if (cell.model.type !== 'code') return {index, code: false};
  const outputs = cell.model.outputs.toJSON().map(o => ({
    type: o.output_type, name: o.name || null, text: [].concat(o.text || []).join(''),
    ename: o.ename || null, evalue: o.evalue || null}));
  return {index, code: true, count: cell.model.executionCount, outputs};
})"""


def _open(page, lab, name: str) -> None:
    workspace = name.removesuffix(".ipynb")
    page.goto(f"{lab.url}/lab/workspaces/{workspace}/tree/notebooks/{name}?reset")
    page.wait_for_function(_FIND_NOTEBOOK, arg=f"notebooks/{name}", timeout=60_000)
    page.wait_for_function(f"() => ({_KERNEL})()?.join() === 'connected,idle'", timeout=90_000)


def _run_all(page) -> None:
    """Run All, and make sure it started: a click right after the kernel turns idle is sometimes lost."""
    for _ in range(3):
        page.evaluate(_RUN_ALL)
        try:
            page.wait_for_function(
                f"() => window.__qinetDone !== null || ({_PROMPTS})().some(p => /\\[(\\*|\\d+)\\]/.test(p))",
                timeout=10_000,
            )
            return
        except Exception:  # Playwright's TimeoutError: try again
            time.sleep(1)
    pytest.fail("Run All did not start executing cells after three tries")


def _kernel_errors(cells: list[dict]) -> list[str]:
    problems = []
    for cell in cells:
        for out in cell.get("outputs", []):
            if out["type"] == "error":
                problems.append(f"cell {cell['index']}: {out['ename']}: {out['evalue']}")
            elif out["name"] == "stderr" and is_error_text(out["text"]):
                problems.append(f"cell {cell['index']} printed an error to stderr: {out['text'][:500]}")
    return problems


@pytest.mark.browser
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[path.name for path in NOTEBOOKS])
def test_notebook_in_jupyterlab(notebook, lab, page, screenshots, browser_report):
    name = notebook.name
    started = time.monotonic()
    _open(page, lab, name)
    browser_report.open_s[name] = time.monotonic() - started
    started = time.monotonic()
    _run_all(page)
    page.wait_for_function(_FINISHED, timeout=RUN_ALL_TIMEOUT_MS, polling=250)
    browser_report.run_all_s[name] = time.monotonic() - started
    try:
        assert page.evaluate(_KERNEL)[1] != "dead", "the kernel died during Run All"
        cells = page.evaluate(_OUTPUTS)
        problems = _kernel_errors(cells)
        dom_errors, warnings = stderr_in_page(page.locator(".jp-Notebook"))
        assert not problems and not dom_errors, "errors shown in the notebook:\n" + "\n".join(problems + dom_errors)
        skipped = [c["index"] for c in cells if c["code"] and c["count"] is None]
        assert not skipped, f"Run All left code cells {skipped} unexecuted"
        if warnings:
            browser_report.notes.append(f"{name}: {len(warnings)} stderr warning(s), e.g. {warnings[0][:160]!r}")

        expected = panel_cells(notebook)
        assert expected, "no cell ends with a *_panel(...) call: every notebook has a panel"
        for index in expected:
            cell = page.locator(f'[data-qinet-cell="{index}"]')
            try:
                wait_for_pictures(page, cell, 1, timeout_ms=30_000)
            except Exception:  # Playwright's TimeoutError, reported as a failed check
                pytest.fail(f"the panel in cell {index} did not render a picture")
        page.locator(f'[data-qinet-cell="{expected[0]}"]').scroll_into_view_if_needed()
        page.screenshot(path=screenshots / f"{notebook.stem}.png")
        for number, index in enumerate(expected, start=1):
            cell = page.locator(f'[data-qinet-cell="{index}"]')
            times = [step_panel(page, cell) for _ in range(STEPS_PER_PANEL)]
            browser_report.step_ms[f"{name} panel {number} (cell {index})"] = times
            cell.locator(PANEL_IMAGE).first.scroll_into_view_if_needed()
            cell.locator(".jp-OutputArea").first.screenshot(path=screenshots / f"{notebook.stem}-panel{number}.png")
    finally:  # free the kernel's memory now; the server's shutdown would catch it otherwise
        page.evaluate("() => window.__qinetNb.sessionContext.shutdown()")
