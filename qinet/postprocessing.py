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
  the point estimate of the QBER; :func:`finite_key_length` (from :mod:`qinet.finitekey`, re-exported
  here) is the ε-secure length of a finite block (Tomamichel, Lim, Gisin & Renner 2012), which pays
  for the sampling error of the estimate and for the security parameters.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.signal import fftconvolve

from qinet._limits import MAX_ARRAY_VALUES
from qinet._validate import bits, boolean, in_range, positive_int
from qinet._validate import seed as checked_seed
from qinet.bounds import binary_entropy
from qinet.finitekey import EPS_COR as EPS_COR
from qinet.finitekey import EPS_SEC as EPS_SEC
from qinet.finitekey import MAX_BLOCK_BITS
from qinet.finitekey import finite_key_fraction as finite_key_fraction
from qinet.finitekey import finite_key_length as finite_key_length
from qinet.finitekey import minimum_block_size as minimum_block_size
from qinet.finitekey import sampling_margin as sampling_margin
from qinet.finitekey import sampling_trials as sampling_trials
from qinet.stats import binomial_stderr

#: Most Cascade passes one call runs (each halves the errors left; 4 to 12 are used in practice).
MAX_PASSES = 100
#: Most bits of the verification hash (64 leave a 2⁻⁶⁴ chance that different keys pass).
MAX_VERIFY_BITS = 4096


def _keys(key_alice: object, key_bob: object) -> tuple[np.ndarray, np.ndarray]:
    """Alice's and Bob's keys as bit arrays of the same length."""
    alice = bits("key_alice", key_alice)
    return alice, bits("key_bob", key_bob, length=len(alice))


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
    key_alice, key_bob = _keys(key_alice, key_bob)
    n = len(key_alice)
    sample_size = positive_int("sample_size", sample_size)
    if sample_size > n:
        raise ValueError(f"sample_size must be in [1, {n}] (the sifted key's length), got {sample_size}")
    rng = np.random.default_rng(checked_seed(seed, allow_generator=True))
    idx = np.sort(rng.choice(n, size=sample_size, replace=False))
    qber = float(np.mean(key_alice[idx] != key_bob[idx]))
    return qber, float(binomial_stderr(qber, sample_size)), idx


def toeplitz_hash(key: np.ndarray, output_bits: int, seed_bits: np.ndarray) -> np.ndarray:
    """Multiply ``key`` (n bits) by the ``m × n`` binary Toeplitz matrix ``T[i, j] = s[i − j + n − 1]``.

    ``seed_bits`` holds the ``n + m − 1`` public random bits ``s`` that fix the matrix. The product over
    GF(2) is a convolution, computed by FFT and reduced mod 2.

    Examples
    --------
    >>> toeplitz_hash(np.array([1, 0, 1]), 2, np.array([1, 1, 0, 1]))
    array([1, 0], dtype=uint8)
    """
    key = bits("key", key)
    n = len(key)
    m = positive_int("output_bits", output_bits, minimum=0, maximum=MAX_ARRAY_VALUES)
    seed_bits = bits("seed_bits", seed_bits)
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
    key_alice, key_bob = _keys(key_alice, key_bob)
    qber = float(in_range("qber", qber, 0.0, 0.5))
    passes = positive_int("passes", passes, maximum=MAX_PASSES)
    shuffle_first = boolean("shuffle_first", shuffle_first)
    n = len(key_alice)
    state = _Cascade(key_alice, key_bob, np.random.default_rng(checked_seed(seed, allow_generator=True)))
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
    n = positive_int("n", n, minimum=0, maximum=MAX_BLOCK_BITS)
    qber = float(in_range("qber", qber, 0.0, 0.5))
    leaked_bits = positive_int("leaked_bits", leaked_bits, minimum=0, maximum=MAX_BLOCK_BITS)
    return max(0, math.floor(n * (1 - float(binary_entropy(qber))) - leaked_bits))


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
    key_alice, key_bob = _keys(key_alice, key_bob)
    qber = float(in_range("qber", qber, 0.0, 0.5))
    passes = positive_int("passes", passes, maximum=MAX_PASSES)
    max_passes = positive_int("max_passes", max_passes, minimum=0, maximum=MAX_PASSES)
    verify_bits = positive_int("verify_bits", verify_bits, minimum=0, maximum=MAX_VERIFY_BITS)
    rng = np.random.default_rng(checked_seed(seed, allow_generator=True))
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
