"""Shared check for the widget tests: moving one control of a panel redraws its picture and readout."""

from __future__ import annotations

from collections.abc import Callable

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
