"""Recognise the usual unit slips in a numeric answer: ms for s, degrees for radians, percent for a
fraction, dB for a transmittance, m for km, a natural logarithm for log₂, a flipped sign.

:func:`describe_slip` compares a wrong answer with the expected value in the answer's unit and, when
the answer is the expected value in another unit (or transformed by a typical slip), says which slip
it looks like, without giving the expected value away. :func:`parse_quantity` reads answers typed
as text with a unit ("0.49 ms", "30 %", "45°").
"""

from __future__ import annotations

import math
import re

from qinet._validate import WrongTypeError, number
from qinet._validate import text as _text

#: Units the checkers recognise, by dimension: the factor converts one of the unit to the family's base.
FAMILIES: dict[str, dict[str, float]] = {
    "time": {
        "s": 1.0,
        "ms": 1e-3,
        "µs": 1e-6,
        "us": 1e-6,
        "ns": 1e-9,
        "ps": 1e-12,
        "min": 60.0,
        "h": 3600.0,
        "days": 86400.0,
        "years": 365.25 * 86400.0,
    },
    "length": {"km": 1e3, "m": 1.0, "cm": 1e-2, "mm": 1e-3, "µm": 1e-6, "um": 1e-6, "nm": 1e-9},
    "angle": {"rad": 1.0, "deg": math.pi / 180, "°": math.pi / 180, "mrad": 1e-3, "µrad": 1e-6, "urad": 1e-6},
    "rate": {"Hz": 1.0, "kHz": 1e3, "MHz": 1e6, "GHz": 1e9, "bit/s": 1.0, "kbit/s": 1e3, "Mbit/s": 1e6},
    "ratio": {"": 1.0, "fraction": 1.0, "probability": 1.0, "transmittance": 1.0, "%": 1e-2},
}

#: Units that name a kind of number rather than a unit: never printed after the value.
DIMENSIONLESS = frozenset({"", "fraction", "probability", "transmittance"})

_SPELLINGS = {"sec": "s", "second": "s", "seconds": "s", "degree": "deg", "degrees": "deg", "percent": "%"}
_NAMES = {
    "ms": "milliseconds",
    "µs": "microseconds",
    "us": "microseconds",
    "ns": "nanoseconds",
    "s": "seconds",
    "min": "minutes",
    "h": "hours",
    "m": "metres",
    "km": "kilometres",
    "rad": "radians",
    "deg": "degrees",
    "°": "degrees",
    "%": "a percentage",
}


def family_of(unit: str) -> str | None:
    """The dimension of ``unit`` (``"time"``, ``"length"``, ``"angle"``, ``"rate"``, ``"ratio"``), or None.

    Examples
    --------
    >>> family_of("ms"), family_of("°"), family_of("bits")
    ('time', 'angle', None)
    """
    unit = _text("unit", unit)
    unit = _SPELLINGS.get(unit, unit)
    for family, units in FAMILIES.items():
        if unit in units:
            return family
    return None


def _name(unit: str) -> str:
    return _NAMES.get(unit, unit)


def _close(a: float, b: float, rtol: float, atol: float) -> bool:
    return math.isclose(a, b, rel_tol=max(rtol, 1e-9), abs_tol=atol)


def describe_slip(
    value: float, expected: float, unit: str = "", *, rtol: float = 0.01, atol: float = 0.0
) -> str | None:
    """Say which typical slip turns ``expected`` (in ``unit``) into the wrong ``value``; None if none fits.

    The message names the slip and how to fix it, never the expected value.

    Examples
    --------
    >>> describe_slip(489.7, 0.4897, "ms")
    'This looks like the answer in microseconds, not in milliseconds: convert it to ms.'
    >>> describe_slip(10.0, 0.1)
    'This looks like a percentage or a loss in dB: give a fraction between 0 and 1 (a transmittance η = 10^(−dB/10)).'
    >>> describe_slip(57.3, 1.0, "rad")
    'This looks like the answer in degrees, not in radians: convert it to rad (π rad = 180°).'
    >>> describe_slip(0.3, 0.7) is None
    True
    """
    value, expected = float(number("value", value)), float(number("expected", expected))
    rtol, atol = float(number("rtol", rtol, 0.0, 1.0)), float(number("atol", atol, 0.0))
    unit = _text("unit", unit)
    unit = _SPELLINGS.get(unit, unit)
    slips: list[str] = []
    family = family_of(unit)
    if family is not None and family != "ratio":
        own = FAMILIES[family][unit]
        for other, factor in FAMILIES[family].items():
            if factor != own and _close(value, expected * own / factor, rtol, atol * own / factor):
                extra = " (π rad = 180°)" if family == "angle" and {unit, other} <= {"rad", "deg", "°"} else ""
                slips.append(
                    f"This looks like the answer in {_name(other)}, not in {_name(unit)}: convert it to {unit}{extra}."
                )
                break
    if unit in DIMENSIONLESS and 0 < abs(expected) <= 1:
        percent = _close(value, 100 * expected, rtol, 100 * atol)
        decibel = (
            0 < expected < 1
            and value != 0
            and any(_close(10 ** (-s * value / 10), expected, rtol, atol) for s in (1, -1))
        )
        if percent and decibel:
            slips.append(
                "This looks like a percentage or a loss in dB: give a fraction between 0 and 1 "
                "(a transmittance η = 10^(−dB/10))."
            )
        elif percent:
            slips.append("This looks like a percentage: give a fraction between 0 and 1 (25 % is 0.25).")
        elif decibel:
            slips.append("This looks like a loss in dB: give the transmittance η = 10^(−dB/10), between 0 and 1.")
    if unit == "%" and _close(value, expected / 100, rtol, atol / 100):
        slips.append("This looks like a fraction: give it in percent (0.25 is 25 %).")
    if unit == "dB" and 0 < value <= 1 and _close(-10 * math.log10(value), expected, rtol, atol):
        slips.append("This looks like a transmittance: give the loss in dB, −10 log₁₀ η.")
    if unit == "rad" and 0 <= expected < 2 * math.pi and value != expected:
        apart = (value - expected) % (2 * math.pi)
        if min(apart, 2 * math.pi - apart) <= max(rtol * abs(expected), atol, 1e-9):
            slips.append("This angle is right up to a multiple of 2π: give it between 0 and 2π.")
    if not slips and expected != 0 and _close(value, -expected, rtol, atol):
        sign = "Losses in dB are positive numbers here: drop the minus sign." if unit == "dB" else ""
        slips.append(sign or "This has the right size but the wrong sign.")
    if not slips and unit in DIMENSIONLESS | {"bits"} and expected != 0:
        if _close(value, expected * math.log(2), rtol, atol) or _close(value, expected / math.log(2), rtol, atol):
            slips.append("This looks like a natural logarithm where the formula uses log₂ (log₂ x = ln x / ln 2).")
    return slips[0] if slips else None


_QUANTITY = re.compile(r"^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*([^\d\s].*?)?\s*$")


def parse_quantity(text: str, unit: str) -> float | None:
    """Read ``text`` such as ``"0.49 ms"`` or ``"30 %"`` as a number in ``unit``; None if it cannot.

    A bare number is taken to be in ``unit`` already; a unit of another dimension gives None.

    Examples
    --------
    >>> parse_quantity("0.49 ms", "s")
    0.00049
    >>> parse_quantity("30 %", "fraction"), parse_quantity("45°", "rad") == math.pi / 4
    (0.3, True)
    >>> parse_quantity("fast", "s") is None, parse_quantity("3 km", "s") is None
    (True, True)
    """
    if not isinstance(text, str):
        raise WrongTypeError(f"text must be a string such as '0.49 ms', got {text!r:.60}")
    unit = _text("unit", unit)
    match = _QUANTITY.match(text)
    if not match:
        return None
    written = (match.group(2) or "").strip()
    number, given = float(match.group(1)), _SPELLINGS.get(written, written)
    wanted = _SPELLINGS.get(unit, unit)
    if not given or given == wanted:
        return number
    family = family_of(wanted)
    if family is None or family_of(given) != family:
        return None
    return number * FAMILIES[family][given] / FAMILIES[family][wanted]
