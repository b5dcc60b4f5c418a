"""Notebook 07's Checks fail on wrong models: a 3σ heuristic or the asymptotic formula presented as the
ε-secure key of the block, and the many-decoy limit presented as the vacuum + weak decoy protocol."""

from __future__ import annotations

from notebook_mutants import assert_checks_catch

NOTEBOOK = "07-qkd-bb84"

THREE_SIGMA_AS_SECURE = """
import math
from qinet import postprocessing as _pp
from qinet.bounds import binary_entropy as _h


def _three_sigma_length(n, k, qber, leaked_bits, eps_sec=1e-10, eps_cor=1e-15):
    q = min(0.5, qber + 3 * math.sqrt(qber * (1 - qber) / k))  # the ~1e-3 heuristic, not eps-security
    return max(0, math.floor(n * (1 - float(_h(q))) - leaked_bits))


_pp.finite_key_length = _three_sigma_length
"""

ASYMPTOTIC_AS_SECURE = """
from qinet import postprocessing as _pp

_pp.finite_key_length = lambda n, k, qber, leaked_bits, eps_sec=1e-10, eps_cor=1e-15: _pp.final_key_length(
    n, qber, leaked_bits
)
"""

MANY_DECOYS_AS_TWO = """
from qinet import keyrates as _k

_k._two_decoy_raw = lambda eta, mu, y0, e_d, f, q, *, nu1, nu2: _k._decoy_raw(eta, mu, y0, e_d, f, q)
"""


def test_checks_catch_the_three_sigma_heuristic_presented_as_the_secure_key():
    outcome = assert_checks_catch(NOTEBOOK, THREE_SIGMA_AS_SECURE)
    assert "ε-secure key length" in outcome.evalue


def test_checks_catch_the_asymptotic_length_at_the_notebook_block_size():
    outcome = assert_checks_catch(NOTEBOOK, ASYMPTOTIC_AS_SECURE)
    assert "ε-secure key length" in outcome.evalue


def test_checks_catch_the_many_decoy_limit_presented_as_vacuum_plus_weak_decoy():
    outcome = assert_checks_catch(NOTEBOOK, MANY_DECOYS_AS_TWO)
    assert "vacuum + weak decoy" in outcome.evalue
