"""Figures for entanglement: outcome histograms, correlation curves, cloning fidelity.

Plot functions only draw what they are given (no physics here); each takes ``ax=None`` and
returns the Axes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.ticker import MultipleLocator
from numpy.typing import ArrayLike

from qinet._validate import array, number, text
from qinet.plots.style import COLORS, axes


def _counts(name: str, counts: object) -> dict[str, int]:
    """A counts dict of two-bit outcomes, or a ValueError naming ``name``."""
    if not isinstance(counts, Mapping) or not counts:
        raise ValueError(
            f"{name} must be a non-empty dict of outcome counts such as {{'00': 48, '11': 52}}, got {counts!r}"
        )
    for key, n in counts.items():
        if key not in OUTCOMES or isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 0:
            raise ValueError(f"{name} must map outcomes in {OUTCOMES} to counts >= 0, got {key!r}: {n!r}")
    return dict(counts)


def _points(x_name: str, x: object, y: object, err: object) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """Measured points: ``measured`` (finite) at ``x``, with ``stderr`` (finite, >= 0) or none."""
    ys = array("measured", y, finite=True)
    xs = array(x_name, x, length=len(ys), like="measured", finite=True)
    errors = array("stderr", err, finite=True, low=0.0)
    if len(errors) and len(errors) != len(ys):
        raise ValueError(f"stderr must have {len(ys)} values (one per value of measured) or none, got {len(errors)}")
    return xs, ys, (2 * errors if len(errors) else None)


OUTCOMES = ("00", "01", "10", "11")


def outcome_histogram(counts: Mapping[str, int], *, title: str = "", ax: Axes | None = None) -> Axes:
    """Bar chart of the four joint outcomes, labelled "Alice Bob" (counts keys are "Bob Alice").

    Bars where both agree are drawn in Alice's colour, disagreements in Bob's.

    Examples
    --------
    >>> ax = outcome_histogram({"00": 48, "11": 52})
    >>> [round(float(p.get_height()), 2) for p in ax.patches]
    [0.48, 0.0, 0.0, 0.52]
    """
    counts = _counts("counts", counts)
    title = text("title", title)
    ax = axes(ax)
    shots = max(sum(counts.values()), 1)
    labels = [f"{key[1]}{key[0]}" for key in OUTCOMES]  # Alice's bit first, as people read it
    heights = [counts.get(key, 0) / shots for key in OUTCOMES]
    colors = [COLORS["alice"] if key[0] == key[1] else COLORS["bob"] for key in OUTCOMES]
    ax.bar(labels, heights, color=colors)
    ax.set(xlabel="outcome (Alice, Bob)", ylabel="fraction of shots", ylim=(0, 1.05), yticks=[0, 0.5, 1])
    ax.grid(axis="x", visible=False)
    if title:
        ax.set_title(title)
    return ax


def correlation_curve(
    angles: ArrayLike,
    predicted: ArrayLike,
    *,
    measured_angles: Sequence[float] = (),
    measured: Sequence[float] = (),
    stderr: Sequence[float] = (),
    label: str = "prediction",
    ax: Axes | None = None,
) -> Axes:
    """Correlation E against Bob's angle (rad, shown in degrees): the formula and Aer points.

    The grey band marks |E| ≤ 1; points carry ±2 standard errors.

    Examples
    --------
    >>> angles = np.linspace(-np.pi, np.pi, 5)
    >>> ax = correlation_curve(angles, np.cos(angles), measured_angles=[0.0], measured=[0.97], stderr=[0.01])
    >>> ax.get_ylabel()
    'correlation E'
    """
    angles = array("angles", angles, min_length=2, finite=True)
    predicted = array("predicted", predicted, length=len(angles), like="angles", low=-1.0, high=1.0)
    xs, ys, yerr = _points("measured_angles", measured_angles, measured, stderr)
    label = text("label", label)
    ax = axes(ax)
    ax.plot(np.degrees(angles), predicted, color=COLORS["alice"], label=label)
    if len(ys):
        ax.errorbar(np.degrees(xs), ys, yerr=yerr, fmt="o", color=COLORS["bob"], label="measured on Aer")
    ax.axhline(0, color=COLORS["classical"], lw=0.8)
    ax.set(xlabel="Bob's angle (°)", ylabel="correlation E", ylim=(-1.1, 1.1), yticks=[-1, -0.5, 0, 0.5, 1])
    ax.xaxis.set_major_locator(MultipleLocator(90))
    ax.legend(loc="lower left")
    return ax


def cloning_fidelity(
    copies: ArrayLike,
    fidelity: ArrayLike,
    *,
    classical_limit: float,
    measured: float | None = None,
    stderr: float = 0.0,
    ax: Axes | None = None,
) -> Axes:
    """Fidelity of each copy made by the optimal 1 → M cloner against M, with the classical limit.

    ``measured`` (the 1 → 2 copy fidelity from Aer) is drawn at M = 2 with ±2 standard errors.

    Examples
    --------
    >>> ax = cloning_fidelity([1, 2, 3], [1.0, 5 / 6, 7 / 9], classical_limit=2 / 3)
    >>> ax.get_xlabel()
    'number of copies M'
    """
    copies = array("copies", copies, min_length=1, finite=True, low=1.0)
    fidelity = array("fidelity", fidelity, length=len(copies), like="copies", finite=True, low=0.0, high=1.0)
    classical_limit = float(number("classical_limit", classical_limit, 0.0, 1.0))
    measured = None if measured is None else float(number("measured", measured, 0.0, 1.0))
    stderr = float(number("stderr", stderr, 0.0))
    ax = axes(ax)
    ax.plot(copies, fidelity, "o-", color=COLORS["alice"], label="optimal cloner (formula)")
    ax.axhline(classical_limit, color=COLORS["classical"], ls="--", label="measure and prepare")
    if measured is not None:
        ax.errorbar(
            [2], [measured], yerr=[2 * stderr], fmt="s", color=COLORS["bob"], ms=8, label="measured on Aer (1 → 2)"
        )
    ax.axhline(1.0, color=COLORS["bound"], lw=0.8)
    ax.set(xlabel="number of copies M", ylabel="fidelity of each copy", ylim=(0.6, 1.02))
    ax.legend(loc="upper right")
    return ax


def chsh_regions(
    visibility: np.ndarray,
    chsh: np.ndarray,
    *,
    entangled_above: float,
    violates_above: float,
    local_bound: float,
    quantum_bound: float,
    measured_visibility: Sequence[float] = (),
    measured: Sequence[float] = (),
    stderr: Sequence[float] = (),
    ax: Axes | None = None,
) -> Axes:
    """CHSH value S against the visibility V of a Werner pair, with the three regions shaded.

    Left of ``entangled_above`` the pair is separable (grey), between the two thresholds it is
    entangled but cannot violate CHSH (yellow), right of ``violates_above`` it violates CHSH. The
    local bound and the quantum (Tsirelson) bound are horizontal lines; Aer points carry ±2
    standard errors.

    Examples
    --------
    >>> v = np.linspace(0, 1, 5)
    >>> ax = chsh_regions(v, 2.83 * v, entangled_above=1 / 3, violates_above=0.71, local_bound=2, quantum_bound=2.83)
    >>> ax.get_xlabel(), len(ax.patches)
    ('visibility V of the pair', 3)
    """
    visibility = array("visibility", visibility, min_length=2, finite=True, low=0.0, high=1.0)
    chsh = array("chsh", chsh, length=len(visibility), like="visibility", finite=True)
    entangled_above = float(number("entangled_above", entangled_above, 0.0, 1.0))
    violates_above = float(number("violates_above", violates_above, entangled_above, 1.0))
    local_bound = float(number("local_bound", local_bound, 0.0))
    quantum_bound = float(number("quantum_bound", quantum_bound, local_bound))
    xs, ys, yerr = _points("measured_visibility", measured_visibility, measured, stderr)
    ax = axes(ax)
    spans = (
        (0.0, entangled_above, COLORS["classical"], 0.12, "separable"),
        (entangled_above, violates_above, COLORS["highlight"], 0.35, "entangled,\nno violation"),
        (violates_above, 1.0, COLORS["repeater"], 0.12, "violates\nCHSH"),
    )
    for low, high, color, alpha, region in spans:
        ax.axvspan(low, high, color=color, alpha=alpha, lw=0)
        ax.text((low + high) / 2, 0.15, region, ha="center", va="bottom", fontsize=10)
    ax.plot(visibility, chsh, color=COLORS["alice"], label="Werner pair: S = 2√2 V")
    ax.axhline(local_bound, color=COLORS["classical"], ls="--", label=f"local bound {local_bound:g}")
    ax.axhline(quantum_bound, color=COLORS["bound"], ls=":", label=f"Tsirelson bound {quantum_bound:.3f}")
    if len(ys):
        ax.errorbar(xs, ys, yerr=yerr, fmt="o", color=COLORS["bob"], label="measured on Aer")
    ax.set(xlabel="visibility V of the pair", ylabel="CHSH value S", xlim=(0.0, 1.0), ylim=(0.0, 3.1))
    ax.legend(loc="upper left", fontsize=9)
    return ax
