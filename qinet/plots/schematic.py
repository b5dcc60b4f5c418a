"""Schematics: who holds what, and what travels where, in the palette's colour roles.

A small vocabulary — :func:`party` (Alice, Bob, a repeater, a source or satellite, Eve, a server),
:func:`memory`, :func:`quantum_channel` (solid), :func:`classical_channel` (dashed, with its
message), :func:`entanglement` (a wavy line between two qubits) and :func:`key` (the legend) — and
one picture per protocol built from it: :func:`teleportation`, :func:`entanglement_swapping`,
:func:`repeater_chain`, :func:`bb84`, :func:`e91`, :func:`trusted_relays`, :func:`nonlocal_cnot`,
:func:`blind_computing`, :func:`clock_network` and :func:`satellite_pass`. Each takes ``ax=None``
and returns the Axes; nothing here computes physics. Text is at least 9 pt, to be read when projected.

Examples
--------
>>> ax = teleportation()
>>> sorted(t.get_text() for t in ax.texts if t.get_text() in ("Alice", "Bob"))
['Alice', 'Bob']
>>> ax = canvas()
>>> party(ax, (2.0, 2.0), "Alice", "alice"), party(ax, (8.0, 2.0), "Bob", "bob")
((2.0, 2.0), (8.0, 2.0))
>>> ax = classical_channel(quantum_channel(ax, (2.0, 2.0), (8.0, 2.0), "photons"), (2, 3), (8, 3), "bases")
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, cast

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch, Polygon, Rectangle
from qiskit import QuantumCircuit

from qinet._validate import array, boolean, function, instance, number, one_of, positive_int, strings, text
from qinet.plots.style import COLORS, axes, role_color

if TYPE_CHECKING:
    from matplotlib.typing import LegendLocType

INK = COLORS["bound"]  # black: text, outlines and quantum channels
WIRE = COLORS["classical"]  # grey: classical channels
LABEL_PT, MESSAGE_PT = 11.0, 9.5
Point = tuple[float, float]
SHAPES = ("node", "server", "source", "satellite")
LEGEND_PLACES = (
    "best", "upper right", "upper left", "lower left", "lower right", "right",
    "center left", "center right", "lower center", "upper center", "center",
)  # fmt: skip


def _ax(ax: object) -> Axes:
    return instance("ax", ax, Axes, "a matplotlib Axes (from canvas())")


def _point(name: str, xy: object) -> Point:
    x, y = array(name, xy, length=2, like="(x, y)", finite=True)
    return float(x), float(y)


def _line(
    ax: object, a: object, b: object, label: object, gap: object, offset: object
) -> tuple[Axes, Point, Point, str, float, float]:
    """The checked arguments of a channel or a pair: Axes, two points, a label, a gap >= 0 and an offset."""
    return (
        _ax(ax),
        _point("a", a),
        _point("b", b),
        str(text("label", label)),
        float(number("gap", gap, 0.0)),
        float(number("offset", offset)),
    )


def canvas(ax: Axes | None = None, *, width: float = 10.0, height: float = 4.0) -> Axes:
    """An empty drawing area ``width × height`` (data units) without axes, equal aspect."""
    width = float(number("width", width, 0.0, low_open=True))
    height = float(number("height", height, 0.0, low_open=True))
    ax = axes(ax, figsize=(8.0, 8.0 * height / width))
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax


def party(
    ax: Axes, xy: Point, name: str, role: str = "alice", *, shape: str = "node", radius: float = 0.38, note: str = ""
) -> Point:
    """Draw a party at ``xy``: a disc in its ``role`` colour (``shape``: ``"node"``, ``"server"`` box,
    ``"source"`` star, ``"satellite"``), its ``name`` below and an optional ``note`` under that."""
    ax, xy = _ax(ax), _point("xy", xy)
    name, note = str(text("name", name)), str(text("note", note))
    shape = one_of("shape", shape, SHAPES)
    radius = float(number("radius", radius, 0.0, low_open=True))
    colour, (x, y) = role_color(role), xy
    if shape == "server":
        ax.add_patch(
            FancyBboxPatch(
                (x - radius, y - radius), 2 * radius, 2 * radius, boxstyle="round,pad=0.05", fc=colour, ec=INK
            )
        )
    elif shape == "source":
        angles = np.linspace(np.pi / 2, np.pi / 2 + 2 * np.pi, 11)[:-1]
        r = np.where(np.arange(10) % 2 == 0, radius, radius * 0.45)
        ax.add_patch(Polygon(np.c_[x + r * np.cos(angles), y + r * np.sin(angles)], closed=True, fc=colour, ec=INK))
    elif shape == "satellite":
        ax.add_patch(Rectangle((x - radius * 0.45, y - radius * 0.45), radius * 0.9, radius * 0.9, fc=colour, ec=INK))
        for side in (-1, 1):
            ax.add_patch(
                Rectangle(
                    (x + side * radius * 0.5 - (side < 0) * radius * 1.1, y - radius * 0.18),
                    radius * 1.1,
                    radius * 0.36,
                    fc=WIRE,
                    ec=INK,
                )
            )
    else:
        ax.add_patch(Circle(xy, radius, fc=colour, ec=INK, lw=1.2, zorder=3))
    ax.text(x, y - radius - 0.12, name, ha="center", va="top", fontsize=LABEL_PT, color=INK, zorder=4)
    if note:
        ax.text(x, y - radius - 0.5, note, ha="center", va="top", fontsize=MESSAGE_PT, color=INK, zorder=4)
    return xy


def memory(ax: Axes, xy: Point, *, size: float = 0.26, label: str = "") -> Point:
    """A quantum memory: a small square in the repeater colour at ``xy``."""
    ax, xy = _ax(ax), _point("xy", xy)
    size, label = float(number("size", size, 0.0, low_open=True)), str(text("label", label))
    x, y = xy
    ax.add_patch(Rectangle((x - size / 2, y - size / 2), size, size, fc=role_color("repeater"), ec=INK, zorder=4))
    if label:
        ax.text(x, y + size, label, ha="center", va="bottom", fontsize=MESSAGE_PT, color=INK)
    return xy


def _shrink(a: Point, b: Point, by: float) -> tuple[Point, Point]:
    a_, b_ = np.asarray(a, float), np.asarray(b, float)
    step = (b_ - a_) / max(np.linalg.norm(b_ - a_), 1e-9) * by
    start, end = a_ + step, b_ - step
    return (float(start[0]), float(start[1])), (float(end[0]), float(end[1]))


def _label(ax: Axes, a: Point, b: Point, text: str, offset: float) -> None:
    if text:
        (xa, ya), (xb, yb) = a, b
        ax.text(
            (xa + xb) / 2,
            (ya + yb) / 2 + offset,
            text,
            ha="center",
            va="center",
            fontsize=MESSAGE_PT,
            color=INK,
            bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none"},
            zorder=5,
        )


def quantum_channel(ax: Axes, a: Point, b: Point, label: str = "", *, gap: float = 0.45, offset: float = 0.28) -> Axes:
    """A quantum channel (fibre or free space) from ``a`` to ``b``: a solid black arrow."""
    ax, a, b, label, gap, offset = _line(ax, a, b, label, gap, offset)
    start, end = _shrink(a, b, gap)
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=16, lw=2.2, color=INK, zorder=2))
    _label(ax, a, b, label, offset)
    return ax


def classical_channel(
    ax: Axes, a: Point, b: Point, label: str = "", *, gap: float = 0.45, offset: float = -0.28, both_ways: bool = False
) -> Axes:
    """A classical channel carrying ``label`` from ``a`` to ``b``: a dashed grey arrow."""
    ax, a, b, label, gap, offset = _line(ax, a, b, label, gap, offset)
    start, end = _shrink(a, b, gap)
    style = "<|-|>" if boolean("both_ways", both_ways) else "-|>"
    ax.add_patch(
        FancyArrowPatch(start, end, arrowstyle=style, mutation_scale=14, lw=1.6, ls="--", color=WIRE, zorder=2)
    )
    _label(ax, a, b, label, offset)
    return ax


def entanglement(ax: Axes, a: Point, b: Point, label: str = "", *, gap: float = 0.45, offset: float = 0.3) -> Axes:
    """An entangled pair shared by ``a`` and ``b``: a wavy black line."""
    ax, a, b, label, gap, offset = _line(ax, a, b, label, gap, offset)
    start, end = (np.asarray(p) for p in _shrink(a, b, gap))
    t = np.linspace(0, 1, 200)
    along, length = end - start, float(np.linalg.norm(end - start))
    normal = np.array([-along[1], along[0]]) / max(length, 1e-9)
    wave = 0.08 * np.sin(2 * np.pi * t * max(length, 0.5) / 0.35)
    points = start + np.outer(t, along) + np.outer(wave, normal)
    ax.plot(points[:, 0], points[:, 1], color=INK, lw=1.4, zorder=2)
    _label(ax, a, b, label, offset)
    return ax


def key(ax: Axes, *, loc: str = "lower center", memories: bool = False) -> Axes:
    """The legend: quantum channel, classical channel, entangled pair (and memory)."""
    ax, loc, memories = _ax(ax), one_of("loc", loc, LEGEND_PLACES), boolean("memories", memories)
    handles = [
        Line2D([], [], color=INK, lw=2.2, label="quantum channel"),
        Line2D([], [], color=WIRE, lw=1.6, ls="--", label="classical channel"),
        Line2D([], [], color=INK, lw=1.4, marker=None, label="entangled pair (wavy)"),
    ]
    if memories:
        handles.append(
            Line2D([], [], color=role_color("repeater"), marker="s", lw=0, markeredgecolor=INK, label="quantum memory")
        )
    ax.legend(
        handles=handles,
        loc=cast("LegendLocType", loc),  # one_of checked it is one of LEGEND_PLACES
        ncol=len(handles),
        fontsize=MESSAGE_PT,
        frameon=False,
        bbox_to_anchor=(0.5, -0.08) if loc == "lower center" else None,
    )
    return ax


def _title(ax: Axes, text: str) -> None:
    ax.set_title(text, fontsize=LABEL_PT + 1, color=INK)


def teleportation(ax: Axes | None = None) -> Axes:
    """Teleportation: a shared pair, Alice's Bell measurement on |ψ⟩ and her half, two bits to Bob, his correction."""
    ax = canvas(ax)
    alice, source, bob = (1.5, 2.2), (5.0, 3.3), (8.5, 2.2)
    party(ax, alice, "Alice", "alice", note="Bell measurement on |ψ⟩ and her half")
    party(ax, bob, "Bob", "bob", note="applies X^a Z^m: now holds |ψ⟩")
    party(ax, source, "pair source", "source", shape="source", radius=0.3)
    quantum_channel(ax, source, alice, "half of Φ⁺", gap=0.42)
    quantum_channel(ax, source, bob, "half of Φ⁺", gap=0.42)
    classical_channel(ax, alice, bob, "2 bits (m, a)", offset=-0.32)
    ax.text(alice[0], alice[1] + 0.55, "|ψ⟩", ha="center", fontsize=LABEL_PT, color=INK)
    _title(ax, "Teleportation: one pair and two bits move one qubit")
    return key(ax)


def entanglement_swapping(ax: Axes | None = None) -> Axes:
    """Entanglement swapping: two pairs A–C and C–B, Charlie's Bell measurement, two bits, a pair A–B."""
    ax = canvas(ax)
    alice, charlie, bob = (1.2, 2.4), (5.0, 2.4), (8.8, 2.4)
    party(ax, alice, "Alice", "alice")
    party(ax, charlie, "Charlie", "charlie", note="Bell measurement on his two qubits")
    party(ax, bob, "Bob", "bob", note="corrects with the 2 bits")
    entanglement(ax, alice, charlie, "pair 1")
    entanglement(ax, charlie, bob, "pair 2")
    classical_channel(ax, (charlie[0], 1.1), (bob[0], 1.1), "2 bits", offset=-0.25, gap=0.1)
    ax.annotate(
        "",
        xy=(bob[0] - 0.2, 3.3),
        xytext=(alice[0] + 0.2, 3.3),
        arrowprops={"arrowstyle": "<->", "color": INK, "lw": 1.0, "ls": ":"},
    )
    ax.text(
        5.0,
        3.5,
        "afterwards Alice and Bob share a pair; Charlie's qubits are measured",
        ha="center",
        fontsize=MESSAGE_PT,
        color=INK,
    )
    _title(ax, "Entanglement swapping")
    return key(ax)


def repeater_chain(n_links: int = 4, ax: Axes | None = None) -> Axes:
    """A repeater chain of ``n_links`` links: end nodes, repeaters with two memories each, link pairs."""
    n_links = positive_int("n_links", n_links)
    if n_links > 8:
        raise ValueError(f"n_links must be at most 8 to stay readable, got {n_links}")
    ax = canvas(ax)
    xs = np.linspace(0.9, 9.1, n_links + 1)
    for k, x in enumerate(xs):
        end = k in (0, n_links)
        name = "Alice" if k == 0 else "Bob" if k == n_links else f"R{k}"
        role = "alice" if k == 0 else "bob" if k == n_links else "repeater"
        party(ax, (x, 2.2), name, role, radius=0.3)
        for side in (1,) if k == 0 else (-1,) if k == n_links else (-1, 1):
            memory(ax, (x + side * 0.18, 2.75), size=0.2)
        if not end:
            ax.text(x, 1.25, "swap", ha="center", fontsize=MESSAGE_PT, color=INK)
    for a, b in zip(xs[:-1], xs[1:], strict=True):
        entanglement(ax, (a, 2.2), (b, 2.2), gap=0.36)
        classical_channel(ax, (a, 3.35), (b, 3.35), "herald", gap=0.1, offset=0.22, both_ways=True)
    _title(ax, f"A repeater chain: {n_links} links, {n_links - 1} repeaters with memories")
    return key(ax, memories=True)


def bb84(eve: bool = True, ax: Axes | None = None) -> Axes:
    """BB84: Alice's photons to Bob through a quantum channel (with Eve on it), bases compared in public."""
    eve = boolean("eve", eve)
    ax = canvas(ax)
    alice, bob = (1.2, 2.3), (8.8, 2.3)
    party(ax, alice, "Alice", "alice", note="random bits in random bases")
    party(ax, bob, "Bob", "bob", note="measures in random bases")
    if eve:
        eavesdropper = (5.0, 2.3)
        party(ax, eavesdropper, "Eve", "eve", radius=0.32, note="intercepts and resends")
        quantum_channel(ax, alice, eavesdropper, "photons")
        quantum_channel(ax, eavesdropper, bob, "resent photons")
    else:
        quantum_channel(ax, alice, bob, "photons, one qubit each")
    classical_channel(
        ax,
        (alice[0], 3.4),
        (bob[0], 3.4),
        "bases, sample bits, error correction (public)",
        both_ways=True,
        gap=0.1,
        offset=0.25,
    )
    _title(ax, "BB84" + (" with an eavesdropper" if eve else ""))
    return key(ax)


def e91(ax: Axes | None = None) -> Axes:
    """E91: a source sends one qubit of each pair to Alice and Bob; settings are compared in public."""
    ax = canvas(ax)
    alice, source, bob = (1.2, 2.2), (5.0, 2.2), (8.8, 2.2)
    party(ax, source, "pair source", "source", shape="source", radius=0.35)
    party(ax, alice, "Alice", "alice", note="angle 0, π/4 or π/2")
    party(ax, bob, "Bob", "bob", note="angle π/4, π/2 or 3π/4")
    quantum_channel(ax, source, alice, "qubit A")
    quantum_channel(ax, source, bob, "qubit B")
    classical_channel(
        ax, (alice[0], 3.4), (bob[0], 3.4), "settings; CHSH test on the rest", both_ways=True, gap=0.1, offset=0.25
    )
    _title(ax, "E91: a key and a Bell test from the same pairs")
    return key(ax)


def trusted_relays(n_relays: int = 3, ax: Axes | None = None) -> Axes:
    """A trusted-node chain: QKD on every hop, the key passed on with one-time pads through every relay."""
    n_relays = positive_int("n_relays", n_relays)
    if n_relays > 6:
        raise ValueError(f"n_relays must be at most 6 to stay readable, got {n_relays}")
    ax = canvas(ax)
    xs = np.linspace(0.9, 9.1, n_relays + 2)
    for k, x in enumerate(xs):
        last = k == len(xs) - 1
        name, role = ("Alice", "alice") if k == 0 else ("Bob", "bob") if last else (f"T{k}", "charlie")
        party(ax, (x, 2.3), name, role, radius=0.3, note="" if k == 0 or last else "sees the key")
    for k, (a, b) in enumerate(zip(xs[:-1], xs[1:], strict=True), start=1):
        quantum_channel(ax, (a, 2.3), (b, 2.3), f"QKD: k{k}", gap=0.36)
        if k > 1:  # relay T(k-1) announces the XOR of the keys on its two sides
            classical_channel(ax, (a, 3.3), (b, 3.3), f"k{k - 1}⊕k{k}", gap=0.15, offset=0.22)
    _title(ax, f"Trusted relays: {n_relays} nodes, each must be trusted")
    return key(ax)


def nonlocal_cnot(ax: Axes | None = None) -> Axes:
    """The nonlocal CNOT: one shared pair and one classical bit each way between nodes A and B."""
    ax = canvas(ax)
    node_a, node_b = (2.0, 2.3), (8.0, 2.3)
    party(ax, node_a, "node A", "alice", note="control qubit + half of the pair")
    party(ax, node_b, "node B", "bob", note="target qubit + half of the pair")
    entanglement(ax, node_a, node_b, "one shared pair (1 ebit)", offset=0.32)
    classical_channel(ax, (node_a[0], 3.35), (node_b[0], 3.35), "1 bit: A's parity", gap=0.1, offset=0.22)
    classical_channel(ax, (node_b[0], 0.85), (node_a[0], 0.85), "1 bit: B's X result", gap=0.1, offset=-0.22)
    _title(ax, "The nonlocal CNOT: 1 ebit + 2 classical bits")
    return key(ax)


def blind_computing(ax: Axes | None = None) -> Axes:
    """Blind computing: the client sends rotated qubits and angles δ; the server measures and reports."""
    ax = canvas(ax)
    client, server = (1.8, 2.2), (8.2, 2.2)
    party(ax, client, "client", "alice", note="knows the computation φ, θ, r")
    party(ax, server, "server", "charlie", shape="server", radius=0.42, note="sees only δ and qubits")
    quantum_channel(ax, client, server, "qubits |+_θ⟩", offset=0.3)
    classical_channel(ax, (client[0], 3.35), (server[0], 3.35), "angles δ = φ′ + θ + rπ", gap=0.1, offset=0.22)
    classical_channel(ax, (server[0], 0.85), (client[0], 0.85), "measurement results", gap=0.1, offset=-0.22)
    _title(ax, "Blind quantum computing: the server computes without learning what")
    return key(ax)


def clock_network(n_clocks: int = 4, ax: Axes | None = None) -> Axes:
    """A network of ``n_clocks`` clocks sharing a GHZ state through a central node, with a classical time signal."""
    n_clocks = positive_int("n_clocks", n_clocks, minimum=2)
    if n_clocks > 8:
        raise ValueError(f"n_clocks must be at most 8 to stay readable, got {n_clocks}")
    ax = canvas(ax)
    centre = (5.0, 2.1)
    party(ax, centre, "centre", "source", shape="source", radius=0.3)
    for k in range(n_clocks):
        angle = np.pi / 2 + 2 * np.pi * k / n_clocks
        where = (centre[0] + 3.6 * np.cos(angle), centre[1] + 1.45 * np.sin(angle))
        party(ax, where, f"clock {k + 1}", "charlie", radius=0.26)
        entanglement(ax, centre, where, gap=0.34)
    ax.text(centre[0] + 0.9, centre[1] + 0.55, "one GHZ state\nacross all clocks", fontsize=MESSAGE_PT, color=INK)
    _title(ax, f"A quantum network of {n_clocks} clocks")
    return key(ax)


def satellite_pass(ax: Axes | None = None, *, elevation_labels: Sequence[str] = ("ε", "ε")) -> Axes:
    """A satellite pass: a source in orbit sends one photon of each pair down to two ground stations."""
    elevation_labels = strings("elevation_labels", elevation_labels, length=2, like="(station A, station B)")
    ax = canvas(ax)
    ground = np.linspace(0.3, 9.7, 100)
    ax.plot(ground, 0.6 + 0.25 * np.cos((ground - 5) / 5), color=INK, lw=1.5)
    orbit = np.linspace(1.0, 9.0, 100)
    ax.plot(orbit, 3.5 - 0.03 * (orbit - 5) ** 2, color=WIRE, lw=1.0, ls=":")
    satellite, alice, bob = (5.0, 3.5), (1.6, 1.0), (8.4, 1.0)
    party(ax, satellite, "satellite (pair source)", "source", shape="satellite", radius=0.36)
    party(ax, alice, "station A", "alice", radius=0.25)
    party(ax, bob, "station B", "bob", radius=0.25)
    quantum_channel(ax, satellite, alice, "downlink", offset=0.3)
    quantum_channel(ax, satellite, bob, "downlink", offset=0.3)
    classical_channel(
        ax,
        (alice[0], 0.25),
        (bob[0], 0.25),
        "timing and settings (radio, internet)",
        gap=0.2,
        offset=-0.2,
        both_ways=True,
    )
    for (x, y), elevation, side in zip((alice, bob), elevation_labels, (1, -1), strict=True):
        ax.text(x + side * 0.75, y + 0.15, elevation, fontsize=LABEL_PT, color=INK, ha="center")
    ax.set_ylim(-0.45, 4.0)  # room under the classical channel's label for the legend
    _title(ax, "A satellite pass: two downlinks share one pair")
    return key(ax)


def direct_link(ax: Axes | None = None) -> Axes:
    """Direct distribution over fibre: a pair source in the middle, half of the fibre to each detector.

    A pair counts only if both photons survive their half, ``η(L/2)² = η(L)``, and both detectors
    click, ``η_d²``; the click times are compared over a classical channel to find the coincidences.

    Examples
    --------
    >>> sorted(t.get_text() for t in direct_link().texts if t.get_text() in ("Alice", "Bob", "pair source"))
    ['Alice', 'Bob', 'pair source']
    """
    ax = canvas(ax)
    alice, source, bob = (1.2, 2.2), (5.0, 2.2), (8.8, 2.2)
    party(ax, alice, "Alice", "alice", note="detector, efficiency η_d")
    party(ax, bob, "Bob", "bob", note="detector, efficiency η_d")
    party(ax, source, "pair source", "source", shape="source", radius=0.35, note="R pairs per second")
    quantum_channel(ax, source, alice, "fibre L/2: η(L/2)")
    quantum_channel(ax, source, bob, "fibre L/2: η(L/2)")
    classical_channel(
        ax,
        (alice[0], 3.4),
        (bob[0], 3.4),
        "click times, to find the coincidences",
        both_ways=True,
        gap=0.1,
        offset=0.25,
    )
    _title(ax, "Direct distribution: a pair counts only if both photons arrive")
    return key(ax)


def bell_test(ax: Axes | None = None) -> Axes:
    """A CHSH test: a source sends one qubit of each pair to Alice and Bob; each picks one of two settings at
    random and measures; settings and results are compared over a classical channel only afterwards."""
    ax = canvas(ax)
    alice, source, bob = (1.2, 2.2), (5.0, 2.2), (8.8, 2.2)
    party(ax, source, "pair source", "source", shape="source", radius=0.35, note="one pair per round")
    party(ax, alice, "Alice", "alice", note="measures along a₀ or a₁")
    party(ax, bob, "Bob", "bob", note="measures along b₀ or b₁")
    quantum_channel(ax, source, alice, "qubit A")
    quantum_channel(ax, source, bob, "qubit B")
    classical_channel(
        ax,
        (alice[0], 3.4),
        (bob[0], 3.4),
        "afterwards: settings and results → E, S",
        both_ways=True,
        gap=0.1,
        offset=0.25,
    )
    _title(ax, "A CHSH test: random settings on each side, correlations compared later")
    return key(ax)


def superdense_coding(ax: Axes | None = None) -> Axes:
    """Superdense coding: a shared pair; Alice encodes two bits on her half and sends it; Bob's Bell measurement
    reads them (teleportation's mirror image: one qubit carries two bits)."""
    ax = canvas(ax)
    alice, source, bob = (1.5, 2.2), (5.0, 3.3), (8.5, 2.2)
    party(ax, alice, "Alice", "alice", note="I, X, Z or ZX on her half: 2 bits")
    party(ax, bob, "Bob", "bob", note="Bell measurement reads the 2 bits")
    party(ax, source, "pair source", "source", shape="source", radius=0.3)
    quantum_channel(ax, source, alice, "half of Φ⁺", gap=0.42)
    quantum_channel(ax, source, bob, "half of Φ⁺", gap=0.42)
    quantum_channel(ax, alice, bob, "Alice's qubit: 1 qubit sent", offset=-0.32)
    _title(ax, "Superdense coding: one pair and one qubit carry two bits")
    return key(ax)


def with_circuit(
    picture: Callable[..., Axes], circuit: Any, *, fold: int = -1, figsize: tuple[float, float] = (10.0, 7.0)
) -> Figure:
    """One figure with a protocol's ``picture`` (a function of this module) above its ``circuit``'s drawing.

    Examples
    --------
    >>> from qinet.circuits import bell_pair
    >>> len(with_circuit(bell_test, bell_pair("phi+")).axes)
    2
    """
    picture = function("picture", picture, "a picture function of qinet.plots.schematic (such as bell_test)")
    circuit = instance("circuit", circuit, QuantumCircuit, "a qiskit QuantumCircuit")
    fold = positive_int("fold", fold, minimum=-1, maximum=1000)
    if fold == 0:
        raise ValueError("fold must be -1 (no folding) or a number of layers >= 1, got 0")
    width, height = array("figsize", figsize, length=2, like="(width, height)", finite=True, low=1.0, high=50.0)
    figure, (top, bottom) = plt.subplots(2, 1, figsize=(float(width), float(height)), layout="constrained")
    picture(ax=top)
    circuit.draw("mpl", fold=fold, ax=bottom)
    return figure


def teleported_cnot(ax: Axes | None = None) -> Axes:
    """The teleported CNOT: the control teleported to node B and back, two pairs and two bits each way."""
    ax = canvas(ax)
    node_a, node_b = (2.0, 2.3), (8.0, 2.3)
    party(ax, node_a, "node A", "alice", note="control qubit (away during the gate)")
    party(ax, node_b, "node B", "bob", note="target qubit: CNOT done here")
    entanglement(ax, (node_a[0], 2.6), (node_b[0], 2.6), "pair 1: the control goes to B", offset=0.3)
    entanglement(ax, (node_a[0], 2.0), (node_b[0], 2.0), "pair 2: the control comes back", offset=-0.3)
    classical_channel(ax, (node_a[0], 3.45), (node_b[0], 3.45), "2 bits: teleport there", gap=0.1, offset=0.22)
    classical_channel(ax, (node_b[0], 0.75), (node_a[0], 0.75), "2 bits: teleport back", gap=0.1, offset=-0.22)
    _title(ax, "The teleported CNOT: 2 ebits + 4 classical bits")
    return key(ax)


def purification(ax: Axes | None = None) -> Axes:
    """Purification (BBPSSW, DEJMPS): Alice and Bob share a source and a target pair in memories; each applies a
    CNOT from source to target and measures the target; the two results cross a classical channel, and the
    source pair is kept only if they agree.

    Examples
    --------
    >>> sorted(t.get_text() for t in purification().texts if t.get_text() in ("Alice", "Bob"))
    ['Alice', 'Bob']
    """
    ax = canvas(ax)
    alice, bob = (1.0, 2.3), (9.0, 2.3)
    party(ax, alice, "Alice", "alice", note="CNOT source → target,\nmeasures the target")
    party(ax, bob, "Bob", "bob", note="CNOT source → target,\nmeasures the target")
    for y, which in ((3.05, "source"), (1.85, "target")):
        left, right = memory(ax, (2.2, y)), memory(ax, (7.8, y))
        entanglement(ax, left, right, f"{which} pair, fidelity F", gap=0.25, offset=0.28)
    classical_channel(
        ax, (2.2, 0.9), (7.8, 0.9), "target results: keep the source pair if they agree", gap=0.1, both_ways=True
    )
    _title(ax, "Purification: two noisy pairs in, one better pair out (sometimes)")
    return key(ax, memories=True)


def nested_repeater(levels: int = 2, ax: Axes | None = None) -> Axes:
    """A first-generation chain of ``2**levels`` links, nested: every link of length L₀ is heralded over L₀; level j
    swaps pairs of level j − 1 into pairs that span ``2**j`` links, then waits for classical messages (heralds,
    parities) across that span, ``2**j L₀``.

    Examples
    --------
    >>> ax = nested_repeater(2)
    >>> [t.get_text().split(":")[0] for t in ax.texts if t.get_text().startswith("level")]
    ['level 0', 'level 1', 'level 2']
    """
    levels = positive_int("levels", levels)
    if levels > 3:
        raise ValueError(f"levels must be at most 3 to stay readable, got {levels}")
    ax = canvas(ax, height=4.6)
    n_links = 2**levels
    xs = np.linspace(2.6, 9.4, n_links + 1)
    for k, x in enumerate(xs):
        name, role = ("Alice", "alice") if k == 0 else ("Bob", "bob") if k == n_links else (f"R{k}", "repeater")
        party(ax, (x, 0.75), name, role, radius=0.22)
    rows = np.linspace(1.45, 3.85, levels + 1)
    for j, y in enumerate(rows):
        span = 2**j
        for start in range(0, n_links, span):
            a, b = (xs[start], y), (xs[start + span], y)
            entanglement(ax, a, b, gap=0.12, offset=0.0)
            classical_channel(ax, (a[0], y + 0.28), (b[0], y + 0.28), gap=0.12, both_ways=True)
        text = "level 0: links,\nheralds over L₀" if j == 0 else f"level {j}: swaps,\nmessages over {span} L₀"
        ax.text(0.1, y, text, ha="left", va="center", fontsize=MESSAGE_PT, color=INK)
    _title(ax, f"A nested first-generation chain: {n_links} links, {levels} levels of swaps")
    return key(ax)


def heralded_entanglement(ax: Axes | None = None) -> Axes:
    """Heralded (event-ready) entanglement of two memories: each node entangles its memory with a photon, the
    photons meet at a middle station whose Bell-state measurement announces success, and only then are the
    memories measured, locally and with near-unit efficiency (Hensen et al., Nature 526, 682 (2015)). A lost
    photon costs a herald, not an outcome of the Bell test: loss lowers the rate, not S.

    Examples
    --------
    >>> sorted(t.get_text() for t in heralded_entanglement().texts if t.get_text() in ("Alice", "Bob"))
    ['Alice', 'Bob']
    """
    ax = canvas(ax)
    alice, station, bob = (1.2, 2.0), (5.0, 2.0), (8.8, 2.0)
    party(ax, alice, "Alice", "alice", note="measures her memory")
    party(ax, bob, "Bob", "bob", note="measures his memory")
    party(ax, station, "middle station", "charlie", radius=0.34, note="Bell measurement on the photons")
    for node in (alice, bob):
        memory(ax, (node[0], node[1] + 0.7))
    quantum_channel(ax, alice, station, "photon")
    quantum_channel(ax, bob, station, "photon")
    entanglement(ax, (alice[0], 2.7), (bob[0], 2.7), "after a herald: the memories share a pair", gap=0.3, offset=0)
    classical_channel(ax, (station[0] - 0.3, 3.45), (alice[0], 3.45), "herald: success", gap=0.1, offset=0.22)
    classical_channel(ax, (station[0] + 0.3, 3.45), (bob[0], 3.45), "herald: success", gap=0.1, offset=0.22)
    ax.text(
        station[0],
        0.55,
        "a lost photon means no herald: fewer pairs, never a missing outcome",
        ha="center",
        fontsize=MESSAGE_PT,
        color=INK,
    )
    _title(ax, "Heralded entanglement: loss lowers the rate, not S")
    return key(ax, memories=True)


def heralded_link(midpoint: bool = True, ax: Axes | None = None) -> Axes:
    """A heralded link between two memories: each node's memory emits a photon entangled with it; a Bell
    measurement on the photons (at a station in the middle when ``midpoint``, else at Bob's end) heralds the
    pair, and the herald travels back as a classical message (``L/v`` with the station in the middle, ``2L/v``
    for the node that emitted at the far end). No photon is measured by Alice or Bob: the pair stays in memory.

    Examples
    --------
    >>> sorted(t.get_text() for t in heralded_link().texts if t.get_text() in ("Alice", "Bob", "station"))
    ['Alice', 'Bob', 'station']
    >>> heralded_link(midpoint=False).get_title()
    'A heralded link: the herald reaches Alice after 2L/v'
    """
    midpoint = boolean("midpoint", midpoint)
    ax = canvas(ax)
    alice, bob = (1.2, 2.0), (8.8, 2.0)
    station = (5.0, 2.0) if midpoint else (6.7, 2.0)
    party(ax, alice, "Alice", "alice", note="memory + photon")
    party(ax, bob, "Bob", "bob", note="memory + photon")
    party(ax, station, "station", "charlie", radius=0.3, note="Bell measurement")
    for node in (alice, bob):
        memory(ax, (node[0], node[1] + 0.62), size=0.22)
        classical_channel(ax, (station[0], 3.45), (node[0], 3.45), "herald", gap=0.25, offset=0.22)
    quantum_channel(ax, alice, station, "photon, L/2" if midpoint else "photon, L", offset=-0.3)
    quantum_channel(ax, bob, station, "photon, L/2" if midpoint else "", offset=-0.3, gap=0.4)
    entanglement(ax, (alice[0], 2.62), (bob[0], 2.62), "heralded pair, kept in the memories", gap=0.15, offset=0.28)
    wait = "the herald is back after L/v" if midpoint else "the herald reaches Alice after 2L/v"
    _title(ax, f"A heralded link: {wait}")
    return key(ax, memories=True)


#: Every protocol picture, by name (for galleries and tests).
PROTOCOLS = {
    "teleportation": teleportation,
    "entanglement_swapping": entanglement_swapping,
    "repeater_chain": repeater_chain,
    "bb84": bb84,
    "e91": e91,
    "trusted_relays": trusted_relays,
    "nonlocal_cnot": nonlocal_cnot,
    "blind_computing": blind_computing,
    "clock_network": clock_network,
    "satellite_pass": satellite_pass,
    "direct_link": direct_link,
    "bell_test": bell_test,
    "superdense_coding": superdense_coding,
    "teleported_cnot": teleported_cnot,
    "purification": purification,
    "nested_repeater": nested_repeater,
    "heralded_entanglement": heralded_entanglement,
    "heralded_link": heralded_link,
}
