"""Figures for the road map: the stages' demonstrations over time, which applications a link supports and
at what rate, and the two physical limits behind the verdicts (detection efficiency, memory time). Data
come from :mod:`qinet.roadmap` and :mod:`qinet.applications`; nothing here computes physics."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter, NullLocator
from numpy.typing import ArrayLike

from qinet._validate import WrongTypeError, array, instances, named_arrays, number, text
from qinet.measurements import Measurement
from qinet.plots.style import COLORS, axes, log_ticks, measured
from qinet.roadmap import Stage, Verdict


def _levels(name: str, value: object, *, optional: bool = False) -> dict[str, float]:
    """A mapping of labels to finite numbers (None gives an empty one when ``optional``)."""
    if value is None and optional:
        return {}
    if not isinstance(value, Mapping):
        raise WrongTypeError(f"{name} must be a mapping of labels to numbers, got {value!r}")
    return {str(k): float(number(f"{name}[{k!r}]", v)) for k, v in value.items()}


STAGE_COLORS = (
    COLORS["classical"],
    COLORS["source"],
    COLORS["charlie"],
    COLORS["repeater"],
    COLORS["alice"],
    COLORS["eve"],
)
SHORT_NAMES = {"teleportation": "teleportation", "bb84": "BB84 key", "di-qkd": "DI-QKD", "memory": "memory time"}
APPLICATION_COLORS = {
    "teleportation": COLORS["alice"],
    "bb84": COLORS["source"],
    "di-qkd": COLORS["eve"],
    "memory": COLORS["repeater"],
}


def timeline(stages: Sequence[Stage], *, ax: Axes | None = None) -> Axes:
    """The stages as rows (stage 1 at the bottom), their demonstrations as dots at their year, labelled.

    Examples
    --------
    >>> from qinet.roadmap import STAGES
    >>> ax = timeline(STAGES)
    >>> len(ax.get_yticks()) == len(STAGES)
    True
    """
    stages = instances("stages", stages, Stage, "a Stage from qinet.roadmap.STAGES")
    ax = axes(ax, figsize=(10.0, 7.0))
    for row, (stage, color) in enumerate(zip(stages, STAGE_COLORS, strict=False)):
        demos = sorted(stage.demonstrations, key=lambda d: (d.year, d.short))
        for demo in demos:
            same = [d for d in demos if d.year == demo.year]
            x = demo.year + 0.35 * (same.index(demo) - (len(same) - 1) / 2)  # spread a year's demonstrations
            ax.plot([x], [row], "o", color=color, ms=8)
            ax.annotate(demo.short, (x, row), xytext=(2, 7), textcoords="offset points", rotation=50, fontsize=9)
    ax.set_yticks(range(len(stages)), [f"{s.number} · {s.name}\n({s.status})" for s in stages], fontsize=9)
    ax.set_xlabel("year of demonstration")
    ax.set_ylim(-0.4, len(stages) - 0.2)
    years = [d.year for s in stages for d in s.demonstrations] or [2018]
    ax.set_xlim(min(years) - 1.0, max(years) + 2.0)
    ax.grid(axis="y", alpha=0)
    return ax


def feasibility(verdicts: Sequence[Verdict], *, ax: Axes | None = None) -> Axes:
    """Each application's margin (above 1: possible) as a horizontal bar on a log scale, with what stops it.

    Examples
    --------
    >>> from qinet.roadmap import application_feasibility
    >>> ax = feasibility(application_feasibility(0.9, 1e-3, 100.0))
    >>> len(ax.patches)
    4
    """
    verdicts = instances("verdicts", verdicts, Verdict, "a Verdict from qinet.roadmap.application_feasibility")
    ax = axes(ax)
    margins = np.clip([v.margin for v in verdicts], 1e-2, 1e3)
    colors = [COLORS["repeater"] if v.possible else COLORS["bob"] for v in verdicts]
    y = np.arange(len(verdicts))[::-1]
    ax.barh(y, margins, left=0, color=colors, height=0.6)
    ax.axvline(1.0, color=COLORS["bound"], lw=1.5)
    for yy, v, m in zip(y, verdicts, margins, strict=True):
        text = "✓ possible" if v.possible else f"✗ {v.limited_by}"
        ax.annotate(text, (m, yy), xytext=(4, -4), textcoords="offset points", fontsize=9)
    ax.set_yticks(y, [SHORT_NAMES.get(v.application, v.application) for v in verdicts], fontsize=9)
    ax.set_xscale("log")
    ax.set_xlim(1e-2, 1e3)
    ax.xaxis.set_minor_locator(NullLocator())  # minor ticks and math-text labels cost tens of ms per redraw
    ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _pos: f"{value:g}"))
    ax.set_xlabel("margin over what is needed (> 1: possible)")
    ax.grid(axis="y", alpha=0)
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
    fidelities = array("fidelities", fidelities, min_length=1, finite=True)
    curves = named_arrays("curves", curves, length=len(fidelities), like="fidelities")
    thresholds = _levels("thresholds", thresholds, optional=True)
    ax = axes(ax)
    for k, (name, values) in enumerate(curves.items()):
        color = APPLICATION_COLORS.get(name, f"C{k}")
        ax.plot(fidelities, values, color=color, label=name)
        if thresholds and name in thresholds:
            ax.axvline(thresholds[name], color=color, ls=":", lw=1.5)
    ax.set_xlabel("link fidelity F")
    ax.set_ylabel("fidelity or key fraction")
    ax.legend(fontsize=9)
    return ax


def chsh_vs_efficiency(
    efficiencies: ArrayLike,
    curves: Mapping[str, ArrayLike],
    *,
    marks: Mapping[str, float] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """CHSH value against the detection efficiency, with the local bound 2 and labelled vertical ``marks``.

    Examples
    --------
    >>> ax = chsh_vs_efficiency([0.5, 1.0], {"V = 1": [1.5, 2.8]}, marks={"2/3": 2 / 3})
    >>> ax.get_ylabel()
    'CHSH value S'
    """
    efficiencies = array("efficiencies", efficiencies, min_length=1, low=0.0, high=1.0, finite=True)
    curves = named_arrays("curves", curves, length=len(efficiencies), like="efficiencies")
    marks = _levels("marks", marks, optional=True)
    ax = axes(ax)
    for name, values in curves.items():
        ax.plot(efficiencies, values, label=name)
    ax.axhline(2.0, color=COLORS["classical"], ls="--", label="local bound S = 2")
    for k, (name, x) in enumerate(marks.items()):
        ax.axvline(x, color=COLORS["bound"], ls=(":", "-.", "--")[k % 3], lw=1.2, label=name)
    ax.set_xlabel("detection efficiency η per side")
    ax.set_ylabel("CHSH value S")
    ax.legend(fontsize=9, loc="upper left")
    return ax


def rates_vs_distance(
    lengths_km: ArrayLike,
    rates: Mapping[str, ArrayLike],
    *,
    min_rate_hz: float | None = None,
    mark_km: float | None = None,
    bound: ArrayLike | None = None,
    bound_label: str = "PLOB bound (no repeater)",
    ax: Axes | None = None,
) -> Axes:
    """Usable rates (key bits or pairs per second) against the link length, log scale; zero rates are not drawn.

    ``bound`` (same lengths) is drawn as a black line, e.g. the repeaterless PLOB bound at the same rate of uses.

    Examples
    --------
    >>> ax = rates_vs_distance([0, 100], {"bb84": [1e5, 1e3]}, min_rate_hz=1.0, mark_km=50)
    >>> ax.get_yscale()
    'log'
    """
    lengths_km = array("lengths_km", lengths_km, min_length=1, low=0.0, finite=True)
    rates = named_arrays("rates", rates, length=len(lengths_km), like="lengths_km")
    min_rate_hz = None if min_rate_hz is None else float(number("min_rate_hz", min_rate_hz, 0.0))
    mark_km = None if mark_km is None else float(number("mark_km", mark_km, 0.0))
    bound = None if bound is None else array("bound", bound, length=len(lengths_km), like="lengths_km", low=0.0)
    bound_label = text("bound_label", bound_label)
    ax = axes(ax)
    for k, (name, values) in enumerate(rates.items()):
        shown = np.where(values > 0, values, np.nan)
        ax.plot(lengths_km, shown, color=APPLICATION_COLORS.get(name, f"C{k}"), label=name)
    if bound is not None:
        ax.plot(lengths_km, bound, color=COLORS["bound"], lw=1.2, label=bound_label)
    if min_rate_hz:
        ax.axhline(min_rate_hz, color=COLORS["classical"], ls="--", label=f"needed: {min_rate_hz:g}/s")
    if mark_km is not None:
        ax.axvline(mark_km, color=COLORS["bound"], lw=1, ls=":")
    log_ticks(ax, "y", numticks=6)
    ax.set_ylim(1e-3, 1e7)
    ax.set_xlabel("link length L (km)")
    ax.set_ylabel("usable rate (per s)")
    ax.legend(fontsize=9, loc="upper right")
    return ax


def deterministic_delivery(
    link_efficiencies: ArrayLike,
    fidelities: ArrayLike,
    *,
    measurements: Sequence[Measurement] = (),
    measured_x: ArrayLike = (),
    ax: Axes | None = None,
) -> Axes:
    """Delivered fidelity against the quantum link efficiency (log x), with the 1/2 line and measured points.

    Examples
    --------
    >>> ax = deterministic_delivery([0.1, 10.0], [0.3, 0.8])
    >>> ax.get_xscale()
    'log'
    """
    link_efficiencies = array("link_efficiencies", link_efficiencies, min_length=1, low=0.0, finite=True)
    fidelities = array("fidelities", fidelities, length=len(link_efficiencies), like="link_efficiencies")
    measurements = instances("measurements", measurements, Measurement, "a Measurement from qinet.measurements")
    measured_x = array("measured_x", measured_x, length=len(measurements), like="measurements", finite=True)
    ax = axes(ax)
    ax.plot(link_efficiencies, fidelities, color=COLORS["repeater"], label="model, perfect fresh pairs")
    ax.axhline(0.5, color=COLORS["classical"], ls="--", label="F = 1/2")
    if measurements:
        measured(ax, measurements, measured_x.tolist())
    ax.set_xscale("log")
    ax.set_xlabel("quantum link efficiency R / r (entangling rate over decoherence rate)")
    ax.set_ylabel("delivered fidelity")
    ax.set_ylim(0.2, 1.02)
    ax.legend(fontsize=9, loc="upper left")
    return ax


#: Parameters of a link measurement that :func:`fidelity_needs` can put on its x axis (fibre length, in km).
_X_PARAMETERS = ("fiber_km",)


def fidelity_needs(
    thresholds: Mapping[str, float],
    *,
    measurements: Sequence[Measurement] = (),
    x: str | Sequence[float] = "fiber_km",
    max_km: float = 60.0,
    ax: Axes | None = None,
) -> Axes:
    """Each application's fidelity threshold as a horizontal line, with measured link fidelities over fibre.

    Examples
    --------
    >>> ax = fidelity_needs({"bb84": 0.835}, max_km=50.0)
    >>> ax.get_xlabel()
    'fibre between the memories (km)'
    """
    thresholds = _levels("thresholds", thresholds)
    measurements = instances("measurements", measurements, Measurement, "a Measurement from qinet.measurements")
    max_km = float(number("max_km", max_km, 0.0, low_open=True))
    if isinstance(x, str) and x not in _X_PARAMETERS:
        raise ValueError(
            f"x must be one of {', '.join(map(repr, _X_PARAMETERS))} or one value per measurement, got {x!r}"
        )
    if not isinstance(x, str):
        x = array("x", x, length=len(measurements), like="measurements", finite=True).tolist()
    ax = axes(ax)
    for k, (name, value) in enumerate(thresholds.items()):
        ax.axhline(value, color=APPLICATION_COLORS.get(name, f"C{k}"), ls="--", label=f"{name}: F > {value:.3f}")
    if measurements:
        measured(ax, measurements, x)
    ax.set_xlim(0.0, max_km)
    ax.set_ylim(0.4, 1.0)
    ax.set_xlabel("fibre between the memories (km)")
    ax.set_ylabel("pair fidelity F")
    ax.legend(fontsize=9, loc="center right")
    return ax
