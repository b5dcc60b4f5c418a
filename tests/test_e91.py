"""E91 on Aer: S = 2√2 V and QBER = (1 − V)/2, Eve lowers S, lossy detectors, the DI-QKD rate."""

from __future__ import annotations

import math

import numpy as np
import pytest

from qinet import e91, loopholes, qkd
from qinet.bounds import di_qkd_rate

TSIRELSON = 2 * math.sqrt(2)


def test_reexported_from_qkd():
    assert qkd.e91 is e91.e91 and qkd.E91Result is e91.E91Result


@pytest.mark.parametrize("v, s_expected", [(1.0, 2.828427), (0.9, 2.545584), (0.85, 2.404163), (0.8, 2.262742)])
def test_chsh_matches_2_sqrt2_v(v, s_expected):
    r = e91.chsh_test(v, 20000, seed=11)
    assert abs(r.chsh - s_expected) < 4 * r.chsh_error
    assert r.chsh_error == pytest.approx(math.sqrt(sum((1 - c**2) / 20000 for c in r.correlators.values())))


def test_e91_ideal_pairs_give_identical_keys_and_tsirelson():
    r = e91.e91(40000, seed=1)
    assert r.qber == 0.0 and np.array_equal(r.key_alice, r.key_bob)
    assert abs(r.chsh - TSIRELSON) < 4 * r.chsh_error
    assert abs(r.key_alice.size / 40000 - 2 / 9) < 4 * math.sqrt(2 / 9 * 7 / 9 / 40000)


def test_e91_noisy_qber_and_rate():
    v = 0.95
    r = e91.e91(60000, visibility=v, seed=2)
    n = r.key_alice.size
    assert abs(r.qber - (1 - v) / 2) < 4 * math.sqrt((1 - v) / 2 * (1 + v) / 2 / n)
    assert abs(r.chsh - TSIRELSON * v) < 4 * r.chsh_error
    assert r.secret_fraction == pytest.approx(di_qkd_rate(min(r.chsh, TSIRELSON), r.qber))
    assert 0.3 < r.secret_fraction < 0.75  # 0.539 on the Werner curve (Acín et al. 2007 at S = 2√2 × 0.95, Q = 2.5 %)


def test_eve_lowers_s_and_raises_qber():
    f = 0.5
    r = e91.e91(60000, eve_fraction=f, seed=3)
    # Eve's Z/X measurement leaves S = √2 on her rounds: S = 2√2 (1 − f) + √2 f
    assert abs(r.chsh - (TSIRELSON * (1 - f) + math.sqrt(2) * f)) < 4 * r.chsh_error
    assert abs(r.qber - f / 4) < 4 * math.sqrt(f / 4 * (1 - f / 4) / r.key_alice.size)
    assert r.secret_fraction == 0.0


def test_below_threshold_no_key():
    r = e91.e91(30000, visibility=0.8, seed=4)
    assert r.chsh < 2.42401 and r.secret_fraction == 0.0


def test_same_seed_same_result():
    a, b = (
        e91.e91(2000, visibility=0.9, eve_fraction=0.2, seed=5),
        e91.e91(2000, visibility=0.9, eve_fraction=0.2, seed=5),
    )
    assert np.array_equal(a.alice_bits, b.alice_bits) and a.chsh == b.chsh


def test_settings_are_uniform():
    r = e91.e91(30000, seed=6)
    for s in (r.alice_settings, r.bob_settings):
        counts = np.bincount(s, minlength=3) / 30000
        assert np.all(np.abs(counts - 1 / 3) < 4 * math.sqrt(2 / 9 / 30000))


@pytest.mark.parametrize("eta", [0.95, 0.85, 0.75])
def test_lossy_detectors_give_the_garg_mermin_chsh(eta):
    # missed particles recorded as +1: S = 2√2 η² + 2(1 − η)² (Garg & Mermin 1987)
    r = e91.chsh_test(1.0, 20000, detection_efficiency=eta, seed=8)
    assert abs(r.chsh - (2 * math.sqrt(2) * eta**2 + 2 * (1 - eta) ** 2)) < 4 * r.chsh_error


def test_lossy_e91_qber_and_no_key_below_the_threshold():
    eta = 0.9
    r = e91.e91(60000, detection_efficiency=eta, seed=9)
    n = r.key_alice.size
    assert abs(r.qber - eta * (1 - eta)) < 4 * math.sqrt(0.09 * 0.91 / n)
    assert r.detection_efficiency == eta and r.secret_fraction == 0.0  # 90 % < 92.3 %
    again = e91.e91(2000, detection_efficiency=0.8, seed=3)
    assert np.array_equal(again.alice_bits, e91.e91(2000, detection_efficiency=0.8, seed=3).alice_bits)


def test_werner_pair_state_from_aer():
    for v in (0.0, 0.6, 1.0):
        rho = e91.werner_pair_state(v)
        phi = np.array([1, 0, 0, 1]) / math.sqrt(2)
        assert np.allclose(rho, v * np.outer(phi, phi) + (1 - v) * np.eye(4) / 4, atol=1e-9)
        assert loopholes.ppt_min_eigenvalue(rho) == pytest.approx((1 - 3 * v) / 4, abs=1e-9)
    assert e91.noisy_pair_circuit(1.0).size() == 2  # H and CNOT only


@pytest.mark.parametrize(
    "kwargs, name",
    [
        ({"visibility": 1.2}, "visibility"),
        ({"eve_fraction": -0.5}, "eve_fraction"),
        ({"detection_efficiency": 1.5}, "detection_efficiency"),
    ],
)
def test_bad_input(kwargs, name):
    with pytest.raises(ValueError, match=name):
        e91.e91(100, **kwargs)
    with pytest.raises(ValueError, match=name):
        e91.chsh_test(shots=100, **{"visibility": 0.9, **kwargs})


def test_circuit_refuses_bad_settings_and_probabilities():
    with pytest.raises(ValueError, match="settings"):
        e91.e91_circuit(settings=(0, 3))
    with pytest.raises(ValueError, match="visibility"):
        e91.e91_circuit(visibility=-0.1)


def test_e91_circuit_registers_are_named_by_role():
    names = [register.name for register in e91.e91_circuit(0.9, 0.1).cregs]
    assert names == ["alice", "bob", "alice_choice", "bob_choice", "eve_active", "eve_bit"]
    assert [register.name for register in e91.e91_circuit(settings=(0, 0)).cregs] == ["alice", "bob"]


def test_simulated_settings_are_uniform_over_ekerts_three():
    a_set, b_set, *_ = e91.simulate_pairs(9000, rng=np.random.default_rng(4))
    for settings in (a_set, b_set):
        assert set(np.unique(settings)) == {0, 1, 2}
        assert np.all(np.abs(np.bincount(settings) / 9000 - 1 / 3) < 5 * math.sqrt(2 / 9 / 9000))
