"""Notebook 00's Checks catch a wrong fibre model and the old four-group road map."""

from __future__ import annotations

from notebook_mutants import assert_checks_catch

DECIBELS_FORGOTTEN = """
import numpy as np
from qinet import links
links.fiber_transmittance = lambda length_km, attenuation_db_per_km=0.2: 10 ** (
    -attenuation_db_per_km * np.asarray(length_km, dtype=float))
"""

FOUR_STAGES = """
from qinet import roadmap
roadmap.STAGES = roadmap.STAGES[:4]
"""


def test_checks_catch_a_transmittance_that_forgets_the_decibels():
    outcome = assert_checks_catch("00-start-here", DECIBELS_FORGOTTEN)
    assert "Sangouard" in outcome.evalue


def test_checks_catch_a_road_map_that_is_not_wehners_six_stages():
    outcome = assert_checks_catch("00-start-here", FOUR_STAGES)
    assert "six stages" in outcome.evalue
