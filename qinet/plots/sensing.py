"""Figures for quantum sensing: GHZ parity fringes, phase-estimation scaling, the cost of dephasing,
and networks of clocks. Data come from :mod:`qinet.sensing`; nothing here computes physics."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter, NullLocator
from numpy.typing import ArrayLike

from qinet._validate import array, in_range, instance, named_arrays, strings
from qinet.plots.style import COLORS, axes
from qinet.sensing import Fringe, PhaseEstimation

GHZ_COLOR = COLORS["repeater"]


def _plain(value: float, _pos: object) -> str:
    return f"{value:g}"


def _plain_log(ax: Axes) -> None:
    """Log–log axes with plain-number labels and no minor ticks: a live panel redraws them ~3× faster."""
    ax.set_xscale("log")
    ax.set_yscale("log")
    for axis in (ax.xaxis, ax.yaxis):
        axis.set_major_formatter(FuncFormatter(_plain))  # one per axis: a shared one keeps the last figure alive
        axis.set_minor_locator(NullLocator())


INDEPENDENT_COLOR = COLORS["classical"]


def fringes(
    measured: Sequence[Fringe], *, theory: Sequence[tuple[ArrayLike, ArrayLike]] | None = None, ax: Axes | None = None
) -> Axes:
    """Parity against the phase per qubit: Aer points (± one standard error) over the expected curve.

    ``theory`` gives one ``(phases, parity)`` curve per fringe on a finer grid; without it the
    expected values are joined at the measured phases.

    Examples
    --------
    >>> from qinet.sensing import parity_fringe
    >>> ax = fringes([parity_fringe(2, np.linspace(0, np.pi, 5), shots=50, seed=1)])
    >>> ax.get_xlabel()
    'phase per qubit φ (rad)'
    """
    if isinstance(measured, str | bytes | Mapping) or not isinstance(measured, Sequence) or not measured:
        raise ValueError(f"measured must be a non-empty list of Fringe results, got {measured!r}")
    measured = [instance("measured", f, Fringe, "a Fringe from qinet.sensing.parity_fringe") for f in measured]
    if theory is not None:
        if isinstance(theory, str | bytes) or not isinstance(theory, Sequence) or len(theory) != len(measured):
            raise ValueError(f"theory must hold one (phases, parity) pair per fringe ({len(measured)}), got {theory!r}")
        curves = []
        for pair in theory:
            if isinstance(pair, str | bytes) or not isinstance(pair, Sequence) or len(pair) != 2:
                raise ValueError(f"theory must hold (phases, parity) pairs, got {pair!r}")
            x = array("theory", pair[0], min_length=1)
            curves.append((x, array("theory", pair[1], length=len(x), like="its phases")))
        theory = curves
    ax = axes(ax)
    for k, fringe in enumerate(measured):
        color = f"C{k}"
        x, y = theory[k] if theory is not None else (fringe.phases, fringe.expected)
        ax.plot(x, y, color=color, alpha=0.6, label=f"N = {fringe.n_qubits}: C·cos(Nφ), C = {fringe.contrast:.2f}")
        ax.errorbar(fringe.phases, fringe.parity, yerr=fringe.stderr, fmt="o", ms=3.5, color=color, capsize=0)
    ax.set_xlabel("phase per qubit φ (rad)")
    ax.set_ylabel("parity ⟨X⊗…⊗X⟩")
    ax.set_ylim(-1.15, 1.15)
    ax.legend(loc="lower left", fontsize=9)
    return ax


def spread_scaling(result: PhaseEstimation, *, ax: Axes | None = None) -> Axes:
    """Per-shot phase uncertainty against N on log–log axes: Aer (points) against 1/√N and 1/N (lines).

    Examples
    --------
    >>> from qinet.sensing import phase_estimation
    >>> ax = spread_scaling(phase_estimation((1, 2), shots=10, experiments=20, seed=1))
    >>> ax.get_xscale(), ax.get_yscale()
    ('log', 'log')
    """
    result = instance("result", result, PhaseEstimation, "a PhaseEstimation from qinet.sensing.phase_estimation")
    ax = axes(ax)
    n = result.n_values
    ax.plot(n, result.standard, "--", color=INDEPENDENT_COLOR, label="standard quantum limit 1/√N")
    ax.plot(n, result.heisenberg, "--", color=COLORS["bound"], label="Heisenberg limit 1/N")
    ax.plot(n, result.sql_spread, "s", color=INDEPENDENT_COLOR, label="N independent qubits (Aer)")
    ax.plot(n, result.ghz_spread, "o", color=GHZ_COLOR, label="GHZ_N (Aer)")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("number of qubits N")
    ax.set_ylabel("Δφ per shot (rad)")
    ax.legend(fontsize=9)
    return ax


def uncertainty_vs_n(
    n_values: ArrayLike,
    curves: Mapping[str, ArrayLike],
    *,
    marks: Mapping[str, float] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Per-shot phase uncertainty curves against N (log–log); ``marks`` draws labelled vertical lines.

    Curves whose label starts with ``"GHZ"`` are drawn in the entanglement colour, the others grey
    when there is one of each; more curves use the colour cycle.

    Examples
    --------
    >>> ax = uncertainty_vs_n([1, 10], {"GHZ": [1, 0.1], "independent": [1, 0.3]}, marks={"N": 4})
    >>> len(ax.lines)
    3
    """
    n = array("n_values", n_values, min_length=2, finite=True, low=1.0)
    curves = named_arrays("curves", curves, length=len(n), like="n_values")
    if not curves:
        raise ValueError("curves must hold at least one named curve, got an empty dict")
    for label, values in curves.items():
        if not np.all(np.isfinite(values)) or np.any(values <= 0):
            raise ValueError(f"curves[{label!r}] must be finite uncertainties > 0 (a log scale), got {values!r}")
    if marks is not None:
        if not isinstance(marks, Mapping):
            raise ValueError(f"marks must be a dict of label: N, got {marks!r}")
        marks = {str(label): float(in_range("marks", x, 1.0)) for label, x in marks.items()}
    ax = axes(ax)
    two = len(curves) == 2
    for k, (label, values) in enumerate(curves.items()):
        color = (GHZ_COLOR if label.startswith("GHZ") else INDEPENDENT_COLOR) if two else f"C{k}"
        ax.plot(n, np.asarray(values, dtype=float), color=color, label=label)
    for k, (label, x) in enumerate((marks or {}).items()):
        if np.isfinite(x) and n.min() <= x <= n.max():
            ax.axvline(x, color=COLORS["bound"], ls=(0, (1 + k, 2)), lw=1.2, label=label)
    _plain_log(ax)
    lowest = min(float(np.min(values)) for values in curves.values())
    ax.set_ylim(lowest / 2, 5 * max(float(np.asarray(values)[0]) for values in curves.values()))
    ax.set_xlabel("number of qubits N")
    ax.set_ylabel("Δφ per shot (rad)")
    ax.legend(fontsize=9)
    return ax


def network_bars(labels: Sequence[str], values: ArrayLike, *, ax: Axes | None = None) -> Axes:
    """Bars of the network's phase uncertainty for each strategy (log scale), value written on each bar.

    Examples
    --------
    >>> ax = network_bars(["independent", "global"], [0.1, 0.01])
    >>> len(ax.patches)
    2
    """
    labels = strings("labels", labels)
    values = array("values", values, length=len(labels), like="labels", finite=True, min_length=1)
    if np.any(values <= 0):
        raise ValueError(f"values must be uncertainties > 0 (a log scale), got {values!r}")
    ax = axes(ax)
    colors = [INDEPENDENT_COLOR, COLORS["charlie"], GHZ_COLOR][: len(values)] if len(values) <= 3 else None
    bars = ax.bar(list(labels), values, color=colors)
    ax.bar_label(bars, labels=[f"{v:.3g}" for v in values], padding=2)
    ax.set_yscale("log")
    ax.set_ylim(values.min() / 3, values.max() * 2)
    ax.set_ylabel("Δφ per shot (rad)")
    return ax


def network_gain(n_clocks: ArrayLike, gain: ArrayLike, *, ax: Axes | None = None) -> Axes:
    """How many times smaller the network's phase uncertainty is with one GHZ state across all clocks
    than with the clocks run separately, against the number of clocks (one atom each).

    Add published points with :func:`qinet.plots.measured` (``x="n_clocks"``).

    Examples
    --------
    >>> ax = network_gain([1, 2, 4], [1.0, 1.41, 2.0])
    >>> ax.get_xlabel()
    'number of clocks K (one atom each)'
    """
    n_clocks = array("n_clocks", n_clocks, min_length=1, finite=True, low=1.0)
    gain = array("gain", gain, length=len(n_clocks), like="n_clocks", finite=True, low=0.0)
    ax = axes(ax)
    ax.plot(n_clocks, gain, "o-", color=GHZ_COLOR, ms=4, label="global GHZ state: √K")
    ax.axhline(1.0, color=INDEPENDENT_COLOR, ls="--", label="separate clocks")
    ax.set_xlabel("number of clocks K (one atom each)")
    ax.set_ylabel("gain in Δφ over separate clocks")
    ax.legend(loc="upper left", fontsize=9)
    return ax
