"""Tests for qinet.links: worked numbers of the closed forms, and the Micius downlink calibration
(Yin et al., PRL 119, 200501, 2017: 29 dB at 530 km and 36 dB at 1,000 km)."""

import dataclasses
import math

import numpy as np
import pytest

from qinet import links

RTOL = 1e-3


@pytest.mark.parametrize(
    ("length", "eta", "one_way_ms"),
    [
        (10, 0.63096, 0.04897),
        (25, 0.31623, 0.1224),
        (50, 0.1, 0.2448),
        (100, 1e-2, 0.4897),
        (200, 1e-4, 0.9793),
        (300, 1e-6, 1.469),
        (500, 1e-10, 2.448),
        (1000, 1e-20, 4.897),
    ],
)
def test_fiber_table(length: float, eta: float, one_way_ms: float) -> None:
    """Transmittance at 0.2 dB/km (10 dB per 50 km) and the one-way delay with n_g = 1.468 (4.897 µs/km)."""
    assert links.fiber_transmittance(length) == pytest.approx(eta, rel=RTOL, abs=0)
    assert links.fiber_delay(length) * 1e3 == pytest.approx(one_way_ms, rel=RTOL)
    assert links.transmittance_to_db(links.fiber_transmittance(length)) == pytest.approx(0.2 * length, rel=1e-12)


def test_fiber_broadcasts_and_returns_floats() -> None:
    assert isinstance(links.fiber_transmittance(10.0), float)
    out = links.fiber_transmittance(np.array([[0.0, 50.0], [100.0, 150.0]]), [0.2, 0.16])
    assert out.shape == (2, 2)
    np.testing.assert_allclose(out[0], [1.0, 10 ** (-0.8)])
    assert links.fiber_transmittance(0.0) == 1.0
    assert links.fiber_transmittance(100.0, 0.0) == 1.0


def test_db_conversions() -> None:
    assert links.transmittance_to_db(1e-2) == 20.0
    assert links.transmittance_to_db(1.0) == 0.0
    assert math.isinf(links.transmittance_to_db(0.0))
    assert links.db_to_transmittance(20.0) == pytest.approx(1e-2, rel=1e-12)
    assert links.db_to_transmittance(math.inf) == 0.0
    np.testing.assert_allclose(links.db_to_transmittance(links.transmittance_to_db([0.5, 1e-20])), [0.5, 1e-20])


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: links.fiber_transmittance(-1.0), "length_km"),
        (lambda: links.fiber_transmittance(1.0, -0.2), "attenuation_db_per_km"),
        (lambda: links.fiber_delay(10.0, 0.5), "group_index"),
        (lambda: links.transmittance_to_db(-0.1), "eta"),
        (lambda: links.transmittance_to_db(1.5), "eta"),
        (lambda: links.db_to_transmittance(-3.0), "loss_db"),
        (lambda: links.slant_range(500.0, 91.0), "elevation_deg"),
        (lambda: links.slant_range(500.0, -1.0), "elevation_deg"),
        (lambda: links.slant_range(0.0, 30.0), "altitude_km"),
        (lambda: links.satellite_downlink(500.0, 30.0, zenith_transmittance=0.0), "zenith_transmittance"),
        (lambda: links.satellite_downlink(500.0, 30.0, divergence_urad=0.0), "divergence_urad"),
        (lambda: links.satellite_downlink(500.0, 30.0, beam_profile="airy"), "beam_profile"),
        (lambda: links.satellite_downlink(500.0, 30.0, extra_loss_db=math.inf), "extra_loss_db"),
        (lambda: links.satellite_downlink(500.0, 30.0, rx_aperture_m=math.nan), "rx_aperture_m"),
        (lambda: links.direct_pair_rate(10.0, 1e6, detector_efficiency=1.2), "detector_efficiency"),
        (lambda: links.direct_pair_rate(10.0, 1e6, source_position="left"), "source_position"),
        (lambda: links.heralding_time(-5.0), "length_km"),
    ],
)
def test_bad_input_names_parameter(call, name: str) -> None:
    with pytest.raises(ValueError, match=name):
        call()


def test_slant_range_worked_numbers() -> None:
    """h = 500 km at 90, 60, 45, 30, 20, 10, 0 degrees elevation (spherical Earth, R = 6371 km)."""
    elev = np.array([90.0, 60.0, 45.0, 30.0, 20.0, 10.0, 0.0])
    expected = [500.0, 570.5, 683.1, 909.42, 1192.8, 1694.6, 2573.1]
    np.testing.assert_allclose(links.slant_range(500.0, elev), expected, rtol=RTOL)
    assert links.slant_range(500.0, 90.0) == 500.0


def test_downlink_budget_worked_example() -> None:
    """500 km, 30°, 10 µrad full angle, 1 m telescope, T_zen = 0.8, 3 dB fixed.

    The Gaussian convention collects 1 - exp(-2 a^2 / w^2) with w = R theta / 2 (theta the full 1/e^2 angle);
    the top-hat spread (D_rx / (R theta))^2 gives 19.18 dB at 909.42 km.
    """
    b = links.satellite_downlink(500.0, 30.0, rx_aperture_m=1.0, extra_loss_db=3.0)
    assert b.slant_range_km == pytest.approx(909.42, rel=RTOL)
    w = 909.42e3 * 10e-6 / 2
    assert b.geometric_db == pytest.approx(-10 * math.log10(1 - math.exp(-2 * 0.5**2 / w**2)), rel=RTOL)
    assert b.atmospheric_db == pytest.approx(1.94, rel=2e-3)
    assert b.extra_db == 3.0
    assert b.total_db == pytest.approx(b.geometric_db + b.atmospheric_db + b.extra_db, rel=1e-12)
    assert b.transmittance == pytest.approx(10 ** (-b.total_db / 10), rel=1e-12)
    top_hat = links.satellite_downlink(500.0, 30.0, rx_aperture_m=1.0, beam_profile="top-hat")
    assert top_hat.geometric_db == pytest.approx(19.18, rel=RTOL)
    assert 10 ** (-top_hat.geometric_db / 10) == pytest.approx(0.01209, rel=RTOL)
    # atmosphere at 20 deg: 0.8 ** (1 / sin 20°) = 0.5208 (2.83 dB)
    assert links.satellite_downlink(500.0, 20.0).atmospheric_db == pytest.approx(2.83, rel=2e-3)
    with pytest.raises(dataclasses.FrozenInstanceError):
        b.total_db = 0.0  # type: ignore[misc]


def test_defaults_are_the_calibrated_micius_downlink() -> None:
    """Defaults: 10 µrad full angle, 1.2 m, T_zen 0.8 and the fitted 18.1 dB, which reproduce Yin et al. (PRL 2017)."""
    assert links.MICIUS_EXTRA_LOSS_DB == 18.1
    elevation = links.elevation_at_range(500.0, np.array([530.0, 1000.0]))
    calibrated = links.satellite_downlink(500.0, elevation)
    np.testing.assert_allclose(calibrated.total_db, [29.0, 36.0], atol=0.3)
    assert np.all(calibrated.extra_db == 18.1)
    # the old uncalibrated budget (3 dB fixed) was 15 dB per downlink more optimistic than measured
    old = links.satellite_downlink(500.0, elevation, extra_loss_db=3.0)
    np.testing.assert_allclose(np.array([29.0, 36.0]) - old.total_db, [14.9, 15.3], atol=0.1)
    # the distance dependence is not fitted: 6.5 dB from 530 to 1,000 km against the 7 dB measured
    assert calibrated.total_db[1] - calibrated.total_db[0] == pytest.approx(6.53, abs=0.01)


def test_half_angle_reading_costs_six_db_in_the_far_field() -> None:
    elevation = links.elevation_at_range(500.0, 1000.0)
    full, half = (links.satellite_downlink(500.0, elevation, divergence_urad=d) for d in (10.0, 20.0))
    assert half.geometric_db - full.geometric_db == pytest.approx(20 * math.log10(2), abs=0.1)
    far = [links.satellite_downlink(500.0, 10.0, divergence_urad=d, rx_aperture_m=0.1) for d in (10.0, 20.0)]
    assert far[1].geometric_db - far[0].geometric_db == pytest.approx(20 * math.log10(2), abs=1e-3)


def test_gaussian_collection_matches_a_monte_carlo_of_the_beam() -> None:
    """Photons of a Gaussian beam whose 1/e^2 intensity radius is w land normally with sigma = w / 2 per axis."""
    budget = links.satellite_downlink(500.0, links.elevation_at_range(500.0, 800.0))
    w = 800e3 * 10e-6 / 2
    xy = np.random.default_rng(1).normal(0.0, w / 2, size=(400_000, 2))
    hit = np.mean(np.hypot(*xy.T) < 0.6)
    assert hit == pytest.approx(10 ** (-budget.geometric_db / 10), abs=4 * math.sqrt(hit * (1 - hit) / 400_000))


def test_elevation_at_range_inverts_slant_range() -> None:
    elevations = np.array([0.0, 5.0, 20.0, 45.0, 70.0, 90.0])
    ranges = links.slant_range(500.0, elevations)
    np.testing.assert_allclose(links.elevation_at_range(500.0, ranges), elevations, atol=1e-9)
    assert links.elevation_at_range(500.0, 530.0) == pytest.approx(69.85, abs=0.01)
    assert links.elevation_at_range(500.0, 1000.0) == pytest.approx(26.18, abs=0.01)
    assert isinstance(links.elevation_at_range(500.0, 700.0), float)
    for bad in (499.0, 2600.0, math.nan, math.inf):
        with pytest.raises(ValueError, match="slant_range_km"):
            links.elevation_at_range(500.0, bad)


def test_fit_extra_loss_recovers_a_known_offset_and_reports_its_spread() -> None:
    ranges = np.array([530.0, 700.0, 1000.0])
    bare = links.satellite_downlink(500.0, links.elevation_at_range(500.0, ranges), extra_loss_db=0.0).total_db
    exact = links.fit_extra_loss(500.0, ranges, bare + 12.5, 0.5)
    assert exact.extra_loss_db == pytest.approx(12.5, abs=1e-12)
    assert exact.stderr_db == pytest.approx(0.5 / math.sqrt(3))
    assert exact.chi2 == pytest.approx(0.0, abs=1e-20)
    weighted = links.fit_extra_loss(500.0, ranges[:2], bare[:2] + [10.0, 20.0], [1.0, 3.0])
    assert weighted.extra_loss_db == pytest.approx((10.0 + 20.0 / 9) / (1 + 1 / 9))
    micius = links.fit_extra_loss(500.0, [530.0, 1000.0], [29.0, 36.0], [0.5, 0.5])
    assert micius.extra_loss_db == pytest.approx(links.MICIUS_EXTRA_LOSS_DB, abs=0.05)
    assert micius.stderr_db == pytest.approx(0.354, abs=1e-3)
    np.testing.assert_allclose(micius.residuals_db, [-0.24, 0.24], atol=0.01)
    with pytest.raises(TypeError, match="extra_loss_db"):
        links.fit_extra_loss(500.0, [530.0], [29.0], [0.5], extra_loss_db=3.0)
    with pytest.raises(ValueError, match="uncertainty_db"):
        links.fit_extra_loss(500.0, [530.0], [29.0], [0.0])


def test_fibre_constants() -> None:
    """0.2 dB/km standard, 0.16 dB/km ultra-low-loss, 0.1419 dB/km record (Tamura et al. 2018)."""
    assert links.STANDARD_FIBER_DB_PER_KM == 0.2
    assert links.ULTRA_LOW_LOSS_FIBER_DB_PER_KM == 0.16
    assert links.RECORD_FIBER_DB_PER_KM == 0.1419
    assert links.transmittance_to_db(links.fiber_transmittance(1000.0, links.RECORD_FIBER_DB_PER_KM)) == pytest.approx(
        141.9
    )


def test_downlink_broadcasts_and_edges() -> None:
    b = links.satellite_downlink(500.0, np.array([10.0, 30.0, 90.0]), extra_loss_db=0.0)
    assert b.total_db.shape == (3,)
    assert np.all(np.diff(b.total_db) < 0)  # higher elevation, less loss
    assert np.all(b.extra_db == 0.0)
    horizon = links.satellite_downlink(500.0, 0.0)
    assert math.isinf(horizon.atmospheric_db) and horizon.transmittance == 0.0
    clear = links.satellite_downlink(500.0, 0.0, zenith_transmittance=1.0)
    assert clear.atmospheric_db == 0.0
    # a huge aperture collects everything (top-hat capped at 1)
    assert links.satellite_downlink(500.0, 90.0, rx_aperture_m=100.0, beam_profile="top-hat").geometric_db == 0.0


def test_heralding_time() -> None:
    """Round trip 2L/v from a node, L/v with a midpoint station; rule of thumb 1 ms per 100 km."""
    assert links.heralding_time(100.0) == pytest.approx(2 * links.fiber_delay(100.0), rel=1e-12)
    assert links.heralding_time(100.0, midpoint=True) == pytest.approx(0.4897e-3, rel=RTOL)
    c_over_2e5 = 299792.458 / 2e5
    assert links.heralding_time(100.0, group_index=c_over_2e5) == pytest.approx(1e-3, rel=1e-9)
    assert links.heralding_time(0.0) == 0.0
    assert links.heralding_time(np.array([10.0, 20.0])).shape == (2,)


def test_direct_pair_rate() -> None:
    """R eta_d^2 eta(L) for a source in the middle or at one end; total loss gives 0, not an error."""
    assert links.direct_pair_rate(100.0, 1e6) == pytest.approx(1e4, rel=1e-12)
    assert links.direct_pair_rate(100.0, 1e6, source_position="end") == pytest.approx(1e4, rel=1e-12)
    assert links.direct_pair_rate(0.0, 1e6, detector_efficiency=0.5) == pytest.approx(2.5e5)
    assert links.direct_pair_rate(100.0, 1e6, detector_efficiency=0.0) == 0.0
    assert links.direct_pair_rate(1e6, 1e9) == 0.0  # underflows to 0, no crash
    np.testing.assert_allclose(links.direct_pair_rate([0.0, 50.0], 10.0), [10.0, 1.0])


def test_fiber_time_per_pair_over_1200_km() -> None:
    """1,200 km at 0.2 dB/km: eta = 1e-24; at 1e9 pairs/s one pair per 1e15 s (tens of millions of years)."""
    assert links.fiber_time_per_pair(1200.0, 1e9) == pytest.approx(1e15, rel=1e-9)
    ultra_low_loss = links.fiber_time_per_pair(1200.0, 1e9, attenuation_db_per_km=0.16)
    assert ultra_low_loss == pytest.approx(1 / (1e9 * 6.3096e-20), rel=1e-4)  # 192 dB: eta = 6.3e-20
    assert math.isinf(links.fiber_time_per_pair(100.0, 1e6, detector_efficiency=0.0))
