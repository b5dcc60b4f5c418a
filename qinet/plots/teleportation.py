"""Figures for teleportation: fidelity against the resource, and superdense coding's message table.

Plot functions only draw what they are given (no physics here); each takes ``ax=None`` and
returns the Axes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from matplotlib.axes import Axes
from numpy.typing import ArrayLike

from qinet._validate import array, number
from qinet.plots.entanglement import _points
from qinet.plots.style import COLORS, axes


def fidelity_vs_resource(
    resource: ArrayLike,
    predicted: ArrayLike,
    *,
    classical_limit: float,
    measured_resource: Sequence[float] = (),
    measured: Sequence[float] = (),
    stderr: Sequence[float] = (),
    device: tuple[float, float] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Teleportation fidelity against the resource pair's fidelity F.

    Draws the formula curve, the classical limit (with the region a classical scheme can reach
    shaded), the Aer points (±2 standard errors) and optionally one ``device`` point
    ``(F, fidelity)``.

    Examples
    --------
    >>> f = np.linspace(0.25, 1.0, 4)
    >>> ax = fidelity_vs_resource(f, (2 * f + 1) / 3, classical_limit=2 / 3, measured_resource=[0.5], measured=[0.66])
    >>> tuple(map(float, ax.get_xlim()))
    (0.25, 1.0)
    """
    resource = array("resource", resource, min_length=2, finite=True, low=0.0, high=1.0)
    predicted = array("predicted", predicted, length=len(resource), like="resource", finite=True, low=0.0, high=1.0)
    classical_limit = float(number("classical_limit", classical_limit, 0.0, 1.0))
    xs, ys, yerr = _points("measured_resource", measured_resource, measured, stderr)
    if device is not None:
        device = tuple(array("device", device, length=2, like="(F, fidelity)", finite=True, low=0.0, high=1.0))
    ax = axes(ax)
    ax.axhspan(0.5, classical_limit, color=COLORS["highlight"], alpha=0.25, lw=0)
    ax.plot(resource, predicted, color=COLORS["alice"], label="(2F + 1)/3")
    ax.axhline(classical_limit, color=COLORS["classical"], ls="--", label="classical limit 2/3")
    if len(ys):
        ax.errorbar(xs, ys, yerr=yerr, fmt="o", color=COLORS["bob"], label="measured on Aer")
    if device is not None:
        ax.plot(*device, "*", ms=14, color=COLORS["eve"], label="fake IBM device")
    ax.set(xlabel="fidelity F of the shared pair", ylabel="teleportation fidelity", xlim=(0.25, 1.0), ylim=(0.48, 1.02))
    ax.legend(loc="upper left")
    return ax


def superdense_table(results: Mapping[str, Mapping[str, int]], *, ax: Axes | None = None) -> Axes:
    """Image of P(decoded | sent) for the four two-bit messages of superdense coding.

    Examples
    --------
    >>> ax = superdense_table({"00": {"00": 10}, "01": {"01": 10}, "10": {"10": 10}, "11": {"11": 10}})
    >>> float(ax.images[0].get_array().trace())
    4.0
    """
    if (
        not isinstance(results, Mapping)
        or not results
        or not all(
            isinstance(counts, Mapping)
            and counts
            and all(isinstance(n, int | np.integer) and n >= 0 for n in counts.values())
            for counts in results.values()
        )
    ):
        raise ValueError(f"results must map each message sent to a non-empty dict of decoded counts, got {results!r}")
    ax = axes(ax, figsize=(4.2, 3.6))
    messages = list(results)
    table = np.array(
        [[results[sent].get(got, 0) / max(sum(results[sent].values()), 1) for got in messages] for sent in messages]
    )
    ax.imshow(table, vmin=0, vmax=1)
    for i in range(len(messages)):
        for j in range(len(messages)):
            ax.text(
                j, i, f"{table[i, j]:.2f}", ha="center", va="center", color="black" if table[i, j] > 0.5 else "white"
            )
    ax.set_xticks(range(len(messages)), messages)
    ax.set_yticks(range(len(messages)), messages)
    ax.set(xlabel="bits Bob decodes", ylabel="bits Alice sends")
    ax.grid(False)
    return ax


def field_fidelities(
    *, classical_limit: float, distance_range: tuple[float, float] = (10.0, 3000.0), ax: Axes | None = None
) -> Axes:
    """Empty axes for published teleportation fidelities against distance (km, log scale).

    The classical limit is drawn, with the region a classical scheme can reach shaded; add the
    published points with :func:`qinet.plots.measured` (``x="distance_km"``).

    Examples
    --------
    >>> ax = field_fidelities(classical_limit=2 / 3)
    >>> ax.get_xscale(), ax.get_xlabel()
    ('log', 'distance (km)')
    """
    classical_limit = float(number("classical_limit", classical_limit, 0.0, 1.0))
    low, high = array("distance_range", distance_range, length=2, like="(low, high)", finite=True, low=0.0)
    if not 0 < low < high:
        raise ValueError(f"distance_range must be (low, high) with 0 < low < high km, got {distance_range!r}")
    ax = axes(ax)
    ax.axhspan(0.5, classical_limit, color=COLORS["highlight"], alpha=0.25, lw=0)
    ax.axhline(classical_limit, color=COLORS["classical"], ls="--", label="classical limit 2/3")
    ax.axhline(1.0, color=COLORS["bound"], lw=0.8)
    ax.set_xscale("log")
    ax.set(
        xlabel="distance (km)",
        ylabel="average teleportation fidelity",
        xlim=(float(low), float(high)),
        ylim=(0.48, 1.02),
    )
    return ax
