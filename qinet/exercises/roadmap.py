"""Exercise checks for notebook 12 (the road map). Every check returns a Feedback and never raises."""

from __future__ import annotations

import math

from qinet.exercises.feedback import Feedback, check_choice, check_number


def check_bb84_fidelity(answer: object) -> Feedback:
    """Exercise 1: the lowest Werner-pair fidelity that still gives a BB84 key (Shor–Preskill, no loss)."""
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


def check_bell_test_km(answer: object) -> Feedback:
    """Exercise 3: the longest fibre (km, 0.2 dB/km, source in the middle, perfect detectors) over which
    photons measured on arrival can still close the detection loophole with the best state (Eberhard's 2/3, for
    the equal efficiencies of two photons through the same fibre)."""
    from qinet.loopholes import EBERHARD_EFFICIENCY

    return check_number(
        answer,
        -20.0 * math.log10(EBERHARD_EFFICIENCY) / 0.2,
        rtol=0.02,
        unit="km",
        hint="Each photon crosses half the fibre: 10^(−0.2 · (L/2) / 10) must stay above 2/3. Solve for L.",
    )


def check_stage(answer: object) -> Feedback:
    """Exercise 4 (multiple choice): the first stage of Wehner et al. that lets two banks 1,000 km apart
    share a key without trusting anyone in between."""
    return check_choice(
        answer,
        "b",
        {
            "a": "A trusted repeater network gives them a key, but every relay sees it: they must trust the relays.",
            "b": "Yes: end-to-end QKD with no trusted node is the prepare-and-measure stage (BB84, or pairs from a "
            "satellite kept when both photons arrive).",
            "c": "Heralded entanglement adds device independence, but a key without trusted relays comes one stage "
            "earlier.",
            "d": "Memories help with rate and distance, but photons measured on arrival already suffice.",
        },
    )
