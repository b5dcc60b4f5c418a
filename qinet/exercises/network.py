"""Exercise checks for notebook 13 (quantum networks). Every check returns a Feedback and never raises.

The two coding exercises are graded by behaviour with :func:`qinet.exercises.grading.grade_function`: the
learner's function is called at limits and on fresh values and compared with qinet's network models, and a
typical slip of the physics (a round trip for a one-way trip, the ½ of the Bell measurement forgotten, the
first link to succeed instead of the last) is named (:mod:`qinet.exercises.slips`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from numbers import Real
from typing import Any

import numpy as np

from qinet import links
from qinet._validate import number, positive_int
from qinet._validate import seed as _seed
from qinet.exercises.feedback import Feedback, check_choice
from qinet.exercises.grading import case, grade_function
from qinet.exercises.sandbox import call_with_limit
from qinet.exercises.slips import Slip, name_slip, with_sentence
from qinet.network import routing, topology


def link_wait_s(length_km: float) -> float:
    """The reference of exercise 1: mean time in s for a double-click link to herald one pair.

    Midpoint station, ideal detectors, 0.2 dB/km, group index 1.468, one attempt per heralding time:
    ``T / p`` with ``T = L / v`` and ``p = ½ η(L)`` (Barrett & Kok, PRA 71, 060310 (2005)).

    Examples
    --------
    >>> round(link_wait_s(50.0) * 1e3, 3)
    4.897
    """
    link = topology.FiberLink("A", "B", float(number("length_km", length_km, 0.0)), attempt_rate_hz=1e15)
    return topology.attempt_period_s(link) / topology.success_probability(link)


def _one_way_s(length_km: float) -> float:
    return float(links.fiber_delay(length_km))


_WAIT_SLIPS = [
    Slip(
        lambda length_km: 2.0 * link_wait_s(length_km),
        "Your waits are twice too long at every length: with a midpoint station the photons cross L/2 and the herald "
        "comes back L/2, so an attempt takes L/v, not the round trip 2L/v.",
    ),
    Slip(
        lambda length_km: 0.5 * link_wait_s(length_km),
        "Your waits are half as long as they should be: a linear-optics Bell measurement succeeds only half the "
        "time, so p = ½ η(L).",
    ),
    Slip(
        lambda length_km: _one_way_s(length_km) / (0.5 * float(links.fiber_transmittance(length_km / 2))),
        "Each photon crosses only L/2, but a pair is heralded only when both photons arrive: η(L/2) · η(L/2) = η(L).",
    ),
    Slip(
        lambda length_km: _one_way_s(length_km) / (0.5 * 10 ** (-0.2 * length_km)),
        "Your wait grows far too fast with length: a loss of 0.2 dB/km over L km lets through 10^(−0.2 L/10); "
        "the /10 turns decibels into a power of ten.",
    ),
    Slip(
        lambda length_km: link_wait_s(length_km) / 1e3,
        "Your times are 1000 times too short: the speed of light is 299,792.458 km/s, and the lengths are in km.",
    ),
    Slip(
        _one_way_s,
        "Your wait is only the time of one attempt: the fibre loses photons, so an attempt succeeds with "
        "p = ½ · 10^(−0.2 L/10), and a link needs 1/p attempts on average.",
    ),
]


def check_link_wait(fn: Callable[..., Any]) -> Feedback:
    """Exercise 1: ``fn(length_km)`` returns the mean time in s for one double-click link to herald a pair.

    Midpoint station, ideal detectors, 0.2 dB/km, light at c/1.468: ``L/v / (½ η(L))``. Graded at a short
    link, at 50 km and at fresh lengths, with a round trip, a missing ½, one photon's loss only and a
    km/m slip named.

    Examples
    --------
    >>> bool(check_link_wait(link_wait_s))
    True
    >>> print(check_link_wait(lambda length_km: 2 * link_wait_s(length_km)).message)  # doctest: +ELLIPSIS
    For length_km = 0.5 your function returned ... Your waits are twice too long ... not the round trip 2L/v...
    """
    feedback = grade_function(
        fn,
        link_wait_s,
        cases=[
            case(0.5, why="even a short link loses half its attempts in the Bell measurement: the wait is 2 L/v"),
            case(50.0, why="50 km of fibre pass 10 % of the photons (10 dB), so an attempt succeeds with p = 0.05"),
        ],
        random_cases=lambda rng: (float(np.round(rng.uniform(5.0, 150.0), 1)),),
        n_random=4,
        rtol=1e-3,
        unit="s",
        key="network.link_wait",
        hint="An attempt takes the heralding time L/v (v = c/1.468: the photons meet at the midpoint and the herald "
        "comes back), and succeeds with p = ½ · 10^(−0.2 L/10); on average a link needs 1/p attempts.",
        idea="The number of attempts is geometric, so the mean wait is (time per attempt) / (success probability per "
        "attempt).",
    )
    return name_slip(feedback, fn, _WAIT_SLIPS, [(0.5,), (50.0,), (120.0,)], rtol=1e-3)


#: How many samples of the learner's Monte Carlo are averaged for each case of exercise 2.
CHAIN_SAMPLES = 10_000
MAX_CHAIN_SAMPLES = 100_000
"""The most samples `check_chain_wait` draws from a learner's function (each is a Python call)."""


def _sample_mean(fn: Callable[..., Any], samples: int, seed: int | None) -> Callable[..., Any]:
    """The mean of ``samples`` draws of ``fn(p, period_s, rng)``; a draw that is not a real number is returned
    as it is, so that the grader can say what the learner's function returned."""

    def mean_wait(p: Sequence[float], period_s: Sequence[float]) -> Any:
        rng = np.random.default_rng(seed)
        draws = np.empty(samples)
        for k in range(samples):
            value = fn(list(p), list(period_s), rng)
            if not isinstance(value, Real) or isinstance(value, bool):
                return value
            draws[k] = value
        return draws.mean()

    return mean_wait


def _draws(fn: Callable[..., Any], p: list[float], period_s: list[float], samples: int) -> np.ndarray | None:
    def draw_all() -> np.ndarray:
        rng = np.random.default_rng()
        return np.array([float(fn(list(p), list(period_s), rng)) for _ in range(samples)])

    outcome = call_with_limit(draw_all, time_limit_s=5.0)
    return outcome.value if outcome.ok and np.all(np.isfinite(outcome.value)) else None


def _name_chain_slip(feedback: Feedback, fn: Callable[..., Any], samples: int) -> Feedback:
    """Say which wrong waiting time the learner's samples estimate, at two equal links (p = ½, T = 120 µs)."""
    if feedback.correct or "; expected " not in feedback.message:
        return feedback
    p, period = [0.5, 0.5], [1.2e-4, 1.2e-4]
    draws = _draws(fn, p, period, samples)
    if draws is None:
        return feedback
    if np.ptp(draws) == 0:
        return with_sentence(
            feedback,
            "Your function returns the same value every time: each link needs a random number of attempts "
            "(rng.geometric(p) draws one), so each sample of the wait is different.",
        )
    if draws.min() < period[0] * (1 - 1e-9):
        return with_sentence(
            feedback,
            "Some of your waits are shorter than one attempt: every link needs at least one attempt (numpy's "
            "geometric distribution counts the attempts up to and including the first success, from 1).",
        )
    mean, error = draws.mean(), draws.std(ddof=1) / np.sqrt(draws.size)
    guesses = {
        period[0] / (1 - 0.25): "the first link to succeed (the minimum): a swap needs a pair on every link, "
        "so the chain waits for the slowest",
        period[0] / 0.5: "the wait of one link alone: the chain needs a pair on every link",
        2 * period[0] / 0.5: "the sum of the links' waits, as if they tried one after the other: they attempt at "
        "the same time, in parallel",
        routing.chain_wait_s(p, period) / period[0]: "a number of attempts, not a time: multiply each link's "
        "number of attempts by its attempt period",
    }
    for value, words in guesses.items():
        if abs(mean - value) <= 5 * error:
            return with_sentence(feedback, f"For two equal links (p = ½) your mean wait is {words}.")
    return feedback


def _chain_wait_s(p: Sequence[float], period_s: Sequence[float]) -> float:
    return routing.chain_wait_s(p, period_s)


def _random_chain(rng: np.random.Generator) -> tuple[list[float], list[float]]:
    n = int(rng.integers(2, 5))
    return (
        [float(f"{x:.2g}") for x in rng.uniform(0.12, 0.6, n)],
        [float(f"{x:.2g}") for x in rng.uniform(5e-5, 5e-4, n)],
    )


def check_chain_wait(fn: Callable[..., Any], *, samples: int = CHAIN_SAMPLES, seed: int | None = None) -> Feedback:
    """Exercise 2: ``fn(p, period_s, rng)`` returns one Monte Carlo sample of the time in s until every link of a
    chain holds a pair; link ``i`` attempts every ``period_s[i]`` and succeeds with probability ``p[i]``, all links
    attempt in parallel and keep their pairs.

    The mean of ``samples`` draws is compared (within 5 %, about five standard errors) with the exact
    ``E[max_i T_i G_i]`` of :func:`qinet.network.routing.chain_wait_s` at p = 1, one link, two equal links and
    fresh chains; a mean that is the minimum, one link's wait, the sum or a number of attempts is named.

    Examples
    --------
    >>> def chain_up_s(p, period_s, rng):
    ...     return max(t * rng.geometric(q) for q, t in zip(p, period_s))
    >>> bool(check_chain_wait(chain_up_s, samples=4000, seed=1))
    True
    >>> def first_only(p, period_s, rng):
    ...     return period_s[0] * rng.geometric(p[0])
    >>> print(check_chain_wait(first_only, samples=4000, seed=1).message)  # doctest: +ELLIPSIS
    For p = [1.0, 1.0, 1.0], period_s = [...] your samples average 0.00012; expected 0.0002. ...one link alone...
    """
    samples = positive_int("samples", samples, 100, MAX_CHAIN_SAMPLES)
    seed = _seed(seed)
    feedback = grade_function(
        _sample_mean(fn, samples, seed),
        _chain_wait_s,
        cases=[
            case(
                [1.0, 1.0, 1.0],
                [1.2e-4, 2e-4, 8e-5],
                why="with p = 1 every link is up after its first attempt, so the chain waits for the link with the "
                "longest attempt period",
            ),
            case([0.25], [1.5e-4], why="one link needs on average 1/p attempts of T each: T/p"),
            case(
                [0.5, 0.5],
                [1.2e-4, 1.2e-4],
                why="two equal links wait for the slower of the two: on average (3 − 2p)/(p(2 − p)) attempts, more "
                "than one link's 1/p and less than 2/p",
            ),
        ],
        random_cases=_random_chain,
        n_random=2,
        rtol=0.05,
        unit="s",
        key="network.chain_wait",
        time_limit_s=10.0,
        hint="Draw, for every link, the number of attempts until its first success (rng.geometric(p[i]) counts them "
        "from 1) and multiply by that link's attempt period. All links attempt at the same time.",
        idea="The chain is ready when its slowest link is: one sample is the largest of the links' times "
        "period_s[i] · G_i. Its mean, E[max], is longer than the slowest link's mean wait, because a fast link is "
        "sometimes unlucky.",
    )
    if not feedback.correct:  # the grader compares the mean of the learner's samples
        feedback = replace(
            feedback, message=feedback.message.replace(" your function returned ", " your samples average ", 1)
        )
    return _name_chain_slip(feedback, fn, min(samples, 4000))


_TRUST = {
    "a": "No: a trusted relay holds the key in the clear: every relay on the route learns it.",
    "b": "Right: entanglement swapping leaves the relays with random outcomes only; the key exists at the ends alone.",
    "c": "No: a trusted relay's key rate is set by its slowest hop, and today relays beat repeaters on rate.",
}


def check_trust_choice(answer: object) -> Feedback:
    """Exercise 3: which is true of trusted relays and entanglement swapping?
    (a) trusted relays never see the key; (b) swapping relays never see the key; (c) swapping is faster today.

    Examples
    --------
    >>> check_trust_choice("b").correct
    True
    """
    return check_choice(answer, "b", _TRUST)
