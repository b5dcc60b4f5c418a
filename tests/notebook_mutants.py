"""Run a notebook with a deliberately wrong model patched in, and report which cell stopped it.

This is how the tests show that a notebook's ``## Checks`` can fail: patch the model back to a
known-wrong version (the old QFT Bell-pair count, the old trap rounds, an optimistic satellite
budget) right after the Setup cell, run the notebook top to bottom on a fresh kernel, and require
that it stops with :class:`qinet.checks.CheckFailed` (or an ``AssertionError``) inside the Checks
section, not earlier and not at all.

Usage in a test::

    from notebook_mutants import assert_checks_catch

    def test_checks_catch_the_old_qft_count():
        assert_checks_catch("09-distributed-computing", PATCH)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"


@dataclass(frozen=True)
class Outcome:
    """Where a patched run stopped: the cell index, its section heading, the error's name and message."""

    cell: int | None
    section: str | None
    ename: str | None
    evalue: str | None


def _section_of(nb: nbformat.NotebookNode, index: int) -> str:
    section = ""
    for cell in nb.cells[: index + 1]:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("## "):
                    section = line[3:].strip()
    return section


def _setup_index(nb: nbformat.NotebookNode) -> int:
    in_setup = False
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown" and any(line.strip() == "## Setup" for line in cell.source.splitlines()):
            in_setup = True
        elif in_setup and cell.cell_type == "code":
            return i
    raise ValueError("the notebook has no code cell under '## Setup'")


def run_with_patch(notebook: str, patch: str, *, timeout: int = 180) -> Outcome:
    """Run ``notebooks/<notebook>.ipynb`` with ``patch`` executed right after the Setup cell."""
    path = NOTEBOOKS / (notebook if notebook.endswith(".ipynb") else f"{notebook}.ipynb")
    nb = nbformat.read(path, as_version=4)
    nb.cells.insert(_setup_index(nb) + 1, nbformat.v4.new_code_cell(patch))
    resources = {"metadata": {"path": str(NOTEBOOKS)}}
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", resources=resources)
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            try:
                client.execute_cell(cell, index)
            except CellExecutionError as error:
                return Outcome(index, _section_of(nb, index), error.ename, error.evalue)
    return Outcome(None, None, None, None)


def assert_checks_catch(notebook: str, patch: str) -> Outcome:
    """Require that the patched notebook stops with a failed check in its ``## Checks`` section."""
    outcome = run_with_patch(notebook, patch)
    assert outcome.cell is not None, f"{notebook}: the wrong model ran through every check without failing"
    assert outcome.ename in ("CheckFailed", "AssertionError"), (
        f"{notebook}: the wrong model crashed cell {outcome.cell} ({outcome.section}) with "
        f"{outcome.ename}: {outcome.evalue} instead of failing a check"
    )
    assert outcome.section == "Checks", (
        f"{notebook}: the wrong model failed in section {outcome.section!r}, not in the Checks: {outcome.evalue}"
    )
    return outcome
