"""Notebook 09's Checks fail when a wrong model is patched in (tests/notebook_mutants.py)."""

from __future__ import annotations

from notebook_mutants import assert_checks_catch

NOTEBOOK = "09-distributed-computing"

#: The old count: one Bell pair per remote gate ("(n/2)² Bell pairs for a split QFT"), no shared copies.
ONE_PAIR_PER_REMOTE_GATE = """
import qinet.partition as _p

def _one_pair_per_remote_gate(table, side):
    copies = []
    for i, q0, q1, r0, r1, _ in table:
        if side[q0] != side[q1]:
            qubit, run = (q0, r0) if r0 is not None else (q1, r1)
            copies.append(_p.SharedCopy(qubit, (i,), run[0]))
    return tuple(copies)

_p._embedding = _one_pair_per_remote_gate
"""

#: The old rule of review round 3: copies only of Z values, so a CX target "cannot be copied at all".
Z_COPIES_ONLY = """
import qinet.partition as _p

_p.COPY_BASES = ("z",)
"""

#: The old rule that an X on a shared control ends its copy (instead of being mirrored on the copy).
X_ENDS_A_COPY = """
import qinet.partition as _p
from qinet.circuits import diagonal_qubits

_p.keeps_copy = diagonal_qubits
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


def test_checks_catch_copies_of_z_values_only():
    outcome = assert_checks_catch(NOTEBOOK, Z_COPIES_ONLY)
    assert "CX(1→0), CX(2→0)" in outcome.evalue


def test_checks_catch_an_x_that_ends_the_copy():
    outcome = assert_checks_catch(NOTEBOOK, X_ENDS_A_COPY)
    assert "X(0)" in outcome.evalue


def test_checks_catch_a_wrong_remote_gate_fidelity_model():
    outcome = assert_checks_catch(NOTEBOOK, SQUARED_EISERT_FIDELITY)
    assert "eisert F_e" in outcome.evalue
