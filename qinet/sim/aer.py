"""Qiskit Aer as qinet uses it: one memory-limited, single-threaded simulator per noise model and method.

The memory limit is :data:`qinet.sim.MAX_MEMORY_MB` (from the ``QINET_MAX_MEMORY_MB`` environment
variable, default 1024 MB): Aer sizes its own limit from the whole host, and on Binder (1–2 GB per
kernel) a circuit that is too large would kill the kernel instead of failing cleanly.
"""

from __future__ import annotations

import itertools
import sys
import uuid
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import numpy as np
from qiskit import QuantumCircuit
from qiskit.primitives import BasePrimitiveJob, BitArray, DataBin, PrimitiveResult, SamplerPubResult
from qiskit.primitives.containers.sampler_pub import SamplerPub
from qiskit.providers import BackendV2, JobStatus
from qiskit.transpiler import generate_preset_pass_manager
from qiskit.transpiler.exceptions import TranspilerError
from qiskit_aer import AerSimulator
from qiskit_aer.noise import NoiseModel
from qiskit_aer.primitives import SamplerV2

from qinet._limits import MAX_MEMORY_MB
from qinet._validate import instance, one_of


class CircuitTooLargeError(ValueError, MemoryError):
    """A circuit needs more memory than this session allows (see ``MAX_MEMORY_MB``)."""


class SimulationError(RuntimeError):
    """The backend ran the circuit but reported a failure."""


def _memory_limit_mb() -> int:
    """The memory limit in force: ``qinet.sim.MAX_MEMORY_MB``, read at every call so that changing it works."""
    package = sys.modules.get("qinet.sim")
    return int(getattr(package, "MAX_MEMORY_MB", MAX_MEMORY_MB))


_BACKENDS: dict[tuple[int, str, int], tuple[NoiseModel | None, AerSimulator]] = {}
METHODS = ("automatic", "statevector", "density_matrix", "stabilizer", "matrix_product_state", "extended_stabilizer")
"""Aer simulation methods that sample measurements (``unitary`` and ``superop`` do not)."""


def default_backend(noise: NoiseModel | None = None, method: str = "automatic") -> AerSimulator:
    """The memory-limited ``AerSimulator`` qinet uses (cached per noise-model object, method and memory limit).

    It runs on one thread: qinet's circuits are small, and Aer's thread pool costs more than it
    saves on them (four 2-qubit circuits × 1,000 shots: 12 ms on one thread, ~150 ms on two
    busy cores), which matters for panels and on Binder's single core. The instance is shared by
    every caller: read its options, do not change them.

    Examples
    --------
    >>> default_backend(method="stabilizer").options.method
    'stabilizer'
    """
    method = one_of("method", method, METHODS)
    if noise is not None and not isinstance(noise, NoiseModel):
        raise ValueError(f"noise must be None or a qiskit_aer NoiseModel (qinet.noise.gate_noise), got {noise!r}")
    limit = _memory_limit_mb()
    key = (id(noise), method, limit)
    if key not in _BACKENDS or _BACKENDS[key][0] is not noise:
        if len(_BACKENDS) > 64:
            _BACKENDS.clear()
        backend = AerSimulator(noise_model=noise, method=method, max_memory_mb=limit, max_parallel_threads=1)
        _BACKENDS[key] = (noise, backend)
    return _BACKENDS[key][1]


def _is_default_backend(backend: Any) -> bool:
    """Whether ``backend`` is one of qinet's own simulators (from :func:`default_backend`)."""
    return any(backend is cached for _, cached in _BACKENDS.values())


class _FinishedJob(BasePrimitiveJob):
    """A primitive job that ran when it was submitted (no worker thread)."""

    def __init__(self, result: PrimitiveResult) -> None:
        super().__init__(job_id=str(uuid.uuid4()))
        self._result = result

    def result(self) -> PrimitiveResult:
        return self._result

    def status(self) -> JobStatus:
        return JobStatus.DONE

    def done(self) -> bool:
        return True

    def running(self) -> bool:
        return False

    def cancelled(self) -> bool:
        return False

    def in_final_state(self) -> bool:
        return True

    def cancel(self) -> bool:
        return False


class AerSampler(SamplerV2):
    """Aer's V2 Sampler (``qiskit_aer.primitives.SamplerV2``), run in the calling thread, shots unpacked in one pass.

    Two costs of the parent matter for panels that sample a few thousand shots per slider step:
    its jobs run in a new worker thread each (a thread handoff per call, slow on a busy core),
    and Aer hands each shot back as a hex string that the parent turns into bytes one shot at a
    time (about 1.4 µs per shot here). This class runs the parent's ``_run`` directly and, for
    circuits without parameters and with at most 64 classical bits, parses the shots with one
    ``np.fromiter`` and cuts the registers out with integer shifts: the same ``BitArray`` per
    register. Anything else goes to the parent's code.
    """

    def run(self, pubs: Iterable[Any], *, shots: int | None = None) -> _FinishedJob:
        coerced = [SamplerPub.coerce(pub, self.default_shots if shots is None else shots) for pub in pubs]
        self._validate_pubs(coerced)
        return _FinishedJob(self._run(coerced))

    def _postprocess_pub(
        self,
        result_memory: list,
        shots: int,
        shape: tuple[int, ...],
        meas_info: list,
        max_num_bytes: int,
        circuit_metadata: dict,
        simulator_metadata: dict,
    ) -> SamplerPubResult:
        if shape != () or max_num_bytes > 8 or len(result_memory) != 1:
            return super()._postprocess_pub(
                result_memory, shots, shape, meas_info, max_num_bytes, circuit_metadata, simulator_metadata
            )
        memory = result_memory[0]
        values = np.fromiter(map(int, memory, itertools.repeat(16)), dtype=np.uint64, count=len(memory))
        registers = {}
        for item in meas_info:
            mask = np.uint64((1 << item.num_bits) - 1)
            register = (values >> np.uint64(item.start)) & mask
            packed = register.astype(">u8").view(np.uint8).reshape(-1, 8)[:, 8 - item.num_bytes :]
            registers[item.creg_name] = BitArray(np.ascontiguousarray(packed), item.num_bits)
        return SamplerPubResult(
            DataBin(**registers, shape=shape),
            metadata={"shots": shots, "circuit_metadata": circuit_metadata, "simulator_metadata": simulator_metadata},
        )


@lru_cache(maxsize=32)
def _pass_manager(backend: Any):
    return generate_preset_pass_manager(optimization_level=1, backend=backend, seed_transpiler=0)


@lru_cache(maxsize=64)
def _aer_instructions(backend: AerSimulator) -> frozenset[str]:
    return frozenset(backend.configuration().basis_gates) | {"measure", "barrier"}


def _needs_transpile(circuit: QuantumCircuit, backend: Any) -> bool:
    if not isinstance(backend, AerSimulator):
        return True
    supported = _aer_instructions(backend)
    return any(name not in supported for name in circuit.count_ops())


_AER_ONLY = frozenset({"quantum_channel", "kraus", "superop", "roerror", "qerror_loc"})


def prepare(circuit: QuantumCircuit, backend: Any) -> QuantumCircuit:
    """``circuit`` ready for ``backend``: as built for Aer when it can run it, else transpiled (an ISA circuit).

    Devices (fake or real) get an ISA circuit from Qiskit's preset pass manager (optimization
    level 1, a fixed transpiler seed, cached per backend), as IBM's Runtime primitives require.
    Circuits holding Aer noise instructions (``quantum_channel``...) are refused for devices, and
    a circuit wider than the device says so. The input circuit is never modified.

    Examples
    --------
    >>> from qinet.circuits import bell_pair
    >>> prepare(bell_pair(), default_backend()).count_ops()["cx"]
    1
    """
    if not isinstance(circuit, QuantumCircuit):
        raise ValueError(f"circuit must be a qiskit QuantumCircuit, got {type(circuit).__name__}")
    instance("backend", backend, BackendV2, "a Qiskit backend (sim.default_backend(), sim.fake_backend(...))")
    aer_only = sorted(set(circuit.count_ops()) & _AER_ONLY)
    if aer_only and not isinstance(backend, AerSimulator):
        raise ValueError(
            f"circuit {circuit.name!r} holds Aer noise instructions ({', '.join(aer_only)}) that only Aer can run; "
            "build it without link noise (e.g. link_fidelity=None) for a device backend, which brings its own noise"
        )
    if not _needs_transpile(circuit, backend):
        return circuit
    width = getattr(backend, "num_qubits", None)
    if not isinstance(backend, AerSimulator) and width is not None and circuit.num_qubits > width:
        raise ValueError(
            f"circuit {circuit.name!r} has {circuit.num_qubits} qubits, more than the {width} of "
            f"{getattr(backend, 'name', 'the device')}; choose a larger device"
        )
    try:
        return _pass_manager(backend).run(circuit)
    except TranspilerError as exc:
        name = getattr(backend, "name", backend)
        raise ValueError(f"circuit {circuit.name!r} cannot be compiled for {name}: {exc}") from exc


def _check_statevector_size(circuit: QuantumCircuit) -> None:
    """Refuse a circuit whose statevector (``16 · 2^n`` bytes) exceeds the memory limit, before it runs.

    For simulators that qinet does not configure, such as the Aer simulator IBM's local testing
    mode builds for a fake device, which sizes its memory from the whole host.
    """
    needed_mb, limit = 16 * 2.0**circuit.num_qubits / 2**20, _memory_limit_mb()
    if needed_mb > limit:
        raise CircuitTooLargeError(
            f"circuit {circuit.name!r}: a {circuit.num_qubits}-qubit simulation needs {needed_mb:,.0f} MB, more than "
            f"this session allows (max_memory_mb={limit}; set QINET_MAX_MEMORY_MB to change it, or use fewer qubits)"
        )


def _too_large(message: str) -> CircuitTooLargeError:
    """The error for a circuit beyond the memory limit, with what to do about it."""
    return CircuitTooLargeError(
        f"the circuit needs more memory than this session allows (max_memory_mb={_memory_limit_mb()}; "
        "set QINET_MAX_MEMORY_MB to change it, or use fewer qubits). Backend said: " + message.strip()
    )


def _check(result: Any) -> None:
    """Raise :class:`CircuitTooLargeError` or :class:`SimulationError` if an Aer ``Result`` reports a failure."""
    if getattr(result, "success", True):
        return
    status = (
        str(getattr(result, "status", ""))
        + " "
        + " ".join(str(getattr(r, "status", "")) for r in getattr(result, "results", []))
    )
    if "memory" in status.lower():
        raise _too_large(status)
    raise SimulationError("the simulation failed: " + status.strip())
