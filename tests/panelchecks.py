"""Shared checks for the widget tests: moving a control of a panel redraws its picture and readout,
and so does moving every control to both ends of its range."""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable

import ipywidgets as widgets

from qinet.widgets.panel import LivePanel


def assert_redraws(factory: Callable[[], LivePanel], name: str, value: object) -> None:
    """Build the panel, set control ``name`` to ``value``, and check the picture and readout changed."""
    panel = factory()
    assert isinstance(panel, LivePanel)
    before_image, before_text = bytes(panel.image.value), panel.readout.value
    assert before_image and before_text
    panel.controls[name].value = value
    assert bytes(panel.image.value) != before_image
    assert panel.readout.value != before_text


def extremes(control: widgets.ValueWidget) -> list[object]:
    """Both ends of a control's range (for a log slider in its own units), or every option of a dropdown."""
    if isinstance(control, widgets.FloatLogSlider):
        return [control.base**control.min, control.base**control.max]
    if isinstance(control, widgets.Dropdown):
        options = control.options
        if isinstance(options, dict):
            return list(options.values())
        return [option[1] if isinstance(option, tuple) else option for option in options]  # (label, value) or value
    return [control.min, control.max]


def assert_extremes(factory: Callable[[], LivePanel]) -> None:
    """Move every control of the panel to both ends of its range (every option of a dropdown), one at a
    time, and check that each move redraws the picture and the readout: no exception, no warning (no
    division by zero, no log of zero, no empty axes), no NaN in the readout."""
    panel = factory()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            for name, control in panel.controls.items():
                for value in extremes(control):
                    updates, changed = panel.updates, control.value != value
                    control.value = value
                    assert panel.updates == updates + changed, f"{name} = {value!r}: the picture was not redrawn"
                    assert panel.image.value and panel.readout.value, f"{name} = {value!r}: no picture or readout"
                    assert not re.search(r"\bnan\b", panel.readout.value, re.I), f"{name} = {value!r}: NaN shown"
    finally:
        panel.close()
