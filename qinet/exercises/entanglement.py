"""Exercise checks for notebook 01 (entanglement and no-cloning): the four Bell states, a measurement along
any angle, a CHSH estimator from counts, and two questions. Every check returns a Feedback and never raises;
the coding exercises are graded by behaviour (:mod:`qinet.exercises.grading`)."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from qinet.exercises.feedback import Feedback, check_choice
from qinet.exercises.grading import (
    case,
    grade_counts_function,
    grade_measurement_circuit,
    grade_state_preparation,
    reset_tries,
)
from qinet.exercises.tries import verdict

#: How long a learner's code may run per call, in seconds (an endless loop becomes feedback).
TIME_LIMIT_S = 5.0

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


def check_bell_state(fn: Callable[..., Any]) -> Feedback:
    """Exercise 1: ``fn(kind)`` returns a two-qubit circuit that prepares the Bell state ``kind`` from |00⟩.

    ``kind`` is ``"phi+"``, ``"phi-"``, ``"psi+"`` or ``"psi-"``: Φ± = (|00⟩ ± |11⟩)/√2 and
    Ψ± = (|01⟩ ± |10⟩)/√2. All four are graded on their exact final states.

    Examples
    --------
    >>> from qinet.circuits import bell_pair
    >>> bool(check_bell_state(bell_pair)), bool(check_bell_state(lambda kind: bell_pair("phi+")))
    (True, False)
    """

    def target(kind: str) -> str:
        return kind

    return grade_state_preparation(
        fn,
        target,
        n_qubits=2,
        cases=[
            case("phi+", why="Φ⁺: a Hadamard on qubit 0, then a CNOT"),
            case("phi-", why="Φ⁻ has the same outcomes as Φ⁺ in Z, with a minus sign on |11⟩"),
            case("psi+", why="Ψ⁺: in Z the two qubits always disagree"),
            case("psi-", why="Ψ⁻: the qubits always disagree, and a minus sign on |10⟩"),
        ],
        key="entanglement.bell_state",
        time_limit_s=TIME_LIMIT_S,
        hint="All four start from Φ⁺ = (|00⟩ + |11⟩)/√2. Which Pauli on one qubit flips the bit values so that the "
        "qubits disagree, and which one puts a minus sign on one of the two terms?",
        idea="Make Φ⁺ with H on qubit 0 and a CNOT from 0 to 1. Then X on qubit 1 turns Φ into Ψ, and Z on qubit 0 "
        "turns the + into a −; Ψ⁻ needs both.",
    )


def _angle_text(angle: float) -> str:
    return f"{angle:.3g} rad ({math.degrees(angle):.0f}°)"


def _outcome_probabilities(alice_angle: float, bob_angle: float) -> dict[str, float]:
    """Φ⁺ measured along ``alice_angle`` (qubit 0, bit 0) and ``bob_angle`` (qubit 1, bit 1): the outcomes
    agree with probability (1 + E)/2, E = cos(a − b), and each outcome alone is a fair coin."""
    same = (1 + math.cos(alice_angle - bob_angle)) / 2
    return {"00": same / 2, "11": same / 2, "01": (1 - same) / 2, "10": (1 - same) / 2}


_MEASURE_KEY = "entanglement.measure_along"
_MEASURE_HINT = (
    "Measuring along angle a means measuring the observable cos a Z + sin a X. A Z measurement measures along "
    "angle 0; turn each qubit first so that the direction at angle a lands on the Z axis."
)
_MEASURE_IDEA = (
    "A rotation about the Y axis, ry(θ), turns a Bloch vector by θ in the X–Z plane. Rotating Alice's qubit by "
    "−a (and Bob's by −b) just before the Z measurements brings the direction at angle a onto Z."
)


def check_measure_along(fn: Callable[..., Any]) -> Feedback:
    """Exercise 2: ``fn(alice_angle, bob_angle)`` returns a circuit that makes Φ⁺ and measures qubit 0 (into
    bit 0) along ``alice_angle`` and qubit 1 (into bit 1) along ``bob_angle``, angles in the X–Z plane (rad).

    Graded on Aer: at Z–Z, Z–X, X–X and fresh random angles, every outcome's frequency must match the
    quantum prediction, P(same) = (1 + cos(a − b))/2, within 5 binomial standard errors.

    Examples
    --------
    >>> from qinet.entangle import bell_correlation_circuit
    >>> bool(check_measure_along(lambda a, b: bell_correlation_circuit("phi+", a, b)))
    True
    >>> bool(check_measure_along(lambda a, b: bell_correlation_circuit("phi+", 0.0, 0.0)))
    False
    """
    rng = np.random.default_rng()
    items = [
        case(0.0, 0.0, why="both in Z: Φ⁺ always agrees, E = +1"),
        case(0.0, math.pi / 2, why="Z against X: the outcomes are uncorrelated, E = 0"),
        case(math.pi / 2, math.pi / 2, why="both in X: Φ⁺ agrees in X as well, E = +1"),
        case(math.pi / 4, -math.pi / 4, why="90° apart: E = cos 90° = 0"),
    ] + [case(float(rng.uniform(-math.pi, math.pi)), float(rng.uniform(-math.pi, math.pi))) for _ in range(2)]
    for item in items:
        a, b = item.args
        feedback = grade_measurement_circuit(
            fn,
            _outcome_probabilities(a, b),
            n_qubits=2,
            args=item.args,
            measured_qubits=[0, 1],
            seed=int(rng.integers(2**31)),
            key=_MEASURE_KEY + ".case",
            time_limit_s=TIME_LIMIT_S,
        )
        reset_tries(_MEASURE_KEY + ".case")
        if not feedback:
            message = feedback.message
            if message.startswith("Outcome"):  # a wrong distribution: say at which angles, and what E should be
                why = f" ({item.why})" if item.why else f" (E = cos(a − b) = {math.cos(a - b):+.2f})"
                message = f"For alice_angle = {_angle_text(a)}, bob_angle = {_angle_text(b)}{why}: {message}"
            return verdict(_MEASURE_KEY, message, "", hint=_MEASURE_HINT, idea=_MEASURE_IDEA)
    return verdict(
        _MEASURE_KEY,
        None,
        f"On Aer your circuit gives the quantum statistics, E = cos(a − b), at all {len(items)} pairs of angles.",
    )


def _correlation(counts: dict[str, int]) -> float:
    shots = sum(counts.values())
    return sum(n if key[0] == key[1] else -n for key, n in counts.items()) / shots


def _chsh_reference(
    counts_a0b0: dict[str, int], counts_a0b1: dict[str, int], counts_a1b0: dict[str, int], counts_a1b1: dict[str, int]
) -> float:
    """S = E(a0, b0) + E(a0, b1) + E(a1, b0) − E(a1, b1) (Clauser, Horne, Shimony & Holt 1969)."""
    return _correlation(counts_a0b0) + _correlation(counts_a0b1) + _correlation(counts_a1b0) - _correlation(counts_a1b1)


def check_chsh(fn: Callable[..., Any]) -> Feedback:
    """Exercise 3: ``fn(counts_a0b0, counts_a0b1, counts_a1b0, counts_a1b1)`` estimates the CHSH value S.

    Each argument is a counts dict of two measured bits (``{"00": 480, "01": 21, ...}``) for one pair of
    settings; S = E(a0, b0) + E(a0, b1) + E(a1, b0) − E(a1, b1), each correlation E = P(same) − P(different)
    taken from its own counts. Graded on fresh counts, some with outcomes missing.

    Examples
    --------
    >>> bool(check_chsh(_chsh_reference)), bool(check_chsh(lambda *counts: 2.0))
    (True, False)
    """
    always_00 = {"00": 1000}
    return grade_counts_function(
        fn,
        _chsh_reference,
        n_bits=2,
        n_counts=4,
        cases=[(always_00, always_00, always_00, always_00)],
        key="entanglement.chsh",
        time_limit_s=TIME_LIMIT_S,
        hint="Compute the four correlations E = P(same) − P(different) one by one, each from its own counts and "
        "divided by its own number of shots; then combine them with the signs of the CHSH sum.",
        idea="Write a helper E(counts) (same outcomes '00' and '11' minus different ones '01' and '10', divided by "
        "sum(counts.values()), reading missing outcomes as 0); then S = E₀₀ + E₀₁ + E₁₀ − E₁₁: only the last term, "
        "both second settings, is subtracted.",
    )


def check_amplifier(answer: object) -> Feedback:
    """Exercise 4: why a quantum repeater cannot simply amplify the signal (choose 'a', 'b' or 'c').

    Examples
    --------
    >>> bool(check_amplifier("b")), bool(check_amplifier("a"))
    (True, False)
    """
    return check_choice(answer, "b", AMPLIFIER_OPTIONS)


def check_werner_region(answer: object) -> Feedback:
    """Exercise 5: a Werner pair with V = 0.6 — separable, entangled without violation, or violating CHSH?

    Examples
    --------
    >>> bool(check_werner_region("b")), bool(check_werner_region("a")), bool(check_werner_region(None))
    (True, False, False)
    """
    from qinet.entangle import WERNER_REGIONS, werner_region

    right = "abc"[WERNER_REGIONS.index(werner_region(0.6))]
    return check_choice(answer, right, WERNER_OPTIONS)
