"""Help for notebook cells run out of order: a ``NameError`` says which section to run first.

A student who opens a notebook and runs a cell halfway down (or restarts the kernel and runs
only the Checks) gets ``NameError: name 'SEED' is not defined``, which says nothing about what to
do. After :func:`explain_missing_names` (called in a notebook's Setup cell), the same error reads::

    NameError: name 'SEED' is not defined. It is set in section "Parameters" of this notebook:
    run that section first, or use Run → Run All Above.

The notebook is found from the kernel (JupyterLab and Notebook 7 tell it the notebook's path as
``__session__``, from the ``JPY_SESSION_NAME`` environment variable) or given explicitly; the
sections are its ``##`` headings, and a name is "set" by a code cell that assigns, imports or
defines it. When the notebook cannot be found, or no cell sets the name (a typo), the error is
left as it was. Nothing happens on ``import qinet``: only the call installs the handler.
"""

from __future__ import annotations

import ast
import json
import os
import re
from pathlib import Path
from typing import Any

from qinet._validate import WrongTypeError

__all__ = ["defining_section", "explain_missing_names", "hint"]


def _code(source: str) -> ast.Module | None:
    """The cell's code without IPython magics and shell escapes, parsed (None if it does not parse)."""
    lines = ["" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines()]
    try:
        return ast.parse("\n".join(lines))
    except SyntaxError:
        return None


def _names_set(tree: ast.Module) -> set[str]:
    """Names a cell binds at top level: assignments, loop and ``with`` targets, imports, defs, classes."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.NamedExpr):
            names.add(node.target.id)
    return names


def _source(cell: dict[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _checked(notebook: object) -> Path:
    """``notebook`` as the path of an existing ``.ipynb`` file (``ValueError``/``TypeError`` otherwise)."""
    if not isinstance(notebook, (str, Path)):
        raise WrongTypeError(f"notebook must be the path of a .ipynb file, got {notebook!r}")
    path = Path(notebook)
    if path.suffix != ".ipynb" or not path.is_file():
        raise ValueError(f"notebook must be the path of an existing .ipynb file, got {str(notebook)!r}")
    return path


def _identifier(name: object) -> str:
    if not isinstance(name, str) or not name.isidentifier():
        raise WrongTypeError(f"name must be a Python name such as 'SEED', got {name!r}")
    return name


def defining_section(notebook: str | Path, name: str) -> str | None:
    """The ``##`` heading of the section whose code first sets ``name`` in ``notebook``, or None.

    Examples
    --------
    >>> import json, tempfile
    >>> cells = [{"cell_type": "markdown", "source": "## Parameters"}, {"cell_type": "code", "source": "SEED = 7"}]
    >>> path = Path(tempfile.mkdtemp()) / "demo.ipynb"
    >>> _ = path.write_text(json.dumps({"cells": cells}))
    >>> defining_section(path, "SEED"), defining_section(path, "SHOTS")
    ('Parameters', None)
    """
    path, name = _checked(notebook), _identifier(name)
    try:
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError, AttributeError):
        return None
    section = ""
    for cell in cells:
        source = _source(cell)
        if cell.get("cell_type") == "markdown":
            for line in source.splitlines():
                if re.match(r"##\s", line):
                    section = line[2:].strip()
        elif cell.get("cell_type") == "code":
            tree = _code(source)
            if tree is not None and name in _names_set(tree):
                return section or "at the top"
    return None


def _notebook_path(namespace: dict[str, Any]) -> Path | None:
    """The running notebook: ``__session__`` (set by ipykernel from ``JPY_SESSION_NAME``) or that variable."""
    for candidate in (namespace.get("__session__"), os.environ.get("JPY_SESSION_NAME")):
        if not candidate or not str(candidate).endswith(".ipynb"):
            continue
        path = Path(str(candidate))
        for option in (path, Path.cwd() / path, Path.cwd() / path.name):
            if option.is_file():
                return option
    return None


def hint(name: str, notebook: str | Path | None) -> str:
    """The sentence added to ``NameError`` for ``name`` ("" when the notebook does not set it).

    Examples
    --------
    >>> hint("SEED", None)
    ''
    """
    name = _identifier(name)
    if notebook is None:
        return ""
    section = defining_section(notebook, name)
    if section is None:
        return ""
    return f'It is set in section "{section}" of this notebook: run that section first, or use Run → Run All Above.'


def explain_missing_names(notebook: str | Path | None = None) -> None:
    """Make a ``NameError`` in this notebook say which section sets the missing name.

    Installs an IPython handler for ``NameError`` in the running kernel (outside IPython it does
    nothing). ``notebook`` is the notebook's path; by default the kernel is asked for it. The
    error still stops the cell and keeps its traceback; only its message gains a sentence.
    """
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with Jupyter
        return
    fixed = None if notebook is None else _checked(notebook)
    shell = get_ipython()
    if shell is None:
        return

    def handler(self: Any, etype: type, value: BaseException, tb: Any, tb_offset: int | None = None) -> None:
        name = getattr(value, "name", None)
        path = fixed if fixed is not None else _notebook_path(self.user_ns)
        sentence = hint(name, path) if isinstance(name, str) and name.isidentifier() else ""
        if sentence and value.args and sentence not in str(value.args[0]):
            value.args = (f"{value.args[0]}. {sentence}", *value.args[1:])
        self.showtraceback((etype, value, tb), tb_offset=tb_offset)

    shell.set_custom_exc((NameError,), handler)
