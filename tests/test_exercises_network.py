"""Notebook 13's exercise checks: right answers pass, typical wrong ones fail with feedback that names the
physics they got wrong, and nothing a learner passes makes a check raise."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hostile import forever
from qiskit import QuantumCircuit

from qinet.exercises import network

SPEED_KM_S = 299_792.458 / 1.468


# --- exercise 1: the mean wait of one double-click link ------------------------------------------------


def learner_wait(*, attempt="one way", half=True, loss="both", km_per_s=SPEED_KM_S):
    """A learner's link wait with optional slips."""

    def wait(length_km):
        attempt_s = (2 if attempt == "round trip" else 1) * length_km / km_per_s
        crossed = length_km / 2 if loss == "one photon" else length_km
        exponent = -0.2 * crossed if loss == "no /10" else -0.2 * crossed / 10
        p = (0.5 if half else 1.0) * 10**exponent
        return attempt_s / (1.0 if loss == "none" else p)

    return wait


def test_link_wait_accepts_the_physics():
    assert network.check_link_wait(learner_wait())
    assert network.check_link_wait(network.link_wait_s)


@pytest.mark.parametrize(
    ("slip", "words"),
    [
        ({"attempt": "round trip"}, "not the round trip 2L/v"),
        ({"half": False}, "p = ½ η(L)"),
        ({"loss": "one photon"}, "η(L/2) · η(L/2) = η(L)"),
        ({"loss": "no /10"}, "the /10 turns decibels"),
        ({"loss": "none"}, "a link needs 1/p attempts"),
        ({"km_per_s": SPEED_KM_S * 1e3}, "299,792.458 km/s"),
    ],
    ids=["round trip", "no ½", "one photon", "no /10", "no loss", "m/s"],
)
def test_link_wait_names_the_slip(slip, words):
    feedback = network.check_link_wait(learner_wait(**slip))
    assert not feedback and words in feedback.message, feedback.message
    assert feedback.message.startswith("For length_km = 0.5 your function returned")


def test_link_wait_names_milliseconds_and_escalates_its_hints():
    in_ms = network.check_link_wait(lambda length_km: 1e3 * network.link_wait_s(length_km))
    assert not in_ms and "in milliseconds, not in seconds" in in_ms.message
    second = network.check_link_wait(lambda length_km: 1e3 * network.link_wait_s(length_km))
    third = network.check_link_wait(lambda length_km: 1e3 * network.link_wait_s(length_km))
    assert not in_ms.hint and "L/v" in second.hint and not second.idea and "geometric" in third.idea


# --- exercise 2: the wait of a chain of unequal links, by Monte Carlo ---------------------------------


def chain_up_s(p, period_s, rng):
    return max(t * rng.geometric(q) for q, t in zip(p, period_s, strict=True))


def test_chain_wait_accepts_the_maximum_of_the_links_times():
    assert network.check_chain_wait(chain_up_s, samples=4000, seed=3)
    vectorised = lambda p, period_s, rng: float(np.max(np.array(period_s) * rng.geometric(p)))  # noqa: E731
    assert network.check_chain_wait(vectorised, samples=4000, seed=4)


@pytest.mark.parametrize(
    ("wrong", "words"),
    [
        (lambda p, t, rng: min(ti * rng.geometric(q) for q, ti in zip(p, t, strict=True)), "the minimum"),
        (lambda p, t, rng: sum(ti * rng.geometric(q) for q, ti in zip(p, t, strict=True)), "in parallel"),
        (lambda p, t, rng: t[0] * rng.geometric(p[0]), "one link alone"),
        (lambda p, t, rng: max(rng.geometric(q) for q in p), "a number of attempts, not a time"),
        (lambda p, t, rng: max(ti / q for q, ti in zip(p, t, strict=True)), "the same value every time"),
        (lambda p, t, rng: max(ti * (rng.geometric(q) - 1) for q, ti in zip(p, t, strict=True)), "at least one"),
    ],
    ids=["minimum", "sum", "one link", "rounds", "mean waits", "from zero"],
)
def test_chain_wait_names_what_the_samples_estimate(wrong, words):
    feedback = network.check_chain_wait(wrong, samples=4000, seed=5)
    assert not feedback and words in feedback.message, feedback.message
    assert "your samples average" in feedback.message


def test_chain_wait_says_what_a_sample_was():
    none = network.check_chain_wait(lambda p, t, rng: None, samples=100)
    assert not none and "returned None" in none.message and "return" in none.message
    in_ms = network.check_chain_wait(lambda p, t, rng: 1e3 * chain_up_s(p, t, rng), samples=4000, seed=6)
    assert not in_ms and "in milliseconds" in in_ms.message


HOSTILE = {
    "None": None,
    "text": "max",
    "returns None": lambda *a: None,
    "returns text": lambda *a: "slow",
    "returns a circuit": lambda *a: QuantumCircuit(2),
    "returns a list": lambda *a: [1.0, 2.0],
    "returns complex": lambda *a: complex(1, 1),
    "raises": lambda *a: 1 / 0,
    "NaN": lambda *a: float("nan"),
    "inf": lambda *a: math.inf,
    "negative": lambda *a: -1.0,
    "no arguments": lambda: 1.0,
    "loops": forever,
}


@pytest.mark.parametrize("check", [network.check_link_wait, network.check_chain_wait])
@pytest.mark.parametrize("hostile", list(HOSTILE.values()), ids=list(HOSTILE))
def test_coding_checks_never_raise(check, hostile, quick_time_limit):
    feedback = check(hostile)
    assert not feedback and feedback.message


def test_an_endless_loop_is_named(quick_time_limit):
    for check in (network.check_link_wait, network.check_chain_wait):
        feedback = check(forever)
        assert not feedback and "did not finish" in feedback.message


def test_trust_choice():
    assert network.check_trust_choice("b") and network.check_trust_choice(" B ")
    assert not network.check_trust_choice("a") and "learns it" in network.check_trust_choice("a").message
    for garbage in (None, ..., "e", 3, [1]):
        assert not network.check_trust_choice(garbage)
