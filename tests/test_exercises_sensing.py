"""Notebook 11's exercise checks: right answers pass, typical wrong ones fail with feedback that names
what they did, and nothing a learner passes makes a check raise."""

from __future__ import annotations

import math

import pytest
from hostile import forever
from qiskit import QuantumCircuit

from qinet.exercises import sensing


def sensor(*, chain=True, phase="every", gate="p", size=None):
    """A learner's GHZ sensor with optional slips."""

    def build(n, phi):
        qc = QuantumCircuit(size or n)
        qc.h(0)
        for q in range(1, qc.num_qubits if chain else 1):
            qc.cx(q - 1, q)
        for q in [0] if phase == "one" else range(qc.num_qubits):
            getattr(qc, gate)(-phi if phase == "negative" else phi, q)
        return qc

    return build


def parity(counts):
    return sum((-1) ** bits.count("1") * n for bits, n in counts.items()) / sum(counts.values())


def test_ghz_sensor_accepts_a_ghz_state_with_the_phase_on_every_qubit():
    assert sensing.check_ghz_sensor(sensor())
    assert sensing.check_ghz_sensor(sensor(gate="rz"))  # Rz is P up to a global phase


def test_ghz_sensor_names_what_a_wrong_circuit_does():
    one_qubit = sensing.check_ghz_sensor(sensor(phase="one"))
    assert not one_qubit and "wrong relative phase" in one_qubit.message and "3φ" in one_qubit.message
    negative = sensing.check_ghz_sensor(sensor(phase="negative"))
    assert not negative and "e^(-0.90i)" in negative.message
    no_chain = sensing.check_ghz_sensor(sensor(chain=False))
    assert not no_chain and "product state" in no_chain.message and "Φ⁺" in no_chain.message
    fixed = sensing.check_ghz_sensor(sensor(size=4))
    assert not fixed and "this exercise needs 2" in fixed.message


def test_parity_accepts_the_mean_of_the_signs():
    assert sensing.check_parity(parity)


def test_parity_names_what_a_wrong_estimator_does():
    key_error = sensing.check_parity(lambda c: (c["0000"] + c["1111"] - c["0001"]) / sum(c.values()))
    assert not key_error and "counts.get(outcome, 0)" in key_error.message
    not_normalised = sensing.check_parity(lambda c: sum((-1) ** b.count("1") * n for b, n in c.items()))
    assert not not_normalised and "your function returned 1000; expected 1" in not_normalised.message
    odd_positive = sensing.check_parity(lambda c: -parity(c))
    assert not odd_positive and "your function returned -1; expected 1" in odd_positive.message
    first_bit = sensing.check_parity(lambda c: sum((-1) ** int(b[0]) * n for b, n in c.items()) / sum(c.values()))
    assert not first_bit and "expected 1" in first_bit.message


HOSTILE = {
    "None": None,
    "text": "parity",
    "returns None": lambda *a: None,
    "returns text": lambda *a: "cos(Nφ)",
    "wrong size": lambda *a: QuantumCircuit(7),
    "raises": lambda *a: 1 / 0,
    "NaN": lambda *a: float("nan"),
    "no arguments": lambda: 0.0,
    "loops": forever,
}


@pytest.mark.parametrize("check", [sensing.check_ghz_sensor, sensing.check_parity])
@pytest.mark.parametrize("hostile", list(HOSTILE.values()), ids=list(HOSTILE))
def test_coding_checks_never_raise(check, hostile, quick_time_limit):
    feedback = check(hostile)
    assert not feedback and feedback.message


NUMERIC = [
    (sensing.check_heisenberg_gain, 10.0, 100.0),
    (sensing.check_best_ghz_size, 25, 5),
    (sensing.check_frequency_advantage, "a", "b"),
]


@pytest.mark.parametrize(("check", "right", "wrong"), NUMERIC, ids=[c[0].__name__ for c in NUMERIC])
def test_numeric_checks(check, right, wrong):
    assert check(right)
    assert not check(wrong)
    for garbage in (None, ..., "banana", [1, 2], float("nan"), {}):
        feedback = check(garbage)
        assert not feedback and feedback.message


def test_the_gain_check_names_a_natural_logarithm_slip():
    assert "natural logarithm" in sensing.check_heisenberg_gain(10 * math.log(2)).message
