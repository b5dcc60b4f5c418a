"""Exercise checks for notebooks 00-03: right answers pass, wrong ones fail, nonsense never raises."""

from __future__ import annotations

import pytest

from qinet.exercises import entanglement, fiber, teleportation

CASES = [
    (entanglement.check_amplifier, "b", "a"),
    (entanglement.check_werner_region, "b", "a"),
    (teleportation.check_threshold_fidelity, 0.5, 2 / 3),
    (fiber.check_surviving_fraction, 0.1, 10),
    (fiber.check_delay_ms, 0.4897, 0.333),
    (fiber.check_plob_100km, 0.0144996, 0.01),
]
IDS = [check.__name__ for check, _, _ in CASES]


@pytest.mark.parametrize("check, right, wrong", CASES, ids=IDS)
def test_right_answer_passes_and_wrong_fails(check, right, wrong):
    assert check(right)
    feedback = check(wrong)
    assert not feedback and feedback.message


@pytest.mark.parametrize("check", [c for c, _, _ in CASES], ids=IDS)
@pytest.mark.parametrize("garbage", [None, ..., "banana", [1, 2], float("nan"), object()])
def test_unanswered_or_garbage_is_falsy_without_raising(check, garbage):
    assert not check(garbage)
