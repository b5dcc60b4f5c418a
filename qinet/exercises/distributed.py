"""Exercise checks for notebook 09 (distributed quantum computing). Every check returns a Feedback and never raises."""

from __future__ import annotations

from qinet.exercises.feedback import Feedback, check_number


def check_teleported_cnot_ebits(answer: object) -> Feedback:
    """Exercise 1: how many Bell pairs does the teleport-there-and-back remote CNOT consume?"""
    from qinet.distributed import remote_cnot

    return check_number(
        answer,
        remote_cnot("teleported").ebits,
        atol=1e-9,
        hint="Count the teleportations: each one uses up one Bell pair.",
    )


def check_remote_average_fidelity(answer: object) -> Feedback:
    """Exercise 2: average gate fidelity of the Eisert remote CNOT with a Bell pair of fidelity 0.95."""
    from qinet.distributed import average_gate_fidelity, predicted_process_fidelity

    expected = average_gate_fidelity(predicted_process_fidelity("eisert", 0.95))
    return check_number(
        answer, expected, rtol=1e-3, hint="With perfect local gates F_e = F; then use F_avg = (4 F_e + 1) / 5."
    )


def check_qft_bell_pairs(answer: object) -> Feedback:
    """Exercise 3: the fewest Bell pairs for a 20-qubit QFT split 10 + 10 (qubits 0–9 on A, 10–19 on B)."""
    import math

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
