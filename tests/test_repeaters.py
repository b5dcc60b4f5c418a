"""Tests for qinet.repeaters and its Monte Carlo (qinet.repeater_sim) against worked waiting-time numbers."""

import math
import warnings
from fractions import Fraction

import numpy as np
import pytest

from qinet import bounds, links, repeater_sim, repeaters, states
from qinet.repeaters import _rounds_recursion

TAU_1MS_GROUP_INDEX = 299792.458 / 2e5  # v = 2e5 km/s: a 100 km round trip takes 1 ms


def exact_max_geometric(p: Fraction, n: int) -> Fraction:
    """The inclusion-exclusion sum in exact rational arithmetic (no cancellation error)."""
    return sum((-1) ** (k + 1) * Fraction(math.comb(n, k)) / (1 - (1 - p) ** k) for k in range(1, n + 1))


@pytest.mark.parametrize(
    ("p", "rounds"),
    [(0.5, 2.666667), (0.2, 7.222222), (0.1, 14.736842), (0.05, 29.743590), (0.01, 149.748744), (0.001, 1499.74987)],
)
def test_two_links(p: float, rounds: float) -> None:
    """Shchukin, Schmidt, van Loock (2019): (3 - 2p) / (p (2 - p))."""
    assert repeaters.expected_rounds(p, 2) == pytest.approx(rounds, rel=1e-6)
    assert repeaters.expected_rounds(p, 2) == pytest.approx((3 - 2 * p) / (p * (2 - p)), rel=1e-12)


@pytest.mark.parametrize(
    ("p", "n", "rounds", "rule"),
    [(0.1, 4, 20.2734, 22.50), (0.01, 4, 207.790, 225.0), (0.1, 8, 26.2958, 33.75), (0.01, 16, 336.880, 506.25)],
)
def test_n_links_and_three_halves_rule(p: float, n: int, rounds: float, rule: float) -> None:
    """Exact E[max] against the (3/2)^k rule of Sangouard et al. (2011), which overestimates."""
    assert repeaters.expected_rounds(p, n) == pytest.approx(rounds, rel=1e-5)
    assert repeaters.doubling_rounds(p, n) == pytest.approx(rule, rel=1e-12)
    assert repeaters.doubling_rounds(p, n) > repeaters.expected_rounds(p, n)


@pytest.mark.parametrize("n", [3, 15, 16, 17, 40])
@pytest.mark.parametrize("p", [Fraction(1, 2), Fraction(1, 5), Fraction(3, 20), Fraction(1, 100)])
def test_matches_exact_rational_sum(p: Fraction, n: int) -> None:
    """All evaluation branches (recursion, Euler-Maclaurin closed form, direct sum) agree with exact arithmetic."""
    assert repeaters.expected_rounds(float(p), n) == pytest.approx(float(exact_max_geometric(p, n)), rel=1e-12)


def test_edges_and_broadcasting() -> None:
    assert repeaters.expected_rounds(0.25, 1) == pytest.approx(4.0)
    assert repeaters.expected_rounds(1.0, 1) == 1.0
    assert repeaters.expected_rounds(1.0, 1024) == 1.0
    assert isinstance(repeaters.expected_rounds(0.3, 5), float)
    grid = np.array([[0.01, 0.1], [0.5, 1.0]])
    out = repeaters.expected_rounds(grid, 64)
    assert out.shape == (2, 2)
    assert out[0, 0] == pytest.approx(repeaters.expected_rounds(0.01, 64), rel=1e-14)


def test_long_chains_are_stable() -> None:
    """n up to 1,024 and p down to 1e-9: E -> H_n / lambda + 1/2, continuous across branches, monotone."""
    harmonic = sum(1.0 / k for k in range(1, 1025))
    tiny = 1e-9
    assert repeaters.expected_rounds(tiny, 1024) == pytest.approx(harmonic / -math.log1p(-tiny) + 0.5, rel=1e-12)
    assert repeaters.expected_rounds(0.15, 1024) == pytest.approx(
        repeaters.expected_rounds(0.15 + 1e-12, 1024), rel=1e-9
    )
    for p in (0.001, 0.15, 0.151, 0.3, 0.9):
        assert repeaters.expected_rounds(p, 1024) == pytest.approx(_rounds_recursion(np.array([p]), 1024)[0], rel=1e-9)
    chain = [repeaters.expected_rounds(0.01, n) for n in (1, 2, 4, 16, 64, 256, 1024)]
    assert np.all(np.diff(chain) > 0)
    p_grid = np.geomspace(1e-9, 1.0, 50)
    assert np.all(np.diff(repeaters.expected_rounds(p_grid, 1024)) < 0)


def test_huge_chains_are_constant_time_and_memory() -> None:
    """expected_rounds(0.01, 10**9) once built a harmonic number as a 10^9-element array (> 9 GB): now the digamma
    function gives H_n, and the result matches H_n ~ ln n + gamma + 1/(2n) - 1/(12 n^2)."""
    n = 10**9
    harmonic = math.log(n) + 0.5772156649015329 + 1 / (2 * n) - 1 / (12 * n**2)
    assert repeaters.expected_rounds(0.01, n) == pytest.approx(harmonic / -math.log1p(-0.01) + 0.5, rel=1e-13)
    big_p = repeaters.expected_rounds(0.5, n)
    assert big_p == pytest.approx(math.log2(n) + 0.5 + 0.5772156649015329 / math.log(2), abs=1e-5)  # +-1e-6 wobble
    assert repeaters.expected_rounds(np.array([0.01, 0.5, 1.0]), 10**12).shape == (3,)


def test_delivery_rounds_with_probabilistic_swaps() -> None:
    """Shchukin et al. (2019), two links with a = 0.5: 29.474 (p = 0.1) and 59.487 (p = 0.05)."""
    assert repeaters.delivery_rounds(0.1, 2, swap_success=0.5) == pytest.approx(29.474, rel=1e-4)
    assert repeaters.delivery_rounds(0.05, 2, swap_success=0.5) == pytest.approx(59.487, rel=1e-4)
    assert repeaters.delivery_rounds(0.1, 4) == pytest.approx(repeaters.expected_rounds(0.1, 4))


def test_two_link_memory_example() -> None:
    """Worked example: two 100 km links, tau = 1 ms, p = 0.01, T2 = 1 s."""
    m = repeaters.two_link_memory(100.0, 1.0, attempt_period_s=1e-3)
    assert m.p == pytest.approx(0.01, rel=1e-12)
    assert m.mean_wait_s == pytest.approx(0.14975, rel=1e-4)
    assert m.mean_idle_s == pytest.approx(0.09950, rel=1e-4)
    assert m.fidelity_at_mean_idle == pytest.approx(0.9098, rel=1e-4)
    assert m.mean_fidelity == pytest.approx(0.91702, rel=1e-5)
    same = repeaters.two_link_memory(100.0, 1.0, group_index=TAU_1MS_GROUP_INDEX)
    assert same.attempt_period_s == pytest.approx(1e-3, rel=1e-9)
    assert same.mean_fidelity == pytest.approx(m.mean_fidelity, rel=1e-9)


@pytest.mark.parametrize(("t2", "at_mean_idle"), [(0.1, 0.5684), (10.0, 0.9901)])
def test_two_link_memory_other_t2(t2: float, at_mean_idle: float) -> None:
    """The worked example at T2 = 0.1 s and 10 s. The exact average is checked by summing the geometric distribution
    of |X - Y| directly (it gives 0.66724 and 0.99024)."""
    m = repeaters.two_link_memory(100.0, t2, attempt_period_s=1e-3)
    assert m.fidelity_at_mean_idle == pytest.approx(at_mean_idle, rel=2e-4)
    p, q = 0.01, 0.99
    k = np.arange(200_000)
    prob = np.where(k == 0, p / (2 - p), 2 * p * q**k / (2 - p))
    direct = np.sum(prob * (1 + np.exp(-2 * k * 1e-3 / t2)) / 2)
    assert m.mean_fidelity == pytest.approx(direct, rel=1e-9)


@pytest.mark.parametrize("cutoff", [0, 3, 20])
def test_two_link_memory_cutoff_matches_monte_carlo(cutoff: int) -> None:
    """The closed forms with a cutoff against simulate_chain's cutoff scheme (p = 0.05, tau = 1 ms, T2 = 0.1 s)."""
    m = repeaters.two_link_memory(100.0, 0.1, p=0.05, attempt_period_s=1e-3, cutoff_rounds=cutoff)
    sim = repeaters.simulate_chain(2, 0.05, 50_000, cutoff_rounds=cutoff, attempt_period_s=1e-3, t2_s=0.1, seed=8)

    def close(samples: np.ndarray, value: float) -> bool:
        return abs(samples.mean() - value) <= 4 * samples.std(ddof=1) / math.sqrt(samples.size) + 1e-12

    assert close(sim.waiting_s, m.mean_wait_s)
    assert close(sim.idle_qubit_rounds * 1e-3 / 2, m.mean_idle_s)
    assert close(sim.fidelities, m.mean_fidelity)


def test_two_link_memory_cutoff_limits() -> None:
    """c = 0: both links must succeed in the same round (1/p^2 rounds, no idling); c = inf: no cutoff."""
    zero = repeaters.two_link_memory(100.0, 1.0, p=0.1, attempt_period_s=1.0, cutoff_rounds=0)
    assert zero.mean_wait_s == pytest.approx(100.0) and zero.mean_idle_s == 0.0 and zero.mean_fidelity == 1.0
    inf = repeaters.two_link_memory(100.0, 1.0, p=0.1, attempt_period_s=1.0, cutoff_rounds=math.inf)
    none = repeaters.two_link_memory(100.0, 1.0, p=0.1, attempt_period_s=1.0)
    assert inf == none
    with pytest.raises(ValueError, match="cutoff_rounds"):
        repeaters.two_link_memory(100.0, 1.0, cutoff_rounds=2.5)
    with pytest.raises(ValueError, match="cutoff_rounds"):
        repeaters.two_link_memory(100.0, 1.0, cutoff_rounds=-1)


@pytest.mark.parametrize(("t1", "t2", "fidelity"), [(1.0, 1.0, 1.0), (0.5, 1.0, 0.95), (10.0, 0.2, 0.9)])
def test_two_link_memory_with_t1_matches_the_geometric_sum(t1: float, t2: float, fidelity: float) -> None:
    """Energy relaxation of the waiting link's two qubits, averaged by summing the distribution of K = |X - Y|
    directly over stored_bell_coefficients, then swapped with a fresh Werner link: F = (1 - w)/4 + w F1."""
    m = repeaters.two_link_memory(100.0, t2, t1_s=t1, p=0.01, attempt_period_s=1e-3, link_fidelity=fidelity)
    p, q, w = 0.01, 0.99, (4 * fidelity - 1) / 3
    k = np.arange(200_000)
    prob = np.where(k == 0, p / (2 - p), 2 * p * q**k / (2 - p))
    stored = states.stored_fidelity(fidelity, k * 1e-3, t2, t1_s=t1, qubits=2)
    assert m.mean_fidelity == pytest.approx(np.sum(prob * ((1 - w) / 4 + w * stored)), rel=1e-10)
    dephasing_only = repeaters.two_link_memory(100.0, t2, p=0.01, attempt_period_s=1e-3, link_fidelity=fidelity)
    assert m.mean_fidelity < dephasing_only.mean_fidelity
    assert m.mean_wait_s == dephasing_only.mean_wait_s


@pytest.mark.parametrize("cutoff", [None, 5, 40])
def test_two_link_memory_with_t1_and_cutoff_matches_monte_carlo(cutoff: int | None) -> None:
    m = repeaters.two_link_memory(
        100.0, 0.05, t1_s=0.1, p=0.05, attempt_period_s=1e-3, cutoff_rounds=cutoff, link_fidelity=0.97
    )
    sim = repeaters.simulate_chain(
        2, 0.05, 40_000, cutoff_rounds=cutoff, attempt_period_s=1e-3, t2_s=0.05, t1_s=0.1, link_fidelity=0.97, seed=12
    )
    err = sim.fidelities.std(ddof=1) / math.sqrt(sim.fidelities.size)
    assert abs(sim.fidelities.mean() - m.mean_fidelity) < 4 * err


def test_two_link_memory_werner_links_and_arrays() -> None:
    m = repeaters.two_link_memory(np.array([25.0, 50.0, 100.0]), 0.5, link_fidelity=0.95, detector_efficiency=0.8)
    assert m.mean_fidelity.shape == (3,)
    no_wait = repeaters.two_link_memory(0.0, 1.0, link_fidelity=0.95)
    from qinet.states import swap_fidelity

    assert no_wait.mean_fidelity == pytest.approx(swap_fidelity(0.95, 0.95))
    assert no_wait.mean_wait_s == 0.0


def test_repeater_rate() -> None:
    """Two 100 km links with tau = 1 ms: 1 / (149.75 ms) = 6.678 pairs/s; one link = p / tau."""
    assert repeaters.repeater_rate(200.0, 2, group_index=TAU_1MS_GROUP_INDEX) == pytest.approx(1 / 0.14975, rel=1e-4)
    direct = repeaters.repeater_rate(100.0, 1)
    assert direct == pytest.approx(0.01 / links.heralding_time(100.0), rel=1e-12)
    assert repeaters.repeater_rate(100.0, 1, midpoint=True) == pytest.approx(2 * direct)
    lengths = np.array([0.0, 100.0, 1000.0, 10_000.0])
    big = repeaters.repeater_rate(lengths, 1024, detector_efficiency=0.9)
    assert math.isinf(big[0]) and np.all(np.isfinite(big[1:])) and np.all(big[1:] > 0)
    assert np.all(np.diff(big[1:]) < 0)
    doubling = repeaters.repeater_rate(1000.0, 8, model="doubling")
    assert doubling < repeaters.repeater_rate(1000.0, 8)
    assert repeaters.repeater_rate(1000.0, 8, swap_success=0.5) == pytest.approx(
        repeaters.repeater_rate(1000.0, 8) * 0.5**7
    )


def test_hopeless_chains_give_zero_rate_without_warnings() -> None:
    """a^(n-1) underflows for long chains of unreliable swaps: rates go to 0 (or inf at zero length), quietly."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        rate = repeaters.repeater_rate(np.array([0.0, 100.0]), 1024, swap_success=0.5)
        assert math.isinf(rate[0]) and rate[1] == 0.0
        assert math.isinf(repeaters.delivery_rounds(0.5, 1024, swap_success=0.1))
        assert math.isnan(repeaters.plob_crossover_km(1024, swap_success=0.5))


def test_plob_crossover() -> None:
    """At the crossover the chain's pairs per use equal PLOB's bits per use at the same distance."""
    assert math.isnan(repeaters.plob_crossover_km(1))
    for n in (2, 8, 1024):
        x = repeaters.plob_crossover_km(n, detector_efficiency=0.9)
        assert 0 < x < 100
        chain = repeaters.rate_per_use(x, n, detector_efficiency=0.9)
        assert chain == pytest.approx(bounds.plob_bound(links.fiber_transmittance(x)), rel=1e-6)
        assert repeaters.rate_per_use(x + 1, n, detector_efficiency=0.9) > bounds.plob_bound(
            links.fiber_transmittance(x + 1)
        )


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: repeaters.expected_rounds(0.0, 2), "p"),
        (lambda: repeaters.expected_rounds(1.5, 2), "p"),
        (lambda: repeaters.expected_rounds(0.1, 0), "n_links"),
        (lambda: repeaters.expected_rounds(0.1, 2.5), "n_links"),
        (lambda: repeaters.doubling_rounds(0.1, 6), "n_links"),
        (lambda: repeaters.delivery_rounds(0.1, 2, swap_success=0.0), "swap_success"),
        (lambda: repeaters.repeater_rate(-1.0, 2), "total_length_km"),
        (lambda: repeaters.repeater_rate(100.0, 2, detector_efficiency=0.0), "detector_efficiency"),
        (lambda: repeaters.repeater_rate(100.0, 2, model="fast"), "model"),
        (lambda: repeaters.two_link_memory(100.0, 0.0), "t2_s"),
        (lambda: repeaters.two_link_memory(-5.0, 1.0), "length_km"),
        (lambda: repeaters.two_link_memory(5.0, 1.0, p=0.0), "p"),
        (lambda: repeaters.simulate_chain(0, 0.1, 10), "n_links"),
        (lambda: repeaters.simulate_chain(2, 0.0, 10), "p"),
        (lambda: repeaters.simulate_chain(2, 0.1, 0), "n_pairs"),
        (lambda: repeaters.simulate_chain(2, 0.1, 10, t2_s=1.0), "attempt_period_s"),
        (lambda: repeaters.simulate_chain(2, 0.1, 10, attempt_period_s=1e-3, t2_s=-1.0), "t2_s"),
        (lambda: repeaters.simulate_chain(3, 0.1, 10, swap_success=0.5), "n_links"),
        (lambda: repeaters.simulate_chain(2, 0.1, 10, swap_success=0.5, cutoff_rounds=5), "swap_success"),
        (lambda: repeaters.simulate_chain(64, 0.1, 10**6, swap_success=0.5), "n_pairs"),
        (lambda: repeaters.simulate_chain(4, 0.1, 10**8), "MAX_PAIRS"),
        (lambda: repeaters.simulate_chain(2, 1e-20, 10), "p must be in \\[1e-12"),
        (lambda: repeaters.simulate_chain(64, 0.1, 10**6), "MAX_DRAWS"),
        (lambda: repeaters.simulate_chain(8, 0.1, 10**6, cutoff_rounds=5), "MAX_CUTOFF_CELLS"),
        (lambda: repeaters.simulate_chain(4, 0.1, 10, attempt_period_s=1.0, t2_s=1.0, t1_s=2.0), "t1_s"),
        (lambda: repeaters.simulate_chain(2, 0.1, 10, t1_s=2.0), "t2_s"),
        (lambda: repeaters.simulate_chain(2, 0.1, 10, attempt_period_s=1.0, t2_s=1.0, t1_s=0.4), "t2_s"),
        (lambda: repeaters.simulate_chain(4, 0.1, 10, signalling_rounds=[1.0]), "signalling_rounds"),
        (lambda: repeaters.simulate_chain(4, 0.1, 10, signalling_rounds=[1.0, -1.0]), "signalling_rounds"),
        (lambda: repeaters.simulate_chain(3, 0.1, 10, signalling_rounds=[1.0]), "n_links"),
        (lambda: repeaters.simulate_chain(2, 0.1, 10, cutoff_rounds=3, signalling_rounds=[1.0]), "signalling"),
        (lambda: repeaters.two_link_memory(100.0, 1.0, t1_s=0.4), "t2_s"),
        (lambda: repeaters.two_link_memory(100.0, 1.0, t1_s=-1.0), "t1_s"),
    ],
)
def test_bad_input_names_parameter(call, name: str) -> None:
    with pytest.raises(ValueError, match=name):
        call()


# ---- Monte Carlo ---------------------------------------------------------------------------------


def test_monte_carlo_matches_analytic_waiting_time() -> None:
    """Mean delivery rounds within 4 standard errors of expected_rounds (64 links, 10^5 pairs)."""
    for n, p in ((64, 0.01), (2, 0.1), (16, 0.5)):
        sim = repeaters.simulate_chain(n, p, 100_000, seed=11)
        assert abs(sim.mean_rounds - repeaters.expected_rounds(p, n)) < 4 * sim.stderr_rounds
        assert sim.waiting_rounds.shape == (100_000,)


def test_monte_carlo_probabilistic_swaps() -> None:
    """Two links, a = 0.5: 29.474 (exact). Four links nested: an independent
    Monte Carlo gave 84.2 +- 0.5 and 432 +- 3, below 90 / 450."""
    two = repeaters.simulate_chain(2, 0.1, 100_000, swap_success=0.5, seed=5)
    assert abs(two.mean_rounds - 29.474) < 4 * two.stderr_rounds
    for p, ref, ref_err, rule in ((0.1, 84.2, 0.5, 90.0), (0.02, 432.0, 3.0, 450.0)):
        four = repeaters.simulate_chain(4, p, 50_000, swap_success=0.5, seed=6)
        assert abs(four.mean_rounds - ref) < 4 * math.hypot(four.stderr_rounds, ref_err)
        assert repeaters.doubling_rounds(p, 4, swap_success=0.5) == pytest.approx(rule)
        assert four.mean_rounds < rule


def test_monte_carlo_memory_fidelity_matches_closed_form() -> None:
    """Two links, p = 0.01, tau = 1 ms, T2 = 1 s: mean fidelity 0.91702 (closed form), idle 99.5 ms."""
    sim = repeaters.simulate_chain(2, 0.01, 100_000, attempt_period_s=1e-3, t2_s=1.0, seed=3)
    se = sim.fidelities.std(ddof=1) / math.sqrt(sim.fidelities.size)
    assert abs(sim.fidelities.mean() - 0.91702) < 4 * se
    idle_s = sim.idle_qubit_rounds * 1e-3 / 2  # both qubits of the waiting link
    assert abs(idle_s.mean() - 0.09950) < 4 * idle_s.std(ddof=1) / math.sqrt(idle_s.size)
    np.testing.assert_allclose(sim.waiting_s, sim.waiting_rounds * 1e-3)


def test_monte_carlo_werner_links_and_swap_asap_idle() -> None:
    """Perfect memories (huge T2) give the chain fidelity; idle counts only the ends of ready segments."""
    sim = repeaters.simulate_chain(4, 0.2, 2000, attempt_period_s=1e-3, t2_s=1e12, link_fidelity=0.95, seed=1)
    from qinet.states import chain_fidelity

    np.testing.assert_allclose(sim.fidelities, chain_fidelity(0.95, 4), rtol=1e-6)
    assert np.all(sim.idle_qubit_rounds <= 2 * 3 * (sim.waiting_rounds - 1))
    assert np.all(sim.idle_qubit_rounds >= 0)


def test_monte_carlo_cutoff() -> None:
    """A cutoff longer than any wait changes nothing on average; a short one bounds the idle time."""
    loose = repeaters.simulate_chain(4, 0.1, 20_000, cutoff_rounds=10_000, seed=2)
    assert abs(loose.mean_rounds - repeaters.expected_rounds(0.1, 4)) < 4 * loose.stderr_rounds
    tight = repeaters.simulate_chain(4, 0.1, 20_000, cutoff_rounds=5, seed=2)
    assert tight.mean_rounds > loose.mean_rounds + 4 * tight.stderr_rounds
    assert tight.idle_qubit_rounds.max() <= 2 * 4 * 5
    with pytest.raises(ValueError, match="cutoff_rounds"):
        repeaters.simulate_chain(8, 0.01, 100, cutoff_rounds=0, max_rounds=200, seed=1)


def test_monte_carlo_signalling_adds_to_every_nesting_level() -> None:
    """Nested swapping with signalling: with p = 1 and a = 1 every level takes exactly 1 round plus its delays."""
    sim = repeaters.simulate_chain(8, 1.0, 100, signalling_rounds=[0.5, 1.0, 2.0], seed=1)
    np.testing.assert_allclose(sim.waiting_rounds, 1 + 0.5 + 1.0 + 2.0)
    two = repeaters.simulate_chain(2, 0.1, 50_000, signalling_rounds=[3.0], seed=2)
    assert abs(two.mean_rounds - (repeaters.expected_rounds(0.1, 2) + 3.0)) < 4 * two.stderr_rounds
    assert repeater_sim.MAX_PAIRS * 32 < 100 * 2**20  # the per-pair results stay below 100 MB


def test_monte_carlo_is_seeded() -> None:
    a = repeaters.simulate_chain(8, 0.05, 1000, seed=42)
    b = repeaters.simulate_chain(8, 0.05, 1000, seed=42)
    c = repeaters.simulate_chain(8, 0.05, 1000, seed=43)
    np.testing.assert_array_equal(a.waiting_rounds, b.waiting_rounds)
    np.testing.assert_array_equal(a.idle_qubit_rounds, b.idle_qubit_rounds)
    assert not np.array_equal(a.waiting_rounds, c.waiting_rounds)
    nested = [repeaters.simulate_chain(4, 0.1, 500, swap_success=0.7, seed=9).waiting_rounds for _ in range(2)]
    np.testing.assert_array_equal(*nested)


@pytest.mark.parametrize(("t1", "t2", "fidelity"), [(0.5, 1.0, 0.95), (10.0, 0.2, 0.9)])
def test_two_link_memory_fidelity_at_the_mean_idle_time_with_t1(t1: float, t2: float, fidelity: float) -> None:
    """At the mean idle time, the waiting link's two qubits relax as in stored_fidelity (both stored), then
    the swap with a fresh Werner link gives F = (1 - w)/4 + w F1 (found by mutation: T1 here was untested)."""
    m = repeaters.two_link_memory(100.0, t2, t1_s=t1, p=0.01, attempt_period_s=1e-3, link_fidelity=fidelity)
    w = (4 * fidelity - 1) / 3
    stored = states.stored_fidelity(fidelity, m.mean_idle_s, t2, t1_s=t1, qubits=2)
    assert m.fidelity_at_mean_idle == pytest.approx((1 - w) / 4 + w * stored, rel=1e-12)


def test_required_coherence_time_with_t1_reaches_the_target() -> None:
    """With T1 = 2 T2 the memory needs a longer T2 than with pure dephasing, and two_link_memory at that T2
    (and T1 = 2 T2) gives the target (found by mutation: T1 = ratio * T2 was untested)."""
    target = 0.9
    t2 = repeaters.required_coherence_time(100.0, target, t1_over_t2=2.0, attempt_period_s=1e-3)
    assert repeaters.two_link_memory(100.0, t2, t1_s=2.0 * t2, attempt_period_s=1e-3).mean_fidelity == pytest.approx(
        target, rel=1e-9
    )
    assert t2 > repeaters.required_coherence_time(100.0, target, attempt_period_s=1e-3)


def test_idle_qubit_rounds_counted_round_by_round() -> None:
    """The closed form of the idle count (ends of every ready segment) against a round-by-round count, for
    three and five links (found by mutation: only two links, where the two forms coincide, were tested)."""
    for n in (3, 5):
        waits, idles = repeater_sim._deterministic(np.random.default_rng(5), n, 0.3, 200)
        attempts = np.random.default_rng(5).geometric(0.3, size=(200, n))  # the same draws
        for g, wait, idle in zip(attempts, waits, idles, strict=True):
            counted = 0
            for t in range(1, wait):
                up = g <= t
                counted += 2 * (int(up.sum()) - int((up[1:] & up[:-1]).sum()))  # two ends per ready segment
            assert (wait, idle) == (g.max(), counted)


def test_nested_idle_time_against_an_independent_monte_carlo() -> None:
    """Nested doubling of four links with sure swaps: each pair of links idles 2 |G1 - G2| qubit-rounds, then
    the first finished half waits 2 |T12 - T34|; the mean against a separate Monte Carlo of that rule
    (found by mutation: the nested idle count was never compared with anything)."""
    sim = repeater_sim.simulate_chain(4, 0.2, 40_000, signalling_rounds=[0.0, 0.0], seed=3)
    g = np.random.default_rng(11).geometric(0.2, size=(400_000, 4))
    t12, t34 = g[:, :2].max(axis=1), g[:, 2:].max(axis=1)
    idle = 2 * np.abs(g[:, 0] - g[:, 1]) + 2 * np.abs(g[:, 2] - g[:, 3]) + 2 * np.abs(t12 - t34)
    stderr = np.hypot(
        sim.idle_qubit_rounds.std() / np.sqrt(sim.idle_qubit_rounds.size), idle.std() / np.sqrt(idle.size)
    )
    assert abs(sim.idle_qubit_rounds.mean() - idle.mean()) < 5 * stderr
    assert abs(sim.mean_rounds - np.maximum(t12, t34).mean()) < 5 * sim.stderr_rounds


def test_simulation_schemes_and_their_limits() -> None:
    """Found by mutation: three links (not a power of two) with sure swaps; a cutoff run that must finish in
    exactly max_rounds; and a nested run whose random draws grow as (2/a)^levels."""
    assert repeater_sim.simulate_chain(3, 0.3, 100, seed=1).waiting_rounds.size == 100
    done = repeater_sim.simulate_chain(2, 1.0, 10, cutoff_rounds=0, max_rounds=1, seed=1)
    np.testing.assert_array_equal(done.waiting_rounds, 1)
    with pytest.raises(ValueError, match="random draws"):
        repeater_sim.simulate_chain(16, 0.5, 500_000, swap_success=0.5, seed=1)  # 500,000 * 4**4 > MAX_DRAWS
