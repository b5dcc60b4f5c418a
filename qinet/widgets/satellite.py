"""Panels for satellite links: the downlink budget and a pass over two ground stations."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np
from matplotlib.figure import Figure

from qinet import links, measurements, orbits
from qinet.plots import satellite as plots
from qinet.plots.style import measured
from qinet.widgets._controls import checked_log_slider, checked_slider
from qinet.widgets.panel import LivePanel

_ELEVATIONS = np.linspace(5.0, 90.0, 86)
_DOWNLINKS = (measurements.get("yin2017prl-downlink-530km"), measurements.get("yin2017prl-downlink-1000km"))


def downlink_panel(
    *,
    altitude_km: float = 500.0,
    elevation_deg: float = 30.0,
    divergence_urad: float = 10.0,
    rx_aperture_m: float = 1.2,
    zenith_transmittance: float = 0.8,
    extra_loss_db: float = links.MICIUS_EXTRA_LOSS_DB,
) -> LivePanel:
    """Downlink loss against elevation, split into geometric, atmospheric and fixed parts
    (:func:`qinet.links.satellite_downlink`), with the budget at the chosen elevation and the
    measured Micius downlinks (Yin et al., PRL 2017; open diamonds) placed at the elevations their
    slant ranges have at the chosen altitude.

    Examples
    --------
    >>> panel = downlink_panel()
    >>> panel.controls["extra_loss_db"].value = 3.0
    >>> "fixed 3.0 dB" in panel.readout.value
    True
    """

    def draw(
        fig: Figure,
        altitude_km: float,
        elevation_deg: float,
        divergence_urad: float,
        rx_aperture_m: float,
        zenith_transmittance: float,
        extra_loss_db: float,
    ) -> str:
        kwargs: dict[str, Any] = {
            "divergence_urad": divergence_urad,
            "rx_aperture_m": rx_aperture_m,
            "zenith_transmittance": zenith_transmittance,
            "extra_loss_db": extra_loss_db,
        }
        curve = links.satellite_downlink(altitude_km, _ELEVATIONS, **kwargs)
        here = links.satellite_downlink(altitude_km, elevation_deg, **kwargs)
        plots.loss_vs_elevation(_ELEVATIONS, curve, mark_deg=elevation_deg, ax=fig.axes[0])
        horizon = np.sqrt(altitude_km * (2 * 6371.0 + altitude_km))
        seen = [m for m in _DOWNLINKS if altitude_km <= m.parameters["slant_range_km"] <= horizon]
        if seen:
            ranges = [m.parameters["slant_range_km"] for m in seen]
            elevations = np.asarray(links.elevation_at_range(altitude_km, ranges))
            measured(fig.axes[0], seen, list(elevations), annotate=False, label=None)
        fig.axes[0].set_ylim(0, 60)
        return (
            f"At {elevation_deg:.0f}°: range <b>{here.slant_range_km:.0f} km</b>; geometric "
            f"{here.geometric_db:.1f} dB + atmosphere {here.atmospheric_db:.1f} dB + fixed {here.extra_db:.1f} dB "
            f"= <b>{here.total_db:.1f} dB</b> (one photon in {1 / here.transmittance:,.0f} arrives)."
        )

    controls = {
        "altitude_km": checked_slider("altitude_km", "altitude (km)", altitude_km, 300.0, 1200.0, 10.0),
        "elevation_deg": checked_slider("elevation_deg", "elevation (°)", elevation_deg, 5.0, 90.0, 1.0),
        "divergence_urad": checked_slider("divergence_urad", "divergence (µrad)", divergence_urad, 2.0, 30.0, 0.5),
        "rx_aperture_m": checked_slider("rx_aperture_m", "aperture (m)", rx_aperture_m, 0.2, 2.0, 0.05),
        "zenith_transmittance": checked_slider(
            "zenith_transmittance", "zenith transmittance", zenith_transmittance, 0.3, 1.0, 0.01
        ),
        "extra_loss_db": checked_slider("extra_loss_db", "fixed loss (dB)", extra_loss_db, 0.0, 30.0, 0.1),
    }
    return LivePanel(draw, controls, figsize=(7.0, 3.6))


@lru_cache(maxsize=64)
def _pass(offset_km: float, altitude_km: float) -> orbits.Pass:
    return orbits.satellite_pass(offset_km=offset_km, altitude_km=altitude_km, n_points=361)


def pass_panel(
    *,
    offset_km: float = 100.0,
    altitude_km: float = 500.0,
    min_elevation_deg: float = 10.0,
    source_rate_hz: float = 1e7,
    detector_efficiency: float = 0.5,
    divergence_urad: float = 10.0,
) -> LivePanel:
    """A pass over Delingha and Lijiang: elevations (left) and the pair rate at both stations (right),
    from :func:`qinet.orbits.satellite_pass` and :func:`qinet.orbits.pass_budget` (downlinks with the
    calibrated Micius budget of :func:`qinet.links.satellite_downlink`).

    Examples
    --------
    >>> panel = pass_panel()
    >>> "pairs</b> per pass" in panel.readout.value
    True
    """

    def draw(
        fig: Figure,
        offset_km: float,
        altitude_km: float,
        min_elevation_deg: float,
        source_rate_hz: float,
        detector_efficiency: float,
        divergence_urad: float,
    ) -> str:
        geometry = _pass(float(offset_km), float(altitude_km))
        budget = orbits.pass_budget(
            geometry,
            source_rate_hz=source_rate_hz,
            detector_efficiency=detector_efficiency,
            min_elevation_deg=min_elevation_deg,
            divergence_urad=divergence_urad,
        )
        plots.pass_elevation(geometry, min_elevation_deg=min_elevation_deg, ax=fig.axes[0])
        plots.pass_rate(budget, title=False, ax=fig.axes[1])
        if budget.window_s == 0:
            return "The two stations never see the satellite together above the mask: no pairs on this pass."
        best = float(np.min(budget.total_loss_db))
        return (
            f"Common window <b>{budget.window_s:.0f} s</b>; best summed loss {best:.1f} dB; "
            f"<b>{budget.pairs_per_pass:,.0f} pairs</b> per pass at both stations."
        )

    controls = {
        "offset_km": checked_slider("offset_km", "track offset (km)", offset_km, 0.0, 800.0, 25.0),
        "altitude_km": checked_slider("altitude_km", "altitude (km)", altitude_km, 400.0, 1000.0, 50.0),
        "min_elevation_deg": checked_slider(
            "min_elevation_deg", "elevation mask (°)", min_elevation_deg, 0.0, 40.0, 1.0
        ),
        "source_rate_hz": checked_log_slider("source_rate_hz", "source (pairs/s)", source_rate_hz, 1e5, 1e9),
        "detector_efficiency": checked_slider(
            "detector_efficiency", "detector efficiency", detector_efficiency, 0.05, 1.0, 0.05
        ),
        "divergence_urad": checked_slider("divergence_urad", "divergence (µrad)", divergence_urad, 2.0, 30.0, 0.5),
    }
    return LivePanel(draw, controls, ncols=2, figsize=(8.8, 3.2))
