"""Exercise checks for notebook 05 (repeaters and memories). They never raise.

Expected values come from qinet's models, so they follow the notebook's conventions.
"""

from __future__ import annotations

from qinet import links, repeaters, states
from qinet.exercises.feedback import Feedback, check_choice, check_number


def check_round_trip_ms(answer: object) -> Feedback:
    """Heralding round trip (ms) of a 100 km link with the emitter at one node (group index 1.468)."""
    expected = float(links.heralding_time(100.0)) * 1e3
    return check_number(
        answer,
        expected,
        rtol=0.03,
        unit="ms",
        hint="The photon goes 100 km out and the herald 100 km back at c / 1.468 ≈ 204,000 km/s.",
    )


def check_two_link_rounds(answer: object) -> Feedback:
    """Expected attempt rounds until both of two links (p = 0.1 each) are up."""
    expected = float(repeaters.expected_rounds(0.1, 2))
    return check_number(
        answer, expected, rtol=0.005, hint="E[max(X, Y)] = (3 − 2p) / (p (2 − p)): more than 1/p, less than 2/p."
    )


def check_chain_fidelity(answer: object) -> Feedback:
    """End-to-end fidelity after swapping four Werner links of fidelity 0.95 each."""
    expected = float(states.chain_fidelity(0.95, 4))
    return check_number(
        answer, expected, rtol=0.002, hint="w = (4F − 1)/3 multiplies along the chain: F_n = 1/4 + (3/4) wⁿ."
    )


def check_stored_fidelity_t1(answer: object) -> Feedback:
    """Fidelity of a perfect Φ+ pair after one half waits 0.5 s in a memory with T₂ = 1 s and T₁ = 1 s."""
    expected = float(states.stored_fidelity(1.0, 0.5, 1.0, t1_s=1.0))
    dephasing_only = float(states.stored_fidelity(1.0, 0.5, 1.0))
    feedback = check_number(
        answer,
        expected,
        rtol=0.003,
        hint="F = [1 + e^(−t/T₁) + 2 e^(−t/T₂)]/4: the T₁ term counts too, not only the coherence.",
    )
    if not feedback and isinstance(answer, float) and abs(answer - dephasing_only) < 1e-3:
        return Feedback(False, f"{float(answer):.4g} is pure dephasing, (1 + e^(−t/T₂))/2: add energy relaxation (T₁).")
    return feedback


_MEMORY = {
    "a": "Look at the mean wait: with p = 0.01 the first link waits about 100 ms, ten times T₂.",
    "b": "Right: the first link waits ~100 ms on average, far longer than T₂ = 10 ms, so its pair decoheres.",
    "c": "The round trip (1 ms) is short, but the link needs about 1/p attempts, and each attempt costs a round trip.",
}


def check_memory_choice(answer: object) -> Feedback:
    """Two 100 km links (p = 0.01 per attempt) and memories with T₂ = 10 ms. Which is true?
    (a) the memory easily outlives the wait; (b) the memory forgets before the other link is ready;
    (c) the wait is one round trip, 1 ms."""
    return check_choice(answer, "b", _MEMORY)
