"""Exercise checks for notebooks 09-10: right answers pass, wrong ones fail, nothing raises."""

from __future__ import annotations

import math

import pytest

from qinet.exercises import blind, distributed

CASES = [
    (distributed.check_teleported_cnot_ebits, 2, 1),
    (distributed.check_remote_average_fidelity, 0.96, 0.95),
    (distributed.check_qft_bell_pairs, 10, 100),
    (blind.check_delta, 3 * math.pi / 4, math.pi / 4),
    (blind.check_delta_probability, 1 / 8, 1 / 16),
    (blind.check_trap_rounds, 7, 2),
    (blind.check_spying_cheat_fraction, 0.5, 0.25),
]


@pytest.mark.parametrize("check, right, wrong", CASES, ids=[c.__name__ for c, _, _ in CASES])
def test_right_wrong_and_garbage(check, right, wrong):
    assert check(right)
    assert not check(wrong)
    for garbage in (None, "seven", [1, 2], float("nan"), ...):
        assert not check(garbage)


def test_qft_exercise_names_the_remote_gate_count_as_what_100_is():
    feedback = distributed.check_qft_bell_pairs(100)
    assert not feedback and "remote gates" in feedback.message and "Bell pairs" in feedback.message
    assert "too" in distributed.check_qft_bell_pairs(45).message


def test_spying_exercise_explains_the_answer_of_the_flawed_protocol():
    feedback = blind.check_spying_cheat_fraction(1)
    assert not feedback and "known |+⟩" in feedback.message


def test_delta_accepts_an_equivalent_angle():
    assert blind.check_delta(3 * math.pi / 4 - 2 * math.pi)
