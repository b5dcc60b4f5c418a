"""Notebook 12's Checks catch the wrong models the road map used to have (or could drift to)."""

from __future__ import annotations

from notebook_mutants import assert_checks_catch

BLIND_QC_FAULT_TOLERANT = """
import dataclasses
from qinet import applications, roadmap
memory, tolerant = roadmap.STAGES[3], roadmap.STAGES[4]
roadmap.STAGES = roadmap.STAGES[:3] + (
    dataclasses.replace(memory, notebooks=tuple(n for n in memory.notebooks if n != "10-blind-computing")),
    dataclasses.replace(tolerant, notebooks=tolerant.notebooks + ("10-blind-computing",)),
) + roadmap.STAGES[5:]
applications.APPLICATION_STAGES["blind computing"] = 5
"""

DI_QKD_IGNORES_LOSS = """
import numpy as np
from qinet import applications
def chsh(efficiency, visibility=1.0):
    return 2 * np.sqrt(2) * np.asarray(visibility) + 0 * np.asarray(efficiency)
def qber(efficiency, visibility=1.0):
    return (1 - np.asarray(visibility)) / 2 + 0 * np.asarray(efficiency)
applications.chsh_with_efficiency = chsh
applications.qber_with_efficiency = qber
"""

BB84_IGNORES_LOSS = """
import numpy as np
from qinet import links
links.direct_pair_rate = lambda length_km, source_rate_hz, **kw: source_rate_hz * np.ones_like(
    np.asarray(length_km, dtype=float))
"""

EBERHARD_FOR_UNEQUAL_EFFICIENCIES = """
from qinet import loopholes
_equal_efficiencies = loopholes.ch_efficiency_threshold
def _two_thirds_whatever_the_sides(theta, *, other_efficiency=None, **kw):
    return _equal_efficiencies(theta, **kw)       # the old claim: 2/3 bounds every two-setting test
loopholes.ch_efficiency_threshold = _two_thirds_whatever_the_sides
"""


def test_checks_catch_blind_computing_on_the_fault_tolerant_stage():
    outcome = assert_checks_catch("12-roadmap", BLIND_QC_FAULT_TOLERANT)
    assert "blind computing" in outcome.evalue


def test_checks_catch_device_independent_qkd_that_ignores_loss():
    outcome = assert_checks_catch("12-roadmap", DI_QKD_IGNORES_LOSS)
    assert "DI key rate with photons" in outcome.evalue


def test_checks_catch_a_key_rate_that_ignores_fibre_loss():
    outcome = assert_checks_catch("12-roadmap", BB84_IGNORES_LOSS)
    assert "PLOB" in outcome.evalue


def test_checks_catch_eberhards_limit_applied_to_unequal_efficiencies():
    outcome = assert_checks_catch("12-roadmap", EBERHARD_FOR_UNEQUAL_EFFICIENCIES)
    assert "Brunner" in outcome.evalue
