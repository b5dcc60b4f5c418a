"""Exercise checks for notebook 11 (quantum sensing). Every check returns a Feedback and never raises."""

from __future__ import annotations

from qinet.exercises.feedback import Feedback, check_choice, check_number


def check_ghz_parity(answer: object) -> Feedback:
    """Exercise 1: the parity ⟨X⊗…⊗X⟩ of a 5-qubit GHZ state after a phase of 0.2 rad on every qubit."""
    from qinet.sensing import expected_parity

    return check_number(
        answer,
        expected_parity(5, 0.2),
        rtol=0.01,
        atol=0.005,
        hint="The relative phase is N·φ; the parity is its cosine (in radians).",
    )


def check_heisenberg_gain(answer: object) -> Feedback:
    """Exercise 2: by what factor 100 entangled qubits beat 100 independent ones (per-shot Δφ, no noise)."""
    from qinet.sensing import phase_uncertainty

    gain = phase_uncertainty(100, strategy="independent") / phase_uncertainty(100)
    return check_number(answer, gain, rtol=0.01, hint="Compare 1/√N with 1/N.")


def check_best_ghz_size(answer: object) -> Feedback:
    """Exercise 3: the GHZ size that gives the smallest Δφ when each qubit dephases for t = T₂/25."""
    from qinet.sensing import optimal_ghz_size

    return check_number(
        answer, optimal_ghz_size(1 / 25, 1.0), rtol=0.05, hint="Minimise exp(Nt/T₂)/N: set its derivative in N to zero."
    )


def check_frequency_advantage(answer: object) -> Feedback:
    """Exercise 4 (multiple choice): how much better GHZ_N estimates a frequency than N independent qubits
    under independent dephasing, once each strategy uses its best interrogation time.
    Options: ``"a"`` not at all, ``"b"`` √N better, ``"c"`` worse."""
    return check_choice(
        answer,
        "a",
        {
            "a": "GHZ must stop at t = T₂/(2N), N times sooner; the √N phase gain is paid back in time "
            "(Huelga et al. 1997).",
            "b": "That is the noise-free phase gain; with dephasing GHZ must interrogate N times shorter.",
            "c": "Not worse: with its best interrogation time GHZ_N reaches exactly the same Δω.",
        },
    )
