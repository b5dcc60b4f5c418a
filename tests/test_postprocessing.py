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
    assert pp.final_key_length(n, q, leak) == pytest.approx(n * 0.42721, abs=2)  # PHYSICS §3 r(5 %)


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


# --- finite-key length (Tomamichel, Lim, Gisin & Renner, Nat. Commun. 3, 634 (2012)) ---------------------


def test_sampling_margin_worked_number_and_formula():
    # n = 17,897 key bits, k = 2,000 sample bits, eps_sec = 1e-10: mu = 0.115 (worked number of the review)
    assert pp.sampling_margin(17_897, 2_000) == pytest.approx(0.1149, abs=5e-5)
    n, k, eps = 5_000, 700, 1e-6
    assert pp.sampling_margin(n, k, eps) == pytest.approx(np.sqrt((n + k) / (n * k) * (k + 1) / k * np.log(2 / eps)))


def test_finite_key_at_the_notebook_block_is_zero_while_the_asymptotic_formula_is_not():
    assert pp.finite_key_length(17_897, 2_000, 0.0755, 8_274) == 0
    assert pp.final_key_length(17_897, 0.0755, 8_274) == 2_712


def test_finite_key_length_formula_by_hand():
    n, k, q, leak = 10**6, 10**5, 0.02, 160_000
    mu = np.sqrt((n + k) / (n * k) * (k + 1) / k * np.log(2 / 1e-10))
    expected = n * (1 - binary_entropy(q + mu)) - leak - np.log2(2 / (1e-20 * 1e-15))
    assert pp.finite_key_length(n, k, q, leak) == int(np.floor(expected))
    # tighter security costs key: smaller eps_sec, larger margin, shorter key
    assert pp.finite_key_length(n, k, q, leak, eps_sec=1e-20) < pp.finite_key_length(n, k, q, leak)


def test_finite_key_never_exceeds_the_asymptotic_length():
    for n, k, q in [(10**4, 10**3, 0.01), (10**5, 10**4, 0.03), (10**7, 10**5, 0.05)]:
        leak = int(1.2 * n * binary_entropy(q))
        assert pp.finite_key_length(n, k, q, leak) < pp.final_key_length(n, q, leak)


def test_finite_key_fraction_tends_to_the_asymptotic_rate():
    from qinet.bounds import shor_preskill_rate

    for q, f in [(0.01, 1.0), (0.05, 1.2)]:
        fractions = pp.finite_key_fraction(np.array([1e4, 1e6, 1e8, 1e12]), q, ec_efficiency=f)
        assert np.all(np.diff(fractions) > 0)
        assert fractions[-1] == pytest.approx(shor_preskill_rate(q, ec_efficiency=f), rel=0.01)


def test_minimum_block_size_is_where_the_key_appears():
    n_min = pp.minimum_block_size(0.0755, ec_efficiency=1.2)
    assert 4.0e4 < n_min < 5.0e4
    assert pp.finite_key_fraction(0.99 * n_min, 0.0755, ec_efficiency=1.2) == 0.0
    assert pp.finite_key_fraction(1.01 * n_min, 0.0755, ec_efficiency=1.2) > 0.0
    assert pp.minimum_block_size(0.01) < pp.minimum_block_size(0.05) < pp.minimum_block_size(0.09)
    assert pp.minimum_block_size(0.111) == float("inf")  # above the Shor-Preskill threshold


def test_sampling_margin_bounds_the_key_error_rate_in_a_monte_carlo():
    """Serfling: P[key error rate > sample error rate + mu(eps)] <= eps^2 (here eps = 0.1, so <= 1 %)."""
    rng = np.random.default_rng(11)
    n, k, errors = 8_000, 1_000, 720  # 8 % errors among the 9,000 sifted bits
    in_sample = rng.hypergeometric(errors, n + k - errors, k, size=200_000)
    excess = (errors - in_sample) / n - in_sample / k
    assert np.mean(excess > pp.sampling_margin(n, k, 0.1)) <= 0.01
    assert np.mean(excess > 3 * np.sqrt(0.08 * 0.92 / k)) > 0.001  # the 3-sigma margin is a ~1e-3 heuristic


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: pp.final_key_length(10_000, 0.05, -5_000), "leaked_bits"),
        (lambda: pp.finite_key_length(10_000, 0, 0.05, 100), "k"),
        (lambda: pp.finite_key_length(0, 100, 0.05, 100), "n"),
        (lambda: pp.finite_key_length(10_000, 100, 0.6, 100), "qber"),
        (lambda: pp.finite_key_length(10_000, 100, 0.05, -1), "leaked_bits"),
        (lambda: pp.finite_key_length(10_000, 100, 0.05, 10, eps_sec=0.0), "eps_sec"),
        (lambda: pp.finite_key_length(10_000, 100, 0.05, 10, eps_cor=1.0), "eps_cor"),
        (lambda: pp.finite_key_length(10_000, 100, float("nan"), 10), "qber"),
        (lambda: pp.sampling_margin(0.5, 100), "n"),
        (lambda: pp.finite_key_fraction(1.0, 0.05), "sifted_bits"),
        (lambda: pp.finite_key_fraction(1e4, 0.05, ec_efficiency=0.9), "ec_efficiency"),
        (lambda: pp.finite_key_fraction(np.full(200_001, 1e4), 0.05), "sifted_bits"),
        (lambda: pp.minimum_block_size(float("inf")), "qber"),
    ],
)
def test_finite_key_bad_input(call, name):
    with pytest.raises(ValueError, match=name):
        call()
