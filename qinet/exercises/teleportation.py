"""Exercise checks for notebook 02 (teleportation): the Bell measurement, Bob's corrections, superdense
coding's encoding, and the threshold fidelity. Every check returns a Feedback and never raises; the
coding exercises are graded by behaviour (:mod:`qinet.exercises.grading`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister

from qinet.exercises.describe import BELL_NAMES
from qinet.exercises.feedback import Feedback, check_number
from qinet.exercises.grading import case, grade_state_preparation, grade_unitary_action
from qinet.exercises.tries import Problem, call_learner, verdict

#: How long a learner's code may run per call, in seconds (an endless loop becomes feedback).
TIME_LIMIT_S = 5.0

#: The two bits (m, a) a Bell measurement reads from each Bell state B_ma, as the state of (qubit 0, qubit 1)
#: after the basis change; in Qiskit's order the label is "a m" (qubit 0 rightmost).
BELL_OUTCOMES = {"phi+": (0, 0), "phi-": (1, 0), "psi+": (0, 1), "psi-": (1, 1)}


def _prepend_bell_state(fn: Callable[..., Any]) -> Callable[[str], Any]:
    """``name -> the Bell state called `name` ("Φ⁺") on qubits 0, 1, then the learner's circuit`` (anything that
    is not a two-qubit circuit is passed on unchanged, so that the grader explains it)."""
    from qinet.circuits import bell_pair

    kinds = {name: kind for kind, name in BELL_NAMES.items()}

    def on_bell_state(bell_state: str) -> Any:
        circuit = fn()
        if not isinstance(circuit, QuantumCircuit) or circuit.num_qubits != 2:
            return circuit
        prepared = circuit.copy_empty_like()
        prepared.compose(bell_pair(kinds[bell_state]), qubits=[0, 1], inplace=True)
        return prepared.compose(circuit)

    return on_bell_state


def check_bell_measurement(fn: Callable[..., Any]) -> Feedback:
    """Exercise 1: ``fn()`` returns a two-qubit circuit that turns each Bell state B_ma into the basis state
    with qubit 0 in |m⟩ and qubit 1 in |a⟩, so that measuring both in Z reads the two bits (m, a).

    Φ⁺ = B₀₀, Φ⁻ = B₁₀, Ψ⁺ = B₀₁, Ψ⁻ = B₁₁: ``m`` tells the sign, ``a`` whether the qubits disagree. Each of
    the four Bell states is fed to the learner's circuit and the exact final state compared; measurements at
    the end are allowed (they do not change a basis state).

    Examples
    --------
    >>> def mine():
    ...     qc = QuantumCircuit(2)
    ...     qc.cx(0, 1)
    ...     qc.h(0)
    ...     return qc
    >>> bool(check_bell_measurement(mine)), bool(check_bell_measurement(lambda: QuantumCircuit(2)))
    (True, False)
    """

    kinds = {name: kind for kind, name in BELL_NAMES.items()}

    def outcome(bell_state: str) -> str:
        m, a = BELL_OUTCOMES[kinds[bell_state]]
        return f"{a}{m}"

    def why(kind: str) -> str:
        m, a = BELL_OUTCOMES[kind]
        return f"{BELL_NAMES[kind]} = B{m}{a} should leave qubit 0 in |{m}⟩ and qubit 1 in |{a}⟩, i.e. |{a}{m}⟩"

    return grade_state_preparation(
        _prepend_bell_state(fn),
        outcome,
        n_qubits=2,
        cases=[case(BELL_NAMES[kind], why=why(kind)) for kind in BELL_OUTCOMES],
        allow_measurements=True,
        key="teleportation.bell_measurement",
        time_limit_s=TIME_LIMIT_S,
        hint="A Bell state was made from a basis state |a m⟩ by H on qubit 0 and then a CNOT from qubit 0 to qubit 1. "
        "Undo that preparation.",
        idea="Undo the gates in reverse order: each of H and CNOT is its own inverse, so first the CNOT (control "
        "qubit 0, target qubit 1), then H on qubit 0.",
    )


def _teleporter(fn: Callable[..., Any]) -> Callable[[], QuantumCircuit]:
    """The teleportation circuit of steps 1–3 (:mod:`qinet.circuits`) with the learner's ``fn(qc, bob, bits)``
    as step 4; the message is qubit 0, Bob's qubit is qubit 2."""
    from qinet.circuits import bell_measurement, send_bits, share_pair

    def build() -> QuantumCircuit:
        message, alice, bob = QuantumRegister(1, "message"), QuantumRegister(1, "alice"), QuantumRegister(1, "bob")
        bits = ClassicalRegister(2, "bell")
        qc = QuantumCircuit(message, alice, bob, bits)
        share_pair(qc, alice[0], bob[0])
        bell_measurement(qc, message[0], alice[0], bits)
        send_bits(qc)
        fn(qc, bob[0], bits)
        return qc

    return build


def check_corrections(fn: Callable[..., Any]) -> Feedback:
    """Exercise 2: ``fn(qc, bob, bits)`` adds Bob's corrections (step 4 of teleportation) to ``qc``.

    ``bits[0]`` holds m (the message qubit's result) and ``bits[1]`` holds a (Alice's half); Bob must apply
    X if a = 1 and Z if m = 1, with ``with qc.if_test(...)``. The whole protocol is run exactly on the four
    basis states and fresh random states of the message qubit, and Bob's qubit compared with the input.

    Examples
    --------
    >>> from qinet.circuits import correct
    >>> bool(check_corrections(correct)), bool(check_corrections(lambda qc, bob, bits: None))
    (True, False)
    """
    from qinet.circuits import correct

    feedback = grade_unitary_action(
        _teleporter(fn),
        _teleporter(correct),
        n_qubits=3,
        input_qubits=[0],
        output_qubits=[2],
        allow_measurements=True,
        n_random=4,
        key="teleportation.corrections",
        time_limit_s=TIME_LIMIT_S,
        hint="Before the corrections Bob holds X^a Z^m |ψ⟩, one of four states. Which Pauli undoes X^a, which bit "
        "tells Bob whether to apply it, and the same for Z^m?",
        idea="The bit a (bits[1]) says whether Alice's outcome flipped Bob's bit value: undo it with X. The bit m "
        "(bits[0]) says whether it flipped the sign: undo it with Z. A gate that depends on a bit goes inside "
        "`with qc.if_test((bit, 1)):`.",
    )
    if not feedback and "completely mixed" in feedback.message:
        head, retry, tail = feedback.message.partition(" (Change your code")
        why = " Bob's qubit is as mixed as it is before any correction: your corrections do not undo Alice's four "
        return replace(feedback, message=head + why + "random outcomes." + retry + tail)
    return feedback


#: Superdense coding (Bennett & Wiesner 1992): the Bell state whose Bell measurement reads the two-bit
#: message, in the counts' order (Qiskit order, "a m": see :data:`BELL_OUTCOMES`).
SUPERDENSE_STATES = {f"{a}{m}": kind for kind, (m, a) in BELL_OUTCOMES.items()}

_SUPERDENSE_KEY = "teleportation.superdense_encoding"
_SUPERDENSE_HINT = (
    "Alice can only act on her own qubit. Which single-qubit Pauli turns Φ⁺ into Ψ⁺ (the qubits disagree), which "
    "into Φ⁻ (a minus sign), and which into Ψ⁻?"
)
_SUPERDENSE_IDEA = (
    "X on her qubit flips one bit, Φ⁺ → Ψ⁺; Z puts the sign, Φ⁺ → Φ⁻; both give Ψ⁻. Bob's Bell measurement "
    "reads the left bit of the message from whether his two qubits disagree (Ψ), the right bit from the sign."
)


def check_superdense_encoding(fn: Callable[..., Any]) -> Feedback:
    """Exercise 3: ``fn(message)`` returns Alice's one-qubit circuit that encodes ``message`` ("00", "01", "10"
    or "11") on her half of Φ⁺, so that Bob's Bell measurement reads ``message``.

    The pair with Alice's operation applied to qubit 0 must be the Bell state :data:`SUPERDENSE_STATES`
    ``[message]`` (exact states, global phase ignored): "00" Φ⁺, "01" Φ⁻, "10" Ψ⁺, "11" Ψ⁻.

    Examples
    --------
    >>> def mine(message):
    ...     qc = QuantumCircuit(1)
    ...     if message[0] == "1":
    ...         qc.x(0)
    ...     if message[1] == "1":
    ...         qc.z(0)
    ...     return qc
    >>> bool(check_superdense_encoding(mine)), bool(check_superdense_encoding(lambda message: QuantumCircuit(1)))
    (True, False)
    """
    from qinet.circuits import bell_pair

    try:  # Alice holds one qubit: say so before the grader counts qubits of the whole pair
        first = call_learner(fn, case("00"), " for message = '00'", TIME_LIMIT_S)
    except Problem as problem:
        return verdict(_SUPERDENSE_KEY, str(problem), "", hint=_SUPERDENSE_HINT, idea=_SUPERDENSE_IDEA)
    if isinstance(first, QuantumCircuit) and first.num_qubits != 1:
        return verdict(
            _SUPERDENSE_KEY,
            f"Your circuit has {first.num_qubits} qubits; Alice holds only her half of the pair: return a one-qubit "
            "circuit, QuantumCircuit(1), with her gates.",
            "",
            hint=_SUPERDENSE_HINT,
            idea=_SUPERDENSE_IDEA,
        )

    def after_encoding(message: str) -> Any:
        alice = fn(message)
        if not isinstance(alice, QuantumCircuit) or alice.num_qubits != 1:
            return alice
        pair = bell_pair("phi+")
        pair.compose(alice, qubits=[0], inplace=True)
        return pair

    def bob_receives(message: str) -> str:
        return SUPERDENSE_STATES[message]

    def why(message: str) -> str:
        return f"Bob reads {message} from {BELL_NAMES[SUPERDENSE_STATES[message]]}"

    return grade_state_preparation(
        after_encoding,
        bob_receives,
        n_qubits=2,
        cases=[case(message, why=why(message)) for message in SUPERDENSE_STATES],
        key=_SUPERDENSE_KEY,
        time_limit_s=TIME_LIMIT_S,
        hint=_SUPERDENSE_HINT,
        idea=_SUPERDENSE_IDEA,
    )


def check_threshold_fidelity(answer: object) -> Feedback:
    """Exercise 4: the smallest pair fidelity F for which teleportation beats the classical limit 2/3.

    Examples
    --------
    >>> bool(check_threshold_fidelity(0.5)), bool(check_threshold_fidelity(2 / 3)), bool(check_threshold_fidelity(50))
    (True, False, False)
    """
    from qinet.teleport import CLASSICAL_LIMIT

    return check_number(
        answer, (3 * CLASSICAL_LIMIT - 1) / 2, rtol=0.002, unit="", hint="Solve (2F + 1)/3 = 2/3 for F."
    )
