"""Exercise checks for notebook 08 (E91, the detection loophole, device-independent QKD, trusted-node networks).

Every check returns a Feedback and never raises.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from qinet import bounds, loopholes, trusted
from qinet.exercises.feedback import Feedback, check_choice, check_number
from qinet.exercises.grading import Case, case, grade_function
from qinet.exercises.qkd import on_copies, with_reasons


def check_chsh_visibility(answer: object) -> Feedback:
    """The CHSH value S of Bell pairs with visibility V = 0.9."""
    return check_number(
        answer, 2 * math.sqrt(2) * 0.9, rtol=0.002, hint="White noise shrinks every correlator by V, so S = 2√2 V."
    )


def check_chain_rate(answer: object) -> Feedback:
    """End-to-end key rate (bit/s) of a trusted chain with hop rates 12,000, 3,500, 8,000 and 5,200 bit/s."""
    return check_number(
        answer,
        trusted.chain_rate([12_000, 3_500, 8_000, 5_200]),
        rtol=0.001,
        unit="bit/s",
        hint="Every hop must deliver a fresh pad bit for every key bit relayed.",
    )


_WHO_KNOWS = {
    "a": "No: the announcements k_i ⊕ k_(i+1) are one-time-padded; alone they tell an outsider nothing.",
    "b": "Yes: each relay holds both hop keys around it, so it can unwrap the relayed key. A trusted-node "
    "network is only as secure as its least trustworthy relay.",
    "c": "No: relays are not just amplifiers; they decrypt and re-encrypt the key.",
    "d": "No: that is entanglement-based links with swapping, where no relay ever holds the key.",
}


def check_who_knows(answer: object) -> Feedback:
    """In a trusted-node chain, who besides Alice and Bob can read the relayed key? (a, b, c or d)

    a) anyone listening to the public channel; b) every intermediate relay; c) nobody; d) only the last relay.
    """
    return check_choice(answer, "b", _WHO_KNOWS)


def check_chsh_efficiency(answer: object) -> Feedback:
    """The CHSH value of perfect Bell pairs when each detector clicks for 90 % of the particles (no-click = +1)."""
    return check_number(
        answer,
        float(loopholes.chsh_with_efficiency(0.9)),
        rtol=0.002,
        hint="Both clicked: 0.9² of the rounds keep the quantum correlations (2√2 in total); neither clicked: "
        "0.1² of the rounds give (+1)(+1) in every correlator, adding 2 × 0.01.",
    )


# --- coding exercises: the E91 key rounds, and the device-independent key rate ---------------------------------

#: How long a learner's code may run per call, in seconds (an endless loop becomes feedback).
TIME_LIMIT_S = 5.0


def _e91_key_qber(
    alice_settings: np.ndarray, bob_settings: np.ndarray, alice_bits: np.ndarray, bob_bits: np.ndarray
) -> float:
    """The QBER of the E91 key rounds: those where Alice and Bob measured along the same angle (Ekert 1991)."""
    from qinet.e91 import KEY_SETTINGS

    alice_settings, bob_settings = np.asarray(alice_settings), np.asarray(bob_settings)
    key = np.zeros(alice_settings.shape, dtype=bool)
    for a, b in KEY_SETTINGS:
        key |= (alice_settings == a) & (bob_settings == b)
    return float(np.mean(np.asarray(alice_bits)[key] != np.asarray(bob_bits)[key]))


def _e91_rounds(rng: np.random.Generator) -> Case:
    """Fresh E91 rounds: random settings; Bob's bit equals Alice's with probability (1 + V cos(θa − θb))/2,
    the statistics of a Werner pair of visibility V (a random V between 0.75 and 1)."""
    from qinet.e91 import ALICE_ANGLES, BOB_ANGLES

    n, visibility = int(rng.integers(80, 400)), float(rng.uniform(0.75, 1.0))
    alice_settings, bob_settings = rng.integers(3, size=n), rng.integers(3, size=n)
    alice_settings[0], bob_settings[0] = 1, 0  # at least one key round
    same = (1 + visibility * np.cos(np.take(ALICE_ANGLES, alice_settings) - np.take(BOB_ANGLES, bob_settings))) / 2
    alice_bits = rng.integers(2, size=n)
    bob_bits = np.where(rng.random(n) < same, alice_bits, 1 - alice_bits)
    return case(alice_settings, bob_settings, alice_bits, bob_bits)


def check_e91_key_qber(fn: Callable[..., Any]) -> Feedback:
    """``fn(alice_settings, bob_settings, alice_bits, bob_bits)`` returns the QBER of the E91 key rounds.

    Settings are indices 0, 1, 2 into Ekert's angles, Alice's (0, π/4, π/2) and Bob's (π/4, π/2, 3π/4)
    (``qinet.e91.ALICE_ANGLES``, ``BOB_ANGLES``); the key rounds are those where both measured along the same
    angle, π/4 or π/2, i.e. Alice's setting 1 with Bob's 0, and Alice's 2 with Bob's 1. Graded on small rounds
    that isolate each step and on fresh rounds with the statistics of noisy Bell pairs.

    Examples
    --------
    >>> bool(check_e91_key_qber(_e91_key_qber))
    True
    >>> def same_index(alice_settings, bob_settings, alice_bits, bob_bits):
    ...     key = alice_settings == bob_settings
    ...     return np.mean(alice_bits[key] != bob_bits[key]) if key.any() else 0.0
    >>> print(check_e91_key_qber(same_index).message)  # doctest: +ELLIPSIS
    For alice_settings = [1, 1, 1, 1], ... expected 0.25. Remember: Alice's setting 1 (π/4) and Bob's setting 0 ...
    """
    return grade_function(
        on_copies(fn),
        _e91_key_qber,
        cases=[
            case(
                np.array([1, 1, 1, 1]),
                np.array([0, 0, 0, 0]),
                np.array([0, 1, 0, 1]),
                np.array([0, 1, 1, 1]),
                why="Alice's setting 1 (π/4) and Bob's setting 0 (π/4) measure along the same angle: these are key "
                "rounds, whatever their indices",
            ),
            case(
                np.array([0, 0, 2, 2]),
                np.array([0, 0, 1, 1]),
                np.array([0, 1, 1, 0]),
                np.array([1, 0, 1, 0]),
                why="Alice's setting 0 is the angle 0 but Bob's setting 0 is π/4: 45° apart, so those rounds belong "
                "to the CHSH test; Alice's π/2 (setting 2) with Bob's π/2 (setting 1) makes key",
            ),
            case(
                np.array([2, 2, 1, 1]),
                np.array([1, 1, 0, 0]),
                np.array([0, 1, 0, 1]),
                np.array([1, 1, 0, 1]),
                why="both pairs of equal angles make key: (π/4, π/4) and (π/2, π/2)",
            ),
            case(
                np.array([1, 0, 1, 2]),
                np.array([0, 2, 0, 0]),
                np.array([0, 0, 1, 1]),
                np.array([1, 0, 1, 0]),
                why="the QBER is a fraction of the key rounds: divide by their number, not by all the rounds",
            ),
        ],
        random_cases=_e91_rounds,
        n_random=6,
        rtol=1e-9,
        atol=1e-12,
        unit="fraction",
        key="trusted.e91_key_qber",
        time_limit_s=TIME_LIMIT_S,
        hint="Look the settings up as angles (e91.ALICE_ANGLES[k], e91.BOB_ANGLES[k]) and keep the rounds where "
        "the two angles are equal; then take the fraction of those rounds where the bits differ.",
        idea="The key comes from the rounds measured along the same axis, where Φ⁺ gives equal bits: Alice's π/4 "
        "(her setting 1) with Bob's π/4 (his setting 0), and Alice's π/2 (2) with Bob's π/2 (1). Combine the two "
        "conditions with | into one mask and average 'bits differ' over it.",
    )


def _di_rate(chsh: float, qber: float) -> float:
    return float(bounds.di_qkd_rate(chsh, qber))


def check_di_key_rate(fn: Callable[..., Any]) -> Feedback:
    """``fn(chsh, qber)`` returns the device-independent key rate r = 1 − h(Q) − h((1 + √((S/2)² − 1))/2) of
    Acín et al., PRL 98, 230501 (2007): 0 without a Bell violation (S ≤ 2) and never negative.

    Graded at the limits and on fresh values of S in (2, 2.8) and Q up to 10 %.

    Examples
    --------
    >>> bool(check_di_key_rate(_di_rate))
    True
    >>> print(check_di_key_rate(lambda chsh, qber: 1 - 2 * bounds.binary_entropy(qber)).message)  # doctest: +ELLIPSIS
    For chsh = 2.82, qber = 0 your function returned 1; expected 0.9707. Remember: near the maximal violation ...
    """
    cases = [
        case(
            2.82,
            0.0,
            why="near the maximal violation 2√2 and without errors, Eve can know almost nothing: the rate is close to "
            "1, but the second h is not 0",
        ),
        case(
            1.8,
            0.0,
            why="S ≤ 2 is what a local model can give: no Bell violation, no key (return 0 before taking the square "
            "root of a negative number)",
        ),
        case(
            2.5,
            0.05,
            why="the first h pays for error correction (from Q), the second for what Eve may know (from S)",
        ),
        case(
            2.3,
            0.08,
            why="when error correction and Eve's information cost more than one bit, the rate is 0, never negative",
        ),
        case(
            2.82,
            0.11,
            why="Eve's information is bounded by S alone: near 2√2 even Q = 11 % leaves key, where BB84's "
            "1 − 2h(Q) is 0",
        ),
    ]
    feedback = grade_function(
        fn,
        _di_rate,
        cases=cases,
        random_cases=lambda rng: (float(rng.uniform(2.0, 2.8)), float(rng.uniform(0.0, 0.1))),
        n_random=6,
        rtol=1e-6,
        atol=1e-9,
        unit="fraction",
        key="trusted.di_key_rate",
        time_limit_s=TIME_LIMIT_S,
        hint="Two entropies: h(Q) for error correction, and h((1 + √((S/2)² − 1))/2) for Eve's information. "
        "bounds.binary_entropy is h. Check S first: without a violation there is no key.",
        idea="If S ≤ 2, return 0. Otherwise compute x = (1 + √((S/2)² − 1))/2 and r = 1 − h(Q) − h(x), and return "
        "max(0, r): a rate is never negative.",
    )
    return with_reasons(feedback, _di_rate, cases)
