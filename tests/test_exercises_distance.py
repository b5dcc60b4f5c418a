"""Exercise checks for notebooks 04–06: right → truthy, wrong → falsy, None or garbage → falsy, never raise."""

from __future__ import annotations

import pytest

from qinet.exercises import purification as pur
from qinet.exercises import repeaters as rep
from qinet.exercises import satellite as sat

CASES = [
    # (check, a right answer from the source's worked number, a wrong answer)
    (sat.check_slant_range, 909.42, 1000.0),  # spherical Earth: 500 km, 30° → 909.42 km (not h / sin ε)
    (rep.check_round_trip_ms, 0.979, 0.49),  # 2 L n_g / c (0.49 ms is one way)
    (rep.check_memory_choice, "b", "a"),
    (pur.check_one_way_generation, "3G", "1G"),
]


@pytest.mark.parametrize(("check", "right", "wrong"), CASES, ids=[c.__name__ for c, _, _ in CASES])
def test_right_wrong_and_garbage(check, right, wrong):
    assert check(right)
    assert not check(wrong)
    assert not check(None)
    for garbage in ("not a number", [1, 2], object(), float("nan"), ...):
        result = check(garbage)
        assert not result and result.message
