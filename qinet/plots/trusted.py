"""Figures for E91, the detection loophole, device-independent QKD and trusted-node chains.

Plot functions only draw what they are given (no physics here); each takes ``ax=None`` and
returns the Axes.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, cast

import numpy as np
from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator
from numpy.typing import ArrayLike

from qinet._validate import (
    WrongTypeError,
    array,
    boolean,
    instance,
    named_arrays,
    number,
    one_of,
    positive_int,
    strings,
    text,
)
from qinet.plots.style import COLORS, axes, log_ticks, measured

if TYPE_CHECKING:
    from matplotlib.typing import LegendLocType

    from qinet.measurements import Measurement

TSIRELSON = 2 * math.sqrt(2)
_LEGEND_LOCATIONS = (
    "best",
    "upper right",
    "upper left",
    "lower left",
    "lower right",
    "right",
    "center left",
    "center right",
    "lower center",
    "upper center",
    "center",
)
_MAX_NODES = 200  # one marker and label each: more would be unreadable


def _optional(name: str, value: float | None, low: float = -math.inf, high: float = math.inf) -> float | None:
    return None if value is None else float(number(name, value, low, high))


def _pair(name: str, value: object, what: str) -> tuple[float, float] | None:
    """None, or a pair of finite numbers (a point, a value with its error)."""
    if value is None:
        return None
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        raise WrongTypeError(f"{name} must be {what}, got {value!r}")
    return float(number(name, value[0])), float(number(name, value[1]))


def _hline(ax: Axes, y: float, text: str, *, left: bool = False, below: bool = False, **style) -> None:
    """A horizontal reference line labelled in place (cheaper to draw than a legend), at the right end
    above the line unless ``left`` / ``below``."""
    ax.axhline(y, **style)
    ax.text(
        0.02 if left else 0.98,
        y,
        text,
        transform=ax.get_yaxis_transform(),
        ha="left" if left else "right",
        va="top" if below else "bottom",
        fontsize=9,
        color=style.get("color"),
    )


def _vline(ax: Axes, x: float, text: str, *, height: float = 0.97, **style) -> None:
    ax.axvline(x, **style)
    ax.text(
        x,
        height,
        " " + text,
        transform=ax.get_xaxis_transform(),
        ha="left",
        va="top",
        fontsize=9,
        color=style.get("color"),
    )


def chsh_value(chsh: float, error: float, *, di_threshold: float | None = None, ax: Axes | None = None) -> Axes:
    """The measured |S| with its error bar, against the local bound 2 and Tsirelson's 2√2 (lines labelled in place)."""
    ax = axes(ax)
    chsh = float(number("chsh", chsh, 0.0, 4.0))
    error = float(number("error", error, 0.0))
    di_threshold = _optional("di_threshold", di_threshold, 0.0, 4.0)
    ax.bar([0], [chsh], yerr=[error], color=COLORS["source"], width=0.5, capsize=8)
    _hline(ax, 2.0, "local bound 2", color=COLORS["classical"], ls="--", lw=1.5)
    _hline(ax, TSIRELSON, "Tsirelson 2√2", color=COLORS["bound"], lw=1.5)
    if di_threshold is not None:
        _hline(ax, di_threshold, f"DI-QKD needs > {di_threshold:.2f}", color=COLORS["repeater"], ls=":", lw=1.5)
    ax.set(xticks=[0], xticklabels=["measured |S|"], ylim=(0, 3.2), xlim=(-0.6, 1.4), ylabel="CHSH |S|")
    ax.yaxis.set_major_locator(MaxNLocator(5))
    return ax


def di_rate(
    visibility: np.ndarray,
    rate: np.ndarray,
    *,
    threshold: float | None = None,
    mark: tuple[float, float] | None = None,
    qber_axis: bool = False,
    ax: Axes | None = None,
) -> Axes:
    """Device-independent key fraction against visibility (Acín et al. 2007), with its threshold, the
    Bell-violation limit 1/√2 and a measured point, all labelled in place. ``qber_axis`` adds a top axis
    with the Werner-state QBER ``(1 − V)/2`` in %."""
    ax = axes(ax)
    visibility = array("visibility", visibility, min_length=2)
    rate = array("rate", rate, length=len(visibility), like="visibility")
    threshold = _optional("threshold", threshold, 0.0, 1.0)
    mark = _pair("mark", mark, "None or a point (visibility, rate)")
    qber_axis = boolean("qber_axis", qber_axis)
    ax.plot(visibility, rate, color=COLORS["alice"])
    ax.text(0.72, 0.55, "DI-QKD rate\n(Acín et al. 2007)", color=COLORS["alice"], fontsize=9)
    if threshold is not None:
        _vline(ax, threshold, f"V* = {threshold:.3f}", color=COLORS["bound"], ls=":", lw=1.5)
    _vline(ax, 1 / math.sqrt(2), "1/√2", color=COLORS["classical"], ls="--", lw=1.2)
    if mark is not None:
        ax.plot(*mark, "o", color=COLORS["eve"], ms=9)
        ax.annotate("this run", mark, textcoords="offset points", xytext=(-8, 8), ha="right", color=COLORS["eve"])
    ax.set(xlabel="visibility V", ylabel="secret bits per key round", ylim=(-0.02, 1.02))
    for axis in (ax.xaxis, ax.yaxis):
        axis.set_major_locator(MaxNLocator(5))
    if qber_axis:
        top = ax.secondary_xaxis(
            "top",
            # matplotlib's stubs type these functions' argument as any ArrayLike; it passes them float arrays
            functions=(lambda v: 50 * (1 - v), lambda q: 1 - q / 50),  # type: ignore[operator]
        )
        top.set_xlabel("QBER (1 − V)/2 (%)")
    return ax


def chain(
    n_nodes: int,
    knows_key: Sequence[bool],
    *,
    labels: Sequence[str] | None = None,
    title: str = "",
    ax: Axes | None = None,
) -> Axes:
    """A chain of nodes; those that hold the end-to-end key are filled in Eve's colour (relays) or by role."""
    ax = axes(ax, figsize=(8.0, 1.6))
    n_nodes = positive_int("n_nodes", n_nodes, minimum=2, maximum=_MAX_NODES)
    if isinstance(knows_key, (str, bytes)) or not isinstance(knows_key, (list, tuple, np.ndarray)):
        raise WrongTypeError(f"knows_key must be a list of True/False, one per node, got {knows_key!r}")
    knows_key = [boolean("knows_key", bool(k) if isinstance(k, np.bool_) else k) for k in knows_key]
    if len(knows_key) != n_nodes:
        raise ValueError(f"knows_key must have one entry per node (n_nodes = {n_nodes}), got {len(knows_key)}")
    if labels is not None:
        labels = strings("labels", labels, length=n_nodes, like="n_nodes")
    title = text("title", title)
    x = np.arange(n_nodes)
    ax.plot(x, np.zeros(n_nodes), color=COLORS["classical"], lw=2, zorder=1)
    for i in x:
        role = "alice" if i == 0 else "bob" if i == n_nodes - 1 else "repeater"
        face = COLORS[role] if (knows_key[i] and role != "repeater") else (COLORS["eve"] if knows_key[i] else "white")
        ax.scatter([i], [0], s=260, color=face, edgecolor=COLORS[role], lw=2, zorder=2)
    names = labels or ["Alice"] + [f"N{i}" for i in range(1, n_nodes - 1)] + ["Bob"]
    for position, name in enumerate(names):
        ax.annotate(name, (position, 0), textcoords="offset points", xytext=(0, -22), ha="center")
    ax.text(
        (n_nodes - 1) / 2,
        -0.85,
        "filled = can read the key; open = cannot",
        ha="center",
        fontsize=9,
        color=COLORS["classical"],
    )
    ax.set(xlim=(-0.6, n_nodes - 0.4), ylim=(-1, 1), title=title)
    ax.axis("off")
    return ax


def hop_rates(
    hop_km: np.ndarray, rates: np.ndarray, *, end_to_end: float, direct: float | None = None, ax: Axes | None = None
) -> Axes:
    """Key rate of each hop (bars, log axis) with the end-to-end rate (the slowest hop) as a line."""
    ax = axes(ax)
    hop_km = array("hop_km", hop_km, min_length=1, low=0.0, finite=True)
    rates = array("rates", rates, length=len(hop_km), like="hop_km", low=0.0)
    end_to_end = float(number("end_to_end", end_to_end, 0.0))
    direct = _optional("direct", direct, 0.0)
    x = np.arange(1, len(rates) + 1)
    shown = np.where(np.asarray(rates) > 0, rates, np.nan)
    ax.bar(x, shown, color=COLORS["repeater"], label="hop rates")
    ax.axhline(end_to_end, color=COLORS["eve"], lw=2, label=f"end to end = slowest hop: {end_to_end:.3g} bit/s")
    if direct is not None and direct > 0:
        ax.axhline(direct, color=COLORS["classical"], ls="--", lw=1.5, label=f"one direct link: {direct:.3g} bit/s")
    positive = np.asarray(rates, dtype=float)[np.asarray(rates) > 0]
    if positive.size:
        ax.set_yscale("log")
        log_ticks(ax, numticks=12)
        low = min(positive.min(), end_to_end, direct or np.inf) if end_to_end > 0 else positive.min()
        ax.set_ylim(low / 10, positive.max() * 100)  # room for the legend above the bars
    else:
        ax.text(0.5, 0.5, "no hop gives key: hops too long", transform=ax.transAxes, ha="center")
    same = np.allclose(hop_km, hop_km[0])
    ax.set(
        xlabel=f"hop (each {hop_km[0]:.0f} km)" if same else f"hop ({hop_km.min():.0f}–{hop_km.max():.0f} km)",
        ylabel="secret key rate (bit/s)",
    )
    ax.legend(loc="upper right", fontsize=9)
    return ax


def chsh_sweep(
    x: np.ndarray,
    chsh: np.ndarray,
    errors: np.ndarray,
    expected: np.ndarray,
    *,
    xlabel: str,
    legend_loc: str = "best",
    ax: Axes | None = None,
) -> Axes:
    """Measured |S| (points with error bars) and the expected curve against a parameter ``x``."""
    ax = axes(ax)
    x = array("x", x, min_length=1)
    chsh = array("chsh", chsh, length=len(x), like="x")
    errors = array("errors", errors, length=len(x), like="x", low=0.0)
    expected = array("expected", expected, length=len(x), like="x")
    xlabel = text("xlabel", xlabel)
    loc = cast("LegendLocType", one_of("legend_loc", legend_loc, _LEGEND_LOCATIONS))  # checked: one of them
    ax.plot(x, expected, color=COLORS["classical"], label="expected")
    ax.errorbar(x, chsh, yerr=errors, fmt="o", color=COLORS["source"], label="measured on Aer")
    ax.axhline(2.0, color=COLORS["classical"], ls="--", lw=1.5, label="local bound 2")
    ax.axhline(TSIRELSON, color=COLORS["bound"], lw=1.5, label="Tsirelson 2√2")
    ax.set(xlabel=xlabel, ylabel="CHSH |S|")
    ax.legend(loc=loc, fontsize=9)
    return ax


def visibility_regions(ax: Axes, *, di_visibility: float | None = None) -> Axes:
    """Shade an S-against-V plot by what Werner pairs of visibility V can do: separable (V ≤ 1/3),
    entangled without a CHSH violation (1/3 < V ≤ 1/√2), violating CHSH, and giving DI key (V > ``di_visibility``)."""
    ax = axes(ax)
    di_visibility = _optional("di_visibility", di_visibility, 0.0, 1.0)
    low, high = ax.get_xlim()
    spans = [
        (low, 1 / 3, COLORS["classical"], 0.12, "separable", 0.5),
        (1 / 3, 1 / math.sqrt(2), COLORS["highlight"], 0.35, "entangled,\nno violation", 0.85),
    ]
    if di_visibility is not None:
        spans.append((di_visibility, high, COLORS["repeater"], 0.15, "DI key", 0.08))
    for start, stop, colour, alpha, label, height in spans:
        ax.axvspan(start, stop, color=colour, alpha=alpha, lw=0, zorder=0)
        ax.text((start + stop) / 2, height, label, transform=ax.get_xaxis_transform(), ha="center", fontsize=9)
    ax.set_xlim(low, high)
    return ax


def efficiency_thresholds(ax: Axes, *, bell: float, di: float | None, eberhard: float | None = None) -> Axes:
    """Vertical lines at the detection efficiencies a Bell violation (``bell``) and a DI key (``di``) need,
    and Eberhard's 2/3 for weakly entangled states, labelled in place."""
    ax = axes(ax)
    bell = float(number("bell", bell, 0.0, 1.0))
    di, eberhard = _optional("di", di, 0.0, 1.0), _optional("eberhard", eberhard, 0.0, 1.0)
    _vline(ax, bell, f"S > 2: {bell:.1%}", height=0.97, color=COLORS["classical"], ls="--", lw=1.2)
    if di is not None:
        _vline(ax, di, f"DI key:\n{di:.1%}", height=0.86, color=COLORS["bound"], ls=":", lw=1.5)
    if eberhard is not None:
        _vline(ax, eberhard, f"Eberhard: {eberhard:.1%}", height=0.97, color=COLORS["eve"], ls="-.", lw=1.2)
    return ax


def chsh_against_efficiency(
    efficiency: np.ndarray,
    chsh: ArrayLike,
    *,
    bell: float,
    di: float | None,
    current: tuple[float, float] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """|S| against the detection efficiency of each side (no-click counted as +1), with the local bound,
    the efficiencies a violation and a DI key need, and the ``current`` (η, S) as a point."""
    ax = axes(ax)
    efficiency = array("efficiency", efficiency, min_length=2, finite=True)
    chsh = array("chsh", chsh, length=len(efficiency), like="efficiency")
    bell = float(number("bell", bell, 0.0, 1.0))
    di = _optional("di", di, 0.0, 1.0)
    current = _pair("current", current, "None or a point (efficiency, CHSH |S|)")
    ax.plot(efficiency, chsh, color=COLORS["alice"], lw=2)
    _hline(ax, 2.0, "local bound 2", left=True, color=COLORS["classical"], ls="--", lw=1.2)
    efficiency_thresholds(ax, bell=bell, di=di)
    low = float(np.min(efficiency))
    if current is not None and current[0] >= low:
        ax.plot(*current, "o", color=COLORS["eve"], ms=9)
    elif current is not None:  # off the left edge: say so at the edge
        ax.annotate(f"this setting: η = {current[0]:.2g} ←", (0.02, 0.06), xycoords="axes fraction", fontsize=9)
    ax.set(xlabel="detection efficiency of each side η", ylabel="CHSH |S|", ylim=(1.2, 3.1), xlim=(low, 1.0))
    for axis in (ax.xaxis, ax.yaxis):  # five ticks each: a live panel redraws fewer labels and grid lines
        axis.set_major_locator(MaxNLocator(5))
    return ax


def key_fractions(
    x: np.ndarray,
    curves: Mapping[str, ArrayLike],
    *,
    xlabel: str,
    log_x: bool = False,
    mark: float | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Device-independent key fraction (secret bits per measured pair) against ``x``, one line per curve."""
    ax = axes(ax)
    x = array("x", x, min_length=2)
    checked = named_arrays("curves", curves, length=len(x), like="x")
    xlabel = text("xlabel", xlabel)
    log_x = boolean("log_x", log_x)
    mark = _optional("mark", mark)
    for (label, y), role in zip(checked.items(), ("alice", "repeater", "bob", "source"), strict=False):
        ax.plot(x, y, color=COLORS[role], lw=2, label=label)
    if mark is not None:
        ax.axvline(mark, color=COLORS["eve"], lw=1.2, ls="--", label="this setting")
    if log_x:
        log_ticks(ax, "x", numticks=6)
    ax.yaxis.set_major_locator(MaxNLocator(5))
    ax.set(xlabel=xlabel, ylabel="secret bits per measured pair", ylim=(-0.02, 1.02))
    ax.legend(loc="upper right", fontsize=9)
    return ax


def bell_tests(
    separation_km: np.ndarray,
    photonic_chsh: np.ndarray,
    tests: Sequence[Measurement],
    *,
    di_chsh: float,
    ax: Axes | None = None,
) -> Axes:
    """Published CHSH values against the distance between the two parties (open markers), beside the best
    |S| that photons measured at the ends can reach with the detection loophole closed (line)."""
    ax = axes(ax, figsize=(7.0, 4.0))
    separation_km = array("separation_km", separation_km, min_length=2)
    photonic_chsh = array("photonic_chsh", photonic_chsh, length=len(separation_km), like="separation_km")
    di_chsh = float(number("di_chsh", di_chsh, 0.0, 4.0))
    if not isinstance(tests, (list, tuple)):
        raise WrongTypeError(f"tests must be a list of Measurement (e.g. measurements.by_topic(...)), got {tests!r}")
    ax.plot(separation_km, photonic_chsh, color=COLORS["alice"], lw=2, label="photons, perfect detectors")
    _hline(ax, 2.0, "local bound 2", left=True, below=True, color=COLORS["classical"], ls="--", lw=1.5)
    _hline(ax, di_chsh, f"DI key (white noise): {di_chsh:.2f}", left=True, below=True, color=COLORS["repeater"], ls=":")
    _hline(ax, TSIRELSON, "Tsirelson 2√2", color=COLORS["bound"], lw=1.0)
    measured(ax, tests, x="separation_km")
    log_ticks(ax, "x")
    ax.set(xlabel="distance between the parties (km)", ylabel="CHSH |S|", ylim=(1.6, 3.0))
    ax.set_xlim(right=max(ax.get_xlim()[1], 1e4))
    ax.legend(loc="lower right", fontsize=9)
    return ax


def di_rate_against_chsh(
    chsh: np.ndarray,
    rate: np.ndarray,
    band: tuple[np.ndarray, np.ndarray],
    reported: Measurement,
    *,
    chsh_measured: tuple[float, float],
    qber_label: str,
    ax: Axes | None = None,
) -> Axes:
    """Acín et al.'s key fraction against S at a measured QBER (line, with the band the QBER's error bar
    spans), and a reported key rate at the measured S (open marker with both error bars)."""
    from qinet.measurements import Measurement

    ax = axes(ax)
    chsh = array("chsh", chsh, min_length=2)
    rate = array("rate", rate, length=len(chsh), like="chsh")
    if not isinstance(band, (tuple, list)) or len(band) != 2:
        raise WrongTypeError(f"band must be a pair (low, high) of arrays, got {band!r}")
    band_low, band_high = (array("band", edge, length=len(chsh), like="chsh") for edge in band)
    instance("reported", reported, Measurement, "a Measurement from qinet.measurements")
    point = _pair("chsh_measured", chsh_measured, "a pair (S, its standard error)")
    if point is None:
        raise WrongTypeError("chsh_measured must be a pair (S, its standard error), got None")
    s_measured, s_error = point
    qber_label = text("qber_label", qber_label)
    ax.fill_between(chsh, band_low, band_high, color=COLORS["alice"], alpha=0.2, lw=0)
    ax.plot(chsh, rate, color=COLORS["alice"], lw=2, label=f"Acín et al. 2007 at {qber_label}")
    measured(ax, [reported], x=[s_measured])
    ax.errorbar([s_measured], [reported.value], xerr=[s_error], fmt="none", color=COLORS["bound"], capsize=3)
    ax.set(xlabel="CHSH |S|", ylabel="secret bits per key round", ylim=(-0.02, 0.6))
    ax.legend(loc="upper left", fontsize=9)
    return ax
