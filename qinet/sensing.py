"""Quantum sensing with GHZ states: parity fringes, phase estimation, dephasing, networks of clocks.

A phase ``φ`` imprinted on every qubit of ``|GHZ_N⟩ = (|0…0⟩ + |1…1⟩)/√2`` becomes the relative
phase ``Nφ``, so the parity fringe oscillates ``N`` times faster than one qubit's and a phase can
be read ``N`` times more finely: Δφ = 1/N per shot (Heisenberg limit) against 1/√N for ``N``
independent qubits (standard quantum limit). Dephasing shrinks the GHZ contrast as ``e^{−Nt/T₂}``,
``N`` times faster than one qubit's, which caps the useful ``N``. Circuits run on Aer through
:mod:`qinet.sim`; the noise-free circuits are sampled from one statevector each, so twenty-qubit
GHZ states take well under a second.

Sources: Kómár et al., "A quantum network of clocks", Nat. Phys. 10, 582 (2014),
doi:10.1038/nphys3000; Huelga et al., "Improvement of frequency standards with quantum
entanglement", Phys. Rev. Lett. 79, 3865 (1997), doi:10.1103/PhysRevLett.79.3865.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import overload

import numpy as np
from numpy.typing import ArrayLike
from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister
from scipy.optimize import brentq

from qinet import sim
from qinet._validate import array, in_range, instance, number, one_of, positive_int, scalar_or_array
from qinet._validate import seed as _seed
from qinet.circuits import ghz, imprint_phase, parity_readout
from qinet.noise import storage_dephasing
from qinet.stats import binomial_stderr

READOUTS = ("x", "y")
STRATEGIES = ("ghz", "independent")
NETWORK_STRATEGIES = ("independent", "local", "global")
MAX_QUBITS = 24  # statevector of 24 qubits: about 1 s on Aer here
MAX_NOISY_QUBITS = 8  # dephasing runs on Aer's density-matrix method, whose cost grows as 4^N
MAX_FORMULA_SIZE = 10**9  # sizes the formulas accept: far beyond any sensor, still exact in float64
_MAX_TOTAL_SHOTS = 2_000_000  # phase_estimation: all shots of all circuits (~1 s per 10^6 on Aer)


def _time_ratio(time_s: ArrayLike, t2_s: ArrayLike) -> np.ndarray:
    t = number("time_s", time_s, 0.0)
    t2 = number("t2_s", t2_s, 0.0, low_open=True)
    return t / t2


def _size(name: str, value: ArrayLike) -> np.ndarray:
    """Numbers of qubits or nodes in [1, MAX_FORMULA_SIZE] (arrays allowed). The formulas treat N as a
    continuous variable, as the optimum ``N = T₂/t`` is, so whole numbers are not required."""
    return number(name, value, 1.0, MAX_FORMULA_SIZE)


def _fringe(value: object) -> Fringe:
    return instance("fringe", value, Fringe, "a Fringe measured by parity_fringe")


def sensing_circuit(
    n_qubits: int, phase: float, *, readout: str = "x", time_s: float = 0.0, t2_s: float = 1.0
) -> QuantumCircuit:
    """GHZ_N sensor: make the GHZ state, imprint ``phase`` on every qubit, let it dephase, read the parity.

    After ``P(φ)`` on each qubit the state is ``(|0…0⟩ + e^{iNφ}|1…1⟩)/√2``. Readout ``"x"`` applies
    ``H`` to every qubit, so the parity of the measured bits estimates ``⟨X^⊗N⟩ = cos(Nφ)``; readout
    ``"y"`` first applies ``S†`` to qubit 0, giving ``⟨Y X^⊗(N−1)⟩ = sin(Nφ)``, steepest at φ = 0.
    With ``time_s > 0`` every qubit waits in a memory with pure-dephasing time ``t2_s`` (a Z flip with
    probability ``(1 − e^{−t/T₂})/2`` each, :func:`qinet.noise.storage_dephasing`).

    Parameters
    ----------
    n_qubits : number of sensor qubits N, 1 … 24 (1 gives a single qubit in |+⟩).
    phase : phase φ per qubit in rad.
    readout : ``"x"`` (cos fringe) or ``"y"`` (sin fringe).
    time_s, t2_s : storage time and coherence time in s (dephasing off when ``time_s = 0``).

    Examples
    --------
    >>> qc = sensing_circuit(4, 0.1)
    >>> qc.num_qubits, qc.count_ops()["p"], qc.count_ops()["measure"]
    (4, 4, 4)
    """
    n = positive_int("n_qubits", n_qubits)
    if n > MAX_QUBITS:
        raise ValueError(f"n_qubits must be in [1, {MAX_QUBITS}], got {n}")
    phi = float(number("phase", phase))
    readout = one_of("readout", readout, READOUTS)
    tau = float(_time_ratio(time_s, t2_s))
    sensor, bits = QuantumRegister(n, "sensor"), ClassicalRegister(n, "parity")
    qc = QuantumCircuit(sensor, bits, name=f"ghz_sensor_{n}")
    qc.compose(ghz(n), qubits=range(n), inplace=True)  # 1. make GHZ_N
    qc.barrier()
    imprint_phase(qc, sensor, phi)  # 2. every qubit picks up φ
    if tau > 0:  # 3. the qubits wait and dephase
        for q in range(n):
            qc.append(storage_dephasing(float(time_s), float(t2_s)), [q])
    qc.barrier()
    parity_readout(qc, sensor, bits, readout=readout)  # 4. read the parity
    return qc


def dephasing_contrast(n_qubits: ArrayLike, time_s: ArrayLike, t2_s: ArrayLike) -> float | np.ndarray:
    """Fringe contrast ``C = e^{−N t/T₂}`` of a GHZ_N state whose qubits each dephase for ``time_s``.

    Each qubit's coherence decays as ``e^{−t/T₂}`` (pure dephasing, Nielsen & Chuang 2000); the GHZ
    coherence ``|0…0⟩⟨1…1|`` is the product of all N, so it decays N times faster (Huelga et al.,
    PRL 79, 3865, 1997).

    Examples
    --------
    >>> round(dephasing_contrast(4, 0.01, 1.0), 6)
    0.960789
    """
    n = _size("n_qubits", n_qubits)
    return scalar_or_array(np.exp(-n * _time_ratio(time_s, t2_s)))


def expected_parity(
    n_qubits: ArrayLike, phase: ArrayLike, *, readout: str = "x", time_s: ArrayLike = 0.0, t2_s: ArrayLike = 1.0
) -> float | np.ndarray:
    """Parity ``C cos(Nφ)`` (readout ``"x"``) or ``C sin(Nφ)`` (``"y"``), with ``C`` from :func:`dephasing_contrast`.

    Examples
    --------
    >>> round(expected_parity(4, 0.1), 6)  # worked value
    0.921061
    """
    n = _size("n_qubits", n_qubits)
    phi = number("phase", phase)
    wave = np.cos if one_of("readout", readout, READOUTS) == "x" else np.sin
    return scalar_or_array(dephasing_contrast(n, time_s, t2_s) * wave(n * phi))


def _signs(bits: np.ndarray) -> np.ndarray:
    """Per shot, ``(−1)^(number of 1s)`` of a ``(shots, N)`` array of bits."""
    return 1.0 - 2.0 * (np.count_nonzero(bits, axis=1) % 2)


def parity(bits: ArrayLike) -> tuple[float, float]:
    """Mean parity ``⟨(−1)^(number of 1s)⟩`` of measured shots and its standard error.

    ``bits`` holds one row per shot and one column per qubit (``samples.bits("parity")`` of a
    :func:`sensing_circuit` run). The parity is ``1 − 2p``, ``p`` the fraction of odd shots, so its
    standard error is ``2 √(p(1 − p)/n)`` (:func:`qinet.stats.binomial_stderr`).

    Examples
    --------
    >>> parity([[0, 0]] * 60 + [[1, 1]] * 30 + [[0, 1]] * 10)
    (0.8, 0.06)
    """
    rows = array("bits", bits, ndim=2, min_length=1, low=0, high=1, finite=True)
    if not np.isin(rows, (0, 1)).all():
        raise ValueError(f"bits must be a (shots, qubits) array of 0 and 1, got {bits!r}")
    odd = float(np.mean(np.count_nonzero(rows, axis=1) % 2))
    return 1.0 - 2.0 * odd, 2.0 * float(binomial_stderr(odd, rows.shape[0]))


@dataclass(frozen=True)
class Fringe:
    """A parity fringe measured on Aer: ``parity[k] ± stderr[k]`` at ``phases[k]``; ``expected`` from theory."""

    n_qubits: int
    phases: np.ndarray
    parity: np.ndarray
    stderr: np.ndarray
    expected: np.ndarray
    shots: int
    contrast: float


def parity_fringe(
    n_qubits: int,
    phases: ArrayLike,
    *,
    shots: int = 500,
    time_s: float = 0.0,
    t2_s: float = 1.0,
    seed: int | None = None,
) -> Fringe:
    """Measure the ``⟨X^⊗N⟩`` parity fringe of a GHZ_N sensor on Aer, one batched run over all ``phases``.

    Without dephasing each circuit is simulated once and sampled (statevector); with ``time_s > 0``
    Aer's density-matrix method applies the dephasing channel exactly (``n_qubits`` ≤ 8).

    Examples
    --------
    >>> f = parity_fringe(2, [0.0, np.pi / 2], shots=200, seed=7)
    >>> f.parity.tolist(), f.expected.round(6).tolist()
    ([1.0, -1.0], [1.0, -1.0])
    """
    n = positive_int("n_qubits", n_qubits, maximum=MAX_QUBITS)
    return parity_fringes([n], phases, shots=shots, time_s=time_s, t2_s=t2_s, seed=seed)[0]


def parity_fringes(
    n_values: Sequence[int],
    phases: ArrayLike,
    *,
    shots: int = 500,
    time_s: float = 0.0,
    t2_s: float = 1.0,
    seed: int | None = None,
) -> list[Fringe]:
    """:func:`parity_fringe` for several sensor sizes, all circuits in one Aer batch.

    Examples
    --------
    >>> [f.n_qubits for f in parity_fringes([1, 3], [0.0], shots=10, seed=1)]
    [1, 3]
    """
    ns = [positive_int("n_values", n, maximum=MAX_QUBITS) for n in array("n_values", n_values, min_length=1)]
    phis = np.atleast_1d(number("phases", phases))
    _time_ratio(time_s, t2_s)
    if time_s and max(ns, default=0) > MAX_NOISY_QUBITS:
        raise ValueError(
            f"n_qubits must be in [1, {MAX_NOISY_QUBITS}] with dephasing (the density matrix grows as "
            f"4^N; use dephasing_contrast for larger N), got {max(ns)}"
        )
    circuits = [sensing_circuit(n, p, time_s=time_s, t2_s=t2_s) for n in ns for p in phis]
    backend = sim.default_backend(method="density_matrix") if time_s else None
    runs = sim.sample(circuits, shots=shots, seed=seed, backend=backend)
    mean, err = np.array([parity(r.bits("parity")) for r in runs]).reshape(len(ns), len(phis), 2).transpose(2, 0, 1)
    return [
        Fringe(
            n,
            phis,
            mean[k],
            err[k],
            np.asarray(expected_parity(n, phis, time_s=time_s, t2_s=t2_s)),
            shots,
            float(dephasing_contrast(n, time_s, t2_s)),
        )
        for k, n in enumerate(ns)
    ]


def dephase_fringe(fringe: Fringe, time_s: float, t2_s: float, *, seed: int | None = None) -> Fringe:
    """Apply per-qubit dephasing for ``time_s`` to a fringe measured without noise, shot by shot, exactly.

    A Z error before the readout Hadamards is an X error after them: it flips that qubit's measured
    bit. Each qubit flips independently with ``p = (1 − e^{−t/T₂})/2`` (the channel of
    :func:`qinet.noise.storage_dephasing`), so the parity of a shot flips with probability
    ``q = (1 − e^{−Nt/T₂})/2``. Sampling those flips for the shots of a noise-free Aer run gives the
    same distribution as running the noisy circuit, at no simulation cost (used by the live panel).

    Examples
    --------
    >>> ideal = parity_fringe(2, [0.0], shots=1000, seed=7)
    >>> noisy = dephase_fringe(ideal, 0.1, 1.0, seed=7)
    >>> round(noisy.contrast, 4), bool(abs(noisy.parity[0] - noisy.contrast) < 5 * noisy.stderr[0])
    (0.8187, True)
    """
    fringe = _fringe(fringe)
    if fringe.contrast != 1.0:
        raise ValueError(f"fringe must be measured without dephasing (contrast 1), got contrast {fringe.contrast!r}")
    contrast = float(dephasing_contrast(fringe.n_qubits, time_s, t2_s))
    flip = (1.0 - contrast) / 2.0
    rng = np.random.default_rng(_seed(seed))
    even = np.rint(fringe.shots * (1.0 + fringe.parity) / 2.0).astype(int)
    even = rng.binomial(even, 1.0 - flip) + rng.binomial(fringe.shots - even, flip)
    mean = 2.0 * even / fringe.shots - 1.0
    err = 2.0 * np.asarray(binomial_stderr(even / fringe.shots, fringe.shots))
    return Fringe(fringe.n_qubits, fringe.phases, mean, err, contrast * fringe.expected, fringe.shots, contrast)


def fitted_contrast(fringe: Fringe) -> float:
    """Least-squares amplitude ``A`` of ``A cos(Nφ)`` through a measured fringe (estimates the contrast).

    Examples
    --------
    >>> f = parity_fringe(3, np.linspace(0, np.pi, 9), shots=400, seed=1)
    >>> 0.9 < fitted_contrast(f) <= 1.0
    True
    """
    fringe = _fringe(fringe)
    wave = np.cos(fringe.n_qubits * fringe.phases)
    return float(np.dot(wave, fringe.parity) / np.dot(wave, wave))


def _deal(outcomes: np.ndarray, experiments: int, rng: np.random.Generator) -> np.ndarray:
    """Deal i.i.d. shot outcomes at random into ``experiments`` rows (exchangeable, so exact)."""
    return rng.permutation(outcomes).reshape(experiments, -1)


@dataclass(frozen=True)
class PhaseEstimation:
    """Repeated phase-estimation experiments on Aer, per sensor size N.

    ``ghz_estimates`` and ``sql_estimates`` have one row per N and one column per experiment;
    ``ghz_spread`` and ``sql_spread`` are the per-shot uncertainties ``std(φ̂)·√shots``, to compare
    with ``heisenberg = 1/N`` and ``standard = 1/√N``.
    """

    n_values: np.ndarray
    phase: float
    shots: int
    experiments: int
    ghz_estimates: np.ndarray
    sql_estimates: np.ndarray
    ghz_spread: np.ndarray
    sql_spread: np.ndarray
    heisenberg: np.ndarray
    standard: np.ndarray


def phase_estimation(
    n_values: Sequence[int] = (1, 2, 4, 8, 12, 16, 20),
    *,
    phase: float = 0.02,
    shots: int = 25,
    experiments: int = 200,
    seed: int | None = None,
) -> PhaseEstimation:
    """Estimate a phase from shots with GHZ_N and with N independent qubits; repeat to measure the spread.

    Each experiment uses ``shots`` runs of the sensor. GHZ_N (readout ``"y"``): the mean parity ``P̂``
    of the shots gives ``φ̂ = arcsin(P̂)/N``. N independent qubits, each in |+⟩ with the same phase:
    the mean of the ``N·shots`` single-qubit outcomes gives ``φ̂ = arcsin(P̂)``. Error propagation
    gives Δφ = 1/(N√shots) and 1/√(N·shots): the Heisenberg limit and the standard quantum limit
    (Kómár et al., Nat. Phys. 10, 582, 2014). ``phase`` must keep ``N·phase`` inside (−π/2, π/2).

    All circuits of all N run in one batch on Aer; the ``experiments × shots`` i.i.d. outcomes of a
    circuit are dealt at random (seeded) into experiments, which is distributed exactly as separate runs.
    The independent qubits are one single-qubit circuit sampled ``N·shots`` times per experiment.

    Examples
    --------
    >>> r = phase_estimation((1, 4), shots=25, experiments=100, seed=7)
    >>> bool(r.ghz_spread[1] < r.sql_spread[1])
    True
    """
    ns = np.array([positive_int("n_values", n, maximum=MAX_QUBITS) for n in array("n_values", n_values, min_length=1)])
    shots = positive_int("shots", shots, maximum=_MAX_TOTAL_SHOTS)
    experiments = positive_int("experiments", experiments, minimum=2, maximum=_MAX_TOTAL_SHOTS)
    if shots * experiments * (2 * int(ns.sum()) + 1) > _MAX_TOTAL_SHOTS:
        raise ValueError(
            f"shots × experiments must keep all shots of all sensors within {_MAX_TOTAL_SHOTS:,} "
            f"(({shots} × {experiments}) × {2 * int(ns.sum()) + 1} circuits' worth); use fewer experiments or shots"
        )
    phi = float(
        in_range("phase", phase, -math.pi / (2 * ns.max()), math.pi / (2 * ns.max()), low_open=True, high_open=True)
    )
    rng = np.random.default_rng(_seed(seed))
    circuits = [sensing_circuit(int(n), phi, readout="y") for n in ns] + [sensing_circuit(1, phi, readout="y")]
    total = shots * experiments
    ghz_runs = sim.sample(circuits[:-1], shots=total, seed=int(rng.integers(2**31 - 1)))
    sql_run = sim.sample(circuits[-1], shots=int(ns.sum()) * total, seed=int(rng.integers(2**31 - 1)))
    single = rng.permutation(_signs(sql_run.bits("parity")))
    ghz_rows: list[np.ndarray] = []
    sql_rows: list[np.ndarray] = []
    start = 0
    for n, samples in zip(ns, ghz_runs, strict=True):
        ghz_rows.append(np.arcsin(_deal(_signs(samples.bits("parity")), experiments, rng).mean(axis=1)) / n)
        block = single[start : start + n * total]
        start += n * total
        sql_rows.append(np.arcsin(block.reshape(experiments, -1).mean(axis=1)))
    ghz_est, sql_est = np.array(ghz_rows), np.array(sql_rows)
    root = math.sqrt(shots)
    return PhaseEstimation(
        ns,
        phi,
        shots,
        experiments,
        ghz_est,
        sql_est,
        ghz_est.std(axis=1, ddof=1) * root,
        sql_est.std(axis=1, ddof=1) * root,
        1.0 / ns,
        1.0 / np.sqrt(ns),
    )


def scaling_exponent(n_values: ArrayLike, spread: ArrayLike) -> float:
    """Slope of ``log(spread)`` against ``log(N)``: −1 at the Heisenberg limit, −½ at the standard limit.

    Examples
    --------
    >>> round(scaling_exponent([1, 4, 16], [1.0, 0.25, 0.0625]), 6)
    -1.0
    """
    x = np.log(in_range("n_values", n_values, 1.0))
    y = np.log(in_range("spread", spread, 0.0, low_open=True))
    return float(np.polyfit(x, y, 1)[0])


@overload
def phase_uncertainty(n_qubits: float, *, strategy: str = "ghz", time_s: float = 0.0, t2_s: float = 1.0) -> float: ...
@overload
def phase_uncertainty(
    n_qubits: ArrayLike, *, strategy: str = "ghz", time_s: ArrayLike = 0.0, t2_s: ArrayLike = 1.0
) -> float | np.ndarray: ...
def phase_uncertainty(
    n_qubits: ArrayLike, *, strategy: str = "ghz", time_s: ArrayLike = 0.0, t2_s: ArrayLike = 1.0
) -> float | np.ndarray:
    """Per-shot phase uncertainty of N qubits that dephase for ``time_s``, at the fringe's steepest point.

    GHZ_N: contrast ``e^{−Nt/T₂}`` and slope ``N`` give ``Δφ = e^{Nt/T₂}/N``; N independent qubits:
    ``Δφ = e^{t/T₂}/√N``. Without dephasing these are 1/N and 1/√N (Kómár et al. 2014; N = 10 → 0.1 vs
    0.31623). Error propagation ``Δφ = ΔP/|∂P/∂φ|`` with ``ΔP ≈ 1`` near ``P = 0``
    (Huelga et al., PRL 79, 3865, 1997).

    Examples
    --------
    >>> round(phase_uncertainty(10), 6), round(phase_uncertainty(10, strategy="independent"), 5)
    (0.1, 0.31623)
    """
    n = _size("n_qubits", n_qubits)
    tau = _time_ratio(time_s, t2_s)
    if one_of("strategy", strategy, STRATEGIES) == "ghz":
        return scalar_or_array(np.exp(n * tau) / n)
    return scalar_or_array(np.exp(tau) / np.sqrt(n))


def optimal_ghz_size(time_s: float, t2_s: float) -> float:
    """The GHZ size that minimises ``e^{Nt/T₂}/N`` for a dephasing time ``t``: ``N_opt = T₂/t``.

    Examples
    --------
    >>> optimal_ghz_size(0.05, 1.0)
    20.0
    """
    tau = float(_time_ratio(time_s, t2_s))
    if tau == 0:
        return math.inf
    return 1.0 / tau


def ghz_advantage_limit(time_s: float, t2_s: float) -> float:
    """The largest N at which GHZ_N still does at least as well as N independent qubits.

    Solves ``e^{(N−1)t/T₂} = √N`` for its root above ``T₂/(2t)``; beyond it dephasing has eaten the
    √N advantage. Returns ``inf`` without dephasing; a value below 2 means GHZ never helps.

    Examples
    --------
    >>> round(ghz_advantage_limit(0.01, 1.0), 2)
    283.33
    """
    tau = float(_time_ratio(time_s, t2_s))
    if tau == 0:
        return math.inf
    gap = lambda n: (n - 1.0) * tau - 0.5 * math.log(n)  # noqa: E731
    low = max(1.0, 0.5 / tau)
    if gap(low) >= 0:
        return 1.0
    high = 2 * low
    while gap(high) < 0:
        high *= 2
    return float(brentq(gap, low, high, xtol=1e-10))


def best_frequency_uncertainty(
    n_qubits: ArrayLike, t2_s: ArrayLike, total_time_s: ArrayLike, *, strategy: str = "ghz"
) -> tuple[float | np.ndarray, float | np.ndarray]:
    """Frequency uncertainty (rad/s) and the interrogation time that gives it, with the time optimised.

    A phase ``φ = ωt`` collected for ``t`` and repeated ``T/t`` times gives ``Δω = Δφ(t)/√(tT)``.
    With :func:`phase_uncertainty` the optimum is ``t = T₂/(2N)`` for GHZ_N and ``t = T₂/2`` for
    independent qubits, and both give ``Δω = √(2e/(N T₂ T))``: under independent dephasing the GHZ
    advantage in frequency disappears (Huelga et al., PRL 79, 3865, 1997).

    Examples
    --------
    >>> g = best_frequency_uncertainty(10, 1.0, 100.0)
    >>> i = best_frequency_uncertainty(10, 1.0, 100.0, strategy="independent")
    >>> round(g[0], 6) == round(i[0], 6), g[1], i[1]
    (True, 0.05, 0.5)
    """
    n = _size("n_qubits", n_qubits)
    t2 = number("t2_s", t2_s, 0.0, low_open=True)
    total = number("total_time_s", total_time_s, 0.0, low_open=True)
    ghz = one_of("strategy", strategy, STRATEGIES) == "ghz"
    t_opt = t2 / (2 * n) if ghz else t2 / 2 + 0 * n  # "+ 0 * n" keeps the broadcast shape of n
    dw = phase_uncertainty(n, strategy=strategy, time_s=t_opt, t2_s=t2) / np.sqrt(t_opt * total)
    return scalar_or_array(np.asarray(dw)), scalar_or_array(t_opt)


def network_phase_uncertainty(
    n_nodes: ArrayLike, qubits_per_node: ArrayLike, *, strategy: str = "global"
) -> float | np.ndarray:
    """Per-shot uncertainty of the average phase of a network of ``K`` sensors with ``n`` qubits each.

    ``"independent"``: all ``Kn`` qubits separate, ``1/√(Kn)``; ``"local"``: a GHZ state inside each node,
    results averaged over nodes, ``1/(n√K)``; ``"global"``: one GHZ state across the network, made with
    distributed entanglement, ``1/(Kn)`` — the network runs at the Heisenberg limit of all its qubits
    (the proposal of Kómár et al., Nat. Phys. 10, 582, 2014). Two single-ion clocks: global/independent
    = 1/√2, the ≈√2 gain Nichol et al. measured with entangled Sr⁺ clocks 2 m apart (Nature 609, 689, 2022;
    ``qinet.measurements.get("nichol2022-entanglement-gain")``).

    Examples
    --------
    >>> round(network_phase_uncertainty(10, 10, strategy="local"), 6)
    0.031623
    """
    k = _size("n_nodes", n_nodes)
    n = _size("qubits_per_node", qubits_per_node)
    strategy = one_of("strategy", strategy, NETWORK_STRATEGIES)
    if strategy == "independent":
        return scalar_or_array(1.0 / np.sqrt(k * n))
    if strategy == "local":
        return scalar_or_array(1.0 / (n * np.sqrt(k)))
    return scalar_or_array(1.0 / (k * n))
