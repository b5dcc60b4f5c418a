"""E91: entanglement-based QKD with a CHSH test, run as Qiskit circuits on Aer.

A source sends each of Alice and Bob one half of a Bell pair ``|Φ+⟩``, mixed with white noise to the
visibility ``V``: ``ρ = V |Φ+⟩⟨Φ+| + (1 − V) I/4``. The noise is a Pauli mixture: with probability
``1 − V`` a uniformly random Pauli (I, X, Y or Z) hits Bob's qubit, which turns ``|Φ+⟩⟨Φ+|`` into
exactly ``I/4`` on average. Each party measures along an angle θ in the X–Z plane of the Bloch sphere
(the observable ``cos θ Z + sin θ X``), chosen at random among Ekert's three settings
(Ekert, PRL 67, 661 (1991)): Alice {0, π/4, π/2}, Bob {π/4, π/2, 3π/4}. For ``|Φ+⟩`` the correlation is
``E(θa, θb) = cos(θa − θb)``.

* The CHSH value ``S = E(0, π/4) − E(0, 3π/4) + E(π/2, π/4) + E(π/2, 3π/4)`` is ``2√2 V``
  (Clauser, Horne, Shimony & Holt, PRL 23, 880 (1969)); every local model gives ``|S| ≤ 2``.
* The pairs measured along the same angle (π/4, π/4) and (π/2, π/2) give the key; their QBER is
  ``(1 − V)/2``.
* The device-independent rate ``1 − h(Q) − h((1 + √((S/2)² − 1))/2)`` (Acín et al., PRL 98, 230501
  (2007)) is taken from :func:`qinet.bounds.di_qkd_rate`.

Circuits are batched (NOTES.md): all pairs with the same configuration (settings, Pauli, Eve's basis)
run as one circuit with that many shots, and the outcomes are shuffled back with the seeded RNG.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister

from qinet import sim
from qinet._validate import positive_int, probability

#: Ekert's measurement angles in radians (X–Z plane of the Bloch sphere).
ALICE_ANGLES: tuple[float, float, float] = (0.0, math.pi / 4, math.pi / 2)
BOB_ANGLES: tuple[float, float, float] = (math.pi / 4, math.pi / 2, 3 * math.pi / 4)
#: (Alice setting, Bob setting, sign) of the four CHSH terms.
CHSH_TERMS: tuple[tuple[int, int, int], ...] = ((0, 0, 1), (0, 2, -1), (2, 0, 1), (2, 2, 1))
#: (Alice setting, Bob setting) pairs that measure along the same axis: the key.
KEY_SETTINGS: tuple[tuple[int, int], ...] = ((1, 0), (2, 1))
TSIRELSON = 2 * math.sqrt(2)


def run_grouped(circuits: Sequence[QuantumCircuit], sizes: Sequence[int], rng: np.random.Generator) -> list[np.ndarray]:
    """Run circuit ``i`` for ``sizes[i]`` shots and return its per-shot outcomes in random order.

    Each outcome is the integer value of the circuit's classical bits (bit ``k`` is ``(v >> k) & 1``).
    Circuits whose sizes are within a factor of two share one batched Aer call (shots = the largest
    size in the batch); the surplus shots are dropped at random, so the outcomes stay independent.
    Seeds come from ``rng``: the same generator state gives the same outcomes.
    """
    out = [np.zeros(0, dtype=np.int64) for _ in circuits]
    classes: dict[int, list[int]] = {}
    for i, size in enumerate(sizes):
        if size > 0:
            classes.setdefault(int(size - 1).bit_length(), []).append(i)
    for _, members in sorted(classes.items()):
        shots = max(sizes[i] for i in members)
        counts = sim.run([circuits[i] for i in members], shots=shots, seed=int(rng.integers(2**31 - 1)))
        for i, c in zip(members, counts, strict=True):
            keys = np.array([int(k.replace(" ", ""), 2) for k in c], dtype=np.int64)
            outcomes = np.repeat(keys, list(c.values()))
            out[i] = rng.permutation(outcomes)[: sizes[i]]
    return out


def _measure_at(qc: QuantumCircuit, qubit, clbit, theta: float) -> None:
    if theta:
        qc.ry(-theta, qubit)
    qc.measure(qubit, clbit)


def pair_circuit(alice_angle: float, bob_angle: float | None, pauli: str = "i",
                 eve_basis: str | None = None) -> QuantumCircuit:
    """One E91 round as a circuit: ``|Φ+⟩``, an optional Pauli on Bob's qubit, then the measurements.

    Alice measures along ``alice_angle``. Bob measures along ``bob_angle``; or, when ``eve_basis`` is
    ``'z'`` or ``'x'``, Eve measures Bob's qubit in that basis instead (she resends it afterwards, see
    :func:`resend_circuit`). Clbit 0 is Alice's, clbit 1 Bob's (or Eve's).

    Examples
    --------
    >>> pair_circuit(0.0, math.pi / 4).count_ops()["measure"]
    2
    """
    alice, bob = QuantumRegister(1, "alice"), QuantumRegister(1, "bob")
    qc = QuantumCircuit(alice, bob, ClassicalRegister(2, "c"))
    qc.h(alice[0])
    qc.cx(alice[0], bob[0])
    if pauli != "i":
        getattr(qc, pauli)(bob[0])
    _measure_at(qc, alice[0], 0, alice_angle)
    if eve_basis is None:
        _measure_at(qc, bob[0], 1, bob_angle or 0.0)
    else:
        if eve_basis == "x":
            qc.h(bob[0])
        qc.measure(bob[0], 1)
    return qc


def resend_circuit(bit: int, basis: str, bob_angle: float) -> QuantumCircuit:
    """Eve resends the eigenstate ``bit`` of ``basis`` (``'z'`` or ``'x'``); Bob measures along ``bob_angle``."""
    bob = QuantumRegister(1, "bob")
    qc = QuantumCircuit(bob, ClassicalRegister(1, "c"))
    if bit:
        qc.x(bob[0])
    if basis == "x":
        qc.h(bob[0])
    _measure_at(qc, bob[0], 0, bob_angle)
    return qc


def simulate_pairs(
    alice_settings: np.ndarray,
    bob_settings: np.ndarray,
    *,
    visibility: float = 1.0,
    eve_fraction: float = 0.0,
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Measure one noisy Bell pair per entry of the setting arrays (indices into the angle tables).

    Returns ``(alice_bits, bob_bits, eve_mask)``. A fraction ``eve_fraction`` of Bob's qubits is
    intercepted by Eve, measured in a random basis (Z or X) and resent.
    """
    n = len(alice_settings)
    pauli = np.where(rng.random(n) < 1 - visibility, rng.integers(4, size=n), 0)
    eve = rng.random(n) < eve_fraction
    eve_basis = rng.integers(2, size=n)
    first_key = alice_settings * 4 + pauli  # plus Bob's setting (no Eve) or Eve's basis
    key = np.where(eve, 36 + first_key * 2 + eve_basis, first_key * 3 + bob_settings)
    circuits, sizes = [], []
    for a in range(3):
        for p in "ixyz":
            for b in range(3):
                circuits.append(pair_circuit(ALICE_ANGLES[a], BOB_ANGLES[b], p))
    for a in range(3):
        for p in "ixyz":
            for e in "zx":
                circuits.append(pair_circuit(ALICE_ANGLES[a], None, p, e))
    sizes = np.bincount(key, minlength=len(circuits))
    outcomes = run_grouped(circuits, sizes, rng)
    values = np.zeros(n, dtype=np.int64)
    for k, out in enumerate(outcomes):
        values[key == k] = out
    alice_bits, bob_bits = values & 1, (values >> 1) & 1
    if eve.any():  # second stage: Eve resends what she measured; Bob measures at his angle
        ekey = (eve_basis * 2 + bob_bits) * 3 + bob_settings
        resend = [resend_circuit(bit, basis, BOB_ANGLES[b]) for basis in "zx" for bit in (0, 1) for b in range(3)]
        rsizes = np.bincount(ekey[eve], minlength=12)
        routs = run_grouped(resend, rsizes, rng)
        eve_bob = np.zeros(int(eve.sum()), dtype=np.int64)
        for k, out in enumerate(routs):
            eve_bob[ekey[eve] == k] = out
        bob_bits = bob_bits.copy()
        bob_bits[eve] = eve_bob
    return alice_bits.astype(np.uint8), bob_bits.astype(np.uint8), eve


@dataclass(frozen=True)
class CHSHResult:
    """A CHSH estimate: ``chsh`` = |S| from the data and its standard error ``chsh_error``."""

    chsh: float
    chsh_error: float
    correlators: dict[tuple[int, int], float]
    rounds: dict[tuple[int, int], int]


def estimate_chsh(alice_bits: np.ndarray, bob_bits: np.ndarray, alice_settings: np.ndarray,
                  bob_settings: np.ndarray) -> CHSHResult:
    """|S| from measured bits, with its standard error.

    Each correlator ``E = mean((−1)^(a ⊕ b))`` over its ``n`` rounds has variance ``(1 − E²)/n``; the four
    are independent, so ``σ_S = √(Σ (1 − E²)/n)``.

    Examples
    --------
    >>> a = np.array([0, 1, 0, 1]); s = np.array([0, 0, 2, 2]); t = np.array([0, 2, 0, 2])
    >>> estimate_chsh(a, a, s, t).chsh
    2.0
    """
    correlators, rounds, var, total = {}, {}, 0.0, 0.0
    for a, b, sign in CHSH_TERMS:
        mask = (alice_settings == a) & (bob_settings == b)
        n = int(mask.sum())
        if n == 0:
            raise ValueError("n_pairs is too small: a CHSH setting pair got no rounds; use more pairs")
        corr = float(np.mean(1 - 2 * (alice_bits[mask] ^ bob_bits[mask]).astype(np.int64)))
        correlators[(a, b)], rounds[(a, b)] = corr, n
        total += sign * corr
        var += (1 - corr**2) / n
    return CHSHResult(abs(total), math.sqrt(var), correlators, rounds)


def chsh_test(visibility: float = 1.0, shots: int = 1000, *, eve_fraction: float = 0.0,
              seed: int | None = None) -> CHSHResult:
    """Measure ``shots`` noisy Bell pairs at each of the four CHSH setting pairs and estimate |S|.

    Expected: ``S = 2√2 V`` (violation of ``|S| ≤ 2`` needs ``V > 1/√2``).

    Examples
    --------
    >>> r = chsh_test(0.9, 4000, seed=7)
    >>> abs(r.chsh - 2 * math.sqrt(2) * 0.9) < 4 * r.chsh_error
    True
    """
    visibility = float(probability("visibility", visibility))
    eve_fraction = float(probability("eve_fraction", eve_fraction))
    shots = positive_int("shots", shots)
    rng = np.random.default_rng(seed)
    order = rng.permutation(4 * shots)
    a_set = np.repeat([a for a, _, _ in CHSH_TERMS], shots)[order]
    b_set = np.repeat([b for _, b, _ in CHSH_TERMS], shots)[order]
    a_bits, b_bits, _ = simulate_pairs(a_set, b_set, visibility=visibility, eve_fraction=eve_fraction, rng=rng)
    return estimate_chsh(a_bits, b_bits, a_set, b_set)


@dataclass(frozen=True)
class E91Result:
    """The outcome of :func:`e91`.

    ``chsh`` (|S|) and ``chsh_error`` come from the rounds with CHSH settings; ``qber`` and the keys from
    the rounds with matching settings; ``secret_fraction`` is the DI-QKD rate of Acín et al. 2007 at the
    estimated S (capped at 2√2, the largest quantum value) and QBER, asymptotic.
    """

    n_pairs: int
    visibility: float
    eve_fraction: float
    alice_settings: np.ndarray
    bob_settings: np.ndarray
    alice_bits: np.ndarray
    bob_bits: np.ndarray
    eve_mask: np.ndarray
    chsh: float
    chsh_error: float
    correlators: dict[tuple[int, int], float]
    qber: float
    key_alice: np.ndarray
    key_bob: np.ndarray
    secret_fraction: float


def e91(n_pairs: int, *, visibility: float = 1.0, eve_fraction: float = 0.0, seed: int | None = None) -> E91Result:
    """Run E91 on ``n_pairs`` Bell pairs of the given visibility, with Eve on a fraction of them.

    Each party picks one of Ekert's three settings at random per pair; CHSH uses 4/9 of the rounds
    and the key 2/9. Ideal pairs give ``S = 2√2`` and QBER 0; white noise gives ``S = 2√2 V``,
    ``QBER = (1 − V)/2`` (PHYSICS §4).

    Examples
    --------
    >>> r = e91(20000, seed=1)
    >>> abs(r.chsh - 2 * math.sqrt(2)) < 4 * r.chsh_error, r.qber, bool((r.key_alice == r.key_bob).all())
    (True, 0.0, True)
    """
    from qinet.bounds import di_qkd_rate

    n_pairs = positive_int("n_pairs", n_pairs)
    visibility = float(probability("visibility", visibility))
    eve_fraction = float(probability("eve_fraction", eve_fraction))
    rng = np.random.default_rng(seed)
    a_set, b_set = rng.integers(3, size=n_pairs), rng.integers(3, size=n_pairs)
    a_bits, b_bits, eve = simulate_pairs(a_set, b_set, visibility=visibility, eve_fraction=eve_fraction, rng=rng)
    chsh = estimate_chsh(a_bits, b_bits, a_set, b_set)
    key = np.zeros(n_pairs, dtype=bool)
    for a, b in KEY_SETTINGS:
        key |= (a_set == a) & (b_set == b)
    key_alice, key_bob = a_bits[key], b_bits[key]
    qber = float(np.mean(key_alice != key_bob)) if key.any() else 0.0
    rate = float(di_qkd_rate(min(chsh.chsh, TSIRELSON), qber))
    return E91Result(n_pairs, visibility, eve_fraction, a_set, b_set, a_bits, b_bits, eve, chsh.chsh,
                     chsh.chsh_error, chsh.correlators, qber, key_alice, key_bob, rate)
