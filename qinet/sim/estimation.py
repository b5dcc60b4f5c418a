"""Expectation values through a V2 Estimator: Aer's ``EstimatorV2`` by default, IBM's client-side
``qiskit_ibm_runtime.executor_estimator.Estimator`` on a device (the same targets as :mod:`qinet.sim.sampling`)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from qiskit import QuantumCircuit
from qiskit.exceptions import QiskitError
from qiskit.quantum_info import SparsePauliOp
from qiskit_aer.noise import NoiseModel
from qiskit_aer.primitives import EstimatorV2 as AerEstimator

from qinet._validate import WrongTypeError, in_range
from qinet._validate import seed as _seed
from qinet.sim import devices
from qinet.sim.aer import _check_statevector_size, _too_large, prepare
from qinet.sim.sampling import _check_shots, _check_time, _resolve_target


def _observables(observables: Any, circuit: QuantumCircuit) -> list[SparsePauliOp]:
    if not isinstance(observables, (str, SparsePauliOp, list, tuple)):
        raise WrongTypeError(
            f"observables must be a Pauli string such as 'ZZ', a SparsePauliOp, or a list of them, got {observables!r}"
        )
    items = [observables] if isinstance(observables, (str, SparsePauliOp)) else list(observables)
    if not items:
        raise ValueError("observables must hold at least one Pauli string or SparsePauliOp, got none")
    out = []
    for item in items:
        try:
            op = SparsePauliOp(item)
        except Exception:
            message = f"observables must be Pauli strings such as 'ZZ' or SparsePauliOps, got {item!r}"
            raise ValueError(message) from None
        if op.num_qubits != circuit.num_qubits:
            raise ValueError(
                f"observables must act on the circuit's {circuit.num_qubits} qubits, got {op.num_qubits} in {item!r}"
            )
        out.append(op)
    return out


def _estimate_runtime(
    circuit: QuantumCircuit, ops: list[SparsePauliOp], precision: float, seed: int | None, target: Any
) -> np.ndarray:
    estimator = devices._runtime_estimator(target)
    device = estimator.backend()
    if not devices._is_remote(device):
        _check_statevector_size(circuit)
    prepared = prepare(circuit, device)
    if prepared.layout is not None:
        ops = [op.apply_layout(prepared.layout) for op in ops]
    if not devices._is_remote(device):
        estimator.options.simulator.seed_simulator = seed
    result = estimator.run([(prepared, ops)], precision=precision or None).result()
    return np.asarray(result[0].data.evs, dtype=float)


def expectation_values(
    circuit: QuantumCircuit,
    observables: str | SparsePauliOp | Sequence[str | SparsePauliOp],
    *,
    precision: float = 0.0,
    seed: int | None = None,
    noise: NoiseModel | None = None,
    backend: Any = None,
    mode: Any = None,
) -> np.ndarray:
    """Expectation values ``⟨ψ|O|ψ⟩`` of Pauli observables at the end of ``circuit``, through a V2 Estimator.

    ``observables`` are Pauli strings in Qiskit's order (qubit 0 on the right: ``"ZI"`` is Z on
    qubit 1) or ``SparsePauliOp``s on all the circuit's qubits. On Aer (``qiskit_aer.primitives.
    EstimatorV2``) ``precision = 0`` gives exact values for circuits without mid-circuit measurements
    (those are sampled shot by shot); ``precision > 0`` adds Gaussian noise of that standard deviation,
    as a finite number of shots would. On a device (``backend`` or ``mode``, or inside
    :func:`running_on`) IBM's client-side Estimator runs the ISA circuit with observables mapped
    to its layout; ``precision`` then sets the shots, about ``1/precision²`` (0 means the Estimator's
    default), refused beforehand when they exceed the session's memory or time budget.

    Examples
    --------
    >>> from qinet.circuits import bell_pair
    >>> expectation_values(bell_pair(), ["ZZ", "XX", "ZI"]).round(12).tolist()
    [1.0, 1.0, 0.0]
    """
    if not isinstance(circuit, QuantumCircuit):
        raise ValueError(f"circuit must be a qiskit QuantumCircuit, got {type(circuit).__name__}")
    precision = float(in_range("precision", precision, 0.0, 1.0))
    seed = _seed(seed)
    ops = _observables(observables, circuit)
    target, on_aer = _resolve_target(noise, backend, mode)
    if not on_aer:
        if precision > 0:
            shots = [math.ceil(1.0 / precision**2)]
            _check_shots(shots)
            _check_time([circuit], shots, True)
        return _estimate_runtime(circuit, ops, precision, seed, target)
    prepared = prepare(circuit, target)
    if prepared.layout is not None:
        ops = [op.apply_layout(prepared.layout) for op in ops]
    options = {"default_precision": precision, "run_options": {} if seed is None else {"seed_simulator": seed}}
    estimator = AerEstimator.from_backend(target, options=options)
    try:
        result = estimator.run([(prepared, ops)]).result()
    except QiskitError as exc:  # Aer's errors, and a failed result read
        if "memory" in str(exc).lower():
            raise _too_large(str(exc)) from None
        raise
    return np.asarray(result[0].data.evs, dtype=float)
