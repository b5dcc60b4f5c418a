"""Notebook 10's Checks fail when a wrong model is patched in (tests/notebook_mutants.py)."""

from __future__ import annotations

from notebook_mutants import assert_checks_catch

NOTEBOOK = "10-blind-computing"

#: The old trap rounds: the output qubit of a computation round sent as a known |+⟩ (no hidden phase).
KNOWN_PLUS_OUTPUT = """
import qinet.blind as _b

def _known_plus(qc, qubit, coin, theta_out):
    qc.h(qubit)

_b._send_output = _known_plus
"""

#: A wrong detection formula: f·sin(ε/2) instead of f·sin²(ε/2).
NO_SQUARE = """
import math
import qinet.blind as _b

def _no_square(cheat_angle, cheat_fraction=1.0, trap_rounds=1):
    return 1 - (1 - cheat_fraction * math.sin(cheat_angle / 2)) ** trap_rounds

_b.detection_probability = _no_square
"""


#: The old trap rounds of review round 3: the client never looks at the output qubit's Z result.
OUTPUT_UNCHECKED = """
import qinet.blind as _b

_trap_rounds = _b.trap_rounds

def _unchecked(*args, **kwargs):
    kwargs["check_output"] = False
    return _trap_rounds(*args, **kwargs)

_b.trap_rounds = _unchecked
"""

#: The formula review round 3 corrected: a spying server caught exactly as often as it cheats, f·sin²(ε/2)/2.
SPY_AS_OFTEN_AS_IT_CHEATS = """
import math
import qinet.blind as _b

_b.spying_detection_probability = lambda n, eps, f=1.0, **_: f * math.sin(eps / 2) ** 2 / 2
"""


def test_checks_catch_trap_rounds_that_ignore_the_output():
    outcome = assert_checks_catch(NOTEBOOK, OUTPUT_UNCHECKED)
    assert "caught" in outcome.evalue


def test_checks_catch_the_spying_formula_that_holds_only_at_pi():
    outcome = assert_checks_catch(NOTEBOOK, SPY_AS_OFTEN_AS_IT_CHEATS)
    assert "caught" in outcome.evalue


def test_checks_catch_the_old_distinguishable_trap_rounds():
    outcome = assert_checks_catch(NOTEBOOK, KNOWN_PLUS_OUTPUT)
    assert "I/2" in outcome.evalue


def test_checks_catch_a_wrong_detection_formula():
    outcome = assert_checks_catch(NOTEBOOK, NO_SQUARE)
    assert "trap detection" in outcome.evalue
