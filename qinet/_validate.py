"""Argument checks shared by every qinet function.

Each check raises ``ValueError`` whose message names the parameter, the value given and the
allowed range, as the API contract requires. Nothing is silently clipped.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
from numpy.typing import ArrayLike


def in_range(
    name: str,
    value: ArrayLike,
    low: float = -math.inf,
    high: float = math.inf,
    *,
    low_open: bool = False,
    high_open: bool = False,
) -> np.ndarray:
    """Return ``value`` as a float array after checking ``low <= value <= high`` element-wise.

    ``low_open`` / ``high_open`` exclude the end points. NaN is always refused.

    Examples
    --------
    >>> in_range("length_km", 5.0, 0.0)
    array(5.)
    >>> in_range("length_km", -1.0, 0.0)
    Traceback (most recent call last):
    ...
    ValueError: length_km must be in [0.0, inf), got -1.0
    """
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number, got {value!r}") from None
    too_low = arr <= low if low_open else arr < low
    too_high = arr >= high if high_open else arr > high
    bad = too_low | too_high | np.isnan(arr)
    if np.any(bad):
        offender = arr[bad].ravel()[0] if arr.ndim else arr.item()
        left = "(" if low_open or low == -math.inf else "["
        right = ")" if high_open or high == math.inf else "]"
        raise ValueError(f"{name} must be in {left}{low!r}, {high!r}{right}, got {float(offender)!r}")
    return arr


def probability(name: str, value: ArrayLike) -> np.ndarray:
    """Check that ``value`` lies in [0, 1] (a probability, efficiency or transmittance)."""
    return in_range(name, value, 0.0, 1.0)


def positive_int(name: str, value: object, minimum: int = 1) -> int:
    """Return ``value`` as an int after checking it is a whole number ``>= minimum``."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        if isinstance(value, (float, np.floating)) and float(value).is_integer():
            value = int(value)
        else:
            raise ValueError(f"{name} must be a whole number >= {minimum}, got {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be a whole number >= {minimum}, got {value!r}")
    return int(value)


def one_of(name: str, value: object, allowed: Iterable[str]) -> str:
    """Check that ``value`` is one of the ``allowed`` strings (case-insensitive); return it lower-cased."""
    allowed = tuple(allowed)
    if not isinstance(value, str) or value.lower() not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, allowed))}; got {value!r}")
    return value.lower()


def scalar_or_array(arr: np.ndarray) -> float | np.ndarray:
    """Return a Python float for 0-d input, the array otherwise (scalars in, floats out)."""
    return float(arr) if np.ndim(arr) == 0 else arr
