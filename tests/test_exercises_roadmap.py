"""Notebook 12's exercise checks: right answers pass, typical wrong ones fail with feedback that names the
physics they got wrong, and nothing a learner passes makes a check raise."""

from __future__ import annotations

import math

import pytest
from hostile import forever
from qiskit import QuantumCircuit

from qinet import bounds, loopholes
from qinet.exercises import roadmap

TSIRELSON = 2 * math.sqrt(2)


# --- exercise 1: the key rate of pairs measured on arrival ---------------------------------------------


def ln_entropy(q):
    return 0.0 if q in (0.0, 1.0) else -q * math.log(q) - (1 - q) * math.log(1 - q)


def learner_key_rate(*, qber="werner", sifting=0.5, crossed=1.0, decibels=10.0, clamp=True, entropy=None):
    """A learner's BBM92 key rate with optional slips."""
    entropy = entropy or bounds.binary_entropy

    def key_rate(fidelity, length_km, source_rate_hz):
        q = 1 - fidelity if qber == "1 - F" else 2 * (1 - fidelity) / 3
        arriving = source_rate_hz * 10 ** (-0.2 * crossed * length_km / decibels)
        fraction = 1 - 2 * entropy(q)
        return sifting * arriving * (max(0.0, fraction) if clamp else fraction)

    return key_rate


def test_key_rate_accepts_the_physics():
    assert roadmap.check_key_rate(learner_key_rate())


@pytest.mark.parametrize(
    ("slip", "words"),
    [
        ({"sifting": 1.0}, "(sifting)"),
        ({"qber": "1 - F"}, "Q = 2(1 − F)/3"),
        ({"crossed": 0.5}, "η(L/2) · η(L/2) = η(L)"),
        ({"decibels": 1.0}, "the /10 turns decibels"),
        ({"clamp": False}, "no key at all, 0 bits per second"),
        ({"entropy": ln_entropy}, "natural logarithm"),
    ],
    ids=["no sifting", "1 - F", "one photon", "no /10", "negative", "ln"],
)
def test_key_rate_names_the_slip(slip, words):
    feedback = roadmap.check_key_rate(learner_key_rate(**slip))
    assert not feedback and words in feedback.message, feedback.message


def test_key_rate_stub_is_told_where_it_is_wrong():
    stub = roadmap.check_key_rate(lambda fidelity, length_km, source_rate_hz: source_rate_hz)
    assert not stub and "half of them are sifted" in stub.message


# --- exercise 2: a lossy CHSH test ---------------------------------------------------------------------


def exact_chsh(efficiency_a, efficiency_b, visibility):
    """S summed over every detection event and outcome of a Werner pair at the CHSH angles, no-click = +1."""
    angles_a, angles_b = (0.0, math.pi / 2), (math.pi / 4, -math.pi / 4)
    total = 0.0
    for i, a in enumerate(angles_a):
        for j, b in enumerate(angles_b):
            correlator = 0.0
            for x, y in [(1, 1), (1, -1), (-1, 1), (-1, -1)]:
                p_outcomes = (1 + x * y * visibility * math.cos(a - b)) / 4
                for seen_a, p_a in ((True, efficiency_a), (False, 1 - efficiency_a)):
                    for seen_b, p_b in ((True, efficiency_b), (False, 1 - efficiency_b)):
                        correlator += p_outcomes * p_a * p_b * (x if seen_a else 1) * (y if seen_b else 1)
            total += -correlator if (i, j) == (1, 1) else correlator
    return total


@pytest.mark.parametrize(("eta_a", "eta_b", "v"), [(1, 1, 1), (0, 0, 1), (0.7, 1, 1), (0.9, 0.6, 0.8), (0.3, 0.8, 0.5)])
def test_the_reference_sums_every_detection_event(eta_a, eta_b, v):
    assert roadmap.lossy_chsh(eta_a, eta_b, v) == pytest.approx(exact_chsh(eta_a, eta_b, v), abs=1e-12)
    assert roadmap.lossy_chsh(eta_a, eta_a, v) == pytest.approx(float(loopholes.chsh_with_efficiency(eta_a, v)))


def test_lossy_chsh_accepts_the_physics():
    assert roadmap.check_chsh_with_loss(lambda a, b, v: TSIRELSON * v * a * b + 2 * (1 - a) * (1 - b))
    assert roadmap.check_chsh_with_loss(exact_chsh)


@pytest.mark.parametrize(
    ("wrong", "words"),
    [
        (lambda a, b, v: TSIRELSON * v, "(post-selection)"),
        (lambda a, b, v: TSIRELSON * v * a * b, "add (1 − η_A)(1 − η_B) to every correlator"),
        (lambda a, b, v: TSIRELSON * v * a * b + 4 * (1 - a) * (1 - b), "not 4(1 − η_A)(1 − η_B)"),
        (lambda a, b, v: TSIRELSON * v * a * b + 2 * (1 - a * b), "those rounds are uncorrelated"),
        (lambda a, b, v: TSIRELSON * v * a**2 + 2 * (1 - a) ** 2, "its own probability η_B"),
    ],
    ids=["post-selected", "no no-click term", "four", "one lost", "equal sides"],
)
def test_lossy_chsh_names_the_slip(wrong, words):
    feedback = roadmap.check_chsh_with_loss(wrong)
    assert not feedback and words in feedback.message, feedback.message


def test_lossy_chsh_limits_are_explained():
    no_detection = roadmap.check_chsh_with_loss(lambda a, b, v: TSIRELSON * v * a * b)
    assert "S = 1 + 1 + 1 − 1 = 2" in no_detection.message
    one_sided = roadmap.check_chsh_with_loss(lambda a, b, v: TSIRELSON * v * a**2 * b**2 + 2 * (1 - a) * (1 - b))
    assert "1/√2" in one_sided.message


HOSTILE = {
    "None": None,
    "text": "2.83",
    "returns None": lambda *a: None,
    "returns text": lambda *a: "S",
    "returns a circuit": lambda *a: QuantumCircuit(2),
    "returns a list": lambda *a: [1.0, 2.0],
    "raises": lambda *a: 1 / 0,
    "NaN": lambda *a: float("nan"),
    "inf": lambda *a: math.inf,
    "no arguments": lambda: 1.0,
    "loops": forever,
}


@pytest.mark.parametrize("check", [roadmap.check_key_rate, roadmap.check_chsh_with_loss])
@pytest.mark.parametrize("hostile", list(HOSTILE.values()), ids=list(HOSTILE))
def test_coding_checks_never_raise(check, hostile, quick_time_limit):
    feedback = check(hostile)
    assert not feedback and feedback.message


# --- numbers and choices -------------------------------------------------------------------------------

NUMERIC = [
    (roadmap.check_heralding_ms, 4.897, 2.448),
    (roadmap.check_bell_test_km, 17.6, 3.5),
    (roadmap.check_stage, "b", "a"),
]


@pytest.mark.parametrize(("check", "right", "wrong"), NUMERIC, ids=[c[0].__name__ for c in NUMERIC])
def test_numeric_checks(check, right, wrong):
    assert check(right)
    assert not check(wrong)
    for garbage in (None, ..., "banana", [1, 2], math.nan, {}):
        feedback = check(garbage)
        assert not feedback and feedback.message


def test_numeric_checks_name_unit_slips():
    assert "microseconds" in roadmap.check_heralding_ms(4897).message
    assert "metres" in roadmap.check_bell_test_km(17_600).message
    assert roadmap.check_heralding_ms("4.9 ms") and roadmap.check_bell_test_km("17.6 km")
    assert not roadmap.check_bell_test_km(8.8)  # forgot that each photon crosses only half the fibre
