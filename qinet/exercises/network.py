"""Exercise checks for notebook 13 (quantum networks). They never raise and never print a solution.

Two coding exercises are graded by behaviour: the learner's function is called on fresh values and
at limits and compared with qinet's models; the feedback says what is wrong in physical terms and
gives more help on each new try (what failed, then a hint, then the idea).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from qinet import links, repeaters
from qinet.exercises.feedback import Feedback, check_choice, check_number
from qinet.network import topology

_TRIES: dict[str, int] = {}


def _tiered(key: str, what: str, hint: str, idea: str) -> Feedback:
    """What failed; from the second try on a hint; from the third the idea behind it."""
    _TRIES[key] = _TRIES.get(key, 0) + 1
    parts = [what]
    if _TRIES[key] >= 2:
        parts.append(f"Hint: {hint}")
    if _TRIES[key] >= 3:
        parts.append(f"The idea: {idea}")
    return Feedback(False, " ".join(parts))


def _call(func: Callable, *args) -> tuple[float | None, str | None]:
    try:
        value = func(*args)
    except Exception as error:  # the learner's code may raise anything; report it, never re-raise
        return None, f"Your function raised {type(error).__name__}: {error}."
    if value is None:
        return None, "Your function returned None: finish the stub so that it returns a number."
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None, f"Your function should return a number, it returned {type(value).__name__} {value!r}."
    if not math.isfinite(number):
        return None, f"Your function returned {number}, not a finite number."
    return number, None


def link_wait_s(length_km: float) -> float:
    """The reference of exercise 1: mean time in s for a double-click link to herald one pair.

    Midpoint station, ideal detectors, 0.2 dB/km, group index 1.468, one attempt per heralding time:
    ``T / p`` with ``T = L / v`` and ``p = ½ η(L)``.

    Examples
    --------
    >>> round(link_wait_s(50.0) * 1e3, 3)
    4.897
    """
    link = topology.FiberLink("A", "B", float(length_km), attempt_rate_hz=1e15)
    return topology.attempt_period_s(link) / topology.success_probability(link)


_WAIT_HINT = (
    "an attempt takes the heralding time L/v (v = c/1.468, photons meet at the midpoint and the herald "
    "comes back), and succeeds with p = ½ · 10^(−0.2 L/10); on average a link needs 1/p attempts."
)
_WAIT_IDEA = "the wait is geometric: mean = (time per attempt) / (success probability per attempt)."


def check_link_wait(func: object) -> Feedback:
    """Exercise 1: ``func(length_km)`` returns the mean time in s for one link to herald a pair.

    Examples
    --------
    >>> check_link_wait(link_wait_s).correct
    True
    >>> check_link_wait(lambda length_km: 0.0).correct
    False
    """
    key = "link_wait"
    if not callable(func):
        return Feedback(False, "Pass your function itself (its name, without parentheses).")
    rng = np.random.default_rng()
    lengths = [0.5, *np.round(rng.uniform(5.0, 150.0, 4), 1)]
    got, expected = [], []
    for length in lengths:
        value, problem = _call(func, float(length))
        if problem:
            return _tiered(key, f"At L = {length} km: {problem}", _WAIT_HINT, _WAIT_IDEA)
        got.append(value)
        expected.append(link_wait_s(length))
    if min(got) <= 0.0:
        where = lengths[int(np.argmin(got))]
        return _tiered(
            key,
            f"Your wait at {where} km is {min(got):.3g} s: a link needs at least one attempt, "
            "which takes the heralding time, so the wait is positive.",
            _WAIT_HINT,
            _WAIT_IDEA,
        )
    ratio = np.asarray(got) / np.asarray(expected)
    if np.allclose(ratio, 1.0, rtol=1e-3):
        _TRIES.pop(key, None)
        return Feedback(
            True,
            f"Your waiting times match at {len(lengths)} fresh lengths, e.g. "
            f"{got[-1] * 1e3:.4g} ms at {lengths[-1]} km.",
        )
    spread = ratio.max() / ratio.min()
    if spread < 1.001:
        r = float(ratio.mean())
        if math.isclose(r, 2.0, rel_tol=1e-3):
            what = (
                "Your times are twice too long at every length: either you wait a full round trip 2L/v "
                "(with a midpoint station the herald needs only L/v) or you dropped the ½ of the Bell measurement "
                "twice over."
            )
        elif math.isclose(r, 0.5, rel_tol=1e-3):
            what = (
                "Your times are half as long as they should be: a linear-optics Bell measurement succeeds only "
                "half the time, so p = ½ η(L)."
            )
        elif math.isclose(r, 1000.0, rel_tol=1e-2) or math.isclose(r, 1e-3, rel_tol=1e-2):
            what = "Your times are off by a factor 1000: check km against m (c = 299,792.458 km/s) and s against ms."
        else:
            what = f"Your times are {r:.3g} times the right ones at every length: a constant factor is off."
        return _tiered(key, what, _WAIT_HINT, _WAIT_IDEA)
    short, long_ = got[0], got[-1]
    if long_ <= short:
        return _tiered(
            key,
            "Your wait does not grow with the length: longer fibre loses more photons, so p falls "
            "and each attempt takes longer.",
            _WAIT_HINT,
            _WAIT_IDEA,
        )
    if ratio[1:].max() / ratio[1:].min() > 10.0:
        return _tiered(
            key,
            "Your wait grows with length at the wrong pace: the fibre loss is 10^(−αL/10) with α in "
            "dB/km (it should grow tenfold every 50 km at 0.2 dB/km, on top of L/v).",
            _WAIT_HINT,
            _WAIT_IDEA,
        )
    return _tiered(
        key, f"Your times are off by a factor between {ratio.min():.3g} and {ratio.max():.3g}.", _WAIT_HINT, _WAIT_IDEA
    )


_MC_HINT = (
    "draw the number of rounds each link needs (a geometric number with success probability p, e.g. "
    "rng.geometric(p)); both links are up when the slower one is."
)
_MC_IDEA = "the pair is ready after max(X, Y) rounds, whose mean is (3 − 2p)/(p(2 − p)): between 1/p and 2/p."


def check_two_link_wait(func: object, *, samples: int = 4000) -> Feedback:
    """Exercise 2: ``func(p, rng)`` returns one Monte Carlo sample of the rounds until two links are both up.

    Examples
    --------
    >>> "one link only" in check_two_link_wait(lambda p, rng: rng.geometric(p)).message
    True
    """
    key = "two_link_wait"
    if not callable(func):
        return Feedback(False, "Pass your function itself (its name, without parentheses).")
    rng = np.random.default_rng()
    for p in (0.6, float(np.round(rng.uniform(0.1, 0.3), 3))):
        values = []
        for _ in range(samples):
            value, problem = _call(func, p, rng)
            if problem:
                return _tiered(key, f"With p = {p}: {problem}", _MC_HINT, _MC_IDEA)
            values.append(value)
        draws = np.asarray(values)
        if np.any(draws < 1) or np.any(draws != np.round(draws)):
            return _tiered(key, "A sample should be a whole number of rounds, at least 1.", _MC_HINT, _MC_IDEA)
        mean, err = draws.mean(), draws.std(ddof=1) / math.sqrt(samples)
        exact = float(repeaters.expected_rounds(p, 2))
        if abs(mean - exact) <= 5 * err:
            continue
        q = 1.0 - p
        guesses = {
            1.0 / (1.0 - q * q): "the first link to succeed (the minimum): the swap needs both, so wait for the slower",
            1.0 / p: "one link only: the repeater needs a pair on both sides",
            2.0 / p: "the sum of the two waits: the links attempt at the same time, in parallel",
        }
        for value, words in guesses.items():
            if abs(mean - value) <= 5 * err:
                return _tiered(
                    key, f"With p = {p} your mean is {mean:.3f} rounds, which is {words}.", _MC_HINT, _MC_IDEA
                )
        return _tiered(
            key,
            f"With p = {p} your mean is {mean:.3f} ± {err:.3f} rounds; it should be near {exact:.3f}.",
            _MC_HINT,
            _MC_IDEA,
        )
    _TRIES.pop(key, None)
    return Feedback(
        True, "Your Monte Carlo agrees with (3 − 2p)/(p(2 − p)) within its statistical error at two values of p."
    )


def check_message_delay_ms(answer: object) -> Feedback:
    """Exercise 3: one-way time (ms) of a classical message over the 25 km Delft–The Hague fibre.

    Examples
    --------
    >>> check_message_delay_ms(0.1224).correct
    True
    """
    expected = float(links.fiber_delay(25.0)) * 1e3
    if (
        isinstance(answer, (int, float))
        and not isinstance(answer, bool)
        and math.isclose(answer, expected * 1e3, rel_tol=0.03)
    ):
        return Feedback(False, f"{answer:.4g} looks like µs: the answer is asked in ms.")
    return check_number(
        answer, expected, rtol=0.03, unit="ms", hint="Light in fibre travels at c/1.468 ≈ 204,000 km/s."
    )


_TRUST = {
    "a": "No: a trusted relay holds the key in the clear: every relay on the route learns it.",
    "b": "Right: entanglement swapping leaves the relays with random outcomes only; the key exists at the ends alone.",
    "c": "No: a trusted relay's key rate is set by its slowest hop, and today relays beat repeaters on rate.",
}


def check_trust_choice(answer: object) -> Feedback:
    """Exercise 4: which is true of trusted relays and entanglement swapping?
    (a) trusted relays never see the key; (b) swapping relays never see the key; (c) swapping is faster today.

    Examples
    --------
    >>> check_trust_choice("b").correct
    True
    """
    return check_choice(answer, "b", _TRUST)
