"""The detection loophole: S(η), Q(η), the efficiency thresholds, Eberhard's limit, the PPT test."""

from __future__ import annotations

import math

import numpy as np
import pytest

from qinet import loopholes

GARG_MERMIN = 2 * (math.sqrt(2) - 1)  # 0.828427: S > 2 threshold for maximally entangled pairs


@pytest.mark.parametrize("eta, s", [(1.0, 2.828427), (0.9, 2.311026), (0.8, 1.890193), (0.0, 2.0)])
def test_chsh_with_efficiency_worked_numbers(eta, s):
    assert loopholes.chsh_with_efficiency(eta) == pytest.approx(s, abs=1e-6)


def test_chsh_and_qber_with_noise_and_loss():
    # S = 2√2 V η² + 2(1 − η)², Q = η(1 − η) + η²(1 − V)/2 (derived from the no-click = +1 assignment)
    assert loopholes.chsh_with_efficiency(0.95, 0.9) == pytest.approx(2 * math.sqrt(2) * 0.9 * 0.9025 + 2 * 0.0025)
    assert loopholes.qber_with_efficiency(0.95, 0.9) == pytest.approx(0.95 * 0.05 + 0.9025 * 0.05)
    assert loopholes.qber_with_efficiency(1.0, 0.9) == pytest.approx(0.05)
    eta = np.linspace(0, 1, 5)
    assert loopholes.chsh_with_efficiency(eta).shape == (5,)


def test_monte_carlo_of_lossy_detectors_matches_the_closed_form():
    # sample ±1 outcomes of |Φ+⟩ at the CHSH angles, lose each particle with probability 1 − η, count it as +1
    rng, n, eta = np.random.default_rng(5), 200_000, 0.87
    total, var = 0.0, 0.0
    for a, b, sign in (
        (0.0, math.pi / 4, 1),
        (0.0, 3 * math.pi / 4, -1),
        (math.pi / 2, math.pi / 4, 1),
        (math.pi / 2, 3 * math.pi / 4, 1),
    ):
        x = rng.choice([1, -1], size=n)
        y = np.where(rng.random(n) < (1 + math.cos(a - b)) / 2, x, -x)
        x = np.where(rng.random(n) < eta, x, 1)
        y = np.where(rng.random(n) < eta, y, 1)
        e = float(np.mean(x * y))
        total, var = total + sign * e, var + (1 - e * e) / n
    assert abs(total - loopholes.chsh_with_efficiency(eta)) < 4 * math.sqrt(var)


def test_efficiency_thresholds():
    assert loopholes.bell_efficiency_threshold() == pytest.approx(GARG_MERMIN)
    assert loopholes.chsh_with_efficiency(loopholes.bell_efficiency_threshold(0.9), 0.9) == pytest.approx(2.0)
    eta = loopholes.di_efficiency_threshold()
    assert eta == pytest.approx(0.92314, abs=1e-5)
    assert abs(eta - 0.924) < 0.002  # Ma & Lütkenhaus (arXiv:1109.1203): 92.4 % for the standard protocol
    assert loopholes.di_rate_with_efficiency(eta - 1e-4) == 0.0 < loopholes.di_rate_with_efficiency(eta + 1e-4)
    assert loopholes.di_efficiency_threshold(0.99) > eta


def test_photonic_reach():
    assert loopholes.side_efficiency(10.0) == pytest.approx(10**-0.1)
    assert loopholes.photonic_reach_km() == pytest.approx(100 * math.log10(1 / 0.9231367660346), rel=1e-6)
    assert loopholes.photonic_reach_km(0.9) == 0.0
    assert loopholes.photonic_reach_km(0.98, 0.99) < loopholes.photonic_reach_km()


def test_ch_optimisation_reaches_garg_mermin_and_eberhard():
    assert loopholes.ch_efficiency_threshold(math.pi / 4) == pytest.approx(GARG_MERMIN, abs=1e-6)
    weak = loopholes.ch_efficiency_threshold(0.01)
    assert 2 / 3 < weak < 2 / 3 + 0.003  # Eberhard, PRA 47, R747 (1993): 2/3 in the limit of weak entanglement
    thetas = [0.05, 0.2, 0.5, math.pi / 4]
    values = [loopholes.ch_efficiency_threshold(t) for t in thetas]
    assert values == sorted(values)


def test_ch_with_unequal_efficiencies_reaches_one_half():
    """One perfect side: the other needs 1/sqrt(2) with |Phi+> and approaches 1/2 with weak entanglement (Brunner,
    Gisin, Scarani & Simon, PRL 98, 220403 (2007)); so Eberhard's 2/3 bounds only equal efficiencies."""
    assert loopholes.ch_efficiency_threshold(math.pi / 4, other_efficiency=1.0) == pytest.approx(1 / math.sqrt(2))
    weak = loopholes.ch_efficiency_threshold(0.01, other_efficiency=1.0)
    assert 0.5 < weak < 0.501
    # the other side imperfect too: the threshold rises, and equal efficiencies give back the symmetric optimum
    assert loopholes.ch_efficiency_threshold(0.2, other_efficiency=0.9) > loopholes.ch_efficiency_threshold(
        0.2, other_efficiency=1.0
    )
    symmetric = loopholes.ch_efficiency_threshold(0.3)
    assert loopholes.ch_efficiency_threshold(0.3, other_efficiency=symmetric) == pytest.approx(symmetric, abs=1e-6)


@pytest.mark.parametrize("v", [0.0, 1 / 3, 0.6, 1.0])
def test_ppt_of_werner_pairs(v):
    phi = np.array([1, 0, 0, 1]) / math.sqrt(2)
    rho = v * np.outer(phi, phi) + (1 - v) * np.eye(4) / 4
    assert loopholes.ppt_min_eigenvalue(rho) == pytest.approx((1 - 3 * v) / 4)


def test_ppt_of_a_product_state_is_not_negative():
    plus = np.array([1, 1]) / math.sqrt(2)
    state = np.kron(plus, [1, 0])
    assert loopholes.ppt_min_eigenvalue(np.outer(state, state)) >= -1e-12


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: loopholes.chsh_with_efficiency(1.2), "efficiency"),
        (lambda: loopholes.chsh_with_efficiency(0.9, -0.1), "visibility"),
        (lambda: loopholes.qber_with_efficiency(math.nan), "efficiency"),
        (lambda: loopholes.bell_efficiency_threshold(0.7), "visibility"),
        (lambda: loopholes.di_efficiency_threshold(0.8), "visibility"),
        (lambda: loopholes.ch_efficiency_threshold(0.0), "theta"),
        (lambda: loopholes.ch_efficiency_threshold(1.0), "theta"),
        (lambda: loopholes.ch_efficiency_threshold(0.3, other_efficiency=0.0), "other_efficiency"),
        (lambda: loopholes.ch_efficiency_threshold(0.3, other_efficiency=1.2), "other_efficiency"),
        (lambda: loopholes.side_efficiency(-1.0), "length_km"),
        (lambda: loopholes.photonic_reach_km(1.5), "detector_efficiency"),
        (lambda: loopholes.ppt_min_eigenvalue(np.eye(2)), "rho"),
    ],
)
def test_bad_input(call, name):
    with pytest.raises(ValueError, match=name):
        call()


@pytest.mark.parametrize("qber", [0.02, 0.0714943, 0.15, 0.2])
def test_chsh_needed_is_where_the_acin_bound_reaches_zero(qber):
    """Acín et al., PRL 98, 230501 (2007): r = 1 − h(Q) − h((1 + √((S/2)² − 1))/2), zero at the S returned."""
    s = loopholes.chsh_needed(qber)
    assert 2.0 < s < 2 * math.sqrt(2)

    def h(p):
        return -p * math.log2(p) - (1 - p) * math.log2(1 - p)

    assert 1 - h(qber) - h((1 + math.sqrt((s / 2) ** 2 - 1)) / 2) == pytest.approx(0.0, abs=1e-9)
