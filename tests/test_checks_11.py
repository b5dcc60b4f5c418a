"""Notebook 11's Checks fail when a wrong model is patched in (tests/notebook_mutants.py)."""

from __future__ import annotations

import pytest
from notebook_mutants import assert_checks_catch

NOTEBOOK = "11-quantum-sensing"

SQL_AS_ONE_OVER_N = """
import numpy as np
_right = qinet.sensing.phase_uncertainty
def _wrong(n_qubits, *, strategy="ghz", time_s=0.0, t2_s=1.0):
    if strategy == "independent":  # the standard quantum limit scaling as 1/N instead of 1/√N
        return np.exp(np.asarray(time_s) / t2_s) / np.asarray(n_qubits, dtype=float)
    return _right(n_qubits, strategy=strategy, time_s=time_s, t2_s=t2_s)
qinet.sensing.phase_uncertainty = _wrong
"""

MUTANTS = {
    # Independent qubits credited with Heisenberg scaling: Aer's spread of N independent qubits disagrees.
    "sql_as_one_over_n": SQL_AS_ONE_OVER_N,
    # GHZ contrast decaying like one qubit's, e^(−t/T2): Aer's density-matrix fringes disagree.
    "contrast_without_n": "import numpy as np\nqinet.sensing.dephasing_contrast = lambda n, t, t2: np.exp(-t / t2)",
    # A network that gains nothing from distributed entanglement: Nichol et al. (2022) disagree.
    "no_network_gain": "qinet.sensing.network_phase_uncertainty = lambda k, n, strategy='global': (k * n) ** -0.5",
}


@pytest.mark.parametrize("patch", MUTANTS.values(), ids=MUTANTS.keys())
def test_checks_catch_a_wrong_model(patch):
    assert_checks_catch(NOTEBOOK, patch)
