"""Exercise checks for notebook 02 (teleportation). Every check returns a Feedback and never raises."""

from __future__ import annotations

from qinet.exercises.feedback import Feedback, check_choice, check_number

LIGHT_OPTIONS = {
    "a": "No. Bob's qubit is useless until the two classical bits arrive: before that it is completely mixed "
    "whatever Alice measured, so nothing travels faster than light.",
    "b": "No: the Bell pair was shared before, but without Alice's two bits Bob cannot undo her random outcome.",
    "c": "Yes: the state arrives only after Alice's two bits reach Bob, at the speed of light or slower.",
}


def check_teleport_fidelity(answer: object) -> Feedback:
    """Exercise 1: the average teleportation fidelity with a Werner pair of fidelity F = 0.9.

    Examples
    --------
    >>> bool(check_teleport_fidelity(0.9333)), bool(check_teleport_fidelity(0.9))
    (True, False)
    """
    from qinet.states import teleportation_fidelity

    return check_number(answer, float(teleportation_fidelity(0.9)), rtol=0.002, hint="Use (2F + 1)/3 with F = 0.9.")


def check_threshold_fidelity(answer: object) -> Feedback:
    """Exercise 2: the smallest pair fidelity F for which teleportation beats the classical limit 2/3.

    Examples
    --------
    >>> bool(check_threshold_fidelity(0.5)), bool(check_threshold_fidelity(2 / 3))
    (True, False)
    """
    from qinet.teleport import CLASSICAL_LIMIT

    return check_number(answer, (3 * CLASSICAL_LIMIT - 1) / 2, rtol=0.002, hint="Solve (2F + 1)/3 = 2/3 for F.")


def check_faster_than_light(answer: object) -> Feedback:
    """Exercise 3: when can Bob first use the teleported state? (choose 'a', 'b' or 'c').

    Examples
    --------
    >>> bool(check_faster_than_light("c")), bool(check_faster_than_light("a"))
    (True, False)
    """
    return check_choice(answer, "c", LIGHT_OPTIONS)


def check_superdense_bits(answer: object) -> Feedback:
    """Exercise 4: how many classical bits one qubit carries in superdense coding (with a shared pair).

    Examples
    --------
    >>> bool(check_superdense_bits(2)), bool(check_superdense_bits("two"))
    (True, False)
    """
    return check_number(answer, 2.0, hint="Count the messages Alice can choose from: 00, 01, 10, 11.")
