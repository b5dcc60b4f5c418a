"""qinet.orbits: pass geometry against Kepler and spherical geometry, the Micius figures, and the downlink model."""

from __future__ import annotations

import math

import numpy as np
import pytest

from qinet import links, orbits


def test_circular_orbit_at_500_km():
    # Kepler's third law at a = 6871 km: period 5668 s (94.47 min), 15.24 orbits/day, 7.617 km/s.
    assert orbits.orbital_period(500.0) == pytest.approx(5668.0, rel=1e-3)
    assert orbits.orbital_period(500.0) / 60 == pytest.approx(94.47, rel=1e-3)
    assert orbits.orbits_per_day(500.0) == pytest.approx(15.24, rel=1e-3)
    assert orbits.orbital_speed(500.0) == pytest.approx(7.617, rel=1e-3)


@pytest.mark.parametrize(("mask", "seconds"), [(0.0, 692.5), (10.0, 442.6), (20.0, 295.6), (30.0, 207.3)])
def test_overhead_pass_durations(mask, seconds):
    # Longest (overhead) pass, ignoring the Earth's rotation: 2 λ T / 2π.
    assert orbits.overhead_pass_duration(500.0, mask) == pytest.approx(seconds, rel=1e-3)


def test_scalars_give_floats_and_arrays_broadcast():
    assert isinstance(orbits.orbital_period(500.0), float)
    masks = np.array([0.0, 10.0, 20.0, 30.0])
    durations = orbits.overhead_pass_duration(500.0, masks)
    assert durations.shape == (4,) and np.all(np.diff(durations) < 0)


def test_micius_baseline_is_about_1203_km():
    # Yin et al., Science 356, 1140 (2017) [V]: Delingha and Lijiang are 1,203 km apart.
    assert orbits.great_circle_distance(orbits.DELINGHA, orbits.LIJIANG) == pytest.approx(1203.0, rel=0.01)


def test_overhead_pass_reproduces_the_closed_form():
    p = orbits.satellite_pass(offset_km=0.0, n_points=1441)
    assert p.elevation_deg.max() == pytest.approx(90.0, abs=0.2)
    for mask in (0.0, 20.0):
        assert p.time_above(mask) == pytest.approx(orbits.overhead_pass_duration(500.0, mask), abs=0.5)


def test_pass_range_is_the_slant_range_of_its_elevation():
    # Two independent geometries: the vector range of the pass and links.slant_range(h, elevation).
    p = orbits.satellite_pass(offset_km=150.0)
    visible = p.elevation_deg >= 0
    expected = links.slant_range(500.0, p.elevation_deg[visible])
    assert np.allclose(p.slant_range_km[visible], expected, rtol=1e-9)


def test_summed_downlinks_match_micius_2017():
    # Yin et al. 2017 [V]: the two downlinks summed to 1,600–2,400 km.
    p = orbits.satellite_pass(offset_km=100.0)
    window = np.all(p.elevation_deg >= 10.0, axis=0)
    summed = p.slant_range_km.sum(axis=0)[window]
    assert 1550 < summed.min() < 1700 and 2200 < summed.max() < 2450


def test_earth_rotation_is_optional_and_small():
    still = orbits.satellite_pass(offset_km=0.0)
    turning = orbits.satellite_pass(offset_km=0.0, earth_rotation=True)
    assert not np.allclose(still.elevation_deg, turning.elevation_deg)
    assert turning.time_above(20.0) == pytest.approx(still.time_above(20.0), rel=0.05)


def test_heading_can_be_given_for_a_single_station():
    p = orbits.satellite_pass((orbits.DELINGHA,), heading_deg=350.0)
    assert p.elevation_deg.shape[0] == 1
    assert p.time_above(0.0)[0] == pytest.approx(orbits.overhead_pass_duration(500.0, 0.0), abs=1.0)


def test_pass_budget_is_the_product_of_both_downlinks():
    p = orbits.satellite_pass(offset_km=100.0)
    b = orbits.pass_budget(p, source_rate_hz=1e7, detector_efficiency=0.5, min_elevation_deg=10.0, rx_aperture_m=1.2)
    i = int(np.argmax(b.pair_rate_hz))
    etas = [links.satellite_downlink(500.0, e).transmittance for e in p.elevation_deg[:, i]]
    assert b.pair_rate_hz[i] == pytest.approx(1e7 * etas[0] * etas[1] * 0.25, rel=1e-9)
    assert b.total_loss_db[i] == pytest.approx(b.loss_db[0, i] + b.loss_db[1, i])
    assert b.pairs_per_pass == pytest.approx(np.trapezoid(b.pair_rate_hz, p.times_s))
    assert 250 < b.window_s < 290
    outside = ~np.all(p.elevation_deg >= 10.0, axis=0)
    assert np.all(b.pair_rate_hz[outside] == 0) and np.all(np.isinf(b.total_loss_db[outside]))


def test_no_common_window_gives_no_pairs():
    b = orbits.pass_budget(orbits.satellite_pass(offset_km=800.0), min_elevation_deg=40.0)
    assert b.window_s == 0.0 and b.pairs_per_pass == 0.0 and math.isinf(b.effective_loss_db)


def test_effective_loss_is_the_window_average_of_the_channel_transmittance():
    p = orbits.satellite_pass(offset_km=100.0)
    b = orbits.pass_budget(p, min_elevation_deg=10.0)
    both = np.isfinite(b.total_loss_db)
    assert b.effective_loss_db == pytest.approx(-10 * np.log10(np.mean(10 ** (-b.total_loss_db[both] / 10))))
    # an average of transmittances is dominated by the best moments: between the best and the mean loss in dB
    assert b.total_loss_db[both].min() < b.effective_loss_db < b.total_loss_db[both].mean()


def test_calibrated_budget_against_the_published_two_downlink_figures():
    """The budget fitted on one downlink (Yin et al., PRL 2017) predicts the two-downlink results:
    'over 12 orders of magnitude' above 192 dB of 0.16 dB/km fibre (Yin et al., Science 2017), and, with the
    3 dB per link gained by the 2020 receivers, 'eleven orders of magnitude' above 179.2 dB (Yin et al., Nature
    2020)."""
    b2017 = orbits.pass_budget(orbits.satellite_pass(offset_km=100.0), min_elevation_deg=10.0)
    assert (192.0 - b2017.effective_loss_db) / 10 == pytest.approx(12.38, abs=0.02)
    track = orbits.satellite_pass((orbits.DELINGHA, orbits.NANSHAN), heading_deg=350.0)
    b2020 = orbits.pass_budget(track, min_elevation_deg=10.0, extra_loss_db=links.MICIUS_EXTRA_LOSS_DB - 3.0)
    assert 10.5 < (179.2 - b2020.effective_loss_db) / 10 < 12.0
    old = orbits.pass_budget(track, min_elevation_deg=10.0, extra_loss_db=3.0)
    assert (179.2 - old.effective_loss_db) / 10 > 13.5  # the uncalibrated budget misses by three orders


def test_nanshan_is_1120_km_from_delingha():
    # Yin et al., Nature 582, 501 (2020): the two stations are 1,120 km apart.
    assert orbits.great_circle_distance(orbits.DELINGHA, orbits.NANSHAN) == pytest.approx(1120.0, rel=0.005)


def test_link_visibility_accidentals():
    # V = V_src C / (C + S1 S2 tau): 100 pairs/s, 1e4 singles each, 1 ns → 0.1 accidentals/s.
    assert orbits.link_visibility(100.0, (1e4, 1e4), coincidence_window_s=1e-9, source_visibility=1.0) == pytest.approx(
        100 / 100.1, rel=1e-12
    )
    assert orbits.link_visibility(0.0, (0.0, 0.0)) == 0.0
    v = orbits.link_visibility(np.array([10.0, 1000.0]), (1e5, 1e5))
    assert v.shape == (2,) and v[1] > v[0]


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: orbits.overhead_pass_duration(500.0, 91.0), "min_elevation_deg"),
        (lambda: orbits.overhead_pass_duration(500.0, -1.0), "min_elevation_deg"),
        (lambda: orbits.orbital_period(0.0), "altitude_km"),
        (lambda: orbits.satellite_pass(()), "stations"),
        (lambda: orbits.satellite_pass((orbits.LIJIANG,)), "heading_deg"),
        (lambda: orbits.satellite_pass(n_points=2), "n_points"),
        (lambda: orbits.pass_budget(orbits.satellite_pass(), min_elevation_deg=95.0), "min_elevation_deg"),
        (lambda: orbits.pass_budget(orbits.satellite_pass(), detector_efficiency=1.5), "detector_efficiency"),
        (lambda: orbits.satellite_pass().time_above(-5.0), "min_elevation_deg"),
        (lambda: orbits.link_visibility(1.0, (1.0, 1.0), source_visibility=2.0), "source_visibility"),
    ],
)
def test_bad_input_names_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()


def test_max_central_angle_closed_form():
    lam = orbits.max_central_angle(500.0, 0.0)
    assert lam == pytest.approx(math.acos(6371.0 / 6871.0), rel=1e-12)


def test_found_by_mutation_defaults_rotation_and_small_rates():
    """Cases mutation testing found unchecked: the default mask (0°), the direction of the Earth's rotation,
    a pass that covers the farthest of three stations, and visibility at tiny pair and singles rates."""
    assert orbits.overhead_pass_duration(500.0) == pytest.approx(692.5, abs=0.1)  # above 0° by default
    # A northbound track 300 km east of a station: the Earth turns the station east, towards the track, so
    # the satellite stands higher after closest approach than before it, and only a little (a rotation).
    station = orbits.Station("east", 0.0, 45.0)
    spun = orbits.satellite_pass((station,), heading_deg=0.0, offset_km=300.0, earth_rotation=True, n_points=721)
    still = orbits.satellite_pass((station,), heading_deg=0.0, offset_km=300.0, n_points=721)
    elevation, half = spun.elevation_deg[0], len(spun.times_s) // 2
    assert np.all(elevation[half + 1 :] > elevation[half - 1 :: -1][: len(elevation) - half - 1])
    assert abs(elevation.max() - still.elevation_deg.max()) < 0.5
    three = orbits.satellite_pass((orbits.DELINGHA, orbits.LIJIANG, orbits.NANSHAN), n_points=721)
    assert np.all(three.elevation_deg[:, [0, -1]] < 0.0)  # every station's whole pass, rise to set, is covered
    assert orbits.link_visibility(0.5, (0.0, 0.0), source_visibility=0.9) == pytest.approx(0.9)


def test_found_by_mutation_directions_offsets_and_defaults():
    """The satellite flies the way heading_deg says (east: the eastern station sees it last), by default from
    the last station towards the first; a pass far off the track still runs from rise to set; the
    rotating Earth keeps its stations on the sphere (range and elevation agree); and the defaults are the
    documented ones."""
    east, west = orbits.Station("east", 0.0, 3.0), orbits.Station("west", 0.0, -3.0)
    p = orbits.satellite_pass((east, west), heading_deg=90.0, n_points=401)
    assert p.times_s[p.elevation_deg[0].argmax()] > 0 > p.times_s[p.elevation_deg[1].argmax()]
    three = orbits.satellite_pass((orbits.DELINGHA, orbits.NANSHAN, orbits.LIJIANG), n_points=401)
    peak = three.times_s[three.elevation_deg.argmax(axis=1)]
    assert peak[2] < peak[0]  # Lijiang (last) before Delingha (first)
    station = orbits.Station("s", 20.0, 45.0)
    for offset in (1000.0, 1900.0):
        far = orbits.satellite_pass((station,), heading_deg=30.0, offset_km=offset, n_points=401)
        assert np.all(far.elevation_deg[:, [0, -1]] < 0.0)
    spun = orbits.satellite_pass((station,), heading_deg=30.0, offset_km=200.0, earth_rotation=True)
    up = spun.elevation_deg >= 0
    np.testing.assert_allclose(spun.slant_range_km[up], links.slant_range(500.0, spun.elevation_deg[up]), rtol=1e-9)
    assert orbits.max_central_angle(500.0) == orbits.max_central_angle(500.0, 0.0)
    assert np.array_equal(orbits.satellite_pass().elevation_deg, orbits.satellite_pass(offset_km=0.0).elevation_deg)
    budget = orbits.pass_budget(orbits.satellite_pass(n_points=181))
    explicit = orbits.pass_budget(
        orbits.satellite_pass(n_points=181), source_rate_hz=1e7, detector_efficiency=0.5, min_elevation_deg=10.0
    )
    assert budget.pairs_per_pass == explicit.pairs_per_pass and budget.min_elevation_deg == 10.0
    assert orbits.link_visibility(100.0, (1e4, 1e4)) == orbits.link_visibility(
        100.0, (1e4, 1e4), coincidence_window_s=2.5e-9, source_visibility=0.9
    )
