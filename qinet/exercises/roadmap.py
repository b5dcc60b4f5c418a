"""Exercise checks for notebook 12 (the road map). Every check returns a Feedback and never raises."""

from __future__ import annotations

from qinet.exercises.feedback import Feedback, check_choice, check_number


def check_bb84_fidelity(answer: object) -> Feedback:
    """Exercise 1: the lowest Werner-pair fidelity that still gives a BB84 key (Shor–Preskill, no memory)."""
    from qinet.roadmap import minimum_fidelity

    return check_number(
        answer,
        minimum_fidelity("bb84"),
        rtol=0.002,
        hint="Set the QBER 2(1−F)/3 equal to the 11.0 % threshold and solve for F.",
    )


def check_heralding_ms(answer: object) -> Feedback:
    """Exercise 2: the heralding round trip in ms over a 500 km link (emitter at one end, n_g = 1.468)."""
    from qinet.links import heralding_time

    return check_number(
        answer, 1e3 * heralding_time(500.0), rtol=0.01, unit="ms", hint="There and back: 2L / (c / 1.468)."
    )


def check_stage(answer: object) -> Feedback:
    """Exercise 3 (multiple choice): the first stage that lets two banks 1,000 km apart share a key
    without trusting anyone in between."""
    return check_choice(
        answer,
        "b",
        {
            "a": "Trusted-node QKD gives them a key, but every relay sees it: they must trust the relays.",
            "b": "Yes: pairs distributed end to end (e.g. from a satellite) give a key nobody in between holds.",
            "c": "Memories help with rate and distance, but photons measured on arrival already suffice.",
            "d": "A fault-tolerant internet would do it too, but it is not the first stage that does.",
        },
    )
