"""One qubit: its state from two Bloch angles, the Born rule in the X, Y and Z bases, and a run on Aer.

A pure qubit state is, up to an unobservable global phase,

    |ψ(θ, φ)⟩ = cos(θ/2)|0⟩ + e^{iφ} sin(θ/2)|1⟩,

the point with polar angle θ and azimuth φ on the Bloch sphere, Bloch vector
r = (sin θ cos φ, sin θ sin φ, cos θ). Measuring along a direction n gives "+" (the bit 0) with
probability (1 + r·n)/2: the Born rule, P(0) = |⟨0|ψ⟩|² = cos²(θ/2) in the Z basis (Nielsen &
Chuang, *Quantum Computation and Quantum Information*, Cambridge University Press (2010), §1.2
and §2.2.3, doi:10.1017/CBO9780511976667). Qiskit's ``U(θ, φ, 0)`` gate prepares |ψ(θ, φ)⟩ from |0⟩.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike
from qiskit import QuantumCircuit

from qinet._validate import in_range, number, one_of, scalar_or_array

BASES = ("z", "x", "y")


def state_vector(theta: float, phi: float) -> np.ndarray:
    """The amplitudes ``[cos(θ/2), e^{iφ} sin(θ/2)]`` of |ψ(θ, φ)⟩ (angles in rad).

    Examples
    --------
    >>> np.round(state_vector(math.pi / 2, 0.0), 4)
    array([0.7071+0.j, 0.7071+0.j])
    """
    t, p = float(in_range("theta", theta, 0.0, math.pi)), float(number("phi", phi))
    return np.array([math.cos(t / 2), np.exp(1j * p) * math.sin(t / 2)])


def bloch_vector(theta: ArrayLike, phi: ArrayLike) -> np.ndarray:
    """The Bloch vector ``(sin θ cos φ, sin θ sin φ, cos θ)`` (last axis of length 3).

    Examples
    --------
    >>> bloch_vector(0.0, 0.0)
    array([0., 0., 1.])
    """
    t, p = in_range("theta", theta, 0.0, math.pi), number("phi", phi)
    return np.stack(np.broadcast_arrays(np.sin(t) * np.cos(p), np.sin(t) * np.sin(p), np.cos(t)), axis=-1)


def probability_of_zero(theta: ArrayLike, phi: ArrayLike, basis: str = "z") -> float | np.ndarray:
    """Born rule: the probability of the outcome 0 (the "+" eigenstate) when |ψ(θ, φ)⟩ is measured in ``basis``.

    ``(1 + r_z)/2 = cos²(θ/2)`` in Z, ``(1 + sin θ cos φ)/2`` in X, ``(1 + sin θ sin φ)/2`` in Y.

    Examples
    --------
    >>> round(probability_of_zero(math.pi / 3, 0.0), 6)
    0.75
    >>> probability_of_zero(math.pi / 2, 0.0, "x")
    1.0
    """
    axis = BASES.index(one_of("basis", basis, BASES))
    component = bloch_vector(theta, phi)[..., (2, 0, 1)[axis]]
    return scalar_or_array((1.0 + component) / 2.0)


def measurement_circuit(theta: float, phi: float, basis: str = "z") -> QuantumCircuit:
    """Prepare |ψ(θ, φ)⟩ with ``U(θ, φ, 0)``, rotate ``basis`` onto Z (H for X; S† then H for Y), measure.

    Examples
    --------
    >>> measurement_circuit(1.0, 0.5, "y").count_ops()["measure"]
    1
    """
    basis = one_of("basis", basis, BASES)
    qc = QuantumCircuit(1, 1, name=f"measure-{basis}")
    qc.u(float(in_range("theta", theta, 0.0, math.pi)), float(number("phi", phi)), 0.0, 0)
    if basis == "y":
        qc.sdg(0)
    if basis in ("x", "y"):
        qc.h(0)
    qc.measure(0, 0)
    return qc


def measure(
    theta: float, phi: float, basis: str = "z", *, shots: int = 1000, seed: int | None = None
) -> dict[str, int]:
    """Counts of ``shots`` measurements of |ψ(θ, φ)⟩ in ``basis`` on Aer (through :mod:`qinet.sim`).

    Examples
    --------
    >>> sorted(measure(0.0, 0.0, shots=10, seed=1).items())
    [('0', 10)]
    """
    from qinet import sim

    return sim.run(measurement_circuit(theta, phi, basis), shots=shots, seed=seed)


def purity(rho: ArrayLike) -> float:
    """``Tr ρ²``: 1 for a pure state, ``1/d`` for the completely mixed state of dimension d.

    Examples
    --------
    >>> purity(np.eye(2) / 2)
    0.5
    """
    try:
        matrix = np.asarray(rho, dtype=complex)
    except (TypeError, ValueError):
        raise ValueError(f"rho must be a square matrix of numbers, got {rho!r}") from None
    if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1]:
        raise ValueError(f"rho must be a square matrix, got shape {matrix.shape}")
    if not np.all(np.isfinite(matrix)):
        raise ValueError("rho must contain only finite numbers")
    return float(np.real(np.trace(matrix @ matrix)))
