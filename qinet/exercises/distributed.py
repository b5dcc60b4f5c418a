"""Exercise checks for notebook 09 (distributed quantum computing). Every check returns a Feedback and never raises.

The two coding exercises build remote gates from one shared Bell pair, local gates, measurements and
classically controlled corrections (Eisert, Jacobs, Papadopoulos, Plenio, PRA 62, 052317 (2000)). They
are graded by what the circuit does to its inputs (:func:`qinet.exercises.grading.grade_unitary_action`),
after a check that no gate acts across the two processors except the one that makes the Bell pair.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from typing import Any

from qiskit import QuantumCircuit

from qinet.exercises.feedback import Feedback, check_number
from qinet.exercises.grading import grade_unitary_action
from qinet.exercises.tries import Case, Problem, call_learner, verdict

#: The two halves of the shared Bell pair: qubit 1 on processor A, qubit 2 on processor B.
LINK_A, LINK_B = 1, 2


def _operations(circuit: QuantumCircuit, qubits: list[int] | None = None) -> Iterator[tuple[str, list[int]]]:
    """Every operation of ``circuit`` as (name, qubit indices), inside classically controlled blocks too."""
    where = list(range(circuit.num_qubits)) if qubits is None else qubits
    for instruction in circuit.data:
        operation = instruction.operation
        indices = [where[circuit.find_bit(q).index] for q in instruction.qubits]
        for block in getattr(operation, "blocks", ()):
            yield from _operations(block, [indices[block.find_bit(q).index] for q in block.qubits])
        if not getattr(operation, "blocks", ()) and operation.name not in ("barrier", "delay"):
            yield operation.name, indices


def _crossing_gate(circuit: QuantumCircuit, processor_a: set[int]) -> str | None:
    """What is wrong if ``circuit`` acts across the two processors other than by making the Bell pair.

    Processor A holds the qubits in ``processor_a`` (with :data:`LINK_A`), processor B the others (with
    :data:`LINK_B`). A gate on both processors is allowed only between the two link qubits, and only
    while they are being prepared as the shared pair: before either has met another qubit or a measurement.

    Examples
    --------
    >>> qc = QuantumCircuit(4)
    >>> _ = qc.h(1), qc.cx(1, 2), qc.cx(0, 1)
    >>> _crossing_gate(qc, {0, 1}) is None
    True
    >>> _ = qc.cx(0, 3)
    >>> _crossing_gate(qc, {0, 1})[:60]
    'Your circuit applies cx to qubit 0 (processor A) and qubit 3'
    """
    used: set[int] = set()
    links = {LINK_A, LINK_B}
    for name, qubits in _operations(circuit):
        on_a = [q for q in qubits if q in processor_a]
        on_b = [q for q in qubits if q not in processor_a]
        if on_a and on_b and not (set(qubits) <= links and not used & set(qubits)):
            return (
                f"Your circuit applies {name} to qubit {on_a[0]} (processor A) and qubit {on_b[0]} (processor B). "
                f"The processors share only the Bell pair on qubits {LINK_A} and {LINK_B}, made before anything "
                "else happens to them, and classical bits: build the remote gate from local gates, measurements "
                "and classically controlled corrections."
            )
        if name in ("measure", "reset") or not set(qubits) <= links:
            used |= set(qubits) & links
    return None


def _check_remote(
    fn: Callable[..., Any], reference: QuantumCircuit, processor_a: set[int], *, key: str, hint: str, idea: str
) -> Feedback:
    """Refuse a gate across the processors, then grade the circuit by its action on the logical qubits."""
    logical = [q for q in range(reference.num_qubits) if q not in (LINK_A, LINK_B)]
    try:
        circuit = call_learner(fn, Case(), "", 5.0)
    except Problem as problem:
        return verdict(key, str(problem), "", hint=hint, idea=idea)
    crossing = None
    if isinstance(circuit, QuantumCircuit) and circuit.num_qubits == reference.num_qubits:
        try:
            crossing = _crossing_gate(circuit, processor_a)
        except Exception:  # a circuit too strange to walk: the grader below describes it
            crossing = None
    if crossing:
        return verdict(key, crossing, "", hint=hint, idea=idea)
    return grade_unitary_action(
        lambda: circuit,
        reference,
        n_qubits=reference.num_qubits,
        input_qubits=logical,
        output_qubits=logical,
        allow_measurements=True,
        key=key,
        hint=hint,
        idea=idea,
    )


def check_nonlocal_cnot(fn: Callable[..., Any]) -> Feedback:
    """Exercise 1: ``fn()`` returns a 4-qubit circuit that applies CNOT(0 → 3) between two processors.

    Processor A holds the control (qubit 0) and its half of a Bell pair (qubit 1); processor B holds
    the other half (qubit 2) and the target (qubit 3). The circuit may cross between them only by the
    Bell pair and classical bits (Eisert et al., PRA 62, 052317 (2000)). Graded on every basis input
    of qubits 0 and 3 and on fresh random (entangled) inputs, with every measurement outcome averaged.

    Examples
    --------
    >>> from qinet.circuits import nonlocal_cnot
    >>> bool(check_nonlocal_cnot(nonlocal_cnot))
    True
    >>> def direct():
    ...     qc = QuantumCircuit(4)
    ...     _ = qc.cx(0, 3)
    ...     return qc
    >>> print(check_nonlocal_cnot(direct).message)  # doctest: +ELLIPSIS
    Your circuit applies cx to qubit 0 (processor A) and qubit 3 (processor B)...
    """
    reference = QuantumCircuit(4)
    reference.cx(0, 3)
    return _check_remote(
        fn,
        reference,
        {0, LINK_A},
        key="distributed.nonlocal_cnot",
        hint="Follow the three steps of section 1. The cat-entangler gives Bob a copy of the control's Z value in "
        "his half of the pair; his local CNOT uses that copy as its control; the cat-disentangler removes the copy. "
        "Each measurement result crosses to the other processor as one classical bit.",
        idea="Cat-entangler: a CNOT from the control into Alice's half of the pair, a Z measurement of that half, "
        "and an X on Bob's half when the result is 1. Then Bob's CNOT from his half to the target. Cat-disentangler: "
        "Bob measures his half in X (a Hadamard, then Z), and Alice applies Z to the control when the result is 1.",
    )


def check_shared_pair(fn: Callable[..., Any]) -> Feedback:
    """Exercise 2: ``fn()`` returns a 5-qubit circuit in which one Bell pair serves two remote gates.

    Qubit 0 (processor A) controls a CNOT onto qubit 3 and then a CZ with qubit 4 (both on processor
    B). Qubits 0–1 are processor A, 2–4 processor B; the only link is the Bell pair on qubits 1–2, so
    the circuit must use one cat-entangled copy of qubit 0 for both gates (Eisert et al., PRA 62,
    052317 (2000); one hyperedge in the model of Andrés-Martínez & Heunen, PRA 100, 032308 (2019)).

    Examples
    --------
    >>> def one_pair():
    ...     qc = QuantumCircuit(5, 2)
    ...     _ = qc.h(1), qc.cx(1, 2), qc.cx(0, 1), qc.measure(1, 0)
    ...     with qc.if_test((qc.clbits[0], 1)):
    ...         _ = qc.x(2)
    ...     _ = qc.cx(2, 3), qc.cz(2, 4), qc.h(2), qc.measure(2, 1)
    ...     with qc.if_test((qc.clbits[1], 1)):
    ...         _ = qc.z(0)
    ...     return qc
    >>> bool(check_shared_pair(one_pair))
    True
    """
    reference = QuantumCircuit(5)
    reference.cx(0, 3)
    reference.cz(0, 4)
    return _check_remote(
        fn,
        reference,
        {0, LINK_A},
        key="distributed.shared_pair",
        hint="After the cat-entangler Bob's half of the pair carries the Z value of qubit 0, and both gates only "
        "read that Z value (a CNOT's control, either qubit of a CZ): the copy can serve both before it is removed.",
        idea="One cat-entangler (as in exercise 1), then both of Bob's gates with his half of the pair in place of "
        "qubit 0 (a CNOT onto qubit 3, a CZ with qubit 4), then one cat-disentangler.",
    )


def check_remote_average_fidelity(answer: object) -> Feedback:
    """Exercise 3: average gate fidelity of the Eisert remote CNOT with a Bell pair of fidelity 0.95.

    Examples
    --------
    >>> bool(check_remote_average_fidelity(0.96)), check_remote_average_fidelity(96).message[:40]
    (True, '96: this looks like a percentage: give a')
    """
    from qinet.distributed import average_gate_fidelity, predicted_process_fidelity

    expected = average_gate_fidelity(predicted_process_fidelity("eisert", 0.95))
    return check_number(
        answer,
        expected,
        rtol=1e-3,
        unit="fraction",
        hint="With perfect local gates F_e = F; then use F_avg = (4 F_e + 1) / 5.",
    )


def check_qft_bell_pairs(answer: object) -> Feedback:
    """Exercise 4: the fewest Bell pairs for a 20-qubit QFT split 10 + 10 (qubits 0–9 on A, 10–19 on B).

    Examples
    --------
    >>> bool(check_qft_bell_pairs(10)), "remote gates" in check_qft_bell_pairs(100).message
    (True, True)
    """
    from qinet.partition import split_circuit

    split = split_circuit("qft", 20)
    try:
        value = float(answer)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        value = math.nan
    if value == split.naive_remote:
        return Feedback(
            False,
            f"{split.naive_remote} is the number of remote gates (10 × 10 controlled phases cross the cut), not of "
            "Bell pairs. With the cat-entangler one shared copy of a qubit serves every remote gate it controls "
            "until the qubit meets a Hadamard: how many copies does the QFT need?",
        )
    return check_number(
        answer,
        split.naive_pairs,
        atol=1e-9,
        hint="In the QFT, each qubit j of processor A controls its controlled phases to all of B's qubits right "
        "after its own Hadamard, with nothing in between that changes its Z value.",
    )
