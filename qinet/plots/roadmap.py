"""Figures for the road map: the stages' demonstrations over time, and which applications a link
supports. Data come from :mod:`qinet.roadmap`; nothing here computes physics."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter, NullLocator
from numpy.typing import ArrayLike

from qinet.plots.style import COLORS, axes
from qinet.roadmap import Stage, Verdict

STAGE_COLORS = (COLORS["classical"], COLORS["source"], COLORS["repeater"], COLORS["alice"])


def timeline(stages: Sequence[Stage], *, ax: Axes | None = None) -> Axes:
    """The stages as rows, their demonstrations as dots at their year, with their short labels.

    Examples
    --------
    >>> from qinet.roadmap import STAGES
    >>> ax = timeline(STAGES)
    >>> len(ax.get_yticks()) == len(STAGES)
    True
    """
    ax = axes(ax, figsize=(8.0, 4.0))
    for row, (stage, color) in enumerate(zip(stages, STAGE_COLORS, strict=False)):
        years = [d.year for d in stage.demonstrations]
        ax.plot(years, [row] * len(years), "o", color=color, ms=9)
        for k, demo in enumerate(stage.demonstrations):
            ax.annotate(
                demo.short,
                (demo.year, row),
                xytext=(0, 9 if k % 2 == 0 else -15),
                textcoords="offset points",
                ha="center",
                fontsize=9,
            )
    ax.set_yticks(range(len(stages)), [f"{s.name}\n({s.status})" for s in stages], fontsize=9)
    ax.set_xlabel("year of demonstration")
    ax.set_ylim(-0.6, len(stages) - 0.4)
    years = [d.year for s in stages for d in s.demonstrations]
    ax.set_xlim(min(years) - 1.5, max(years) + 1.5)
    ax.grid(axis="y", alpha=0)
    return ax


def feasibility(verdicts: Sequence[Verdict], *, ax: Axes | None = None) -> Axes:
    """Each application's margin (above 1: possible) as a horizontal bar on a log scale.

    Examples
    --------
    >>> from qinet.roadmap import application_feasibility
    >>> ax = feasibility(application_feasibility(0.9, 1e-3, 100.0))
    >>> len(ax.patches)
    4
    """
    ax = axes(ax)
    margins = np.clip([v.margin for v in verdicts], 1e-3, 1e3)
    colors = [COLORS["repeater"] if v.possible else COLORS["bob"] for v in verdicts]
    y = np.arange(len(verdicts))[::-1]
    ax.barh(y, margins, left=0, color=colors, height=0.6)
    ax.axvline(1.0, color=COLORS["bound"], lw=1.5)
    for yy, v, m in zip(y, verdicts, margins, strict=True):
        ax.annotate(
            "✓ possible" if v.possible else "✗ not yet", (m, yy), xytext=(4, -4), textcoords="offset points", fontsize=9
        )
    ax.set_yticks(y, [v.label for v in verdicts], fontsize=9)
    ax.set_xscale("log")
    ax.set_xlim(1e-2, 1e3)
    ax.xaxis.set_minor_locator(NullLocator())  # minor ticks and math-text labels cost tens of ms per redraw
    ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _pos: f"{value:g}"))
    ax.set_xlabel("margin (value ÷ threshold; above 1: possible)")
    ax.grid(axis="y", alpha=0)
    return ax


def teleportation_vs_distance(
    lengths_km: ArrayLike,
    fidelity: ArrayLike,
    *,
    label: str = "teleportation fidelity",
    mark_km: float | None = None,
    limit: float | None = 2.0 / 3.0,
    ax: Axes | None = None,
) -> Axes:
    """Teleportation fidelity after storage against link length; ``limit`` draws the classical 2/3 line.

    Call it once per curve on the same ``ax`` (with ``limit=None`` after the first) to compare memories.

    Examples
    --------
    >>> ax = teleportation_vs_distance([0, 100], [0.9, 0.8], mark_km=50)
    >>> ax.get_xlabel()
    'link length L (km)'
    """
    ax = axes(ax)
    ax.plot(lengths_km, fidelity, label=label)
    if limit is not None:
        ax.axhline(limit, color=COLORS["classical"], ls="--", label="classical limit 2/3")
    if mark_km is not None:
        ax.axvline(mark_km, color=COLORS["bound"], lw=1, ls=":")
    ax.set_ylim(0.45, 1.02)
    ax.set_xlabel("link length L (km)")
    ax.set_ylabel("fidelity")
    ax.legend(fontsize=9, loc="lower left")
    return ax


def versus_fidelity(
    fidelities: ArrayLike,
    curves: Mapping[str, ArrayLike],
    *,
    thresholds: Mapping[str, float] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Figures of merit against the link fidelity F, with each application's threshold as a vertical line.

    Examples
    --------
    >>> ax = versus_fidelity([0.5, 1.0], {"a": [0, 1]}, thresholds={"a": 0.8})
    >>> len(ax.lines)
    2
    """
    ax = axes(ax)
    for k, (name, values) in enumerate(curves.items()):
        ax.plot(fidelities, values, color=f"C{k}", label=name)
        if thresholds and name in thresholds:
            ax.axvline(thresholds[name], color=f"C{k}", ls=":", lw=1.5)
    ax.set_xlabel("link fidelity F")
    ax.set_ylabel("fidelity or key fraction")
    ax.legend(fontsize=9)
    return ax
