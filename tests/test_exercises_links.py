"""The exercise checks added for notebooks 03 and 04: right → truthy, wrong → falsy, garbage → falsy, never raise."""

from __future__ import annotations

import pytest

from qinet.exercises import fiber, satellite

CASES = [
    # (check, a right answer, a common wrong one)
    (fiber.check_record_fiber_extra_km, 122.8, 422.8),  # 60 dB / 0.1419 - 60 dB / 0.2 (422.8 km is the whole length)
    (satellite.check_half_angle_db, 6.0, 3.0),  # 10 log10(4) in the far field (3 dB forgets that area goes as w²)
]


@pytest.mark.parametrize(("check", "right", "wrong"), CASES, ids=[c.__name__ for c, _, _ in CASES])
def test_right_wrong_and_garbage(check, right, wrong):
    assert check(right)
    assert not check(wrong)
    assert not check(None)
    for garbage in ("not a number", [1, 2], object(), float("nan"), ...):
        result = check(garbage)
        assert not result and result.message
