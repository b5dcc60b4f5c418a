"""Exercise checks for notebook 04 (satellite links). Every check returns a Feedback and never raises.

The expected values are computed with qinet's own models, so they follow the notebook's conventions.
"""

from __future__ import annotations

import math

from qinet import links, orbits
from qinet.exercises.feedback import Feedback, check_number

SECONDS_PER_YEAR = 365.25 * 86400.0


def check_slant_range(answer: object) -> Feedback:
    """Distance (km) from a ground station to a satellite at 500 km seen at 30° elevation.

    Examples
    --------
    >>> bool(check_slant_range(909.4)), bool(check_slant_range(1000.0))
    (True, False)
    """
    expected = float(links.slant_range(500.0, 30.0))
    return check_number(
        answer,
        expected,
        rtol=0.005,
        unit="km",
        hint="Use L = √((R+h)² − (R cos ε)²) − R sin ε with R = 6371 km: it is not h / sin ε.",
    )


def check_pass_minutes(answer: object) -> Feedback:
    """Minutes a satellite at 500 km, passing straight overhead, spends above 20° elevation.

    Examples
    --------
    >>> bool(check_pass_minutes(4.93)), bool(check_pass_minutes(7.38))
    (True, False)
    """
    expected = float(orbits.overhead_pass_duration(500.0, 20.0)) / 60.0
    return check_number(
        answer,
        expected,
        rtol=0.03,
        unit="min",
        hint="Find the central angle λ = arccos(R cos ε / (R+h)) − ε, then t = 2λ/ω with ω = 2π/T.",
    )


def check_fiber_years(answer: object) -> Feedback:
    """Years per pair through 1,200 km of 0.2 dB/km fibre from a source of 10⁹ pairs/s (ideal detectors).

    Examples
    --------
    >>> bool(check_fiber_years(3.17e7)), bool(check_fiber_years(502.0))
    (True, False)
    """
    expected = float(links.fiber_time_per_pair(1200.0, 1e9)) / SECONDS_PER_YEAR
    return check_number(
        answer,
        expected,
        rtol=0.05,
        unit="years",
        hint="The loss is 240 dB, so η = 1e-24; one pair takes 1 / (1e9 · η) seconds.",
    )


def check_min_visibility(answer: object) -> Feedback:
    """The smallest visibility V whose pairs still violate CHSH (S = 2√2 V > 2).

    Examples
    --------
    >>> bool(check_min_visibility(0.7071)), bool(check_min_visibility(0.5))
    (True, False)
    """
    return check_number(answer, 1.0 / math.sqrt(2.0), rtol=0.01, hint="Solve 2√2 V = 2 for V.")


def check_half_angle_db(answer: object) -> Feedback:
    """Extra geometric loss (dB) at 1,000 km slant range (satellite at 500 km, 1.2 m telescope) if the
    10 µrad divergence is read as a half angle (20 µrad full angle) instead of the full angle.

    Examples
    --------
    >>> bool(check_half_angle_db(6.0)), bool(check_half_angle_db(3.0))
    (True, False)
    """
    elevation = links.elevation_at_range(500.0, 1000.0)
    full, half = (links.satellite_downlink(500.0, elevation, divergence_urad=d) for d in (10.0, 20.0))
    return check_number(
        answer,
        float(half.geometric_db - full.geometric_db),
        rtol=0.03,
        unit="dB",
        hint="Doubling the angle doubles the spot radius w; far from the telescope the collected fraction "
        "goes as 1/w², so the loss grows by 10·log10(4).",
    )
