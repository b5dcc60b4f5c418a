"""qinet.blind: UBQC on Aer (client output vs ideal, server's δ uniform), indistinguishable trap rounds."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest
from qiskit import QuantumCircuit

from qinet import blind, sim

E = math.pi / 4


def test_an_example_of_the_delta_rule_of_broadbent_fitzsimons_kashefi():
    """φ = π/4, s_X = 1, s_Z = 0, θ = 3π/4, r = 1 → φ′ = −π/4, δ = 3π/2 (our illustration of the rule)."""
    assert blind.ubqc_delta(E, 1, 0, 3 * E, 1) == pytest.approx(1.5 * math.pi, rel=1e-12)


def test_delta_is_uniform_for_every_phi_and_byproduct_exhaustively():
    """Over the 16 equally likely (θ, r), each of the 8 angles appears exactly twice."""
    for phi_k in range(8):
        for s_x in (0, 1):
            for s_z in (0, 1):
                deltas = [blind.ubqc_delta(phi_k * E, s_x, s_z, t * E, r) for t in range(8) for r in (0, 1)]
                counts = np.bincount(np.round(np.array(deltas) / E).astype(int) % 8, minlength=8)
                assert counts.tolist() == [2] * 8


@pytest.mark.parametrize("angles", [[0.0], [E], [2 * E, 3 * E, 5 * E], [E, 2 * E, 7 * E, 3 * E]])
def test_client_output_matches_ideal_within_4_standard_errors(angles):
    shots = 3000
    res = blind.blind_rotations(angles, shots=shots, seed=21)
    p1 = res.ideal_probabilities[1]
    se = math.sqrt(p1 * (1 - p1) / shots)
    assert abs(res.output_counts["1"] / shots - p1) <= 4 * se + 1e-12
    assert res.deltas.shape == (shots, len(angles))


def test_ideal_probabilities_worked_number():
    """H·Rz(π/4)|+⟩ gives p(0) = (1 + cos π/4)/2 = 0.853553."""
    np.testing.assert_allclose(blind.ideal_probabilities([E]), [0.853553, 0.146447], rtol=1e-5)


def test_server_view_is_uniform_and_independent_of_the_computation():
    a = blind.blind_rotations([E, 2 * E, 0.0], shots=3000, seed=5)
    b = blind.blind_rotations([7 * E, 0.0, 3 * E], shots=3000, seed=6)
    for res in (a, b):
        _, p = blind.uniformity_test(res.deltas)
        assert p > 1e-3
        padded = res.server_output_counts["1"] / res.shots  # the output bit the server sees is one-time padded
        assert abs(padded - 0.5) < 4 * math.sqrt(0.25 / res.shots)
    assert a.output_counts != b.output_counts


def test_same_seed_same_result_and_bad_input():
    a = blind.blind_rotations([E, 2 * E], shots=200, seed=3)
    b = blind.blind_rotations([E, 2 * E], shots=200, seed=3)
    assert np.array_equal(a.deltas, b.deltas) and a.output_counts == b.output_counts
    with pytest.raises(ValueError, match="multiples of π/4"):
        blind.blind_rotations([0.3])
    with pytest.raises(ValueError, match="angles"):
        blind.blind_rotations([])
    with pytest.raises(ValueError, match="s_x"):
        blind.ubqc_delta(0.0, 2, 0, 0.0, 0)
    with pytest.raises(TypeError, match="spy"):
        blind.trap_rounds(3, spy="False")
    with pytest.raises(TypeError, match="hide_output"):
        blind.received_state(3, hide_output=1)
    with pytest.raises(ValueError, match="trap"):
        blind.received_state(3, trap=2)
    with pytest.raises(ValueError, match="n_qubits must be 2 to 8"):
        blind.received_state(9)


# --- the δ the client reports are the angles the server's circuit really measured at (issue: mutation gap) ---


def _measured_angles(qc: QuantumCircuit, key: str) -> list[int]:
    """Walk the circuit with one outcome's bits: the phase rotation P(−δ_i) applied to each measured qubit.

    Independent of how the protocol computes δ: it adds up the P and Z gates (Z = P(π)) that actually act
    on server qubit i after the "server" barrier (if_test blocks evaluated with the recorded bits) until
    the H before its measurement, and returns δ_i = −(their sum) in units of π/4.
    """
    bits = {}
    for reg, part in zip(qc.cregs[::-1], key.split(), strict=True):
        for k, c in enumerate(reversed(part)):
            bits[reg[k]] = int(c)
    server = qc.qregs[0]
    m = server.size - 1
    phase = [0.0] * m
    done = [False] * m
    started = False

    def add(block: QuantumCircuit, qubits: list) -> None:
        for inst in block.data:
            q = qubits[block.find_bit(inst.qubits[0]).index] if block is not qc else inst.qubits[0]
            i = server.index(q) if q in server else None
            if i is None or i >= m or done[i]:
                continue
            name = inst.operation.name
            if name == "p":
                phase[i] += float(inst.operation.params[0])
            elif name == "z":
                phase[i] += math.pi
            elif name == "h":
                done[i] = True

    for inst in qc.data:
        op = inst.operation
        if op.name == "barrier" and op.label == "server":
            started = True
            continue
        if not started or op.name in ("cz", "measure"):
            continue
        if op.name == "if_else":
            taken = sim._condition_holds(op.condition, bits.__getitem__)
            block = op.blocks[0] if taken else (op.blocks[1] if len(op.blocks) > 1 else None)
            if block is not None:
                add(block, list(inst.qubits))
        else:
            add_one = QuantumCircuit(*qc.qregs)
            add_one.append(op, inst.qubits)
            add(add_one, list(add_one.qubits))
    return [round(-p / E) % 8 for p in phase]


def _rows(deltas: np.ndarray) -> Counter:
    return Counter(tuple(row) for row in (np.round(deltas / E).astype(int) % 8).tolist())


@pytest.mark.parametrize("angles", [[E, 2 * E, 7 * E], [3 * E, 5 * E]])
def test_reported_deltas_are_the_angles_the_circuit_measured_at(angles):
    shots, seed = 400, 17
    res = blind.blind_rotations(angles, shots=shots, seed=seed)
    qc = blind.ubqc_circuit(angles)
    counts = sim.run(qc, shots, seed=seed, backend=blind._backend())  # the same seeded run
    expected = Counter()
    for key, n in counts.items():
        expected[tuple(_measured_angles(qc, key))] += n
    assert _rows(res.deltas) == expected


def test_trap_round_deltas_are_the_angles_the_circuit_measured_at():
    res = blind.trap_rounds(4, shots=300, seed=9)
    circuits = [blind._round_circuit((0, 0, 0), t, 0.0, 1.0, False, True) for t in range(3)]
    computation = blind._round_circuit((0, 0, 0), None, 0.0, 1.0, False, True)
    results = sim.run([*circuits] + [computation] * 3, 100, seed=9, backend=blind._backend())  # the same run
    expected = Counter()
    for qc, counts in zip(circuits, results[:3], strict=True):
        for key, n in counts.items():
            expected[tuple(_measured_angles(qc, key))] += n
    assert _rows(res.deltas) == expected


def test_a_returned_circuit_can_be_edited_without_changing_later_results():
    before = blind.blind_rotations([E], shots=64, seed=3)
    qc = blind.ubqc_circuit([E])
    qc.x(0)
    qc.measure(0, 0)
    again = blind.blind_rotations([E], shots=64, seed=3)
    assert again.output_counts == before.output_counts and np.array_equal(again.deltas, before.deltas)
    assert blind.ubqc_circuit([E]).count_ops().get("x", 0) == 0


# --- trap rounds ---


@pytest.mark.parametrize("eps, f", [(0.0, 1.0), (math.pi / 2, 1.0), (math.pi / 3, 0.5), (math.pi, 1.0)])
def test_trap_detection_matches_f_sin2_half_eps(eps, f):
    res = blind.trap_rounds(4, cheat_angle=eps, cheat_fraction=f, shots=3000, seed=8)
    assert res.predicted == pytest.approx(f * math.sin(eps / 2) ** 2, rel=1e-12, abs=0)
    se = math.sqrt(max(res.predicted * (1 - res.predicted), 1e-12) / res.shots)
    assert abs(res.detection_rate - res.predicted) <= 4 * se
    assert blind.uniformity_test(res.deltas)[1] > 1e-3  # trap rounds look like computation rounds
    expected_deviation = f if eps else 0.0
    for rate in (res.deviation_rate, res.trap_deviation_rate):
        assert abs(rate - expected_deviation) <= 4 * math.sqrt(0.25 / res.shots)


def test_honest_server_is_never_caught_and_cheating_corrupts_the_output():
    assert blind.trap_rounds(3, shots=500, seed=1).detection_rate == 0.0
    honest = blind.blind_rotations([E, 2 * E, 7 * E], shots=2000, seed=2)
    cheat = blind.blind_rotations([E, 2 * E, 7 * E], shots=2000, seed=2, cheat_angle=math.pi / 2, cheat_fraction=1)
    ideal = honest.ideal_probabilities[1]
    assert abs(cheat.output_counts["1"] / 2000 - ideal) > abs(honest.output_counts["1"] / 2000 - ideal) + 0.1


def test_detection_after_several_rounds():
    assert blind.detection_probability(math.pi / 2, 1.0, 7) == pytest.approx(1 - 0.5**7)
    with pytest.raises(ValueError, match="cheat_fraction"):
        blind.detection_probability(1.0, 1.5)


@pytest.mark.parametrize("n", [2, 3, 4])
def test_every_qubit_the_server_receives_is_maximally_mixed_in_both_round_types(n):
    """Exact density matrices of the client's preparation circuit (Fitzsimons & Kashefi 2017: traps must hide)."""
    for trap in (None, *range(n - 1)):
        rho = blind.received_state(n, trap=trap)
        np.testing.assert_allclose(rho.data, np.eye(2**n) / 2**n, atol=1e-12)
        np.testing.assert_allclose(blind.bloch_vectors(rho), 0.0, atol=1e-12)


def test_without_the_hidden_phase_the_output_qubit_is_a_known_plus_state():
    vectors = blind.bloch_vectors(blind.received_state(4, hide_output=False))
    np.testing.assert_allclose(vectors[-1], [1.0, 0.0, 0.0], atol=1e-12)
    np.testing.assert_allclose(vectors[:-1], 0.0, atol=1e-12)


def test_old_protocol_a_spying_server_cheats_in_every_computation_round_but_is_caught_in_half_the_traps():
    """The flaw: a known |+⟩ output lets the server spot computation rounds (detection 0.50 at ε = π, not 1.0)."""
    res = blind.trap_rounds(
        4, cheat_angle=math.pi, shots=3000, seed=12, spy=True, hide_output=False, check_output=False
    )
    se = math.sqrt(0.25 / res.shots)
    assert res.deviation_rate == 1.0
    assert abs(res.trap_deviation_rate - 0.5) <= 4 * se  # it cheats half as often where traps can see it
    assert abs(res.detection_rate - 0.5) <= 4 * se
    assert res.detection_rate < res.deviation_rate * math.sin(math.pi / 2) ** 2 - 10 * se  # claim broken


@pytest.mark.parametrize(
    "n, eps, check",
    [(4, math.pi, True), (4, math.pi / 2, True), (3, 0.0, True), (4, math.pi / 2, False), (3, 0.0, False)],
)
def test_with_the_hidden_phase_a_spying_server_is_caught_at_the_derived_rate(n, eps, check):
    res = blind.trap_rounds(n, cheat_angle=eps, shots=3000, seed=13, spy=True, check_output=check)
    se = math.sqrt(0.25 / res.shots)
    if eps:
        assert abs(res.deviation_rate - 0.5) <= 4 * se  # it cannot tell the rounds apart
        assert abs(res.trap_deviation_rate - res.deviation_rate) <= 6 * se
    m, s2 = n - 1, math.sin(eps / 2) ** 2
    by_hand = 0.5 + 0.5 * s2 / 2 if check else (m - 1) / (2 * m) * s2 + 1 / (2 * m)  # derived in the docstring
    p = blind.spying_detection_probability(n, eps, check_output=check)
    assert p == pytest.approx(by_hand, rel=1e-12) and res.predicted == p
    assert abs(res.detection_rate - p) <= 4 * math.sqrt(p * (1 - p) / res.shots)


def test_spying_rates_of_review_three():
    """(m − 1)/(2m)·f·sin²(ε/2) + 1/(2m) without the output check: 1/3 at π/2, 1/6 at 0 for m = 3 (not f·sin²)."""
    assert blind.spying_detection_probability(4, math.pi / 2, check_output=False) == pytest.approx(1 / 3)
    assert blind.spying_detection_probability(4, 0.0, check_output=False) == pytest.approx(1 / 6)
    assert blind.spying_detection_probability(4, math.pi, check_output=False) == pytest.approx(0.5)
    assert blind.spying_detection_probability(4, math.pi) == pytest.approx(0.75)
    with pytest.raises(ValueError, match="basis"):
        blind.spying_detection_probability(4, 1.0, basis="y")
    with pytest.raises(TypeError, match="check_output"):
        blind.trap_rounds(3, check_output="yes")
    with pytest.raises(ValueError, match="spy_basis"):
        blind.blind_rotations([E], spy=True, spy_basis="y")


# --- a server that tampers with the output qubit only ---


def test_a_server_that_flips_the_output_bit_corrupts_computations_and_only_the_output_check_catches_it():
    ideal = blind.ideal_probabilities([E, 2 * E, 0.0])[1]
    run = blind.blind_rotations([E, 2 * E, 0.0], shots=3000, seed=31, flip_output=True)
    assert abs(run.output_counts["1"] / 3000 - (1 - ideal)) <= 4 * math.sqrt(ideal * (1 - ideal) / 3000)
    unchecked = blind.trap_rounds(4, shots=600, seed=32, flip_output=True, check_output=False)
    checked = blind.trap_rounds(4, shots=600, seed=32, flip_output=True)
    assert (unchecked.detection_rate, unchecked.predicted) == (0.0, 0.0)
    assert (checked.detection_rate, checked.predicted) == (1.0, 1.0)


@pytest.mark.parametrize("basis, caught", [("x", 0.5), ("z", 0.0)])
def test_measuring_the_output_before_entangling(basis, caught):
    """X spoils a trap round's output dummy (caught half the time) but no computation (|±⟩ is an X eigenstate);
    Z commutes with the CZs and the final Z measurement: it changes nothing, in any round."""
    angles = [E, 2 * E, 0.0]
    honest = blind.blind_rotations(angles, shots=3000, seed=33)
    spied = blind.blind_rotations(angles, shots=3000, seed=34, spy=True, spy_basis=basis)
    se = math.sqrt(2 * 0.25 / 3000)
    assert abs(spied.output_counts["1"] - honest.output_counts["1"]) / 3000 <= 4 * se
    res = blind.trap_rounds(4, shots=3000, seed=35, spy=True, spy_basis=basis)
    assert res.predicted == caught
    assert abs(res.detection_rate - caught) <= 4 * math.sqrt(max(caught * (1 - caught), 1e-12) / res.shots)


def test_a_long_run_is_refused_before_it_starts_with_the_limit_and_what_to_lower():
    with pytest.raises(ValueError, match=r"limit is 120,000 qubit-rounds.*lower shots to at most 5,454"):
        blind.trap_rounds(11, shots=10**5)
    with pytest.raises(ValueError, match="lower shots"):
        blind.blind_rotations([E] * 10, shots=10**5)
