"""Nothing a student types into a public qinet function gets past it silently, or out of it messily.

Every public function of every ``qinet`` module (models, protocols, plot functions, panel factories,
exercise checkers) is called with one clearly invalid value at a time, the others valid; the table
of bad values is generated from each signature (see ``tests/sweepcases.py``, which also prints every
failing case: ``python tests/sweepcases.py [name ...]``). A call must raise a ``ValueError`` or
``TypeError`` from a ``raise`` in qinet whose message names the parameter: no traceback from inside
NumPy, Qiskit, Aer or SciPy, no Python-internal message, no silent acceptance, no NaN, no hang
(each call has a few seconds; huge sizes run in a forked child with a memory cap). Exercise
checkers instead must never raise and must return a not-correct ``Feedback``.
"""

from __future__ import annotations

import pytest
from sweepcases import baseline, cases, functions, run, supplies_values, verdict

#: Single cases still failing (strict expected failures: a fixed case shows
#: up as XPASS and must be removed). Empty when the sweep is done.
PENDING: dict[str, dict[str, str]] = {}


def _pending(case) -> bool:
    return case.bad.label in PENDING.get(case.function.name, {}).get(case.param, "").split()


CASES = list(cases())
PARAMS = [
    pytest.param(
        case,
        id=case.id,
        marks=[pytest.mark.xfail(strict=True, reason="PENDING: fixed by the module's owner")] if _pending(case) else [],
    )
    for case in CASES
]


@pytest.mark.parametrize("case", PARAMS)
def test_a_bad_value_is_refused_cleanly(case):
    problem = verdict(case, run(case, seconds=3.0 if _pending(case) else 10.0))  # pending hangs: fail fast
    assert not problem, f"{case.id}: {problem}"


def test_pending_names_what_exists():
    known = {case.id for case in CASES}
    for name, params in PENDING.items():
        for param, labels in params.items():
            for label in labels.split():
                case = f"{name}({param}={label})"
                assert case in known, f"PENDING lists {case}, which the sweep no longer generates"


def test_the_sweep_covers_every_kind_of_door():
    roles = {f.role for f in functions()}
    assert roles == {"function", "plot", "panel", "checker"}
    assert len(functions()) > 250 and len(CASES) > 4000


@pytest.mark.parametrize("function", [f for f in functions() if supplies_values(f)], ids=lambda f: f.name)
def test_the_valid_arguments_of_the_sweep_are_valid(function):
    """Without this, a case could pass because another argument was bad, not the one under test."""
    outcome = baseline(function)
    assert outcome.status == "returned", f"{function.name}: {outcome.error_type}: {outcome.message}"
