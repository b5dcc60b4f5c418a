"""Panel for the road map: choose a link's fidelity, the memories' coherence time and the distance,
and see which applications become possible, and why (:func:`qinet.roadmap.application_feasibility`)."""

from __future__ import annotations

from html import escape

import numpy as np
from matplotlib.figure import Figure

from qinet import links, roadmap, states
from qinet.plots import roadmap as plots
from qinet.widgets.panel import LivePanel, log_slider, slider

_LENGTHS = np.linspace(0.0, 1000.0, 201)


def roadmap_panel(*, fidelity: float = 0.9, t2_s: float = 1e-2, length_km: float = 100.0) -> LivePanel:
    """Link fidelity F, memory coherence T₂ and distance L → which applications work.

    Left: each application's margin over its threshold (teleportation above 2/3 after storage during
    the heralding time, BB84 below 11 % QBER, DI-QKD above S ≈ 2.42, memory outliving the heralding
    round trip). Right: the teleportation fidelity after storage against distance.
    """

    def draw(fig: Figure, fidelity: float, t2_s: float, length_km: float) -> str:
        verdicts = roadmap.application_feasibility(fidelity, t2_s, length_km)
        plots.feasibility(verdicts, ax=fig.axes[0])
        stored = states.stored_fidelity(fidelity, links.heralding_time(_LENGTHS), t2_s)
        plots.teleportation_vs_distance(
            _LENGTHS,
            states.teleportation_fidelity(stored),
            label=f"T₂ = {t2_s:.2g} s",
            mark_km=length_km,
            ax=fig.axes[1],
        )
        items = "".join(
            f"<li>{'✓' if v.possible else '✗'} <b>{escape(v.label)}</b>: {escape(v.reason)}</li>" for v in verdicts
        )
        return f"<ul style='margin:0'>{items}</ul>"

    controls = {
        "fidelity": slider("link fidelity F", fidelity, 0.25, 1.0, 0.005, readout_format=".3f"),
        "t2_s": log_slider("memory T₂ (s)", t2_s, 1e-5, 1e3),
        "length_km": slider("distance L (km)", length_km, 0.0, 1000.0, 10.0),
    }
    return LivePanel(draw, controls, ncols=2, figsize=(10.0, 3.4))
