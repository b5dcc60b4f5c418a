"""Helpers the exercise checks share to call a learner's function (not learner-facing: the checks are the doors)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import numpy as np

from qinet.exercises.feedback import Feedback
from qinet.exercises.grading import Case, case  # noqa: F401  (case: used in the examples)
from qinet.exercises.tries import describe_args


def on_copies(fn: Any) -> Any:
    """The learner's ``fn`` called on copies of its array arguments, so that it cannot change the inputs the
    reference then sees (a non-callable is passed through, for the grader to explain).

    Examples
    --------
    >>> bits = np.zeros(3, dtype=np.uint8)
    >>> on_copies(lambda b: b.fill(1))(bits), bits.tolist()
    (None, [0, 0, 0])
    """
    if not callable(fn):
        return fn

    def call(*args: Any) -> Any:
        return fn(*(np.array(a) if isinstance(a, np.ndarray) else a for a in args))

    return call


def with_reasons(feedback: Feedback, reference: Callable[..., Any], cases: list[Case]) -> Feedback:
    """``feedback`` with the ``why`` of the case it names appended, when the learner's function raised or returned
    something that is not a number there (the grader adds the why only to wrong values).

    Examples
    --------
    >>> fb = Feedback(False, "Your function raised ValueError: math domain error for x = 0.")
    >>> print(with_reasons(fb, lambda x: x, [case(0.0, why="h(0) = 0")]).message)
    Your function raised ValueError: math domain error for x = 0. Remember: h(0) = 0.
    """
    if feedback.correct or "Remember:" in feedback.message:
        return feedback
    message, _, later = feedback.message.partition(" (Change your code")
    for item in cases:
        if item.why and f" for {describe_args(reference, item)}" in message:
            reason = f"{message} Remember: {item.why}."
            return replace(feedback, message=reason + (f" (Change your code{later}" if later else ""))
    return feedback
