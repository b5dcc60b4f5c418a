"""The book's configuration and hooks, and the static picture every panel carries (fast; no build needed).

Building the book and checking it in a browser is ``tests/browser/test_book.py`` (CI builds it after the suite).
"""

from __future__ import annotations

import base64
import doctest
import importlib.util
import re
from pathlib import Path

import pytest
import yaml

from qinet.widgets.panel import LivePanel, slider

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def _config() -> dict:
    return yaml.safe_load((DOCS / "_config.yml").read_text(encoding="utf-8"))


def _toc_entries(node) -> list[str]:
    """Every ``file`` and ``glob`` entry of the table of contents, in order."""
    if isinstance(node, dict):
        own = [node[key] for key in ("root", "file", "glob") if key in node]
        return own + [entry for value in node.values() for entry in _toc_entries(value)]
    if isinstance(node, list):
        return [entry for item in node for entry in _toc_entries(item)]
    return []


def _hooks():
    spec = importlib.util.spec_from_file_location("qinet_book", DOCS / "_ext" / "qinet_book.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_page_is_in_the_table_of_contents():
    entries = _toc_entries(yaml.safe_load((DOCS / "_toc.yml").read_text(encoding="utf-8")))
    assert entries[0] == "README" and "notebooks/*" in entries
    pages = [f"docs/{path.stem}" for path in DOCS.glob("*.md")]
    missing = [page for page in pages if page not in entries]
    assert not missing, f"add {missing} to docs/_toc.yml (the build fails on pages outside the table of contents)"
    listed = [entry for entry in entries if "*" not in entry]
    absent = [entry for entry in listed if not any((ROOT / entry).with_suffix(s).exists() for s in (".md", ".ipynb"))]
    assert not absent, f"docs/_toc.yml lists pages that do not exist: {absent}"


def test_the_book_executes_every_notebook_and_fails_on_errors():
    execute = _config()["execute"]
    assert execute["execute_notebooks"] == "force", "outputs are never stored: the book must run every notebook"
    assert execute["allow_errors"] is False and execute["raise_on_error"] is True


def test_launch_menu_points_at_the_repository_binder_and_a_hub():
    config = _config()
    assert config["repository"]["url"] == "https://github.com/qinet/qinet"
    assert config["launch_buttons"]["binderhub_url"] == "https://mybinder.org"
    assert config["launch_buttons"]["notebook_interface"] == "jupyterlab"
    assert "jupyterhub_url" in config["launch_buttons"], "the hub address is configured in one place"
    assert "links-for-students" in (DOCS / "_ext" / "qinet_book.py").read_text(encoding="utf-8")
    deploy = (DOCS / "deploy.md").read_text(encoding="utf-8")
    assert re.search(r"^## Links for students", deploy, re.M), "the launch menu's set-up entry links to this section"


def test_readme_documents_the_book_command_that_ci_runs():
    command = re.search(r"(\.venv/bin/jupyter-book build [^\n`]*)", (ROOT / "README.md").read_text(encoding="utf-8"))
    assert command, "README.md documents the book's build command"
    assert command.group(1).strip() in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_book_hooks_doctests():
    pytest.importorskip("sphinx", reason="the docs extra (.ci/run installs it, then reruns this file)")
    result = doctest.testmod(_hooks())
    assert result.attempted > 0 and result.failed == 0


def test_panel_carries_its_current_picture_for_static_renderers():
    def draw(fig, x: float) -> str:
        fig.axes[0].plot([0, 1], [0, x])
        return f"x = {x}"

    panel = LivePanel(draw, {"x": slider("x", 0.5, 0.0, 1.0, 0.1)})
    first = panel._repr_mimebundle_()
    assert first["application/vnd.jupyter.widget-view+json"]["model_id"] == panel.model_id
    assert base64.b64decode(first["image/png"]) == panel.image.value
    panel.controls["x"].value = 0.9
    assert panel._repr_mimebundle_()["image/png"] != first["image/png"], "the picture follows the controls"
