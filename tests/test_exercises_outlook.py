"""Exercise checks of notebook 12: right answers pass, wrong fail, nonsense fails without raising."""

from __future__ import annotations

import pytest

from qinet.exercises import roadmap

CASES = [
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
