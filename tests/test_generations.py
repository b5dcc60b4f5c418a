"""qinet.generations: the simplified 1G/2G/3G rate models, checked against their stated formulas."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.stats import binom

from qinet import generations, links, repeaters, states

V_KM_S = 299792.458 / 1.468


def _first_generation_time(length: float, k: int, r: int, a: float = 1.0, eta_d: float = 0.9) -> float:
    """The stated 1G recurrence, written out independently: T_j = (3/2 T_{j-1} + S_j)/a, S_j = 2^j L0 / v,
    each of the r purification rounds at level j doubling the time and adding S_j."""
    l0 = length / 2**k
    one_way = l0 / V_KM_S
    time = 2 * l0 / V_KM_S / (eta_d**2 * 10 ** (-0.02 * l0))
    for _ in range(r):
        time = 2 * time + one_way
    for j in range(1, k + 1):
        time = (1.5 * time + 2**j * one_way) / a
        for _ in range(r):
            time = 2 * time + 2**j * one_way
    return time


def test_first_generation_formula_charges_the_signalling_of_every_level():
    """N = 2^4 links of 62.5 km, p0 = 0.9² η(L0), T0 = 2 L0 / v, one purification round per level, plus the
    heralds of every nesting level (Sangouard et al. RMP 2011 3/2 rule; stated model)."""
    l0 = 1000.0 / 16
    p0 = 0.81 * 10 ** (-0.02 * l0)
    assert p0 == pytest.approx(repeaters.link_success_probability(l0, detector_efficiency=0.9))
    assert generations.first_generation_rate(1000.0, 4) == pytest.approx(1 / _first_generation_time(1000.0, 4, 1))
    assert generations.first_generation_rate(800.0, 3, swap_success=0.5, purification_rounds=2) == pytest.approx(
        1 / _first_generation_time(800.0, 3, 2, a=0.5)
    )
    # Without the signalling terms the rate would be the older p0 / ((3/2)^k T0 2^(r (k+1))): signalling costs.
    no_signalling = p0 / (1.5**4 * (2 * l0 / V_KM_S) * 2**5)
    assert generations.first_generation_rate(1000.0, 4) < 0.95 * no_signalling


def test_first_generation_at_1000_km_with_the_notebook_parameters():
    """Notebook 06 quotes the 1G rate over 1,000 km with eta_d = 0.9 (p0 = 0.81 eta(L0)), a = 1 and one
    purification round at every level: best with 2^6 links, 1.08 pairs/s, 1.77 if the signalling took no time."""
    per_level = [1 / _first_generation_time(1000.0, k, 1) for k in range(11)]
    assert int(np.argmax(per_level)) == 6
    assert generations.first_generation_rate(1000.0) == pytest.approx(per_level[6])
    assert per_level[6] == pytest.approx(1.079, abs=5e-4)
    l0 = 1000.0 / 64
    without = 0.81 * 10 ** (-0.02 * l0) / (1.5**6 * (2 * l0 / V_KM_S) * 2**7)  # p0 / ((3/2)^k T0 2^(r(k+1)))
    assert generations.first_generation_rate(1000.0, 6, signalling=False) == pytest.approx(without)
    assert without == pytest.approx(1.768, abs=5e-4)


def test_first_generation_signalling_switch_is_a_bool():
    with pytest.raises(TypeError, match="signalling"):
        generations.first_generation_rate(1000.0, signalling="no")


def test_first_generation_respects_causality():
    """No nested protocol can deliver faster than one heralding round plus the one-way signalling of each level:
    the old model without signalling broke this for short links and deep nesting."""
    for length, k in ((100.0, 5), (10.0, 6), (1000.0, 4)):
        l0 = length / 2**k
        t_min = 2 * l0 / V_KM_S + sum(2 ** (j - 1) * l0 / V_KM_S for j in range(1, k + 1))
        assert generations.first_generation_rate(length, k, purification_rounds=0) * t_min <= 1.0


def test_first_generation_best_nesting():
    best = generations.first_generation_rate(800.0)
    assert best == pytest.approx(max(generations.first_generation_rate(800.0, k) for k in range(11)))
    assert generations.first_generation_rate(800.0, 3, swap_success=0.5) < generations.first_generation_rate(800.0, 3)


def test_first_generation_monte_carlo_lies_below_the_three_halves_rule():
    """The sampled protocol (same links and signalling, r = 0) waits less than the 3/2 rule says, which is in
    essence an upper bound (Coopmans et al., PRA 105, 012608, 2022), but more than the causal minimum."""
    for length, k, a in ((200.0, 2, 1.0), (100.0, 5, 1.0), (400.0, 2, 0.5)):
        sim = generations.simulate_first_generation(length, k, 20_000, swap_success=a, seed=4)
        mean, err = sim.waiting_s.mean(), sim.waiting_s.std(ddof=1) / math.sqrt(sim.waiting_s.size)
        assert mean < 1 / generations.first_generation_rate(length, k, purification_rounds=0, swap_success=a)
        l0 = length / 2**k
        assert mean > 2 * l0 / V_KM_S + sum(2 ** (j - 1) * l0 / V_KM_S for j in range(1, k + 1)) - 4 * err
    one = generations.simulate_first_generation(100.0, 0, 20_000, seed=2)  # one link: geometric waits exactly
    p0 = float(repeaters.link_success_probability(100.0, detector_efficiency=0.9))
    expected = 2 * 100.0 / V_KM_S / p0
    assert abs(one.waiting_s.mean() - expected) < 4 * one.waiting_s.std(ddof=1) / math.sqrt(20_000)


def test_second_generation_formula():
    p0 = 0.81 * 10 ** (-0.02 * 20.0)
    t0 = 2 * 20.0 / V_KM_S
    expected = p0 / (7 * t0) * (1 - 1e-4) ** 50
    assert generations.second_generation_rate(1000.0) == pytest.approx(expected, rel=1e-12)


def test_third_generation_formula_and_collapse():
    """The idealised code (corrects any loss of fewer than half the photons) is an upper bound for n photons."""
    eta = 0.9 * 10 ** (-0.02 * 1.5)
    p_hop = binom.cdf(7, 15, 1 - eta)
    expected = p_hop ** math.ceil(1000.0 / 1.5) / 1e-6
    assert generations.third_generation_rate(1000.0) == pytest.approx(expected, rel=1e-9)
    # Hops that lose ~half their photons (10 km: 43 % loss) make 3G collapse (Muralidharan et al. 2016).
    assert generations.third_generation_rate(1000.0, 10.0) < 1e-6 * generations.third_generation_rate(1000.0)


def test_the_order_of_the_generations():
    rates = [
        generations.first_generation_rate(1000.0),
        generations.second_generation_rate(1000.0),
        generations.third_generation_rate(1000.0),
    ]
    assert links.direct_pair_rate(1000.0, 1e9, detector_efficiency=0.9) < rates[0] < rates[1] < rates[2]


def test_arrays_broadcast_and_scalars_give_floats():
    distance = np.array([100.0, 500.0, 1000.0, 5000.0])
    for fn in (
        generations.first_generation_rate,
        generations.second_generation_rate,
        generations.third_generation_rate,
    ):
        values = fn(distance)
        assert values.shape == (4,) and np.all(np.diff(values) <= 0)
        assert isinstance(fn(1000.0), float)
    assert generations.first_generation_rate(distance, 2).shape == (4,)


def test_purify_then_swap_matches_states():
    r = generations.purify_then_swap(0.9, 4, 3)
    assert r.end_fidelity[0] == pytest.approx(0.67313, abs=1e-5)  # Briegel et al. 1998: chain of 4 links of F = 0.9
    for k in range(4):
        purified = states.purify(0.9, k, "dejmps")
        assert r.link_fidelity[k] == pytest.approx(purified.fidelities[-1])
        assert r.end_fidelity[k] == pytest.approx(states.chain_fidelity(purified.fidelities[-1], 4))
        assert r.raw_pairs[k] == pytest.approx(4 * purified.raw_pairs)
    assert np.all(np.diff(r.end_fidelity) > 0) and np.all(np.diff(r.raw_pairs) > 0)
    bb = generations.purify_then_swap(0.8, 2, 1, protocol="bbpssw")
    assert bb.link_fidelity[1] == pytest.approx(0.838150, abs=1e-6)  # Bennett et al. 1996: BBPSSW from 0.8


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: generations.first_generation_rate(1000.0, detector_efficiency=0.0), "detector_efficiency"),
        (lambda: generations.second_generation_rate(1000.0, detector_efficiency=0.0), "detector_efficiency"),
        (lambda: generations.first_generation_rate(0.0), "total_length_km"),
        (lambda: generations.first_generation_rate(-5.0, 2), "total_length_km"),
        (lambda: generations.first_generation_rate(100.0, -1), "nesting_level"),
        (lambda: generations.first_generation_rate(100.0, swap_success=1.5), "swap_success"),
        (lambda: generations.first_generation_rate(100.0, swap_success=0.0), "swap_success"),
        (lambda: generations.simulate_first_generation(100.0, -1, 10), "nesting_level"),
        (lambda: generations.simulate_first_generation(100.0, 2, 0), "n_pairs"),
        (lambda: generations.second_generation_rate(100.0, 0.0), "node_spacing_km"),
        (lambda: generations.third_generation_rate(100.0, code_size=0), "code_size"),
        (lambda: generations.third_generation_rate(100.0, operation_time_s=0.0), "operation_time_s"),
        (lambda: generations.purify_then_swap(0.9, 0), "n_links"),
        (lambda: generations.purify_then_swap(0.9, 2, -1), "max_rounds"),
        (lambda: generations.purify_then_swap(1.2, 2), "fidelity"),
    ],
)
def test_bad_input_names_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()


def test_heralding_time_used_is_the_links_one():
    # The models pace attempts by links.heralding_time (100 km ≈ 0.98 ms round trip).
    assert links.heralding_time(100.0) == pytest.approx(2 * 100.0 / V_KM_S)


def test_found_by_mutation_even_codes_and_the_rounds_field():
    """An even code of n photons recovers from (n - 1) // 2 losses (4 photons: 1), and purify_then_swap lists
    the rounds 0 … max_rounds beside the fidelities."""
    eta = 0.9 * links.fiber_transmittance(1.5)
    p_hop = eta**4 + 4 * (1 - eta) * eta**3  # at most one of four photons lost
    expected = p_hop ** math.ceil(100.0 / 1.5) / 1e-6
    assert generations.third_generation_rate(100.0, code_size=4) == pytest.approx(expected, rel=1e-12)
    r = generations.purify_then_swap(0.9, 4, 2)
    assert r.rounds.tolist() == [0, 1, 2] and len(r.rounds) == len(r.end_fidelity) == len(r.raw_pairs)
