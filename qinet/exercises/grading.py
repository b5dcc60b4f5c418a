"""Behavioural grading of coding exercises: run what the learner wrote and say what it *did*.

Each grader calls the learner's function under a time limit (:mod:`qinet.exercises.sandbox`),
checks what came back (a circuit of the right size, a finite number), runs it on fresh inputs
and compares its behaviour with a reference, then returns a :class:`~qinet.exercises.Feedback`
in the words of physics ("for input |01⟩ your circuit gives Ψ⁺, expected Ψ⁻"). Hints escalate
with each failed try (:mod:`qinet.exercises.tries`). A grader never raises on anything the
learner passes and never prints the solution.

=============================  ====================================================================
grader                         the learner writes ...
=============================  ====================================================================
grade_state_preparation        a function returning a circuit that prepares a state (exact states)
grade_unitary_action           a function returning a circuit that transforms its input qubits
grade_measurement_circuit      a function returning a circuit with measurements (counts on Aer)
grade_function                 a numerical function (fresh values and limits, with unit slips)
grade_counts_function          a function of counts dicts (an estimator: a correlation, a QBER)
=============================  ====================================================================

Circuits are simulated exactly (``Statevector``, or :func:`qinet.sim.final_state` for mid-circuit
measurement and ``if_test``), up to :data:`MAX_QUBITS` qubits and :data:`MAX_OPERATIONS` operations.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from qiskit import QuantumCircuit
from qiskit.circuit.library import StatePreparation
from qiskit.exceptions import QiskitError
from qiskit.quantum_info import DensityMatrix, Statevector, partial_trace, random_statevector

from qinet.exercises.describe import BELL_STATES, as_density_matrix, ket, name_state, pure_vector
from qinet.exercises.feedback import Feedback
from qinet.exercises.sandbox import call_with_limit, describe_error
from qinet.exercises.tries import Case, case, describe_args, draw_cases, exercise_key, reset_tries, verdict
from qinet.exercises.units import describe_slip

__all__ = [
    "MAX_OPERATIONS",
    "MAX_QUBITS",
    "MAX_SHOTS",
    "Case",
    "case",
    "grade_counts_function",
    "grade_function",
    "grade_measurement_circuit",
    "grade_state_preparation",
    "grade_unitary_action",
    "reset_tries",
]

#: Largest learner circuit simulated exactly (a density matrix of 10 qubits is 16 MB).
MAX_QUBITS = 10
#: Most operations a learner circuit may hold (exercises need a handful).
MAX_OPERATIONS = 2000
#: Most shots a grader runs on Aer.
MAX_SHOTS = 20_000

_FORBIDDEN = {"while_loop": "a while loop", "for_loop": "a for loop", "switch_case": "a switch"}
_NOT_UNITARY = {"measure", "reset", "if_else", "initialize", "delay"}


class _Problem(Exception):
    """What went wrong, in words for the learner (internal: always turned into feedback)."""


def _call(fn: Callable[..., Any], item: Case, where: str, time_limit_s: float) -> Any:
    outcome = call_with_limit(fn, *item.args, time_limit_s=time_limit_s, **item.kwargs)
    if outcome.timed_out:
        raise _Problem(f"Your function did not finish within {time_limit_s:g} s{where} (an endless loop?).")
    if outcome.error is not None:
        raise _Problem(f"Your function raised {describe_error(outcome.error)}{where}.")
    return outcome.value


def _circuit(value: Any, n_qubits: int | None, where: str, allow_measurements: bool) -> QuantumCircuit:
    if value is None:
        raise _Problem(f"Your function returned None{where}: did you forget `return qc`?")
    if not isinstance(value, QuantumCircuit):
        raise _Problem(
            f"Your function returned a {type(value).__name__}{where}, not a QuantumCircuit: "
            "return the circuit you built."
        )
    if n_qubits is not None and value.num_qubits != n_qubits:
        raise _Problem(
            f"Your circuit has {value.num_qubits} qubit{'s' * (value.num_qubits != 1)}; this exercise needs "
            f"{n_qubits} (QuantumCircuit({n_qubits}))."
        )
    if value.num_qubits > MAX_QUBITS or value.size() > MAX_OPERATIONS:
        raise _Problem(
            f"Your circuit is too large to grade ({value.num_qubits} qubits, {value.size()} operations; at most "
            f"{MAX_QUBITS} and {MAX_OPERATIONS}): this exercise needs only a few gates."
        )
    ops = set(value.count_ops())
    for name, words in _FORBIDDEN.items():
        if name in ops:
            raise _Problem(f"Your circuit uses {words}; use gates, measurements and `with qc.if_test(...)` only.")
    if value.parameters:
        names = ", ".join(sorted(p.name for p in value.parameters))
        raise _Problem(f"Your circuit has parameters without values ({names}): give every angle a number.")
    if not allow_measurements and ops & {"measure", "reset"}:
        raise _Problem(
            "Your circuit measures (or resets) qubits: a measurement turns a superposition into a classical "
            "mixture. Leave the qubits unmeasured; the checker computes their state exactly."
        )
    return value


def _state_of(circuit: QuantumCircuit, qubits: Sequence[int] | None) -> DensityMatrix:
    """Exact final state of ``circuit`` reduced to ``qubits``."""
    if not set(circuit.count_ops()) & _NOT_UNITARY:
        try:
            state = DensityMatrix(Statevector(circuit))
        except QiskitError:
            state = None
        if state is not None:
            if qubits is None:
                return state
            return (
                partial_trace(state, [q for q in range(circuit.num_qubits) if q not in qubits])
                if len(qubits) < circuit.num_qubits
                else state
            )
    from qinet.sim import final_state

    try:
        return final_state(circuit, None if qubits is None else list(qubits))
    except Exception as error:  # the simulator refuses what it cannot average exactly
        raise _Problem(f"Your circuit could not be simulated exactly: {describe_error(error)}") from None


def _expected_state(expected: Any) -> DensityMatrix:
    if isinstance(expected, str):
        if expected.lower() in BELL_STATES:
            return DensityMatrix(Statevector(BELL_STATES[expected.lower()]))
        return DensityMatrix(Statevector.from_label(expected))
    if isinstance(expected, QuantumCircuit):
        return _state_of(expected, None)
    return as_density_matrix(expected)


def _fidelity(rho: DensityMatrix, target: DensityMatrix) -> float:
    vector = pure_vector(target)
    if vector is not None:
        return float(np.real(np.vdot(vector, rho.data @ vector)))
    from qiskit.quantum_info import state_fidelity

    return float(state_fidelity(rho, target, validate=False))


def _compare_states(got: DensityMatrix, want: DensityMatrix, tolerance: float, prefix: str) -> str | None:
    """None when ``got`` is ``want`` (up to a global phase); else what is wrong, physically."""
    fidelity = _fidelity(got, want)
    if fidelity >= 1 - tolerance:
        return None
    n = int(round(math.log2(want.dim)))
    got_name, want_name = name_state(got), name_state(want)
    if n >= 2 and _fidelity(DensityMatrix(got.reverse_qargs()), want) >= 1 - tolerance:
        return (
            f"{prefix}your circuit gives {got_name}: the right state but with the qubits in reverse order. In Qiskit, "
            "qubit 0 is the rightmost digit of a ket such as |q1 q0⟩."
        )
    if pure_vector(want) is not None and pure_vector(got) is None:
        return f"{prefix}your circuit gives {got_name}, not the pure state {want_name} (fidelity {fidelity:.2f})."
    if np.allclose(np.real(np.diag(got.data)), np.real(np.diag(want.data)), atol=1e-6):
        return (
            f"{prefix}your circuit gives {got_name}: the right probabilities for every outcome in the Z basis, "
            f"but the wrong relative phase (fidelity with {want_name}: {fidelity:.2f})."
        )
    return f"{prefix}your circuit gives {got_name}; expected {want_name} (fidelity {fidelity:.2f})."


def _where(reference: Callable[..., Any] | None, item: Case) -> str:
    text = describe_args(reference, item)
    return f" for {text}" if text else ""


def grade_state_preparation(
    fn: Callable[..., Any],
    expected: Any,
    *,
    n_qubits: int | None = None,
    qubits: Sequence[int] | None = None,
    cases: Sequence[Any] | None = None,
    random_cases: Callable[[np.random.Generator], Any] | None = None,
    n_random: int = 3,
    seed: int | None = None,
    allow_measurements: bool = False,
    tolerance: float = 1e-6,
    hint: str = "",
    idea: str = "",
    key: str | None = None,
    time_limit_s: float = 5.0,
) -> Feedback:
    """Grade a learner's ``fn(*args) -> QuantumCircuit`` that prepares a state.

    ``expected`` is the target: a Bell-state name (``"psi-"``), a Qiskit label (``"01"``, ``"+0"``),
    a Statevector, DensityMatrix or array, or a circuit. With ``cases`` (tuples or :func:`case`)
    and/or ``random_cases(rng)`` (fresh arguments each run), ``expected`` is instead a function of
    the same arguments returning the target. The state of ``qubits`` (all by default) at the end of
    the learner's circuit is computed exactly and compared by fidelity (global phase ignored).

    Examples
    --------
    >>> from qinet.circuits import bell_pair
    >>> def mine():
    ...     qc = QuantumCircuit(2)
    ...     qc.h(0)
    ...     return qc
    >>> print(grade_state_preparation(mine, "phi+", key="doctest").message)
    Your circuit gives the product state |0⟩|+⟩ (qubit 0 rightmost); expected Φ⁺ = (|00⟩ + |11⟩)/√2 (fidelity 0.25).
    >>> grade_state_preparation(lambda: bell_pair("phi+"), "phi+", key="doctest").correct
    True
    """
    key = exercise_key(key, hint, idea, fn)
    items = draw_cases(cases, random_cases, n_random, seed) or [Case()]
    parametrised = cases is not None or random_cases is not None
    try:
        for item in items:
            where = _where(expected, item) if parametrised else ""
            target = _expected_state(expected(*item.args, **item.kwargs) if parametrised else expected)
            size = n_qubits if n_qubits is not None or qubits is not None else int(round(math.log2(target.dim)))
            circuit = _circuit(_call(fn, item, where, time_limit_s), size, where, allow_measurements)
            got = _state_of(circuit, qubits)
            prefix = f"For {where[5:]} " if where else ""
            problem = _compare_states(got, target, tolerance, prefix)
            if problem:
                raise _Problem(problem[0].upper() + problem[1:] + (f" ({item.why})" if item.why else ""))
    except _Problem as problem:
        return verdict(key, str(problem), "", hint=hint, idea=idea)
    what = f" on all {len(items)} inputs we tried" if parametrised else f": {name_state(target)}"
    return verdict(key, None, f"Your circuit prepares the right state{what}.")


def _basis_and_random_inputs(k: int, n_random: int, seed: int | None) -> list[tuple[str, np.ndarray]]:
    inputs = [(ket(format(i, f"0{k}b")), np.eye(2**k, dtype=complex)[i]) for i in range(2**k)]
    rng = np.random.default_rng(seed)
    for _ in range(max(0, min(n_random, 20))):
        inputs.append(("a random input state", random_statevector(2**k, seed=rng).data))
    return inputs


def _run_on_input(
    circuit: QuantumCircuit, vector: np.ndarray, input_qubits: list[int], output_qubits: list[int] | None
) -> DensityMatrix:
    full = circuit.copy_empty_like()
    full.append(StatePreparation(vector), [full.qubits[q] for q in input_qubits])
    full.compose(circuit, inplace=True)
    if not set(circuit.count_ops()) & _NOT_UNITARY:
        start = Statevector.from_int(0, 2**circuit.num_qubits).evolve(StatePreparation(vector), input_qubits)
        state = DensityMatrix(start.evolve(circuit))
        keep = output_qubits if output_qubits is not None else list(range(circuit.num_qubits))
        drop = [q for q in range(circuit.num_qubits) if q not in keep]
        return partial_trace(state, drop) if drop else state
    return _state_of(full, output_qubits)


def _wrong_qubits(circuit: QuantumCircuit, reference: QuantumCircuit) -> str | None:
    """Which relabelling of the qubits turns the reference into the learner's circuit, if one does."""
    from itertools import permutations

    from qiskit.quantum_info import Operator

    n = circuit.num_qubits
    if n > 4 or set(circuit.count_ops()) & _NOT_UNITARY or set(reference.count_ops()) & _NOT_UNITARY:
        return None
    mine = Operator(circuit)
    for order in permutations(range(n)):
        if list(order) == list(range(n)):
            continue
        moved = QuantumCircuit(n)
        moved.compose(reference, qubits=list(order), inplace=True)
        if mine.equiv(Operator(moved)):
            return "Your circuit does the right operation on the wrong qubits: check the qubit indices of your gates."
    return None


def grade_unitary_action(
    fn: Callable[..., Any],
    reference: QuantumCircuit | Callable[..., QuantumCircuit],
    *,
    n_qubits: int,
    args: tuple = (),
    input_qubits: Sequence[int] | None = None,
    output_qubits: Sequence[int] | None = None,
    n_random: int = 3,
    seed: int | None = None,
    allow_measurements: bool = False,
    tolerance: float = 1e-6,
    hint: str = "",
    idea: str = "",
    key: str | None = None,
    time_limit_s: float = 5.0,
) -> Feedback:
    """Grade a learner's ``fn(*args) -> QuantumCircuit`` by what it does to its inputs.

    Every computational basis state of ``input_qubits`` (all by default; the other qubits start in
    |0⟩) and ``n_random`` fresh random states are fed to the learner's circuit and to ``reference``
    (a circuit, or a function of ``args`` returning one); the exact states of ``output_qubits`` at
    the end must agree. With ``allow_measurements`` the circuits may measure and feed forward
    (``if_test``): teleportation, swapping, the nonlocal CNOT.

    Examples
    --------
    >>> def swap_by_hand():
    ...     qc = QuantumCircuit(2)
    ...     qc.cx(0, 1)
    ...     return qc
    >>> reference = QuantumCircuit(2); _ = reference.swap(0, 1)
    >>> print(grade_unitary_action(swap_by_hand, reference, n_qubits=2, key="doctest").message)  # doctest: +ELLIPSIS
    For input |01⟩ your circuit gives |11⟩; expected |10⟩ (fidelity 0.00). ...
    """
    key = exercise_key(key, hint, idea, fn)
    inputs_on = list(range(n_qubits)) if input_qubits is None else list(input_qubits)
    outputs = None if output_qubits is None else list(output_qubits)
    try:
        circuit = _circuit(_call(fn, Case(tuple(args)), "", time_limit_s), n_qubits, "", allow_measurements)
        ref = reference(*args) if callable(reference) and not isinstance(reference, QuantumCircuit) else reference
        inputs = _basis_and_random_inputs(len(inputs_on), n_random, seed)
        failures = []
        for label, vector in inputs:
            got = _run_on_input(circuit, vector, inputs_on, outputs)
            want = _run_on_input(ref, vector, inputs_on, outputs)
            problem = _compare_states(got, want, tolerance, f"For input {label} ")
            if problem:
                failures.append((label, problem))
        if failures:
            basis_ok = all(not label.startswith("|") for label, _ in failures)
            moved = _wrong_qubits(circuit, ref)
            if moved:
                raise _Problem(moved + " " + failures[0][1])
            if basis_ok:
                raise _Problem(
                    "Your circuit is right on every basis state but not on superpositions: a relative phase is "
                    "wrong. " + failures[0][1]
                )
            raise _Problem(failures[0][1] + f" ({len(failures)} of {len(inputs)} inputs are wrong.)")
    except _Problem as problem:
        return verdict(key, str(problem), "", hint=hint, idea=idea)
    return verdict(
        key,
        None,
        f"Your circuit acts like the reference on all {2 ** len(inputs_on)} basis states and "
        f"{len(inputs) - 2 ** len(inputs_on)} random input states.",
    )


def _measured_qubits(circuit: QuantumCircuit) -> dict[int, int]:
    """Classical bit → the qubit last measured into it."""
    out = {}
    for instruction in circuit.data:
        if instruction.operation.name == "measure":
            out[circuit.find_bit(instruction.clbits[0]).index] = circuit.find_bit(instruction.qubits[0]).index
    return out


def grade_measurement_circuit(
    fn: Callable[..., Any],
    expected: dict[str, float],
    *,
    n_qubits: int,
    args: tuple = (),
    measured_qubits: Sequence[int] | None = None,
    shots: int = 4000,
    sigmas: float = 5.0,
    seed: int | None = None,
    hint: str = "",
    idea: str = "",
    key: str | None = None,
    time_limit_s: float = 5.0,
) -> Feedback:
    """Grade a learner's ``fn(*args) -> QuantumCircuit`` that ends in measurements, on Aer.

    ``expected`` maps bit strings (Qiskit order, classical bit 0 rightmost) to probabilities. The
    circuit runs ``shots`` times (at most :data:`MAX_SHOTS`); every outcome's frequency must lie
    within ``sigmas`` binomial standard errors of its probability. ``measured_qubits[i]`` is the
    qubit that classical bit ``i`` should hold, to catch a circuit that measures the wrong qubit.

    Examples
    --------
    >>> from qinet.circuits import bell_pair
    >>> def z_basis():
    ...     qc = bell_pair("phi+")
    ...     qc.measure_all()
    ...     return qc
    >>> grade_measurement_circuit(z_basis, {"00": 0.5, "11": 0.5}, n_qubits=2, seed=1, key="doctest").correct
    True
    """
    from qinet.sim import run

    key = exercise_key(key, hint, idea, fn)
    shots = max(1, min(int(shots), MAX_SHOTS))
    try:
        circuit = _circuit(_call(fn, Case(tuple(args)), "", time_limit_s), n_qubits, "", True)
        width = len(next(iter(expected)))
        mapping = _measured_qubits(circuit)
        if not mapping:
            raise _Problem("Your circuit measures nothing: add measurements (qc.measure(qubit, bit)).")
        if circuit.num_clbits != width:
            raise _Problem(f"Your circuit has {circuit.num_clbits} classical bits; this exercise reads {width}.")
        if measured_qubits is not None:
            for bit, qubit in enumerate(measured_qubits):
                if mapping.get(bit) != qubit:
                    got = "nothing" if bit not in mapping else f"qubit {mapping[bit]}"
                    raise _Problem(
                        f"Your circuit measures the wrong qubit: classical bit {bit} holds {got}; "
                        f"it should hold qubit {qubit}."
                    )
        try:
            counts = run(circuit, shots=shots, seed=seed)
        except Exception as error:
            raise _Problem(f"Your circuit could not be run: {describe_error(error)}") from None
        for outcome in sorted(set(expected) | set(counts)):
            p, seen = float(expected.get(outcome, 0.0)), counts.get(outcome, 0)
            allowed = sigmas * math.sqrt(max(p * (1 - p), 1e-12) / shots) + 1.0 / shots
            if abs(seen / shots - p) > allowed:
                raise _Problem(
                    f"Outcome {outcome} came up in {seen / shots:.1%} of {shots} shots; it should come up with "
                    f"probability {p:.1%}. Your counts: {dict(sorted(counts.items()))}."
                )
    except _Problem as problem:
        return verdict(key, str(problem), "", hint=hint, idea=idea)
    return verdict(key, None, f"On Aer, {shots} shots of your circuit match the expected probabilities.")


def _number(value: Any, where: str) -> np.ndarray:
    if value is None:
        raise _Problem(f"Your function returned None{where}: did you forget `return`?")
    if isinstance(value, (str, bytes, dict, QuantumCircuit)):
        raise _Problem(f"Your function returned a {type(value).__name__}{where}; it should return a number.")
    if np.iscomplexobj(value):
        if not np.allclose(np.imag(value), 0, atol=1e-9):
            raise _Problem(
                f"Your function returned the complex number {complex(np.ravel(value)[0]):.3g}{where}; the answer "
                "is real (a probability or an expectation value: check the complex conjugates)."
            )
        value = np.real(value)
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise _Problem(f"Your function returned {type(value).__name__}{where}; it should return a number.") from None
    if not np.all(np.isfinite(array)):
        raise _Problem(f"Your function returned {value!r:.60}{where}, which is not a finite number.")
    return array


def grade_function(
    fn: Callable[..., Any],
    reference: Callable[..., Any],
    *,
    cases: Sequence[Any] = (),
    random_cases: Callable[[np.random.Generator], Any] | None = None,
    n_random: int = 5,
    seed: int | None = None,
    rtol: float = 1e-6,
    atol: float = 0.0,
    unit: str = "",
    hint: str = "",
    idea: str = "",
    key: str | None = None,
    time_limit_s: float = 5.0,
) -> Feedback:
    """Grade a learner's numerical function against ``reference`` on limits and fresh values.

    ``cases`` are fixed inputs, typically the limits, each a tuple or a :func:`case` whose ``why``
    is shown when the learner's value is wrong there ("at 0 km your rate should equal the source
    rate"); ``random_cases(rng)`` draws ``n_random`` fresh inputs each run. Values are compared within
    ``rtol``/``atol``; a value off by a unit slip (``unit``: ms vs s, percent, dB ...) is named.

    Examples
    --------
    >>> from qinet.links import fiber_transmittance
    >>> def mine(length_km):
    ...     return 10 ** (-0.2 * length_km)   # forgot the /10 of decibels
    >>> fb = grade_function(mine, fiber_transmittance, cases=[case(0.0, why="nothing is lost in no fibre"), (50.0,)],
    ...                     random_cases=lambda rng: (rng.uniform(1, 200),), key="doctest")
    >>> print(fb.message)
    For length_km = 50 your function returned 1e-10; expected 0.1.
    """
    key = exercise_key(key, hint, idea, fn)
    items = draw_cases(cases, random_cases, n_random, seed)
    answers, wants, mismatch = [], [], ""
    try:
        for item in items:
            where = _where(reference, item)
            value = _number(_call(fn, item, where, time_limit_s), where)
            want = np.asarray(reference(*item.args, **item.kwargs), dtype=float)
            answers.append(value)
            wants.append(want)
            if value.shape != want.shape and value.size != 1:
                raise _Problem(f"Your function returned an array of shape {value.shape}{where}; expected {want.shape}.")
            if not mismatch and not np.allclose(value, want, rtol=rtol, atol=atol):
                scalar = value.size == 1 and want.size == 1
                got_text, want_text = (f"{float(value):.4g}", f"{float(want):.4g}") if scalar else (value, want)
                mismatch = f"For {where[5:]} your function returned {got_text}; expected {want_text}."
                slip = describe_slip(float(value), float(want), unit, rtol=max(rtol, 1e-3), atol=atol) if scalar else ""
                mismatch += f" {slip}" if slip else ""
                mismatch += f" Remember: {item.why}." if item.why else ""
        scalars = [float(a) for a in answers if a.size == 1]
        if mismatch and len(scalars) == len(items) >= 3 and np.ptp(scalars) == 0 and np.ptp(np.ravel(wants)) > 0:
            raise _Problem(
                "Your function returns the same value for every input: does it use its arguments? " + mismatch
            )
        if mismatch:
            raise _Problem(mismatch)
    except _Problem as problem:
        return verdict(key, str(problem), "", hint=hint, idea=idea)
    return verdict(key, None, f"Your function agrees with the reference on all {len(items)} inputs, limits included.")


def _random_counts(rng: np.random.Generator, n_bits: int, how: str) -> dict[str, int]:
    shots = int(rng.integers(200, 5000))
    outcomes = [format(k, f"0{n_bits}b") for k in range(2**n_bits)]
    if how == "one outcome":
        return {str(rng.choice(outcomes)): shots}
    probabilities = rng.dirichlet(np.ones(len(outcomes)))
    if how == "some missing":
        probabilities[rng.choice(len(outcomes), size=max(1, len(outcomes) // 2), replace=False)] = 0
        probabilities = probabilities / probabilities.sum()
    counts = rng.multinomial(shots, probabilities)
    return {o: int(c) for o, c in zip(outcomes, counts, strict=True) if c > 0}


def _show_counts(counts: Sequence[dict[str, int]]) -> str:
    shown = ", ".join(str(dict(sorted(c.items()))) for c in counts)
    return shown if len(shown) <= 160 else shown[:157] + "..."


def grade_counts_function(
    fn: Callable[..., Any],
    reference: Callable[..., Any],
    *,
    n_bits: int = 2,
    n_counts: int = 1,
    cases: Sequence[Sequence[dict[str, int]]] = (),
    n_random: int = 6,
    seed: int | None = None,
    rtol: float = 1e-9,
    atol: float = 1e-9,
    hint: str = "",
    idea: str = "",
    key: str | None = None,
    time_limit_s: float = 5.0,
) -> Feedback:
    """Grade a learner's function of ``n_counts`` counts dicts (``{"01": 480, ...}``) that returns a number.

    Fresh random counts of ``n_bits``-bit outcomes are drawn each run, including dicts where some
    outcomes never occurred (Qiskit leaves them out) and dicts with a single outcome; ``cases`` adds
    fixed tuples of counts. Typical slips are named: a ``KeyError`` for an outcome that did not occur,
    and bit strings read in reverse order.

    Examples
    --------
    >>> def correlation(counts):            # E = P(same) - P(different) of two bits
    ...     n = sum(counts.values())
    ...     return (counts["00"] + counts["11"] - counts["01"] - counts["10"]) / n
    >>> reference = lambda c: sum(v * (1 if k[0] == k[1] else -1) for k, v in c.items()) / sum(c.values())
    >>> print(grade_counts_function(correlation, reference, seed=3, key="doctest").message)  # doctest: +ELLIPSIS
    Your function raised KeyError: '...' for counts ... outcomes that never occurred are missing from a counts dict...
    """
    key = exercise_key(key, hint, idea, fn)
    rng = np.random.default_rng(seed)
    kinds = ["all outcomes", "some missing", "one outcome"]
    items = [tuple(c) for c in cases] + [
        tuple(_random_counts(rng, n_bits, kinds[i % 3]) for _ in range(n_counts)) for i in range(min(n_random, 30))
    ]
    try:
        for counts in items:
            where = f" for counts {_show_counts(counts)}"
            outcome = call_with_limit(fn, *[dict(c) for c in counts], time_limit_s=time_limit_s)
            if outcome.timed_out:
                raise _Problem(f"Your function did not finish within {time_limit_s:g} s{where} (an endless loop?).")
            if isinstance(outcome.error, KeyError):
                raise _Problem(
                    f"Your function raised {describe_error(outcome.error)}{where}: outcomes that never occurred are "
                    "missing from a counts dict, so read them with counts.get(outcome, 0)."
                )
            if outcome.error is not None:
                raise _Problem(f"Your function raised {describe_error(outcome.error)}{where}.")
            value = _number(outcome.value, where)
            want = np.asarray(reference(*counts), dtype=float)
            if not np.allclose(value, want, rtol=rtol, atol=atol):
                flipped = tuple({k[::-1]: v for k, v in c.items()} for c in counts)
                reversed_value = call_with_limit(fn, *flipped, time_limit_s=time_limit_s).value
                shown = f"{float(value):.6g}" if value.size == 1 else str(value)
                text = f"{where[1:].capitalize()} your function returned {shown}; expected {want:.6g}."
                try:
                    if np.allclose(np.asarray(reversed_value, dtype=float), want, rtol=rtol, atol=atol):
                        text += (
                            " You read the bit strings in reverse order: in Qiskit's '01' the rightmost bit is "
                            "classical bit 0."
                        )
                except (TypeError, ValueError):
                    pass
                raise _Problem(text)
    except _Problem as problem:
        return verdict(key, str(problem), "", hint=hint, idea=idea)
    return verdict(
        key, None, f"Your function agrees with the reference on {len(items)} sets of counts, missing outcomes included."
    )
