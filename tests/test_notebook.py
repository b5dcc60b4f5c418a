"""A cell run before the cells it depends on says which section to run first, instead of a bare NameError."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from qinet.notebook import defining_section, hint

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def _notebook(tmp_path: Path, cells: list[tuple[str, str]]) -> Path:
    path = tmp_path / "demo.ipynb"
    nb = nbformat.v4.new_notebook()
    for kind, source in cells:
        nb.cells.append(nbformat.v4.new_markdown_cell(source) if kind == "md" else nbformat.v4.new_code_cell(source))
    nbformat.write(nb, path)
    return path


DEMO = [
    ("md", "# Demo"),
    ("md", "## Setup"),
    ("code", "import qinet\nqinet.notebook.explain_missing_names()"),
    ("md", "## Parameters"),
    ("code", "%matplotlib inline\nSEED = 7\nLENGTHS_KM, RATES = [1, 2], [3, 4]"),
    ("md", "## 1. Fibre loss\nSome text."),
    (
        "code",
        "import numpy as np\nfrom qinet import links as fibre\n"
        "for k in range(2):\n    pass\ndef rate(x):\n    return x",
    ),
    ("md", "## Checks"),
    ("code", "print(SEED, RATES, np.pi, fibre, k, rate, typo_name)"),
]


def test_the_section_that_sets_a_name_is_found(tmp_path):
    path = _notebook(tmp_path, DEMO)
    assert defining_section(path, "SEED") == "Parameters"
    assert defining_section(path, "RATES") == "Parameters"  # tuple unpacking
    for name in ("np", "fibre", "k", "rate"):  # imports, aliases, loop variables, functions
        assert defining_section(path, name) == "1. Fibre loss", name
    assert defining_section(path, "typo_name") is None
    assert hint("SEED", path) == (
        'It is set in section "Parameters" of this notebook: run that section first, or use Run → Run All Above.'
    )
    assert hint("typo_name", path) == "" and hint("SEED", None) == ""


def test_bad_notebook_paths_and_names_are_refused(tmp_path):
    with pytest.raises(ValueError, match="notebook must be the path of an existing .ipynb file"):
        defining_section(tmp_path / "missing.ipynb", "SEED")
    with pytest.raises(TypeError, match="name must be a Python name"):
        defining_section(_notebook(tmp_path, DEMO), "not a name")


def _run(path: Path, indices: list[int]) -> CellExecutionError | None:
    """Run the given code cells of ``path`` on a fresh kernel that knows the notebook's path as a
    JupyterLab session does (``JPY_SESSION_NAME``); return the error that stopped them."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    with client.setup_kernel(env={**os.environ, "JPY_SESSION_NAME": str(path)}):
        for index in indices:
            try:
                client.execute_cell(nb.cells[index], index)
            except CellExecutionError as error:
                return error
    return None


def test_a_cell_run_too_early_names_the_section_to_run_first(tmp_path):
    path = _notebook(tmp_path, DEMO)
    error = _run(path, [2, 8])  # Setup, then Checks without the sections between
    assert error is not None and error.ename == "NameError"
    assert error.evalue == (
        "name 'SEED' is not defined. It is set in section \"Parameters\" of this notebook: run that section "
        "first, or use Run → Run All Above."
    )


def test_a_name_no_cell_sets_keeps_the_plain_error(tmp_path):
    path = _notebook(tmp_path, DEMO)
    error = _run(path, [2, 4, 6, 8])
    assert error is not None and error.evalue == "name 'typo_name' is not defined"


def test_notebook_03_checks_run_first_point_to_their_section():
    path = NOTEBOOKS / "03-fiber-links.ipynb"
    nb = nbformat.read(path, as_version=4)
    headings = [(i, c.source) for i, c in enumerate(nb.cells) if c.cell_type == "markdown"]
    setup = next(i for i, source in headings if source.startswith("## Setup")) + 1
    checks = next(i for i, source in headings if source.startswith("## Checks"))
    first_check = next(i for i in range(checks, len(nb.cells)) if nb.cells[i].cell_type == "code")
    error = _run(path, [setup, first_check])
    assert error is not None and error.ename == "NameError"
    assert "of this notebook: run that section first, or use Run → Run All Above." in error.evalue


def test_import_qinet_installs_nothing():
    code = (
        "import IPython, qinet, qinet.notebook; shell = IPython.core.interactiveshell.InteractiveShell.instance(); "
        "print(shell.custom_exceptions)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "()"


def test_the_notebooks_of_this_suite_install_it_in_their_setup():
    for name in ("03", "04", "05", "06", "08", "13"):
        path = next(NOTEBOOKS.glob(f"{name}-*.ipynb"))
        setup = json.loads(path.read_text())["cells"]
        sources = ["".join(c["source"]) for c in setup]
        assert any("qinet.notebook.explain_missing_names()" in s for s in sources), path.name
