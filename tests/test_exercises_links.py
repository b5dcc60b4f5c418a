"""The exercise checks of notebooks 03 (fibre) and 04 (satellite): each coding check accepts a right solution,
names typical wrong ones in physics, and returns falsy feedback without raising on hostile input; the numeric
checks name unit slips."""

from __future__ import annotations

import functools
import math

import pytest
from qiskit import QuantumCircuit

from qinet import links, orbits
from qinet.exercises import fiber, grading, satellite

# --- notebook 03 ---------------------------------------------------------------------------------------


def transmittance(length_km, attenuation_db_per_km):
    return 10 ** (-attenuation_db_per_km * length_km / 10)


def pair_rate(length_km, source_rate_hz, detector_efficiency):
    return source_rate_hz * detector_efficiency**2 * transmittance(length_km / 2, 0.2) ** 2


def reach_km(source_rate_hz, detector_efficiency, target_rate_hz, attenuation_db_per_km):
    return 10 * math.log10(source_rate_hz * detector_efficiency**2 / target_rate_hz) / attenuation_db_per_km


def test_transmittance_check():
    assert fiber.check_transmittance(transmittance)
    assert fiber.check_transmittance(
        lambda length_km, attenuation_db_per_km: links.fiber_transmittance(length_km, attenuation_db_per_km)
    )


@pytest.mark.parametrize(
    ("wrong", "says"),
    [
        (lambda length_km, attenuation_db_per_km: 1.0, "same value for every input"),  # the stub
        (lambda L, a: 10 ** (-a * L), "10 dB is a factor 10"),  # forgot the /10 of decibels
        (lambda L, a: math.exp(-a * L / 10), "10 dB is a factor 10"),  # e instead of 10
        (lambda L, a: a * L, "nothing is lost"),  # returned the loss in dB
        (lambda L, a: 100 * transmittance(L, a), "percentage"),
        (lambda L, a: transmittance(L, 0.2), "lossless fibre"),  # ignores the attenuation it is given
    ],
)
def test_transmittance_check_names_typical_slips(wrong, says):
    feedback = fiber.check_transmittance(wrong)
    assert not feedback and says in feedback.message, feedback.message


def test_pair_rate_check():
    assert fiber.check_pair_rate(pair_rate)
    assert fiber.check_pair_rate(
        lambda length_km, source_rate_hz, detector_efficiency: links.direct_pair_rate(
            length_km, source_rate_hz, detector_efficiency=detector_efficiency
        )
    )


@pytest.mark.parametrize(
    ("wrong", "says"),
    [
        (lambda length_km, source_rate_hz, detector_efficiency: source_rate_hz, "counts twice"),  # the stub
        (lambda L, R, e: R * e * transmittance(L, 0.2), "counts twice"),  # one detector
        (lambda L, R, e: R * e**2 * transmittance(L / 2, 0.2), "both photons must arrive"),  # one photon
        (lambda L, R, e: R * e**2 * transmittance(L, 0.2) ** 2, "each crosses L/2"),  # both cross all of L
        (lambda L, R, e: pair_rate(L, R, e) / 1e3, "kHz"),
    ],
)
def test_pair_rate_check_names_typical_slips(wrong, says):
    feedback = fiber.check_pair_rate(wrong)
    assert not feedback and says in feedback.message, feedback.message


def test_reach_check():
    assert fiber.check_reach(reach_km)


@pytest.mark.parametrize(
    ("wrong", "says"),
    [
        (lambda source_rate_hz, detector_efficiency, target_rate_hz, attenuation_db_per_km: 0.0, "same value"),
        (lambda R, e, t, a: 10 * math.log(R * e**2 / t) / a, "budget of 20 dB"),  # natural logarithm
        (lambda R, e, t, a: 10 * math.log10(R / t) / a, "two detectors"),  # forgot the detectors
        (lambda R, e, t, a: 10 * math.log10(R * e / t) / a, "two detectors"),  # one detector
        (lambda R, e, t, a: 10 * math.log10(R * e**2 / t) * a, "budget of 20 dB"),  # dB times dB/km
        (lambda R, e, t, a: 1e3 * reach_km(R, e, t, a), "metres"),
        (lambda R, e, t, a: reach_km(R, e, t, 0.2), "record"),  # ignores the attenuation
    ],
)
def test_reach_check_names_typical_slips(wrong, says):
    feedback = fiber.check_reach(wrong)
    assert not feedback and says in feedback.message, feedback.message


def test_numeric_checks_of_notebook_03_name_unit_slips():
    assert fiber.check_delay_ms(0.4897) and fiber.check_plob_100km(0.0144996)
    assert "microseconds" in fiber.check_delay_ms(489.7).message
    assert "seconds" in fiber.check_delay_ms(4.897e-4).message
    assert "natural logarithm" in fiber.check_plob_100km(0.01005).message
    assert "percentage" in fiber.check_plob_100km(1.45).message


# --- notebook 04 ---------------------------------------------------------------------------------------


def downlink_loss_db(
    altitude_km,
    elevation_deg,
    divergence_urad,
    aperture_m,
    zenith_transmittance,
    fixed_db,
    *,
    spot_divisor=2.0,
    air_mass=True,
):
    range_m = links.slant_range(altitude_km, elevation_deg) * 1e3
    spot_m = range_m * divergence_urad * 1e-6 / spot_divisor
    collected = 1 - math.exp(-2 * (aperture_m / 2) ** 2 / spot_m**2)
    air = zenith_transmittance ** (1 / math.sin(math.radians(elevation_deg)) if air_mass else 1)
    return -10 * math.log10(collected) - 10 * math.log10(air) + fixed_db


def pass_duration_s(altitude_km, min_elevation_deg, *, in_radians=True):
    radius = orbits.EARTH_RADIUS_KM
    elevation = math.radians(min_elevation_deg) if in_radians else min_elevation_deg
    arc = math.acos(radius * math.cos(elevation) / (radius + altitude_km)) - elevation
    period = 2 * math.pi * math.sqrt((radius + altitude_km) ** 3 / orbits.MU_EARTH_KM3_S2)
    return 2 * arc * period / (2 * math.pi)


def flat_earth_pass_s(altitude_km, min_elevation_deg):
    speed = orbits.orbital_speed(altitude_km)
    return 2 * altitude_km / math.tan(math.radians(min_elevation_deg)) / speed


def two_downlink_rate(source_rate_hz, loss_a_db, loss_b_db, detector_efficiency):
    return source_rate_hz * detector_efficiency**2 * 10 ** (-(loss_a_db + loss_b_db) / 10)


def test_downlink_budget_check():
    assert satellite.check_downlink_budget(downlink_loss_db)


@pytest.mark.parametrize(
    ("wrong", "says"),
    [
        (
            lambda altitude_km, elevation_deg, divergence_urad, aperture_m, zenith_transmittance, fixed_db: 0.0,
            "same value",
        ),  # the stub
        (functools.partial(downlink_loss_db, spot_divisor=1.0), "FULL angle"),  # 10 µrad read as a half angle
        (functools.partial(downlink_loss_db, air_mass=False), "twice as much air"),  # T_zen at every elevation
        (lambda *args: downlink_loss_db(*args[:5], 0.0), "fixed loss adds in dB"),
        (lambda *args: -downlink_loss_db(*args), "positive"),
        (lambda *args: 10 ** (-downlink_loss_db(*args) / 10), "transmittance"),
    ],
)
def test_downlink_budget_check_names_typical_slips(wrong, says):
    feedback = satellite.check_downlink_budget(wrong)
    assert not feedback and says in feedback.message, feedback.message


def test_pass_duration_check():
    assert satellite.check_pass_duration(pass_duration_s)


@pytest.mark.parametrize(
    ("wrong", "says"),
    [
        (lambda altitude_km, min_elevation_deg: 0.0, "same value"),  # the stub
        (functools.partial(pass_duration_s, in_radians=False), "the arc 2λ"),  # degrees fed to cos
        (lambda h, e: pass_duration_s(h, e) / 2, "on either side"),  # only half the pass
        (flat_earth_pass_s, "the arc 2λ"),  # flat Earth: 361 s instead of 296 s above 20°
        (lambda h, e: pass_duration_s(h, e) / 60, "minutes"),
    ],
)
def test_pass_duration_check_names_typical_slips(wrong, says):
    feedback = satellite.check_pass_duration(wrong)
    assert not feedback and says in feedback.message, feedback.message


def test_two_downlink_rate_check():
    assert satellite.check_two_downlink_rate(two_downlink_rate)


@pytest.mark.parametrize(
    ("wrong", "says"),
    [
        (lambda source_rate_hz, loss_a_db, loss_b_db, detector_efficiency: source_rate_hz, "losses in dB add"),
        (lambda R, a, b, e: R * e**2 * (10 ** (-a / 10) + 10 ** (-b / 10)), "every pair emitted is detected"),
        (lambda R, a, b, e: R * e**2 * 10 ** (-a / 10), "stores nothing"),  # one downlink only
        (lambda R, a, b, e: R * e * 10 ** (-(a + b) / 10), "counts twice"),
        (lambda R, a, b, e: R * e**2 * 10 ** (-max(a, b) / 10), "transmittances multiply"),  # the worse link
    ],
)
def test_two_downlink_rate_check_names_typical_slips(wrong, says):
    feedback = satellite.check_two_downlink_rate(wrong)
    assert not feedback and says in feedback.message, feedback.message


# --- every check, hostile input ---------------------------------------------------------------------------


def _forever(*_args):
    while True:
        pass


def _raises(*_args):
    raise ZeroDivisionError("division by zero")


HOSTILE = {
    "None": None,
    "text": "10 ** (-0.02 * L)",
    "a circuit": QuantumCircuit(5),
    "returns None": lambda *args: None,
    "returns NaN": lambda *args: float("nan"),
    "returns text": lambda *args: "1e-3",
    "returns a circuit": lambda *args: QuantumCircuit(2),
    "raises": _raises,
    "loops forever": _forever,
}
CODING = {
    "transmittance": (fiber, "check_transmittance"),
    "pair_rate": (fiber, "check_pair_rate"),
    "reach": (fiber, "check_reach"),
    "downlink_budget": (satellite, "check_downlink_budget"),
    "pass_duration": (satellite, "check_pass_duration"),
    "two_downlink_rate": (satellite, "check_two_downlink_rate"),
}


@pytest.mark.parametrize("hostile", list(HOSTILE))
@pytest.mark.parametrize("name", list(CODING))
def test_coding_checks_never_raise_on_hostile_input(monkeypatch, name, hostile):
    module, check = CODING[name]
    monkeypatch.setattr(module, "grade_function", functools.partial(grading.grade_function, time_limit_s=0.3))
    feedback = getattr(module, check)(HOSTILE[hostile])
    assert not feedback and feedback.message
    if hostile == "raises":
        assert "ZeroDivisionError" in feedback.message
    if hostile == "loops forever":
        assert "did not finish" in feedback.message
    if hostile == "returns None":
        assert "return" in feedback.message


@pytest.mark.parametrize("check", [fiber.check_delay_ms, fiber.check_plob_100km, satellite.check_slant_range])
@pytest.mark.parametrize("garbage", [None, "not a number", [1, 2], object(), float("nan"), ..., transmittance])
def test_numeric_checks_never_raise(check, garbage):
    result = check(garbage)
    assert not result and result.message
