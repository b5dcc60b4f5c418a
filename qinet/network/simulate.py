"""A timed simulation of entanglement delivery along a path: attempts, heralds, memories, swaps, messages.

The clock is SimPy's discrete-event environment (SimPy 4, https://simpy.readthedocs.io): every event is
a timeout on one simulated clock. The protocol, stated once:

* **Link layer.** Every link of the path runs ``multiplexing`` independent lanes; a lane uses one memory
  at each end. A free lane attempts once per attempt period ``T`` (:func:`topology.attempt_period_s`),
  each attempt succeeding with probability ``p`` (:func:`topology.success_probability`); both nodes
  learn of the success a herald delay after the emission (:func:`topology.herald_delay_s`). The memory
  qubits hold the pair from the emission on. Failed attempts are skipped over by drawing the geometric
  number of attempts (the log keeps their count).
* **Memories.** Every stored qubit decoheres with its node's T₁ and T₂ from the emission until it is
  measured or handed over (:func:`pairs.storage_decay`); a qubit older than ``cutoff_s`` is discarded.
* **Network layer.** An inner node swaps as soon as it holds a pair on each side (the oldest ones),
  frees both memories at once and sends its two outcome bits to both far ends; it passes on the
  earlier outcomes from each side to the other as soon as they arrive, so every outcome reaches
  both end nodes as early as if it had been sent to them directly. The classical messages travel
  along the path's fibre at ``c/n_g`` (:func:`topology.classical_delay_s`). A swap succeeds with
  probability ``swap_success``; a failed swap, a discarded qubit or a failed purification leaves a
  dead pair, which each holder learns about, and drops, when the message arrives.
* **Delivery.** An end-to-end pair is delivered when both end nodes have received every outcome that
  concerns it; its fidelity counts all storage up to then. The end memories are then free again.
* **Purification** (optional, ``multiplexing >= 2``): each link purifies two fresh pairs by one
  DEJMPS round (:func:`pairs.dejmps`); the kept pair is usable once both nodes have exchanged their
  outcomes (one link delay).

Examples
--------
>>> from qinet.network.topology import chain_network
>>> run = simulate(chain_network(1, 10.0), "A", "B", pairs=200, seed=1)
>>> run.delivered, round(run.mean_fidelity, 3)
(200, 1.0)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

import networkx as nx
import numpy as np
import simpy

from qinet import _limits
from qinet._validate import boolean, in_range, instance, number, one_of, positive_int
from qinet._validate import seed as _seed
from qinet.network import pairs as _pairs
from qinet.network import topology as _topology
from qinet.network.topology import Network

EVENT_KINDS = ("attempts", "herald", "swap", "message", "purify", "discard", "delivery", "memory")
MAX_LINK_PAIRS = 5_000_000
"""Give up (ValueError) after this many heralded link pairs without finishing."""
SECONDS_PER_LINK_PAIR = 20e-6
"""Run time per heralded link pair (measured: 25–60 µs on a laptop; the estimate errs on the short side)."""
BYTES_PER_LINK_PAIR = 1300
"""Memory per heralded link pair when the event log is kept (measured: about 1.2 kB)."""


class Event(NamedTuple):
    """One entry of the event log (times in s).

    ``attempts``: a lane's run of ``count`` attempts from ``time_s`` to its successful emission at ``end_s``;
    ``herald``: both nodes learn of a new link pair; ``swap``: a Bell-state measurement at ``node``;
    ``message``: classical bits sent at ``time_s`` from ``node`` to ``peer``, arriving at ``end_s``;
    ``purify``: a purification round on a link; ``discard``: a memory drops a dead or old qubit;
    ``delivery``: an end-to-end pair of ``fidelity`` is delivered; ``memory``: a qubit held at ``node``
    (``count`` 0 for its memory towards the source, 1 towards the destination) from its emission at
    ``time_s`` until ``end_s``, where one half of a perfect pair stored that long keeps ``fidelity``.

    Examples
    --------
    >>> Event(0.0, "message", "R1", "A", 1e-4).end_s
    0.0001
    """

    time_s: float
    kind: str
    node: str
    peer: str = ""
    end_s: float = math.nan
    count: int = 0  # type: ignore[assignment]  # the public field `count` shadows tuple.count; kept by name
    fidelity: float = math.nan


@dataclass(frozen=True)
class SimulationResult:
    """What a run delivered: delivery times (s), fidelities, the event log and counts.

    Examples
    --------
    >>> from qinet.network.topology import chain_network
    >>> run = simulate(chain_network(1, 10.0), "A", "B", pairs=10, seed=2)
    >>> run.delivered, run.path
    (10, ('A', 'B'))
    """

    path: tuple[str, ...]
    requested_pairs: int
    delivery_times_s: np.ndarray
    fidelities: np.ndarray
    events: tuple[Event, ...]
    simulated_s: float
    link_pairs: int
    multiplexing: int

    @property
    def delivered(self) -> int:
        """Number of end-to-end pairs delivered."""
        return int(self.delivery_times_s.size)

    @property
    def rate_hz(self) -> float:
        """Delivered pairs per second of simulated time (0 if none)."""
        return self.delivered / self.simulated_s if self.simulated_s > 0 else 0.0

    def _need_pairs(self, what: str) -> None:
        if self.delivered == 0:
            raise ValueError(
                f"no pair was delivered in {self.simulated_s:.3g} s of simulated time along {' – '.join(self.path)}, "
                f"so there is no {what}: simulate longer (until_s) or improve the links"
            )

    @property
    def intervals_s(self) -> np.ndarray:
        """Times between successive deliveries (the first counted from the start), in s."""
        return np.diff(self.delivery_times_s, prepend=0.0)

    @property
    def mean_interval_s(self) -> float:
        """Mean time per delivered pair, in s."""
        self._need_pairs("mean interval")
        return float(self.delivery_times_s[-1] / self.delivered)

    @property
    def interval_stderr_s(self) -> float:
        """Standard error of `mean_interval_s` (needs at least two deliveries)."""
        self._need_pairs("interval error")
        if self.delivered < 2:
            raise ValueError("one delivery gives no standard error: deliver at least two pairs")
        return float(self.intervals_s.std(ddof=1) / math.sqrt(self.delivered))

    @property
    def mean_fidelity(self) -> float:
        """Mean fidelity of the delivered pairs."""
        self._need_pairs("mean fidelity")
        return float(self.fidelities.mean())

    @property
    def fidelity_stderr(self) -> float:
        """Standard error of `mean_fidelity` (0 for a single delivery)."""
        self._need_pairs("fidelity error")
        return float(self.fidelities.std(ddof=1) / math.sqrt(self.delivered)) if self.delivered > 1 else 0.0

    def summary(self) -> str:
        """One sentence: what was delivered, how fast and how well.

        Examples
        --------
        >>> from qinet.network.topology import chain_network
        >>> simulate(chain_network(1, 300.0), "A", "B", until_s=1e-3, seed=1).summary()
        'A – B: no pair delivered in 0.001 s of simulated time (0 link pairs)'
        """
        route = " – ".join(self.path)
        if self.delivered == 0:
            spent = f"{self.simulated_s:.3g} s of simulated time ({self.link_pairs} link pairs)"
            return f"{route}: no pair delivered in {spent}"
        return (
            f"{route}: {self.delivered} pairs in {self.simulated_s:.4g} s ({self.rate_hz:.4g} pairs/s), "
            f"mean fidelity {self.mean_fidelity:.4f} ± {self.fidelity_stderr:.4f}"
        )


class _Qubit:
    __slots__ = ("node", "side", "slot", "born", "since", "known", "pair")

    def __init__(self, node: int, side: int, slot: int, born: float, known: float) -> None:
        self.node, self.side, self.slot = node, side, slot
        self.born = self.since = born
        self.known = known
        self.pair: _Pair | None = None


class _Pair:
    __slots__ = ("lam", "alive", "ends", "ready", "pending")

    def __init__(self, lam: _pairs.Lambdas, a: _Qubit, b: _Qubit, ready: bool) -> None:
        self.lam, self.alive, self.ends, self.ready, self.pending = lam, True, (a, b), ready, False
        a.pair = b.pair = self


class _Run:
    """One simulation run (internal): state of every memory slot and lane, and the event handlers."""

    def __init__(
        self,
        network: Network,
        path: tuple[str, ...],
        *,
        lanes: int,
        pairs: int,
        swap_success: float,
        cutoff_s: float | None,
        purify: bool,
        record: bool,
        seed: int | None,
    ) -> None:
        self.env = simpy.Environment()
        self.rng = np.random.default_rng(seed)
        self.path, self.n, self.lanes, self.goal = path, len(path) - 1, lanes, pairs
        self.swap_success, self.cutoff, self.purify, self.record = swap_success, cutoff_s, purify, record
        self.decay = _pairs.storage_decay  # looked up per run, so a patched model is used
        self.out_of_time = _limits.deadline()
        links = network.path_links(path)
        self.p = [_topology.success_probability(link) for link in links]
        self.period = [_topology.attempt_period_s(link) for link in links]
        self.herald = [_topology.herald_delay_s(link) for link in links]
        self.fresh = [_topology.fresh_pair(link) for link in links]
        position = np.concatenate([[0.0], np.cumsum([network.link_length_km(link) for link in links])])
        group = [getattr(link, "group_index", 1.468) for link in links]
        self.delay = [
            [_topology.classical_delay_s(abs(position[j] - position[i]), max(group)) for j in range(self.n + 1)]
            for i in range(self.n + 1)
        ]
        nodes = [network.node(name) for name in path]
        self.t1 = [node.t1_s for node in nodes]
        self.t2 = [node.t2_s for node in nodes]
        self.held: list[list[list[_Qubit | None]]] = [[[None] * lanes, [None] * lanes] for _ in range(self.n + 1)]
        self.busy = [[False] * lanes for _ in range(self.n)]
        self.events: list[Event] = []
        self.times: list[float] = []
        self.fids: list[float] = []
        self.link_pairs = 0
        self.done = self.env.event()

    # --- helpers ---------------------------------------------------------------------------------
    def _at(self, delay: float, handler, *args) -> None:
        self.env.timeout(max(delay, 0.0)).callbacks.append(lambda _e: handler(*args))

    def _log(self, *fields) -> None:
        if self.record:
            self.events.append(Event(*fields))

    def _stored(self, q: _Qubit, lam: _pairs.Lambdas, now: float) -> _pairs.Lambdas:
        """``lam`` after qubit ``q`` has waited in its memory until ``now``; restarts its storage clock."""
        out = _pairs.multiply(lam, self.decay(now - q.since, t1_s=self.t1[q.node], t2_s=self.t2[q.node]))
        q.since = now
        return out

    def _free(self, q: _Qubit) -> None:
        if self.record:
            now = self.env.now
            kept = _pairs.fidelity(self.decay(now - q.born, t1_s=self.t1[q.node], t2_s=self.t2[q.node]))
            self.events.append(Event(q.born, "memory", self.path[q.node], "", now, q.side, kept))
        self.held[q.node][q.side][q.slot] = None
        link = q.node - 1 if q.side == 0 else q.node
        self._start_lane(link, q.slot)

    # --- link layer ------------------------------------------------------------------------------
    def _start_lane(self, k: int, j: int) -> None:
        if self.busy[k][j] or self.held[k][1][j] is not None or self.held[k + 1][0][j] is not None:
            return
        if self.link_pairs > MAX_LINK_PAIRS:
            raise ValueError(
                f"the run made {MAX_LINK_PAIRS:,} link pairs without delivering {self.goal} end-to-end pairs; "
                f"a cutoff_s of {self.cutoff!r} s may be shorter than the links need to come up together"
            )
        if self.link_pairs % 4096 == 0 and self.out_of_time():
            raise _limits.ResourceLimitError(
                f"pairs={self.goal:,}: the run stopped after {_limits.MAX_SECONDS:g} s (QINET_MAX_SECONDS) with "
                f"{len(self.times):,} pairs delivered and {self.link_pairs:,} link pairs made: ask for fewer pairs, "
                "a shorter until_s, or a longer cutoff_s"
            )
        self.busy[k][j] = True
        p = self.p[k]
        attempts = int(self.rng.geometric(p)) if p > 1e-12 else math.ceil(self.rng.exponential(1.0 / p))
        emission = self.env.now + (attempts - 1) * self.period[k]
        self._at(emission - self.env.now + self.herald[k], self._heralded, k, j, emission, attempts)

    def _heralded(self, k: int, j: int, emission: float, attempts: int) -> None:
        now = self.env.now
        self.busy[k][j] = False
        self.link_pairs += 1
        left, right = self.path[k], self.path[k + 1]
        self._log(emission - (attempts - 1) * self.period[k], "attempts", left, right, emission, attempts)
        self._log(now, "herald", left, right)
        qa, qb = _Qubit(k, 1, j, emission, now), _Qubit(k + 1, 0, j, emission, now)
        self.held[k][1][j], self.held[k + 1][0][j] = qa, qb
        pair = _Pair(self.fresh[k], qa, qb, ready=not self.purify)
        if self.cutoff is not None:
            for q in (qa, qb):
                self._at(emission + self.cutoff - now, self._expire, q)
        if self.purify:
            self._try_purify(k)
        else:
            self._progress(pair)

    # --- purification ----------------------------------------------------------------------------
    def _try_purify(self, k: int) -> None:
        fresh = [
            q.pair
            for q in self.held[k][1]
            if q is not None
            and q.pair is not None
            and q.pair.alive
            and not q.pair.ready
            and not q.pair.pending
            and q.pair.ends[1].node == k + 1
            and self.held[k + 1][0][q.pair.ends[1].slot] is q.pair.ends[1]
        ]
        if len(fresh) < 2:
            return
        keep, sacrifice = sorted(fresh[:2], key=lambda pr: pr.ends[0].born)
        now = self.env.now
        lam_keep = self._stored(keep.ends[1], self._stored(keep.ends[0], keep.lam, now), now)
        lam_other = self._stored(sacrifice.ends[1], self._stored(sacrifice.ends[0], sacrifice.lam, now), now)
        keep.lam, success = _pairs.dejmps(lam_keep, lam_other)
        keep.alive = self.rng.random() < success
        keep.pending = True
        sacrifice.alive = False
        for q in sacrifice.ends:
            self._free(q)
        delay = self.delay[k][k + 1]
        self._log(now, "purify", self.path[k], self.path[k + 1])
        self._log(now, "message", self.path[k], self.path[k + 1], now + delay)
        self._log(now, "message", self.path[k + 1], self.path[k], now + delay)
        for q in keep.ends:
            q.known = max(q.known, now + delay)
        self._at(delay, self._purified, keep)

    def _purified(self, pair: _Pair) -> None:
        pair.pending = False
        if not pair.alive:
            for q in pair.ends:
                self._discard(q)
            return
        pair.ready = True
        self._progress(pair)

    # --- network layer ---------------------------------------------------------------------------
    def _progress(self, pair: _Pair) -> None:
        a, b = pair.ends
        if a.node == 0 and b.node == self.n:
            self._at(max(a.known, b.known) - self.env.now, self._deliver, pair)
            return
        for q in (a, b):
            if 0 < q.node < self.n:
                self._try_swap(q.node)

    def _oldest_ready(self, i: int, side: int) -> _Qubit | None:
        best = None
        for q in self.held[i][side]:
            if q is not None and q.pair is not None and q.pair.ready and (best is None or q.born < best.born):
                best = q
        return best

    def _try_swap(self, i: int) -> None:
        ql, qr = self._oldest_ready(i, 0), self._oldest_ready(i, 1)
        if ql is None or qr is None:
            return
        now = self.env.now
        pl, pr = ql.pair, qr.pair
        assert pl is not None and pr is not None  # _oldest_ready returns only qubits that hold a pair
        lam = _pairs.multiply(self._stored(ql, pl.lam, now), self._stored(qr, pr.lam, now))
        far_left = pl.ends[0] if pl.ends[1] is ql else pl.ends[1]
        far_right = pr.ends[1] if pr.ends[0] is qr else pr.ends[0]
        ok = self.swap_success >= 1.0 or self.rng.random() < self.swap_success
        merged = _Pair(lam, far_left, far_right, ready=True)
        merged.alive = pl.alive and pr.alive and ok
        pl.alive = pr.alive = False
        ql.pair = qr.pair = None
        self._log(now, "swap", self.path[i], "", math.nan, int(ok))
        # each far end learns this outcome, and the earlier outcomes from the other side, which reach this
        # node when its qubit on that side knows them (and are passed on then)
        for far, other_side in ((far_left, qr), (far_right, ql)):
            arrival = now + self.delay[i][far.node]
            self._log(now, "message", self.path[i], self.path[far.node], arrival)
            if other_side.known > now:
                relayed = other_side.known + self.delay[i][far.node]
                self._log(other_side.known, "message", self.path[i], self.path[far.node], relayed)
                arrival = max(arrival, relayed)
            far.known = max(far.known, arrival)
        self._free(ql)
        self._free(qr)
        if merged.alive:
            self._progress(merged)
        else:
            for far in (far_left, far_right):
                self._at(far.known - now, self._discard, far)

    def _expire(self, q: _Qubit) -> None:
        if self.held[q.node][q.side][q.slot] is not q or q.pair is None:
            return
        pair = q.pair
        pair.alive = False
        other = pair.ends[1] if pair.ends[0] is q else pair.ends[0]
        now = self.env.now
        self._log(now, "discard", self.path[q.node])
        self._log(now, "message", self.path[q.node], self.path[other.node], now + self.delay[q.node][other.node])
        q.pair = None
        self._free(q)
        self._at(self.delay[q.node][other.node], self._discard, other)

    def _discard(self, q: _Qubit) -> None:
        if self.held[q.node][q.side][q.slot] is not q:
            return
        self._log(self.env.now, "discard", self.path[q.node])
        q.pair = None
        self._free(q)

    def _deliver(self, pair: _Pair) -> None:
        a, b = pair.ends
        if not pair.alive or self.held[0][1][a.slot] is not a or self.held[self.n][0][b.slot] is not b:
            for q in (a, b):
                self._discard(q)
            return
        now = self.env.now
        lam = self._stored(b, self._stored(a, pair.lam, now), now)
        fid = _pairs.fidelity(lam)
        self.times.append(now)
        self.fids.append(fid)
        self._log(now, "delivery", self.path[0], self.path[-1], math.nan, 0, fid)
        a.pair = b.pair = None
        self._free(a)
        self._free(b)
        if len(self.times) >= self.goal and not self.done.triggered:
            self.done.succeed()

    def run(self, until_s: float | None) -> float:
        for k in range(self.n):
            for j in range(self.lanes):
                self._start_lane(k, j)
        stop = self.done if until_s is None else self.env.any_of([self.done, self.env.timeout(until_s)])
        self.env.run(until=stop)
        return self.times[-1] if self.done.triggered or until_s is None else float(until_s)


def _lanes(network: Network, path: tuple[str, ...], multiplexing: int | None) -> int:
    capacity = []
    for index, name in enumerate(path):
        node = network.node(name)
        inner = 0 < index < len(path) - 1
        per_side = node.memories // 2 if inner else node.memories
        if per_side == 0:
            need = "two memories (one per side) to swap" if inner else "a memory"
            raise ValueError(f"node {name!r} ({node.role}, {node.memories} memories) on the path needs at least {need}")
        capacity.append((per_side, name, node.memories, inner))
    if multiplexing is None:
        return min(c[0] for c in capacity)
    m = positive_int("multiplexing", multiplexing)
    for per_side, name, memories, inner in capacity:
        if m > per_side:
            needed = 2 * m if inner else m
            raise ValueError(f"multiplexing={m} needs {needed} memories at node {name!r}, which has {memories}")
    return m


def simulate(
    network: Network,
    source: str,
    destination: str,
    *,
    pairs: int = 100,
    seed: int | None = None,
    path: list[str] | tuple[str, ...] | None = None,
    until_s: float | None = None,
    multiplexing: int | None = None,
    swap_success: float = 1.0,
    cutoff_s: float | None = None,
    purification: str | None = None,
    record_events: bool = True,
) -> SimulationResult:
    """Simulate the delivery of ``pairs`` end-to-end pairs from ``source`` to ``destination``.

    See the module docstring for the protocol. The path is the shortest by fibre length unless
    ``path`` is given (e.g. from :func:`qinet.network.routing.best_path`).

    Parameters
    ----------
    network : the network.
    source, destination : end nodes of the requested pairs (different, known).
    pairs : stop after this many deliveries (>= 1). Refused beforehand if the run would take longer than
        ``qinet._limits.MAX_SECONDS`` or its event log more than ``MAX_MEMORY_MB`` (about 20 µs and, with
        ``record_events``, 1.3 kB per link pair); a run that still overruns stops with ResourceLimitError.
    seed : seed of the random draws; the same seed gives the same run.
    path : the node names from ``source`` to ``destination``.
    until_s : stop after this much simulated time (> 0), even if fewer pairs were delivered.
    multiplexing : lanes per link (memories used per side); default: as many as every node allows.
    swap_success : success probability of a swap, in (0, 1].
    cutoff_s : drop a qubit this long after its emission (> 0), or None.
    purification : None, or ``"dejmps"`` (one round on every link; needs multiplexing >= 2).
    record_events : keep the event log (switch off for speed).

    Returns
    -------
    SimulationResult with the delivery times, fidelities and event log.

    Examples
    --------
    >>> from qinet.network.topology import chain_network
    >>> net = chain_network(2, 25.0, t2_s=1.0)
    >>> run = simulate(net, "A", "B", pairs=300, seed=3)
    >>> run.delivered, run.multiplexing, 0.9 < run.mean_fidelity < 1.0
    (300, 1, True)
    """
    instance("network", network, Network, "a Network (qinet.network.chain_network, catalog.load ...)")
    network.check_node("source", source), network.check_node("destination", destination)
    seed = _seed(seed)
    record = boolean("record_events", record_events)
    if source == destination:
        raise ValueError(f"source and destination must differ, both are {source!r}")
    if path is None:
        try:
            path = nx.shortest_path(network.graph, source, destination, weight="length_km")
        except nx.NetworkXNoPath:  # pragma: no cover - Network refuses disconnected graphs
            raise ValueError(f"there is no path from {source!r} to {destination!r}") from None
    nodes = network.check_path(path)
    if nodes[0] != source or nodes[-1] != destination:
        raise ValueError(f"path must run from {source!r} to {destination!r}, got {list(nodes)}")
    goal = positive_int("pairs", pairs, 1, MAX_LINK_PAIRS)
    lanes = _lanes(network, nodes, multiplexing)
    until = (
        None if until_s is None else float(in_range("until_s", until_s, 0.0, math.inf, low_open=True, high_open=True))
    )
    link_pairs = goal * (len(nodes) - 1)  # at least one pair per link per delivery
    if until is not None:  # no more link pairs than the links can make in the span (twice the mean, for luck)
        rates = [_topology.success_probability(k) / _topology.attempt_period_s(k) for k in network.path_links(nodes)]
        made = lanes * until * sum(rates)
        link_pairs = min(link_pairs, int(2 * made) + len(nodes))
    _limits.check_budget(
        "pairs",
        goal,
        bytes_needed=link_pairs * BYTES_PER_LINK_PAIR if record else 0.0,
        seconds_needed=link_pairs * SECONDS_PER_LINK_PAIR,
        lower="ask for fewer pairs" + ("" if not record else ", or pass record_events=False"),
    )
    a = float(in_range("swap_success", swap_success, 0.0, 1.0, low_open=True))
    cutoff = None if cutoff_s is None else float(number("cutoff_s", cutoff_s, 0.0, low_open=True))
    purify = purification is not None
    if purify:
        one_of("purification", purification, ("dejmps",))
        if lanes < 2:
            raise ValueError(f"purification needs multiplexing >= 2 (two pairs per link), got {lanes}")
    run = _Run(
        network,
        nodes,
        lanes=lanes,
        pairs=goal,
        swap_success=a,
        cutoff_s=cutoff,
        purify=purify,
        record=record,
        seed=seed,
    )
    span = run.run(until)
    return SimulationResult(
        path=nodes,
        requested_pairs=goal,
        delivery_times_s=np.array(run.times),
        fidelities=np.array(run.fids),
        events=tuple(run.events),
        simulated_s=span,
        link_pairs=run.link_pairs,
        multiplexing=lanes,
    )
