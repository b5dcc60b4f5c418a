"""Figures for swapping chains, memories and repeater rates (drawing only; each takes ``ax=None``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np
from matplotlib.axes import Axes
from numpy.typing import ArrayLike

from qinet._validate import WrongTypeError, array, boolean, in_range, instance, named_arrays, number, text
from qinet.plots.style import COLORS, axes, log_ticks, measured

if TYPE_CHECKING:
    from qinet.measurements import Measurement

_CHAIN_STYLES = ("-", "--", "-.", ":")


def _rows(name: str, value: ArrayLike, columns: int) -> np.ndarray:
    """Points given as rows of ``columns`` numbers, e.g. ``[(n, F, error), ...]``, as a (k, columns) array."""
    rows = array(name, value, ndim=None)
    if rows.size == 0:
        return rows.reshape(0, columns)
    if rows.ndim != 2 or rows.shape[1] != columns:
        raise ValueError(f"{name} must be a list of {columns}-tuples, got shape {rows.shape}")
    return rows


def chain_fidelity(
    n_links: np.ndarray, model: np.ndarray, measured: Sequence[tuple[int, float, float]] = (), *, ax: Axes | None = None
) -> Axes:
    """End-to-end fidelity against the number of links: the chained formula (line) and circuits run
    on Aer (points ``(n, F, standard error)``)."""
    ax = axes(ax)
    n_links = array("n_links", n_links, low=1.0)
    model = array("model", model, length=len(n_links), like="n_links")
    points = _rows("measured", measured, 3)
    ax.plot(n_links, model, color=COLORS["repeater"], label="formula F = 1/4 + 3/4 wⁿ")
    if len(points):
        n, f, err = points.T
        ax.errorbar(n, f, yerr=err, fmt="o", ms=7, capsize=4, color=COLORS["source"], label="swap circuit on Aer")
    ax.axhline(0.5, color=COLORS["classical"], ls=":", lw=1.2, label="F = 1/2 (no longer useful)")
    ax.set(xlabel="number of links n", ylabel="end-to-end fidelity", ylim=(0.25, 1.0))
    ax.legend(loc="upper right")
    return ax


def memory_wait(
    times_s: np.ndarray,
    fidelity: ArrayLike,
    *,
    round_trip_s: float,
    mean_idle_s: float,
    average_fidelity: float,
    t2_s: float,
    relaxed: ArrayLike | None = None,
    legend: bool = True,
    ax: Axes | None = None,
) -> Axes:
    """Fidelity of a stored pair against storage time (log time axis), with the heralding round trip
    (dotted), the mean time the first link waits for the second (dashed; omitted when it is 0) and the
    memory's coherence time T2 (dash-dotted). ``fidelity`` is the pure-dephasing curve; ``relaxed``
    (optional) the same memory with T1 too. ``legend=False`` labels only the curves (faster to redraw)."""
    ax = axes(ax)
    times_s = array("times_s", times_s, min_length=2, low=0.0, finite=True)
    number("times_s", times_s, 0.0, low_open=True)  # a log time axis: every time > 0
    fidelity = array("fidelity", fidelity, length=len(times_s), like="times_s")
    if relaxed is not None:
        relaxed = array("relaxed", relaxed, length=len(times_s), like="times_s")
    round_trip_s = float(number("round_trip_s", round_trip_s, 0.0))
    mean_idle_s = float(number("mean_idle_s", mean_idle_s, 0.0))
    average_fidelity = float(number("average_fidelity", average_fidelity, 0.0, 1.0))
    t2_s = float(number("t2_s", t2_s, 0.0, low_open=True))
    legend = boolean("legend", legend)
    label = "stored pair F(t), T₂ only" if relaxed is not None else "stored pair F(t)"
    ax.semilogx(times_s * 1e3, fidelity, color=COLORS["repeater"], ls="--" if relaxed is not None else "-", label=label)
    if relaxed is not None:
        ax.semilogx(times_s * 1e3, relaxed, color=COLORS["repeater"], label="stored pair F(t), T₁ and T₂")
    marks = [(round_trip_s, COLORS["charlie"], ":", "one round trip"), (t2_s, COLORS["bound"], "-.", "T₂")]
    if mean_idle_s > 0:
        marks.insert(1, (mean_idle_s, COLORS["source"], "--", "mean wait for the other link"))
    for time_s, color, style, label in marks:
        ax.axvline(time_s * 1e3, color=color, ls=style, lw=1.2, label=label if legend else None)
    ax.axhline(
        average_fidelity,
        color=COLORS["source"],
        lw=1,
        alpha=0.7,
        label=f"average swapped F = {average_fidelity:.3f}" if legend else None,
    )
    ax.set(xlabel="storage time (ms)", ylabel="fidelity", ylim=(0.2, 1.01), xlim=(times_s[0] * 1e3, times_s[-1] * 1e3))
    log_ticks(ax, "x", numticks=5)
    ax.legend(loc="lower left", fontsize=9)
    return ax


def relaxation(
    times_s: np.ndarray,
    dephasing_only: np.ndarray,
    with_t1: np.ndarray,
    *,
    on_aer: Sequence[tuple[float, float]] = (),
    ax: Axes | None = None,
) -> Axes:
    """Fidelity of one stored half of Φ+ against storage time: pure dephasing (dashed) and with energy
    relaxation too (solid), the gap between them shaded; ``on_aer`` adds points ``(t, F)`` from Aer."""
    ax = axes(ax)
    times_s = array("times_s", times_s, min_length=2)
    dephasing_only = array("dephasing_only", dephasing_only, length=len(times_s), like="times_s")
    with_t1 = array("with_t1", with_t1, length=len(times_s), like="times_s")
    points = _rows("on_aer", on_aer, 2)
    ax.plot(times_s, dephasing_only, color=COLORS["repeater"], ls="--", label="T₂ only (pure dephasing)")
    ax.plot(times_s, with_t1, color=COLORS["repeater"], label="T₁ and T₂")
    ax.fill_between(times_s, with_t1, dephasing_only, color=COLORS["highlight"], alpha=0.5, lw=0, label="overestimate")
    if len(points):
        t, f = points.T
        ax.plot(t, f, "o", ms=8, mfc="none", mew=2, color=COLORS["source"], label="thermal relaxation on Aer")
    ax.axhline(0.25, color=COLORS["classical"], ls=":", lw=1.2)
    ax.set(xlabel="storage time (s)", ylabel="fidelity with Φ+", ylim=(0.2, 1.01), xlim=(times_s[0], times_s[-1]))
    ax.legend(loc="upper right")
    return ax


def coherence_times(
    measurements: Sequence[Measurement], needed_s: Mapping[str, float], *, ax: Axes | None = None
) -> Axes:
    """Published memory coherence times against their year (log scale, open black markers; triangles for
    "more than" figures), with horizontal lines for the coherence times a model says are needed."""
    from qinet.measurements import Measurement

    ax = axes(ax)
    instance("measurements", measurements, (list, tuple), "a list of Measurement (e.g. measurements.by_topic(...))")
    if not measurements or not all(isinstance(m, Measurement) for m in measurements):
        raise WrongTypeError(f"measurements must be a non-empty list of Measurement, got {measurements!r}")
    instance("needed_s", needed_s, Mapping, "a mapping of labels to coherence times in s")
    needed_s = {str(k): float(number(f"needed_s[{k!r}]", v, 0.0, low_open=True)) for k, v in needed_s.items()}
    styles = (":", "--", "-.")
    for (label, value), ls in zip(needed_s.items(), styles, strict=False):
        ax.axhline(value, color=COLORS["repeater"], ls=ls, lw=1.5, label=label)
    measured(ax, measurements, [m.year for m in measurements], label="published")
    years = [m.year for m in measurements]
    ax.set(xlabel="year of publication", ylabel="coherence time (s)", xlim=(min(years) - 1.5, max(years) + 2.5))
    log_ticks(ax, numticks=8)
    ax.legend(loc="upper left", fontsize=9)
    return ax


def rate_vs_distance(
    distance_km: np.ndarray,
    rates: Mapping[str, ArrayLike],
    *,
    crossover_km: float | None = None,
    ylabel: str = "pairs per channel use",
    ax: Axes | None = None,
) -> Axes:
    """Rates against distance on a log scale. Labels containing 'PLOB' or 'bound' are drawn as the
    bound (black), 'direct' in grey; the others (repeater chains) in the repeater colour.
    ``crossover_km`` marks where repeaters overtake (``inf`` or None: nowhere, nothing drawn)."""
    ax = axes(ax)
    distance_km = array("distance_km", distance_km, min_length=2)
    curves = named_arrays("rates", rates, length=len(distance_km), like="distance_km")
    if crossover_km is not None:
        crossover_km = float(in_range("crossover_km", crossover_km, 0.0))
    ylabel = text("ylabel", ylabel)
    chains = 0
    for label, values in curves.items():
        low = label.lower()
        if "plob" in low or "bound" in low:
            style = {"color": COLORS["bound"], "lw": 2.5}
        elif "direct" in low:
            style = {"color": COLORS["classical"], "ls": "--"}
        else:
            style = {"color": COLORS["repeater"], "ls": _CHAIN_STYLES[chains % len(_CHAIN_STYLES)]}
            chains += 1
        ax.semilogy(distance_km, np.where(np.asarray(values) > 0, values, np.nan), label=label, **style)
    if crossover_km is not None and np.isfinite(crossover_km):
        ax.axvline(crossover_km, color=COLORS["source"], ls=":", lw=1.5)
        ax.annotate(
            f"repeaters overtake\nat {crossover_km:.0f} km",
            (crossover_km, 0.5),
            xycoords=("data", "axes fraction"),
            xytext=(5, 0),
            textcoords="offset points",
            fontsize=10,
        )
    ax.set(xlabel="distance (km)", ylabel=ylabel, xlim=(distance_km[0], distance_km[-1]))
    log_ticks(ax, numticks=7)
    ax.legend(loc="lower left", fontsize=9)
    return ax


def waiting_times(samples: np.ndarray, analytic_mean: float, *, ax: Axes | None = None) -> Axes:
    """Histogram of simulated waiting times (attempt rounds) with the simulated and analytic means."""
    ax = axes(ax)
    samples = array("samples", samples, min_length=1, finite=True)
    analytic_mean = float(number("analytic_mean", analytic_mean))
    ax.hist(samples, bins=60, color=COLORS["repeater"], alpha=0.7, density=True, label="Monte Carlo")
    ax.axvline(np.mean(samples), color=COLORS["source"], lw=2, label=f"simulated mean {np.mean(samples):.1f}")
    ax.axvline(analytic_mean, color=COLORS["bound"], ls="--", label=f"expected_rounds {analytic_mean:.1f}")
    ax.set(xlabel="attempt rounds until every link is up", ylabel="probability density")
    ax.legend(loc="upper right")
    return ax


def rounds_agreement(
    p: np.ndarray,
    analytic: Mapping[str, np.ndarray],
    simulated: Mapping[str, tuple[np.ndarray, np.ndarray, np.ndarray]],
    *,
    ax: Axes | None = None,
) -> Axes:
    """Expected attempt rounds against link success probability (log–log): analytic lines, Monte
    Carlo points ``(p, mean, standard error)`` with the same labels."""
    ax = axes(ax)
    p = array("p", p, min_length=2, low=0.0, high=1.0)
    analytic = named_arrays("analytic", analytic, length=len(p), like="p")
    instance("simulated", simulated, Mapping, "a mapping of labels to (p, mean, standard error) arrays")
    points = {}
    for label, value in simulated.items():
        if not isinstance(value, (tuple, list)) or len(value) != 3:
            raise WrongTypeError(f"simulated[{label!r}] must be a tuple (p, mean, standard error), got {value!r}")
        sp = array(f"simulated[{label!r}]", value[0])
        points[str(label)] = [sp] + [array(f"simulated[{label!r}]", v, length=len(sp)) for v in value[1:]]
    colors = (COLORS["alice"], COLORS["bob"], COLORS["repeater"], COLORS["eve"])
    for color, (label, values) in zip(colors, analytic.items(), strict=False):
        ax.loglog(p, values, color=color, label=f"{label} (exact)")
        if label in points:
            sp, mean, err = points[label]
            ax.errorbar(sp, mean, yerr=err, fmt="o", mfc="none", mew=2, color=color)
    log_ticks(ax, "x", numticks=7)
    log_ticks(ax, "y", numticks=7)
    ax.set(xlabel="link success probability p", ylabel="expected attempt rounds")
    ax.legend(loc="upper right", title="circles: Monte Carlo")
    return ax
