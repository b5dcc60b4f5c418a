"""Entanglement experiments on Aer: Bell-pair correlations, the CHSH value, and the optimal cloner.

Circuits come from :mod:`qinet.circuits` (:func:`~qinet.circuits.correlation_circuit`: a Bell pair, then each
half measured along its angle); every run goes through :func:`qinet.sim.sample`, read by register name.
Measuring "along angle a" means measuring the observable ``cos(a) Z + sin(a) X`` (a direction in
the X–Z plane of the Bloch sphere): the circuit rotates by ``Ry(-a)`` and measures Z.

For a Bell state mixed with white noise, ``ρ = V |B><B| + (1 - V) I/4`` (visibility V, Werner
parameter), the correlation is ``E(a, b) = V (zz cos a cos b + xx sin a sin b)`` with
``(zz, xx) = (<ZZ>, <XX>)`` = (1, 1) for Φ+, (1, -1) for Φ−, (-1, 1) for Ψ+ and (-1, -1) for Ψ−
(Nielsen & Chuang 2010, §2.6). The CHSH combination at the optimal angles gives
``S = 2√2 V`` (Clauser, Horne, Shimony, Holt, PRL 23, 880 (1969); Tsirelson 1980).

Violating CHSH is sufficient, not necessary, for entanglement: a Werner pair is entangled exactly when
V > 1/3 (its partial transpose has a negative eigenvalue: Peres, PRL 77, 1413 (1996); Horodecki,
Horodecki, Horodecki, Phys. Lett. A 223, 1 (1996)) but violates CHSH only when V > 1/√2 (the
Horodecki criterion, Phys. Lett. A 200, 340 (1995)). :func:`werner_region` names the three regions;
:func:`pair_state`, :func:`partial_transpose_min_eigenvalue` and :func:`max_chsh` compute both
criteria from a density matrix, independently of the thresholds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, overload

import numpy as np
from numpy.typing import ArrayLike
from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister

from qinet import sim
from qinet._validate import boolean, in_range, number, one_of, positive_int, probability, scalar_or_array
from qinet.circuits import BELL_KINDS, bell_pair, correlation_circuit
from qinet.stats import binomial_stderr

if TYPE_CHECKING:
    from qiskit.quantum_info import DensityMatrix

BELL_STATES = BELL_KINDS
"""The Bell states by name, in :data:`qinet.circuits.BELL_KINDS` order."""
_ZZ_XX = {"phi+": (1, 1), "phi-": (1, -1), "psi+": (-1, 1), "psi-": (-1, -1)}
CHSH_ANGLES = (0.0, math.pi / 2, math.pi / 4, -math.pi / 4)
"""Alice's a0, a1 and Bob's b0, b1 (rad) that maximise S for Φ+."""
LOCAL_BOUND = 2.0
"""Largest |S| of any local hidden-variable model (Clauser, Horne, Shimony, Holt 1969)."""
TSIRELSON_BOUND = 2.0 * math.sqrt(2.0)
"""Largest |S| quantum mechanics allows (Tsirelson, Lett. Math. Phys. 4, 93 (1980))."""
ENTANGLED_VISIBILITY = 1.0 / 3.0
"""A Werner pair is entangled exactly when V > 1/3, i.e. F > 1/2 (Peres 1996; Horodecki et al. 1996)."""
CHSH_VISIBILITY = 1.0 / math.sqrt(2.0)
"""A Werner pair violates CHSH exactly when V > 1/√2 (Horodecki, Horodecki, Horodecki 1995)."""
_MAX_COPIES = 10**6  # copies or cloner stages: beyond this every fidelity equals its limit to 15 digits
WERNER_REGIONS = ("separable", "entangled, no CHSH violation", "violates CHSH")


@dataclass(frozen=True)
class CorrelationResult:
    """Both halves of a Bell pair measured along ``alice_angle`` and ``bob_angle`` (rad)."""

    kind: str
    alice_angle: float
    bob_angle: float
    visibility: float
    shots: int
    counts: dict[str, int]
    """Keys ``'ba'``: Bob's bit on the left, Alice's on the right (Qiskit order)."""
    correlation: float
    """Measured E = P(same) - P(different)."""
    stderr: float
    predicted: float


@dataclass(frozen=True)
class CHSHResult:
    """A CHSH value measured from data: ``chsh`` = S (|S| for E91) and its standard error ``chsh_error``.

    The one CHSH result type of qinet (:func:`chsh` here, :func:`qinet.e91.estimate_chsh` and
    :func:`qinet.e91.chsh_test`). ``correlators[(x, y)]`` is E for Alice's setting x and Bob's y over
    ``rounds[(x, y)]`` rounds; each has the binomial standard error ``√((1 − E²)/n)`` and
    ``chsh_error = √(Σ σ_E²)``. ``visibility`` and ``predicted`` (2√2 V; any local hidden-variable model
    gives |S| ≤ 2) are set when the pair was a Werner pair of known visibility.
    """

    chsh: float
    chsh_error: float
    correlators: dict[tuple[int, int], float]
    rounds: dict[tuple[int, int], int]
    visibility: float | None = None
    predicted: float | None = None


@dataclass(frozen=True)
class CloneResult:
    """The Bužek–Hillery cloner applied to ``U(theta, phi, 0)|0>``; fidelities of both outputs."""

    theta: float
    phi: float
    shots: int
    counts: dict[str, int]
    fidelity_original: float
    fidelity_copy: float
    stderr: float
    """Binomial standard error of each measured fidelity (from their mean)."""
    predicted: float


def _number(name: str, value: ArrayLike, low: float = -math.inf, high: float = math.inf) -> float:
    """One number in [low, high], or a ValueError naming the parameter."""
    arr = in_range(name, value, low, high)
    if arr.ndim:
        raise ValueError(f"{name} must be a single number in [{low}, {high}], got an array of shape {arr.shape}")
    return float(arr)


@overload
def predicted_correlation(kind: str, alice_angle: float, bob_angle: float, visibility: float = 1.0) -> float: ...
@overload
def predicted_correlation(
    kind: str, alice_angle: ArrayLike, bob_angle: ArrayLike, visibility: ArrayLike = 1.0
) -> float | np.ndarray: ...
def predicted_correlation(
    kind: str, alice_angle: ArrayLike, bob_angle: ArrayLike, visibility: ArrayLike = 1.0
) -> float | np.ndarray:
    """Correlation ``E(a, b) = V (zz cos a cos b + xx sin a sin b)`` of a noisy Bell state.

    Parameters
    ----------
    kind : {"phi+", "phi-", "psi+", "psi-"}
    alice_angle, bob_angle : float or array, rad
    visibility : float or array in [0, 1]

    Examples
    --------
    >>> round(predicted_correlation("phi+", 0.0, math.pi / 4), 6)
    0.707107
    >>> predicted_correlation("psi-", 0.3, 0.3)
    -1.0
    """
    zz, xx = _ZZ_XX[one_of("kind", kind, BELL_STATES)]
    a = number("alice_angle", alice_angle)
    b = number("bob_angle", bob_angle)
    v = probability("visibility", visibility)
    return scalar_or_array(v * (zz * np.cos(a) * np.cos(b) + xx * np.sin(a) * np.sin(b)))


def bell_correlation_circuit(
    kind: str, alice_angle: float, bob_angle: float, visibility: float = 1.0
) -> QuantumCircuit:
    """A Bell pair ``kind`` (qubit 0 Alice's, qubit 1 Bob's), each half measured along its angle (rad).

    With ``visibility`` V < 1 the pair is ``V |B><B| + (1 - V) I/4`` (a Pauli channel on Bob's half).
    This is :func:`qinet.circuits.correlation_circuit`; the register ``outcome`` holds Alice's bit
    (bit 0) and Bob's (bit 1).

    The circuit is a fresh copy: editing it changes nothing that :func:`correlation` runs.

    Examples
    --------
    >>> bell_correlation_circuit("psi-", 0.0, math.pi / 2).num_clbits
    2
    """
    return _bell_correlation_circuit(
        one_of("kind", kind, BELL_STATES),
        _number("alice_angle", alice_angle),
        _number("bob_angle", bob_angle),
        _number("visibility", visibility, 0.0, 1.0),
    ).copy()


@lru_cache(maxsize=512)  # shared: never hand these out (bell_correlation_circuit returns a copy)
def _bell_correlation_circuit(kind: str, alice_angle: float, bob_angle: float, visibility: float) -> QuantumCircuit:
    return correlation_circuit(alice_angle, bob_angle, visibility=visibility, kind=kind)


def _agree(samples: sim.Samples) -> np.ndarray:
    """Per shot: did Alice's bit equal Bob's? (register ``outcome``: bit 0 Alice's, bit 1 Bob's)."""
    bits = samples.bits("outcome")
    return bits[:, 0] == bits[:, 1]


def _correlation(samples: sim.Samples) -> tuple[float, float]:
    """E = P(same) − P(different) = 2 P(same) − 1 and its standard error 2 √(p(1 − p)/n)."""
    same = float(np.mean(_agree(samples)))
    return 2.0 * same - 1.0, 2.0 * float(binomial_stderr(same, samples.shots))


def correlation_scan(
    kind: str,
    alice_angle: float,
    bob_angles: ArrayLike,
    *,
    visibility: float = 1.0,
    shots: int = 1024,
    seed: int | None = None,
) -> list[CorrelationResult]:
    """Measure E(a, b) on Aer for one Alice angle and several Bob angles (rad).

    Examples
    --------
    >>> [r.correlation for r in correlation_scan("phi+", 0.0, [0.0, math.pi], shots=200, seed=1)]
    [1.0, -1.0]
    """
    shots = positive_int("shots", shots)
    kind = one_of("kind", kind, BELL_STATES)
    alice_angle = _number("alice_angle", alice_angle)
    visibility = _number("visibility", visibility, 0.0, 1.0)
    angles = [float(b) for b in np.ravel(in_range("bob_angles", bob_angles))]
    circuits = [_bell_correlation_circuit(kind, alice_angle, b, visibility) for b in angles]
    runs = sim.sample(circuits, shots=shots, seed=seed)  # one Aer job; Aer gives each circuit its own seed
    results = []
    for b, samples in zip(angles, runs, strict=True):
        e, err = _correlation(samples)
        results.append(
            CorrelationResult(
                kind,
                alice_angle,
                b,
                visibility,
                shots,
                samples.counts("outcome"),
                e,
                err,
                predicted_correlation(kind, alice_angle, b, visibility),
            )
        )
    return results


def correlation(
    kind: str = "phi+",
    alice_angle: float = 0.0,
    bob_angle: float = 0.0,
    *,
    visibility: float = 1.0,
    shots: int = 1024,
    seed: int | None = None,
) -> CorrelationResult:
    """Measure both halves of a Bell pair along the given angles on Aer; E = P(same) - P(different).

    Examples
    --------
    >>> r = correlation("phi+", 0.0, math.pi / 3, shots=4000, seed=7)
    >>> round(r.predicted, 6), abs(r.correlation - r.predicted) < 4 * r.stderr
    (0.5, True)
    """
    bob_angle = _number("bob_angle", bob_angle)
    return correlation_scan(kind, alice_angle, [bob_angle], visibility=visibility, shots=shots, seed=seed)[0]


@lru_cache(maxsize=256)  # shared: only ever run, never handed out
def _chsh_circuits(visibility: float) -> tuple[QuantumCircuit, ...]:
    from qinet.circuits import bell_measurement_circuits

    a0, a1, b0, b1 = CHSH_ANGLES
    return tuple(bell_measurement_circuits((a0, a1), (b0, b1), visibility=visibility))


def predicted_chsh(visibility: ArrayLike) -> float | np.ndarray:
    """CHSH value of Φ+ mixed with white noise to ``visibility`` V at the optimal settings: ``S = 2√2 V``.

    Every correlator scales by V (Werner 1989), so Tsirelson's 2√2 (1980) shrinks to 2√2 V, which beats
    the local bound 2 of Clauser, Horne, Shimony and Holt (1969) only for V > 1/√2.

    Examples
    --------
    >>> round(predicted_chsh(1.0), 6), round(predicted_chsh(0.9), 6)
    (2.828427, 2.545584)
    """
    return scalar_or_array(2 * math.sqrt(2) * probability("visibility", visibility))


def chsh(visibility: float = 1.0, *, shots: int = 1024, seed: int | None = None) -> CHSHResult:
    """Estimate S = E(a0,b0) + E(a0,b1) + E(a1,b0) - E(a1,b1) for a Werner pair (Φ+ with white noise).

    Examples
    --------
    >>> r = chsh(1.0, shots=4000, seed=7)
    >>> round(r.predicted, 6), abs(r.chsh - r.predicted) < 4 * r.chsh_error
    (2.828427, True)
    """
    visibility = _number("visibility", visibility, 0.0, 1.0)
    shots = positive_int("shots", shots)
    runs = sim.sample(list(_chsh_circuits(visibility)), shots=shots, seed=seed)  # one Aer job, a seed per circuit
    settings = ((0, 0), (0, 1), (1, 0), (1, 1))
    measured = dict(zip(settings, (_correlation(samples) for samples in runs), strict=True))
    e = {xy: value for xy, (value, _) in measured.items()}
    s = e[0, 0] + e[0, 1] + e[1, 0] - e[1, 1]
    stderr = math.sqrt(sum(err**2 for _, err in measured.values()))
    return CHSHResult(s, stderr, e, dict.fromkeys(settings, shots), visibility, float(predicted_chsh(visibility)))


def chsh_sweep(visibilities: ArrayLike, *, shots: int = 1024, seed: int | None = None) -> list[CHSHResult]:
    """:func:`chsh` for several visibilities, each run with its own independent Aer seed.

    Examples
    --------
    >>> [round(r.predicted, 4) for r in chsh_sweep([0.5, 1.0], shots=200, seed=1)]
    [1.4142, 2.8284]
    """
    values = [float(v) for v in np.ravel(probability("visibilities", visibilities))]
    shots = positive_int("shots", shots)
    return [chsh(v, shots=shots, seed=int(s)) for v, s in zip(values, sim.seeds(seed, len(values)), strict=True)]


def visibility_from_chsh(chsh_value: ArrayLike) -> float | np.ndarray:
    """The Werner visibility that would give a measured CHSH value: ``V = S / (2√2)``.

    The inverse of :func:`predicted_chsh`, for reading a published S through the Werner model (an
    assumption: real noise need not be white). S must lie in [0, 2√2].

    Examples
    --------
    >>> round(visibility_from_chsh(2.37), 4)
    0.8379
    """
    s = in_range("chsh_value", chsh_value, 0.0, TSIRELSON_BOUND)
    return scalar_or_array(s / TSIRELSON_BOUND)


@overload
def werner_region(visibility: float) -> str: ...
@overload
def werner_region(visibility: ArrayLike) -> str | np.ndarray: ...
def werner_region(visibility: ArrayLike) -> str | np.ndarray:
    """Which of the three regions a Werner pair of visibility V lies in (see :data:`WERNER_REGIONS`).

    ``"separable"`` for V ≤ 1/3, ``"entangled, no CHSH violation"`` for 1/3 < V ≤ 1/√2 and
    ``"violates CHSH"`` for V > 1/√2 (Werner, PRA 40, 4277 (1989); Peres 1996; Horodecki et al.
    1995, 1996). Entangled pairs in the middle region admit no CHSH violation at any angles, so a
    CHSH test can prove entanglement but never disprove it.

    Examples
    --------
    >>> werner_region(0.3), werner_region(0.6), werner_region(0.9)
    ('separable', 'entangled, no CHSH violation', 'violates CHSH')
    """
    v = probability("visibility", visibility)
    index = (v > ENTANGLED_VISIBILITY).astype(int) + (v > CHSH_VISIBILITY).astype(int)
    names = np.asarray(WERNER_REGIONS)[index]
    return str(names) if names.ndim == 0 else names


def pair_state(kind: str = "phi+", visibility: float = 1.0) -> DensityMatrix:
    """Exact density matrix of the noisy Bell pair ``V |B><B| + (1 - V) I/4`` that the circuits measure.

    Built by the same circuit as :func:`correlation` (:func:`qinet.circuits.bell_pair` with a Werner fidelity)
    and evaluated on Aer's density-matrix method (:func:`qinet.sim.final_state`), so it is computed
    independently of the formulas here. Qubit 0 is Alice's.

    Examples
    --------
    >>> rho = pair_state("phi+", 0.5)
    >>> round(float(rho.data[0, 0].real), 6), round(float(rho.data[0, 3].real), 6)
    (0.375, 0.25)
    """
    kind = one_of("kind", kind, BELL_STATES)
    visibility = _number("visibility", visibility, 0.0, 1.0)
    return sim.final_state(bell_pair(kind, fidelity=(1.0 + 3.0 * visibility) / 4.0))


def _two_qubit_matrix(state: Any) -> np.ndarray:
    try:
        rho = np.asarray(getattr(state, "data", state), dtype=complex)
    except (TypeError, ValueError):
        raise TypeError(f"state must be a two-qubit density matrix (4 × 4), got {type(state).__name__}") from None
    if rho.shape != (4, 4):
        raise ValueError(f"state must be a two-qubit density matrix (4 × 4), got shape {rho.shape}")
    if not np.all(np.isfinite(rho)):
        raise ValueError("state must contain only finite numbers")
    return rho


def partial_transpose_min_eigenvalue(state: Any) -> float:
    """Smallest eigenvalue of the partial transpose of a two-qubit density matrix.

    Negative exactly when the two qubits are entangled (Peres, PRL 77, 1413 (1996); for two
    qubits the test is also sufficient: Horodecki, Horodecki, Horodecki, Phys. Lett. A 223, 1 (1996)).
    For a Werner pair it is ``(1 - 3V)/4``.

    Examples
    --------
    >>> round(partial_transpose_min_eigenvalue(pair_state("phi+", 1.0)), 6)
    -0.5
    """
    rho = _two_qubit_matrix(state).reshape(2, 2, 2, 2)
    transposed = rho.transpose(0, 3, 2, 1).reshape(4, 4)  # transpose one qubit's indices
    return float(np.linalg.eigvalsh(transposed).min())


_PAULIS = (np.array([[0, 1], [1, 0]]), np.array([[0, -1j], [1j, 0]]), np.array([[1, 0], [0, -1]]))


def max_chsh(state: Any) -> float:
    """Largest CHSH value any measurement settings reach on a two-qubit state: ``2√(u₁ + u₂)``.

    ``u₁ ≥ u₂`` are the two largest eigenvalues of ``TᵀT``, where ``T_ij = Tr(ρ σ_i ⊗ σ_j)`` is the
    correlation matrix (Horodecki, Horodecki, Horodecki, "Violating Bell inequality by mixed spin-½
    states: necessary and sufficient condition", Phys. Lett. A 200, 340 (1995)). The state violates
    CHSH exactly when this exceeds 2.

    Examples
    --------
    >>> round(max_chsh(pair_state("psi-", 1.0)), 6), round(max_chsh(pair_state("phi+", 0.5)), 6)
    (2.828427, 1.414214)
    """
    rho = _two_qubit_matrix(state)
    t = np.array([[np.trace(rho @ np.kron(a, b)).real for b in _PAULIS] for a in _PAULIS])
    top = np.sort(np.linalg.eigvalsh(t.T @ t))[-2:]
    return float(2.0 * math.sqrt(max(top.sum(), 0.0)))


def fiber_pair_visibility(length_km: ArrayLike, depolarizing_per_km: ArrayLike) -> float | np.ndarray:
    """Visibility of a pair whose photons cross ``length_km`` of fibre in total, a toy noise model.

    Each km depolarizes a photon with probability p (polarization drift, stray light); a source in
    the middle sends each photon L/2, so V = (1 - p)^L and the fidelity is F = (1 + 3V)/4
    (Werner 1989). This is a teaching model, not a fitted property of real fibre.

    Examples
    --------
    >>> round(fiber_pair_visibility(100.0, 1e-3), 6)
    0.904792
    """
    length = number("length_km", length_km, 0.0)
    p = probability("depolarizing_per_km", depolarizing_per_km)
    return scalar_or_array((1.0 - p) ** length)


def cloner_fidelity(n_in: int = 1, n_out: int = 2) -> float:
    """Fidelity of the optimal universal N → M qubit cloner, ``(MN + M + N) / (M (N + 2))``.

    1 → 2 gives 5/6 (Bužek & Hillery, PRA 54, 1844 (1996)); the general formula is Gisin & Massar,
    PRL 79, 2153 (1997). As M → ∞ it falls to (N + 1)/(N + 2), the best fidelity of measuring N
    copies and preparing new ones: 2/3 for one input.

    Examples
    --------
    >>> round(cloner_fidelity(1, 2), 6), round(cloner_fidelity(2, 3), 6), cloner_fidelity(1, 10)
    (0.833333, 0.916667, 0.7)
    """
    n = positive_int("n_in", n_in, maximum=_MAX_COPIES)
    m = positive_int("n_out", n_out, minimum=n, maximum=_MAX_COPIES)
    return (m * n + m + n) / (m * (n + 2))


def cloner_chain_fidelity(stages: ArrayLike) -> float | np.ndarray:
    """Fidelity after ``stages`` separate optimal 1 → 2 cloners in series, each a quantum "amplifier".

    The Bužek–Hillery cloner shrinks the Bloch vector of each copy by η = 2/3 (PRA 54, 1844 (1996)),
    so after k stages, each copying the previous copy, it is (2/3)^k shorter and
    ``F = (1 + (2/3)^k) / 2``, falling to 1/2 (a random guess) instead of staying at 1 as a classical
    amplifier chain would. One optimal 1 → 2^k cloner does better (:func:`cloner_fidelity`: 0.708 for
    1 → 8 against 0.648 for three stages) but also falls towards 2/3.

    Examples
    --------
    >>> round(cloner_chain_fidelity(1), 6), round(cloner_chain_fidelity(3), 6)
    (0.833333, 0.648148)
    """
    k = number("stages", stages, 0.0, _MAX_COPIES)
    if np.any(k != np.round(k)):
        raise ValueError(f"stages must be whole numbers >= 0, got {stages!r}")
    return scalar_or_array((1.0 + (2.0 / 3.0) ** k) / 2.0)


def cloner_circuit(theta: float, phi: float, *, verify: bool = True) -> QuantumCircuit:
    """The Bužek–Hillery 1 → 2 universal cloner acting on ``U(theta, phi, 0)|0>``.

    The blank copy and an ancilla are prepared in (2|00> + |01> + |11>)/√6 (copy, ancilla), then
    four CNOTs spread the input (Bužek, Braunstein, Hillery, Bruß, PRA 56, 3446 (1997)). With
    ``verify=True`` both outputs are rotated back by ``U^†`` and measured (bit 0 original, bit 1 copy).

    Examples
    --------
    >>> [reg.name for reg in cloner_circuit(0.5, 0.0).qregs]
    ['original', 'copy', 'ancilla']
    """
    theta = float(in_range("theta", theta, 0.0, math.pi))
    phi = float(in_range("phi", phi, 0.0, 2 * math.pi))
    original, copy, ancilla = QuantumRegister(1, "original"), QuantumRegister(1, "copy"), QuantumRegister(1, "ancilla")
    qc = QuantumCircuit(original, copy, ancilla, name="cloner")
    qc.u(theta, phi, 0.0, original[0])
    qc.ry(2 * math.acos(math.sqrt(5 / 6)), copy[0])  # amplitude √(5/6) on copy = 0
    qc.x(copy[0])
    qc.cry(2 * math.acos(2 / math.sqrt(5)), copy[0], ancilla[0])  # copy = 0: ancilla → (2|0> + |1>)/√5
    qc.x(copy[0])
    qc.cx(copy[0], ancilla[0])  # copy = 1: ancilla → |1>
    qc.barrier()
    for control, target in ((original, copy), (original, ancilla), (copy, original), (ancilla, original)):
        qc.cx(control[0], target[0])
    if boolean("verify", verify):
        bits = ClassicalRegister(2, "check")
        qc.add_register(bits)
        for qubit, bit in ((original[0], bits[0]), (copy[0], bits[1])):
            qc.u(-theta, 0.0, -phi, qubit)
            qc.measure(qubit, bit)
    return qc


def clone(theta: float, phi: float, *, shots: int = 1024, seed: int | None = None, backend: Any = None) -> CloneResult:
    """Run the optimal cloner on Aer and measure how much each output resembles the input.

    Both outputs have fidelity 5/6 for every input state (Bužek & Hillery 1996).

    Examples
    --------
    >>> r = clone(1.0, 2.0, shots=4000, seed=7)
    >>> round(r.predicted, 6), abs(r.fidelity_copy - 5 / 6) < 4 * r.stderr
    (0.833333, True)
    """
    shots = positive_int("shots", shots)
    qc = cloner_circuit(theta, phi)
    samples = sim.sample(qc, shots=shots, seed=seed, backend=backend)
    check = samples.bits("check")  # bit 0: the original, bit 1: the copy
    f_original, f_copy = (float(np.mean(check[:, k] == 0)) for k in (0, 1))
    measured = (f_original + f_copy) / 2  # the error bar comes from the data, not from the formula
    return CloneResult(
        float(theta),
        float(phi),
        shots,
        samples.counts(),
        f_original,
        f_copy,
        float(binomial_stderr(measured, shots)),
        cloner_fidelity(1, 2),
    )
