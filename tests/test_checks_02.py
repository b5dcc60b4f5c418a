"""Notebook 02's Checks fail when a wrong model is patched in (tests/notebook_mutants.py)."""

from __future__ import annotations

import pytest
from notebook_mutants import assert_checks_catch

NOTEBOOK = "02-teleportation"

MUTANTS = {
    # The pair's fidelity taken as the teleportation fidelity: Aer and Sun et al. (2016) disagree.
    "fidelity_is_f": "import numpy as np\nqinet.states.teleportation_fidelity = lambda f: np.asarray(f, dtype=float)",
    # A classical limit of 1/2 (random guessing): measure-and-prepare on Aer reaches 2/3.
    "classical_limit_half": "qinet.teleport.CLASSICAL_LIMIT = 0.5",
    # (1 + F)/2, a plausible-looking wrong formula: Aer at F = 1/4 and Sun et al. disagree.
    "one_plus_f_over_2": "qinet.states.teleportation_fidelity = lambda f: (1 + f) / 2",
}


@pytest.mark.parametrize("patch", MUTANTS.values(), ids=MUTANTS.keys())
def test_checks_catch_a_wrong_model(patch):
    assert_checks_catch(NOTEBOOK, patch)
