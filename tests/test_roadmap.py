"""The road map: stages as data (figures from PHYSICS §9, §10, §13) and the application feasibility rules."""

from __future__ import annotations

import math

import pytest

from qinet import roadmap


def test_four_stages_in_order_mapped_to_wehner_and_notebooks():
    names = [s.name for s in roadmap.STAGES]
    assert names == [
        "Trusted-node QKD",
        "Entanglement distribution without memory",
        "Quantum-memory repeater networks",
        "Fault-tolerant quantum internet",
    ]
    wehner = [w for s in roadmap.STAGES for w in s.wehner_stages]
    assert [int(w.split(" ")[0]) for w in wehner] == [1, 2, 3, 4, 5, 6]  # all six stages of Wehner et al. 2018
    shown = {nb for s in roadmap.STAGES for nb in s.notebooks}
    assert shown <= set(roadmap.NOTEBOOKS)
    assert set(roadmap.NOTEBOOKS[1:12]) <= shown  # every topic notebook 01–11 shows some stage
    assert all(s.enables and s.demonstrations for s in roadmap.STAGES)


def test_demonstrations_carry_the_published_figures():
    demos = {(d.year, d.distance_km) for s in roadmap.STAGES for d in s.demonstrations}
    # PHYSICS §9 and §13 [V]: Micius 2017 1,203 km; 2020 1,120 km; Chen 2021 4,600 km; Beijing–Shanghai ~2,000 km
    assert {(2017, 1203.0), (2020, 1120.0), (2021, 4600.0), (2017, 2000.0), (2017, 1200.0)} <= demos
    assert all(2010 <= d.year <= 2025 and d.reference for s in roadmap.STAGES for d in s.demonstrations)


def test_werner_qber_and_chsh():
    # PHYSICS §4: V = 0.9 → S = 2.545584, Q = (1 − V)/2 = 0.05; F = (1 + 3V)/4 = 0.925
    assert roadmap.werner_chsh(0.925) == pytest.approx(2.545584, rel=1e-6)
    assert roadmap.werner_qber(0.925) == pytest.approx(0.05, rel=1e-12)


def test_minimum_fidelities_without_memory_effects():
    # teleportation beats 2/3 iff F > 1/2 (PHYSICS §5); BB84: Q* = 0.110028 (§3) → F = 1 − 1.5 Q*;
    # DI-QKD: V* = 0.85702 (§4) → F = (1 + 3V*)/4
    assert roadmap.minimum_fidelity("teleportation") == pytest.approx(0.5, rel=1e-6)
    assert roadmap.minimum_fidelity("bb84") == pytest.approx(1 - 1.5 * 0.110028, rel=1e-5)
    assert roadmap.minimum_fidelity("di-qkd") == pytest.approx((1 + 3 * 0.85702) / 4, rel=1e-5)


def test_teleportation_after_storage_uses_the_memory_model():
    # F = 1 stored for t = 0.1 T2 keeps 0.952419 (PHYSICS §7); heralding at 100 km takes 0.9793 ms (§1)
    t_h = 0.9793441835e-3
    verdict = roadmap.application_feasibility(1.0, t_h / 0.1, 100.0)[0]
    assert verdict.application == "teleportation" and verdict.possible
    assert verdict.value == pytest.approx((2 * 0.952419 + 1) / 3, rel=1e-5)
    # a memory 100 times too short: F′ → 1/2, teleportation falls to the classical 2/3, no better
    bad = roadmap.application_feasibility(1.0, t_h / 100, 100.0)[0]
    assert not bad.possible and bad.value == pytest.approx(2 / 3, rel=1e-9)


def test_memory_must_outlive_the_heralding_round_trip():
    verdicts = {v.application: v for v in roadmap.application_feasibility(0.95, 1e-3, 100.0)}
    assert verdicts["memory"].possible and verdicts["memory"].threshold == pytest.approx(0.9793e-3, rel=1e-3)
    short = {v.application: v for v in roadmap.application_feasibility(0.95, 0.5e-3, 100.0)}
    assert not short["memory"].possible and "0.979 ms" in short["memory"].reason
    assert short["bb84"].possible  # photons measured on arrival need no memory


def test_thresholds_between_bb84_and_di_qkd():
    verdicts = {v.application: v for v in roadmap.application_feasibility(0.87, 1.0, 10.0)}
    assert verdicts["bb84"].possible and not verdicts["di-qkd"].possible
    assert verdicts["di-qkd"].threshold == pytest.approx(2.42401, rel=1e-5)
    assert verdicts["bb84"].threshold == pytest.approx(0.110028, rel=1e-5)
    assert all((v.margin > 1) == v.possible for v in verdicts.values())
    assert math.isnan(roadmap.minimum_fidelity("teleportation", t2_s=1e-6, length_km=1000.0))


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: roadmap.application_feasibility(0.2, 1.0, 10.0), "fidelity"),
        (lambda: roadmap.application_feasibility(0.9, 0.0, 10.0), "t2_s"),
        (lambda: roadmap.application_feasibility(0.9, 1.0, -1.0), "length_km"),
        (lambda: roadmap.minimum_fidelity("memory"), "application"),
        (lambda: roadmap.werner_qber(1.5), "fidelity"),
    ],
)
def test_bad_input_raises_value_error(call, match):
    with pytest.raises(ValueError, match=match):
        call()
