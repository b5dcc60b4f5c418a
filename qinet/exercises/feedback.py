"""Feedback for exercises: checks that tell a student how they did and never raise."""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class Feedback:
    """The verdict on one answer. Truthy when correct; shows itself as a coloured line."""

    correct: bool
    message: str

    def __bool__(self) -> bool:
        return self.correct

    def __repr__(self) -> str:
        return ("✓ Correct! " if self.correct else "✗ Not yet. ") + self.message

    def _repr_html_(self) -> str:
        colour = "#009E73" if self.correct else "#D55E00"
        mark = "✓ Correct!" if self.correct else "✗ Not yet."
        return f'<div style="color:{colour}"><b>{mark}</b> {escape(self.message)}</div>'


NOT_ANSWERED = Feedback(False, "Replace the `None` (or `...`) with your answer, then run the cell again.")


def check_number(
    answer: object, expected: float, *, rtol: float = 0.01, atol: float = 0.0, hint: str = "", unit: str = ""
) -> Feedback:
    """Compare a numeric ``answer`` with ``expected`` (relative tolerance ``rtol``)."""
    if answer is None or answer is Ellipsis:
        return NOT_ANSWERED
    try:
        value = float(answer)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):  # OverflowError: an int beyond any float, e.g. 10**400
        return Feedback(False, f"Your answer should be a number, not {type(answer).__name__} {answer!r}.")
    if not math.isfinite(value):
        return Feedback(False, f"Your answer {value} is not a finite number.")
    suffix = f" {unit}" if unit else ""
    if math.isclose(value, expected, rel_tol=rtol, abs_tol=atol):
        return Feedback(True, f"{value:.4g}{suffix} is right.")
    direction = "too large" if value > expected else "too small"
    return Feedback(False, f"{value:.4g}{suffix} is {direction}. {hint}".strip())


def check_choice(answer: object, expected: str, options: dict[str, str]) -> Feedback:
    """Check a multiple-choice ``answer`` (a key of ``options``); explain the chosen option."""
    if answer is None or answer is Ellipsis:
        return NOT_ANSWERED
    key = str(answer).strip().lower()
    if key not in options:
        return Feedback(False, f"Choose one of {', '.join(map(repr, options))}; got {answer!r}.")
    return Feedback(key == expected, options[key])
