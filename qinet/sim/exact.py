"""Exact final states: a circuit's density matrix with its mid-circuit measurements averaged exactly.

Sampling answers "what do we measure"; :func:`final_state` answers "what state is left", exactly,
by rewriting measurements and ``if_test`` feed-forward as the unitary circuit of the principle of
deferred measurement (:func:`deferred`) and running it once on Aer's density-matrix method. It
is a property of the circuit, not a measurement, so it always runs on Aer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from qiskit import QuantumCircuit
from qiskit.circuit import ClassicalRegister, Clbit, ControlledGate
from qiskit.circuit.classical import expr, types
from qiskit_aer.noise import NoiseModel, pauli_error

from qinet._limits import check_budget
from qinet._validate import positive_int
from qinet.sim.aer import CircuitTooLargeError, _check, _memory_limit_mb, default_backend, prepare

SECONDS_PER_DENSITY_ENTRY = 1e-9
"""Time per density-matrix entry and operation on Aer (a few ns measured; the estimate errs on the short side)."""

if TYPE_CHECKING:
    from qiskit.quantum_info import DensityMatrix

_PRESERVE_Z = frozenset({"barrier", "delay", "id", "z", "s", "sdg", "t", "tdg", "rz", "p", "u1", "cz", "cp", "rzz"})
_MAX_FEEDFORWARD_QUBITS = 10


def _eval_expr(node: Any, value_of: Callable[[Clbit], int]) -> int | bool:
    """Evaluate a classical ``if_test`` condition expression for given bit values."""
    if isinstance(node, expr.Var):
        if isinstance(node.var, Clbit):
            return bool(value_of(node.var))
        if isinstance(node.var, ClassicalRegister):
            return sum(value_of(bit) << k for k, bit in enumerate(node.var))
        raise ValueError(f"final_state cannot evaluate conditions on classical variables ({node.var!r})")
    if isinstance(node, expr.Value):
        return node.value
    if isinstance(node, expr.Cast):
        inner = _eval_expr(node.operand, value_of)
        return bool(inner) if isinstance(node.type, types.Bool) else int(inner)
    if isinstance(node, expr.Unary):
        inner = _eval_expr(node.operand, value_of)
        if node.op is expr.Unary.Op.LOGIC_NOT or isinstance(node.type, types.Bool):
            return not inner
        return ~int(inner) & ((1 << node.type.width) - 1)
    if isinstance(node, expr.Binary):
        left, right = _eval_expr(node.left, value_of), _eval_expr(node.right, value_of)
        ops = {
            "BIT_AND": lambda x, y: x & y,
            "BIT_OR": lambda x, y: x | y,
            "BIT_XOR": lambda x, y: x ^ y,
            "LOGIC_AND": lambda x, y: bool(x) and bool(y),
            "LOGIC_OR": lambda x, y: bool(x) or bool(y),
            "EQUAL": lambda x, y: x == y,
            "NOT_EQUAL": lambda x, y: x != y,
            "LESS": lambda x, y: x < y,
            "LESS_EQUAL": lambda x, y: x <= y,
            "GREATER": lambda x, y: x > y,
            "GREATER_EQUAL": lambda x, y: x >= y,
        }
        if node.op.name not in ops:
            raise ValueError(f"final_state cannot evaluate the classical operation {node.op.name}")
        out = ops[node.op.name](int(left), int(right))
        return bool(out) if isinstance(node.type, types.Bool) else int(out)
    raise ValueError(f"final_state cannot evaluate the condition {node!r}")


def _condition_holds(condition: Any, value_of: Callable[[Clbit], int]) -> bool:
    if isinstance(condition, tuple):
        target, expected = condition
        if isinstance(target, Clbit):
            return int(value_of(target)) == int(expected)
        return sum(value_of(bit) << k for k, bit in enumerate(target)) == int(expected)
    return bool(_eval_expr(condition, value_of))


def _condition_bits(condition: Any) -> list:
    if isinstance(condition, tuple):
        return [condition[0]] if isinstance(condition[0], Clbit) else list(condition[0])
    bits = []
    for var in expr.iter_vars(condition):
        bits.extend([var.var] if isinstance(var.var, Clbit) else list(var.var))
    return bits


def _block_unitary(block: QuantumCircuit) -> np.ndarray:
    """Unitary matrix of an ``if_test`` block (gates only)."""
    from qiskit.exceptions import QiskitError
    from qiskit.quantum_info import Operator

    try:
        return Operator(block).data
    except QiskitError:
        names = sorted({i.operation.name for i in block.data})
        raise ValueError(f"final_state needs gates only inside if_test blocks, found {names}") from None


def _feedforward(out: QuantumCircuit, instruction: Any, index: dict, holder: dict) -> None:
    """Replace an ``if_test`` by a unitary controlled on the qubits that hold the measured bits."""
    op = instruction.operation
    condition = op.condition
    targets = [index[q] for q in instruction.qubits]
    sources: list[int] = []
    for bit in _condition_bits(condition):
        q = holder.get(bit)
        if q == "stale":
            raise ValueError(
                "final_state cannot average this circuit exactly: a measured qubit is used again before its "
                "classical bit controls an if_test (measure it into a fresh qubit, or use run() and count)"
            )
        if q is not None and q not in sources:
            sources.append(q)
    if set(sources) & set(targets):
        raise ValueError("final_state cannot average an if_test that acts on the qubit whose outcome controls it")
    if len(sources) + len(targets) > _MAX_FEEDFORWARD_QUBITS:
        raise ValueError(
            f"final_state handles if_test blocks on at most {_MAX_FEEDFORWARD_QUBITS} qubits and condition bits, "
            f"got {len(sources) + len(targets)}"
        )
    true_u = _block_unitary(op.blocks[0])
    false_u = _block_unitary(op.blocks[1]) if len(op.blocks) > 1 and op.blocks[1] is not None else None
    dim_t = 2 ** len(targets)
    eye = np.eye(dim_t)
    matrix = np.zeros((dim_t * 2 ** len(sources),) * 2, dtype=complex)
    for a in range(2 ** len(sources)):
        values = {q: (a >> k) & 1 for k, q in enumerate(sources)}

        def value_of(bit, values=values):
            q = holder.get(bit)
            return 0 if q is None else values[q]

        if _condition_holds(condition, value_of):
            u = true_u
        else:
            u = eye if false_u is None else false_u
        projector = np.zeros((2 ** len(sources),) * 2)
        projector[a, a] = 1.0
        matrix += np.kron(projector, u)
    out.unitary(matrix, targets + sources, label="feedforward")


def deferred(circuit: QuantumCircuit) -> QuantumCircuit:
    """The measurement-free circuit whose final state is ``circuit``'s, averaged exactly over outcomes.

    The principle of deferred measurement (Nielsen & Chuang 2000, §4.4): a measurement whose outcome
    is forgotten is complete Z dephasing of the qubit (inserted as a Pauli channel, ``Z`` with
    probability ½), and ``with qc.if_test(cond)`` is the same block controlled on the measured qubits,
    one branch per value of the condition bits (a multiplexed unitary labelled ``feedforward``). Valid
    when a measured qubit is not changed (except by Z-diagonal gates or as a control) before the last
    use of its bit; otherwise ``ValueError``. Bits never measured read 0, as on Aer. ``save_*``
    instructions are dropped; loops and ``switch`` are refused.

    Examples
    --------
    >>> from qinet.circuits import teleportation
    >>> sorted(deferred(teleportation(1.0, 0.0)).count_ops())
    ['barrier', 'cx', 'h', 'quantum_channel', 'u', 'unitary']
    """
    if not isinstance(circuit, QuantumCircuit):
        raise ValueError(f"circuit must be a qiskit QuantumCircuit, got {type(circuit).__name__}")
    measured = pauli_error([("I", 0.5), ("Z", 0.5)])
    out = QuantumCircuit(circuit.num_qubits, name=circuit.name)
    index = {q: k for k, q in enumerate(circuit.qubits)}
    holder: dict = {}  # clbit -> index of the qubit that still holds its value, or "stale"
    for instruction in circuit.data:
        op, qubits = instruction.operation, [index[q] for q in instruction.qubits]
        if op.name.startswith("save_"):
            continue
        if op.name == "measure":
            out.append(measured, qubits)
            holder[instruction.clbits[0]] = qubits[0]
            continue
        if op.name == "if_else":
            _feedforward(out, instruction, index, holder)
            for bit, q in holder.items():
                if q in qubits:
                    holder[bit] = "stale"
            continue
        if op.name in ("while_loop", "for_loop", "switch_case", "box"):
            raise ValueError(f"final_state cannot average circuits with {op.name}; use run() and count outcomes")
        out.append(op, qubits)
        if op.name in _PRESERVE_Z:
            continue
        keep = set(qubits[: op.num_ctrl_qubits]) if isinstance(op, ControlledGate) else set()
        for bit, q in holder.items():
            if q in qubits and q not in keep:
                holder[bit] = "stale"
    return out


def final_state(
    circuit: QuantumCircuit, qubits: Sequence[int] | None = None, *, noise: NoiseModel | None = None
) -> DensityMatrix:
    """Exact density matrix of ``qubits`` (all by default) at the end of ``circuit``.

    Mid-circuit measurements and their ``if_test`` corrections are averaged over exactly, not
    sampled: the circuit is rewritten by :func:`deferred` and run once with Aer's density-matrix
    method (``save_density_matrix``), then reduced to ``qubits``. ``qubits[0]`` is the lowest
    (rightmost) qubit of the result, as in Qiskit. Final measurements dephase their qubits.
    ``noise`` (an Aer ``NoiseModel``, e.g. :func:`qinet.noise.gate_noise`) acts on the gates;
    the feed-forward corrections and read-out stay ideal (there is no read-out to corrupt).
    A density matrix of ``n`` qubits needs ``16 · 4^n`` bytes; more than ``qinet.sim.MAX_MEMORY_MB`` raises
    :class:`CircuitTooLargeError` before anything runs; a circuit whose operations would sweep that
    matrix for longer than ``qinet._limits.MAX_SECONDS`` (at about 1 ns per entry per operation) raises
    ``qinet._limits.ResourceLimitError``.

    Examples
    --------
    >>> from qinet.circuits import teleportation
    >>> rho = final_state(teleportation(0.0, 0.0), qubits=[2])
    >>> round(float(rho.data[0, 0].real), 6)
    1.0
    """
    from qiskit.quantum_info import DensityMatrix

    if not isinstance(circuit, QuantumCircuit):
        raise ValueError(f"circuit must be a qiskit QuantumCircuit, got {type(circuit).__name__}")
    n = circuit.num_qubits
    needed_mb, limit = 16 * 4.0**n / 2**20, _memory_limit_mb()
    if needed_mb > limit:
        raise CircuitTooLargeError(
            f"a {n}-qubit density matrix needs {needed_mb:.0f} MB, more than this session allows "
            f"(max_memory_mb={limit}; set QINET_MAX_MEMORY_MB to change it, or use fewer qubits)"
        )
    check_budget(
        "circuit",
        f"{n} qubits, {len(circuit.data)} operations",
        seconds_needed=len(circuit.data) * 4.0**n * SECONDS_PER_DENSITY_ENTRY,
        lower="use fewer qubits or operations",
    )
    if qubits is None:
        qubits = list(range(n))
    qubits = [positive_int("qubits", q, minimum=0) for q in qubits]
    if not qubits or len(set(qubits)) != len(qubits) or max(qubits) >= n:
        raise ValueError(f"qubits must be distinct indices in [0, {n - 1}], got {qubits!r}")
    flat = deferred(circuit)
    flat = prepare(flat, default_backend(None, "density_matrix"))
    flat.save_density_matrix(qubits=qubits, label="final_state")
    result = default_backend(noise, "density_matrix").run(flat, shots=1).result()
    _check(result)
    return DensityMatrix(np.asarray(result.data(0)["final_state"]))
