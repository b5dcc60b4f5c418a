"""Notebook 13's Checks fail on a wrong network model (classical messages that arrive at once; memories
that never decohere)."""

from __future__ import annotations

from notebook_mutants import assert_checks_catch

NOTEBOOK = "13-quantum-networks"

INSTANT_MESSAGES = """
import qinet.network.topology as _topology
_topology.classical_delay_s = lambda length_km, group_index=1.468: 0.0
"""

PERFECT_MEMORIES = """
import qinet.network.pairs as _pairs
_pairs.storage_decay = lambda time_s, *, t1_s, t2_s: (1.0, 1.0, 1.0)
"""


def test_checks_catch_classical_messages_that_are_not_delayed():
    assert_checks_catch(NOTEBOOK, INSTANT_MESSAGES)


def test_checks_catch_memories_that_do_not_decohere():
    assert_checks_catch(NOTEBOOK, PERFECT_MEMORIES)
