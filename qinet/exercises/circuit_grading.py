"""Behavioural grading of circuits: prepare a state, transform inputs, or measure; see :mod:`qinet.exercises.grading`.

Circuits are simulated exactly (``Statevector``, or :func:`qinet.sim.final_state` for mid-circuit
measurement and ``if_test``), up to :data:`MAX_QUBITS` qubits and :data:`MAX_OPERATIONS` operations;
measured circuits run on Aer with at most :data:`MAX_SHOTS` shots.
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

from qinet._validate import WrongTypeError, boolean, function, instance, number, positive_int
from qinet._validate import seed as _seed
from qinet.exercises.describe import BELL_STATES, as_density_matrix, ket, name_state, pure_vector
from qinet.exercises.feedback import Feedback
from qinet.exercises.sandbox import MAX_TIME_LIMIT_S, describe_error
from qinet.exercises.tries import Case, Problem, call_learner, draw_cases, exercise_key, verdict, where_text

#: Largest learner circuit simulated exactly (a density matrix of 10 qubits is 16 MB).
MAX_QUBITS = 10
#: Most operations a learner circuit may hold (exercises need a handful).
MAX_OPERATIONS = 2000
#: Most shots a grader runs on Aer.
MAX_SHOTS = 20_000

_FORBIDDEN = {"while_loop": "a while loop", "for_loop": "a for loop", "switch_case": "a switch"}
_NOT_UNITARY = {"measure", "reset", "if_else", "initialize", "delay"}


def _circuit(value: Any, n_qubits: int | None, where: str, allow_measurements: bool) -> QuantumCircuit:
    if value is None:
        raise Problem(f"Your function returned None{where}: did you forget `return qc`?")
    if not isinstance(value, QuantumCircuit):
        raise Problem(
            f"Your function returned a {type(value).__name__}{where}, not a QuantumCircuit: "
            "return the circuit you built."
        )
    if n_qubits is not None and value.num_qubits != n_qubits:
        raise Problem(
            f"Your circuit has {value.num_qubits} qubit{'s' * (value.num_qubits != 1)}; this exercise needs "
            f"{n_qubits} (QuantumCircuit({n_qubits}))."
        )
    if value.num_qubits > MAX_QUBITS or value.size() > MAX_OPERATIONS:
        raise Problem(
            f"Your circuit is too large to grade ({value.num_qubits} qubits, {value.size()} operations; at most "
            f"{MAX_QUBITS} and {MAX_OPERATIONS}): this exercise needs only a few gates."
        )
    ops = set(value.count_ops())
    for name, words in _FORBIDDEN.items():
        if name in ops:
            raise Problem(f"Your circuit uses {words}; use gates, measurements and `with qc.if_test(...)` only.")
    if value.parameters:
        names = ", ".join(sorted(p.name for p in value.parameters))
        raise Problem(f"Your circuit has parameters without values ({names}): give every angle a number.")
    if not allow_measurements and ops & {"measure", "reset"}:
        raise Problem(
            "Your circuit measures (or resets) qubits: a measurement turns a superposition into a classical "
            "mixture. Leave the qubits unmeasured; the checker computes their state exactly."
        )
    return value


def _qubit_list(name: str, value: object, n_qubits: int | None) -> list[int] | None:
    """None, or a list of distinct qubit indices (each in ``range(n_qubits)`` when that is known)."""
    if value is None:
        return None
    if not isinstance(value, (list, tuple, range)) or not value:
        raise WrongTypeError(f"{name} must be None or a non-empty list of qubit indices, got {value!r:.60}")
    top = MAX_QUBITS if n_qubits is None else n_qubits
    qubits = [positive_int(name, q, minimum=0, maximum=top - 1) for q in value]
    if len(set(qubits)) != len(qubits):
        raise ValueError(f"{name} must not repeat a qubit, got {list(value)}")
    return qubits


def _settings(tolerance: float, time_limit_s: float, allow_measurements: bool) -> tuple[float, float, bool]:
    """A circuit grader's ``tolerance`` (in (0, 1)), ``time_limit_s`` (in (0, 60]) and ``allow_measurements``."""
    return (
        float(number("tolerance", tolerance, 0.0, 1.0, low_open=True, high_open=True)),
        float(number("time_limit_s", time_limit_s, 0.0, MAX_TIME_LIMIT_S, low_open=True)),
        boolean("allow_measurements", allow_measurements),
    )


def _arguments(args: object) -> tuple:
    """The arguments passed to the learner's function: a tuple (or list)."""
    return tuple(instance("args", args, (tuple, list), "a tuple of the arguments of the learner's function"))


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
        raise Problem(f"Your circuit could not be simulated exactly: {describe_error(error)}") from None


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
    tolerance, time_limit_s, allow_measurements = _settings(tolerance, time_limit_s, allow_measurements)
    if n_qubits is not None:
        n_qubits = positive_int("n_qubits", n_qubits, maximum=MAX_QUBITS)
    qubits = _qubit_list("qubits", qubits, n_qubits)
    items = draw_cases(() if cases is None else cases, random_cases, n_random, seed) or [Case()]
    parametrised = cases is not None or random_cases is not None
    if parametrised:
        function("expected", expected, "a function of the cases' arguments returning the target state")
    else:
        try:
            _expected_state(expected)
        except (ValueError, TypeError, QiskitError) as error:
            raise ValueError(
                f"expected must be a Bell-state name ('psi-'), a Qiskit label ('01', '+0'), a state or a circuit, "
                f"got {expected!r:.60} ({error})"
            ) from None
    key = exercise_key(key, hint, idea, fn)
    try:
        for item in items:
            where = where_text(expected, item) if parametrised else ""
            target = _expected_state(expected(*item.args, **item.kwargs) if parametrised else expected)
            size = n_qubits if n_qubits is not None or qubits is not None else int(round(math.log2(target.dim)))
            circuit = _circuit(call_learner(fn, item, where, time_limit_s), size, where, allow_measurements)
            got = _state_of(circuit, qubits)
            prefix = f"For {where[5:]} " if where else ""
            problem = _compare_states(got, target, tolerance, prefix)
            if problem:
                raise Problem(problem[0].upper() + problem[1:] + (f" ({item.why})" if item.why else ""))
    except Problem as problem:
        return verdict(key, str(problem), "", hint=hint, idea=idea)
    what = f" on all {len(items)} inputs we tried" if parametrised else f": {name_state(target)}"
    return verdict(key, None, f"Your circuit prepares the right state{what}.")


def _basis_and_random_inputs(k: int, n_random: int, seed: int | None) -> list[tuple[str, np.ndarray]]:
    inputs = [(ket(format(i, f"0{k}b")), np.eye(2**k, dtype=complex)[i]) for i in range(2**k)]
    rng = np.random.default_rng(seed)
    for _ in range(n_random):
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
    n_qubits = positive_int("n_qubits", n_qubits, maximum=MAX_QUBITS)
    args = _arguments(args)
    if not isinstance(reference, QuantumCircuit):
        function("reference", reference, "a QuantumCircuit or a function of args returning one")
    elif reference.num_qubits != n_qubits:
        raise ValueError(f"reference must act on n_qubits = {n_qubits} qubits, got {reference.num_qubits}")
    tolerance, time_limit_s, allow_measurements = _settings(tolerance, time_limit_s, allow_measurements)
    n_random = positive_int("n_random", n_random, minimum=0, maximum=20)
    seed = _seed(seed)
    inputs_on = _qubit_list("input_qubits", input_qubits, n_qubits) or list(range(n_qubits))
    outputs = _qubit_list("output_qubits", output_qubits, n_qubits)
    key = exercise_key(key, hint, idea, fn)
    try:
        circuit = _circuit(call_learner(fn, Case(tuple(args)), "", time_limit_s), n_qubits, "", allow_measurements)
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
                raise Problem(moved + " " + failures[0][1])
            if basis_ok:
                raise Problem(
                    "Your circuit is right on every basis state but not on superpositions: a relative phase is "
                    "wrong. " + failures[0][1]
                )
            raise Problem(failures[0][1] + f" ({len(failures)} of {len(inputs)} inputs are wrong.)")
    except Problem as problem:
        return verdict(key, str(problem), "", hint=hint, idea=idea)
    return verdict(
        key,
        None,
        f"Your circuit acts like the reference on all {2 ** len(inputs_on)} basis states and "
        f"{len(inputs) - 2 ** len(inputs_on)} random input states.",
    )


def _probabilities(expected: object) -> None:
    """Check ``expected``: a non-empty dict of equally long bit strings to probabilities that sum to 1."""
    if not isinstance(expected, dict) or not expected:
        raise WrongTypeError(f"expected must be a dict of bit strings to probabilities, got {expected!r:.60}")
    widths = {len(k) if isinstance(k, str) and k and set(k) <= {"0", "1"} else -1 for k in expected}
    if len(widths) != 1 or -1 in widths:
        raise ValueError(f"expected must have bit strings of one length as keys ('00', '11'), got {list(expected)}")
    total = float(np.sum([number(f"expected[{k!r}]", p, 0.0, 1.0) for k, p in expected.items()]))
    if not math.isclose(total, 1.0, abs_tol=1e-6):
        raise ValueError(f"expected must hold probabilities that sum to 1, got a sum of {total:.6g}")


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

    n_qubits = positive_int("n_qubits", n_qubits, maximum=MAX_QUBITS)
    args = _arguments(args)
    shots = positive_int("shots", shots, maximum=MAX_SHOTS)
    sigmas = float(number("sigmas", sigmas, 0.0, 100.0, low_open=True))
    seed = _seed(seed)
    time_limit_s = float(number("time_limit_s", time_limit_s, 0.0, MAX_TIME_LIMIT_S, low_open=True))
    measured_qubits = _qubit_list("measured_qubits", measured_qubits, n_qubits)
    _probabilities(expected)
    key = exercise_key(key, hint, idea, fn)
    try:
        circuit = _circuit(call_learner(fn, Case(tuple(args)), "", time_limit_s), n_qubits, "", True)
        width = len(next(iter(expected)))
        mapping = _measured_qubits(circuit)
        if not mapping:
            raise Problem("Your circuit measures nothing: add measurements (qc.measure(qubit, bit)).")
        if circuit.num_clbits != width:
            raise Problem(f"Your circuit has {circuit.num_clbits} classical bits; this exercise reads {width}.")
        if measured_qubits is not None:
            for bit, qubit in enumerate(measured_qubits):
                if mapping.get(bit) != qubit:
                    got = "nothing" if bit not in mapping else f"qubit {mapping[bit]}"
                    raise Problem(
                        f"Your circuit measures the wrong qubit: classical bit {bit} holds {got}; "
                        f"it should hold qubit {qubit}."
                    )
        try:
            counts = run(circuit, shots=shots, seed=seed)
        except Exception as error:
            raise Problem(f"Your circuit could not be run: {describe_error(error)}") from None
        for outcome in sorted(set(expected) | set(counts)):
            p, seen = float(expected.get(outcome, 0.0)), counts.get(outcome, 0)
            allowed = sigmas * math.sqrt(max(p * (1 - p), 1e-12) / shots) + 1.0 / shots
            if abs(seen / shots - p) > allowed:
                raise Problem(
                    f"Outcome {outcome} came up in {seen / shots:.1%} of {shots} shots; it should come up with "
                    f"probability {p:.1%}. Your counts: {dict(sorted(counts.items()))}."
                )
    except Problem as problem:
        return verdict(key, str(problem), "", hint=hint, idea=idea)
    return verdict(key, None, f"On Aer, {shots} shots of your circuit match the expected probabilities.")
