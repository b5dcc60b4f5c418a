"""Panels for purification (BBPSSW / DEJMPS, purify-then-swap) and the three repeater generations."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np
from matplotlib.figure import Figure

from qinet import generations, links, purification, states
from qinet.plots import purification as plots
from qinet.widgets._controls import checked_dropdown, checked_int_slider, checked_log_slider, checked_slider
from qinet.widgets.panel import LivePanel

_PROTOCOLS = {"DEJMPS": "dejmps", "BBPSSW": "bbpssw"}


@lru_cache(maxsize=256)
def _aer_round(protocol: str, fidelity: float) -> float:
    return purification.purify(protocol, fidelity).fidelity


def purification_panel(
    *, fidelity: float = 0.8, rounds: int = 4, n_links: int = 4, protocol: str = "dejmps"
) -> LivePanel:
    """Left: fidelity after each round for both protocols (:func:`qinet.states.purify`), with the first
    round evaluated as a circuit on Aer (:func:`qinet.purification.purify`). Right: purify every link,
    then swap along ``n_links`` links (:func:`qinet.generations.purify_then_swap`)."""

    def draw(fig: Figure, fidelity: float, rounds: int, n_links: int, protocol: str) -> str:
        curves = {name: states.purify(fidelity, rounds, name).fidelities for name in ("bbpssw", "dejmps")}
        plots.fidelity_by_round(curves, ax=fig.axes[0])
        aer = _aer_round(protocol, round(float(fidelity), 3))
        fig.axes[0].plot(
            1,
            aer,
            "o",
            ms=11,
            mfc="none",
            mew=2,
            color=plots.COLORS["source"],
            label=f"{protocol.upper()} circuit on Aer",
        )
        fig.axes[0].legend(loc="lower right")
        fig.axes[0].set_ylim(0.25, 1.0)
        chain = generations.purify_then_swap(fidelity, n_links, rounds, protocol=protocol)
        plots.purify_then_swap(chain, annotate=False, legend=False, ax=fig.axes[1])
        note = "" if fidelity > 0.5 else " Below F = 1/2 purification makes pairs <b>worse</b>."
        return (
            f"One {protocol.upper()} round on Aer: F' = {aer:.4f}. Right: one link (dashed) after {rounds} "
            f"rounds has "
            f"F = {chain.link_fidelity[-1]:.4f}; end to end (solid) over {n_links} links "
            f"F = {chain.end_fidelity[-1]:.4f} "
            f"for {chain.raw_pairs[-1]:,.0f} raw pairs.{note}"
        )

    controls = {
        "fidelity": checked_slider("fidelity", "raw fidelity F", fidelity, 0.3, 0.99, 0.01),
        "rounds": checked_int_slider("rounds", "rounds", rounds, 1, 8),
        "n_links": checked_int_slider("n_links", "links", n_links, 1, 16),
        "protocol": checked_dropdown("protocol", "swap chain uses", _PROTOCOLS, protocol),
    }
    return LivePanel(draw, controls, ncols=2, figsize=(8.8, 3.2))


_DISTANCES = np.linspace(10.0, 5000.0, 120)


def generations_panel(
    *,
    detector_efficiency: float = 0.9,
    purification_rounds: int = 1,
    node_spacing_2g_km: float = 20.0,
    node_spacing_3g_km: float = 1.5,
    code_size_3g: int = 15,
) -> LivePanel:
    """Rate against distance for the three generations' simplified models in :mod:`qinet.generations`
    (1G with the classical signalling of every nesting level; 3G an upper bound for an idealised code),
    with direct transmission from a 10⁹ pairs/s source (:func:`qinet.links.direct_pair_rate`) for reference."""

    def draw(
        fig: Figure,
        detector_efficiency: float,
        purification_rounds: int,
        node_spacing_2g_km: float,
        node_spacing_3g_km: float,
        code_size_3g: int,
    ) -> str:
        eff: dict[str, Any] = {"detector_efficiency": detector_efficiency}
        rates = {
            "1G (best nesting)": generations.first_generation_rate(
                _DISTANCES, purification_rounds=purification_rounds, **eff
            ),
            "2G": generations.second_generation_rate(_DISTANCES, node_spacing_2g_km, **eff),
            "3G (upper bound)": generations.third_generation_rate(
                _DISTANCES, node_spacing_3g_km, code_size=code_size_3g, **eff
            ),
            "direct, 10⁹ pairs/s": links.direct_pair_rate(_DISTANCES, 1e9, **eff),
        }
        plots.generation_rates(_DISTANCES, rates, ax=fig.axes[0])
        fig.axes[0].set_ylim(1e-6, 1e8)
        at = {name: float(np.asarray(values)[np.searchsorted(_DISTANCES, 1000.0)]) for name, values in rates.items()}
        return "At 1,000 km: " + "; ".join(f"{name} <b>{value:.3g}</b>/s" for name, value in at.items())

    controls = {
        "detector_efficiency": checked_slider(
            "detector_efficiency", "efficiency η_d", detector_efficiency, 0.5, 1.0, 0.01
        ),
        "purification_rounds": checked_int_slider(
            "purification_rounds", "1G purification rounds", purification_rounds, 0, 4
        ),
        "node_spacing_2g_km": checked_slider(
            "node_spacing_2g_km", "2G spacing (km)", node_spacing_2g_km, 5.0, 100.0, 5.0
        ),
        "node_spacing_3g_km": checked_log_slider(
            "node_spacing_3g_km", "3G spacing (km)", node_spacing_3g_km, 0.3, 20.0
        ),
        "code_size_3g": checked_int_slider("code_size_3g", "3G photons per qubit", code_size_3g, 3, 31, 2),
    }
    return LivePanel(draw, controls, figsize=(7.5, 3.8))
