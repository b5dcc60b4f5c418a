"""Notebook 05's Checks catch wrong models: each patch below puts back a known-wrong model after Setup."""

from __future__ import annotations

from notebook_mutants import assert_checks_catch

NOTEBOOK = "05-repeaters-and-memories"

DEPHASING_ONLY_MEMORY = '''
import numpy as np
import qinet.states

def _dephasing_only(fidelity, time_s, t2_s, *, t1_s=float("inf"), qubits=1):
    """The old memory model: T2 only, T1 ignored (overestimates F by (1 - e^(-t/T1))/4)."""
    w = (4 * np.asarray(fidelity, dtype=float) - 1) / 3
    decay = np.exp(-qubits * np.asarray(time_s, dtype=float) / t2_s)
    return (1 - w) / 4 + w * (1 + decay) / 2

qinet.states.stored_fidelity = _dephasing_only
'''

OPTIMISTIC_LINK = '''
import numpy as np
import qinet.repeaters

def _five_percent(link_length_km, **kwargs):
    """The old cutoff example's p = 0.05 on 100 km links, where the fibre lets through only 1 %."""
    return 0.05 + 0.0 * np.asarray(link_length_km, dtype=float)

qinet.repeaters.link_success_probability = _five_percent
'''


def test_checks_catch_memories_without_t1():
    outcome = assert_checks_catch(NOTEBOOK, DEPHASING_ONLY_MEMORY)
    assert "stored" in outcome.evalue


def test_checks_catch_a_link_that_beats_the_fibre():
    outcome = assert_checks_catch(NOTEBOOK, OPTIMISTIC_LINK)
    assert "cannot herald more often" in outcome.evalue
