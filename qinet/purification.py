"""Repeater primitives as real circuits evaluated on Aer: purification rounds and noisy swap chains.

The analytic maps live in :mod:`qinet.states`; here the same protocols are Qiskit circuits (two noisy
pairs, bilateral CNOTs, a parity check; or a chain of Bell-state measurements) and their numbers come
from Aer, exactly (density matrix, :func:`qinet.sim.final_state`) or by sampling shots, so a notebook
can show the circuit and the formula agreeing.

Qubit layout of a purification round: register ``alice`` = qubits 0 (source pair) and 1 (target pair),
register ``bob`` = qubits 2 (source) and 3 (target). The kept pair is qubits 0 and 2.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister
from qiskit.quantum_info import DensityMatrix, Operator, Statevector, partial_trace

from qinet import sim
from qinet._limits import MAX_CIRCUIT_QUBITS
from qinet._validate import boolean, number, one_of, positive_int
from qinet._validate import seed as _seed
from qinet.circuits import DEJMPS_ORDER, bell_pair, entanglement_swap, share_pair
from qinet.noise import bell_diagonal_noise
from qinet.states import bell_coefficients
from qinet.stats import binomial_stderr

PROTOCOLS = ("bbpssw", "dejmps")
BELL_ORDER = DEJMPS_ORDER
"""Order of Bell-diagonal coefficients everywhere in qinet (Deutsch et al. 1996): (Φ+, Ψ−, Ψ+, Φ−)."""

_BELL_VECTORS = [Statevector(bell_pair(kind)) for kind in BELL_ORDER]
_EXACT_MAX_LINKS = 5
_MAX_ROUNDS_ON_AER = 100  # each round is one density-matrix run on Aer (~10 ms); more is never needed


def _coefficients(state: float | Sequence[float]) -> tuple[float, float, float, float]:
    """Bell-diagonal weights from a Werner fidelity or from four weights (checked)."""
    if np.ndim(state) == 0:
        f = float(number("state (Werner fidelity)", state, 0.25, 1.0))
        rest = (1.0 - f) / 3.0
        return (f, rest, rest, rest)
    bell_diagonal_noise(state)  # validates: four probabilities summing to 1
    a, b, c, d = (float(weight) for weight in np.ravel(state))
    return a, b, c, d


def purification_circuit(protocol: str, state: float | Sequence[float], *, measure: bool = True) -> QuantumCircuit:
    """One purification round on two copies of a Bell-diagonal pair, as a circuit.

    BBPSSW (Bennett et al., PRL 76, 722, 1996): bilateral CNOT (source → target on each side),
    measure the target pair in Z, keep the source pair if the two bits agree. DEJMPS (Deutsch et al.,
    PRL 77, 2818, 1996): first Alice applies Rx(+π/2) and Bob Rx(−π/2) to each of their qubits
    (the convention of Deutsch et al. 1996). With ``measure=False`` the target pair is left
    unmeasured (the form :func:`purify` evaluates exactly).

    Parameters
    ----------
    protocol : ``"bbpssw"`` or ``"dejmps"``.
    state : Werner fidelity F in [0.25, 1], or four Bell-diagonal weights (Φ+, Ψ−, Ψ+, Φ−).

    Examples
    --------
    >>> purification_circuit("dejmps", 0.8).count_ops()["measure"]
    2
    """
    protocol = one_of("protocol", protocol, PROTOCOLS)
    coeffs = _coefficients(state)
    measure = boolean("measure", measure)
    qc = QuantumCircuit(QuantumRegister(2, "alice"), QuantumRegister(2, "bob"), name=f"{protocol}_round")
    for a, b in ((0, 2), (1, 3)):
        share_pair(qc, a, b)
        qc.append(bell_diagonal_noise(coeffs), [a, b])
    qc.barrier()
    if protocol == "dejmps":
        qc.rx(math.pi / 2, [0, 1])
        qc.rx(-math.pi / 2, [2, 3])
    qc.cx(0, 1)
    qc.cx(2, 3)
    if measure:
        check = ClassicalRegister(2, "check")
        qc.add_register(check)
        qc.measure([1, 3], check)
    return qc


@dataclass(frozen=True)
class PurificationResult:
    """Outcome of one purification round evaluated on Aer.

    ``coefficients`` are the kept pair's Bell-diagonal weights (Φ+, Ψ−, Ψ+, Φ−), ``fidelity`` the
    first of them, ``p_success`` the probability that the parity check passes. For BBPSSW the
    coefficients are those before the twirl back to Werner form (the twirl keeps the fidelity).
    ``sampled_*`` are shot estimates (None without ``shots``).
    """

    protocol: str
    fidelity: float
    p_success: float
    coefficients: tuple[float, float, float, float]
    sampled_fidelity: float | None = None
    sampled_p_success: float | None = None
    shots: int | None = None


_KEEP = Operator(np.diag([1.0, 0.0, 0.0, 1.0]))  # |00⟩⟨00| + |11⟩⟨11| on the target pair


def _sampled(protocol: str, coeffs: Sequence[float], shots: int, seed: int | None) -> tuple[float, float]:
    """Run the round with a Bell measurement of the kept pair; return (F estimate, p estimate).

    The pair is kept when Alice's and Bob's parity-check bits agree; it is Φ+ when the Bell
    measurement (CNOT, H, measure) reads 0 on both qubits."""
    qc = purification_circuit(protocol, coeffs)
    bell = ClassicalRegister(2, "bell")
    qc.add_register(bell)
    qc.cx(0, 2)
    qc.h(0)
    qc.measure([0, 2], bell)
    rounds = sim.sample(qc, shots=shots, seed=seed)
    check = rounds.bits("check")
    kept = check[:, 0] == check[:, 1]
    phi_plus = rounds.values("bell") == 0
    n_kept = int(kept.sum())
    return (float(phi_plus[kept].mean()) if n_kept else float("nan")), n_kept / shots


def purify(
    protocol: str, state: float | Sequence[float], *, shots: int | None = None, seed: int | None = None
) -> PurificationResult:
    """Evaluate one BBPSSW or DEJMPS round on Aer: output fidelity, weights and success probability.

    Exact part: the round without its measurements runs once on Aer's density-matrix method
    (:func:`qinet.sim.final_state`); projecting the target pair on ``|00⟩⟨00| + |11⟩⟨11|`` gives
    ``p_success = Tr(Pρ)`` and the kept pair ``Tr_target(PρP)/p``. It reproduces the closed forms
    (Bennett et al. 1996; Deutsch et al. 1996): BBPSSW ``F' = [F² + ((1−F)/3)²]/N``,
    ``N = F² + 2F(1−F)/3 + 5((1−F)/3)²``
    (F = 0.8 → F' = 0.838150, p = 0.768889) and DEJMPS ``A' = (A² + B²)/N``, ``B' = 2CD/N``,
    ``C' = (C² + D²)/N``, ``D' = 2AB/N``, ``N = (A + B)² + (C + D)²``.
    With ``shots``, the measured circuit is also sampled (parity check, then a Bell measurement of
    the kept pair) to give ``sampled_p_success`` and ``sampled_fidelity``.

    Examples
    --------
    >>> r = purify("bbpssw", 0.8)
    >>> round(r.fidelity, 6), round(r.p_success, 6)
    (0.83815, 0.768889)
    """
    protocol = one_of("protocol", protocol, PROTOCOLS)
    coeffs = _coefficients(state)
    seed = _seed(seed)
    rho = sim.final_state(purification_circuit(protocol, coeffs, measure=False))
    projected = rho.evolve(_KEEP, qargs=[1, 3])
    p = float(np.real(projected.trace()))
    kept = partial_trace(projected, [1, 3])
    c0, c1, c2, c3 = (float(c) for c in bell_coefficients(DensityMatrix(kept.data / p)))
    out = (c0, c1, c2, c3)
    sampled_f = sampled_p = None
    if shots is not None:
        sampled_f, sampled_p = _sampled(protocol, coeffs, positive_int("shots", shots), seed)
    return PurificationResult(protocol, out[0], p, out, sampled_f, sampled_p, shots)


def purify_rounds(protocol: str, state: float | Sequence[float], rounds: int) -> list[PurificationResult]:
    """``rounds`` successive rounds, each fed with the previous round's output (exact, on Aer).

    BBPSSW twirls its output back to a Werner pair of the same fidelity before the next round (as in
    Bennett et al. 1996); DEJMPS keeps the full Bell-diagonal weights (Deutsch et al. 1996). From
    F = 0.7, DEJMPS gives 0.735294 then 0.845946, BBPSSW 0.735294 then 0.773171 (worked values).

    Examples
    --------
    >>> [round(r.fidelity, 6) for r in purify_rounds("dejmps", 0.7, 2)]
    [0.735294, 0.845946]
    """
    protocol = one_of("protocol", protocol, PROTOCOLS)
    rounds = positive_int("rounds", rounds, maximum=_MAX_ROUNDS_ON_AER)
    current: float | Sequence[float] = _coefficients(state)
    results = []
    for _ in range(rounds):
        result = purify(protocol, current)
        results.append(result)
        current = result.fidelity if protocol == "bbpssw" else result.coefficients
    return results


@dataclass(frozen=True)
class SwapChainResult:
    """End-to-end pair of a noisy repeater chain evaluated on Aer.

    ``fidelity`` is the exact value (``method="exact"``) or the fraction of shots whose Bell
    measurement found Φ+ (``method="sampled"``), with binomial ``std_error`` (0 when exact).
    """

    n_links: int
    link_fidelity: float
    fidelity: float
    std_error: float
    method: str
    shots: int | None = None


def swap_chain_fidelity(
    n_links: int, link_fidelity: float, *, shots: int | None = None, seed: int | None = None
) -> SwapChainResult:
    """Fidelity of the end-to-end pair after swapping ``n_links`` Werner links (the circuit of
    :func:`qinet.circuits.entanglement_swap`), on Aer.

    Without ``shots``: exact, via the density matrix (up to 5 links, i.e. 10 qubits). With ``shots``:
    the chain plus a Bell measurement of the two end qubits runs on Aer's stabilizer method (every
    gate is Clifford and Werner noise is a Pauli channel), so 16 links take well under a second; the
    estimate is the fraction of Φ+ outcomes. Expected value (Briegel et al., PRL 81, 5932, 1998):
    ``F_n = 1/4 + (3/4) w^n``, ``w = (4F − 1)/3`` (F = 0.95, n = 2 → 0.903333).

    Examples
    --------
    >>> round(swap_chain_fidelity(2, 0.95).fidelity, 6)
    0.903333
    """
    n = positive_int("n_links", n_links, maximum=MAX_CIRCUIT_QUBITS // 2)
    f = float(number("link_fidelity", link_fidelity, 0.25, 1.0))
    seed = _seed(seed)
    chain = entanglement_swap(n, link_fidelity=f)
    last = 2 * n - 1
    if shots is None:
        if n > _EXACT_MAX_LINKS:
            raise ValueError(
                f"n_links must be <= {_EXACT_MAX_LINKS} for the exact density matrix, got {n}; pass shots= to sample"
            )
        rho = sim.final_state(chain, [0, last])
        value = float(np.real(rho.expectation_value(DensityMatrix(_BELL_VECTORS[0]))))
        return SwapChainResult(n, f, value, 0.0, "exact")
    shots = positive_int("shots", shots)
    bell = ClassicalRegister(2, "bell")
    chain.add_register(bell)
    chain.cx(0, last)
    chain.h(0)
    chain.measure([0, last], bell)
    rounds = sim.sample(chain, shots=shots, seed=seed, backend=sim.default_backend(None, "stabilizer"))
    estimate = float(np.mean(rounds.values("bell") == 0))  # Bell measurement reads Φ+
    return SwapChainResult(n, f, estimate, float(binomial_stderr(estimate, shots)), "sampled", shots)
