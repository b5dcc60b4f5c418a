"""Controls that refuse a bad starting value instead of clamping it.

An ipywidgets slider given a value outside its range silently moves it to the nearest end, and a
string or NaN makes it raise a ``TraitError`` from deep inside traitlets. Panel factories build
their controls with these functions instead: each takes the factory's parameter ``name`` first,
checks the starting value with :mod:`qinet._validate` (the message names the parameter, the value
and the slider's range) and then builds the control with :mod:`qinet.widgets.panel`. The range is
written once, so the check and the slider cannot drift apart.

Examples
--------
>>> checked_slider("length_km", "length (km)", 100.0, 0.0, 300.0, 5.0).value
100.0
>>> checked_slider("length_km", "length (km)", 500.0, 0.0, 300.0, 5.0)
Traceback (most recent call last):
...
ValueError: length_km must be in [0.0, 300.0], got 500.0
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import ipywidgets as widgets

from qinet._validate import WrongTypeError, number, positive_int
from qinet.widgets.panel import dropdown, int_slider, log_slider, slider

MAX_PANEL_SHOTS = 100_000
"""A panel reruns its circuits at every slider step: more shots than this would make each step take seconds."""


def checked_slider(
    name: str, description: str, value: float, low: float, high: float, step: float
) -> widgets.FloatSlider:
    """A float slider on ``[low, high]`` starting at ``value``, which must lie in that range."""
    return slider(description, float(number(name, value, low, high)), low, high, step)


def checked_log_slider(name: str, description: str, value: float, low: float, high: float) -> widgets.FloatLogSlider:
    """A logarithmic slider on ``[low, high]`` (both > 0) starting at ``value``, which must lie in that range."""
    return log_slider(description, float(number(name, value, low, high)), low, high)


def checked_int_slider(
    name: str, description: str, value: int, low: int, high: int, step: int = 1
) -> widgets.IntSlider:
    """An integer slider on ``[low, high]`` starting at ``value``, a whole number in that range on the step grid."""
    start = positive_int(name, value, minimum=low, maximum=high)
    if (start - low) % step:
        raise ValueError(f"{name} must be one of {low}, {low + step}, ..., {high} (steps of {step}), got {start}")
    return int_slider(description, start, low, high, step)


def checked_dropdown(
    name: str, description: str, options: Mapping[str, object] | Sequence[object], value: object
) -> widgets.Dropdown:
    """A dropdown of ``options`` (a list, or a dict label → value) starting at ``value``, one of the option values."""
    values = list(options.values()) if isinstance(options, Mapping) else list(options)
    message = f"{name} must be one of {', '.join(map(repr, values))}; got {value!r}"
    same_kind = [v for v in values if isinstance(v, str) == isinstance(value, str) and not isinstance(value, bool)]
    if not same_kind:
        raise WrongTypeError(message)
    if value not in same_kind:
        raise ValueError(message)
    return dropdown(description, options, value)
