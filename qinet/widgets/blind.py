"""Panels for blind quantum computing: the client's secret angles, and a server that cheats."""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

import numpy as np

from qinet import blind
from qinet._validate import boolean, one_of
from qinet.plots import blind as plots
from qinet.plots.blind import ANGLE_LABELS
from qinet.widgets._controls import checked_dropdown, checked_slider
from qinet.widgets.panel import LivePanel, dropdown

_ANGLES = {label: k * math.pi / 4 for k, label in enumerate(ANGLE_LABELS)}
_EPS = np.linspace(0.0, math.pi, 61)


def blind_panel(
    *, angle_1: float = math.pi / 4, angle_2: float = math.pi / 2, angle_3: float = 0.0, shots: int = 200, seed: int = 7
) -> LivePanel:
    """Pick three secret angles: the client's output vs the ideal, and the δ the server was told."""

    def draw(fig, angle_1: float, angle_2: float, angle_3: float) -> str:
        res = blind.blind_rotations([angle_1, angle_2, angle_3], shots=shots, seed=seed)
        plots.client_output(res, ax=fig.axes[0], legend=False)
        plots.server_view(
            [blind.delta_histogram(res.deltas).sum(axis=0)], ["all three qubits"], ax=fig.axes[1], legend=False
        )
        chi2, p = blind.uniformity_test(res.deltas)
        return (
            f"client (blue): P(1) = {res.output_counts['1'] / shots:.3f} "
            f"(ideal, grey: {res.ideal_probabilities[1]:.3f}); "
            f"server: δ of all three qubits, χ² = {chi2:.1f} for 21 degrees of freedom, p = {p:.2f} "
            "(dashed line: uniform 1/8)."
        )

    controls = {
        f"angle_{i}": checked_dropdown(f"angle_{i}", f"secret angle {i}", _ANGLES, a)
        for i, a in enumerate((angle_1, angle_2, angle_3), start=1)
    }
    return LivePanel(draw, controls, ncols=2, figsize=(7.2, 3.2), columns=3)


#: What the server does besides deviating by ε on a fraction f of the measured qubits.
_SERVERS = {
    "deviates blindly": "blind",
    "measures the output in X first, deviates on +": "spy-x",
    "measures the output in Z first, deviates on 0": "spy-z",
    "also flips the output bit it reports": "flip",
}
_BEHAVIOUR: dict[str, dict[str, Any]] = {
    "blind": {},
    "spy-x": {"spy": True},
    "spy-z": {"spy": True, "spy_basis": "z"},
    "flip": {"flip_output": True},
}
_OUTPUTS = {"hidden phase θ ∈ {0, π}": True, "known |+⟩ (flawed)": False}
_CHECKS = {"the trap and the output dummy": True, "only the trap (flawed)": False}


def _note(server: str, hide_output: bool, check_output: bool) -> str:
    if server == "flip":
        if check_output:
            return "The flipped output bit corrupts the computations; the check of the output dummy catches it."
        return "Trap rounds that ignore the output never see the flipped bit, which corrupts the computations."
    if server == "spy-z":
        unseen = "" if check_output else " (the output check would not see it either)"
        return f"A Z measurement of the output commutes with all the server does to it: it changes nothing{unseen}."
    if server == "spy-x" and not hide_output:
        return "The known |+⟩ output tells it which rounds are computations: it cheats there, half as often in traps."
    if server == "spy-x":
        return "The output qubit looks the same in both kinds of round: spying tells the server nothing."
    if not hide_output:
        return "This server never looks at the output qubit, so sending it as a known |+⟩ changes nothing here."
    return "This server never looks at the output qubit."


def trap_panel(
    *,
    cheat_angle: float = math.pi / 4,
    cheat_fraction: float = 1.0,
    server: str = "blind",
    hide_output: bool = True,
    check_output: bool = True,
    n_qubits: int = 3,
    shots: int = 96,
    seed: int = 7,
) -> LivePanel:
    """How much the server deviates (angle ε, fraction f of qubits), what else it does to the output qubit
    (``server``: ``"blind"``, ``"spy-x"``, ``"spy-z"`` or ``"flip"``), whether the client hides the output
    qubit and whether trap rounds check it → how often a hidden trap catches the server, and how often it
    deviates in each kind of round."""

    def draw(fig, cheat_angle: float, cheat_fraction: float, server: str, hide_output: bool, check_output: bool) -> str:
        behaviour = _BEHAVIOUR[server]
        res = blind.trap_rounds(
            n_qubits,
            cheat_angle=cheat_angle,
            cheat_fraction=cheat_fraction,
            shots=shots,
            seed=seed,
            hide_output=hide_output,
            check_output=check_output,
            **behaviour,
        )
        curve = _curve(n_qubits, cheat_fraction, server, check_output)
        ax = plots.trap_detection(_EPS, curve, [res], ax=fig.axes[0], label="predicted")
        label = next(k for k, v in _SERVERS.items() if v == server)
        checked = "trap and output checked" if check_output else "only the trap checked"
        output = "hidden" if hide_output else "a known |+⟩"
        ax.set_title(f"server {label};\noutput qubit {output}; {checked}", fontsize=9)
        p = res.predicted
        rounds = "never caught" if p == 0 else f"{math.ceil(math.log(0.01) / math.log1p(-p)) if p < 1 else 1}"
        return (
            f"caught in {res.detection_rate:.3f} ± {res.stderr:.3f} of trap rounds on Aer "
            f"(predicted {p:.3f}); trap rounds needed to catch it with 99 % certainty: {rounds}. "
            f"It deviated on {res.deviation_rate:.2f} of the qubits in computation rounds and "
            f"{res.trap_deviation_rate:.2f} in trap rounds ({checked}). {_note(server, hide_output, check_output)}"
        )

    controls = {
        "cheat_angle": checked_slider("cheat_angle", "deviation ε (rad)", cheat_angle, 0.0, math.pi, math.pi / 32),
        "cheat_fraction": checked_slider("cheat_fraction", "fraction of qubits f", cheat_fraction, 0.0, 1.0, 0.05),
        "server": dropdown("server", _SERVERS, one_of("server", server, tuple(_BEHAVIOUR))),
        "hide_output": dropdown("output qubit", _OUTPUTS, boolean("hide_output", hide_output)),
        "check_output": dropdown("trap rounds check", _CHECKS, boolean("check_output", check_output)),
    }
    controls["cheat_angle"].readout_format = ".2f"
    return LivePanel(draw, controls, figsize=(7.0, 3.6), columns=2)


@lru_cache(maxsize=64)
def _curve(n_qubits: int, cheat_fraction: float, server: str, check_output: bool) -> np.ndarray:
    """The predicted detection over ε for this server (cached: it does not depend on the Aer run)."""
    return np.array(
        [
            blind.trap_detection_probability(
                n_qubits, e, cheat_fraction, check_output=check_output, **_BEHAVIOUR[server]
            )
            for e in _EPS
        ]
    )
