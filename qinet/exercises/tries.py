"""What every behavioural grader shares: test cases, and feedback that escalates with each failed try.

A learner who fails an exercise sees, on the first try, only what went wrong; on the second try a
hint as well; from the third on, the idea of the solution (never the solution itself). A success
resets the count. Tries are counted per exercise ``key`` for the life of the kernel.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from qinet._validate import WrongTypeError, function, instance, number, positive_int, text
from qinet._validate import seed as _seed
from qinet.exercises.feedback import Feedback
from qinet.exercises.sandbox import MAX_TIME_LIMIT_S, call_with_limit, describe_error

#: Most random cases a grader draws (each runs the learner's code once).
MAX_RANDOM_CASES = 50

_FAILED_TRIES: dict[str, int] = {}

#: On which failed try the hint, then the idea, are first shown.
HINT_FROM, IDEA_FROM = 2, 3


@dataclass(frozen=True)
class Case:
    """One input for a learner's function: positional ``args``, keyword ``kwargs``, and ``why`` it
    matters, said in physics when the learner gets it wrong ("at 0 km the rate is the source rate")."""

    args: tuple = ()
    kwargs: dict[str, Any] = field(default_factory=dict)
    why: str = ""


def case(*args: Any, why: str = "", **kwargs: Any) -> Case:
    """A :class:`Case`: ``case(0.0, why="at 0 km your rate should equal the source rate")``.

    Examples
    --------
    >>> case(0.0, p=1.0, why="no loss").kwargs
    {'p': 1.0}
    """
    return Case(tuple(args), dict(kwargs), text("why", why))


def as_case(item: Case | tuple | Any) -> Case:
    """A Case from a Case, a tuple of positional arguments, or a single argument."""
    if isinstance(item, Case):
        return item
    return Case(tuple(item)) if isinstance(item, tuple) else Case((item,))


def draw_cases(
    cases: Any, random_cases: Callable[[np.random.Generator], Any] | None, n_random: int, seed: int | None
) -> list[Case]:
    """The fixed ``cases`` (a list or tuple), then ``n_random`` (0 to 50) fresh ones from ``random_cases(rng)``."""
    if not isinstance(cases, (list, tuple)):
        raise WrongTypeError(f"cases must be a list of cases or argument tuples, got {cases!r:.60}")
    fixed = [as_case(c) for c in cases]
    n_random = positive_int("n_random", n_random, minimum=0, maximum=MAX_RANDOM_CASES)
    seed = _seed(seed)
    if random_cases is None:
        return fixed
    random_cases = function("random_cases", random_cases, "None or a function of a numpy Generator")
    rng = np.random.default_rng(seed)
    return fixed + [as_case(random_cases(rng)) for _ in range(n_random)]


def _show(value: Any) -> str:
    if isinstance(value, (float, np.floating)):
        return f"{float(value):.4g}"
    if isinstance(value, (complex, np.complexfloating)):
        return f"{complex(value):.3g}"
    if isinstance(value, np.ndarray):
        if value.size > 4:
            return f"a {'×'.join(map(str, value.shape))} array"
        return np.array2string(value, precision=3, separator=", ", max_line_width=200)
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def describe_args(reference: Callable[..., Any] | None, item: Case) -> str:
    """``"length_km = 50, p = 0.1"``: a case's arguments named after ``reference``'s parameters.

    Examples
    --------
    >>> def rate(length_km, efficiency=1.0): ...
    >>> describe_args(rate, case(50.0, efficiency=0.5))
    'length_km = 50, efficiency = 0.5'
    """
    if reference is not None:
        function("reference", reference, "None or the reference function")
    item = instance("item", item, Case, "a Case (qinet.exercises.grading.case(...))")
    names: list[str] = []
    try:
        names = [
            p.name
            for p in inspect.signature(reference).parameters.values()  # type: ignore[arg-type]
            if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
        ]
    except (TypeError, ValueError):
        pass
    parts = [f"{names[i]} = {_show(v)}" if i < len(names) else _show(v) for i, v in enumerate(item.args)] + [
        f"{k} = {_show(v)}" for k, v in item.kwargs.items()
    ]
    return ", ".join(parts)


def exercise_key(key: str | None, hint: str, idea: str, fn: object) -> str:
    """The key tries are counted under: ``key``, else the hint and idea texts, else the function's name."""
    chosen, hint, idea = text("key", key, optional=True), text("hint", hint), text("idea", idea)
    if chosen:
        return chosen
    return hint + "|" + idea if hint or idea else str(getattr(fn, "__name__", "exercise"))


def verdict(key: str, problem: str | None, success: str, *, hint: str = "", idea: str = "") -> Feedback:
    """Feedback for one try: success (resets the count) or ``problem`` with the hint and idea by tier.

    Examples
    --------
    >>> reset_tries()
    >>> [verdict("demo", "Wrong.", "", hint="H then CNOT.", idea="Φ⁺ is H and CNOT.").hint for _ in range(3)]
    ['', 'H then CNOT.', 'H then CNOT.']
    >>> verdict("demo", None, "Right.")
    ✓ Correct! Right.
    """
    key, problem, success = text("key", key), text("problem", problem, optional=True), text("success", success)
    hint, idea = text("hint", hint), text("idea", idea)
    if problem is None:
        _FAILED_TRIES.pop(key, None)
        return Feedback(True, success)
    tries = _FAILED_TRIES[key] = _FAILED_TRIES.get(key, 0) + 1
    message = problem
    if tries < HINT_FROM and hint:
        message += " (Change your code and run the check again: a hint follows if it still fails.)"
    return Feedback(
        False,
        message,
        hint=hint if tries >= HINT_FROM else "",
        idea=idea if tries >= IDEA_FROM else "",
        tries=tries,
    )


def reset_tries(key: str | None = None) -> None:
    """Forget the failed tries of exercise ``key`` (of every exercise when None)."""
    chosen = text("key", key, optional=True)
    if chosen is None:
        _FAILED_TRIES.clear()
    else:
        _FAILED_TRIES.pop(chosen, None)


class Problem(ValueError):
    """What went wrong, in words for the learner; a grader catches it and turns it into feedback.

    A ``ValueError``, so that a helper handed no function at all refuses it as any bad value is refused."""


def call_learner(fn: Callable[..., Any], item: Case, where: str, time_limit_s: float) -> Any:
    """Call the learner's ``fn`` on ``item`` under the time limit; raise :class:`Problem` if it fails."""
    item = instance("item", item, Case, "a Case (qinet.exercises.grading.case(...))")
    where = text("where", where)
    time_limit_s = float(number("time_limit_s", time_limit_s, 0.0, MAX_TIME_LIMIT_S, low_open=True))
    if not callable(fn):
        raise Problem(
            f"What was given to check (fn) is {fn!r:.40}, not a function: "
            "pass the function itself, its name without ()."
        )
    outcome = call_with_limit(fn, *item.args, time_limit_s=time_limit_s, **item.kwargs)
    if outcome.timed_out:
        raise Problem(f"Your function did not finish within {time_limit_s:g} s{where} (an endless loop?).")
    if outcome.error is not None:
        raise Problem(f"Your function raised {describe_error(outcome.error)}{where}.")
    return outcome.value


def where_text(reference: Callable[..., Any] | None, item: Case) -> str:
    """``" for length_km = 50"`` (empty when the case has no arguments)."""
    text = describe_args(reference, item)
    return f" for {text}" if text else ""
