"""Notebook 03's Checks fail when a wrong fibre model is patched in (each run takes a few seconds)."""

from __future__ import annotations

from notebook_mutants import assert_checks_catch

NOTEBOOK = "03-fiber-links"


def test_checks_catch_a_natural_log_attenuation():
    """exp(-alpha L / 10) instead of 10^(-alpha L / 10): 37 % survive 50 km instead of 10 %."""
    patch = (
        "import numpy as np\n"
        "from qinet import links\n"
        "links.fiber_transmittance = lambda length_km, attenuation_db_per_km=0.2: "
        "np.exp(-np.asarray(attenuation_db_per_km) * np.asarray(length_km) / 10)\n"
    )
    assert_checks_catch(NOTEBOOK, patch)


def test_checks_catch_a_bound_that_scales_like_the_square_root_of_eta():
    """A 'repeaterless' bound with twin-field scaling, -log2(1 - sqrt(eta)), would let direct links beat it."""
    patch = "import numpy as np\nfrom qinet import bounds\nbounds.plob_bound = lambda eta: -np.log2(1 - np.sqrt(eta))\n"
    assert_checks_catch(NOTEBOOK, patch)
