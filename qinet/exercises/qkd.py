"""Exercise checks for notebook 07 (BB84): sifting and the QBER, intercept-resend Eve as a circuit, the final
key length, the finite-key sampling margin and why decoys help. Every check returns a Feedback and never
raises; the coding exercises are graded by behaviour (:mod:`qinet.exercises.grading`).

Bases are numbered 0 = Z (bit 0 → |0⟩, 1 → |1⟩) and 1 = X (bit 0 → |+⟩, 1 → |−⟩), as in :mod:`qinet.qkd`.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import product
from typing import Any

import numpy as np
from qiskit import QuantumCircuit

from qinet import bounds, postprocessing
from qinet.exercises._calls import on_copies as on_copies
from qinet.exercises._calls import with_reasons as with_reasons
from qinet.exercises.feedback import Feedback, check_choice, check_number
from qinet.exercises.grading import Case, case, grade_function, grade_measurement_circuit, reset_tries
from qinet.exercises.sandbox import call_with_limit
from qinet.exercises.tries import verdict

#: How long a learner's code may run per call, in seconds (an endless loop becomes feedback).
TIME_LIMIT_S = 5.0

_BASIS = ("Z", "X")


# --- exercise 1: sifting and the QBER --------------------------------------------------------------------------


def _sifted_qber(alice_bits: np.ndarray, alice_bases: np.ndarray, bob_bases: np.ndarray, bob_bits: np.ndarray) -> float:
    """The error rate of the sifted key: the rounds where Bob's basis is Alice's (Bennett & Brassard 1984)."""
    kept = np.asarray(alice_bases) == np.asarray(bob_bases)
    return float(np.mean(np.asarray(alice_bits)[kept] != np.asarray(bob_bits)[kept]))


def _bits(*values: int) -> np.ndarray:
    return np.array(values, dtype=np.int64)


def _bb84_rounds(rng: np.random.Generator) -> Case:
    """Fresh BB84 rounds: random bits and bases; in the sifted rounds Bob errs with a random probability
    up to 30 %, elsewhere his bit is a coin toss."""
    n = int(rng.integers(40, 400))
    alice_bits, alice_bases, bob_bases = (rng.integers(2, size=n) for _ in range(3))
    bob_bases[0] = alice_bases[0]  # at least one sifted round
    errors = rng.random(n) < rng.uniform(0.0, 0.3)
    bob_bits = np.where(alice_bases == bob_bases, alice_bits ^ errors, rng.integers(2, size=n))
    return case(alice_bits, alice_bases, bob_bases, bob_bits)


def check_sifted_qber(fn: Callable[..., Any]) -> Feedback:
    """Exercise 1: ``fn(alice_bits, alice_bases, bob_bases, bob_bits)`` sifts BB84 rounds and returns the QBER.

    The arguments are NumPy arrays of 0s and 1s, one entry per qubit (bases: 0 = Z, 1 = X). Sifting keeps
    the rounds where Bob measured in Alice's basis; the QBER is the fraction of those where the bits differ.
    Graded on small rounds that isolate each step and on fresh random rounds.

    Examples
    --------
    >>> def sifted_qber(alice_bits, alice_bases, bob_bases, bob_bits):
    ...     kept = alice_bases == bob_bases
    ...     return np.mean(alice_bits[kept] != bob_bits[kept])
    >>> bool(check_sifted_qber(sifted_qber))
    True
    >>> print(check_sifted_qber(lambda a, s, t, b: np.mean(a != b)).message)  # doctest: +ELLIPSIS
    For alice_bits = [0, 1, 0, 1], ... expected 0. Remember: rounds where Bob's basis differs from Alice's ...
    """
    return grade_function(
        on_copies(fn),
        _sifted_qber,
        cases=[
            case(
                _bits(0, 1, 1, 0),
                _bits(0, 0, 1, 1),
                _bits(0, 0, 1, 1),
                _bits(0, 1, 1, 0),
                why="the same bases and the same bits in every round: no errors, so the QBER is 0",
            ),
            case(
                _bits(0, 1, 0, 1),
                _bits(0, 1, 0, 1),
                _bits(1, 1, 0, 0),
                _bits(1, 1, 0, 0),
                why="rounds where Bob's basis differs from Alice's are discarded, whatever bits they gave (there "
                "Bob's bit is a coin toss)",
            ),
            case(
                _bits(0, 1, 1, 0),
                _bits(0, 0, 1, 1),
                _bits(0, 1, 1, 0),
                _bits(1, 1, 1, 0),
                why="the QBER is a fraction of the sifted bits: divide by the number of rounds kept, not by all the "
                "qubits sent",
            ),
        ],
        random_cases=_bb84_rounds,
        n_random=6,
        rtol=1e-9,
        atol=1e-12,
        unit="fraction",
        key="qkd.sifted_qber",
        time_limit_s=TIME_LIMIT_S,
        hint="Two steps: first a Boolean array that is True where alice_bases equals bob_bases; then, on those rounds "
        "only, the fraction where alice_bits and bob_bits differ.",
        idea="Sifting uses only what Alice and Bob announce, their bases, never their bits. Compare the two basis "
        "arrays element by element to get a mask, index both bit arrays with it, and take the mean of the "
        "comparison 'different' over the kept rounds.",
    )


# --- exercise 2: intercept-resend Eve as a circuit -------------------------------------------------------------


def _intercept_probabilities(bit: int, basis: int, eve_basis: int, bob_basis: int) -> dict[str, float]:
    """Outcome probabilities, as Qiskit bit strings 'bob eve' (classical bit 0 = Eve, rightmost).

    Eve measuring in Alice's basis reads Alice's bit; in the other basis she gets a coin toss. She resends
    the state she found, in her basis, so Bob reads Eve's bit when he measures in Eve's basis and gets a
    coin toss otherwise (Bennett & Brassard 1984; Scarani et al., RMP 81, 1301 (2009)).
    """
    eve = {bit: 1.0} if eve_basis == basis else {0: 0.5, 1: 0.5}
    probabilities: dict[str, float] = {}
    for eve_bit, p_eve in eve.items():
        bob = {eve_bit: 1.0} if bob_basis == eve_basis else {0: 0.5, 1: 0.5}
        for bob_bit, p_bob in bob.items():
            outcome = f"{bob_bit}{eve_bit}"
            probabilities[outcome] = probabilities.get(outcome, 0.0) + p_eve * p_bob
    return probabilities


def _story(bit: int, basis: int, eve_basis: int, bob_basis: int) -> str:
    sent = f"Alice sends {bit} in {_BASIS[basis]}, Eve measures in {_BASIS[eve_basis]}, Bob in {_BASIS[bob_basis]}"
    eve = "Eve's basis is Alice's, so she reads Alice's bit" if eve_basis == basis else "Eve's bit is a coin toss"
    bob = (
        "Bob measures in the basis Eve resent in, so he reads Eve's bit"
        if bob_basis == eve_basis
        else "Bob's basis is not the one Eve resent in, so his bit is a coin toss"
    )
    return f"{sent} ({eve}; {bob})"


def _measurement_order(fn: Callable[..., Any], args: tuple) -> str | None:
    """A message if the learner's circuit measures Bob (bit 1) before Eve (bit 0), else None."""
    outcome = call_with_limit(fn, *args, time_limit_s=TIME_LIMIT_S)
    circuit = outcome.value if outcome.ok else None
    if not isinstance(circuit, QuantumCircuit):
        return None
    bits = [circuit.find_bit(i.clbits[0]).index for i in circuit.data if i.operation.name == "measure"]
    if bits and 0 not in bits:
        return "Your circuit never measures into classical bit 0: Eve's measurement is missing."
    if bits and bits[0] != 0:
        return (
            "Your circuit measures into classical bit 1 first. Eve intercepts the photon before Bob sees it: her "
            "measurement goes into bit 0, Bob's, at the end, into bit 1."
        )
    return None


_EVE_KEY = "qkd.intercept_resend"
_EVE_HINT = (
    "Measuring in X is a Hadamard, then a Z measurement. After Eve's measurement the photon is in the state "
    "she found, written in Z; to resend that result in her own basis she must turn it back."
)
_EVE_IDEA = (
    "Three parts on one qubit: Alice's X (for bit 1) and H (for basis X); Eve's H if her basis is X, her "
    "measurement into bit 0, and H again if her basis is X, so that she sends |±⟩; then Bob's H if his basis "
    "is X and his measurement into bit 1."
)


def check_intercept_resend(fn: Callable[..., Any]) -> Feedback:
    """Exercise 2: ``fn(bit, basis, eve_basis, bob_basis)`` returns a one-qubit circuit with two classical bits:
    Alice prepares ``bit`` in ``basis``, Eve measures in ``eve_basis`` into bit 0 and resends what she found in
    her basis, Bob measures in ``bob_basis`` into bit 1 (bases 0 = Z, 1 = X).

    Graded on Aer in all 16 configurations: every outcome's frequency must match the quantum prediction
    within 5 binomial standard errors. When Eve's basis is wrong and Bob's is Alice's, Bob errs half the
    time: intercept-resend on every qubit gives a QBER of 1/4.

    Examples
    --------
    >>> def intercept_resend(bit, basis, eve_basis, bob_basis):
    ...     qc = QuantumCircuit(1, 2)
    ...     if bit:
    ...         _ = qc.x(0)
    ...     for on, clbit in ((basis, None), (eve_basis, 0), (eve_basis, None), (bob_basis, 1)):
    ...         if on:
    ...             _ = qc.h(0)
    ...         if clbit is not None:
    ...             _ = qc.measure(0, clbit)
    ...     return qc
    >>> bool(check_intercept_resend(intercept_resend))
    True
    >>> print(check_intercept_resend(lambda *settings: QuantumCircuit(1, 2)).message)  # doctest: +ELLIPSIS
    Your circuit measures nothing: ...
    """
    rng = np.random.default_rng()
    settings = sorted(product((0, 1), repeat=4), key=lambda s: (s[2] != s[1], s[3] != s[2], s[1], s[0]))
    for bit, basis, eve_basis, bob_basis in settings:
        args = (bit, basis, eve_basis, bob_basis)
        feedback = grade_measurement_circuit(
            fn,
            _intercept_probabilities(*args),
            n_qubits=1,
            args=args,
            shots=2000,
            seed=int(rng.integers(2**31)),
            key=_EVE_KEY + ".case",
            time_limit_s=TIME_LIMIT_S,
        )
        reset_tries(_EVE_KEY + ".case")
        if not feedback:
            message = feedback.message
            if message.startswith("Outcome"):  # a wrong distribution: say in which configuration, and why
                message = _measurement_order(fn, args) or f"{_story(*args)}: {message}"
            return verdict(_EVE_KEY, message, "", hint=_EVE_HINT, idea=_EVE_IDEA)
    return verdict(
        _EVE_KEY,
        None,
        f"On Aer your circuit gives the right statistics in all {len(settings)} configurations. When Eve picks the "
        "wrong basis and Bob measures in Alice's, Bob's bit is a coin toss: Eve on every qubit makes an error in a "
        "quarter of the sifted bits.",
    )


# --- exercise 3: the final key length ---------------------------------------------------------------------------


def _final_length(n: int, qber: float, leaked_bits: int) -> int:
    return postprocessing.final_key_length(n, qber, leaked_bits)


def _reconciled_block(rng: np.random.Generator) -> Case:
    """A fresh block: n bits, a QBER below 11 %, and what Cascade-like error correction plus a 64-bit check leak."""
    n, qber = int(rng.integers(1_000, 1_000_000)), float(rng.uniform(0.0, 0.11))
    leaked = int(rng.uniform(1.0, 1.4) * n * float(bounds.binary_entropy(qber))) + 64
    return case(n, qber, leaked)


def check_final_key_length(fn: Callable[..., Any]) -> Feedback:
    """Exercise 3: ``fn(n, qber, leaked_bits)`` returns the bits privacy amplification may keep, asymptotically:
    ℓ = n (1 − h(Q)) − leaked, and 0 when that is negative (Shor & Preskill, PRL 85, 441 (2000)).

    Graded within one bit (rounding down or not), at the limits and on fresh blocks.

    Examples
    --------
    >>> def final_key_length(n, qber, leaked_bits):
    ...     return max(0, n * (1 - bounds.binary_entropy(qber)) - leaked_bits)
    >>> bool(check_final_key_length(final_key_length))
    True
    >>> print(check_final_key_length(lambda n, qber, leaked_bits: n).message)  # doctest: +ELLIPSIS
    For n = 10000, qber = 0.05, leaked_bits = 3300 your function returned 1e+04; expected 3836. ...
    """
    cases = [
        case(10_000, 0.0, 0, why="with no errors (h(0) = 0) and nothing published, every reconciled bit is secret"),
        case(
            10_000,
            0.05,
            3_300,
            why="n h(Q) pays for what Eve may know from the errors and the leaked bits pay for error correction: "
            "subtract each once",
        ),
        case(
            10_000,
            0.05,
            2_864,
            why="with error correction at the Shannon limit, leaked = n h(Q), this is the Shor–Preskill length "
            "n (1 − 2h(Q))",
        ),
        case(
            10_000,
            0.2,
            7_500,
            why="when more was leaked than was secret there is no key: a length is never negative",
        ),
        case(1_000, 0.5, 0, why="at Q = 50 % Bob's bits are coin tosses to him, and Eve may know everything"),
    ]
    feedback = grade_function(
        fn,
        _final_length,
        cases=cases,
        random_cases=_reconciled_block,
        n_random=5,
        rtol=0.0,
        atol=1.0,
        unit="bits",
        key="qkd.final_key_length",
        time_limit_s=TIME_LIMIT_S,
        hint="Start from the n reconciled bits; remove n·h(Q) for what Eve may know and every bit that error "
        "correction and the check published. h is bounds.binary_entropy, and h(0) = 0.",
        idea="Privacy amplification hashes the key down to what Eve cannot know: n (1 − h(Q)) − leaked bits, "
        "and never fewer than 0 (then there is no key at all).",
    )
    return with_reasons(feedback, _final_length, cases)


# --- exercises 4 and 5: the sampling margin, and why decoys help ------------------------------------------------


def check_sampling_margin(answer: object) -> Feedback:
    """Exercise 4: the sampling margin μ of Tomamichel et al. (2012) for n = 100,000 key bits, k = 10,000 sample
    bits and ε_sec = 1e-10.

    Examples
    --------
    >>> bool(check_sampling_margin(0.0511)), "percentage" in check_sampling_margin(5.11).message
    (True, True)
    """
    return check_number(
        answer,
        float(postprocessing.sampling_margin(100_000, 10_000, 1e-10)),
        rtol=0.01,
        unit="fraction",
        hint="μ = √[(n+k)/(nk) · (k+1)/k · ln(2/ε_sec)]; ln(2/1e-10) ≈ 23.7.",
    )


_WHY_DECOYS = {
    "a": "No: decoys do not make the laser emit single photons; the multi-photon pulses are still there.",
    "b": "Yes: the decoy intensities let Alice and Bob estimate the yield and error of the single-photon "
    "pulses, so they no longer assume Eve knows every bit that a detector clicked on.",
    "c": "No: decoy pulses are not used for the key, and they add no detector efficiency.",
}


def check_why_decoys(answer: object) -> Feedback:
    """Exercise 5: why do decoy states stretch weak-pulse BB84 from about 40 km to about 140 km? (a, b or c)

    a) they turn the laser into a single-photon source; b) they let Alice and Bob bound what the
    single-photon pulses contributed; c) they raise the detection rate.

    Examples
    --------
    >>> bool(check_why_decoys("b")), bool(check_why_decoys("a"))
    (True, False)
    """
    return check_choice(answer, "b", _WHY_DECOYS)
