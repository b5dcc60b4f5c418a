"""Accessible figures: one colour-blind-safe colour per role, and panel figures that are labelled and readable.

Colour-vision deficiency is simulated with the matrices of Machado, Oliveira & Fernandes, "A
physiologically-based model for simulation of color vision deficiency", IEEE TVCG 15, 1291 (2009),
doi:10.1109/TVCG.2009.113 (severity 1.0, applied to linear sRGB). Colour differences are CIEDE2000
(Sharma, Wu & Dalal, Color Res. Appl. 30, 21 (2005), doi:10.1002/col.20070), whose published test
pairs are checked below. Two role colours count as distinguishable when ΔE00 ≥ 10 under normal vision
and under each simulated deficiency: a project threshold, several times the just-noticeable
difference (ΔE00 ≈ 1–2).

Every panel factory (``qinet.widgets.<topic>.*_panel``) is built with its defaults under
``qinet.plots.use_style()`` and its figure checked: numeric axes carry a label, physical quantities
carry a unit, all text is at least 9 pt, and lines and bars use the role palette or greys.
"""

from __future__ import annotations

import importlib
import inspect
import itertools
import pkgutil
import re

import matplotlib as mpl
import numpy as np
import pytest
from matplotlib.colors import to_rgb
from matplotlib.text import Text

import qinet.widgets
from qinet.plots import COLORS, use_style
from qinet.widgets.panel import LivePanel

MACHADO_2009 = {
    "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
    "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
    "tritanopia": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
}
VISIONS = ["normal", *MACHADO_2009]
MIN_DELTA_E = 10.0
#: Roles drawn as lines and markers; "highlight" (yellow) is only for shaded regions behind them.
LINE_ROLES = [role for role in COLORS if role != "highlight"]
MIN_FONT_PT = 9.0
#: Words in an axis label that name a quantity with a unit; such a label must show it, "(km)" or "[dB]",
#: unless the tick labels carry it (π, °, %).
DIMENSIONAL = re.compile(
    r"distance|length|time|delay|rate|loss|attenuation|altitude|elevation|range|"
    r"angle|duration|wavelength|aperture|divergence|power",
    re.I,
)
UNIT = re.compile(r"\(.+\)|\[.+\]")
UNIT_IN_TICKS = re.compile(r"π|\\pi|°|%")
WIDGET_MODULES = sorted(
    info.name
    for info in pkgutil.iter_modules(qinet.widgets.__path__)
    if info.name != "panel" and not info.name.startswith("_")
)


def srgb_to_linear(rgb: np.ndarray) -> np.ndarray:
    """Undo the sRGB gamma (IEC 61966-2-1)."""
    rgb = np.asarray(rgb, dtype=float)
    return np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)


def linear_to_lab(linear: np.ndarray) -> np.ndarray:
    """CIELAB (D65 white) of a linear-sRGB colour."""
    to_xyz = np.array(
        [[0.4124564, 0.3575761, 0.1804375], [0.2126729, 0.7151522, 0.0721750], [0.0193339, 0.1191920, 0.9503041]]
    )
    t = to_xyz @ np.clip(linear, 0.0, 1.0) / (to_xyz @ np.ones(3))
    delta = 6 / 29
    f = np.where(t > delta**3, np.cbrt(t), t / (3 * delta**2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def seen_as(color: str, vision: str) -> np.ndarray:
    """CIELAB of ``color`` as seen with ``vision`` (``'normal'`` or a key of MACHADO_2009)."""
    linear = srgb_to_linear(to_rgb(color))
    if vision != "normal":
        linear = np.asarray(MACHADO_2009[vision]) @ linear
    return linear_to_lab(linear)


def ciede2000(lab1, lab2) -> float:
    """CIEDE2000 colour difference (Sharma, Wu & Dalal 2005, eqs. 1–22; kL = kC = kH = 1)."""
    (l1, a1, b1), (l2, a2, b2) = lab1, lab2
    c_mean = (np.hypot(a1, b1) + np.hypot(a2, b2)) / 2
    g = 0.5 * (1 - np.sqrt(c_mean**7 / (c_mean**7 + 25**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = np.hypot(a1p, b1), np.hypot(a2p, b2)
    h1p, h2p = np.degrees(np.arctan2(b1, a1p)) % 360, np.degrees(np.arctan2(b2, a2p)) % 360
    dh = 0.0 if c1p * c2p == 0 else (h2p - h1p + 180) % 360 - 180
    d_hue = 2 * np.sqrt(c1p * c2p) * np.sin(np.radians(dh / 2))
    l_mean, cp_mean = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        h_mean = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_mean = (h1p + h2p) / 2
    else:
        h_mean = (h1p + h2p + (360 if h1p + h2p < 360 else -360)) / 2
    t = (
        1
        - 0.17 * np.cos(np.radians(h_mean - 30))
        + 0.24 * np.cos(np.radians(2 * h_mean))
        + 0.32 * np.cos(np.radians(3 * h_mean + 6))
        - 0.20 * np.cos(np.radians(4 * h_mean - 63))
    )
    s_l = 1 + 0.015 * (l_mean - 50) ** 2 / np.sqrt(20 + (l_mean - 50) ** 2)
    s_c, s_h = 1 + 0.045 * cp_mean, 1 + 0.015 * cp_mean * t
    r_t = (
        -np.sin(np.radians(60 * np.exp(-(((h_mean - 275) / 25) ** 2)))) * 2 * np.sqrt(cp_mean**7 / (cp_mean**7 + 25**7))
    )
    terms = ((l2 - l1) / s_l, (c2p - c1p) / s_c, d_hue / s_h)
    return float(np.sqrt(terms[0] ** 2 + terms[1] ** 2 + terms[2] ** 2 + r_t * terms[1] * terms[2]))


# ---- the tools, checked against their sources -------------------------------------------------------


@pytest.mark.parametrize(
    ("lab1", "lab2", "expected"),
    [
        ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),  # Sharma et al. 2005, Table 1, pair 1
        ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),  # pair 7
        ((50.0, 2.49, -0.001), (50.0, -2.49, 0.0009), 7.1792),  # pair 8: hue-angle wrap-around
        ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),  # pair 17
        ((50.0, 2.5, 0.0), (61.0, -5.0, 29.0), 22.8977),  # pair 18
    ],
)
def test_ciede2000_matches_the_published_test_pairs(lab1, lab2, expected):
    assert ciede2000(lab1, lab2) == pytest.approx(expected, abs=1e-4)
    assert ciede2000(lab2, lab1) == pytest.approx(expected, abs=1e-4)


@pytest.mark.parametrize("vision", list(MACHADO_2009))
def test_machado_matrices_keep_white_and_black(vision):
    # each row sums to 1 (Machado et al. 2009 normalise the achromatic axis), so greys stay grey
    assert np.asarray(MACHADO_2009[vision]).sum(axis=1) == pytest.approx(np.ones(3), abs=2e-6)
    assert seen_as("#FFFFFF", vision) == pytest.approx([100.0, 0.0, 0.0], abs=1e-3)
    assert seen_as("#000000", vision) == pytest.approx([0.0, 0.0, 0.0], abs=1e-9)


def test_red_and_green_merge_for_deuteranopes():
    # the failure the palette avoids: pure red and a green of equal lightness become near twins
    normal = ciede2000(seen_as("#FF0000", "normal"), seen_as("#00A000", "normal"))
    deutan = ciede2000(seen_as("#FF0000", "deuteranopia"), seen_as("#00A000", "deuteranopia"))
    assert normal > 50 and deutan < MIN_DELTA_E < normal


# ---- the palette --------------------------------------------------------------------------------------


def test_one_colour_per_role():
    assert {"alice", "bob", "repeater", "eve"} <= set(COLORS)
    colours = [to_rgb(value) for value in COLORS.values()]
    assert len(set(colours)) == len(colours), "two roles share a colour"


def test_style_cycles_through_the_role_colours():
    with mpl.rc_context():
        use_style()
        cycle = [to_rgb(c) for c in mpl.rcParams["axes.prop_cycle"].by_key()["color"]]
        assert set(cycle) == {to_rgb(COLORS[role]) for role in LINE_ROLES}
        assert mpl.rcParams["image.cmap"] in {"cividis", "viridis"}, "colour maps must stay readable in grey"
        sizes = [mpl.rcParams[key] for key in ("font.size", "axes.labelsize", "xtick.labelsize", "legend.fontsize")]
        assert all(isinstance(size, float | int) and size >= 10 for size in sizes), sizes


@pytest.mark.parametrize(
    ("vision", "first", "second"),
    [
        pytest.param(vision, first, second, id=f"{vision}-{first}-{second}")
        for vision in VISIONS
        for first, second in itertools.combinations(LINE_ROLES, 2)
    ],
)
def test_role_colours_stay_distinguishable(vision, first, second):
    difference = ciede2000(seen_as(COLORS[first], vision), seen_as(COLORS[second], vision))
    assert difference >= MIN_DELTA_E, f"{first} vs {second} under {vision}: ΔE00 = {difference:.1f}"


# ---- every panel's figure -----------------------------------------------------------------------------


def _panels(widget) -> list[LivePanel]:
    if isinstance(widget, LivePanel):
        return [widget]
    return [panel for child in getattr(widget, "children", ()) for panel in _panels(child)]


def _numeric(labels: list[Text]) -> bool:
    texts = [label.get_text().replace("\u2212", "-").strip("$") for label in labels if label.get_text()]
    return bool(texts) and all(
        re.fullmatch(r"[-+]?[\d.,]+(e[-+]?\d+)?|10\^\{?[-\d]+\}?|\\mathdefault\{.*\}", t) for t in texts
    )


def _axis_problems(ax) -> list[str]:
    problems = []
    for name, axis, label in (("x", ax.xaxis, ax.get_xlabel()), ("y", ax.yaxis, ax.get_ylabel())):
        if not (ax.axison and axis.get_visible()):
            continue
        ticks = axis.get_ticklabels(which="both")
        if _numeric(ticks) and not label.strip():
            problems.append(f"{name} axis has numbers but no label")
        units_on_ticks = any(UNIT_IN_TICKS.search(tick.get_text()) for tick in ticks)
        if DIMENSIONAL.search(label) and not (UNIT.search(label) or units_on_ticks):
            problems.append(f"{name} label {label!r} names a physical quantity but shows no unit")
    return problems


def _colour_problems(ax) -> list[str]:
    palette = {to_rgb(value) for value in COLORS.values()}
    drawn = [line.get_color() for line in ax.lines if line.get_visible()]
    drawn += [bar.get_facecolor() for container in ax.containers for bar in getattr(container, "patches", [])]
    problems = []
    for colour in drawn:
        rgb = to_rgb(colour)
        if rgb not in palette and not (max(rgb) - min(rgb) < 1e-6):  # greys (and black, white) are neutral
            problems.append(f"colour {mpl.colors.to_hex(rgb)} is not a role colour")
    return sorted(set(problems))


@pytest.mark.parametrize("module_name", WIDGET_MODULES)
def test_panel_figures_are_labelled_readable_and_on_palette(module_name):
    module = importlib.import_module(f"qinet.widgets.{module_name}")
    factories = [
        obj
        for name, obj in inspect.getmembers(module, inspect.isfunction)
        if name.endswith("_panel") and obj.__module__ == module.__name__
    ]
    assert factories, f"qinet.widgets.{module_name} has no *_panel factory"
    problems = []
    with mpl.rc_context():
        use_style()
        for factory in factories:
            panels = _panels(factory())
            assert panels, f"{factory.__name__}() holds no LivePanel"
            for panel in panels:
                panel.figure.canvas.draw()
                for index, ax in enumerate(panel.figure.axes):
                    if not ax.get_visible():
                        continue
                    where = f"{factory.__name__}, axes {index}"
                    problems += [f"{where}: {p}" for p in _axis_problems(ax) + _colour_problems(ax)]
                small = {
                    t.get_text()
                    for t in panel.figure.findobj(Text)
                    if t.get_visible() and t.get_text().strip() and t.get_fontsize() < MIN_FONT_PT
                }
                problems += [
                    f"{factory.__name__}: text {text!r} is under {MIN_FONT_PT:.0f} pt" for text in sorted(small)
                ]
    assert not problems, "\n".join(problems)
