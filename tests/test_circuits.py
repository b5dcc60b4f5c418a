"""Circuit builders: the states they make (exact, via Statevector and sim.final_state) and their inputs."""

import math

import numpy as np
import pytest
from qiskit import QuantumCircuit
from qiskit.circuit.library import HGate, SwapGate
from qiskit.quantum_info import DensityMatrix, Statevector, partial_trace, state_fidelity

from qinet import circuits, sim

SQ = 1 / math.sqrt(2)
BELL = {
    "phi+": [SQ, 0, 0, SQ],
    "phi-": [SQ, 0, 0, -SQ],
    "psi+": [0, SQ, SQ, 0],
    "psi-": [0, SQ, -SQ, 0],
}
PAULI_STATES = [[1, 0], [0, 1], [SQ, SQ], [SQ, -SQ], [SQ, 1j * SQ], [SQ, -1j * SQ]]


@pytest.mark.parametrize("kind", list(BELL))
def test_bell_pair_states(kind):
    qc = circuits.bell_pair(kind)
    assert [r.name for r in qc.qregs] == ["alice", "bob"]
    assert state_fidelity(Statevector(qc), Statevector(BELL[kind])) == pytest.approx(1.0, abs=1e-12)


def test_bell_pair_rejects_unknown_kind_listing_allowed():
    with pytest.raises(ValueError, match="phi\\+.*phi-.*psi\\+.*psi-.*'omega'"):
        circuits.bell_pair("omega")


@pytest.mark.parametrize("n", [1, 2, 3, 5])
def test_ghz(n):
    expected = np.zeros(2**n)
    expected[0] = expected[-1] = SQ
    assert state_fidelity(Statevector(circuits.ghz(n)), Statevector(expected)) == pytest.approx(1.0)


@pytest.mark.parametrize("bad", [0, -1, 2.5, "3"])
def test_ghz_rejects_bad_n(bad):
    with pytest.raises(ValueError, match="n must be a whole number"):
        circuits.ghz(bad)


@pytest.mark.parametrize("dynamic", [True, False])
def test_teleportation_random_states_exact(dynamic):
    rng = np.random.default_rng(11)
    for theta, phi in rng.uniform(0, [math.pi, 2 * math.pi], size=(5, 2)):
        qc = circuits.teleportation(theta, phi, dynamic=dynamic)
        assert qc.num_qubits == 3 and [r.name for r in qc.qregs] == ["alice", "bob"]
        rho = sim.final_state(qc, [2])
        target = Statevector([math.cos(theta / 2), np.exp(1j * phi) * math.sin(theta / 2)])
        assert state_fidelity(rho, target) == pytest.approx(1.0, abs=1e-9)


def test_teleportation_forms_differ_only_in_feed_forward():
    dynamic = circuits.teleportation(0.3, 0.2, dynamic=True).count_ops()
    deferred = circuits.teleportation(0.3, 0.2, dynamic=False).count_ops()
    assert "if_else" in dynamic and "if_else" not in deferred
    assert deferred["cz"] == 1 and deferred["cx"] == 3


@pytest.mark.parametrize("outcome", range(4))
def test_teleportation_each_bsm_outcome_is_corrected(outcome):
    """Post-select each Bell-measurement outcome on Aer: Bob's qubit is the input state every time."""
    theta, phi = 1.1, 0.7
    qc = circuits.teleportation(theta, phi)
    qc.save_statevector()
    backend = sim.default_backend(method="statevector")
    target = Statevector([math.cos(theta / 2), np.exp(1j * phi) * math.sin(theta / 2)])
    seen = set()
    for seed in sim.seeds(5, 40):
        result = backend.run(qc, shots=1, seed_simulator=int(seed), memory=True).result()
        bits = int(result.get_memory()[0], 2)
        if bits != outcome:
            continue
        seen.add(bits)
        bob = partial_trace(Statevector(result.data(0)["statevector"]), [0, 1])
        assert state_fidelity(bob, target) == pytest.approx(1.0, abs=1e-9)
    assert seen == {outcome}


def test_teleport_state_accepts_statevector_amplitudes_and_circuit():
    prep = QuantumCircuit(1)
    prep.h(0)
    prep.t(0)
    target = Statevector(prep)
    for state in (target, target.data, list(target.data), prep):
        rho = sim.final_state(circuits.teleport_state(state), [2])
        assert state_fidelity(rho, target) == pytest.approx(1.0, abs=1e-9)
    target = Statevector([SQ, SQ])
    for state in (HGate(), Statevector.from_label("+")):
        rho = sim.final_state(circuits.teleport_state(state), [2])
        assert state_fidelity(rho, target) == pytest.approx(1.0, abs=1e-9)


@pytest.mark.parametrize(
    ("state", "message"),
    [
        ([1, 1], "normalised"),
        ([1, 0, 0], "2 amplitudes"),
        ("plus", "Statevector or 2 amplitudes"),
        (QuantumCircuit(2), "exactly 1 qubit"),
        (QuantumCircuit(1, 1), "exactly 1 qubit and measure nothing"),
        (DensityMatrix([1, 0]), "got a density matrix"),
        (SwapGate(), "got a gate"),
    ],
)
def test_teleport_state_rejects_bad_states_clearly(state, message):
    with pytest.raises(ValueError, match=message):
        circuits.teleport_state(state)


def test_state_angles_reproduce_state_up_to_phase():
    state = Statevector([0.6, 0.8j])
    theta, phi = circuits.state_angles(state)
    qc = QuantumCircuit(1)
    qc.u(theta, phi, 0, 0)
    assert state_fidelity(Statevector(qc), state) == pytest.approx(1.0)


def test_noisy_teleportation_average_matches_horodecki():
    """(2F + 1)/3 over the six Pauli eigenstates (a 2-design; Horodecki, PRA 60, 1888 (1999)): F = 0.9 -> 0.933333."""
    fids = [
        state_fidelity(sim.final_state(circuits.teleport_state(s, resource_fidelity=0.9), [2]), Statevector(s))
        for s in PAULI_STATES
    ]
    assert np.mean(fids) == pytest.approx(0.933333, rel=1e-5)


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5])
def test_entanglement_swap_ends_in_phi_plus_exactly(n):
    qc = circuits.entanglement_swap(n)
    assert qc.num_qubits == 2 * n
    rho = sim.final_state(qc, [0, 2 * n - 1])
    assert state_fidelity(rho, Statevector(BELL["phi+"])) == pytest.approx(1.0, abs=1e-9)
    assert float(np.real(rho.trace())) == pytest.approx(1.0)


@pytest.mark.parametrize("outcome", ["0 0", "0 1", "1 0", "1 1"])
def test_entanglement_swap_each_bsm_outcome_is_corrected(outcome):
    """Each of the four Bell-measurement outcomes at the middle node leaves the end qubits in Φ+."""
    qc = circuits.entanglement_swap(2)
    qc.save_statevector()
    backend = sim.default_backend(method="statevector")
    seen = 0
    for seed in sim.seeds(8, 40):
        result = backend.run(qc, shots=1, seed_simulator=int(seed), memory=True).result()
        if result.get_memory()[0] != outcome:
            continue
        seen += 1
        ends = partial_trace(Statevector(result.data(0)["statevector"]), [1, 2])
        assert state_fidelity(ends, Statevector(BELL["phi+"])) == pytest.approx(1.0, abs=1e-9)
    assert seen > 0


def test_entanglement_swap_registers_and_two_corrections():
    qc = circuits.entanglement_swap(4)
    assert [r.name for r in qc.qregs] == ["alice", "repeater", "bob"]
    assert [r.size for r in qc.cregs] == [3, 3]
    assert qc.count_ops()["if_else"] == 2


@pytest.mark.parametrize("n", [2, 3])
def test_noisy_swap_matches_werner_chain(n):
    """F_n = 1/4 + 3/4 w^n (Briegel et al., PRL 81, 5932 (1998)): F = 0.95 gives 0.90333 (n = 2), 0.85978 (n = 3)."""
    rho = sim.final_state(circuits.entanglement_swap(n, link_fidelity=0.95), [0, 2 * n - 1])
    expected = {2: 0.90333, 3: 0.85978}[n]
    assert state_fidelity(rho, Statevector(BELL["phi+"])) == pytest.approx(expected, rel=1e-4)


def test_sixteen_link_chain_runs_on_stabilizer():
    counts = sim.run(
        circuits.entanglement_swap(16, link_fidelity=0.99),
        shots=50,
        seed=3,
        backend=sim.default_backend(method="stabilizer"),
    )
    assert sum(counts.values()) == 50


@pytest.mark.parametrize(("a", "b"), [(0, 0), (0, 1), (1, 0), (1, 1)])
def test_nonlocal_cnot_truth_table(a, b):
    prep = QuantumCircuit(4)
    if a:
        prep.x(0)
    if b:
        prep.x(3)
    qc = circuits.nonlocal_cnot().compose(prep, front=True)
    rho = sim.final_state(qc, [0, 3])
    expected = Statevector.from_label(f"{b ^ a}{a}")  # qubit 3 on the left
    assert state_fidelity(rho, expected) == pytest.approx(1.0, abs=1e-9)


def test_nonlocal_cnot_acts_as_cnot_on_superpositions():
    """|+⟩|0⟩ -> Φ+ (entangles distant qubits); a random product input matches CNOT exactly."""
    prep = QuantumCircuit(4)
    prep.h(0)
    rho = sim.final_state(circuits.nonlocal_cnot().compose(prep, front=True), [0, 3])
    assert state_fidelity(rho, Statevector(BELL["phi+"])) == pytest.approx(1.0, abs=1e-9)
    prep = QuantumCircuit(4)
    prep.u(0.7, 0.3, 0.1, 0)
    prep.u(1.9, -0.4, 0.5, 3)
    rho = sim.final_state(circuits.nonlocal_cnot().compose(prep, front=True), [0, 3])
    ref = QuantumCircuit(2)
    ref.u(0.7, 0.3, 0.1, 0)
    ref.u(1.9, -0.4, 0.5, 1)
    ref.cx(0, 1)
    assert state_fidelity(rho, Statevector(ref)) == pytest.approx(1.0, abs=1e-9)


def test_nonlocal_cnot_uses_one_ebit_two_cbits():
    qc = circuits.nonlocal_cnot()
    assert qc.num_clbits == 2 and qc.count_ops()["measure"] == 2
    assert [r.name for r in qc.qregs] == ["alice", "link_a", "link_b", "bob"]


@pytest.mark.parametrize("bits", ["00", "01", "10", "11"])
def test_superdense_coding_decodes_message(bits):
    assert sim.run(circuits.superdense_coding(bits), shots=64, seed=2) == {bits: 64}


def test_superdense_coding_rejects_bad_bits():
    with pytest.raises(ValueError, match="bits must be one of"):
        circuits.superdense_coding("2")


@pytest.mark.parametrize(("a", "b"), [(0.0, 0.0), (0.3, 1.2), (math.pi / 2, -math.pi / 4), (2.0, 0.5)])
def test_correlation_circuit_gives_cos_a_minus_b(a, b):
    qc = circuits.correlation_circuit(a, b)
    qc.remove_final_measurements()
    probs = Statevector(qc).probabilities()
    correlation = probs[0] + probs[3] - probs[1] - probs[2]
    assert correlation == pytest.approx(math.cos(a - b), abs=1e-12)


def test_correlation_visibility_and_chsh_value_exact():
    """S = 2√2 V (Clauser et al., PRL 23, 880 (1969)): V = 0.9 -> 2.545584."""
    settings = circuits.bell_measurement_circuits((0, math.pi / 2), (math.pi / 4, -math.pi / 4), visibility=0.9)
    corr = []
    for qc in settings:
        qc.remove_final_measurements()
        p = np.real(np.diag(DensityMatrix(qc).data))
        corr.append(p[0] + p[3] - p[1] - p[2])
    s = corr[0] + corr[1] + corr[2] - corr[3]
    assert s == pytest.approx(2.545584, rel=1e-5)
    assert settings[1].metadata == {"alice_angle": 0.0, "bob_angle": -math.pi / 4, "visibility": 0.9, "kind": "phi+"}


def test_chsh_sampled_within_five_sigma():
    settings = circuits.bell_measurement_circuits((0, math.pi / 2), (math.pi / 4, -math.pi / 4))
    shots = 4000
    corr = []
    for counts in sim.run(settings, shots=shots, seed=21):
        same = counts.get("00", 0) + counts.get("11", 0)
        corr.append((2 * same - shots) / shots)
    s = corr[0] + corr[1] + corr[2] - corr[3]
    sigma = math.sqrt(4 * (1 - 0.5) / shots)  # each E has variance (1 - E²)/shots = 0.5/shots
    assert abs(s - 2 * math.sqrt(2)) < 5 * sigma


def test_bell_measurement_circuits_order_and_empty():
    qcs = circuits.bell_measurement_circuits((0.0, 1.0), (2.0, 3.0, 4.0))
    assert [(q.metadata["alice_angle"], q.metadata["bob_angle"]) for q in qcs][:4] == [
        (0.0, 2.0),
        (0.0, 3.0),
        (0.0, 4.0),
        (1.0, 2.0),
    ]
    with pytest.raises(ValueError, match="at least 1 angle"):
        circuits.bell_measurement_circuits((), (0.0,))


def test_bell_diagonal_pair_weights():
    coeffs = (0.6, 0.1, 0.1, 0.2)
    rho = DensityMatrix(circuits.bell_diagonal_pair(coeffs))
    got = [
        float(np.real(rho.expectation_value(DensityMatrix(Statevector(BELL[k])))))
        for k in ("phi+", "psi-", "psi+", "phi-")
    ]
    assert got == pytest.approx(coeffs, abs=1e-12)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: circuits.entanglement_swap(0), "n_links must be a whole number >= 1"),
        (lambda: circuits.entanglement_swap(2, link_fidelity=0.2), "fidelity must be in \\[0.25, 1.0\\], got 0.2"),
        (lambda: circuits.teleportation(float("nan"), 0.0), "theta must be in \\(-inf, inf\\), got nan"),
        (
            lambda: circuits.correlation_circuit(0.0, math.inf),
            "bob_angle must be finite and in \\(-inf, inf\\), got inf",
        ),
        (lambda: circuits.correlation_circuit(0, 0, visibility=1.5), "visibility must be in"),
        (lambda: circuits.bell_diagonal_pair((0.5, 0.5, 0.5, 0.5)), "sum to 1"),
    ],
)
def test_bad_inputs_raise_value_error(call, message):
    with pytest.raises(ValueError, match=message):
        call()
