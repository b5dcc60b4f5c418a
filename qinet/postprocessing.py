"""Classical post-processing of a QKD key: parameter estimation, Cascade, privacy amplification.

* **Parameter estimation**: Alice and Bob publish a random sample of their sifted bits, count the
  disagreements (the QBER estimate ``Q̂ = errors / k``, standard error ``√(Q̂(1 − Q̂)/k)``) and discard
  the sample, since Eve has now seen it.
* **Error correction, Cascade** (Brassard & Salvail, "Secret-key reconciliation by public discussion",
  EUROCRYPT '93, LNCS 765, 410 (1994)): the key is cut into blocks of ``k1 ≈ 0.73/Q`` bits; Alice
  publishes each block's parity; on a mismatch a binary search (one parity per halving) finds and
  flips one of Bob's wrong bits. Later passes shuffle the key and double the block size; a bit flipped
  in a later pass changes the parity of its blocks in all earlier passes, which are searched again
  (the "cascade"). Every parity Alice publishes is one bit leaked to Eve, and we count them all.
* **Verification**: both hash the corrected key with a random 2-universal (Toeplitz) hash of
  ``verify_bits`` bits; equal hashes mean equal keys except with probability ``2^(−verify_bits)``.
* **Privacy amplification** by universal hashing (Carter & Wegman, JCSS 18, 143 (1979); a random
  Toeplitz matrix, as in Tomamichel et al., Nat. Commun. 3, 634 (2012)): an ``m × n`` binary
  Toeplitz matrix, fixed by ``n + m − 1`` public random bits, maps the ``n``-bit key to ``m`` bits.
* **How long may the key be?** :func:`final_key_length` is the asymptotic (Shor–Preskill) length at
  the point estimate of the QBER; :func:`finite_key_length` is the ε-secure length of a finite
  block (Tomamichel, Lim, Gisin & Renner 2012), which pays for the sampling error of the estimate
  and for the security parameters. :func:`finite_key_fraction` and :func:`minimum_block_size` say
  how many sifted bits a key needs at all.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike
from scipy.signal import fftconvolve

from qinet._validate import in_range, positive_int, scalar_or_array
from qinet.bounds import binary_entropy


def estimate_qber(
    key_alice: np.ndarray, key_bob: np.ndarray, sample_size: int, *, seed: int | np.random.Generator | None = None
) -> tuple[float, float, np.ndarray]:
    """QBER on a random sample of ``sample_size`` positions: ``(qber, standard_error, sample_indices)``.

    The caller must discard the sampled positions from the key.

    Examples
    --------
    >>> a = np.zeros(1000, dtype=np.uint8); b = a.copy(); b[:100] = 1
    >>> q, err, idx = estimate_qber(a, b, 1000, seed=1)
    >>> q, round(err, 4), len(idx)
    (0.1, 0.0095, 1000)
    """
    n = len(key_alice)
    sample_size = positive_int("sample_size", sample_size)
    if sample_size > n:
        raise ValueError(f"sample_size must be in [1, {n}] (the sifted key's length), got {sample_size}")
    rng = np.random.default_rng(seed)
    idx = np.sort(rng.choice(n, size=sample_size, replace=False))
    qber = float(np.mean(key_alice[idx] != key_bob[idx]))
    return qber, math.sqrt(qber * (1 - qber) / sample_size), idx


def toeplitz_hash(key: np.ndarray, output_bits: int, seed_bits: np.ndarray) -> np.ndarray:
    """Multiply ``key`` (n bits) by the ``m × n`` binary Toeplitz matrix ``T[i, j] = s[i − j + n − 1]``.

    ``seed_bits`` holds the ``n + m − 1`` public random bits ``s`` that fix the matrix. The product over
    GF(2) is a convolution, computed by FFT and reduced mod 2.

    Examples
    --------
    >>> toeplitz_hash(np.array([1, 0, 1]), 2, np.array([1, 1, 0, 1]))
    array([1, 0], dtype=uint8)
    """
    n = len(key)
    m = positive_int("output_bits", output_bits, minimum=0)
    if len(seed_bits) != n + m - 1 and m > 0:
        raise ValueError(f"seed_bits must have n + m - 1 = {n + m - 1} bits, got {len(seed_bits)}")
    if m == 0 or n == 0:
        return np.zeros(m, dtype=np.uint8)
    conv = fftconvolve(np.asarray(seed_bits, dtype=float), np.asarray(key, dtype=float))
    return (np.rint(conv[n - 1 : n - 1 + m]).astype(np.int64) % 2).astype(np.uint8)


@dataclass(frozen=True)
class CascadeResult:
    """Bob's corrected key, the number of parity bits leaked and the passes run."""

    corrected: np.ndarray
    leaked_bits: int
    passes: int
    corrected_errors: int


class _Cascade:
    def __init__(self, alice: np.ndarray, bob: np.ndarray, rng: np.random.Generator) -> None:
        self.alice = alice.astype(np.uint8)
        self.bob = bob.astype(np.uint8).copy()
        self.rng = rng
        self.leaked = 0
        self.flips = 0
        self.perms: list[np.ndarray] = []
        self.where: list[np.ndarray] = []  # position of each key bit inside a pass's permutation
        self.sizes: list[int] = []
        self.known: list[np.ndarray] = []  # the block parities Alice announced, per pass

    def _parity_a(self, idx: np.ndarray) -> int:
        self.leaked += 1  # Alice announces this parity
        return int(self.alice[idx].sum() & 1)

    def _search(self, idx: np.ndarray) -> int:
        """Binary search in a block with odd error parity; returns the key position flipped."""
        while len(idx) > 1:
            half = idx[: len(idx) // 2]
            idx = half if (int(self.bob[half].sum() & 1) != self._parity_a(half)) else idx[len(idx) // 2 :]
        pos = int(idx[0])
        self.bob[pos] ^= 1
        self.flips += 1
        return pos

    def _block(self, p: int, pos: int) -> np.ndarray:
        k = self.sizes[p]
        start = (self.where[p][pos] // k) * k
        return self.perms[p][start : start + k]

    def run_pass(self, block_size: int, shuffle: bool) -> None:
        n = len(self.bob)
        perm = self.rng.permutation(n) if shuffle else np.arange(n)
        where = np.empty(n, dtype=np.int64)
        where[perm] = np.arange(n)
        self.perms.append(perm)
        self.where.append(where)
        self.sizes.append(block_size)
        p = len(self.perms) - 1
        pad = (-n) % block_size
        blocks_a = np.concatenate([self.alice[perm], np.zeros(pad, np.uint8)]).reshape(-1, block_size)
        self.leaked += len(blocks_a)  # Alice announces every block's parity
        self.known.append(blocks_a.sum(axis=1) & 1)
        blocks_b = np.concatenate([self.bob[perm], np.zeros(pad, np.uint8)]).reshape(-1, block_size)
        odd = np.nonzero((blocks_b.sum(axis=1) & 1) != self.known[p])[0]
        queue = [(p, int(b)) for b in odd]
        while queue:
            q, b = queue.pop()
            idx = self.perms[q][b * self.sizes[q] : (b + 1) * self.sizes[q]]
            if int(self.bob[idx].sum() & 1) == self.known[q][b]:
                continue  # fixed meanwhile by another search
            pos = self._search(idx)
            for r in range(p + 1):  # the cascade: this flip changes one block's parity in every pass
                if r != q:
                    queue.append((r, int(self.where[r][pos] // self.sizes[r])))


def cascade(
    key_alice: np.ndarray,
    key_bob: np.ndarray,
    qber: float,
    *,
    passes: int = 4,
    shuffle_first: bool = False,
    seed: int | np.random.Generator | None = None,
) -> CascadeResult:
    """Reconcile Bob's key with Alice's by Cascade (Brassard & Salvail 1993).

    First block size ``k1 = ⌈0.73/Q⌉`` (at least 4, at most the key length), doubled each pass; passes
    after the first (and the first too, if ``shuffle_first``) use a fresh public random permutation.
    ``leaked_bits`` counts every parity Alice publishes (block parities and binary-search parities).

    Examples
    --------
    >>> rng = np.random.default_rng(3)
    >>> a = rng.integers(2, size=5000, dtype=np.uint8)
    >>> b = a ^ (rng.random(5000) < 0.03).astype(np.uint8)
    >>> r = cascade(a, b, 0.03, seed=4)
    >>> bool((r.corrected == a).all()), r.leaked_bits > 5000 * 0.194
    (True, True)
    """
    if len(key_alice) != len(key_bob):
        raise ValueError(f"key_bob must have the length of key_alice ({len(key_alice)}), got {len(key_bob)}")
    qber = float(in_range("qber", qber, 0.0, 0.5))
    passes = positive_int("passes", passes)
    n = len(key_alice)
    state = _Cascade(np.asarray(key_alice), np.asarray(key_bob), np.random.default_rng(seed))
    if n == 0:
        return CascadeResult(state.bob, 0, 0, 0)
    k = int(min(n, max(4, math.ceil(0.73 / qber)))) if qber > 0 else n
    for i in range(passes):
        state.run_pass(k, shuffle=shuffle_first or i > 0)
        k = min(n, 2 * k)
    return CascadeResult(state.bob, state.leaked, passes, state.flips)


@dataclass(frozen=True)
class KeyReport:
    """Result of :func:`distill`: the final keys and the bookkeeping of every bit spent."""

    sifted_length: int
    qber_used: float
    reconciled_alice: np.ndarray
    reconciled_bob: np.ndarray
    leaked_bits: int
    verify_bits: int
    verified: bool
    final_length: int
    final_alice: np.ndarray
    final_bob: np.ndarray
    residual_errors_before_pa: int


def final_key_length(n: int, qber: float, leaked_bits: int) -> int:
    """Bits left after privacy amplification, asymptotically: ``⌊n (1 − h(Q)) − leaked⌋`` (at least 0).

    ``n h(Q)`` removes what Eve can know from the phase errors (equal to the bit error rate in BB84,
    Shor & Preskill 2000) and ``leaked`` what error correction and verification published. With the
    Shannon limit ``leaked = n h(Q)`` this is the Shor–Preskill length ``n (1 − 2 h(Q))``. Asymptotic:
    ``Q`` is taken as exactly known, with no ε-security terms; :func:`finite_key_length` is the
    length a finite block may really have.

    Examples
    --------
    >>> final_key_length(10000, 0.05, 2864)
    4272
    """
    n = positive_int("n", n, minimum=0)
    qber = float(in_range("qber", qber, 0.0, 0.5))
    leaked_bits = positive_int("leaked_bits", leaked_bits, minimum=0)
    return max(0, math.floor(n * (1 - float(binary_entropy(qber))) - leaked_bits))


#: Security parameters of :func:`finite_key_length` (Tomamichel et al. 2012 use values of this size).
EPS_SEC = 1e-10
EPS_COR = 1e-15


def _epsilon(name: str, value: float) -> float:
    return float(in_range(name, value, 0.0, 1.0, low_open=True, high_open=True))


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
    n = in_range("n", n, 1.0)
    k = in_range("k", k, 1.0)
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
    The block of notebook 07 (17,897 key bits, 2,000 sample bits, Q̂ = 7.55 %, Cascade leaked 8,274):

    >>> finite_key_length(17_897, 2_000, 0.0755, 8_274)
    0
    >>> final_key_length(17_897, 0.0755, 8_274)  # the asymptotic formula would promise this
    2712
    >>> finite_key_length(10**6, 10**5, 0.02, 160_000)
    615517
    """
    n = positive_int("n", n)
    k = positive_int("k", k)
    qber = float(in_range("qber", qber, 0.0, 0.5))
    leaked_bits = positive_int("leaked_bits", leaked_bits, minimum=0)
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
    big_n = in_range("sifted_bits", sifted_bits, 2.0)
    if big_n.size > MAX_BLOCK_POINTS:
        raise ValueError(f"sifted_bits may hold at most {MAX_BLOCK_POINTS:,} block sizes, got {big_n.size:,}")
    q = float(in_range("qber", qber, 0.0, 0.5))
    f = float(in_range("ec_efficiency", ec_efficiency, 1.0))
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
        return finite_key_fraction(10**log_n, qber, ec_efficiency=ec_efficiency, eps_sec=eps_sec, eps_cor=eps_cor) > 0

    low, high = math.log10(2.0), 18.0
    if not has_key(high):
        return math.inf
    while high - low > 4e-4:
        mid = (low + high) / 2
        low, high = (low, mid) if has_key(mid) else (mid, high)
    return float(10**high)


def distill(
    key_alice: np.ndarray,
    key_bob: np.ndarray,
    qber: float,
    *,
    passes: int = 4,
    verify_bits: int = 64,
    max_passes: int = 12,
    seed: int | np.random.Generator | None = None,
) -> KeyReport:
    """Cascade, verification by hashing, then Toeplitz privacy amplification to :func:`final_key_length`.

    ``qber`` is the estimate to trust (the sample's, or a pessimistic upper bound). If the verification
    hashes differ, Cascade runs more passes (up to ``max_passes``); if they still differ the keys are
    dropped (``verified=False``, final length 0). All randomness (permutations, hash seeds) is public.

    Examples
    --------
    >>> rng = np.random.default_rng(3)
    >>> a = rng.integers(2, size=20000, dtype=np.uint8)
    >>> b = a ^ (rng.random(20000) < 0.02).astype(np.uint8)
    >>> r = distill(a, b, 0.02, seed=5)
    >>> r.verified, bool((r.final_alice == r.final_bob).all()), len(r.final_alice) == r.final_length
    (True, True, True)
    """
    rng = np.random.default_rng(seed)
    verify_bits = positive_int("verify_bits", verify_bits, minimum=0)
    n = len(key_alice)
    rec = cascade(key_alice, key_bob, qber, passes=passes, seed=rng)
    bob, leaked, done = rec.corrected, rec.leaked_bits, passes
    verified = False
    while True:
        s = rng.integers(2, size=n + verify_bits - 1, dtype=np.uint8)
        leaked += verify_bits
        if np.array_equal(toeplitz_hash(key_alice, verify_bits, s), toeplitz_hash(bob, verify_bits, s)):
            verified = True
            break
        if done >= max_passes:
            break
        more = cascade(key_alice, bob, qber, passes=1, shuffle_first=True, seed=rng)
        bob, leaked, done = more.corrected, leaked + more.leaked_bits, done + 1
    length = final_key_length(n, qber, leaked) if verified else 0
    s = rng.integers(2, size=max(n + length - 1, 0), dtype=np.uint8)
    return KeyReport(
        n,
        qber,
        np.asarray(key_alice, dtype=np.uint8),
        bob,
        leaked,
        verify_bits,
        verified,
        length,
        toeplitz_hash(key_alice, length, s),
        toeplitz_hash(bob, length, s),
        int(np.sum(np.asarray(key_alice) != bob)),
    )
