"""Behavioural grading: every building block accepts a right solution, rejects typical wrong ones with
specific feedback, escalates its hints, and never raises on hostile input (None, text, circuits of the
wrong size, functions that raise, loop forever or return NaN)."""

from __future__ import annotations

import math
import time

import numpy as np
import pytest
from hostile import forever, raises
from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister

from qinet.circuits import bell_pair
from qinet.exercises import Feedback, check_number
from qinet.exercises.grading import (
    case,
    grade_counts_function,
    grade_function,
    grade_measurement_circuit,
    grade_state_preparation,
    grade_unitary_action,
)
from qinet.exercises.sandbox import call_with_limit
from qinet.exercises.units import describe_slip, parse_quantity
from qinet.links import fiber_transmittance


def circuit_of(*gates, n=2):
    def build():
        qc = QuantumCircuit(n)
        for name, *qubits in gates:
            getattr(qc, name)(*qubits)
        return qc

    return build


HOSTILE = {
    "returns None": lambda *a, **k: None,
    "returns text": lambda *a, **k: "qc",
    "returns NaN": lambda *a, **k: float("nan"),
    "returns a list": lambda *a, **k: [1, 2],
    "raises": raises,
    "loops forever": forever,
    "wrong size": lambda *a, **k: QuantumCircuit(5),
    "not a function": None,
}


# --- state preparation -------------------------------------------------------------------------------


def psi_minus():
    qc = QuantumCircuit(2)
    qc.h(0)
    qc.cx(0, 1)
    qc.x(1)
    qc.z(0)
    return qc


def grade_psi_minus(fn):
    return grade_state_preparation(
        fn, "psi-", hint="Ψ⁻ has both qubits always different.", idea="Make Φ⁺, then X turns Φ into Ψ, Z adds −."
    )


def test_state_preparation_accepts_psi_minus():
    feedback = grade_psi_minus(psi_minus)
    assert feedback and "Ψ⁻" in feedback.message


@pytest.mark.parametrize(
    "wrong, says",
    [
        (circuit_of(), "|00⟩"),  # the stub as shipped
        (circuit_of(("h", 0), ("cx", 0, 1), ("x", 1)), "Ψ⁺"),  # forgot the minus sign
        (circuit_of(("h", 0), ("cx", 0, 1), ("z", 0)), "Φ⁻"),  # forgot the bit flip
        (circuit_of(("h", 0), ("cx", 0, 1), ("x", 1), ("s", 0)), "relative phase"),  # wrong phase gate
        (circuit_of(("x", 0)), "|01⟩"),
    ],
)
def test_state_preparation_names_what_a_wrong_circuit_prepares(wrong, says):
    feedback = grade_psi_minus(wrong)
    assert not feedback and says in feedback.message and "Ψ⁻" in feedback.message


def test_state_preparation_explains_measurements_and_qubit_order():
    def measured():
        qc = psi_minus()
        qc.measure_all()
        return qc

    assert "measures" in grade_psi_minus(measured).message

    def reversed_order():  # |0⟩ on qubit 0 and |1⟩ on qubit 1 is "10" in Qiskit's order
        qc = QuantumCircuit(2)
        qc.x(1)
        return qc

    assert "reverse order" in grade_state_preparation(reversed_order, "01").message


def test_state_preparation_on_fresh_random_angles():
    def reference(theta, phi):
        qc = QuantumCircuit(1)
        qc.ry(theta, 0)
        qc.rz(phi, 0)
        return qc

    def right(theta, phi):
        qc = QuantumCircuit(1)
        qc.u(theta, phi, 0, 0)
        return qc

    def swapped(theta, phi):
        qc = QuantumCircuit(1)
        qc.ry(phi, 0)
        qc.rz(theta, 0)
        return qc

    angles = lambda rng: (rng.uniform(0, math.pi), rng.uniform(0, 2 * math.pi))  # noqa: E731
    ok = grade_state_preparation(right, reference, n_qubits=1, cases=[(0.0, 0.0)], random_cases=angles)
    bad = grade_state_preparation(swapped, reference, n_qubits=1, random_cases=angles, seed=2)
    assert ok and not bad
    assert "For theta = " in bad.message and "Bloch angles" in bad.message


def test_state_preparation_with_mid_circuit_measurement_and_feed_forward():
    def teleported_one():  # prepare |1⟩ on qubit 0 and teleport it to qubit 2
        q, c = QuantumRegister(3), ClassicalRegister(2)
        qc = QuantumCircuit(q, c)
        qc.x(0)
        qc.h(1)
        qc.cx(1, 2)
        qc.cx(0, 1)
        qc.h(0)
        qc.measure(0, 0)
        qc.measure(1, 1)
        with qc.if_test((c[1], 1)):
            qc.x(2)
        with qc.if_test((c[0], 1)):
            qc.z(2)
        return qc

    assert grade_state_preparation(teleported_one, "1", qubits=[2], n_qubits=3, allow_measurements=True)


# --- unitary action ----------------------------------------------------------------------------------


def bell_measurement_basis_change():
    qc = QuantumCircuit(2)
    qc.cx(0, 1)
    qc.h(0)
    return qc


def grade_unbell(fn):
    return grade_unitary_action(
        fn, bell_measurement_basis_change, n_qubits=2, hint="Undo the H and the CNOT.", idea="Run Bell backwards."
    )


def test_unitary_action_accepts_the_right_circuit_in_another_form():
    def other_form():
        qc = QuantumCircuit(2)
        qc.cx(0, 1)
        qc.ry(math.pi / 2, 0)
        qc.x(0)  # H = X·Ry(π/2)
        return qc

    feedback = grade_unbell(other_form)
    assert feedback and "basis states" in feedback.message


@pytest.mark.parametrize(
    "wrong, says",
    [
        (circuit_of(), "For input"),  # does nothing
        (circuit_of(("h", 0), ("cx", 0, 1)), "For input"),  # forwards instead of backwards
        (circuit_of(("cx", 1, 0), ("h", 1)), "wrong qubits"),  # the right idea on the wrong qubits
        (circuit_of(("cx", 0, 1), ("h", 0), ("s", 0), ("sdg", 0), ("cz", 0, 1)), "For input"),
    ],
)
def test_unitary_action_rejects_typical_slips(wrong, says):
    feedback = grade_unbell(wrong)
    assert not feedback and says in feedback.message


def test_unitary_action_finds_a_phase_wrong_only_on_superpositions():
    reference = QuantumCircuit(1)
    reference.s(0)
    feedback = grade_unitary_action(circuit_of(n=1), reference, n_qubits=1, seed=5)
    assert not feedback and "relative phase" in feedback.message


def test_unitary_action_with_feed_forward_teleports_any_input():
    def teleport():
        q, c = QuantumRegister(3), ClassicalRegister(2)
        qc = QuantumCircuit(q, c)
        qc.h(1)
        qc.cx(1, 2)
        qc.cx(0, 1)
        qc.h(0)
        qc.measure(0, 0)
        qc.measure(1, 1)
        with qc.if_test((c[1], 1)):
            qc.x(2)
        with qc.if_test((c[0], 1)):
            qc.z(2)
        return qc

    def no_corrections():
        qc = teleport()
        return QuantumCircuit.from_instructions(qc.data[:6], qubits=qc.qubits, clbits=qc.clbits)

    move = QuantumCircuit(3)
    move.swap(0, 2)
    common = dict(n_qubits=3, input_qubits=[0], output_qubits=[2], allow_measurements=True)
    assert grade_unitary_action(teleport, move, **common)
    feedback = grade_unitary_action(no_corrections, move, **common)
    assert not feedback and "completely mixed" in feedback.message


# --- measurement circuits on Aer ---------------------------------------------------------------------


def measure_x_basis():
    qc = bell_pair("phi+")
    qc.h([0, 1])
    qc.measure_all()
    return qc


def grade_x_basis(fn):
    return grade_measurement_circuit(
        fn, {"00": 0.5, "11": 0.5}, n_qubits=2, measured_qubits=[0, 1], seed=11, hint="Rotate X into Z with H."
    )


def test_measurement_circuit_accepts_counts_within_binomial_error():
    assert grade_x_basis(measure_x_basis)


def test_measurement_circuit_rejects_wrong_qubits_missing_measurements_and_wrong_statistics():
    def wrong_qubit():
        qc = bell_pair("phi+")
        qc.h([0, 1])
        qc.add_register(ClassicalRegister(2))
        qc.measure(1, 0)
        qc.measure(1, 1)
        return qc

    def unmeasured():
        return bell_pair("phi+")

    def one_side_rotated():
        qc = bell_pair("phi+")
        qc.h(0)
        qc.measure_all()
        return qc

    assert "wrong qubit" in grade_x_basis(wrong_qubit).message
    assert "measures nothing" in grade_x_basis(unmeasured).message
    feedback = grade_x_basis(one_side_rotated)
    assert not feedback and "Outcome" in feedback.message and "probability" in feedback.message


# --- functions -------------------------------------------------------------------------------------------


def grade_transmittance(fn, **kwargs):
    return grade_function(
        fn,
        fiber_transmittance,
        cases=[case(0.0, why="no fibre, no loss: η = 1"), case(50.0, why="10 dB is a factor 10")],
        random_cases=lambda rng: (rng.uniform(1.0, 300.0),),
        hint="Loss in dB is 0.2 dB/km times the length.",
        idea="Convert decibels to a factor with 10^(−dB/10).",
        **kwargs,
    )


def test_function_accepts_the_formula_and_broadcasting_versions():
    assert grade_transmittance(lambda length_km: 10 ** (-0.2 * length_km / 10))
    assert grade_transmittance(lambda length_km: np.exp(-0.2 * length_km * np.log(10) / 10))


@pytest.mark.parametrize(
    "wrong, says",
    [
        (lambda length_km: 10 ** (-0.2 * length_km), "For length_km = 50"),  # forgot /10
        (lambda length_km: 0.2 * length_km, "no fibre, no loss"),  # returned the loss in dB
        (lambda length_km: 100 * 10 ** (-0.02 * length_km), "percentage"),  # in percent
        (lambda length_km: 0.5, "no fibre, no loss"),  # a constant
        (lambda length_km: -(10 ** (-0.02 * length_km)), "wrong sign"),
    ],
)
def test_function_rejects_typical_slips_with_specific_feedback(wrong, says):
    feedback = grade_transmittance(wrong)
    assert not feedback and says in feedback.message, feedback.message


def test_function_that_ignores_its_argument_is_named():
    def reference(x):
        return x

    feedback = grade_function(lambda x: 1.0, reference, cases=[(1.0,)], random_cases=lambda rng: (rng.uniform(2, 3),))
    assert not feedback and "same value for every input" in feedback.message


def test_function_unit_slip_is_named():
    def delay_ms(length_km):
        return length_km / 204_190.0 * 1e3

    feedback = grade_function(lambda length_km: length_km / 204_190.0, delay_ms, cases=[(100.0,)], unit="ms")
    assert not feedback and "seconds" in feedback.message


# --- counts estimators ----------------------------------------------------------------------------


def correlation_reference(counts):
    shots = sum(counts.values())
    return sum(v * (1 if k[0] == k[1] else -1) for k, v in counts.items()) / shots


def p_qubit0_reference(counts):
    return sum(v for k, v in counts.items() if k[-1] == "1") / sum(counts.values())


def test_counts_function_accepts_a_careful_estimator():
    def correlation(counts):
        same = counts.get("00", 0) + counts.get("11", 0)
        different = counts.get("01", 0) + counts.get("10", 0)
        return (same - different) / (same + different)

    assert grade_counts_function(correlation, correlation_reference)


def test_counts_function_rejects_missing_keys_reversed_bits_and_fixed_shots():
    def missing_keys(counts):
        return (counts["00"] + counts["11"] - counts["01"] - counts["10"]) / sum(counts.values())

    def reversed_bits(counts):  # reads the leftmost character as qubit 0
        return sum(v for k, v in counts.items() if k[0] == "1") / sum(counts.values())

    def fixed_shots(counts):
        return (counts.get("00", 0) + counts.get("11", 0) - counts.get("01", 0) - counts.get("10", 0)) / 1024

    assert "counts.get" in grade_counts_function(missing_keys, correlation_reference, seed=1).message
    assert "reverse order" in grade_counts_function(reversed_bits, p_qubit0_reference, seed=1).message
    feedback = grade_counts_function(fixed_shots, correlation_reference, seed=1)
    assert not feedback and "For counts" in feedback.message


# --- hostile input, escalation, time limits ---------------------------------------------------------------


GRADERS = {
    "state": lambda fn: grade_psi_minus(fn),
    "unitary": lambda fn: grade_unbell(fn),
    "measurement": lambda fn: grade_x_basis(fn),
    "function": lambda fn: grade_transmittance(fn, time_limit_s=0.5),
    "counts": lambda fn: grade_counts_function(fn, correlation_reference, time_limit_s=0.5),
}


@pytest.mark.parametrize("hostile", list(HOSTILE), ids=list(HOSTILE))
@pytest.mark.parametrize("grader", list(GRADERS), ids=list(GRADERS))
def test_hostile_input_never_raises_and_is_explained(grader, hostile):
    fn = HOSTILE[hostile]
    if grader in ("state", "unitary", "measurement") and hostile == "loops forever":
        fn = lambda: forever()  # noqa: E731
    start = time.perf_counter()
    feedback = GRADERS[grader](fn)
    assert isinstance(feedback, Feedback) and not feedback and feedback.message
    assert time.perf_counter() - start < 15
    if hostile == "returns None":
        assert "None" in feedback.message and "return" in feedback.message
    if hostile == "raises":
        assert "ZeroDivisionError" in feedback.message
    if hostile == "loops forever":
        assert "did not finish" in feedback.message


def test_graders_refuse_oversized_and_looping_circuits():
    def huge():
        return QuantumCircuit(2).compose(QuantumCircuit(2), inplace=False) if False else _huge()

    def _huge():
        qc = QuantumCircuit(2)
        for _ in range(3000):
            qc.x(0)
        return qc

    def looping():
        qc = QuantumCircuit(2, 1)
        with qc.while_loop((qc.clbits[0], 0)):
            qc.x(0)
        return qc

    assert "too large" in grade_psi_minus(huge).message
    assert "while loop" in grade_psi_minus(looping).message


def test_hints_escalate_and_reset_on_success():
    tries = [grade_psi_minus(circuit_of()) for _ in range(3)]
    assert [bool(t.hint) for t in tries] == [False, True, True]
    assert [bool(t.idea) for t in tries] == [False, False, True]
    assert "hint follows" in tries[0].message
    assert "Hint:" in repr(tries[1]) and "The idea:" in repr(tries[2]) and "The idea" in tries[2]._repr_html_()
    assert grade_psi_minus(psi_minus)
    assert not grade_psi_minus(circuit_of()).hint


def test_feedback_never_prints_the_solution():
    texts = [repr(grade_psi_minus(circuit_of())) for _ in range(4)]
    assert not any("qc.z" in t or "qc.x(1)" in t for t in texts)


def test_time_limit_stops_sleep_and_loops_and_leaves_no_alarm():
    import signal

    start = time.perf_counter()
    assert call_with_limit(time.sleep, 60, time_limit_s=0.2).timed_out
    assert call_with_limit(forever, time_limit_s=0.2).timed_out
    assert time.perf_counter() - start < 2
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert call_with_limit(lambda: 3).value == 3


# --- units ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "answer, expected, unit, says",
    [
        (489.7, 0.4897, "ms", "microseconds"),
        (4.897e-4, 0.4897, "ms", "seconds"),
        (90.0, math.pi / 2, "rad", "degrees"),
        (math.pi / 2, 90.0, "deg", "radians"),
        (25.0, 0.25, "", "percentage"),
        (0.25, 25.0, "%", "fraction"),
        (20.0, 0.01, "transmittance", "dB"),
        (0.01, 20.0, "dB", "transmittance"),
        (-20.0, 20.0, "dB", "positive"),
        (300_000.0, 300.0, "km", "metres"),
        (5 * math.pi / 2, math.pi / 2, "rad", "2π"),
    ],
)
def test_check_number_names_unit_slips(answer, expected, unit, says):
    feedback = check_number(answer, expected, unit=unit)
    assert not feedback and says in feedback.message, feedback.message


def test_check_number_reads_units_in_text_and_keeps_plain_feedback():
    assert check_number("0.49 ms", 0.4897e-3, unit="s") and check_number("25 %", 0.25)
    assert not check_number("fast", 1.0, unit="s")
    assert describe_slip(0.3, 0.7, "") is None and parse_quantity("2 km", "m") == 2000.0
    assert "too small" in check_number(0.3, 0.7).message


def test_time_limit_works_off_the_main_thread_too():
    import threading

    outcome = []
    worker = threading.Thread(target=lambda: outcome.append(call_with_limit(forever, time_limit_s=0.2)))
    worker.start()
    worker.join(timeout=10)
    assert not worker.is_alive() and outcome[0].timed_out
