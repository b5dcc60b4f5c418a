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

from qinet import repeaters
from qinet._validate import in_range, positive_int


def _phi_plus_fidelity(rho) -> float:
    from qiskit.quantum_info import Statevector, state_fidelity

    from qinet import circuits

    return float(state_fidelity(rho, Statevector(circuits.bell_pair("phi+"))))


def aer_stored_fidelity(fidelity: float, time_s: float, *, t1_s: float, t2_s: float, qubits: int = 1) -> float:
    """Fidelity with Φ+ of a Werner pair after ``qubits`` (1 or 2) of its qubits wait ``time_s``, run on Aer.

    The pair is :func:`qinet.circuits.entanglement_swap` with one link of ``fidelity``; each waiting qubit
    gets ``qiskit_aer.noise.thermal_relaxation_error(T1, T2, t)`` (T₂ ≤ 2T₁); the density matrix is exact.

    Examples
    --------
    >>> round(aer_stored_fidelity(1.0, 1.0, t1_s=float('inf'), t2_s=10.0), 6)
    0.952419
    """
    from qiskit_aer.noise import thermal_relaxation_error

    from qinet import circuits, sim

    in_range("time_s", time_s, 0.0)
    k = positive_int("qubits", qubits)
    if k > 2:
        raise ValueError(f"qubits must be 1 or 2, got {qubits!r}")
    qc = circuits.entanglement_swap(1, link_fidelity=float(fidelity))
    error = thermal_relaxation_error(float(t1_s), float(t2_s), float(time_s))
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

    n = positive_int("n_links", n_links)
    if n > 4:
        raise ValueError(f"n_links must be at most 4 for an exact density matrix here, got {n}")
    qc = circuits.entanglement_swap(n, link_fidelity=float(link_fidelity))
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
    return float(repeaters.expected_rounds(p, 2)) * period_s + message_s


def chain_cycle_rounds(p: float, n_links: int) -> float:
    """Attempt rounds per pair of ``n_links`` links that keep their pairs: ``E[max of n geometric]``.

    Examples
    --------
    >>> round(chain_cycle_rounds(0.1, 4), 4)
    20.2734
    """
    return float(repeaters.expected_rounds(p, n_links))
