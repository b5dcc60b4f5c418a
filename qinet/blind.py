"""Universal blind quantum computing (UBQC) on a linear cluster, run on Aer, with trap rounds.

Broadbent, Fitzsimons, Kashefi, "Universal blind quantum computation", FOCS 2009 (arXiv:0807.4154).
The client wants the server to run a measurement pattern with secret angles ``φ_i`` without learning them:

1. the client prepares every qubit as ``|+_θ⟩ = (|0⟩ + e^{iθ}|1⟩)/√2`` with a secret random
   ``θ ∈ {0, π/4, …, 7π/4}`` and sends it; the server entangles the qubits with CZ gates (a line);
2. for each qubit in turn the client computes the adapted angle ``φ′ = (−1)^{s_X} φ + s_Z π`` from
   earlier results, picks a secret random bit ``r``, and tells the server ``δ = φ′ + θ + rπ`` (mod 2π);
3. the server measures at angle δ (basis ``|±_δ⟩``) and reports the bit ``b``; the client keeps
   ``s = b ⊕ r``.

Because θ is uniform and independent of everything else, δ is uniform over the eight angles whatever
φ is: the server learns nothing about the computation, and the output bit it sees is one-time padded.
The output qubit, measured in Z, is sent as ``|+_θ⟩`` with a secret ``θ ∈ {0, π}``: a Z on it commutes
with the CZs and with the final Z measurement, so it changes nothing for the client, but without it
the server would receive a *known* ``|+⟩`` there.

Trap rounds (a one-trap version of Fitzsimons & Kashefi, PRA 96, 012303, 2017) test a server that
deviates: every qubit but one is a dummy ``|0⟩``/``|1⟩`` and the trap ``|+_θ⟩`` must give ``b = r``.
The output qubit is a dummy too, and the client also checks its Z result against the dummy's value
(``check_output=True``, the default): without that check a server could tamper with the output qubit
alone, flip the bit it reports (``flip_output``), corrupt every computation and never be caught.
Traps only work if the server cannot tell them from computation rounds: every qubit it receives must
average to ``I/2`` in both (:func:`received_state`). A server that measures the output qubit in X
(:func:`trap_rounds` with ``spy=True``) finds ``+`` in every computation round when the output is a
known ``|+⟩`` and a random bit in trap rounds, and cheats only when it sees ``+``; the hidden phase
(``hide_output=True``, the default) takes that away.

How we simulate it (one Aer circuit, no shot-by-shot Python loop): the client's random θ and r are
drawn inside the circuit, per shot, from a reused ancilla qubit (Ry, measure, reset); the client's
adaptive classical computation of δ is modelled with ``if_test`` blocks that set the server's
measurement rotation ``P(−δ)`` from the recorded bits (the client's secrets and the server's earlier
outcomes). Every shot is therefore one complete, independent run of the protocol, and the δ the
server was told is rebuilt afterwards from the same recorded bits with the formula above.

Measuring a qubit of the line at angle α teleports the state to its neighbour as ``X^s H P(−α)``
(Raussendorf & Briegel, PRL 86, 5188, 2001), so the pattern's measurement angle is ``φ_i = −angle_i``
for the gate ``H·Rz(angle_i)`` (``Rz(a) ∝ P(a) = diag(1, e^{ia})``). Byproducts: ``s_X`` of qubit i is
``s_{i−1}``, ``s_Z`` is ``s_{i−2}``; the output qubit is measured in Z and decoded as ``b_out ⊕ s_{n−1}``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike
from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister
from qiskit.circuit import Clbit, Parameter, Qubit
from qiskit.circuit.classical import expr
from scipy import stats

from qinet import sim
from qinet._validate import array, in_range, number, one_of, positive_int, probability
from qinet.stats import binomial_stderr

if TYPE_CHECKING:
    from qiskit.quantum_info import DensityMatrix
    from qiskit_aer import AerSimulator

EIGHTH = math.pi / 4
#: Bases in which a spying server may measure the output qubit before entangling.
SPY_BASES = ("x", "z")
MAX_ANGLES = 10
#: Most protocol rounds × qubits one call may simulate: about 10 s of Aer time on one busy core
#: (50–100 µs per qubit and round measured with the matrix-product-state method).
MAX_QUBIT_ROUNDS = 120_000
#: Most qubits :func:`received_state` averages exactly (with the client's coin: a 9-qubit density matrix, < 1 s).
MAX_EXACT_QUBITS = 8
#: Most trap rounds :func:`detection_probability` counts (far more than any verification protocol runs).
MAX_TRAP_ROUNDS = 10**9


def ubqc_delta(phi: float, s_x: int, s_z: int, theta: float, r: int) -> float:
    """The angle the server is told: ``δ = (−1)^{s_X} φ + s_Z π + θ + rπ`` mod 2π (BFK 2009).

    Examples
    --------
    >>> ubqc_delta(math.pi / 4, 1, 0, 3 * math.pi / 4, 1) / math.pi  # an example of the rule
    1.5
    """
    for name, bit in (("s_x", s_x), ("s_z", s_z), ("r", r)):
        if bit not in (0, 1):
            raise ValueError(f"{name} must be 0 or 1, got {bit!r}")
    phi = float(number("phi", phi))
    theta = float(number("theta", theta))
    return float(((-1) ** s_x * phi + s_z * math.pi + theta + r * math.pi) % (2 * math.pi))


def _eighths(angles: ArrayLike, name: str = "angles") -> tuple[int, ...]:
    arr = np.atleast_1d(number(name, angles)).astype(float).ravel()
    if not 1 <= arr.size <= MAX_ANGLES:
        raise ValueError(f"{name} must hold 1 to {MAX_ANGLES} angles, got {arr.size}")
    k = arr / EIGHTH
    off = np.abs(k - np.round(k)) > 1e-9
    if off.any():
        raise ValueError(f"{name} must be multiples of π/4 (the UBQC angle set {{kπ/4}}), got {arr[off][0]!r}")
    return tuple(int(v) % 8 for v in np.round(k))


def client_qubit(theta: float) -> QuantumCircuit:
    """Step 1 of a round, for one qubit: the client prepares ``|+_θ⟩ = (|0⟩ + e^{iθ}|1⟩)/√2`` (H, then P(θ)).

    ``theta`` is a multiple of π/4 (the UBQC angle set). In :func:`blind_rotations` the client draws θ at
    random in every shot; this fixed-θ step shows one round by hand (notebook 10).

    Examples
    --------
    >>> from qiskit.quantum_info import Statevector
    >>> Statevector(client_qubit(math.pi / 2)).data.round(3).tolist()
    [(0.707+0j), 0.707j]
    """
    (k,) = _eighths(theta, "theta")
    qc = QuantumCircuit(QuantumRegister(1, "server"), name="client_qubit")
    qc.h(0)
    qc.p(k * EIGHTH, 0)
    return qc


def server_measurement(delta: float) -> QuantumCircuit:
    """Step 3 of a round, for one qubit: the server measures at the angle δ it was told, in ``|±_δ⟩``.

    ``P(−δ)``, H, then a Z measurement into register ``b``: outcome 0 for ``|+_δ⟩``, 1 for ``|−_δ⟩``
    (Broadbent, Fitzsimons, Kashefi 2009). ``delta`` is a multiple of π/4.

    Examples
    --------
    >>> from qinet import sim
    >>> qc = client_qubit(3 * math.pi / 4).compose(server_measurement(3 * math.pi / 4))  # |+_δ⟩ measured at δ
    >>> sim.sample(qc, shots=50, seed=1).counts("b")
    {'0': 50}
    """
    (k,) = _eighths(delta, "delta")
    qc = QuantumCircuit(QuantumRegister(1, "server"), ClassicalRegister(1, "b"), name="server_measurement")
    qc.p(-k * EIGHTH, 0)
    qc.h(0)
    qc.measure(0, 0)
    return qc


def ideal_probabilities(angles: ArrayLike) -> np.ndarray:
    """Z-basis probabilities ``[p(0), p(1)]`` of ``∏ H·Rz(angle_i) |+⟩`` (first angle applied first).

    Examples
    --------
    >>> ideal_probabilities([math.pi / 4]).round(6).tolist()  # (1 ± cos π/4)/2
    [0.853553, 0.146447]
    >>> ideal_probabilities([math.pi / 4, 0.0]).round(6).tolist()  # H·H = I: only the phase is left
    [0.5, 0.5]
    """
    state = np.array([1.0, 1.0], dtype=complex) / math.sqrt(2)
    hadamard = np.array([[1, 1], [1, -1]]) / math.sqrt(2)
    for k in _eighths(angles):
        state = hadamard @ (np.array([1.0, np.exp(1j * k * EIGHTH)]) * state)
    return np.abs(state) ** 2


def _draw(
    qc: QuantumCircuit, rng_qubit: Qubit, bit: Clbit, p_one: float = 0.5, then: Callable[[], None] | None = None
) -> None:
    """The client's (or cheating server's) coin: a fresh random bit with P(1) = p_one, from the ancilla.

    ``then`` adds the gates to apply when the bit is 1, right after the measurement and before the
    ancilla is reset (so :func:`qinet.sim.final_state` can average the preparation exactly).
    """
    qc.ry(2 * math.asin(math.sqrt(p_one)), rng_qubit)
    qc.measure(rng_qubit, bit)
    if then is not None:
        with qc.if_test((bit, 1)):
            then()
    qc.reset(rng_qubit)


def _xor(a: Clbit, b: Clbit) -> expr.Expr:
    return expr.bit_xor(a, b)


def _send_output(qc: QuantumCircuit, qubit: Qubit, coin: Qubit, theta_out: Clbit | None) -> None:
    """The output qubit of a computation round: ``|+⟩``, with a secret Z (θ ∈ {0, π}) unless ``theta_out`` is None."""
    qc.h(qubit)
    if theta_out is not None:
        _draw(qc, coin, theta_out, then=lambda: qc.z(qubit))


def _client_preparation(m: int, trap: int | None, cheat: bool, spy: bool, hide_output: bool) -> QuantumCircuit:
    """The qubits the client sends (registers of the whole round, nothing of the server's part yet)."""
    server, coin = QuantumRegister(m + 1, "server"), QuantumRegister(1, "client_rng")
    regs = [server, coin, ClassicalRegister(m * 3, "theta"), ClassicalRegister(m, "r")]
    if trap is None and hide_output:
        regs.append(ClassicalRegister(1, "theta_out"))
    if trap is not None:
        regs.append(ClassicalRegister(m + 1, "d"))
    if cheat:
        regs.append(ClassicalRegister(m, "cheat"))
    if spy:
        regs.append(ClassicalRegister(1, "spy"))
    regs += [ClassicalRegister(m, "b"), ClassicalRegister(1, "out")]
    qc = QuantumCircuit(*regs, name="ubqc_trap" if trap is not None else "ubqc")
    creg = {reg.name: reg for reg in qc.cregs}
    theta, r, rng = creg["theta"], creg["r"], coin[0]
    for i in range(m + 1):
        q = server[i]
        if trap is not None and i != trap:  # a dummy |d⟩
            _draw(qc, rng, creg["d"][i], then=partial(qc.x, q))
        elif i == m:
            _send_output(qc, q, rng, creg["theta_out"][0] if "theta_out" in creg else None)
        else:  # |+_θ⟩, θ = π/4·(t₀ + 2t₁ + 4t₂)
            qc.h(q)
            for j in range(3):
                _draw(qc, rng, theta[3 * i + j], then=partial(qc.p, EIGHTH * 2**j, q))
    for i in range(m):  # secrets that only enter the δ's: θ of the dummies, every r
        if trap is not None and i != trap:
            for j in range(3):
                _draw(qc, rng, theta[3 * i + j])
        _draw(qc, rng, r[i])
    return qc


_CHEAT = Parameter("ε")  # the deviation angle, bound per call so that a slider does not rebuild circuits


def _round_circuit(
    alpha: tuple[int, ...],
    trap: int | None,
    cheat_angle: float,
    cheat_fraction: float,
    spy: bool = False,
    hide_output: bool = True,
    spy_basis: str = "x",
    flip_output: bool = False,
) -> QuantumCircuit:
    """One UBQC round on ``len(alpha) + 1`` qubits: computation (``trap=None``) or a trap round.

    ``alpha`` are the measurement angles in units of π/4. In a trap round every qubit but ``trap`` is a
    dummy ``|d⟩`` (random bit d) and the trap's δ absorbs the Z kicks of its dummy neighbours. A
    deviating server measures at δ + ``cheat_angle`` on each qubit with probability ``cheat_fraction``;
    with ``spy`` it first measures the output qubit in ``spy_basis`` (X or Z) and deviates only when it
    finds ``+`` (or 0); with ``flip_output`` it flips the output bit it reports.
    """
    cheating = bool(cheat_angle and cheat_fraction)
    template = _round_template(
        alpha, trap, cheating, cheat_fraction if cheating else 0.0, spy, hide_output, spy_basis, flip_output
    )
    return template.assign_parameters({_CHEAT: cheat_angle}) if cheating else template


@lru_cache(maxsize=128)
def _round_template(
    alpha: tuple[int, ...],
    trap: int | None,
    cheating: bool,
    cheat_fraction: float,
    spy: bool,
    hide_output: bool,
    spy_basis: str,
    flip_output: bool,
) -> QuantumCircuit:
    """:func:`_round_circuit` with the deviation angle left as the parameter ``_CHEAT`` (built once)."""
    m = len(alpha)
    qc = _client_preparation(m, trap, cheating, spy, hide_output)
    creg = {reg.name: reg for reg in qc.cregs}
    server, rng = qc.qregs[0], qc.qregs[1][0]
    theta, r, b = creg["theta"], creg["r"], creg["b"]
    if cheating:
        for i in range(m):
            _draw(qc, rng, creg["cheat"][i], cheat_fraction)
    qc.barrier(label="server")
    if spy:  # measure the output qubit in X or Z (it stays in the state found)
        if spy_basis == "x":
            qc.h(server[m])
        qc.measure(server[m], creg["spy"][0])
        if spy_basis == "x":
            qc.h(server[m])
    for i in range(m):
        qc.cz(server[i], server[i + 1])
    for i in range(m):  # the server measures at δ_i: rotate by P(−δ_i), then H and Z measurement
        q = server[i]
        for j in range(3):
            with qc.if_test((theta[3 * i + j], 1)):
                qc.p(-EIGHTH * 2**j, q)
        with qc.if_test((r[i], 1)):
            qc.z(q)
        if trap is None:  # φ′ = (−1)^{s_X} φ + s_Z π, with s = b ⊕ r of the two previous qubits
            if i == 0:
                qc.p(-alpha[i] * EIGHTH, q)
            else:
                with qc.if_test(_xor(b[i - 1], r[i - 1])) as otherwise:
                    qc.p(alpha[i] * EIGHTH, q)
                with otherwise:
                    qc.p(-alpha[i] * EIGHTH, q)
            if i >= 2:
                with qc.if_test(_xor(b[i - 2], r[i - 2])):
                    qc.z(q)
        elif i == trap:  # undo the Z kicks from dummy neighbours in state |1⟩
            for nb in (i - 1, i + 1):
                if nb >= 0:
                    with qc.if_test((creg["d"][nb], 1)):
                        qc.z(q)
        if cheating:
            deviates = expr.logic_and(creg["cheat"][i], expr.logic_not(creg["spy"][0])) if spy else creg["cheat"][i]
            with qc.if_test(deviates if spy else (deviates, 1)):
                qc.p(-_CHEAT, q)
        qc.h(q)
        qc.measure(q, b[i])
    if flip_output:  # report the opposite of the output bit (the same as an X just before measuring)
        qc.x(server[m])
    qc.measure(server[m], creg["out"][0])
    return qc


def _boolean(name: str, value: object) -> bool:
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {value!r}")
    return bool(value)


def ubqc_circuit(
    angles: ArrayLike,
    *,
    cheat_angle: float = 0.0,
    cheat_fraction: float = 0.0,
    spy: bool = False,
    hide_output: bool = True,
    spy_basis: str = "x",
    flip_output: bool = False,
) -> QuantumCircuit:
    """The Aer circuit of one computation round of :func:`blind_rotations` (for drawing and inspection).

    Registers: ``server`` (the line of qubits), ``client_rng`` (the client's coin), ``theta`` (three bits
    per qubit, θ = π/4·(t₀ + 2t₁ + 4t₂)), ``r``, ``theta_out`` (the output qubit's hidden phase, when
    ``hide_output``), ``cheat`` and ``spy`` (a deviating server's choices), ``b`` (the server's
    reported outcomes) and ``out``.

    Examples
    --------
    >>> ubqc_circuit([math.pi / 4]).num_qubits
    3
    """
    alpha = tuple((-k) % 8 for k in _eighths(angles))
    cheat = _checked_cheat(cheat_angle, cheat_fraction)
    return _round_circuit(alpha, None, *cheat, *_flags(spy, hide_output), *_server(spy_basis, flip_output)).copy()


def _flags(spy: object, hide_output: object) -> tuple[bool, bool]:
    return _boolean("spy", spy), _boolean("hide_output", hide_output)


def _server(spy_basis: object, flip_output: object) -> tuple[str, bool]:
    return one_of("spy_basis", spy_basis, SPY_BASES), _boolean("flip_output", flip_output)


def _backend() -> AerSimulator:
    """Aer's matrix-product-state method: exact here (a line of qubits), and 5-20x faster than the
    statevector method from about six qubits on (the statevector doubles with every qubit)."""
    return sim.default_backend(method="matrix_product_state")


def _check_work(function: str, rounds: int, n_qubits: int, lower: str) -> None:
    """Refuse, before anything runs, a simulation beyond :data:`MAX_QUBIT_ROUNDS` (about 10 s)."""
    work = rounds * n_qubits
    if work > MAX_QUBIT_ROUNDS:
        raise ValueError(
            f"{function} would simulate {rounds:,} protocol rounds on {n_qubits} qubits ({work:,} qubit-rounds, "
            f"about {work / MAX_QUBIT_ROUNDS * 10:.0f} s on Aer); the limit is {MAX_QUBIT_ROUNDS:,} qubit-rounds "
            f"(about 10 s): {lower}"
        )


def _registers(samples: sim.Samples) -> dict[str, np.ndarray]:
    """Every classical register of one round, by name: a ``(shots, size)`` array of bits per register."""
    return {name: samples.bits(name).astype(np.int64) for name in samples.registers}


def _told(reg: dict[str, np.ndarray], alpha: tuple[int, ...], trap: int | None) -> np.ndarray:
    """The δ_i (units of π/4) told to the server in each shot, from the recorded bits: ``(shots, m)``."""
    r, theta = reg["r"], reg["theta"]
    m = r.shape[1]
    s = reg["b"] ^ r
    th = theta[:, 0::3] + 2 * theta[:, 1::3] + 4 * theta[:, 2::3]
    columns = []
    for i in range(m):
        if trap is None:  # δ = (−1)^{s_X} φ + s_Z π + θ + rπ
            x = s[:, i - 1] if i >= 1 else 0
            z = s[:, i - 2] if i >= 2 else 0
            columns.append(((1 - 2 * x) * alpha[i] + 4 * z + th[:, i] + 4 * r[:, i]) % 8)
        else:  # δ = θ + rπ, plus π per dummy neighbour in |1⟩ at the trap
            kicks = sum(reg["d"][:, nb] for nb in (i - 1, i + 1) if nb >= 0) if i == trap else 0
            columns.append((th[:, i] + 4 * r[:, i] + 4 * kicks) % 8)
    return np.stack(columns, axis=1)


def _deviations(reg: dict[str, np.ndarray]) -> int:
    """On how many qubits the server deviated over all shots (its cheat coins, unless its spying said no)."""
    if "cheat" not in reg:
        return 0
    spied = reg["spy"][:, 0] if "spy" in reg else 0
    return int((reg["cheat"].sum(axis=1) * (1 - spied)).sum())


@dataclass(frozen=True)
class BlindResult:
    """A blind run: what the client computed and what the server was shown."""

    angles: tuple[float, ...]
    shots: int
    deltas: np.ndarray  #: (shots, n) angles told to the server, radians, multiples of π/4
    output_counts: dict[str, int]  #: the client's decoded output bit
    ideal_probabilities: np.ndarray  #: [p(0), p(1)] of the intended computation
    server_output_counts: dict[str, int]  #: the raw Z outcome the server saw (one-time padded)
    cheat_angle: float = 0.0
    cheat_fraction: float = 0.0
    deviation_rate: float = 0.0  #: fraction of measured qubits on which the server deviated
    spy: bool = False  #: the server measured the output qubit in X and deviated only on ``+``
    hide_output: bool = True  #: the output qubit carried a secret phase θ ∈ {0, π}
    spy_basis: str = "x"  #: the basis of the spying measurement (``"z"``: deviate only on 0)
    flip_output: bool = False  #: the server flipped the output bit it reported


def _checked_cheat(cheat_angle: float, cheat_fraction: float) -> tuple[float, float]:
    return (
        float(in_range("cheat_angle", cheat_angle, 0.0, math.pi)),
        float(probability("cheat_fraction", cheat_fraction)),
    )


def blind_rotations(
    angles: ArrayLike,
    *,
    shots: int = 1024,
    seed: int | None = None,
    cheat_angle: float = 0.0,
    cheat_fraction: float = 0.0,
    spy: bool = False,
    hide_output: bool = True,
    spy_basis: str = "x",
    flip_output: bool = False,
) -> BlindResult:
    """Run ``H·Rz(angle)`` for each angle in turn on |+⟩, blindly, on a line of ``len(angles) + 1`` qubits.

    UBQC of Broadbent, Fitzsimons, Kashefi (FOCS 2009); see the module notes for the simulation.

    Parameters
    ----------
    angles : 1 to 10 angles in radians, each a multiple of π/4 (the UBQC set); others raise ValueError.
    shots : protocol runs (each with fresh secrets θ, r); at most ``MAX_QUBIT_ROUNDS`` / qubits.
    seed : simulator seed; the same seed gives the same result.
    cheat_angle : a deviating server measures a qubit at δ + cheat_angle instead of δ, rad in [0, π].
    cheat_fraction : probability that it deviates on each qubit, in [0, 1].
    spy : the server first measures the output qubit in X and deviates only when it finds ``+``.
    hide_output : the client hides the output qubit with a secret phase θ ∈ {0, π} (False: the flawed
        protocol that sends a known ``|+⟩`` there, kept to show why the phase is needed).
    spy_basis : ``"x"`` or ``"z"``, the basis of the spying measurement (with ``"z"`` the server
        deviates only when it finds 0).
    flip_output : the server reports the opposite of the output bit it measured.

    Examples
    --------
    >>> res = blind_rotations([math.pi / 4, math.pi / 2], shots=400, seed=11)
    >>> res.ideal_probabilities.round(4).tolist()
    [0.8536, 0.1464]
    >>> res.deltas.shape, abs(res.output_counts["0"] / 400 - 0.8536) < 0.1
    ((400, 2), True)
    """
    alpha = tuple((-k) % 8 for k in _eighths(angles))
    shots = positive_int("shots", shots)
    cheat_angle, cheat_fraction = _checked_cheat(cheat_angle, cheat_fraction)
    spy, hide_output = _flags(spy, hide_output)
    spy_basis, flip_output = _server(spy_basis, flip_output)
    m = len(alpha)
    _check_work("blind_rotations", shots, m + 1, f"lower shots to at most {MAX_QUBIT_ROUNDS // (m + 1):,}")
    qc = _round_circuit(alpha, None, cheat_angle, cheat_fraction, spy, hide_output, spy_basis, flip_output)
    reg = _registers(sim.sample(qc, shots, seed=seed, backend=_backend()))
    decoded = reg["out"][:, 0] ^ reg["b"][:, m - 1] ^ reg["r"][:, m - 1]
    output = {"0": int((decoded == 0).sum()), "1": int((decoded == 1).sum())}
    server_out = {"0": int((reg["out"][:, 0] == 0).sum()), "1": int((reg["out"][:, 0] == 1).sum())}
    return BlindResult(
        tuple(k * EIGHTH for k in _eighths(angles)),
        shots,
        _told(reg, alpha, None) * EIGHTH,
        output,
        ideal_probabilities(angles),
        server_out,
        cheat_angle,
        cheat_fraction,
        _deviations(reg) / (shots * m),
        spy,
        hide_output,
        spy_basis,
        flip_output,
    )


def received_state(n_qubits: int = 3, *, trap: int | None = None, hide_output: bool = True) -> DensityMatrix:
    """Exact state of the ``n_qubits`` qubits the server receives in one round, averaged over the client's secrets.

    Computed from the very preparation circuit the Aer runs use, by :func:`qinet.sim.final_state`
    (the client's coins averaged exactly, not sampled); qubit ``i`` of the result is the server's qubit
    ``i``, the last one the output; ``n_qubits`` from 2 to :data:`MAX_EXACT_QUBITS`. ``trap=None`` is a
    computation round, ``trap=t`` a trap round with the trap at position ``t`` (0 to ``n_qubits − 2``).
    For the server to be unable to tell the rounds apart this must be ``I/2`` on every qubit, in both
    (Fitzsimons & Kashefi, PRA 96, 012303, 2017).

    Examples
    --------
    >>> import numpy as np
    >>> bool(np.allclose(received_state(3).data, np.eye(8) / 8))
    True
    >>> bloch_vectors(received_state(3, hide_output=False)).round(6).tolist()[-1]  # a known |+⟩
    [1.0, 0.0, 0.0]
    """
    n = positive_int("n_qubits", n_qubits, minimum=2)
    if n > MAX_EXACT_QUBITS:
        raise ValueError(f"n_qubits must be 2 to {MAX_EXACT_QUBITS} for an exact density matrix, got {n}")
    if trap is not None:
        trap = positive_int("trap", trap, minimum=0)
        if trap > n - 2:
            raise ValueError(f"trap must be None or a measured position 0 to {n - 2}, got {trap}")
    _, hide_output = _flags(False, hide_output)
    prep = _client_preparation(n - 1, trap, False, False, hide_output)
    return sim.final_state(prep, list(range(n)))


def bloch_vectors(state: DensityMatrix) -> np.ndarray:
    """Bloch vector ``(⟨X⟩, ⟨Y⟩, ⟨Z⟩)`` of each qubit of ``state``: shape ``(n, 3)``; zero means ``I/2``.

    Examples
    --------
    >>> from qiskit.quantum_info import DensityMatrix
    >>> bloch_vectors(DensityMatrix.from_label("+0")).tolist()
    [[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]]
    """
    from qiskit.quantum_info import DensityMatrix, SparsePauliOp

    if not isinstance(state, DensityMatrix):
        raise TypeError(f"state must be a qiskit DensityMatrix, got {type(state).__name__}")
    n = state.num_qubits
    out = np.zeros((n, 3))
    for q in range(n):
        for k, pauli in enumerate("XYZ"):
            label = "I" * (n - 1 - q) + pauli + "I" * q
            out[q, k] = float(np.real(state.expectation_value(SparsePauliOp(label))))
    return out + 0.0


def delta_histogram(deltas: np.ndarray) -> np.ndarray:
    """Counts of each of the eight δ values, per measured qubit: shape ``(n, 8)``.

    Examples
    --------
    >>> delta_histogram(np.array([[0.0], [math.pi / 4]])).tolist()
    [[1, 1, 0, 0, 0, 0, 0, 0]]
    """
    arr = array("deltas", deltas, ndim=None, finite=True)
    if arr.ndim not in (1, 2) or arr.size == 0:
        raise ValueError(f"deltas must be a non-empty (shots, n) or (shots,) array of angles, got shape {arr.shape}")
    k = np.round(arr / EIGHTH).astype(int) % 8
    return np.stack([np.bincount(col, minlength=8) for col in np.atleast_2d(k).T])


def uniformity_test(deltas: np.ndarray) -> tuple[float, float]:
    """Pearson χ² test that every qubit's δ is uniform over the 8 angles: ``(χ², p-value)``, 7n dof.

    Examples
    --------
    >>> chi2, p = uniformity_test(np.arange(800).reshape(-1, 1) % 8 * EIGHTH)
    >>> chi2, p
    (0.0, 1.0)
    """
    hist = delta_histogram(deltas)
    expected = hist.sum(axis=1, keepdims=True) / 8
    chi2 = float(((hist - expected) ** 2 / expected).sum())
    return chi2, float(stats.chi2.sf(chi2, 7 * hist.shape[0]))


def detection_probability(cheat_angle: float, cheat_fraction: float = 1.0, trap_rounds: int = 1) -> float:
    """Chance that ``trap_rounds`` single-trap rounds catch a server deviating by ``cheat_angle``.

    A trap ``|+_θ⟩`` measured at ``δ = θ + rπ`` gives ``b = r`` for sure; measured at ``δ + ε`` it gives
    the wrong bit with probability ``sin²(ε/2)``. A server that deviates on each qubit with probability
    ``f`` (not knowing which one is the trap, nor whether the round is a trap round) is caught in one
    round with ``p = f sin²(ε/2)`` and in k rounds with ``1 − (1 − p)^k``. A one-trap simplification of
    the traps of Fitzsimons & Kashefi, "Unconditionally verifiable blind quantum computation", PRA 96,
    012303 (2017).

    Examples
    --------
    >>> round(detection_probability(math.pi / 2), 6)
    0.5
    >>> round(detection_probability(math.pi, 0.5, trap_rounds=3), 6)
    0.875
    """
    eps, f = _checked_cheat(cheat_angle, cheat_fraction)
    k = positive_int("trap_rounds", trap_rounds, maximum=MAX_TRAP_ROUNDS)
    return 1 - (1 - f * math.sin(eps / 2) ** 2) ** k


def spying_detection_probability(
    n_qubits: int, cheat_angle: float, cheat_fraction: float = 1.0, *, basis: str = "x", check_output: bool = True
) -> float:
    """Chance that one trap round catches a server that first measures the output qubit and cheats on ``+`` (0).

    In a trap round the output qubit is a dummy ``|d⟩``. Measured in X (``basis="x"``) it gives ``+`` with
    probability 1/2 whatever the protocol, and the server then deviates by ε on each of the
    ``m = n_qubits − 1`` measured qubits with probability ``f``; the trap (uniform over the m positions)
    turns a deviation into a wrong bit with ``sin²(ε/2)``. The X measurement leaves the dummy in
    ``|±⟩``, so its final Z result is a fair coin, independent of the deviations: the client's check of
    the output (``check_output``) fails with probability 1/2, and
    ``p = 1 − ½(1 − ½ f sin²(ε/2)) = ½ + ¼ f sin²(ε/2)`` (0.75 at ε = π, 0.50 at ε = 0). Without the
    output check only the trap can fail; next to the output the measurement has destroyed the dummy the
    client's correction relies on, so that trap fails with probability 1/2 whatever the server does
    next: ``p = (m − 1)/(2m) · f sin²(ε/2) + 1/(2m)`` (0.50 at ε = π, 0.33 at ε = π/2 for m = 3).
    Measured in Z (``basis="z"``) the dummy is undisturbed, and the Z measurement commutes with the CZs
    and with the final Z measurement, so it changes no outcome of any round: the server learns only the
    padded output bit it sees anyway, deviates in half the rounds of each kind, and ``p = ½ f sin²(ε/2)``.
    Derived here; checked on Aer in the tests.

    Examples
    --------
    >>> round(spying_detection_probability(4, math.pi), 6), round(spying_detection_probability(4, 0.0), 6)
    (0.75, 0.5)
    >>> round(spying_detection_probability(4, math.pi / 2, check_output=False), 6)
    0.333333
    >>> spying_detection_probability(4, math.pi, basis="z")
    0.5
    """
    n = positive_int("n_qubits", n_qubits, minimum=2, maximum=MAX_ANGLES + 1)
    eps, f = _checked_cheat(cheat_angle, cheat_fraction)
    basis = one_of("basis", basis, SPY_BASES)
    check_output = _boolean("check_output", check_output)
    m = n - 1
    caught_by_trap = f * math.sin(eps / 2) ** 2
    if basis == "z":
        return caught_by_trap / 2
    if check_output:
        return 0.5 + caught_by_trap / 4
    return (m - 1) / (2 * m) * caught_by_trap + 1 / (2 * m)


def trap_detection_probability(
    n_qubits: int,
    cheat_angle: float,
    cheat_fraction: float = 1.0,
    *,
    spy: bool = False,
    spy_basis: str = "x",
    flip_output: bool = False,
    check_output: bool = True,
) -> float:
    """Chance that one trap round of :func:`trap_rounds` catches the server described by the arguments.

    A server that flips the output bit it reports is caught in every trap round when the client checks
    the output dummy (``check_output``) and never otherwise (the traps do not involve the output bit);
    a spying server is caught with :func:`spying_detection_probability`; any other with
    :func:`detection_probability` (one round).

    Examples
    --------
    >>> trap_detection_probability(4, 0.0, flip_output=True), trap_detection_probability(4, 0.0, flip_output=True,
    ...     check_output=False)
    (1.0, 0.0)
    """
    spy, _ = _flags(spy, True)
    spy_basis, flip_output = _server(spy_basis, flip_output)
    check_output = _boolean("check_output", check_output)
    if flip_output and check_output:
        return 1.0
    if spy:
        return spying_detection_probability(
            n_qubits, cheat_angle, cheat_fraction, basis=spy_basis, check_output=check_output
        )
    positive_int("n_qubits", n_qubits, minimum=2, maximum=MAX_ANGLES + 1)
    return detection_probability(cheat_angle, cheat_fraction)


@dataclass(frozen=True)
class TrapResult:
    """Trap rounds, interleaved with as many computation rounds, on Aer: how often the trap caught the server."""

    n_qubits: int
    cheat_angle: float
    cheat_fraction: float
    shots: int  #: trap rounds (and as many computation rounds)
    detection_rate: float  #: fraction of trap rounds that failed a check (the trap's bit, or the output's)
    stderr: float
    predicted: float  #: :func:`trap_detection_probability` of this server
    deltas: np.ndarray  #: (shots, n_qubits − 1) angles told to the server in the trap rounds
    computation_deltas: np.ndarray  #: the same in the computation rounds
    deviation_rate: float  #: fraction of measured qubits the server deviated on, computation rounds
    trap_deviation_rate: float  #: the same in trap rounds (equal when it cannot tell them apart)
    spy: bool  #: the server measured the output qubit in X and deviated only on ``+``
    hide_output: bool  #: the output qubit of computation rounds carried a secret phase θ ∈ {0, π}
    check_output: bool = True  #: trap rounds also checked the output dummy's Z result
    spy_basis: str = "x"  #: the basis of the spying measurement
    flip_output: bool = False  #: the server flipped the output bit it reported


def trap_rounds(
    n_qubits: int = 3,
    *,
    cheat_angle: float = 0.0,
    cheat_fraction: float = 1.0,
    shots: int = 1024,
    seed: int | None = None,
    spy: bool = False,
    hide_output: bool = True,
    spy_basis: str = "x",
    flip_output: bool = False,
    check_output: bool = True,
) -> TrapResult:
    """Run trap rounds on a line of ``n_qubits`` qubits, the trap hidden uniformly among the measured ones.

    Each measured position in turn holds the trap ``|+_θ⟩`` (``shots`` is rounded up to split evenly over
    the positions) and every other qubit, the output included, is a dummy ``|0⟩`` or ``|1⟩``; the server
    is told uniform δ everywhere, exactly as in a computation round. A trap round fails (the server is
    caught) when the trap's bit is wrong or, with ``check_output`` (the default), when the output's Z
    result differs from its dummy. As many computation rounds (all angles 0) run in the same Aer call,
    to measure how often the server deviates there. ``spy``, ``hide_output``, ``spy_basis`` and
    ``flip_output`` as in :func:`blind_rotations`. Refused before it starts when
    ``2 · shots · n_qubits`` exceeds :data:`MAX_QUBIT_ROUNDS` (about 10 s).

    Examples
    --------
    >>> res = trap_rounds(3, cheat_angle=math.pi, shots=200, seed=2)
    >>> res.detection_rate, res.predicted, res.deviation_rate, res.trap_deviation_rate
    (1.0, 1.0, 1.0, 1.0)
    """
    n = positive_int("n_qubits", n_qubits, minimum=2)
    if n - 1 > MAX_ANGLES:
        raise ValueError(f"n_qubits must be 2 to {MAX_ANGLES + 1}, got {n}")
    shots = positive_int("shots", shots)
    eps, f = _checked_cheat(cheat_angle, cheat_fraction)
    spy, hide_output = _flags(spy, hide_output)
    spy_basis, flip_output = _server(spy_basis, flip_output)
    check_output = _boolean("check_output", check_output)
    m = n - 1
    per_position = -(-shots // m)
    shots = per_position * m
    _check_work("trap_rounds", 2 * shots, n, f"lower shots to at most {MAX_QUBIT_ROUNDS // (2 * n):,}")
    alpha = (0,) * m
    server = (spy, hide_output, spy_basis, flip_output)
    traps = [_round_circuit(alpha, t, eps, f, *server) for t in range(m)]
    computation = _round_circuit(alpha, None, eps, f, *server)
    samples = sim.sample([*traps] + [computation] * m, per_position, seed=seed, backend=_backend())  # one Aer call
    caught, trap_deviated, deltas = 0, 0, []
    for t, trap_samples in enumerate(samples[:m]):
        reg = _registers(trap_samples)
        wrong_output = reg["out"][:, 0] != reg["d"][:, m] if check_output else False
        caught += int(((reg["b"][:, t] != reg["r"][:, t]) | wrong_output).sum())
        trap_deviated += _deviations(reg)
        deltas.append(_told(reg, alpha, t))
    computation_regs = [_registers(part) for part in samples[m:]]
    deviated = sum(_deviations(reg) for reg in computation_regs)
    computation_deltas = np.concatenate([_told(reg, alpha, None) for reg in computation_regs])
    rate = caught / shots
    return TrapResult(
        n,
        eps,
        f,
        shots,
        rate,
        binomial_stderr(rate, shots),
        trap_detection_probability(
            n, eps, f, spy=spy, spy_basis=spy_basis, flip_output=flip_output, check_output=check_output
        ),
        np.concatenate(deltas) * EIGHTH,
        computation_deltas * EIGHTH,
        deviated / (shots * m),
        trap_deviated / (shots * m),
        spy,
        hide_output,
        check_output,
        spy_basis,
        flip_output,
    )
