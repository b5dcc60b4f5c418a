"""Notebook 00a's Checks catch wrong models: each patch below puts a known-wrong model in after Setup."""

from __future__ import annotations

from notebook_mutants import assert_checks_catch

NOTEBOOK = "00a-primer"

AMPLITUDE_NOT_SQUARED = '''
import numpy as np
import qinet.qubits

def _amplitude(theta, phi, basis="z"):
    """A wrong Born rule: the amplitude cos(θ/2) instead of its square (in Z; X and Y likewise)."""
    component = qinet.qubits.bloch_vector(theta, phi)[..., {"z": 2, "x": 0, "y": 1}[basis]]
    return float(np.sqrt((1 + component) / 2))

qinet.qubits.probability_of_zero = _amplitude
'''

LINEAR_FIDELITY = """
import qinet.states

qinet.states.werner_fidelity = lambda w: (1 + w) / 2   # mixes the Werner pair with I/2 instead of I/4
"""

DOUBLED_ADVANTAGE = '''
import qinet.chsh_game

_right = qinet.chsh_game.win_probability

def _optimistic(*angles, visibility=1.0):
    """P = 1/2 + S/4: a game that counts each correlation twice."""
    return 0.5 + 2 * (_right(*angles, visibility=visibility) - 0.5)

qinet.chsh_game.win_probability = _optimistic
'''


def test_checks_catch_a_born_rule_without_the_square():
    outcome = assert_checks_catch(NOTEBOOK, AMPLITUDE_NOT_SQUARED)
    assert "P(0)" in outcome.evalue


def test_checks_catch_a_wrong_werner_fidelity():
    outcome = assert_checks_catch(NOTEBOOK, LINEAR_FIDELITY)
    assert "(1 + 3V)/4" in outcome.evalue


def test_checks_catch_a_wrong_chsh_game_formula():
    outcome = assert_checks_catch(NOTEBOOK, DOUBLED_ADVANTAGE)
    assert "CHSH game on Aer" in outcome.evalue
