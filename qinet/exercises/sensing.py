"""Exercise checks for notebook 11 (quantum sensing). Every check returns a Feedback and never raises."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from qinet.exercises.feedback import Feedback, check_choice, check_number
from qinet.exercises.grading import Case, case, grade_counts_function, grade_state_preparation


def _ghz_with_phase(n: int, phi: float) -> np.ndarray:
    """(|0…0⟩ + e^{iNφ}|1…1⟩)/√2 as a state vector of ``n`` qubits."""
    vector = np.zeros(2**n, dtype=complex)
    vector[0], vector[-1] = 1 / math.sqrt(2), np.exp(1j * n * phi) / math.sqrt(2)
    return vector


def check_ghz_sensor(fn: Callable[..., Any]) -> Feedback:
    """Exercise 1: ``fn(n, phi)`` returns an ``n``-qubit circuit that makes GHZ_n and imprints φ on every qubit.

    The state it must prepare from |0…0⟩ is (|0…0⟩ + e^{iNφ}|1…1⟩)/√2 (Kómár et al., Nat. Phys. 10, 582
    (2014)). Graded exactly for 2 to 5 qubits, at φ = 0 and at fresh phases.

    Examples
    --------
    >>> from qiskit import QuantumCircuit
    >>> def sensor(n, phi):
    ...     qc = QuantumCircuit(n)
    ...     _ = qc.h(0)
    ...     for q in range(1, n):
    ...         _ = qc.cx(0, q)
    ...     for q in range(n):
    ...         _ = qc.p(phi, q)
    ...     return qc
    >>> bool(check_ghz_sensor(sensor))
    True
    """

    def fresh(rng: np.random.Generator) -> Case:
        return case(int(rng.integers(2, 6)), float(rng.uniform(0.05, 0.7)))

    return grade_state_preparation(
        fn,
        _ghz_with_phase,
        cases=[
            case(2, 0.0, why="with no phase, two qubits in GHZ_2 are the Bell state Φ⁺"),
            case(3, 0.0, why="with no phase it is GHZ_3 = (|000⟩ + |111⟩)/√2"),
            case(3, 0.3, why="each of the 3 qubits adds φ: the relative phase is 3φ"),
        ],
        random_cases=fresh,
        n_random=3,
        key="sensing.ghz_sensor",
        hint="Two steps: the GHZ state needs a Hadamard and a chain of CNOTs, so that all qubits agree; the sensor "
        "then picks up the same phase on every qubit, and the N phases add up on |1…1⟩.",
        idea="A Hadamard on qubit 0 and a CNOT from qubit 0 to each other qubit make GHZ_n; then the phase gate "
        "P(φ) on every one of the n qubits multiplies |1…1⟩ by e^{inφ}.",
    )


def _mean_parity(counts: dict[str, int]) -> float:
    """The reference answer: the learner is given a counts dict, so it reads bit strings."""
    return sum((-1) ** key.count("1") * n for key, n in counts.items()) / sum(counts.values())


def check_parity(fn: Callable[..., Any]) -> Feedback:
    """Exercise 2: ``fn(counts)`` returns the mean parity ⟨(−1)^(number of 1s)⟩ of measured bit strings.

    After a Hadamard on every qubit this estimates ⟨X^{⊗N}⟩ = cos(Nφ). Graded on fresh counts of 2, 3 and
    4 bits, including outcomes that never occurred.

    Examples
    --------
    >>> def parity(counts):
    ...     return sum((-1) ** k.count("1") * c for k, c in counts.items()) / sum(counts.values())
    >>> bool(check_parity(parity)), bool(check_parity(lambda counts: counts.get("0000", 0) / 1000))
    (True, False)
    """
    return grade_counts_function(
        fn,
        _mean_parity,
        n_bits=4,
        cases=[({"00": 480, "11": 520},), ({"000": 300, "111": 250, "011": 150, "001": 300},), ({"01": 1000},)],
        key="sensing.parity",
        hint="Each shot gives +1 when its bit string has an even number of 1s and −1 when odd; the parity is the "
        "average over all shots, so weight each outcome by its count and divide by the total.",
        idea="Loop over counts.items(): count the 1s of each bit string (str.count), give it the sign (−1) to that "
        "power, multiply by how often it occurred, add up, and divide by sum(counts.values()).",
    )


def check_heisenberg_gain(answer: object) -> Feedback:
    """Exercise 3: by what factor 100 entangled qubits beat 100 independent ones (per-shot Δφ, no noise).

    Examples
    --------
    >>> bool(check_heisenberg_gain(10)), bool(check_heisenberg_gain(100))
    (True, False)
    """
    from qinet.sensing import phase_uncertainty

    gain = phase_uncertainty(100, strategy="independent") / phase_uncertainty(100)
    return check_number(answer, gain, rtol=0.01, unit="", hint="Compare 1/√N with 1/N.")


def check_best_ghz_size(answer: object) -> Feedback:
    """Exercise 4: the GHZ size that gives the smallest Δφ when each qubit dephases for t = T₂/25.

    Examples
    --------
    >>> bool(check_best_ghz_size(25)), bool(check_best_ghz_size(5))
    (True, False)
    """
    from qinet.sensing import optimal_ghz_size

    return check_number(
        answer, optimal_ghz_size(1 / 25, 1.0), rtol=0.05, hint="Minimise exp(Nt/T₂)/N: set its derivative in N to zero."
    )


def check_frequency_advantage(answer: object) -> Feedback:
    """Exercise 5 (multiple choice): how much better GHZ_N estimates a frequency than N independent qubits
    under independent dephasing, once each strategy uses its best interrogation time.
    Options: ``"a"`` not at all, ``"b"`` √N better, ``"c"`` worse.

    Examples
    --------
    >>> bool(check_frequency_advantage("a")), bool(check_frequency_advantage("b"))
    (True, False)
    """
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
