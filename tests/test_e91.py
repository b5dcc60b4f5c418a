"""E91 on Aer: S = 2√2 V and QBER = (1 − V)/2 (PHYSICS §4), Eve lowers S, DI-QKD rate."""

from __future__ import annotations

import math

import numpy as np
import pytest

from qinet import e91, qkd
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
    assert 0.3 < r.secret_fraction < 0.75  # 0.539 on the Werner curve (PHYSICS §4)


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


@pytest.mark.parametrize(
    "kwargs, name",
    [
        ({"visibility": 1.2}, "visibility"),
        ({"eve_fraction": -0.5}, "eve_fraction"),
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
