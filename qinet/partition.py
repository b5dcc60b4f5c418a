"""One circuit, two processors: how many remote gates and how many Bell pairs a split of the qubits costs.

Every two-qubit gate whose qubits sit on different processors is a **remote gate**. Done one at a time,
each costs one Bell pair and two classical bits (Eisert et al., PRA 62, 052317, 2000; see
:mod:`qinet.distributed`). The number of remote gates is the weight of the cut of the circuit's
interaction graph, so the split with the fewest is a minimum balanced cut: found exhaustively up to
16 qubits, and by the Kernighan–Lin heuristic (Bell Syst. Tech. J. 49, 291, 1970) above that.

Remote gates are not Bell pairs. Eisert's cat-entangler copies a qubit's Z value to the other
processor; the copy serves *every* remote gate that is diagonal on that qubit (it acts there as a
control: the control of a CX, either qubit of a CZ or CP) until a gate that changes the qubit's Z
value in another way than a flip (H, being a CX target) forces the cat-disentangler; an X on the qubit
is mirrored by an X on the copy. Because ``CX = H_t CZ H_t``, the same trick in the X basis (H, copy,
CZs on the other side, uncopy, H) serves a run of CXs that share a *target*. One copy per run is one
hyperedge of Andrés-Martínez & Heunen (PRA 100, 032308, 2019). :func:`embedding` finds the fewest Bell
pairs of this scheme for a given split: split each qubit's history into Z runs and X runs (between
gates that break a copy in that basis); every remote gate must be served by a run of one of its two
qubits (one in whose basis it is diagonal there); picking the fewest runs is a minimum vertex cover of
a bipartite graph (runs on A, runs on B, one edge per remote gate), which König's theorem makes exact:
it has as many vertices as a maximum matching. A half-split n-qubit QFT has (n/2)² remote gates but
needs n/2 Bell pairs. The count is exact for this scheme and an upper bound on the fewest ebits of any
protocol (cleverer protocols can pack gates across more kinds of intervening gates).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike
from qiskit import QuantumCircuit, QuantumRegister
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import maximum_bipartite_matching

from qinet._validate import array, one_of, positive_int
from qinet._validate import seed as checked_seed
from qinet.circuits import COPY_BASES, diagonal_qubits, ghz, keeps_copy

ALGORITHMS = ("qft", "ghz", "brickwork", "clustered")


#: Most qubits an algorithm circuit may have (the exact search stops at 16; Kernighan–Lin goes far beyond).
MAX_QUBITS = 200
#: Most layers of ``"brickwork"`` and ``"clustered"`` circuits (200 × 200 qubits: 40,000 gates, about a second).
MAX_DEPTH = 200
#: Most random restarts of the Kernighan–Lin search in :func:`best_partition`.
MAX_RESTARTS = 100


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
    n = positive_int("n_qubits", n_qubits, minimum=2, maximum=MAX_QUBITS)
    depth = positive_int("depth", n if depth is None else depth, maximum=MAX_DEPTH)
    seed = checked_seed(seed)
    qc = QuantumCircuit(QuantumRegister(n, "q"), name=f"{name}_{n}")
    if name == "qft":
        for j in range(n):
            qc.h(j)
            for k in range(j + 1, n):
                qc.cp(np.pi / 2 ** (k - j), k, j)
    elif name == "ghz":
        qc.compose(ghz(n), inplace=True)
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

    Gates on three or more qubits raise ``ValueError``: decompose them first.

    Examples
    --------
    >>> interaction_matrix(algorithm_circuit("ghz", 3)).astype(int).tolist()
    [[0, 1, 0], [1, 0, 1], [0, 1, 0]]
    """
    return _matrix(_gate_table(circuit), circuit.num_qubits)


def _matrix(table: list[_Gate], n: int) -> np.ndarray:
    w = np.zeros((n, n))
    if table:
        pairs = np.array([(q0, q1) for _, q0, q1, *_ in table])
        np.add.at(w, (pairs[:, 0], pairs[:, 1]), 1.0)
        np.add.at(w, (pairs[:, 1], pairs[:, 0]), 1.0)
    return w


def _interactions(name: str, value: object) -> np.ndarray:
    """The interaction matrix of a circuit, or a given one checked: square, symmetric, finite, non-negative."""
    if isinstance(value, QuantumCircuit):
        return interaction_matrix(value)
    w = array(name, value, ndim=2, low=0.0, finite=True)
    if w.shape[0] != w.shape[1] or w.shape[0] < 2 or not np.allclose(w, w.T):
        raise ValueError(
            f"{name} must be a QuantumCircuit or a symmetric n × n interaction matrix (n ≥ 2), got shape {w.shape}"
        )
    if w.shape[0] > MAX_QUBITS:
        raise ValueError(f"{name} must have at most {MAX_QUBITS} qubits, got {w.shape[0]}")
    return w


def _sides(partition: ArrayLike, n: int) -> np.ndarray:
    side = np.asarray(partition)
    if side.shape != (n,) or not np.isin(side, (0, 1)).all():
        raise ValueError(f"partition must be {n} entries in {{0, 1}}, got {partition!r}")
    return side.astype(bool)


def remote_gates(circuit_or_matrix: QuantumCircuit | np.ndarray, partition: ArrayLike) -> int:
    """Number of two-qubit gates whose qubits sit on different processors (``partition[q]`` ∈ {0, 1}).

    Done one by one, each needs its own Bell pair: any controlled-U costs one ebit and two classical
    bits (Eisert et al., PRA 62, 052317, 2000). Sharing a copy of a control cuts the Bell pairs
    below this count: see :func:`bell_pairs`.

    Examples
    --------
    >>> remote_gates(algorithm_circuit("ghz", 4), [0, 1, 0, 1])
    3
    """
    w = _interactions("circuit_or_matrix", circuit_or_matrix)
    side = _sides(partition, len(w))
    return int(round(w[side][:, ~side].sum()))


@dataclass(frozen=True)
class SharedCopy:
    """One Bell pair: a copy of ``qubit``'s value in ``basis`` (``"z"`` or ``"x"``) on the other processor.

    It serves the remote gates ``gates`` (indices into the circuit's ``data``), all diagonal on
    ``qubit`` in that basis, with nothing on ``qubit`` between the first and the last that breaks the
    copy (:func:`qinet.circuits.keeps_copy`).
    """

    qubit: int
    gates: tuple[int, ...]
    basis: str = "z"


_Run = tuple[str, int] | None  # (basis, run number) of a qubit that could serve a gate, or None
_Gate = tuple[int, int, int, _Run, _Run, str]  # (index, q0, q1, run of q0, run of q1, name)


def _gate_table(circuit: QuantumCircuit) -> list[_Gate]:
    """Every two-qubit gate with, for each of its qubits, the run that could serve it (None if none).

    A gate diagonal on a qubit in Z (else in X) can be served by that qubit's current Z (X) run; a
    qubit's Z (X) run number goes up after every operation that breaks a Z (X) copy of it.
    """
    if not isinstance(circuit, QuantumCircuit):
        raise ValueError(f"circuit must be a qiskit QuantumCircuit, got {type(circuit).__name__}")
    index = {q: k for k, q in enumerate(circuit.qubits)}
    run = {basis: [0] * circuit.num_qubits for basis in COPY_BASES}
    table: list[_Gate] = []
    for i, inst in enumerate(circuit.data):
        op = inst.operation
        if op.name == "barrier":
            continue
        qubits = [index[q] for q in inst.qubits]
        if len(qubits) > 2 or op.name in ("if_else", "while_loop", "for_loop", "switch_case", "box"):
            raise ValueError(f"instruction {i} ({op.name!r}) is not a one- or two-qubit gate; decompose it first")
        if len(qubits) == 2:
            ends = []
            for pos, q in enumerate(qubits):
                basis = next((b for b in COPY_BASES if diagonal_qubits(op, b)[pos]), None)
                ends.append(None if basis is None else (basis, run[basis][q]))
            table.append((i, *qubits, *ends, op.name))
        for basis in COPY_BASES:
            for q, keeps in zip(qubits, keeps_copy(op, basis), strict=True):
                if not keeps:
                    run[basis][q] += 1
    return table


def _embedding(table: list[_Gate], side: np.ndarray) -> tuple[SharedCopy, ...]:
    """Fewest shared copies covering every remote gate: forced runs, then König's theorem on the rest."""
    remote = []
    forced: set[tuple[int, tuple[str, int]]] = set()
    for i, q0, q1, r0, r1, name in table:
        if side[q0] == side[q1]:
            continue
        ends = [(q, r) for q, r in ((q0, r0), (q1, r1)) if r is not None]
        if not ends:
            raise ValueError(
                f"instruction {i} ({name!r} on qubits {q0}, {q1}) is diagonal on neither qubit (in Z or X), so no "
                "shared copy can serve it; decompose the circuit into controlled and diagonal gates (cx, cz, cp) first"
            )
        if len(ends) == 1:
            forced.add(ends[0])
        remote.append((i, ends))
    left: dict[tuple[int, tuple[str, int]], int] = {}
    right: dict[tuple[int, tuple[str, int]], int] = {}
    edges = []
    for _, ends in remote:
        if len(ends) == 2 and not forced.intersection(ends):
            a, b = ends if not side[ends[0][0]] else ends[::-1]
            edges.append((left.setdefault(a, len(left)), right.setdefault(b, len(right))))
    cover = set(forced)
    if edges:
        rows, cols = np.array(edges).T
        graph = csr_matrix((np.ones(len(edges)), (rows, cols)), shape=(len(left), len(right)))
        match_of_left = maximum_bipartite_matching(graph, perm_type="column")
        match_of_right = np.full(len(right), -1)
        for u, v in enumerate(match_of_left):
            if v >= 0:
                match_of_right[v] = u
        neighbours: list[list[int]] = [[] for _ in left]
        for u, v in edges:
            neighbours[u].append(v)
        # König: Z = vertices reached from unmatched left vertices by alternating paths; cover = (L \ Z) ∪ (R ∩ Z)
        seen_left = set(np.flatnonzero(match_of_left < 0).tolist())
        seen_right: set[int] = set()
        stack = list(seen_left)
        while stack:
            for v in neighbours[stack.pop()]:
                if v not in seen_right:
                    seen_right.add(v)
                    u = int(match_of_right[v])
                    if u >= 0 and u not in seen_left:
                        seen_left.add(u)
                        stack.append(u)
        cover |= {node for node, u in left.items() if u not in seen_left}
        cover |= {node for node, v in right.items() if v in seen_right}
    served: dict[tuple[int, tuple[str, int]], list[int]] = {}
    for i, ends in remote:
        served.setdefault(next(e for e in ends if e in cover), []).append(i)
    copies = [SharedCopy(q, tuple(gates), basis) for (q, (basis, _)), gates in served.items()]
    return tuple(sorted(copies, key=lambda c: c.gates[0]))


def embedding(circuit: QuantumCircuit, partition: ArrayLike) -> tuple[SharedCopy, ...]:
    """The fewest Bell pairs that run ``circuit`` on two processors with shared copies of qubits.

    Rule (Eisert et al., PRA 62, 052317, 2000; one copy per hyperedge of Andrés-Martínez & Heunen, PRA
    100, 032308, 2019): a copy of qubit ``q`` made by one cat-entangler serves every remote gate diagonal
    on ``q`` (see :func:`qinet.circuits.diagonal_qubits`) until an operation that breaks the copy (see
    :func:`qinet.circuits.keeps_copy`; an X is mirrored on the copy). A copy in the X basis (H before
    and after) does the same for gates that commute with X on ``q``, such as CXs onto ``q`` as target.
    Each remote gate must be served by a copy of one of its qubits. Choosing the fewest copies is a
    minimum vertex cover of the bipartite graph of runs (a run on each processor per remote gate), exact
    by König's theorem (size of a maximum matching, found with SciPy). Runs that are the only choice
    for some gate are taken first. The result is the fewest pairs of this scheme, an upper bound on the
    fewest of any protocol. :func:`qinet.circuits.cat_distributed` builds the circuit from it.

    Examples
    --------
    >>> qft = algorithm_circuit("qft", 4)
    >>> [(c.qubit, len(c.gates), c.basis) for c in embedding(qft, [0, 0, 1, 1])]  # 4 remote CPs, 2 pairs
    [(0, 2, 'z'), (1, 2, 'z')]
    >>> fan_in = QuantumCircuit(3)
    >>> _ = fan_in.cx(1, 0); _ = fan_in.cx(2, 0)
    >>> [(c.qubit, c.gates, c.basis) for c in embedding(fan_in, [0, 1, 1])]  # one X copy of the target
    [(0, (0, 1), 'x')]
    """
    table = _gate_table(circuit)
    return _embedding(table, _sides(partition, circuit.num_qubits))


def bell_pairs(circuit: QuantumCircuit, partition: ArrayLike) -> int:
    """Fewest Bell pairs that run ``circuit`` split by ``partition``: ``len(embedding(circuit, partition))``.

    At most :func:`remote_gates` (one pair per remote gate, without sharing).

    Examples
    --------
    >>> qft = algorithm_circuit("qft", 6)
    >>> remote_gates(qft, [0, 0, 0, 1, 1, 1]), bell_pairs(qft, [0, 0, 0, 1, 1, 1])
    (9, 3)
    """
    return len(embedding(circuit, partition))


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


def best_partition(circuit: QuantumCircuit | np.ndarray, *, seed: int | None = None, restarts: int = 4) -> np.ndarray:
    """A balanced split (sizes ⌊n/2⌋ and ⌈n/2⌉) with few remote gates: exact for n ≤ 16, else Kernighan–Lin.

    ``circuit`` may also be its :func:`interaction_matrix`. It minimises remote gates, not Bell pairs.

    For ``n ≤ 16`` every balanced split is tried (at most 6,435 of them); above that, the Kernighan–Lin
    graph-bisection heuristic runs from the index halves and from ``restarts`` random splits (from
    ``seed``) and the best result is kept.

    Examples
    --------
    >>> int(remote_gates(algorithm_circuit("ghz", 6), best_partition(algorithm_circuit("ghz", 6))))
    1
    """
    w = _interactions("circuit", circuit)
    seed = checked_seed(seed)
    restarts = positive_int("restarts", restarts, minimum=0, maximum=MAX_RESTARTS)
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
    n = positive_int("n_qubits", n_qubits, minimum=2, maximum=MAX_QUBITS)
    how = one_of("how", how, ("halves", "alternate", "random"))
    seed = checked_seed(seed)
    if how == "halves":
        return (np.arange(n) >= n // 2).astype(int)
    if how == "alternate":
        return np.arange(n) % 2
    return (np.random.default_rng(seed).permutation(n) >= n // 2).astype(int)


@dataclass(frozen=True)
class CircuitSplit:
    """An algorithm split over two processors, before and after a smarter partition.

    ``*_remote`` count remote gates (one Bell pair each if done one by one); ``*_pairs`` count the
    fewest Bell pairs for the same split when shared copies serve consecutive remote gates
    (:func:`embedding`).
    """

    algorithm: str
    n_qubits: int
    two_qubit_gates: int
    naive: np.ndarray
    naive_remote: int  #: remote gates with the naive split
    best: np.ndarray
    best_remote: int  #: remote gates with the min-cut split
    interactions: np.ndarray  #: :func:`interaction_matrix` of the circuit
    naive_method: str  #: how the naive split was made (see :func:`naive_partition`)
    naive_pairs: int  #: fewest Bell pairs with the naive split (:func:`bell_pairs`)
    best_pairs: int  #: fewest Bell pairs with the min-cut split


def split_circuit(
    algorithm: str, n_qubits: int, *, depth: int | None = None, naive: str = "halves", seed: int | None = None
) -> CircuitSplit:
    """Count remote gates and Bell pairs of an algorithm on two processors, for a naive and a min-cut split.

    The min-cut split minimises **remote gates** (:func:`best_partition`); when the naive split or the
    index halves cut as few gates, the one of these that needs the fewest Bell pairs is kept. Bell
    pairs are then counted for each split (:func:`bell_pairs`); they are not minimised over splits.

    Examples
    --------
    >>> s = split_circuit("qft", 8)
    >>> s.naive_remote, s.best_remote, s.naive_pairs, s.best_pairs
    (16, 16, 4, 4)
    """
    qc = algorithm_circuit(one_of("algorithm", algorithm, ALGORITHMS), n_qubits, depth=depth, seed=seed)
    table = _gate_table(qc)
    w = _matrix(table, qc.num_qubits)
    naive = one_of("naive", naive, ("halves", "alternate", "random"))
    first = naive_partition(n_qubits, naive, seed=seed)
    candidates = [best_partition(w, seed=seed), first, naive_partition(n_qubits, "halves")]
    costs = [(remote_gates(w, p), len(_embedding(table, p.astype(bool)))) for p in candidates]
    k = min(range(len(candidates)), key=costs.__getitem__)
    return CircuitSplit(
        algorithm,
        qc.num_qubits,
        int(w.sum() // 2),
        first,
        costs[1][0],
        candidates[k],
        costs[k][0],
        w,
        naive,
        costs[1][1],
        costs[k][1],
    )
