"""sim: run, final_state (exact averaging over mid-circuit measurements), memory guard, fake devices."""

import math

import numpy as np
import pytest
from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister
from qiskit.circuit import Clbit
from qiskit.circuit.classical import expr
from qiskit.primitives.backend_sampler_v2 import _analyze_circuit
from qiskit.quantum_info import DensityMatrix, Statevector, state_fidelity
from qiskit_aer.primitives import SamplerV2

from qinet import circuits, noise, sim
from qinet.sim.aer import AerSampler


def test_run_counts_and_seed_reproducible():
    qc = circuits.bell_pair()
    qc.measure_all()
    a = sim.run(qc, shots=500, seed=9)
    assert a == sim.run(qc, shots=500, seed=9)
    assert set(a) == {"00", "11"} and sum(a.values()) == 500


def test_run_list_and_measureless_circuit():
    qc = circuits.superdense_coding("01")
    assert sim.run([qc, qc], shots=10, seed=1) == [{"01": 10}, {"01": 10}]
    with pytest.raises(ValueError, match="measures nothing"):
        sim.run(circuits.bell_pair())


def test_final_state_without_measurement_is_the_statevector():
    qc = circuits.ghz(3)
    rho = sim.final_state(qc)
    assert np.allclose(rho.data, DensityMatrix(qc).data, atol=1e-12)


def test_final_state_qubit_order_follows_qiskit():
    qc = QuantumCircuit(3)
    qc.x(2)
    rho = sim.final_state(qc, [2, 0])  # qubits[0] = 2 is the lowest bit of the result
    assert rho.probabilities_dict() == {"01": pytest.approx(1.0)}


def test_final_measurement_dephases_the_qubit():
    qc = QuantumCircuit(1, 1)
    qc.h(0)
    qc.measure(0, 0)
    assert np.allclose(sim.final_state(qc).data, np.eye(2) / 2, atol=1e-12)


def test_final_state_is_exact_not_sampled():
    """Measure |+>, flip a second qubit if 1: exactly (|00><00| + |11><11|)/2, every time."""
    qc = QuantumCircuit(2, 1)
    qc.h(0)
    qc.measure(0, 0)
    with qc.if_test((qc.clbits[0], 1)):
        qc.x(1)
    expected = np.diag([0.5, 0, 0, 0.5])
    for _ in range(3):
        assert np.allclose(sim.final_state(qc).data, expected, atol=1e-12)


def test_register_condition_and_else_branch():
    """if_test on a 2-bit register value with an else block: every branch weighted exactly 1/4."""
    qr, cr = QuantumRegister(3, "q"), ClassicalRegister(2, "c")
    qc = QuantumCircuit(qr, cr)
    qc.h([0, 1])
    qc.measure([0, 1], cr)
    with qc.if_test((cr, 3)) as else_:
        qc.x(2)
    with else_:
        qc.h(2)
    rho = sim.final_state(qc, [2])
    # P(11) = 1/4 -> |1>; otherwise |+>: diag = 1/4·(0,1) + 3/4·(1/2,1/2)
    assert np.allclose(np.real(np.diag(rho.data)), [0.375, 0.625], atol=1e-12)
    assert rho.data[0, 1].real == pytest.approx(0.375)


def test_expression_condition_parity():
    qc = QuantumCircuit(4, 3)
    qc.h([0, 1, 2])
    qc.measure([0, 1, 2], [0, 1, 2])
    condition = expr.bit_xor(expr.bit_xor(qc.clbits[0], qc.clbits[1]), qc.clbits[2])
    with qc.if_test(condition):
        qc.x(3)
    rho = sim.final_state(qc)
    probs = rho.probabilities()
    for index, p in enumerate(probs):
        parity = bin(index & 0b111).count("1") % 2
        expected = 1 / 8 if (index >> 3) == parity else 0.0
        assert p == pytest.approx(expected, abs=1e-12)


def test_unmeasured_bit_reads_zero():
    qc = QuantumCircuit(1, 1)
    with qc.if_test((qc.clbits[0], 0)):
        qc.x(0)
    assert sim.final_state(qc).probabilities_dict() == {"1": pytest.approx(1.0)}


def test_measured_qubit_reused_before_its_bit_is_used_is_refused():
    qc = QuantumCircuit(2, 1)
    qc.h(0)
    qc.measure(0, 0)
    qc.h(0)
    with qc.if_test((qc.clbits[0], 1)):
        qc.x(1)
    with pytest.raises(ValueError, match="used again before its classical bit"):
        sim.final_state(qc)


def test_qubit_changed_by_a_correction_is_stale():
    qc = QuantumCircuit(3, 2)
    qc.h([0, 1])
    qc.measure([0, 1], [0, 1])
    with qc.if_test((qc.clbits[0], 1)):
        qc.x(1)
    with qc.if_test((qc.clbits[1], 1)):
        qc.x(2)
    with pytest.raises(ValueError, match="used again before its classical bit"):
        sim.final_state(qc)


def test_control_only_reuse_is_allowed():
    """Using the measured qubit as a CNOT control keeps its Z value: still exact."""
    qc = QuantumCircuit(3, 1)
    qc.h(0)
    qc.measure(0, 0)
    qc.cx(0, 1)
    with qc.if_test((qc.clbits[0], 1)):
        qc.x(2)
    assert sim.final_state(qc).probabilities_dict() == pytest.approx({"000": 0.5, "111": 0.5})


def test_loops_are_refused():
    qc = QuantumCircuit(1, 1)
    with qc.for_loop(range(2)):
        qc.x(0)
    with pytest.raises(ValueError, match="for_loop"):
        sim.final_state(qc)


def test_initialize_is_transpiled_for_density_matrix():
    qc = QuantumCircuit(1)
    qc.initialize([0.6, 0.8], 0)
    assert state_fidelity(sim.final_state(qc), Statevector([0.6, 0.8])) == pytest.approx(1.0)


def test_final_state_matches_sampled_teleportation():
    """Sampled Bob outcomes of the dynamic circuit agree with the exact state within 5 binomial sigma."""
    theta = 1.2
    qc = circuits.teleportation(theta, 0.0)
    p1 = float(np.real(sim.final_state(qc, [2]).data[1, 1]))
    assert p1 == pytest.approx(math.sin(theta / 2) ** 2, rel=1e-9)
    measured = qc.copy()
    out = ClassicalRegister(1, "out")
    measured.add_register(out)
    measured.measure(2, out[0])
    shots = 4000
    counts = sim.run(measured, shots=shots, seed=12)
    ones = sum(v for k, v in counts.items() if k.split()[0] == "1") / shots
    assert abs(ones - p1) < 5 * math.sqrt(p1 * (1 - p1) / shots)


def test_final_state_with_gate_noise_keeps_feedforward_ideal():
    """Depolarizing λ on every X/Z-free local gate of teleportation lowers F; corrections add no noise."""
    clean = sim.final_state(circuits.teleportation(0.0, 0.0), [2])
    noisy = sim.final_state(circuits.teleportation(0.0, 0.0), [2], noise=noise.gate_noise(p2=0.1))
    assert clean.data[0, 0].real == pytest.approx(1.0)
    assert noisy.data[0, 0].real < 0.99


@pytest.mark.parametrize("bad", [[3], [0, 0], [], [-1]])
def test_final_state_bad_qubits(bad):
    with pytest.raises(ValueError, match="qubits must"):
        sim.final_state(circuits.bell_pair(), bad)


def test_final_state_rejects_non_circuit():
    with pytest.raises(ValueError, match="circuit must be a qiskit QuantumCircuit"):
        sim.final_state("bell")


def test_final_state_memory_guard(monkeypatch):
    monkeypatch.setattr(sim, "MAX_MEMORY_MB", 1)
    with pytest.raises(sim.CircuitTooLargeError, match="9-qubit density matrix needs 4 MB, more than"):
        sim.final_state(QuantumCircuit(9))
    assert sim.final_state(QuantumCircuit(2)).num_qubits == 2


def test_final_state_time_guard():
    """A density matrix that fits in memory but would take minutes to evolve is refused before it runs."""
    qc = QuantumCircuit(12)
    for _ in range(200):
        qc.h(range(12))
    with pytest.raises(ValueError, match="circuit='12 qubits, 2400 operations' would take about 40 s"):
        sim.final_state(qc)


def test_estimation_refuses_a_precision_that_needs_too_many_device_shots():
    from qinet.circuits import bell_pair

    with pytest.raises(ValueError, match="shots=100,000,000,000,000 .*use fewer shots|shots must be at most"):
        sim.expectation_values(bell_pair(), "ZZ", precision=1e-7, backend=sim.fake_backend("manila"))


def test_run_memory_guard(monkeypatch):
    """Setting qinet.sim.MAX_MEMORY_MB takes effect at once: Aer's refusal becomes CircuitTooLargeError."""
    qc = QuantumCircuit(20)
    qc.h(range(20))
    qc.t(range(20))
    qc.measure_all()
    monkeypatch.setattr(sim, "MAX_MEMORY_MB", 1)
    with pytest.raises(sim.CircuitTooLargeError, match="max_memory_mb=1"):
        sim.run(qc, shots=1, seed=1)
    qc.remove_final_measurements()
    with pytest.raises(sim.CircuitTooLargeError, match="max_memory_mb=1"):
        sim.expectation_values(qc, "Z" * 20)
    monkeypatch.undo()
    assert sim.default_backend().options.max_memory_mb == sim.MAX_MEMORY_MB


def test_fake_backend_runs_dynamic_teleportation():
    backend = sim.fake_backend("manila")
    qc = circuits.teleportation(0.0, 0.0)
    out = ClassicalRegister(1, "out")
    qc.add_register(out)
    qc.measure(2, out[0])
    shots = 500
    counts = sim.run(qc, shots=shots, seed=3, backend=backend)
    zeros = sum(v for k, v in counts.items() if k.split()[0] == "0") / shots
    assert sum(counts.values()) == shots
    assert zeros > 0.8  # ideal 1; the device's calibrated noise costs a few percent


def test_fake_backend_refuses_aer_noise_instructions_clearly():
    with pytest.raises(ValueError, match="Aer noise instructions \\(quantum_channel\\)"):
        sim.run(circuits.superdense_coding("10", pair_fidelity=0.9), shots=10, backend=sim.fake_backend("manila"))


def test_fake_backend_bad_name():
    with pytest.raises(ValueError, match="fake devices .*'nowhere'"):
        sim.fake_backend("nowhere")


# --- results by register name (Samples) -------------------------------------------------------------


def _registers_circuit() -> QuantumCircuit:
    """Registers a[2] = 0b10 and b[3] = 0b101, deterministically."""
    q = QuantumRegister(5, "q")
    a, b = ClassicalRegister(2, "a"), ClassicalRegister(3, "b")
    qc = QuantumCircuit(q, a, b)
    qc.x([1, 2, 4])
    qc.measure([0, 1], a)
    qc.measure([2, 3, 4], b)
    return qc


def test_samples_by_register_name():
    s = sim.sample(_registers_circuit(), shots=50, seed=1)
    assert s.registers == ("a", "b") and s.shots == 50 and (s.size("a"), s.size("b")) == (2, 3)
    assert s.counts() == {"101 10": 50} == sim.run(_registers_circuit(), shots=50, seed=1)
    assert s.counts("a") == {"10": 50} and s.counts("b") == {"101": 50}
    assert s.counts("b", "a") == {("101", "10"): 50}
    assert set(s.values("a")) == {2} and set(s.values("b")) == {5}
    assert s.bits("b").shape == (50, 3) and s.bits("b")[0].tolist() == [1, 0, 1]  # column k = bit k
    assert s.bitarray("b").get_counts() == {"101": 50}


def test_joint_counts_of_a_bell_pair_are_correlated():
    q = QuantumRegister(2, "q")
    qc = QuantumCircuit(q, ClassicalRegister(1, "alice"), ClassicalRegister(1, "bob"))
    qc.h(0)
    qc.cx(0, 1)
    qc.measure(0, 0)
    qc.measure(1, 1)
    s = sim.sample(qc, shots=2000, seed=4)
    assert set(s.counts("alice", "bob")) == {("0", "0"), ("1", "1")}
    assert abs(s.values("alice").mean() - 0.5) < 5 * math.sqrt(0.25 / 2000)


def test_samples_are_read_only_and_handed_out_as_copies():
    s = sim.sample(_registers_circuit(), shots=10, seed=1)
    bits = s.bits("a")
    bits[:] = 0
    assert set(s.values("a")) == {2}
    with pytest.raises(ValueError, match="read-only"):
        s._packed["a"][0, 0] = 0


def test_wide_register_counts_and_bits():
    """A 70-bit register (more than 8 bytes): counts and bits work, a single integer value cannot hold it."""
    qc = QuantumCircuit(QuantumRegister(1, "q"), ClassicalRegister(70, "wide"))
    qc.x(0)
    for k in range(0, 70, 3):
        qc.measure(0, k)
    s = sim.sample(qc, shots=5, seed=2)
    expected = "".join("1" if k % 3 == 0 else "0" for k in reversed(range(70)))
    assert s.counts("wide") == {expected: 5}
    assert s.bits("wide")[0].tolist() == [1 if k % 3 == 0 else 0 for k in range(70)]
    with pytest.raises(ValueError, match="70 bits, too many for one integer"):
        s.values("wide")


def test_unknown_register_name_is_named():
    s = sim.sample(_registers_circuit(), shots=5, seed=1)
    with pytest.raises(ValueError, match=r"classical registers \['a', 'b'\]; got 'key'"):
        s.counts("key")


def test_registers_must_be_contiguous_and_cover_every_bit():
    qc = QuantumCircuit(2, 2)
    qc.add_register(ClassicalRegister(bits=[qc.clbits[1], qc.clbits[0]], name="swapped"))
    qc.measure([0, 1], [0, 1])
    with pytest.raises(ValueError, match="contiguous"):
        sim.sample(qc, shots=5)
    loose = QuantumCircuit(1)
    loose.add_bits([Clbit()])
    loose.measure(0, 0)
    with pytest.raises(ValueError, match="every classical bit must belong"):
        sim.sample(loose, shots=5)


def test_run_is_aers_own_counts_bit_for_bit():
    """sim.run(seed=s) gives exactly what Aer's backend.run(seed_simulator=s) counts."""
    qc = circuits.teleportation(1.1, 0.6)
    out = ClassicalRegister(1, "out")
    qc.add_register(out)
    qc.measure(2, out[0])
    aer = sim.default_backend().run(qc, shots=1500, seed_simulator=5).result().get_counts()
    assert sim.run(qc, shots=1500, seed=5) == dict(aer)


def test_per_circuit_shots_come_back_exactly_and_independently():
    qc = QuantumCircuit(QuantumRegister(1, "q"), ClassicalRegister(1, "m"))
    qc.h(0)
    qc.measure(0, 0)
    runs = sim.sample([qc, qc, qc], [7, 1000, 3000], seed=3)
    assert [r.shots for r in runs] == [7, 1000, 3000]
    assert [r.counts() for r in runs] == [r.counts() for r in sim.sample([qc, qc, qc], [7, 1000, 3000], seed=3)]
    first = [r.values("m")[:7].tolist() for r in runs]
    assert first[1] != first[2]  # different simulator calls draw independent seeds
    same_call = sim.sample([qc, qc], [1000, 1000], seed=3)
    assert not np.array_equal(same_call[0].values("m"), same_call[1].values("m"))
    with pytest.raises(ValueError, match="one per circuit"):
        sim.sample([qc, qc], [10, 10, 10])


def test_sample_leaves_the_circuit_unchanged():
    qc = circuits.teleportation(0.3, 0.2)
    before = qc.copy()
    sim.sample(qc, shots=20, seed=1, backend=sim.default_backend(method="statevector"))
    assert qc == before


# --- expectation values (Estimator) ----------------------------------------------------------------


@pytest.mark.parametrize("theta", [0.0, 0.7, 2.0])
def test_estimator_gives_the_bell_correlation_exactly(theta):
    """Bob's qubit of Φ+ rotated by Ry(θ): ⟨Z⊗Z⟩ = cos θ, ⟨X⊗X⟩ = cos θ, ⟨Z⊗I⟩ = 0 (exact on Aer)."""
    qc = circuits.bell_pair()
    qc.ry(theta, 1)
    values = sim.expectation_values(qc, ["ZZ", "XX", "IZ"])
    assert values == pytest.approx([math.cos(theta), math.cos(theta), 0.0], abs=1e-12)


def test_estimator_with_precision_is_seeded():
    qc = circuits.bell_pair()
    a = sim.expectation_values(qc, ["ZZ"] * 200, precision=0.05, seed=3)
    assert np.array_equal(a, sim.expectation_values(qc, ["ZZ"] * 200, precision=0.05, seed=3))
    assert abs(a.mean() - 1.0) < 5 * 0.05 / math.sqrt(200) and 0.03 < a.std() < 0.07


def test_estimator_with_gate_noise():
    """Depolarizing λ after the CNOT: ⟨ZZ⟩ = 1 − λ (the fully mixed part averages to 0)."""
    value = sim.expectation_values(circuits.bell_pair(), "ZZ", noise=noise.gate_noise(p2=0.2))
    assert value == pytest.approx([0.8], abs=1e-9)


@pytest.mark.parametrize(
    "observables, match",
    [("ZZZ", "act on the circuit's 2 qubits"), (["ZQ"], "Pauli strings"), ([], "at least one")],
)
def test_estimator_bad_observables(observables, match):
    with pytest.raises(ValueError, match=match):
        sim.expectation_values(circuits.bell_pair(), observables)


@pytest.mark.parametrize("sizes", [(1,), (2, 3), (1, 7, 8, 9), (64,), (30, 34)])
def test_fast_unpacking_equals_aers_own(sizes):
    """qinet's AerSampler cuts registers out of Aer's hex memory exactly as qiskit_aer's SamplerV2 does."""
    qc = QuantumCircuit(QuantumRegister(1, "q"), *[ClassicalRegister(n, f"r{k}") for k, n in enumerate(sizes)])
    meas_info, max_bytes = _analyze_circuit(qc)
    rng = np.random.default_rng(len(sizes))
    high, low = rng.integers(0, 2**32, size=(2, 300), dtype=np.uint64)
    memory = [hex(int(v) % 2 ** sum(sizes)) for v in (high << np.uint64(32)) | low]
    args = ([memory], 300, (), meas_info, max_bytes, {}, {})
    ours, theirs = AerSampler()._postprocess_pub(*args), SamplerV2()._postprocess_pub(*args)
    for item in meas_info:
        assert ours.data[item.creg_name] == theirs.data[item.creg_name]


def test_aer_sampler_runs_in_the_calling_thread():
    """The job is finished when run() returns, and gives what Aer's own SamplerV2 gives."""
    qc = circuits.bell_pair()
    qc.measure_all()
    job = AerSampler(seed=1).run([qc], shots=100)
    assert job.done() and job.in_final_state() and not job.running()
    assert (
        job.result()[0].data.meas.get_counts()
        == SamplerV2(seed=1).run([qc], shots=100).result()[0].data.meas.get_counts()
    )


def test_shots_beyond_the_memory_limit_are_refused_before_running(monkeypatch):
    qc = circuits.bell_pair()
    qc.measure_all()
    monkeypatch.setattr(sim, "MAX_MEMORY_MB", 1)  # 1 MB holds 6,990 shots of 150 bytes
    assert sim.sample(qc, shots=6_990, seed=1).shots == 6_990
    with pytest.raises(sim.CircuitTooLargeError, match="shots must be at most 6,990 in one call .* got 7,000"):
        sim.run(qc, shots=7_000)
    with pytest.raises(sim.CircuitTooLargeError, match="got 8,000"):
        sim.sample([qc, qc], [4_000, 2_100])  # one simulator call of 2 × 4,000 shots


@pytest.mark.parametrize("bad", ["bell", 3, None, {"qc": 1}])
def test_sample_refuses_what_is_not_a_circuit(bad):
    with pytest.raises(ValueError, match="circuit must be a qiskit QuantumCircuit"):
        sim.sample(bad, shots=10)


def test_default_backend_refuses_unknown_methods_and_noise():
    with pytest.raises(ValueError, match="method must be one of 'automatic'"):
        sim.default_backend(method="bogus")
    with pytest.raises(ValueError, match="noise must be None or a qiskit_aer NoiseModel"):
        sim.default_backend(noise="depolarizing")


def test_seeds_are_independent_and_checked():
    a = sim.seeds(7, 4)
    assert np.array_equal(a, sim.seeds(7, 4)) and len(set(a.tolist())) == 4 and not np.any(np.diff(a) == 1)
    with pytest.raises(ValueError, match="n must be a whole number >= 0 and <= 1000000, got -1"):
        sim.seeds(7, -1)
    with pytest.raises(ValueError, match=r"seed must be None or a whole number in \[0, 2\*\*63\), got -3"):
        sim.seeds(-3, 2)
