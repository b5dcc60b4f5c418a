"""Protocols read results by register name (qinet.sim.Samples), never by slicing bit strings, and use the one
binomial standard error (qinet.stats.binomial_stderr).

The scan is syntactic: it looks, in every module outside ``qinet.sim`` and ``qinet.stats``, for loops over a
counts dict whose keys are then indexed, split, reversed or parsed (``key[0]``, ``key.split()``,
``int(key, 2)``, ``key.count("1")``), and for the standard-error formulas ``√(p(1 − p)/n)`` and
``√((1 − E²)/n)`` written out. Every module must be clean.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import qinet

ROOT = Path(qinet.__file__).parent
EXEMPT = {"sim", "stats"}  # the door that turns shots into named registers, and the helper itself

#: Coding exercises whose *learner-facing* task is a function of a counts dict (a CHSH estimator, a parity
#: from counts): their reference answers read bit strings because that is what the learner is given.
COUNTS_EXERCISES = {"exercises.circuit_grading", "exercises.entanglement", "exercises.primer", "exercises.sensing"}


def _modules() -> list[str]:
    """Every qinet module (subpackages included) by dotted name, without private ones and ``EXEMPT``."""
    names = []
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts)
        if parts[0] not in EXEMPT and name not in COUNTS_EXERCISES and not any(p.startswith("_") for p in parts):
            names.append(name)
    return sorted(names)


def _is_items_or_counts(node: ast.expr) -> bool:
    """``x.items()`` or a name that says it holds counts."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "items":
        return "count" in ast.unparse(node.func.value).lower() or "result" in ast.unparse(node.func.value).lower()
    return isinstance(node, ast.Name) and "count" in node.id.lower()


def _key_name(target: ast.expr) -> str | None:
    if isinstance(target, ast.Tuple) and target.elts and isinstance(target.elts[0], ast.Name):
        return target.elts[0].id
    return target.id if isinstance(target, ast.Name) else None


def _parses(tree: ast.AST, key: str) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id == key:
            return True
        if isinstance(node, ast.Call):
            func = node.func
            if (
                isinstance(func, ast.Attribute)
                and isinstance(func.value, ast.Name)
                and func.value.id == key
                and func.attr in ("split", "replace", "count")
            ):
                return True
            if isinstance(func, ast.Name) and func.id == "int" and len(node.args) == 2:
                if isinstance(node.args[0], ast.Name) and node.args[0].id == key:
                    return True
    return False


_KEY_NAMES = {"key", "k", "bitstring", "bitstrings"}


def _slicing(tree: ast.AST) -> list[int]:
    """Lines of loops over counts whose keys are parsed as bit strings, and of ``key.split()`` (on spaces) anywhere."""
    lines = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "split"
            and not node.args
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id in _KEY_NAMES
        ):
            lines.append(node.lineno)
        if isinstance(node, (ast.For, ast.comprehension)) and _is_items_or_counts(node.iter):
            key = _key_name(node.target)
            if key is None:
                continue
            scope = node if isinstance(node, ast.For) else _parent_comprehension(tree, node)
            if scope is not None and _parses(scope, key):
                lines.append(getattr(scope, "lineno", 0))
    return sorted(set(lines))


def _parent_comprehension(tree: ast.AST, generator: ast.comprehension) -> ast.AST | None:
    for node in ast.walk(tree):
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
            if generator in node.generators:
                return node
    return None


def _binomial(tree: ast.AST) -> list[int]:
    """Lines that write out √(p(1 − p)/n) or √((1 − E²)/n)."""
    lines = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and ast.unparse(node.func).split(".")[-1] == "sqrt" and node.args):
            continue
        text = ast.unparse(node.args[0]).replace(" ", "").replace("1.0-", "1-")
        if "1-" in text and "/" in text and ("*(1-" in text or "**2" in text or "1-e*e" in text):
            lines.append(node.lineno)
    return sorted(set(lines))


def _findings(name: str) -> list[str]:
    path = ROOT / (name.replace(".", "/") + ".py")
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [f"{name}.py:{n} parses bit strings" for n in _slicing(tree)] + [
        f"{name}.py:{n} writes the binomial standard error out" for n in _binomial(tree)
    ]


@pytest.mark.parametrize("name", _modules())
def test_module_reads_results_by_register_name(name):
    assert _findings(name) == []


def test_the_scan_finds_what_it_looks_for():
    bad = ast.parse(
        "ok = sum(n for key, n in counts.items() if key.split()[0] == '0')\n"
        "err = math.sqrt(p * (1 - p) / shots)\n"
        "for k in counts:\n    x = int(k, 2)\n"
    )
    good = ast.parse("ok = sum(v for (check, bell), v in samples.counts('check', 'bell').items() if bell == '00')\n")
    assert _slicing(bad) == [1, 3] and _binomial(bad) == [2]
    assert _binomial(ast.parse("e = np.sqrt(np.maximum(1.0 - mean**2, 0.0) / shots)")) == [1]
    assert _slicing(good) == [] and _binomial(good) == []
