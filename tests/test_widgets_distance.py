"""Panels for notebooks 04–06: they build, redraw when a control moves, and offer only valid ranges."""

from __future__ import annotations

import pytest
from panelchecks import assert_redraws

from qinet.widgets import purification as purwidgets
from qinet.widgets import repeaters as repwidgets
from qinet.widgets import satellite as satwidgets

CASES = [
    (satwidgets.downlink_panel, "elevation_deg", 60.0),
    (satwidgets.downlink_panel, "divergence_urad", 20.0),
    (satwidgets.pass_panel, "offset_km", 300.0),
    (satwidgets.pass_panel, "min_elevation_deg", 25.0),
    (repwidgets.memory_panel, "t2_s", 0.01),
    (repwidgets.memory_panel, "success_probability", 0.1),
    (repwidgets.chain_rate_panel, "n_links", 64),
    (repwidgets.chain_rate_panel, "swap_success", 0.5),
    (purwidgets.purification_panel, "fidelity", 0.6),
    (purwidgets.purification_panel, "protocol", "bbpssw"),
    (purwidgets.generations_panel, "node_spacing_3g_km", 10.0),
    (purwidgets.generations_panel, "purification_rounds", 3),
]


@pytest.mark.parametrize(("factory", "name", "value"), CASES, ids=[f"{f.__name__}-{n}" for f, n, _ in CASES])
def test_panel_redraws_when_a_control_moves(factory, name, value):
    assert_redraws(factory, name, value)


def test_pass_panel_says_when_there_is_no_common_window():
    panel = satwidgets.pass_panel(offset_km=800.0, min_elevation_deg=10.0)
    panel.controls["min_elevation_deg"].value = 40.0
    assert "never see the satellite together" in panel.readout.value


def test_memory_panel_says_when_the_memory_forgets():
    panel = repwidgets.memory_panel(length_km=100.0, success_probability=0.01, t2_s=1000.0)
    assert "outlives" in panel.readout.value
    panel.controls["t2_s"].value = 0.01
    assert "forgets" in panel.readout.value


def test_controls_offer_only_valid_ranges():
    assert satwidgets.downlink_panel().controls["elevation_deg"].min >= 0
    assert satwidgets.downlink_panel().controls["elevation_deg"].max <= 90
    memory = repwidgets.memory_panel().controls
    assert memory["success_probability"].max <= 0  # log slider: p from 10**min > 0 up to 10**0 = 1
    assert memory["t2_s"].base ** memory["t2_s"].min > 0
    assert min(repwidgets.chain_rate_panel().controls["n_links"].options.values()) >= 1
    assert purwidgets.purification_panel().controls["fidelity"].min >= 0.25
    with pytest.raises(ValueError, match="n_links"):
        repwidgets.chain_rate_panel(n_links=3)
