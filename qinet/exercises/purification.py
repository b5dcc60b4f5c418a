"""Exercise checks for notebook 06 (purification and repeater generations). They never raise.

Expected values come from qinet's models (:mod:`qinet.states`), so they follow the notebook.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from scipy.stats import binom

from qinet import states
from qinet.exercises.feedback import Feedback, check_choice
from qinet.exercises.grading import case, grade_function

_GENERATIONS = {
    "1g": "1G corrects both loss and errors with heralding: its purification needs two-way signalling "
    "over ever longer distances.",
    "2g": "2G still heralds the links between neighbours (two-way, but only over one link).",
    "3g": "Right: 3G corrects loss and errors with quantum codes, so information only flows one way.",
}


def check_one_way_generation(answer: object) -> Feedback:
    """Which generation ('1G', '2G' or '3G') needs no two-way classical signalling at all?"""
    return check_choice(answer, "3g", _GENERATIONS)


# --- coding exercises (graded by behaviour, qinet.exercises.grading) ----------------------------------


def _bbpssw_fidelity(fidelity: float) -> float:
    return float(states.bbpssw(fidelity)[0])


def check_bbpssw_round(fn: Callable[..., Any]) -> Feedback:
    """Coding exercise: ``fn(fidelity)`` returns the fidelity of the pair kept by one BBPSSW round on two Werner
    pairs of fidelity F: ``F' = [F² + ((1−F)/3)²] / [F² + 2F(1−F)/3 + 5((1−F)/3)²]`` (Bennett et al., PRL 76, 722
    (1996)).

    Graded at perfect pairs, the fixed point F = 1/2, completely mixed pairs (F = 1/4), F = 0.8 and fresh F.

    Examples
    --------
    >>> def bbpssw_round(fidelity):
    ...     error = (1 - fidelity) / 3
    ...     return (fidelity**2 + error**2) / (fidelity**2 + 2 * fidelity * error + 5 * error**2)
    >>> bool(check_bbpssw_round(bbpssw_round))
    True
    >>> print(check_bbpssw_round(lambda fidelity: fidelity**2 / (fidelity**2 + (1 - fidelity) ** 2)).message)
    ... # doctest: +ELLIPSIS
    For fidelity = 0.25 your function returned 0.1; expected 0.25. Remember: ...
    """
    return grade_function(
        fn,
        _bbpssw_fidelity,
        cases=[
            case(1.0, why="perfect pairs always pass the check and stay perfect"),
            case(0.5, why="F = 1/2 is the fixed point: a Werner pair with F ≤ 1/2 is not entangled, nothing improves"),
            case(
                0.25,
                why="completely mixed pairs (F = 1/4: each Bell state equally likely) stay completely mixed, and so "
                "does the kept pair",
            ),
            case(0.8, why="two pairs of F = 0.8 give 0.838: a small gain for half of the pairs or more"),
        ],
        random_cases=lambda rng: (float(rng.uniform(0.3, 1.0)),),
        n_random=5,
        rtol=1e-6,
        atol=1e-9,
        unit="",
        key="purification.bbpssw_round",
        hint="A Werner pair is Φ⁺ with probability F and each of Ψ⁻, Ψ⁺, Φ⁻ with (1 − F)/3. The check passes when the "
        "two pairs are of the same type (both Φ or both Ψ); the kept pair is Φ⁺ when both were Φ⁺, or both Φ⁻ (the "
        "two phase flips cancel).",
        idea="The numerator is the probability that the check passes and the kept pair is Φ⁺, F² + ((1 − F)/3)²; "
        "divide it by the probability that the check passes at all (section 1's N).",
    )


def _raw_pairs(fidelity: float, target: float) -> float:
    return float(states.purify(fidelity, states.rounds_to_reach(fidelity, target, "bbpssw"), "bbpssw").raw_pairs)


def _random_goal(rng: np.random.Generator) -> tuple[float, float]:
    start = float(rng.uniform(0.6, 0.95))
    return start, float(rng.uniform(start, min(start + 0.1, 0.98)))


def check_raw_pairs_to_reach(fn: Callable[..., Any]) -> Feedback:
    """Coding exercise: ``fn(fidelity, target)`` returns the mean number of raw Werner pairs of fidelity F that
    repeated BBPSSW rounds (twirled back to Werner pairs) consume per pair of fidelity at least ``target``:
    ``∏ₖ 2/pₖ`` over the fewest rounds that reach the target (1 when F already does).

    Examples
    --------
    >>> def raw_pairs(fidelity, target):
    ...     cost = 1.0
    ...     while fidelity < target:
    ...         fidelity, p = states.bbpssw(fidelity)
    ...         cost *= 2 / p
    ...     return cost
    >>> bool(check_raw_pairs_to_reach(raw_pairs))
    True
    >>> def doubling_only(fidelity, target):
    ...     cost = 1.0
    ...     while fidelity < target:
    ...         fidelity, cost = states.bbpssw(fidelity)[0], 2 * cost
    ...     return cost
    >>> print(check_raw_pairs_to_reach(doubling_only).message)  # doctest: +ELLIPSIS
    For fidelity = 0.8, target = 0.83 your function returned 2; expected 2.601. Remember: one round ...
    """
    return grade_function(
        fn,
        _raw_pairs,
        cases=[
            case(0.9, 0.85, why="a pair that already reaches the target needs no round: it costs one raw pair"),
            case(
                0.8,
                0.83,
                why="one round takes two pairs and keeps one only when the check passes (p = 0.769 at F = 0.8): "
                "2/p = 2.6 raw pairs",
            ),
            case(0.8, 0.9, why="three rounds, 0.8 → 0.838 → 0.874 → 0.905, each costing 2/p of the pairs before it"),
        ],
        random_cases=_random_goal,
        n_random=5,
        rtol=1e-6,
        unit="pairs",
        key="purification.raw_pairs",
        hint="Repeat rounds until the fidelity reaches the target. Each round needs two pairs of the level below and "
        "succeeds only with probability p (section 1's N), so on average it uses 2/p of them per pair it keeps.",
        idea="Keep a running cost, starting at one raw pair; every round multiplies it by 2/p, with p the success "
        "probability at the fidelity that round starts from, and replaces the fidelity by the kept pair's.",
    )


def _hop_success(n_photons: int, eta: float) -> float:
    return float(binom.cdf((n_photons - 1) // 2, n_photons, 1.0 - eta))


def _random_hop(rng: np.random.Generator) -> tuple[int, float]:
    return int(rng.integers(1, 26)), float(rng.uniform(0.3, 1.0))


def check_hop_success(fn: Callable[..., Any]) -> Feedback:
    """Coding exercise: ``fn(n_photons, eta)`` returns the probability that a third-generation hop succeeds: an
    encoded qubit travels as ``n_photons`` photons, each arriving with probability ``eta``, and an idealised code
    recovers it whenever fewer than half of them are lost,
    ``P_hop = Σ_{j ≤ (n−1)/2} C(n, j) (1 − η)^j η^(n−j)`` (as in :func:`qinet.generations.third_generation_rate`;
    Muralidharan et al., Sci. Rep. 6, 20463 (2016)).

    Examples
    --------
    >>> from math import comb
    >>> def hop_success(n_photons, eta):
    ...     return sum(comb(n_photons, j) * (1 - eta) ** j * eta ** (n_photons - j)
    ...                for j in range((n_photons - 1) // 2 + 1))
    >>> bool(check_hop_success(hop_success))
    True
    >>> print(check_hop_success(lambda n_photons, eta: eta**n_photons).message)  # doctest: +ELLIPSIS
    For n_photons = 3, eta = 0.5 your function returned 0.125; expected 0.5. Remember: ...
    """
    return grade_function(
        fn,
        _hop_success,
        cases=[
            case(15, 1.0, why="when no photon is lost every hop succeeds"),
            case(15, 0.0, why="when every photon is lost nothing arrives to decode"),
            case(1, 0.8, why="a qubit sent as one photon arrives only if that photon does: P = η"),
            case(
                3,
                0.5,
                why="with half the photons lost on average, losing fewer than half is as likely as losing more: "
                "P = 1/2 for any odd n, which is why 3G needs hops that lose less than half",
            ),
            case(2, 0.9, why="of two photons, fewer than half lost means none lost: both must arrive, P = η²"),
        ],
        random_cases=_random_hop,
        n_random=5,
        rtol=1e-6,
        atol=1e-12,
        unit="",
        key="purification.hop_success",
        hint="The code survives losing j photons for every j below n/2 (j = 0, 1, ..., (n − 1)//2). Add up the "
        "probabilities of losing exactly j of the n photons.",
        idea="Losing exactly j of n photons has the binomial probability C(n, j) (1 − η)^j η^(n − j) (math.comb gives "
        "C(n, j)); sum it over j from 0 to (n − 1)//2.",
    )
