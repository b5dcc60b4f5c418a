"""Name quantum states the way a physicist would, for feedback: |01⟩, Φ⁺, |+⟩, GHZ, Bloch angles.

:func:`name_state` turns a state vector or density matrix into a short phrase ("Ψ⁺",
"|1⟩|+⟩", "the qubit state with Bloch angles θ = 1.20, φ = 0.70", "a mixture of |00⟩ and |11⟩ with
no coherence between them"), so that a grader can say *what* a learner's circuit did. Kets are
written in Qiskit's order: the rightmost digit is qubit 0.
"""

from __future__ import annotations

import math

import numpy as np
from qiskit.quantum_info import DensityMatrix, Statevector, partial_trace

from qinet._validate import WrongTypeError, instance, number, positive_int, text

#: Largest number of qubits a state is described for (a 2¹²-dimensional density matrix is 268 MB).
MAX_QUBITS = 10

_R2 = 1 / math.sqrt(2)

#: The four Bell states by the names used across qinet (``qinet.circuits.bell_pair``).
BELL_STATES: dict[str, np.ndarray] = {
    "phi+": np.array([_R2, 0, 0, _R2], dtype=complex),
    "phi-": np.array([_R2, 0, 0, -_R2], dtype=complex),
    "psi+": np.array([0, _R2, _R2, 0], dtype=complex),
    "psi-": np.array([0, _R2, -_R2, 0], dtype=complex),
}
BELL_NAMES = {"phi+": "Φ⁺", "phi-": "Φ⁻", "psi+": "Ψ⁺", "psi-": "Ψ⁻"}

_SINGLE = {
    "0": np.array([1, 0], dtype=complex),
    "1": np.array([0, 1], dtype=complex),
    "+": np.array([_R2, _R2], dtype=complex),
    "-": np.array([_R2, -_R2], dtype=complex),
    "+i": np.array([_R2, 1j * _R2], dtype=complex),
    "-i": np.array([_R2, -1j * _R2], dtype=complex),
}


def ket(label: str) -> str:
    """``"01"`` → ``"|01⟩"``."""
    return f"|{text('label', label)}⟩"


def _amplitudes(name: str, value: object, *, ndim: tuple[int, ...] = (1, 2)) -> np.ndarray:
    """``value`` as a finite complex array of ``ndim`` dimensions whose size is a power of two (≤ 2**MAX_QUBITS)."""
    if isinstance(value, (str, bytes)) or value is None:
        raise WrongTypeError(
            f"{name} must be a state vector or density matrix (an array of numbers), got {value!r:.60}"
        )
    try:
        data = np.asarray(value, dtype=complex)
    except (TypeError, ValueError):
        raise WrongTypeError(f"{name} must be an array of numbers, got {value!r:.60}") from None
    size = data.shape[0] if data.ndim else 0
    square = data.ndim == 1 or (data.ndim == 2 and data.shape[0] == data.shape[1])
    if data.ndim not in ndim or not square or size < 2 or size & (size - 1) or size > 2**MAX_QUBITS:
        raise ValueError(
            f"{name} must be a state vector or density matrix of 1 to {MAX_QUBITS} qubits (a power-of-two size), "
            f"got an array of shape {data.shape}"
        )
    if not np.all(np.isfinite(data)):
        raise ValueError(f"{name} must hold finite numbers, got {value!r:.60}")
    return data


def as_density_matrix(state: object) -> DensityMatrix:
    """A ``DensityMatrix`` from a Statevector, DensityMatrix, vector or matrix (ValueError otherwise)."""
    if isinstance(state, DensityMatrix):
        return state
    if isinstance(state, Statevector):
        return DensityMatrix(state)
    data = _amplitudes("state", state)
    return DensityMatrix(Statevector(data)) if data.ndim == 1 else DensityMatrix(data)


def pure_vector(rho: DensityMatrix, *, atol: float = 1e-6) -> np.ndarray | None:
    """The state vector of ``rho`` (first non-zero amplitude real and positive) if it is pure, else None."""
    rho = instance("rho", rho, DensityMatrix, "a qiskit DensityMatrix")
    atol = float(number("atol", atol, 0.0, 0.5, low_open=True))
    values, vectors = np.linalg.eigh(rho.data)
    if values[-1] < 1 - atol:
        return None
    vec = vectors[:, -1]
    first = vec[np.argmax(np.abs(vec) > math.sqrt(atol))]
    return vec * (abs(first) / first)


def fidelity_with(rho: DensityMatrix, vector: np.ndarray) -> float:
    """⟨ψ|ρ|ψ⟩ for a pure target ``vector``."""
    rho = instance("rho", rho, DensityMatrix, "a qiskit DensityMatrix")
    vector = _amplitudes("vector", vector, ndim=(1,))
    if vector.shape[0] != rho.dim:
        raise ValueError(f"vector must have {rho.dim} amplitudes (the size of rho), got {vector.shape[0]}")
    return float(np.real(np.vdot(vector, rho.data @ vector)))


def bloch_angles(vector: np.ndarray) -> tuple[float, float]:
    """Polar and azimuthal angles (θ, φ) of a one-qubit state vector, in rad (φ in [0, 2π))."""
    vector = _amplitudes("vector", vector, ndim=(1,))
    if vector.shape[0] != 2 or not np.linalg.norm(vector):
        raise ValueError(f"vector must be a non-zero one-qubit state vector (2 amplitudes), got {vector!r:.60}")
    a, b = vector / np.linalg.norm(vector)
    if abs(a) > 1e-12:
        b = b * abs(a) / a
        a = abs(a)
    theta = 2 * math.atan2(abs(b), abs(a))
    phi = float(np.angle(b)) % (2 * math.pi) if abs(b) > 1e-9 and abs(a) > 1e-9 else 0.0
    return theta, phi


def _phase_word(z: complex) -> str:
    """The sign or phase in front of a ket: ``"+ "``, ``"− "``, ``"+ i"``, ``"− i"`` or ``"+ e^(0.79i)"``."""
    for word, value in (("+ ", 1), ("− ", -1), ("+ i", 1j), ("− i", -1j)):
        if abs(z - value) < 1e-3:
            return word
    return f"+ e^({np.angle(z):.2f}i)"


def format_vector(vector: np.ndarray, n_qubits: int) -> str:
    """A state vector as a sum of kets: ``(|00⟩ + i|11⟩)/√2`` or ``0.60|0⟩ + 0.80|1⟩``.

    Examples
    --------
    >>> format_vector(BELL_STATES["psi-"], 2)
    '(|01⟩ − |10⟩)/√2'
    >>> format_vector(np.array([0.6, 0.8]), 1)
    '0.60|0⟩ + 0.80|1⟩'
    """
    n_qubits = positive_int("n_qubits", n_qubits, maximum=MAX_QUBITS)
    vector = _amplitudes("vector", vector, ndim=(1,))
    if vector.shape[0] != 2**n_qubits:
        raise ValueError(f"vector must have 2**n_qubits = {2**n_qubits} amplitudes, got {vector.shape[0]}")
    terms = [(k, z) for k, z in enumerate(vector) if abs(z) > 1e-3]
    labels = [format(k, f"0{n_qubits}b") for k, _ in terms]
    sizes = np.array([abs(z) for _, z in terms])
    if len(terms) > 1 and np.allclose(sizes, sizes[0], atol=1e-3):
        lead = terms[0][1] / abs(terms[0][1])
        text = ket(labels[0])
        for label, (_, z) in zip(labels[1:], terms[1:], strict=True):
            text += f" {_phase_word(z / abs(z) / lead)}{ket(label)}"
        root = {2: "√2", 3: "√3", 4: "2"}.get(len(terms), f"√{len(terms)}")
        return f"({text})/{root}"
    parts = []
    for label, (_, z) in zip(labels[:6], terms[:6], strict=False):
        coefficient = f"{z.real:.2f}" if abs(z.imag) < 1e-3 else f"({z.real:.2f}{z.imag:+.2f}i)"
        parts.append(f"{coefficient}{ket(label)}")
    text = " + ".join(parts).replace("+ -", "− ")
    return text + (" + …" if len(terms) > 6 else "")


def _single_name(vector: np.ndarray) -> str | None:
    for name, target in _SINGLE.items():
        if abs(np.vdot(target, vector)) > 1 - 1e-6:
            return ket(name)
    return None


def _pure_name(vector: np.ndarray, n: int) -> str:
    probabilities = np.abs(vector) ** 2
    if probabilities.max() > 1 - 1e-6:
        return ket(format(int(np.argmax(probabilities)), f"0{n}b"))
    if n == 1:
        named = _single_name(vector)
        if named:
            return named
        theta, phi = bloch_angles(vector)
        return f"the qubit state with Bloch angles θ = {theta:.2f}, φ = {phi:.2f} rad"
    if n == 2:
        for kind, target in BELL_STATES.items():
            if abs(np.vdot(target, vector)) > 1 - 1e-6:
                return f"{BELL_NAMES[kind]} = {format_vector(target, 2)}"
    if n >= 3:
        for sign, word in ((1, "GHZ"), (-1, "GHZ with a minus sign")):
            target = np.zeros(2**n, dtype=complex)
            target[0], target[-1] = _R2, sign * _R2
            if abs(np.vdot(target, vector)) > 1 - 1e-6:
                return f"the {word} state {format_vector(target, n)}"
    if n <= 4:
        rho = DensityMatrix(Statevector(vector))
        singles = []
        for q in reversed(range(n)):
            reduced = partial_trace(rho, [k for k in range(n) if k != q])
            one = pure_vector(reduced, atol=1e-6)
            name = _single_name(one) if one is not None else None
            if name is None:
                break
            singles.append(name)
        if len(singles) == n:
            return "the product state " + "".join(singles) + " (qubit 0 rightmost)"
    return format_vector(vector, n)


def name_state(state: object) -> str:
    """A short physical description of ``state`` (Statevector, DensityMatrix, vector or matrix).

    Examples
    --------
    >>> from qiskit import QuantumCircuit
    >>> qc = QuantumCircuit(2); _ = qc.h(0); _ = qc.cx(0, 1); _ = qc.z(0)
    >>> name_state(Statevector(qc))
    'Φ⁻ = (|00⟩ − |11⟩)/√2'
    >>> name_state(Statevector.from_label("+1"))
    'the product state |+⟩|1⟩ (qubit 0 rightmost)'
    >>> name_state(np.eye(4) / 4)
    'the completely mixed state I/4'
    """
    rho = as_density_matrix(state)
    n = int(round(math.log2(rho.dim)))
    vector = pure_vector(rho)
    if vector is not None:
        return _pure_name(vector, n)
    data = rho.data
    if np.allclose(data, np.eye(rho.dim) / rho.dim, atol=1e-6):
        return f"the completely mixed state I/{rho.dim}"
    purity = float(np.real(np.trace(data @ data)))
    diagonal = np.real(np.diag(data))
    if np.allclose(data, np.diag(diagonal), atol=1e-6):
        present = [ket(format(k, f"0{n}b")) for k, p in enumerate(diagonal) if p > 1e-6]
        shown = ", ".join(present[:6]) + (", …" if len(present) > 6 else "")
        return f"a mixture of {shown} with no coherence between them (as if measured)"
    if n == 2:
        weights = {kind: fidelity_with(rho, target) for kind, target in BELL_STATES.items()}
        kind = max(weights, key=weights.__getitem__)
        return f"a mixed state (purity {purity:.2f}) that is {BELL_NAMES[kind]} with fidelity {weights[kind]:.2f}"
    return f"a mixed state (purity {purity:.2f})"
