"""What a hostile or confused learner hands to an exercise checker: the checker must answer each with falsy
feedback and never raise (``tests/test_exercises_*.py``)."""

from __future__ import annotations

from qiskit import QuantumCircuit


def forever(*_args: object, **_kwargs: object) -> None:
    """A learner's function with an endless loop (the checker's time limit must stop it)."""
    while True:
        pass


def raises(*_args: object, **_kwargs: object) -> None:
    """A learner's function that raises."""
    raise ZeroDivisionError("division by zero")


#: Not a function, or a function that returns nonsense, raises or never returns.
HOSTILE: dict[str, object] = {
    "None": None,
    "text": "qc",
    "returns None": lambda *a, **k: None,
    "returns text": lambda *a, **k: "qc",
    "returns NaN": lambda *a, **k: float("nan"),
    "raises": raises,
    "loops forever": forever,
    "returns a circuit": lambda *a, **k: QuantumCircuit(5),
}
