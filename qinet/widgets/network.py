"""Panel for notebook 13: design a chain network and watch it deliver entanglement."""

from __future__ import annotations

import matplotlib as mpl
from matplotlib.figure import Figure

from qinet._validate import seed as _seed
from qinet.network import routing, simulate, topology
from qinet.plots import network as plots
from qinet.widgets._controls import checked_dropdown, checked_int_slider, checked_log_slider, checked_slider
from qinet.widgets.panel import LivePanel

PANEL_PAIRS = 40
"""Pairs simulated per update: enough for a rate and a mean fidelity, few enough to stay live."""
SHOWN_DELIVERIES = 3
_KEY = (
    "Left: grey bars attempts, orange lines photons and heralds, green bars qubits in memory (fading as they "
    "decohere), dashed lines classical messages, × swaps, ★ deliveries. Right: each delivered pair's fidelity "
    "(circles) and the estimate for the first pair at the mean waits (dashed)."
)


def _fixed_layout(fig: Figure) -> None:
    """Place the two axes by hand: the node labels and time ticks change width as the controls move."""
    if fig.get_layout_engine() is not None:
        with mpl.rc_context({"figure.autolayout": False, "figure.constrained_layout.use": False}):
            fig.set_layout_engine(None)
    left, right = fig.axes[:2]
    left.set_position((0.08, 0.16, 0.40, 0.80))
    right.set_position((0.58, 0.16, 0.40, 0.80))


def design_panel(
    *,
    n_links: int = 3,
    link_km: float = 25.0,
    t2_s: float = 0.1,
    multiplexing: int = 1,
    detector_efficiency: float = 0.8,
    heralding: str = "double-click",
    seed: int = 7,
) -> LivePanel:
    """Design your network: a chain of ``n_links`` fibre links between two end nodes.

    The memories have ``T₁ = 10 T₂``. Each update builds the chain (:func:`qinet.network.chain_network`),
    simulates ``PANEL_PAIRS`` deliveries (:func:`qinet.network.simulate`) and draws the space-time diagram
    of the first few beside the fidelity of every delivered pair, with the analytic estimates of the rate
    (:func:`qinet.network.routing.path_rate_hz`: perfect memories, all links restarting together) and
    the fidelity (:func:`qinet.network.routing.path_fidelity`: the first pair, memories waiting their
    mean times).

    Examples
    --------
    >>> panel = design_panel(n_links=2)
    >>> panel.controls["link_km"].value = 40.0
    >>> panel.updates
    2
    """

    def draw(
        fig: Figure,
        n_links: int,
        link_km: float,
        t2_s: float,
        multiplexing: int,
        detector_efficiency: float,
        heralding: str,
    ) -> str:
        net = topology.chain_network(
            n_links,
            link_km,
            multiplexing=multiplexing,
            t1_s=10.0 * t2_s,
            t2_s=t2_s,
            detector_efficiency=detector_efficiency,
            heralding=heralding,
        )
        _fixed_layout(fig)
        path = tuple(net.nodes)
        run = simulate(net, "A", "B", pairs=PANEL_PAIRS, seed=seed)
        shown = run.delivery_times_s[min(SHOWN_DELIVERIES, run.delivered) - 1] * 1.02
        plots.space_time(run, net, t_max_s=shown, legend=False, ax=fig.axes[0])
        ax = fig.axes[1]
        ax.plot(
            run.delivery_times_s * 1e3,
            run.fidelities,
            "o",
            color=plots.COLORS["bob"],
            mfc="white",
            ms=5,
            label="simulated pairs",
        )
        estimate = routing.path_fidelity(net, path)
        ax.axhline(estimate, color=plots.COLORS["bound"], ls="--", lw=1.2)
        ax.set(xlabel="delivery time (ms)", ylabel="fidelity", ylim=(0.25, 1.02))
        per_lane = routing.path_rate_hz(net, path)
        return (
            f"{n_links} links of {link_km:g} km, {multiplexing} memory pair(s) per link: simulated "
            f"<b>{run.rate_hz:.3g} pairs/s</b> (one lane, perfect memories, links restarting together, no "
            f"signalling: {per_lane:.3g} pairs/s); "
            f"mean fidelity <b>{run.mean_fidelity:.3f}</b> ± {run.fidelity_stderr:.3f} "
            f"(estimate for the first pair at the mean waits: {estimate:.3f}).<br>"
            f"<small>{_KEY}</small>"
        )

    seed = _seed(seed)
    controls = {
        "n_links": checked_int_slider("n_links", "links", n_links, 1, 8),
        "link_km": checked_slider("link_km", "link length (km)", link_km, 1.0, 100.0, 1.0),
        "t2_s": checked_log_slider("t2_s", "memory T₂ (s)", t2_s, 1e-3, 10.0),
        "multiplexing": checked_int_slider("multiplexing", "memory pairs per link", multiplexing, 1, 4),
        "detector_efficiency": checked_slider(
            "detector_efficiency", "detector efficiency", detector_efficiency, 0.1, 1.0, 0.05
        ),
        "heralding": checked_dropdown("heralding", "heralding", {h: h for h in topology.HERALDING}, heralding),
    }
    return LivePanel(draw, controls, ncols=2, figsize=(9.0, 3.8))
