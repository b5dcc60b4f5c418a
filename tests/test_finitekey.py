"""Finite-key BB84 (Tomamichel, Lim, Gisin & Renner, Nat. Commun. 3, 634 (2012)): worked numbers, limits."""

from __future__ import annotations

import numpy as np
import pytest

from qinet import finitekey as fk
from qinet.bounds import binary_entropy
from qinet.postprocessing import final_key_length


def test_sampling_margin_worked_number_and_formula():
    # n = 17,897 key bits, k = 2,000 sample bits, eps_sec = 1e-10: mu = 0.115 (worked number of the review)
    assert fk.sampling_margin(17_897, 2_000) == pytest.approx(0.1149, abs=5e-5)
    n, k, eps = 5_000, 700, 1e-6
    assert fk.sampling_margin(n, k, eps) == pytest.approx(np.sqrt((n + k) / (n * k) * (k + 1) / k * np.log(2 / eps)))


def test_finite_key_at_the_notebook_block_is_zero_while_the_asymptotic_formula_is_not():
    assert fk.finite_key_length(17_897, 2_000, 0.0755, 8_274) == 0
    assert final_key_length(17_897, 0.0755, 8_274) == 2_712


def test_finite_key_length_formula_by_hand():
    n, k, q, leak = 10**6, 10**5, 0.02, 160_000
    mu = np.sqrt((n + k) / (n * k) * (k + 1) / k * np.log(2 / 1e-10))
    expected = n * (1 - binary_entropy(q + mu)) - leak - np.log2(2 / (1e-20 * 1e-15))
    assert fk.finite_key_length(n, k, q, leak) == int(np.floor(expected))
    # tighter security costs key: smaller eps_sec, larger margin, shorter key
    assert fk.finite_key_length(n, k, q, leak, eps_sec=1e-20) < fk.finite_key_length(n, k, q, leak)


def test_finite_key_never_exceeds_the_asymptotic_length():
    for n, k, q in [(10**4, 10**3, 0.01), (10**5, 10**4, 0.03), (10**7, 10**5, 0.05)]:
        leak = int(1.2 * n * binary_entropy(q))
        assert fk.finite_key_length(n, k, q, leak) < final_key_length(n, q, leak)


def test_finite_key_fraction_tends_to_the_asymptotic_rate():
    from qinet.bounds import shor_preskill_rate

    for q, f in [(0.01, 1.0), (0.05, 1.2)]:
        fractions = fk.finite_key_fraction(np.array([1e4, 1e6, 1e8, 1e12]), q, ec_efficiency=f)
        assert np.all(np.diff(fractions) > 0)
        assert fractions[-1] == pytest.approx(shor_preskill_rate(q, ec_efficiency=f), rel=0.01)


def test_minimum_block_size_is_where_the_key_appears():
    n_min = fk.minimum_block_size(0.0755, ec_efficiency=1.2)
    assert 4.0e4 < n_min < 5.0e4
    assert fk.finite_key_fraction(0.99 * n_min, 0.0755, ec_efficiency=1.2) == 0.0
    assert fk.finite_key_fraction(1.01 * n_min, 0.0755, ec_efficiency=1.2) > 0.0
    assert fk.minimum_block_size(0.01) < fk.minimum_block_size(0.05) < fk.minimum_block_size(0.09)
    assert fk.minimum_block_size(0.111) == float("inf")  # above the Shor-Preskill threshold


def test_sampling_margin_bounds_the_key_error_rate_in_a_monte_carlo():
    """Serfling: P[key error rate > sample error rate + mu(eps)] <= eps^2 (here eps = 0.1, so <= 1 %)."""
    rng = np.random.default_rng(11)
    n, k, errors = 8_000, 1_000, 720  # 8 % errors among the 9,000 sifted bits
    in_sample = rng.hypergeometric(errors, n + k - errors, k, size=200_000)
    excess = (errors - in_sample) / n - in_sample / k
    assert np.mean(excess > fk.sampling_margin(n, k, 0.1)) <= 0.01
    assert np.mean(excess > 3 * np.sqrt(0.08 * 0.92 / k)) > 0.001  # the 3-sigma margin is a ~1e-3 heuristic


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: fk.finite_key_length(10_000, 0, 0.05, 100), "k"),
        (lambda: fk.finite_key_length(0, 100, 0.05, 100), "n"),
        (lambda: fk.finite_key_length(10_000, 100, 0.6, 100), "qber"),
        (lambda: fk.finite_key_length(10_000, 100, 0.05, -1), "leaked_bits"),
        (lambda: fk.finite_key_length(10_000, 100, 0.05, 10, eps_sec=0.0), "eps_sec"),
        (lambda: fk.finite_key_length(10_000, 100, 0.05, 10, eps_cor=1.0), "eps_cor"),
        (lambda: fk.finite_key_length(10_000, 100, float("nan"), 10), "qber"),
        (lambda: fk.sampling_margin(0.5, 100), "n"),
        (lambda: fk.finite_key_fraction(1.0, 0.05), "sifted_bits"),
        (lambda: fk.finite_key_fraction(1e4, 0.05, ec_efficiency=0.9), "ec_efficiency"),
        (lambda: fk.finite_key_fraction(np.full(200_001, 1e4), 0.05), "sifted_bits"),
        (lambda: fk.minimum_block_size(float("inf")), "qber"),
    ],
)
def test_finite_key_bad_input(call, name):
    with pytest.raises(ValueError, match=name):
        call()


def test_sampling_trials_are_hypergeometric():
    q_hat, q_key = fk.sampling_trials(9_000, 1_000, 0.08, trials=100_000, seed=3)
    total = 0.08 * 10_000
    assert np.allclose(q_hat * 1_000 + q_key * 9_000, total)  # errors are only moved between the two parts
    assert q_hat.mean() == pytest.approx(0.08, abs=3 * np.sqrt(0.08 * 0.92 / 1_000 / 100_000))
    # finite-population variance: Q(1-Q)/k (N - k)/(N - 1)
    assert q_hat.var() == pytest.approx(0.08 * 0.92 / 1_000 * 9_000 / 9_999, rel=0.02)


def test_sampling_trials_bad_input():
    with pytest.raises(ValueError, match="trials must be at most"):
        fk.sampling_trials(100, 10, 0.1, trials=10**8)
    with pytest.raises(ValueError, match="qber"):
        fk.sampling_trials(100, 10, 1.5)
