"""Exercise checks for notebook 04 (satellite links). Every check returns a Feedback and never raises.

The expected values are computed with qinet's own models, so they follow the notebook's conventions
(the divergence is the full 1/e² angle). The coding exercises, a downlink budget in dB, the duration of
an overhead pass and the pair rate over two downlinks, are graded by behaviour
(:mod:`qinet.exercises.grading`): the learner's function is called on limits and fresh values.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from qinet import links, orbits
from qinet.exercises.feedback import Feedback, check_number
from qinet.exercises.grading import case, grade_function


def check_slant_range(answer: object) -> Feedback:
    """Exercise 1: distance (km) from a ground station to a satellite at 500 km seen at 30° elevation.

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


def _downlink_loss_db(
    altitude_km: float,
    elevation_deg: float,
    divergence_urad: float,
    aperture_m: float,
    zenith_transmittance: float,
    fixed_db: float,
) -> float:
    budget = links.satellite_downlink(
        altitude_km,
        elevation_deg,
        divergence_urad=divergence_urad,
        rx_aperture_m=aperture_m,
        zenith_transmittance=zenith_transmittance,
        extra_loss_db=fixed_db,
    )
    return float(budget.total_db)


def _random_downlink(rng: np.random.Generator) -> tuple[float, ...]:
    return (
        float(rng.uniform(400.0, 1200.0)),
        float(rng.uniform(15.0, 90.0)),
        float(rng.uniform(5.0, 30.0)),
        float(rng.uniform(0.3, 1.5)),
        float(rng.uniform(0.5, 1.0)),
        float(rng.uniform(0.0, 25.0)),
    )


def check_downlink_budget(fn: Callable[..., Any]) -> Feedback:
    """Exercise 2: ``fn(altitude_km, elevation_deg, divergence_urad, aperture_m, zenith_transmittance, fixed_db)``
    returns the loss of one downlink in dB: geometric (a Gaussian beam whose full 1/e² divergence is
    ``divergence_urad``), atmospheric (``T_zen^(1/sin ε)``) and the fixed loss, added in dB.

    Examples
    --------
    >>> def right(altitude_km, elevation_deg, divergence_urad, aperture_m, zenith_transmittance, fixed_db):
    ...     budget = links.satellite_downlink(altitude_km, elevation_deg, divergence_urad=divergence_urad,
    ...                                       rx_aperture_m=aperture_m, zenith_transmittance=zenith_transmittance,
    ...                                       extra_loss_db=fixed_db)
    ...     return budget.total_db
    >>> bool(check_downlink_budget(right))
    True
    >>> def half_angle(altitude_km, elevation_deg, divergence_urad, aperture_m, zenith_transmittance, fixed_db):
    ...     return right(altitude_km, elevation_deg, 2 * divergence_urad, aperture_m, zenith_transmittance, fixed_db)
    >>> print(check_downlink_budget(half_angle).message)  # doctest: +ELLIPSIS
    For altitude_km = 500, elevation_deg = 90, ... returned 15.47; expected 9.633. Remember: ... FULL angle...
    """
    return grade_function(
        fn,
        _downlink_loss_db,
        cases=[
            case(
                500.0,
                90.0,
                10.0,
                1.2,
                1.0,
                0.0,
                why="straight overhead, under a perfectly clear sky and with no fixed loss, only beam spreading is "
                "left: the divergence is the FULL angle θ, so the spot's 1/e² radius is w = Lθ/2, and a telescope of "
                "radius a collects 1 − e^(−2a²/w²)",
            ),
            case(
                500.0,
                30.0,
                10.0,
                1.2,
                0.8,
                0.0,
                why="at 30° elevation the light crosses twice as much air as straight up: the atmosphere lets through "
                "T_zen^(1/sin ε)",
            ),
            case(500.0, 90.0, 10.0, 1.2, 0.8, 18.1, why="the fixed loss adds in dB, like the other two terms"),
            case(
                500.0,
                float(links.elevation_at_range(500.0, 1000.0)),
                10.0,
                1.2,
                0.8,
                links.MICIUS_EXTRA_LOSS_DB,
                why="at 1,000 km slant range the calibrated Micius budget gives 35.8 dB, where Yin et al. (2017) "
                "measured 36 dB",
            ),
        ],
        random_cases=_random_downlink,
        n_random=5,
        rtol=1e-5,
        atol=1e-6,
        unit="dB",
        key="satellite.downlink_budget",
        hint="Three losses add in dB: beam spreading, the air, and the fixed loss. Keep the units apart: the slant "
        "range is in km, the aperture in m, the divergence in µrad (10⁻⁶ rad), and np.sin wants radians.",
        idea="Take the slant range from links.slant_range and turn it into metres; the spot radius is range × θ / 2 "
        "with θ in radians; turn each surviving fraction (collected light, then T_zen^(1/sin ε)) into dB with "
        "−10 log₁₀, and add the fixed dB at the end.",
    )


def _pass_duration_s(altitude_km: float, min_elevation_deg: float) -> float:
    return float(orbits.overhead_pass_duration(altitude_km, min_elevation_deg))


def _random_pass(rng: np.random.Generator) -> tuple[float, float]:
    return float(rng.uniform(300.0, 2000.0)), float(rng.uniform(5.0, 60.0))


def check_pass_duration(fn: Callable[..., Any]) -> Feedback:
    """Exercise 3: ``fn(altitude_km, min_elevation_deg)`` returns the time in s that a satellite on a circular
    orbit, passing straight overhead, stays above ``min_elevation_deg`` (the Earth's rotation ignored).

    Examples
    --------
    >>> import math
    >>> def right(altitude_km, min_elevation_deg):
    ...     radius, elevation = orbits.EARTH_RADIUS_KM, math.radians(min_elevation_deg)
    ...     arc = math.acos(radius * math.cos(elevation) / (radius + altitude_km)) - elevation
    ...     period = 2 * math.pi * math.sqrt((radius + altitude_km) ** 3 / orbits.MU_EARTH_KM3_S2)
    ...     return 2 * arc / (2 * math.pi / period)
    >>> bool(check_pass_duration(right))
    True
    >>> in_minutes = check_pass_duration(lambda h, e: right(h, e) / 60)
    >>> print(in_minutes.message)  # doctest: +ELLIPSIS
    For altitude_km = 500, min_elevation_deg = 20 ... This looks like the answer in minutes, not in seconds...
    """
    return grade_function(
        fn,
        _pass_duration_s,
        cases=[
            case(
                500.0,
                20.0,
                why="a satellite at 500 km circles the Earth in 94.5 minutes (Kepler's third law) and stays above 20° "
                "while it is within the Earth central angle λ of the station, on either side: the arc 2λ",
            ),
            case(500.0, 90.0, why="a satellite is exactly overhead only for an instant: above 90° the pass lasts 0 s"),
            case(
                1000.0,
                10.0,
                why="a higher orbit is slower, T = 2π√((R + h)³/μ), but the station sees a wider arc of it",
            ),
        ],
        random_cases=_random_pass,
        n_random=5,
        rtol=1e-5,
        atol=1e-3,
        unit="s",
        key="satellite.pass_duration",
        hint="The satellite stays above the mask while it is within the Earth central angle λ = arccos(R cos ε / "
        "(R + h)) − ε of the station, on both sides; it sweeps 2π in one period T = 2π√((R + h)³/μ). Angles in "
        "radians.",
        idea="Divide the arc 2λ (in radians) by the angular speed 2π/T of the orbit. The Earth is round: a flat-Earth "
        "triangle with tan ε gives passes that are too long.",
    )


def _two_downlink_rate(source_rate_hz: float, loss_a_db: float, loss_b_db: float, detector_efficiency: float) -> float:
    return float(source_rate_hz * detector_efficiency**2 * links.db_to_transmittance(loss_a_db + loss_b_db))


def _random_rates(rng: np.random.Generator) -> tuple[float, float, float, float]:
    return (
        float(10 ** rng.uniform(6.0, 9.0)),
        float(rng.uniform(25.0, 45.0)),
        float(rng.uniform(25.0, 45.0)),
        float(rng.uniform(0.2, 1.0)),
    )


def check_two_downlink_rate(fn: Callable[..., Any]) -> Feedback:
    """Exercise 4: ``fn(source_rate_hz, loss_a_db, loss_b_db, detector_efficiency)`` returns the rate of pairs
    detected at both stations when the satellite sends one photon of each pair down to each of them:
    ``R η_d² 10^(−(L_A + L_B)/10)``.

    Examples
    --------
    >>> def right(source_rate_hz, loss_a_db, loss_b_db, detector_efficiency):
    ...     return source_rate_hz * detector_efficiency**2 * 10 ** (-(loss_a_db + loss_b_db) / 10)
    >>> bool(check_two_downlink_rate(right))
    True
    >>> def added(source_rate_hz, loss_a_db, loss_b_db, detector_efficiency):   # transmittances added
    ...     return source_rate_hz * detector_efficiency**2 * (10 ** (-loss_a_db / 10) + 10 ** (-loss_b_db / 10))
    >>> print(check_two_downlink_rate(added).message)  # doctest: +ELLIPSIS
    For source_rate_hz = 1e+07, loss_a_db = 0, ... returned 2e+07; expected 1e+07. ...
    """
    return grade_function(
        fn,
        _two_downlink_rate,
        cases=[
            case(
                1e7,
                0.0,
                0.0,
                1.0,
                why="with lossless downlinks and perfect detectors every pair emitted is detected at both stations",
            ),
            case(
                1e7,
                30.0,
                40.0,
                1.0,
                why="the satellite stores nothing, so both photons of a pair must arrive at the same instant: the two "
                "transmittances multiply and the losses in dB add, 70 dB here",
            ),
            case(1e7, 35.0, 35.0, 0.5, why="both stations' detectors must click: η_d counts twice"),
            case(
                1e7,
                30.0,
                90.0,
                1.0,
                why="if one station barely receives anything, hardly any pairs arrive, however good the other downlink",
            ),
        ],
        random_cases=_random_rates,
        n_random=5,
        rtol=1e-6,
        unit="Hz",
        key="satellite.two_downlink_rate",
        hint="Micius has no quantum memory: a pair counts only when both of its photons arrive at the same instant "
        "and both detectors click.",
        idea="Add the two losses in dB, turn the sum into a transmittance with 10^(−dB/10), and multiply by the source "
        "rate and by η_d once for each station.",
    )
