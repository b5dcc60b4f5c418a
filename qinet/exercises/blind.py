"""Exercise checks for notebook 10 (blind quantum computing). Every check returns a Feedback and never raises."""

from __future__ import annotations

import math

from qinet.exercises.feedback import Feedback, check_number


def check_delta(answer: object) -> Feedback:
    """Exercise 1: δ for φ = π/2, s_X = 1, s_Z = 1, θ = π/4, r = 0 (radians; any equivalent angle mod 2π)."""
    from qinet.blind import ubqc_delta

    expected = ubqc_delta(math.pi / 2, 1, 1, math.pi / 4, 0)
    try:
        value = float(answer) % (2 * math.pi)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        value = answer
    return check_number(
        value,
        expected,
        atol=1e-6,
        unit="rad",
        hint="φ′ = (−1)^{s_X} φ + s_Z π, then δ = φ′ + θ + rπ, reduced modulo 2π.",
    )


def check_delta_probability(answer: object) -> Feedback:
    """Exercise 2: the probability that the server is told δ = 0 for a given qubit, whatever φ is."""
    return check_number(
        answer, 1 / 8, rtol=1e-3, hint="δ = φ′ + θ + rπ with θ uniform over eight angles: how many values can δ take?"
    )


def check_trap_rounds(answer: object) -> Feedback:
    """Exercise 3: trap rounds needed to catch, with at least 99 % probability, a server deviating by ε = π/2."""
    from qinet.blind import detection_probability

    rounds = next(k for k in range(1, 100) if detection_probability(math.pi / 2, 1.0, k) >= 0.99)
    return check_number(
        answer,
        rounds,
        atol=1e-9,
        hint="One round catches it with sin²(ε/2) = 1/2; find the smallest k with 1 − (1/2)^k ≥ 0.99.",
    )


def check_spying_cheat_fraction(answer: object) -> Feedback:
    """Exercise 4: in what fraction of computation rounds does a server cheat that measures the output qubit
    in X and cheats only when it finds ``+``, when the client hides the output with a phase θ ∈ {0, π}?"""
    try:
        value = float(answer)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        value = math.nan
    if value == 1.0:
        return Feedback(
            False,
            "1 is what happens when the output qubit is sent as a known |+⟩ (the flawed protocol): then the server "
            "finds + in every computation round. What state does it receive when θ ∈ {0, π} is secret?",
        )
    return check_number(
        answer,
        0.5,
        atol=1e-9,
        hint="The client sends |+⟩ or |−⟩ with equal probability; measured in X, how often does it give +?",
    )
