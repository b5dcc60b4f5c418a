"""Exercise checks for notebook 04 (satellite links). Every check returns a Feedback and never raises.

The expected values are computed with qinet's own models, so they follow the notebook's conventions.
"""

from __future__ import annotations

import math

from qinet import links, orbits
from qinet.exercises.feedback import Feedback, check_number

SECONDS_PER_YEAR = 365.25 * 86400.0


def check_slant_range(answer: object) -> Feedback:
    """Distance (km) from a ground station to a satellite at 500 km seen at 30° elevation."""
    expected = float(links.slant_range(500.0, 30.0))
    return check_number(
        answer,
        expected,
        rtol=0.005,
        unit="km",
        hint="Use L = √((R+h)² − (R cos ε)²) − R sin ε with R = 6371 km: it is not h / sin ε.",
    )


def check_pass_minutes(answer: object) -> Feedback:
    """Minutes a satellite at 500 km, passing straight overhead, spends above 20° elevation."""
    expected = float(orbits.overhead_pass_duration(500.0, 20.0)) / 60.0
    return check_number(
        answer,
        expected,
        rtol=0.03,
        unit="min",
        hint="Find the central angle λ = arccos(R cos ε / (R+h)) − ε, then t = 2λ/ω with ω = 2π/T.",
    )


def check_fiber_years(answer: object) -> Feedback:
    """Years per pair through 1,200 km of 0.2 dB/km fibre from a source of 10⁹ pairs/s (ideal detectors)."""
    expected = float(links.fiber_time_per_pair(1200.0, 1e9)) / SECONDS_PER_YEAR
    return check_number(
        answer,
        expected,
        rtol=0.05,
        unit="years",
        hint="The loss is 240 dB, so η = 1e-24; one pair takes 1 / (1e9 · η) seconds.",
    )


def check_min_visibility(answer: object) -> Feedback:
    """The smallest visibility V whose pairs still violate CHSH (S = 2√2 V > 2)."""
    return check_number(answer, 1.0 / math.sqrt(2.0), rtol=0.01, hint="Solve 2√2 V = 2 for V.")
