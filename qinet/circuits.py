"""Qiskit circuit builders for the quantum-internet protocols (build only: nothing here runs).

The one circuit library of qinet. Protocols are composed of named steps that append to a circuit:
:func:`share_pair` (a Bell pair, optionally a Werner pair), :func:`bell_measurement` (Alice's two bits),
:func:`correct` (Bob's Pauli corrections), :func:`measure_along` (a measurement along an angle in the X–Z
plane), :func:`cat_entangle` and :func:`cat_disentangle` (Eisert et al.'s non-local gate halves). The
builders (:func:`bell_pair`, :func:`ghz`, :func:`teleportation`, :func:`entanglement_swap`,
:func:`nonlocal_cnot`, :func:`superdense_coding`, :func:`correlation_circuit`, :func:`cat_distributed`)
only assemble those steps; no other module builds these circuits.

Bell states come in two named orders: :data:`BELL_KINDS` (Φ+, Φ−, Ψ+, Ψ−), the order of the ``kind``
names, and :data:`DEJMPS_ORDER` (Φ+, Ψ−, Ψ+, Φ−), the order of the coefficients ``(A, B, C, D)`` of a
Bell-diagonal state (Deutsch et al. 1996) used by :func:`bell_diagonal_pair` and
:mod:`qinet.purification`.

Qubits are numbered as each builder's docstring states (the sender's first); registers are named by
role (``alice``, ``repeater``, ``bob``), so drawings read like the protocol. Feed-forward uses
``with qc.if_test(...)``. Imperfect links are made with a Pauli channel appended where the pair is
created (``link_fidelity=`` etc., see :mod:`qinet.noise`), so local gates stay perfect and Aer's
stabilizer method still runs the circuit.
Run them with :func:`qinet.sim.run` (counts) or :func:`qinet.sim.final_state` (exact state).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache
from typing import TypeAlias

import numpy as np
from numpy.typing import ArrayLike
from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister
from qiskit.circuit import Clbit, Gate, Instruction, Qubit
from qiskit.circuit.classical import expr
from qiskit.circuit.library import XGate, ZGate
from qiskit.quantum_info import DensityMatrix, Statevector

from qinet._limits import MAX_CIRCUIT_QUBITS
from qinet._validate import array, boolean, instance, number, one_of, positive_int
from qinet.noise import bell_diagonal_noise, werner_pair_noise

BELL_KINDS = ("phi+", "phi-", "psi+", "psi-")
"""The names of the four Bell states, in the order used for ``kind`` everywhere (Φ+, Φ−, Ψ+, Ψ−)."""
DEJMPS_ORDER = ("phi+", "psi-", "psi+", "phi-")
"""The order of the coefficients ``(A, B, C, D)`` of a Bell-diagonal state (Deutsch et al., PRL 77, 2818,
1996): A on Φ+, B on Ψ−, C on Ψ+, D on Φ−. Used by :func:`bell_diagonal_pair` and
:func:`qinet.purification.bell_coefficients`; never index it with a :data:`BELL_KINDS` position."""
_MAX_SETTING_PAIRS = 10_000  # one circuit each: more would take minutes to build


def _angle(name: str, value: float) -> float:
    """A finite angle in rad (NaN and ±inf raise ValueError)."""
    return float(number(name, value))


def _pair_fidelity(name: str, fidelity: float | None) -> float | None:
    """A Werner fidelity in [0.25, 1] for the parameter ``name``, or None (a perfect pair)."""
    return None if fidelity is None else float(number(name, fidelity, 0.25, 1.0))


_werner_noise = lru_cache(maxsize=128)(werner_pair_noise)  # Aer channels take ~2 ms to build

QubitLike: TypeAlias = Qubit | int
"""A qubit of the circuit, or its index."""


def _circuit(qc: object) -> QuantumCircuit:
    return instance("qc", qc, QuantumCircuit, "a qiskit QuantumCircuit")


def _qubit(qc: QuantumCircuit, name: str, qubit: object) -> Qubit:
    """``qubit`` (a Qubit of ``qc`` or its index) as a Qubit, or a ValueError naming ``name``."""
    if isinstance(qubit, Qubit):
        if _has_qubit(qc, qubit):
            return qubit
        raise ValueError(f"{name} must be a qubit of the circuit, got {qubit!r}")
    if isinstance(qubit, int | np.integer) and not isinstance(qubit, bool) and 0 <= int(qubit) < qc.num_qubits:
        return qc.qubits[int(qubit)]
    raise ValueError(f"{name} must be a qubit of the circuit or its index in [0, {qc.num_qubits - 1}], got {qubit!r}")


def _has_qubit(qc: QuantumCircuit, qubit: Qubit) -> bool:
    try:
        qc.find_bit(qubit)
    except Exception:  # noqa: BLE001 - qiskit raises CircuitError for a foreign bit
        return False
    return True


def _clbits(qc: QuantumCircuit, name: str, bits: object, n: int) -> list[Clbit]:
    """``n`` classical bits of ``qc`` (a register, a sequence of Clbits or of indices), or a ValueError."""
    try:
        chosen = list(bits)  # type: ignore[call-overload]
    except TypeError:
        chosen = None
    if chosen is None or len(chosen) < n:
        raise ValueError(f"{name} must be {n} classical bits of the circuit (a ClassicalRegister), got {bits!r}")
    out = []
    for bit in chosen[:n]:
        if isinstance(bit, int | np.integer) and not isinstance(bit, bool) and 0 <= int(bit) < qc.num_clbits:
            out.append(qc.clbits[int(bit)])
            continue
        if isinstance(bit, Clbit):
            try:
                qc.find_bit(bit)
            except Exception:  # noqa: BLE001 - qiskit raises CircuitError for a foreign bit
                pass
            else:
                out.append(bit)
                continue
        raise ValueError(f"{name} must be {n} classical bits of the circuit (a ClassicalRegister), got {bits!r}")
    return out


def _noise(name: str, noise: object) -> object:
    """None, a qiskit Instruction or an Aer ``QuantumError`` on two qubits (appended after a CNOT)."""
    if noise is None:
        return None
    if (
        not (isinstance(noise, Instruction) or hasattr(noise, "to_instruction"))
        or getattr(noise, "num_qubits", None) != 2
    ):
        raise ValueError(f"{name} must be None or a two-qubit noise instruction (Aer QuantumError), got {noise!r}")
    return noise


def share_pair(qc: QuantumCircuit, alice: QubitLike, bob: QubitLike, fidelity: float | None = None) -> None:
    """Step: a source gives ``alice`` and ``bob`` one Bell pair |Φ+⟩ = (|00⟩ + |11⟩)/√2 (H, then CNOT).

    With ``fidelity`` F in [0.25, 1] the pair is a Werner pair ``F |Φ+⟩⟨Φ+| + (1 − F)/3 (the other
    three)`` (Werner, PRA 40, 4277, 1989), made by a Pauli channel after the CNOT
    (:func:`qinet.noise.werner_pair_noise`). Every Bell pair in qinet is made here.

    Examples
    --------
    >>> qc = QuantumCircuit(2)
    >>> share_pair(qc, 0, 1)
    >>> dict(qc.count_ops())
    {'h': 1, 'cx': 1}
    """
    qc = _circuit(qc)
    a, b = _qubit(qc, "alice", alice), _qubit(qc, "bob", bob)
    if a == b:
        raise ValueError(f"alice and bob must be two different qubits, got {alice!r} twice")
    fidelity = _pair_fidelity("fidelity", fidelity)
    qc.h(a)
    qc.cx(a, b)
    if fidelity is not None and fidelity < 1.0:
        qc.append(_werner_noise(fidelity), [a, b])


def bell_measurement(
    qc: QuantumCircuit, first: QubitLike, second: QubitLike, bits: object, *, cnot_noise: object = None
) -> None:
    """Step: measure ``first`` and ``second`` in the Bell basis: CNOT first → second, H on first, measure.

    ``bits[0]`` gets ``first``'s bit (the phase bit: 1 for Φ−, Ψ−) and ``bits[1]`` ``second``'s (the
    parity bit: 1 for Ψ±), so Φ+, Φ−, Ψ+, Ψ− read (0, 0), (1, 0), (0, 1), (1, 1) (Nielsen & Chuang 2010,
    §1.3.7). ``cnot_noise`` (an Aer two-qubit error) is appended after the CNOT: a noisy local gate.

    Examples
    --------
    >>> qc = QuantumCircuit(2, 2)
    >>> bell_measurement(qc, 0, 1, qc.cregs[0])
    >>> qc.count_ops()["measure"]
    2
    """
    qc = _circuit(qc)
    a, b = _qubit(qc, "first", first), _qubit(qc, "second", second)
    if a == b:
        raise ValueError(f"first and second must be two different qubits, got {first!r} twice")
    bit_a, bit_b = _clbits(qc, "bits", bits, 2)
    noise = _noise("cnot_noise", cnot_noise)
    qc.cx(a, b)
    if noise is not None:
        qc.append(noise, [a, b])
    qc.h(a)
    qc.measure(a, bit_a)
    qc.measure(b, bit_b)


def _pauli_frame(qc: QuantumCircuit, target: Qubit, x_if: object, z_if: object) -> None:
    """X on ``target`` if the condition ``x_if`` holds, then Z if ``z_if`` holds (feed-forward)."""
    with qc.if_test(x_if):
        qc.x(target)
    with qc.if_test(z_if):
        qc.z(target)


def correct(qc: QuantumCircuit, target: QubitLike, bits: object) -> None:
    """Step: Bob applies X to ``target`` if ``bits[1]`` is 1, then Z if ``bits[0]`` is 1 (feed-forward).

    After :func:`bell_measurement` these Paulis undo the Bell state Alice found, so ``target`` holds the
    state she sent (Bennett et al., PRL 70, 1895, 1993).

    Examples
    --------
    >>> qc = QuantumCircuit(1, 2)
    >>> correct(qc, 0, qc.cregs[0])
    >>> qc.count_ops()["if_else"]
    2
    """
    qc = _circuit(qc)
    t = _qubit(qc, "target", target)
    phase, parity = _clbits(qc, "bits", bits, 2)
    _pauli_frame(qc, t, (parity, 1), (phase, 1))


def measure_along(qc: QuantumCircuit, qubit: QubitLike, angle: float, bit: object) -> None:
    """Step: measure ``qubit`` along ``angle`` (rad) in the X–Z plane, the observable ``cos(a) Z + sin(a) X``.

    ``Ry(−a)`` turns that direction onto Z, then Z is measured into ``bit``: 0 means +1. ``a = 0`` is Z,
    ``a = π/2`` is X.

    Examples
    --------
    >>> qc = QuantumCircuit(1, 1)
    >>> measure_along(qc, 0, 0.5, 0)
    >>> sorted(qc.count_ops())
    ['measure', 'ry']
    """
    qc = _circuit(qc)
    q = _qubit(qc, "qubit", qubit)
    a = _angle("angle", angle)
    (clbit,) = _clbits(qc, "bit", [bit] if not isinstance(bit, ClassicalRegister) else bit, 1)
    qc.ry(-a, q)
    qc.measure(q, clbit)


def cat_entangle(
    qc: QuantumCircuit, control: QubitLike, home: QubitLike, away: QubitLike, bit: object, *, cnot_noise: object = None
) -> None:
    """Step: copy ``control``'s Z value into ``away`` through a Bell pair on ``home``–``away`` (cat-entangler).

    CNOT control → home, measure ``home`` into ``bit``, X on ``away`` if 1: the state ``Σ a_x |x⟩`` of
    ``control`` becomes ``Σ a_x |x⟩|x⟩`` on ``control, away`` (Eisert, Jacobs, Papadopoulos, Plenio,
    PRA 62, 052317, 2000). ``cnot_noise`` is appended after the CNOT.

    Examples
    --------
    >>> qc = QuantumCircuit(3, 1)
    >>> share_pair(qc, 1, 2); cat_entangle(qc, 0, 1, 2, 0)
    >>> qc.count_ops()["measure"]
    1
    """
    qc = _circuit(qc)
    c, h, a = _qubit(qc, "control", control), _qubit(qc, "home", home), _qubit(qc, "away", away)
    (clbit,) = _clbits(qc, "bit", [bit] if not isinstance(bit, ClassicalRegister) else bit, 1)
    noise = _noise("cnot_noise", cnot_noise)
    qc.cx(c, h)
    if noise is not None:
        qc.append(noise, [c, h])
    qc.measure(h, clbit)
    with qc.if_test((clbit, 1)):
        qc.x(a)


def cat_disentangle(qc: QuantumCircuit, away: QubitLike, control: QubitLike, bit: object) -> None:
    """Step: undo :func:`cat_entangle`: H on ``away``, measure it into ``bit``, Z on ``control`` if 1.

    Examples
    --------
    >>> qc = QuantumCircuit(2, 1)
    >>> cat_disentangle(qc, 1, 0, 0)
    >>> qc.count_ops()["if_else"]
    1
    """
    qc = _circuit(qc)
    a, c = _qubit(qc, "away", away), _qubit(qc, "control", control)
    (clbit,) = _clbits(qc, "bit", [bit] if not isinstance(bit, ClassicalRegister) else bit, 1)
    qc.h(a)
    qc.measure(a, clbit)
    with qc.if_test((clbit, 1)):
        qc.z(c)


def bell_pair(kind: str = "phi+", *, fidelity: float | None = None) -> QuantumCircuit:
    """Two qubits (``alice``, ``bob``) in the Bell state ``kind``; nothing measured.

    Φ± = (|00⟩ ± |11⟩)/√2, Ψ± = (|01⟩ ± |10⟩)/√2 (Nielsen & Chuang 2000, §1.3.6): H and CNOT make
    Φ+ (:func:`share_pair`), then X on Bob's qubit flips Φ → Ψ and Z on Alice's adds the minus sign.
    With ``fidelity`` F the pair is ``F |B⟩⟨B| + (1 − F)/3 (the other three)``, i.e. ``V |B⟩⟨B| + (1 − V) I/4``
    with ``V = (4F − 1)/3`` (the depolarizing channel on Bob's half commutes with the Paulis).

    Parameters
    ----------
    kind : one of ``"phi+"``, ``"phi-"``, ``"psi+"``, ``"psi-"`` (:data:`BELL_KINDS`).
    fidelity : Werner fidelity in [0.25, 1], or None for a perfect pair.

    Examples
    --------
    >>> from qiskit.quantum_info import DensityMatrix, Statevector
    >>> probs = Statevector(bell_pair("psi-")).probabilities_dict()
    >>> {str(key): round(float(p), 6) for key, p in probs.items()}
    {'01': 0.5, '10': 0.5}
    """
    kind = one_of("kind", kind, BELL_KINDS)
    qc = QuantumCircuit(QuantumRegister(1, "alice"), QuantumRegister(1, "bob"), name=f"bell_{kind}")
    share_pair(qc, 0, 1, _pair_fidelity("fidelity", fidelity))
    if kind.startswith("psi"):
        qc.x(1)
    if kind.endswith("-"):
        qc.z(0)
    return qc


def bell_diagonal_pair(coefficients: Sequence[float]) -> QuantumCircuit:
    """Two qubits (``alice``, ``bob``) in the Bell-diagonal state with weights ``(A, B, C, D)`` of (Φ+, Ψ−, Ψ+, Φ−).

    ``A |Φ+⟩⟨Φ+| + B |Ψ−⟩⟨Ψ−| + C |Ψ+⟩⟨Ψ+| + D |Φ−⟩⟨Φ−|`` (the order of Deutsch et al., PRL 77, 2818,
    1996), made as Φ+ followed by the Pauli mixture of :func:`qinet.noise.bell_diagonal_noise`.
    A Werner pair of fidelity F is ``(F, (1−F)/3, (1−F)/3, (1−F)/3)``.

    Examples
    --------
    >>> bell_diagonal_pair((0.7, 0.1, 0.1, 0.1)).num_qubits
    2
    """
    error = bell_diagonal_noise(coefficients)
    qc = QuantumCircuit(QuantumRegister(1, "alice"), QuantumRegister(1, "bob"), name="bell_diagonal")
    share_pair(qc, 0, 1)
    qc.append(error, [0, 1])
    return qc


def ghz(n: int) -> QuantumCircuit:
    """``n`` qubits (register ``node``) in the GHZ state (|0…0⟩ + |1…1⟩)/√2.

    Greenberger, Horne, Zeilinger (1989): H on qubit 0 then a CNOT chain; ``n = 1`` gives |+⟩.

    Examples
    --------
    >>> from qiskit.quantum_info import DensityMatrix, Statevector
    >>> sorted(map(str, Statevector(ghz(3)).probabilities_dict()))
    ['000', '111']
    """
    n = positive_int("n", n, maximum=MAX_CIRCUIT_QUBITS)
    qc = QuantumCircuit(QuantumRegister(n, "node"), name=f"ghz_{n}")
    qc.h(0)
    for k in range(n - 1):
        qc.cx(k, k + 1)
    return qc


def _qubits(qc: QuantumCircuit, name: str, qubits: object) -> list[Qubit]:
    """Several distinct qubits of ``qc`` (a register, or a sequence of qubits or indices)."""
    try:
        items = None if isinstance(qubits, str | bytes) else list(qubits)  # type: ignore[call-overload]
    except TypeError:
        items = None
    if items is None:
        raise ValueError(f"{name} must be qubits of the circuit (a QuantumRegister or a list), got {qubits!r}")
    chosen = [_qubit(qc, name, q) for q in items]
    if not chosen or len(set(chosen)) != len(chosen):
        raise ValueError(f"{name} must be at least one qubit, each once, got {qubits!r}")
    return chosen


def imprint_phase(qc: QuantumCircuit, qubits: object, phase: float) -> None:
    """Step: every qubit picks up the phase φ (a phase gate P(φ) each): the signal a sensor measures.

    On a GHZ state the phases add up: ``(|0…0⟩ + |1…1⟩)/√2 → (|0…0⟩ + e^{iNφ}|1…1⟩)/√2`` (Bollinger et al.,
    PRA 54, R4649, 1996; Huelga et al., PRL 79, 3865, 1997).

    Examples
    --------
    >>> qc = ghz(3)
    >>> imprint_phase(qc, qc.qubits, 0.1)
    >>> qc.count_ops()["p"]
    3
    """
    qc = _circuit(qc)
    chosen = _qubits(qc, "qubits", qubits)
    phi = _angle("phase", phase)
    for q in chosen:
        qc.p(phi, q)


def parity_readout(qc: QuantumCircuit, qubits: object, bits: object, *, readout: str = "x") -> None:
    """Step: measure every qubit in X (``readout="x"``), or one in Y and the rest in X (``"y"``).

    The parity of the bits, ``(−1)^(number of 1s)``, then estimates ``⟨X^⊗N⟩ = cos(Nφ)`` or
    ``⟨Y X^⊗(N−1)⟩ = sin(Nφ)`` on a GHZ state with phase φ per qubit: H on every qubit (after S† on
    the first for ``"y"``), then a Z measurement into ``bits``.

    Examples
    --------
    >>> qc = ghz(2); qc.add_register(ClassicalRegister(2, "parity"))
    >>> parity_readout(qc, qc.qubits, qc.cregs[0], readout="y")
    >>> sorted(qc.count_ops())
    ['cx', 'h', 'measure', 'sdg']
    """
    qc = _circuit(qc)
    chosen = _qubits(qc, "qubits", qubits)
    clbits = _clbits(qc, "bits", bits, len(chosen))
    readout = one_of("readout", readout, ("x", "y"))
    if readout == "y":
        qc.sdg(chosen[0])
    qc.h(chosen)
    qc.measure(chosen, clbits)


def _teleport_into(qc: QuantumCircuit, dynamic: bool, resource_fidelity: float | None) -> None:
    """The four steps on qubits 0 (message), 1 and 2 (the pair): pair, Bell measurement, bits, corrections."""
    bsm = qc.cregs[0]
    qc.barrier()
    share_pair(qc, 1, 2, resource_fidelity)
    qc.barrier()
    if dynamic:
        bell_measurement(qc, 0, 1, bsm)
        send_bits(qc)
        correct(qc, 2, bsm)
    else:  # deferred measurement: the corrections become controlled gates before the measurements
        qc.cx(0, 1)
        qc.h(0)
        qc.cx(1, 2)
        qc.cz(0, 2)
        qc.measure(0, bsm[0])
        qc.measure(1, bsm[1])


def send_bits(qc: QuantumCircuit) -> None:
    """Step: Alice's two bits travel to Bob over a classical channel, at most at light speed (a labelled barrier).

    Examples
    --------
    >>> qc = QuantumCircuit(3)
    >>> send_bits(qc)
    >>> qc.data[0].operation.label
    'send 2 bits'
    """
    _circuit(qc).barrier(label="send 2 bits")


def _teleport_frame() -> QuantumCircuit:
    return QuantumCircuit(QuantumRegister(2, "alice"), QuantumRegister(1, "bob"), ClassicalRegister(2, "bsm"))


def teleportation(
    theta: float, phi: float, *, dynamic: bool = True, resource_fidelity: float | None = None
) -> QuantumCircuit:
    """Teleport ``U(θ, φ, 0)|0⟩ = cos(θ/2)|0⟩ + e^{iφ} sin(θ/2)|1⟩`` from qubit 0 to qubit 2.

    Bennett et al., PRL 70, 1895 (1993). Qubits 0–1 are Alice's (register ``alice``), qubit 2 is Bob's.
    A Bell pair is made on qubits 1–2; Alice's Bell measurement (CNOT 0→1, H on 0) gives bits
    ``bsm[0]`` (from qubit 0) and ``bsm[1]`` (from qubit 1); Bob applies ``X^{bsm[1]}`` then
    ``Z^{bsm[0]}``. With ``dynamic=False`` the corrections are the deferred-measurement form
    (CNOT 1→2, CZ 0→2, then the measurements): the same state on qubit 2, no feed-forward.
    Qubit 2 is left unmeasured.

    Parameters
    ----------
    theta, phi : Bloch angles of the state, rad.
    dynamic : mid-circuit measurement + ``if_test`` corrections (True) or deferred form (False).
    resource_fidelity : if given, the shared pair is a Werner pair of this fidelity in [0.25, 1];
        the average teleportation fidelity is then ``(2F + 1)/3`` (Horodecki³, PRA 60, 1888, 1999).

    Examples
    --------
    >>> qc = teleportation(1.0, 0.5)
    >>> qc.num_qubits, qc.num_clbits
    (3, 2)
    """
    theta = _angle("theta", theta)
    phi = _angle("phi", phi)
    qc = _teleport_frame()
    qc.name = "teleportation"
    qc.u(theta, phi, 0.0, 0)
    _teleport_into(qc, boolean("dynamic", dynamic), _pair_fidelity("resource_fidelity", resource_fidelity))
    return qc


def state_angles(state: Statevector | Sequence[complex]) -> tuple[float, float]:
    """Bloch angles ``(θ, φ)`` with ``U(θ, φ, 0)|0⟩`` equal to a one-qubit ``state`` up to a global phase.

    ``state`` is a ``qiskit.quantum_info.Statevector`` of one qubit or two amplitudes ``(a, b)``
    with ``|a|² + |b|² = 1`` (tolerance 1e-6). ``θ = 2 arccos|a|``, ``φ = arg b − arg a``.

    Examples
    --------
    >>> state_angles([0, 1])
    (3.141592653589793, 0.0)
    """
    if isinstance(state, DensityMatrix | Instruction):
        kind = (
            "a density matrix (mixed states cannot be written as amplitudes)"
            if isinstance(state, DensityMatrix)
            else "a gate (pass it to teleport_state, or use a 1-qubit circuit)"
        )
        raise ValueError(f"state must be a one-qubit Statevector or 2 amplitudes, got {kind}")
    data = state.data if isinstance(state, Statevector) else state
    try:
        vec = np.asarray(data, dtype=complex).ravel()
    except (TypeError, ValueError):
        raise ValueError(f"state must be a one-qubit Statevector or 2 amplitudes, got {state!r}") from None
    if vec.size != 2:
        raise ValueError(f"state must have 2 amplitudes (one qubit), got {vec.size}")
    norm = float(np.linalg.norm(vec))
    if not math.isclose(norm, 1.0, abs_tol=1e-6):
        raise ValueError(f"state must be normalised (norm 1, tolerance 1e-6), got norm {norm!r}; divide by it")
    a, b = vec
    theta = 2.0 * math.acos(min(1.0, abs(a)))
    phi = float(np.angle(b) - np.angle(a)) if abs(b) > 1e-12 and abs(a) > 1e-12 else 0.0
    return theta, phi


def teleport_state(
    state: Statevector | Sequence[complex] | QuantumCircuit | Gate,
    *,
    dynamic: bool = True,
    resource_fidelity: float | None = None,
) -> QuantumCircuit:
    """Teleportation circuit (same layout as :func:`teleportation`) for a state of your own.

    ``state`` is a one-qubit ``Statevector``, two normalised amplitudes, a one-qubit gate, or a
    one-qubit ``QuantumCircuit`` without measurements that prepares the state from |0⟩ (it is copied
    onto qubit 0). Anything else raises ``ValueError`` saying what is expected.

    Examples
    --------
    >>> from qiskit import QuantumCircuit
    >>> prep = QuantumCircuit(1); _ = prep.h(0); _ = prep.t(0)
    >>> teleport_state(prep).num_qubits
    3
    """
    dynamic = boolean("dynamic", dynamic)
    resource_fidelity = _pair_fidelity("resource_fidelity", resource_fidelity)
    if isinstance(state, Gate) and state.num_qubits == 1:
        gate, state = state, QuantumCircuit(1)
        state.append(gate, [0])
    if isinstance(state, QuantumCircuit):
        if state.num_qubits != 1 or state.num_clbits != 0:
            raise ValueError(
                "state circuit must act on exactly 1 qubit and measure nothing, got "
                f"{state.num_qubits} qubits and {state.num_clbits} classical bits"
            )
        qc = _teleport_frame()
        qc.compose(state, qubits=[0], inplace=True)
    else:
        theta, phi = state_angles(state)
        qc = _teleport_frame()
        qc.u(theta, phi, 0.0, 0)
    qc.name = "teleportation"
    _teleport_into(qc, dynamic, resource_fidelity)
    return qc


def _parity(bits: Sequence[Clbit]) -> tuple[Clbit, int] | expr.Expr:
    """Condition 'the XOR of these bits is 1' for ``if_test`` (a plain bit for a single one)."""
    if len(bits) == 1:
        return (bits[0], 1)
    acc = expr.lift(bits[0])
    for bit in bits[1:]:
        acc = expr.bit_xor(acc, bit)
    return acc


def entanglement_swap(n_links: int = 2, *, link_fidelity: float | None = None) -> QuantumCircuit:
    """A repeater chain of ``n_links`` links: ``2 n_links`` qubits, ends 0 and ``2 n_links − 1`` left in Φ+.

    Żukowski et al., PRL 71, 4287 (1993); Briegel et al., PRL 81, 5932 (1998). Link ``k`` is a Bell
    pair on qubits ``2k, 2k+1``. Every inner node (qubits ``2k+1, 2k+2``) makes a Bell-state
    measurement: CNOT, H, measure into ``z[k]`` (from ``2k+1``) and ``x[k]`` (from ``2k+2``). All
    swaps happen at once; Bob then applies ``X`` if the parity of all ``x`` bits is odd and ``Z`` if
    the parity of all ``z`` bits is odd (the Pauli frame of the chain). Only two ``if_test`` blocks
    whatever the length, so Aer's stabilizer method runs long chains fast. ``n_links = 1`` is a
    single Bell pair. With ``link_fidelity`` every link is a Werner pair of that fidelity and the end
    pair has ``F = 1/4 + (3/4) w^n``, ``w = (4F − 1)/3``.

    Registers: ``alice`` (qubit 0), ``repeater`` (``2 n_links − 2`` qubits), ``bob`` (the last qubit);
    classical ``z`` and ``x`` (``n_links − 1`` bits each).

    Examples
    --------
    >>> qc = entanglement_swap(3)
    >>> qc.num_qubits, qc.num_clbits
    (6, 4)
    """
    n = positive_int("n_links", n_links, maximum=MAX_CIRCUIT_QUBITS // 2)
    link_fidelity = _pair_fidelity("link_fidelity", link_fidelity)
    regs = [QuantumRegister(1, "alice")]
    if n > 1:
        regs.append(QuantumRegister(2 * n - 2, "repeater"))
    regs.append(QuantumRegister(1, "bob"))
    qc = QuantumCircuit(*regs, name=f"swap_chain_{n}")
    if n > 1:
        zreg, xreg = ClassicalRegister(n - 1, "z"), ClassicalRegister(n - 1, "x")
        qc.add_register(zreg, xreg)
    for k in range(n):
        share_pair(qc, 2 * k, 2 * k + 1, link_fidelity)
    if n == 1:
        return qc
    qc.barrier()
    for k in range(n - 1):
        bell_measurement(qc, 2 * k + 1, 2 * k + 2, (zreg[k], xreg[k]))
    _pauli_frame(qc, qc.qubits[2 * n - 1], _parity(list(xreg)), _parity(list(zreg)))
    return qc


def nonlocal_cnot(*, ebit_fidelity: float | None = None, cnot_noise: object = None) -> QuantumCircuit:
    """A CNOT from qubit 0 (node A) to qubit 3 (node B) with one ebit and two classical bits.

    Eisert, Jacobs, Papadopoulos, Plenio, PRA 62, 052317 (2000): the cat-entangler copies the control
    into B's half of the pair (CNOT 0→1, measure 1 into ``m[0]``, B applies X if 1), B uses it as the
    control of a local CNOT 2→3, then the cat-disentangler (H on 2, measure into ``m[1]``, A applies Z
    to qubit 0 if 1) undoes the copy (:func:`cat_entangle`, :func:`cat_disentangle`). Registers ``alice``,
    ``link_a`` (A's half of the pair), ``link_b`` (B's half) and ``bob``, one qubit each; qubits 0 and 3
    are left unmeasured. Prepend your input states with ``compose(..., front=True)``.

    Parameters
    ----------
    ebit_fidelity : if given, the shared pair is a Werner pair of this fidelity in [0.25, 1].
    cnot_noise : if given, an Aer two-qubit error appended after each of the two local CNOTs.

    Examples
    --------
    >>> nonlocal_cnot().count_ops()["measure"]
    2
    """
    qc = QuantumCircuit(
        *(QuantumRegister(1, name) for name in ("alice", "link_a", "link_b", "bob")),
        ClassicalRegister(2, "m"),
        name="nonlocal_cnot",
    )
    m = qc.cregs[0]
    noise = _noise("cnot_noise", cnot_noise)
    share_pair(qc, 1, 2, _pair_fidelity("ebit_fidelity", ebit_fidelity))
    qc.barrier(label="cat-entangler")
    cat_entangle(qc, 0, 1, 2, m[0], cnot_noise=noise)
    qc.cx(2, 3)
    if noise is not None:
        qc.append(noise, [2, 3])
    qc.barrier(label="cat-disentangler")
    cat_disentangle(qc, 2, 0, m[1])
    return qc


def superdense_coding(bits: str, *, pair_fidelity: float | None = None) -> QuantumCircuit:
    """Send two classical bits with one qubit and one shared ebit (Bennett & Wiesner, PRL 69, 2881, 1992).

    Alice (qubit 0) applies ``X`` if ``bits[0] == "1"`` and ``Z`` if ``bits[1] == "1"``, sends her
    qubit, and Bob (qubit 1) decodes with CNOT 0→1, H on 0 and measures both: the counts key (Qiskit
    order, bit 1 on the left) equals ``bits``.

    Examples
    --------
    >>> from qinet import sim
    >>> sim.run(superdense_coding("10"), shots=100, seed=1)
    {'10': 100}
    """
    bits = one_of("bits", bits, ("00", "01", "10", "11"))
    qc = QuantumCircuit(
        QuantumRegister(1, "alice"),
        QuantumRegister(1, "bob"),
        ClassicalRegister(2, "message"),
        name=f"superdense_{bits}",
    )
    share_pair(qc, 0, 1, _pair_fidelity("pair_fidelity", pair_fidelity))
    qc.barrier()
    if bits[0] == "1":
        qc.x(0)
    if bits[1] == "1":
        qc.z(0)
    qc.barrier()
    bell_measurement(qc, 0, 1, qc.cregs[0])
    return qc


def correlation_circuit(
    alice_angle: float, bob_angle: float, *, visibility: float = 1.0, kind: str = "phi+"
) -> QuantumCircuit:
    """A Bell pair with each side measuring the observable ``cos(a) Z + sin(a) X`` (angle ``a`` in the X–Z plane).

    Angle convention: ``a = 0`` is Z, ``a = π/2`` is X; each side applies ``Ry(−a)`` then measures Z
    (:func:`measure_along`), bit 0 meaning +1. For Φ+ the correlation is
    ``E(a, b) = P(same) − P(different) = cos(a − b)``; with ``visibility`` V (the pair is
    ``V Φ+ + (1 − V) I/4``) it is ``V cos(a − b)``. CHSH (Clauser, Horne, Shimony, Holt, PRL 23, 880,
    1969) with a = 0, π/2 and b = π/4, −π/4 gives S = 2√2 V. ``kind`` picks another Bell state
    (:func:`bell_pair`). The register ``outcome`` holds Alice's bit (bit 0) and Bob's (bit 1): counts
    keys are ``"<bob><alice>"``.

    Examples
    --------
    >>> from qinet import sim
    >>> counts = sim.run(correlation_circuit(0.0, 0.0), shots=200, seed=3)
    >>> sorted(counts)
    ['00', '11']
    """
    a = _angle("alice_angle", alice_angle)
    b = _angle("bob_angle", bob_angle)
    v = float(number("visibility", visibility, 0.0, 1.0))
    qc = bell_pair(kind, fidelity=(1.0 + 3.0 * v) / 4.0)
    qc.name = "correlation"
    outcome = ClassicalRegister(2, "outcome")
    qc.add_register(outcome)
    measure_along(qc, 0, a, outcome[0])
    measure_along(qc, 1, b, outcome[1])
    qc.metadata = {"alice_angle": a, "bob_angle": b, "visibility": v, "kind": kind}
    return qc


def bell_measurement_circuits(
    alice_angles: Sequence[float], bob_angles: Sequence[float], *, visibility: float = 1.0
) -> list[QuantumCircuit]:
    """One :func:`correlation_circuit` per pair of settings, Alice's index outer: ``[(a0,b0), (a0,b1), ...]``.

    For CHSH use ``alice_angles = (0, π/2)``, ``bob_angles = (π/4, −π/4)``; for E91 (Ekert, PRL 67,
    661, 1991) three angles per side. Each circuit's ``metadata`` holds its two angles.

    Examples
    --------
    >>> import math
    >>> len(bell_measurement_circuits((0, math.pi / 2), (math.pi / 4, -math.pi / 4)))
    4
    """
    alice = array("alice_angles", alice_angles, finite=True)
    bob = array("bob_angles", bob_angles, finite=True)
    if alice.size == 0 or bob.size == 0:
        raise ValueError("alice_angles and bob_angles must each hold at least 1 angle, got an empty list")
    if alice.size * bob.size > _MAX_SETTING_PAIRS:
        raise ValueError(
            f"alice_angles and bob_angles must give at most {_MAX_SETTING_PAIRS} setting pairs, "
            f"got {alice.size} × {bob.size}"
        )
    return [correlation_circuit(float(a), float(b), visibility=visibility) for a in alice for b in bob]


#: Gates diagonal in the Z basis on every qubit they act on (barriers and delays do nothing).
_DIAGONAL_GATES = frozenset(
    {"id", "z", "s", "sdg", "t", "tdg", "rz", "p", "u1", "cz", "cp", "crz", "cu1", "cs", "csdg", "rzz", "ccz"}
    | {"mcphase", "barrier", "delay"}
)
#: Gates that commute with X on every qubit they act on.
_X_DIAGONAL_GATES = frozenset({"id", "x", "sx", "sxdg", "rx", "rxx", "barrier", "delay"})
#: One-qubit gates that flip the value a copy holds, in each basis: the copy's holder mirrors them with an X.
_FLIPS = {"z": frozenset({"x", "y"}), "x": frozenset({"z", "y"})}
#: The bases a cat-entangled copy can be made in (Z: the qubit's value; X: its value after a Hadamard).
COPY_BASES = ("z", "x")


def diagonal_qubits(operation: Instruction, basis: str = "z") -> tuple[bool, ...]:
    """For each qubit that ``operation`` acts on, whether it commutes there with Z (``basis="z"``) or X.

    Z: controls of any controlled gate are diagonal (the gate is ``Σ_x |x⟩⟨x| ⊗ U_x``); so is every qubit
    of a diagonal gate (Z, S, T, Rz, P, CZ, CP, CRz, RZZ; barriers). A CX target, H, X, a measurement or a
    reset is not. A qubit on which a gate is diagonal keeps its Z-basis value, so a copy of that value
    made by Eisert's cat-entangler (PRA 62, 052317, 2000) stays valid across the gate.
    X: the same with the roles of X and Z swapped (``H Z H = X``): the target of a CX
    (``CX = H_t CZ H_t``), X, √X, Rx and RXX commute with X; controls and H do not.

    Examples
    --------
    >>> from qiskit.circuit.library import CXGate, CPhaseGate, HGate
    >>> diagonal_qubits(CXGate()), diagonal_qubits(CPhaseGate(0.3)), diagonal_qubits(HGate())
    ((True, False), (True, True), (False,))
    >>> diagonal_qubits(CXGate(), "x"), diagonal_qubits(CPhaseGate(0.3), "x")
    ((False, True), (False, False))
    """
    if not isinstance(operation, Instruction):
        raise TypeError(f"operation must be a qiskit Instruction, got {type(operation).__name__}")
    basis = one_of("basis", basis, COPY_BASES)
    gates = _DIAGONAL_GATES if basis == "z" else _X_DIAGONAL_GATES
    n = operation.num_qubits
    if operation.name in gates:
        return (True,) * n
    from qiskit.circuit import ControlledGate

    if isinstance(operation, ControlledGate):
        target = operation.base_gate.name in gates
        return (basis == "z",) * operation.num_ctrl_qubits + (target,) * (n - operation.num_ctrl_qubits)
    return (False,) * n


def keeps_copy(operation: Instruction, basis: str = "z") -> tuple[bool, ...]:
    """For each qubit of ``operation``, whether a cat-entangled copy of it in ``basis`` survives the operation.

    It survives a gate diagonal there (:func:`diagonal_qubits`) unchanged, and a one-qubit gate that only
    flips its value (X or Y for a Z copy, Z or Y for an X copy) if the copy's holder applies X to the copy
    at the same point: the cat state ``Σ_x a_x |x⟩|x⟩`` then stays a cat state of the new amplitudes.

    Examples
    --------
    >>> from qiskit.circuit.library import HGate, XGate, ZGate
    >>> keeps_copy(XGate()), keeps_copy(ZGate(), "x"), keeps_copy(HGate()), keeps_copy(HGate(), "x")
    ((True,), (True,), (False,), (False,))
    """
    diagonal = diagonal_qubits(operation, basis)
    return diagonal if operation.num_qubits != 1 else (diagonal[0] or operation.name in _FLIPS[basis],)


def _append_in_x_frame(qc: QuantumCircuit, op: Instruction, qubits: list, rotated: list[bool]) -> None:
    """Append ``op`` conjugated by H on the ``rotated`` qubits (those held in the Hadamard frame of an X copy)."""
    if not any(rotated):
        qc.append(op, qubits)
    elif op.name == "cx" and rotated == [False, True]:
        qc.cz(*qubits)  # H_t CX H_t = CZ
    elif op.name in ("x", "z"):
        qc.append(ZGate() if op.name == "x" else XGate(), qubits)
    else:
        turned = [q for q, r in zip(qubits, rotated, strict=True) if r]
        qc.h(turned)
        qc.append(op, qubits)
        qc.h(turned)


def cat_distributed(
    circuit: QuantumCircuit, partition: ArrayLike, shared: Sequence[tuple[int, Sequence[int]] | tuple]
) -> QuantumCircuit:
    """``circuit`` run on two processors, its remote gates served by shared copies of one of their qubits.

    ``partition[q]`` ∈ {0, 1} puts qubit ``q`` on processor A or B. Each entry ``(qubit, gates)`` or
    ``(qubit, gates, basis)`` of ``shared`` is one Bell pair: Eisert et al.'s cat-entangler (PRA 62,
    052317, 2000) copies the Z value of ``qubit`` into ``link_away`` on the other processor (CNOT into its
    half ``link_home``, measure, X on ``link_away`` if 1) just before the first of the listed ``gates``
    (indices into ``circuit.data``), the copy stands in for ``qubit`` in each of them, and the
    cat-disentangler (H and measure ``link_away``, Z on ``qubit`` if 1) follows the last. With
    ``basis="x"`` the copy is of the qubit's X value: H on ``qubit`` before the cat-entangler and after the
    cat-disentangler, and every gate on ``qubit`` in between conjugated by H (a CX onto it becomes a CZ,
    since ``CX = H_t CZ H_t``), so one Bell pair serves a run of CXs that share a *target*.

    Every listed gate must be a two-qubit gate between ``qubit`` and a qubit of the other processor that
    commutes with Z (or X) on ``qubit``; between the first and the last, every operation on ``qubit``
    must keep the copy (:func:`keeps_copy`): a gate that flips the copied value (X in a Z copy, Z in an X
    copy, Y in both) is mirrored by an X on the copy. Every two-qubit gate between the processors must be
    listed exactly once. The Bell pairs are made first (pre-shared). The first ``circuit.num_qubits``
    qubits (register ``q``) hold the data in their original order, so the output compares directly
    with ``circuit``'s.

    Examples
    --------
    >>> qc = QuantumCircuit(3)
    >>> _ = qc.cx(0, 1); _ = qc.cx(0, 2)
    >>> out = cat_distributed(qc, [0, 1, 1], [(0, [0, 1])])  # one Bell pair serves both CNOTs
    >>> out.num_qubits, out.count_ops()["measure"]
    (5, 2)
    >>> qc = QuantumCircuit(3)
    >>> _ = qc.cx(1, 0); _ = qc.cx(2, 0)
    >>> out = cat_distributed(qc, [0, 1, 1], [(0, [0, 1], "x")])  # one pair for two CNOTs onto qubit 0
    >>> out.count_ops()["cz"], out.count_ops()["measure"]
    (2, 2)
    """
    if not isinstance(circuit, QuantumCircuit):
        raise TypeError(f"circuit must be a qiskit QuantumCircuit, got {type(circuit).__name__}")
    n = circuit.num_qubits
    side = np.asarray(partition)
    if side.shape != (n,) or not np.isin(side, (0, 1)).all():
        raise ValueError(f"partition must be {n} entries in {{0, 1}}, got {partition!r}")
    if circuit.num_clbits:
        raise ValueError(f"circuit must have no classical bits (a unitary circuit), got {circuit.num_clbits}")
    if (
        isinstance(shared, str | bytes)
        or not isinstance(shared, Sequence)
        or not all(
            isinstance(entry, Sequence) and not isinstance(entry, str) and len(entry) in (2, 3) for entry in shared
        )
    ):
        raise ValueError(f"shared must be a list of (qubit, gates) or (qubit, gates, basis) entries, got {shared!r}")
    plans = [
        (
            positive_int("shared qubit", entry[0], minimum=0, maximum=n - 1),
            tuple(positive_int("shared gate", g, minimum=0, maximum=len(circuit.data) - 1) for g in entry[1]),
            one_of("basis", entry[2] if len(entry) > 2 else "z", COPY_BASES),
        )
        for entry in shared
    ]
    served: dict[int, int] = {}
    for k, (qubit, gates, _) in enumerate(plans):
        if not gates:
            raise ValueError(f"shared entry {k} (qubit {qubit}) serves no gate")
        for g in gates:
            if g in served:
                raise ValueError(f"gate {g} is served by shared entries {served[g]} and {k}; it must be served once")
            served[g] = k
    pairs = len(plans)
    qc = QuantumCircuit(QuantumRegister(n, "q"), name=f"{circuit.name}_distributed")
    if pairs:
        home, away = QuantumRegister(pairs, "link_home"), QuantumRegister(pairs, "link_away")
        cat, uncat = ClassicalRegister(pairs, "cat"), ClassicalRegister(pairs, "uncat")
        for reg in (home, away, cat, uncat):
            qc.add_register(reg)
        for k in range(pairs):
            share_pair(qc, home[k], away[k])
        qc.barrier(label="Bell pairs")
    first = {min(gates): k for k, (_, gates, _) in enumerate(plans)}
    last = {max(gates): k for k, (_, gates, _) in enumerate(plans)}
    open_copies: dict[int, int] = {}  # qubit -> pair index while its copy is live
    for i, inst in enumerate(circuit.data):
        op = inst.operation
        qubits = [circuit.find_bit(q).index for q in inst.qubits]
        if op.num_qubits > 2 or op.name in ("if_else", "while_loop", "for_loop", "switch_case", "box"):
            raise ValueError(f"instruction {i} ({op.name!r}) is not a one- or two-qubit gate; decompose it first")
        for pos, q in enumerate(qubits):
            if q in open_copies and not keeps_copy(op, plans[open_copies[q]][2])[pos]:
                raise ValueError(
                    f"instruction {i} ({op.name!r}) acts non-diagonally on qubit {q} while its copy is shared; "
                    "end that Bell pair's gates before it"
                )
        if i in first:
            k = first[i]
            q, _, basis = plans[k]
            if q in open_copies:
                raise ValueError(f"shared entries {open_copies[q]} and {k} both copy qubit {q} at instruction {i}")
            if basis == "x":
                qc.h(q)
            cat_entangle(qc, q, home[k], away[k], cat[k])
            open_copies[q] = k
        remote = len(qubits) == 2 and side[qubits[0]] != side[qubits[1]]
        if remote and i not in served:
            raise ValueError(f"instruction {i} ({op.name!r}) joins qubits {qubits} on different processors unserved")
        rotated = [q in open_copies and plans[open_copies[q]][2] == "x" for q in qubits]
        targets: list = list(qubits)
        if i in served:
            k = served[i]
            q, _, basis = plans[k]
            if not remote or q not in qubits or not diagonal_qubits(op, basis)[qubits.index(q)]:
                raise ValueError(
                    f"shared entry {k} cannot serve instruction {i} ({op.name!r} on qubits {qubits}): it must be a "
                    f"gate between processors, diagonal on qubit {q} in the {basis.upper()} basis"
                )
            targets = [away[k] if x == q else x for x in qubits]
        _append_in_x_frame(qc, op, targets, rotated)
        if len(qubits) == 1 and qubits[0] in open_copies and op.name in _FLIPS[plans[open_copies[qubits[0]]][2]]:
            qc.x(away[open_copies[qubits[0]]])  # mirror the flip on the copy
        if i in last:
            k = last[i]
            q, _, basis = plans[k]
            cat_disentangle(qc, away[k], q, uncat[k])
            if basis == "x":
                qc.h(q)
            del open_copies[q]
    return qc
