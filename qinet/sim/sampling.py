"""Sampling through Qiskit's V2 Sampler primitive, with PUBs; results by register name.

Where a circuit runs:

* by default on Aer, on qinet's memory-limited, single-threaded simulator
  (:func:`qinet.sim.default_backend`), through Aer's ``SamplerV2`` (as :class:`qinet.sim.aer.AerSampler`,
  which runs it in the calling thread and unpacks its shots faster);
* on any other backend (a fake IBM device from :func:`qinet.sim.fake_backend`, real IBM hardware from
  :func:`qinet.sim.ibm_backend`) or in a Runtime ``Session`` / ``Batch``, through IBM's client-side
  ``qiskit_ibm_runtime.executor_sampler.Sampler``: one primitive for fake devices, which it simulates
  locally, and for hardware;
* inside ``with running_on(device):``, every sampling call that would use qinet's simulator goes to
  that device instead.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextvars import ContextVar
from typing import Any, overload

import numpy as np
from qiskit import QuantumCircuit
from qiskit.exceptions import QiskitError
from qiskit_aer import AerSimulator
from qiskit_aer.noise import NoiseModel

from qinet._limits import check_budget
from qinet._validate import positive_int
from qinet._validate import seed as _seed
from qinet.sim import devices
from qinet.sim.aer import (
    AerSampler,
    CircuitTooLargeError,
    _check_statevector_size,
    _is_default_backend,
    _memory_limit_mb,
    _too_large,
    default_backend,
    prepare,
)
from qinet.sim.samples import Samples, _register_layout

_TARGET: ContextVar[Any] = ContextVar("qinet_sim_target", default=None)
BYTES_PER_SHOT = 150
"""Peak memory per simulated shot (Aer's per-shot results and their unpacking; ~140 bytes measured)."""
# Aer samples the shots of a circuit measured only at the end from one final state (about 2 µs a shot
# here); it runs a circuit with mid-circuit measurements, feed-forward or noise once per shot (17-80 µs a
# shot for teleportation's 12 instructions, 0.4 ms for a noisy 16-qubit swap chain). The estimates stay
# under those figures, so that only runs far beyond a live notebook's pace are refused.
_MAX_SEEDS = 1_000_000  # one simulator call each: more than any notebook makes
_SAMPLED_SHOT_S = 1e-6
_SIMULATED_SHOT_S_PER_10_OPS = 1e-5
_PER_SHOT_OPS = frozenset(
    {"if_else", "while_loop", "for_loop", "switch_case", "reset", "initialize", "quantum_channel", "kraus", "superop"}
)


def seeds(seed: int | None, n: int) -> np.ndarray:
    """``n`` independent simulator seeds derived from ``seed`` (never consecutive integers:
    Aer replays shifted shots for ``seed + 1``).

    Examples
    --------
    >>> seeds(7, 3).shape
    (3,)
    """
    n = positive_int("n", n, minimum=0, maximum=_MAX_SEEDS)
    return np.random.default_rng(_seed(seed)).integers(2**31 - 1, size=n)


def running_on(target: Any) -> contextlib.AbstractContextManager[Any]:
    """Run every qinet sampling call inside the ``with`` block on ``target`` instead of on Aer.

    ``target`` is a device (:func:`qinet.sim.fake_backend`, :func:`qinet.sim.ibm_backend`) or a Runtime
    ``Session`` or ``Batch``. Calls that name a backend of their own keep it, except qinet's simulators
    (:func:`qinet.sim.default_backend` with any method), which are replaced. Exact density matrices
    (:func:`qinet.sim.final_state`) are computed on Aer, as they cannot be measured on a device.
    Circuits with Aer noise instructions are refused with a message saying how to build them.

    Examples
    --------
    >>> from qinet import circuits, sim
    >>> qc = circuits.bell_pair(); _ = qc.measure_all()
    >>> with sim.running_on(sim.fake_backend("manila")):
    ...     counts = sim.run(qc, shots=500, seed=3)
    >>> counts["00"] + counts["11"] > 450  # the device's noise flips a few percent
    True
    """
    devices._check_target(target, "target")
    return _running_on(target)


@contextlib.contextmanager
def _running_on(target: Any) -> Iterator[Any]:
    token = _TARGET.set(target)
    try:
        yield target
    finally:
        _TARGET.reset(token)


def _shot_list(shots: int | Sequence[int], n: int) -> list[int]:
    if isinstance(shots, (list, tuple, np.ndarray)):
        values = [positive_int("shots", s) for s in np.asarray(shots).ravel().tolist()]
        if len(values) != n:
            raise ValueError(f"shots must be one number or one per circuit ({n}), got {len(values)}")
        return values
    return [positive_int("shots", shots)] * n


def _resolve_target(noise: NoiseModel | None, backend: Any, mode: Any) -> tuple[Any, bool]:
    """The target a call runs on (its ``backend``/``mode``, the :func:`running_on` device, or qinet's
    simulator with ``noise``) and whether it is Aer."""
    if backend is not None and mode is not None:
        raise ValueError("give backend or mode, not both (a Session or Batch already holds its backend)")
    target = backend if backend is not None else mode
    if target is not None and noise is not None:
        raise ValueError("noise must be None when a backend is given (attach the noise to the backend)")
    context = _TARGET.get()
    if context is not None and (target is None or _is_default_backend(target)):
        if noise is not None:
            raise ValueError("noise must be None when running on a device (the device brings its own noise)")
        target = context
    if target is None:
        return default_backend(noise), True
    if mode is not None:
        devices._check_target(mode, "mode")
    return target, isinstance(target, AerSimulator)


def _classes(shot_list: list[int]) -> list[list[int]]:
    """Circuits grouped so that shots within a group differ by less than a factor of two."""
    groups: dict[int, list[int]] = {}
    for i, shots in enumerate(shot_list):
        groups.setdefault((shots - 1).bit_length(), []).append(i)
    return [groups[k] for k in sorted(groups)]


def _job_seeds(seed: int | None, n: int) -> list[int | None]:
    """One seed per simulator call: ``seed`` itself for a single call (so ``run(..., seed=s)`` is Aer's
    ``seed_simulator=s``), independent seeds from :func:`seeds` for several."""
    if seed is None:
        return [None] * n
    return [seed] if n == 1 else [int(s) for s in seeds(seed, n)]


def _check_shots(shot_list: list[int]) -> None:
    """Refuse, before anything runs, more shots in one call than the memory limit holds."""
    simulated = sum(max(shot_list[i] for i in members) * len(members) for members in _classes(shot_list))
    limit = _memory_limit_mb() * 2**20 // BYTES_PER_SHOT
    if simulated > limit:
        raise CircuitTooLargeError(
            f"shots must be at most {limit:,} in one call (about {BYTES_PER_SHOT} bytes each within "
            f"max_memory_mb={_memory_limit_mb()}; set QINET_MAX_MEMORY_MB to change it), got {simulated:,}: "
            "run several smaller calls"
        )


def _runs_shot_by_shot(circuit: QuantumCircuit) -> bool:
    measured = False
    for instruction in circuit.data:
        name = instruction.operation.name
        if name in _PER_SHOT_OPS or (measured and name not in ("measure", "barrier")):
            return True
        measured = measured or name == "measure"
    return False


def _check_time(circuits: list[QuantumCircuit], shot_list: list[int], noisy: bool) -> None:
    """Refuse, before anything runs, a call expected to take longer than ``_limits.MAX_SECONDS``."""
    seconds = 0.0
    for c, shots in zip(circuits, shot_list, strict=True):
        if noisy or _runs_shot_by_shot(c):
            seconds += shots * _SIMULATED_SHOT_S_PER_10_OPS * max(1.0, len(c.data) / 10)
        else:
            seconds += shots * _SAMPLED_SHOT_S
    check_budget(
        "shots",
        max(shot_list),
        seconds_needed=seconds,
        lower=f"use fewer shots ({len(circuits)} circuit(s), {sum(shot_list):,} shots in all, requested)",
    )


def _sample_aer(circuits: list[QuantumCircuit], shot_list: list[int], seed: int | None, backend: Any) -> list:
    prepared = [prepare(c, backend) for c in circuits]
    classes = _classes(shot_list)
    out: list = [None] * len(circuits)
    for members, job_seed in zip(classes, _job_seeds(seed, len(classes)), strict=True):
        shots = max(shot_list[i] for i in members)
        sampler = AerSampler.from_backend(backend, seed=job_seed)
        try:
            result = sampler.run([(prepared[i], None, shots) for i in members]).result()
        except QiskitError as exc:  # Aer's errors, and a failed result read
            if "memory" in str(exc).lower():
                raise _too_large(str(exc)) from None
            raise
        for i, pub in zip(members, result, strict=True):
            out[i] = Samples(pub.data, _register_layout(circuits[i]), shot_list[i])
    return out


def _sample_runtime(circuits: list[QuantumCircuit], shot_list: list[int], seed: int | None, target: Any) -> list:
    """Sample through IBM's client-side Runtime Sampler: one job per shot class on hardware.

    In local testing mode (fake devices) every circuit of a job is simulated with the job's one
    seed, so identical circuits would return identical shots: with a seed, each circuit gets its
    own job and its own seed from :func:`seeds`.
    """
    sampler = devices._runtime_sampler(target)
    device = sampler.backend()
    remote = devices._is_remote(device)
    if not remote:  # simulated here, by an Aer that sizes its memory from the whole host
        for c in circuits:
            _check_statevector_size(c)
    prepared = [prepare(c, device) for c in circuits]
    jobs: list[tuple[list[int], int | None]]
    if remote or seed is None:
        jobs = [(members, None) for members in _classes(shot_list)]
    else:
        jobs = [([i], s) for i, s in enumerate(_job_seeds(seed, len(circuits)))]
    submitted = []
    for members, job_seed in jobs:
        if not remote:
            sampler.options.simulator.seed_simulator = job_seed
        shots = max(shot_list[i] for i in members)
        submitted.append((members, sampler.run([prepared[i] for i in members], shots=shots)))
    out: list = [None] * len(circuits)
    for members, job in submitted:
        for i, pub in zip(members, job.result(), strict=True):
            out[i] = Samples(pub.data, _register_layout(circuits[i]), shot_list[i])
    return out


@overload
def sample(
    circuit: list[QuantumCircuit] | tuple[QuantumCircuit, ...],
    shots: int | Sequence[int] = ...,
    *,
    seed: int | None = ...,
    noise: NoiseModel | None = ...,
    backend: Any = ...,
    mode: Any = ...,
) -> list[Samples]: ...
@overload
def sample(
    circuit: QuantumCircuit,
    shots: int | Sequence[int] = ...,
    *,
    seed: int | None = ...,
    noise: NoiseModel | None = ...,
    backend: Any = ...,
    mode: Any = ...,
) -> Samples: ...
def sample(
    circuit: QuantumCircuit | Sequence[QuantumCircuit],
    shots: int | Sequence[int] = 1024,
    *,
    seed: int | None = None,
    noise: NoiseModel | None = None,
    backend: Any = None,
    mode: Any = None,
) -> Samples | list[Samples]:
    """Run ``circuit`` (or a list of circuits) through a V2 Sampler; return its shots by register name.

    Each circuit is one PUB. ``shots`` is one number or one per circuit (circuits whose shot
    numbers lie within a factor of two share one simulator call, and each gets exactly its own
    number of shots back). ``noise`` is an Aer ``NoiseModel`` for the default simulator;
    ``backend`` takes an ``AerSimulator`` or a device (fake or real); ``mode`` a Runtime
    ``Session`` or ``Batch``. Devices receive ISA circuits (:func:`prepare`). The same ``seed``
    gives the same shots, bit for bit, on Aer and on fake devices; several simulator calls draw
    independent seeds from it (:func:`seeds`).

    Returns a :class:`Samples` (a list of them for a list of circuits).

    Examples
    --------
    >>> from qinet.circuits import superdense_coding
    >>> sample(superdense_coding("10"), shots=100, seed=1).counts("message")
    {'10': 100}
    """
    single = isinstance(circuit, QuantumCircuit)
    if not single and (isinstance(circuit, (str, bytes, Mapping)) or not isinstance(circuit, Iterable)):
        raise ValueError(f"circuit must be a qiskit QuantumCircuit or a list of them, got {type(circuit).__name__}")
    circuits = [circuit] if single else list(circuit)
    shot_list = _shot_list(shots, len(circuits))
    seed = _seed(seed)
    for c in circuits:
        if not isinstance(c, QuantumCircuit):
            raise ValueError(f"circuit must be a qiskit QuantumCircuit, got {type(c).__name__}")
        if c.num_clbits == 0:
            raise ValueError(f"circuit {c.name!r} measures nothing: add measurements, or use final_state()")
        _register_layout(c)
    if not circuits:
        return []
    _check_shots(shot_list)
    _check_time(circuits, shot_list, noise is not None)
    target, on_aer = _resolve_target(noise, backend, mode)
    if on_aer:
        out = _sample_aer(circuits, shot_list, seed, target)
    else:
        out = _sample_runtime(circuits, shot_list, seed, target)
    return out[0] if single else out


@overload
def run(
    circuit: list[QuantumCircuit] | tuple[QuantumCircuit, ...],
    shots: int = ...,
    *,
    seed: int | None = ...,
    noise: NoiseModel | None = ...,
    backend: Any = ...,
    mode: Any = ...,
) -> list[dict[str, int]]: ...
@overload
def run(
    circuit: QuantumCircuit,
    shots: int = ...,
    *,
    seed: int | None = ...,
    noise: NoiseModel | None = ...,
    backend: Any = ...,
    mode: Any = ...,
) -> dict[str, int]: ...
def run(
    circuit: QuantumCircuit | Sequence[QuantumCircuit],
    shots: int = 1024,
    *,
    seed: int | None = None,
    noise: NoiseModel | None = None,
    backend: Any = None,
    mode: Any = None,
) -> dict[str, int] | list[dict[str, int]]:
    """Run ``circuit`` (or a list of circuits) and return the counts of its measured bits.

    Keys are bit strings in Qiskit's order (the highest classical bit on the left, registers
    separated by spaces). ``noise`` is an Aer ``NoiseModel`` applied on the default simulator;
    ``backend`` takes any Qiskit backend instead, ``mode`` a Runtime ``Session`` or ``Batch``.
    The same ``seed`` gives the same counts, bit for bit. This is :func:`sample` followed by
    :meth:`Samples.counts`; protocols read registers by name from :func:`sample` instead.

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
    result = sample(circuit, shots, seed=seed, noise=noise, backend=backend, mode=mode)
    if isinstance(result, Samples):
        return result.counts()
    return [s.counts() for s in result]
