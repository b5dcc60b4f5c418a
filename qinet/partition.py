"""One circuit, two processors: how many remote gates (Bell pairs) a split of the qubits costs.

Every two-qubit gate whose qubits sit on different processors must be done remotely, at the cost of
one Bell pair and two classical bits (Eisert et al., PRA 62, 052317, 2000; see
:mod:`qinet.distributed`). The number of such gates is the weight of the cut of the circuit's
interaction graph, so a good split is a minimum balanced cut: found exhaustively up to 16 qubits,
and by the Kernighan–Lin heuristic (Bell Syst. Tech. J. 49, 291, 1970) above that.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike
from qiskit import QuantumCircuit, QuantumRegister

from qinet._validate import one_of, positive_int

ALGORITHMS = ("qft", "ghz", "brickwork", "clustered")


def algorithm_circuit(name: str, n_qubits: int, *, depth: int | None = None, seed: int | None = None) -> QuantumCircuit:
    """A test algorithm to split over two processors (built only, never run here).

    ``"qft"``: the quantum Fourier transform's H and controlled-phase ladder (Coppersmith 1994; final
    swaps left out), ``n(n−1)/2`` two-qubit gates between every pair. ``"ghz"``: H and a CNOT chain.
    ``"brickwork"``: ``depth`` layers of CNOTs between neighbours on a line, alternating even/odd pairs.
    ``"clustered"``: ``depth × n`` random CNOTs inside two hidden groups of qubits (random membership,
    from ``seed``) plus ``depth`` CNOTs between the groups: a workload whose good split is not the
    obvious one.

    Examples
    --------
    >>> algorithm_circuit("qft", 4).count_ops()["cp"]
    6
    """
    name = one_of("name", name, ALGORITHMS)
    n = positive_int("n_qubits", n_qubits, minimum=2)
    depth = positive_int("depth", n if depth is None else depth)
    qc = QuantumCircuit(QuantumRegister(n, "q"), name=f"{name}_{n}")
    if name == "qft":
        for j in range(n):
            qc.h(j)
            for k in range(j + 1, n):
                qc.cp(np.pi / 2 ** (k - j), k, j)
    elif name == "ghz":
        qc.h(0)
        for k in range(n - 1):
            qc.cx(k, k + 1)
    elif name == "brickwork":
        for layer in range(depth):
            for k in range(layer % 2, n - 1, 2):
                qc.cx(k, k + 1)
    else:
        rng = np.random.default_rng(seed)
        groups = np.array_split(rng.permutation(n), 2)
        for _ in range(depth):
            for members in groups:
                for _ in range(len(members)):
                    a, b = rng.choice(members, 2, replace=False)
                    qc.cx(int(a), int(b))
            qc.cx(int(rng.choice(groups[0])), int(rng.choice(groups[1])))
    return qc


def interaction_matrix(circuit: QuantumCircuit) -> np.ndarray:
    """``W[i, j]`` = number of two-qubit gates between qubits ``i`` and ``j`` (symmetric).

    Examples
    --------
    >>> interaction_matrix(algorithm_circuit("ghz", 3)).astype(int).tolist()
    [[0, 1, 0], [1, 0, 1], [0, 1, 0]]
    """
    if not isinstance(circuit, QuantumCircuit):
        raise ValueError(f"circuit must be a qiskit QuantumCircuit, got {type(circuit).__name__}")
    w = np.zeros((circuit.num_qubits, circuit.num_qubits))
    for inst in circuit.data:
        if len(inst.qubits) == 2 and inst.operation.name not in ("barrier", "measure"):
            i, j = (circuit.find_bit(q).index for q in inst.qubits)
            w[i, j] += 1
            w[j, i] += 1
    return w


def remote_gates(circuit_or_matrix: QuantumCircuit | np.ndarray, partition: ArrayLike) -> int:
    """Number of two-qubit gates whose qubits sit on different processors (``partition[q]`` ∈ {0, 1}).

    Each one needs a Bell pair between the processors: any controlled-U costs one ebit and two
    classical bits (Eisert et al., PRA 62, 052317, 2000).

    Examples
    --------
    >>> remote_gates(algorithm_circuit("ghz", 4), [0, 1, 0, 1])
    3
    """
    w = interaction_matrix(circuit_or_matrix) if isinstance(circuit_or_matrix, QuantumCircuit) else circuit_or_matrix
    side = np.asarray(partition)
    if side.shape != (len(w),) or not np.isin(side, (0, 1)).all():
        raise ValueError(f"partition must be {len(w)} entries in {{0, 1}}, got {partition!r}")
    side = side.astype(bool)
    return int(round(w[side][:, ~side].sum()))


def _exhaustive(w: np.ndarray) -> np.ndarray:
    n = len(w)
    ones = np.array(list(itertools.combinations(range(1, n), n // 2)))  # qubit 0 stays on side 0
    x = np.zeros((len(ones), n))
    np.put_along_axis(x, ones, 1.0, axis=1)
    cut = ((x @ w) * (1 - x)).sum(axis=1)
    return x[int(np.argmin(cut))].astype(int)


def _kernighan_lin(w: np.ndarray, side: np.ndarray, max_passes: int = 20) -> np.ndarray:
    """Kernighan & Lin, Bell Syst. Tech. J. 49, 291 (1970): swap the pairs of best cumulative gain."""
    side = side.astype(bool).copy()
    for _ in range(max_passes):
        trial, locked, gains, swaps = side.copy(), np.zeros(len(w), bool), [], []
        for _ in range(min(trial.sum(), (~trial).sum())):
            same = np.where(trial[:, None] == trial[None, :], w, 0).sum(1)
            d = w.sum(1) - 2 * same  # external minus internal cost
            a_idx, b_idx = np.flatnonzero(~trial & ~locked), np.flatnonzero(trial & ~locked)
            gain = d[a_idx][:, None] + d[b_idx][None, :] - 2 * w[np.ix_(a_idx, b_idx)]
            i, j = np.unravel_index(int(np.argmax(gain)), gain.shape)
            a, b = a_idx[i], b_idx[j]
            gains.append(gain[i, j])
            swaps.append((a, b))
            trial[a], trial[b], locked[a], locked[b] = True, False, True, True
        total = np.cumsum(gains)
        k = int(np.argmax(total))
        if total[k] <= 1e-12:
            break
        for a, b in swaps[: k + 1]:
            side[a], side[b] = True, False
    return side.astype(int)


def best_partition(circuit: QuantumCircuit, *, seed: int | None = None, restarts: int = 4) -> np.ndarray:
    """A balanced split (sizes ⌊n/2⌋ and ⌈n/2⌉) with few remote gates: exact for n ≤ 16, else Kernighan–Lin.

    For ``n ≤ 16`` every balanced split is tried (at most 6,435 of them); above that, the Kernighan–Lin
    graph-bisection heuristic runs from the index halves and from ``restarts`` random splits (from
    ``seed``) and the best result is kept.

    Examples
    --------
    >>> int(remote_gates(algorithm_circuit("ghz", 6), best_partition(algorithm_circuit("ghz", 6))))
    1
    """
    w = interaction_matrix(circuit)
    n = len(w)
    if n <= 16:
        return _exhaustive(w)
    rng = np.random.default_rng(seed)
    starts = [np.arange(n) >= n // 2] + [rng.permutation(n) >= n // 2 for _ in range(restarts)]
    results = [_kernighan_lin(w, s) for s in starts]
    return min(results, key=lambda p: remote_gates(w, p))


def naive_partition(n_qubits: int, how: str = "halves", *, seed: int | None = None) -> np.ndarray:
    """A split that ignores the circuit: ``"halves"`` (qubits 0…⌊n/2⌋−1 on A), ``"alternate"`` or ``"random"``.

    Examples
    --------
    >>> naive_partition(4, "alternate").tolist()
    [0, 1, 0, 1]
    """
    n = positive_int("n_qubits", n_qubits, minimum=2)
    how = one_of("how", how, ("halves", "alternate", "random"))
    if how == "halves":
        return (np.arange(n) >= n // 2).astype(int)
    if how == "alternate":
        return np.arange(n) % 2
    return (np.random.default_rng(seed).permutation(n) >= n // 2).astype(int)


@dataclass(frozen=True)
class CircuitSplit:
    """An algorithm split over two processors, before and after a smarter partition."""

    algorithm: str
    n_qubits: int
    two_qubit_gates: int
    naive: np.ndarray
    naive_remote: int  #: remote gates (= Bell pairs) with the naive split
    best: np.ndarray
    best_remote: int  #: remote gates (= Bell pairs) with :func:`best_partition`
    interactions: np.ndarray  #: :func:`interaction_matrix` of the circuit
    naive_method: str  #: how the naive split was made (see :func:`naive_partition`)


def split_circuit(
    algorithm: str, n_qubits: int, *, depth: int | None = None, naive: str = "halves", seed: int | None = None
) -> CircuitSplit:
    """Count the Bell pairs an algorithm needs on two processors, for a naive and a smarter split.

    Examples
    --------
    >>> s = split_circuit("qft", 8)
    >>> s.naive_remote, s.best_remote
    (16, 16)
    """
    qc = algorithm_circuit(algorithm, n_qubits, depth=depth, seed=seed)
    w = interaction_matrix(qc)
    naive = one_of("naive", naive, ("halves", "alternate", "random"))
    first = naive_partition(n_qubits, naive, seed=seed)
    best = best_partition(qc, seed=seed)
    if remote_gates(w, first) < remote_gates(w, best):
        best = first
    return CircuitSplit(
        algorithm,
        qc.num_qubits,
        int(w.sum() // 2),
        first,
        remote_gates(w, first),
        best,
        remote_gates(w, best),
        w,
        naive,
    )
