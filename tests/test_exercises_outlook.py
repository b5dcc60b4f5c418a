"""Exercise checks of notebooks 11 and 12: right answers pass, wrong fail, nonsense fails without raising."""

from __future__ import annotations

import math

import pytest

from qinet.exercises import roadmap, sensing

CASES = [
    (sensing.check_ghz_parity, math.cos(1.0), 0.98),
    (sensing.check_heisenberg_gain, 10.0, 100.0),
    (sensing.check_best_ghz_size, 25, 5),
    (sensing.check_frequency_advantage, "a", "b"),
    (roadmap.check_bb84_fidelity, 1 - 1.5 * 0.110028, 0.75),
    (roadmap.check_heralding_ms, 4.897, 2.448),
    (roadmap.check_stage, "b", "a"),
]


@pytest.mark.parametrize(("check", "right", "wrong"), CASES, ids=[c[0].__name__ for c in CASES])
def test_right_wrong_and_garbage(check, right, wrong):
    assert check(right)
    assert not check(wrong)
    for garbage in (None, ..., "banana", [1, 2], float("nan"), {}):
        feedback = check(garbage)
        assert not feedback and feedback.message
