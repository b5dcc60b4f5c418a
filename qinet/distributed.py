"""Distributed quantum computing: remote CNOTs between two processors, their cost and their fidelity.

Two ways to apply a CNOT whose control sits on processor A and target on processor B:

* ``"eisert"``: the nonlocal CNOT of Eisert, Jacobs, Papadopoulos, Plenio, "Optimal local
  implementation of nonlocal quantum gates", PRA 62, 052317 (2000): cat-entangler (CNOT into A's half
  of a Bell pair, measure, B flips its half), a local CNOT at B, cat-disentangler (B measures its half
  in X, A applies Z). One ebit and two classical bits, which they prove is optimal.
* ``"teleported"``: teleport the control to B (Bennett et al., PRL 70, 1895, 1993), CNOT locally,
  teleport it back: two ebits and four classical bits.

Imperfections: each Bell pair is a Werner pair of fidelity ``F`` (:func:`qinet.noise.werner_pair_noise`)
and each local two-qubit gate of the protocol is followed by a two-qubit depolarizing channel of Aer
parameter ``gate_error`` (:func:`qinet.noise.depolarizing`). Gate quality is measured by the
entanglement (process) fidelity ``F_e = ⟨Φ|(I ⊗ E)(|Φ⟩⟨Φ|)|Φ⟩`` of the implemented channel ``E``
composed with the ideal CNOT's inverse, ``|Φ⟩`` maximally entangling the two logical qubits with two
reference qubits (Schumacher, PRA 54, 2614, 1996); the average gate fidelity is
``F_avg = (d F_e + 1)/(d + 1)`` with ``d = 4`` (Horodecki et al., PRA 60, 1888, 1999; Nielsen,
Phys. Lett. A 303, 249, 2002). Splitting whole circuits
over two processors is counted in :mod:`qinet.partition`; :func:`distribute` builds such a split
circuit with shared cat-entangled copies and :func:`output_fidelities` checks it on Aer.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike
from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister
from qiskit.circuit import Qubit

from qinet import circuits, partition, sim
from qinet._validate import bits as checked_bits
from qinet._validate import in_range, instance, one_of, positive_int, probability
from qinet._validate import seed as checked_seed
from qinet.circuits import cat_distributed
from qinet.noise import depolarizing
from qinet.stats import binomial_stderr

if TYPE_CHECKING:
    from qiskit_aer.noise import QuantumError

PROTOCOLS = ("eisert", "teleported")
#: Largest Hilbert-space dimension :func:`average_gate_fidelity` takes (30 qubits).
MAX_DIMENSION = 2**30
#: Most random input states :func:`output_fidelities` tries (each one an exact density-matrix simulation).
MAX_STATES = 200

# Pauli errors as bits (x_A, z_A, x_B, z_B) on the logical control (A) and target (B).
_I, _XA, _ZA, _XB, _ZB = 0, 0b1000, 0b0100, 0b0010, 0b0001


@dataclass(frozen=True)
class RemoteCNOT:
    """A built remote CNOT: the circuit, where its logical qubits are, and what it consumes."""

    protocol: str
    circuit: QuantumCircuit
    control: int  #: qubit holding the control before the gate
    target: int  #: qubit holding the target (before and after)
    control_out: int  #: qubit holding the control after the gate
    ebits: int  #: Bell pairs consumed (registers named ``link*`` hold them)
    cbits: int  #: classical bits sent between the processors (one per mid-circuit measurement)


@lru_cache(maxsize=64)
def _gate_noise(strength: float) -> QuantumError:
    """Aer channels are slow to build (~2 ms): make each one once per strength."""
    return depolarizing(strength, 2)


def _noisy_cx(qc: QuantumCircuit, a: Qubit, b: Qubit, gate_error: float) -> None:
    qc.cx(a, b)
    if gate_error > 0:
        qc.append(_gate_noise(gate_error), [a, b])


def _teleport(
    qc: QuantumCircuit, src: Qubit, link_src: Qubit, link_dst: Qubit, bits: ClassicalRegister, gate_error: float
) -> None:
    """Teleport ``src`` onto ``link_dst`` (pair already on ``link_src``–``link_dst``)."""
    noise = _gate_noise(gate_error) if gate_error > 0 else None
    circuits.bell_measurement(qc, src, link_src, bits, cnot_noise=noise)
    circuits.correct(qc, link_dst, bits)


def remote_cnot(protocol: str = "eisert", *, pair_fidelity: float = 1.0, gate_error: float = 0.0) -> RemoteCNOT:
    """Build a CNOT from processor A's ``alice`` qubit to processor B's ``bob`` qubit.

    ``"eisert"`` (Eisert et al., PRA 62, 052317, 2000), 4 qubits ``alice, link_a, link_b, bob``:
    cat-entangler ``CNOT(alice→link_a)``, measure ``link_a``, B applies X to ``link_b`` if 1; local
    ``CNOT(link_b→bob)``; cat-disentangler: H and measure ``link_b``, A applies Z to ``alice`` if 1.
    ``"teleported"``, 6 qubits: teleport ``alice`` to ``link_b1``, CNOT at B, teleport back to ``link_a2``.

    Parameters
    ----------
    protocol : ``"eisert"`` or ``"teleported"``.
    pair_fidelity : Werner fidelity of every Bell pair, in [0.25, 1].
    gate_error : Aer depolarizing parameter after each local two-qubit gate of the protocol, in [0, 1].

    Examples
    --------
    >>> gate = remote_cnot("eisert")
    >>> gate.ebits, gate.cbits, gate.circuit.num_qubits
    (1, 2, 4)
    >>> remote_cnot("teleported").ebits, remote_cnot("teleported").cbits
    (2, 4)
    """
    protocol = one_of("protocol", protocol, PROTOCOLS)
    pair_fidelity = float(in_range("pair_fidelity", pair_fidelity, 0.25, 1.0))
    gate_error = float(probability("gate_error", gate_error))
    if protocol == "eisert":
        qc = circuits.nonlocal_cnot(
            ebit_fidelity=pair_fidelity, cnot_noise=_gate_noise(gate_error) if gate_error > 0 else None
        )
        control, target, control_out = 0, 3, 0
    else:
        names = ("alice", "link_a1", "link_b1", "bob", "link_b2", "link_a2")
        regs = [QuantumRegister(1, n) for n in names]
        there, back = ClassicalRegister(2, "m_there"), ClassicalRegister(2, "m_back")
        qc = QuantumCircuit(*regs, there, back, name="teleported_cnot")
        alice, link_a1, link_b1, bob, link_b2, link_a2 = (r[0] for r in regs)
        circuits.share_pair(qc, link_a1, link_b1, pair_fidelity)
        circuits.share_pair(qc, link_b2, link_a2, pair_fidelity)
        qc.barrier(label="teleport A→B")
        _teleport(qc, alice, link_a1, link_b1, there, gate_error)
        qc.barrier(label="local CNOT")
        _noisy_cx(qc, link_b1, bob, gate_error)
        qc.barrier(label="teleport B→A")
        _teleport(qc, link_b1, link_b2, link_a2, back, gate_error)
        control, target, control_out = 0, 3, 5
    ebits = sum(reg.size for reg in qc.qregs if reg.name.startswith("link")) // 2
    return RemoteCNOT(protocol, qc, control, target, control_out, ebits, qc.num_clbits)


@dataclass(frozen=True)
class TruthTable:
    """Measured truth table: ``counts[input]`` is the counts of the output bits ``"ct"`` (control, target)."""

    protocol: str
    counts: dict[str, dict[str, int]]
    shots: int
    correct_fraction: float  #: fraction of all shots that gave the textbook CNOT output


def _frame(gate: RemoteCNOT, n_out: int) -> QuantumCircuit:
    qc = gate.circuit.copy_empty_like()
    qc.add_register(ClassicalRegister(n_out, "out"))
    return qc


def truth_table(protocol: str = "eisert", *, shots: int = 256, seed: int | None = None) -> TruthTable:
    """Run the remote CNOT on the four basis inputs ``|c t⟩`` on Aer and tabulate the outputs.

    The ideal CNOT maps ``ct → c (t ⊕ c)``: 00→00, 01→01, 10→11, 11→10.

    Examples
    --------
    >>> table = truth_table(shots=64, seed=1)
    >>> table.counts["10"], table.correct_fraction
    ({'11': 64}, 1.0)
    """
    gate = remote_cnot(protocol)
    shots = positive_int("shots", shots)
    circuits = []
    inputs = ["00", "01", "10", "11"]
    for bits in inputs:
        qc = _frame(gate, 2)
        if bits[0] == "1":
            qc.x(gate.control)
        if bits[1] == "1":
            qc.x(gate.target)
        qc.compose(gate.circuit, inplace=True)
        qc.measure([gate.control_out, gate.target], qc.cregs[-1][::-1])
        circuits.append(qc)
    counts = {
        bits: samples.counts("out")
        for bits, samples in zip(inputs, sim.sample(circuits, shots, seed=seed), strict=True)
    }
    good = sum(counts[b].get(b[0] + str(int(b[0]) ^ int(b[1])), 0) for b in inputs)
    return TruthTable(gate.protocol, counts, shots, good / (4 * shots))


@dataclass(frozen=True)
class SuperpositionAction:
    """The remote CNOT on |+⟩|0⟩ (should give the Bell state Φ+) and on |+⟩|−⟩ (phase kick-back)."""

    protocol: str
    zz: float  #: ⟨Z⊗Z⟩ of the output for input |+0⟩ (ideal +1)
    xx: float  #: ⟨X⊗X⟩ of the output for input |+0⟩ (ideal +1)
    bell_fidelity_bound: float  #: (⟨XX⟩ + ⟨ZZ⟩)/2, a lower bound on the fidelity with Φ+
    kickback_minus: float  #: P(control measured in X gives −) for input |+⟩|−⟩ (ideal 1)
    shots: int


def superposition_action(
    protocol: str = "eisert", *, shots: int = 1024, seed: int | None = None
) -> SuperpositionAction:
    """Show that the remote gate acts coherently on superpositions, measured on Aer.

    ``CNOT|+⟩|0⟩ = (|00⟩ + |11⟩)/√2`` (the gate makes entanglement between the processors), and
    ``CNOT|+⟩|−⟩ = |−⟩|−⟩`` (the phase kicks back to the control). For any two-qubit state the fidelity
    with Φ+ is at least ``(⟨XX⟩ + ⟨ZZ⟩)/2`` (because XX + YY + ZZ ≤ I).

    Examples
    --------
    >>> act = superposition_action(shots=256, seed=3)
    >>> act.zz, act.xx, act.kickback_minus
    (1.0, 1.0, 1.0)
    """
    gate = remote_cnot(protocol)
    shots = positive_int("shots", shots)
    circuits = []
    for basis in ("z", "x", "kick"):
        qc = _frame(gate, 2)
        qc.h(gate.control)
        if basis == "kick":
            qc.x(gate.target)
            qc.h(gate.target)
        qc.compose(gate.circuit, inplace=True)
        if basis != "z":
            qc.h([gate.control_out, gate.target])
        qc.measure([gate.control_out, gate.target], qc.cregs[-1][::-1])
        circuits.append(qc)
    outputs = [samples.bits("out") for samples in sim.sample(circuits, shots, seed=seed)]  # columns: target, control

    def parity(bits: np.ndarray) -> float:
        return float(np.mean(1 - 2 * (bits[:, 0] ^ bits[:, 1])))

    zz, xx = parity(outputs[0]), parity(outputs[1])
    minus = float(np.mean(outputs[2][:, 1]))
    return SuperpositionAction(gate.protocol, zz, xx, (zz + xx) / 2, minus, shots)


def _one(label: str) -> tuple[int, int]:
    """(x, z) bits of a one-qubit Pauli label."""
    return {"I": (0, 0), "X": (1, 0), "Y": (1, 1), "Z": (0, 1)}[label]


def _dist(weights: dict[int, float]) -> np.ndarray:
    d = np.zeros(16)
    for bits, w in weights.items():
        d[bits] += w
    return d


def _pair_source(fidelity: float, x_to: int, z_to: int) -> np.ndarray:
    """A Werner pair = I (prob F) or X, Y, Z (each (1 − F)/3) on one half, mapped to logical errors."""
    rest = (1 - fidelity) / 3
    return _dist({_I: fidelity, x_to: rest, z_to: rest, x_to ^ z_to: rest})


def _gate_source(lam: float, rule: Callable[[tuple[int, int], tuple[int, int]], int]) -> np.ndarray:
    """Aer's two-qubit depolarizing channel: each of the 16 Paulis with λ/16 (identity also 1 − λ)."""
    weights: dict[int, float] = {}
    for p, q in itertools.product("IXYZ", repeat=2):
        bits = rule(_one(p), _one(q))
        weights[bits] = weights.get(bits, 0.0) + lam / 16 + (1 - lam if p == q == "I" else 0.0)
    return _dist(weights)


def _convolve(dists: list[np.ndarray]) -> np.ndarray:
    """Distribution of the product of independent Pauli errors (XOR of their bit patterns)."""
    out, index = _dist({_I: 1.0}), np.arange(16)
    for d in dists:
        out = np.array([(out * d[index ^ c]).sum() for c in range(16)])
    return out


def _on_a(p: tuple[int, int]) -> int:
    return (_XA if p[0] else 0) | (_ZA if p[1] else 0)


def _on_b(p: tuple[int, int]) -> int:
    return (_XB if p[0] else 0) | (_ZB if p[1] else 0)


def predicted_process_fidelity(protocol: str = "eisert", pair_fidelity: float = 1.0, gate_error: float = 0.0) -> float:
    """Entanglement fidelity of the remote CNOT with Werner pairs and depolarized local gates.

    Every error here is a Pauli error, and each propagates through the Clifford protocol to a Pauli
    error on the logical control (A) and target (B): for ``"eisert"`` a pair error X → X_B, Z → Z_A;
    for ``"teleported"`` X on the first pair → X_A X_B, Z → Z_A. ``F_e`` is the probability that all
    errors multiply to the identity. Without gate errors this gives ``F_e = F`` (Eisert) and
    ``F_e = F² + ((1 − F)/3)²`` (teleported); a local CNOT with the same gate error has
    ``1 − 15λ/16``. Derived here from Eisert et al., PRA 62, 052317 (2000); checked on Aer in the tests.

    Examples
    --------
    >>> round(predicted_process_fidelity("eisert", 0.9), 6)
    0.9
    >>> round(predicted_process_fidelity("teleported", 0.9), 6)
    0.811111
    """
    protocol = one_of("protocol", protocol, PROTOCOLS)
    f = float(in_range("pair_fidelity", pair_fidelity, 0.25, 1.0))
    lam = float(probability("gate_error", gate_error))
    if protocol == "eisert":
        pairs = [_pair_source(f, _XB, _ZA)]
    else:
        pairs = [_pair_source(f, _XA | _XB, _ZA), _pair_source(f, _XA, _ZA)]
    return float(_convolve([_gate_errors(protocol, lam), *pairs])[_I])


@lru_cache(maxsize=64)
def _gate_errors(protocol: str, lam: float) -> np.ndarray:
    """Logical Pauli-error distribution from the protocol's noisy local CNOTs alone (see above)."""
    if protocol == "eisert":
        rules = [lambda a, link: _on_a(a) | (_XB if link[0] else 0), lambda link, b: _on_b(b) | (_ZA if link[1] else 0)]
    else:
        rules = [
            lambda a, link: (_ZA if a[1] else 0) | (_XA | _XB if link[0] else 0),
            lambda link, b: _on_a(link) | _on_b(b),
            lambda link, link2: (_ZA if link[1] else 0) | (_XA if link2[0] else 0),
        ]
    return _convolve([_gate_source(lam, rule) for rule in rules])


def average_gate_fidelity(process_fidelity: float, dim: int = 4) -> float:
    """``F_avg = (d F_e + 1)/(d + 1)`` (Horodecki et al., PRA 60, 1888, 1999; Nielsen, PLA 303, 249, 2002).

    Examples
    --------
    >>> average_gate_fidelity(0.9)
    0.92
    """
    fe = float(probability("process_fidelity", process_fidelity))
    dim = positive_int("dim", dim, minimum=2, maximum=MAX_DIMENSION)
    return (dim * fe + 1) / (dim + 1)


@lru_cache(maxsize=64)
def _curves(gate_error: float, grid: tuple[float, ...]) -> dict[str, np.ndarray]:
    curves = {p: np.array([predicted_process_fidelity(p, f, gate_error) for f in grid]) for p in PROTOCOLS}
    curves["local"] = np.full(len(grid), 1 - 15 * gate_error / 16)
    return curves


def fidelity_curves(pair_fidelity: ArrayLike, gate_error: float = 0.0) -> dict[str, np.ndarray]:
    """Predicted process fidelity of each protocol, and of a local CNOT, over an array of pair fidelities.

    Examples
    --------
    >>> {k: v.round(4).tolist() for k, v in fidelity_curves([0.8, 1.0]).items()}
    {'eisert': [0.8, 1.0], 'teleported': [0.6444, 1.0], 'local': [1.0, 1.0]}
    """
    grid = np.atleast_1d(in_range("pair_fidelity", pair_fidelity, 0.25, 1.0)).astype(float)
    lam = float(probability("gate_error", gate_error))
    return {k: v.copy() for k, v in _curves(lam, tuple(grid.tolist())).items()}


@dataclass(frozen=True)
class RemoteGateFidelity:
    """Remote CNOT vs local CNOT, both measured on Aer by the reference-qubit (Choi-state) test."""

    protocol: str
    pair_fidelity: float
    gate_error: float
    shots: int
    process_fidelity: float  #: measured F_e of the remote gate
    stderr: float  #: binomial standard error of ``process_fidelity``
    predicted: float  #: :func:`predicted_process_fidelity`
    local_process_fidelity: float  #: measured F_e of one local CNOT with the same gate error
    local_predicted: float  #: 1 − 15λ/16

    @property
    def average_gate_fidelity(self) -> float:
        """Average gate fidelity of the remote gate, from the measured F_e."""
        return average_gate_fidelity(self.process_fidelity)


@lru_cache(maxsize=256)
def _choi_test(protocol: str, pair_fidelity: float, gate_error: float) -> QuantumCircuit:
    """Entangle both logical qubits with references, apply the gate, undo an ideal CNOT, test for Φ+ ⊗ Φ+."""
    if protocol == "local":
        reg, ref = QuantumRegister(2, "alice_bob"), QuantumRegister(2, "ref")
        qc = QuantumCircuit(reg, ref, ClassicalRegister(4, "check"), name="local_cnot_test")
        c, t, c_out = 0, 1, 0
    else:
        gate = remote_cnot(protocol, pair_fidelity=pair_fidelity, gate_error=gate_error)
        qc = gate.circuit.copy_empty_like()
        ref = QuantumRegister(2, "ref")
        qc.add_register(ref)
        qc.add_register(ClassicalRegister(4, "check"))
        c, t, c_out = gate.control, gate.target, gate.control_out
    for r, q in ((ref[0], c), (ref[1], t)):
        circuits.share_pair(qc, r, q)
    if protocol == "local":
        _noisy_cx(qc, c, t, gate_error)
    else:
        qc.compose(gate.circuit, inplace=True)
    qc.cx(c_out, t)  # the ideal CNOT's inverse
    for r, q in ((ref[0], c_out), (ref[1], t)):
        qc.cx(r, q)
        qc.h(r)
    qc.measure([ref[0], c_out, ref[1], t], qc.cregs[-1])
    return qc


def _measure(
    protocols: tuple[str, ...], pair_fidelity: float, gate_error: float, shots: int, seed: int | None
) -> list[RemoteGateFidelity]:
    seed = checked_seed(seed)
    f = float(in_range("pair_fidelity", pair_fidelity, 0.25, 1.0))
    lam = float(probability("gate_error", gate_error))
    shots = positive_int("shots", shots)
    remote_seed, local_seed = (int(s) for s in sim.seeds(seed, 2))
    tests = [_choi_test(p, f, lam) for p in protocols]
    remote = sim.sample(tests, shots, seed=remote_seed, backend=sim.default_backend(method="stabilizer"))
    local = sim.sample(_choi_test("local", 1.0, lam), shots, seed=local_seed)  # no feed-forward: one Aer pass

    def passed(samples: sim.Samples) -> float:
        return float(np.mean(samples.values("check") == 0))

    out = []
    for protocol, samples in zip(protocols, remote, strict=True):
        fe = passed(samples)
        out.append(
            RemoteGateFidelity(
                protocol,
                f,
                lam,
                shots,
                fe,
                binomial_stderr(fe, shots),
                predicted_process_fidelity(protocol, f, lam),
                passed(local),
                1 - 15 * lam / 16,
            )
        )
    return out


def remote_cnot_fidelity(
    pair_fidelity: float = 1.0,
    *,
    gate_error: float = 0.0,
    protocol: str = "eisert",
    shots: int = 4096,
    seed: int | None = None,
) -> RemoteGateFidelity:
    """Measure on Aer the entanglement fidelity of a remote CNOT and of a local one.

    Each logical qubit starts maximally entangled with a reference qubit; after the gate we undo an ideal
    CNOT and test both pairs for Φ+: the probability that both pass is ``F_e`` (see the module notes).
    Runs on Aer's stabilizer method (every gate and channel here is Clifford or Pauli).

    Parameters
    ----------
    pair_fidelity : Werner fidelity of the Bell pair(s), in [0.25, 1].
    gate_error : Aer depolarizing parameter of each local two-qubit gate, in [0, 1].
    protocol : ``"eisert"`` (1 ebit) or ``"teleported"`` (2 ebits).
    shots : shots per circuit.

    Examples
    --------
    >>> res = remote_cnot_fidelity(0.9, shots=2000, seed=5)
    >>> abs(res.process_fidelity - 0.9) < 5 * res.stderr, res.local_process_fidelity
    (True, 1.0)
    """
    return _measure((one_of("protocol", protocol, PROTOCOLS),), pair_fidelity, gate_error, shots, seed)[0]


def compare_remote_cnots(
    pair_fidelity: float = 1.0, *, gate_error: float = 0.0, shots: int = 4096, seed: int | None = None
) -> tuple[RemoteGateFidelity, ...]:
    """:func:`remote_cnot_fidelity` for both protocols (``PROTOCOLS`` order) in one Aer call.

    Examples
    --------
    >>> [r.protocol for r in compare_remote_cnots(0.95, shots=100, seed=1)]
    ['eisert', 'teleported']
    """
    return tuple(_measure(PROTOCOLS, pair_fidelity, gate_error, shots, seed))


@dataclass(frozen=True)
class DistributedCircuit:
    """A circuit split over two processors, its remote gates served by shared cat-entangled copies."""

    original: QuantumCircuit
    split: np.ndarray  #: processor (0 = A, 1 = B) of each original qubit
    shared: tuple[partition.SharedCopy, ...]  #: one entry per Bell pair (:func:`qinet.partition.embedding`)
    circuit: QuantumCircuit  #: the runnable circuit (:func:`qinet.circuits.cat_distributed`); data qubits first
    remote_gates: int  #: two-qubit gates between the processors

    @property
    def bell_pairs(self) -> int:
        """Bell pairs the circuit consumes: one per shared copy (one cat-entangler each)."""
        return len(self.shared)


def distribute(circuit: QuantumCircuit, split: ArrayLike) -> DistributedCircuit:
    """Build ``circuit`` on two processors (``split[q]`` ∈ {0, 1}) with the fewest Bell pairs.

    The copies come from :func:`qinet.partition.embedding` (cat-entangler → every remote gate it can
    serve → cat-disentangler, in the Z or the X basis; Eisert et al., PRA 62, 052317, 2000) and the circuit from
    :func:`qinet.circuits.cat_distributed`, with mid-circuit measurements and ``if_test`` feed-forward.

    Examples
    --------
    >>> qft = partition.algorithm_circuit("qft", 4)
    >>> d = distribute(qft, [0, 0, 1, 1])
    >>> d.remote_gates, d.bell_pairs, d.circuit.count_ops()["measure"]
    (4, 2, 4)
    >>> fan_in = QuantumCircuit(3)
    >>> _ = fan_in.cx(1, 0); _ = fan_in.cx(2, 0)   # two CNOTs onto qubit 0, from the other processor
    >>> distribute(fan_in, [0, 1, 1]).bell_pairs
    1
    """
    circuit = instance("circuit", circuit, QuantumCircuit, "a qiskit QuantumCircuit")
    side = checked_bits("split", split, length=circuit.num_qubits).astype(int)
    shared = partition.embedding(circuit, side)
    built = cat_distributed(circuit, side, [(c.qubit, c.gates, c.basis) for c in shared])
    return DistributedCircuit(circuit, side, shared, built, partition.remote_gates(circuit, side))


def output_fidelities(distributed: DistributedCircuit, n_states: int = 5, *, seed: int | None = None) -> np.ndarray:
    """Fidelity of the split circuit's output with the original circuit's, for Haar-random input states.

    For each input ``|ψ⟩`` (an entangled random state of all data qubits, ``qiskit.quantum_info.
    random_statevector``) the split circuit's output on the data qubits is computed exactly, with its
    mid-circuit measurements and corrections averaged over (:func:`qinet.sim.final_state`), and compared
    with ``U|ψ⟩`` of the original circuit: ``F = ⟨ψ|U† ρ U|ψ⟩``, 1 when the split circuit is exact.

    Examples
    --------
    >>> d = distribute(partition.algorithm_circuit("qft", 4), [0, 0, 1, 1])
    >>> output_fidelities(d, 2, seed=1).round(9).tolist()
    [1.0, 1.0]
    """
    from qiskit.quantum_info import random_statevector, state_fidelity

    if not isinstance(distributed, DistributedCircuit):
        raise TypeError(f"distributed must be a DistributedCircuit (from distribute), got {type(distributed).__name__}")
    n_states = positive_int("n_states", n_states, maximum=MAX_STATES)
    seed = checked_seed(seed)
    n = distributed.original.num_qubits
    out = []
    for s in sim.seeds(seed, n_states):
        psi = random_statevector(2**n, seed=int(s))
        frame = distributed.circuit.copy_empty_like()
        frame.initialize(psi.data, range(n))
        frame.compose(distributed.circuit, inplace=True)
        rho = sim.final_state(frame, list(range(n)))
        out.append(state_fidelity(rho, psi.evolve(distributed.original)))
    return np.array(out)
