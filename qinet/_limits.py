"""Resource limits: how much memory and time one qinet call may use, so that nothing typed can kill a kernel.

A Binder kernel gets 1 GB guaranteed and 2 GB at most; a kernel that asks for more is killed,
and the student loses every variable. So every size a student can type (shots, pairs, qubits,
points, relays, lengths × grid sizes) is checked against these budgets *before* anything is
allocated, and refused with a :class:`ResourceLimitError` (a ``ValueError``) that names the
parameter, the value, what it would cost and what to lower.

* ``MAX_MEMORY_MB`` (environment variable ``QINET_MAX_MEMORY_MB``, default 1024): the most one call
  may allocate; also the memory cap handed to Qiskit Aer.
* ``MAX_SECONDS`` (``QINET_MAX_SECONDS``, default 10): the longest one call may expect to run.
  Estimates are rough (within a factor of a few on a laptop) and err on the short side, so that
  only requests far beyond a live notebook's pace are refused.
* ``MAX_ARRAY_VALUES``: the most values an array argument may hold. A NumPy model makes a handful
  of temporaries of its input's size; :data:`BYTES_PER_ARRAY_VALUE` budgets 16 of them.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable

__all__ = [
    "BYTES_PER_ARRAY_VALUE",
    "MAX_ARRAY_VALUES",
    "MAX_CIRCUIT_QUBITS",
    "MAX_LINKS",
    "MAX_MEMORY_MB",
    "MAX_SECONDS",
    "ResourceLimitError",
    "check_array_size",
    "check_budget",
    "deadline",
    "most",
]


def _from_environment(variable: str, default: float) -> float:
    text = os.environ.get(variable, "")
    try:
        value = float(text) if text.strip() else default
    except ValueError:
        return default
    return value if math.isfinite(value) and value > 0 else default


MAX_MEMORY_MB = int(_from_environment("QINET_MAX_MEMORY_MB", 1024))
"""Memory one call may use, in MB (``QINET_MAX_MEMORY_MB``; Binder kernels have 1–2 GB)."""

MAX_SECONDS = _from_environment("QINET_MAX_SECONDS", 10.0)
"""Expected run time above which a call is refused, in s (``QINET_MAX_SECONDS``)."""

BYTES_PER_ARRAY_VALUE = 8 * 16
"""Working memory budgeted per value of an array argument: a float64 and 15 temporaries of its size."""

MAX_ARRAY_VALUES = MAX_MEMORY_MB * 2**20 // BYTES_PER_ARRAY_VALUE
"""The most values an array argument may hold (8,388,608 at 1024 MB)."""


MAX_LINKS = 10**12
"""The most links a repeater chain may have in an analytic formula (10**12; they cost constant time).

A count beyond that is a typing slip, not a network; simulations of chains have much tighter limits,
set by the memory and time budgets above."""

MAX_CIRCUIT_QUBITS = 1024
"""The most qubits a qinet circuit builder makes. Dense simulations stop far earlier (Aer's memory cap);
Aer's stabilizer method takes seconds per thousand shots at a few hundred qubits."""


class ResourceLimitError(ValueError):
    """A request that would need more memory or time than this session allows (see :mod:`qinet._limits`)."""


def _shown(value: object) -> str:
    text = f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def most(*, bytes_each: float = 0.0, seconds_each: float = 0.0, fixed_bytes: float = 0.0) -> int:
    """The largest count whose cost (``bytes_each`` and ``seconds_each`` per unit) fits both budgets.

    Examples
    --------
    >>> most(bytes_each=2**20) == MAX_MEMORY_MB
    True
    """
    limits = []
    if bytes_each > 0:
        limits.append((MAX_MEMORY_MB * 2**20 - fixed_bytes) / bytes_each)
    if seconds_each > 0:
        limits.append(MAX_SECONDS / seconds_each)
    return max(0, int(min(limits))) if limits else 2**63 - 1


def check_budget(
    name: str,
    value: object,
    *,
    bytes_needed: float = 0.0,
    seconds_needed: float = 0.0,
    lower: str = "",
) -> None:
    """Refuse ``name=value`` if it needs more than ``MAX_MEMORY_MB`` or ``MAX_SECONDS``.

    ``bytes_needed`` and ``seconds_needed`` are estimates of what the call would use; ``lower`` says
    what to change ("use fewer shots"). Call it before allocating anything.

    Examples
    --------
    >>> check_budget("shots", 10**6, bytes_needed=1e8, lower="use fewer shots")
    >>> check_budget("shots", 10**12, bytes_needed=1e14, lower="use fewer shots")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    qinet._limits.ResourceLimitError: shots=1,000,000,000,000 needs about 95,367,432 MB, more than ...
    """
    advice = f": {lower}" if lower else ""
    if bytes_needed > MAX_MEMORY_MB * 2**20:
        raise ResourceLimitError(
            f"{name}={_shown(value)} needs about {bytes_needed / 2**20:,.0f} MB, more than this session allows "
            f"({MAX_MEMORY_MB:,} MB, set by QINET_MAX_MEMORY_MB){advice}"
        )
    if seconds_needed > MAX_SECONDS:
        raise ResourceLimitError(
            f"{name}={_shown(value)} would take about {seconds_needed:,.0f} s, longer than a live notebook "
            f"should wait ({MAX_SECONDS:g} s, set by QINET_MAX_SECONDS){advice}"
        )


def check_array_size(name: str, size: int) -> None:
    """Refuse an array argument with more than :data:`MAX_ARRAY_VALUES` values.

    Examples
    --------
    >>> check_array_size("length_km", 1000)
    >>> check_array_size("length_km", 10**9)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    qinet._limits.ResourceLimitError: length_km has 1,000,000,000 values, more than this session can compute with ...
    """
    if size > MAX_ARRAY_VALUES:
        raise ResourceLimitError(
            f"{name} has {size:,} values, more than this session can compute with "
            f"(at most {MAX_ARRAY_VALUES:,} with QINET_MAX_MEMORY_MB={MAX_MEMORY_MB}): use a coarser grid"
        )


def deadline(seconds: float | None = None) -> Callable[[], bool]:
    """A clock for loops whose length cannot be known in advance: call it each pass; it turns True after
    ``seconds`` (default ``MAX_SECONDS``), and the loop should then stop with a :class:`ResourceLimitError`.

    Examples
    --------
    >>> out_of_time = deadline()
    >>> out_of_time()
    False
    """
    end = time.monotonic() + (MAX_SECONDS if seconds is None else seconds)
    return lambda: time.monotonic() > end
