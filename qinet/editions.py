"""Student and instructor editions of the notebooks, in nbgrader's conventions.

``python -m qinet.editions student OUTDIR`` writes every notebook with its solutions removed (the
``<details><summary>Solution</summary>`` blocks, and any stored output), the exercise stubs kept:
the edition runs top to bottom and its checks give feedback, but it holds no answer.

``python -m qinet.editions instructor OUTDIR`` writes an nbgrader course (``OUTDIR/nbgrader_config.py``
and ``OUTDIR/source/<notebook>/<notebook>.ipynb``, one assignment per notebook) in which every exercise
is an autograded answer cell with its model answer between ``### BEGIN SOLUTION`` and ``### END
SOLUTION`` (taken from the ```python block of its Solution), followed by a hidden, locked test cell
worth one point that asserts the exercise's ``qinet.exercises`` check, and every Solution block is
an nbgrader solution region too. ``nbgrader generate_assignment <notebook>`` in OUTDIR then releases
exactly the student edition's cells; ``nbgrader autograde`` grades submissions with the same checks
(nbgrader: Jupyter Development Team, https://nbgrader.readthedocs.io).

An exercise is a code cell of the ``## Exercises`` section with a line ``qinet.exercises....(...)``;
its Solution is the next ``<details><summary>Solution</summary>`` block. Add ``--notebooks 00a-primer
01-entanglement`` to export only some notebooks, ``--source DIR`` to read them from elsewhere.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qinet._validate import instance, one_of, strings, text

SOURCE = Path(__file__).resolve().parents[1] / "notebooks"
GLOSSARY = Path(__file__).resolve().parents[1] / "docs" / "glossary.md"
SOLUTION = re.compile(r"<details>\s*<summary>\s*Solution\s*</summary>.*?</details>\s*", re.S | re.I)
FENCE = re.compile(r"```python\n(.*?)```", re.S)
CHECK = re.compile(r"^qinet\.exercises\.[\w.]+\(.*\)\s*$", re.M)
NBGRADER_CONFIG = '''"""nbgrader settings for the qinet notebooks (written by python -m qinet.editions instructor)."""

c = get_config()  # noqa: F821
c.CourseDirectory.course_id = "qinet"
# The exercise stubs stay in the released notebooks: solution regions are removed without a replacement.
c.ClearSolutions.code_stub = {"python": ""}
c.ClearSolutions.text_stub = ""
'''


@dataclass(frozen=True)
class Exercise:
    """One exercise: the index of its code cell, its check call, and the model answer code ('' if none)."""

    cell: int
    check: str
    answer: str


def _nbformat() -> Any:
    import nbformat

    return nbformat


def _notebook(nb: object) -> Any:
    """``nb`` if it is a notebook (an ``nbformat.NotebookNode`` with cells), else a ``TypeError`` naming ``nb``."""
    nbformat = _nbformat()
    return instance("nb", nb, nbformat.NotebookNode, "a notebook read with nbformat.read(path, as_version=4)")


def _folder(name: str, value: object) -> Path:
    """``value`` as a ``Path``: a ``str`` or ``Path``, nothing else (``TypeError`` naming ``name``)."""
    return Path(instance(name, value, (str, Path), "a folder path (str or pathlib.Path)"))


def exercises(nb: Any) -> list[Exercise]:
    """The exercises of a notebook (code cells of ``## Exercises`` that call a ``qinet.exercises`` check).

    Examples
    --------
    >>> from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
    >>> nb = new_notebook(cells=[new_markdown_cell("## Exercises"),
    ...     new_code_cell("answer = None\\nqinet.exercises.fiber.check_delay_ms(answer)"),
    ...     new_markdown_cell("<details><summary>Solution</summary>\\n```python\\nanswer = 0.49\\n```\\n</details>")])
    >>> exercises(nb)
    [Exercise(cell=1, check='qinet.exercises.fiber.check_delay_ms(answer)', answer='answer = 0.49\\n')]
    """
    nb = _notebook(nb)
    found, section = [], ""
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            headings = [line[3:].strip() for line in cell.source.splitlines() if line.startswith("## ")]
            section = headings[-1] if headings else section
        elif section == "Exercises" and CHECK.search(cell.source):
            check = CHECK.findall(cell.source)[-1].strip()
            found.append(Exercise(index, check, _model_answer(nb, index)))
    return found


def _model_answer(nb: Any, index: int) -> str:
    for cell in nb.cells[index + 1 :]:
        if cell.cell_type == "code" and CHECK.search(cell.source):
            return ""
        if cell.cell_type == "markdown":
            block = SOLUTION.search(cell.source)
            if block:
                fence = FENCE.search(block.group(0))
                return fence.group(1) if fence else ""
    return ""


def _clean(nb: Any) -> Any:
    for cell in nb.cells:
        cell.metadata = {}
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        cell.source = cell.source.replace("../docs/glossary.md", "glossary.md")
    nb.metadata = {k: v for k, v in nb.metadata.items() if k in ("kernelspec", "language_info")}
    return nb


def student_notebook(nb: Any) -> Any:
    """The student edition of a notebook: Solution blocks and outputs removed, everything else kept."""
    nb = _clean(_notebook(nb))
    kept = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = SOLUTION.sub("", cell.source).strip()
            if not cell.source:
                continue
        kept.append(cell)
    nb.cells = kept
    return nb


def _nbgrader(grade_id: str, *, solution: bool, grade: bool, points: float | None = None) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "grade": grade,
        "grade_id": grade_id,
        "locked": grade and not solution,
        "schema_version": 3,
        "solution": solution,
        "task": False,
    }
    if grade:
        meta["points"] = points if points is not None else 0
    return {"nbgrader": meta}


def instructor_notebook(nb: Any, name: str) -> Any:
    """The instructor edition (an nbgrader source notebook): solution regions, hidden test cells with points."""
    nbformat = _nbformat()
    nb = _clean(_notebook(nb))
    name = text("name", name)
    if not re.fullmatch(r"[\w.-]+", name):
        raise ValueError(
            f"name must be a notebook's name such as '03-fiber-links' (letters, digits, - _ .), got {name!r}"
        )
    found = {exercise.cell: (k, exercise) for k, exercise in enumerate(exercises(nb), start=1)}
    cells = []
    for index, cell in enumerate(nb.cells):
        if index in found:
            k, exercise = found[index]
            lines = cell.source.splitlines()
            at = max(i for i, line in enumerate(lines) if CHECK.match(line))
            answer = exercise.answer.rstrip("\n") or "# the model answer is in the Solution below"
            region = ["### BEGIN SOLUTION", *answer.splitlines(), "### END SOLUTION"]
            cell.source = "\n".join(lines[:at] + region + lines[at:])
            cell.metadata = _nbgrader(f"{name}-exercise-{k}", solution=True, grade=False)
            test = nbformat.v4.new_code_cell(
                "### BEGIN HIDDEN TESTS\n"
                f"_feedback = {exercise.check}\n"
                "assert _feedback, _feedback.message\n"
                "### END HIDDEN TESTS"
            )
            test.metadata = _nbgrader(f"{name}-exercise-{k}-test", solution=False, grade=True, points=1)
            cells += [cell, test]
            continue
        if cell.cell_type == "markdown" and SOLUTION.search(cell.source):
            parts = re.split(f"({SOLUTION.pattern})", cell.source, flags=re.S | re.I)
            for j, part in enumerate(p.strip() for p in parts if p and p.strip()):
                piece = nbformat.v4.new_markdown_cell(part)
                if SOLUTION.fullmatch(part + "\n"):
                    piece.source = f"### BEGIN SOLUTION\n{part}\n### END SOLUTION"
                    piece.metadata = _nbgrader(f"{name}-solution-{index}-{j}", solution=True, grade=True, points=0)
                cells.append(piece)
            continue
        cells.append(cell)
    nb.cells = cells
    return nb


def _names(source: Path, wanted: Sequence[str] | None) -> list[Path]:
    if not source.is_dir():
        raise ValueError(f"source must be a folder of notebooks, got {str(source)!r}")
    paths = sorted(source.glob("*.ipynb"))
    if wanted is not None:
        chosen = {w.removesuffix(".ipynb") for w in strings("notebooks", wanted, like="['03-fiber-links']")}
        unknown = chosen - {p.stem for p in paths}
        if unknown:
            raise ValueError(f"notebooks must be among {[p.stem for p in paths]}; got unknown {sorted(unknown)}")
        paths = [p for p in paths if p.stem in chosen]
    return paths


def write_edition(
    edition: str, outdir: str | Path, *, notebooks: Sequence[str] | None = None, source: str | Path = SOURCE
) -> list[Path]:
    """Write the ``edition`` (``"student"`` or ``"instructor"``) of ``notebooks`` (all by default) into
    ``outdir``; return the paths written.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     [p.name for p in write_edition("student", folder, notebooks=["00a-primer"])]
    ['00a-primer.ipynb']
    """
    nbformat = _nbformat()
    edition = one_of("edition", edition, ("student", "instructor"))
    out, written = _folder("outdir", outdir), []
    for path in _names(_folder("source", source), notebooks):
        nb = nbformat.read(path, as_version=4)
        if edition == "student":
            folder, nb = out, student_notebook(nb)
        else:
            folder, nb = out / "source" / path.stem, instructor_notebook(nb, path.stem)
        folder.mkdir(parents=True, exist_ok=True)
        if GLOSSARY.exists():
            shutil.copyfile(GLOSSARY, folder / "glossary.md")
        nbformat.write(nb, folder / path.name)
        written.append(folder / path.name)
    if edition == "instructor":
        (out / "nbgrader_config.py").write_text(NBGRADER_CONFIG, encoding="utf-8")
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python -m qinet.editions student|instructor OUTDIR [--notebooks ...] [--source DIR]``."""
    parser = argparse.ArgumentParser(prog="python -m qinet.editions", description=__doc__.split("\n\n")[0])
    parser.add_argument("edition", choices=("student", "instructor"))
    parser.add_argument("outdir")
    parser.add_argument("--notebooks", nargs="*", help="notebook names (default: all)")
    parser.add_argument("--source", default=str(SOURCE), help="folder of the notebooks (default: the repository's)")
    if argv is not None:
        argv = strings("argv", argv, like="['student', 'outdir']")
    args = parser.parse_args(argv)
    try:
        written = write_edition(args.edition, args.outdir, notebooks=args.notebooks, source=args.source)
    except ValueError as error:
        parser.error(str(error))
    print(f"wrote the {args.edition} edition of {len(written)} notebooks to {args.outdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
