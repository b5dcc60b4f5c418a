"""Hygiene: notebooks stored clean and on the skeleton, listed everywhere, environment files in step."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest

import qinet

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
NAMES = [path.name for path in NOTEBOOKS]
SKELETON = [
    "## Setup",
    "## Parameters",
    "## 1.",
    "### Check your understanding",
    "## Explore",
    "## Summary",
    "## Exercises",
    "## References",
    "## Checks",
]


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _headings(nb: dict) -> list[str]:
    lines = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            lines += [line.strip() for line in "".join(cell["source"]).splitlines() if line.startswith("#")]
    return lines


def test_there_are_notebooks_and_start_here_comes_first():
    assert NAMES and NAMES[0] == "00-start-here.ipynb"
    assert all(re.fullmatch(r"\d\d[a-z]?-[a-z0-9]+(-[a-z0-9]+)*\.ipynb", name) for name in NAMES), NAMES


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_notebook_is_stored_without_outputs_and_stray_metadata(path):
    nb = _load(path)
    assert set(nb["metadata"]) <= {"kernelspec", "language_info"}, nb["metadata"].keys()
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    for cell in nb["cells"]:
        assert not cell.get("attachments"), "attachments bloat the repository"
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None
        assert not cell.get("metadata", {}).get("execution"), "execution timing metadata left in"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_notebook_follows_the_skeleton(path):
    nb = _load(path)
    headings = _headings(nb)
    h1 = [h for h in headings if re.match(r"#\s", h)]
    assert len(h1) == 1 and headings[0] == h1[0], f"exactly one H1, first: {h1}"
    intro = "".join("".join(c["source"]) for c in nb["cells"][:3] if c["cell_type"] == "markdown").lower()
    for phrase in ("what you will learn", "prerequisites", "time needed"):
        assert phrase in intro, f"the opening should say {phrase!r}"
    position = 0
    for wanted in SKELETON:
        found = [i for i, h in enumerate(headings) if h.startswith(wanted) and i >= position]
        assert found, f"heading {wanted!r} missing or out of order"
        position = found[0]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_notebook_has_a_panel_and_checks(path):
    nb = _load(path)
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    assert "_panel(" in code, "every notebook has at least one interactive panel"
    assert "qinet.exercises" in code, "exercises are checked with qinet.exercises"
    assert re.search(r"^assert |checks\.\w+\(", code, re.M), "the ## Checks cells assert key results"
    assert "execute(" not in code and ".c_if(" not in code, "removed Qiskit APIs"
    assert all(len("".join(c["source"]).splitlines()) <= 25 for c in nb["cells"] if c["cell_type"] == "code")


@pytest.mark.parametrize("document", ["README.md", "notebooks/00-start-here.ipynb"])
def test_every_notebook_is_listed(document):
    text = (ROOT / document).read_text(encoding="utf-8")
    missing = [name for name in NAMES if name != "00-start-here.ipynb" and name not in text]
    assert not missing, f"{document} does not link {missing}"


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _names(requirements: list[str]) -> set[str]:
    return {re.split(r"[<>=!~\[ ;]", line, maxsplit=1)[0].lower() for line in requirements}


def test_pyproject_is_the_one_source_of_dependencies_and_version():
    project = _pyproject()["project"]
    assert "version" in project["dynamic"] and "version" not in project
    assert qinet.__version__ == metadata.version("qinet")
    lines = [line.strip() for line in (ROOT / "requirements.txt").read_text().splitlines()]
    assert [line for line in lines if line and not line.startswith("#")] == ["-e .[notebooks,test]"]
    every = project["dependencies"] + [r for extra in project["optional-dependencies"].values() for r in extra]
    unbounded = [r for r in every if "<" not in r]
    assert not unbounded, f"dependencies need an upper bound: {unbounded}"


def test_binder_installs_what_students_need_and_no_test_tooling():
    project = _pyproject()["project"]
    student = _names(project["dependencies"] + project["optional-dependencies"]["notebooks"])
    tooling = _names(project["optional-dependencies"]["test"])
    assert not student & tooling, f"test tooling in the student environment: {student & tooling}"
    assert not (ROOT / "binder" / "requirements.txt").exists()
    runtime = (ROOT / "binder" / "runtime.txt").read_text().strip()
    assert tuple(map(int, runtime.removeprefix("python-").split("."))) >= (3, 11)
    post_build = (ROOT / "binder" / "postBuild").read_text()
    assert "set -e" in post_build and 'pip install --no-cache-dir -e ".[notebooks]"' in post_build
    assert "lab build" not in post_build


def test_readme_quick_start_is_two_commands_and_ci_runs_the_second():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Quick start.*?```(?:bash|sh)?\n(.*?)```", readme, re.S)
    assert block, "README has a Quick start code block"
    commands = [line for line in block.group(1).splitlines() if line.strip() and not line.startswith("#")]
    assert len(commands) == 2 and "jupyter lab" in commands[0] and "pytest" in commands[1]
    assert commands[1].strip() in (ROOT / ".ci" / "run").read_text()


def test_ruff_is_clean():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--quiet", str(ROOT)], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_applied():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", str(ROOT)], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, "run `ruff format` on:\n" + result.stdout + result.stderr


def test_mypy_finds_no_type_errors():
    """``mypy`` checks ``qinet/`` as configured in pyproject.toml ([tool.mypy])."""
    result = subprocess.run([sys.executable, "-m", "mypy"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr


def test_import_qinet_is_light_and_has_no_side_effects():
    code = (
        "import sys, matplotlib as mpl; before = dict(mpl.rcParams); import qinet; "
        "assert 'qiskit' not in sys.modules, 'import qinet pulled in qiskit'; "
        "assert dict(mpl.rcParams) == before, 'import qinet changed the plot style'; print('ok')"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "ok", result.stderr


def test_instructor_guide_covers_every_notebook():
    guide = (ROOT / "docs" / "instructor-guide.md").read_text(encoding="utf-8")
    assert not [name for name in NAMES if f"### {name[:2]} ·" not in guide]
