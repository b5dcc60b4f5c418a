"""The published book: every notebook page shows its figures and its panels' pictures, and every link resolves.

The book is built by ``jupyter-book`` (README.md, "Book"; CI builds it right after the test suite) from the
notebooks, which it executes. Here a static server on 127.0.0.1 serves the built site, as a static host
would, and headless Chromium opens each notebook's page: at least one figure must have loaded, each panel
cell (a cell ending in a ``*_panel(...)`` call) must show a picture (the panel's static image, since a book
has no kernel), and the launch menu must offer Binder, a JupyterHub and a local install. A link check of
the whole site (no browser needed) follows every internal ``href`` and ``src`` to an existing file and anchor.
Without a built book these tests are skipped, with the command to build it.
"""

from __future__ import annotations

import html.parser
import json
import urllib.parse
from pathlib import Path

import pytest

from .pagechecks import NOTEBOOK_DIR, panel_cells

NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]*-*.ipynb"))
PAGES = ["README.html", "docs/instructor-guide.html", "docs/deploy.html", "docs/api.html"]
REPOSITORY = "qinet/qinet"

_LOADED_IMAGES = """(root) => [...root.querySelectorAll('img')]
  .filter(img => img.complete && img.naturalWidth > 0).length"""


def _code_cell_ordinal(notebook: Path, index: int) -> int:
    """The position of cell ``index`` among the notebook's code cells (the page's ``div.cell`` blocks)."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return sum(cell["cell_type"] == "code" for cell in cells[:index])


@pytest.mark.browser
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[path.name for path in NOTEBOOKS])
def test_notebook_page_shows_figures_and_panel_pictures(notebook, book_server, page, screenshots):
    page.goto(f"{book_server}/notebooks/{notebook.stem}.html", wait_until="load")
    article = page.locator("article")
    assert notebook.stem.split("-", 1)[0] in page.title(), page.title()
    outputs = page.locator("div.cell_output")
    figures = page.evaluate(_LOADED_IMAGES, article.element_handle())
    assert outputs.count() and figures >= 1, f"{notebook.name}: no figure loaded on its page"
    assert not page.locator("div.cell_output .traceback, div.cell_output .output.error").count()

    cells = page.locator("div.cell")
    for number, index in enumerate(panel_cells(notebook), start=1):
        cell = cells.nth(_code_cell_ordinal(notebook, index))
        cell.scroll_into_view_if_needed()
        shown = page.evaluate(_LOADED_IMAGES, cell.locator("div.cell_output").first.element_handle())
        assert shown >= 1, f"{notebook.name}: the panel in cell {index} shows no picture"
        if number == 1:
            cell.screenshot(path=screenshots / f"book-{notebook.stem}-panel.png")

    links = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    binder = f"https://mybinder.org/v2/gh/{REPOSITORY}/main?urlpath=lab/tree/notebooks/{notebook.name}"
    assert binder in links, f"no Binder launch link for {notebook.name}"
    hub = [link for link in links if "/hub/user-redirect/git-pull?" in link or "deploy.html#links-for-students" in link]
    assert hub, "no JupyterHub entry (nbgitpuller link, or the deploy guide's set-up) in the launch menu"
    assert any(link.endswith("README.html#quick-start") for link in links), "no local-install entry"


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGES)
def test_book_page_opens(path, book_server, page, screenshots):
    response = page.goto(f"{book_server}/{path}", wait_until="load")
    assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
    heading = page.locator("article h1").first.inner_text()
    assert heading.strip(), f"{path} has no title"
    page.screenshot(path=screenshots / f"book-{Path(path).stem}.png")


class _Links(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        for name in ("href", "src"):
            if values.get(name) and tag in {"a", "img", "script", "link", "iframe", "source"}:
                self.targets.append(values[name] or "")


def _parse(path: Path, cache: dict[Path, _Links]) -> _Links:
    if path not in cache:
        parser = _Links()
        parser.feed(path.read_text(encoding="utf-8", errors="replace"))
        cache[path] = parser
    return cache[path]


def test_book_internal_links_resolve(book):
    """Every internal link of every page leads to a file of the site and, with a #fragment, to an anchor on it."""
    cache: dict[Path, _Links] = {}
    broken = []
    pages = sorted(page for page in book.rglob("*.html") if "_static" not in page.relative_to(book).parts)
    assert len(pages) > len(NOTEBOOKS), "the book has fewer pages than notebooks"
    for page in pages:
        for target in _parse(page, cache).targets:
            url = urllib.parse.urlsplit(target)
            if url.scheme or target.startswith(("//", "mailto:", "javascript:", "data:")):
                continue
            file = (page.parent / urllib.parse.unquote(url.path)).resolve() if url.path else page
            if file.is_dir():
                file = file / "index.html"
            if not file.is_file() or book.resolve() not in file.parents:
                broken.append(f"{page.relative_to(book)} -> {target} (no such file)")
            elif url.fragment and file.suffix == ".html" and url.fragment not in _parse(file, cache).ids:
                broken.append(f"{page.relative_to(book)} -> {target} (no such anchor)")
    assert not broken, f"{len(broken)} broken internal link(s):\n" + "\n".join(broken[:30])
