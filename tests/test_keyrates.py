"""BB84 key-rate models A, B, B′, C against worked numbers computed independently from the papers' formulas."""

from __future__ import annotations

import numpy as np
import pytest

from qinet import keyrates as k


class TestSinglePhoton:
    def test_worked_rates(self):
        got = k.single_photon_rate(np.array([0.0, 50.0, 100.0, 150.0]))
        assert got == pytest.approx([4.1892e-2, 4.1639e-3, 3.9242e-4, 2.1406e-5], rel=1e-3, abs=0)

    def test_qber_and_cutoff_at_shor_preskill_threshold(self):
        assert k.single_photon_qber(150.0) == pytest.approx(0.0545, rel=2e-3)
        cut = k.cutoff_distance("single_photon")
        assert cut == pytest.approx(170.45, rel=1e-3)
        assert k.single_photon_qber(cut) == pytest.approx(0.1100, rel=1e-3)

    def test_gys_parameters_cutoff(self):
        assert k.cutoff_distance("single_photon", **k.GYS) == pytest.approx(171.50, rel=1e-3)

    def test_scalar_in_float_out(self):
        assert isinstance(k.single_photon_rate(10.0), float)


class TestDecoy:
    def test_worked_rates_mu_half(self):
        got = k.decoy_rate(np.array([0.0, 25.0, 50.0, 100.0, 140.0]))
        assert got == pytest.approx([2.5534e-3, 7.5352e-4, 2.2228e-4, 1.7146e-5, 2.2707e-7], rel=1e-3, abs=0)

    def test_cutoffs(self):
        assert k.cutoff_distance("decoy") == pytest.approx(141.85, rel=1e-3)
        assert k.cutoff_distance("decoy", mu=None) == pytest.approx(142.21, rel=1e-3)

    def test_optimal_mu_falls_towards_cutoff(self):
        near, far = k.optimal_mu(np.array([0.0, 141.0]))
        assert 0.46 <= near <= 0.50 and 0.40 <= far <= 0.45

    def test_optimised_rate_is_never_below_fixed_mu(self):
        lengths = np.linspace(0, 140, 15)
        assert np.all(k.decoy_rate(lengths, mu=None) >= k.decoy_rate(lengths) * (1 - 1e-9))


class TestTwoDecoy:
    """Vacuum + weak decoy (Ma, Qi, Zhao & Lo, PRA 72, 012326 (2005)) against the many-decoy limit."""

    def test_cutoff_of_vacuum_plus_weak_decoy_is_139_km(self):
        # GYS parameters, mu = 0.48, nu = 0.1: 139.1 km, against 142.0 km for the many-decoy limit
        assert k.cutoff_distance("two_decoy") == pytest.approx(139.10, abs=0.05)
        assert k.cutoff_distance("decoy", mu=0.48) == pytest.approx(142.01, abs=0.05)

    def test_never_above_the_many_decoy_limit_and_approaches_it_as_the_decoy_weakens(self):
        lengths = np.linspace(0.0, 135.0, 28)
        limit = k.decoy_rate(lengths, mu=0.5)
        ratios = [k.two_decoy_rate(lengths, mu=0.5, nu1=nu) / limit for nu in (0.1, 0.01, 0.001)]
        assert all(np.all(r <= 1.0) for r in ratios)
        assert np.all(ratios[0] < ratios[1]) and np.all(ratios[1] < ratios[2])
        assert np.all(ratios[2] > 0.995)  # "asymptotically approaches the theoretical limit"

    def test_vacuum_decoy_beats_a_second_weak_decoy(self):
        lengths = np.array([20.0, 80.0, 120.0])
        assert np.all(k.two_decoy_rate(lengths, nu2=0.0) > k.two_decoy_rate(lengths, nu2=0.05))

    def test_optimised_mu_is_never_worse(self):
        lengths = np.linspace(0, 138, 24)
        assert np.all(k.two_decoy_rate(lengths, mu=None) >= k.two_decoy_rate(lengths) * (1 - 1e-9))

    @pytest.mark.parametrize(
        "kwargs, name",
        [
            ({"nu1": 0.0}, "nu1"),
            ({"nu1": 1.5}, "nu1"),
            ({"nu2": 0.1}, "nu2"),
            ({"mu": 0.05}, "mu"),
            ({"mu": 0.0}, "mu"),
        ],
    )
    def test_bad_intensities(self, kwargs, name):
        with pytest.raises(ValueError, match=name):
            k.two_decoy_rate(10.0, **kwargs)
        with pytest.raises(ValueError, match=name):
            k.cutoff_distance("two_decoy", **kwargs)


class TestNoClicks:
    def test_no_dark_counts_far_away_gives_a_tiny_key_not_an_error(self):
        # issue 11: decoy_rate(1000.0, dark_count=0.0) raised about a parameter "p"
        for fn in (k.decoy_rate, k.two_decoy_rate):
            rate = fn(1000.0, dark_count=0.0)
            assert 0.0 < rate < 1e-20
        assert k.no_decoy_rate(1000.0, dark_count=0.0) == 0.0
        assert k.single_photon_rate(10_000.0, dark_count=0.0, attenuation_db_per_km=1.0) == 0.0

    def test_a_blind_detector_gives_no_key(self):
        for fn in (k.single_photon_rate, k.decoy_rate, k.two_decoy_rate, k.no_decoy_rate):
            assert fn(10.0, detector_efficiency=0.0, dark_count=0.0) == 0.0


class TestSizeLimits:
    def test_optimising_mu_on_many_lengths_is_bounded(self):
        # issue 11: decoy_rate(np.linspace(0, 200, 10**5), mu=None) peaked at 3.5 GB, then took ~10 s in chunks
        with pytest.raises(ValueError, match="at most 20,000 lengths when mu=None"):
            k.decoy_rate(np.linspace(0, 200, 10**5), mu=None)
        with pytest.raises(ValueError, match="at most 1,000,000 lengths"):
            k.decoy_rate(np.zeros(1_000_001))

    def test_chunked_optimisation_equals_the_direct_one(self):
        lengths = np.linspace(0, 150, 4_001)  # more than one chunk
        direct = np.array([k.decoy_rate(x, mu=None) for x in lengths[::400]])
        assert k.decoy_rate(lengths, mu=None)[::400] == pytest.approx(direct, rel=1e-12, abs=0)


class TestNoDecoy:
    def test_zero_length_rate_and_mu(self):
        assert k.no_decoy_rate(0.0) == pytest.approx(1.529e-4, rel=1e-3)
        assert k.optimal_mu(0.0, decoys=False) == pytest.approx(0.026, rel=0.03)

    def test_cutoff_40km(self):
        assert k.cutoff_distance("no_decoy") == pytest.approx(40.2, rel=2e-3)

    def test_decoys_beat_no_decoys(self):
        assert k.decoy_rate(30.0, mu=None) > 10 * k.no_decoy_rate(30.0)


class TestBadInput:
    @pytest.mark.parametrize(
        "kwargs, name",
        [
            ({"dark_count": -1e-6}, "dark_count"),
            ({"detector_efficiency": 1.5}, "detector_efficiency"),
            ({"misalignment": 0.7}, "misalignment"),
            ({"ec_efficiency": 0.9}, "ec_efficiency"),
        ],
    )
    def test_refused(self, kwargs, name):
        for fn in (k.single_photon_rate, k.decoy_rate, k.no_decoy_rate):
            with pytest.raises(ValueError, match=name):
                fn(50.0, **kwargs)

    def test_negative_length_and_mu(self):
        with pytest.raises(ValueError, match="length_km"):
            k.decoy_rate(-1.0)
        with pytest.raises(ValueError, match="mu"):
            k.decoy_rate(10.0, mu=0.0)

    def test_unknown_model(self):
        with pytest.raises(ValueError, match="model must be one of"):
            k.cutoff_distance("twin_field")

    @pytest.mark.parametrize("bad", [float("nan"), float("inf")])
    def test_nan_and_inf_refused(self, bad):
        with pytest.raises(ValueError, match="length_km"):
            k.decoy_rate(bad)
        with pytest.raises(ValueError, match="attenuation_db_per_km"):
            k.two_decoy_rate(10.0, attenuation_db_per_km=bad)
