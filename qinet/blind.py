"""Universal blind quantum computing (UBQC) on a linear cluster, run on Aer, with a trap round.

Broadbent, Fitzsimons, Kashefi, "Universal blind quantum computation", FOCS 2009 (arXiv:0807.4154).
The client wants the server to run a measurement pattern with secret angles ``φ_i`` without learning them:

1. the client prepares every qubit as ``|+_θ⟩ = (|0⟩ + e^{iθ}|1⟩)/√2`` with a secret random
   ``θ ∈ {0, π/4, …, 7π/4}`` and sends it; the server entangles the qubits with CZ gates (a line);
2. for each qubit in turn the client computes the adapted angle ``φ′ = (−1)^{s_X} φ + s_Z π`` from
   earlier results, picks a secret random bit ``r``, and tells the server ``δ = φ′ + θ + rπ`` (mod 2π);
3. the server measures at angle δ (basis ``|±_δ⟩``) and reports the bit ``b``; the client keeps
   ``s = b ⊕ r``.

Because θ is uniform and independent of everything else, δ is uniform over the eight angles whatever
φ is: the server learns nothing about the computation, and the output bit it sees is one-time padded.

How we simulate it (one Aer circuit, no shot-by-shot Python loop): the client's random θ and r are
drawn inside the circuit, per shot, from a reused ancilla qubit (H, measure, reset); the client's
adaptive classical computation of δ is modelled with ``if_test`` blocks that set the server's
measurement rotation ``P(−δ)`` from the recorded bits (the client's secrets and the server's earlier
outcomes). Every shot is therefore one complete, independent run of the protocol, and the δ the
server was told is rebuilt afterwards from the same recorded bits with the formula above.

Measuring a qubit of the line at angle α teleports the state to its neighbour as ``X^s H P(−α)``
(Raussendorf & Briegel, PRL 86, 5188, 2001), so the pattern's measurement angle is ``φ_i = −angle_i``
for the gate ``H·Rz(angle_i)`` (``Rz(a) ∝ P(a) = diag(1, e^{ia})``). Byproducts: ``s_X`` of qubit i is
``s_{i−1}``, ``s_Z`` is ``s_{i−2}``; the output qubit is measured in Z and decoded as ``b_out ⊕ s_{n−1}``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike
from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister
from qiskit.circuit import Clbit, Qubit
from qiskit.circuit.classical import expr
from scipy import stats

from qinet import sim
from qinet._validate import in_range, positive_int, probability

if TYPE_CHECKING:
    from qiskit_aer import AerSimulator

EIGHTH = math.pi / 4
MAX_ANGLES = 10


def ubqc_delta(phi: float, s_x: int, s_z: int, theta: float, r: int) -> float:
    """The angle the server is told: ``δ = (−1)^{s_X} φ + s_Z π + θ + rπ`` mod 2π (BFK 2009).

    Examples
    --------
    >>> ubqc_delta(math.pi / 4, 1, 0, 3 * math.pi / 4, 1) / math.pi  # worked example
    1.5
    """
    for name, bit in (("s_x", s_x), ("s_z", s_z), ("r", r)):
        if bit not in (0, 1):
            raise ValueError(f"{name} must be 0 or 1, got {bit!r}")
    phi = float(in_range("phi", phi))
    theta = float(in_range("theta", theta))
    return float(((-1) ** s_x * phi + s_z * math.pi + theta + r * math.pi) % (2 * math.pi))


def _eighths(angles: ArrayLike) -> tuple[int, ...]:
    arr = np.atleast_1d(in_range("angles", angles)).astype(float).ravel()
    if not 1 <= arr.size <= MAX_ANGLES:
        raise ValueError(f"angles must hold 1 to {MAX_ANGLES} angles, got {arr.size}")
    k = arr / EIGHTH
    off = np.abs(k - np.round(k)) > 1e-9
    if off.any():
        raise ValueError(f"angles must be multiples of π/4 (the UBQC angle set {{kπ/4}}), got {arr[off][0]!r}")
    return tuple(int(v) % 8 for v in np.round(k))


def ideal_probabilities(angles: ArrayLike) -> np.ndarray:
    """Z-basis probabilities ``[p(0), p(1)]`` of ``∏ H·Rz(angle_i) |+⟩`` (first angle applied first).

    Examples
    --------
    >>> ideal_probabilities([math.pi / 4]).round(6).tolist()  # (1 ± cos π/4)/2
    [0.853553, 0.146447]
    >>> ideal_probabilities([math.pi / 4, 0.0]).round(6).tolist()  # H·H = I: only the phase is left
    [0.5, 0.5]
    """
    state = np.array([1.0, 1.0], dtype=complex) / math.sqrt(2)
    hadamard = np.array([[1, 1], [1, -1]]) / math.sqrt(2)
    for k in _eighths(angles):
        state = hadamard @ (np.array([1.0, np.exp(1j * k * EIGHTH)]) * state)
    return np.abs(state) ** 2


def _draw(qc: QuantumCircuit, rng_qubit: Qubit, bit: Clbit, p_one: float = 0.5) -> None:
    """The client's (or cheating server's) coin: a fresh random bit with P(1) = p_one, from the ancilla."""
    qc.ry(2 * math.asin(math.sqrt(p_one)), rng_qubit)
    qc.measure(rng_qubit, bit)
    qc.reset(rng_qubit)


def _xor(a: Clbit, b: Clbit) -> expr.Expr:
    return expr.bit_xor(a, b)


@lru_cache(maxsize=128)
def _round_circuit(
    alpha: tuple[int, ...], trap: int | None, cheat_angle: float, cheat_fraction: float
) -> QuantumCircuit:
    """One UBQC round on ``len(alpha) + 1`` qubits: computation (``trap=None``) or a trap round.

    ``alpha`` are the measurement angles in units of π/4. In a trap round every qubit but ``trap`` is a
    dummy ``|d⟩`` (random bit d) and the trap's δ absorbs the Z kicks of its dummy neighbours.
    """
    m = len(alpha)
    server, coin = QuantumRegister(m + 1, "server"), QuantumRegister(1, "client_rng")
    theta, r, b, out = (
        ClassicalRegister(m * 3, "theta"),
        ClassicalRegister(m, "r"),
        ClassicalRegister(m, "b"),
        ClassicalRegister(1, "out"),
    )
    regs = [server, coin, theta, r]
    dummy = ClassicalRegister(m + 1, "d") if trap is not None else None
    cheat = ClassicalRegister(m, "cheat") if cheat_angle and cheat_fraction else None
    regs += [x for x in (dummy, cheat) if x is not None] + [b, out]
    qc = QuantumCircuit(*regs, name="ubqc_trap" if trap is not None else "ubqc")
    for i in range(m + 1):  # the client prepares and sends every qubit
        if dummy is not None and i != trap:
            _draw(qc, coin[0], dummy[i])
            with qc.if_test((dummy[i], 1)):
                qc.x(server[i])
            continue
        qc.h(server[i])
        if i < m:
            for j in range(3):
                _draw(qc, coin[0], theta[3 * i + j])
                with qc.if_test((theta[3 * i + j], 1)):
                    qc.p(EIGHTH * 2**j, server[i])
    for i in range(m):
        if dummy is not None and i != trap:
            for j in range(3):
                _draw(qc, coin[0], theta[3 * i + j])
        _draw(qc, coin[0], r[i])
    if cheat is not None:
        for i in range(m):
            _draw(qc, coin[0], cheat[i], cheat_fraction)
    qc.barrier(label="server")
    for i in range(m):
        qc.cz(server[i], server[i + 1])
    for i in range(m):  # the server measures at δ_i: rotate by P(−δ_i), then H and Z measurement
        q = server[i]
        for j in range(3):
            with qc.if_test((theta[3 * i + j], 1)):
                qc.p(-EIGHTH * 2**j, q)
        with qc.if_test((r[i], 1)):
            qc.z(q)
        if dummy is None:  # φ′ = (−1)^{s_X} φ + s_Z π, with s = b ⊕ r of the two previous qubits
            if i == 0:
                qc.p(-alpha[i] * EIGHTH, q)
            else:
                with qc.if_test(_xor(b[i - 1], r[i - 1])) as otherwise:
                    qc.p(alpha[i] * EIGHTH, q)
                with otherwise:
                    qc.p(-alpha[i] * EIGHTH, q)
            if i >= 2:
                with qc.if_test(_xor(b[i - 2], r[i - 2])):
                    qc.z(q)
        elif i == trap:  # undo the Z kicks from dummy neighbours in state |1⟩
            for nb in (i - 1, i + 1):
                if nb >= 0:
                    with qc.if_test((dummy[nb], 1)):
                        qc.z(q)
        if cheat is not None:
            with qc.if_test((cheat[i], 1)):
                qc.p(-cheat_angle, q)
        qc.h(q)
        qc.measure(q, b[i])
    qc.measure(server[m], out[0])
    return qc


def ubqc_circuit(angles: ArrayLike, *, cheat_angle: float = 0.0, cheat_fraction: float = 0.0) -> QuantumCircuit:
    """The Aer circuit of one computation round of :func:`blind_rotations` (for drawing and inspection).

    Registers: ``server`` (the line of qubits), ``client_rng`` (the client's coin), ``theta`` (three bits
    per qubit, θ = π/4·(t₀ + 2t₁ + 4t₂)), ``r``, ``b`` (the server's reported outcomes) and ``out``.

    Examples
    --------
    >>> ubqc_circuit([math.pi / 4]).num_qubits
    3
    """
    alpha = tuple((-k) % 8 for k in _eighths(angles))
    return _round_circuit(alpha, None, *_checked_cheat(cheat_angle, cheat_fraction)).copy()


def _backend() -> AerSimulator:
    """Aer's statevector method: about 1.5× faster than "automatic" for these small feed-forward circuits."""
    return sim.default_backend(method="statevector")


def _bits(key: str, qc: QuantumCircuit) -> dict[str, list[int]]:
    """Split a counts key into registers, each as a list indexed by bit position."""
    parts = key.split()
    names = [reg.name for reg in qc.cregs][::-1]
    return {name: [int(c) for c in reversed(part)] for name, part in zip(names, parts, strict=True)}


@dataclass(frozen=True)
class BlindResult:
    """A blind run: what the client computed and what the server was shown."""

    angles: tuple[float, ...]
    shots: int
    deltas: np.ndarray  #: (shots, n) angles told to the server, radians, multiples of π/4
    output_counts: dict[str, int]  #: the client's decoded output bit
    ideal_probabilities: np.ndarray  #: [p(0), p(1)] of the intended computation
    server_output_counts: dict[str, int]  #: the raw Z outcome the server saw (one-time padded)
    cheat_angle: float = 0.0
    cheat_fraction: float = 0.0


def _checked_cheat(cheat_angle: float, cheat_fraction: float) -> tuple[float, float]:
    return (
        float(in_range("cheat_angle", cheat_angle, 0.0, math.pi)),
        float(probability("cheat_fraction", cheat_fraction)),
    )


def blind_rotations(
    angles: ArrayLike,
    *,
    shots: int = 1024,
    seed: int | None = None,
    cheat_angle: float = 0.0,
    cheat_fraction: float = 0.0,
) -> BlindResult:
    """Run ``H·Rz(angle)`` for each angle in turn on |+⟩, blindly, on a line of ``len(angles) + 1`` qubits.

    UBQC of Broadbent, Fitzsimons, Kashefi (FOCS 2009); see the module notes for the simulation.

    Parameters
    ----------
    angles : 1 to 10 angles in radians, each a multiple of π/4 (the UBQC set); others raise ValueError.
    shots : protocol runs (each with fresh secrets θ, r).
    seed : simulator seed; the same seed gives the same result.
    cheat_angle : a deviating server measures a qubit at δ + cheat_angle instead of δ, rad in [0, π].
    cheat_fraction : probability that it deviates on each qubit, in [0, 1].

    Examples
    --------
    >>> res = blind_rotations([math.pi / 4, math.pi / 2], shots=400, seed=11)
    >>> res.ideal_probabilities.round(4).tolist()
    [0.8536, 0.1464]
    >>> res.deltas.shape, abs(res.output_counts["0"] / 400 - 0.8536) < 0.1
    ((400, 2), True)
    """
    alpha = tuple((-k) % 8 for k in _eighths(angles))
    shots = positive_int("shots", shots)
    cheat_angle, cheat_fraction = _checked_cheat(cheat_angle, cheat_fraction)
    qc = _round_circuit(alpha, None, cheat_angle, cheat_fraction)
    counts = sim.run(qc, shots, seed=seed, backend=_backend())
    m = len(alpha)
    deltas, output, server_out = [], {"0": 0, "1": 0}, {"0": 0, "1": 0}
    for key, n in counts.items():
        reg = _bits(key, qc)
        s = [reg["b"][i] ^ reg["r"][i] for i in range(m)]
        row = []
        for i in range(m):
            x = s[i - 1] if i >= 1 else 0
            z = s[i - 2] if i >= 2 else 0
            th = reg["theta"][3 * i] + 2 * reg["theta"][3 * i + 1] + 4 * reg["theta"][3 * i + 2]
            row.append(((-1) ** x * alpha[i] + 4 * z + th + 4 * reg["r"][i]) % 8)
        deltas += [row] * n
        output[str(reg["out"][0] ^ s[m - 1])] += n
        server_out[str(reg["out"][0])] += n
    return BlindResult(
        tuple(k * EIGHTH for k in _eighths(angles)),
        shots,
        np.array(deltas) * EIGHTH,
        output,
        ideal_probabilities(angles),
        server_out,
        cheat_angle,
        cheat_fraction,
    )


def delta_histogram(deltas: np.ndarray) -> np.ndarray:
    """Counts of each of the eight δ values, per measured qubit: shape ``(n, 8)``.

    Examples
    --------
    >>> delta_histogram(np.array([[0.0], [math.pi / 4]])).tolist()
    [[1, 1, 0, 0, 0, 0, 0, 0]]
    """
    k = np.round(np.asarray(deltas, dtype=float) / EIGHTH).astype(int) % 8
    return np.stack([np.bincount(col, minlength=8) for col in np.atleast_2d(k).T])


def uniformity_test(deltas: np.ndarray) -> tuple[float, float]:
    """Pearson χ² test that every qubit's δ is uniform over the 8 angles: ``(χ², p-value)``, 7n dof.

    Examples
    --------
    >>> chi2, p = uniformity_test(np.arange(800).reshape(-1, 1) % 8 * EIGHTH)
    >>> chi2, p
    (0.0, 1.0)
    """
    hist = delta_histogram(deltas)
    expected = hist.sum(axis=1, keepdims=True) / 8
    chi2 = float(((hist - expected) ** 2 / expected).sum())
    return chi2, float(stats.chi2.sf(chi2, 7 * hist.shape[0]))


def detection_probability(cheat_angle: float, cheat_fraction: float = 1.0, trap_rounds: int = 1) -> float:
    """Chance that ``trap_rounds`` single-trap rounds catch a server deviating by ``cheat_angle``.

    A trap ``|+_θ⟩`` measured at ``δ = θ + rπ`` gives ``b = r`` for sure; measured at ``δ + ε`` it gives
    the wrong bit with probability ``sin²(ε/2)``. A server that deviates on each qubit with probability
    ``f`` (not knowing which one is the trap) is caught in one round with ``p = f sin²(ε/2)`` and in k
    rounds with ``1 − (1 − p)^k``. A one-trap simplification of the traps of Fitzsimons & Kashefi,
    "Unconditionally verifiable blind quantum computation", PRA 96, 012303 (2017).

    Examples
    --------
    >>> round(detection_probability(math.pi / 2), 6)
    0.5
    >>> round(detection_probability(math.pi, 0.5, trap_rounds=3), 6)
    0.875
    """
    eps, f = _checked_cheat(cheat_angle, cheat_fraction)
    k = positive_int("trap_rounds", trap_rounds)
    return 1 - (1 - f * math.sin(eps / 2) ** 2) ** k


@dataclass(frozen=True)
class TrapResult:
    """Trap rounds on Aer: how often the hidden test qubit caught the server."""

    n_qubits: int
    cheat_angle: float
    cheat_fraction: float
    shots: int
    detection_rate: float  #: fraction of rounds whose trap gave the wrong bit
    stderr: float
    predicted: float  #: :func:`detection_probability` for one round
    deltas: np.ndarray  #: (shots, n_qubits − 1) angles told to the server, as in a computation round


def trap_rounds(
    n_qubits: int = 3,
    *,
    cheat_angle: float = 0.0,
    cheat_fraction: float = 1.0,
    shots: int = 1024,
    seed: int | None = None,
) -> TrapResult:
    """Run trap rounds on a line of ``n_qubits`` qubits, the trap hidden uniformly among the measured ones.

    Each measured position in turn holds the trap ``|+_θ⟩`` (``shots`` is rounded up to split evenly over
    the positions, all in one Aer call) and every other qubit
    is a dummy ``|0⟩`` or ``|1⟩``; the server is told uniform δ everywhere, exactly as in a computation
    round, so it cannot tell the rounds apart.

    Examples
    --------
    >>> res = trap_rounds(3, cheat_angle=math.pi, shots=200, seed=2)
    >>> res.detection_rate, res.predicted
    (1.0, 1.0)
    """
    n = positive_int("n_qubits", n_qubits, minimum=2)
    if n - 1 > MAX_ANGLES:
        raise ValueError(f"n_qubits must be 2 to {MAX_ANGLES + 1}, got {n}")
    shots = positive_int("shots", shots)
    eps, f = _checked_cheat(cheat_angle, cheat_fraction)
    m = n - 1
    circuits = [_round_circuit((0,) * m, t, eps, f) for t in range(m)]
    per_position = -(-shots // m)
    shots = per_position * m
    results = sim.run(circuits, per_position, seed=seed, backend=_backend())
    caught, deltas = 0, []
    for t, (qc, counts) in enumerate(zip(circuits, results, strict=True)):
        for key, cnt in counts.items():
            reg = _bits(key, qc)
            caught += cnt * (reg["b"][t] != reg["r"][t])
            row = []
            for i in range(m):
                th = reg["theta"][3 * i] + 2 * reg["theta"][3 * i + 1] + 4 * reg["theta"][3 * i + 2]
                kicks = sum(reg["d"][nb] for nb in (i - 1, i + 1) if nb >= 0) if i == t else 0
                row.append((th + 4 * reg["r"][i] + 4 * kicks) % 8)
            deltas += [row] * cnt
    rate = caught / shots
    return TrapResult(
        n,
        eps,
        f,
        shots,
        rate,
        math.sqrt(rate * (1 - rate) / shots),
        detection_probability(eps, f),
        np.array(deltas) * EIGHTH,
    )
