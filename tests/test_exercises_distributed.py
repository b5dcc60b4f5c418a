"""Notebook 09's exercise checks: right circuits pass, typical wrong ones fail with feedback that names
what they did, and nothing a learner passes makes a check raise."""

from __future__ import annotations

import pytest
from qiskit import QuantumCircuit

from qinet.circuits import nonlocal_cnot
from qinet.exercises import distributed


def remote(n=4, *, x=True, z=True, h=True, between=(), after=()):
    """A learner's remote-gate circuit: Bell pair on 1-2, cat-entangler, Bob's gates, cat-disentangler."""

    def build():
        qc = QuantumCircuit(n, 2)
        qc.h(1)
        qc.cx(1, 2)
        qc.cx(0, 1)
        qc.measure(1, 0)
        if x:
            with qc.if_test((qc.clbits[0], 1)):
                qc.x(2)
        qc.cx(2, 3)
        for name, *qubits in between:
            getattr(qc, name)(*qubits)
        if h:
            qc.h(2)
        qc.measure(2, 1)
        if z:
            with qc.if_test((qc.clbits[1], 1)):
                qc.z(0)
        for name, *qubits in after:
            getattr(qc, name)(*qubits)
        return qc

    return build


def stub(n):
    def build():
        qc = QuantumCircuit(n, 2)
        qc.h(1)
        qc.cx(1, 2)
        return qc

    return build


def forever():
    while True:
        pass


def test_nonlocal_cnot_accepts_the_protocol_of_eisert_et_al():
    assert distributed.check_nonlocal_cnot(remote())
    assert distributed.check_nonlocal_cnot(nonlocal_cnot)


def test_nonlocal_cnot_names_what_a_wrong_circuit_does():
    no_x = distributed.check_nonlocal_cnot(remote(x=False))
    assert not no_x and "as if measured" in no_x.message
    no_z = distributed.check_nonlocal_cnot(remote(z=False))
    assert not no_z and "right on every basis state but not on superpositions" in no_z.message
    z_basis = distributed.check_nonlocal_cnot(remote(h=False))
    assert not z_basis and "relative phase" in z_basis.message
    nothing = distributed.check_nonlocal_cnot(stub(4))
    assert not nothing and "For input |01⟩ your circuit gives |01⟩; expected |11⟩" in nothing.message


def test_nonlocal_cnot_refuses_gates_across_the_processors():
    def direct():
        qc = QuantumCircuit(4)
        qc.cx(0, 3)
        return qc

    def second_pair():
        qc = remote()()
        qc.cx(1, 2)  # the link qubits are measured already: this is a new gate between the processors
        return qc

    def inside_a_condition():
        qc = QuantumCircuit(4, 1)
        qc.h(1)
        qc.cx(1, 2)
        qc.measure(1, 0)
        with qc.if_test((qc.clbits[0], 1)):
            qc.cx(0, 3)
        return qc

    for circuit, first, second in [(direct, 0, 3), (second_pair, 1, 2), (inside_a_condition, 0, 3)]:
        feedback = distributed.check_nonlocal_cnot(circuit)
        assert not feedback
        assert f"qubit {first} (processor A) and qubit {second} (processor B)" in feedback.message


def test_shared_pair_accepts_one_copy_for_both_gates():
    assert distributed.check_shared_pair(remote(5, between=[("cz", 2, 4)]))
    # diagonal gates on the copy between the two remote gates leave the cat state intact
    assert distributed.check_shared_pair(remote(5, between=[("t", 2), ("tdg", 2), ("cz", 2, 4)]))


def test_shared_pair_names_what_a_wrong_circuit_does():
    removed_too_early = distributed.check_shared_pair(remote(5, after=[("cz", 2, 4)]))
    assert not removed_too_early and "not on superpositions" in removed_too_early.message
    cnot_not_cz = distributed.check_shared_pair(remote(5, between=[("cx", 2, 4)]))
    assert not cnot_not_cz and "For input |001⟩ your circuit gives |111⟩; expected |011⟩" in cnot_not_cz.message
    from_alice = distributed.check_shared_pair(remote(5, between=[("cz", 1, 4)]))
    assert not from_alice and "qubit 1 (processor A) and qubit 4 (processor B)" in from_alice.message
    cz_missing = distributed.check_shared_pair(remote(5))
    assert not cz_missing and "relative phase" in cz_missing.message


def test_hints_escalate_to_the_idea_without_the_code():
    feedbacks = [distributed.check_nonlocal_cnot(stub(4)) for _ in range(3)]
    assert [bool(f.hint) for f in feedbacks] == [False, True, True]
    assert [bool(f.idea) for f in feedbacks] == [False, False, True]
    assert "cat-entangler" in feedbacks[2].hint.lower() and "qc." not in feedbacks[2].idea
    assert distributed.check_nonlocal_cnot(remote()).tries == 0


@pytest.mark.parametrize("check", [distributed.check_nonlocal_cnot, distributed.check_shared_pair])
@pytest.mark.parametrize(
    "hostile",
    [
        None,
        "qc",
        lambda: None,
        lambda: "qc",
        lambda: QuantumCircuit(3),
        lambda: 1 / 0,
        lambda: float("nan"),
        lambda unexpected: QuantumCircuit(4),
        forever,
    ],
    ids=["None", "text", "returns None", "returns text", "wrong size", "raises", "NaN", "wrong signature", "loops"],
)
def test_coding_checks_never_raise(check, hostile, quick_time_limit):
    feedback = check(hostile)
    assert not feedback and feedback.message


NUMERIC = [
    (distributed.check_remote_average_fidelity, 0.96, 0.95),
    (distributed.check_qft_bell_pairs, 10, 100),
]


@pytest.mark.parametrize(("check", "right", "wrong"), NUMERIC, ids=[c.__name__ for c, _, _ in NUMERIC])
def test_numeric_checks(check, right, wrong):
    assert check(right)
    assert not check(wrong)
    for garbage in (None, "seven", [1, 2], float("nan"), ...):
        assert not check(garbage)


def test_numeric_feedback_names_the_slip():
    assert "percentage" in distributed.check_remote_average_fidelity(96).message
    feedback = distributed.check_qft_bell_pairs(100)
    assert "remote gates" in feedback.message and "Bell pairs" in feedback.message
    assert "too" in distributed.check_qft_bell_pairs(45).message
