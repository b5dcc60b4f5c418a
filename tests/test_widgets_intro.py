"""Panels for notebooks 00-03: each builds, and moving a control changes the picture and the readout."""

from __future__ import annotations

import pytest
from panelchecks import assert_redraws

from qinet.widgets import entanglement, fiber, teleportation

PANELS = [
    (fiber.fiber_transmittance_panel, "length_km", 200.0),
    (fiber.fiber_transmittance_panel, "attenuation_db_per_km", 0.3),
    (fiber.fiber_link_panel, "length_km", 300.0),
    (fiber.fiber_link_panel, "source_rate_hz", 1e6),
    (fiber.fiber_link_panel, "detector_efficiency", 0.3),
    (fiber.fiber_link_panel, "attenuation_db_per_km", 0.16),
    (fiber.noisy_pair_panel, "length_km", 400.0),
    (fiber.noisy_pair_panel, "depolarizing_per_km", 1e-3),
    (teleportation.teleportation_panel, "resource_fidelity", 0.5),
    (teleportation.teleportation_panel, "theta_deg", 120.0),
    (entanglement.bell_correlation_panel, "kind", "psi-"),
    (entanglement.bell_correlation_panel, "bob_deg", 90.0),
    (entanglement.bell_correlation_panel, "visibility", 0.5),
]


@pytest.mark.parametrize("factory, name, value", PANELS, ids=[f"{f.__name__}-{n}" for f, n, _ in PANELS])
def test_moving_a_control_redraws(factory, name, value):
    assert_redraws(factory, name, value)


def test_teleportation_readout_reports_the_classical_verdict():
    panel = teleportation.teleportation_panel(resource_fidelity=1.0)
    assert "beats the classical limit" in panel.readout.value
    panel.controls["resource_fidelity"].value = 0.25
    assert "does not beat" in panel.readout.value


def test_fiber_transmittance_panel_reads_one_percent_at_100_km():
    panel = fiber.fiber_transmittance_panel(length_km=100.0)
    assert "<b>1 %</b>" in panel.readout.value


def test_bell_panel_readout_names_the_werner_region():
    panel = entanglement.bell_correlation_panel(visibility=1.0)
    assert "violates CHSH" in panel.readout.value
    panel.controls["visibility"].value = 0.5
    assert "is entangled (V > 1/3) but no settings violate CHSH" in panel.readout.value
    panel.controls["visibility"].value = 0.3
    assert "is separable" in panel.readout.value


def test_bell_panel_rejects_an_unknown_state():
    with pytest.raises(ValueError, match="kind"):
        entanglement.bell_correlation_panel(kind="ghz")


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: fiber.fiber_link_panel(length_km=5000.0), "length_km"),
        (lambda: fiber.fiber_transmittance_panel(attenuation_db_per_km=1.0), "attenuation_db_per_km"),
        (lambda: fiber.noisy_pair_panel(shots=0), "shots"),
        (lambda: teleportation.teleportation_panel(resource_fidelity=0.1), "resource_fidelity"),
        (lambda: entanglement.bell_correlation_panel(visibility=2.0), "visibility"),
    ],
)
def test_factories_refuse_values_their_controls_cannot_show(call, name):
    with pytest.raises(ValueError, match=name):
        call()
