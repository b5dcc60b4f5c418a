"""Notebook 00's warm-up check, and the naming of typical slips that the coding checks share
(:mod:`qinet.exercises.slips`): right passes, typical wrong fails with the physics named, nothing raises."""

from __future__ import annotations

import math

import pytest
from hostile import forever
from qiskit import QuantumCircuit

from qinet.exercises import Feedback, fiber, grading, sandbox, tries
from qinet.exercises.slips import Slip, name_slip


def test_loss_db_accepts_the_attenuation_times_the_length():
    assert fiber.check_loss_db(lambda length_km: 0.2 * length_km)


@pytest.mark.parametrize(
    ("wrong", "words"),
    [
        (lambda length_km: 10 ** (-0.2 * length_km / 10), "This looks like a transmittance"),
        (lambda length_km: -0.2 * length_km, "drop the minus sign"),
        (lambda length_km: 200 * length_km, "The length is already in km"),
        (lambda length_km: 0.0, "does it use its arguments?"),
    ],
    ids=["transmittance", "sign", "metres", "stub"],
)
def test_loss_db_names_the_slip(wrong, words):
    feedback = fiber.check_loss_db(wrong)
    assert not feedback and words in feedback.message, feedback.message


@pytest.mark.parametrize(
    "hostile",
    [
        None,
        "0.2 L",
        lambda *a: None,
        lambda *a: "dB",
        lambda *a: QuantumCircuit(1),
        lambda *a: 1 / 0,
        lambda *a: math.nan,
        lambda: 1.0,
        forever,
    ],
    ids=["None", "text", "returns None", "returns text", "circuit", "raises", "NaN", "no arguments", "loops"],
)
def test_loss_db_never_raises(hostile, monkeypatch):
    real = sandbox.call_with_limit
    capped = lambda fn, *a, time_limit_s=5.0, **k: real(fn, *a, time_limit_s=min(time_limit_s, 0.3), **k)  # noqa: E731
    for module in (tries, grading):
        monkeypatch.setattr(module, "call_with_limit", capped)
    monkeypatch.setattr("qinet.exercises.slips.call_with_limit", capped)
    feedback = fiber.check_loss_db(hostile)
    assert not feedback and feedback.message


def test_surviving_fraction_names_a_percentage():
    assert fiber.check_surviving_fraction(0.1) and fiber.check_surviving_fraction("10 %")
    assert "percentage" in fiber.check_surviving_fraction(10).message


DOUBLE = Slip(lambda x: 2 * x, "Twice.")
FAILED = Feedback(False, "For x = 1 your function returned 2; expected 1. (Change your code and run again.)")


def test_a_slip_is_named_before_the_retry_note_and_only_on_a_wrong_value():
    named = name_slip(FAILED, lambda x: 2 * x, [DOUBLE], [(1.0,), (3.0,)])
    assert named.message == "For x = 1 your function returned 2; expected 1. Twice. (Change your code and run again.)"
    assert name_slip(FAILED, lambda x: 3 * x, [DOUBLE], [(1.0,), (3.0,)]) == FAILED  # no slip fits
    assert name_slip(FAILED, lambda x: 2 * x if x < 2 else 0, [DOUBLE], [(1.0,), (3.0,)]) == FAILED
    right = Feedback(True, "Right.")
    assert name_slip(right, lambda x: 2 * x, [DOUBLE], [(1.0,)]) is right
    raised = Feedback(False, "Your function raised ZeroDivisionError for x = 1.")
    assert name_slip(raised, lambda x: 2 * x, [DOUBLE], [(1.0,)]) is raised


@pytest.mark.parametrize("learner", [None, "2x", lambda x: None, lambda x: "2", lambda x: 1 / 0, lambda x: math.nan])
def test_naming_a_slip_never_raises(learner):
    assert name_slip(FAILED, learner, [DOUBLE, Slip(lambda x: 1 / 0, "never")], [(1.0,)]) == FAILED
