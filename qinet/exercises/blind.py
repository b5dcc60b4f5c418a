"""Exercise checks for notebook 10 (blind quantum computing). Every check returns a Feedback and never raises."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import numpy as np
from qiskit import QuantumCircuit

from qinet.blind import ubqc_delta
from qinet.exercises.feedback import Feedback, check_number
from qinet.exercises.grading import Case, case, grade_function, grade_unitary_action


def check_mbqc_step(fn: Callable[..., Any]) -> Feedback:
    """Exercise 1: ``fn(alpha)`` returns a 2-qubit circuit, one step of measurement-based computing.

    Qubit 0 holds the input |ψ⟩, qubit 1 starts in |0⟩. The circuit must prepare qubit 1 in |+⟩,
    entangle the two with CZ, measure qubit 0 in the basis |±_α⟩ = (|0⟩ ± e^{iα}|1⟩)/√2 and correct the
    byproduct X^s on qubit 1, leaving H·P(−α)|ψ⟩ on qubit 1 (Raussendorf & Briegel, PRL 86, 5188 (2001)).
    Graded at a fresh angle α on every basis input and on random inputs, the measurement averaged over.

    Examples
    --------
    >>> def step(alpha):
    ...     qc = QuantumCircuit(2, 1)
    ...     _ = qc.h(1), qc.cz(0, 1), qc.p(-alpha, 0), qc.h(0), qc.measure(0, 0)
    ...     with qc.if_test((qc.clbits[0], 1)):
    ...         _ = qc.x(1)
    ...     return qc
    >>> bool(check_mbqc_step(step))
    True
    >>> print(check_mbqc_step(lambda alpha: QuantumCircuit(2, 1)).message)  # doctest: +ELLIPSIS
    At α = ... rad: for input |0⟩ your circuit gives |0⟩; expected |+⟩ ...
    """
    alpha = float(np.random.default_rng().uniform(0.2, math.pi - 0.2))

    def reference(angle: float) -> QuantumCircuit:
        qc = QuantumCircuit(2)
        qc.p(-angle, 0)
        qc.h(0)
        qc.swap(0, 1)
        return qc

    feedback = grade_unitary_action(
        fn,
        reference,
        n_qubits=2,
        args=(alpha,),
        input_qubits=[0],
        output_qubits=[1],
        allow_measurements=True,
        key="blind.mbqc_step",
        hint="Measuring in the basis |±_α⟩ is rotating that basis onto |0⟩, |1⟩ and measuring in Z: undo the "
        "phase e^{iα} first, then a Hadamard. The outcome s leaves a byproduct X^s on qubit 1, which you undo.",
        idea="Qubit 1 starts as |+⟩ (a Hadamard) and is entangled with the input by CZ. Then qubit 0 gets P(−α) and "
        "H and is measured into a classical bit; when that bit is 1, X on qubit 1 removes the byproduct.",
    )
    if feedback.correct or "input" not in feedback.message:
        return feedback
    return replace(feedback, message=f"At α = {alpha:.2f} rad: {feedback.message[0].lower()}{feedback.message[1:]}")


def _delta_reference(phi: float, s_x: int, s_z: int, theta: float, r: int) -> float:
    delta = ubqc_delta(phi, s_x, s_z, theta, r)
    return 0.0 if delta > 2 * math.pi - 1e-9 else delta


def check_client_delta(fn: Callable[..., Any]) -> Feedback:
    """Exercise 2: ``fn(phi, s_x, s_z, theta, r)`` returns the angle δ the client tells the server, in [0, 2π).

    δ = φ′ + θ + rπ mod 2π with φ′ = (−1)^{s_X} φ + s_Z π (Broadbent, Fitzsimons, Kashefi, FOCS 2009).
    Graded on one change at a time from φ alone, the example of section 2, a wrap past 2π and fresh angles.

    Examples
    --------
    >>> def delta(phi, s_x, s_z, theta, r):
    ...     return ((-1) ** s_x * phi + s_z * math.pi + theta + r * math.pi) % (2 * math.pi)
    >>> bool(check_client_delta(delta))
    True
    >>> def no_byproducts(phi, s_x, s_z, theta, r):
    ...     return (phi + theta + r * math.pi) % (2 * math.pi)
    >>> print(check_client_delta(no_byproducts).message)  # doctest: +ELLIPSIS
    For phi = 0.7854, s_x = 0, s_z = 1, ... expected 3.927. Remember: s_Z = 1 adds π to φ′...
    """
    eighth = math.pi / 4

    def fresh(rng: np.random.Generator) -> Case:
        bits = rng.integers(0, 2, size=3)
        return case(
            eighth * int(rng.integers(8)), int(bits[0]), int(bits[1]), eighth * int(rng.integers(8)), int(bits[2])
        )

    def reduced(*args: Any) -> Any:
        value = fn(*args)
        try:
            if abs(float(value) - 2 * math.pi) < 1e-9:
                return 0.0
        except (TypeError, ValueError, OverflowError):
            pass
        return value

    return grade_function(
        reduced if callable(fn) else fn,
        _delta_reference,
        cases=[
            case(eighth, 0, 0, 0.0, 0, why="with no byproducts and θ = r = 0 the server is told φ itself"),
            case(eighth, 0, 0, 3 * eighth, 0, why="the client's secret θ adds to the angle"),
            case(eighth, 0, 0, 0.0, 1, why="the secret bit r = 1 adds π"),
            case(eighth, 0, 1, 0.0, 0, why="s_Z = 1 adds π to φ′"),
            case(eighth, 1, 0, 0.0, 0, why="s_X = 1 flips the sign of φ: φ′ = −φ"),
            case(eighth, 1, 0, 3 * eighth, 1, why="the example of section 2 gives 3π/2"),
            case(7 * eighth, 0, 1, 6 * eighth, 1, why="δ is an angle: reduce it into [0, 2π) with % (2 * math.pi)"),
        ],
        random_cases=fresh,
        n_random=8,
        rtol=1e-9,
        atol=1e-9,
        unit="rad",
        key="blind.client_delta",
        hint="First the adapted angle φ′ = (−1)^{s_X} φ + s_Z π, which undoes the byproducts of earlier "
        "measurements; then add the secret θ and rπ, and reduce modulo 2π.",
        idea="Measuring |+_θ⟩ at δ is measuring |+⟩ at δ − θ, so δ must contain θ for the two to cancel; adding rπ "
        "flips the reported bit, which the client flips back (and it keeps the server's qubit maximally mixed given "
        "δ). So δ is φ′ plus θ plus r times π, and Python's % operator reduces it modulo 2π.",
    )


def check_trap_rounds(answer: object) -> Feedback:
    """Exercise 3: trap rounds needed to catch, with at least 99 % probability, a server deviating by ε = π/2.

    Examples
    --------
    >>> bool(check_trap_rounds(7)), bool(check_trap_rounds(2))
    (True, False)
    """
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
    in X and cheats only when it finds ``+``, when the client hides the output with a phase θ ∈ {0, π}?

    Examples
    --------
    >>> bool(check_spying_cheat_fraction(0.5)), "percentage" in check_spying_cheat_fraction(50).message
    (True, True)
    """
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
        unit="fraction",
        hint="The client sends |+⟩ or |−⟩ with equal probability; measured in X, how often does it give +?",
    )
