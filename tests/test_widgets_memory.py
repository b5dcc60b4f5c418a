"""Panels of notebooks 05-06 at the extremes of every control: they redraw, and never divide by zero."""

from __future__ import annotations

import warnings

import ipywidgets as widgets
import pytest

from qinet.widgets import purification as purwidgets
from qinet.widgets import repeaters as repwidgets

FACTORIES = [
    repwidgets.memory_panel,
    repwidgets.chain_rate_panel,
    purwidgets.purification_panel,
    purwidgets.generations_panel,
]


def _extremes(control: widgets.ValueWidget) -> list[object]:
    if isinstance(control, widgets.FloatLogSlider):
        return [control.base**control.min, control.base**control.max]
    if isinstance(control, widgets.Dropdown):
        options = control.options
        return list(options.values()) if isinstance(options, dict) else [value for _, value in options]
    return [control.min, control.max]


@pytest.mark.parametrize("factory", FACTORIES, ids=[f.__name__ for f in FACTORIES])
def test_every_control_at_both_ends_redraws(factory):
    panel = factory()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no division by zero, no log of zero, no empty axes
        for name, control in panel.controls.items():
            start = control.value
            for value in _extremes(control):
                updates = panel.updates
                control.value = value
                assert panel.updates == updates + (control.value != start), name
                assert panel.image.value and panel.readout.value, name
                start = control.value


def test_memory_panel_at_success_probability_one():
    """p = 1 (the slider's maximum) used to divide by a zero mean wait and stop the picture."""
    panel = repwidgets.memory_panel()
    before = bytes(panel.image.value)
    panel.controls["success_probability"].value = 1.0
    assert bytes(panel.image.value) != before
    assert "no memory ever waits" in panel.readout.value


def test_memory_panel_shows_t1():
    panel = repwidgets.memory_panel(t2_s=1.0, t1_over_t2=1000.0)
    high = panel.readout.value
    panel.controls["t1_over_t2"].value = 0.5  # T2 = 2 T1: all decoherence is energy relaxation
    assert "T₁ = 0.5 s" in panel.readout.value and panel.readout.value != high
