"""BB84 as Qiskit circuits on Aer, with an intercept-resend eavesdropper and real post-processing.

The protocol (Bennett & Brassard, Proc. IEEE ICCSSP, 175 (1984)) in small steps:

1. Alice draws random bits and bases (Z or X) and prepares ``|0⟩, |1⟩, |+⟩, |−⟩``.
2. On a fraction ``eve_fraction`` of the qubits Eve intercepts, measures in a random basis and resends
   what she saw; she picks the wrong basis half the time and then causes an error half the time,
   so the QBER is ``eve_fraction / 4`` (Scarani et al., RMP 81, 1301 (2009)).
3. The channel flips the bit value with probability ``channel_error``: it applies a Pauli Y, which
   flips the bit in *both* bases (``Y|0⟩ = i|1⟩``, ``Y|+⟩ = −i|−⟩``), so it needs no knowledge of the
   basis the qubit travels in; it is the same as an X on Z states and a Z on X states.
4. Bob measures in random bases; sifting keeps the rounds where his basis equals Alice's.
5. A random sample of the sifted key estimates the QBER and is discarded.
6. The asymptotic secret fraction is Shor–Preskill's ``1 − 2 h(Q)`` (PRL 85, 441 (2000)), zero from
   Q ≈ 11 %. :func:`bb84_key` goes on to Cascade and Toeplitz hashing (:mod:`qinet.postprocessing`)
   and also reports the ε-secure length of the finite block (Tomamichel et al., Nat. Commun. 3, 634
   (2012)): shorter, and 0 for a block of 18,000 bits at a QBER of 7.5 %.

Every qubit is a circuit run on Aer, batched: the qubits that share a configuration (bit, basis,
flip, Bob's basis) run as one circuit with that many shots (one 1-shot circuit per qubit is far too
slow). Eve's qubits take two circuits: Alice → Eve's measurement, then Eve's resent state → Bob's
measurement.

:func:`e91` and :class:`E91Result` are re-exported from :mod:`qinet.e91`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike
from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister

from qinet import postprocessing, sim
from qinet._validate import boolean, in_range, one_of, positive_int, probability, scalar_or_array
from qinet._validate import seed as checked_seed
from qinet.e91 import E91Result as E91Result
from qinet.e91 import e91 as e91
from qinet.postprocessing import KeyReport, distill, estimate_qber

MAX_QUBITS = 5_000_000
"""Most qubits :func:`bb84` and :func:`bb84_key` send in one run (about 10 s and 0.3 GB of memory)."""


def _qubit_count(n_qubits: object) -> int:
    n = positive_int("n_qubits", n_qubits)
    if n > MAX_QUBITS:
        raise ValueError(
            f"n_qubits must be at most {MAX_QUBITS:,} (qinet.qkd.MAX_QUBITS: about 10 s and 0.3 GB), got {n:,}; "
            "run several blocks instead"
        )
    return n


#: Who measures the travelling qubit in :func:`prepare_and_measure`: Bob, or Eve intercepting it.
RECEIVERS = ("bob", "eve")


def prepare_and_measure(
    bit: int, basis: int, measure_basis: int, flip: bool = False, receiver: str = "bob"
) -> QuantumCircuit:
    """One BB84 qubit: prepare ``bit`` in ``basis`` (0 = Z, 1 = X), optional channel flip, measure.

    The receiver's outcome lands in the classical register named ``receiver`` (``"bob"``, or
    ``"eve"`` for an interception).

    The flip is a Pauli Y on the travelling qubit. Y flips the bit value in both bases (on Z states it
    acts as X, on X states as Z, up to a global phase), so a channel that applies it with probability
    ``p`` flips the sent bit with probability ``p`` whatever the basis: a Pauli-Y channel.

    Examples
    --------
    >>> from qinet import sim
    >>> sim.run(prepare_and_measure(1, 1, 1), shots=100, seed=1)
    {'1': 100}
    """
    bit, basis, measure_basis = (
        positive_int(n, v, minimum=0, maximum=1)
        for n, v in (("bit", bit), ("basis", basis), ("measure_basis", measure_basis))
    )
    flip = boolean("flip", flip)
    receiver = one_of("receiver", receiver, RECEIVERS)
    sender, receiver_q = QuantumRegister(1, "alice"), QuantumRegister(1, receiver)
    qc = QuantumCircuit(sender, receiver_q, ClassicalRegister(1, receiver))
    if bit:
        qc.x(sender[0])
    if basis:
        qc.h(sender[0])
    qc.swap(sender[0], receiver_q[0])  # the photon travels to the receiver
    if flip:
        qc.y(receiver_q[0])
    if measure_basis:
        qc.h(receiver_q[0])
    qc.measure(receiver_q[0], 0)
    return qc


_CONFIGURATIONS = [(b, s, m, f) for b in (0, 1) for s in (0, 1) for m in (0, 1) for f in (0, 1)]
_CIRCUITS: dict[str, tuple[QuantumCircuit, ...]] = {}


def _circuits(receiver: str) -> tuple[QuantumCircuit, ...]:
    """The 16 circuits of :func:`prepare_and_measure`, one per (bit, basis, measure basis, flip), built once."""
    if receiver not in _CIRCUITS:
        _CIRCUITS[receiver] = tuple(prepare_and_measure(b, s, m, bool(f), receiver) for b, s, m, f in _CONFIGURATIONS)
    return _CIRCUITS[receiver]


def _send(
    bits: np.ndarray,
    bases: np.ndarray,
    measure_bases: np.ndarray,
    flips: np.ndarray,
    rng: np.random.Generator,
    receiver: str = "bob",
) -> np.ndarray:
    """Run one circuit per qubit, batched by configuration (one PUB each); return the receiver's bits."""
    config = ((bits * 2 + bases) * 2 + measure_bases) * 2 + flips
    sizes = np.bincount(config, minlength=16)
    used = [k for k in range(16) if sizes[k]]
    circuits = _circuits(receiver)
    runs = sim.sample([circuits[k] for k in used], [int(sizes[k]) for k in used], seed=int(rng.integers(2**31 - 1)))
    results = np.zeros(len(bits), dtype=np.uint8)
    for k, shots in zip(used, runs, strict=True):
        results[config == k] = shots.values(receiver)
    return results


@dataclass(frozen=True)
class BB84Result:
    """One BB84 run. Arrays hold one entry per qubit sent, or per sifted bit (``sifted_*``).

    ``qber`` is the estimate from the discarded sample of ``sample_size`` bits, with standard error
    ``qber_error``; ``key_alice`` / ``key_bob`` are the sifted bits left after the sample;
    ``true_qber`` is the error rate on those (which Alice and Bob do not know).
    ``secret_fraction`` is the asymptotic Shor–Preskill fraction ``1 − 2 h(qber)``.
    """

    n_qubits: int
    eve_fraction: float
    channel_error: float
    alice_bits: np.ndarray
    alice_bases: np.ndarray
    eve_mask: np.ndarray
    eve_bases: np.ndarray
    eve_bits: np.ndarray
    bob_bases: np.ndarray
    bob_bits: np.ndarray
    sifted_mask: np.ndarray
    sifted_alice: np.ndarray
    sifted_bob: np.ndarray
    sample_indices: np.ndarray
    sample_size: int
    qber: float
    qber_error: float
    key_alice: np.ndarray
    key_bob: np.ndarray
    true_qber: float
    secret_fraction: float


def expected_qber(eve_fraction: ArrayLike = 0.0, channel_error: ArrayLike = 0.0) -> float | np.ndarray:
    """The QBER that :func:`bb84` should measure: ``Q = f/4 + p − f p/2``.

    Untouched qubits err with the channel's flip probability ``p``. On an intercepted qubit (a fraction
    ``f``) Eve guesses Alice's basis half the time, and then only the flip errs (``p``); otherwise Bob's
    outcome is random (``1/2``), flip or not. So ``Q = (1 − f) p + f (1/4 + p/2)``; with ``p = 0`` this
    is the textbook ``f/4`` of intercept-resend (Scarani et al., RMP 81, 1301 (2009)).

    Examples
    --------
    >>> expected_qber(1.0), expected_qber(0.5), expected_qber(0.0, 0.03)
    (0.25, 0.125, 0.03)
    """
    f = probability("eve_fraction", eve_fraction)
    p = probability("channel_error", channel_error)
    return scalar_or_array(f / 4 + p - f * p / 2)


def bb84(
    n_qubits: int,
    *,
    eve_fraction: float = 0.0,
    channel_error: float = 0.0,
    sample_size: int | None = None,
    seed: int | None = None,
) -> BB84Result:
    """Send ``n_qubits`` BB84 qubits through Eve and a noisy channel; sift and estimate the QBER.

    Expected QBER: ``Q = f/4 + p − f p/2`` for an intercept-resend fraction ``f`` and flip probability
    ``p`` (``f/4`` alone: textbook result, Scarani et al. 2009). The channel flip is a Pauli Y (see
    :func:`prepare_and_measure`). ``sample_size`` sifted bits (default: a quarter of the sifted key,
    at least 1) are published to estimate Q and then discarded; more than the sifted key raises
    ``ValueError``. At most :data:`MAX_QUBITS` qubits per run.

    Examples
    --------
    >>> r = bb84(20000, eve_fraction=0.5, seed=7)
    >>> abs(r.qber - 0.125) < 4 * r.qber_error, r.secret_fraction
    (True, 0.0)
    >>> bb84(1000, seed=1).qber
    0.0
    """
    from qinet.bounds import shor_preskill_rate

    n = _qubit_count(n_qubits)
    f = float(probability("eve_fraction", eve_fraction))
    p = float(probability("channel_error", channel_error))
    rng = np.random.default_rng(checked_seed(seed))
    alice_bits = rng.integers(2, size=n, dtype=np.uint8)
    alice_bases = rng.integers(2, size=n, dtype=np.uint8)
    bob_bases = rng.integers(2, size=n, dtype=np.uint8)
    eve_mask = rng.random(n) < f
    eve_bases = np.where(eve_mask, rng.integers(2, size=n, dtype=np.uint8), 0).astype(np.uint8)
    flips = (rng.random(n) < p).astype(np.uint8)
    sent_bits, sent_bases = alice_bits.copy(), alice_bases.copy()
    eve_bits = np.zeros(n, dtype=np.uint8)
    if eve_mask.any():  # Alice → Eve: measure; Eve resends her result in her basis
        no_flip = np.zeros(int(eve_mask.sum()), dtype=np.uint8)
        eve_bits[eve_mask] = _send(
            alice_bits[eve_mask], alice_bases[eve_mask], eve_bases[eve_mask], no_flip, rng, receiver="eve"
        )
        sent_bits[eve_mask], sent_bases[eve_mask] = eve_bits[eve_mask], eve_bases[eve_mask]
    bob_bits = _send(sent_bits, sent_bases, bob_bases, flips, rng)
    sifted = alice_bases == bob_bases
    sifted_alice, sifted_bob = alice_bits[sifted], bob_bits[sifted]
    if sifted_alice.size == 0:
        raise ValueError(f"n_qubits must be large enough to leave a sifted key, got {n}")
    k = max(1, sifted_alice.size // 4) if sample_size is None else sample_size
    qber, err, idx = estimate_qber(sifted_alice, sifted_bob, k, seed=rng)
    keep = np.ones(sifted_alice.size, dtype=bool)
    keep[idx] = False
    key_alice, key_bob = sifted_alice[keep], sifted_bob[keep]
    true_qber = float(np.mean(key_alice != key_bob)) if key_alice.size else 0.0
    return BB84Result(
        n,
        f,
        p,
        alice_bits,
        alice_bases,
        eve_mask,
        eve_bases,
        eve_bits,
        bob_bases,
        bob_bits,
        sifted,
        sifted_alice,
        sifted_bob,
        idx,
        int(k),
        qber,
        err,
        key_alice,
        key_bob,
        true_qber,
        float(shor_preskill_rate(qber)),
    )


@dataclass(frozen=True)
class BB84Key:
    """A BB84 run followed by post-processing: ``run`` (:class:`BB84Result`) and ``report`` (:class:`KeyReport`).

    ``qber_used`` is the QBER fed to Cascade and to the privacy-amplification length: the sample
    estimate plus ``n_sigma`` standard errors (``n_sigma = 0`` is the asymptotic recipe; a margin of a
    few σ is a heuristic that fails with a probability of order 10⁻³, not a security guarantee).
    ``shor_preskill_length`` is the asymptotic length with ideal error correction; ``secure_length``
    is the ε-secure length of this finite block (:func:`qinet.postprocessing.finite_key_length`, with
    the sample's ``Q̂`` as tolerance and every bit Cascade and the verification published as leak).
    """

    run: BB84Result
    report: KeyReport
    n_sigma: float
    qber_used: float
    shor_preskill_length: int
    secure_length: int

    @property
    def final_alice(self) -> np.ndarray:
        return self.report.final_alice

    @property
    def final_bob(self) -> np.ndarray:
        return self.report.final_bob


def bb84_key(
    n_qubits: int,
    *,
    eve_fraction: float = 0.0,
    channel_error: float = 0.0,
    sample_size: int | None = None,
    n_sigma: float = 0.0,
    eps_sec: float = postprocessing.EPS_SEC,
    eps_cor: float = postprocessing.EPS_COR,
    seed: int | None = None,
) -> BB84Key:
    """BB84 end to end: :func:`bb84`, then Cascade, hash verification and Toeplitz privacy amplification.

    The final keys have the asymptotic length ``⌊n (1 − h(Q)) − leaked⌋``
    (:func:`qinet.postprocessing.final_key_length`) with ``Q`` the sample estimate plus ``n_sigma``
    standard errors; ``shor_preskill_length`` is ``⌊n (1 − 2 h(Q))⌋``, the length with ideal
    (Shannon-limit) error correction; ``secure_length`` is the ε-secure length of Tomamichel et al.
    (2012) for ``eps_sec`` and ``eps_cor``. An ε-secure protocol would output ``secure_length`` bits.

    Examples
    --------
    >>> k = bb84_key(20000, channel_error=0.03, seed=2)
    >>> bool((k.final_alice == k.final_bob).all()), len(k.final_alice) == k.report.final_length > 0
    (True, True)
    >>> 0 < k.secure_length < k.report.final_length  # an eps-secure protocol keeps less
    True
    """
    from qinet.bounds import binary_entropy

    run = bb84(n_qubits, eve_fraction=eve_fraction, channel_error=channel_error, sample_size=sample_size, seed=seed)
    n_sigma = float(in_range("n_sigma", n_sigma, 0.0, 10.0))
    q = min(0.5, run.qber + n_sigma * run.qber_error)
    report = distill(run.key_alice, run.key_bob, q, seed=int(np.random.default_rng(seed).integers(2**31 - 1)))
    sp = max(0, math.floor(run.key_alice.size * (1 - 2 * float(binary_entropy(q)))))
    secure = (
        postprocessing.finite_key_length(
            run.key_alice.size, run.sample_size, min(run.qber, 0.5), report.leaked_bits, eps_sec, eps_cor
        )
        if run.key_alice.size
        else 0
    )
    return BB84Key(run, report, float(n_sigma), q, sp, secure)
