"""Every control of the panels of notebooks 03–06, 08 and 13, at both ends of its range: the picture redraws."""

from __future__ import annotations

import pytest
from panelchecks import assert_extremes

from qinet.widgets import fiber, network, purification, repeaters, satellite, trusted

FACTORIES = [
    fiber.fiber_transmittance_panel,
    fiber.fiber_link_panel,
    fiber.noisy_pair_panel,
    satellite.downlink_panel,
    satellite.pass_panel,
    repeaters.memory_panel,
    repeaters.chain_rate_panel,
    purification.purification_panel,
    purification.generations_panel,
    trusted.e91_panel,
    trusted.trusted_chain_panel,
    trusted.detection_panel,
    network.design_panel,
]


@pytest.mark.parametrize(
    "factory", FACTORIES, ids=[f"{f.__module__.rsplit('.', 1)[1]}.{f.__name__}" for f in FACTORIES]
)
def test_every_control_at_both_ends_redraws(factory):
    assert_extremes(factory)
