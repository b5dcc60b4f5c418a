"""Notebook 07's coding exercises: every check accepts a right solution, rejects typical wrong ones with
feedback that names the physics, and returns falsy feedback without raising on hostile input."""

from __future__ import annotations

import math

import hostile
import numpy as np
import pytest
from qiskit import QuantumCircuit

from qinet.bounds import binary_entropy
from qinet.exercises import qkd


@pytest.fixture(autouse=True)
def _short_time_limit(monkeypatch):
    monkeypatch.setattr(qkd, "TIME_LIMIT_S", 0.3)


HOSTILE = hostile.HOSTILE
CODING = [qkd.check_sifted_qber, qkd.check_intercept_resend, qkd.check_final_key_length]


@pytest.mark.parametrize("check", CODING, ids=lambda c: c.__name__)
@pytest.mark.parametrize("hostile", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_input_gives_falsy_feedback_without_raising(check, hostile):
    feedback = check(hostile)
    assert not feedback and feedback.message


# --- exercise 1: sifting and the QBER ---------------------------------------------------------------------------


def sifted_qber(alice_bits, alice_bases, bob_bases, bob_bits):
    kept = alice_bases == bob_bases
    return np.mean(alice_bits[kept] != bob_bits[kept])


def sifted_qber_by_loop(alice_bits, alice_bases, bob_bases, bob_bits):
    pairs = [(a, b) for a, s, t, b in zip(alice_bits, alice_bases, bob_bases, bob_bits, strict=True) if s == t]
    return sum(a != b for a, b in pairs) / len(pairs)


def sifted_in_place(alice_bits, alice_bases, bob_bases, bob_bits):  # right, but overwrites its inputs
    bob_bits[alice_bases != bob_bases] = alice_bits[alice_bases != bob_bases]
    return sifted_qber(alice_bits, alice_bases, bob_bases, bob_bits)


@pytest.mark.parametrize("right", [sifted_qber, sifted_qber_by_loop, sifted_in_place])
def test_sifted_qber_accepts_right_solutions(right):
    assert qkd.check_sifted_qber(right)


@pytest.mark.parametrize(
    "wrong, says",
    [
        (lambda a, s, t, b: 0.0, ["same value for every input", "divide by the number of rounds kept"]),  # stub
        (lambda a, s, t, b: np.mean(a != b), ["returned 0.5; expected 0", "Bob's basis differs from Alice's"]),
        (lambda a, s, t, b: np.sum((a != b) & (s == t)) / len(a), ["returned 0.25; expected 0.5", "rounds kept"]),
        (lambda a, s, t, b: np.mean(a[s == t] == b[s == t]), ["returned 1; expected 0", "no errors"]),
        (lambda a, s, t, b: 100 * sifted_qber(a, s, t, b), ["returned 50", "percentage"]),
    ],
    ids=["stub", "no sifting", "divides by all rounds", "agreement rate", "percent"],
)
def test_sifted_qber_names_the_slip(wrong, says):
    feedback = qkd.check_sifted_qber(wrong)
    assert not feedback
    for words in says:
        assert words in feedback.message


# --- exercise 2: intercept-resend Eve as a circuit --------------------------------------------------------------


def intercept_resend(*, resend=True, bob_basis_from_alice=False, eve_knows=False, eve_bit=0, bob_bit=1, eve=True):
    def build(bit, basis, eve_basis, bob_basis):
        eve_basis = basis if eve_knows else eve_basis
        bob_basis = basis if bob_basis_from_alice else bob_basis
        qc = QuantumCircuit(1, 2)
        if bit:
            qc.x(0)
        if basis:
            qc.h(0)
        if eve:
            if eve_basis:
                qc.h(0)
            qc.measure(0, eve_bit)
            if eve_basis and resend:
                qc.h(0)
        if bob_basis:
            qc.h(0)
        qc.measure(0, bob_bit)
        return qc

    return build


def test_intercept_resend_accepts_the_right_circuit():
    feedback = qkd.check_intercept_resend(intercept_resend())
    assert feedback and "16 configurations" in feedback.message and "quarter" in feedback.message


@pytest.mark.parametrize(
    "wrong, says",
    [
        (lambda *settings: QuantumCircuit(1, 2), ["measures nothing"]),  # the stub
        (intercept_resend(resend=False), ["Eve measures in X, Bob in X", "he reads Eve's bit", "Outcome"]),
        (intercept_resend(bob_basis_from_alice=True), ["Bob in X", "his bit is a coin toss"]),
        (intercept_resend(eve_knows=True), ["Eve measures in X", "Outcome 10", "probability 0.0%"]),
        (intercept_resend(eve_bit=1, bob_bit=0), ["classical bit 1 first", "Eve intercepts the photon"]),
        (intercept_resend(eve=False), ["never measures into classical bit 0", "Eve's measurement is missing"]),
    ],
    ids=["stub", "no resend in her basis", "Bob in Alice's basis", "Eve knows the basis", "bits swapped", "no Eve"],
)
def test_intercept_resend_says_in_which_configuration_and_why(wrong, says):
    feedback = qkd.check_intercept_resend(wrong)
    assert not feedback
    for words in says:
        assert words in feedback.message


def test_intercept_resend_hints_escalate_without_the_solution():
    tries = [qkd.check_intercept_resend(intercept_resend(resend=False)) for _ in range(3)]
    assert [bool(t.hint) for t in tries] == [False, True, True]
    assert [bool(t.idea) for t in tries] == [False, False, True]
    assert "qc.h(0)" not in tries[-1].idea and "measure(0, 0)" not in tries[-1].idea


def test_intercept_resend_probabilities_give_the_textbook_qber():
    # over Alice's, Eve's and Bob's random bases, the sifted rounds (Bob's basis = Alice's) err with 1/4
    errors = []
    for bit, basis, eve_basis in np.ndindex(2, 2, 2):
        p = qkd._intercept_probabilities(bit, basis, eve_basis, basis)
        errors.append(sum(v for k, v in p.items() if int(k[0]) != bit))
        assert math.isclose(sum(p.values()), 1.0)
    assert math.isclose(np.mean(errors), 0.25)


# --- exercise 3: the final key length ---------------------------------------------------------------------------


def final_key_length(n, qber, leaked_bits):
    return max(0, math.floor(n * (1 - binary_entropy(qber)) - leaked_bits))


def own_entropy(q):
    return -q * math.log2(q) - (1 - q) * math.log2(1 - q)


@pytest.mark.parametrize(
    "right",
    [final_key_length, lambda n, qber, leaked_bits: max(0.0, n * (1 - binary_entropy(qber)) - leaked_bits)],
    ids=["rounded down", "not rounded"],
)
def test_final_key_length_accepts_right_solutions(right):
    assert qkd.check_final_key_length(right)


@pytest.mark.parametrize(
    "wrong, says",
    [
        (lambda n, qber, leaked_bits: n, ["returned 1e+04; expected 3836", "subtract each once"]),  # the stub
        (lambda n, q, leak: n * (1 - binary_entropy(q)) - leak, ["returned -4719", "never negative"]),
        (lambda n, q, leak: max(0, n * (1 - 2 * binary_entropy(q)) - leak), ["returned 972.1", "subtract each once"]),
        (lambda n, q, leak: max(0, n * (1 - own_entropy(q)) - leak), ["raised ValueError", "h(0) = 0"]),
    ],
    ids=["stub", "negative length", "Eve's share counted twice", "log of 0"],
)
def test_final_key_length_names_the_slip(wrong, says):
    feedback = qkd.check_final_key_length(wrong)
    assert not feedback
    for words in says:
        assert words in feedback.message
