"""Argument checks shared by every qinet door: functions, panel factories, plot functions.

One vocabulary, so that every refusal reads the same way: the message names the parameter, the
value given and the allowed range, and nothing is silently clipped.

* numbers: :func:`number` (finite, in a range), :func:`in_range` (the same, but ``±inf`` passes when
  the range allows it: for parameters that document ``inf``, such as ``t1_s=inf``), :func:`probability`;
* counts and seeds: :func:`positive_int` (whole numbers, with a maximum), :func:`seed`;
* flags and words: :func:`boolean` (``True``/``False`` only: ``"False"`` is refused), :func:`one_of`,
  :func:`text`;
* collections: :func:`array` (numeric arrays of a given shape), :func:`bits`, :func:`strings`, :func:`named_arrays` (a
  mapping of names to arrays); objects: :func:`instance`, :func:`function`.

Wrong values raise ``ValueError``; wrong types raise :class:`WrongTypeError`, which is both a
``TypeError`` and a ``ValueError``, so code that catches either keeps working. Arrays larger than
:data:`qinet._limits.MAX_ARRAY_VALUES` raise :class:`qinet._limits.ResourceLimitError` before any
work is done.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Literal, overload

import numpy as np

from qinet._limits import check_array_size

SEED_LIMIT = 2**63
"""Seeds are whole numbers in [0, 2**63): NumPy takes any, Aer's seed_simulator takes fewer than 2**63."""


class WrongTypeError(TypeError, ValueError):
    """A value of the wrong type: a ``TypeError``, and a ``ValueError`` for code that catches any bad value."""


def _shown(value: object) -> str:
    """A short ``repr`` of ``value`` for a message."""
    if isinstance(value, np.ndarray) and value.size > 6:
        return f"an array of shape {value.shape}"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _interval(low: float, high: float, low_open: bool, high_open: bool) -> str:
    left = "(" if low_open or low == -math.inf else "["
    right = ")" if high_open or high == math.inf else "]"
    return f"{left}{low!r}, {high!r}{right}"


def _as_float_array(name: str, value: object) -> np.ndarray:
    """``value`` as a float array; strings, booleans, None and other non-numbers are refused."""
    if isinstance(value, (str, bytes, bool, np.bool_)) or value is None:
        raise WrongTypeError(f"{name} must be a number, got {_shown(value)}")
    try:
        raw = np.asarray(value)
    except (TypeError, ValueError, OverflowError):
        raise WrongTypeError(f"{name} must be a number or an array of numbers, got {_shown(value)}") from None
    if raw.dtype.kind in "USb" or raw.dtype.kind == "c":
        raise WrongTypeError(f"{name} must be a real number, got {_shown(value)}")
    check_array_size(name, raw.size)
    try:
        return raw.astype(float)
    except OverflowError:
        raise ValueError(f"{name} must be a finite number, got {_shown(value)}") from None
    except (TypeError, ValueError):
        raise WrongTypeError(f"{name} must be a number, got {_shown(value)}") from None


def _check_interval(
    name: str, arr: np.ndarray, low: float, high: float, low_open: bool, high_open: bool, allow_inf: bool
) -> np.ndarray:
    too_low = arr <= low if low_open else arr < low
    too_high = arr >= high if high_open else arr > high
    bad = too_low | too_high | np.isnan(arr)
    if not allow_inf:
        bad |= np.isinf(arr)
    if np.any(bad):
        offender = float(arr[bad].ravel()[0]) if arr.ndim else float(arr)
        finite = "finite and " if not allow_inf and math.isinf(offender) else ""
        raise ValueError(f"{name} must be {finite}in {_interval(low, high, low_open, high_open)}, got {offender!r}")
    return arr


def number(
    name: str,
    value: object,
    low: float = -math.inf,
    high: float = math.inf,
    *,
    low_open: bool = False,
    high_open: bool = False,
) -> np.ndarray:
    """Return ``value`` as a float array after checking it is finite and ``low <= value <= high`` element-wise.

    NaN and ±inf are refused (use :func:`in_range` for a parameter that documents ``inf``), and so are
    strings (even ``"7"``), booleans and None.

    Examples
    --------
    >>> number("length_km", [0.0, 50.0], 0.0)
    array([ 0., 50.])
    >>> number("length_km", float("inf"), 0.0)
    Traceback (most recent call last):
    ...
    ValueError: length_km must be finite and in [0.0, inf), got inf
    """
    return _check_interval(name, _as_float_array(name, value), low, high, low_open, high_open, False)


def in_range(
    name: str,
    value: object,
    low: float = -math.inf,
    high: float = math.inf,
    *,
    low_open: bool = False,
    high_open: bool = False,
) -> np.ndarray:
    """Return ``value`` as a float array after checking ``low <= value <= high`` element-wise.

    ``low_open`` / ``high_open`` exclude the end points. NaN is always refused; ``±inf`` passes when
    the range includes it (``t1_s = inf``: no relaxation). For finite quantities use :func:`number`.

    Examples
    --------
    >>> in_range("length_km", 5.0, 0.0)
    array(5.)
    >>> in_range("length_km", -1.0, 0.0)
    Traceback (most recent call last):
    ...
    ValueError: length_km must be in [0.0, inf), got -1.0
    """
    return _check_interval(name, _as_float_array(name, value), low, high, low_open, high_open, True)


def probability(name: str, value: object) -> np.ndarray:
    """Check that ``value`` lies in [0, 1] (a probability, efficiency or transmittance).

    Examples
    --------
    >>> probability("eta", 1.5)
    Traceback (most recent call last):
    ...
    ValueError: eta must be in [0.0, 1.0], got 1.5
    """
    return number(name, value, 0.0, 1.0)


def positive_int(name: str, value: object, minimum: int = 1, maximum: int | None = None) -> int:
    """Return ``value`` as an int after checking it is a whole number in ``[minimum, maximum]``.

    Whole floats (``3.0``) are accepted; booleans, strings, NaN and ``inf`` are not.

    Examples
    --------
    >>> positive_int("shots", 1000.0)
    1000
    >>> positive_int("n_links", 0)
    Traceback (most recent call last):
    ...
    ValueError: n_links must be a whole number >= 1, got 0
    >>> positive_int("n_links", 10**9, maximum=1024)
    Traceback (most recent call last):
    ...
    ValueError: n_links must be a whole number >= 1 and <= 1024, got 1000000000
    """
    allowed = f"a whole number >= {minimum}" + (f" and <= {maximum}" if maximum is not None else "")
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        if isinstance(value, (float, np.floating)) and float(value).is_integer():
            value = int(value)
        elif isinstance(value, (float, np.floating)):
            raise ValueError(f"{name} must be {allowed}, got {_shown(value)}")
        else:
            raise WrongTypeError(f"{name} must be {allowed}, got {_shown(value)}")
    if value < minimum or (maximum is not None and value > maximum):
        raise ValueError(f"{name} must be {allowed}, got {_shown(value)}")
    return int(value)


def seed(value: object, name: str = "seed", *, allow_generator: bool = False) -> Any:
    """Return a seed after checking it is None or a whole number in [0, 2**63).

    Booleans, floats (even ``7.0``), strings and NaN are refused. With ``allow_generator`` a
    ``numpy.random.Generator`` passes too (functions that continue a caller's random stream).

    Examples
    --------
    >>> seed(7), seed(None)
    (7, None)
    >>> seed("7")
    Traceback (most recent call last):
    ...
    qinet._validate.WrongTypeError: seed must be None or a whole number in [0, 2**63), got '7'
    """
    if value is None or (allow_generator and isinstance(value, np.random.Generator)):
        return value
    allowed = "None, a numpy Generator" if allow_generator else "None"
    message = f"{name} must be {allowed} or a whole number in [0, 2**63), got {_shown(value)}"
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise WrongTypeError(message)
    if not 0 <= value < SEED_LIMIT:
        raise ValueError(message)
    return int(value)


def boolean(name: str, value: object) -> bool:
    """Return ``value`` after checking it is ``True`` or ``False`` (``"False"``, 0.5 or None are refused).

    Examples
    --------
    >>> boolean("midpoint", "False")
    Traceback (most recent call last):
    ...
    qinet._validate.WrongTypeError: midpoint must be True or False, got 'False'
    """
    if not isinstance(value, (bool, np.bool_)):
        raise WrongTypeError(f"{name} must be True or False, got {_shown(value)}")
    return bool(value)


def one_of(name: str, value: object, allowed: Iterable[str]) -> str:
    """Check that ``value`` is one of the ``allowed`` strings (case-insensitive); return it lower-cased.

    Examples
    --------
    >>> one_of("kind", "PHI+", ("phi+", "psi-"))
    'phi+'
    """
    allowed = tuple(allowed)
    message = f"{name} must be one of {', '.join(map(repr, allowed))}; got {_shown(value)}"
    if not isinstance(value, str):
        raise WrongTypeError(message)
    if value.lower() not in allowed:
        raise ValueError(message)
    return value.lower()


@overload
def text(name: str, value: object, *, optional: Literal[False] = False) -> str: ...
@overload
def text(name: str, value: object, *, optional: bool) -> str | None: ...
def text(name: str, value: object, *, optional: bool = False) -> str | None:
    """Return ``value`` after checking it is a string (or None, if ``optional``): labels, titles, units.

    Examples
    --------
    >>> text("xlabel", 5)
    Traceback (most recent call last):
    ...
    qinet._validate.WrongTypeError: xlabel must be a string, got 5
    """
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise WrongTypeError(f"{name} must be a string{' or None' if optional else ''}, got {_shown(value)}")
    return value


def array(
    name: str,
    value: object,
    *,
    ndim: int | None = 1,
    length: int | None = None,
    like: str = "",
    min_length: int = 0,
    low: float = -math.inf,
    high: float = math.inf,
    finite: bool = False,
) -> np.ndarray:
    """Return ``value`` as a float array after checking its shape and, element-wise, its range.

    ``ndim`` (None for any), ``length`` (the size of the first axis, to match the array named ``like``)
    and ``min_length`` restrict the shape. NaN and ±inf pass unless ``finite`` or a bound excludes them,
    so that plots can show gaps and infinite losses; model inputs should use ``finite=True``.

    Examples
    --------
    >>> array("rates", [1.0, 2.0], length=2)
    array([1., 2.])
    >>> array("rates", [1.0, 2.0], length=3, like="lengths_km")
    Traceback (most recent call last):
    ...
    ValueError: rates must have 3 values (one per value of lengths_km), got 2
    """
    arr = _as_float_array(name, value)
    if ndim is not None and arr.ndim != ndim:
        raise ValueError(f"{name} must be a {ndim}-dimensional array, got shape {arr.shape}")
    size = arr.shape[0] if arr.ndim else 1
    if length is not None and size != length:
        raise ValueError(f"{name} must have {length} values (one per value of {like or 'x'}), got {size}")
    if size < min_length:
        raise ValueError(f"{name} must have at least {min_length} values, got {size}")
    checked = arr if finite else arr[~np.isnan(arr)]
    _check_interval(name, checked, low, high, False, False, not finite)
    return arr


def bits(name: str, value: object, *, length: int | None = None) -> np.ndarray:
    """Return ``value`` as a 1-D ``uint8`` array after checking every entry is 0 or 1.

    Examples
    --------
    >>> bits("key", [0, 1, 1])
    array([0, 1, 1], dtype=uint8)
    >>> bits("key", [0, 2])
    Traceback (most recent call last):
    ...
    ValueError: key must hold only bits 0 and 1, got 2.0
    """
    arr = array(name, value, length=length, finite=True)
    wrong = (arr != 0) & (arr != 1)
    if np.any(wrong):
        raise ValueError(f"{name} must hold only bits 0 and 1, got {float(arr[wrong][0])!r}")
    return arr.astype(np.uint8)


def named_arrays(name: str, value: object, *, length: int | None = None, like: str = "") -> dict[str, np.ndarray]:
    """Return a mapping of names to 1-D numeric arrays (a plot's curves) after checking each one.

    Examples
    --------
    >>> named_arrays("rates", {"direct": [1.0, 0.5]}, length=2, like="lengths_km")
    {'direct': array([1. , 0.5])}
    >>> named_arrays("rates", [1.0, 0.5])
    Traceback (most recent call last):
    ...
    qinet._validate.WrongTypeError: rates must be a mapping of names to arrays, got [1.0, 0.5]
    """
    if not isinstance(value, Mapping):
        raise WrongTypeError(f"{name} must be a mapping of names to arrays, got {_shown(value)}")
    return {str(key): array(f"{name}[{key!r}]", values, length=length, like=like) for key, values in value.items()}


def strings(name: str, value: object, *, length: int | None = None, like: str = "") -> list[str]:
    """Return ``value`` as a list after checking it is a sequence of strings (labels), of ``length`` if given.

    Examples
    --------
    >>> strings("labels", ["a", "b"])
    ['a', 'b']
    >>> strings("labels", "ab")
    Traceback (most recent call last):
    ...
    qinet._validate.WrongTypeError: labels must be a list of strings, got 'ab'
    """
    if (
        isinstance(value, (str, bytes))
        or not isinstance(value, (list, tuple))
        or not all(isinstance(v, str) for v in value)
    ):
        raise WrongTypeError(f"{name} must be a list of strings, got {_shown(value)}")
    if length is not None and len(value) != length:
        raise ValueError(f"{name} must have {length} labels (one per value of {like or 'x'}), got {len(value)}")
    return list(value)


def instance(name: str, value: object, kind: type | tuple[type, ...], what: str) -> Any:
    """Return ``value`` after checking it is an instance of ``kind`` (described as ``what`` in the message).

    Examples
    --------
    >>> instance("pass_", "abc", tuple, "a Pass from qinet.orbits.satellite_pass")
    Traceback (most recent call last):
    ...
    qinet._validate.WrongTypeError: pass_ must be a Pass from qinet.orbits.satellite_pass, got 'abc'
    """
    if not isinstance(value, kind):
        raise WrongTypeError(f"{name} must be {what}, got {_shown(value)}")
    return value


def instances(name: str, value: object, kind: type | tuple[type, ...], what: str) -> list:
    """Return ``value`` as a list after checking it is a list or tuple of instances of ``kind`` (``what``: each).

    Examples
    --------
    >>> instances("runs", [1, 2], int, "a whole number")
    [1, 2]
    >>> instances("runs", "ab", int, "a whole number")
    Traceback (most recent call last):
    ...
    qinet._validate.WrongTypeError: runs must be a list, each a whole number, got 'ab'
    """
    if not isinstance(value, (list, tuple)) or not all(isinstance(v, kind) for v in value):
        raise WrongTypeError(f"{name} must be a list, each {what}, got {_shown(value)}")
    return list(value)


def function(name: str, value: object, what: str = "a function") -> Callable:
    """Return ``value`` after checking it can be called.

    Examples
    --------
    >>> function("rate", 5, "a function of the hop lengths")
    Traceback (most recent call last):
    ...
    qinet._validate.WrongTypeError: rate must be a function of the hop lengths, got 5
    """
    if not callable(value):
        raise WrongTypeError(f"{name} must be {what}, got {_shown(value)}")
    return value


def scalar_or_array(arr: np.ndarray) -> float | np.ndarray:
    """Return a Python float for 0-d input, the array otherwise (scalars in, floats out)."""
    return float(arr) if np.ndim(arr) == 0 else arr
