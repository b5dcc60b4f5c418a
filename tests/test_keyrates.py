"""BB84 key-rate models A, B, C against the worked numbers of PHYSICS §3 ([C] values)."""

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
