"""Panels for notebooks 09-10: each builds, and moving a control changes the picture and the readout."""

from __future__ import annotations

import math

import pytest
from panelchecks import assert_extremes, assert_redraws

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
    (blind.trap_panel, "server", "spy-x"),
    (blind.trap_panel, "server", "flip"),
    (blind.trap_panel, "hide_output", False),
    (blind.trap_panel, "check_output", False),
]


@pytest.mark.parametrize("factory, name, value", PANELS, ids=[f"{f.__name__}-{n}" for f, n, _ in PANELS])
def test_moving_a_control_redraws(factory, name, value):
    assert_redraws(factory, name, value)


def test_trap_panel_readout_for_an_honest_server():
    panel = blind.trap_panel(cheat_angle=0.0)
    assert "never caught" in panel.readout.value
    panel.controls["cheat_angle"].value = math.pi
    assert "certainty: 1" in panel.readout.value


def test_trap_panel_shows_the_spying_server_deviating_everywhere_without_the_hidden_phase():
    panel = blind.trap_panel(cheat_angle=math.pi, server="spy-x", hide_output=False)
    assert "1.00 of the qubits in computation rounds" in panel.readout.value
    panel.controls["hide_output"].value = True
    assert "1.00 of the qubits in computation rounds" not in panel.readout.value


def test_trap_panel_catches_an_output_flip_only_with_the_output_check():
    panel = blind.trap_panel(cheat_angle=0.0, server="flip")
    assert "caught in 1.000" in panel.readout.value and "certainty: 1." in panel.readout.value
    panel.controls["check_output"].value = False
    assert "caught in 0.000" in panel.readout.value and "never caught" in panel.readout.value


@pytest.mark.parametrize("value", [0.0, 1.0])
def test_trap_panel_fraction_extremes(value):
    panel = blind.trap_panel()
    panel.controls["cheat_fraction"].value = value
    assert "caught in" in panel.readout.value


def test_split_panel_readout_counts_remote_gates_and_bell_pairs():
    panel = distributed.circuit_split_panel(algorithm="qft", n_qubits=8, naive="halves")
    assert "16 remote gates, 4 Bell pairs" in panel.readout.value
    panel.controls["n_qubits"].value = 16
    assert "64 remote gates, 8 Bell pairs" in panel.readout.value


@pytest.mark.parametrize(
    "factory",
    [distributed.remote_gate_panel, distributed.circuit_split_panel, blind.blind_panel, blind.trap_panel],
    ids=lambda f: f.__name__,
)
def test_every_control_at_both_ends_redraws(factory):
    assert_extremes(factory)
