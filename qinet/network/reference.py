"""Independent references for the network simulation: Aer circuits and the analytic waiting times.

The simulation (:mod:`qinet.network.simulate`) carries pairs as Bell-diagonal numbers; these functions
compute the same quantities another way, so that tests and notebook 13's Checks can compare them:

* `aer_stored_fidelity`: a Werner pair whose qubits wait in memories, as a Qiskit circuit with Aer's
  ``thermal_relaxation_error`` (amplitude damping and dephasing, no twirl), exact density matrix;
* `aer_chain_fidelity`: the swap chain :func:`qinet.circuits.entanglement_swap` with Werner links,
  exact density matrix (:func:`qinet.sim.final_state`);
* `two_link_cycle_s` and `chain_cycle_rounds`: the mean time per delivered pair from
  :mod:`qinet.repeaters` (``(3 − 2p)/(p(2 − p))`` and ``E[max]`` of n geometric waits).

Examples
--------
>>> round(aer_chain_fidelity(2, 0.95), 5)
0.90333
"""

from __future__ import annotations

import numpy as np

from qinet import repeaters
from qinet._validate import array, in_range, instance, number, positive_int, probability


def _relaxation(t1_s: float, t2_s: float) -> tuple[float, float]:
    """T₁ and T₂ for Aer's ``thermal_relaxation_error``: both > 0 (``inf`` allowed), T₂ ≤ 2T₁."""
    t1 = float(in_range("t1_s", t1_s, 0.0, low_open=True))
    t2 = float(in_range("t2_s", t2_s, 0.0, low_open=True))
    if t2 > 2 * t1:
        raise ValueError(f"t2_s must be at most 2 t1_s = {2 * t1!r} s (a qubit cannot dephase slower), got {t2!r}")
    return t1, t2


def _link_fidelity(name: str, value: float) -> float:
    return float(number(name, value, 0.25, 1.0))


def _phi_plus_fidelity(rho) -> float:
    from qiskit.quantum_info import Statevector, state_fidelity

    from qinet import circuits

    return float(state_fidelity(rho, Statevector(circuits.bell_pair("phi+"))))


def aer_stored_fidelity(fidelity: float, time_s: float, *, t1_s: float, t2_s: float, qubits: int = 1) -> float:
    """Fidelity with Φ+ of a Werner pair after ``qubits`` (1 or 2) of its qubits wait ``time_s``, run on Aer.

    The pair is :func:`qinet.circuits.entanglement_swap` with one link of ``fidelity``; each waiting qubit
    gets ``qiskit_aer.noise.thermal_relaxation_error(T1, T2, t)``; the density matrix is exact. ``fidelity``
    is in [0.25, 1]; ``t1_s`` and ``t2_s`` are > 0 with T₂ ≤ 2T₁, and ``inf`` means no relaxation.

    Examples
    --------
    >>> round(aer_stored_fidelity(1.0, 1.0, t1_s=float('inf'), t2_s=10.0), 6)
    0.952419
    """
    from qiskit_aer.noise import thermal_relaxation_error

    from qinet import circuits, sim

    fidelity = _link_fidelity("fidelity", fidelity)
    time_s = float(number("time_s", time_s, 0.0))
    t1, t2 = _relaxation(t1_s, t2_s)
    k = positive_int("qubits", qubits, 1, 2)
    qc = circuits.entanglement_swap(1, link_fidelity=fidelity)
    error = thermal_relaxation_error(t1, t2, time_s)
    for qubit in range(2 - k, 2):
        qc.append(error, [qubit])
    return _phi_plus_fidelity(sim.final_state(qc))


def aer_chain_fidelity(n_links: int, link_fidelity: float) -> float:
    """Fidelity with Φ+ of the end pair of an ``n_links`` swap chain of Werner links, exact on Aer.

    Examples
    --------
    >>> round(aer_chain_fidelity(1, 0.9), 6)
    0.9
    """
    from qinet import circuits, sim

    n = positive_int("n_links", n_links, 1, 4)  # at most 4: an exact density matrix of 2 n qubits
    qc = circuits.entanglement_swap(n, link_fidelity=_link_fidelity("link_fidelity", link_fidelity))
    return _phi_plus_fidelity(sim.final_state(qc, [0, 2 * n - 1]))


def two_link_cycle_s(p: float, period_s: float, message_s: float) -> float:
    """Mean time per pair of two links whose end memories wait for the swap outcome: ``(E[max] + m) T``.

    Both links attempt once per ``T`` and restart together when the end nodes have the outcome,
    ``message_s`` after the swap: ``E = (3 − 2p)/(p(2 − p)) T + message_s``
    (:func:`qinet.repeaters.expected_rounds`; Shchukin, Schmidt, van Loock, PRA 100, 032322 (2019)).

    Examples
    --------
    >>> round(two_link_cycle_s(0.5, 1.0, 1.0), 4)
    3.6667
    """
    period = float(number("period_s", period_s, 0.0, low_open=True))
    message = float(number("message_s", message_s, 0.0))
    return float(repeaters.expected_rounds(probability("p", p), 2)) * period + message


def chain_cycle_rounds(p: float, n_links: int) -> float:
    """Attempt rounds per pair of ``n_links`` links that keep their pairs: ``E[max of n geometric]``.

    Examples
    --------
    >>> round(chain_cycle_rounds(0.1, 4), 4)
    20.2734
    """
    return float(repeaters.expected_rounds(p, n_links))


def aer_chain_fidelity_stored(link_fidelity: float, storage_s, *, t1_s: float, t2_s: float) -> float:
    """Fidelity with Φ+ of a swap chain whose qubits first wait in memories, exact on Aer.

    ``storage_s`` gives, for each of the ``2 n`` qubits of :func:`qinet.circuits.entanglement_swap`
    (``n`` links of Werner fidelity ``link_fidelity``), how long it waits before it is measured (inner
    qubits) or handed over (the two end qubits). Each waits under Aer's ``thermal_relaxation_error``
    (amplitude damping and dephasing, not twirled), inserted after the pairs are made and before the
    Bell measurements: nothing else acts on a qubit while it waits, so its whole storage belongs there.
    ``t1_s`` and ``t2_s`` are > 0 with T₂ ≤ 2T₁, and ``inf`` means no relaxation.

    Examples
    --------
    >>> round(aer_chain_fidelity_stored(1.0, [0.0, 0.1, 0.0, 0.0], t1_s=float("inf"), t2_s=1.0), 6)
    0.952419
    """
    from qiskit.circuit import QuantumCircuit
    from qiskit_aer.noise import thermal_relaxation_error

    from qinet import circuits, sim

    fidelity = _link_fidelity("link_fidelity", link_fidelity)
    times = [float(t) for t in array("storage_s", storage_s, low=0.0, finite=True)]
    n = len(times) // 2
    if n < 1 or len(times) != 2 * n or n > 4:
        raise ValueError(f"storage_s must give 2, 4, 6 or 8 times (two per link, up to 4 links), got {len(times)}")
    t1, t2 = _relaxation(t1_s, t2_s)
    chain = circuits.entanglement_swap(n, link_fidelity=fidelity)
    stored = QuantumCircuit(*chain.qregs, *chain.cregs, name=chain.name)
    waits = [(thermal_relaxation_error(t1, t2, t), [qubit]) for qubit, t in enumerate(times)]
    for instruction in chain.data:
        if instruction.operation.name == "barrier":  # the pairs are made: now they wait
            for error, qubits in waits:
                stored.append(error, qubits)
            waits = []
        stored.append(instruction)
    for error, qubits in waits:  # one link: no barrier, the pair waits at the end
        stored.append(error, qubits)
    return _phi_plus_fidelity(sim.final_state(stored, [0, 2 * n - 1]))


def first_delivery_storage_s(result) -> list[float]:
    """How long each qubit of the first delivered pair of a run waited, in the qubit order of
    :func:`qinet.circuits.entanglement_swap` (link ``k`` holds qubits ``2k`` and ``2k + 1``).

    Read from the run's ``memory`` events: every qubit released up to the first delivery. Valid when each
    link made exactly one pair before it (always for one or two links without cut-offs or failed swaps);
    otherwise ValueError.

    Examples
    --------
    >>> from qinet.network import chain_network, simulate
    >>> run = simulate(chain_network(1, 10.0), "A", "B", pairs=1, seed=1)
    >>> [round(t * 1e6, 2) for t in first_delivery_storage_s(run)]
    [48.97, 48.97]
    """
    from qinet.network.simulate import SimulationResult

    instance("result", result, SimulationResult, "a SimulationResult from qinet.network.simulate")
    if result.delivered == 0:
        raise ValueError("the run delivered no pair, so no qubit storage can be read from it")
    first = result.delivery_times_s[0]
    index = {name: i for i, name in enumerate(result.path)}
    held = [e for e in result.events if e.kind == "memory" and e.end_s <= first]
    n = len(result.path) - 1
    if len(held) != 2 * n:
        raise ValueError(
            f"{len(held)} qubits were released before the first delivery, not {2 * n}: "
            "some link made more than one pair (use one or two links, no cut-off, a = 1)"
        )
    times = [0.0] * (2 * n)
    for event in held:
        node = index[event.node]
        times[2 * node - 1 if event.count == 0 else 2 * node] = event.end_s - event.time_s
    return times


def two_link_mean_fidelity(p: float, period_s: float, t2_s: float, *, link_fidelity: float = 1.0) -> float:
    """Mean fidelity of the pairs two links deliver when memories dephase (T₁ = ∞), in closed form.

    Both links attempt once per ``T`` (= the herald delay = the message delay over one link, a midpoint
    station); the earlier link's two qubits idle ``|X − Y|`` rounds, and beyond that the four qubits wait
    ``6T`` in total (each herald, and the outcome's trip to both ends). With Werner links (parameter ``w``):
    ``F = [1 + w² + 2w² e^{−6T/T₂} E(z^{|X−Y|})]/4``, ``z = e^{−2T/T₂}``, where ``E(z^{|X−Y|})`` comes from
    :func:`qinet.repeaters.two_link_memory` (exact average over the geometric waits).

    Examples
    --------
    >>> round(two_link_mean_fidelity(0.5, 1e-4, 1e9), 6)
    1.0
    """
    p = float(probability("p", p))
    period_s = float(number("period_s", period_s, 0.0, low_open=True))
    t2_s = float(number("t2_s", t2_s, 0.0, low_open=True))
    budget = repeaters.two_link_memory(1.0, t2_s, p=p, attempt_period_s=period_s)
    idle = (4.0 * float(budget.mean_fidelity) - 2.0) / 2.0  # E[z^|X-Y|], read with perfect links
    w2 = ((4.0 * float(in_range("link_fidelity", link_fidelity, 0.25, 1.0)) - 1.0) / 3.0) ** 2
    return float((1.0 + w2 + 2.0 * w2 * np.exp(-6.0 * period_s / t2_s) * idle) / 4.0)
