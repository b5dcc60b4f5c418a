"""Name the physics of a wrong answer: compare a learner's function with known wrong versions of the formula.

A grader of :mod:`qinet.exercises.grading` says *where* a function is wrong ("for L = 50 km your function
returned 0.49; expected 4.9"). Many wrong functions are a typical slip of the physics: a round trip where a
one-way trip was meant, the ½ of a linear-optics Bell measurement forgotten, rounds that were kept only when
both photons arrived. :func:`name_slip` recognises such a slip by calling the learner's function again on a
few probes and comparing it with each :class:`Slip`'s version of the formula, and adds what the slip says to
the grader's feedback. It never raises, and it changes only feedback that is already a failure.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from qinet._validate import WrongTypeError, instance, number, text
from qinet.exercises.feedback import Feedback
from qinet.exercises.sandbox import MAX_TIME_LIMIT_S, call_with_limit
from qinet.exercises.tries import Case, as_case

#: The sentence a failed try ends with until the hint is shown (see :func:`qinet.exercises.tries.verdict`).
_RETRY = " (Change your code"


@dataclass(frozen=True)
class Slip:
    """A typical mistake: ``wrong`` computes what a function with this mistake returns, ``says`` explains it."""

    wrong: Callable[..., Any]
    says: str


def _values(fn: Callable[..., Any], probes: Sequence[Case], time_limit_s: float) -> np.ndarray | None:
    values = []
    for probe in probes:
        outcome = call_with_limit(fn, *probe.args, time_limit_s=time_limit_s, **probe.kwargs)
        if not outcome.ok or isinstance(outcome.value, (str, bytes, bool)):
            return None
        try:
            value = float(outcome.value)
        except (TypeError, ValueError, OverflowError):
            return None
        if not np.isfinite(value):
            return None
        values.append(value)
    return np.asarray(values)


def with_sentence(feedback: Feedback, sentence: str) -> Feedback:
    """``feedback`` with ``sentence`` added to the end of what went wrong (before any "change your code" note).

    Examples
    --------
    >>> fb = Feedback(False, "For L = 50 your function returned 2; expected 1. (Change your code and run again.)")
    >>> print(with_sentence(fb, "A round trip is twice the one-way trip.").message)  # doctest: +ELLIPSIS
    For L = 50 your function returned 2; expected 1. A round trip is twice the one-way trip. (Change your code ...
    """
    feedback = instance("feedback", feedback, Feedback, "a Feedback")
    sentence = text("sentence", sentence)
    head, retry, tail = feedback.message.partition(_RETRY)
    return replace(feedback, message=f"{head.rstrip()} {sentence}{retry}{tail}")


def name_slip(
    feedback: Feedback,
    fn: Callable[..., Any],
    slips: Sequence[Slip],
    probes: Sequence[Case | tuple],
    *,
    rtol: float = 1e-6,
    atol: float = 0.0,
    time_limit_s: float = 2.0,
) -> Feedback:
    """Add to a failed ``feedback`` what the first slip does that ``fn`` matches on every probe.

    ``fn`` is called on each probe (a :func:`~qinet.exercises.grading.case` or a tuple of arguments) under
    a time limit; if it agrees with a slip's ``wrong`` within ``rtol``/``atol`` everywhere, that slip's
    ``says`` is added. Only feedback that reports a wrong value (the graders' "...; expected ...") is
    changed: correct feedback, a function that raised, returned no number or fails on a probe, and no
    match leave ``feedback`` as it was.

    Examples
    --------
    >>> fb = Feedback(False, "For L = 50 km your function returned 0.5; expected 0.25.")
    >>> round_trip = Slip(lambda length_km: length_km / 100, "A round trip is twice the one-way time.")
    >>> print(name_slip(fb, lambda length_km: length_km / 100, [round_trip], [(50.0,), (10.0,)]).message)
    For L = 50 km your function returned 0.5; expected 0.25. A round trip is twice the one-way time.
    """
    feedback = instance("feedback", feedback, Feedback, "a Feedback")
    if not isinstance(slips, (list, tuple)) or not all(isinstance(slip, Slip) for slip in slips):
        raise WrongTypeError(f"slips must be a list of Slip, got {slips!r:.60}")
    if not isinstance(probes, (list, tuple)) or not probes:
        raise WrongTypeError(f"probes must be a non-empty list of cases or argument tuples, got {probes!r:.60}")
    rtol, atol = float(number("rtol", rtol, 0.0, 1.0)), float(number("atol", atol, 0.0))
    time_limit_s = float(number("time_limit_s", time_limit_s, 0.0, MAX_TIME_LIMIT_S, low_open=True))
    if feedback.correct or not slips or "; expected " not in feedback.message:
        return feedback
    cases = [as_case(p) for p in probes]
    got = _values(fn, cases, time_limit_s)
    if got is None:
        return feedback
    for slip in slips:
        try:
            wanted = np.asarray([float(slip.wrong(*c.args, **c.kwargs)) for c in cases])
        except (ArithmeticError, ValueError, TypeError):
            continue
        if np.all(np.isfinite(wanted)) and np.allclose(got, wanted, rtol=rtol, atol=atol):
            return with_sentence(feedback, slip.says)
    return feedback
