"""Numeric and choice exercise checks of notebooks 07 and 08 (the coding exercises are tested in
test_exercises_bb84.py and test_exercises_e91.py): right → truthy, wrong → falsy, None/garbage → falsy, no raise."""

from __future__ import annotations

import pytest

from qinet.exercises import qkd, trusted

CASES = [
    (qkd.check_sampling_margin, 0.05108, 0.0161),
    (qkd.check_why_decoys, "b", "a"),
    (trusted.check_chsh_visibility, 2.545584, 2.0),
    (trusted.check_chain_rate, 3500, 12000),
    (trusted.check_who_knows, "b", "d"),
    (trusted.check_chsh_efficiency, 2.311026, 2.291026),
]


@pytest.mark.parametrize("check, right, wrong", CASES)
def test_right_wrong_and_garbage(check, right, wrong):
    assert check(right)
    assert not check(wrong)
    for garbage in (None, ..., "banana", [1, 2], float("nan")):
        assert not check(garbage)
