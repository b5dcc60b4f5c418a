"""Routing: best and alternative paths by a physical metric, and trusted relays vs swapping vs a satellite.

Candidate paths are the shortest simple paths by fibre length (networkx's ``shortest_simple_paths``,
Yen's algorithm: J. Y. Yen, Management Science 17, 712 (1971), doi:10.1287/mnsc.17.11.712); each is
scored by a physical metric and the best returned:

* ``"rate"``: end-to-end pairs per second of entanglement swapping with perfect memories:
  ``1 / E[max_i T_i G_i]`` (`path_rate_hz`), links attempting in parallel, each ``G_i`` geometric;
* ``"fidelity"``: the swapped pair's fidelity with the memories waiting the mean time (`path_fidelity`);
* ``"key_rate"``: trusted-node relaying, the slowest hop's decoy-state BB84 key rate (`trusted_key_rate_bps`);
* ``"length"``: the shortest path.

Examples
--------
>>> from qinet.network.topology import chain_network
>>> net = chain_network(2, 25.0)
>>> best_path(net, "A", "B", metric="rate")
('A', 'R1', 'B')
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx

from qinet import bounds, keyrates, repeaters, trusted
from qinet._validate import one_of, positive_int
from qinet.network import pairs as _pairs
from qinet.network import topology as _topology
from qinet.network.topology import FiberLink, Network, SatelliteLink

METRICS = ("rate", "fidelity", "key_rate", "length")
MAX_EXACT_LINKS = 16
"""Beyond this many unequal links the waiting time uses the harmonic bound instead of inclusion–exclusion."""


def chain_wait_s(success: Sequence[float], period_s: Sequence[float]) -> float:
    """Expected time in s until every link of a chain is up, links attempting in parallel and keeping pairs.

    Equal links: ``expected_rounds(p, n) · T`` (:func:`qinet.repeaters.expected_rounds`, exact). Unequal
    links: each link's time treated as exponential with rate ``r_i = p_i / T_i`` (exact as ``p → 0``),
    ``E[max] = Σ_{S ≠ ∅} (−1)^{|S|+1} / Σ_{i∈S} r_i`` (inclusion–exclusion); beyond 16 links the
    upper bound ``Σ_i 1/r_i`` is used.

    Examples
    --------
    >>> round(chain_wait_s([0.1, 0.1], [1e-3, 1e-3]) * 1e3, 4)
    14.7368
    """
    p = [float(x) for x in success]
    t = [float(x) for x in period_s]
    if not p or len(p) != len(t):
        raise ValueError(f"success and period_s must be equally long and non-empty, got {len(p)} and {len(t)}")
    if any(x <= 0 for x in p):
        raise ValueError(f"every link needs a success probability > 0, got {min(p)!r}")
    if len(set(p)) == 1 and len(set(t)) == 1:
        return float(repeaters.expected_rounds(p[0], len(p))) * t[0]
    rates = [pi / ti for pi, ti in zip(p, t, strict=True)]
    if len(rates) > MAX_EXACT_LINKS:
        return sum(1.0 / r for r in rates)
    total = 0.0
    for size in range(1, len(rates) + 1):
        for subset in itertools.combinations(rates, size):
            total += (-1) ** (size + 1) / sum(subset)
    return total


def path_rate_hz(network: Network, path: Sequence[str]) -> float:
    """End-to-end pairs per second along ``path`` by swapping, perfect memories, one lane: ``1 / chain_wait_s``.

    An optimistic figure: classical signalling and decoherence are not charged (the simulation does).

    Examples
    --------
    >>> from qinet.network.topology import chain_network
    >>> round(path_rate_hz(chain_network(1, 100.0), ["A", "B"]), 2)
    10.21
    """
    links = network.path_links(path)
    return 1.0 / chain_wait_s(
        [_topology.success_probability(link) for link in links], [_topology.attempt_period_s(link) for link in links]
    )


def path_fidelity(network: Network, path: Sequence[str]) -> float:
    """Fidelity of the end-to-end pair along ``path``, with every memory waiting its mean time.

    Link ``i`` (expected time ``W_i = T_i / p_i``) holds its qubits from emission until all links are up,
    about ``chain_wait − W_i`` plus its herald delay; the end qubits wait in addition for the swap
    outcomes to travel the whole path. Pairs multiply as in :mod:`qinet.network.pairs`. An estimate
    at the mean waits (the simulation averages over the waiting-time distribution).

    Examples
    --------
    >>> from qinet.network.topology import chain_network
    >>> round(path_fidelity(chain_network(2, 10.0, link_fidelity=0.95), ["A", "R1", "B"]), 5)
    0.90333
    """
    nodes = network.check_path(path)
    links = network.path_links(nodes)
    wait = chain_wait_s(
        [_topology.success_probability(x) for x in links], [_topology.attempt_period_s(x) for x in links]
    )
    message = _topology.classical_delay_s(network.path_length_km(nodes))
    lam = _pairs.PERFECT
    for i, link in enumerate(links):
        own = _topology.attempt_period_s(link) / _topology.success_probability(link)
        held = max(wait - own, 0.0) + _topology.herald_delay_s(link)
        lam = _pairs.multiply(lam, _topology.fresh_pair(link))
        for index in (i, i + 1):
            node = network.node(nodes[index])
            extra = message if index in (0, len(nodes) - 1) else 0.0
            lam = _pairs.multiply(lam, _pairs.storage_decay(held + extra, t1_s=node.t1_s, t2_s=node.t2_s))
    return _pairs.fidelity(lam)


def trusted_key_rate_bps(link: FiberLink | SatelliteLink, *, pulse_rate_hz: float = 1e9) -> float:
    """Secret-key rate in bit/s of one trusted QKD hop (decoy-state BB84, :func:`qinet.keyrates.decoy_rate`).

    A fibre link split into ``spans`` trusted spans is as fast as one span; a satellite hop is the
    slower of its two downlinks, each a channel of the downlink's loss (the satellite is a trusted
    node, as in Liao et al., PRL 120, 030501 (2018), doi:10.1103/PhysRevLett.120.030501). GYS
    detector parameters, ``pulse_rate_hz`` pulses per second (illustrative).

    Examples
    --------
    >>> f"{trusted_key_rate_bps(FiberLink('A', 'B', 50.0)):.4g}"
    '2.498e+05'
    """
    if isinstance(link, SatelliteLink):
        loss_db = float(link.downlink().total_db)
        per_pulse = keyrates.decoy_rate(loss_db / 0.2, attenuation_db_per_km=0.2)
    else:
        per_pulse = keyrates.decoy_rate(link.length_km / link.spans, attenuation_db_per_km=link.attenuation_db_per_km)
    return float(per_pulse) * pulse_rate_hz


def path_key_rate_bps(network: Network, path: Sequence[str], *, pulse_rate_hz: float = 1e9) -> float:
    """Key rate of trusted-node relaying along ``path``: the slowest hop (:func:`qinet.trusted.chain_rate`).

    Examples
    --------
    >>> from qinet.network.topology import chain_network
    >>> net = chain_network(2, [20.0, 60.0])
    >>> path_key_rate_bps(net, ["A", "R1", "B"]) == trusted_key_rate_bps(net.link("R1", "B"))
    True
    """
    rates = [trusted_key_rate_bps(link, pulse_rate_hz=pulse_rate_hz) for link in network.path_links(path)]
    return trusted.chain_rate(rates)


def _swappable(network: Network, path: Sequence[str]) -> bool:
    inner_ok = all(network.node(n).memories >= 2 for n in path[1:-1])
    ends_ok = all(network.node(n).memories >= 1 for n in (path[0], path[-1]))
    return inner_ok and ends_ok


def _score(network: Network, path: tuple[str, ...], metric: str) -> float:
    if metric == "length":
        return -network.path_length_km(path)
    if metric == "key_rate":
        return path_key_rate_bps(network, path)
    if not _swappable(network, path):
        return -math.inf
    return path_rate_hz(network, path) if metric == "rate" else path_fidelity(network, path)


def k_paths(
    network: Network, source: str, destination: str, k: int = 3, *, metric: str = "rate", candidates: int = 25
) -> list[tuple[tuple[str, ...], float]]:
    """The ``k`` best paths by ``metric`` among the ``candidates`` shortest, with their scores, best first.

    Scores: pairs/s (``"rate"``), fidelity, bit/s (``"key_rate"``), or km (``"length"``, shortest first).
    Paths whose inner nodes cannot swap (fewer than two memories) are left out of ``"rate"`` and
    ``"fidelity"``; ValueError if no path qualifies.

    Examples
    --------
    >>> from qinet.network.catalog import load
    >>> [p for p, _ in k_paths(load("europe"), "Amsterdam", "Paris", 2, metric="length")][0]
    ('Amsterdam', 'Brussels', 'Paris')
    """
    kind = one_of("metric", metric, METRICS)
    network.node(source), network.node(destination)
    if source == destination:
        raise ValueError(f"source and destination must differ, both are {source!r}")
    wanted = positive_int("k", k)
    paths = itertools.islice(
        nx.shortest_simple_paths(network.graph, source, destination, weight="length_km"),
        positive_int("candidates", candidates),
    )
    scored = [(tuple(p), _score(network, tuple(p), kind)) for p in paths]
    scored = [(p, s) for p, s in scored if s > -math.inf]
    if not scored:
        raise ValueError(
            f"no path from {source!r} to {destination!r} can carry {kind!r}: inner nodes need two memories each to swap"
        )
    scored.sort(key=lambda item: -item[1])
    if kind == "length":
        scored = [(p, -s) for p, s in scored]
    return scored[:wanted]


def best_path(network: Network, source: str, destination: str, *, metric: str = "rate") -> tuple[str, ...]:
    """The best path by ``metric`` (see `k_paths`).

    Examples
    --------
    >>> from qinet.network.catalog import load
    >>> best_path(load("europe"), "Amsterdam", "Paris", metric="rate")
    ('Amsterdam', 'Delft', 'Brussels', 'Lille', 'Paris')
    """
    return k_paths(network, source, destination, 1, metric=metric)[0][0]


@dataclass(frozen=True)
class Comparison:
    """Trusted relaying, entanglement swapping and a satellite hop between the same two nodes.

    Key rates in bit/s; ``*_path`` the routes used; ``nodes_that_learn_key`` the inner nodes of the
    trusted route (each holds the key in the clear); ``swap_fidelity`` the end-to-end pair's estimated
    fidelity; the satellite fields are None when there is no satellite link on any path.

    Examples
    --------
    >>> from qinet.network.catalog import load
    >>> compare_relays(load("beijing-shanghai"), "Beijing", "Shanghai").relays_inside_links
    29
    """

    trusted_path: tuple[str, ...]
    trusted_key_rate_bps: float
    nodes_that_learn_key: tuple[str, ...]
    relays_inside_links: int
    swap_path: tuple[str, ...] | None
    swap_key_rate_bps: float
    swap_fidelity: float | None
    satellite_path: tuple[str, ...] | None
    satellite_key_rate_bps: float | None


def swap_key_rate_bps(network: Network, path: Sequence[str]) -> float:
    """Entanglement-based key (BBM92) along ``path``: pair rate × ``(1 − 2 h(Q))`` with ``Q = 2(1 − F)/3``.

    The pairs are treated as Werner pairs of the estimated fidelity F, whose error rate in any basis is
    ``2(1 − F)/3`` (Bennett, Brassard, Mermin, PRL 68, 557 (1992)); ``1 − 2h(Q)`` is the asymptotic
    secret fraction (:func:`qinet.bounds.shor_preskill_rate`).

    Examples
    --------
    >>> from qinet.network.topology import chain_network
    >>> net = chain_network(2, 25.0)
    >>> swap_key_rate_bps(net, ["A", "R1", "B"]) == path_rate_hz(net, ["A", "R1", "B"])  # perfect pairs: 1 bit each
    True
    """
    qber = 2.0 * (1.0 - path_fidelity(network, path)) / 3.0
    return path_rate_hz(network, path) * float(bounds.shor_preskill_rate(qber))


def compare_relays(network: Network, source: str, destination: str) -> Comparison:
    """Trusted-node key relay vs entanglement swapping vs a satellite hop from ``source`` to ``destination``.

    Examples
    --------
    >>> from qinet.network.catalog import load
    >>> c = compare_relays(load("beijing-shanghai"), "Beijing", "Shanghai")
    >>> c.nodes_that_learn_key
    ('Jinan', 'Hefei')
    """
    trusted_route, trusted_rate = k_paths(network, source, destination, 1, metric="key_rate")[0]
    try:
        swap_route, _ = k_paths(network, source, destination, 1, metric="rate")[0]
        swap_rate, swap_fid = swap_key_rate_bps(network, swap_route), path_fidelity(network, swap_route)
    except ValueError:
        swap_route, swap_rate, swap_fid = None, 0.0, None
    satellite_route, satellite_rate = None, None
    for path in itertools.islice(nx.shortest_simple_paths(network.graph, source, destination), 25):
        if any(isinstance(link, SatelliteLink) for link in network.path_links(path)):
            rate = path_key_rate_bps(network, path)
            if satellite_rate is None or rate > satellite_rate:
                satellite_route, satellite_rate = tuple(path), rate
    return Comparison(
        trusted_path=trusted_route,
        trusted_key_rate_bps=trusted_rate,
        nodes_that_learn_key=trusted_route[1:-1],
        relays_inside_links=sum(
            link.spans - 1 for link in network.path_links(trusted_route) if isinstance(link, FiberLink)
        ),
        swap_path=swap_route,
        swap_key_rate_bps=swap_rate,
        swap_fidelity=swap_fid,
        satellite_path=satellite_route,
        satellite_key_rate_bps=satellite_rate,
    )
