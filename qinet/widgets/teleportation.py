"""Panels for teleportation: the fidelity Bob receives, measured on Aer, against the formula."""

from __future__ import annotations

import math

import numpy as np
from matplotlib.figure import Figure

from qinet import states, teleport
from qinet._validate import in_range, positive_int
from qinet.plots import teleportation as plots
from qinet.widgets.panel import LivePanel, slider

_RESOURCE = np.linspace(0.25, 1.0, 76)
_PREDICTED = states.teleportation_fidelity(_RESOURCE)


def teleportation_panel(
    *, resource_fidelity: float = 0.85, theta_deg: float = 60.0, phi_deg: float = 30.0, shots: int = 1000, seed: int = 7
) -> LivePanel:
    """Teleport ``U(θ, φ, 0)|0⟩`` over a Werner pair of fidelity F on Aer (:func:`qinet.teleport.teleport`).

    The measured fidelity is drawn on the curve ``(2F + 1)/3`` with the classical limit 2/3. The
    panel runs the deferred-measurement form, which gives the same state as feed-forward and
    runs about ten times faster on Aer.

    Examples
    --------
    >>> panel = teleportation_panel(resource_fidelity=1.0)
    >>> "measured fidelity <b>1.000" in panel.readout.value
    True
    """
    in_range("resource_fidelity", resource_fidelity, 0.25, 1.0)
    in_range("theta_deg", theta_deg, 0.0, 180.0)
    in_range("phi_deg", phi_deg, 0.0, 360.0)
    shots = positive_int("shots", shots)
    seed = positive_int("seed", seed, minimum=0)

    def draw(fig: Figure, resource_fidelity: float, theta_deg: float, phi_deg: float) -> str:
        result = teleport.teleport(
            math.radians(theta_deg),
            math.radians(phi_deg),
            resource_fidelity=resource_fidelity,
            shots=shots,
            seed=seed,
            dynamic=False,
        )
        plots.fidelity_vs_resource(
            _RESOURCE,
            _PREDICTED,
            classical_limit=teleport.CLASSICAL_LIMIT,
            measured_resource=[resource_fidelity],
            measured=[result.fidelity],
            stderr=[result.stderr],
            ax=fig.axes[0],
        )
        state = f"U(θ = {theta_deg:.0f}°, φ = {phi_deg:.0f}°)|0⟩"
        fig.axes[0].set_title(f"teleporting {state}")
        low, high = result.fidelity - 2 * result.stderr, result.fidelity + 2 * result.stderr
        limit = teleport.CLASSICAL_LIMIT
        verdict = "beats" if low > limit else "does not beat" if high < limit else "is too close to call against"
        return (
            f"Teleporting {state}: measured fidelity <b>{result.fidelity:.3f} ± {result.stderr:.3f}</b> "
            f"({shots} shots); "
            f"(2F + 1)/3 = {result.predicted:.3f}. This {verdict} the classical limit 2/3."
        )

    controls = {
        "resource_fidelity": slider("pair fidelity F", resource_fidelity, 0.25, 1.0, 0.01),
        "theta_deg": slider("state θ (°)", theta_deg, 0.0, 180.0, 5.0),
        "phi_deg": slider("state φ (°)", phi_deg, 0.0, 360.0, 5.0),
    }
    return LivePanel(draw, controls, figsize=(7.0, 3.6))
