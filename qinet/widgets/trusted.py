"""Panels for E91, the detection loophole and device-independent QKD, and trusted-node chains."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from matplotlib.figure import Figure

from qinet import bounds, e91, keyrates, loopholes, trusted
from qinet._validate import seed as _seed
from qinet.plots import trusted as plots
from qinet.widgets._controls import checked_dropdown, checked_int_slider, checked_log_slider, checked_slider
from qinet.widgets.panel import LivePanel

_VISIBILITIES = np.linspace(0.7, 1.0, 151)


@lru_cache(maxsize=1)
def _di_curve() -> tuple[np.ndarray, np.ndarray, bounds.WernerThreshold]:
    return _VISIBILITIES, np.asarray(bounds.di_qkd_werner_rate(_VISIBILITIES)), bounds.di_qkd_werner_threshold()


def e91_panel(*, visibility: float = 0.95, eve_fraction: float = 0.0, n_pairs: int = 3000, seed: int = 7) -> LivePanel:
    """A real E91 run on Aer (:func:`qinet.e91.e91`): the measured |S| with its error bar (left) and the
    device-independent key fraction against visibility with this run's point (right)."""
    seed = _seed(seed)
    v, r, threshold = _di_curve()

    def draw(fig: Figure, visibility: float, eve_fraction: float, n_pairs: int) -> str:
        run = e91.e91(int(n_pairs), visibility=visibility, eve_fraction=eve_fraction, seed=seed)
        plots.chsh_value(run.chsh, run.chsh_error, di_threshold=threshold.chsh, ax=fig.axes[0])
        plots.di_rate(v, r, threshold=threshold.visibility, mark=(visibility, run.secret_fraction), ax=fig.axes[1])
        sigmas = (run.chsh - 2) / run.chsh_error
        return (
            f"|S| = <b>{run.chsh:.3f} ± {run.chsh_error:.3f}</b> ({sigmas:+.1f} σ from the local bound 2); "
            f"QBER <b>{100 * run.qber:.2f} %</b> on {run.key_alice.size} key rounds; "
            f"DI key fraction <b>{run.secret_fraction:.3f}</b>."
        )

    controls = {
        "visibility": checked_slider("visibility", "visibility V", visibility, 0.5, 1.0, 0.01),
        "eve_fraction": checked_slider("eve_fraction", "Eve intercepts", eve_fraction, 0.0, 1.0, 0.05),
        "n_pairs": checked_int_slider("n_pairs", "pairs", n_pairs, 1000, 10000, 1000),
    }
    return LivePanel(draw, controls, ncols=2, figsize=(9.0, 3.4))


def trusted_chain_panel(
    *,
    total_km: float = 2000.0,
    n_relays: int = 32,
    long_hop_km: float = 0.0,
    pulse_rate_hz: float = 1e9,
    model: str = "decoy",
) -> LivePanel:
    """A trusted-node chain (:func:`qinet.trusted.trusted_chain_rate`): each hop's key rate and the
    end-to-end rate (the slowest hop), against one direct link over the whole distance. With
    ``long_hop_km`` > 0 the middle hop has that length and the others share the rest."""

    def draw(fig: Figure, total_km: float, n_relays: int, long_hop_km: float, pulse_rate_hz: float, model: str) -> str:
        rate, n = keyrates.MODELS[model], int(n_relays)
        hop_km = trusted.hop_lengths(total_km, n)
        if long_hop_km > 0 and n > 0:
            hop_km = trusted.hop_lengths_with_long_hop(total_km, n, min(long_hop_km, total_km))
        hops, end_to_end = trusted.trusted_chain_rate(total_km, n, rate, pulse_rate_hz=pulse_rate_hz, hop_km=hop_km)
        direct = float(rate(total_km)) * pulse_rate_hz
        plots.hop_rates(hop_km, hops, end_to_end=max(end_to_end, 1e-12), direct=direct, ax=fig.axes[0])
        who = f"All <b>{n}</b> relays hold the key in the clear." if n else "No relay: a single QKD link."
        return (
            f"{n + 1} hop(s), longest {hop_km.max():.0f} km: end-to-end <b>{end_to_end:,.3g} bit/s</b> "
            f"(one direct link: {direct:,.3g} bit/s). {who}"
        )

    controls = {
        "total_km": checked_slider("total_km", "total distance (km)", total_km, 50.0, 3000.0, 50.0),
        "n_relays": checked_int_slider("n_relays", "trusted relays", n_relays, 0, 60),
        "long_hop_km": checked_slider("long_hop_km", "one hop stretched to (km)", long_hop_km, 0.0, 200.0, 5.0),
        "pulse_rate_hz": checked_log_slider("pulse_rate_hz", "pulse rate (Hz)", pulse_rate_hz, 1e7, 1e10),
        "model": checked_dropdown(
            "model",
            "link model",
            {"decoy BB84 (GYS)": "decoy", "single photons": "single_photon", "no decoys (GYS)": "no_decoy"},
            model,
        ),
    }
    return LivePanel(draw, controls, figsize=(7.5, 3.6))


def detection_panel(
    *, detector_efficiency: float = 0.98, visibility: float = 0.99, length_km: float = 1.0
) -> LivePanel:
    """The detection loophole (:mod:`qinet.loopholes`): |S| against the detection efficiency of each side
    with this setting's point (left), and the device-independent key fraction against the fibre between
    the parties for photons measured at the ends and for heralded memories read out locally (right)."""
    efficiencies, lengths = np.linspace(0.6, 1.0, 201), np.logspace(-2, 3, 200)

    def draw(fig: Figure, detector_efficiency: float, visibility: float, length_km: float) -> str:
        overall = float(loopholes.side_efficiency(length_km, detector_efficiency))
        chsh = float(loopholes.chsh_with_efficiency(overall, visibility))
        has_key = bounds.di_qkd_werner_rate(visibility) > 0
        di = loopholes.di_efficiency_threshold(visibility) if has_key else None
        plots.chsh_against_efficiency(
            efficiencies,
            loopholes.chsh_with_efficiency(efficiencies, visibility),
            bell=loopholes.bell_efficiency_threshold(visibility),
            di=di,
            current=(overall, chsh),
            ax=fig.axes[0],
        )
        photonic = loopholes.di_rate_with_efficiency(
            loopholes.side_efficiency(lengths, detector_efficiency), visibility
        )
        heralded = float(loopholes.di_rate_with_efficiency(detector_efficiency, visibility))
        curves = {"photons measured at the ends": photonic, "heralded memories": np.full_like(lengths, heralded)}
        plots.key_fractions(
            lengths, curves, xlabel="fibre between the parties (km)", log_x=True, mark=length_km, ax=fig.axes[1]
        )
        reach = loopholes.photonic_reach_km(detector_efficiency, visibility) if di else 0.0
        return (
            f"Each side detects <b>{overall:.1%}</b> of its photons: S = <b>{chsh:.3f}</b>, DI key fraction "
            f"<b>{float(loopholes.di_rate_with_efficiency(overall, visibility)):.3f}</b>. Photons give key up to "
            f"<b>{reach:.2f} km</b>; heralded memories keep <b>{heralded:.3f}</b> at any distance (only the rate "
            "of heralds falls)."
        )

    controls = {
        "detector_efficiency": checked_slider(
            "detector_efficiency", "detector efficiency", detector_efficiency, 0.80, 1.0, 0.005
        ),
        "visibility": checked_slider("visibility", "visibility V", visibility, 0.8, 1.0, 0.005),
        "length_km": checked_log_slider("length_km", "fibre (km)", length_km, 0.01, 1000.0),
    }
    return LivePanel(draw, controls, ncols=2, figsize=(9.0, 3.4))
