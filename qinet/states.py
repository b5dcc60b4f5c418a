"""Bell-diagonal algebra: Werner pairs, swapping, teleportation, purification and memory decay.

Analytic formulas only (no circuits). A Werner pair of fidelity F is
``rho = w |Phi+><Phi+| + (1 - w) I/4`` with ``w = (4F - 1)/3``. Bell-diagonal weights are ordered
(Phi+, Psi-, Psi+, Phi-), as in Deutsch et al. (1996). Functions of fidelities broadcast over arrays;
scalars in give floats out.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from qinet._validate import in_range, one_of, positive_int, scalar_or_array

FloatOrArray = float | np.ndarray
PROTOCOLS = ("dejmps", "bbpssw")
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
    n_links : number of links n >= 1 (n - 1 swaps).

    Examples
    --------
    >>> round(chain_fidelity(0.95, 4), 5)
    0.81913
    """
    n = positive_int("n_links", n_links)
    w = (4.0 * _fidelity("fidelity", fidelity) - 1.0) / 3.0
    return scalar_or_array(0.25 + 0.75 * w**n)


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


def bell_coefficients(coefficients: ArrayLike) -> np.ndarray:
    """Check Bell-diagonal weights (last axis of length 4, each >= 0, summing to 1 within 1e-9); return them.

    Examples
    --------
    >>> bell_coefficients([0.5, 0.5, 0.0, 0.0])
    array([0.5, 0.5, 0. , 0. ])
    """
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
    rounds : number of rounds, >= 0.
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
    n_rounds = positive_int("rounds", rounds, minimum=0)
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
    max_rounds : give up after this many rounds.

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
    fids = purify(f0, positive_int("max_rounds", max_rounds), protocol).fidelities
    reached = np.nonzero(fids >= goal)[0]
    if reached.size == 0:
        raise ValueError(f"target {goal!r} is not reached within max_rounds={max_rounds} rounds from {f0!r}")
    return int(reached[0])


def stored_fidelity(
    fidelity: ArrayLike,
    time_s: ArrayLike,
    t2_s: ArrayLike,
    *,
    qubits: int = 1,
    channel: str = "dephasing",
) -> FloatOrArray:
    """Fidelity of a Werner pair after its qubit(s) wait ``time_s`` in a memory.

    * ``channel="dephasing"`` (pure dephasing, coherence x exp(-t/T2) per stored qubit):
      ``F(t) = (1 - w)/4 + w (1 + d)/2`` with ``d = exp(-k t / T2)``, k = number of stored qubits;
      a perfect pair gives ``(1 + exp(-t/T2))/2``.
    * ``channel="depolarizing"`` (each stored qubit depolarizes as ``lambda rho + (1-lambda) I/2``,
      ``lambda = exp(-t/T)`` with T given as ``t2_s``): ``F(t) = 1/4 + 3/4 w exp(-k t / T)``.

    Standard quantum-channel results (Nielsen & Chuang, *Quantum Computation and Quantum Information*,
    2000, ch. 8); the white-noise part of the Werner pair is unchanged by both channels.

    Parameters
    ----------
    fidelity : Werner fidelity at storage time 0, in [0.25, 1].
    time_s : storage time in s, >= 0.
    t2_s : coherence time T2 (or depolarizing time T) in s, > 0.
    qubits : 1 (one qubit waits) or 2 (both qubits wait).
    channel : ``"dephasing"`` or ``"depolarizing"``.

    Examples
    --------
    >>> round(stored_fidelity(1.0, 0.1, 1.0), 6)
    0.952419
    >>> round(stored_fidelity(1.0, 0.1, 1.0, channel="depolarizing"), 6)
    0.928628
    """
    kind = one_of("channel", channel, ("dephasing", "depolarizing"))
    k = positive_int("qubits", qubits)
    if k > 2:
        raise ValueError(f"qubits must be 1 or 2, got {qubits!r}")
    w = (4.0 * _fidelity("fidelity", fidelity) - 1.0) / 3.0
    t = in_range("time_s", time_s, 0.0)
    t2 = in_range("t2_s", t2_s, 0.0, low_open=True)
    decay = np.exp(-k * t / t2)
    if kind == "dephasing":
        return scalar_or_array((1.0 - w) / 4.0 + w * (1.0 + decay) / 2.0)
    return scalar_or_array(0.25 + 0.75 * w * decay)
