"""Figures for purification and the repeater generations (drawing only; each takes ``ax=None``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator
from numpy.typing import ArrayLike

from qinet._validate import WrongTypeError, array, boolean, instance, named_arrays, number
from qinet.generations import PurifyThenSwap
from qinet.plots.style import COLORS, axes, log_ticks

PROTOCOL_COLORS = {"bbpssw": COLORS["alice"], "dejmps": COLORS["bob"]}
GENERATION_COLORS = {"1G": COLORS["alice"], "2G": COLORS["bob"], "3G": COLORS["repeater"]}


def _points(measured: object) -> list[tuple[float, float, str]]:
    """Points ``(F, F', label)``, checked."""
    checked = instance("measured", measured, (list, tuple), "a list of (F, F', label) points")
    points = []
    for point in checked:
        if not isinstance(point, (tuple, list)) or len(point) != 3 or not isinstance(point[2], str):
            raise WrongTypeError(f"measured must be a list of (F, F', label) points, got {point!r}")
        points.append((float(number("measured", point[0])), float(number("measured", point[1])), point[2]))
    return points


def purification_map(
    fidelity: np.ndarray,
    outputs: Mapping[str, np.ndarray],
    *,
    measured: Sequence[tuple[float, float, str]] = (),
    ax: Axes | None = None,
) -> Axes:
    """Output fidelity of one round against input fidelity, one curve per protocol, with the
    diagonal F' = F (points above it are improved) and the fixed point F = 1/2.

    ``measured`` adds points ``(F, F', label)`` (e.g. from circuits on Aer)."""
    ax = axes(ax)
    fidelity = array("fidelity", fidelity, min_length=2)
    outputs = named_arrays("outputs", outputs, length=len(fidelity), like="fidelity")
    measured = _points(measured)
    ax.plot(fidelity, fidelity, color=COLORS["classical"], ls="--", lw=1.2, label="no change (F' = F)")
    for name, values in outputs.items():
        ax.plot(fidelity, values, color=PROTOCOL_COLORS.get(name.lower(), None), label=f"{name.upper()} (formula)")
    for i, (f_in, f_out, label) in enumerate(measured):
        ax.plot(f_in, f_out, "o", ms=8, mfc="none", mew=2, color=COLORS["source"], label=label if i == 0 else None)
    ax.axvline(0.5, color=COLORS["bound"], lw=1, ls=":")
    ax.annotate("fixed point F = 1/2", (0.5, 0.3), xytext=(6, 0), textcoords="offset points", fontsize=10)
    ax.set(xlabel="input fidelity F", ylabel="output fidelity F'", xlim=(0.25, 1), ylim=(0.25, 1))
    ax.legend(loc="upper left")
    return ax


def fidelity_by_round(
    fidelities: Mapping[str, np.ndarray], *, target: float | None = None, ax: Axes | None = None
) -> Axes:
    """Fidelity after each purification round (round 0 = the raw pair), one line per protocol."""
    ax = axes(ax)
    fidelities = named_arrays("fidelities", fidelities)
    target = None if target is None else float(number("target", target, 0.0, 1.0))
    for name, values in fidelities.items():
        ax.plot(np.arange(len(values)), values, "o-", color=PROTOCOL_COLORS.get(name.lower(), None), label=name.upper())
    ax.xaxis.set_major_locator(MaxNLocator(6, integer=True))
    ax.yaxis.set_major_locator(MaxNLocator(6))
    if target is not None:
        ax.axhline(target, color=COLORS["classical"], ls=":", label=f"target {target:g}")
    ax.set(xlabel="purification rounds", ylabel="fidelity", ylim=(None, 1.0))
    ax.legend(loc="lower right")
    return ax


def rounds_needed(
    start: np.ndarray, rounds: Mapping[str, np.ndarray], *, target: float, ax: Axes | None = None
) -> Axes:
    """Rounds needed to reach ``target`` against the starting fidelity (steps), one line per protocol."""
    ax = axes(ax)
    start = array("start", start, min_length=2)
    rounds = named_arrays("rounds", rounds, length=len(start), like="start")
    target = float(number("target", target, 0.0, 1.0))
    for name, values in rounds.items():
        ax.step(start, values, where="post", color=PROTOCOL_COLORS.get(name.lower(), None), label=name.upper())
    ax.axvline(0.5, color=COLORS["bound"], lw=1, ls=":")
    ax.set(xlabel="starting fidelity F", ylabel=f"rounds to reach F ≥ {target:g}", ylim=(0, None))
    ax.legend(loc="upper right")
    return ax


def raw_pair_cost(rounds: np.ndarray, raw_pairs: Mapping[str, np.ndarray], *, ax: Axes | None = None) -> Axes:
    """Raw pairs consumed per purified pair against the number of rounds (log scale)."""
    ax = axes(ax)
    rounds = array("rounds", rounds, min_length=1, low=0.0, finite=True)
    raw_pairs = named_arrays("raw_pairs", raw_pairs, length=len(rounds), like="rounds")
    for name, values in raw_pairs.items():
        ax.semilogy(rounds, values, "o-", color=PROTOCOL_COLORS.get(name.lower(), None), label=name.upper())
    ax.semilogy(rounds, 2.0 ** np.asarray(rounds), color=COLORS["classical"], ls="--", label="2^rounds (p = 1)")
    ax.set(xlabel="purification rounds", ylabel="raw pairs per purified pair")
    log_ticks(ax, numticks=7)
    ax.legend(loc="upper left")
    return ax


def purify_then_swap(
    result: PurifyThenSwap,
    *,
    measured: ArrayLike | None = None,
    annotate: bool = True,
    legend: bool = True,
    ax: Axes | None = None,
) -> Axes:
    """End-to-end (solid) and single-link (dashed) fidelity against purification rounds; with ``annotate``
    each end-to-end point is labelled with the raw pairs it uses. ``measured`` adds the end-to-end
    fidelities measured on Aer."""
    ax = axes(ax)
    instance("result", result, PurifyThenSwap, "a PurifyThenSwap from qinet.generations.purify_then_swap")
    if measured is not None:
        measured = array("measured", measured, length=len(result.rounds), like="result.rounds")
    annotate, legend = boolean("annotate", annotate), boolean("legend", legend)
    ax.plot(result.rounds, result.link_fidelity, "s--", color=COLORS["repeater"], alpha=0.5, label="one link")
    ax.plot(result.rounds, result.end_fidelity, "o-", color=COLORS["repeater"], label="end to end")
    if measured is not None:
        ax.plot(
            result.rounds, measured, "o", ms=10, mfc="none", mew=2, color=COLORS["source"], label="swap chain on Aer"
        )
    labelled = zip(result.rounds, result.end_fidelity, result.raw_pairs, strict=True) if annotate else ()
    for r, f, raw in labelled:
        ax.annotate(
            f"{raw:,.0f}",
            (r, f),
            xytext=(0, -14),
            textcoords="offset points",
            ha="center",
            fontsize=9,
            color=COLORS["classical"],
        )
    xlabel = "purification rounds per link" + (" (numbers: raw pairs used)" if annotate else "")
    ax.set(xlabel=xlabel, ylabel="fidelity", ylim=(0.25, 1.02))
    ax.xaxis.set_major_locator(MaxNLocator(6, integer=True))
    ax.yaxis.set_major_locator(MaxNLocator(6))
    ax.set_title(f"purify, then swap {result.n_links} links ({result.protocol.upper()})")
    if legend:
        ax.legend(loc="lower right")
    return ax


def generation_rates(distance_km: np.ndarray, rates: Mapping[str, ArrayLike], *, ax: Axes | None = None) -> Axes:
    """Pairs per second against distance for the repeater generations (and any references), log scale."""
    ax = axes(ax)
    distance_km = array("distance_km", distance_km, min_length=2)
    curves = named_arrays("rates", rates, length=len(distance_km), like="distance_km")
    for name, values in curves.items():
        key = name.split()[0] if name.split() else name
        reference = {"color": COLORS["classical"], "ls": "--"}
        style = {"color": GENERATION_COLORS[key]} if key in GENERATION_COLORS else reference
        ax.semilogy(distance_km, np.where(np.asarray(values) > 0, values, np.nan), label=name, **style)
    ax.set(xlabel="distance (km)", ylabel="pairs per second", xlim=(distance_km[0], distance_km[-1]))
    log_ticks(ax, numticks=7)
    ax.legend(loc="lower left")
    return ax


def nesting_times(
    levels: np.ndarray,
    model_s: np.ndarray,
    simulated: tuple[np.ndarray, np.ndarray],
    minimum_s: np.ndarray,
    *,
    ax: Axes | None = None,
) -> Axes:
    """Time per end-to-end pair of a 1G chain against its nesting level (log scale): the closed form
    (line), a Monte Carlo of the same protocol (points ``(mean, standard error)``) and the causal
    minimum (one heralding round plus the one-way signalling of every level, dashed)."""
    ax = axes(ax)
    levels = array("levels", levels, min_length=1, low=0.0, finite=True)
    model_s = array("model_s", model_s, length=len(levels), like="levels")
    if not isinstance(simulated, (tuple, list)) or len(simulated) != 2:
        raise WrongTypeError(f"simulated must be a pair (mean, standard error) of arrays, got {simulated!r}")
    mean, err = (array("simulated", v, length=len(levels), like="levels") for v in simulated)
    minimum_s = array("minimum_s", minimum_s, length=len(levels), like="levels")
    ax.semilogy(levels, model_s * 1e3, "-", color=GENERATION_COLORS["1G"], label="3/2 rule with signalling")
    ax.errorbar(
        levels,
        mean * 1e3,
        yerr=err * 1e3,
        fmt="o",
        ms=8,
        mfc="none",
        mew=2,
        capsize=3,
        color=COLORS["source"],
        label="Monte Carlo of the protocol",
    )
    ax.semilogy(levels, minimum_s * 1e3, "--", color=COLORS["bound"], label="causal minimum")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set(xlabel="nesting level k (2^k links)", ylabel="time per end-to-end pair (ms)")
    log_ticks(ax, numticks=7)
    ax.legend(loc="upper right")
    return ax
