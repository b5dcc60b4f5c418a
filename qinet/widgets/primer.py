"""Panel for the primer (notebook 00a): the CHSH game's win probability against the players' strategy."""

from __future__ import annotations

import math

from matplotlib.figure import Figure

from qinet import chsh_game
from qinet._validate import in_range, probability
from qinet.plots import primer as plots
from qinet.widgets.panel import LivePanel, slider


def chsh_game_panel(
    *,
    a0_deg: float = 0.0,
    a1_deg: float = 90.0,
    b0_deg: float = 45.0,
    b1_deg: float = -45.0,
    visibility: float = 1.0,
) -> LivePanel:
    """Turn Alice's and Bob's measurement angles (degrees, X–Z plane; 0° = Z, 90° = X) and the pair's
    visibility: the bars show the exact win probability for each question pair and on average
    (:func:`qinet.chsh_game.win_probabilities`), against the best classical strategy (3/4).

    Examples
    --------
    >>> panel = chsh_game_panel()
    >>> "P(win) = 0.854" in panel.readout.value
    True
    """
    for name, value in (("a0_deg", a0_deg), ("a1_deg", a1_deg), ("b0_deg", b0_deg), ("b1_deg", b1_deg)):
        in_range(name, value, -180.0, 180.0)
    probability("visibility", visibility)

    def draw(fig: Figure, a0: float, a1: float, b0: float, b1: float, visibility: float) -> str:
        per_question = chsh_game.win_probabilities(
            math.radians(a0), math.radians(a1), math.radians(b0), math.radians(b1), visibility=visibility
        )
        plots.chsh_game(per_question, legend=False, ax=fig.axes[0])
        win = sum(per_question) / 4
        s = 8 * (win - 0.5)
        verdict = "beats" if win > chsh_game.CLASSICAL_LIMIT + 1e-9 else "does not beat"
        return (
            f"S = {s:.3f} &nbsp; P(win) = {win:.3f}: this strategy {verdict} the best classical one (0.750); "
            f"no strategy beats {chsh_game.QUANTUM_LIMIT:.3f}. Dashed line: best classical; dotted: quantum limit."
        )

    controls = {
        "a0": slider("Alice a₀ (°)", a0_deg, -180.0, 180.0, 5.0),
        "a1": slider("Alice a₁ (°)", a1_deg, -180.0, 180.0, 5.0),
        "b0": slider("Bob b₀ (°)", b0_deg, -180.0, 180.0, 5.0),
        "b1": slider("Bob b₁ (°)", b1_deg, -180.0, 180.0, 5.0),
        "visibility": slider("visibility V", visibility, 0.0, 1.0, 0.01),
    }
    return LivePanel(draw, controls, figsize=(7.0, 3.4))
