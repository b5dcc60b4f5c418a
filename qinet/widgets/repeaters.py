"""Panels for repeaters: memories waiting for the other link, and chain rates against distance."""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.figure import Figure

from qinet import bounds, links, repeaters, states
from qinet.plots import repeaters as plots
from qinet.widgets._controls import checked_dropdown, checked_log_slider, checked_slider
from qinet.widgets.panel import LivePanel

_TIMES = np.logspace(-5, 3, 120)


def memory_panel(
    *, length_km: float = 100.0, success_probability: float = 0.01, t2_s: float = 1.0, t1_over_t2: float = 10.0
) -> LivePanel:
    """Two links of ``length_km`` each, attempted every heralding round trip with success probability
    ``p``; the first link's memories wait for the second while relaxing: coherence time T2 and energy
    relaxation time ``T1 = t1_over_t2 × T2`` (at least T2 / 2).

    Shows the fidelity of a stored pair against storage time (:func:`qinet.states.stored_fidelity`,
    both qubits waiting; T2 only, dashed, and with T1) with the round trip, the mean wait and T2, and the
    exact average fidelity of the swapped pair (:func:`qinet.repeaters.two_link_memory`)."""

    def draw(fig: Figure, length_km: float, success_probability: float, t2_s: float, t1_over_t2: float) -> str:
        t1_s = t1_over_t2 * t2_s
        memory = repeaters.two_link_memory(length_km, t2_s, t1_s=t1_s, p=success_probability)
        plots.memory_wait(
            _TIMES,
            states.stored_fidelity(1.0, _TIMES, t2_s, qubits=2),
            round_trip_s=float(memory.attempt_period_s),
            mean_idle_s=float(memory.mean_idle_s),
            average_fidelity=float(memory.mean_fidelity),
            t2_s=t2_s,
            relaxed=states.stored_fidelity(1.0, _TIMES, t2_s, t1_s=t1_s, qubits=2),
            legend=False,
            ax=fig.axes[0],
        )
        idle = float(memory.mean_idle_s)
        if idle == 0.0:
            verdict = "with p = 1 both links succeed at every attempt, so no memory ever waits"
        elif t2_s >= 10 * idle:
            verdict = f"the memory outlives the typical wait (T₂ = {t2_s / idle:.3g} × mean wait)"
        else:
            verdict = f"<b>the memory forgets</b> before the other link is ready (T₂ = {t2_s / idle:.2g} × mean wait)"
        return (
            "Vertical lines: round trip (dotted), mean wait (dashed), T₂ (dash-dotted); horizontal: average "
            "swapped fidelity.<br>"
            f"Round trip {memory.attempt_period_s * 1e3:.3g} ms; both links up after "
            f"{memory.mean_wait_s * 1e3:,.4g} ms on average; the first waits {idle * 1e3:,.4g} ms; "
            f"T₁ = {t1_s:.3g} s; average swapped fidelity <b>{memory.mean_fidelity:.4f}</b>: {verdict}."
        )

    controls = {
        # 5 km steps: a 1 km step moves the waits by less than a pixel, and the picture would not change
        "length_km": checked_slider("length_km", "link length (km)", length_km, 5.0, 300.0, 5.0),
        "success_probability": checked_log_slider(
            "success_probability", "success probability p", success_probability, 1e-4, 1.0
        ),
        "t2_s": checked_log_slider("t2_s", "memory T₂ (s)", t2_s, 1e-4, 1e3),
        "t1_over_t2": checked_log_slider("t1_over_t2", "T₁ / T₂", t1_over_t2, 0.5, 1e3),
    }
    return LivePanel(draw, controls, figsize=(7.5, 3.8))


_DISTANCES = np.linspace(1.0, 1500.0, 150)
_LINKS = {str(n): n for n in (1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024)}


def chain_rate_panel(
    *, n_links: int = 8, detector_efficiency: float = 0.9, swap_success: float = 1.0, attenuation_db_per_km: float = 0.2
) -> LivePanel:
    """Pairs per channel use against distance: a chain of ``n_links`` links
    (:func:`qinet.repeaters.rate_per_use`), direct transmission ``η_d² η(L)`` and the PLOB bound
    ``−log₂(1 − η(L))`` (:func:`qinet.bounds.plob_bound`), with the distance where the chain overtakes
    the bound (:func:`qinet.repeaters.plob_crossover_km`)."""

    if n_links not in _LINKS.values():
        raise ValueError(f"n_links must be one of {', '.join(_LINKS)}, got {n_links!r}")

    def draw(
        fig: Figure, n_links: int, detector_efficiency: float, swap_success: float, attenuation_db_per_km: float
    ) -> str:
        eta = links.fiber_transmittance(_DISTANCES, attenuation_db_per_km)
        kwargs: dict[str, Any] = {
            "detector_efficiency": detector_efficiency,
            "attenuation_db_per_km": attenuation_db_per_km,
        }
        rates = {
            "PLOB bound": bounds.plob_bound(eta),
            "direct": links.direct_pair_rate(_DISTANCES, 1.0, **kwargs),  # pairs per channel use
            f"chain of {n_links} links": repeaters.rate_per_use(
                _DISTANCES, n_links, swap_success=swap_success, **kwargs
            ),
        }
        crossover = repeaters.plob_crossover_km(n_links, swap_success=swap_success, **kwargs) if n_links > 1 else None
        crossover = crossover if crossover is not None and np.isfinite(crossover) else None  # nan: no crossover
        plots.rate_vs_distance(_DISTANCES, rates, crossover_km=crossover, ax=fig.axes[0])
        fig.axes[0].set_ylim(1e-30, 2.0)
        at = float(np.asarray(rates[f"chain of {n_links} links"])[np.searchsorted(_DISTANCES, 1000.0)])
        where = "never" if crossover is None else f"beyond {crossover:.0f} km"
        return (
            f"At 1,000 km the chain delivers <b>{at:.3g}</b> pairs per channel use; the PLOB bound allows "
            f"{float(bounds.plob_bound(links.fiber_transmittance(1000.0, attenuation_db_per_km))):.3g}. "
            f"The chain beats the bound {where}."
        )

    controls = {
        "n_links": checked_dropdown("n_links", "links", _LINKS, n_links),
        "detector_efficiency": checked_slider(
            "detector_efficiency", "efficiency η_d", detector_efficiency, 0.1, 1.0, 0.05
        ),
        "swap_success": checked_slider("swap_success", "swap success a", swap_success, 0.05, 1.0, 0.05),
        "attenuation_db_per_km": checked_slider(
            "attenuation_db_per_km", "fibre loss (dB/km)", attenuation_db_per_km, 0.14, 0.4, 0.01
        ),
    }
    return LivePanel(draw, controls, figsize=(7.5, 3.8))
