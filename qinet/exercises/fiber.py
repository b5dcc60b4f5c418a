"""Exercise checks for notebooks 00 and 03 (fibre links). Every check returns a Feedback and never raises.

Notebook 03's coding exercises are graded by behaviour (:mod:`qinet.exercises.grading`): the learner's
transmittance, direct pair rate and reach (a link budget in dB) are called on limits and fresh values
and compared with :mod:`qinet.links`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from qinet import links
from qinet.exercises.feedback import Feedback, check_number
from qinet.exercises.grading import case, grade_function
from qinet.exercises.slips import Slip, name_slip


def check_surviving_fraction(answer: object) -> Feedback:
    """Start here: the fraction (not percent) of photons that survive 50 km of 0.2 dB/km fibre.

    Examples
    --------
    >>> bool(check_surviving_fraction(0.1)), bool(check_surviving_fraction(10))
    (True, False)
    """
    return check_number(
        answer,
        links.fiber_transmittance(50.0),
        rtol=0.01,
        unit="fraction",
        hint="50 km × 0.2 dB/km = 10 dB; give a fraction between 0 and 1, not a percentage.",
    )


def _loss_db(length_km: float) -> float:
    return float(links.transmittance_to_db(links.fiber_transmittance(length_km)))


def check_loss_db(fn: Callable[..., Any]) -> Feedback:
    """Start here, warm-up: ``fn(length_km)`` returns the loss in dB of ``length_km`` of 0.2 dB/km fibre.

    Graded at no fibre, at 50 km and on fresh lengths; a transmittance for a loss, a minus sign and metres
    for kilometres are named.

    Examples
    --------
    >>> bool(check_loss_db(lambda length_km: 0.2 * length_km))
    True
    >>> print(check_loss_db(lambda length_km: 10 ** (-0.2 * length_km / 10)).message)  # doctest: +ELLIPSIS
    For length_km = 0 your function returned 1; expected 0. This looks like a transmittance: give the loss in dB, ...
    """
    feedback = grade_function(
        fn,
        _loss_db,
        cases=[
            case(0.0, why="no fibre, no loss: 0 dB"),
            case(50.0, why="50 km at 0.2 dB per km lose 10 dB"),
        ],
        random_cases=lambda rng: (float(np.round(rng.uniform(1.0, 300.0), 1)),),
        n_random=3,
        rtol=1e-6,
        atol=1e-9,
        unit="dB",
        key="fiber.loss_db",
        hint="The loss in decibels adds up kilometre by kilometre: every km of this fibre costs 0.2 dB.",
        idea="Multiply the attenuation, 0.2 dB/km, by the length in km; the fraction that survives comes later, as "
        "10^(−dB/10).",
    )
    return name_slip(
        feedback,
        fn,
        [
            Slip(
                lambda length_km: 200.0 * length_km,
                "The length is already in km: 0.2 dB per km times L, not 0.2 per metre.",
            )
        ],
        [(50.0,), (120.0,)],
    )


def _transmittance(length_km: float, attenuation_db_per_km: float) -> float:
    return float(links.fiber_transmittance(length_km, attenuation_db_per_km))


def _random_fibre(rng: np.random.Generator) -> tuple[float, float]:
    return float(rng.uniform(1.0, 400.0)), float(rng.uniform(0.14, 0.4))


def check_transmittance(fn: Callable[..., Any]) -> Feedback:
    """Exercise 1: ``fn(length_km, attenuation_db_per_km)`` returns the transmittance η = 10^(−αL/10).

    Graded at the limits (no fibre, lossless fibre), at 10 dB, and on fresh lengths and attenuations.

    Examples
    --------
    >>> bool(check_transmittance(lambda length_km, attenuation_db_per_km: 10 ** (-attenuation_db_per_km
    ...                                                                           * length_km / 10)))
    True
    >>> print(check_transmittance(lambda length_km, attenuation_db_per_km: 10 ** (-attenuation_db_per_km
    ...                                                                            * length_km)).message)
    ... # doctest: +ELLIPSIS
    For length_km = 50, attenuation_db_per_km = 0.2 your function returned 1e-10; expected 0.1. ...
    """
    return grade_function(
        fn,
        _transmittance,
        cases=[
            case(0.0, 0.2, why="with no fibre nothing is lost: every photon survives, η = 1"),
            case(50.0, 0.2, why="50 km of 0.2 dB/km fibre lose 10 dB, and 10 dB is a factor 10"),
            case(80.0, 0.0, why="a lossless fibre (α = 0) lets every photon through, however long it is"),
        ],
        random_cases=_random_fibre,
        n_random=5,
        rtol=1e-6,
        unit="transmittance",
        key="fiber.transmittance",
        hint="A loss of x dB lets through the fraction 10^(−x/10) of the photons: 10 dB is a factor 10, 20 dB a "
        "factor 100. Give a fraction between 0 and 1, not a percentage.",
        idea="First the loss in dB, α times L; then turn decibels into a fraction: divide by 10, and raise 10 to "
        "minus that power (a power of 10, not of e).",
    )


def check_delay_ms(answer: object) -> Feedback:
    """Exercise 2: the one-way delay in ms over 100 km of fibre (group index 1.468).

    Examples
    --------
    >>> bool(check_delay_ms(0.49)), bool(check_delay_ms(0.33))
    (True, False)
    """
    return check_number(
        answer,
        1e3 * links.fiber_delay(100.0),
        rtol=0.01,
        unit="ms",
        hint="Light in fibre travels at c / 1.468 ≈ 204,000 km/s.",
    )


def _pair_rate(length_km: float, source_rate_hz: float, detector_efficiency: float) -> float:
    return float(links.direct_pair_rate(length_km, source_rate_hz, detector_efficiency=detector_efficiency))


def _random_link(rng: np.random.Generator) -> tuple[float, float, float]:
    return float(rng.uniform(0.0, 300.0)), float(10 ** rng.uniform(5.0, 9.5)), float(rng.uniform(0.3, 1.0))


def check_pair_rate(fn: Callable[..., Any]) -> Feedback:
    """Exercise 3: ``fn(length_km, source_rate_hz, detector_efficiency)`` returns the rate of detected pairs
    over a direct link of 0.2 dB/km fibre with the source in the middle, ``R η_d² η(L)``.

    Examples
    --------
    >>> def right(length_km, source_rate_hz, detector_efficiency):
    ...     return source_rate_hz * detector_efficiency**2 * 10 ** (-0.2 * length_km / 10)
    >>> bool(check_pair_rate(right))
    True
    >>> def one_photon(length_km, source_rate_hz, detector_efficiency):   # only one photon crosses L / 2
    ...     return source_rate_hz * detector_efficiency**2 * 10 ** (-0.2 * length_km / 20)
    >>> print(check_pair_rate(one_photon).message)  # doctest: +ELLIPSIS
    For length_km = 100, ... your function returned 1e+05; expected 1e+04. Remember: both photons must arrive...
    """
    return grade_function(
        fn,
        _pair_rate,
        cases=[
            case(
                0.0,
                1e6,
                1.0,
                why="with no fibre and perfect detectors every pair is detected: the rate is the source rate",
            ),
            case(
                0.0, 1e6, 0.5, why="a pair needs two clicks, one at each end, so the detector efficiency counts twice"
            ),
            case(
                100.0,
                1e6,
                1.0,
                why="both photons must arrive, and each crosses L/2, so a pair survives with η(L/2)·η(L/2) = η(L), "
                "1 % at 100 km",
            ),
        ],
        random_cases=_random_link,
        n_random=5,
        rtol=1e-6,
        unit="Hz",
        key="fiber.pair_rate",
        hint="A pair counts only if both of its photons arrive and both detectors click. Each photon crosses half "
        "of the fibre.",
        idea="Multiply the source rate by the chance that one photon survives L/2 and is detected, η(L/2)·η_d, and by "
        "the same chance for its partner. Losses multiply, so η(L/2)² = η(L).",
    )


def _reach(
    source_rate_hz: float, detector_efficiency: float, target_rate_hz: float, attenuation_db_per_km: float
) -> float:
    budget_db = links.transmittance_to_db(target_rate_hz / (source_rate_hz * detector_efficiency**2))
    return float(budget_db) / attenuation_db_per_km


def _random_budget(rng: np.random.Generator) -> tuple[float, float, float, float]:
    rate, efficiency = float(10 ** rng.uniform(6.0, 10.0)), float(rng.uniform(0.2, 1.0))
    target = rate * efficiency**2 * 10 ** -rng.uniform(0.5, 12.0)
    return rate, efficiency, float(target), float(rng.uniform(0.14, 0.3))


def check_reach(fn: Callable[..., Any]) -> Feedback:
    """Exercise 4: ``fn(source_rate_hz, detector_efficiency, target_rate_hz, attenuation_db_per_km)`` returns
    the longest direct link (km) that still delivers ``target_rate_hz`` detected pairs: a link budget in dB,
    ``L = 10 log₁₀(R η_d² / target) / α``.

    Examples
    --------
    >>> import math
    >>> def right(source_rate_hz, detector_efficiency, target_rate_hz, attenuation_db_per_km):
    ...     budget_db = 10 * math.log10(source_rate_hz * detector_efficiency**2 / target_rate_hz)
    ...     return budget_db / attenuation_db_per_km
    >>> bool(check_reach(right))
    True
    >>> def natural_log(source_rate_hz, detector_efficiency, target_rate_hz, attenuation_db_per_km):
    ...     return 10 * math.log(source_rate_hz * detector_efficiency**2 / target_rate_hz) / attenuation_db_per_km
    >>> print(check_reach(natural_log).message)  # doctest: +ELLIPSIS
    For source_rate_hz = 1e+09, ... your function returned 230.3; expected 100. Remember: a budget of 20 dB...
    """
    return grade_function(
        fn,
        _reach,
        cases=[
            case(
                1e9,
                1.0,
                1e7,
                0.2,
                why="a budget of 20 dB (the source gives 100 times the target) buys 100 km of 0.2 dB/km fibre",
            ),
            case(
                1e9,
                0.5,
                1.0,
                0.2,
                why="each of the two detectors of efficiency 0.5 takes 3 dB of the budget, and a pair needs both",
            ),
            case(
                1e9,
                0.5,
                2.5e8,
                0.2,
                why="when the detectors alone bring the rate down to the target, no budget is left for fibre: 0 km",
            ),
            case(
                1e9,
                1.0,
                1.0,
                links.RECORD_FIBER_DB_PER_KM,
                why="the record 0.1419 dB/km fibre stretches the same 90 dB budget to 634 km (450 km at 0.2 dB/km)",
            ),
        ],
        random_cases=_random_budget,
        n_random=5,
        rtol=1e-6,
        atol=1e-9,
        unit="km",
        key="fiber.reach",
        hint="Work in dB: the ratio of what the source emits to what you need, 10 log₁₀(R / target), is the budget; "
        "the two detectors spend part of it, and the fibre spends α dB per km of the rest.",
        idea="The budget is 10 log₁₀(R η_d² / target) dB, with a base-10 logarithm; dividing it by α in dB/km gives "
        "the length in km.",
    )


def check_plob_100km(answer: object) -> Feedback:
    """Exercise 5: the PLOB bound in ebits per channel use over 100 km of 0.2 dB/km fibre.

    Examples
    --------
    >>> bool(check_plob_100km(0.0145)), bool(check_plob_100km(0.01))
    (True, False)
    >>> print(check_plob_100km(0.01005).message)  # doctest: +ELLIPSIS
    0.01005: this looks like a natural logarithm where the formula uses log₂ ...
    """
    from qinet.bounds import plob_bound

    return check_number(
        answer,
        plob_bound(links.fiber_transmittance(100.0)),
        rtol=0.01,
        unit="",
        hint="η = 0.01 at 100 km; the bound is -log2(1 - η) ≈ 1.44 η.",
    )
