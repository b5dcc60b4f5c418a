"""Notebook 06's Checks catch wrong models: each patch below puts back a known-wrong model after Setup."""

from __future__ import annotations

from notebook_mutants import assert_checks_catch

NOTEBOOK = "06-purification-and-repeater-generations"

FIRST_GENERATION_WITHOUT_SIGNALLING = '''
import numpy as np
import qinet.generations
from qinet import links

def _no_signalling(total_length_km, nesting_level=None, *, detector_efficiency=0.9, swap_success=1.0,
                   purification_rounds=1, attenuation_db_per_km=0.2, max_nesting=10, signalling=True):
    """The old 1G model: R = p0 a^k / ((3/2)^k T0 2^(r (k+1))), no heralds at the higher nesting levels."""
    length = np.asarray(total_length_km, dtype=float)
    levels = np.arange(max_nesting + 1).reshape((-1,) + (1,) * length.ndim) if nesting_level is None else nesting_level
    link_km = length / 2.0**levels
    p0 = detector_efficiency**2 * links.fiber_transmittance(link_km, attenuation_db_per_km)
    t0 = links.heralding_time(link_km)
    rate = p0 * swap_success**levels / (1.5**levels * t0 * 2.0 ** (purification_rounds * (levels + 1)))
    return rate.max(axis=0) if nesting_level is None else rate

qinet.generations.first_generation_rate = _no_signalling
'''

WRONG_BBPSSW = '''
import numpy as np
import qinet.states

def _classical_majority(fidelity):
    """A formula seen in the wild: F' = F^2 / (F^2 + (1 - F)^2), which is not BBPSSW."""
    f = np.asarray(fidelity, dtype=float)
    p = f**2 + (1 - f) ** 2
    return f**2 / p, p

qinet.states.bbpssw = _classical_majority
'''


def test_checks_catch_a_first_generation_without_signalling():
    outcome = assert_checks_catch(NOTEBOOK, FIRST_GENERATION_WITHOUT_SIGNALLING)
    assert "causality" in outcome.evalue or "3/2 rule" in outcome.evalue


def test_checks_catch_a_wrong_bbpssw_formula():
    outcome = assert_checks_catch(NOTEBOOK, WRONG_BBPSSW)
    assert "BBPSSW" in outcome.evalue
