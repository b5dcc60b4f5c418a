"""Bell-diagonal algebra: Werner pairs, swapping, teleportation, purification and memory decay.

Analytic formulas only (no circuits). A Werner pair of fidelity F is
``rho = w |Phi+><Phi+| + (1 - w) I/4`` with ``w = (4F - 1)/3``. Bell-diagonal weights are ordered
(Phi+, Psi-, Psi+, Phi-), as in Deutsch et al. (1996). Functions of fidelities broadcast over arrays;
scalars in give floats out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import overload

import numpy as np
from numpy.typing import ArrayLike

from qinet._limits import MAX_LINKS
from qinet._validate import in_range, number, one_of, positive_int, scalar_or_array

FloatOrArray = float | np.ndarray
PROTOCOLS = ("dejmps", "bbpssw")
MAX_ROUNDS = 1000
"""The most purification rounds one call iterates (each round doubles the raw pairs: 2**1000 is far beyond need)."""
COEFFICIENT_TOLERANCE = 1e-9
"""How far the Bell-diagonal weights may sum away from 1 (rounding) before they are refused."""


def _fidelity(name: str, value: ArrayLike) -> np.ndarray:
    return in_range(name, value, 0.25, 1.0)


def werner_parameter(fidelity: ArrayLike) -> FloatOrArray:
    """Werner parameter ``w = (4F - 1) / 3`` of a Werner pair with Bell fidelity F.

    Werner, PRA 40, 4277 (1989), doi:10.1103/PhysRevA.40.4277.

    Parameters
    ----------
    fidelity : F in [0.25, 1].

    Examples
    --------
    >>> werner_parameter(0.925)
    0.9
    """
    return scalar_or_array((4.0 * _fidelity("fidelity", fidelity) - 1.0) / 3.0)


def werner_fidelity(w: ArrayLike) -> FloatOrArray:
    """Bell fidelity ``F = (1 + 3w) / 4`` of a Werner pair with parameter w (inverse of `werner_parameter`).

    Parameters
    ----------
    w : Werner parameter in [0, 1].

    Examples
    --------
    >>> werner_fidelity(0.9)
    0.925
    """
    return scalar_or_array((1.0 + 3.0 * in_range("w", w, 0.0, 1.0)) / 4.0)


def swap_fidelity(f1: ArrayLike, f2: ArrayLike) -> FloatOrArray:
    """Fidelity of the pair made by entanglement swapping two Werner pairs: ``(1 + 3 w1 w2) / 4``.

    The Bell measurement and Pauli correction multiply the Werner parameters (Zukowski, Zeilinger,
    Horne, Ekert, PRL 71, 4287, 1993, doi:10.1103/PhysRevLett.71.4287).

    Parameters
    ----------
    f1, f2 : fidelities of the two input pairs, in [0.25, 1].

    Examples
    --------
    >>> round(swap_fidelity(0.925, 0.925), 4)
    0.8575
    """
    w1 = (4.0 * _fidelity("f1", f1) - 1.0) / 3.0
    w2 = (4.0 * _fidelity("f2", f2) - 1.0) / 3.0
    return scalar_or_array((1.0 + 3.0 * w1 * w2) / 4.0)


def chain_fidelity(fidelity: ArrayLike, n_links: int) -> FloatOrArray:
    """Fidelity of the end-to-end pair after swapping ``n_links`` identical Werner links: ``1/4 + 3/4 w^n``.

    Briegel, Dür, Cirac, Zoller, PRL 81, 5932 (1998), doi:10.1103/PhysRevLett.81.5932.

    Parameters
    ----------
    fidelity : fidelity F of each link, in [0.25, 1].
    n_links : number of links n, 1 <= n <= ``MAX_LINKS`` (n - 1 swaps).

    Examples
    --------
    >>> round(chain_fidelity(0.95, 4), 5)
    0.81913
    """
    n = positive_int("n_links", n_links, maximum=MAX_LINKS)
    w = (4.0 * _fidelity("fidelity", fidelity) - 1.0) / 3.0
    return scalar_or_array(0.25 + 0.75 * w**n)


@overload
def teleportation_fidelity(fidelity: float) -> float: ...
@overload
def teleportation_fidelity(fidelity: ArrayLike) -> FloatOrArray: ...
def teleportation_fidelity(fidelity: ArrayLike) -> FloatOrArray:
    """Average fidelity of teleporting a qubit with a Werner resource pair of fidelity F: ``(2F + 1) / 3``.

    Above the classical limit 2/3 exactly when F > 1/2. Horodecki, Horodecki, Horodecki, PRA 60, 1888
    (1999), doi:10.1103/PhysRevA.60.1888; classical limit: Massar & Popescu, PRL 74, 1259 (1995).

    Parameters
    ----------
    fidelity : F in [0.25, 1].

    Examples
    --------
    >>> round(teleportation_fidelity(0.9), 6)
    0.933333
    """
    return scalar_or_array((2.0 * _fidelity("fidelity", fidelity) + 1.0) / 3.0)


def bbpssw(fidelity: ArrayLike) -> tuple[FloatOrArray, FloatOrArray]:
    """One BBPSSW purification round on two Werner pairs of fidelity F: ``(F_out, p_success)``.

    ``p = F^2 + 2F(1-F)/3 + 5((1-F)/3)^2`` and ``F_out = (F^2 + ((1-F)/3)^2) / p``; the output is
    twirled back to Werner form. F improves only for F > 1/2. Bennett, Brassard, Popescu, Schumacher,
    Smolin, Wootters, PRL 76, 722 (1996), doi:10.1103/PhysRevLett.76.722.

    Parameters
    ----------
    fidelity : F in [0.25, 1].

    Examples
    --------
    >>> f, p = bbpssw(0.8)
    >>> round(f, 6), round(p, 6)
    (0.83815, 0.768889)
    """
    f = _fidelity("fidelity", fidelity)
    e = (1.0 - f) / 3.0
    p = f**2 + 2.0 * f * e + 5.0 * e**2
    return scalar_or_array((f**2 + e**2) / p), scalar_or_array(p)


def dejmps(coefficients: ArrayLike) -> tuple[np.ndarray, FloatOrArray]:
    """One DEJMPS purification round on two copies of a Bell-diagonal pair: ``(coefficients_out, p_success)``.

    With weights (A, B, C, D) of (Phi+, Psi-, Psi+, Phi-): ``N = (A + B)^2 + (C + D)^2 = p_success``,
    ``A' = (A^2 + B^2)/N``, ``B' = 2CD/N``, ``C' = (C^2 + D^2)/N``, ``D' = 2AB/N``. Deutsch, Ekert, Jozsa,
    Macchiavello, Popescu, Sanpera, PRL 77, 2818 (1996), doi:10.1103/PhysRevLett.77.2818.

    Parameters
    ----------
    coefficients : the four weights (last axis of length 4), each >= 0, summing to 1 (within 1e-9).

    Returns
    -------
    coefficients_out : array of the same shape, ordered (Phi+, Psi-, Psi+, Phi-).
    p_success : probability that the round keeps the pair.

    Examples
    --------
    >>> c, p = dejmps([0.6, 0.1, 0.1, 0.2])
    >>> c.round(6).tolist(), round(p, 2)
    ([0.637931, 0.068966, 0.086207, 0.206897], 0.58)
    """
    coeffs = bell_coefficients(coefficients)
    a, b, c, d = np.moveaxis(coeffs, -1, 0)
    n = (a + b) ** 2 + (c + d) ** 2
    out = np.stack([(a**2 + b**2) / n, 2.0 * c * d / n, (c**2 + d**2) / n, 2.0 * a * b / n], axis=-1)
    return out, scalar_or_array(n)


_BELL_VECTORS = np.array([[1, 0, 0, 1], [0, 1, -1, 0], [0, 1, 1, 0], [1, 0, 0, -1]]) / math.sqrt(2)
"""Φ+, Ψ−, Ψ+, Φ− as amplitudes over |00⟩, |01⟩, |10⟩, |11⟩ (qubit 0 on the right, as Qiskit), in DEJMPS order."""


def bell_coefficients(coefficients: ArrayLike) -> np.ndarray:
    """Bell-diagonal weights in the DEJMPS order (Φ+, Ψ−, Ψ+, Φ−), checked: each >= 0, summing to 1 within 1e-9.

    ``coefficients`` is the four weights (last axis of length 4), or a two-qubit density matrix (a
    ``qiskit.quantum_info.DensityMatrix``), whose weights ``⟨B|ρ|B⟩`` on the four Bell states are returned.
    The order is :data:`qinet.circuits.DEJMPS_ORDER` (Deutsch et al., PRL 77, 2818, 1996), not
    :data:`qinet.circuits.BELL_KINDS`. The one ``bell_coefficients`` of qinet
    (:func:`qinet.purification.bell_coefficients` is this function).

    Examples
    --------
    >>> bell_coefficients([0.5, 0.5, 0.0, 0.0])
    array([0.5, 0.5, 0. , 0. ])
    >>> from qiskit.quantum_info import DensityMatrix
    >>> bell_coefficients(DensityMatrix.from_label("01")).round(6).tolist()  # |01⟩ = (Ψ+ − Ψ−)/√2
    [0.0, 0.5, 0.5, 0.0]
    """
    if getattr(coefficients, "num_qubits", None) == 2 and hasattr(coefficients, "data"):
        rho = np.asarray(coefficients.data, dtype=complex)
        coefficients = np.real(np.einsum("ki,ij,kj->k", _BELL_VECTORS.conj(), rho, _BELL_VECTORS))
        coefficients = np.where(np.abs(coefficients) < 1e-15, 0.0, coefficients)
    elif hasattr(coefficients, "num_qubits"):
        raise ValueError(f"coefficients must be 4 weights or a two-qubit density matrix, got {coefficients!r}")
    try:
        coeffs = np.asarray(coefficients, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"coefficients must be four numbers, got {coefficients!r}") from None
    if coeffs.ndim == 0 or coeffs.shape[-1] != 4:
        raise ValueError(f"coefficients must have 4 entries (Phi+, Psi-, Psi+, Phi-), got shape {coeffs.shape}")
    in_range("coefficients", coeffs, 0.0, 1.0)
    total = coeffs.sum(axis=-1)
    if np.any(np.abs(total - 1.0) > COEFFICIENT_TOLERANCE):
        bad = float(np.ravel(total)[np.argmax(np.ravel(np.abs(total - 1.0)))])
        raise ValueError(f"coefficients must sum to 1 (within {COEFFICIENT_TOLERANCE}), got a sum of {bad!r}")
    return coeffs


def werner_coefficients(fidelity: ArrayLike) -> np.ndarray:
    """Bell-diagonal weights (F, (1-F)/3, (1-F)/3, (1-F)/3) of a Werner pair of fidelity F (last axis 4).

    Examples
    --------
    >>> werner_coefficients(0.7)
    array([0.7, 0.1, 0.1, 0.1])
    """
    f = _fidelity("fidelity", fidelity)
    e = (1.0 - f) / 3.0
    return np.stack([f, e, e, e], axis=-1)


@dataclass(frozen=True)
class Purification:
    """Result of iterated purification: fidelities before/after each round, and the cost in raw pairs.

    ``fidelities[0]`` is the input fidelity and ``fidelities[k]`` the fidelity after round k;
    ``success_probabilities[k-1]`` is the success probability of round k; ``raw_pairs`` is the expected
    number of input pairs consumed per output pair, ``2^rounds / prod(p_k)``.
    """

    protocol: str
    fidelities: np.ndarray
    success_probabilities: np.ndarray
    raw_pairs: float


def purify(fidelity: float, rounds: int, protocol: str = "dejmps") -> Purification:
    """Iterate a purification protocol on Werner input pairs of fidelity F for ``rounds`` rounds.

    Each round takes two pairs of the previous level and keeps one with probability p_k, so one output
    pair costs on average ``prod_k (2 / p_k) = 2^rounds / prod_k p_k`` raw pairs (recurrence purification,
    Deutsch et al. 1996). BBPSSW twirls back to Werner form after each round (`bbpssw`); DEJMPS keeps the
    Bell-diagonal weights (`dejmps`) and converges much faster.

    Parameters
    ----------
    fidelity : input Werner fidelity in [0.25, 1].
    rounds : number of rounds, 0 <= rounds <= ``MAX_ROUNDS``.
    protocol : ``"dejmps"`` or ``"bbpssw"``.

    Examples
    --------
    >>> r = purify(0.7, 2)
    >>> r.fidelities.round(6).tolist()
    [0.7, 0.735294, 0.845946]
    >>> round(r.raw_pairs, 2)
    9.19
    """
    proto = one_of("protocol", protocol, PROTOCOLS)
    n_rounds = positive_int("rounds", rounds, minimum=0, maximum=MAX_ROUNDS)
    coeffs = werner_coefficients(float(_fidelity("fidelity", fidelity)))
    fids, probs = [float(coeffs[0])], []
    for _ in range(n_rounds):
        if proto == "dejmps":
            coeffs, p = dejmps(coeffs)
        else:
            f_out, p = bbpssw(coeffs[0])
            coeffs = werner_coefficients(f_out)
        fids.append(float(coeffs[0]))
        probs.append(float(p))
    raw = float(np.prod(2.0 / np.asarray(probs))) if probs else 1.0
    return Purification(proto, np.array(fids), np.array(probs), raw)


def rounds_to_reach(fidelity: float, target: float, protocol: str = "dejmps", *, max_rounds: int = 200) -> int:
    """Fewest purification rounds that bring Werner pairs of fidelity F to at least ``target``.

    Purification improves a pair only above F = 1/2 (its fixed point), so F <= 1/2 with a higher target
    raises ``ValueError``; so does a target that ``max_rounds`` rounds cannot reach.

    Parameters
    ----------
    fidelity : input Werner fidelity in [0.25, 1].
    target : wanted fidelity in [0.25, 1) (1 is reached only in the limit).
    protocol : ``"dejmps"`` or ``"bbpssw"``.
    max_rounds : give up after this many rounds, 1 <= max_rounds <= ``MAX_ROUNDS``.

    Examples
    --------
    >>> rounds_to_reach(0.7, 0.95), rounds_to_reach(0.7, 0.95, "bbpssw")
    (4, 8)
    """
    f0 = float(_fidelity("fidelity", fidelity))
    goal = float(in_range("target", target, 0.25, 1.0, high_open=True))
    if goal <= f0:
        return 0
    if f0 <= 0.5:
        raise ValueError(f"fidelity must be > 0.5 to be purified towards {goal!r}, got {f0!r}")
    fids = purify(f0, positive_int("max_rounds", max_rounds, maximum=MAX_ROUNDS), protocol).fidelities
    reached = np.nonzero(fids >= goal)[0]
    if reached.size == 0:
        raise ValueError(f"target {goal!r} is not reached within max_rounds={max_rounds} rounds from {f0!r}")
    return int(reached[0])


def memory_decay(time_s: ArrayLike, t2_s: ArrayLike, *, t1_s: ArrayLike = math.inf) -> tuple[np.ndarray, np.ndarray]:
    """Decay factors ``(exp(-t/T1), exp(-t/T2))`` of a qubit stored ``time_s``, after checking ``T2 <= 2 T1``.

    ``T1`` is the energy-relaxation (amplitude-damping) time, ``T2`` the total coherence time: the
    excited-state population decays as ``exp(-t/T1)`` and the coherence as ``exp(-t/T2)``. Amplitude
    damping alone already makes the coherence decay as ``exp(-t/(2 T1))``, so a physical memory has
    ``T2 <= 2 T1`` (Nielsen & Chuang, *Quantum Computation and Quantum Information*, 2000, §8.3.5-8.3.6);
    a larger ``T2`` is refused. ``t1_s = inf`` means no energy relaxation (pure dephasing), and
    ``t2_s = inf`` (with ``t1_s = inf``) a memory that keeps its qubit forever.

    Parameters
    ----------
    time_s : storage time in s, finite and >= 0.
    t2_s : coherence time T2 in s, > 0 (``inf``: no dephasing).
    t1_s : energy-relaxation time T1 in s, >= T2 / 2 (``inf``: none).

    Examples
    --------
    >>> [round(float(x), 6) for x in memory_decay(0.5, 1.0, t1_s=2.0)]
    [0.778801, 0.606531]
    >>> memory_decay(0.5, 1.0, t1_s=0.4)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: t2_s must be <= 2 * t1_s (...), got t2_s=1.0 with t1_s=0.4
    """
    t = number("time_s", time_s, 0.0)
    t2 = in_range("t2_s", t2_s, 0.0, low_open=True)
    t1 = in_range("t1_s", t1_s, 0.0, low_open=True)
    too_long = t2 > 2.0 * t1
    if np.any(too_long):
        bad_t2 = float(np.broadcast_to(t2, too_long.shape)[too_long].ravel()[0])
        bad_t1 = float(np.broadcast_to(t1, too_long.shape)[too_long].ravel()[0])
        raise ValueError(
            "t2_s must be <= 2 * t1_s (a memory's coherence cannot outlive twice its energy relaxation), "
            f"got t2_s={bad_t2!r} with t1_s={bad_t1!r}"
        )
    return np.exp(-t / t1), np.exp(-t / t2)


def stored_bell_coefficients(
    fidelity: ArrayLike, time_s: ArrayLike, t2_s: ArrayLike, *, t1_s: ArrayLike = math.inf, qubits: int = 1
) -> np.ndarray:
    """Bell-diagonal weights (Phi+, Psi-, Psi+, Phi-) of a Werner pair after its qubit(s) wait in a memory.

    Each stored qubit undergoes amplitude damping (population ``e1 = exp(-t/T1)`` of the excited state
    kept, ``g = 1 - e1`` decayed to the ground state) and dephasing, its coherence kept as
    ``e2 = exp(-t/T2)`` (total T2, ``T2 <= 2 T1``): the standard relaxation channel, Aer's
    ``thermal_relaxation_error`` at zero temperature (Nielsen & Chuang 2000, §8.3). Writing the Werner
    pair as ``w Phi+ + (1 - w) I/4``:

    * one stored qubit: ``w ((1 + e1 + 2 e2)/4, g/4, g/4, (1 + e1 - 2 e2)/4) + (1 - w)/4 (1, 1, 1, 1)``;
      the white-noise part stays white, so the fidelity is ``(1 - w)/4 + w (1 + e1 + 2 e2)/4``;
    * both qubits stored: ``w ((1 + g^2 + e1^2 + 2 e2^2)/4, g e1/2, g e1/2, (1 + g^2 + e1^2 - 2 e2^2)/4)
      + (1 - w) ((a^2 + b^2)/2, a b, a b, (a^2 + b^2)/2)`` with ``a = (1 + g)/2``, ``b = e1/2``: amplitude
      damping pulls even the white part towards ``|00>``.

    Derived here by applying the channel to ``Phi+`` and to ``I/4`` and projecting on the Bell states (checked
    against Aer's density matrix in the tests). The result is not Bell-diagonal (amplitude damping creates
    coherences between Bell states), but swapping and fidelities only need these weights: teleporting
    through a pair acts as the Pauli channel of its Bell weights (Bowen & Bose, PRL 87, 267901, 2001).

    Parameters
    ----------
    fidelity : Werner fidelity at storage time 0, in [0.25, 1].
    time_s, t2_s, t1_s : as in `memory_decay` (``t2_s`` and ``t1_s`` may be ``inf``).
    qubits : 1 (one qubit waits) or 2 (both wait, for the same time).

    Examples
    --------
    >>> [round(float(c), 4) for c in stored_bell_coefficients(1.0, 1.0, 1.0, t1_s=1.0)]
    [0.5259, 0.158, 0.158, 0.158]
    """
    k = positive_int("qubits", qubits)
    if k > 2:
        raise ValueError(f"qubits must be 1 or 2, got {qubits!r}")
    w = (4.0 * _fidelity("fidelity", fidelity) - 1.0) / 3.0
    e1, e2 = memory_decay(time_s, t2_s, t1_s=t1_s)
    g = 1.0 - e1
    if k == 1:
        pair = ((1.0 + e1 + 2.0 * e2) / 4.0, g / 4.0, g / 4.0, (1.0 + e1 - 2.0 * e2) / 4.0)
        white: tuple[float | np.ndarray, ...] = (0.25, 0.25, 0.25, 0.25)
    else:
        a, b = (1.0 + g) / 2.0, e1 / 2.0
        even = 1.0 + g**2 + e1**2
        pair = ((even + 2.0 * e2**2) / 4.0, g * e1 / 2.0, g * e1 / 2.0, (even - 2.0 * e2**2) / 4.0)
        white = ((a**2 + b**2) / 2.0, a * b, a * b, (a**2 + b**2) / 2.0)
    return np.stack(np.broadcast_arrays(*(w * p + (1.0 - w) * q for p, q in zip(pair, white, strict=True))), axis=-1)


def stored_fidelity(
    fidelity: ArrayLike,
    time_s: ArrayLike,
    t2_s: ArrayLike,
    *,
    t1_s: ArrayLike = math.inf,
    qubits: int = 1,
) -> FloatOrArray:
    """Fidelity of a Werner pair after its qubit(s) wait ``time_s`` in a memory with coherence time T2 (and T1).

    One stored half of a perfect pair keeps ``F = [1 + exp(-t/T1) + 2 exp(-t/T2)] / 4``; with Werner input
    (parameter ``w``) ``F = (1 - w)/4 + w [1 + exp(-t/T1) + 2 exp(-t/T2)] / 4``. With ``t1_s = inf`` (pure
    dephasing) this is ``(1 - w)/4 + w (1 + exp(-t/T2))/2``; ignoring a finite T1 overestimates F by
    ``w (1 - exp(-t/T1))/4``. Both qubits stored: see `stored_bell_coefficients`, of which this is the first
    weight. T2 is the total coherence time, ``T2 <= 2 T1`` (refused otherwise, `memory_decay`). Relaxation
    channel as in Nielsen & Chuang, *Quantum Computation and Quantum Information* (2000), §8.3.

    Parameters
    ----------
    fidelity : Werner fidelity at storage time 0, in [0.25, 1].
    time_s : storage time in s, finite and >= 0.
    t2_s : coherence time T2 in s, > 0 (``inf``: no dephasing).
    t1_s : energy-relaxation time T1 in s, >= T2 / 2 (default ``inf``: pure dephasing).
    qubits : 1 (one qubit waits) or 2 (both qubits wait).

    Examples
    --------
    >>> round(stored_fidelity(1.0, 0.1, 1.0), 6)
    0.952419
    >>> round(stored_fidelity(1.0, 0.1, 1.0, t1_s=1.0), 6)
    0.928628
    """
    return scalar_or_array(stored_bell_coefficients(fidelity, time_s, t2_s, t1_s=t1_s, qubits=qubits)[..., 0])
