"""Panels of notebooks 05-06 at a control's end that once stopped the picture (all ends of every control of
the panels of notebooks 03-06 and 08 are tried by tests/test_panel_extremes.py)."""

from __future__ import annotations

from qinet.widgets import repeaters as repwidgets


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
