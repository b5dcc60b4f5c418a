"""Notebook 08's coding exercises: every check accepts a right solution, rejects typical wrong ones with
feedback that names the physics, and returns falsy feedback without raising on hostile input."""

from __future__ import annotations

import math

import hostile
import numpy as np
import pytest

from qinet import e91
from qinet.bounds import binary_entropy
from qinet.exercises import trusted


@pytest.fixture(autouse=True)
def _short_time_limit(monkeypatch):
    monkeypatch.setattr(trusted, "TIME_LIMIT_S", 0.3)


HOSTILE = hostile.HOSTILE
CODING = [trusted.check_e91_key_qber, trusted.check_di_key_rate]


@pytest.mark.parametrize("check", CODING, ids=lambda c: c.__name__)
@pytest.mark.parametrize("hostile", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_input_gives_falsy_feedback_without_raising(check, hostile):
    feedback = check(hostile)
    assert not feedback and feedback.message


# --- the E91 key rounds -----------------------------------------------------------------------------------------


def key_qber(alice_settings, bob_settings, alice_bits, bob_bits):
    key = ((alice_settings == 1) & (bob_settings == 0)) | ((alice_settings == 2) & (bob_settings == 1))
    return np.mean(alice_bits[key] != bob_bits[key])


def key_qber_by_angles(alice_settings, bob_settings, alice_bits, bob_bits):
    same = np.isclose(np.take(e91.ALICE_ANGLES, alice_settings), np.take(e91.BOB_ANGLES, bob_settings))
    return np.mean(alice_bits[same] != bob_bits[same])


def masked(alice_settings, bob_settings, alice_bits, bob_bits, key):
    return np.mean(alice_bits[key] != bob_bits[key]) if key.any() else 0.0


@pytest.mark.parametrize("right", [key_qber, key_qber_by_angles])
def test_e91_key_qber_accepts_right_solutions(right):
    assert trusted.check_e91_key_qber(right)


@pytest.mark.parametrize(
    "wrong, says",
    [
        (lambda a, b, x, y: masked(a, b, x, y, np.zeros(len(x), bool)), ["same value for every input"]),  # the stub
        (lambda a, b, x, y: masked(a, b, x, y, a == b), ["expected 0.25", "whatever their indices"]),
        (lambda a, b, x, y: masked(a, b, x, y, (a == 1) & (b == 0)), ["both pairs of equal angles"]),
        (lambda a, b, x, y: np.mean(x != y), ["returned 0.5; expected 0", "45° apart", "CHSH test"]),
        (
            lambda a, b, x, y: np.sum((x != y) & (((a == 1) & (b == 0)) | ((a == 2) & (b == 1)))) / len(x),
            ["returned 0.25; expected 0.5", "fraction of the key rounds"],
        ),
    ],
    ids=["stub", "same index", "one key setting only", "no sifting", "divides by all rounds"],
)
def test_e91_key_qber_names_the_slip(wrong, says):
    feedback = trusted.check_e91_key_qber(wrong)
    assert not feedback
    for words in says:
        assert words in feedback.message


def test_e91_key_rounds_follow_the_module_angles():
    # the key settings are exactly the pairs of equal angles, so the check's rounds match qinet.e91
    equal = {(a, b) for a in range(3) for b in range(3) if math.isclose(e91.ALICE_ANGLES[a], e91.BOB_ANGLES[b])}
    assert equal == set(e91.KEY_SETTINGS)


# --- the device-independent key rate ----------------------------------------------------------------------------


def di_rate(chsh, qber):
    if chsh <= 2:
        return 0.0
    eve = binary_entropy((1 + math.sqrt((chsh / 2) ** 2 - 1)) / 2)
    return max(0.0, 1 - binary_entropy(qber) - eve)


def di_rate_numpy(chsh, qber):
    x = (1 + np.sqrt(np.maximum((chsh / 2) ** 2 - 1, 0))) / 2
    return np.where(chsh > 2, np.maximum(0, 1 - binary_entropy(qber) - binary_entropy(x)), 0.0)


@pytest.mark.parametrize("right", [di_rate, di_rate_numpy])
def test_di_key_rate_accepts_right_solutions(right):
    assert trusted.check_di_key_rate(right)


def no_guard(chsh, qber):
    return max(0.0, 1 - binary_entropy(qber) - binary_entropy((1 + math.sqrt((chsh / 2) ** 2 - 1)) / 2))


def no_floor(chsh, qber):
    return 0.0 if chsh <= 2 else 1 - binary_entropy(qber) - binary_entropy((1 + math.sqrt((chsh / 2) ** 2 - 1)) / 2)


@pytest.mark.parametrize(
    "wrong, says",
    [
        (lambda chsh, qber: 1 - 2 * binary_entropy(qber), ["returned 1; expected 0.9707", "second h is not 0"]),
        (no_guard, ["raised ValueError", "chsh = 1.8", "no Bell violation, no key"]),
        (no_floor, ["returned -0.1551", "never negative"]),
        (lambda chsh, qber: 100 * di_rate(chsh, qber), ["percentage"]),
    ],
    ids=["stub: BB84's fraction", "no check of S", "negative rate", "percent"],
)
def test_di_key_rate_names_the_slip(wrong, says):
    feedback = trusted.check_di_key_rate(wrong)
    assert not feedback
    for words in says:
        assert words in feedback.message


def test_di_key_rate_hints_escalate_without_the_solution():
    tries = [trusted.check_di_key_rate(no_floor) for _ in range(3)]
    assert [bool(t.hint) for t in tries] == [False, True, True]
    assert [bool(t.idea) for t in tries] == [False, False, True]
    assert "def " not in tries[-1].idea and "binary_entropy(" not in tries[-1].idea
