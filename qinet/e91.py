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
* Detectors that miss particles (efficiency η) are simulated after Aer: a missed round is recorded as
  the outcome +1, as a Bell test without the detection loophole must (:mod:`qinet.loopholes`).

One shot of :func:`e91_circuit` is one round: the settings, the noise and Eve's choices are made by
qubits inside the circuit, and all measurements are at the end, so Aer samples all rounds from one
simulation (one 1-shot circuit per round was measured to be far too slow).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister

from qinet import sim
from qinet._limits import check_budget
from qinet._validate import WrongTypeError, array, bits, instance, positive_int, probability
from qinet._validate import seed as _seed
from qinet.circuits import share_pair
from qinet.entangle import CHSHResult
from qinet.stats import binomial_stderr

#: Ekert's measurement angles in radians (X–Z plane of the Bloch sphere).
ALICE_ANGLES: tuple[float, float, float] = (0.0, math.pi / 4, math.pi / 2)
BOB_ANGLES: tuple[float, float, float] = (math.pi / 4, math.pi / 2, 3 * math.pi / 4)
#: (Alice setting, Bob setting, sign) of the four CHSH terms.
CHSH_TERMS: tuple[tuple[int, int, int], ...] = ((0, 0, 1), (0, 2, -1), (2, 0, 1), (2, 2, 1))
#: (Alice setting, Bob setting) pairs that measure along the same axis: the key.
KEY_SETTINGS: tuple[tuple[int, int], ...] = ((1, 0), (2, 1))
TSIRELSON = 2 * math.sqrt(2)
# Memory and time per simulated pair: Aer's result (~100 bytes a shot), the outcomes, bits, settings and
# masks built from them (~120 bytes a pair measured at 3e7 pairs), and ~3 µs of Aer and NumPy work.
_BYTES_PER_PAIR = 240
_SECONDS_PER_PAIR = 1e-6


def _check_pairs(name: str, n: int) -> None:
    check_budget(
        name,
        n,
        bytes_needed=n * _BYTES_PER_PAIR,
        seconds_needed=n * _SECONDS_PER_PAIR,
        lower=f"use fewer {'shots' if name == 'shots' else 'pairs'}",
    )


def _check_settings(settings: object) -> tuple[int, int] | None:
    if settings is None:
        return None
    message = f"settings must be None or a pair of setting indices in {{0, 1, 2}}, got {settings!r}"
    if not isinstance(settings, (tuple, list)):
        raise WrongTypeError(message)
    if len(settings) != 2 or not all(
        isinstance(s, (int, np.integer)) and not isinstance(s, bool) and s in (0, 1, 2) for s in settings
    ):
        raise ValueError(message)
    return int(settings[0]), int(settings[1])


def _p_one(qc: QuantumCircuit, qubit, p: float) -> None:
    """Rotate ``qubit`` from |0⟩ so that it reads 1 with probability ``p``."""
    if p > 0:
        qc.ry(2 * math.asin(math.sqrt(p)), qubit)


def _choose_setting(qc: QuantumCircuit, choice: QuantumRegister, target, offset: float) -> None:
    """Three equally likely settings from two qubits (00, 01, 10 → 0, 1, 2): rotate ``target`` by
    ``−(offset + setting · π/4)`` so that a Z measurement measures along that angle."""
    _p_one(qc, choice[1], 1 / 3)
    qc.x(choice[1])
    qc.cry(math.pi / 2, choice[1], choice[0])  # setting 0 or 1 with equal odds when choice[1] = 0
    qc.x(choice[1])
    if offset:
        qc.ry(-offset, target)
    qc.cry(-math.pi / 4, choice[0], target)
    qc.cry(-math.pi / 2, choice[1], target)


def _prepare_noisy_pair(
    qc: QuantumCircuit, alice: QuantumRegister, bob: QuantumRegister, noise: QuantumRegister, visibility: float
) -> None:
    """``|Φ+⟩`` on ``alice``/``bob``; with probability ``1 − V`` a uniformly random Pauli (I, X, Z or XZ ∝ Y),
    chosen by the three ``noise`` qubits, hits Bob's qubit: ``V |Φ+⟩⟨Φ+| + (1 − V) I/4`` on average."""
    share_pair(qc, alice[0], bob[0])
    if visibility < 1:
        _p_one(qc, noise[0], 1 - visibility)
        qc.h(noise[1])
        qc.h(noise[2])
        qc.ccx(noise[0], noise[1], bob[0])
        qc.ccz(noise[0], noise[2], bob[0])


def noisy_pair_circuit(visibility: float = 1.0) -> QuantumCircuit:
    """The Werner pair of E91 alone, unmeasured: qubits 0 (Alice) and 1 (Bob), plus three noise qubits.

    Tracing out the noise qubits leaves ``V |Φ+⟩⟨Φ+| + (1 − V) I/4`` (see :func:`werner_pair_state`).

    Examples
    --------
    >>> noisy_pair_circuit(0.6).num_qubits
    5
    """
    visibility = float(probability("visibility", visibility))
    alice, bob, noise = QuantumRegister(1, "alice"), QuantumRegister(1, "bob"), QuantumRegister(3, "noise")
    qc = QuantumCircuit(alice, bob, noise)
    _prepare_noisy_pair(qc, alice, bob, noise, visibility)
    return qc


def werner_pair_state(visibility: float = 1.0) -> np.ndarray:
    """Alice's and Bob's two-qubit density matrix, computed by Aer from :func:`noisy_pair_circuit`.

    Examples
    --------
    >>> rho = werner_pair_state(0.6)
    >>> round(float(rho[0, 3].real), 6), round(float(rho[1, 1].real), 6)
    (0.3, 0.1)
    """
    return np.asarray(sim.final_state(noisy_pair_circuit(visibility), qubits=[0, 1]).data)


def e91_circuit(
    visibility: float = 1.0, eve_fraction: float = 0.0, settings: tuple[int, int] | None = None
) -> QuantumCircuit:
    """One E91 round per shot, with every random choice made by qubits inside the circuit.

    * ``alice``/``bob``/``noise``: the Werner pair of :func:`noisy_pair_circuit`.
    * ``eve``: with probability ``eve_fraction`` Eve measures Bob's qubit in a random basis (Z or X) by
      copying it onto her probe (a measurement by deferred measurement) and lets it go on: an
      intercept-resend of her result.
    * ``alice_choice``/``bob_choice``: Ekert's three settings each, uniformly (or fixed by ``settings``).

    Classical registers, each measured from the qubits of the same role: ``alice`` and ``bob`` (their
    outcomes), ``alice_choice`` and ``bob_choice`` (the setting index, 0–2; only when ``settings`` is
    None), ``eve_active`` and ``eve_bit`` (only when ``eve_fraction > 0``). All measurements are at the
    end, so Aer samples every shot from one simulation.

    Examples
    --------
    >>> e91_circuit(0.9, 0.1).num_qubits
    12
    """
    visibility = float(probability("visibility", visibility))
    eve_fraction = float(probability("eve_fraction", eve_fraction))
    settings = _check_settings(settings)
    alice, bob = QuantumRegister(1, "alice"), QuantumRegister(1, "bob")
    a_choice, b_choice = QuantumRegister(2, "alice_choice"), QuantumRegister(2, "bob_choice")
    noise, eve = QuantumRegister(3, "noise"), QuantumRegister(3, "eve")
    qc = QuantumCircuit(alice, bob, a_choice, b_choice, noise, eve)
    _prepare_noisy_pair(qc, alice, bob, noise, visibility)
    if eve_fraction > 0:  # active, basis (0 = Z, 1 = X), probe
        _p_one(qc, eve[0], eve_fraction)
        qc.h(eve[1])
        qc.cry(-math.pi / 2, eve[1], bob[0])
        qc.ccx(eve[0], bob[0], eve[2])
        qc.cry(math.pi / 2, eve[1], bob[0])
    if settings is None:
        _choose_setting(qc, a_choice, alice[0], ALICE_ANGLES[0])
        _choose_setting(qc, b_choice, bob[0], BOB_ANGLES[0])
    else:
        for qubit, angle in ((alice[0], ALICE_ANGLES[settings[0]]), (bob[0], BOB_ANGLES[settings[1]])):
            if angle:
                qc.ry(-angle, qubit)
    measured = [("alice", [alice[0]]), ("bob", [bob[0]])]
    if settings is None:
        measured += [("alice_choice", list(a_choice)), ("bob_choice", list(b_choice))]
    if eve_fraction > 0:
        measured += [("eve_active", [eve[0]]), ("eve_bit", [eve[2]])]
    for name, qubits in measured:
        register = ClassicalRegister(len(qubits), name)
        qc.add_register(register)
        qc.measure(qubits, register)
    return qc


@lru_cache(maxsize=256)
def _cached_circuit(visibility: float, eve_fraction: float, settings: tuple[int, int] | None) -> QuantumCircuit:
    return e91_circuit(visibility, eve_fraction, settings)


def simulate_pairs(
    n_pairs: int,
    *,
    visibility: float = 1.0,
    eve_fraction: float = 0.0,
    settings: tuple[int, int] | None = None,
    detection_efficiency: float = 1.0,
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Run ``n_pairs`` shots of :func:`e91_circuit`, in random order.

    Returns ``(alice_settings, bob_settings, alice_bits, bob_bits, eve_mask)``. With
    ``detection_efficiency`` η < 1 each party's detector misses each particle independently with
    probability ``1 − η``, and a round without a click is recorded as the outcome +1 (bit 0), as a
    loophole-free Bell test must do (Garg & Mermin, Phys. Rev. D 35, 3831 (1987)).

    Examples
    --------
    >>> a_set, b_set, a, b, eve = simulate_pairs(2000, settings=(1, 0), rng=np.random.default_rng(3))
    >>> bool((a == b).all()), int(a_set.max()), int(eve.sum())
    (True, 1, 0)
    """
    n_pairs = positive_int("n_pairs", n_pairs)
    _check_pairs("n_pairs", n_pairs)
    visibility = float(probability("visibility", visibility))
    eve_fraction = float(probability("eve_fraction", eve_fraction))
    settings = _check_settings(settings)
    detection_efficiency = float(probability("detection_efficiency", detection_efficiency))
    instance("rng", rng, np.random.Generator, "a numpy Generator (numpy.random.default_rng(seed))")
    circuit = _cached_circuit(visibility, eve_fraction, settings)
    rounds = sim.sample(circuit, n_pairs, seed=int(rng.integers(2**31 - 1)))
    if settings is None:
        a_set, b_set = rounds.values("alice_choice"), rounds.values("bob_choice")
    else:
        a_set, b_set = np.full(n_pairs, settings[0], dtype=np.int64), np.full(n_pairs, settings[1], dtype=np.int64)
    a_bits, b_bits = rounds.values("alice").astype(np.uint8), rounds.values("bob").astype(np.uint8)
    if detection_efficiency < 1:  # no click: outcome +1
        a_bits = np.where(rng.random(n_pairs) < detection_efficiency, a_bits, 0).astype(np.uint8)
        b_bits = np.where(rng.random(n_pairs) < detection_efficiency, b_bits, 0).astype(np.uint8)
    eve = rounds.values("eve_active").astype(bool) if eve_fraction > 0 else np.zeros(n_pairs, dtype=bool)
    return a_set, b_set, a_bits, b_bits, eve


def estimate_chsh(
    alice_bits: np.ndarray, bob_bits: np.ndarray, alice_settings: np.ndarray, bob_settings: np.ndarray
) -> CHSHResult:
    """|S| from measured bits, with its standard error.

    Each correlator ``E = mean((−1)^(a ⊕ b)) = 1 − 2p`` over its ``n`` rounds, ``p`` the fraction of rounds
    with ``a ≠ b``, has the standard error ``2 √(p (1 − p)/n) = √((1 − E²)/n)`` (binomial); the four are
    independent, so ``σ_S = √(Σ σ_E²)``.

    Examples
    --------
    >>> a = np.array([0, 1, 0, 1]); s = np.array([0, 0, 2, 2]); t = np.array([0, 2, 0, 2])
    >>> estimate_chsh(a, a, s, t).chsh
    2.0
    """
    alice_bits = bits("alice_bits", alice_bits)
    bob_bits = bits("bob_bits", bob_bits, length=len(alice_bits))
    alice_settings = array("alice_settings", alice_settings, length=len(alice_bits), low=0, high=2, finite=True)
    bob_settings = array("bob_settings", bob_settings, length=len(alice_bits), low=0, high=2, finite=True)
    correlators, rounds, var, total = {}, {}, 0.0, 0.0
    for a, b, sign in CHSH_TERMS:
        mask = (alice_settings == a) & (bob_settings == b)
        n = int(mask.sum())
        if n == 0:
            raise ValueError("n_pairs is too small: a CHSH setting pair got no rounds; use more pairs")
        disagree = float(np.mean(alice_bits[mask] != bob_bits[mask]))
        corr = 1.0 - 2.0 * disagree
        correlators[(a, b)], rounds[(a, b)] = corr, n
        total += sign * corr
        var += (2.0 * float(binomial_stderr(disagree, n))) ** 2
    return CHSHResult(abs(total), math.sqrt(var), correlators, rounds)


def chsh_test(
    visibility: float = 1.0,
    shots: int = 1000,
    *,
    eve_fraction: float = 0.0,
    detection_efficiency: float = 1.0,
    seed: int | None = None,
) -> CHSHResult:
    """Measure ``shots`` noisy Bell pairs at each of the four CHSH setting pairs and estimate |S|.

    Expected: ``S = 2√2 V`` (violation of ``|S| ≤ 2`` needs ``V > 1/√2``); with detectors of efficiency η
    whose missed rounds count as +1, ``S = 2√2 V η² + 2(1 − η)²`` (:func:`qinet.loopholes.chsh_with_efficiency`).

    Examples
    --------
    >>> r = chsh_test(0.9, 4000, seed=7)
    >>> abs(r.chsh - 2 * math.sqrt(2) * 0.9) < 4 * r.chsh_error
    True
    """
    visibility = float(probability("visibility", visibility))
    eve_fraction = float(probability("eve_fraction", eve_fraction))
    efficiency = float(probability("detection_efficiency", detection_efficiency))
    shots = positive_int("shots", shots)
    _check_pairs("shots", 4 * shots)
    rng = np.random.default_rng(_seed(seed))
    parts = [
        simulate_pairs(
            shots,
            visibility=visibility,
            eve_fraction=eve_fraction,
            settings=(a, b),
            detection_efficiency=efficiency,
            rng=rng,
        )
        for a, b, _ in CHSH_TERMS
    ]
    a_set = np.repeat([a for a, _, _ in CHSH_TERMS], shots)
    b_set = np.repeat([b for _, b, _ in CHSH_TERMS], shots)
    a_bits, b_bits = (np.concatenate([p[i] for p in parts]) for i in (2, 3))
    return estimate_chsh(a_bits, b_bits, a_set, b_set)


@dataclass(frozen=True)
class E91Result:
    """The outcome of :func:`e91`.

    ``chsh`` (|S|) and ``chsh_error`` come from the rounds with CHSH settings; ``qber`` and the keys from
    the rounds with matching settings; ``secret_fraction`` is the DI-QKD rate of Acín et al. 2007 at the
    estimated S (capped at 2√2, the largest quantum value) and QBER, asymptotic.
    ``detection_efficiency`` is the η of both parties' detectors (missed rounds count as +1).
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
    detection_efficiency: float = 1.0


def e91(
    n_pairs: int,
    *,
    visibility: float = 1.0,
    eve_fraction: float = 0.0,
    detection_efficiency: float = 1.0,
    seed: int | None = None,
) -> E91Result:
    """Run E91 on ``n_pairs`` Bell pairs of the given visibility, with Eve on a fraction of them.

    Each party picks one of Ekert's three settings at random per pair; CHSH uses 4/9 of the rounds
    and the key 2/9. Ideal pairs give ``S = 2√2`` and QBER 0; white noise gives ``S = 2√2 V``,
    ``QBER = (1 − V)/2`` (textbook result). Detectors of efficiency η whose missed rounds count as +1
    give ``S = 2√2 V η² + 2(1 − η)²`` and ``QBER = η(1 − η) + η²(1 − V)/2`` (:mod:`qinet.loopholes`).

    Examples
    --------
    >>> r = e91(20000, seed=1)
    >>> abs(r.chsh - 2 * math.sqrt(2)) < 4 * r.chsh_error, r.qber, bool((r.key_alice == r.key_bob).all())
    (True, 0.0, True)
    """
    from qinet.bounds import di_qkd_rate

    n_pairs = positive_int("n_pairs", n_pairs)
    _check_pairs("n_pairs", n_pairs)
    visibility = float(probability("visibility", visibility))
    eve_fraction = float(probability("eve_fraction", eve_fraction))
    efficiency = float(probability("detection_efficiency", detection_efficiency))
    rng = np.random.default_rng(_seed(seed))
    a_set, b_set, a_bits, b_bits, eve = simulate_pairs(
        n_pairs, visibility=visibility, eve_fraction=eve_fraction, detection_efficiency=efficiency, rng=rng
    )
    chsh = estimate_chsh(a_bits, b_bits, a_set, b_set)
    key = np.zeros(n_pairs, dtype=bool)
    for a, b in KEY_SETTINGS:
        key |= (a_set == a) & (b_set == b)
    key_alice, key_bob = a_bits[key], b_bits[key]
    qber = float(np.mean(key_alice != key_bob)) if key.any() else 0.0
    rate = float(di_qkd_rate(min(chsh.chsh, TSIRELSON), qber))
    return E91Result(
        n_pairs,
        visibility,
        eve_fraction,
        a_set,
        b_set,
        a_bits,
        b_bits,
        eve,
        chsh.chsh,
        chsh.chsh_error,
        chsh.correlators,
        qber,
        key_alice,
        key_bob,
        rate,
        efficiency,
    )
