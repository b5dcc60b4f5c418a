"""Exercise checks for notebooks 00 and 03 (fibre links). Every check returns a Feedback and never raises."""

from __future__ import annotations

from qinet.exercises.feedback import Feedback, check_number


def check_surviving_fraction(answer: object) -> Feedback:
    """Start here: the fraction (not percent) of photons that survive 50 km of 0.2 dB/km fibre.

    Examples
    --------
    >>> bool(check_surviving_fraction(0.1)), bool(check_surviving_fraction(10))
    (True, False)
    """
    from qinet.links import fiber_transmittance

    return check_number(
        answer,
        fiber_transmittance(50.0),
        rtol=0.01,
        hint="50 km × 0.2 dB/km = 10 dB; give a fraction between 0 and 1, not a percentage.",
    )


def check_delay_ms(answer: object) -> Feedback:
    """Exercise 1: the one-way delay in ms over 100 km of fibre (group index 1.468).

    Examples
    --------
    >>> bool(check_delay_ms(0.49)), bool(check_delay_ms(0.33))
    (True, False)
    """
    from qinet.links import fiber_delay

    return check_number(
        answer,
        1e3 * fiber_delay(100.0),
        rtol=0.01,
        unit="ms",
        hint="Light in fibre travels at c / 1.468 ≈ 204,000 km/s.",
    )


def check_million_loss_distance(answer: object) -> Feedback:
    """Exercise 2: the fibre length (km, at 0.2 dB/km) after which one photon in a million survives.

    Examples
    --------
    >>> bool(check_million_loss_distance(300)), bool(check_million_loss_distance(60))
    (True, False)
    """
    from qinet.links import transmittance_to_db

    return check_number(
        answer, transmittance_to_db(1e-6) / 0.2, rtol=0.01, unit="km", hint="One in a million is 60 dB of loss."
    )


def check_plob_100km(answer: object) -> Feedback:
    """Exercise 3: the PLOB bound in ebits per channel use over 100 km of 0.2 dB/km fibre.

    Examples
    --------
    >>> bool(check_plob_100km(0.0145)), bool(check_plob_100km(0.01))
    (True, False)
    """
    from qinet.bounds import plob_bound
    from qinet.links import fiber_transmittance

    return check_number(
        answer,
        plob_bound(fiber_transmittance(100.0)),
        rtol=0.01,
        hint="η = 0.01 at 100 km; the bound is -log2(1 - η) ≈ 1.44 η.",
    )


def check_record_fiber_extra_km(answer: object) -> Feedback:
    """Exercise 4: how many km farther than standard 0.2 dB/km fibre the record 0.1419 dB/km fibre
    (Tamura et al. 2018) reaches before only one photon in a million survives.

    Examples
    --------
    >>> bool(check_record_fiber_extra_km(122.8)), bool(check_record_fiber_extra_km(422.8))
    (True, False)
    """
    from qinet.links import RECORD_FIBER_DB_PER_KM, STANDARD_FIBER_DB_PER_KM, transmittance_to_db

    loss_db = transmittance_to_db(1e-6)
    return check_number(
        answer,
        loss_db / RECORD_FIBER_DB_PER_KM - loss_db / STANDARD_FIBER_DB_PER_KM,
        rtol=0.01,
        unit="km",
        hint="Both fibres may lose 60 dB: divide 60 dB by each attenuation and subtract the two lengths.",
    )
