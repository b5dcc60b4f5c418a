"""Exercise checks for notebook 05 (repeaters and memories). They never raise.

Expected values come from qinet's models, so they follow the notebook's conventions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister

from qinet import links, repeaters, states
from qinet._validate import in_range
from qinet.circuits import share_pair
from qinet.exercises.feedback import Feedback, check_choice, check_number
from qinet.exercises.grading import case, grade_function, grade_state_preparation


def check_round_trip_ms(answer: object) -> Feedback:
    """Heralding round trip (ms) of a 100 km link with the emitter at one node (group index 1.468)."""
    expected = float(links.heralding_time(100.0)) * 1e3
    return check_number(
        answer,
        expected,
        rtol=0.03,
        unit="ms",
        hint="The photon goes 100 km out and the herald 100 km back at c / 1.468 ≈ 204,000 km/s.",
    )


_MEMORY = {
    "a": "Look at the mean wait: with p = 0.01 the first link waits about 100 ms, ten times T₂.",
    "b": "Right: the first link waits ~100 ms on average, far longer than T₂ = 10 ms, so its pair decoheres.",
    "c": "The round trip (1 ms) is short, but the link needs about 1/p attempts, and each attempt costs a round trip.",
}


def check_memory_choice(answer: object) -> Feedback:
    """Two 100 km links (p = 0.01 per attempt) and memories with T₂ = 10 ms. Which is true?
    (a) the memory easily outlives the wait; (b) the memory forgets before the other link is ready;
    (c) the wait is one round trip, 1 ms."""
    return check_choice(answer, "b", _MEMORY)


# --- coding exercises (graded by behaviour, qinet.exercises.grading) ----------------------------------


def two_links(link_fidelity: float = 1.0) -> QuantumCircuit:
    """Two links of a repeater, ready to be swapped: a pair on qubits 0–1 (Alice–repeater), a pair on 2–3
    (repeater–Bob), each a Werner pair of ``link_fidelity`` (Φ+ when 1); classical registers ``z`` and
    ``x`` of one bit each for the repeater's Bell measurement.

    Registers are named by role: ``alice`` (qubit 0), ``repeater`` (qubits 1, 2), ``bob`` (qubit 3).

    Examples
    --------
    >>> qc = two_links(0.9)
    >>> qc.num_qubits, [register.name for register in qc.cregs]
    (4, ['z', 'x'])
    """
    fidelity = float(in_range("link_fidelity", link_fidelity, 0.25, 1.0))
    qc = QuantumCircuit(
        QuantumRegister(1, "alice"),
        QuantumRegister(2, "repeater"),
        QuantumRegister(1, "bob"),
        ClassicalRegister(1, "z"),
        ClassicalRegister(1, "x"),
        name="two_links",
    )
    for a, b in ((0, 1), (2, 3)):
        share_pair(qc, a, b, None if fidelity == 1.0 else fidelity)
    return qc


def _swapped_pair(link_fidelity: float) -> np.ndarray:
    """The Werner pair that swapping two Werner links leaves: ``w² |Φ+⟩⟨Φ+| + (1 − w²) I/4``."""
    w = float(states.werner_parameter(states.swap_fidelity(link_fidelity, link_fidelity)))
    phi_plus = np.array([1.0, 0.0, 0.0, 1.0]) / np.sqrt(2.0)
    return w * np.outer(phi_plus, phi_plus) + (1.0 - w) * np.eye(4) / 4


def check_swap(fn: Callable[..., Any]) -> Feedback:
    """Coding exercise: ``fn(link_fidelity)`` returns :func:`two_links` with the repeater's Bell measurement
    (qubits 1 and 2 into ``z`` and ``x``) and Bob's corrections on qubit 3 added, so that qubits 0 and 3
    end in Φ+ (perfect links) or in the Werner pair of fidelity ``(1 + 3w²)/4`` (Żukowski et al., PRL 71,
    4287 (1993); Briegel et al., PRL 81, 5932 (1998)).

    Graded on the exact state of qubits 0 and 3, averaged over the measurement outcomes, for perfect
    links, Werner links of F = 0.9 and fresh fidelities.

    Examples
    --------
    >>> def swap_links(link_fidelity):
    ...     qc = two_links(link_fidelity)
    ...     z, x = qc.cregs
    ...     qc.cx(1, 2)
    ...     qc.h(1)
    ...     qc.measure(1, z)
    ...     qc.measure(2, x)
    ...     with qc.if_test((x, 1)):
    ...         qc.x(3)
    ...     with qc.if_test((z, 1)):
    ...         qc.z(3)
    ...     return qc
    >>> bool(check_swap(swap_links))
    True
    >>> print(check_swap(two_links).message)  # doctest: +ELLIPSIS
    For link_fidelity = 1 your circuit gives the completely mixed state I/4, not the pure state Φ⁺...
    """
    return grade_state_preparation(
        fn,
        _swapped_pair,
        n_qubits=4,
        qubits=[0, 3],
        cases=[
            case(1.0, why="with perfect links, Alice's and Bob's qubits end in Φ⁺ whatever the repeater measured"),
            case(0.9, why="swapping two Werner links multiplies their Werner parameters: F = (1 + 3w²)/4 = 0.813"),
        ],
        random_cases=lambda rng: (float(rng.uniform(0.5, 1.0)),),
        n_random=2,
        allow_measurements=True,
        key="repeaters.swap",
        hint="The repeater measures its two qubits, 1 and 2, in the Bell basis and sends both bits to Bob. Without "
        "his corrections Bob's qubit is, averaged over the outcomes, completely mixed.",
        idea="A Bell measurement undoes the circuit that makes Φ⁺ (a CNOT from qubit 1 to qubit 2, then H on qubit 1) "
        "and measures both qubits. As in teleportation, Bob flips his qubit (X) when the bit measured on qubit 2 is 1 "
        "and applies Z when the bit of qubit 1 is 1, each inside `with qc.if_test((register, 1)):`.",
    )


def _two_link_rounds(p: float, n_trials: int, seed: int) -> float:
    return float(repeaters.expected_rounds(p, 2))


def _random_link(rng: np.random.Generator) -> tuple[float, int, int]:
    return float(rng.uniform(0.03, 0.9)), 10_000, int(rng.integers(2**31))


def check_mean_wait(fn: Callable[..., Any]) -> Feedback:
    """Coding exercise: ``fn(p, n_trials, seed)`` estimates by Monte Carlo the mean number of attempt rounds
    until both of two links are up, each succeeding with probability ``p`` per round and kept once made.

    Compared with the exact ``(3 − 2p)/(p(2 − p))`` (:func:`qinet.repeaters.expected_rounds`) within 4 %,
    over 5 standard errors of 10,000 trials (the relative spread of the wait is below 0.75).

    Examples
    --------
    >>> def mean_wait(p, n_trials, seed):
    ...     rng = np.random.default_rng(seed)
    ...     return np.maximum(rng.geometric(p, n_trials), rng.geometric(p, n_trials)).mean()
    >>> bool(check_mean_wait(mean_wait))
    True
    >>> print(check_mean_wait(lambda p, n_trials, seed: 1 / p).message)  # doctest: +ELLIPSIS
    For p = 0.1, n_trials = 10000, seed = 2 your function returned 10; expected 14.74. Remember: the repeater...
    """
    return grade_function(
        fn,
        _two_link_rounds,
        cases=[
            case(1.0, 10_000, 1, why="with p = 1 both links are up in the first round: the wait is 1 round, not 0"),
            case(
                0.1,
                10_000,
                2,
                why="the repeater waits for the slower of the two links, longer than one link's 1/p = 10 rounds and "
                "shorter than 2/p = 20, because the links try at the same time",
            ),
            case(0.5, 10_000, 3),
        ],
        random_cases=_random_link,
        n_random=4,
        rtol=0.04,
        unit="rounds",
        key="repeaters.mean_wait",
        hint="Each link succeeds for the first time after a random number of rounds (1, 2, 3, ...; on average 1/p). "
        "Draw that number for both links in every trial: the repeater is ready when the slower one is.",
        idea="numpy's Generator.geometric(p, size) draws the round of a first success, counted from 1. Take the larger "
        "of the two links' rounds in every trial and average over the trials.",
    )


def _stored_fidelity(time_s: float, t1_s: float, t2_s: float) -> float:
    return float(states.stored_fidelity(1.0, time_s, t2_s, t1_s=t1_s))


def _random_memory(rng: np.random.Generator) -> tuple[float, float, float]:
    t1 = float(10 ** rng.uniform(-1.0, 1.0))
    t2 = float(rng.uniform(0.05, 2.0)) * t1
    return float(rng.uniform(0.0, 3.0)) * t2, t1, t2


def check_stored_fidelity(fn: Callable[..., Any]) -> Feedback:
    """Coding exercise: ``fn(time_s, t1_s, t2_s)`` returns the fidelity of a perfect Φ+ pair after one of its
    halves waited ``time_s`` in a memory with energy-relaxation time T1 and coherence time T2:
    ``F = [1 + exp(-t/T1) + 2 exp(-t/T2)] / 4`` (relaxation channel of Nielsen & Chuang 2010, §8.3).

    Graded at no wait, pure dephasing (T1 = ∞), T2 = 2 T1 (amplitude damping alone), a long wait, and fresh
    memories with T2 ≤ 2 T1.

    Examples
    --------
    >>> def stored(time_s, t1_s, t2_s):
    ...     return (1 + np.exp(-time_s / t1_s) + 2 * np.exp(-time_s / t2_s)) / 4
    >>> bool(check_stored_fidelity(stored))
    True
    >>> print(check_stored_fidelity(lambda time_s, t1_s, t2_s: (1 + np.exp(-time_s / t2_s)) / 2).message)
    ... # doctest: +ELLIPSIS
    For time_s = 0.5, t1_s = 1, t2_s = 1 your function returned 0.8033; expected 0.7049. Remember: energy...
    """
    return grade_function(
        fn,
        _stored_fidelity,
        cases=[
            case(0.0, 1.0, 1.0, why="a pair that has not waited is still perfect, F = 1"),
            case(0.5, np.inf, 1.0, why="with T₁ = ∞ only dephasing remains, F = (1 + e^(−t/T₂))/2"),
            case(
                0.5,
                1.0,
                1.0,
                why="energy relaxation also moves |1⟩ to |0⟩: pure dephasing would overestimate F by (1 − e^(−t/T₁))/4",
            ),
            case(1.0, 1.0, 2.0, why="with T₂ = 2T₁ all the decoherence is energy relaxation (amplitude damping)"),
            case(
                50.0,
                1.0,
                1.0,
                why="after many T₁ the stored half has relaxed to |0⟩ and shares nothing with its partner: F = 1/4",
            ),
        ],
        random_cases=_random_memory,
        n_random=5,
        rtol=1e-6,
        atol=1e-9,
        unit="",
        key="repeaters.stored_fidelity",
        hint="The fidelity with Φ⁺ = (|00⟩ + |11⟩)/√2 is half the sum of four entries of the stored pair's density "
        "matrix: the populations of |00⟩ and |11⟩ and the two coherences between them, each 1/2 for a fresh pair. Ask "
        "how each decays while one half waits.",
        idea="The population of |00⟩ stays; that of |11⟩ decays as e^(−t/T₁) because the stored |1⟩ relaxes to |0⟩; "
        "each coherence decays as e^(−t/T₂). Each entry starts at 1/2 and counts half.",
    )
