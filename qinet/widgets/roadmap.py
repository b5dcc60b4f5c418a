"""Panel for the road map: choose a link's fidelity, the memories' coherence time, the distance and the
detectors, and see which applications become possible, at what rate, and why
(:func:`qinet.applications.application_feasibility`)."""

from __future__ import annotations

from html import escape

import numpy as np
from matplotlib.figure import Figure

from qinet import applications
from qinet._validate import number
from qinet.plots import roadmap as plots
from qinet.widgets._controls import checked_log_slider, checked_slider
from qinet.widgets.panel import LivePanel

_LENGTHS = np.linspace(0.0, 500.0, 126)


def roadmap_panel(
    *,
    fidelity: float = 0.9,
    t2_s: float = 1e-2,
    length_km: float = 100.0,
    detector_efficiency: float = 1.0,
    min_rate_hz: float = 1.0,
) -> LivePanel:
    """Link fidelity F, memory coherence T₂, distance L and detector efficiency → which applications work.

    Left: each application's margin (quality and rate over what is needed). Right: the usable rate of each
    application against distance (key bits or pairs per second, at a million pairs or attempts per second),
    with the rate asked for. The reasons are listed below.
    """
    min_rate_hz = float(number("min_rate_hz", min_rate_hz, 0.0, 1e6))

    def draw(fig: Figure, fidelity: float, t2_s: float, length_km: float, detector_efficiency: float) -> str:
        verdicts = applications.application_feasibility(
            fidelity, t2_s, length_km, detector_efficiency=detector_efficiency, min_rate_hz=min_rate_hz
        )
        plots.feasibility(verdicts, ax=fig.axes[0])
        use = applications.link_use(fidelity, t2_s, _LENGTHS, detector_efficiency=detector_efficiency)
        keeps = use.teleportation_fidelity > applications.CLASSICAL_TELEPORTATION_LIMIT
        rates = {
            "teleportation": np.where(keeps, use.memory_pair_rate_hz, 0.0),
            "bb84": use.bb84_key_rate_hz,
            "di-qkd": np.maximum(use.di_photon_key_rate_hz, use.di_memory_key_rate_hz),
        }
        plots.rates_vs_distance(_LENGTHS, rates, min_rate_hz=min_rate_hz, mark_km=length_km, ax=fig.axes[1])
        items = "".join(
            f"<li>{'✓' if v.possible else '✗'} <b>{escape(v.label)}</b> (stage {v.stage}): {escape(v.reason)}</li>"
            for v in verdicts
        )
        return f"<ul style='margin:0'>{items}</ul>"

    controls = {
        "fidelity": checked_slider("fidelity", "link fidelity F", fidelity, 0.25, 1.0, 0.005),
        "t2_s": checked_log_slider("t2_s", "memory T₂ (s)", t2_s, 1e-5, 1e3),
        "length_km": checked_slider("length_km", "distance L (km)", length_km, 0.0, 500.0, 5.0),
        "detector_efficiency": checked_slider(
            "detector_efficiency", "detector efficiency", detector_efficiency, 0.05, 1.0, 0.01
        ),
    }
    controls["fidelity"].readout_format = ".3f"
    return LivePanel(draw, controls, ncols=2, figsize=(10.0, 3.4))
