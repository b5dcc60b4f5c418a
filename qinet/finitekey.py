"""Finite-key BB84: how long an ε-secure key from a finite block may be, and how many bits a key needs.

The asymptotic length ``n [1 − 2 h(Q)]`` (Shor & Preskill 2000) assumes the QBER is known exactly.
A real block estimates it from ``k`` random sample bits, and the estimate can be too low; a key that
must be ``ε``-close to perfect also pays a few dozen bits for the security parameters. Tomamichel,
Lim, Gisin & Renner, "Tight finite-key analysis for quantum cryptography", Nat. Commun. 3, 634 (2012),
doi:10.1038/ncomms1631, Eq. (2), for BB84 with a perfect source (preparation quality q = 1):

    ℓ ≤ n [1 − h(Q_tol + μ)] − leak_EC − log2(2 / (ε_sec² ε_cor)),
    μ = √[(n + k)/(n k) · (k + 1)/k · ln(2/ε_sec)],

with ``n`` key bits, ``k`` sample bits, ``Q_tol`` the error rate the sample may show before the
protocol aborts, ``leak_EC`` the bits error correction publishes. The key is ``ε_sec``-secret and
``ε_cor``-correct. In the paper ``Q_tol`` is fixed before the run and the error rate is estimated on a
random sample, the ``k`` bits measured in the other basis; the ``ln(2/ε_sec)`` in ``μ`` matches the
choice ``ε̃ = ε_sec/2`` of its Supplementary Information. Callers that pass a measured ``Q̂`` as
``qber`` treat it as the tolerance fixed in advance. A margin of a few standard errors on ``Q̂``
instead of ``μ`` is a heuristic that fails in about one block in a few hundred
(:func:`sampling_trials` shows it), not ε-security.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike

from qinet._validate import in_range, number, positive_int, scalar_or_array
from qinet._validate import seed as checked_seed
from qinet.bounds import binary_entropy

#: Default security parameters (values of the size Tomamichel et al. 2012 use).
EPS_SEC = 1e-10
EPS_COR = 1e-15
#: Most bits a block may hold in the formulas (10¹⁴: decades of the fastest QKD link; larger is a typing slip).
MAX_BLOCK_BITS = 10**14
#: Most key or sample bits :func:`sampling_trials` draws from (NumPy's hypergeometric sampler stops at 10⁹).
MAX_SAMPLED_BITS = 10**8


def _epsilon(name: str, value: float) -> float:
    return float(in_range(name, value, 0.0, 1.0, low_open=True, high_open=True))


def _counts(name: str, value: ArrayLike) -> np.ndarray:
    """Whole numbers of bits from 1 to :data:`MAX_BLOCK_BITS` (arrays allowed)."""
    arr = number(name, value, 1.0, MAX_BLOCK_BITS)
    if np.any(arr != np.floor(arr)):
        raise ValueError(f"{name} must be whole numbers of bits in [1, {MAX_BLOCK_BITS:.0e}], got {value!r}")
    return arr


def _margin(n: ArrayLike, k: ArrayLike, eps_sec: float) -> np.ndarray:
    n, k = np.asarray(n, dtype=float), np.asarray(k, dtype=float)
    return np.sqrt((n + k) / (n * k) * (k + 1) / k * np.log(2 / eps_sec))


def _length_bound(n, k, qber, leaked, eps_sec: float, eps_cor: float) -> np.ndarray:
    """``n [1 − h(Q + μ)] − leak − log2(2/(ε_sec² ε_cor))``, unrounded and unclipped."""
    q = np.minimum(np.asarray(qber, dtype=float) + _margin(n, k, eps_sec), 0.5)
    return n * (1 - np.asarray(binary_entropy(q))) - leaked - math.log2(2 / (eps_sec**2 * eps_cor))


def sampling_margin(n: ArrayLike, k: ArrayLike, eps_sec: float = EPS_SEC) -> float | np.ndarray:
    """How far the key's error rate may lie above the sample's: ``μ = √[(n+k)/(nk) · (k+1)/k · ln(2/ε_sec)]``.

    ``k`` bits sampled at random from ``n + k`` sifted bits show an error rate ``Q̂``; the ``n`` key
    bits then have an error rate above ``Q̂ + μ`` with probability at most about ``ε_sec²`` (a Serfling
    bound for sampling without replacement). Tomamichel, Lim, Gisin & Renner, "Tight finite-key
    analysis for quantum cryptography", Nat. Commun. 3, 634 (2012), doi:10.1038/ncomms1631, Eq. (2).

    Parameters
    ----------
    n : key bits (≥ 1). k : sample bits (≥ 1). Arrays broadcast.
    eps_sec : secrecy parameter ε_sec in (0, 1).

    Examples
    --------
    >>> round(sampling_margin(17_897, 2_000), 4)
    0.1149
    >>> round(sampling_margin(10**6, 10**5), 4)
    0.0161
    """
    n = _counts("n", n)
    k = _counts("k", k)
    return scalar_or_array(_margin(n, k, _epsilon("eps_sec", eps_sec)))


def finite_key_length(
    n: int, k: int, qber: float, leaked_bits: int, eps_sec: float = EPS_SEC, eps_cor: float = EPS_COR
) -> int:
    """The ε-secure key length of a finite block: ``⌊n [1 − h(Q + μ)] − leak_EC − log2(2/(ε_sec² ε_cor))⌋``.

    Tomamichel, Lim, Gisin & Renner, Nat. Commun. 3, 634 (2012), doi:10.1038/ncomms1631, Eq. (2) with
    a perfect BB84 source (preparation quality q = 1). ``n`` key bits, ``k`` sample bits with error
    rate ``qber`` (the protocol's tolerance Q_tol: it aborts if the sample shows more),
    ``μ`` = :func:`sampling_margin`, ``leak_EC`` the bits error correction published. The key is then
    ``ε_sec``-secret and ``ε_cor``-correct; the ``log2(2/ε_cor)`` inside the last term pays for the
    verification hash. Returns 0 when the bound is not positive: no secure key from this block.

    Examples
    --------
    A block like notebook 07's (17,897 key bits, 2,000 sample bits, Q̂ = 7.55 %, Cascade leaked 8,274):

    >>> finite_key_length(17_897, 2_000, 0.0755, 8_274)
    0
    >>> from qinet.postprocessing import final_key_length
    >>> final_key_length(17_897, 0.0755, 8_274)  # the asymptotic formula would promise this
    2712
    >>> finite_key_length(10**6, 10**5, 0.02, 160_000)
    615517
    """
    n = positive_int("n", n, maximum=MAX_BLOCK_BITS)
    k = positive_int("k", k, maximum=MAX_BLOCK_BITS)
    qber = float(in_range("qber", qber, 0.0, 0.5))
    leaked_bits = positive_int("leaked_bits", leaked_bits, minimum=0, maximum=MAX_BLOCK_BITS)
    bound = float(_length_bound(n, k, qber, leaked_bits, _epsilon("eps_sec", eps_sec), _epsilon("eps_cor", eps_cor)))
    return max(0, math.floor(bound))


_SAMPLE_SHARES = np.geomspace(1e-4, 0.5, 241)  # k/N tried by finite_key_fraction
MAX_BLOCK_POINTS = 100_000
"""Most block sizes :func:`finite_key_fraction` takes at once (each is optimised over 241 sample shares)."""


def finite_key_fraction(
    sifted_bits: ArrayLike,
    qber: float,
    *,
    ec_efficiency: float = 1.0,
    eps_sec: float = EPS_SEC,
    eps_cor: float = EPS_COR,
) -> float | np.ndarray:
    """Secret bits per sifted bit, ``ℓ/N``, of a block of ``N`` sifted bits at QBER ``Q``, ε-secure.

    The ``N`` bits are split into ``k`` sample bits and ``n = N − k`` key bits; ``k`` is chosen to
    maximise :func:`finite_key_length` (241 shares ``k/N`` from 10⁻⁴ to 1/2). Error correction leaks
    ``f n h(Q)`` bits (``f`` = ``ec_efficiency``; Cascade reaches about 1.2) and the sample is assumed
    to show the channel's QBER. As ``N → ∞`` the fraction tends to the asymptotic
    ``1 − h(Q) − f h(Q)`` (:func:`qinet.bounds.shor_preskill_rate`); Tomamichel et al. (2012).

    Examples
    --------
    >>> finite_key_fraction(17_897 + 2_000, 0.0755, ec_efficiency=1.2)
    0.0
    >>> from qinet.bounds import shor_preskill_rate
    >>> round(finite_key_fraction(10**9, 0.01), 3), round(float(shor_preskill_rate(0.01)), 3)
    (0.821, 0.838)
    """
    big_n = number("sifted_bits", sifted_bits, 2.0)
    if big_n.size > MAX_BLOCK_POINTS:
        raise ValueError(f"sifted_bits may hold at most {MAX_BLOCK_POINTS:,} block sizes, got {big_n.size:,}")
    q = float(in_range("qber", qber, 0.0, 0.5))
    f = float(number("ec_efficiency", ec_efficiency, 1.0))
    eps_sec, eps_cor = _epsilon("eps_sec", eps_sec), _epsilon("eps_cor", eps_cor)
    total = big_n[..., None]
    k = np.clip(_SAMPLE_SHARES * total, 1.0, total - 1.0)
    n = total - k
    length = _length_bound(n, k, q, f * n * float(binary_entropy(q)), eps_sec, eps_cor)
    return scalar_or_array(np.maximum(np.max(length, axis=-1), 0.0) / big_n)


def minimum_block_size(
    qber: float, *, ec_efficiency: float = 1.0, eps_sec: float = EPS_SEC, eps_cor: float = EPS_COR
) -> float:
    """The fewest sifted bits ``N`` from which :func:`finite_key_fraction` gives a positive key.

    Found by bisection on ``log N`` (to 0.1 %); ``inf`` when no block below 10¹⁸ bits gives a key
    (at and above the asymptotic threshold, 11 % for ``f = 1``).

    Examples
    --------
    >>> f"{minimum_block_size(0.01):.3g}", f"{minimum_block_size(0.0755, ec_efficiency=1.2):.3g}"
    ('1.75e+03', '4.62e+04')
    >>> minimum_block_size(0.12)
    inf
    """

    def has_key(log_n: float) -> bool:
        fraction = finite_key_fraction(10**log_n, qber, ec_efficiency=ec_efficiency, eps_sec=eps_sec, eps_cor=eps_cor)
        return float(fraction) > 0

    low, high = math.log10(2.0), 18.0
    if not has_key(high):
        return math.inf
    while high - low > 4e-4:
        mid = (low + high) / 2
        low, high = (low, mid) if has_key(mid) else (mid, high)
    return float(10**high)


MAX_TRIALS = 10_000_000
"""Most random samples :func:`sampling_trials` draws at once."""


def sampling_trials(
    n: int, k: int, qber: float, *, trials: int = 100_000, seed: int | np.random.Generator | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Monte Carlo of parameter estimation: ``(sample_rates, key_rates)`` for ``trials`` random samples.

    ``n + k`` sifted bits hold ``round(qber (n + k))`` errors; each trial picks ``k`` of them at random
    (without replacement: the number of errors in the sample is hypergeometric) and returns the
    sample's error rate ``Q̂`` and the error rate of the ``n`` bits left for the key. How often
    ``key_rates > sample_rates + margin`` is how often a margin fails.

    Examples
    --------
    >>> q_hat, q_key = sampling_trials(17_897, 2_000, 0.0755, trials=200_000, seed=1)
    >>> int(np.sum(q_key > q_hat + sampling_margin(17_897, 2_000)))
    0
    >>> from qinet.stats import binomial_stderr
    >>> bool(np.mean(q_key > q_hat + 3 * binomial_stderr(q_hat, 2_000)) > 1e-3)  # a 3-sigma margin fails
    True
    """
    n = positive_int("n", n, maximum=MAX_SAMPLED_BITS)
    k = positive_int("k", k, maximum=MAX_SAMPLED_BITS)
    qber = float(in_range("qber", qber, 0.0, 1.0))
    seed = checked_seed(seed, allow_generator=True)
    trials = positive_int("trials", trials)
    if trials > MAX_TRIALS:
        raise ValueError(f"trials must be at most {MAX_TRIALS:,}, got {trials:,}")
    errors = round(qber * (n + k))
    in_sample = np.random.default_rng(seed).hypergeometric(errors, n + k - errors, k, size=trials)
    return in_sample / k, (errors - in_sample) / n
