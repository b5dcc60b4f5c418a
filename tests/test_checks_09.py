"""Notebook 09's Checks fail when a wrong model is patched in (tests/notebook_mutants.py)."""

from __future__ import annotations

from notebook_mutants import assert_checks_catch

NOTEBOOK = "09-distributed-computing"

#: The old count: one Bell pair per remote gate ("(n/2)² Bell pairs for a split QFT"), no shared copies.
ONE_PAIR_PER_REMOTE_GATE = """
import qinet.partition as _p

def _one_pair_per_remote_gate(table, side):
    return tuple(_p.SharedCopy(q0, (i,)) for i, q0, q1, *_ in table if side[q0] != side[q1])

_p._embedding = _one_pair_per_remote_gate
"""

#: A wrong fidelity model: the Eisert gate as if it consumed two Bell pairs (F_e = F² instead of F).
SQUARED_EISERT_FIDELITY = """
import qinet.distributed as _d

_right = _d.predicted_process_fidelity

def _squared(protocol="eisert", pair_fidelity=1.0, gate_error=0.0):
    value = _right(protocol, pair_fidelity, gate_error)
    return value * float(pair_fidelity) if protocol == "eisert" else value

_d.predicted_process_fidelity = _squared
"""


def test_checks_catch_the_old_qft_bell_pair_count():
    outcome = assert_checks_catch(NOTEBOOK, ONE_PAIR_PER_REMOTE_GATE)
    assert "Bell pairs" in outcome.evalue or "measurements" in outcome.evalue


def test_checks_catch_a_wrong_remote_gate_fidelity_model():
    outcome = assert_checks_catch(NOTEBOOK, SQUARED_EISERT_FIDELITY)
    assert "eisert F_e" in outcome.evalue
