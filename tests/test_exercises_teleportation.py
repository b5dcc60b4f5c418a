"""Notebook 02's exercises: every check accepts a right solution, rejects typical wrong ones with feedback
that names the physics, and returns falsy feedback without raising on hostile input."""

from __future__ import annotations

import hostile
import pytest
from qiskit import QuantumCircuit

from qinet.circuits import correct, superdense_coding
from qinet.exercises import teleportation
from qinet.sim import run


@pytest.fixture(autouse=True)
def _short_time_limit(monkeypatch):
    monkeypatch.setattr(teleportation, "TIME_LIMIT_S", 0.3)


HOSTILE = hostile.HOSTILE
CODING = [
    teleportation.check_bell_measurement,
    teleportation.check_corrections,
    teleportation.check_superdense_encoding,
]


@pytest.mark.parametrize("check", CODING, ids=lambda c: c.__name__)
@pytest.mark.parametrize("hostile", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_input_gives_falsy_feedback_without_raising(check, hostile):
    feedback = check(hostile)
    assert not feedback and feedback.message


def circuit_of(*gates, n=2, measure=False):
    def build():
        qc = QuantumCircuit(n, 2 if measure else 0)
        for name, *qubits in gates:
            getattr(qc, name)(*qubits)
        if measure:
            qc.measure([0, 1], [0, 1])
        return qc

    return build


# --- exercise 1: the Bell measurement ---------------------------------------------------------------------------


def test_bell_measurement_accepts_the_basis_change_with_or_without_measurements():
    assert teleportation.check_bell_measurement(circuit_of(("cx", 0, 1), ("h", 0)))
    assert teleportation.check_bell_measurement(circuit_of(("cx", 0, 1), ("h", 0), measure=True))


@pytest.mark.parametrize(
    "wrong, says",
    [
        (circuit_of(), ["For bell_state = 'Φ⁺'", "gives Φ⁺", "expected |00⟩"]),  # the stub
        (circuit_of(("h", 0), ("cx", 0, 1)), ["For bell_state = 'Φ⁺'", "expected |00⟩"]),  # forwards, not backwards
        (circuit_of(("cx", 1, 0), ("h", 1)), ["For bell_state = 'Φ⁻'", "reverse order"]),  # the other qubit's labels
        (circuit_of(("cx", 0, 1)), ["product state"]),  # the Hadamard forgotten
        (circuit_of(measure=True), ["mixture", "not the pure state |00⟩"]),  # measured in Z straight away
    ],
)
def test_bell_measurement_says_what_each_bell_state_becomes(wrong, says):
    feedback = teleportation.check_bell_measurement(wrong)
    assert not feedback
    for words in says:
        assert words in feedback.message


# --- exercise 2: Bob's corrections --------------------------------------------------------------------------------


def z_then_x(qc, bob, bits):
    with qc.if_test((bits[0], 1)):
        qc.z(bob)
    with qc.if_test((bits[1], 1)):
        qc.x(bob)


def x_only(qc, bob, bits):
    with qc.if_test((bits[1], 1)):
        qc.x(bob)


def bits_swapped(qc, bob, bits):
    with qc.if_test((bits[0], 1)):
        qc.x(bob)
    with qc.if_test((bits[1], 1)):
        qc.z(bob)


def unconditional(qc, bob, bits):
    qc.x(bob)
    qc.z(bob)


def test_corrections_accept_either_order():
    feedback = teleportation.check_corrections(correct)
    assert feedback and "random input states" in feedback.message
    assert teleportation.check_corrections(z_then_x)


@pytest.mark.parametrize(
    "wrong, says",
    [
        (lambda qc, bob, bits: None, ["completely mixed", "do not undo"]),  # the stub: no corrections
        (x_only, ["right on every basis state but not on superpositions"]),  # the sign never fixed
        (bits_swapped, ["For input |0⟩", "completely mixed"]),
        (unconditional, ["completely mixed", "do not undo"]),  # not feed-forward
    ],
)
def test_corrections_say_what_bob_holds(wrong, says):
    feedback = teleportation.check_corrections(wrong)
    assert not feedback
    for words in says:
        assert words in feedback.message


# --- exercise 3: superdense coding --------------------------------------------------------------------------------


def encode(x_bit=0, z_bit=1, z_gate="z"):
    def build(message):
        qc = QuantumCircuit(1)
        if message[x_bit] == "1":
            qc.x(0)
        if message[z_bit] == "1":
            getattr(qc, z_gate)(0)
        return qc

    return build


def test_superdense_encoding_accepts_the_paulis_and_matches_the_decoder():
    assert teleportation.check_superdense_encoding(encode())
    for message, kind in teleportation.SUPERDENSE_STATES.items():  # the table agrees with the notebook's circuit
        assert run(superdense_coding(message), shots=50, seed=1) == {message: 50}, kind


@pytest.mark.parametrize(
    "wrong, says",
    [
        (lambda message: QuantumCircuit(1), ["For message = '01'", "gives Φ⁺", "Φ⁻"]),  # the stub
        (encode(x_bit=1, z_bit=0), ["For message = '01'", "gives Ψ⁺", "expected Φ⁻"]),  # bits swapped
        (encode(z_gate="h"), ["For message = '01'", "expected Φ⁻"]),
        (lambda message: QuantumCircuit(2), ["2 qubits", "Alice holds only her half"]),
    ],
)
def test_superdense_encoding_names_the_bell_state_bob_receives(wrong, says):
    feedback = teleportation.check_superdense_encoding(wrong)
    assert not feedback
    for words in says:
        assert words in feedback.message


# --- exercise 4: the threshold --------------------------------------------------------------------------------------


def test_threshold_fidelity():
    check = teleportation.check_threshold_fidelity
    assert check(0.5) and check("0.5")
    assert not check(2 / 3) and "too large" in check(2 / 3).message
    assert "percent" in check(50).message
    for garbage in (None, ..., "banana", [1, 2], float("nan"), object()):
        assert not check(garbage)
