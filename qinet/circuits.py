"""Qiskit circuit builders for the quantum-internet protocols (build only: nothing here runs).

Qubit order follows the API contract; registers are named by role (``alice``, ``repeater``, ``bob``),
so drawings read like the protocol. Feed-forward uses ``with qc.if_test(...)``. Imperfect links are
made with a Pauli channel appended where the pair is created (``link_fidelity=`` etc., see
:mod:`qinet.noise`), so local gates stay perfect and Aer's stabilizer method still runs the circuit.
Run them with :func:`qinet.sim.run` (counts) or :func:`qinet.sim.final_state` (exact state).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister
from qiskit.circuit import Clbit, Gate, Instruction
from qiskit.circuit.classical import expr
from qiskit.circuit.library import XGate, ZGate
from qiskit.quantum_info import DensityMatrix, Statevector

from qinet._limits import MAX_CIRCUIT_QUBITS
from qinet._validate import array, boolean, number, one_of, positive_int, probability
from qinet.noise import bell_diagonal_noise, depolarizing, werner_pair_noise

BELL_KINDS = ("phi+", "phi-", "psi+", "psi-")
_MAX_SETTING_PAIRS = 10_000  # one circuit each: more would take minutes to build


def _angle(name: str, value: float) -> float:
    """A finite angle in rad (NaN and ±inf raise ValueError)."""
    return float(number(name, value))


def _pair_fidelity(name: str, fidelity: float | None) -> float | None:
    """A Werner fidelity in [0.25, 1] for the parameter ``name``, or None (a perfect pair)."""
    return None if fidelity is None else float(number(name, fidelity, 0.25, 1.0))


def _add_pair(qc: QuantumCircuit, a: int, b: int, fidelity: float | None = None) -> None:
    """Make Φ+ on qubits ``a, b``; with ``fidelity`` (checked by `_pair_fidelity`) a Werner pair of that fidelity."""
    qc.h(a)
    qc.cx(a, b)
    if fidelity is not None:
        qc.append(werner_pair_noise(fidelity), [a, b])


def bell_pair(kind: str = "phi+") -> QuantumCircuit:
    """Two qubits (``alice``, ``bob``) in the Bell state ``kind``; nothing measured.

    Φ± = (|00⟩ ± |11⟩)/√2, Ψ± = (|01⟩ ± |10⟩)/√2 (Nielsen & Chuang 2000, §1.3.6): H and CNOT make
    Φ+, then X on Bob's qubit flips Φ → Ψ and Z on Alice's adds the minus sign.

    Parameters
    ----------
    kind : one of ``"phi+"``, ``"phi-"``, ``"psi+"``, ``"psi-"``.

    Examples
    --------
    >>> from qiskit.quantum_info import DensityMatrix, Statevector
    >>> probs = Statevector(bell_pair("psi-")).probabilities_dict()
    >>> {str(key): round(float(p), 6) for key, p in probs.items()}
    {'01': 0.5, '10': 0.5}
    """
    kind = one_of("kind", kind, BELL_KINDS)
    qc = QuantumCircuit(QuantumRegister(1, "alice"), QuantumRegister(1, "bob"), name=f"bell_{kind}")
    _add_pair(qc, 0, 1)
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
    _add_pair(qc, 0, 1)
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


def _teleport_into(qc: QuantumCircuit, dynamic: bool, resource_fidelity: float | None) -> None:
    """Bell pair on qubits 1–2, Alice's Bell measurement of 0–1, Bob's corrections on 2."""
    bsm = qc.cregs[0]
    qc.barrier()
    _add_pair(qc, 1, 2, resource_fidelity)
    qc.barrier()
    qc.cx(0, 1)
    qc.h(0)
    if dynamic:
        qc.measure(0, bsm[0])
        qc.measure(1, bsm[1])
        with qc.if_test((bsm[1], 1)):
            qc.x(2)
        with qc.if_test((bsm[0], 1)):
            qc.z(2)
    else:
        qc.cx(1, 2)
        qc.cz(0, 2)
        qc.measure(0, bsm[0])
        qc.measure(1, bsm[1])


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
        _add_pair(qc, 2 * k, 2 * k + 1, link_fidelity)
    if n == 1:
        return qc
    qc.barrier()
    for k in range(n - 1):
        a, b = 2 * k + 1, 2 * k + 2
        qc.cx(a, b)
        qc.h(a)
        qc.measure(a, zreg[k])
        qc.measure(b, xreg[k])
    last = 2 * n - 1
    with qc.if_test(_parity(list(xreg))):
        qc.x(last)
    with qc.if_test(_parity(list(zreg))):
        qc.z(last)
    return qc


def nonlocal_cnot(*, ebit_fidelity: float | None = None) -> QuantumCircuit:
    """A CNOT from qubit 0 (node A) to qubit 3 (node B) with one ebit and two classical bits.

    Eisert, Jacobs, Papadopoulos, Plenio, PRA 62, 052317 (2000): the cat-entangler copies the control
    into B's half of the pair (CNOT 0→1, measure 1 into ``m[0]``, B applies X if 1), B uses it as the
    control of a local CNOT 2→3, then the cat-disentangler (H on 2, measure into ``m[1]``, A applies Z
    to qubit 0 if 1) undoes the copy. Registers ``alice`` (qubits 0, 1) and ``bob`` (qubits 2, 3);
    qubits 0 and 3 are left unmeasured. Prepend your input states with ``compose(..., front=True)``.

    Parameters
    ----------
    ebit_fidelity : if given, the shared pair is a Werner pair of this fidelity in [0.25, 1].

    Examples
    --------
    >>> nonlocal_cnot().count_ops()["measure"]
    2
    """
    qc = QuantumCircuit(
        QuantumRegister(2, "alice"), QuantumRegister(2, "bob"), ClassicalRegister(2, "m"), name="nonlocal_cnot"
    )
    m = qc.cregs[0]
    _add_pair(qc, 1, 2, _pair_fidelity("ebit_fidelity", ebit_fidelity))
    qc.barrier()
    qc.cx(0, 1)
    qc.measure(1, m[0])
    with qc.if_test((m[0], 1)):
        qc.x(2)
    qc.cx(2, 3)
    qc.h(2)
    qc.measure(2, m[1])
    with qc.if_test((m[1], 1)):
        qc.z(0)
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
    _add_pair(qc, 0, 1, _pair_fidelity("pair_fidelity", pair_fidelity))
    qc.barrier()
    if bits[0] == "1":
        qc.x(0)
    if bits[1] == "1":
        qc.z(0)
    qc.barrier()
    qc.cx(0, 1)
    qc.h(0)
    qc.measure([0, 1], [0, 1])
    return qc


def correlation_circuit(alice_angle: float, bob_angle: float, *, visibility: float = 1.0) -> QuantumCircuit:
    """A Φ+ pair with each side measuring the observable ``cos(a) Z + sin(a) X`` (angle ``a`` in the X–Z plane).

    Angle convention: ``a = 0`` is Z, ``a = π/2`` is X; each side applies ``Ry(−a)`` then measures Z,
    bit 0 meaning +1. For Φ+ the correlation is ``E(a, b) = P(same) − P(different) = cos(a − b)``;
    with ``visibility`` V (the pair is ``V Φ+ + (1 − V) I/4``) it is ``V cos(a − b)``. CHSH (Clauser,
    Horne, Shimony, Holt, PRL 23, 880, 1969) with a = 0, π/2 and b = π/4, −π/4 gives S = 2√2 V.
    Counts keys are ``"<bob><alice>"``.

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
    qc = QuantumCircuit(
        QuantumRegister(1, "alice"), QuantumRegister(1, "bob"), ClassicalRegister(2, "outcome"), name="correlation"
    )
    _add_pair(qc, 0, 1, None if v == 1.0 else (1.0 + 3.0 * v) / 4.0)
    qc.ry(-a, 0)
    qc.ry(-b, 1)
    qc.measure([0, 1], [0, 1])
    qc.metadata = {"alice_angle": a, "bob_angle": b, "visibility": v}
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
    circuit: QuantumCircuit, partition: Sequence[int], shared: Sequence[tuple[int, Sequence[int]] | tuple]
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
    plans = [
        (int(entry[0]), tuple(entry[1]), one_of("basis", entry[2] if len(entry) > 2 else "z", COPY_BASES))
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
            qc.h(home[k])
            qc.cx(home[k], away[k])
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
            qc.cx(q, home[k])
            qc.measure(home[k], cat[k])
            with qc.if_test((cat[k], 1)):
                qc.x(away[k])
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
            qc.h(away[k])
            qc.measure(away[k], uncat[k])
            with qc.if_test((uncat[k], 1)):
                qc.z(q)
            if basis == "x":
                qc.h(q)
            del open_copies[q]
    return qc


# ----------------------------------------------------------------------------------------------------------------------
# Steps of remote gates (used by qinet.distributed and notebook 09): each appends one named step of a protocol to a
# circuit the caller built, on the qubits and classical bits it names (indices or Qubit/Clbit objects), and returns
# the circuit, so that a protocol reads as its steps: a shared pair, the cat-entangler, local gates, the
# cat-disentangler (or a teleportation).
# ----------------------------------------------------------------------------------------------------------------------


def _step_circuit(qc: object) -> QuantumCircuit:
    if not isinstance(qc, QuantumCircuit):
        raise TypeError(f"qc must be a qiskit QuantumCircuit, got {type(qc).__name__}")
    return qc


def _wire(qc: QuantumCircuit, name: str, wire: object, kind: str) -> object:
    """A qubit (``kind="qubit"``) or classical bit of ``qc``, given as an index or as the bit itself."""
    wires = qc.qubits if kind == "qubit" else qc.clbits
    if isinstance(wire, (int, np.integer)) and not isinstance(wire, bool):
        if not 0 <= wire < len(wires):
            raise ValueError(f"{name} must be a {kind} index in [0, {len(wires) - 1}] of qc, got {wire!r}")
        return wires[int(wire)]
    if wire not in set(wires):
        raise ValueError(f"{name} must be a {kind} of qc (an index or the bit itself), got {wire!r}")
    return wire


@lru_cache(maxsize=64)
def _depolarizing_2q(gate_error: float):
    return depolarizing(gate_error, 2)


def noisy_cnot(qc: QuantumCircuit, control: object, target: object, *, gate_error: float = 0.0) -> QuantumCircuit:
    """Append a CNOT ``control → target`` followed by a two-qubit depolarizing channel of Aer parameter ``gate_error``.

    The channel leaves the state alone with probability ``1 − λ`` and replaces it by ``I/4`` with
    probability ``λ`` (:func:`qinet.noise.depolarizing`): each of the 16 two-qubit Paulis with ``λ/16``.

    Examples
    --------
    >>> len(noisy_cnot(QuantumCircuit(2), 0, 1, gate_error=0.1).data)
    2
    """
    qc = _step_circuit(qc)
    a, b = _wire(qc, "control", control, "qubit"), _wire(qc, "target", target, "qubit")
    lam = float(probability("gate_error", gate_error))
    qc.cx(a, b)
    if lam > 0:
        qc.append(_depolarizing_2q(lam), [a, b])
    return qc


def werner_pair(qc: QuantumCircuit, home: object, away: object, *, fidelity: float = 1.0) -> QuantumCircuit:
    """Append the shared pair: Φ+ on ``home, away`` (H, CNOT), then Werner noise of ``fidelity`` in [0.25, 1].

    ``F |Φ+⟩⟨Φ+| + (1 − F)/3 (|Ψ+⟩⟨Ψ+| + |Ψ−⟩⟨Ψ−| + |Φ−⟩⟨Φ−|)`` (Werner, PRA 40, 4277, 1989), made as
    Φ+ followed by :func:`qinet.noise.werner_pair_noise`; nothing is appended after the CNOT at ``fidelity=1``.

    Examples
    --------
    >>> from qiskit.quantum_info import Statevector
    >>> sorted(map(str, Statevector(werner_pair(QuantumCircuit(2), 0, 1)).probabilities_dict()))
    ['00', '11']
    """
    qc = _step_circuit(qc)
    a, b = _wire(qc, "home", home, "qubit"), _wire(qc, "away", away, "qubit")
    f = float(number("fidelity", fidelity, 0.25, 1.0))
    qc.h(a)
    qc.cx(a, b)
    if f < 1:
        qc.append(werner_pair_noise(f), [a, b])
    return qc


def cat_entangler(
    qc: QuantumCircuit, control: object, link_home: object, link_away: object, bit: object, *, gate_error: float = 0.0
) -> QuantumCircuit:
    """Append Eisert et al.'s cat-entangler: copy the Z value of ``control`` into ``link_away``.

    ``control`` and ``link_home`` sit on one processor, ``link_away`` (the pair's other half) on the other.
    ``CNOT(control → link_home)`` (with ``gate_error``, see :func:`noisy_cnot`), measure ``link_home``
    into ``bit``, X on ``link_away`` if 1: ``a|0⟩ + b|1⟩`` becomes ``a|00⟩ + b|11⟩`` on ``control,
    link_away``. Eisert, Jacobs, Papadopoulos, Plenio, PRA 62, 052317 (2000).

    Examples
    --------
    >>> qc = werner_pair(QuantumCircuit(3, 1), 1, 2)
    >>> cat_entangler(qc, 0, 1, 2, 0).count_ops()["measure"]
    1
    """
    qc = _step_circuit(qc)
    home, away = _wire(qc, "link_home", link_home, "qubit"), _wire(qc, "link_away", link_away, "qubit")
    clbit = _wire(qc, "bit", bit, "clbit")
    noisy_cnot(qc, control, home, gate_error=gate_error)
    qc.measure(home, clbit)
    with qc.if_test((clbit, 1)):
        qc.x(away)
    return qc


def cat_disentangler(qc: QuantumCircuit, link_away: object, control: object, bit: object) -> QuantumCircuit:
    """Append Eisert et al.'s cat-disentangler: remove the copy ``link_away`` of ``control`` again.

    H and measure ``link_away`` into ``bit``; Z on ``control`` if 1: ``a|00⟩ + b|11⟩`` becomes
    ``a|0⟩ + b|1⟩`` (PRA 62, 052317, 2000).

    Examples
    --------
    >>> cat_disentangler(QuantumCircuit(2, 1), 1, 0, 0).count_ops()["h"]
    1
    """
    qc = _step_circuit(qc)
    away, target = _wire(qc, "link_away", link_away, "qubit"), _wire(qc, "control", control, "qubit")
    clbit = _wire(qc, "bit", bit, "clbit")
    qc.h(away)
    qc.measure(away, clbit)
    with qc.if_test((clbit, 1)):
        qc.z(target)
    return qc


def teleport_qubit(
    qc: QuantumCircuit,
    source: object,
    link_home: object,
    link_away: object,
    bits: Sequence[object],
    *,
    gate_error: float = 0.0,
) -> QuantumCircuit:
    """Append a teleportation of ``source`` onto ``link_away``: Bell measurement of ``source, link_home``, corrections.

    The pair is already on ``link_home``–``link_away``. ``CNOT(source → link_home)`` (with ``gate_error``,
    see :func:`noisy_cnot`), H on ``source``, measure ``source`` into ``bits[0]`` and ``link_home`` into
    ``bits[1]``, then ``X^{bits[1]}`` and ``Z^{bits[0]}`` on ``link_away`` (Bennett et al., PRL 70, 1895, 1993).

    Examples
    --------
    >>> qc = werner_pair(QuantumCircuit(3, 2), 1, 2)
    >>> teleport_qubit(qc, 0, 1, 2, [0, 1]).count_ops()["measure"]
    2
    """
    qc = _step_circuit(qc)
    src, home = _wire(qc, "source", source, "qubit"), _wire(qc, "link_home", link_home, "qubit")
    away = _wire(qc, "link_away", link_away, "qubit")
    try:
        first, second = bits
    except (TypeError, ValueError):
        raise ValueError(f"bits must be two classical bits of qc (indices or bits), got {bits!r}") from None
    first, second = _wire(qc, "bits", first, "clbit"), _wire(qc, "bits", second, "clbit")
    noisy_cnot(qc, src, home, gate_error=gate_error)
    qc.h(src)
    qc.measure(src, first)
    qc.measure(home, second)
    with qc.if_test((second, 1)):
        qc.x(away)
    with qc.if_test((first, 1)):
        qc.z(away)
    return qc
