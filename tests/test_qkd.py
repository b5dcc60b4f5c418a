"""BB84 on Aer: intercept-resend QBER = f/4 (Scarani et al., RMP 81, 1301 (2009)), sampling, Shor–Preskill,
full post-processing."""

from __future__ import annotations

import math

import numpy as np
import pytest

from qinet import qkd, sim
from qinet.bounds import binary_entropy, shor_preskill_rate


def _within(measured, expected, n, k=4.0):
    return abs(measured - expected) <= k * math.sqrt(max(expected * (1 - expected), 1e-12) / n)


def test_prepare_and_measure_circuits_are_deterministic_in_matching_basis():
    for bit in (0, 1):
        for basis in (0, 1):
            assert sim.run(qkd.prepare_and_measure(bit, basis, basis), shots=50, seed=1) == {str(bit): 50}


def test_no_eve_no_noise_gives_identical_keys():
    r = qkd.bb84(20000, seed=1)
    assert r.qber == 0.0 and r.true_qber == 0.0 and r.secret_fraction == 1.0
    assert np.array_equal(r.key_alice, r.key_bob)
    assert _within(r.sifted_mask.mean(), 0.5, 20000)  # sifting keeps half


@pytest.mark.parametrize("f", [0.1, 0.25, 0.5, 1.0])
def test_intercept_resend_qber_is_f_over_4(f):
    r = qkd.bb84(40000, eve_fraction=f, seed=2)
    n = r.sifted_alice.size
    assert _within(float(np.mean(r.sifted_alice != r.sifted_bob)), f / 4, n)
    assert _within(r.qber, f / 4, r.sample_size)
    assert _within(r.eve_mask.mean(), f, 40000)


def test_eve_right_basis_learns_alice_bit():
    r = qkd.bb84(20000, eve_fraction=1.0, seed=3)
    right = r.eve_bases == r.alice_bases
    assert np.array_equal(r.eve_bits[right], r.alice_bits[right])
    assert _within(float(np.mean(r.eve_bits[~right] != r.alice_bits[~right])), 0.5, int((~right).sum()))


def test_channel_error_and_combined_qber():
    p, f = 0.05, 0.2
    r = qkd.bb84(40000, eve_fraction=f, channel_error=p, seed=4)
    expected = f / 4 + p - f * p / 2
    assert _within(float(np.mean(r.sifted_alice != r.sifted_bob)), expected, r.sifted_alice.size)


def test_sample_is_discarded_and_secret_fraction_is_shor_preskill():
    r = qkd.bb84(10000, channel_error=0.03, sample_size=1000, seed=5)
    assert r.sample_size == 1000 and r.key_alice.size == r.sifted_alice.size - 1000
    assert r.secret_fraction == pytest.approx(shor_preskill_rate(r.qber))
    assert r.qber_error == pytest.approx(math.sqrt(r.qber * (1 - r.qber) / 1000))
    assert shor_preskill_rate(0.05) == pytest.approx(0.42721, rel=1e-3)  # Shor & Preskill, PRL 85, 441 (2000)


def test_eve_half_kills_the_key():
    assert qkd.bb84(20000, eve_fraction=0.5, seed=6).secret_fraction == 0.0


def test_same_seed_same_run():
    a, b = qkd.bb84(3000, eve_fraction=0.3, seed=9), qkd.bb84(3000, eve_fraction=0.3, seed=9)
    assert np.array_equal(a.bob_bits, b.bob_bits) and a.qber == b.qber


def test_bb84_key_final_keys_identical_and_of_bound_length():
    k = qkd.bb84_key(40000, channel_error=0.03, seed=7)
    rep = k.report
    assert rep.verified and np.array_equal(k.final_alice, k.final_bob)
    n = k.run.key_alice.size
    assert rep.final_length == len(k.final_alice) == math.floor(n * (1 - binary_entropy(k.qber_used)) - rep.leaked_bits)
    assert 0 < rep.final_length < k.shor_preskill_length + 0.1 * n  # Cascade leaks a bit more than Shannon


def test_pessimistic_qber_shortens_the_key():
    plain = qkd.bb84_key(20000, channel_error=0.03, seed=8)
    safe = qkd.bb84_key(20000, channel_error=0.03, n_sigma=3.0, seed=8)
    assert safe.qber_used > plain.qber_used and safe.report.final_length < plain.report.final_length


@pytest.mark.parametrize(
    "kwargs, name",
    [
        ({"eve_fraction": 1.5}, "eve_fraction"),
        ({"eve_fraction": -0.1}, "eve_fraction"),
        ({"channel_error": 2.0}, "channel_error"),
        ({"sample_size": 10**6}, "sample_size"),
    ],
)
def test_bad_input(kwargs, name):
    with pytest.raises(ValueError, match=name):
        qkd.bb84(1000, seed=1, **kwargs)


def test_bad_qubit_count():
    with pytest.raises(ValueError, match="n_qubits"):
        qkd.bb84(0)


@pytest.mark.parametrize(("eve_fraction", "channel_error"), [(0.4, 0.05), (1.0, 0.1), (0.0, 0.08)])
def test_expected_qber_matches_the_circuits(eve_fraction, channel_error):
    run = qkd.bb84(60000, eve_fraction=eve_fraction, channel_error=channel_error, sample_size=20000, seed=11)
    expected = qkd.expected_qber(eve_fraction, channel_error)
    assert expected == pytest.approx(eve_fraction / 4 + channel_error * (1 - eve_fraction / 2), abs=0)
    assert abs(run.qber - expected) < 4 * math.sqrt(expected * (1 - expected) / run.sample_size)


def test_expected_qber_refuses_bad_fractions():
    with pytest.raises(ValueError, match="channel_error must be in"):
        qkd.expected_qber(0.1, 1.5)


def test_channel_flip_is_a_pauli_y_that_flips_the_bit_in_both_bases():
    for bit in (0, 1):
        for basis in (0, 1):
            qc = qkd.prepare_and_measure(bit, basis, basis, flip=True)
            assert "y" in qc.count_ops()
            assert sim.run(qc, shots=50, seed=3) == {str(1 - bit): 50}


def test_default_sample_is_a_quarter_of_the_sifted_key_and_is_what_the_circuits_gave():
    """Issue 11 mutation gap: the default sample size is compared with what the circuits did."""
    r = qkd.bb84(8000, eve_fraction=0.4, channel_error=0.02, seed=12)
    sifted = int(np.sum(r.alice_bases == r.bob_bases))
    assert r.sifted_alice.size == sifted and r.sample_size == sifted // 4 == r.sample_indices.size
    assert np.array_equal(r.sifted_bob, r.bob_bits[r.sifted_mask])
    in_sample = np.zeros(sifted, dtype=bool)
    in_sample[r.sample_indices] = True
    assert r.qber == np.mean(r.sifted_alice[in_sample] != r.sifted_bob[in_sample])
    assert np.array_equal(r.key_alice, r.sifted_alice[~in_sample]) and np.array_equal(
        r.key_bob, r.sifted_bob[~in_sample]
    )
    assert r.true_qber == np.mean(r.key_alice != r.key_bob)


def test_run_size_is_bounded_before_anything_is_allocated():
    # issue 11: bb84(10**8) took 2.4 GB
    for fn in (qkd.bb84, qkd.bb84_key):
        with pytest.raises(ValueError, match=r"n_qubits must be at most 5,000,000 .*got 100,000,000"):
            fn(10**8)


def test_eps_secure_length_is_zero_at_the_notebook_block_and_positive_for_a_larger_one():
    small = qkd.bb84_key(40_000, eve_fraction=0.2, channel_error=0.03, sample_size=2_000, seed=7)
    expected = qkd.expected_qber(0.2, 0.03)
    assert small.run.key_alice.size == 17_897 and abs(small.run.qber - expected) < 4 * small.run.qber_error
    assert small.secure_length == 0 < small.report.final_length
    large = qkd.bb84_key(400_000, eve_fraction=0.2, channel_error=0.03, sample_size=20_000, seed=7)
    assert 0 < large.secure_length < large.report.final_length


def test_a_returned_circuit_can_be_edited_without_changing_later_runs():
    before = qkd.bb84(200, seed=3)
    for bit, basis, measure_basis in ((0, 0, 0), (1, 1, 1), (0, 1, 0)):
        qc = qkd.prepare_and_measure(bit, basis, measure_basis)
        qc.x(1)
    after = qkd.bb84(200, seed=3)
    assert np.array_equal(after.bob_bits, before.bob_bits) and after.qber == before.qber
    assert "x" not in qkd.prepare_and_measure(0, 0, 0).count_ops()
