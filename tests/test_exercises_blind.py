"""Notebook 10's exercise checks: right answers pass, typical wrong ones fail with feedback that names
what they did, and nothing a learner passes makes a check raise."""

from __future__ import annotations

import math

import pytest
from hostile import forever
from qiskit import QuantumCircuit

from qinet.exercises import blind


def step(*, sign=-1, x=True, cz=True, plus=True):
    """A learner's measurement-based step with optional slips."""

    def build(alpha):
        qc = QuantumCircuit(2, 1)
        if plus:
            qc.h(1)
        if cz:
            qc.cz(0, 1)
        qc.p(sign * alpha, 0)
        qc.h(0)
        qc.measure(0, 0)
        if x:
            with qc.if_test((qc.clbits[0], 1)):
                qc.x(1)
        return qc

    return build


def delta(phi, s_x, s_z, theta, r):
    return ((-1) ** s_x * phi + s_z * math.pi + theta + r * math.pi) % (2 * math.pi)


def test_mbqc_step_accepts_the_teleported_rotation():
    assert blind.check_mbqc_step(step())

    def with_rz(alpha):  # Rz(−α) is P(−α) up to a global phase
        qc = QuantumCircuit(2, 1)
        qc.h(1)
        qc.cz(0, 1)
        qc.rz(-alpha, 0)
        qc.h(0)
        qc.measure(0, 0)
        with qc.if_test((qc.clbits[0], 1)):
            qc.x(1)
        return qc

    assert blind.check_mbqc_step(with_rz)


def test_mbqc_step_names_what_a_wrong_circuit_does():
    wrong_sign = blind.check_mbqc_step(step(sign=+1))
    assert not wrong_sign and "relative phase is wrong" in wrong_sign.message and wrong_sign.message.startswith("At α")
    no_correction = blind.check_mbqc_step(step(x=False))
    assert not no_correction and "mixed state" in no_correction.message
    no_cz = blind.check_mbqc_step(step(cz=False))
    assert not no_cz and "for input |1⟩ your circuit gives |+⟩" in no_cz.message
    no_plus = blind.check_mbqc_step(step(plus=False))
    assert not no_plus and "completely mixed state" in no_plus.message
    empty = blind.check_mbqc_step(lambda alpha: QuantumCircuit(2, 1))
    assert not empty and "for input |0⟩ your circuit gives |0⟩; expected |+⟩" in empty.message


def test_client_delta_accepts_the_formula_in_any_order_of_additions():
    assert blind.check_client_delta(delta)

    def other_order(phi, s_x, s_z, theta, r):  # rounding may land just below 2π where δ is 0
        return (theta + r * math.pi + s_z * math.pi + (-phi if s_x else phi)) % (2 * math.pi)

    assert blind.check_client_delta(other_order)


@pytest.mark.parametrize(
    ("wrong", "says"),
    [
        (lambda phi, s_x, s_z, theta, r: (phi + s_z * math.pi + theta + r * math.pi) % (2 * math.pi), "flips the sign"),
        (lambda phi, s_x, s_z, theta, r: ((-1) ** s_x * phi + theta + r * math.pi) % (2 * math.pi), "s_Z = 1 adds π"),
        (
            lambda phi, s_x, s_z, theta, r: ((-1) ** s_x * phi + s_z * math.pi + theta + r) % (2 * math.pi),
            "r = 1 adds π",
        ),
        (lambda phi, s_x, s_z, theta, r: (-1) ** s_x * phi + s_z * math.pi + theta + r * math.pi, "multiple of 2π"),
        (lambda phi, s_x, s_z, theta, r: math.degrees(delta(phi, s_x, s_z, theta, r)), "in degrees"),
        (lambda phi, s_x, s_z, theta, r: (phi - theta) % (2 * math.pi), "θ adds to the angle"),
        (lambda phi, s_x, s_z, theta, r: 1.0, "does it use its arguments"),
    ],
    ids=["no sign flip", "no s_Z", "r not rπ", "not reduced", "degrees", "minus θ", "constant"],
)
def test_client_delta_names_the_slip(wrong, says):
    feedback = blind.check_client_delta(wrong)
    assert not feedback and says in feedback.message


HOSTILE = {
    "None": None,
    "text": "delta",
    "returns None": lambda *a: None,
    "returns text": lambda *a: "3π/4",
    "wrong size": lambda *a: QuantumCircuit(5),
    "raises": lambda *a: 1 / 0,
    "NaN": lambda *a: float("nan"),
    "no arguments": lambda: QuantumCircuit(2, 1),
    "loops": forever,
}


@pytest.mark.parametrize("check", [blind.check_mbqc_step, blind.check_client_delta])
@pytest.mark.parametrize("hostile", list(HOSTILE.values()), ids=list(HOSTILE))
def test_coding_checks_never_raise(check, hostile, quick_time_limit):
    feedback = check(hostile)
    assert not feedback and feedback.message


NUMERIC = [(blind.check_trap_rounds, 7, 2), (blind.check_spying_cheat_fraction, 0.5, 0.25)]


@pytest.mark.parametrize(("check", "right", "wrong"), NUMERIC, ids=[c.__name__ for c, _, _ in NUMERIC])
def test_numeric_checks(check, right, wrong):
    assert check(right)
    assert not check(wrong)
    for garbage in (None, "seven", [1, 2], float("nan"), ...):
        assert not check(garbage)


def test_spying_exercise_explains_the_answer_of_the_flawed_protocol():
    feedback = blind.check_spying_cheat_fraction(1)
    assert not feedback and "known |+⟩" in feedback.message
    assert "percentage" in blind.check_spying_cheat_fraction(50).message
