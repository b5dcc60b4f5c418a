"""The single door to a simulator or device: every qinet circuit runs through here.

``run`` samples counts; ``final_state`` returns the exact density matrix at the end of a
circuit. The default backend is Qiskit Aer's ``AerSimulator`` with a memory limit
(``MAX_MEMORY_MB``, from the ``QINET_MAX_MEMORY_MB`` environment variable, default 1024 MB),
so a circuit too large for a Binder session fails with :class:`CircuitTooLargeError`
instead of killing the kernel. Any Qiskit backend (a fake IBM device from
``qiskit_ibm_runtime.fake_provider``, or real hardware) can be passed as ``backend``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np
from qiskit import QuantumCircuit
from qiskit.transpiler import generate_preset_pass_manager
from qiskit_aer import AerSimulator
from qiskit_aer.noise import NoiseModel

from qinet._validate import positive_int

MAX_MEMORY_MB = int(os.environ.get("QINET_MAX_MEMORY_MB", "1024"))


class CircuitTooLargeError(ValueError, MemoryError):
    """A circuit needs more memory than this session allows (see ``MAX_MEMORY_MB``)."""


class SimulationError(RuntimeError):
    """The backend ran the circuit but reported a failure."""


_BACKENDS: dict[tuple[int, str], tuple[NoiseModel | None, AerSimulator]] = {}


def default_backend(noise: NoiseModel | None = None, method: str = "automatic") -> AerSimulator:
    """The memory-limited ``AerSimulator`` qinet uses (cached per noise-model object and method)."""
    key = (id(noise), method)
    if key not in _BACKENDS or _BACKENDS[key][0] is not noise:
        if len(_BACKENDS) > 64:
            _BACKENDS.clear()
        _BACKENDS[key] = (noise, AerSimulator(noise_model=noise, method=method, max_memory_mb=MAX_MEMORY_MB))
    return _BACKENDS[key][1]


@lru_cache(maxsize=32)
def _pass_manager(backend: Any):
    return generate_preset_pass_manager(optimization_level=1, backend=backend, seed_transpiler=0)


def _needs_transpile(circuit: QuantumCircuit, backend: Any) -> bool:
    if not isinstance(backend, AerSimulator):
        return True
    supported = set(backend.configuration().basis_gates) | {"measure", "barrier"}
    return any(name not in supported for name in circuit.count_ops())


def prepare(circuit: QuantumCircuit, backend: Any) -> QuantumCircuit:
    """Transpile ``circuit`` for ``backend`` only when needed (Aer runs most circuits as built)."""
    if not isinstance(circuit, QuantumCircuit):
        raise ValueError(f"circuit must be a qiskit QuantumCircuit, got {type(circuit).__name__}")
    return _pass_manager(backend).run(circuit) if _needs_transpile(circuit, backend) else circuit


def _check(result: Any) -> None:
    if getattr(result, "success", True):
        return
    status = str(getattr(result, "status", "")) + " " + " ".join(
        str(getattr(r, "status", "")) for r in getattr(result, "results", [])
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
    if seed is not None:
        seed = positive_int("seed", seed, minimum=0)
    single = isinstance(circuit, QuantumCircuit)
    circuits = [circuit] if single else list(circuit)
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


def seeds(seed: int | None, n: int) -> np.ndarray:
    """``n`` independent simulator seeds derived from ``seed`` (never consecutive integers:
    Aer replays shifted shots for ``seed + 1``)."""
    return np.random.default_rng(seed).integers(2**31 - 1, size=n)
