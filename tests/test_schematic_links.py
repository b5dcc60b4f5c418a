"""The schematics of notebooks 03 and 04: the direct fibre link and the satellite pass draw in palette colours
only, name who holds what, keep their text readable and leave the legend clear of the drawing."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest
from matplotlib.colors import to_rgba
from test_schematic import PALETTE, _artists, _colours, _texts

import qinet
from qinet.plots import schematic


@pytest.fixture(autouse=True)
def _style():
    qinet.plots.use_style()
    yield
    plt.close("all")


def test_direct_link_draws_with_palette_colours_and_names_its_parts():
    _, given = plt.subplots()
    ax = schematic.direct_link(ax=given)
    assert ax is given
    used = {tuple(round(c, 3) for c in to_rgba(colour)[:3]) for a in _artists(ax) for colour in _colours(a)}
    used = {c for c in used if c}
    assert used <= {tuple(round(c, 3) for c in p) for p in PALETTE}
    words = " ".join(t.get_text() for t in _texts(ax))
    for label in ("Alice", "Bob", "pair source", "η(L/2)", "η_d", "coincidences"):
        assert label in words, label
    assert min(t.get_fontsize() for t in _texts(ax)) >= 9 and ax.get_legend() is not None


@pytest.mark.parametrize("draw", [schematic.direct_link, schematic.satellite_pass])
def test_the_legend_does_not_cover_any_label(draw):
    ax = draw()
    renderer = ax.figure.canvas.get_renderer()
    legend = ax.get_legend().get_window_extent(renderer)
    labels = [t for t in ax.texts if t.get_text()]
    assert labels and not any(t.get_window_extent(renderer).overlaps(legend) for t in labels)
