"""Exercise checks for notebook 07 (BB84). Every check returns a Feedback and never raises.

The expected values are computed with qinet's own models, so they follow the notebook's conventions.
"""

from __future__ import annotations

from qinet import bounds, keyrates, postprocessing
from qinet.exercises.feedback import Feedback, check_choice, check_number


def check_intercept_qber(answer: object) -> Feedback:
    """The QBER when Eve intercepts and resends half of the qubits in random bases (no other noise)."""
    return check_number(
        answer,
        0.5 / 4,
        rtol=0.01,
        hint="Eve picks the wrong basis half the time, and then Bob's bit is wrong half the time; "
        "only the intercepted fraction counts. Give a fraction, not a percentage.",
    )


def check_secret_fraction(answer: object) -> Feedback:
    """The Shor–Preskill secret fraction 1 − 2h(Q) at a QBER of 5 %."""
    expected = float(bounds.shor_preskill_rate(0.05))
    return check_number(
        answer, expected, rtol=0.005, hint="h(0.05) = −0.05 log₂ 0.05 − 0.95 log₂ 0.95 ≈ 0.286; then 1 − 2h."
    )


def check_final_length(answer: object) -> Feedback:
    """Bits left after privacy amplification by the asymptotic formula: n = 10,000 reconciled bits,
    Q = 5 %, Cascade leaked 3,300 bits."""
    expected = float(10_000 * (1 - bounds.binary_entropy(0.05)) - 3_300)
    return check_number(
        answer,
        expected,
        rtol=0.01,
        unit="bits",
        hint="Remove n·h(Q) for what Eve may know from the phase errors and every leaked bit: "
        "ℓ = n (1 − h(Q)) − leaked.",
    )


def check_sampling_margin(answer: object) -> Feedback:
    """The sampling margin μ of Tomamichel et al. (2012) for n = 100,000 key bits, k = 10,000 sample bits
    and ε_sec = 1e-10."""
    return check_number(
        answer,
        float(postprocessing.sampling_margin(100_000, 10_000, 1e-10)),
        rtol=0.01,
        hint="μ = √[(n+k)/(nk) · (k+1)/k · ln(2/ε_sec)]; ln(2/1e-10) ≈ 23.7. Give a fraction, not a percentage.",
    )


def check_decoy_reach(answer: object) -> Feedback:
    """The distance (km) at which decoy-state BB84 with the GYS parameters (μ = 0.5, many-decoy limit)
    stops giving key."""
    return check_number(
        answer,
        keyrates.cutoff_distance("decoy"),
        rtol=0.02,
        unit="km",
        hint="Use qinet.keyrates.decoy_rate over a grid of lengths and find where it reaches 0.",
    )


_WHY_DECOYS = {
    "a": "No: decoys do not make the laser emit single photons; the multi-photon pulses are still there.",
    "b": "Yes: the decoy intensities let Alice and Bob estimate the yield and error of the single-photon "
    "pulses, so they no longer assume Eve knows every bit that a detector clicked on.",
    "c": "No: decoy pulses are not used for the key, and they add no detector efficiency.",
}


def check_why_decoys(answer: object) -> Feedback:
    """Why do decoy states stretch weak-pulse BB84 from about 40 km to about 140 km? (a, b or c)

    a) they turn the laser into a single-photon source; b) they let Alice and Bob bound what the
    single-photon pulses contributed; c) they raise the detection rate.
    """
    return check_choice(answer, "b", _WHY_DECOYS)
