"""Routing: best and alternative paths by a physical metric, and trusted relays vs swapping vs a satellite.

Candidate paths are the shortest simple paths by fibre length (networkx's ``shortest_simple_paths``,
Yen's algorithm: J. Y. Yen, Management Science 17, 712 (1971), doi:10.1287/mnsc.17.11.712); each is
scored by a physical metric and the best returned:

* ``"rate"``: end-to-end pairs per second of entanglement swapping with perfect memories:
  ``1 / E[max_i T_i G_i]`` (`path_rate_hz`), links attempting in parallel, each ``G_i`` geometric;
* ``"fidelity"``: the first swapped pair's fidelity, every memory waiting its mean time (`path_fidelity`);
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
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import networkx as nx
import numpy as np

from qinet import bounds, keyrates, repeaters, trusted
from qinet._validate import array, in_range, instance, one_of, positive_int
from qinet.network import pairs as _pairs
from qinet.network import topology as _topology
from qinet.network.topology import FiberLink, Network, SatelliteLink, _link

METRICS = ("rate", "fidelity", "key_rate", "length")
MAX_ATTEMPT_TIMES = 200_000
"""Beyond this many distinct herald times, `chain_wait_s` brackets the expectation between two integrals."""
_TAIL = 1e-13  # relative size of the neglected tail of the waiting-time integral


MAX_CANDIDATES = 1_000
"""The most candidate paths `k_paths` scores (each is scored by a waiting-time integral)."""


def _network(network: object) -> Network:
    return instance("network", network, Network, "a Network (qinet.network.chain_network, catalog.load ...)")


def _endpoints(network: object, source: object, destination: object) -> None:
    """Check ``network`` and that ``source`` and ``destination`` are two different nodes of it."""
    net = _network(network)
    net.check_node("source", source)
    net.check_node("destination", destination)
    if source == destination:
        raise ValueError(f"source and destination must differ, both are {source!r}")


def _link_classes(
    success: Sequence[float], period_s: Sequence[float], herald_s: Sequence[float] | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Distinct (p, T, d) of a chain's links, and how many links share each."""
    p = [float(x) for x in array("success", success, finite=True)]
    t = [float(x) for x in array("period_s", period_s, finite=True)]
    d = t if herald_s is None else [float(x) for x in array("herald_s", herald_s, finite=True)]
    if not p or len(p) != len(t) or len(d) != len(t):
        raise ValueError(
            f"success, period_s and herald_s must be equally long and non-empty, got {len(p)}, {len(t)} and {len(d)}"
        )
    in_range("success", p, 0.0, 1.0, low_open=True)
    in_range("period_s", t, 0.0, math.inf, low_open=True, high_open=True)
    in_range("herald_s", d, 0.0, math.inf, high_open=True)
    counts = Counter(zip(p, t, d, strict=True))
    columns = zip(*((pi, ti, di, n) for (pi, ti, di), n in counts.items()), strict=True)
    ps, ts, ds, ns = (np.array(column, dtype=float) for column in columns)
    return ps, ts, ds, ns


def _some_link_down(times: np.ndarray, classes, heralds: list[np.ndarray]) -> np.ndarray:
    """``1 − Π_c (1 − q_c^{N_c(t)})^{n_c}`` at ``times``: the probability that some link is still down,
    ``N_c(t)`` the number of ``heralds[c]`` (link ``c``'s herald times) up to ``t``."""
    p, _, _, n = classes
    log_all_up = np.zeros_like(times)
    for c in range(p.size):
        heard = np.searchsorted(heralds[c], times, side="right").astype(float)
        down = np.exp(heard * np.log1p(-p[c])) if p[c] < 1.0 else (heard == 0).astype(float)
        with np.errstate(divide="ignore"):
            log_all_up += n[c] * np.log1p(-down)
    return -np.expm1(log_all_up)


def chain_wait_s(success: Sequence[float], period_s: Sequence[float], herald_s: Sequence[float] | None = None) -> float:
    """Expected time in s until every link of a chain is up, links attempting in parallel and keeping pairs.

    Link ``i`` attempts once per ``T_i``, each attempt succeeding with probability ``p_i``, and the
    herald of an attempt arrives ``d_i`` after it starts (``herald_s``; default ``d_i = T_i``, a fibre
    link that attempts once per heralding time). Its pair is heralded at ``d_i + (G_i − 1) T_i``, ``G_i``
    geometric, and the chain is up at the latest of these times, whose expectation is
    ``E = ∫_0^∞ [1 − Π_i (1 − q_i^{N_i(t)})] dt`` (``q_i = 1 − p_i``, ``N_i(t)`` the attempts heralded
    by ``t``): the probability that some link is still down, integrated over time. The integrand is
    constant between herald times, so the integral is a finite sum over the merged herald times of all
    links, cut where the rest is below 10⁻¹³ of ``E``: exact for any mix of periods and probabilities.
    Equal links give ``expected_rounds(p, n) T + d − T`` (:func:`qinet.repeaters.expected_rounds`).
    For very lossy links, with more than ``MAX_ATTEMPT_TIMES`` herald times, ``E`` is bracketed instead:
    with ``X_i`` exponential of rate ``−ln(q_i)/T_i``, each herald time lies (in distribution) between
    ``X_i + d_i − T_i`` and ``X_i + d_i``, so ``E`` lies between the expected maxima of those, two smooth
    integrals; their mean is returned, within half the longest attempt period ``T`` of ``E``: a relative
    error of at most about ``p/2``, ``p`` the success probability of that link, as ``E ≥ T/p``.

    Examples
    --------
    >>> round(chain_wait_s([0.1, 0.1], [1e-3, 1e-3]) * 1e3, 4)  # (3 − 2p)/(p(2 − p)) T
    14.7368
    >>> round(chain_wait_s([0.5, 0.1], [1.0, 1.0]), 4)  # E[G₁] + E[G₂] − E[min] = 2 + 10 − 1/0.55
    10.1818
    """
    return _chain_wait(_link_classes(success, period_s, herald_s))[0]


def _chain_wait(classes) -> tuple[float, float]:
    """``(E, bracket half-width)`` of `chain_wait_s`; the half-width is 0 for the exact sum."""
    p, period, delay, n = classes
    if p.size == 1:
        return float(repeaters.expected_rounds(p[0], int(n[0]))) * float(period[0]) + float(delay[0] - period[0]), 0.0
    scale = float(np.max(delay + (1.0 / p - 1.0) * period))  # E is at least the slowest link's mean wait
    with np.errstate(divide="ignore"):  # heralds needed for link c's neglected tail T q^K / p to be small
        needed = np.log(_TAIL * scale * p / (p.size * n * period)) / np.log1p(-np.minimum(p, 1.0 - 1e-16))
    heralds_needed = np.maximum(np.ceil(np.where(p < 1.0, needed, 1.0)), 1.0)
    if heralds_needed.sum() <= MAX_ATTEMPT_TIMES:
        heralds = [delay[c] + period[c] * np.arange(heralds_needed[c]) for c in range(p.size)]
        edges = np.concatenate([[0.0], np.unique(np.concatenate(heralds))])
        down = _some_link_down(edges[:-1], classes, heralds)
        return float(np.sum(down * np.diff(edges))), 0.0
    rate = -np.log1p(-p) / period
    lower = _shifted_exponential_max(rate, np.maximum(delay - period, 0.0), n)
    upper = _shifted_exponential_max(rate, delay, n)
    return (lower + upper) / 2.0, (upper - lower) / 2.0


_NODES, _WEIGHTS = np.polynomial.legendre.leggauss(24)


def _shifted_exponential_max(rate: np.ndarray, shift: np.ndarray, n: np.ndarray) -> float:
    """``E[max_i (s_i + X_i)]`` for independent exponentials ``X_i`` of ``rate`` (``n`` links per class).

    Before the last shift some link is surely down; after it, ``1 − Π_c (1 − e^{−r_c (t − s_c)})^{n_c}``
    is integrated by 24-point Gauss–Legendre on each octave from 2⁻²⁰ to 2⁸ times the slowest mean
    (smooth there; the rest is below 2⁻²⁰ and e⁻²⁵⁶ of it).
    """
    last = float(np.max(shift))
    knots = float(np.max(1.0 / rate)) * np.concatenate([[0.0], 2.0 ** np.arange(-20, 9)])
    half = np.diff(knots)[:, None] / 2.0
    tau = (knots[:-1, None] + half * (1.0 + _NODES)).ravel()
    since = tau[:, None] + (last - shift)[None, :]
    some_down = -np.expm1(np.sum(n * np.log(-np.expm1(-rate * since)), axis=1))
    return last + float(np.sum((half * _WEIGHTS).ravel() * some_down))


def _waits(links) -> tuple[list[float], list[float], list[float]]:
    """Success probability, attempt period and herald delay of each link."""
    return (
        [_topology.success_probability(link) for link in links],
        [_topology.attempt_period_s(link) for link in links],
        [_topology.herald_delay_s(link) for link in links],
    )


def path_rate_hz(network: Network, path: Sequence[str]) -> float:
    """End-to-end pairs per second along ``path`` by swapping, perfect memories, one lane: ``1 / chain_wait_s``.

    The rate of a chain whose links all start together and keep their pairs until every link is up:
    ``1 / E[max_i (d_i + (G_i − 1) T_i)]``. Classical signalling and decoherence are not charged; the
    simulation charges both, and lets each link start again as soon as its memories are free.

    Examples
    --------
    >>> from qinet.network.topology import chain_network
    >>> round(path_rate_hz(chain_network(1, 100.0), ["A", "B"]), 2)  # p / T
    10.21
    >>> round(path_rate_hz(chain_network(2, [40.0, 60.0]), ["A", "R1", "B"]), 2)  # about the 60 km link's p / T
    102.14
    """
    return 1.0 / chain_wait_s(*_waits(_network(network).path_links(path)))


def path_fidelity(network: Network, path: Sequence[str]) -> float:
    """Fidelity of the first end-to-end pair along ``path``, with every memory waiting its mean time.

    The protocol of the simulation: all links start at once; an inner node swaps as soon as both its
    links are up, so its two qubits wait from their emissions (mean ``(1/p_i − 1) T_i`` after the start)
    until the later of its two links is heralded (:func:`chain_wait_s` of those two links); the end
    qubits wait until every link is up (:func:`chain_wait_s` of the path) and the outcome of the swap
    nearest the middle has reached them. Fresh pairs and storage multiply as in
    :mod:`qinet.network.pairs`. An estimate at the mean waits: the simulation averages the fidelity
    over the waiting-time distribution, and its later deliveries wait differently (links restart as
    soon as they are free).

    Examples
    --------
    >>> from qinet.network.topology import chain_network
    >>> round(path_fidelity(chain_network(2, 10.0, link_fidelity=0.95), ["A", "R1", "B"]), 5)
    0.90333
    """
    nodes = _network(network).check_path(path)
    links = network.path_links(nodes)
    p, period, herald = _waits(links)
    emitted = [(1.0 / pi - 1.0) * ti for pi, ti in zip(p, period, strict=True)]
    n = len(links)
    position = np.concatenate([[0.0], np.cumsum([network.link_length_km(link) for link in links])])
    central = min((max(x, position[-1] - x) for x in position[1:-1]), default=0.0)
    delivered = chain_wait_s(p, period, herald) + _topology.classical_delay_s(central)
    lam = _pairs.PERFECT
    for link in links:
        lam = _pairs.multiply(lam, _topology.fresh_pair(link))

    def stored(index: int, time_s: float) -> _pairs.Lambdas:
        node = network.node(nodes[index])
        return _pairs.storage_decay(time_s, t1_s=node.t1_s, t2_s=node.t2_s)

    for j in range(1, n):
        swapped = chain_wait_s(p[j - 1 : j + 1], period[j - 1 : j + 1], herald[j - 1 : j + 1])
        lam = _pairs.multiply(lam, stored(j, swapped - emitted[j - 1]))
        lam = _pairs.multiply(lam, stored(j, swapped - emitted[j]))
    lam = _pairs.multiply(lam, stored(0, delivered - emitted[0]))
    lam = _pairs.multiply(lam, stored(n, delivered - emitted[-1]))
    return _pairs.fidelity(lam)


def trusted_key_rate_bps(link: FiberLink | SatelliteLink, *, pulse_rate_hz: float = 1e9) -> float:
    """Secret-key rate in bit/s of one trusted QKD hop (decoy-state BB84, :func:`qinet.keyrates.decoy_rate`).

    ``pulse_rate_hz`` pulses per second (illustrative) times the decoy-state key per pulse. A fibre link
    split into ``spans`` trusted spans is as fast as one span, with the GYS detector parameters of
    notebook 07 (InGaAs at 1550 nm). A satellite hop (the satellite a trusted node, as in Liao et al.,
    PRL 120, 030501 (2018), doi:10.1103/PhysRevLett.120.030501) is as fast as one downlink: a channel
    of the downlink's loss, with the satellite link's own receivers (``detector_efficiency``,
    ``dark_count``, ``misalignment``).

    Examples
    --------
    >>> f"{trusted_key_rate_bps(FiberLink('A', 'B', 50.0)):.4g}"
    '2.498e+05'
    >>> f"{trusted_key_rate_bps(SatelliteLink('X', 'Y')):.3g}"  # 34.7 dB at 30° elevation, assumed receivers
    '1.8e+04'
    """
    rate = float(in_range("pulse_rate_hz", pulse_rate_hz, 0.0, math.inf, low_open=True, high_open=True))
    link = _link(link)
    if isinstance(link, SatelliteLink):
        per_pulse = keyrates.decoy_rate(
            float(link.downlink().total_db) / 0.2,
            attenuation_db_per_km=0.2,
            detector_efficiency=link.detector_efficiency,
            dark_count=link.dark_count,
            misalignment=link.misalignment,
        )
    else:
        per_pulse = keyrates.decoy_rate(
            _topology._length(link) / link.spans, attenuation_db_per_km=link.attenuation_db_per_km
        )
    return float(per_pulse) * rate


def path_key_rate_bps(network: Network, path: Sequence[str], *, pulse_rate_hz: float = 1e9) -> float:
    """Key rate of trusted-node relaying along ``path``: the slowest hop (:func:`qinet.trusted.chain_rate`).

    Examples
    --------
    >>> from qinet.network.topology import chain_network
    >>> net = chain_network(2, [20.0, 60.0])
    >>> path_key_rate_bps(net, ["A", "R1", "B"]) == trusted_key_rate_bps(net.link("R1", "B"))
    True
    """
    links = _network(network).path_links(path)
    rates = [trusted_key_rate_bps(link, pulse_rate_hz=pulse_rate_hz) for link in links]
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
    _endpoints(network, source, destination)
    wanted = positive_int("k", k, 1, MAX_CANDIDATES)
    paths = itertools.islice(
        nx.shortest_simple_paths(network.graph, source, destination, weight="length_km"),
        positive_int("candidates", candidates, 1, MAX_CANDIDATES),
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


def bbm92_key_rate_bps(pair_rate_hz: float, fidelity: float) -> float:
    """Entanglement-based key (BBM92) from pairs of ``fidelity`` arriving at ``pair_rate_hz``, in bit/s.

    ``pair rate × (1 − 2 h(Q))`` with ``Q = 2(1 − F)/3``: the pairs are treated as Werner pairs of
    fidelity F, whose error rate in any basis is ``2(1 − F)/3`` (Bennett, Brassard, Mermin, PRL 68, 557
    (1992), doi:10.1103/PhysRevLett.68.557); ``1 − 2h(Q)`` is the asymptotic secret fraction
    (:func:`qinet.bounds.shor_preskill_rate`), zero from ``Q = 11 %`` (``F ≈ 0.835``) on.

    Examples
    --------
    >>> bbm92_key_rate_bps(10.0, 1.0), bbm92_key_rate_bps(10.0, 0.8)
    (10.0, 0.0)
    """
    rate = float(in_range("pair_rate_hz", pair_rate_hz, 0.0, math.inf, high_open=True))
    qber = 2.0 * (1.0 - float(in_range("fidelity", fidelity, 0.0, 1.0))) / 3.0
    return rate * float(bounds.shor_preskill_rate(qber))


def swap_key_rate_bps(network: Network, path: Sequence[str]) -> float:
    """Entanglement-based key along ``path``: :func:`bbm92_key_rate_bps` of `path_rate_hz` and `path_fidelity`.

    Examples
    --------
    >>> from qinet.network.topology import chain_network
    >>> net = chain_network(2, 25.0)
    >>> swap_key_rate_bps(net, ["A", "R1", "B"]) == path_rate_hz(net, ["A", "R1", "B"])  # perfect pairs: 1 bit each
    True
    """
    _network(network).check_path(path)
    return bbm92_key_rate_bps(path_rate_hz(network, path), path_fidelity(network, path))


def compare_relays(network: Network, source: str, destination: str) -> Comparison:
    """Trusted-node key relay vs entanglement swapping vs a satellite hop from ``source`` to ``destination``.

    Examples
    --------
    >>> from qinet.network.catalog import load
    >>> c = compare_relays(load("beijing-shanghai"), "Beijing", "Shanghai")
    >>> c.nodes_that_learn_key
    ('Jinan', 'Hefei')
    """
    _endpoints(network, source, destination)
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
