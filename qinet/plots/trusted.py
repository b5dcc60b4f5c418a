"""Figures for E91, device-independent QKD and trusted-node chains.

Plot functions only draw what they are given (no physics here); each takes ``ax=None`` and
returns the Axes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes

from qinet.plots.style import COLORS, axes, log_ticks

TSIRELSON = 2 * math.sqrt(2)


def _hline(ax: Axes, y: float, text: str, **style) -> None:
    """A horizontal reference line labelled in place (cheaper to draw than a legend)."""
    ax.axhline(y, **style)
    ax.text(
        0.98, y, text, transform=ax.get_yaxis_transform(), ha="right", va="bottom", fontsize=9, color=style.get("color")
    )


def _vline(ax: Axes, x: float, text: str, **style) -> None:
    ax.axvline(x, **style)
    ax.text(
        x,
        0.97,
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
    ax.bar([0], [chsh], yerr=[error], color=COLORS["source"], width=0.5, capsize=8)
    _hline(ax, 2.0, "local bound 2", color=COLORS["classical"], ls="--", lw=1.5)
    _hline(ax, TSIRELSON, "Tsirelson 2√2", color=COLORS["bound"], lw=1.5)
    if di_threshold is not None:
        _hline(ax, di_threshold, f"DI-QKD needs > {di_threshold:.2f}", color=COLORS["repeater"], ls=":", lw=1.5)
    ax.set(xticks=[0], xticklabels=["measured |S|"], ylim=(0, 3.2), xlim=(-0.6, 1.4), ylabel="CHSH |S|")
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
    ax.plot(visibility, rate, color=COLORS["alice"])
    ax.text(0.72, 0.55, "DI-QKD rate\n(Acín et al. 2007)", color=COLORS["alice"], fontsize=9)
    if threshold is not None:
        _vline(ax, threshold, f"V* = {threshold:.3f}", color=COLORS["bound"], ls=":", lw=1.5)
    _vline(ax, 1 / math.sqrt(2), "1/√2", color=COLORS["classical"], ls="--", lw=1.2)
    if mark is not None:
        ax.plot(*mark, "o", color=COLORS["eve"], ms=9)
        ax.annotate("this run", mark, textcoords="offset points", xytext=(-8, 8), ha="right", color=COLORS["eve"])
    ax.set(xlabel="visibility V", ylabel="secret bits per key round", ylim=(-0.02, 1.02))
    if qber_axis:
        top = ax.secondary_xaxis("top", functions=(lambda v: 50 * (1 - v), lambda q: 1 - q / 50))
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
    x = np.arange(n_nodes)
    ax.plot(x, np.zeros(n_nodes), color=COLORS["classical"], lw=2, zorder=1)
    for i in x:
        role = "alice" if i == 0 else "bob" if i == n_nodes - 1 else "repeater"
        face = COLORS[role] if (knows_key[i] and role != "repeater") else (COLORS["eve"] if knows_key[i] else "white")
        ax.scatter([i], [0], s=260, color=face, edgecolor=COLORS[role], lw=2, zorder=2)
    names = labels or ["Alice"] + [f"N{i}" for i in range(1, n_nodes - 1)] + ["Bob"]
    for i, name in enumerate(names):
        ax.annotate(name, (i, 0), textcoords="offset points", xytext=(0, -22), ha="center")
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
    hop_km = np.asarray(hop_km, dtype=float)
    same = np.allclose(hop_km, hop_km[0])
    ax.set(
        xlabel=f"hop (each {hop_km[0]:.0f} km)" if same else f"hop ({hop_km.min():.0f}–{hop_km.max():.0f} km)",
        ylabel="secret key rate (bit/s)",
    )
    ax.legend(loc="upper right", fontsize=9)
    return ax


def chsh_sweep(
    x: np.ndarray, chsh: np.ndarray, errors: np.ndarray, expected: np.ndarray, *, xlabel: str, ax: Axes | None = None
) -> Axes:
    """Measured |S| (points with error bars) and the expected curve against a parameter ``x``."""
    ax = axes(ax)
    ax.plot(x, expected, color=COLORS["classical"], label="expected")
    ax.errorbar(x, chsh, yerr=errors, fmt="o", color=COLORS["source"], label="measured on Aer")
    ax.axhline(2.0, color=COLORS["classical"], ls="--", lw=1.5, label="local bound 2")
    ax.axhline(TSIRELSON, color=COLORS["bound"], lw=1.5, label="Tsirelson 2√2")
    ax.set(xlabel=xlabel, ylabel="CHSH |S|")
    ax.legend(loc="best", fontsize=9)
    return ax
