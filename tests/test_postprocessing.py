"""Parameter estimation, Cascade (Brassard & Salvail 1993) and Toeplitz privacy amplification."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.linalg import toeplitz

from qinet import postprocessing as pp
from qinet.bounds import binary_entropy


def _keys(n, q, seed):
    rng = np.random.default_rng(seed)
    a = rng.integers(2, size=n, dtype=np.uint8)
    return a, a ^ (rng.random(n) < q).astype(np.uint8)


def test_toeplitz_hash_equals_explicit_matrix_product():
    rng = np.random.default_rng(0)
    n, m = 40, 17
    key, s = rng.integers(2, size=n), rng.integers(2, size=n + m - 1)
    matrix = toeplitz(s[n - 1 :], s[n - 1 :: -1])  # T[i, j] = s[i - j + n - 1]
    assert np.array_equal(pp.toeplitz_hash(key, m, s), matrix.dot(key) % 2)


def test_toeplitz_hash_is_linear_and_spreads_a_single_flip():
    rng = np.random.default_rng(1)
    n, m = 5000, 2000
    key, s = rng.integers(2, size=n), rng.integers(2, size=n + m - 1)
    other = key.copy()
    other[123] ^= 1
    diff = pp.toeplitz_hash(key, m, s) ^ pp.toeplitz_hash(other, m, s)
    assert abs(diff.mean() - 0.5) < 5 * 0.5 / np.sqrt(m)  # one flipped bit changes about half the output


@pytest.mark.parametrize("q", [0.01, 0.03, 0.08])
def test_cascade_reconciles_and_leaks_close_to_shannon(q):
    a, b = _keys(30000, q, seed=2)
    r = pp.cascade(a, b, q, seed=3)
    assert np.array_equal(r.corrected, a)
    assert r.corrected_errors == int(np.sum(a != b))
    shannon = 30000 * binary_entropy(q)
    assert shannon < r.leaked_bits < 1.35 * shannon  # Cascade: about 1.1–1.2 × h(Q) in practice


def test_estimate_qber_sample_and_error():
    a, b = _keys(20000, 0.05, seed=4)
    q, err, idx = pp.estimate_qber(a, b, 4000, seed=5)
    assert len(np.unique(idx)) == 4000
    assert abs(q - np.mean(a != b)) < 4 * err
    assert err == pytest.approx(np.sqrt(q * (1 - q) / 4000))


def test_sample_larger_than_key_is_refused():
    a, b = _keys(100, 0.0, seed=1)
    with pytest.raises(ValueError, match=r"sample_size must be in \[1, 100\].*got 101"):
        pp.estimate_qber(a, b, 101)


def test_distill_gives_identical_keys_of_the_bound_length():
    a, b = _keys(20000, 0.04, seed=6)
    r = pp.distill(a, b, 0.04, seed=7)
    assert r.verified and np.array_equal(r.final_alice, r.final_bob)
    assert r.final_length == len(r.final_alice) == pp.final_key_length(20000, 0.04, r.leaked_bits)
    assert r.final_length == int(np.floor(20000 * (1 - binary_entropy(0.04)) - r.leaked_bits))


def test_final_length_with_shannon_leak_is_shor_preskill():
    n, q = 100000, 0.05
    leak = int(round(n * binary_entropy(q)))
    assert pp.final_key_length(n, q, leak) == pytest.approx(n * 0.42721, abs=2)  # Shor & Preskill 2000: r(5 %)


def test_same_seed_same_result():
    a, b = _keys(5000, 0.03, seed=8)
    r1, r2 = pp.distill(a, b, 0.03, seed=9), pp.distill(a, b, 0.03, seed=9)
    assert np.array_equal(r1.final_alice, r2.final_alice) and r1.leaked_bits == r2.leaked_bits


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: pp.cascade(np.zeros(4), np.zeros(5), 0.1), "key_bob"),
        (lambda: pp.cascade(np.zeros(4), np.zeros(4), 0.7), "qber"),
        (lambda: pp.final_key_length(100, -0.1, 0), "qber"),
        (lambda: pp.toeplitz_hash(np.zeros(4), 3, np.zeros(5)), "seed_bits"),
    ],
)
def test_bad_input(call, name):
    with pytest.raises(ValueError, match=name):
        call()


def test_final_length_refuses_a_negative_leak():
    # issue 11: final_key_length(10000, 0.05, -5000) returned 12,136 bits
    with pytest.raises(ValueError, match=r"leaked_bits must be a whole number >= 0.*, got -5000"):
        pp.final_key_length(10_000, 0.05, -5_000)


def test_finite_key_names_are_re_exported_from_postprocessing():
    from qinet import finitekey

    for name in ("finite_key_length", "sampling_margin", "finite_key_fraction", "minimum_block_size"):
        assert getattr(pp, name) is getattr(finitekey, name)


def test_cascade_corrects_a_one_bit_key_and_needs_no_error_estimate():
    one = pp.cascade(np.array([1], np.uint8), np.array([0], np.uint8), 0.1, seed=1)
    assert one.corrected.tolist() == [1] and one.leaked_bits > 0 and one.corrected_errors == 1
    same = np.array([0, 1, 1, 0, 1], np.uint8)
    exact = pp.cascade(same, same.copy(), 0.0, seed=1)  # Q = 0: one block of the whole key, nothing to correct
    assert exact.corrected.tolist() == same.tolist() and exact.corrected_errors == 0


def test_final_length_is_zero_when_the_leak_exceeds_the_key():
    assert pp.final_key_length(100, 0.05, 1000) == 0


def _hopeless_keys(n: int = 400) -> tuple[np.ndarray, np.ndarray]:
    """Keys that disagree in half their bits: Cascade cannot reconcile them at a stated QBER of 1 %."""
    rng = np.random.default_rng(11)
    return rng.integers(2, size=n, dtype=np.uint8), rng.integers(2, size=n, dtype=np.uint8)


def test_distill_stops_after_max_passes_and_counts_every_leak():
    a, b = _hopeless_keys()
    first = pp.cascade(a, b, 0.01, passes=1, seed=np.random.default_rng(8))  # distill's first call, same stream
    stopped = pp.distill(a, b, 0.01, passes=1, max_passes=1, seed=8)
    assert not stopped.verified and stopped.final_length == 0
    assert stopped.leaked_bits == first.leaked_bits + stopped.verify_bits  # one verification, no extra pass
    more = [pp.distill(a, b, 0.01, passes=1, max_passes=m, seed=8).leaked_bits for m in (1, 2, 3)]
    assert more[0] < more[1] < more[2], "every pass allowed is run, and leaks its parities and a new hash"


def test_residual_errors_count_the_disagreements_left():
    rng = np.random.default_rng(3)
    a = rng.integers(2, size=4000, dtype=np.uint8)
    b = a ^ (rng.random(4000) < 0.02).astype(np.uint8)
    assert pp.distill(a, b, 0.02, seed=5).residual_errors_before_pa == 0
    a2, b2 = _hopeless_keys()
    report = pp.distill(a2, b2, 0.01, passes=1, max_passes=1, seed=8)
    assert report.residual_errors_before_pa == int(np.sum(a2 != report.reconciled_bob)) > 0
