"""Teleportation and superdense coding as small named steps, run on Aer through :mod:`qinet.sim`.

The protocol is written as the four steps a lesson names, built in :mod:`qinet.circuits`:
:func:`~qinet.circuits.share_pair`, :func:`~qinet.circuits.bell_measurement`,
:func:`~qinet.circuits.send_bits` and :func:`~qinet.circuits.correct` (Bennett et al., "Teleporting an
unknown quantum state via dual classical and Einstein-Podolsky-Rosen channels", PRL 70, 1895 (1993));
:func:`qinet.circuits.teleportation` assembles them. :func:`teleport` runs it for a state
``U(theta, phi, 0)|0>``, optionally over a Werner resource of fidelity ``F``, undoes the
preparation on Bob's qubit and measures: the probability of reading 0 is the teleportation fidelity.
With a Werner resource it is ``(2F + 1) / 3`` for every input state (Horodecki, Horodecki,
Horodecki, PRA 60, 1888 (1999));
the best a classical (measure-and-prepare) scheme can reach is 2/3 (Massar & Popescu, PRL 74,
1259 (1995)).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister

from qinet import sim
from qinet._validate import boolean, in_range, positive_int
from qinet.circuits import superdense_coding, teleportation
from qinet.states import teleportation_fidelity
from qinet.stats import binomial_stderr

CLASSICAL_LIMIT = 2.0 / 3.0
"""Best average fidelity of measure-and-prepare teleportation (Massar & Popescu 1995)."""
PAULI_STATES = (
    (0.0, 0.0),
    (math.pi, 0.0),
    (math.pi / 2, 0.0),
    (math.pi / 2, math.pi),
    (math.pi / 2, math.pi / 2),
    (math.pi / 2, 3 * math.pi / 2),
)
"""Bloch angles (theta, phi) of |0>, |1>, |+>, |->, |+i>, |-i>: averaging a fidelity over these six
states gives its average over all pure states (they form a spherical design)."""


@dataclass(frozen=True)
class TeleportResult:
    """One teleportation experiment: the state sent, the resource, and the fidelity measured on Bob's side."""

    theta: float
    phi: float
    resource_fidelity: float
    shots: int
    counts: dict[str, int]
    fidelity: float
    """Measured fraction of shots in which Bob's qubit, rotated back by ``U(theta, phi, 0)^†``, reads 0."""
    stderr: float
    """Binomial standard error of ``fidelity``, from Laplace's estimate ``(k + 1)/(shots + 2)`` of the
    probability (k zeros read), so that it is not 0 when every shot arrives intact."""
    predicted: float
    """``(2F + 1) / 3`` for the Werner resource of fidelity F (ideal gates)."""


def _number(name: str, value: Any, low: float, high: float) -> float:
    """One number in [low, high], or a ValueError naming the parameter."""
    arr = in_range(name, value, low, high)
    if arr.ndim:
        raise ValueError(f"{name} must be a single number in [{low}, {high}], got an array of shape {arr.shape}")
    return float(arr)


def _angles(theta: float, phi: float) -> tuple[float, float]:
    return _number("theta", theta, 0.0, math.pi), _number("phi", phi, 0.0, 2 * math.pi)


def teleport_circuit(
    theta: float, phi: float, *, resource_fidelity: float = 1.0, dynamic: bool = True, verify: bool = True
) -> QuantumCircuit:
    """:func:`qinet.circuits.teleportation` of ``U(theta, phi, 0)|0>``, with a check on Bob's qubit.

    The shared pair is a Werner pair of fidelity F (``resource_fidelity``). ``dynamic=True``
    measures mid-circuit and corrects with ``if_test``; ``dynamic=False`` is the
    deferred-measurement form. With ``verify=True`` Bob's qubit (qubit 2) is rotated back by
    ``U(theta, phi, 0)^† = U(-theta, 0, -phi)`` and measured into the register ``check``:
    reading 0 means the state arrived, so P(0) is the fidelity.

    Parameters
    ----------
    theta, phi : float
        Bloch angles of the state to send, rad; theta in [0, π], phi in [0, 2π].
    resource_fidelity : float
        Fidelity F of the shared pair with |Φ+>, in [0.25, 1].

    Examples
    --------
    >>> qc = teleport_circuit(1.0, 0.5)
    >>> qc.cregs[-1].name, qc.num_qubits
    ('check', 3)
    """
    theta, phi = _angles(theta, phi)
    resource_fidelity = _number("resource_fidelity", resource_fidelity, 0.25, 1.0)
    verify = boolean("verify", verify)
    qc = teleportation(
        theta, phi, dynamic=dynamic, resource_fidelity=None if resource_fidelity == 1.0 else resource_fidelity
    )
    if verify:
        check = ClassicalRegister(1, "check")
        qc.add_register(check)
        qc.u(-theta, 0.0, -phi, 2)
        qc.measure(2, check[0])
    return qc


@lru_cache(maxsize=256)  # shared: only ever run, never handed out (teleport_circuit builds a fresh one)
def _cached_circuit(theta: float, phi: float, resource_fidelity: float, dynamic: bool) -> QuantumCircuit:
    return teleport_circuit(theta, phi, resource_fidelity=resource_fidelity, dynamic=dynamic)


def _result(theta: float, phi: float, fidelity: float, samples: sim.Samples) -> TeleportResult:
    shots = samples.shots
    ok = int(np.count_nonzero(samples.values("check") == 0))
    smoothed = (ok + 1) / (shots + 2)  # Laplace's estimate: the error bar stays > 0 when every shot reads 0
    return TeleportResult(
        theta,
        phi,
        fidelity,
        shots,
        samples.counts(),
        ok / shots,
        float(binomial_stderr(smoothed, shots)),
        teleportation_fidelity(fidelity),
    )


def teleport(
    theta: float,
    phi: float,
    *,
    resource_fidelity: float = 1.0,
    shots: int = 1024,
    seed: int | None = None,
    dynamic: bool = True,
    backend: Any = None,
) -> TeleportResult:
    """Teleport ``U(theta, phi, 0)|0>`` and measure the fidelity of the state Bob receives.

    With a Werner resource of fidelity F and ideal gates the fidelity is ``(2F + 1) / 3`` for
    every input state (Horodecki et al., PRA 60, 1888 (1999)), above the classical limit 2/3
    (Massar & Popescu 1995) exactly when F > 1/2. ``backend`` takes any Qiskit backend: a fake
    IBM device from :func:`qinet.sim.fake_backend` brings its own calibrated noise, so leave
    ``resource_fidelity`` at 1 there (Aer noise instructions do not run on a device).

    Examples
    --------
    >>> result = teleport(1.2, 0.4, resource_fidelity=0.85, shots=4000, seed=7)
    >>> round(result.predicted, 4)
    0.9
    >>> abs(result.fidelity - result.predicted) < 4 * result.stderr
    True
    """
    shots = positive_int("shots", shots)
    theta, phi = _angles(theta, phi)
    resource_fidelity = _number("resource_fidelity", resource_fidelity, 0.25, 1.0)
    if backend is not None and resource_fidelity != 1.0:
        raise ValueError(
            f"resource_fidelity must be 1.0 when a backend is given (the device brings its own "
            f"noise), got {resource_fidelity!r}"
        )
    qc = _cached_circuit(theta, phi, resource_fidelity, boolean("dynamic", dynamic))
    return _result(theta, phi, resource_fidelity, sim.sample(qc, shots=shots, seed=seed, backend=backend))


def fidelity_sweep(
    resource_fidelities: Any, theta: float = 1.0, phi: float = 0.5, *, shots: int = 1024, seed: int | None = None
) -> list[TeleportResult]:
    """Teleport the same state over Werner resources of several fidelities (one seeded Aer run each).

    Examples
    --------
    >>> results = fidelity_sweep([0.25, 1.0], shots=2000, seed=3)
    >>> [round(r.predicted, 3) for r in results], results[1].fidelity
    ([0.5, 1.0], 1.0)
    """
    shots = positive_int("shots", shots)
    theta, phi = _angles(theta, phi)
    values = [float(f) for f in np.ravel(in_range("resource_fidelities", resource_fidelities, 0.25, 1.0))]
    circuits = [_cached_circuit(theta, phi, f, True) for f in values]
    runs = [
        sim.sample(qc, shots=shots, seed=int(s)) for qc, s in zip(circuits, sim.seeds(seed, len(circuits)), strict=True)
    ]
    return [_result(theta, phi, f, samples) for f, samples in zip(values, runs, strict=True)]


@dataclass(frozen=True)
class MeasurePrepareResult:
    """The classical strategy, measured on Aer: Alice measures Z, tells Bob the bit, Bob prepares |bit>."""

    angles: tuple[tuple[float, float], ...]
    """Bloch angles (theta, phi) of the states sent (:data:`PAULI_STATES`)."""
    shots: int
    fidelities: tuple[float, ...]
    """Fraction of shots in which Bob's qubit, rotated back by ``U(theta, phi, 0)^†``, reads 0, per state."""
    fidelity: float
    """Their average: the classical strategy's average fidelity."""
    stderr: float
    """Binomial standard error of ``fidelity``."""


def measure_and_prepare_circuit(theta: float, phi: float) -> QuantumCircuit:
    """The classical strategy for ``U(theta, phi, 0)|0>``: measure in Z, send the bit, prepare |bit>.

    No entanglement is used: Alice measures her qubit (register ``message``) into ``z``; Bob
    prepares his qubit (``bob``) in |z> with a classically controlled X, rotates it back by
    ``U(theta, phi, 0)^†`` and measures into ``check``, so P(check = 0) is the fidelity.

    Examples
    --------
    >>> qc = measure_and_prepare_circuit(math.pi / 2, 0.0)
    >>> [reg.name for reg in qc.qregs], [reg.name for reg in qc.cregs]
    (['message', 'bob'], ['z', 'check'])
    """
    theta, phi = _angles(theta, phi)
    message, bob = QuantumRegister(1, "message"), QuantumRegister(1, "bob")
    z, check = ClassicalRegister(1, "z"), ClassicalRegister(1, "check")
    qc = QuantumCircuit(message, bob, z, check, name="measure_and_prepare")
    qc.u(theta, phi, 0.0, message[0])
    qc.measure(message[0], z[0])
    qc.barrier(label="send 1 bit")
    with qc.if_test((z[0], 1)):
        qc.x(bob[0])
    qc.u(-theta, 0.0, -phi, bob[0])
    qc.measure(bob[0], check[0])
    return qc


def measure_and_prepare(*, shots: int = 1024, seed: int | None = None) -> MeasurePrepareResult:
    """Run the measure-and-prepare strategy on Aer for the six :data:`PAULI_STATES` and average.

    Z eigenstates arrive perfectly, the other four with fidelity 1/2, so the average is 2/3: the
    classical limit of Massar & Popescu (PRL 74, 1259 (1995)), which no strategy without
    entanglement beats on average. A teleportation fidelity above it needs an entangled pair.

    Examples
    --------
    >>> r = measure_and_prepare(shots=2000, seed=7)
    >>> abs(r.fidelity - CLASSICAL_LIMIT) < 4 * r.stderr
    True
    """
    shots = positive_int("shots", shots)
    circuits = [measure_and_prepare_circuit(theta, phi) for theta, phi in PAULI_STATES]
    runs = sim.sample(circuits, shots=shots, seed=seed)  # one Aer job, a seed per circuit
    fidelities = tuple(float(np.mean(samples.values("check") == 0)) for samples in runs)
    errors = binomial_stderr(np.array(fidelities), shots)  # independent circuits: errors add in quadrature
    return MeasurePrepareResult(
        PAULI_STATES, shots, fidelities, float(np.mean(fidelities)), float(np.sqrt(np.sum(errors**2))) / len(fidelities)
    )


def superdense(shots: int = 256, *, pair_fidelity: float = 1.0, seed: int | None = None) -> dict[str, dict[str, int]]:
    """Superdense coding of all four two-bit messages (Bennett & Wiesner, PRL 69, 2881 (1992)).

    Runs :func:`qinet.circuits.superdense_coding` for "00", "01", "10", "11" and returns
    ``{sent: counts of decoded}``. With a perfect pair every message arrives intact; with a
    Werner pair of fidelity F a message arrives intact with probability F.

    Examples
    --------
    >>> all(counts == {sent: 64} for sent, counts in superdense(64, seed=2).items())
    True
    """
    shots = positive_int("shots", shots)
    pair_fidelity = _number("pair_fidelity", pair_fidelity, 0.25, 1.0)
    messages = ["00", "01", "10", "11"]
    circuits = [superdense_coding(m, pair_fidelity=None if pair_fidelity == 1.0 else pair_fidelity) for m in messages]
    runs = [sim.sample(qc, shots=shots, seed=int(s)) for qc, s in zip(circuits, sim.seeds(seed, 4), strict=True)]
    return {sent: samples.counts("message") for sent, samples in zip(messages, runs, strict=True)}
