"""Exercise checks for the primer (notebook 00a): a qubit from Bloch angles, a Bell state, a fidelity,
a correlation from counts, and the CHSH game with a noisy pair. Every check returns a Feedback and never
raises; the coding exercises are graded by behaviour (:mod:`qinet.exercises.grading`)."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from qinet.exercises.feedback import Feedback, check_number
from qinet.exercises.grading import (
    case,
    grade_counts_function,
    grade_function,
    grade_state_preparation,
)


def _random_angles(rng: np.random.Generator) -> tuple[float, float]:
    return float(rng.uniform(0.1, math.pi - 0.1)), float(rng.uniform(0.1, 2 * math.pi - 0.1))


def check_bloch_state(fn: Callable[..., Any]) -> Feedback:
    """Exercise 1: ``fn(theta, phi)`` returns a one-qubit circuit that prepares |ψ(θ, φ)⟩ from |0⟩.

    Graded on the poles, the equator and fresh random angles.

    Examples
    --------
    >>> from qiskit import QuantumCircuit
    >>> def right(theta, phi):
    ...     qc = QuantumCircuit(1)
    ...     qc.ry(theta, 0)
    ...     qc.p(phi, 0)
    ...     return qc
    >>> bool(check_bloch_state(right)), bool(check_bloch_state(lambda theta, phi: QuantumCircuit(1)))
    (True, False)
    """
    from qinet.qubits import state_vector

    def target(theta: float, phi: float) -> np.ndarray:
        return state_vector(theta, phi)

    return grade_state_preparation(
        fn,
        target,
        n_qubits=1,
        cases=[case(0.0, 0.0, why="θ = 0 is |0⟩"), case(math.pi, 0.0), case(math.pi / 2, 0.0), case(math.pi / 2, 1.0)],
        random_cases=_random_angles,
        n_random=4,
        key="primer.bloch_state",
        hint="θ sets how much |1⟩ the state holds, cos(θ/2) and sin(θ/2); φ is a phase on |1⟩ that no Z "
        "measurement sees.",
        idea="Build it in two steps: a rotation about the Y axis by θ tilts |0⟩ towards |1⟩; then a rotation "
        "about the Z axis by φ turns the state around the equator without changing its probabilities.",
    )


def check_psi_minus(fn: Callable[..., Any]) -> Feedback:
    """Exercise 2: ``fn()`` returns a two-qubit circuit that prepares Ψ⁻ = (|01⟩ − |10⟩)/√2 from |00⟩.

    Examples
    --------
    >>> from qinet.circuits import bell_pair
    >>> bool(check_psi_minus(lambda: bell_pair("psi-"))), bool(check_psi_minus(lambda: bell_pair("psi+")))
    (True, False)
    """
    return grade_state_preparation(
        fn,
        "psi-",
        n_qubits=2,
        key="primer.psi_minus",
        hint="Ψ⁻ = (|01⟩ − |10⟩)/√2: in Z its two qubits always disagree, and the two terms have opposite signs.",
        idea="Start from Φ⁺ (a Hadamard on one qubit, then a CNOT): a bit flip on one qubit turns Φ into Ψ, "
        "and a Z on one qubit turns the + into a −.",
    )


def _random_density_matrix(rng: np.random.Generator, dim: int) -> np.ndarray:
    a = rng.normal(size=(dim, dim)) + 1j * rng.normal(size=(dim, dim))
    rho = a @ a.conj().T
    return rho / np.trace(rho).real


def _random_pure(rng: np.random.Generator, dim: int) -> np.ndarray:
    v = rng.normal(size=dim) + 1j * rng.normal(size=dim)
    return v / np.linalg.norm(v)


def _fidelity_reference(psi: np.ndarray, rho: np.ndarray) -> float:
    from qiskit.quantum_info import DensityMatrix, Statevector, state_fidelity

    return float(state_fidelity(Statevector(psi), DensityMatrix(rho), validate=False))


def check_fidelity(fn: Callable[..., Any]) -> Feedback:
    """Exercise 3: ``fn(psi, rho)`` returns the fidelity ⟨ψ|ρ|ψ⟩ of a density matrix with a pure state.

    Graded on limits (a state with itself, orthogonal states, the completely mixed state, a Werner
    pair) and on fresh random states of one and two qubits.

    Examples
    --------
    >>> bool(check_fidelity(lambda psi, rho: np.real(np.vdot(psi, rho @ psi))))
    True
    >>> bool(check_fidelity(lambda psi, rho: abs(np.vdot(psi, rho @ psi)) ** 0.5))
    False
    """
    r2 = 1 / math.sqrt(2)
    zero, one, phi_plus = np.array([1, 0j]), np.array([0, 1 + 0j]), np.array([r2, 0, 0, r2], dtype=complex)
    werner = 0.6 * np.outer(phi_plus, phi_plus.conj()) + 0.4 * np.eye(4) / 4

    def random_case(rng: np.random.Generator) -> Any:
        dim = int(rng.choice([2, 4]))
        return case(_random_pure(rng, dim), _random_density_matrix(rng, dim))

    return grade_function(
        fn,
        _fidelity_reference,
        cases=[
            case(zero, np.outer(zero, zero), why="a state has fidelity 1 with itself"),
            case(zero, np.outer(one, one), why="orthogonal states have fidelity 0"),
            case(zero, np.eye(2) / 2, why="the completely mixed qubit has fidelity 1/2 with every pure state"),
            case(phi_plus, werner, why="a Werner pair of visibility V has F = (1 + 3V)/4 with Φ⁺"),
        ],
        random_cases=random_case,
        n_random=6,
        rtol=1e-6,
        atol=1e-9,
        key="primer.fidelity",
        hint="F = ⟨ψ|ρ|ψ⟩ is a probability: the chance that ρ passes a test 'are you ψ?'. It is real, between 0 "
        "and 1, and needs the complex conjugate of ψ on the left.",
        idea="Multiply ρ by the column ψ, then take the inner product with ψ, conjugating ψ: np.vdot conjugates "
        "its first argument. Keep the real part.",
    )


def _correlation_reference(counts: dict[str, int]) -> float:
    shots = sum(counts.values())
    return sum(n if key[0] == key[1] else -n for key, n in counts.items()) / shots


def check_correlation(fn: Callable[..., Any]) -> Feedback:
    """Exercise 4: ``fn(counts)`` returns the correlation E = P(same) − P(different) of two measured bits.

    Examples
    --------
    >>> def right(counts):
    ...     same = counts.get("00", 0) + counts.get("11", 0)
    ...     return (2 * same - sum(counts.values())) / sum(counts.values())
    >>> bool(check_correlation(right)), bool(check_correlation(lambda counts: 1.0))
    (True, False)
    """
    return grade_counts_function(
        fn,
        _correlation_reference,
        n_bits=2,
        key="primer.correlation",
        hint="E = P(same) − P(different): the outcomes '00' and '11' count as the same, '01' and '10' as different; "
        "a probability is a count divided by the number of shots.",
        idea="Add up the counts whose two bits agree, subtract those that disagree, and divide by the total number "
        "of shots, sum(counts.values()). Outcomes that never happened are missing from the dict: counts.get(k, 0).",
    )


def check_noisy_win_probability(answer: object) -> Feedback:
    """Exercise 5: the CHSH-game win probability with a Werner pair of visibility V = 0.8 at the best angles.

    Examples
    --------
    >>> bool(check_noisy_win_probability(0.783)), bool(check_noisy_win_probability(0.854))
    (True, False)
    """
    from qinet.chsh_game import BEST_ANGLES, win_probability

    return check_number(
        answer,
        win_probability(*BEST_ANGLES, visibility=0.8),
        rtol=0.002,
        hint="Every correlation shrinks by V, so S = 2√2 V; then P(win) = 1/2 + S/8.",
    )
