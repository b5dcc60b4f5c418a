"""QKD and network panels: each control changes the picture (and the readout)."""

from __future__ import annotations

import pytest
from panelchecks import assert_extremes, assert_redraws

from qinet.widgets import qkd, trusted

CASES = [
    (qkd.key_rate_panel, "misalignment", 0.06),
    (qkd.key_rate_panel, "dark_count", 1e-4),
    (qkd.key_rate_panel, "ec_efficiency", 1.5),
    (qkd.eve_panel, "eve_fraction", 0.8),
    (qkd.eve_panel, "channel_error", 0.1),
    (trusted.e91_panel, "visibility", 0.8),
    (trusted.e91_panel, "eve_fraction", 0.6),
    (trusted.trusted_chain_panel, "n_relays", 10),
    (trusted.trusted_chain_panel, "model", "single_photon"),
    (trusted.trusted_chain_panel, "long_hop_km", 120.0),
    (trusted.detection_panel, "detector_efficiency", 0.9),
    (trusted.detection_panel, "visibility", 0.85),
    (trusted.detection_panel, "length_km", 100.0),
]


@pytest.mark.parametrize("factory, name, value", CASES)
def test_control_changes_picture_and_readout(factory, name, value):
    assert_redraws(factory, name, value)


def test_eve_panel_readout_says_abort_when_eve_is_greedy():
    panel = qkd.eve_panel(eve_fraction=0.0)
    assert "keep going" in panel.readout.value
    panel.controls["eve_fraction"].value = 1.0
    assert "abort" in panel.readout.value


def test_key_rate_panel_reports_the_published_ranges_at_gys_defaults():
    text = qkd.key_rate_panel().readout.value
    assert "decoys <b>≈ 140 km" in text and "no decoys <b>≈ 40 km" in text


@pytest.mark.parametrize("factory", [qkd.key_rate_panel, qkd.eve_panel])
def test_nb07_panels_draw_at_every_slider_extreme(factory):
    panel = factory()
    for name, control in panel.controls.items():
        for end in ("min", "max"):
            value = getattr(control, end)
            control.value = control.base**value if hasattr(control, "base") else value
            assert panel.readout.value, f"{name} at its {end} left an empty readout"
            assert "error" not in panel.readout.value.lower(), panel.readout.value


def test_key_rate_panel_says_which_decoy_model_each_curve_is():
    text = qkd.key_rate_panel().readout.value
    assert "many-decoy limit" in text and "vacuum + weak decoy <b>≈ 138 km" in text


def test_key_rate_panel_says_when_the_key_runs_past_its_axis():
    panel = qkd.key_rate_panel()
    panel.controls["attenuation_db_per_km"].value = 0.15
    panel.controls["dark_count"].value = 1e-8
    assert "decoys <b>beyond 250 km" in panel.readout.value


@pytest.mark.parametrize("factory", [qkd.key_rate_panel, qkd.eve_panel], ids=lambda f: f.__name__)
def test_every_control_at_both_ends_redraws(factory):
    assert_extremes(factory)
