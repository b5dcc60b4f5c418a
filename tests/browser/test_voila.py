"""Dashboard mode: a notebook rendered by Voilà shows its panels, without errors, and a slider changes the picture.

Checked twice on one notebook: with the standalone ``voila`` command (what an instructor runs on a
laptop) and through JupyterLab's Voilà server extension at ``/voila/render/...`` (what Binder's
``?urlpath=voila/render/notebooks/NAME.ipynb`` opens).
"""

from __future__ import annotations

import pytest

from .pagechecks import NOTEBOOK_DIR, PANEL_IMAGE, panel_cells, stderr_in_page, step_panel, wait_for_pictures

#: The notebook projected in dashboard mode if it exists (several panels); otherwise the first one with a panel.
PREFERRED = "03-fiber-links.ipynb"
RENDER_TIMEOUT_MS = 240_000


def _dashboard_notebook():
    candidates = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]-*.ipynb"))
    preferred = [path for path in candidates if path.name == PREFERRED]
    with_panels = [path for path in preferred + candidates if panel_cells(path)]
    return with_panels[0] if with_panels else None


@pytest.mark.browser
@pytest.mark.parametrize("server", ["voila", "lab"], ids=["standalone-voila", "voila-in-jupyter-server"])
def test_panels_in_voila(server, request, page, screenshots, browser_report):
    notebook = _dashboard_notebook()
    if notebook is None:
        pytest.skip(f"no notebook with a *_panel(...) cell in {NOTEBOOK_DIR}")
    base = request.getfixturevalue(server).url
    page.goto(f"{base}/voila/render/notebooks/{notebook.name}", timeout=RENDER_TIMEOUT_MS, wait_until="load")
    body = page.locator("body")
    expected = len(panel_cells(notebook))
    try:
        wait_for_pictures(page, body, expected, timeout_ms=60_000)
    except Exception:  # Playwright's TimeoutError, reported as a failed check
        shown = page.locator(PANEL_IMAGE).count()
        pytest.fail(f"Voilà showed {shown} of the {expected} panels of {notebook.name}")
    errors, warnings = stderr_in_page(body)
    assert not errors, f"Voilà shows errors for {notebook.name}:\n" + "\n".join(errors)
    if warnings:
        browser_report.notes.append(f"Voilà ({server}) shows {len(warnings)} stderr warning(s) in {notebook.name}")
    assert "There was an error when executing cell" not in body.inner_text()
    panel = page.locator(".jp-OutputArea-output", has=page.locator(PANEL_IMAGE)).first
    times = [step_panel(page, panel) for _ in range(3)]
    browser_report.voila_step_ms[f"{notebook.name} ({server})"] = times
    panel.scroll_into_view_if_needed()
    page.screenshot(path=screenshots / f"voila-{server}-{notebook.stem}.png")
