"""Notebook 04's Checks fail when a wrong satellite model is patched in (each run takes several seconds)."""

from __future__ import annotations

from notebook_mutants import assert_checks_catch

NOTEBOOK = "04-satellite-links"


def test_checks_catch_the_old_uncalibrated_budget():
    """The budget before calibration: 3 dB of fixed loss, 15 dB per downlink more optimistic than Micius measured."""
    assert_checks_catch(NOTEBOOK, "from qinet import links\nlinks.MICIUS_EXTRA_LOSS_DB = 3.0\n")


def test_checks_catch_a_half_angle_reading_of_the_divergence():
    """10 µrad read as a half angle: the spot radius doubles and the geometric loss grows by 6 dB."""
    patch = (
        "from qinet import links\n"
        "_downlink = links.satellite_downlink\n"
        "def _half_angle(*args, divergence_urad=10.0, **kwargs):\n"
        "    return _downlink(*args, divergence_urad=2 * divergence_urad, **kwargs)\n"
        "links.satellite_downlink = _half_angle\n"
    )
    assert_checks_catch(NOTEBOOK, patch)


def test_checks_catch_a_flat_earth_pass():
    """A pass timed over a flat Earth, t = 2 h / (v tan e), lasts 360 s above 20° instead of 296 s."""
    patch = (
        "import numpy as np\n"
        "from qinet import orbits\n"
        "orbits.overhead_pass_duration = lambda altitude_km, min_elevation_deg=0.0: (\n"
        "    2 * np.asarray(altitude_km) / np.tan(np.radians(np.maximum(min_elevation_deg, 1.0)))\n"
        "    / orbits.orbital_speed(altitude_km))\n"
    )
    assert_checks_catch(NOTEBOOK, patch)
