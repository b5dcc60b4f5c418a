"""A quantum network described in a few lines: nodes with memories, fibre and satellite links, on a graph.

Nodes have a role (an ``"end"`` node, a ``"repeater"``, a ``"trusted"`` QKD relay or a satellite
``"ground"`` station), a number of quantum memories with their relaxation times T₁ and T₂, and an
optional position (latitude/longitude). Links are optical fibre (length, loss, detectors, heralding
scheme) or a satellite that sends one photon of each pair down to each of two ground stations.
The graph is a :class:`networkx.Graph` (Hagberg, Schult & Swart, Proc. SciPy 2008), so paths and
routing come from networkx.

Link physics reuses :mod:`qinet.links`: fibre transmittance ``η(L) = 10^(−αL/10)``, the light travel
time at ``c/n_g``, the heralding time of an attempt, and the satellite downlink budget.

* **Double-click** (two-photon) heralding (Barrett & Kok, PRA 71, 060310 (2005),
  doi:10.1103/PhysRevA.71.060310): both photons must reach a linear-optics Bell-state measurement,
  which identifies only 2 of the 4 Bell states (Calsamiglia & Lütkenhaus, Appl. Phys. B 72, 67
  (2001), doi:10.1007/s003400000484): ``p = ½ η_d² η(L)``.
* **Single-click** (single-photon) heralding (Cabrillo et al., PRA 59, 1025 (1999),
  doi:10.1103/PhysRevA.59.1025; used by Humphreys et al., Nature 558, 268 (2018),
  doi:10.1038/s41586-018-0200-5): each node emits with bright-state probability α and one click at
  the midpoint station heralds: ``p ≈ 2α η_d η(L/2)``, at the price of fidelity ``1 − α``.

Examples
--------
>>> net = chain_network(2, 50.0)
>>> net.path_length_km(["A", "R1", "B"])
100.0
>>> round(success_probability(net.link("A", "R1")), 5)  # ½ η(50 km) with perfect detectors
0.05
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np

from qinet import links
from qinet._validate import WrongTypeError, array, in_range, instance, one_of, positive_int, probability
from qinet.orbits import Station, great_circle_distance

ROLES = ("end", "repeater", "trusted", "ground")
HERALDING = ("double-click", "single-click")
LINEAR_OPTICS_BSM = 0.5
"""Success probability of a Bell-state measurement with linear optics (2 of 4 Bell states)."""
SPEED_IN_VACUUM_KM_S = links.SPEED_OF_LIGHT_KM_S


def _finite_or_inf(name: str, value: float) -> float:
    return float(in_range(name, value, 0.0, low_open=True))


@dataclass(frozen=True)
class Node:
    """A network node.

    Parameters
    ----------
    name : a unique, non-empty name.
    role : ``"end"``, ``"repeater"``, ``"trusted"`` or ``"ground"``.
    memories : number of quantum memories (>= 1 for end nodes and repeaters; trusted relays and
        ground stations may have 0).
    t1_s, t2_s : energy relaxation time T₁ and coherence time T₂ of the memories in s (> 0; ``inf``
        for a perfect memory). Physical memories have T₂ ≤ 2T₁.
    lat_deg, lon_deg : position in degrees (north and east positive), or None.

    Examples
    --------
    >>> Node("Delft", "end", memories=2, t1_s=1.0, t2_s=0.5).memories
    2
    >>> Node("R", t1_s=1.0, t2_s=3.0)
    Traceback (most recent call last):
    ...
    ValueError: node 'R': t2_s = 3.0 s exceeds 2 t1_s = 2.0 s; ... (T2 <= 2 T1)
    """

    name: str
    role: str = "repeater"
    memories: int = 1
    t1_s: float = math.inf
    t2_s: float = math.inf
    lat_deg: float | None = None
    lon_deg: float | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise ValueError(f"node name must be a non-empty string, got {self.name!r}")
        object.__setattr__(self, "role", one_of(f"role of node {self.name!r}", self.role, ROLES))
        minimum = 1 if self.role in ("end", "repeater") else 0
        memories = positive_int(f"memories of node {self.name!r} ({self.role})", self.memories, minimum=minimum)
        object.__setattr__(self, "memories", memories)
        t1 = _finite_or_inf(f"t1_s of node {self.name!r}", self.t1_s)
        t2 = _finite_or_inf(f"t2_s of node {self.name!r}", self.t2_s)
        if t2 > 2.0 * t1:
            raise ValueError(
                f"node {self.name!r}: t2_s = {t2!r} s exceeds 2 t1_s = {2.0 * t1!r} s; "
                "a memory's coherence time cannot exceed twice its energy relaxation time (T2 <= 2 T1)"
            )
        object.__setattr__(self, "t1_s", t1)
        object.__setattr__(self, "t2_s", t2)
        if (self.lat_deg is None) != (self.lon_deg is None):
            raise ValueError(f"node {self.name!r}: give both lat_deg and lon_deg, or neither")
        if self.lat_deg is not None:
            object.__setattr__(
                self, "lat_deg", float(in_range(f"lat_deg of node {self.name!r}", self.lat_deg, -90, 90))
            )
            object.__setattr__(
                self, "lon_deg", float(in_range(f"lon_deg of node {self.name!r}", self.lon_deg, -180, 180))
            )

    @property
    def has_position(self) -> bool:
        """True when the node has a latitude and longitude."""
        return self.lat_deg is not None


@dataclass(frozen=True)
class FiberLink:
    """An optical-fibre link between nodes ``a`` and ``b`` with a heralding station.

    Parameters
    ----------
    a, b : the two node names.
    length_km : fibre length in km (>= 0); None takes the geodesic distance times ``route_factor``.
    route_factor : fibre length / geodesic distance when ``length_km`` is None (>= 1).
    attenuation_db_per_km : fibre loss in dB/km (>= 0).
    detector_efficiency : η_d, detection (and collection) efficiency of each photon, in [0, 1].
    heralding : ``"double-click"`` or ``"single-click"``.
    bright_state : α of the single-click scheme, in (0, 0.5].
    link_fidelity : Werner fidelity of a fresh double-click pair (before the single-click error), [0.25, 1].
    attempt_rate_hz : the fastest a memory can re-attempt (> 0); the attempt period is the longer of
        ``1 / attempt_rate_hz`` and the heralding time.
    midpoint : True if the heralding station sits in the middle of the fibre.
    spans : number of equal QKD spans if the link is itself a trusted-relay line (>= 1).
    group_index : group index of the fibre (>= 1).

    Examples
    --------
    >>> FiberLink("A", "B", 25.0, heralding="single-click").bright_state
    0.1
    >>> FiberLink("A", "B", -1.0)
    Traceback (most recent call last):
    ...
    ValueError: length_km of link 'A'–'B' must be in [0.0, inf), got -1.0
    """

    a: str
    b: str
    length_km: float | None = None
    route_factor: float = 1.0
    attenuation_db_per_km: float = 0.2
    detector_efficiency: float = 1.0
    heralding: str = "double-click"
    bright_state: float = 0.1
    link_fidelity: float = 1.0
    attempt_rate_hz: float = 1e6
    midpoint: bool = True
    spans: int = 1
    group_index: float = 1.468

    def __post_init__(self) -> None:
        where = f"link {self.a!r}–{self.b!r}"
        if self.length_km is not None:
            object.__setattr__(self, "length_km", float(in_range(f"length_km of {where}", self.length_km, 0.0)))
        in_range(f"route_factor of {where}", self.route_factor, 1.0)
        in_range(f"attenuation_db_per_km of {where}", self.attenuation_db_per_km, 0.0)
        probability(f"detector_efficiency of {where}", self.detector_efficiency)
        object.__setattr__(self, "heralding", one_of(f"heralding of {where}", self.heralding, HERALDING))
        in_range(f"bright_state of {where}", self.bright_state, 0.0, 0.5, low_open=True)
        in_range(f"link_fidelity of {where}", self.link_fidelity, 0.25, 1.0)
        in_range(f"attempt_rate_hz of {where}", self.attempt_rate_hz, 0.0, low_open=True)
        positive_int(f"spans of {where}", self.spans)
        in_range(f"group_index of {where}", self.group_index, 1.0)
        if self.heralding == "single-click" and not self.midpoint:
            raise ValueError(f"{where}: single-click heralding needs a midpoint station (midpoint=True)")


@dataclass(frozen=True)
class SatelliteLink:
    """A satellite that sends one photon of each entangled pair to each of two ground stations.

    Each downlink's transmittance comes from :func:`qinet.links.satellite_downlink` (Gaussian beam of
    10 µrad **full** 1/e² divergence angle, 1.2 m telescopes, atmosphere, and the fixed loss
    :data:`qinet.links.MICIUS_EXTRA_LOSS_DB` fitted to the Micius downlinks measured by Yin et al., PRL
    119, 200501 (2017)) at the given elevation; a pair arrives when both photons are detected:
    ``p = (η_a η_d)(η_b η_d)``. Rates are those during a pass. The ground receivers' detector efficiency,
    background counts and misalignment are assumptions of the order of silicon avalanche photodiodes
    at 850 nm behind filtered telescopes at night (not published Micius values); they also set the
    key rate of the satellite as a trusted QKD relay (:func:`qinet.network.routing.trusted_key_rate_bps`).

    Parameters
    ----------
    a, b : the two ground stations.
    altitude_km, elevation_deg : orbit altitude (> 0) and the elevation seen from both stations, [0, 90].
    divergence_urad, rx_aperture_m, zenith_transmittance, extra_loss_db : as in `links.satellite_downlink`.
    pair_rate_hz : pairs emitted per second on board (> 0).
    link_fidelity : Werner fidelity of a detected pair, [0.25, 1].
    detector_efficiency : η_d of each ground receiver, in (0, 1].
    dark_count : background clicks per pulse (or coincidence window) at a receiver, in [0, 1).
    misalignment : probability that a detected photon lands in the wrong detector, in [0, 0.5].

    Examples
    --------
    >>> downlink = SatelliteLink("X", "Y").downlink()
    >>> round(downlink.total_db, 1), round(downlink.extra_db, 1)
    (34.7, 18.1)
    """

    a: str
    b: str
    altitude_km: float = 500.0
    elevation_deg: float = 30.0
    divergence_urad: float = 10.0
    rx_aperture_m: float = 1.2
    zenith_transmittance: float = 0.8
    extra_loss_db: float = links.MICIUS_EXTRA_LOSS_DB
    pair_rate_hz: float = 1e7
    link_fidelity: float = 1.0
    detector_efficiency: float = 0.5
    dark_count: float = 1e-6
    misalignment: float = 0.01

    def __post_init__(self) -> None:
        where = f"satellite link {self.a!r}–{self.b!r}"
        in_range(f"pair_rate_hz of {where}", self.pair_rate_hz, 0.0, low_open=True)
        in_range(f"link_fidelity of {where}", self.link_fidelity, 0.25, 1.0)
        in_range(f"detector_efficiency of {where}", self.detector_efficiency, 0.0, 1.0, low_open=True)
        in_range(f"dark_count of {where}", self.dark_count, 0.0, 1.0, high_open=True)
        in_range(f"misalignment of {where}", self.misalignment, 0.0, 0.5)
        self.downlink()  # validates the optical parameters

    def downlink(self) -> links.LinkBudget:
        """The loss budget of one downlink (:func:`qinet.links.satellite_downlink`).

        Examples
        --------
        >>> round(SatelliteLink("X", "Y", elevation_deg=90.0).downlink().slant_range_km)
        500
        """
        return links.satellite_downlink(
            self.altitude_km,
            self.elevation_deg,
            divergence_urad=self.divergence_urad,
            rx_aperture_m=self.rx_aperture_m,
            zenith_transmittance=self.zenith_transmittance,
            extra_loss_db=self.extra_loss_db,
        )


Link = FiberLink | SatelliteLink

MAX_CHAIN_LINKS = 10_000
"""The most links :func:`chain_network` builds (a chain is simulated pair by pair: far fewer are practical)."""

MAX_MULTIPLEXING = 1_000
"""The most memories per side of a node :func:`chain_network` gives (each runs its own attempts)."""


def _link(link: object) -> Link:
    return instance("link", link, (FiberLink, SatelliteLink), "a FiberLink or a SatelliteLink")


def success_probability(link: Link) -> float:
    """Probability that one attempt of ``link`` heralds a pair (see the module docstring).

    Double-click: ``½ η_d² η(L)``; single-click: ``2 α η_d η(L/2)``; satellite: ``η_a η_b η_d²``.

    Examples
    --------
    >>> success_probability(FiberLink("A", "B", 100.0))
    0.005
    """
    link = _link(link)
    if isinstance(link, SatelliteLink):
        return (float(link.downlink().transmittance) * link.detector_efficiency) ** 2
    length = _length(link)
    eta_d = link.detector_efficiency
    if link.heralding == "double-click":
        return LINEAR_OPTICS_BSM * eta_d**2 * float(links.fiber_transmittance(length, link.attenuation_db_per_km))
    return 2.0 * link.bright_state * eta_d * float(links.fiber_transmittance(length / 2.0, link.attenuation_db_per_km))


def _length(link: FiberLink) -> float:
    if link.length_km is None:
        raise ValueError(f"link {link.a!r}–{link.b!r} has no length: build it inside a Network, or give length_km")
    return link.length_km


def herald_delay_s(link: Link) -> float:
    """Time from an attempt's emission until both nodes hold the herald, in s.

    Fibre: :func:`qinet.links.heralding_time` (``L/v`` with a midpoint station, ``2L/v`` without).
    Satellite: the slant range at the speed of light (the stations compare their detection times
    afterwards; that exchange is not counted).

    Examples
    --------
    >>> round(herald_delay_s(FiberLink("A", "B", 100.0)) * 1e3, 4)
    0.4897
    """
    link = _link(link)
    if isinstance(link, SatelliteLink):
        return float(link.downlink().slant_range_km) / SPEED_IN_VACUUM_KM_S
    return float(links.heralding_time(_length(link), midpoint=link.midpoint, group_index=link.group_index))


def attempt_period_s(link: Link) -> float:
    """Time between a memory's attempts on ``link``, in s.

    A memory must learn whether an attempt worked before it tries again, so a fibre link attempts
    once per ``max(heralding time, 1 / attempt_rate_hz)``; a satellite source fires at its pair rate.

    Examples
    --------
    >>> round(attempt_period_s(FiberLink("A", "B", 100.0)) * 1e3, 4)
    0.4897
    """
    link = _link(link)
    if isinstance(link, SatelliteLink):
        return 1.0 / link.pair_rate_hz
    return max(herald_delay_s(link), 1.0 / link.attempt_rate_hz)


def pair_rate_hz(link: Link) -> float:
    """Mean heralded pairs per second of one memory pair on ``link``: ``p / T`` (``T`` the attempt period).

    Examples
    --------
    >>> round(pair_rate_hz(FiberLink("A", "B", 100.0)), 2)
    10.21
    """
    return success_probability(link) / attempt_period_s(link)


def fresh_pair(link: Link) -> tuple[float, float, float]:
    """The Pauli eigenvalues ``(λ_X, λ_Z, λ_Y)`` of a freshly heralded pair (see :mod:`qinet.network.pairs`).

    Double-click and satellite pairs are Werner pairs of ``link_fidelity``; a single-click pair also
    carries the bright-state error ``α |↑↑⟩``, twirled into bit flips: fidelity ``(1 − α) · …``.

    Examples
    --------
    >>> fresh_pair(FiberLink("A", "B", 1.0, heralding="single-click", bright_state=0.1))
    (0.8, 0.9, 0.9)
    """
    w = (4.0 * _link(link).link_fidelity - 1.0) / 3.0
    if isinstance(link, FiberLink) and link.heralding == "single-click":
        alpha = link.bright_state
        return (w * (1.0 - 2.0 * alpha), w * (1.0 - alpha), w * (1.0 - alpha))
    return (w, w, w)


def classical_delay_s(length_km: float, group_index: float = 1.468) -> float:
    """Time a classical message needs along ``length_km`` of fibre, in s (:func:`qinet.links.fiber_delay`).

    Examples
    --------
    >>> round(classical_delay_s(100.0) * 1e3, 4)
    0.4897
    """
    return float(links.fiber_delay(length_km, group_index))


class Network:
    """Nodes and links on a :class:`networkx.Graph`, validated.

    Every node name is unique, every link joins two known, different nodes at most once, links
    without a length take the geodesic distance of their nodes times the route factor, and the
    graph is connected. Errors name the node, the link and the value.

    Parameters
    ----------
    nodes : the nodes.
    links : fibre and satellite links.
    name : a title for plots.
    sources : where the numbers come from (citations), for a data file's network.
    notes : what is approximate or illustrative.

    Examples
    --------
    >>> net = Network([Node("A", "end"), Node("B", "end")], [FiberLink("A", "B", 10.0)])
    >>> net.link("B", "A").length_km
    10.0
    """

    def __init__(
        self,
        nodes: Iterable[Node],
        links: Iterable[Link],
        *,
        name: str = "",
        sources: Sequence[str] = (),
        notes: str = "",
    ) -> None:
        self.name, self.sources, self.notes = name, tuple(sources), notes
        self.nodes: dict[str, Node] = {}
        for node in nodes:
            if not isinstance(node, Node):
                raise TypeError(f"nodes must be qinet.network.Node objects, got {type(node).__name__}")
            if node.name in self.nodes:
                raise ValueError(f"two nodes are named {node.name!r}; node names must be unique")
            self.nodes[node.name] = node
        if not self.nodes:
            raise ValueError("a network needs at least one node, got none")
        self.graph = nx.Graph(name=name)
        self.graph.add_nodes_from(self.nodes)
        for link in links:
            self._add(link)
        if not nx.is_connected(self.graph):
            parts = sorted((sorted(c) for c in nx.connected_components(self.graph)), key=len)
            raise ValueError(
                f"the network is disconnected: {len(parts)} separate parts, e.g. {parts[0]} has no link to "
                f"{parts[-1][:4]}; add a link between them"
            )

    def _add(self, link: Link) -> None:
        if not isinstance(link, (FiberLink, SatelliteLink)):
            raise TypeError(f"links must be FiberLink or SatelliteLink objects, got {type(link).__name__}")
        for end in (link.a, link.b):
            if end not in self.nodes:
                raise ValueError(f"link {link.a!r}–{link.b!r}: unknown node {end!r}; known nodes: {sorted(self.nodes)}")
        if link.a == link.b:
            raise ValueError(f"link {link.a!r}–{link.b!r} joins a node to itself")
        if self.graph.has_edge(link.a, link.b):
            raise ValueError(f"link {link.a!r}–{link.b!r} is given twice")
        if isinstance(link, SatelliteLink):
            for end in (link.a, link.b):
                if self.nodes[end].role != "ground":
                    raise ValueError(f"satellite link {link.a!r}–{link.b!r}: node {end!r} must be a ground station")
        elif link.length_km is None:
            a, b = self.nodes[link.a], self.nodes[link.b]
            if not (a.has_position and b.has_position):
                raise ValueError(f"link {link.a!r}–{link.b!r} has no length_km and its nodes have no positions")
            link = dataclasses.replace(link, length_km=self.geodesic_km(link.a, link.b) * link.route_factor)
        self.graph.add_edge(link.a, link.b, link=link, length_km=self.link_length_km(link))

    @staticmethod
    def link_length_km(link: Link) -> float:
        """Length a classical message travels between the link's ends: the fibre, or twice the slant range.

        Examples
        --------
        >>> Network.link_length_km(FiberLink("A", "B", 12.0))
        12.0
        """
        if isinstance(link, SatelliteLink):
            return 2.0 * float(link.downlink().slant_range_km)
        return _length(link)

    def node(self, name: str) -> Node:
        """The node called ``name`` (ValueError naming the known nodes otherwise).

        Examples
        --------
        >>> chain_network(1, 5.0).node("A").role
        'end'
        """
        try:
            return self.nodes[name]
        except (KeyError, TypeError):
            raise ValueError(f"unknown node {name!r}; known nodes: {sorted(self.nodes)}") from None

    def link(self, a: str, b: str) -> Link:
        """The link between ``a`` and ``b`` (ValueError if there is none).

        Examples
        --------
        >>> chain_network(2, 5.0).link("A", "B")
        Traceback (most recent call last):
        ...
        ValueError: there is no link between 'A' and 'B'; their neighbours: ['R1'] and ['R1']
        """
        self.node(a), self.node(b)
        if not self.graph.has_edge(a, b):
            raise ValueError(
                f"there is no link between {a!r} and {b!r}; their neighbours: "
                f"{sorted(self.graph[a])} and {sorted(self.graph[b])}"
            )
        return self.graph.edges[a, b]["link"]

    @property
    def links(self) -> list[Link]:
        """All links."""
        return [data["link"] for _, _, data in self.graph.edges(data=True)]

    def geodesic_km(self, a: str, b: str) -> float:
        """Great-circle distance between two positioned nodes (:func:`qinet.orbits.great_circle_distance`).

        Examples
        --------
        >>> net = Network([Node("P", "end", lat_deg=0, lon_deg=0), Node("Q", "end", lat_deg=0, lon_deg=1)],
        ...               [FiberLink("P", "Q", route_factor=1.5)])
        >>> round(net.geodesic_km("P", "Q"), 1), round(net.link("P", "Q").length_km, 1)
        (111.2, 166.8)
        """
        na, nb = self.node(a), self.node(b)
        if na.lat_deg is None or na.lon_deg is None or nb.lat_deg is None or nb.lon_deg is None:
            raise ValueError(f"nodes {a!r} and {b!r} need positions (lat_deg, lon_deg) for a geodesic distance")
        return great_circle_distance(Station(a, na.lat_deg, na.lon_deg), Station(b, nb.lat_deg, nb.lon_deg))

    def check_path(self, path: Sequence[str]) -> tuple[str, ...]:
        """Return ``path`` as a tuple after checking that it is a simple path of linked, known nodes.

        Examples
        --------
        >>> chain_network(2, 5.0).check_path(["A", "R1", "B"])
        ('A', 'R1', 'B')
        """
        if isinstance(path, (str, bytes)) or not isinstance(path, (list, tuple)):
            raise WrongTypeError(f"path must be a list of node names, got {path!r}")
        nodes = tuple(path)
        if len(nodes) < 2:
            raise ValueError(f"path must have at least two nodes, got {list(nodes)}")
        for name in nodes:
            self.check_node("path", name)
        if len(set(nodes)) != len(nodes):
            raise ValueError(f"path must not visit a node twice, got {list(nodes)}")
        for a, b in zip(nodes, nodes[1:], strict=False):
            if not self.graph.has_edge(a, b):
                raise ValueError(f"path {list(nodes)} steps from {a!r} to {b!r}, which no link joins")
        return nodes

    def check_node(self, parameter: str, name: object) -> str:
        """Return ``name`` after checking it names a node; the message names ``parameter`` (source, path...).

        Examples
        --------
        >>> chain_network(1, 5.0).check_node("source", "C")
        Traceback (most recent call last):
        ...
        ValueError: source must be a node of this network, one of ['A', 'B']; got 'C'
        """
        if not isinstance(name, str):
            raise WrongTypeError(f"{parameter} must be a node name, one of {sorted(self.nodes)}; got {name!r}")
        if name not in self.nodes:
            raise ValueError(f"{parameter} must be a node of this network, one of {sorted(self.nodes)}; got {name!r}")
        return name

    def path_links(self, path: Sequence[str]) -> list[Link]:
        """The links along ``path``, in order.

        Examples
        --------
        >>> [link.b for link in chain_network(2, 5.0).path_links(["A", "R1", "B"])]
        ['R1', 'B']
        """
        nodes = self.check_path(path)
        return [self.link(a, b) for a, b in zip(nodes, nodes[1:], strict=False)]

    def path_length_km(self, path: Sequence[str]) -> float:
        """Total length a classical message travels along ``path``, in km.

        Examples
        --------
        >>> chain_network(3, 5.0).path_length_km(["A", "R1", "R2", "B"])
        15.0
        """
        return float(sum(self.link_length_km(link) for link in self.path_links(path)))

    def __repr__(self) -> str:
        return f"Network({self.name or 'unnamed'!r}: {len(self.nodes)} nodes, {self.graph.number_of_edges()} links)"


def chain_network(
    n_links: int,
    link_km: float | Sequence[float],
    *,
    multiplexing: int = 1,
    t1_s: float = math.inf,
    t2_s: float = math.inf,
    **link_options: Any,
) -> Network:
    """A linear chain ``A – R1 – … – B`` of ``n_links`` fibre links (equal lengths, or one per link).

    End nodes ``"A"`` and ``"B"`` have ``multiplexing`` memories, repeaters twice as many (one set per
    side), all with ``t1_s``, ``t2_s`` (``inf``: no decay); ``link_options`` go to every :class:`FiberLink`.
    At most :data:`MAX_CHAIN_LINKS` links and :data:`MAX_MULTIPLEXING` memories per side.

    Examples
    --------
    >>> chain_network(3, [10.0, 20.0, 30.0]).path_length_km(["A", "R1", "R2", "B"])
    60.0
    """
    n = positive_int("n_links", n_links, 1, MAX_CHAIN_LINKS)
    given = array("link_km", link_km, ndim=None, low=0.0, finite=True)
    if given.ndim > 1 or (given.ndim == 1 and len(given) != n):
        raise ValueError(f"link_km must be one length or {n} lengths, got shape {given.shape}")
    lengths = np.broadcast_to(given, (n,))
    names = ["A", *(f"R{i}" for i in range(1, n)), "B"]
    m = positive_int("multiplexing", multiplexing, 1, MAX_MULTIPLEXING)
    nodes = [
        Node(name, "end", memories=m, t1_s=t1_s, t2_s=t2_s)
        if name in ("A", "B")
        else Node(name, "repeater", memories=2 * m, t1_s=t1_s, t2_s=t2_s)
        for name in names
    ]
    fibres = [
        FiberLink(a, b, float(length), **link_options)
        for a, b, length in zip(names[:-1], names[1:], lengths, strict=True)
    ]
    return Network(nodes, fibres, name=f"chain of {n} links")
