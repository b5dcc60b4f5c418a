"""Notebook 01's Checks fail when a wrong model is patched in (tests/notebook_mutants.py)."""

from __future__ import annotations

import pytest
from notebook_mutants import assert_checks_catch

NOTEBOOK = "01-entanglement"

MUTANTS = {
    # CHSH value without the factor √2 of Tsirelson's optimum: Aer and the Horodecki criterion disagree.
    "chsh_2v": "import numpy as np\nqinet.entangle.predicted_chsh = lambda v: 2 * np.asarray(v, dtype=float)",
    # The old belief that a pair is entangled only if it violates CHSH: the partial transpose disagrees.
    "entangled_means_violating": "qinet.entangle.ENTANGLED_VISIBILITY = qinet.entangle.CHSH_VISIBILITY",
    # A "perfect copier": Aer's optimal cloner gives 5/6, not 1.
    "perfect_cloner": "qinet.entangle.cloner_fidelity = lambda n_in=1, n_out=2: 1.0",
}


@pytest.mark.parametrize("patch", MUTANTS.values(), ids=MUTANTS.keys())
def test_checks_catch_a_wrong_model(patch):
    assert_checks_catch(NOTEBOOK, patch)
