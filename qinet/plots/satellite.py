"""Figures for satellite links: the downlink loss budget, a pass over two stations, satellite vs fibre.

Plot functions only draw what they are given (no physics here); each takes ``ax=None`` and
returns the Axes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator
from numpy.typing import ArrayLike

from qinet._validate import array, boolean, instance, named_arrays, number, strings
from qinet.links import LinkBudget
from qinet.orbits import Pass, PassBudget
from qinet.plots.style import COLORS, axes, measured

if TYPE_CHECKING:
    from qinet.measurements import Measurement

_STATION_COLORS = (COLORS["alice"], COLORS["bob"], COLORS["charlie"], COLORS["repeater"])
_PARTS = (
    ("geometric_db", "geometric (beam spreading)", COLORS["source"]),
    ("atmospheric_db", "atmosphere", COLORS["charlie"]),
    ("extra_db", "fixed (fitted: pointing, optics, coupling)", COLORS["classical"]),
)


def _measurements(measurements: object, at_most: int | None = None) -> list[Measurement]:
    from qinet.measurements import Measurement

    what = "a list of Measurement (e.g. measurements.by_topic(...))"
    checked = instance("measurements", measurements, (list, tuple), what)
    for m in checked:
        instance("measurements", m, Measurement, what)
    if at_most is not None and len(checked) > at_most:
        raise ValueError(f"measurements must be at most one per label ({at_most}), got {len(checked)}")
    return list(checked)


def _spans(losses_db: object) -> dict[str, tuple[float, float]]:
    """``label -> (low, high)`` in dB from a mapping of values or (low, high) pairs, checked."""
    checked = instance("losses_db", losses_db, Mapping, "a mapping of labels to a loss in dB or a (low, high) range")
    spans = {}
    for label, value in checked.items():
        pair = array(f"losses_db[{label!r}]", value, ndim=None, low=0.0, finite=True).ravel()
        if pair.size not in (1, 2) or pair[0] > pair[-1]:
            raise ValueError(f"losses_db[{label!r}] must be a loss in dB or a (low, high) range, got {value!r}")
        spans[str(label)] = (float(pair[0]), float(pair[-1]))
    if not spans:
        raise ValueError("losses_db must hold at least one loss, got none")
    return spans


def loss_vs_elevation(
    elevation_deg: np.ndarray, budget: LinkBudget, *, mark_deg: float | None = None, ax: Axes | None = None
) -> Axes:
    """Stacked downlink loss (dB) against elevation: geometric, atmospheric and fixed parts.

    ``budget`` holds arrays over ``elevation_deg``; ``mark_deg`` draws a vertical line there.
    """
    ax = axes(ax)
    elevation_deg = array("elevation_deg", elevation_deg, min_length=2)
    instance("budget", budget, LinkBudget, "a LinkBudget from qinet.links.satellite_downlink")
    for name, _, _ in _PARTS:
        if np.size(getattr(budget, name)) not in (1, elevation_deg.size):
            raise ValueError(
                f"budget must hold one loss per elevation ({elevation_deg.size}), got {name} of another size"
            )
    mark_deg = None if mark_deg is None else float(number("mark_deg", mark_deg))
    parts = [
        np.broadcast_to(np.asarray(getattr(budget, name), dtype=float), np.shape(elevation_deg))
        for name, _, _ in _PARTS
    ]
    ax.stackplot(
        elevation_deg,
        *parts,
        labels=[label for _, label, _ in _PARTS],
        colors=[color for _, _, color in _PARTS],
        alpha=0.85,
    )
    if mark_deg is not None:
        ax.axvline(mark_deg, color=COLORS["bound"], lw=1.2, ls="--")
    ax.set(xlabel="elevation (°)", ylabel="downlink loss (dB)", xlim=(elevation_deg[0], elevation_deg[-1]))
    ax.legend(loc="upper right")
    return ax


def loss_split(budget: LinkBudget, *, ax: Axes | None = None) -> Axes:
    """One horizontal stacked bar: the loss of one downlink split into its three parts (dB)."""
    ax = axes(ax, figsize=(6.4, 1.8))
    instance("budget", budget, LinkBudget, "a LinkBudget from qinet.links.satellite_downlink")
    if np.ndim(budget.total_db):
        raise ValueError("budget must be the budget of one downlink (one elevation), got arrays")
    left = 0.0
    for name, label, color in _PARTS:
        value = float(getattr(budget, name))
        ax.barh(0, value, left=left, color=color, label=f"{label}: {value:.1f} dB")
        left += value
    ax.set(xlabel="loss (dB)", yticks=[], xlim=(0, max(left * 1.05, 1.0)))
    ax.set_title(f"total {left:.1f} dB over {float(budget.slant_range_km):.0f} km")
    ax.legend(loc="lower left", bbox_to_anchor=(0, -1.1), ncol=1)
    return ax


def loss_vs_range(ranges_km: np.ndarray, models: Mapping[str, np.ndarray], *, ax: Axes | None = None) -> Axes:
    """Downlink loss (dB) against slant range (km), one line per model budget (``label → losses``).

    The first model is drawn solid in the source colour, the others dashed; add the measured points
    with :func:`qinet.plots.measured` (``x="slant_range_km"``).

    Examples
    --------
    >>> ax = loss_vs_range(np.array([500.0, 1000.0]), {"calibrated": np.array([29.0, 36.0])})
    >>> ax.get_xlabel()
    'slant range (km)'
    """
    ax = axes(ax)
    ranges_km = array("ranges_km", ranges_km, min_length=2)
    models = named_arrays("models", models, length=len(ranges_km), like="ranges_km")
    styles: list[dict[str, Any]] = [dict(color=COLORS["source"], ls="-"), dict(color=COLORS["classical"], ls="--")]
    for i, (label, losses) in enumerate(models.items()):
        ax.plot(ranges_km, losses, label=label, **styles[min(i, len(styles) - 1)])
    ax.set(xlabel="slant range (km)", ylabel="downlink loss (dB)", xlim=(ranges_km[0], ranges_km[-1]))
    ax.legend(loc="lower right")
    return ax


def orders_over_fiber(
    labels: Sequence[str],
    model_orders: ArrayLike,
    model_spread: ArrayLike,
    *,
    measurements: Sequence[Measurement] = (),
    others: Mapping[str, ArrayLike] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """How many orders of magnitude a satellite channel beats fibre: the model (filled, with its spread)
    beside the published ``measurements`` (open markers, one per label, in the same order), and
    optionally other models (``label → values``, grey crosses) for comparison.

    Examples
    --------
    >>> ax = orders_over_fiber(["2017"], [12.4], [0.0], others={"uncalibrated": [15.4]})
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['2017']
    """
    ax = axes(ax)
    labels = strings("labels", labels)
    model_orders = array("model_orders", model_orders, length=len(labels), like="labels")
    model_spread = array("model_spread", model_spread, length=len(labels), like="labels", low=0.0)
    other_models = named_arrays("others", others or {}, length=len(labels), like="labels")
    measurements = _measurements(measurements, at_most=len(labels))
    x = np.arange(len(labels))
    ax.errorbar(
        x - 0.08, model_orders, yerr=model_spread, fmt="o", color=COLORS["source"], capsize=5, ms=8, label="model"
    )
    for name, values in other_models.items():
        ax.plot(x - 0.08, values, "x", color=COLORS["classical"], ms=9, mew=2, label=name)
    if measurements:
        measured(ax, measurements, list(x[: len(measurements)] + 0.08), annotate=False, label="published")
    ax.set(xticks=x, xticklabels=labels, xlim=(-0.6, len(labels) - 0.4), ylabel="orders of magnitude above fibre")
    ax.legend(loc="upper right")
    return ax


def pass_elevation(pass_: Pass, *, min_elevation_deg: float | None = None, ax: Axes | None = None) -> Axes:
    """Elevation of the satellite seen from each station during a pass (time in minutes)."""
    ax = axes(ax)
    instance("pass_", pass_, Pass, "a Pass from qinet.orbits.satellite_pass")
    min_elevation_deg = None if min_elevation_deg is None else float(number("min_elevation_deg", min_elevation_deg))
    minutes = pass_.times_s / 60
    for station, elevation, color in zip(pass_.stations, pass_.elevation_deg, _STATION_COLORS, strict=False):
        ax.plot(minutes, elevation, color=color, label=station.name)
    if min_elevation_deg is not None:
        ax.axhline(min_elevation_deg, color=COLORS["classical"], ls=":", lw=1.2)
        both = np.all(pass_.elevation_deg >= min_elevation_deg, axis=0)
        ax.fill_between(
            minutes, 0, 90, where=both, color=COLORS["highlight"], alpha=0.3, lw=0, label="both stations see it"
        )
    ax.set(xlabel="time from mid-pass (min)", ylabel="elevation (°)", ylim=(0, 90), yticks=[0, 30, 60, 90])
    ax.xaxis.set_major_locator(MaxNLocator(6))
    ax.legend(loc="upper right")
    return ax


def pass_loss(budget: PassBudget, *, ax: Axes | None = None) -> Axes:
    """Each downlink's loss and the summed two-downlink loss (dB) over the common window."""
    ax = axes(ax)
    instance("budget", budget, PassBudget, "a PassBudget from qinet.orbits.pass_budget")
    minutes = budget.pass_.times_s / 60
    for station, loss, color in zip(budget.pass_.stations, budget.loss_db, _STATION_COLORS, strict=False):
        ax.plot(
            minutes,
            np.where(np.isfinite(budget.total_loss_db), loss, np.nan),
            color=color,
            label=f"{station.name} downlink",
        )
    ax.plot(
        minutes,
        np.where(np.isfinite(budget.total_loss_db), budget.total_loss_db, np.nan),
        color=COLORS["source"],
        label="sum of both",
    )
    ax.set(xlabel="time from mid-pass (min)", ylabel="loss (dB)")
    ax.legend(loc="center right")
    return ax


def pass_rate(budget: PassBudget, *, title: bool = True, ax: Axes | None = None) -> Axes:
    """Pairs per second detected at both stations over a pass; the title gives the pairs per pass."""
    ax = axes(ax)
    instance("budget", budget, PassBudget, "a PassBudget from qinet.orbits.pass_budget")
    title = boolean("title", title)
    minutes = budget.pass_.times_s / 60
    ax.fill_between(minutes, budget.pair_rate_hz, color=COLORS["source"], alpha=0.6, lw=0)
    ax.plot(minutes, budget.pair_rate_hz, color=COLORS["source"])
    ax.set(xlabel="time from mid-pass (min)", ylabel="pairs / s at both stations", ylim=(0, None))
    ax.xaxis.set_major_locator(MaxNLocator(6))
    ax.yaxis.set_major_locator(MaxNLocator(5))
    if title:
        mask = budget.min_elevation_deg
        ax.set_title(f"{budget.pairs_per_pass:,.0f} pairs in {budget.window_s:.0f} s above {mask:g}°")
    return ax


def loss_comparison(losses_db: Mapping[str, float | tuple[float, float]], *, ax: Axes | None = None) -> Axes:
    """Horizontal bars of channel loss in dB (a value, or a ``(low, high)`` range drawn as a span)."""
    ax = axes(ax)
    spans = _spans(losses_db)
    labels = list(spans)
    for i, label in enumerate(labels):
        low, high = spans[label]
        color = COLORS["source"] if "satellite" in label.lower() or "micius" in label.lower() else COLORS["classical"]
        ax.barh(i, high, color=color, alpha=0.4 if low != high else 0.9)
        if low != high:
            ax.barh(i, low, color=color)
        ax.text(high, i, f"  {low:.0f}–{high:.0f} dB" if low != high else f"  {high:.0f} dB", va="center")
    ax.set(yticks=range(len(labels)), yticklabels=labels, xlabel="channel loss (dB)  — 10 dB = one order of magnitude")
    ax.set_xlim(0, max(high for _, high in spans.values()) * 1.25)
    ax.invert_yaxis()
    return ax


def chsh_values(
    labels: Sequence[str],
    values: ArrayLike,
    errors: ArrayLike,
    *,
    measurements: Sequence[Measurement] = (),
    ax: Axes | None = None,
) -> Axes:
    """CHSH values with error bars against the local bound 2 and Tsirelson's bound 2√2; published
    ``measurements`` follow as open markers, labelled by their short source."""
    ax = axes(ax)
    labels = strings("labels", labels)
    values = array("values", values, length=len(labels), like="labels", finite=True)
    errors = array("errors", errors, length=len(labels), like="labels", low=0.0, finite=True)
    measurements = _measurements(measurements)
    labels = labels + [m.label for m in measurements]
    x = np.arange(len(labels))
    ax.errorbar(x[: len(values)], values, yerr=errors, fmt="o", color=COLORS["source"], capsize=6, ms=8)
    if measurements:
        measured(ax, measurements, list(x[len(values) :]), annotate=False, label=None)
    ax.axhline(2.0, color=COLORS["classical"], ls="--", label="local bound 2")
    ax.axhline(2 * np.sqrt(2), color=COLORS["bound"], ls=":", label="Tsirelson 2√2")
    ax.set(xticks=x, xticklabels=labels, ylabel="CHSH S", ylim=(1.8, 3.0), xlim=(-0.5, len(labels) - 0.5))
    ax.legend(loc="upper right")
    return ax
