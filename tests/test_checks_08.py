"""Notebook 08's Checks fail when a wrong model is patched in (each run executes the whole notebook, ~10 s)."""

from __future__ import annotations

from notebook_mutants import assert_checks_catch

NOTEBOOK = "08-qkd-e91-and-networks"

# Missed particles counted as 0 instead of +1: the (1 − η)² term of S(η) is lost (fair-sampling thinking).
NO_CLICK_AS_ZERO = """
import numpy as np
import qinet.loopholes
from qinet._validate import probability, scalar_or_array

def _s_without_no_clicks(efficiency, visibility=1.0):
    eta, v = probability("efficiency", efficiency), probability("visibility", visibility)
    return scalar_or_array(2 * np.sqrt(2) * v * eta**2)

qinet.loopholes.chsh_with_efficiency = _s_without_no_clicks
"""

# The device-independent rate taken as BB84's Shor–Preskill fraction, blind to the Bell violation.
DI_RATE_IGNORES_S = """
import numpy as np
import qinet.bounds
from qinet._validate import scalar_or_array

def _rate_without_bell_test(chsh, qber):
    shape = np.broadcast(np.asarray(chsh, dtype=float), np.asarray(qber, dtype=float)).shape
    return scalar_or_array(np.broadcast_to(qinet.bounds.shor_preskill_rate(qber), shape).astype(float))

qinet.bounds.di_qkd_rate = _rate_without_bell_test
"""

# Only one of the two one-sided losses counted as an error: Q = η(1 − η)/2 + η²(1 − V)/2.
QBER_HALF_THE_LOSSES = """
import qinet.loopholes
from qinet._validate import probability, scalar_or_array

def _qber_half(efficiency, visibility=1.0):
    eta, v = probability("efficiency", efficiency), probability("visibility", visibility)
    return scalar_or_array(eta * (1 - eta) / 2 + eta**2 * (1 - v) / 2)

qinet.loopholes.qber_with_efficiency = _qber_half
"""


def test_checks_catch_no_clicks_counted_as_zero():
    outcome = assert_checks_catch(NOTEBOOK, NO_CLICK_AS_ZERO)
    assert "η =" in outcome.evalue or "CH optimum" in outcome.evalue


def test_checks_catch_a_di_rate_that_ignores_the_bell_violation():
    outcome = assert_checks_catch(NOTEBOOK, DI_RATE_IGNORES_S)
    assert "92.4" in outcome.evalue


def test_checks_catch_a_qber_that_misses_half_the_losses():
    outcome = assert_checks_catch(NOTEBOOK, QBER_HALF_THE_LOSSES)
    assert "QBER with η" in outcome.evalue
