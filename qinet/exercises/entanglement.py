"""Exercise checks for notebook 01 (entanglement and no-cloning). Every check returns a Feedback and never raises."""

from __future__ import annotations

from qinet.exercises.feedback import Feedback, check_choice, check_number

AMPLIFIER_OPTIONS = {
    "a": "No: amplifiers exist for light, but they are not the problem; reread the section on no-cloning.",
    "b": "Yes. Amplifying an unknown quantum state would mean copying it, which no-cloning forbids; the best "
    "universal copier gives copies of fidelity 5/6 only, so loss has to be beaten with entanglement "
    "swapping and repeaters instead.",
    "c": "No: loss in fibre is the reason we would like to amplify, not the reason we cannot.",
}

WERNER_OPTIONS = {
    "a": "No: a CHSH violation proves entanglement, but its absence does not disprove it. Check the partial "
    "transpose: its smallest eigenvalue is (1 − 3V)/4.",
    "b": "Yes. For 1/3 < V ≤ 1/√2 the Werner pair is entangled (negative partial transpose, F > 1/2) but its "
    "largest CHSH value, 2√2 V, stays at or below 2.",
    "c": "No: the largest CHSH value of a Werner pair over all settings is 2√2 V; compare it with 2.",
}


def check_same_angle_correlation(answer: object) -> Feedback:
    """Exercise 1: Alice and Bob measure the singlet Ψ− along the same angle. What is E?

    Examples
    --------
    >>> bool(check_same_angle_correlation(-1)), bool(check_same_angle_correlation(1))
    (True, False)
    """
    from qinet.entangle import predicted_correlation

    expected = float(predicted_correlation("psi-", 0.7, 0.7))
    return check_number(
        answer, expected, atol=1e-6, hint="For Ψ− the two outcomes always differ along any common direction."
    )


def check_cloner_fidelity(answer: object) -> Feedback:
    """Exercise 2: the fidelity of each copy made by the optimal universal 1 → 2 cloner.

    Examples
    --------
    >>> bool(check_cloner_fidelity(5 / 6)), bool(check_cloner_fidelity(None))
    (True, False)
    """
    from qinet.entangle import cloner_fidelity

    return check_number(
        answer,
        cloner_fidelity(1, 2),
        rtol=0.005,
        hint="Use F = (MN + M + N) / (M (N + 2)) with N = 1 input and M = 2 outputs.",
    )


def check_amplifier(answer: object) -> Feedback:
    """Exercise 3: why a quantum repeater cannot simply amplify the signal (choose 'a', 'b' or 'c').

    Examples
    --------
    >>> bool(check_amplifier("b")), bool(check_amplifier("a"))
    (True, False)
    """
    return check_choice(answer, "b", AMPLIFIER_OPTIONS)


def check_werner_region(answer: object) -> Feedback:
    """Exercise 4: a Werner pair with V = 0.6 — separable, entangled without violation, or violating CHSH?

    Examples
    --------
    >>> bool(check_werner_region("b")), bool(check_werner_region("a")), bool(check_werner_region(None))
    (True, False, False)
    """
    from qinet.entangle import WERNER_REGIONS, werner_region

    right = "abc"[WERNER_REGIONS.index(werner_region(0.6))]
    return check_choice(answer, right, WERNER_OPTIONS)
