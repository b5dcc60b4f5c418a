"""Panels for fibre links: how much light survives, pair rates against the repeaterless bounds,
and a Bell pair's CHSH value over a noisy fibre measured on Aer."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from qinet import bounds, entangle, links, states
from qinet._validate import positive_int
from qinet._validate import seed as _seed
from qinet.plots import fiber as plots
from qinet.widgets._controls import MAX_PANEL_SHOTS, checked_log_slider, checked_slider
from qinet.widgets.panel import LivePanel

_LENGTHS = np.linspace(0.0, 1000.0, 201)
_SHORT = np.linspace(0.0, 300.0, 151)
LABELS = {"direct": "direct pairs (source + detectors)", "plob": "PLOB bound", "tgw": "TGW bound"}


def fiber_transmittance_panel(*, length_km: float = 100.0, attenuation_db_per_km: float = 0.2) -> LivePanel:
    """How much light survives ``length_km`` of fibre (:func:`qinet.links.fiber_transmittance`),
    and how long it takes (:func:`qinet.links.fiber_delay`).

    Examples
    --------
    >>> panel = fiber_transmittance_panel(length_km=100.0)
    >>> "<b>1 %</b>" in panel.readout.value
    True
    >>> panel.controls["length_km"].value = 200.0
    >>> "<b>0.01 %</b>" in panel.readout.value
    True
    """
    controls = {
        "length_km": checked_slider("length_km", "length (km)", length_km, 0.0, 300.0, 5.0),
        "attenuation_db_per_km": checked_slider(
            "attenuation_db_per_km", "loss (dB/km)", attenuation_db_per_km, 0.14, 0.4, 0.01
        ),
    }

    def draw(fig: Figure, length_km: float, attenuation_db_per_km: float) -> str:
        eta = links.fiber_transmittance(_SHORT, attenuation_db_per_km)
        plots.transmittance(_SHORT, np.maximum(eta, 1e-300), marks_km=[length_km], ax=fig.axes[0])
        fig.axes[0].set_ylim(max(float(np.asarray(eta)[-1]), 1e-300) / 3, 2)
        here = links.fiber_transmittance(length_km, attenuation_db_per_km)
        one_in = f"one photon in {1 / here:,.0f}" if here > 0 else "no photon"
        return (
            f"After {length_km:.0f} km at {attenuation_db_per_km:.2f} dB/km: <b>{100 * here:.3g} %</b> of the "
            f"photons survive ({one_in} arrives), after {1e3 * links.fiber_delay(length_km):.3f} ms."
        )

    return LivePanel(draw, controls, figsize=(7.0, 3.4))


def fiber_link_panel(
    *,
    length_km: float = 100.0,
    attenuation_db_per_km: float = 0.2,
    source_rate_hz: float = 1e9,
    detector_efficiency: float = 0.8,
) -> LivePanel:
    """Pairs per second delivered by a source in the middle of a fibre (:func:`qinet.links.direct_pair_rate`)
    against the PLOB and TGW repeaterless bounds (:mod:`qinet.bounds`), both taken at one channel
    use per emitted pair, on a log scale to 1,000 km.

    Examples
    --------
    >>> panel = fiber_link_panel(length_km=100.0, source_rate_hz=1e6, detector_efficiency=1.0)
    >>> "<b>1e+04 pairs/s</b>" in panel.readout.value
    True
    """
    controls = {
        "length_km": checked_slider("length_km", "length (km)", length_km, 0.0, 1000.0, 10.0),
        "attenuation_db_per_km": checked_slider(
            "attenuation_db_per_km", "loss (dB/km)", attenuation_db_per_km, 0.14, 0.4, 0.01
        ),
        "source_rate_hz": checked_log_slider("source_rate_hz", "source (pairs/s)", source_rate_hz, 1e3, 1e10),
        "detector_efficiency": checked_slider(
            "detector_efficiency", "detector efficiency", detector_efficiency, 0.05, 1.0, 0.05
        ),
    }

    def draw(
        fig: Figure, length_km: float, attenuation_db_per_km: float, source_rate_hz: float, detector_efficiency: float
    ) -> str:
        eta = links.fiber_transmittance(_LENGTHS, attenuation_db_per_km)
        curves = {
            "direct": links.direct_pair_rate(
                _LENGTHS,
                source_rate_hz,
                detector_efficiency=detector_efficiency,
                attenuation_db_per_km=attenuation_db_per_km,
            ),
            "plob": source_rate_hz * bounds.plob_bound(eta),
            "tgw": source_rate_hz * bounds.tgw_bound(eta),
        }
        plots.rates_vs_distance(_LENGTHS, curves, labels=LABELS, mark_km=length_km, ax=fig.axes[0])
        fig.axes[0].set_ylim(max(float(np.asarray(curves["direct"])[-1]), 1e-300) / 10, 10 * source_rate_hz)
        rate = links.direct_pair_rate(
            length_km,
            source_rate_hz,
            detector_efficiency=detector_efficiency,
            attenuation_db_per_km=attenuation_db_per_km,
        )
        plob = source_rate_hz * bounds.plob_bound(links.fiber_transmittance(length_km, attenuation_db_per_km))
        wait = f"one pair every {1 / rate:.3g} s" if rate > 0 else "no pairs"
        return (
            f"At {length_km:.0f} km: <b>{rate:.3g} pairs/s</b> ({wait}); no repeaterless scheme can beat "
            f"{plob:.3g} ebits/s (PLOB) at {source_rate_hz:.2g} channel uses per second."
        )

    return LivePanel(draw, controls, figsize=(7.5, 3.8))


def noisy_pair_panel(
    *, length_km: float = 100.0, depolarizing_per_km: float = 2e-3, shots: int = 1000, seed: int = 7
) -> LivePanel:
    """CHSH value of a pair sent over a fibre that depolarizes each photon with a fixed probability per
    km (:func:`qinet.entangle.fiber_pair_visibility`, an illustrative toy noise model, not a measured
    property of fibre), measured on Aer (:func:`qinet.entangle.chsh`) against the Werner prediction
    ``S = 2√2 V``.

    Examples
    --------
    >>> panel = noisy_pair_panel(length_km=0.0)
    >>> "V = 1.000" in panel.readout.value
    True
    """
    controls = {
        "length_km": checked_slider("length_km", "length (km)", length_km, 0.0, 1000.0, 10.0),
        "depolarizing_per_km": checked_log_slider(
            "depolarizing_per_km", "depolarizing per km", depolarizing_per_km, 1e-4, 1e-2
        ),
    }
    shots = positive_int("shots", shots, maximum=MAX_PANEL_SHOTS)
    seed = _seed(seed)

    def draw(fig: Figure, length_km: float, depolarizing_per_km: float) -> str:
        visibility = float(entangle.fiber_pair_visibility(length_km, depolarizing_per_km))
        result = entangle.chsh(round(visibility, 4), shots=shots, seed=seed)
        curve = entangle.predicted_chsh(entangle.fiber_pair_visibility(_LENGTHS, depolarizing_per_km))
        plots.chsh_vs_distance(
            _LENGTHS, curve, measured_km=[length_km], measured=[result.chsh], stderr=[result.chsh_error], ax=fig.axes[0]
        )
        fidelity = states.werner_fidelity(visibility)
        verdict = "violates" if result.chsh - 2 * result.chsh_error > 2 else "does not clearly violate"
        return (
            f"V = {visibility:.3f} (pair fidelity {fidelity:.3f}); measured <b>S = {result.chsh:.3f} ± "
            f"{result.chsh_error:.3f}</b> on Aer, predicted {result.predicted:.3f}: it {verdict} the local bound 2."
        )

    return LivePanel(draw, controls, figsize=(7.0, 3.6))
