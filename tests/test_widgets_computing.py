"""Panels for notebooks 09-10: each builds, and moving a control changes the picture and the readout."""

from __future__ import annotations

import math

import pytest
from panelchecks import assert_redraws

from qinet.widgets import blind, distributed

PANELS = [
    (distributed.remote_gate_panel, "pair_fidelity", 0.7),
    (distributed.remote_gate_panel, "gate_error", 0.05),
    (distributed.circuit_split_panel, "algorithm", "ghz"),
    (distributed.circuit_split_panel, "n_qubits", 8),
    (distributed.circuit_split_panel, "naive", "alternate"),
    (blind.blind_panel, "angle_1", 3 * math.pi / 4),
    (blind.blind_panel, "angle_3", math.pi),
    (blind.trap_panel, "cheat_angle", math.pi / 2),
    (blind.trap_panel, "cheat_fraction", 0.5),
]


@pytest.mark.parametrize("factory, name, value", PANELS, ids=[f"{f.__name__}-{n}" for f, n, _ in PANELS])
def test_moving_a_control_redraws(factory, name, value):
    assert_redraws(factory, name, value)


def test_trap_panel_readout_for_an_honest_server():
    panel = blind.trap_panel(cheat_angle=0.0)
    assert "never caught" in panel.readout.value
    panel.controls["cheat_angle"].value = math.pi
    assert "certainty: 1" in panel.readout.value
