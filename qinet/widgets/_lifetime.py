"""Releasing panels: ipywidgets keeps every widget alive until it is closed.

A kernel holds each widget (and its ``Layout`` and ``Style``, which are widgets too) in a registry
until ``close()`` is called, and a closed box does not close its children. A live panel is about
eighteen widgets plus a matplotlib figure and its last PNG, 1.5–2 MB in all, so a notebook cell
rerun twenty times used to keep twenty panels. Two remedies, used by
:class:`qinet.widgets.panel.LivePanel`:

* :func:`close_descendants` closes every widget inside a widget (children, layouts, styles), so
  that ``panel.close()`` releases the whole panel;
* :func:`release_on_rerun` remembers which notebook cell built a panel (JupyterLab and Notebook 7
  send the cell's id with each execution) and closes the panels an earlier run of the same cell
  built: their pictures were replaced when the cell ran again. Outside a notebook it does nothing.
"""

from __future__ import annotations

import weakref

import ipywidgets as widgets

_BUILT_BY_CELL: dict[str, tuple[str, list[weakref.ref]]] = {}


def close_descendants(widget: widgets.Widget) -> None:
    """Close every widget inside ``widget``: its children (recursively), layouts and styles (not ``widget``)."""
    for child in getattr(widget, "children", ()):
        close_descendants(child)
        child.close()
    for name in ("layout", "style"):
        part = getattr(widget, name, None)
        if isinstance(part, widgets.Widget):
            part.close()


def _execution() -> tuple[str, str] | None:
    """``(cell id, message id)`` of the notebook cell being run, or None outside a notebook kernel."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with ipywidgets
        return None
    shell = get_ipython()
    kernel = getattr(shell, "kernel", None)
    if kernel is None or not hasattr(kernel, "get_parent"):
        return None
    parent = kernel.get_parent() or {}
    cell = (parent.get("metadata") or {}).get("cellId")
    message = (parent.get("header") or {}).get("msg_id")
    return (str(cell), str(message)) if cell and message else None


def release_on_rerun(widget: widgets.Widget, execution: tuple[str, str] | None = None) -> None:
    """Register ``widget`` with the cell being run, closing what an earlier run of that cell built.

    ``execution`` is ``(cell id, message id)``; by default it is read from the kernel's current request.
    """
    execution = execution or _execution()
    if execution is None:
        return
    cell, message = execution
    previous_message, built = _BUILT_BY_CELL.get(cell, (message, []))
    if previous_message != message:
        for ref in built:
            old = ref()
            if old is not None:
                old.close()
        built = []
    built.append(weakref.ref(widget))
    _BUILT_BY_CELL[cell] = (message, built)
