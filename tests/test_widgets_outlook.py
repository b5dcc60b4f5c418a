"""Panels of notebooks 11 and 12: they build, and moving a control changes the picture and the readout."""

from __future__ import annotations

import matplotlib
import pytest
from panelchecks import assert_extremes

matplotlib.use("agg")

from qinet.widgets import roadmap, sensing  # noqa: E402


def _changes(panel, name, value):
    image, readout = panel.image.value, panel.readout.value
    panel.controls[name].value = value
    return panel.image.value != image, panel.readout.value != readout


@pytest.mark.parametrize(("name", "value"), [("n_qubits", 2), ("dephasing", 0.2)])
def test_ghz_sensing_panel_updates(name, value):
    panel = sensing.ghz_sensing_panel()
    assert panel.image.value and "contrast" in panel.readout.value
    assert _changes(panel, name, value) == (True, True)


def test_ghz_sensing_panel_reports_the_contrast_formula():
    panel = sensing.ghz_sensing_panel(n_qubits=3, dephasing=0.1)
    assert "0.741" in panel.readout.value  # e^{-0.3}


@pytest.mark.parametrize(
    ("name", "value", "shown"), [("n_qubits", 1, "N = 1,"), ("n_qubits", 10, "N = 10,"), ("dephasing", 0.5, "= 0.5:")]
)
def test_ghz_sensing_panel_slider_extremes(name, value, shown):
    panel = sensing.ghz_sensing_panel()
    panel.controls[name].value = value
    assert shown in panel.readout.value and panel.image.value


@pytest.mark.parametrize(
    "kwargs, name",
    [({"n_qubits": 11}, "n_qubits"), ({"n_qubits": 2.5}, "n_qubits"), ({"dephasing": 0.0}, "dephasing")],
)
def test_ghz_sensing_panel_refuses_values_its_sliders_cannot_show(kwargs, name):
    with pytest.raises(ValueError, match=name):
        sensing.ghz_sensing_panel(**kwargs)


@pytest.mark.parametrize(("name", "value"), [("fidelity", 0.8), ("t2_s", 1e-4), ("length_km", 600.0)])
def test_roadmap_panel_updates(name, value):
    panel = roadmap.roadmap_panel()
    assert panel.image.value and panel.readout.value.count("<li>") == 4
    assert _changes(panel, name, value) == (True, True)


def test_roadmap_panel_verdicts_follow_the_controls():
    panel = roadmap.roadmap_panel(fidelity=0.95, t2_s=1.0, length_km=100.0)
    assert panel.readout.value.count("✓") == 4
    panel.controls["fidelity"].value = 0.6
    assert panel.readout.value.count("✗") == 2  # no BB84 key, no DI-QKD; teleportation and memory still fine


def test_roadmap_panel_every_control_at_both_ends_redraws():
    assert_extremes(roadmap.roadmap_panel)
