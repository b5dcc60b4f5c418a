"""The suite's look: one colour-blind-safe palette with one colour per role, and a bundled style.

Colours are the Okabe–Ito palette (Okabe & Ito, "Color Universal Design", 2008), which stays
distinguishable under the common colour-vision deficiencies. Nothing changes until
:func:`use_style` is called.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import matplotlib.pyplot as plt
import numpy as np
from matplotlib import ticker
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from qinet._validate import WrongTypeError, array, boolean, instance, number, positive_int, text

if TYPE_CHECKING:
    from qinet.measurements import Measurement

STYLE_FILE = Path(__file__).with_name("qinet.mplstyle")

#: One colour per role, the same in every notebook.
COLORS: dict[str, str] = {
    "alice": "#0072B2",  # blue
    "bob": "#D55E00",  # vermillion
    "repeater": "#009E73",  # bluish green
    "eve": "#CC79A7",  # reddish purple
    "source": "#E69F00",  # orange (sources, satellites)
    "charlie": "#56B4E9",  # sky blue (a third party, a middle station)
    "bound": "#000000",  # black (fundamental limits)
    "classical": "#555555",  # dark grey (classical limits; #7F7F7F was too close to green for deuteranopes)
    "highlight": "#F0E442",  # yellow (shaded regions only)
}


def use_style() -> None:
    """Apply the qinet look (fonts large enough to project, the role palette as colour cycle)."""
    plt.style.use(STYLE_FILE)


_MAX_SUBPLOTS = 6
_MAX_INCHES = 30.0


def _figsize(figsize: object) -> tuple[float, float]:
    """A figure size (width, height) in inches, each in (0, 30]."""
    if not isinstance(figsize, (tuple, list)) or len(figsize) != 2:
        raise WrongTypeError(f"figsize must be a pair (width, height) in inches, got {figsize!r}")
    width, height = (float(number("figsize", v, 0.0, _MAX_INCHES, low_open=True)) for v in figsize)
    return width, height


def axes(ax: Axes | None = None, *, figsize: tuple[float, float] = (6.4, 4.0)) -> Axes:
    """Return ``ax``, or a new Axes on a new figure when ``ax`` is None.

    Every plot function starts here, so an ``ax`` that is not a matplotlib Axes is refused with a
    ``TypeError`` naming ``ax``.

    Examples
    --------
    >>> axes("left")
    Traceback (most recent call last):
    ...
    qinet._validate.WrongTypeError: ax must be a matplotlib Axes or None, got 'left'
    """
    if ax is not None:
        return instance("ax", ax, Axes, "a matplotlib Axes or None")
    _, new = plt.subplots(figsize=_figsize(figsize), layout="constrained")
    return new


def panel_figure(nrows: int = 1, ncols: int = 1, *, figsize: tuple[float, float] = (7.0, 3.6)) -> Figure:
    """A figure for a live panel: not managed by pyplot, so it is never displayed twice."""
    rows = positive_int("nrows", nrows, maximum=_MAX_SUBPLOTS)
    cols = positive_int("ncols", ncols, maximum=_MAX_SUBPLOTS)
    fig = Figure(figsize=_figsize(figsize), layout="constrained")
    fig.subplots(rows, cols)
    return fig


def role_color(role: str) -> str:
    """The colour of ``role`` (``'alice'``, ``'bob'``, ``'repeater'``, ``'eve'``, ...)."""
    try:
        return COLORS[role]
    except KeyError:
        raise ValueError(f"role must be one of {', '.join(COLORS)}; got {role!r}") from None


def _is_finite(value: object) -> bool:
    """True for a finite real number; refuses what is not a number at all (``TypeError``)."""
    if isinstance(value, (str, bytes, bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise WrongTypeError(f"value must be a number, got {value!r}")
    return math.isfinite(value)


_SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def power_of_ten(value: float, _position: int = 0) -> str:
    """Tick label ``10ⁿ`` in plain Unicode for a whole decade, ``""`` otherwise.

    Examples
    --------
    >>> power_of_ten(1e-5), power_of_ten(100.0), power_of_ten(3.0)
    ('10⁻⁵', '10²', '')
    """
    if not _is_finite(value) or value <= 0:  # a tick formatter labels what it is given; nothing for these
        return ""
    exponent = np.log10(value)
    return "10" + str(int(round(exponent))).translate(_SUPERSCRIPTS) if np.isclose(exponent, round(exponent)) else ""


def log_ticks(ax: Axes, which: str = "y", *, numticks: int = 8) -> Axes:
    """Put ``which`` axis (``"x"`` or ``"y"``) on a log scale labelled at most ``numticks`` decades as
    10⁻⁶ … in plain Unicode, with no minor ticks. Mathtext labels and dozens of minor ticks cost tens of
    ms per redraw, which matters in a live panel."""
    ax = axes(ax)
    if which not in ("x", "y"):
        raise ValueError(f"which must be 'x' or 'y'; got {which!r}")
    numticks = positive_int("numticks", numticks, minimum=2, maximum=100)
    (ax.set_xscale if which == "x" else ax.set_yscale)("log")
    axis = ax.xaxis if which == "x" else ax.yaxis
    axis.set_major_locator(ticker.LogLocator(base=10, numticks=numticks))
    axis.set_major_formatter(ticker.FuncFormatter(power_of_ten))
    axis.set_minor_locator(ticker.NullLocator())
    return ax


#: Published measurements: open black markers with error bars (diamonds; triangles for bounds), in front of models.
_MEASUREMENT_MARKERS = {"value": "D", "approximate": "D", "lower bound": "^", "upper bound": "v"}


def measured(
    ax: Axes,
    measurements: Sequence[Measurement],
    x: str | Sequence[float],
    *,
    scale: float = 1.0,
    annotate: bool = True,
    label: str | None = "measured",
) -> Axes:
    """Draw published ``measurements`` on ``ax`` beside a model: open black markers with error bars.

    ``x`` is a key of every measurement's ``parameters`` (``"slant_range_km"``) or the x values
    themselves; values and uncertainties are multiplied by ``scale`` (e.g. 100 for percent). Each
    point is labelled with its short source ("Yin 2017") when ``annotate``; the legend entry is
    ``label`` (None for none). Bounds are drawn as triangles pointing the way the bound goes.

    Examples
    --------
    >>> from qinet.measurements import by_topic
    >>> ax = measured(axes(), by_topic("entanglement"), [1203.0])
    >>> len(ax.lines) >= 1
    True
    """
    from qinet.measurements import Measurement

    ax = axes(ax)
    instance("measurements", measurements, (tuple, list), "a tuple of Measurement (e.g. measurements.by_topic(...))")
    for m in measurements:
        instance("measurements", m, Measurement, "a tuple of Measurement (e.g. measurements.by_topic(...))")
    scale = float(number("scale", scale, 0.0, low_open=True))
    annotate = boolean("annotate", annotate)
    label = text("label", label, optional=True)
    if isinstance(x, str):
        missing = [m.key for m in measurements if x not in m.parameters]
        if missing:
            raise ValueError(f"x={x!r} is not a parameter of {', '.join(missing)}")
        xs = [float(m.parameters[x]) for m in measurements]
    else:
        xs = [float(v) for v in array("x", x, finite=True)]
        if len(xs) != len(measurements):
            raise ValueError(f"x must give one value per measurement ({len(measurements)}), got {len(xs)}")
    first = True
    for xv, m in zip(xs, measurements, strict=True):
        err = m.uncertainty * scale if m.kind in ("value", "approximate") else None
        ax.errorbar(
            [xv],
            [m.value * scale],
            yerr=err,
            fmt=_MEASUREMENT_MARKERS[m.kind],
            color=COLORS["bound"],
            markerfacecolor="white",
            markersize=6,
            capsize=3,
            elinewidth=1.2,
            zorder=5,
            label=label if first else None,
        )
        first = False
        if annotate:
            ax.annotate(m.label, (xv, m.value * scale), xytext=(5, 5), textcoords="offset points", fontsize=9)
    return ax
