"""Panels for BB84: key rate over distance against the bounds, and Eve's effect on a real run."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from matplotlib.figure import Figure
from numpy.typing import ArrayLike

from qinet import bounds, keyrates, links, qkd
from qinet.plots import qkd as plots
from qinet.widgets._controls import checked_int_slider, checked_log_slider, checked_slider
from qinet.widgets.panel import LivePanel

_LENGTHS = np.linspace(0.0, 250.0, 101)
_QBERS = np.linspace(0.0, 0.2, 201)


@lru_cache(maxsize=1)
def _secret_fraction_curve() -> tuple[np.ndarray, np.ndarray, float]:
    return _QBERS, np.asarray(bounds.shor_preskill_rate(_QBERS)), bounds.shor_preskill_threshold()


def _reach(rates: ArrayLike) -> str:
    positive = np.nonzero(np.asarray(rates) > 0)[0]
    if positive.size == 0:
        return "no key"
    if positive[-1] == _LENGTHS.size - 1:
        return f"beyond {_LENGTHS[-1]:.0f} km"
    return f"≈ {_LENGTHS[positive[-1]]:.0f} km"


def key_rate_panel(
    *,
    attenuation_db_per_km: float = keyrates.GYS["attenuation_db_per_km"],
    detector_efficiency: float = keyrates.GYS["detector_efficiency"],
    dark_count: float = keyrates.GYS["dark_count"],
    misalignment: float = keyrates.GYS["misalignment"],
    ec_efficiency: float = keyrates.GYS["ec_efficiency"],
) -> LivePanel:
    """BB84 secret bits per pulse over fibre for single photons, weak pulses with and without decoys
    (:mod:`qinet.keyrates`), against the PLOB and TGW bounds of the fibre. Decoys are shown twice: the
    many-decoy limit (μ optimised at each length) and vacuum + one weak decoy (μ = 0.48, ν = 0.1,
    Ma et al. 2005). Defaults: the GYS parameters used by Lo, Ma & Chen (2005)."""

    def draw(
        fig: Figure,
        attenuation_db_per_km: float,
        detector_efficiency: float,
        dark_count: float,
        misalignment: float,
        ec_efficiency: float,
    ) -> str:
        p = {
            "attenuation_db_per_km": attenuation_db_per_km,
            "detector_efficiency": detector_efficiency,
            "dark_count": dark_count,
            "misalignment": misalignment,
            "ec_efficiency": ec_efficiency,
        }
        eta = links.fiber_transmittance(_LENGTHS, attenuation_db_per_km)
        curves = {
            "single_photon": keyrates.single_photon_rate(_LENGTHS, **p),
            "decoy": keyrates.decoy_rate(_LENGTHS, mu=None, **p),
            "two_decoy": keyrates.two_decoy_rate(_LENGTHS, **p),
            "no_decoy": keyrates.no_decoy_rate(_LENGTHS, **p),
            "plob": bounds.plob_bound(eta),
            "tgw": bounds.tgw_bound(eta),
        }
        plots.key_rates(_LENGTHS, curves, ylim=(1e-10, 1e3), ax=fig.axes[0])
        return (
            f"Key reaches zero near: single photons <b>{_reach(curves['single_photon'])}</b>, "
            f"decoys <b>{_reach(curves['decoy'])}</b> (many-decoy limit; vacuum + weak decoy "
            f"<b>{_reach(curves['two_decoy'])}</b>), no decoys <b>{_reach(curves['no_decoy'])}</b> (grid of 2.5 km)."
        )

    controls = {
        "attenuation_db_per_km": checked_slider(
            "attenuation_db_per_km", "fibre loss (dB/km)", attenuation_db_per_km, 0.15, 0.40, 0.01
        ),
        "detector_efficiency": checked_slider(
            "detector_efficiency", "detector efficiency", detector_efficiency, 0.01, 0.90, 0.005
        ),
        "dark_count": checked_log_slider("dark_count", "dark counts Y0 (per pulse)", dark_count, 1e-8, 1e-3),
        "misalignment": checked_slider("misalignment", "misalignment e_d", misalignment, 0.0, 0.10, 0.001),
        "ec_efficiency": checked_slider("ec_efficiency", "EC inefficiency f", ec_efficiency, 1.0, 1.6, 0.01),
    }
    return LivePanel(draw, controls, figsize=(7.5, 4.0))


def eve_panel(
    *, eve_fraction: float = 0.2, channel_error: float = 0.0, n_qubits: int = 4000, seed: int = 7
) -> LivePanel:
    """A real BB84 run on Aer (:func:`qinet.qkd.bb84`) as Eve's intercept fraction and the channel noise
    change: the sampled QBER on the secret-fraction curve (left) and the first sifted bits (right)."""
    q, r, threshold = _secret_fraction_curve()

    def draw(fig: Figure, eve_fraction: float, channel_error: float, n_qubits: int) -> str:
        run = qkd.bb84(int(n_qubits), eve_fraction=eve_fraction, channel_error=channel_error, seed=seed)
        plots.secret_fraction(q, r, threshold=threshold, mark=(min(run.qber, 0.2), run.secret_fraction), ax=fig.axes[0])
        plots.key_strips({"Alice": run.key_alice, "Bob": run.key_bob}, n_show=40, ax=fig.axes[1])
        expected = qkd.expected_qber(eve_fraction, channel_error)
        verdict = "abort: no secret key" if run.secret_fraction == 0 else "keep going"
        return (
            f"QBER on a sample of {run.sample_size} bits: "
            f"<b>{100 * run.qber:.2f} ± {100 * run.qber_error:.2f} %</b> (expected {100 * expected:.2f} %); "
            f"asymptotic secret fraction <b>{run.secret_fraction:.3f}</b> → {verdict}."
        )

    controls = {
        "eve_fraction": checked_slider("eve_fraction", "Eve intercepts", eve_fraction, 0.0, 1.0, 0.05),
        "channel_error": checked_slider("channel_error", "channel flip prob.", channel_error, 0.0, 0.15, 0.005),
        "n_qubits": checked_int_slider("n_qubits", "qubits sent", n_qubits, 1000, 10000, 1000),
    }
    return LivePanel(draw, controls, ncols=2, figsize=(9.0, 3.4))
