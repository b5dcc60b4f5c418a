"""Notebook 06's coding exercises: each check accepts the notebook's own solution, rejects the typical wrong
answers with feedback that names the physics, and returns falsy feedback, never raising, on hostile input."""

from __future__ import annotations

from math import comb
from pathlib import Path

import nbformat
import numpy as np
import pytest
from hostile import forever, raises
from qiskit import QuantumCircuit

import qinet
from qinet import editions, states
from qinet.exercises import purification as pur

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "06-purification-and-repeater-generations.ipynb"
CODING = (pur.check_bbpssw_round, pur.check_raw_pairs_to_reach, pur.check_hop_success)


def test_the_notebooks_model_answers_pass_their_checks():
    found = editions.exercises(nbformat.read(NOTEBOOK, as_version=4))
    coding = [e for e in found if "(answer)" not in e.check]
    assert [e.check.split("(")[0].rsplit(".", 1)[1] for e in coding] == [c.__name__ for c in CODING]
    for exercise in found:
        namespace = {"np": np, "qinet": qinet, "states": states}
        exec(exercise.answer, namespace)  # noqa: S102 - the notebook's own solution
        feedback = eval(exercise.check, namespace)  # noqa: S307
        assert feedback, f"{exercise.check}: {feedback.message}"


# --- exercise 1: one BBPSSW round ---------------------------------------------------------------------


def test_bbpssw_round_accepts_the_formula_and_qinets_model():
    assert pur.check_bbpssw_round(lambda f: states.bbpssw(f)[0])
    assert pur.check_bbpssw_round(lambda f: purify_on_aer(f))


def purify_on_aer(fidelity):
    return qinet.purification.purify("bbpssw", fidelity).fidelity


@pytest.mark.parametrize(
    "wrong, says",
    [
        (lambda f: f, "two pairs of F = 0.8 give 0.838"),  # the stub as shipped: no gain
        (lambda f: f**2 / (f**2 + (1 - f) ** 2), "F = 1/4"),  # a classical majority vote, not BBPSSW
        (lambda f: f**2 / (f**2 + 2 * f * (1 - f) / 3 + 5 * ((1 - f) / 3) ** 2), "fixed point"),  # both-Φ⁻ term lost
        (lambda f: (f**2 + ((1 - f) / 3) ** 2) / (f**2 + (1 - f) ** 2), "fixed point"),  # wrong success probability
        (lambda f: states.bbpssw(f), "array of shape (2,)"),  # (F', p) where only F' is asked
    ],
)
def test_bbpssw_round_names_the_slip(wrong, says):
    feedback = pur.check_bbpssw_round(wrong)
    assert not feedback and says in feedback.message


# --- exercise 2: raw pairs to reach a target ----------------------------------------------------------


def purify_until(update):
    def raw_pairs(fidelity, target):
        cost = 1.0
        while fidelity < target:
            fidelity, p = states.bbpssw(fidelity)
            cost = update(cost, p)
        return cost

    return raw_pairs


@pytest.mark.parametrize(
    "wrong, says",
    [
        (lambda fidelity, target: 1.0, "same value for every input"),  # the stub as shipped
        (purify_until(lambda cost, p: 2 * cost), "keeps one only when the check passes"),  # failures forgotten
        (purify_until(lambda cost, p: 2 * p * cost), "keeps one only when the check passes"),  # p on the wrong side
        (purify_until(lambda cost, p: cost + 2 / p), "2/p = 2.6 raw pairs"),  # costs added instead of multiplied
        (
            purify_until(lambda cost, p: cost + 1),
            "keeps one only when the check passes",
        ),  # rounds counted from 1, not pairs
    ],
)
def test_raw_pairs_names_the_slip(wrong, says):
    feedback = pur.check_raw_pairs_to_reach(wrong)
    assert not feedback and says in feedback.message


def test_raw_pairs_catches_a_round_too_many():
    def always_one_round(fidelity, target):
        fidelity, p = states.bbpssw(fidelity)
        cost = 2 / p
        while fidelity < target:
            fidelity, p = states.bbpssw(fidelity)
            cost *= 2 / p
        return cost

    feedback = pur.check_raw_pairs_to_reach(always_one_round)
    assert not feedback and "needs no round" in feedback.message


# --- exercise 3: a third-generation hop ---------------------------------------------------------------


def binomial_sum(top, *, swap=False):
    def hop_success(n_photons, eta):
        lost, kept = (eta, 1 - eta) if swap else (1 - eta, eta)
        return sum(comb(n_photons, j) * lost**j * kept ** (n_photons - j) for j in range(top(n_photons) + 1))

    return hop_success


def test_hop_success_accepts_the_binomial_sum_and_scipy():
    from scipy.stats import binom

    assert pur.check_hop_success(binomial_sum(lambda n: (n - 1) // 2))
    assert pur.check_hop_success(lambda n_photons, eta: binom.cdf((n_photons - 1) // 2, n_photons, 1 - eta))


@pytest.mark.parametrize(
    "wrong, says",
    [
        (lambda n_photons, eta: eta, "both must arrive, P = η²"),  # the stub as shipped
        (lambda n_photons, eta: eta**n_photons, "losing fewer than half is as likely as losing more"),  # no code
        (binomial_sum(lambda n: n // 2), "both must arrive"),  # half lost counted as recoverable
        (binomial_sum(lambda n: (n - 1) // 2, swap=True), "no photon is lost"),  # arrivals summed, not losses
        (binomial_sum(lambda n: n), "nothing arrives to decode"),  # every loss pattern counted: always 1
    ],
)
def test_hop_success_names_the_slip(wrong, says):
    feedback = pur.check_hop_success(wrong)
    assert not feedback and says in feedback.message


# --- every coding check: hostile input ----------------------------------------------------------------


HOSTILE = {
    "returns None": lambda *a: None,
    "returns text": lambda *a: "0.9",
    "returns NaN": lambda *a: float("nan"),
    "returns inf": lambda *a: float("inf"),
    "returns a circuit": lambda *a: QuantumCircuit(2),
    "raises": raises,
    "loops forever": forever,
    "not a function": None,
    "takes no arguments": lambda: 1.0,
}
# an endless loop costs the 5 s time limit: try it on one check only
CASES = [(c, h) for c in CODING for h in HOSTILE if h != "loops forever" or c is pur.check_raw_pairs_to_reach]


@pytest.mark.parametrize(("check", "hostile"), CASES, ids=[f"{c.__name__}-{h}" for c, h in CASES])
def test_hostile_input_gives_falsy_feedback_without_raising(check, hostile):
    feedback = check(HOSTILE[hostile])
    assert not feedback and feedback.message


def test_hints_escalate_to_the_idea():
    tries = [pur.check_hop_success(lambda n_photons, eta: eta) for _ in range(3)]
    assert [bool(f.hint) for f in tries] == [False, True, True] and bool(tries[-1].idea) and not tries[1].idea
