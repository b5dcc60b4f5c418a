"""Panels for entanglement: Bell-pair correlations measured on Aer."""

from __future__ import annotations

import math

import numpy as np
from matplotlib.figure import Figure

from qinet import entangle
from qinet._validate import in_range, positive_int, probability
from qinet.plots import entanglement as plots
from qinet.widgets.panel import LivePanel, dropdown, slider

_BOB_ANGLES = np.linspace(-math.pi, math.pi, 181)
_STATES = {
    "Φ+ = (|00⟩ + |11⟩)/√2": "phi+",
    "Φ− = (|00⟩ − |11⟩)/√2": "phi-",
    "Ψ+ = (|01⟩ + |10⟩)/√2": "psi+",
    "Ψ− = (|01⟩ − |10⟩)/√2": "psi-",
}

_REGION_TEXT = {
    "separable": "is separable (V ≤ 1/3): not entangled at all",
    "entangled, no CHSH violation": "is entangled (V > 1/3) but no settings violate CHSH (that needs V > 1/√2)",
    "violates CHSH": "is entangled and violates CHSH at the right settings (V > 1/√2)",
}


def bell_correlation_panel(
    *,
    kind: str = "phi+",
    alice_deg: float = 0.0,
    bob_deg: float = 45.0,
    visibility: float = 1.0,
    shots: int = 1000,
    seed: int = 7,
) -> LivePanel:
    """Choose a Bell state and the two measurement angles; Aer measures the pair.

    Left: the four joint outcomes from :func:`qinet.entangle.correlation`. Right: the correlation
    E against Bob's angle from :func:`qinet.entangle.predicted_correlation`, with the Aer point.
    Angles are in degrees in the X–Z plane (0° = Z, 90° = X).

    Examples
    --------
    >>> panel = bell_correlation_panel(kind="psi-", alice_deg=30.0, bob_deg=30.0)
    >>> "E = -1.000" in panel.readout.value
    True
    """
    in_range("alice_deg", alice_deg, -180.0, 180.0)
    in_range("bob_deg", bob_deg, -180.0, 180.0)
    probability("visibility", visibility)
    shots = positive_int("shots", shots)
    seed = positive_int("seed", seed, minimum=0)

    def draw(fig: Figure, kind: str, alice_deg: float, bob_deg: float, visibility: float) -> str:
        result = entangle.correlation(
            kind, math.radians(alice_deg), math.radians(bob_deg), visibility=visibility, shots=shots, seed=seed
        )
        curve = entangle.predicted_correlation(kind, math.radians(alice_deg), _BOB_ANGLES, visibility)
        plots.outcome_histogram(result.counts, title=f"{shots} pairs on Aer", ax=fig.axes[0])
        plots.correlation_curve(
            _BOB_ANGLES,
            curve,
            measured_angles=[result.bob_angle],
            measured=[result.correlation],
            stderr=[result.stderr],
            ax=fig.axes[1],
        )
        return (
            f"Measured <b>E = {result.correlation:+.3f} ± {result.stderr:.3f}</b>; "
            f"the formula gives {result.predicted:+.3f}. With V = {visibility:.2f} the pair "
            f"{_REGION_TEXT[entangle.werner_region(visibility)]}."
        )

    if kind not in _STATES.values():
        raise ValueError(f"kind must be one of {', '.join(map(repr, _STATES.values()))}; got {kind!r}")
    controls = {
        "kind": dropdown("Bell state", _STATES, kind),
        "alice_deg": slider("Alice's angle (°)", alice_deg, -180.0, 180.0, 5.0),
        "bob_deg": slider("Bob's angle (°)", bob_deg, -180.0, 180.0, 5.0),
        "visibility": slider("visibility V", visibility, 0.0, 1.0, 0.05),
    }
    return LivePanel(draw, controls, ncols=2, figsize=(9.0, 3.4))
