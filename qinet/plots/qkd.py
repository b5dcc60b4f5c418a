"""Figures for BB84: keys side by side, QBER against Eve, secret fraction, post-processing, rates.

Plot functions only draw what they are given (no physics here); each takes ``ax=None`` and
returns the Axes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import ListedColormap
from numpy.typing import ArrayLike

from qinet._validate import WrongTypeError, array, bits, instances, named_arrays, number, positive_int
from qinet.measurements import Measurement
from qinet.plots.style import COLORS, axes, log_ticks, measured

#: Most bits :func:`key_strips` draws per row (one cell each: more would be unreadable and slow).
MAX_SHOWN_BITS = 1000


def _fraction_or_none(name: str, value: object) -> float | None:
    return None if value is None else float(number(name, value, 0.0, 1.0))


def _levels(name: str, value: object) -> dict[str, float]:
    """A mapping of labels to finite numbers."""
    if not isinstance(value, Mapping) or not value:
        raise WrongTypeError(f"{name} must be a non-empty mapping of labels to numbers, got {value!r}")
    return {str(k): float(number(f"{name}[{k!r}]", v)) for k, v in value.items()}


_BITS = ListedColormap(["#FFFFFF", "#333333"])
_RATE_STYLE: dict[str, dict[str, Any]] = {
    "single_photon": dict(color=COLORS["repeater"], ls="-", label="single photons"),
    "decoy": dict(color=COLORS["alice"], ls="-", label="weak pulses + decoys (many-decoy limit)"),
    "two_decoy": dict(color=COLORS["alice"], ls="--", label="weak pulses, vacuum + weak decoy"),
    "no_decoy": dict(color=COLORS["bob"], ls="-", label="weak pulses, no decoys"),
    "plob": dict(color=COLORS["bound"], ls="-", lw=1.5, label="PLOB bound"),
    "tgw": dict(color=COLORS["classical"], ls="--", lw=1.5, label="TGW bound"),
    "plob_ull": dict(color=COLORS["bound"], ls=":", lw=1.5, label="PLOB bound, 0.16 dB/km fibre"),
}
_QBER_COLORS = (COLORS["alice"], COLORS["repeater"], COLORS["bob"], COLORS["eve"], COLORS["source"])


def key_strips(rows: Mapping[str, np.ndarray], *, n_show: int = 64, ax: Axes | None = None) -> Axes:
    """Show the first ``n_show`` bits of several keys as rows of black (1) and white (0) cells.

    Cells where a row differs from the first row are outlined in Eve's colour.
    """
    if not isinstance(rows, Mapping) or not rows:
        raise WrongTypeError(f"rows must be a non-empty mapping of names to bit arrays, got {rows!r}")
    n_show = positive_int("n_show", n_show, maximum=MAX_SHOWN_BITS)
    checked = {str(k): bits(f"rows[{k!r}]", v) for k, v in rows.items()}
    shown = min(n_show, *(len(v) for v in checked.values()))
    if shown == 0:
        raise ValueError("rows must hold at least one bit in every row")
    ax = axes(ax, figsize=(8.0, 0.5 + 0.45 * len(checked)))
    names = list(checked)
    grid = np.array([checked[name][:shown].astype(int) for name in names])
    ax.imshow(grid, cmap=_BITS, vmin=0, vmax=1, aspect="auto", interpolation="nearest")
    for r, c in zip(*np.nonzero(grid != grid[0]), strict=True):
        ax.add_patch(_cell(c, r))
    ax.set_yticks(range(len(names)), names)
    ax.set_xticks([])
    ax.grid(False)
    ax.set_xlabel(f"first {grid.shape[1]} bits (black = 1)\noutlined: differs from {names[0]}")
    return ax


def _cell(col: int, row: int):
    from matplotlib.patches import Rectangle

    return Rectangle((col - 0.5, row - 0.5), 1, 1, fill=False, edgecolor=COLORS["eve"], lw=2)


def qber_vs_eve(
    eve_fractions: np.ndarray,
    measured: np.ndarray,
    errors: np.ndarray,
    expected: np.ndarray,
    *,
    threshold: float | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Measured QBER (points with error bars) and the expected line against Eve's fraction."""
    eve_fractions = array("eve_fractions", eve_fractions, min_length=1, low=0.0, high=1.0, finite=True)
    n = len(eve_fractions)
    measured = array("measured", measured, length=n, like="eve_fractions", low=0.0, high=1.0)
    errors = array("errors", errors, length=n, like="eve_fractions", low=0.0)
    expected = array("expected", expected, length=n, like="eve_fractions", low=0.0, high=1.0)
    threshold = _fraction_or_none("threshold", threshold)
    ax = axes(ax)
    ax.plot(eve_fractions, 100 * np.asarray(expected), color=COLORS["classical"], label="expected f/4 (+ channel)")
    ax.errorbar(
        eve_fractions,
        100 * np.asarray(measured),
        yerr=100 * np.asarray(errors),
        fmt="o",
        color=COLORS["eve"],
        label="measured on the sample",
    )
    if threshold is not None:
        ax.axhline(100 * threshold, color=COLORS["bound"], ls=":", lw=1.5, label=f"{100 * threshold:.1f} % threshold")
    ax.set(xlabel="fraction intercepted by Eve", ylabel="QBER (%)")
    ax.legend(loc="upper left")
    return ax


def secret_fraction(
    qber: np.ndarray,
    fraction: np.ndarray,
    *,
    threshold: float | None = None,
    mark: tuple[float, float] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Secret fraction against QBER, with the threshold and an optional measured point ``(Q, r)``,
    labelled in place (cheaper to redraw than a legend)."""
    qber = array("qber", qber, min_length=1, low=0.0, high=1.0, finite=True)
    fraction = array("fraction", fraction, length=len(qber), like="qber")
    threshold = _fraction_or_none("threshold", threshold)
    if mark is not None:
        if not isinstance(mark, (tuple, list)) or len(mark) != 2:
            raise WrongTypeError(f"mark must be None or a point (Q, r), got {mark!r}")
        mark = (float(number("mark", mark[0], 0.0, 1.0)), float(number("mark", mark[1])))
    ax = axes(ax)
    ax.plot(100 * np.asarray(qber), fraction, color=COLORS["alice"])
    ax.text(0.6, 0.12, "Shor–Preskill 1 − 2h(Q)", transform=ax.transAxes, color=COLORS["alice"], fontsize=10)
    if threshold is not None:
        ax.axvline(100 * threshold, color=COLORS["bound"], ls=":", lw=1.5)
        ax.text(100 * threshold, 0.6, f" zero at {100 * threshold:.1f} %", fontsize=10)
    if mark is not None:
        ax.plot(100 * mark[0], mark[1], "o", color=COLORS["eve"], ms=9)
        ax.annotate(
            "this run", (100 * mark[0], mark[1]), textcoords="offset points", xytext=(8, 8), color=COLORS["eve"]
        )
    ax.set(xlabel="QBER Q (%)", ylabel="secret bits per sifted bit", ylim=(-0.02, 1.02))
    return ax


def key_budget(stages: Mapping[str, float], *, ax: Axes | None = None) -> Axes:
    """Horizontal bars: how many bits are left (or spent) at each post-processing stage."""
    stages = _levels("stages", stages)
    ax = axes(ax)
    names = list(stages)[::-1]
    values = [stages[n] for n in names]
    colors = [COLORS["repeater"] if i == 0 else COLORS["alice"] for i in range(len(names))]
    ax.barh(names, values, color=colors)
    for y, v in enumerate(values):
        ax.annotate(f"{v:,.0f}", (v, y), textcoords="offset points", xytext=(4, -4))
    ax.set_xlabel("bits")
    ax.grid(False, axis="y")
    return ax


def key_rates(
    lengths_km: ArrayLike,
    curves: Mapping[str, ArrayLike],
    *,
    ylim: tuple[float, float] = (1e-9, 1.0),
    ax: Axes | None = None,
) -> Axes:
    """Secret bits per pulse against fibre length on a log axis; zero rates are not drawn.

    ``curves`` keys ``single_photon``, ``decoy``, ``two_decoy``, ``no_decoy``, ``plob``, ``tgw``,
    ``plob_ull`` get their fixed style.
    """
    lengths_km = array("lengths_km", lengths_km, min_length=1, low=0.0, finite=True)
    curves = named_arrays("curves", curves, length=len(lengths_km), like="lengths_km")
    if not isinstance(ylim, (tuple, list)) or len(ylim) != 2:
        raise WrongTypeError(f"ylim must be a pair (bottom, top) of rates, got {ylim!r}")
    ylim = (float(number("ylim", ylim[0], 0.0, low_open=True)), float(number("ylim", ylim[1], 0.0, low_open=True)))
    ax = axes(ax)
    for name, values in curves.items():
        values = np.asarray(values, dtype=float)
        style = dict(_RATE_STYLE.get(name, {"label": name}))
        ax.semilogy(lengths_km, np.where(values > 0, values, np.nan), **style)
    ax.set(xlabel="fibre length (km)", ylabel="secret bits per pulse", ylim=ylim)
    log_ticks(ax, numticks=12)
    ax.legend(loc="upper right", ncols=2, fontsize=9)
    return ax


def records(rates: Sequence[Measurement], reaches: Sequence[Measurement] = (), *, ax: Axes | None = None) -> Axes:
    """Published records on a key-rate figure: measured rates as points (bits per pulse at their fibre
    length, a rate in bit/s divided by its ``repetition_rate_hz``), reach records as labelled
    vertical lines at their distance (``value`` in km)."""
    rates = instances("rates", rates, Measurement, "a Measurement from qinet.measurements")
    reaches = instances("reaches", reaches, Measurement, "a Measurement from qinet.measurements")
    ax = axes(ax)
    for i, m in enumerate(rates):
        scale = 1.0 / m.parameters["repetition_rate_hz"] if m.unit == "bit/s" else 1.0
        x = m.parameters["length_km"]
        measured(ax, [m], x=[x], scale=scale, annotate=False, label="measured" if i == 0 else None)
        offset = (6, 6) if i % 2 == 0 else (6, -14)  # alternate above and below: neighbours stay legible
        ax.annotate(m.label, (x, m.value * scale), xytext=offset, textcoords="offset points", fontsize=9)
    for m in reaches:
        ax.axvline(m.value, color=COLORS["classical"], ls=(0, (1, 3)), lw=1.2, zorder=1)
        ax.annotate(
            f"{m.label}: {m.value:,.0f} km",
            (m.value, 0.02),
            xycoords=("data", "axes fraction"),
            xytext=(-3, 0),
            textcoords="offset points",
            rotation=90,
            ha="right",
            va="bottom",
            fontsize=9,
            color=COLORS["classical"],
        )
    ax.legend(loc="upper right", ncols=2, fontsize=9)
    return ax


def finite_key(
    sifted_bits: np.ndarray,
    fractions: Mapping[str, np.ndarray],
    asymptotic: Mapping[str, float],
    *,
    block: float | None = None,
    ax: Axes | None = None,
) -> Axes:
    """ε-secure secret bits per sifted bit against the block size (log axis), one colour per QBER,
    with each curve's asymptotic limit dashed; ``block`` marks a block size (the notebook's run).

    ``fractions`` and ``asymptotic`` share their keys (labels such as ``"Q = 1 %"``)."""
    sifted_bits = array("sifted_bits", sifted_bits, min_length=1, low=0.0, finite=True)
    fractions = named_arrays("fractions", fractions, length=len(sifted_bits), like="sifted_bits")
    asymptotic = _levels("asymptotic", asymptotic)
    if set(asymptotic) != set(fractions):
        raise ValueError(f"asymptotic must have the keys of fractions {sorted(fractions)}, got {sorted(asymptotic)}")
    block = None if block is None else float(number("block", block, 0.0, low_open=True))
    ax = axes(ax)
    for color, (name, values) in zip(_QBER_COLORS, fractions.items(), strict=False):
        values = np.asarray(values, dtype=float)
        ax.semilogx(sifted_bits, np.where(values > 0, values, np.nan), color=color, label=name)
        ax.axhline(asymptotic[name], color=color, ls="--", lw=1.0)
    if block is not None:
        ax.axvline(block, color=COLORS["classical"], ls=":", lw=1.5)
        ax.annotate(" this notebook's block", (block, 0.95), xycoords=("data", "axes fraction"), fontsize=9)
    ax.set(xlabel="sifted bits in the block, N = n + k", ylabel="ε-secure key bits per sifted bit", ylim=(0, None))
    ax.legend(loc="lower right", title="dashed: asymptotic", fontsize=9, title_fontsize=9)
    return ax
