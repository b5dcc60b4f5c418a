"""Every control of the panels of notebooks 00a, 01, 02 and 11, at both ends of its range: the picture redraws."""

from __future__ import annotations

import pytest
from panelchecks import assert_extremes

from qinet.widgets import entanglement, primer, sensing, teleportation

FACTORIES = [
    primer.chsh_game_panel,
    entanglement.bell_correlation_panel,
    teleportation.teleportation_panel,
    sensing.ghz_sensing_panel,
]


@pytest.mark.parametrize(
    "factory", FACTORIES, ids=[f"{f.__module__.rsplit('.', 1)[1]}.{f.__name__}" for f in FACTORIES]
)
def test_every_control_at_both_ends_redraws(factory):
    assert_extremes(factory)
