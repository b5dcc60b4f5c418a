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

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from qiskit import QuantumCircuit

from qinet._validate import WrongTypeError, function, number, positive_int, text
from qinet._validate import seed as _seed
from qinet.exercises.circuit_grading import MAX_OPERATIONS as MAX_OPERATIONS
from qinet.exercises.circuit_grading import MAX_QUBITS as MAX_QUBITS
from qinet.exercises.circuit_grading import MAX_SHOTS as MAX_SHOTS
from qinet.exercises.circuit_grading import grade_measurement_circuit as grade_measurement_circuit
from qinet.exercises.circuit_grading import grade_state_preparation as grade_state_preparation
from qinet.exercises.circuit_grading import grade_unitary_action as grade_unitary_action
from qinet.exercises.feedback import Feedback
from qinet.exercises.sandbox import MAX_TIME_LIMIT_S, call_with_limit, describe_error
from qinet.exercises.tries import Case as Case
from qinet.exercises.tries import Problem, call_learner, draw_cases, exercise_key, verdict, where_text
from qinet.exercises.tries import case as case
from qinet.exercises.tries import reset_tries as reset_tries
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


def _number(value: Any, where: str) -> np.ndarray:
    if value is None:
        raise Problem(f"Your function returned None{where}: did you forget `return`?")
    if isinstance(value, (str, bytes, dict, QuantumCircuit)):
        raise Problem(f"Your function returned a {type(value).__name__}{where}; it should return a number.")
    if np.iscomplexobj(value):
        if not np.allclose(np.imag(value), 0, atol=1e-9):
            raise Problem(
                f"Your function returned the complex number {complex(np.ravel(value)[0]):.3g}{where}; the answer "
                "is real (a probability or an expectation value: check the complex conjugates)."
            )
        value = np.real(value)
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise Problem(f"Your function returned {type(value).__name__}{where}; it should return a number.") from None
    if not np.all(np.isfinite(array)):
        raise Problem(f"Your function returned {value!r:.60}{where}, which is not a finite number.")
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
    reference = function("reference", reference, "the reference function")
    rtol, atol, time_limit_s = _tolerances(rtol, atol, time_limit_s)
    unit = text("unit", unit)
    key = exercise_key(key, hint, idea, fn)
    items = draw_cases(cases, random_cases, n_random, seed)
    answers, wants, mismatch = [], [], ""
    try:
        for item in items:
            where = where_text(reference, item)
            value = _number(call_learner(fn, item, where, time_limit_s), where)
            want = np.asarray(reference(*item.args, **item.kwargs), dtype=float)
            answers.append(value)
            wants.append(want)
            if value.shape != want.shape and value.size != 1:
                raise Problem(f"Your function returned an array of shape {value.shape}{where}; expected {want.shape}.")
            if not mismatch and not np.allclose(value, want, rtol=rtol, atol=atol):
                scalar = value.size == 1 and want.size == 1
                got_text, want_text = (f"{float(value):.4g}", f"{float(want):.4g}") if scalar else (value, want)
                mismatch = f"For {where[5:]} your function returned {got_text}; expected {want_text}."
                slip = describe_slip(float(value), float(want), unit, rtol=max(rtol, 1e-3), atol=atol) if scalar else ""
                mismatch += f" {slip}" if slip else ""
                mismatch += f" Remember: {item.why}." if item.why else ""
        scalars = [float(a) for a in answers if a.size == 1]
        if mismatch and len(scalars) == len(items) >= 3 and np.ptp(scalars) == 0 and np.ptp(np.ravel(wants)) > 0:
            raise Problem(
                "Your function returns the same value for every input: does it use its arguments? " + mismatch
            )
        if mismatch:
            raise Problem(mismatch)
    except Problem as problem:
        return verdict(key, str(problem), "", hint=hint, idea=idea)
    return verdict(key, None, f"Your function agrees with the reference on all {len(items)} inputs, limits included.")


def _tolerances(rtol: float, atol: float, time_limit_s: float) -> tuple[float, float, float]:
    """A grader's ``rtol`` (in [0, 1]), ``atol`` (≥ 0) and ``time_limit_s`` (in (0, 60]), checked."""
    return (
        float(number("rtol", rtol, 0.0, 1.0)),
        float(number("atol", atol, 0.0)),
        float(number("time_limit_s", time_limit_s, 0.0, MAX_TIME_LIMIT_S, low_open=True)),
    )


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
    reference = function("reference", reference, "the reference function")
    rtol, atol, time_limit_s = _tolerances(rtol, atol, time_limit_s)
    n_bits = positive_int("n_bits", n_bits, maximum=8)
    n_counts = positive_int("n_counts", n_counts, maximum=4)
    n_random = positive_int("n_random", n_random, minimum=0, maximum=30)
    if not isinstance(cases, (list, tuple)) or not all(
        isinstance(c, (list, tuple)) and all(isinstance(d, dict) for d in c) for c in cases
    ):
        raise WrongTypeError(f"cases must be a list of tuples of counts dicts, got {cases!r:.60}")
    key = exercise_key(key, hint, idea, fn)
    rng = np.random.default_rng(_seed(seed))
    kinds = ["all outcomes", "some missing", "one outcome"]
    items = [tuple(c) for c in cases] + [
        tuple(_random_counts(rng, n_bits, kinds[i % 3]) for _ in range(n_counts)) for i in range(n_random)
    ]
    try:
        for counts in items:
            where = f" for counts {_show_counts(counts)}"
            outcome = call_with_limit(fn, *[dict(c) for c in counts], time_limit_s=time_limit_s)
            if outcome.timed_out:
                raise Problem(f"Your function did not finish within {time_limit_s:g} s{where} (an endless loop?).")
            if isinstance(outcome.error, KeyError):
                raise Problem(
                    f"Your function raised {describe_error(outcome.error)}{where}: outcomes that never occurred are "
                    "missing from a counts dict, so read them with counts.get(outcome, 0)."
                )
            if outcome.error is not None:
                raise Problem(f"Your function raised {describe_error(outcome.error)}{where}.")
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
                raise Problem(text)
    except Problem as problem:
        return verdict(key, str(problem), "", hint=hint, idea=idea)
    return verdict(
        key, None, f"Your function agrees with the reference on {len(items)} sets of counts, missing outcomes included."
    )
