"""Exercise checks for notebook 08 (E91, the detection loophole, device-independent QKD, trusted-node networks).

Every check returns a Feedback and never raises.
"""

from __future__ import annotations

import math

from qinet import bounds, loopholes, trusted
from qinet.exercises.feedback import Feedback, check_choice, check_number


def check_chsh_visibility(answer: object) -> Feedback:
    """The CHSH value S of Bell pairs with visibility V = 0.9."""
    return check_number(
        answer, 2 * math.sqrt(2) * 0.9, rtol=0.002, hint="White noise shrinks every correlator by V, so S = 2√2 V."
    )


def check_di_rate(answer: object) -> Feedback:
    """The device-independent key fraction at S = 2.5 and Q = 5 % (Acín et al. 2007)."""
    return check_number(
        answer,
        float(bounds.di_qkd_rate(2.5, 0.05)),
        rtol=0.01,
        hint="r = 1 − h(Q) − h((1 + √((S/2)² − 1))/2): compute the inner √ first (0.75).",
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
