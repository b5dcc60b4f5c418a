"""Student and instructor editions: the student edition holds no solution and runs top to bottom; the
instructor edition is a valid nbgrader source whose release is the student edition and whose hidden
tests grade a submission with the exercises' own checks."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from qinet import editions

ROOT = Path(__file__).resolve().parents[1]
ALL = sorted(p.stem for p in (ROOT / "notebooks").glob("*.ipynb"))


@pytest.fixture(scope="module")
def student(tmp_path_factory):
    folder = tmp_path_factory.mktemp("student")
    editions.write_edition("student", folder)
    return folder


@pytest.fixture(scope="module")
def instructor(tmp_path_factory):
    folder = tmp_path_factory.mktemp("instructor")
    editions.write_edition("instructor", folder)
    return folder


def _model_answers(instructor: Path) -> list[str]:
    """Every line inside a solution region of the instructor edition that gives something away."""
    lines = []
    for path in sorted((instructor / "source").glob("*/*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            for region in re.findall(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", cell.source, re.S):
                lines += [line.strip() for line in region.splitlines() if len(line.strip()) > 12]
    return [line for line in lines if not line.startswith(("def ", "return ", "qc = ", "#", "<details", "</details"))]


def test_student_edition_keeps_every_stub_and_no_solution(student, instructor):
    assert sorted(p.stem for p in student.glob("*.ipynb")) == ALL
    answers = _model_answers(instructor)
    assert len(answers) >= 10, "the primer's model answers are found in the instructor edition"
    for name in ALL:
        original = nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4)
        nb = nbformat.read(student / f"{name}.ipynb", as_version=4)
        text = "\n".join(cell.source for cell in nb.cells)
        assert not re.search(r"<summary>\s*Solution", text, re.I), f"{name} still shows a solution"
        leaked = [line for line in answers if line in text]
        assert not leaked, f"{name} gives away {leaked}"
        assert len(editions.exercises(nb)) == len(editions.exercises(original)), f"{name} lost an exercise stub"
        assert all(c.outputs == [] for c in nb.cells if c.cell_type == "code")
        assert "../docs/glossary.md" not in text and (student / "glossary.md").exists()


@pytest.mark.parametrize("name", ["00a-primer", "01-entanglement"])
def test_student_edition_runs_top_to_bottom(student, name):
    nb = nbformat.read(student / f"{name}.ipynb", as_version=4)
    NotebookClient(nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(student)}}).execute()
    feedback = [o for c in nb.cells for o in c.get("outputs", []) if "Not yet" in str(o.get("data", o.get("text")))]
    assert len(feedback) == len(editions.exercises(nb)), "every unanswered stub gets feedback, none raises"


@pytest.mark.skipif(not os.environ.get("QINET_SLOW"), reason="set QINET_SLOW=1 to run every student notebook")
@pytest.mark.parametrize("name", ALL)
def test_every_student_notebook_runs(student, name):
    nb = nbformat.read(student / f"{name}.ipynb", as_version=4)
    NotebookClient(nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(student)}}).execute()


def test_instructor_edition_is_valid_nbgrader_source(instructor):
    v3 = pytest.importorskip("nbgrader.nbgraderformat.v3")
    assert (instructor / "nbgrader_config.py").exists()
    for name in ALL:
        nb = nbformat.read(instructor / "source" / name / f"{name}.ipynb", as_version=4)
        v3.MetadataValidatorV3().validate_nb(nb)
        graded = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("points")]
        assert len(graded) == len(editions.exercises(nb)), f"{name}: one hidden test worth a point per exercise"
        assert all("BEGIN HIDDEN TESTS" in c.source and "assert _feedback" in c.source for c in graded)


def _nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    command = [sys.executable, "-m", "nbgrader", *args, "--force"]
    return subprocess.run(command, cwd=course, env=env, capture_output=True, text=True, timeout=300)


def test_nbgrader_releases_the_student_edition(instructor, student, tmp_path):
    pytest.importorskip("nbgrader")
    course = tmp_path / "course"
    shutil.copytree(instructor, course)
    result = _nbgrader(course, "generate_assignment", "00a-primer")
    assert result.returncode == 0, result.stderr[-2000:]
    release = nbformat.read(course / "release" / "00a-primer" / "00a-primer.ipynb", as_version=4)
    ours = nbformat.read(student / "00a-primer.ipynb", as_version=4)
    squash = lambda nb: [re.sub(r"\n+", "\n", c.source.strip()) for c in nb.cells if c.source.strip()]  # noqa: E731
    assert squash(release) == squash(ours)


def test_nbgrader_autogrades_a_submission_with_the_checks(tmp_path):
    pytest.importorskip("nbgrader")
    source = tmp_path / "notebooks"
    source.mkdir()
    nb = new_notebook(
        cells=[
            new_markdown_cell("## Exercises\n\n**1.** The fraction of light left after 50 km."),
            new_code_cell("import qinet\nanswer = None\nqinet.exercises.fiber.check_surviving_fraction(answer)"),
            new_markdown_cell("<details><summary>Solution</summary>\n\n```python\nanswer = 0.1\n```\n</details>"),
            new_markdown_cell("**2.** The delay in ms over 100 km."),
            new_code_cell("answer = None\nqinet.exercises.fiber.check_delay_ms(answer)"),
            new_markdown_cell("<details><summary>Solution</summary>\n\n```python\nanswer = 0.4897\n```\n</details>"),
        ]
    )
    nb.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    nbformat.write(nb, source / "quiz.ipynb")
    course = tmp_path / "course"
    editions.write_edition("instructor", course, source=source)
    assert _nbgrader(course, "generate_assignment", "quiz").returncode == 0
    submitted = course / "submitted" / "ada" / "quiz"
    submitted.mkdir(parents=True)
    work = nbformat.read(course / "release" / "quiz" / "quiz.ipynb", as_version=4)
    answer_cells = [c for c in work.cells if "answer = None" in c.source]
    answer_cells[0].source = answer_cells[0].source.replace("answer = None", "answer = 0.1")  # right
    answer_cells[1].source = answer_cells[1].source.replace("answer = None", "answer = 489.7")  # µs for ms
    nbformat.write(work, submitted / "quiz.ipynb")
    result = _nbgrader(course, "autograde", "quiz", "--student", "ada")
    assert result.returncode == 0, result.stderr[-2000:]
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        submission = gradebook.find_submission("quiz", "ada")
        assert (submission.score, submission.max_score) == (1.0, 2.0)
