"""Feedback for exercises: checks that tell a student how they did and never raise.

:class:`Feedback` is what every ``check_...`` function returns. :func:`check_number` compares a
number (and recognises unit slips: ms for s, degrees for radians, percent for a fraction, dB for a
transmittance, m for km), :func:`check_choice` a multiple-choice answer. Coding exercises are graded
by behaviour in :mod:`qinet.exercises.grading`, whose feedback escalates with each failed try:
first what failed, then a hint, then the idea.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from html import escape

from qinet._validate import WrongTypeError, number, one_of, text
from qinet.exercises.units import DIMENSIONLESS, describe_slip, parse_quantity

_GREEN, _RED = "#009E73", "#D55E00"


@dataclass(frozen=True)
class Feedback:
    """The verdict on one answer. Truthy when correct; shows itself as a coloured block.

    ``message`` says what happened; ``hint`` and ``idea`` are shown only when the grader decided the
    learner has tried often enough to need them (``tries`` counts the failed tries so far).

    Examples
    --------
    >>> Feedback(False, "Your circuit prepares |00⟩.", hint="Ψ⁻ has both qubits different.", tries=2)
    ✗ Not yet. Your circuit prepares |00⟩.
    Hint: Ψ⁻ has both qubits different.
    """

    correct: bool
    message: str
    hint: str = ""
    idea: str = ""
    tries: int = 0

    def __bool__(self) -> bool:
        return self.correct

    def _lines(self) -> list[tuple[str, str]]:
        lines = [("Hint", self.hint), ("The idea", self.idea)]
        return [(label, text) for label, text in lines if text]

    def __repr__(self) -> str:
        head = ("✓ Correct! " if self.correct else "✗ Not yet. ") + self.message
        return "\n".join([head] + [f"{label}: {text}" for label, text in self._lines()])

    def _repr_html_(self) -> str:
        colour = _GREEN if self.correct else _RED
        mark = "✓ Correct!" if self.correct else "✗ Not yet."
        rows = "".join(f"<div><b>{label}:</b> {escape(text)}</div>" for label, text in self._lines())
        return f'<div style="color:{colour}"><b>{mark}</b> {escape(self.message)}{rows}</div>'


NOT_ANSWERED = Feedback(False, "Replace the `None` (or `...`) with your answer, then run the cell again.")


def _as_number(answer: object, unit: str) -> float | Feedback:
    if isinstance(answer, str):
        parsed = parse_quantity(answer, unit)
        if parsed is None:
            return Feedback(False, f"Your answer should be a number, not the text {answer!r}.")
        return parsed
    if isinstance(answer, bool):
        return Feedback(False, f"Your answer should be a number, not {answer!r}.")
    try:
        return float(answer)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return Feedback(False, f"Your answer should be a number, not {type(answer).__name__} {answer!r:.60}.")


def check_number(
    answer: object, expected: float, *, rtol: float = 0.01, atol: float = 0.0, hint: str = "", unit: str = ""
) -> Feedback:
    """Compare a numeric ``answer`` with ``expected`` (relative tolerance ``rtol``, absolute ``atol``).

    ``unit`` is the unit the exercise asks for (``"ms"``, ``"km"``, ``"rad"``, ``"dB"``, ``"%"``; a
    plain fraction or probability is ``""``, ``"fraction"`` or ``"transmittance"``). A wrong answer
    that is the right one in another unit, or after a typical slip (percent for a fraction, dB for a
    transmittance, a flipped sign, ln for log₂), is named as that slip; otherwise the feedback says
    whether it is too large or too small. Text with a unit (``"0.49 ms"``) is converted.

    Examples
    --------
    >>> check_number(0.49, 0.4897, unit="ms")
    ✓ Correct! 0.49 ms is right.
    >>> check_number(489.7, 0.4897, unit="ms")
    ✗ Not yet. 489.7 ms: this looks like the answer in microseconds, not in milliseconds: convert it to ms.
    >>> check_number(0.02, 0.01, hint="Think in dB.")
    ✗ Not yet. 0.02 is too large. Think in dB.
    """
    expected = float(number("expected", expected))
    rtol, atol = float(number("rtol", rtol, 0.0, 1.0)), float(number("atol", atol, 0.0))
    hint, unit = text("hint", hint), text("unit", unit)
    if answer is None or answer is Ellipsis:
        return NOT_ANSWERED
    value = _as_number(answer, unit)
    if isinstance(value, Feedback):
        return value
    if not math.isfinite(value):
        return Feedback(False, f"Your answer {value} is not a finite number.")
    suffix = f" {unit}" if unit not in DIMENSIONLESS else ""
    if math.isclose(value, expected, rel_tol=rtol, abs_tol=atol):
        return Feedback(True, f"{value:.4g}{suffix} is right.")
    slip = describe_slip(value, expected, unit, rtol=rtol, atol=atol)
    if slip:
        return Feedback(False, f"{value:.4g}{suffix}: {slip[0].lower()}{slip[1:]} {hint}".strip())
    direction = "too large" if value > expected else "too small"
    return Feedback(False, f"{value:.4g}{suffix} is {direction}. {hint}".strip())


def check_choice(answer: object, expected: str, options: dict[str, str]) -> Feedback:
    """Check a multiple-choice ``answer`` (a key of ``options``); explain the chosen option.

    Examples
    --------
    >>> check_choice("B", "b", {"a": "No.", "b": "Yes."})
    ✓ Correct! Yes.
    """
    if not isinstance(options, Mapping) or not options:
        raise WrongTypeError(f"options must be a non-empty dict of choice → explanation, got {options!r:.60}")
    for key, why in options.items():
        text("options' keys", key)
        text(f"options[{key!r}]", why)
    expected = one_of("expected", expected, options)
    if answer is None or answer is Ellipsis:
        return NOT_ANSWERED
    key = str(answer).strip().lower()
    if key not in options:
        return Feedback(False, f"Choose one of {', '.join(map(repr, options))}; got {answer!r:.60}.")
    return Feedback(key == expected, options[key])
