"""Notebook 12's new exercise check: right passes, wrong fails, nonsense fails without raising."""

from __future__ import annotations

import math

from qinet.exercises import roadmap


def test_bell_test_distance_is_eberhards_two_thirds_over_half_the_fibre():
    assert roadmap.check_bell_test_km(17.6)  # 20 log10(3/2) / 0.2 = 17.61 km
    assert not roadmap.check_bell_test_km(8.8)  # forgot that each photon crosses only half
    assert not roadmap.check_bell_test_km(3.5)  # the DI-key threshold (92.3 %), not any Bell test
    for garbage in (None, ..., "banana", [1, 2], math.nan, {}):
        feedback = roadmap.check_bell_test_km(garbage)
        assert not feedback and feedback.message
