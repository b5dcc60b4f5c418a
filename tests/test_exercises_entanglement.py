"""Notebook 01's exercises: every check accepts a right solution, rejects typical wrong ones with feedback
that names the physics, and returns falsy feedback without raising on hostile input."""

from __future__ import annotations

import math

import hostile
import pytest
from qiskit import QuantumCircuit

from qinet.circuits import bell_pair
from qinet.exercises import entanglement


@pytest.fixture(autouse=True)
def _short_time_limit(monkeypatch):
    monkeypatch.setattr(entanglement, "TIME_LIMIT_S", 0.3)


HOSTILE = hostile.HOSTILE
CODING = [entanglement.check_bell_state, entanglement.check_measure_along, entanglement.check_chsh]


@pytest.mark.parametrize("check", CODING, ids=lambda c: c.__name__)
@pytest.mark.parametrize("hostile", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_input_gives_falsy_feedback_without_raising(check, hostile):
    feedback = check(hostile)
    assert not feedback and feedback.message


# --- exercise 1: the four Bell states ----------------------------------------------------------------------


def bell_state(kind):
    qc = QuantumCircuit(2)
    qc.h(0)
    qc.cx(0, 1)
    if kind.startswith("psi"):
        qc.x(1)
    if kind.endswith("-"):
        qc.z(0)
    return qc


def paulis_first(kind):  # X and Z on |00⟩ before H and CNOT: a Z on |0⟩ does nothing
    qc = QuantumCircuit(2)
    if kind.startswith("psi"):
        qc.x(1)
    if kind.endswith("-"):
        qc.z(0)
    qc.h(0)
    qc.cx(0, 1)
    return qc


def roles_swapped(kind):  # Z where X belongs and X where Z belongs
    qc = QuantumCircuit(2)
    qc.h(0)
    qc.cx(0, 1)
    if kind.startswith("psi"):
        qc.z(0)
    if kind.endswith("-"):
        qc.x(1)
    return qc


def measured(kind):
    qc = bell_state(kind)
    qc.measure_all()
    return qc


def test_bell_state_accepts_every_right_construction():
    assert entanglement.check_bell_state(bell_state)
    assert entanglement.check_bell_state(bell_pair)


@pytest.mark.parametrize(
    "wrong, says",
    [
        (lambda kind: QuantumCircuit(2), ["For kind = 'phi+'", "|00⟩", "expected Φ⁺"]),  # the stub
        (lambda kind: bell_pair("phi+"), ["For kind = 'phi-'", "wrong relative phase", "Φ⁻"]),
        (paulis_first, ["For kind = 'phi-'", "wrong relative phase"]),
        (roles_swapped, ["For kind = 'phi-'", "gives Ψ⁺", "expected Φ⁻"]),
        (measured, ["measures"]),
    ],
)
def test_bell_state_names_what_a_wrong_circuit_prepares(wrong, says):
    feedback = entanglement.check_bell_state(wrong)
    assert not feedback
    for words in says:
        assert words in feedback.message


def test_bell_state_hints_escalate_without_the_solution():
    tries = [entanglement.check_bell_state(roles_swapped) for _ in range(3)]
    assert [bool(t.hint) for t in tries] == [False, True, True]
    assert [bool(t.idea) for t in tries] == [False, False, True]
    assert "qc.x(1)" not in tries[-1].idea and "startswith" not in tries[-1].idea


# --- exercise 2: measuring along an angle --------------------------------------------------------------------


def measure_along(rotation="ry", factor=-1.0, bits=(0, 1)):
    def build(alice_angle, bob_angle):
        qc = QuantumCircuit(2, 2)
        qc.h(0)
        qc.cx(0, 1)
        getattr(qc, rotation)(factor * alice_angle, 0)
        getattr(qc, rotation)(factor * bob_angle, 1)
        qc.measure([0, 1], list(bits))
        return qc

    return build


def test_measure_along_accepts_both_rotation_senses():
    assert entanglement.check_measure_along(measure_along())
    # Ry(+a) on both sides gives the same statistics for Φ⁺: E = cos(b − a) = cos(a − b)
    assert entanglement.check_measure_along(measure_along(factor=1.0))


@pytest.mark.parametrize(
    "wrong, says",
    [
        (lambda a, b: QuantumCircuit(2, 2), ["measures nothing"]),  # the stub
        (measure_along(factor=0.0), ["Z against X", "Outcome", "25.0%"]),  # always Z
        (measure_along(factor=-0.5), ["Z against X", "Outcome"]),  # half the angle
        (measure_along(rotation="rx"), ["both in X", "E = +1"]),  # the Y–Z plane instead of X–Z
        (measure_along(bits=(1, 0)), ["wrong qubit", "classical bit 0 holds qubit 1"]),
    ],
)
def test_measure_along_says_at_which_angles_the_statistics_are_wrong(wrong, says):
    feedback = entanglement.check_measure_along(wrong)
    assert not feedback
    for words in says:
        assert words in feedback.message


# --- exercise 3: a CHSH estimator from counts ------------------------------------------------------------------


def correlation(counts):
    shots = sum(counts.values())
    return (counts.get("00", 0) + counts.get("11", 0) - counts.get("01", 0) - counts.get("10", 0)) / shots


def chsh(c00, c01, c10, c11):
    return correlation(c00) + correlation(c01) + correlation(c10) - correlation(c11)


def chsh_all_plus(c00, c01, c10, c11):
    return correlation(c00) + correlation(c01) + correlation(c10) + correlation(c11)


def chsh_keyerror(c00, c01, c10, c11):
    e = [(c["00"] + c["11"] - c["01"] - c["10"]) / sum(c.values()) for c in (c00, c01, c10, c11)]
    return e[0] + e[1] + e[2] - e[3]


def chsh_one_total(c00, c01, c10, c11):  # every correlation divided by the shots of all four settings
    total = sum(sum(c.values()) for c in (c00, c01, c10, c11))
    signed = [correlation(c) * sum(c.values()) for c in (c00, c01, c10, c11)]
    return (signed[0] + signed[1] + signed[2] - signed[3]) / total


def test_chsh_accepts_the_right_estimator():
    feedback = entanglement.check_chsh(chsh)
    assert feedback and "missing outcomes" in feedback.message


@pytest.mark.parametrize(
    "wrong, says",
    [
        (lambda *counts: 0.0, ["returned 0", "expected 2"]),  # the stub
        (chsh_all_plus, ["returned 4", "expected 2"]),  # the minus sign forgotten
        (chsh_keyerror, ["KeyError", "counts.get(outcome, 0)"]),
        (chsh_one_total, ["returned 0.5", "expected 2"]),
    ],
)
def test_chsh_names_the_slip(wrong, says):
    feedback = entanglement.check_chsh(wrong)
    assert not feedback
    for words in says:
        assert words in feedback.message


# --- exercises 4 and 5: questions ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "check, right, wrong",
    [(entanglement.check_amplifier, "b", "a"), (entanglement.check_werner_region, "b", "a")],
    ids=["amplifier", "werner_region"],
)
def test_questions(check, right, wrong):
    assert check(right) and check(right.upper())
    assert not check(wrong) and "No" in check(wrong).message
    for garbage in (None, ..., "banana", [1, 2], float("nan"), object()):
        assert not check(garbage)


def test_the_werner_answer_follows_the_thresholds():
    assert 1 / 3 < 0.6 <= 1 / math.sqrt(2)  # so (b): entangled, no CHSH violation
