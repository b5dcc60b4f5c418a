"""Notebook 05's coding exercises: each check accepts the notebook's own solution, rejects the typical wrong
answers with feedback that names the physics, and returns falsy feedback, never raising, on hostile input."""

from __future__ import annotations

from pathlib import Path

import nbformat
import numpy as np
import pytest
from hostile import forever, raises
from qiskit import QuantumCircuit

import qinet
from qinet import editions
from qinet.exercises import repeaters as rep

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "05-repeaters-and-memories.ipynb"
CODING = (rep.check_swap, rep.check_mean_wait, rep.check_stored_fidelity)


def test_the_notebooks_model_answers_pass_their_checks():
    found = editions.exercises(nbformat.read(NOTEBOOK, as_version=4))
    coding = [e for e in found if "(answer)" not in e.check]
    assert [e.check.split("(")[0].rsplit(".", 1)[1] for e in coding] == [c.__name__ for c in CODING]
    for exercise in found:
        namespace = {"np": np, "qinet": qinet}
        exec(exercise.answer, namespace)  # noqa: S102 - the notebook's own solution
        feedback = eval(exercise.check, namespace)  # noqa: S307
        assert feedback, f"{exercise.check}: {feedback.message}"


# --- exercise 1: the swap -----------------------------------------------------------------------------


def swap(*, bell_h=True, corrections=("x", "z"), measure=True):
    def build(link_fidelity):
        qc = rep.two_links(link_fidelity)
        z, x = qc.cregs
        if measure:
            qc.cx(1, 2)
            if bell_h:
                qc.h(1)
            qc.measure(1, z)
            qc.measure(2, x)
        registers = {"x": x, "z": z}
        for register, gate in zip(corrections, ("x", "z"), strict=False):
            with qc.if_test((registers[register], 1)):
                getattr(qc, gate)(3)
        return qc

    return build


def test_swap_accepts_corrections_at_either_end():
    assert rep.check_swap(swap())

    def at_alice(link_fidelity):  # X and Z on qubit 0 act on Φ⁺ as on qubit 3
        qc = rep.two_links(link_fidelity)
        z, x = qc.cregs
        qc.cx(1, 2)
        qc.h(1)
        qc.measure(1, z)
        qc.measure(2, x)
        with qc.if_test((x, 1)):
            qc.x(0)
        with qc.if_test((z, 1)):
            qc.z(0)
        return qc

    assert rep.check_swap(at_alice)


@pytest.mark.parametrize(
    "wrong, says",
    [
        (rep.two_links, "completely mixed state I/4"),  # the stub as shipped: nothing joins the links
        (swap(corrections=()), "completely mixed state I/4"),  # measured, but Bob never corrects
        (swap(corrections=("x",)), "no coherence"),  # Z correction forgotten: Φ⁻ half the time
        (swap(corrections=("z", "x")), "Ψ⁻ with fidelity 0.50"),  # each correction driven by the other bit
        (swap(bell_h=False), "no coherence"),  # a Z-basis measurement instead of a Bell measurement
    ],
)
def test_swap_names_what_a_wrong_circuit_leaves(wrong, says):
    feedback = rep.check_swap(wrong)
    assert not feedback and says in feedback.message and "Φ⁺" in feedback.message


def test_swap_catches_a_pair_made_directly_and_noise_ignored():
    def direct(link_fidelity):  # Alice and Bob never meet: a pair made on the spot ignores the links
        qc = QuantumCircuit(4)
        qc.h(0)
        qc.cx(0, 3)
        return qc

    feedback = rep.check_swap(direct)
    assert not feedback and "link_fidelity = 0.9" in feedback.message and "0.813" in feedback.message


def test_two_links_refuses_a_fidelity_outside_the_werner_range():
    for bad in (0.2, 1.5, float("nan")):
        with pytest.raises(ValueError, match="link_fidelity"):
            rep.two_links(bad)


# --- exercise 3: the two-link wait by Monte Carlo -------------------------------------------------------


def monte_carlo(combine, shift=0):
    def mean_wait(p, n_trials, seed):
        rng = np.random.default_rng(seed)
        return combine(rng.geometric(p, n_trials), rng.geometric(p, n_trials)).mean() + shift

    return mean_wait


def test_mean_wait_accepts_a_vectorised_and_a_loop_monte_carlo():
    assert rep.check_mean_wait(monte_carlo(np.maximum))

    def loop(p, n_trials, seed):  # round by round, as a learner might write it
        rng = np.random.default_rng(seed)
        total = 0
        for _ in range(n_trials):
            rounds, first, second = 0, False, False
            while not (first and second):
                rounds += 1
                first = first or rng.random() < p
                second = second or rng.random() < p
            total += rounds
        return total / n_trials

    assert rep.check_mean_wait(loop)


@pytest.mark.parametrize(
    "wrong, says",
    [
        (lambda p, n_trials, seed: 1.0, "same value for every input"),  # the stub as shipped
        (monte_carlo(lambda a, b: a), "the repeater waits for the slower of the two links"),  # one link only
        (monte_carlo(np.minimum), "the repeater waits for the slower of the two links"),  # the faster link
        (monte_carlo(np.add), "in the first round: the wait is 1 round"),  # the two waits one after the other
        (monte_carlo(np.maximum, shift=-1), "in the first round: the wait is 1 round, not 0"),  # failures counted
    ],
)
def test_mean_wait_names_the_slip(wrong, says):
    feedback = rep.check_mean_wait(wrong)
    assert not feedback and says in feedback.message


# --- exercise 5: a stored pair with T1 and T2 -----------------------------------------------------------


@pytest.mark.parametrize(
    "wrong, says",
    [
        (lambda time_s, t1_s, t2_s: 1.0, "same value for every input"),  # the stub as shipped
        (lambda time_s, t1_s, t2_s: (1 + np.exp(-time_s / t2_s)) / 2, "pure dephasing would overestimate"),
        (lambda time_s, t1_s, t2_s: (1 + np.exp(-time_s / (2 * t1_s))) ** 2 / 4, "only dephasing remains"),
        (lambda time_s, t1_s, t2_s: (1 + np.exp(-time_s / t1_s) + np.exp(-time_s / t2_s)) / 4, "still perfect"),
        (lambda time_s, t1_s, t2_s: 25 * (1 + np.exp(-time_s / t1_s) + 2 * np.exp(-time_s / t2_s)), "percentage"),
    ],
)
def test_stored_fidelity_names_the_slip(wrong, says):
    feedback = rep.check_stored_fidelity(wrong)
    assert not feedback and says in feedback.message


def test_stored_fidelity_accepts_the_formula_and_qinets_model():
    assert rep.check_stored_fidelity(lambda t, t1, t2: (1 + np.exp(-t / t1) + 2 * np.exp(-t / t2)) / 4)
    assert rep.check_stored_fidelity(lambda t, t1, t2: qinet.states.stored_fidelity(1.0, t, t2, t1_s=t1))


# --- every coding check: hostile input ----------------------------------------------------------------


HOSTILE = {
    "returns None": lambda *a: None,
    "returns text": lambda *a: "qc",
    "returns NaN": lambda *a: float("nan"),
    "returns a list": lambda *a: [1, 2],
    "returns a wrong-size circuit": lambda *a: QuantumCircuit(5),
    "raises": raises,
    "loops forever": forever,
    "not a function": None,
    "takes no arguments": lambda: 1.0,
}


# an endless loop costs the 5 s time limit: try it on one check only
CASES = [(c, h) for c in CODING for h in HOSTILE if h != "loops forever" or c is rep.check_swap]


@pytest.mark.parametrize(("check", "hostile"), CASES, ids=[f"{c.__name__}-{h}" for c, h in CASES])
def test_hostile_input_gives_falsy_feedback_without_raising(check, hostile):
    feedback = check(HOSTILE[hostile])
    assert not feedback and feedback.message


def test_hints_escalate_and_a_success_resets_them():
    tries = [rep.check_stored_fidelity(lambda t, t1, t2: 1.0) for _ in range(3)]
    assert [bool(f.hint) for f in tries] == [False, True, True] and [bool(f.idea) for f in tries] == [False] * 2 + [
        True
    ]
    assert rep.check_stored_fidelity(lambda t, t1, t2: (1 + np.exp(-t / t1) + 2 * np.exp(-t / t2)) / 4)
    assert not rep.check_stored_fidelity(lambda t, t1, t2: 1.0).hint
