"""qinet.partition: remote gates and Bell pairs of a split circuit, counted by hand and checked on Aer."""

from __future__ import annotations

import numpy as np
import pytest
from qiskit import QuantumCircuit

from qinet import circuits, distributed, partition

# --- Bell pairs with shared copies in Z or X (Eisert et al. 2000), counted by hand ---


def _circuit(n: int, *gates: tuple) -> QuantumCircuit:
    qc = QuantumCircuit(n)
    for name, *args in gates:
        getattr(qc, name)(*args)
    return qc


HAND_COUNTED = [
    # (circuit, split, remote gates, Bell pairs, why)
    (_circuit(3, ("cx", 0, 1), ("cx", 0, 2)), [0, 1, 1], 2, 1, "one copy of control 0 serves both CNOTs"),
    (_circuit(3, ("cx", 0, 1), ("h", 0), ("cx", 0, 2)), [0, 1, 1], 2, 2, "H on the control ends the first copy"),
    (_circuit(3, ("cx", 0, 1), ("rz", 0.3, 0), ("t", 0), ("cx", 0, 2)), [0, 1, 1], 2, 1, "Rz and T keep it"),
    (_circuit(3, ("cx", 1, 0), ("cx", 2, 0)), [0, 1, 1], 2, 1, "a shared CX target: one copy of it in X"),
    (_circuit(3, ("cx", 1, 0), ("h", 0), ("cx", 2, 0)), [0, 1, 1], 2, 2, "H ends an X copy too"),
    (_circuit(3, ("cx", 1, 0), ("rz", 0.3, 0), ("cx", 2, 0)), [0, 1, 1], 2, 2, "Rz ends an X copy"),
    (_circuit(3, ("cx", 1, 0), ("rx", 0.3, 0), ("sx", 0), ("cx", 2, 0)), [0, 1, 1], 2, 1, "Rx, √X keep it"),
    (_circuit(3, ("cx", 1, 0), ("z", 0), ("y", 0), ("cx", 2, 0)), [0, 1, 1], 2, 1, "Z, Y mirrored on it"),
    (_circuit(3, ("cx", 0, 1), ("x", 0), ("cx", 0, 2)), [0, 1, 1], 2, 1, "X on a control is mirrored"),
    (_circuit(3, ("rxx", 0.4, 0, 1), ("cx", 2, 0)), [0, 1, 1], 2, 1, "RXX commutes with X on both"),
    (_circuit(3, ("cz", 1, 0), ("cz", 2, 0)), [0, 1, 1], 2, 1, "CZ is diagonal on qubit 0: one copy of it"),
    (_circuit(3, ("cp", 0.5, 1, 0), ("cp", 0.5, 2, 0)), [0, 1, 1], 2, 1, "CP as well, either qubit"),
    (_circuit(3, ("cx", 0, 1), ("cx", 2, 0), ("cx", 0, 1)), [0, 1, 0], 2, 1, "then copy the targets, in X"),
    (_circuit(4, ("cx", 2, 0), ("cx", 0, 1), ("cx", 3, 0)), [0, 0, 1, 1], 2, 2, "a control ends an X copy"),
    (_circuit(4, ("cz", 0, 2), ("cz", 0, 3), ("cz", 1, 2)), [0, 0, 1, 1], 3, 2, "cover {0, 2} of a path"),
    (_circuit(4, ("cx", 0, 2), ("cx", 1, 3), ("cx", 0, 1)), [0, 0, 1, 1], 2, 2, "two controls, local gate aside"),
    (_circuit(2, ("cx", 0, 1), ("cx", 0, 1), ("cx", 0, 1)), [0, 1], 3, 1, "repeated gates on one control"),
    (_circuit(4, ("cx", 0, 1), ("cx", 2, 3)), [0, 1, 0, 1], 2, 2, "two unrelated remote gates"),
    (_circuit(4, ("h", 0), ("cx", 0, 1), ("cx", 2, 3)), [0, 0, 1, 1], 0, 0, "nothing crosses the cut"),
]


@pytest.mark.parametrize("qc, split, remote, pairs, why", HAND_COUNTED, ids=[c[-1] for c in HAND_COUNTED])
def test_bell_pairs_counted_by_hand(qc, split, remote, pairs, why):
    assert partition.remote_gates(qc, split) == remote
    assert partition.bell_pairs(qc, split) == pairs, why


@pytest.mark.parametrize("n", [4, 6, 8, 12, 20])
def test_half_split_qft_has_a_quarter_n_squared_remote_gates_but_n_over_2_pairs(n):
    """Row j of the QFT (after its H) controls every CP to the qubits below: one copy each (n/2 pairs)."""
    qft = partition.algorithm_circuit("qft", n)
    halves = partition.naive_partition(n, "halves")
    assert partition.remote_gates(qft, halves) == (n // 2) ** 2
    assert partition.bell_pairs(qft, halves) == n // 2


@pytest.mark.parametrize("n", [16, 64, 200])
def test_approximate_qft_needs_about_log_n_pairs(n):
    """Coppersmith's approximate QFT keeps phases down to π/2^m: only the m qubits of A next to the cut share."""
    m = int(np.ceil(np.log2(n)))
    aqft = QuantumCircuit(n)
    for j in range(n):
        aqft.h(j)
        for k in range(j + 1, min(n, j + m + 1)):
            aqft.cp(np.pi / 2 ** (k - j), k, j)
    assert partition.bell_pairs(aqft, partition.naive_partition(n, "halves")) == m


def test_twenty_qubit_qft_exercise_numbers():
    split = partition.split_circuit("qft", 20)
    assert (split.naive_remote, split.naive_pairs) == (100, 10)


def test_embedding_serves_every_remote_gate_once_from_a_diagonal_run():
    qft = partition.algorithm_circuit("qft", 6)
    emb = partition.embedding(qft, [0, 0, 0, 1, 1, 1])
    assert [c.qubit for c in emb] == [0, 1, 2]
    served = sorted(g for c in emb for g in c.gates)
    crossing = [
        i
        for i, inst in enumerate(qft.data)
        if len(inst.qubits) == 2 and len({qft.find_bit(q).index < 3 for q in inst.qubits}) == 2
    ]
    assert served == crossing


def test_gates_diagonal_on_neither_qubit_are_refused():
    with pytest.raises(ValueError, match="diagonal on neither"):
        partition.bell_pairs(_circuit(2, ("swap", 0, 1)), [0, 1])
    with pytest.raises(ValueError, match="decompose"):
        partition.bell_pairs(_circuit(3, ("ccx", 0, 1, 2)), [0, 0, 1])


def test_diagonal_qubits_of_common_gates():
    gates = [("cx", 0, 1), ("cp", 0.2, 0, 1), ("crz", 0.2, 0, 1), ("ch", 0, 1), ("swap", 0, 1), ("ccx", 0, 1, 2)]
    qc = _circuit(3, *gates)
    got = [circuits.diagonal_qubits(inst.operation) for inst in qc.data]
    assert got == [(True, False), (True, True), (True, True), (True, False), (False, False), (True, True, False)]
    got_x = [circuits.diagonal_qubits(inst.operation, "x") for inst in qc.data]
    assert got_x == [
        (False, True),
        (False, False),
        (False, False),
        (False, False),
        (False, False),
        (False, False, True),
    ]
    with pytest.raises(ValueError, match="basis"):
        circuits.diagonal_qubits(qc.data[0].operation, "y")


def test_diagonal_qubits_agree_with_the_matrices():
    """The tables against the definition: a gate is diagonal on a qubit iff it commutes with Z (X) there."""
    from qiskit.quantum_info import Operator, Pauli

    gates = [
        ("cx", 0, 1),
        ("cz", 0, 1),
        ("cp", 0.7, 0, 1),
        ("crx", 0.7, 0, 1),
        ("rxx", 0.4, 0, 1),
        ("rzz", 0.4, 0, 1),
        ("ch", 0, 1),
        ("cy", 0, 1),
        ("swap", 0, 1),
        ("iswap", 0, 1),
    ]
    for inst in _circuit(2, *gates).data:
        u = Operator(inst.operation)
        for basis in ("z", "x"):
            got = circuits.diagonal_qubits(inst.operation, basis)
            for pos in range(2):
                label = ["I", "I"]
                label[1 - pos] = basis.upper()  # Qiskit labels read right to left
                p = Operator(Pauli("".join(label)))
                assert got[pos] == u.compose(p).equiv(p.compose(u)), (inst.operation.name, basis, pos)


def test_one_pair_serves_cnots_that_share_a_target_on_aer():
    """CX(c, t) = H_t CZ(c, t) H_t: H on the target, one cat-entangler, CZs at the other side, undo (1 pair)."""
    fan_in = _circuit(3, ("cx", 1, 0), ("cx", 2, 0))
    d = distributed.distribute(fan_in, [0, 1, 1])
    assert (d.remote_gates, d.bell_pairs, d.shared[0].basis) == (2, 1, "x")
    ops = d.circuit.count_ops()
    assert (ops["measure"], ops["if_else"], ops["cz"]) == (2, 2, 2)
    np.testing.assert_allclose(distributed.output_fidelities(d, 5, seed=11), 1.0, atol=1e-9)


@pytest.mark.parametrize(
    "gates, split",
    [
        ((("cx", 0, 1), ("x", 0), ("y", 0), ("cx", 0, 2)), [0, 1, 1]),  # flips of a Z copy, mirrored
        ((("cx", 1, 0), ("z", 0), ("y", 0), ("rx", 0.4, 0), ("cx", 2, 0)), [0, 1, 1]),  # ... of an X copy
        ((("rxx", 0.4, 0, 1), ("sx", 0), ("cx", 2, 0), ("cz", 0, 1)), [0, 1, 1]),
    ],
)
def test_mirrored_flips_and_x_copies_run_exactly_on_aer(gates, split):
    qc = _circuit(3, *gates)
    d = distributed.distribute(qc, split)
    assert d.bell_pairs == partition.bell_pairs(qc, split)
    np.testing.assert_allclose(distributed.output_fidelities(d, 3, seed=5), 1.0, atol=1e-9)


def test_an_x_copy_kept_across_a_z_rotation_really_fails_on_aer():
    """What the rule forbids is physically wrong in X too: a copy kept across Rz gives the wrong state."""
    qc = _circuit(3, ("cx", 1, 0), ("rz", 1.1, 0), ("cx", 2, 0))
    assert partition.bell_pairs(qc, [0, 1, 1]) == 2
    hidden = _circuit(3, ("cx", 1, 0), ("id", 0), ("cx", 2, 0))
    built = circuits.cat_distributed(hidden, [0, 1, 1], [(0, [0, 2], "x")])
    wrong = built.copy_empty_like()
    for inst in built.data:
        if inst.operation.name == "id":  # put the Rz back where the plan ignored it
            wrong.rz(1.1, inst.qubits[0])
        else:
            wrong.append(inst)
    shared = (partition.SharedCopy(0, (0, 2), "x"),)
    bad = distributed.DistributedCircuit(qc, np.array([0, 1, 1]), shared, wrong, 2)
    assert distributed.output_fidelities(bad, 3, seed=1).min() < 0.9


# --- the count is enough: the split circuit with exactly that many pairs runs exactly on Aer ---


def _random_circuit(rng: np.random.Generator, n: int, depth: int) -> QuantumCircuit:
    qc = QuantumCircuit(n)
    for _ in range(depth):
        kind = rng.choice(["cx", "cz", "cp", "h", "rz", "x", "t"])
        a, b = (int(v) for v in rng.choice(n, 2, replace=False))
        if kind in ("cx", "cz"):
            getattr(qc, kind)(a, b)
        elif kind == "cp":
            qc.cp(float(rng.uniform(0, 2 * np.pi)), a, b)
        elif kind == "rz":
            qc.rz(float(rng.uniform(0, 2 * np.pi)), a)
        else:
            getattr(qc, kind)(a)
    return qc


def test_four_qubit_qft_split_2_plus_2_is_exact_with_2_bell_pairs():
    d = distributed.distribute(partition.algorithm_circuit("qft", 4), [0, 0, 1, 1])
    assert (d.remote_gates, d.bell_pairs) == (4, 2)
    ops = d.circuit.count_ops()
    assert ops["measure"] == 2 * d.bell_pairs and ops["if_else"] == 2 * d.bell_pairs
    np.testing.assert_allclose(distributed.output_fidelities(d, 4, seed=3), 1.0, atol=1e-9)


@pytest.mark.parametrize("trial", range(6))
def test_random_circuits_run_exactly_with_the_counted_bell_pairs(trial):
    rng = np.random.default_rng(100 + trial)
    qc = _random_circuit(rng, 4, 9)
    split = rng.permutation([0, 0, 1, 1])
    d = distributed.distribute(qc, split)
    assert d.bell_pairs == partition.bell_pairs(qc, split) <= partition.remote_gates(qc, split)
    np.testing.assert_allclose(distributed.output_fidelities(d, 2, seed=trial), 1.0, atol=1e-9)


def test_a_wrong_plan_is_refused_by_the_builder():
    qc = _circuit(3, ("cx", 0, 1), ("h", 0), ("cx", 0, 2))
    with pytest.raises(ValueError, match="non-diagonally on qubit 0"):
        circuits.cat_distributed(qc, [0, 1, 1], [(0, [0, 2])])
    with pytest.raises(ValueError, match="unserved"):
        circuits.cat_distributed(qc, [0, 1, 1], [(0, [0])])
    with pytest.raises(ValueError, match="diagonal on qubit 1"):
        circuits.cat_distributed(_circuit(2, ("cx", 0, 1)), [0, 1], [(1, [0])])
    with pytest.raises(ValueError, match="diagonal on qubit 0 in the X basis"):
        circuits.cat_distributed(_circuit(2, ("cx", 0, 1)), [0, 1], [(0, [0], "x")])
    with pytest.raises(ValueError, match="basis"):
        circuits.cat_distributed(_circuit(2, ("cx", 0, 1)), [0, 1], [(0, [0], "y")])


def test_sharing_a_copy_across_a_hadamard_really_fails_on_aer():
    """What the rule forbids is physically wrong: a copy kept across H gives the wrong state."""
    qc = _circuit(3, ("cx", 0, 1), ("h", 0), ("cx", 0, 2))
    right = distributed.distribute(qc, [0, 1, 1])
    assert right.bell_pairs == 2
    shared = (partition.SharedCopy(0, (0, 2)),)
    wrong = distributed.DistributedCircuit(qc, right.split, shared, _unchecked(qc, right.split, shared), 2)
    assert distributed.output_fidelities(wrong, 3, seed=1).min() < 0.9


def _unchecked(qc: QuantumCircuit, split: np.ndarray, shared: tuple) -> QuantumCircuit:
    """Build the forbidden plan by hiding the H from the builder, then put it back into the built circuit."""
    without_h = _circuit(3, ("cx", 0, 1), ("id", 0), ("cx", 0, 2))
    built = circuits.cat_distributed(without_h, split, [(c.qubit, c.gates) for c in shared])
    out = built.copy_empty_like()
    for inst in built.data:
        if inst.operation.name == "id":
            out.h(inst.qubits[0])
        else:
            out.append(inst)
    return out


# --- splitting whole algorithms ---


@pytest.mark.parametrize("n", [4, 8, 12])
def test_qft_any_balanced_split_cuts_a_quarter_n_squared_gates(n):
    split = partition.split_circuit("qft", n)
    assert split.two_qubit_gates == n * (n - 1) // 2
    assert split.naive_remote == split.best_remote == (n // 2) ** 2
    assert split.naive_pairs == split.best_pairs == n // 2


def test_smarter_split_lowers_remote_gates_and_pairs():
    ghz = partition.split_circuit("ghz", 10, naive="alternate")
    assert (ghz.naive_remote, ghz.best_remote, ghz.naive_pairs, ghz.best_pairs) == (9, 1, 9, 1)
    clustered = partition.split_circuit("clustered", 14, seed=5)
    assert clustered.best_remote <= clustered.naive_remote // 3
    assert clustered.best_pairs <= clustered.best_remote
    assert partition.remote_gates(clustered.interactions, clustered.best) == clustered.best_remote
    assert sorted(np.bincount(clustered.best)) == [7, 7]


def test_kernighan_lin_finds_the_exact_optimum_on_small_graphs():
    for seed in range(3):
        qc = partition.algorithm_circuit("clustered", 12, seed=seed)
        w = partition.interaction_matrix(qc)
        exact = partition.remote_gates(w, partition.best_partition(qc))
        start = partition.naive_partition(12, "random", seed=seed)
        heuristic = partition._kernighan_lin(w, start)
        assert partition.remote_gates(w, heuristic) == exact


def test_two_100_qubit_processors_as_one_200_qubit_machine():
    qft = partition.split_circuit("qft", 200)
    assert (qft.best_remote, qft.best_pairs) == (100 * 100, 100)
    brick = partition.split_circuit("brickwork", 200, depth=20)
    assert (brick.best_remote, brick.best_pairs) == (10, 10)


def test_partition_input_checks():
    with pytest.raises(ValueError, match="partition"):
        partition.remote_gates(partition.algorithm_circuit("ghz", 4), [0, 1, 2, 0])
    with pytest.raises(ValueError, match="partition"):
        partition.bell_pairs(partition.algorithm_circuit("ghz", 4), [0, 1])
    with pytest.raises(ValueError, match="n_qubits"):
        partition.algorithm_circuit("ghz", 1)
    with pytest.raises(ValueError, match="name"):
        partition.algorithm_circuit("shor", 4)
    with pytest.raises(ValueError, match="circuit"):
        partition.embedding("qft", [0, 1])
    d = distributed.distribute(partition.algorithm_circuit("qft", 4), [0, 0, 1, 1])
    for bad in (-1, 2**63, 2.5, "7"):
        with pytest.raises(ValueError, match="seed"):
            distributed.output_fidelities(d, 1, seed=bad)
    with pytest.raises(ValueError, match="n_states"):
        distributed.output_fidelities(d, 0)
    with pytest.raises(TypeError, match="DistributedCircuit"):
        distributed.output_fidelities(partition.algorithm_circuit("qft", 4))
