"""Figures for fibre links: transmittance and delay, rates against the repeaterless bounds, CHSH.

Plot functions only draw what they are given (no physics here); each takes ``ax=None`` and
returns the Axes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from numpy.typing import ArrayLike

from qinet._validate import array, named_arrays, number, text
from qinet.plots.style import COLORS, axes, log_ticks

_CURVE_STYLE: dict[str, dict[str, Any]] = {
    "direct": dict(color=COLORS["alice"], ls="-"),
    "plob": dict(color=COLORS["bound"], ls="-"),
    "tgw": dict(color=COLORS["classical"], ls="--"),
}


def _labels(labels: object) -> dict[str, str]:
    if labels is None:
        return {}
    if not isinstance(labels, Mapping) or not all(isinstance(v, str) for v in labels.values()):
        raise TypeError(f"labels must be None or a mapping of curve names to strings, got {labels!r}")
    return dict(labels)


def transmittance(
    lengths_km: np.ndarray, eta: np.ndarray, *, marks_km: Sequence[float] = (), ax: Axes | None = None
) -> Axes:
    """Fraction of photons that survive the fibre, on a log scale, with labelled marks.

    Examples
    --------
    >>> lengths = np.linspace(0, 200, 41)
    >>> ax = transmittance(lengths, 10 ** (-0.02 * lengths), marks_km=[100])
    >>> ax.texts[0].get_text()
    '100 km: 1 %'
    """
    ax = axes(ax)
    lengths_km = array("lengths_km", lengths_km, min_length=2)
    eta = array("eta", eta, length=len(lengths_km), like="lengths_km", low=0.0, high=1.0)
    marks = array("marks_km", marks_km, finite=True)
    ax.plot(lengths_km, eta, color=COLORS["alice"])
    log_ticks(ax)
    for mark in marks:
        value = float(np.interp(mark, lengths_km, np.log10(eta)))
        ax.plot(mark, 10**value, "o", color=COLORS["bob"])
        ax.annotate(
            f"{mark:.0f} km: {100 * 10**value:.2g} %", (mark, 10**value), textcoords="offset points", xytext=(6, 6)
        )
    ax.set(xlabel="fibre length (km)", ylabel="transmittance η")
    return ax


def delay(lengths_km: np.ndarray, one_way_s: np.ndarray, *, ax: Axes | None = None) -> Axes:
    """One-way and round-trip light travel time (ms) against fibre length.

    Examples
    --------
    >>> ax = delay(np.array([0.0, 100.0]), np.array([0.0, 4.9e-4]))
    >>> float(ax.lines[1].get_ydata()[-1])
    0.98
    """
    ax = axes(ax)
    lengths_km = array("lengths_km", lengths_km)
    one_way_s = array("one_way_s", one_way_s, length=len(lengths_km), like="lengths_km")
    ax.plot(lengths_km, 1e3 * one_way_s, color=COLORS["alice"], label="one way")
    ax.plot(lengths_km, 2e3 * one_way_s, color=COLORS["bob"], ls="--", label="round trip")
    ax.set(xlabel="fibre length (km)", ylabel="time (ms)")
    ax.legend(loc="upper left")
    return ax


def rates_vs_distance(
    lengths_km: np.ndarray,
    curves: Mapping[str, ArrayLike],
    *,
    labels: Mapping[str, str] | None = None,
    mark_km: float | None = None,
    unit: str = "pairs (ebits) per second",
    ax: Axes | None = None,
) -> Axes:
    """Rates on a log scale against distance; ``curves`` keyed ``direct``, ``plob``, ``tgw`` or others.

    Zero rates are not drawn (a log axis cannot show them).

    Examples
    --------
    >>> lengths = np.array([0.0, 50.0, 100.0])
    >>> ax = rates_vs_distance(lengths, {"direct": np.array([1.0, 0.1, 0.0])})
    >>> ax.get_yscale()
    'log'
    """
    ax = axes(ax)
    lengths_km = array("lengths_km", lengths_km, min_length=2)
    checked = named_arrays("curves", curves, length=len(lengths_km), like="lengths_km")
    labels = _labels(labels)
    mark_km = None if mark_km is None else float(number("mark_km", mark_km))
    unit = text("unit", unit)
    for name, values in checked.items():
        shown = np.where(values > 0, values, np.nan)
        ax.plot(lengths_km, shown, label=labels.get(name, name), **_CURVE_STYLE.get(name, {}))
    log_ticks(ax)
    if mark_km is not None:
        ax.axvline(mark_km, color=COLORS["repeater"], lw=1.2, ls=":")
    ax.set(xlabel="fibre length (km)", ylabel=unit, xlim=(lengths_km[0], lengths_km[-1]))
    ax.legend(loc="upper right")
    return ax


def repeaterless_band(
    lengths_km: np.ndarray,
    plob_standard: np.ndarray,
    plob_record: np.ndarray,
    *,
    single_repeater: np.ndarray | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Secret bits per channel use against fibre length: the PLOB bound as a band from standard fibre
    (``plob_standard``, lower edge) to the record-low-loss fibre (``plob_record``, upper edge), and
    optionally the single-repeater bound; add published key rates with :func:`qinet.plots.measured`.

    Examples
    --------
    >>> lengths = np.array([0.0, 500.0, 1000.0])
    >>> ax = repeaterless_band(lengths, np.array([1.0, 1e-10, 1e-20]), np.array([1.0, 1e-7, 1e-14]))
    >>> ax.get_ylabel()
    'secret bits per channel use'
    """
    ax = axes(ax)
    lengths_km = array("lengths_km", lengths_km, min_length=2)
    plob_standard = array("plob_standard", plob_standard, length=len(lengths_km), like="lengths_km")
    plob_record = array("plob_record", plob_record, length=len(lengths_km), like="lengths_km")
    if single_repeater is not None:
        single_repeater = array("single_repeater", single_repeater, length=len(lengths_km), like="lengths_km")
    ax.fill_between(
        lengths_km,
        np.maximum(plob_standard, 1e-300),
        np.maximum(plob_record, 1e-300),
        color=COLORS["classical"],
        alpha=0.3,
        lw=0,
        label="PLOB bound, 0.2 dB/km to record fibre",
    )
    ax.plot(lengths_km, plob_standard, **_CURVE_STYLE["plob"], lw=1.0)
    ax.plot(lengths_km, plob_record, **_CURVE_STYLE["plob"], lw=1.0)
    if single_repeater is not None:
        ax.plot(
            lengths_km, single_repeater, color=COLORS["repeater"], ls="--", label="one-repeater bound (record fibre)"
        )
    log_ticks(ax)
    ax.set(xlabel="fibre length (km)", ylabel="secret bits per channel use", xlim=(lengths_km[0], lengths_km[-1]))
    ax.legend(loc="upper right")
    return ax


def chsh_vs_distance(
    lengths_km: np.ndarray,
    predicted: ArrayLike,
    *,
    measured_km: ArrayLike = (),
    measured: ArrayLike = (),
    stderr: ArrayLike = (),
    local_bound: float = 2.0,
    quantum_bound: float = 2 * np.sqrt(2),
    ax: Axes | None = None,
) -> Axes:
    """CHSH value S against distance: prediction, Aer points (±2 standard errors), local and Tsirelson bounds.

    Examples
    --------
    >>> ax = chsh_vs_distance(np.array([0.0, 100.0]), np.array([2.83, 2.3]))
    >>> ax.get_ylabel()
    'CHSH value S'
    """
    ax = axes(ax)
    lengths_km = array("lengths_km", lengths_km, min_length=2)
    predicted = array("predicted", predicted, length=len(lengths_km), like="lengths_km")
    measured = array("measured", measured)
    measured_km = array("measured_km", measured_km, length=len(measured), like="measured")
    stderr = array("stderr", stderr, low=0.0)
    if len(stderr):
        array("stderr", stderr, length=len(measured), like="measured")
    local_bound = float(number("local_bound", local_bound))
    quantum_bound = float(number("quantum_bound", quantum_bound))
    ax.axhspan(0, local_bound, color=COLORS["highlight"], alpha=0.25, lw=0)
    ax.plot(lengths_km, predicted, color=COLORS["alice"], label="Werner prediction 2√2 V")
    ax.axhline(local_bound, color=COLORS["classical"], ls="--", label="local bound 2")
    ax.axhline(quantum_bound, color=COLORS["bound"], lw=0.8, label="Tsirelson bound 2√2")
    if len(measured):
        yerr = 2 * np.asarray(stderr) if len(stderr) else None
        ax.errorbar(measured_km, measured, yerr=yerr, fmt="o", color=COLORS["bob"], label="measured on Aer")
    ax.set(xlabel="fibre length (km)", ylabel="CHSH value S", ylim=(0, 3.0), xlim=(lengths_km[0], lengths_km[-1]))
    ax.legend(loc="lower left")
    return ax
