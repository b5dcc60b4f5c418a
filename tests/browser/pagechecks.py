"""What the browser tests look for in a page: panels, errors, and how fast a slider step shows its picture.

Shared by ``test_lab.py`` and ``test_voila.py``. A qinet panel (``qinet.widgets.panel.LivePanel``)
renders as a widget box holding its controls and an ``<img class="widget-image">`` whose ``src``
is a new blob URL after every update, so "the picture changed" means "the img's src changed and
the new image loaded".
"""

from __future__ import annotations

import ast
import json
import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: The notebooks under test: the repository's, or another folder named by QINET_BROWSER_NOTEBOOKS.
NOTEBOOK_DIR = Path(os.environ.get("QINET_BROWSER_NOTEBOOKS", ROOT / "notebooks"))

#: A stderr text that is an error, not a warning: a traceback or an IPython/Python error line.
_ERROR = re.compile(r"Traceback \(most recent call last\)|^\s*[A-Za-z_][\w.]*(Error|Exception)\b(\s|:|$)", re.M)

PANEL_IMAGE = "img.widget-image"
SLIDER_HANDLE = ".noUi-handle"
DROPDOWN = ".widget-dropdown select"

#: Arms a one-shot timer: t0 at the next keydown/change in the page, t1 when the image's new src has loaded.
_ARM_TIMER = """(img) => {
  window.__qinetT0 = null; window.__qinetT1 = null;
  const old = img.getAttribute('src');
  const start = () => { if (window.__qinetT0 === null) window.__qinetT0 = performance.now(); };
  document.addEventListener('keydown', start, {capture: true, once: true});
  document.addEventListener('change', start, {capture: true, once: true});
  const loaded = () => {
    if (img.getAttribute('src') === old) return;
    window.__qinetT1 = performance.now();
    img.removeEventListener('load', loaded);
  };
  img.addEventListener('load', loaded);
}"""


def is_error_text(text: str) -> bool:
    """True when stderr text shows an error (traceback, ``SomeError: ...``), False for warnings.

    Examples
    --------
    >>> is_error_text("/x/y.py:3: UserWarning: slow backend\\n  warnings.warn(...)")
    False
    >>> is_error_text("ZeroDivisionError                Traceback (most recent call last)")
    True
    >>> is_error_text("ValueError: length_km must be in [0.0, inf), got -1.0")
    True
    """
    return bool(_ERROR.search(text))


def panel_cells(notebook: Path) -> list[int]:
    """Indices of the cells whose last statement calls a ``*_panel`` factory (the notebook's panels).

    Examples
    --------
    >>> import nbformat, tempfile
    >>> cells = ["import qinet", "qinet.widgets.fiber.link_panel(\\n    max_km=300)", "panel = link_panel()"]
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# t")]
    ...                               + [nbformat.v4.new_code_cell(source) for source in cells])
    >>> path = Path(tempfile.mkdtemp()) / "t.ipynb"; nbformat.write(nb, path)
    >>> panel_cells(path)
    [2]
    """
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return [
        i for i, cell in enumerate(cells) if cell["cell_type"] == "code" and _ends_with_panel("".join(cell["source"]))
    ]


def _ends_with_panel(source: str) -> bool:
    try:
        body = ast.parse(source).body
    except SyntaxError:  # IPython magics: fall back to the last line
        lines = [line for line in source.splitlines() if line.strip()]
        return bool(lines) and re.search(r"\w_panel\(", lines[-1]) is not None
    if not body or not isinstance(body[-1], ast.Expr) or not isinstance(body[-1].value, ast.Call):
        return False
    func = body[-1].value.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name.endswith("_panel")


def stderr_in_page(scope) -> tuple[list[str], list[str]]:
    """``(errors, warnings)``: the texts of the stderr outputs shown inside ``scope`` (a page or locator)."""
    texts = scope.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').all_inner_texts()
    errors = [text for text in texts if is_error_text(text)]
    return errors, [text for text in texts if text not in errors]


def wait_for_pictures(page, scope, count: int, timeout_ms: float) -> None:
    """Wait until ``scope`` holds at least ``count`` panel images that have loaded."""
    page.wait_for_function(
        """([root, n]) => [...root.querySelectorAll('img.widget-image')]
             .filter(img => img.complete && img.naturalWidth > 0 && img.getAttribute('src')).length >= n""",
        arg=[scope.element_handle(), count],
        timeout=timeout_ms,
    )


def step_panel(page, panel, timeout_ms: float = 20_000) -> float:
    """Move the panel's first slider one step with the keyboard (or pick another dropdown option).

    Returns the time in ms from the key press to the new picture being loaded in the page; raises
    ``AssertionError`` if the picture did not change within ``timeout_ms``.
    """
    image = panel.locator(PANEL_IMAGE).first
    before = image.get_attribute("src")
    image.evaluate(_ARM_TIMER)
    handles = panel.locator(SLIDER_HANDLE)
    if handles.count():
        handle = handles.first
        now, top = handle.get_attribute("aria-valuenow"), handle.get_attribute("aria-valuemax")
        at_top = now is not None and top is not None and float(now) >= float(top)
        handle.press("ArrowLeft" if at_top else "ArrowRight")
    else:
        select = panel.locator(DROPDOWN).first
        assert select.count(), "the panel has neither a slider nor a dropdown to move"
        options = select.locator("option").all_inner_texts()
        current = select.evaluate("s => s.selectedIndex")
        select.select_option(index=(current + 1) % len(options))
    try:
        page.wait_for_function("window.__qinetT1 !== null && window.__qinetT0 !== null", timeout=timeout_ms)
    except Exception as error:  # Playwright's TimeoutError: report it as a failed check
        raise AssertionError(f"moving a control did not change the picture within {timeout_ms / 1000:.0f} s") from error
    assert image.get_attribute("src") != before
    return page.evaluate("window.__qinetT1 - window.__qinetT0")
