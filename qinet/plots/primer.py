"""Figures for the primer (notebook 00a): outcome probabilities, density matrices, the CHSH game."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle
from numpy.typing import ArrayLike

from qinet._validate import array, boolean, number, text
from qinet.measurements import Measurement
from qinet.plots.style import COLORS, axes, measured
from qinet.stats import binomial_stderr


def _outcomes(name: str, value: object, kind: type) -> dict[str, float]:
    """A non-empty dict of bit-string outcomes to finite numbers >= 0 (probabilities or counts)."""
    if not isinstance(value, Mapping) or not value:
        raise ValueError(f"{name} must be a non-empty dict of outcomes such as {{'0': 0.75, '1': 0.25}}, got {value!r}")
    for key, x in value.items():
        ok = isinstance(x, kind | np.integer) if kind is int else isinstance(x, int | float | np.integer | np.floating)
        if not isinstance(key, str) or set(key) - {"0", "1"} or isinstance(x, bool) or not ok or not 0 <= x < np.inf:
            raise ValueError(f"{name} must map bit strings to numbers >= 0, got {key!r}: {x!r}")
    return dict(value)


_QUESTIONS = ("x=0, y=0", "x=0, y=1", "x=1, y=0", "x=1, y=1")


def outcome_bars(
    probabilities: Mapping[str, float],
    counts: Mapping[str, int] | None = None,
    *,
    title: str = "",
    ax: Axes | None = None,
) -> Axes:
    """Bars of the Born-rule ``probabilities`` per outcome; measured frequencies from ``counts`` as
    points with ±2 binomial standard errors.

    Examples
    --------
    >>> ax = outcome_bars({"0": 0.75, "1": 0.25}, {"0": 740, "1": 260})
    >>> len(ax.patches)
    2
    """
    probabilities = _outcomes("probabilities", probabilities, float)
    tallies = None if counts is None else _outcomes("counts", counts, int)
    title = text("title", title)
    ax = axes(ax, figsize=(4.0, 3.0))
    outcomes = sorted(set(probabilities) | set(tallies or {}))
    xs = np.arange(len(outcomes))
    ax.bar(xs, [probabilities.get(o, 0.0) for o in outcomes], color=COLORS["alice"], width=0.6, label="Born rule")
    if tallies:
        shots = sum(tallies.values())
        freq = np.array([tallies.get(o, 0) / shots for o in outcomes])
        err = 2 * binomial_stderr(freq, shots)
        ax.errorbar(xs, freq, yerr=err, fmt="o", color=COLORS["bound"], mfc="white", capsize=4, label="Aer")
    ax.set_xticks(xs, [f"|{o}⟩" for o in outcomes])
    ax.set_ylim(0, 1.05)
    ax.set_xlabel("outcome")
    ax.set_ylabel("probability")
    if title:
        ax.set_title(title)
    ax.legend(loc="upper right")
    return ax


def density_matrix(rho: ArrayLike, *, title: str = "", ax: Axes | None = None) -> Axes:
    """The real parts of a density matrix as squares sized by magnitude (blue positive, vermillion
    negative), each with its value; rows and columns labelled by basis states.

    Examples
    --------
    >>> ax = density_matrix(np.eye(2) / 2)
    >>> sorted(t.get_text() for t in ax.texts)
    ['0', '0', '0.5', '0.5']
    """
    try:
        matrix = np.asarray(rho, dtype=complex)
    except (TypeError, ValueError):
        raise ValueError(f"rho must be a square matrix of numbers, got {rho!r}") from None
    dim = matrix.shape[0] if matrix.ndim == 2 else 0
    if matrix.shape != (dim, dim) or dim < 2 or dim > 16 or dim & (dim - 1) or not np.all(np.isfinite(matrix)):
        raise ValueError(f"rho must be a finite 2^n × 2^n matrix of 1 to 4 qubits, got shape {matrix.shape}")
    title = text("title", title)
    ax = axes(ax, figsize=(3.4, 3.4))
    data = np.real(matrix)
    n = int(round(np.log2(dim)))
    for i in range(dim):
        for j in range(dim):
            value = data[i, j]
            side = 0.9 * np.sqrt(min(abs(value), 1.0))
            colour = COLORS["alice"] if value >= 0 else COLORS["bob"]
            ax.add_patch(Rectangle((j - side / 2, i - side / 2), side, side, color=colour))
            ax.text(j, i, f"{value:.2g}" if abs(value) > 1e-9 else "0", ha="center", va="center", fontsize=10)
    labels = [f"|{k:0{n}b}⟩" for k in range(dim)]
    ax.set_xticks(range(dim), labels)
    ax.set_yticks(range(dim), labels)
    ax.set_xlim(-0.6, dim - 0.4)
    ax.set_ylim(dim - 0.4, -0.6)
    ax.set_aspect("equal")
    ax.grid(False)
    if title:
        ax.set_title(title)
    return ax


def chsh_game(
    per_question: ArrayLike,
    *,
    measured: ArrayLike | None = None,
    stderr: ArrayLike | None = None,
    classical: float = 0.75,
    quantum: float = 0.5 + np.sqrt(2) / 4,
    legend: bool = True,
    ax: Axes | None = None,
) -> Axes:
    """Win probability of the CHSH game for each question pair and on average, against the best
    classical strategy (3/4, grey dashed) and the quantum limit cos²(π/8) (black dotted); Aer points if
    ``measured``. Live panels pass ``legend=False`` and explain the lines in their readout (faster redraw).

    Examples
    --------
    >>> ax = chsh_game([0.85, 0.85, 0.85, 0.85])
    >>> len(ax.patches)
    5
    """
    per_question = array("per_question", per_question, length=4, like="question pair", finite=True, low=0.0, high=1.0)
    if measured is not None:
        measured = array("measured", measured, min_length=1, finite=True, low=0.0, high=1.0)
        if len(measured) > 5:
            raise ValueError(f"measured must have at most 5 values (4 questions and the average), got {len(measured)}")
    if stderr is not None:
        stderr = array(
            "stderr", stderr, length=len(measured) if measured is not None else 0, like="measured", finite=True, low=0.0
        )
    classical = float(number("classical", classical, 0.0, 1.0))
    quantum = float(number("quantum", quantum, 0.0, 1.0))
    legend = boolean("legend", legend)
    ax = axes(ax, figsize=(6.0, 3.4))
    values = [*per_question, float(np.mean(per_question))]
    xs = np.arange(5)
    colours = [COLORS["charlie"]] * 4 + [COLORS["alice"]]
    ax.bar(xs, values, color=colours, width=0.6)
    ax.axhline(classical, color=COLORS["classical"], ls="--", lw=1.5, label="best classical, 3/4")
    ax.axhline(quantum, color=COLORS["bound"], ls=":", lw=1.5, label="quantum limit, cos²(π/8)")
    if measured is not None:
        ax.errorbar(
            xs[: len(measured)],
            measured,
            yerr=None if stderr is None else 2 * np.asarray(stderr),
            fmt="o",
            color=COLORS["bound"],
            mfc="white",
            capsize=4,
            label="played on Aer",
        )
    ax.set_xticks(xs, [*_QUESTIONS, "average"])
    ax.set_ylim(0, 1.3)
    ax.set_yticks(np.linspace(0, 1, 6))
    ax.set_ylabel("win probability")
    ax.set_xlabel("question pair")
    if legend:
        ax.legend(loc="upper center", ncol=3 if measured is not None else 2, fontsize=9)
    return ax


def bell_tests(
    tests: Sequence[Measurement],
    *,
    model: tuple[float, float, float] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Measured CHSH values S of Bell tests by year, between the local bound 2 and Tsirelson's 2√2;
    ``model`` = (year, S, error) draws a model prediction beside them.

    Examples
    --------
    >>> from qinet.measurements import get
    >>> ax = bell_tests([get("hensen2015-chsh")], model=(2015.3, 2.53, 0.11))
    >>> ax.get_ylabel()
    'CHSH value S'
    """
    if isinstance(tests, str | bytes) or not isinstance(tests, Sequence) or not tests:
        raise ValueError(f"tests must be a non-empty list of Measurements (qinet.measurements), got {tests!r}")
    if not all(isinstance(m, Measurement) for m in tests):
        raise ValueError(f"tests must hold only Measurements (qinet.measurements.get), got {tests!r}")
    if model is not None:
        model = tuple(array("model", model, length=3, like="(year, S, error)", finite=True))
    ax = axes(ax, figsize=(6.0, 3.4))
    years = [m.year for m in tests]
    ax.axhline(2.0, color=COLORS["classical"], ls="--", lw=1.5, label="local bound S = 2")
    ax.axhline(2 * np.sqrt(2), color=COLORS["bound"], ls=":", lw=1.5, label="Tsirelson's bound 2√2")
    if model is not None:
        ax.errorbar(
            [model[0]], [model[1]], yerr=[model[2]], fmt="s", color=COLORS["alice"], capsize=4, label="Werner model"
        )
    measured(ax, tests, [float(y) for y in years])
    ax.set_xlim(min(years) - 1.5, max(years) + 2.5)
    ax.set_ylim(1.8, 3.0)
    ax.set_xlabel("year of the experiment")
    ax.set_ylabel("CHSH value S")
    ax.legend(loc="center right", fontsize=9)
    return ax
