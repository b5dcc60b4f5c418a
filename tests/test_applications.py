"""Application verdicts with fidelity, loss and rate (qinet.applications), each with a worked number."""

from __future__ import annotations

import math

import pytest

from qinet import applications, loopholes, roadmap

T_H_100 = 0.9793441835e-3  # heralding round trip over 100 km at n_g = 1.468 (2L n_g / c)


def verdicts(*args, **kwargs):
    return {v.application: v for v in applications.application_feasibility(*args, **kwargs)}


def test_werner_qber_and_chsh():
    # V = 0.9 → S = 2.545584, Q = (1 − V)/2 = 0.05; F = (1 + 3V)/4 = 0.925
    assert applications.werner_chsh(0.925) == pytest.approx(2.545584, rel=1e-6)
    assert applications.werner_qber(0.925) == pytest.approx(0.05, rel=1e-12)


def test_minimum_fidelities_at_zero_distance_are_the_textbook_thresholds():
    # teleportation beats 2/3 iff F > 1/2; BB84: Q* = 0.110028 → F = 1 − 1.5 Q*; DI-QKD: V* = 0.85702
    assert roadmap.minimum_fidelity("teleportation") == pytest.approx(0.5, rel=1e-6)
    assert roadmap.minimum_fidelity("bb84") == pytest.approx(1 - 1.5 * 0.110028, rel=1e-5)
    assert roadmap.minimum_fidelity("di-qkd") == pytest.approx((1 + 3 * 0.85702) / 4, rel=1e-5)


def test_di_qkd_with_photons_is_impossible_at_100_km_but_heralded_memories_give_a_key():
    # the old verdict said "possible" for F = 0.9 pairs over 100 km: S = 2√2 w with no loss at all
    old_case = verdicts(0.9, 1e-2, 100.0)["di-qkd"]
    assert not old_case.possible
    photons = verdicts(0.99, 1.0, 100.0, memories=False)["di-qkd"]
    assert not photons.possible and photons.limited_by == "loss"
    assert "0.1 ≤ 2/3 (Eberhard)" in photons.reason  # each photon crosses 50 km: 10 dB
    memories = verdicts(0.99, 1.0, 100.0)["di-qkd"]
    assert memories.possible and memories.route == "heralded memories"
    # rate: p = 0.01 per attempt, one attempt per heralding round trip → 10.211 pairs/s, times the DI fraction
    pairs = 0.01 / T_H_100
    fraction = loopholes.di_rate_with_efficiency(1.0, memories.value / (2 * 2**0.5))
    assert memories.rate_hz == pytest.approx(pairs * fraction)
    assert memories.rate_hz == pytest.approx(8.5, abs=0.1)


def test_di_qkd_with_photons_works_over_a_short_fibre_with_good_detectors():
    short = verdicts(0.99, 1.0, 2.0, memories=False)["di-qkd"]  # eta = 10^(-0.02) = 0.955 > 0.923
    assert short.possible and short.route == "photons measured on arrival"
    assert applications.link_use(0.99, 1.0, 2.0).photon_efficiency == pytest.approx(10**-0.02, rel=1e-12)


def test_every_verdict_needs_a_usable_rate():
    # BB84 at 200 km from a 100 Hz source: 100 × 1e-4 = 0.01 pairs/s, far below one key bit per second
    slow = verdicts(0.99, 1.0, 200.0, attempt_rate_hz=100.0)["bb84"]
    assert not slow.possible and slow.limited_by == "rate"
    assert slow.rate_hz == pytest.approx(0.5 * 0.01 * (1 - 2 * _h(2 * 0.01 / 3)), rel=1e-9)
    assert verdicts(0.99, 1.0, 200.0, attempt_rate_hz=100.0, min_rate_hz=1e-3)["bb84"].possible
    assert all((v.margin > 1) == v.possible for v in verdicts(0.87, 1.0, 10.0).values())


def test_teleportation_after_storage_uses_the_memory_model():
    # F = 1 stored for t = 0.1 T2 keeps 0.952419; teleportation (2F' + 1)/3
    verdict = verdicts(1.0, T_H_100 / 0.1, 100.0)["teleportation"]
    assert verdict.possible and verdict.value == pytest.approx((2 * 0.952419 + 1) / 3, rel=1e-5)
    bad = verdicts(1.0, T_H_100 / 100, 100.0)["teleportation"]  # F' → 1/2: no better than classical
    assert not bad.possible and bad.value == pytest.approx(2 / 3, rel=1e-9) and bad.limited_by == "fidelity"


def test_memory_must_outlive_making_a_pair_and_sending_a_message():
    # Wehner et al. Table 1: T2 > 1/R + L/v; at 100 km 1/R = 97.93 ms and L/v = 0.49 ms
    need = T_H_100 / 0.01 + T_H_100 / 2
    ok, short = verdicts(0.95, 0.1, 100.0)["memory"], verdicts(0.95, 0.09, 100.0)["memory"]
    assert ok.possible and ok.threshold == pytest.approx(need, rel=1e-9)
    assert not short.possible and short.limited_by == "memory"  # the old rule (T2 > 0.98 ms) said yes
    assert "link efficiency R·T₂ = 0.919" in short.reason


def test_without_memories_only_photons_remain():
    v = verdicts(0.99, 1.0, 10.0, memories=False)
    assert [v[a].possible for a in ("teleportation", "bb84", "di-qkd", "memory")] == [False, True, False, False]
    assert v["teleportation"].limited_by == "memory"


def test_minimum_fidelity_never_hangs_and_says_when_impossible():
    assert roadmap.minimum_fidelity("bb84", tol=1e-300) == pytest.approx(1 - 1.5 * 0.110028, rel=1e-5)
    with pytest.raises(ValueError, match="tol"):
        roadmap.minimum_fidelity("bb84", tol=0.0)
    with pytest.raises(ValueError, match="impossible even with perfect pairs"):
        roadmap.minimum_fidelity("di-qkd", length_km=100.0, memories=False)
    with pytest.raises(ValueError, match="impossible even with perfect pairs"):
        roadmap.minimum_fidelity("teleportation", t2_s=1e-6, length_km=1000.0)


def test_stage_of_each_verdict():
    assert {v.application: v.stage for v in applications.application_feasibility(0.9, 1.0, 10.0)} == {
        "teleportation": 4,
        "bb84": 2,
        "di-qkd": 3,
        "memory": 4,
    }


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: applications.application_feasibility(0.2, 1.0, 10.0), "fidelity"),
        (lambda: applications.application_feasibility(0.9, 0.0, 10.0), "t2_s"),
        (lambda: applications.application_feasibility(0.9, 1.0, -1.0), "length_km"),
        (lambda: applications.application_feasibility(0.9, 1.0, 1.0, detector_efficiency=0.0), "detector_eff"),
        (lambda: applications.application_feasibility(0.9, 1.0, 1.0, attempt_rate_hz=math.inf), "attempt_rate"),
        (lambda: applications.application_feasibility(0.9, 1.0, 1.0, min_rate_hz=-1.0), "min_rate_hz"),
        (lambda: applications.application_feasibility(0.9, 1.0, math.nan), "length_km"),
        (lambda: roadmap.minimum_fidelity("memory"), "application"),
        (lambda: applications.werner_qber(1.5), "fidelity"),
    ],
)
def test_bad_input_raises_value_error(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_memories_flag_must_be_a_boolean():
    with pytest.raises(TypeError, match="memories"):
        applications.application_feasibility(0.9, 1.0, 1.0, memories="False")


def _h(p: float) -> float:
    return -p * math.log2(p) - (1 - p) * math.log2(1 - p)
