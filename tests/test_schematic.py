"""Schematics: every protocol picture draws, uses only the palette's colours, names its parties, and
keeps its text readable when projected (≥ 9 pt)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest
from matplotlib.colors import to_rgba
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Text

import qinet
from qinet.plots import schematic
from qinet.plots.style import COLORS

PALETTE = {to_rgba(c)[:3] for c in COLORS.values()} | {(1.0, 1.0, 1.0)}  # white: label backgrounds
LABELS = {
    "teleportation": ["Alice", "Bob", "2 bits"],
    "entanglement_swapping": ["Alice", "Charlie", "Bob"],
    "repeater_chain": ["Alice", "R1", "Bob", "swap"],
    "bb84": ["Alice", "Eve", "Bob"],
    "e91": ["Alice", "Bob", "pair source", "CHSH"],
    "trusted_relays": ["Alice", "T1", "Bob", "sees the key"],
    "nonlocal_cnot": ["node A", "node B", "1 ebit"],
    "teleported_cnot": ["node A", "node B", "pair 1", "2 ebits"],
    "blind_computing": ["client", "server", "δ"],
    "clock_network": ["clock 1", "GHZ"],
    "satellite_pass": ["satellite", "station A", "station B", "downlink"],
    "direct_link": ["Alice", "Bob", "pair source"],
    "bell_test": ["Alice", "Bob", "pair source", "a₀", "b₁"],
    "superdense_coding": ["Alice", "Bob", "2 bits", "1 qubit"],
    "purification": ["Alice", "Bob", "source pair", "target pair", "agree"],
    "nested_repeater": ["Alice", "R2", "Bob", "level 2", "4 L₀"],
    "heralded_entanglement": ["Alice", "Bob", "middle station", "herald", "memory"],
    "heralded_link": ["Alice", "Bob", "station", "herald", "L/v"],
}


@pytest.fixture(autouse=True)
def _style():
    qinet.plots.use_style()
    yield
    plt.close("all")


def _artists(ax):
    found = list(ax.get_children())
    legend = ax.get_legend()
    if legend is not None:
        found += legend.get_texts() + list(legend.legend_handles)
    return [a for a in found if a is not ax.patch and a.get_visible()]


def _colours(artist):
    if isinstance(artist, Line2D):
        return [artist.get_color(), artist.get_markerfacecolor(), artist.get_markeredgecolor()]
    if isinstance(artist, Patch):
        return [artist.get_facecolor(), artist.get_edgecolor()]
    if isinstance(artist, Text):
        patch = artist.get_bbox_patch()
        return [artist.get_color()] + ([patch.get_facecolor()] if patch is not None else [])
    return []


def _texts(ax):
    texts = [t for t in _artists(ax) if isinstance(t, Text) and t.get_text()]
    return texts + [ax.title]


@pytest.mark.parametrize("name", list(schematic.PROTOCOLS))
def test_every_protocol_draws_with_palette_colours_only_and_readable_labels(name):
    ax = schematic.PROTOCOLS[name]()
    assert ax is not None and ax.figure is not None
    used = set()
    for artist in _artists(ax):
        for colour in _colours(artist):
            rgba = to_rgba(colour)
            if rgba[3] > 0:
                used.add(tuple(round(c, 3) for c in rgba[:3]))
    palette = {tuple(round(c, 3) for c in p) for p in PALETTE}
    assert used <= palette, f"colours outside the palette: {used - palette}"
    words = " ".join(t.get_text() for t in _texts(ax))
    for label in LABELS[name]:
        assert label in words, f"{name} lacks the label {label!r}"
    assert min(t.get_fontsize() for t in _texts(ax)) >= 9
    assert ax.get_legend() is not None, "every schematic explains its line styles"


def test_quantum_and_classical_channels_look_different():
    ax = schematic.canvas()
    schematic.quantum_channel(ax, (1, 1), (4, 1))
    schematic.classical_channel(ax, (1, 2), (4, 2))
    quantum, classical = ax.patches[-2], ax.patches[-1]
    assert quantum.get_linestyle() != classical.get_linestyle()
    assert to_rgba(quantum.get_edgecolor()) != to_rgba(classical.get_edgecolor())


def test_drawing_on_a_given_axes_and_refusing_unreadable_sizes():
    _, ax = plt.subplots()
    assert schematic.repeater_chain(3, ax=ax) is ax
    assert "3 links" in ax.get_title()
    for bad in (
        lambda: schematic.repeater_chain(0),
        lambda: schematic.repeater_chain(20),
        lambda: schematic.trusted_relays(9),
        lambda: schematic.clock_network(1),
    ):
        with pytest.raises(ValueError):
            bad()
    assert "Eve" not in " ".join(t.get_text() for t in _texts(schematic.bb84(eve=False)))


def test_nested_repeater_draws_one_row_per_level_and_refuses_unreadable_depths():
    ax = schematic.nested_repeater(3)
    assert "8 links" in ax.get_title() and sum(t.get_text().startswith("level") for t in ax.texts) == 4
    for bad in (0, 4, 2.5):
        with pytest.raises((ValueError, TypeError)):
            schematic.nested_repeater(bad)
