"""qinet.teleport: teleportation fidelity on Aer against (2F+1)/3, named steps, superdense coding, a fake device."""

from __future__ import annotations

import math

import numpy as np
import pytest
from qiskit import QuantumCircuit
from qiskit.quantum_info import DensityMatrix, Statevector, state_fidelity

from qinet import circuits, sim, teleport

STATES = [(0.0, 0.0), (math.pi, 0.0), (math.pi / 2, 0.0), (math.pi / 2, math.pi / 2), (1.2, 4.0)]


def _sigma(p: float, shots: int) -> float:
    return math.sqrt(p * (1 - p) / shots)


@pytest.mark.parametrize("dynamic", [True, False])
@pytest.mark.parametrize("theta, phi", STATES)
def test_a_perfect_pair_teleports_every_state_exactly(theta, phi, dynamic):
    r = teleport.teleport(theta, phi, shots=300, seed=2, dynamic=dynamic)
    assert r.fidelity == 1.0 and r.predicted == pytest.approx(1.0)


@pytest.mark.parametrize("dynamic", [True, False])
def test_werner_resource_gives_two_f_plus_one_over_three(dynamic):
    # Horodecki 1999: F = 0.7 -> 0.8, the same for every input state
    for (theta, phi), seed in zip(STATES, range(21, 26), strict=True):
        r = teleport.teleport(theta, phi, resource_fidelity=0.7, shots=3000, seed=seed, dynamic=dynamic)
        assert r.predicted == pytest.approx(0.8, rel=1e-12)
        assert abs(r.fidelity - 0.8) < 4 * _sigma(0.8, r.shots), (theta, phi, r.fidelity)


def test_fidelity_sweep_crosses_the_classical_limit_at_f_one_half():
    values = [0.25, 0.5, 0.75, 1.0]
    results = teleport.fidelity_sweep(values, shots=3000, seed=4)
    np.testing.assert_allclose([r.predicted for r in results], [0.5, 2 / 3, 5 / 6, 1.0], rtol=1e-12)
    for r in results:
        assert abs(r.fidelity - r.predicted) <= 4 * _sigma(r.predicted, r.shots) + 1e-12
    assert results[1].predicted == pytest.approx(teleport.CLASSICAL_LIMIT)


def test_the_named_steps_deliver_the_state_to_bob():
    theta, phi = 1.1, 2.3
    qc = circuits.teleportation(theta, phi)
    bob = sim.final_state(qc, [2])
    assert state_fidelity(bob, DensityMatrix(Statevector(_u(theta, phi)))) == pytest.approx(1.0, abs=1e-9)
    ops = qc.count_ops()
    assert ops["measure"] == 2 and ops["if_else"] == 2


def _u(theta, phi):
    qc = QuantumCircuit(1)
    qc.u(theta, phi, 0.0, 0)
    return qc


def test_measure_and_prepare_reaches_the_classical_limit_on_aer():
    r = teleport.measure_and_prepare(shots=4000, seed=3)
    assert r.fidelities[:2] == (1.0, 1.0)  # Z eigenstates arrive intact
    for f in r.fidelities[2:]:  # X and Y eigenstates: a coin flip
        assert abs(f - 0.5) < 4 * math.sqrt(0.25 / 4000)
    assert abs(r.fidelity - teleport.CLASSICAL_LIMIT) < 4 * r.stderr and r.stderr > 0


def test_pauli_states_average_a_fidelity_like_all_states():
    # measure-and-prepare fidelity of |psi>: cos^4(theta/2) + sin^4(theta/2); its average over the sphere is 2/3
    f = [math.cos(t / 2) ** 4 + math.sin(t / 2) ** 4 for t, _ in teleport.PAULI_STATES]
    assert np.mean(f) == pytest.approx(2 / 3)
    theta = np.linspace(0, math.pi, 20001)
    sphere = np.trapezoid((np.cos(theta / 2) ** 4 + np.sin(theta / 2) ** 4) * np.sin(theta), theta) / 2
    assert sphere == pytest.approx(2 / 3, rel=1e-6)


def test_a_perfect_run_still_has_an_error_bar():
    r = teleport.teleport(1.0, 0.5, shots=500, seed=1)
    assert r.fidelity == 1.0 and 0 < r.stderr < 1 / 500


def test_same_seed_same_result():
    a = teleport.teleport(0.9, 0.1, resource_fidelity=0.6, shots=400, seed=9)
    assert a == teleport.teleport(0.9, 0.1, resource_fidelity=0.6, shots=400, seed=9)


def test_superdense_coding_decodes_every_message():
    results = teleport.superdense(128, seed=3)
    assert results == {m: {m: 128} for m in ("00", "01", "10", "11")}


def test_superdense_with_a_werner_pair_keeps_a_fraction_f_of_messages():
    results = teleport.superdense(2000, pair_fidelity=0.7, seed=5)
    for sent, counts in results.items():
        assert abs(counts.get(sent, 0) / 2000 - 0.7) < 4 * _sigma(0.7, 2000)


def test_fake_device_teleports_above_the_classical_limit_but_not_perfectly():
    r = teleport.teleport(1.2, 0.4, shots=2000, seed=5, backend=sim.fake_backend("FakeManilaV2"))
    assert teleport.CLASSICAL_LIMIT < r.fidelity < 0.99


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: teleport.teleport(0.1, 0.1, resource_fidelity=0.2), "resource_fidelity"),
        (lambda: teleport.teleport(4.0, 0.1), "theta"),
        (lambda: teleport.teleport(None, 0.1), "theta"),
        (lambda: teleport.fidelity_sweep([0.5], 1.0, "pi"), "phi"),
        (lambda: teleport.teleport(1.0, -1.0), "phi"),
        (lambda: teleport.teleport(1.0, 1.0, shots=0), "shots"),
        (lambda: teleport.teleport(1.0, 1.0, resource_fidelity=0.9, backend=object()), "resource_fidelity"),
        (lambda: teleport.fidelity_sweep([0.5, 1.5]), "resource_fidelities"),
        (lambda: teleport.superdense(10, pair_fidelity=0.1), "pair_fidelity"),
        (lambda: teleport.measure_and_prepare(shots=0), "shots"),
        (lambda: teleport.measure_and_prepare_circuit(1.0, 7.0), "phi"),
    ],
)
def test_bad_input_names_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()


def test_editing_a_handed_out_circuit_changes_nothing_that_runs_later():
    """teleport() runs a cached circuit; teleport_circuit() hands out a fresh one, so a learner's edit stays theirs."""
    handed_out = teleport.teleport_circuit(1.0, 0.5)
    handed_out.x(2)  # would flip every check bit if it reached the cache
    assert teleport.teleport(1.0, 0.5, shots=200, seed=1).fidelity == 1.0
    assert teleport.teleport_circuit(1.0, 0.5) is not teleport.teleport_circuit(1.0, 0.5)
