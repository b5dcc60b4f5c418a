"""Exercise checks for notebook 06 (purification and repeater generations). They never raise.

Expected values come from qinet's models (:mod:`qinet.states`), so they follow the notebook.
"""

from __future__ import annotations

from scipy.optimize import brentq

from qinet import states
from qinet.exercises.feedback import Feedback, check_choice, check_number


def check_bbpssw_fidelity(answer: object) -> Feedback:
    """Output fidelity of one BBPSSW round on two Werner pairs of fidelity 0.8."""
    expected = float(states.bbpssw(0.8)[0])
    return check_number(answer, expected, rtol=0.002, hint="F' = [F² + ((1−F)/3)²] / [F² + 2F(1−F)/3 + 5((1−F)/3)²].")


def check_fixed_point(answer: object) -> Feedback:
    """The starting fidelity below which BBPSSW no longer improves Werner pairs."""
    expected = float(brentq(lambda f: float(states.bbpssw(f)[0]) - f, 0.3, 0.9))
    return check_number(
        answer,
        expected,
        rtol=0.01,
        hint="Look for the input fidelity where the output curve crosses the diagonal F' = F.",
    )


def check_raw_pairs(answer: object) -> Feedback:
    """Raw pairs consumed per output pair by two DEJMPS rounds starting from Werner pairs of F = 0.7."""
    expected = float(states.purify(0.7, 2, "dejmps").raw_pairs)
    return check_number(
        answer,
        expected,
        rtol=0.02,
        hint="Each round takes 2 pairs and succeeds with probability p_k: the cost is 2²/(p₁ p₂).",
    )


_GENERATIONS = {
    "1g": "1G corrects both loss and errors with heralding: its purification needs two-way signalling "
    "over ever longer distances.",
    "2g": "2G still heralds the links between neighbours (two-way, but only over one link).",
    "3g": "Right: 3G corrects loss and errors with quantum codes, so information only flows one way.",
}


def check_one_way_generation(answer: object) -> Feedback:
    """Which generation ('1G', '2G' or '3G') needs no two-way classical signalling at all?"""
    return check_choice(answer, "3g", _GENERATIONS)
