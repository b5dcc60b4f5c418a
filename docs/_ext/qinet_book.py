"""The qinet book's own Sphinx hooks: launch-menu entries, lean pages, and docstrings read as plain text.

sphinx-book-theme's launch menu (the rocket) offers Binder, and a JupyterHub when
``launch_buttons.jupyterhub_url`` is set in ``docs/_config.yml`` (an nbgitpuller link that copies the
repository into the student's server). We add:

* "Run locally": the README's quick start, the one command that installs and opens the notebooks;
* "JupyterHub: set up": when no hub address is configured, the deploy guide's section on links for students,
  so the menu never offers a button that leads nowhere.

A panel appears in the book as its static picture (the ``image/png`` that ``LivePanel`` adds to its output);
the live widget needs a kernel, so :func:`drop_widget_state` keeps the saved widget state (every panel's
pictures again, as base64) out of the pages, and :func:`dedupe_scripts` drops scripts that the book's
extensions register twice.

The glossary marks each term with an HTML anchor (``<a id="fidelity"></a>``), which GitHub and every notebook
viewer follow; :func:`register_html_anchors` tells MyST about them, so that a link such as
``../docs/glossary.md#fidelity`` resolves in the book, and a link to a term that does not exist still fails
the build.

qinet's docstrings are numpy-style text that writes kets as ``|0⟩`` and absolute values as ``|S|``; to
reStructuredText a bar starts a substitution. :func:`escape_bars` escapes the bars outside code, so the API
reference shows them as written.
"""

from __future__ import annotations

import re
from typing import Any

from sphinx.application import Sphinx

LAUNCH_GROUP = "launch-buttons"
_HTML_ANCHOR = re.compile(r'<a id="([^"]+)">')  # MyST splits "<a id=...></a>" into an opening and a closing tag
_CODE_OR_BAR = re.compile(r"(``.*?``|`[^`]*`|\|)")


def escape_bars(lines: list[str]) -> list[str]:
    r"""Escape ``|`` in docstring lines, except inside inline code and doctest blocks.

    Examples
    --------
    >>> escape_bars(["Prepares |0⟩ and ``|1⟩``.", ">>> abs(-2) | 1", "3"])
    ['Prepares \\|0⟩ and ``|1⟩``.', '>>> abs(-2) | 1', '3']
    """
    escaped, in_doctest = [], False
    for line in lines:
        stripped = line.strip()
        in_doctest = stripped.startswith(">>>") or (in_doctest and stripped != "")
        if in_doctest:
            escaped.append(line)
        else:
            escaped.append(_CODE_OR_BAR.sub(lambda m: "\\|" if m.group(0) == "|" else m.group(0), line))
    return escaped


def _escape_docstring(app: Sphinx, what: str, name: str, obj: object, options: dict, lines: list[str]) -> None:
    lines[:] = escape_bars(lines)


def add_launch_entries(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree) -> None:
    """Append the local-install note (and, without a hub, the hub set-up link) to the page's launch menu."""
    groups = [b for b in context.get("header_buttons", []) if b.get("label") == LAUNCH_GROUP]
    if not groups:  # not a notebook page
        return
    pathto = context["pathto"]
    entries = groups[0]["buttons"]
    launch = app.config.html_theme_options.get("launch_buttons", {})
    if not launch.get("jupyterhub_url"):
        entries.append(
            {
                "type": "link",
                "text": "JupyterHub: set up",
                "tooltip": "Run this notebook on your course's JupyterHub (nbgitpuller link)",
                "icon": "_static/images/logo_jupyterhub.svg",
                "url": pathto("docs/deploy") + "#links-for-students",
                "label": "launch-jupyterhub-setup",
            }
        )
    entries.append(
        {
            "type": "link",
            "text": "Run locally",
            "tooltip": "Install qinet on your own machine and open this notebook (one command)",
            "icon": "fas fa-laptop",
            "url": pathto("README") + "#quick-start",
            "label": "launch-local",
        }
    )


def drop_widget_state(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree) -> None:
    """Remove the ipywidgets state that myst-nb would embed in the page (it runs before myst-nb adds it)."""
    metadata = getattr(app.env, "nb_metadata", {}).get(pagename, {})
    metadata.get("js_files", {}).pop("ipywidgets_state", None)


def dedupe_scripts(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree) -> None:
    """Keep one copy of each script.

    sphinx-thebe and sphinx-togglebutton register their inline scripts twice in a Jupyter Book build (once with
    no file name, once with an empty one), and browsers then report that ``THEBE_JS_URL`` is declared twice.
    """
    seen, unique = set(), []
    for script in context.get("script_files", []):
        attributes = getattr(script, "attributes", {})
        key = (
            str(getattr(script, "filename", script) or ""),
            tuple(sorted((k, str(v)) for k, v in attributes.items())),
        )
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique


def html_anchors(html: str) -> list[str]:
    """The ids of the ``<a id="...">`` anchors in a piece of raw HTML.

    Examples
    --------
    >>> html_anchors('<a id="bell-pair"></a><a id="bell-state">'), html_anchors("</a>")
    (['bell-pair', 'bell-state'], [])
    """
    return _HTML_ANCHOR.findall(html)


def register_html_anchors(app: Sphinx, doctree) -> None:
    """Add a page's HTML anchors to the targets MyST resolves ``page.md#id`` links against."""
    from docutils import nodes

    docname = app.env.docname
    slugs = app.env.metadata[docname].setdefault("myst_slugs", {})
    title = app.env.titles[docname].astext() if docname in app.env.titles else docname
    for raw in doctree.findall(nodes.raw):
        for anchor in html_anchors(raw.astext()):
            slugs.setdefault(anchor, (raw.line or 0, anchor, title))


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the hooks: the launch entries after sphinx-book-theme has built its menu (priority 501)."""
    app.connect("html-page-context", drop_widget_state, priority=400)  # myst-nb adds its scripts at 500
    app.connect("html-page-context", add_launch_entries, priority=600)
    app.connect("html-page-context", dedupe_scripts, priority=900)
    app.connect("autodoc-process-docstring", _escape_docstring, priority=400)  # before napoleon reads them
    app.connect("doctree-read", register_html_anchors)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
