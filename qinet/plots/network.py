"""Figures for quantum networks: the space-time diagram of a run, the network on a map, rates and
fidelities over distance (drawing only; each takes ``ax=None`` and returns the Axes)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.colors import to_rgba

from qinet._validate import WrongTypeError, array, boolean, instance, named_arrays, number, text
from qinet.plots.style import COLORS, axes, log_ticks

_ROLE_COLOURS = {"end": "alice", "repeater": "repeater", "trusted": "classical", "ground": "source"}
_ROLE_MARKERS = {"end": "o", "repeater": "s", "trusted": "D", "ground": "^"}


def _network(network: object):
    from qinet.network.topology import Network

    return instance("network", network, Network, "a Network (qinet.network.chain_network, catalog.load ...)")


def space_time(result, network, *, t_max_s: float | None = None, legend: bool = True, ax: Axes | None = None) -> Axes:
    """The space-time diagram of a simulation run: nodes across (km along the path), time down (ms).

    Grey bars: the attempts on each link (drawn at the midpoint station); thin light-cone lines: the
    successful photons going to the station and the herald coming back; green bars at the nodes:
    qubits held in memory, fading as they decohere; crosses: swaps; grey lines: classical messages
    at ``c/n``; stars: deliveries. ``result`` is a :class:`qinet.network.SimulationResult` and
    ``network`` the :class:`qinet.network.Network` it ran on; ``legend=False`` leaves out the key.

    Examples
    --------
    >>> from qinet.network import chain_network, simulate
    >>> net = chain_network(2, 10.0)
    >>> space_time(simulate(net, "A", "B", pairs=2, seed=1), net).get_ylabel()
    'time (ms)'
    """
    from qinet.network.simulate import SimulationResult

    instance("result", result, SimulationResult, "a SimulationResult from qinet.network.simulate")
    path = result.path
    lengths = [network.link_length_km(link) for link in _network(network).path_links(path)]
    t_max = None if t_max_s is None else float(number("t_max_s", t_max_s, 0.0, low_open=True))
    legend = boolean("legend", legend)
    ax = axes(ax, figsize=(6.4, 5.0))
    x_of = dict(zip(path, np.concatenate([[0.0], np.cumsum(lengths)]), strict=True))
    t_end = t_max if t_max is not None else (result.simulated_s or 1e-6)
    ms = 1e3
    offset = 0.012 * x_of[path[-1]]
    bars, cones, messages, memories = [], [], [], []
    memory_alpha = []
    swaps, deliveries = [], []
    for event in result.events:
        if event.time_s > t_end:
            continue
        if event.kind == "attempts":
            middle = 0.5 * (x_of[event.node] + x_of[event.peer])
            bars.append([(middle, event.time_s * ms), (middle, event.end_s * ms)])
            for end in (event.node, event.peer):
                cones.append([(x_of[end], event.end_s * ms), (middle, None)])
        elif event.kind == "herald":
            middle = 0.5 * (x_of[event.node] + x_of[event.peer])
            for cone in cones[-2:]:
                if cone[1][1] is None:
                    arrival = cone[0][1] + 0.5 * (event.time_s * ms - cone[0][1])
                    cone[1] = (middle, arrival)
                    cones.append([(middle, arrival), (cone[0][0], event.time_s * ms)])
        elif event.kind == "message":
            messages.append([(x_of[event.node], event.time_s * ms), (x_of[event.peer], min(event.end_s, t_end) * ms)])
        elif event.kind == "memory":  # a node's two sides side by side
            x = x_of[event.node] + (event.count - 0.5) * offset
            memories.append([(x, event.time_s * ms), (x, min(event.end_s, t_end) * ms)])
            memory_alpha.append(event.fidelity)
        elif event.kind == "swap":
            swaps.append((x_of[event.node], event.time_s * ms))
        elif event.kind == "delivery":
            deliveries.append(event.time_s * ms)
    cones = [c for c in cones if c[1][1] is not None]
    ax.add_collection(LineCollection(bars, colors=COLORS["classical"], linewidths=5, alpha=0.25, label="attempts"))
    ax.add_collection(LineCollection(cones, colors=COLORS["source"], linewidths=0.8, label="photons and heralds"))
    if memories:
        kept = np.clip((np.asarray(memory_alpha) - 0.5) / 0.5, 0.15, 1.0)
        colours = [to_rgba(COLORS["repeater"], a) for a in kept]  # fading as the qubit decoheres
        ax.add_collection(LineCollection(memories, colors=colours, linewidths=4, label="qubit in memory"))
    ax.add_collection(
        LineCollection(messages, colors=COLORS["classical"], linewidths=1.0, linestyles="--", label="classical message")
    )
    if swaps:
        sx, sy = zip(*swaps, strict=True)
        ax.plot(sx, sy, "x", color=COLORS["repeater"], ms=9, mew=2, ls="none", label="swap")
    if deliveries:
        for end, role in ((path[0], "alice"), (path[-1], "bob")):
            ax.plot([x_of[end]] * len(deliveries), deliveries, "*", color=COLORS[role], ms=12, ls="none")
        ax.plot([], [], "*", color=COLORS["alice"], ms=12, ls="none", label="delivery")
    ax.set_xticks(list(x_of.values()), list(x_of), fontsize=10 if len(path) > 5 else None)
    ax.set_xlim(-0.05 * x_of[path[-1]], 1.05 * x_of[path[-1]])
    ax.set_ylim(t_end * ms, 0.0)
    ax.set(xlabel="node (position along the path)", ylabel="time (ms)")
    if legend:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=9)
    return ax


def _project(network) -> dict[str, tuple[float, float]]:
    positioned = [n for n in network.nodes.values() if n.has_position]
    if len(positioned) < len(network.nodes):
        return {name: (float(i), 0.0) for i, name in enumerate(network.nodes)}
    mean_lat = math.radians(np.mean([n.lat_deg for n in positioned]))
    return {n.name: (n.lon_deg * math.cos(mean_lat), n.lat_deg) for n in positioned}


def network_map(
    network,
    *,
    link_labels: Mapping[tuple[str, str], str] | None = None,
    path: Sequence[str] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """The network on a map (longitude scaled by cos(latitude), latitude up), nodes coloured by role.

    Fibre links are solid, satellite links dashed; ``link_labels`` ((a, b) → text, e.g. a rate) are
    written at the links' middles; ``path`` is drawn thick in the "bob" colour.

    Examples
    --------
    >>> from qinet.network.catalog import load
    >>> network_map(load("delft-three-node")).get_title()
    'Delft three-node network'
    """
    from qinet.network.topology import SatelliteLink

    xy = _project(_network(network))
    if link_labels is not None and not isinstance(link_labels, Mapping):
        raise WrongTypeError(f"link_labels must be a mapping of (node, node) pairs to text, got {link_labels!r}")
    on_path = set()
    if path is not None:
        path = network.check_path(path)
        on_path = {frozenset(pair) for pair in zip(path[:-1], path[1:], strict=True)}
    ax = axes(ax, figsize=(6.4, 5.0))
    for link in network.links:
        (x1, y1), (x2, y2) = xy[link.a], xy[link.b]
        highlighted = frozenset((link.a, link.b)) in on_path
        colour = COLORS["bob"] if highlighted else COLORS["classical"]
        style = "--" if isinstance(link, SatelliteLink) else "-"
        ax.plot([x1, x2], [y1, y2], style, color=colour, lw=3.5 if highlighted else 1.5, zorder=1)
        label = (link_labels or {}).get((link.a, link.b)) or (link_labels or {}).get((link.b, link.a))
        if label:
            ax.annotate(
                label,
                ((x1 + x2) / 2, (y1 + y2) / 2),
                fontsize=9,
                ha="center",
                va="center",
                zorder=4,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8},
            )
    for role, colour_role in _ROLE_COLOURS.items():
        names = [name for name, node in network.nodes.items() if node.role == role]
        if names:
            ax.scatter(
                [xy[n][0] for n in names],
                [xy[n][1] for n in names],
                s=70,
                marker=_ROLE_MARKERS[role],
                color=COLORS[colour_role],
                zorder=3,
                label=f"{role} node" if role != "ground" else "ground station",
            )
    for name, (x, y) in xy.items():
        ax.annotate(name, (x, y), xytext=(5, 5), textcoords="offset points", fontsize=10, zorder=5)
    ax.set(xlabel="longitude × cos(latitude) (degrees)", ylabel="latitude (degrees)", title=network.name)
    ax.set_aspect("equal", adjustable="datalim")
    ax.legend(loc="best", fontsize=9)
    return ax


def versus_distance(
    distance_km: np.ndarray,
    analytic: Mapping[str, np.ndarray],
    simulated: Mapping[str, tuple[np.ndarray, np.ndarray, np.ndarray]] | None = None,
    *,
    ylabel: str = "pairs per second",
    log: bool = True,
    ax: Axes | None = None,
) -> Axes:
    """Analytic curves (lines) beside simulated points ``(x, mean, standard error)`` of the same label.

    Each label gets one role colour for its line and its points, so the simulation sits on its model.

    Examples
    --------
    >>> x = np.array([1.0, 2.0])
    >>> len(versus_distance(x, {"1 link": 1 / x}, {"1 link": (x, 1 / x, 0.1 / x)}).lines) >= 1
    True
    """
    distance_km = array("distance_km", distance_km)
    analytic = named_arrays("analytic", analytic, length=len(distance_km), like="distance_km")
    if simulated is not None:
        if not isinstance(simulated, Mapping):
            raise WrongTypeError(f"simulated must be a mapping of labels to (x, mean, stderr), got {simulated!r}")
        simulated = {label: _points(f"simulated[{label!r}]", points) for label, points in simulated.items()}
    text("ylabel", ylabel)
    log = boolean("log", log)
    ax = axes(ax)
    palette = [COLORS[r] for r in ("alice", "bob", "repeater", "source", "eve", "charlie")]
    for colour, (label, curve) in zip(palette, analytic.items(), strict=False):
        ax.plot(distance_km, curve, color=colour, label=f"{label} (analytic)")
        if simulated and label in simulated:
            x, mean, err = simulated[label]
            ax.errorbar(x, mean, yerr=err, fmt="o", color=colour, mfc="white", capsize=3, label=f"{label} (simulated)")
    if log:
        log_ticks(ax, "y")
    ax.set(xlabel="distance (km)", ylabel=ylabel)
    ax.legend(loc="best", fontsize=9)
    return ax


def _points(name: str, points: object) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Simulated points ``(x, mean, standard error)``: three arrays of one length."""
    if not isinstance(points, (tuple, list)) or len(points) != 3:
        raise WrongTypeError(f"{name} must be three arrays (x, mean, standard error), got {points!r}")
    x = array(f"{name}[0]", points[0])
    mean, err = (array(f"{name}[{i}]", points[i], length=len(x), like=f"{name}[0]") for i in (1, 2))
    return x, mean, err


def relay_comparison(
    rates_bps: Mapping[str, float],
    *,
    measurements: Sequence = (),
    measured_at: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Key rates (bit/s, log scale) of ways to connect two places, as bars; published ``measurements``
    drawn beside the bar labelled ``measured_at`` (open black markers, :func:`qinet.plots.measured`).

    Examples
    --------
    >>> relay_comparison({"trusted relays": 1e5, "repeaters": 0.0}).get_ylabel()
    'key rate (bit/s)'
    """
    from qinet.measurements import Measurement
    from qinet.plots.style import measured

    if not isinstance(rates_bps, Mapping):
        raise WrongTypeError(f"rates_bps must be a mapping of labels to key rates in bit/s, got {rates_bps!r}")
    labels = [str(label) for label in rates_bps]
    values = [float(number(f"rates_bps[{label!r}]", v, 0.0)) for label, v in rates_bps.items()]
    instance("measurements", measurements, (tuple, list), "a tuple of Measurement (e.g. measurements.by_topic(...))")
    for m in measurements:
        instance("measurements", m, Measurement, "a tuple of Measurement (e.g. measurements.by_topic(...))")
    if measured_at is not None and measured_at not in labels:
        raise ValueError(f"measured_at must be one of the labels of rates_bps, {labels}; got {measured_at!r}")
    ax = axes(ax)
    colours = [COLORS[r] for r in ("classical", "source", "repeater", "alice", "bob")][: len(labels)]
    positions = np.arange(len(labels))
    ax.bar(positions, values, color=colours, width=0.6)
    shown = [v for v in values if v > 0] + [m.value * 1e3 if m.unit == "kbit/s" else m.value for m in measurements]
    floor = min(shown) / 30.0 if shown else 1e-3
    for x, v in zip(positions, values, strict=True):
        ax.annotate("none" if v <= 0 else f"{v:.3g}", (x, max(v, floor)), ha="center", va="bottom", fontsize=9)
    if measurements and measured_at is not None:
        at = labels.index(measured_at) + 0.38
        scale = 1e3 if measurements[0].unit == "kbit/s" else 1.0
        measured(ax, measurements, [at] * len(measurements), scale=scale)
    log_ticks(ax, "y")
    ax.set_ylim(floor, max(shown) * 10.0 if shown else 1.0)
    ax.set_xticks(positions, labels)
    ax.set(ylabel="key rate (bit/s)")
    return ax
