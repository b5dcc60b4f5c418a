"""The mutation script (benchmarks/mutation.py) makes the changes it says, and only those."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import mutation  # noqa: E402

SOURCE = '''
def rate(eta, n):
    """Docstring 2.0 * 3."""
    number("eta", eta, 0.0, 1.0)
    if eta > 2:
        raise ValueError(f"eta {eta + 1}")
    return -max(eta, 0.5) * n + 1
'''


def test_every_kind_of_change_and_nothing_in_checks_or_messages():
    found = mutation.sites(SOURCE)
    assert {s.kind for s in found} == {"sign", "operator", "drop term", "constant", "max/min"}
    assert all(s.line == 7 for s in found)  # not the docstring, the check, the guard or the message
    for site in found:
        mutated = mutation.mutate(SOURCE, site)
        ast.parse(mutated)
        assert mutated != ast.unparse(ast.parse(SOURCE))
        assert "number('eta', eta, 0.0, 1.0)" in mutated and "raise ValueError(f'eta {eta + 1}')" in mutated


def test_choose_spreads_mutants_over_functions_and_is_repeatable():
    found = mutation.sites((ROOT / "qinet" / "links.py").read_text())
    chosen = mutation.choose(found, 25, seed=11)
    assert len(chosen) == 25 and chosen == mutation.choose(found, 25, seed=11)
    assert len({s.function for s in chosen}) >= 8


def test_every_mutant_marked_equivalent_still_exists():
    keys = set()
    for module in mutation.CORE:
        keys |= {(module, *s.key) for s in mutation.sites((ROOT / "qinet" / f"{module}.py").read_text())}
    assert set(mutation.EQUIVALENT) <= keys
