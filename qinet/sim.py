"""The single door to a simulator or device: every qinet circuit runs through here.

``run`` samples counts; ``final_state`` returns the exact density matrix at the end of a
circuit. The default backend is Qiskit Aer's ``AerSimulator`` with a memory limit
(``MAX_MEMORY_MB``, from the ``QINET_MAX_MEMORY_MB`` environment variable, default 1024 MB; see
:mod:`qinet._limits`), so a circuit too large for a Binder session fails with
:class:`CircuitTooLargeError` instead of killing the kernel, and ``run`` refuses shot counts whose
results would not fit in that memory or would take longer than ``MAX_SECONDS``. Any Qiskit
backend (a fake IBM device from ``qiskit_ibm_runtime.fake_provider``, or real hardware) can be
passed as ``backend``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np
from qiskit import QuantumCircuit
from qiskit.circuit import ClassicalRegister, Clbit, ControlledGate
from qiskit.circuit.classical import expr, types
from qiskit.transpiler import generate_preset_pass_manager
from qiskit_aer import AerSimulator
from qiskit_aer.noise import NoiseModel, pauli_error

from qinet._limits import MAX_MEMORY_MB, check_budget
from qinet._validate import positive_int
from qinet._validate import seed as _seed

if TYPE_CHECKING:
    from qiskit.quantum_info import DensityMatrix


class CircuitTooLargeError(ValueError, MemoryError):
    """A circuit needs more memory than this session allows (see ``MAX_MEMORY_MB``)."""


class SimulationError(RuntimeError):
    """The backend ran the circuit but reported a failure."""


_BACKENDS: dict[tuple[int, str], tuple[NoiseModel | None, AerSimulator]] = {}


def default_backend(noise: NoiseModel | None = None, method: str = "automatic") -> AerSimulator:
    """The memory-limited ``AerSimulator`` qinet uses (cached per noise-model object and method).

    It runs on one thread: qinet's circuits are small, and Aer's thread pool costs more than it
    saves on them (four 2-qubit circuits × 1,000 shots: 12 ms on one thread, ~150 ms on two
    busy cores), which matters for panels and on Binder's single core.
    """
    key = (id(noise), method)
    if key not in _BACKENDS or _BACKENDS[key][0] is not noise:
        if len(_BACKENDS) > 64:
            _BACKENDS.clear()
        _BACKENDS[key] = (
            noise,
            AerSimulator(noise_model=noise, method=method, max_memory_mb=MAX_MEMORY_MB, max_parallel_threads=1),
        )
    return _BACKENDS[key][1]


@lru_cache(maxsize=32)
def _pass_manager(backend: Any):
    return generate_preset_pass_manager(optimization_level=1, backend=backend, seed_transpiler=0)


def _needs_transpile(circuit: QuantumCircuit, backend: Any) -> bool:
    if not isinstance(backend, AerSimulator):
        return True
    supported = set(backend.configuration().basis_gates) | {"measure", "barrier"}
    return any(name not in supported for name in circuit.count_ops())


_AER_ONLY = frozenset({"quantum_channel", "kraus", "superop", "roerror", "qerror_loc"})


def prepare(circuit: QuantumCircuit, backend: Any) -> QuantumCircuit:
    """Transpile ``circuit`` for ``backend`` only when needed (Aer runs most circuits as built)."""
    if not isinstance(circuit, QuantumCircuit):
        raise ValueError(f"circuit must be a qiskit QuantumCircuit, got {type(circuit).__name__}")
    aer_only = sorted(set(circuit.count_ops()) & _AER_ONLY)
    if aer_only and not isinstance(backend, AerSimulator):
        raise ValueError(
            f"circuit {circuit.name!r} holds Aer noise instructions ({', '.join(aer_only)}) that only Aer can run; "
            "build it without link noise (e.g. link_fidelity=None) for a device backend, which brings its own noise"
        )
    return _pass_manager(backend).run(circuit) if _needs_transpile(circuit, backend) else circuit


def _check(result: Any) -> None:
    if getattr(result, "success", True):
        return
    status = (
        str(getattr(result, "status", ""))
        + " "
        + " ".join(str(getattr(r, "status", "")) for r in getattr(result, "results", []))
    )
    if "memory" in status.lower():
        raise CircuitTooLargeError(
            f"the circuit needs more memory than this session allows (max_memory_mb={MAX_MEMORY_MB}; "
            "set QINET_MAX_MEMORY_MB to change it, or use fewer qubits). Backend said: " + status.strip()
        )
    raise SimulationError("the simulation failed: " + status.strip())


def run(
    circuit: QuantumCircuit | Sequence[QuantumCircuit],
    shots: int = 1024,
    *,
    seed: int | None = None,
    noise: NoiseModel | None = None,
    backend: Any = None,
) -> dict[str, int] | list[dict[str, int]]:
    """Run ``circuit`` (or a list of circuits) and return the counts of its measured bits.

    Keys are bit strings in Qiskit's order (the highest classical bit on the left). ``noise``
    is an Aer ``NoiseModel`` applied on the default simulator; ``backend`` takes any Qiskit
    backend instead. The same ``seed`` gives the same counts, bit for bit.

    Examples
    --------
    >>> from qiskit import QuantumCircuit
    >>> qc = QuantumCircuit(2)
    >>> qc.h(0); qc.cx(0, 1); qc.measure_all()  # doctest: +ELLIPSIS
    <...>
    >>> counts = run(qc, shots=1000, seed=7)
    >>> sorted(counts), sum(counts.values())
    (['00', '11'], 1000)
    """
    shots = positive_int("shots", shots)
    seed = _seed(seed)
    single = isinstance(circuit, QuantumCircuit)
    circuits = [circuit] if single else list(circuit)
    _check_run_size(circuits, shots, noise)
    if not circuits:
        return []
    if backend is None:
        backend = default_backend(noise)
    elif noise is not None:
        raise ValueError("noise must be None when a backend is given (attach the noise to the backend)")
    for c in circuits:
        if not isinstance(c, QuantumCircuit):
            raise ValueError(f"circuit must be a qiskit QuantumCircuit, got {type(c).__name__}")
        if c.num_clbits == 0:
            raise ValueError(f"circuit {c.name!r} measures nothing: add measurements, or use final_state()")
    prepared = [prepare(c, backend) for c in circuits]
    options = {"seed_simulator": seed} if seed is not None else {}
    result = backend.run(prepared, shots=shots, **options).result()
    _check(result)
    counts = [dict(result.get_counts(i)) for i in range(len(prepared))]
    return counts[0] if single else counts


# Aer keeps about 100 bytes per shot (3e7 shots of a Bell pair peaked at 3.1 GB). It samples the
# shots of a circuit measured only at the end from one final state (about 2 µs per shot here); it
# runs a circuit with mid-circuit measurements, feed-forward or noise once per shot (17-80 µs per
# shot for teleportation's 12 instructions, 0.4 ms for a noisy 16-qubit swap chain). The estimates
# below stay under those figures, so only runs far beyond a live notebook's pace are refused.
_MAX_SEEDS = 1_000_000  # one Aer run each: more runs than any notebook makes
_BYTES_PER_SHOT = 100
_SAMPLED_SHOT_S = 1e-6
_SIMULATED_SHOT_S_PER_10_OPS = 1e-5
_PER_SHOT_OPS = frozenset(
    {"if_else", "while_loop", "for_loop", "switch_case", "reset", "initialize", "quantum_channel", "kraus", "superop"}
)


def _runs_shot_by_shot(circuit: Any) -> bool:
    measured = False
    for instruction in getattr(circuit, "data", ()):
        name = instruction.operation.name
        if name in _PER_SHOT_OPS or (measured and name not in ("measure", "barrier")):
            return True
        measured = measured or name == "measure"
    return False


def _check_run_size(circuits: list, shots: int, noise: Any) -> None:
    """Refuse, before Aer allocates anything, a run whose results or time exceed the session's budget."""
    seconds = 0.0
    for c in circuits:
        if noise is not None or _runs_shot_by_shot(c):
            seconds += shots * _SIMULATED_SHOT_S_PER_10_OPS * max(1.0, len(getattr(c, "data", ())) / 10)
        else:
            seconds += shots * _SAMPLED_SHOT_S
    check_budget(
        "shots",
        shots,
        bytes_needed=_BYTES_PER_SHOT * shots * len(circuits),
        seconds_needed=seconds,
        lower=f"use fewer shots ({len(circuits)} circuit(s) of {shots:,} shots each requested)",
    )


def seeds(seed: int | None, n: int) -> np.ndarray:
    """``n`` independent simulator seeds derived from ``seed`` (never consecutive integers:
    Aer replays shifted shots for ``seed + 1``)."""
    n = positive_int("n", n, minimum=0, maximum=_MAX_SEEDS)
    return np.random.default_rng(_seed(seed)).integers(2**31 - 1, size=n)


# --- exact final states ------------------------------------------------------------------------------

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
    A density matrix of ``n`` qubits needs ``16 · 4^n`` bytes; more than ``MAX_MEMORY_MB`` raises
    :class:`CircuitTooLargeError` before anything runs.

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
    needed_mb = 16 * 4.0**n / 2**20
    if needed_mb > MAX_MEMORY_MB:
        raise CircuitTooLargeError(
            f"a {n}-qubit density matrix needs {needed_mb:.0f} MB, more than this session allows "
            f"(max_memory_mb={MAX_MEMORY_MB}; set QINET_MAX_MEMORY_MB to change it, or use fewer qubits)"
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


def fake_backend(name: str = "FakeManilaV2") -> Any:
    """An offline copy of an IBM device (its coupling map, gates and calibrated noise), for ``run(..., backend=)``.

    ``name`` is a class of ``qiskit_ibm_runtime.fake_provider`` (``"FakeManilaV2"``, 5 qubits;
    ``"FakeBrisbane"``, 127 qubits), with or without the ``Fake`` prefix and ``V2`` suffix
    (``"manila"`` works). :func:`run` transpiles circuits for it; the small V2 devices accept
    ``if_test`` feed-forward. Circuits with Aer noise instructions (``link_fidelity=`` ...) are
    Aer-only: build them without link noise, the device brings its own. ``qiskit_ibm_runtime`` is
    imported only here (it takes about a second).

    Examples
    --------
    >>> fake_backend("manila").num_qubits
    5
    """
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"name must be a fake IBM device name such as 'FakeManilaV2', got {name!r}")
    from qiskit_ibm_runtime import fake_provider

    available = sorted(n for n in dir(fake_provider) if n.startswith("Fake") and "Provider" not in n)
    stem = name.strip()
    stem = stem[4:] if stem.lower().startswith("fake") else stem
    stem = stem[:-2] if stem.lower().endswith("v2") else stem
    lookup = {n.lower(): n for n in available}
    for candidate in (f"fake{stem}v2", f"fake{stem}"):
        if candidate.lower() in lookup:
            return getattr(fake_provider, lookup[candidate.lower()])()
    raise ValueError(f"name must be one of the fake devices {', '.join(available)}; got {name!r}")
