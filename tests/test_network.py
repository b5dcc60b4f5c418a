"""qinet.network: validation, the pair algebra, the simulation against exact references, routing, data."""

from __future__ import annotations

import math

import numpy as np
import pytest

from qinet import repeaters, states
from qinet.network import (
    FiberLink,
    Network,
    Node,
    catalog,
    chain_network,
    pairs,
    reference,
    routing,
    simulate,
    topology,
)
from qinet.network.simulate import EVENT_KINDS

# --- validation --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("build", "words"),
    [
        (
            lambda: Network([Node("A", "end"), Node("B", "end"), Node("C", "end")], [FiberLink("A", "B", 1.0)]),
            "disconnected",
        ),
        (lambda: Network([Node("A", "end")], [FiberLink("A", "Z", 1.0)]), "unknown node 'Z'"),
        (lambda: FiberLink("A", "B", -3.0), "length_km of link 'A'–'B'"),
        (lambda: Node("R", "repeater", memories=0), "memories of node 'R'"),
        (lambda: Node("R", t1_s=1.0, t2_s=3.0), "T2 <= 2 T1"),
        (lambda: Node("R", t2_s=float("nan")), "t2_s of node 'R'"),
        (lambda: FiberLink("A", "B", 1.0, heralding="triple"), "heralding of link"),
        (
            lambda: Network([Node("A", "end"), Node("B", "end")], [FiberLink("A", "B", 1.0), FiberLink("B", "A", 2.0)]),
            "given twice",
        ),
    ],
)
def test_bad_networks_are_refused_with_the_name_and_value(build, words):
    with pytest.raises(ValueError, match=words.replace("(", r"\(").replace(")", r"\)")):
        build()


def test_simulate_refuses_bad_requests():
    net = chain_network(2, 10.0)
    with pytest.raises(
        ValueError, match=r"destination must be a node of this network, one of \['A', 'B', 'R1'\]; got 'Q'"
    ):
        simulate(net, "A", "Q")
    with pytest.raises(ValueError, match="multiplexing=2 needs 2 memories at node 'A', which has 1"):
        simulate(net, "A", "B", multiplexing=2)
    with pytest.raises(ValueError, match="purification needs multiplexing >= 2"):
        simulate(net, "A", "B", purification="dejmps")
    with pytest.raises(ValueError, match="path \\['A', 'B'\\] steps from 'A' to 'B', which no link joins"):
        simulate(net, "A", "B", path=["A", "B"])
    with pytest.raises(ValueError, match="pairs=1,000,000 needs about 2,480 MB"):
        simulate(net, "A", "B", pairs=10**6)
    with pytest.raises(ValueError, match="pairs=1,000,000 would take about 40 s"):
        simulate(net, "A", "B", pairs=10**6, record_events=False)
    backbone = catalog.load("beijing-shanghai")
    with pytest.raises(ValueError, match="node 'Beijing' .* needs at least a memory"):
        simulate(backbone, "Beijing", "Jinan")


def test_a_run_that_cannot_finish_stops_at_the_deadline(monkeypatch):
    """A cut-off shorter than the links need never delivers: the run stops at the session's deadline."""
    from qinet import _limits

    monkeypatch.setattr(_limits, "MAX_SECONDS", 0.3)
    with pytest.raises(_limits.ResourceLimitError, match=r"pairs=5: the run stopped after 0.3 s .* 0 pairs delivered"):
        simulate(chain_network(2, 50.0), "A", "B", pairs=5, cutoff_s=1e-6, record_events=False, seed=1)


def test_a_run_that_delivers_nothing_says_so():
    run = simulate(chain_network(1, 300.0), "A", "B", pairs=5, until_s=1e-3, seed=1)
    assert run.delivered == 0 and run.rate_hz == 0.0
    assert "no pair delivered" in run.summary()
    with pytest.raises(ValueError, match="no pair was delivered"):
        run.mean_fidelity  # noqa: B018


# --- pair algebra ------------------------------------------------------------------------------------


def test_pair_algebra_matches_qinet_states():
    assert pairs.fidelity(pairs.multiply(pairs.werner(0.9), pairs.werner(0.8))) == pytest.approx(
        states.swap_fidelity(0.9, 0.8), abs=1e-12
    )
    for f in (0.6, 0.8, 0.95):
        lam, p = pairs.dejmps(pairs.werner(f), pairs.werner(f))
        coeffs, p_ref = states.dejmps(states.werner_coefficients(f))
        assert np.allclose(pairs.weights(lam), coeffs) and p == pytest.approx(p_ref)
    lam = pairs.storage_decay(0.3, t1_s=math.inf, t2_s=1.0)
    assert pairs.fidelity(pairs.multiply(lam, lam)) == pytest.approx(states.stored_fidelity(1.0, 0.3, 1.0, qubits=2))


def test_t1_decay_matches_aer_thermal_relaxation():
    lam = pairs.multiply(pairs.werner(0.9), pairs.storage_decay(0.4, t1_s=0.5, t2_s=0.3))
    assert pairs.fidelity(lam) == pytest.approx(reference.aer_stored_fidelity(0.9, 0.4, t1_s=0.5, t2_s=0.3), abs=1e-7)


# --- the simulation against exact references ------------------------------------------------------------


def test_same_seed_same_run():
    net = chain_network(3, 20.0, t2_s=0.05)
    a, b = (simulate(net, "A", "B", pairs=50, seed=11) for _ in range(2))
    assert np.array_equal(a.delivery_times_s, b.delivery_times_s) and np.array_equal(a.fidelities, b.fidelities)


def test_single_link_waits_a_geometric_number_of_attempts():
    net = chain_network(1, 10.0)
    link = net.link("A", "B")
    run = simulate(net, "A", "B", pairs=4000, seed=2, record_events=False)
    expected = topology.attempt_period_s(link) / topology.success_probability(link)
    assert abs(run.mean_interval_s - expected) < 4 * run.interval_stderr_s


def test_two_links_wait_for_the_slower_and_for_the_message():
    net = chain_network(2, 5.0)
    link = net.link("A", "R1")
    p, period = topology.success_probability(link), topology.attempt_period_s(link)
    run = simulate(net, "A", "B", pairs=4000, seed=3, record_events=False)
    expected = reference.two_link_cycle_s(p, period, topology.classical_delay_s(5.0))
    assert abs(run.mean_interval_s - expected) < 4 * run.interval_stderr_s
    without_message = float(repeaters.expected_rounds(p, 2)) * period
    assert abs(run.mean_interval_s - without_message) > 10 * run.interval_stderr_s


def test_two_link_fidelity_matches_the_closed_form():
    t2 = 2e-3
    net = chain_network(2, 20.0, t2_s=t2)
    link = net.link("A", "R1")
    p, period = topology.success_probability(link), topology.attempt_period_s(link)
    run = simulate(net, "A", "B", pairs=6000, seed=4, record_events=False)
    idle = (4 * repeaters.two_link_memory(20.0, t2, p=p, attempt_period_s=period).mean_fidelity - 2) / 2
    expected = (2 + 2 * math.exp(-6 * period / t2) * idle) / 4
    assert abs(run.mean_fidelity - expected) < 4 * run.fidelity_stderr
    assert reference.two_link_mean_fidelity(p, period, t2) == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize("n", [2, 3, 4])
def test_swap_chain_matches_aer(n):
    run = simulate(chain_network(n, 5.0, link_fidelity=0.93), "A", "B", pairs=3, seed=1)
    assert run.fidelities == pytest.approx(reference.aer_chain_fidelity(n, 0.93), abs=1e-9)


def test_purification_round_matches_states():
    run = simulate(
        chain_network(1, 1.0, multiplexing=2, link_fidelity=0.75), "A", "B", pairs=5, seed=1, purification="dejmps"
    )
    assert run.fidelities == pytest.approx(states.purify(0.75, 1).fidelities[1], abs=1e-9)


def test_multiplexing_multiplies_the_link_rate():
    rates = [
        simulate(chain_network(1, 25.0, multiplexing=m), "A", "B", pairs=3000, seed=5, record_events=False).rate_hz
        for m in (1, 3)
    ]
    assert rates[1] / rates[0] == pytest.approx(3.0, rel=0.1)


def test_cutoff_and_failed_swaps_still_deliver_and_log_discards():
    net = chain_network(3, 20.0, multiplexing=2, t2_s=0.01)
    run = simulate(net, "A", "B", pairs=50, seed=6, cutoff_s=2e-3, swap_success=0.5)
    assert run.delivered == 50
    assert any(e.kind == "discard" for e in run.events)
    assert {e.kind for e in run.events} <= set(EVENT_KINDS)


# --- routing and data ---------------------------------------------------------------------------------


BEIJING_SHANGHAI_SPANS = [522.0 / 8] * 8 + [766.0 / 12] * 12 + [712.0 / 12] * 12  # the backbone's 32 spans, km


def _sampled_chain_wait(p, period, herald=None, samples=200_000, seed=1):
    """Monte Carlo of max_i (d_i + (G_i - 1) T_i), independent of `routing.chain_wait_s`."""
    p, period = np.asarray(p, float), np.asarray(period, float)
    herald = period if herald is None else np.asarray(herald, float)
    draws = np.random.default_rng(seed).geometric(p[:, None], size=(p.size, samples))
    up = np.max(herald[:, None] + (draws - 1) * period[:, None], axis=0)
    return up.mean(), up.std(ddof=1) / np.sqrt(samples)


def _waits(net):
    links = net.path_links(tuple(net.nodes))
    return (
        [topology.success_probability(lk) for lk in links],
        [topology.attempt_period_s(lk) for lk in links],
        [topology.herald_delay_s(lk) for lk in links],
    )


def test_chain_wait_is_exact_for_equal_and_nearly_equal_links():
    assert routing.chain_wait_s([0.2] * 3, [1.0] * 3) == pytest.approx(repeaters.expected_rounds(0.2, 3), rel=1e-12)
    # a hair of difference sends the links through the general sum, which must reproduce the closed form
    p, t = 0.05, 1e-3
    nearly = routing.chain_wait_s([p] * 5 + [p * (1 + 1e-12)], [t] * 5 + [t * (1 + 1e-12)])
    assert nearly == pytest.approx(float(repeaters.expected_rounds(p, 6)) * t, rel=1e-9)
    assert routing.chain_wait_s([0.5, 0.1], [1.0, 1.0]) == pytest.approx(2 + 10 - 1 / (1 - 0.5 * 0.9), rel=1e-10)


def test_the_beijing_shanghai_spans_as_repeater_links_match_a_monte_carlo():
    # the old code summed the 32 mean waits (a bound meant for "long" chains): 1.82 pairs/s
    spans = chain_network(32, BEIJING_SHANGHAI_SPANS, detector_efficiency=0.8)
    p, period, _ = _waits(spans)
    mean, err = _sampled_chain_wait(p, period)
    assert abs(routing.chain_wait_s(p, period) - mean) < 4 * err
    rate = routing.path_rate_hz(spans, tuple(spans.nodes))
    assert rate == pytest.approx(14.03, abs=0.01)
    # shortening links cannot slow the chain: every span is at most 65.25 km
    longest = chain_network(32, max(BEIJING_SHANGHAI_SPANS), detector_efficiency=0.8)
    assert rate > routing.path_rate_hz(longest, tuple(longest.nodes))


@pytest.mark.parametrize("n_links", [2, 5, 17])
def test_unequal_links_match_a_monte_carlo(n_links):
    lengths = np.linspace(20.0, 60.0, n_links)
    p, period, _ = _waits(chain_network(n_links, lengths))
    mean, err = _sampled_chain_wait(p, period)
    assert abs(routing.chain_wait_s(p, period) - mean) < 4 * err


def test_herald_delays_longer_than_the_attempt_period_are_waited_for():
    p, period, herald = [0.02, 0.05], [1e-6, 2e-6], [3e-3, 1e-3]  # a fast source far from its stations
    mean, err = _sampled_chain_wait(p, period, herald)
    assert abs(routing.chain_wait_s(p, period, herald) - mean) < 4 * err
    assert routing.chain_wait_s([0.3], [1e-6], [2e-3]) == pytest.approx(2e-3 + (1 / 0.3 - 1) * 1e-6, rel=1e-12)


def test_very_lossy_links_are_bracketed_within_half_an_attempt_period(monkeypatch):
    p, period = [2e-4, 5e-5, 1e-4], [1e-3, 2e-3, 1.5e-3]
    classes = routing._link_classes(p, period, None)
    estimate, half_width = routing._chain_wait(classes)  # more herald times than MAX_ATTEMPT_TIMES: bracketed
    assert 0 < half_width <= max(period) / 2
    monkeypatch.setattr(routing, "MAX_ATTEMPT_TIMES", 10**7)
    exact, zero = routing._chain_wait(classes)
    assert zero == 0.0 and abs(estimate - exact) <= half_width and abs(estimate / exact - 1) < 1e-4


def test_chain_wait_refuses_bad_input():
    with pytest.raises(ValueError, match="success must be in"):
        routing.chain_wait_s([0.0, 0.1], [1.0, 1.0])
    with pytest.raises(ValueError, match="period_s must be in"):
        routing.chain_wait_s([0.1], [float("nan")])
    with pytest.raises(ValueError, match="equally long"):
        routing.chain_wait_s([0.1, 0.2], [1.0])


def test_bbm92_key_needs_fidelity_above_0835():
    assert routing.bbm92_key_rate_bps(10.0, 0.83) == 0.0 and routing.bbm92_key_rate_bps(10.0, 0.84) > 0.0
    with pytest.raises(ValueError, match="fidelity"):
        routing.bbm92_key_rate_bps(10.0, 1.2)


def test_first_pair_estimate_is_close_to_a_monte_carlo_of_the_swap_asap_protocol():
    """Dephasing memories (T1 = inf): the estimate at the mean waits against sampled waits."""
    v = 299_792.458 / 1.468
    lengths = np.array(BEIJING_SHANGHAI_SPANS)
    position = np.concatenate([[0.0], np.cumsum(lengths)])
    p = 0.5 * 0.8**2 * 10 ** (-0.02 * lengths)
    period = lengths / v
    draws = np.random.default_rng(2).geometric(p[:, None], size=(p.size, 20_000))
    heralded = draws * period[:, None]
    swapped = np.maximum(heralded[:-1], heralded[1:])
    inner = position[1:-1, None]
    known = np.maximum(np.max(swapped + inner / v, axis=0), np.max(swapped + (position[-1] - inner) / v, axis=0))
    emitted = heralded - period[:, None]
    storage = (2 * swapped - emitted[:-1] - emitted[1:]).sum(axis=0) + 2 * known - emitted[0] - emitted[-1]
    for t2 in (1.0, 10.0):
        sampled = np.mean((1 + np.exp(-storage / t2)) / 2)
        chain = chain_network(32, BEIJING_SHANGHAI_SPANS, t2_s=t2, detector_efficiency=0.8)
        assert routing.path_fidelity(chain, tuple(chain.nodes)) == pytest.approx(sampled, abs=0.01)


def test_end_nodes_wait_for_every_outcome_as_a_monte_carlo_of_broadcast_messages():
    """The first delivery of 10 short links: an end node needs every swap outcome, relayed or not.

    (Before outcomes were relayed, the ends missed outcomes that reached a node after it had swapped,
    and the first delivery came 3.5 µs, seven standard errors, too early.)
    """
    v = 299_792.458 / 1.468
    net = chain_network(10, 1.0)
    seeds = np.random.default_rng(1).integers(2**31, size=400)
    firsts = np.array(
        [simulate(net, "A", "B", pairs=1, seed=int(s), record_events=False).delivery_times_s[0] for s in seeds]
    )
    p, period = 0.5 * 10**-0.02, 1.0 / v
    heralded = np.random.default_rng(3).geometric(p, size=(10, 200_000)) * period
    swapped = np.maximum(heralded[:-1], heralded[1:])
    inner = np.arange(1.0, 10.0)[:, None]
    known = np.maximum(np.max(swapped + inner / v, axis=0), np.max(swapped + (10 - inner) / v, axis=0))
    assert abs(firsts.mean() - known.mean()) < 4 * firsts.std(ddof=1) / np.sqrt(firsts.size)


def test_routing_prefers_shorter_links_by_rate_and_trusted_relays_learn_the_key():
    europe = catalog.load("europe")
    assert routing.best_path(europe, "Amsterdam", "Paris", metric="length") == ("Amsterdam", "Brussels", "Paris")
    assert "Lille" in routing.best_path(europe, "Amsterdam", "Paris", metric="rate")
    comparison = routing.compare_relays(catalog.load("beijing-shanghai"), "Beijing", "Shanghai")
    assert comparison.nodes_that_learn_key == ("Jinan", "Hefei") and comparison.trusted_key_rate_bps > 0


def test_every_shipped_topology_loads_with_sources_and_notes():
    for name in catalog.available():
        net = catalog.load(name)
        assert net.notes and len(net.nodes) >= 2
    assert catalog.load("beijing-shanghai").sources and catalog.load("delft-the-hague").sources
    with pytest.raises(ValueError, match="name must be one of .*; got .atlantis."):
        catalog.load("atlantis")


# --- plots and panel --------------------------------------------------------------------------------


def test_plots_return_axes():
    from qinet.plots import network as plots

    net = chain_network(2, 10.0, t2_s=0.1)
    run = simulate(net, "A", "B", pairs=3, seed=1)
    assert plots.space_time(run, net).get_ylabel() == "time (ms)"
    assert plots.network_map(catalog.load("europe")).get_title()
    assert plots.versus_distance(np.array([1.0, 2.0]), {"x": np.array([1.0, 0.5])}).get_xlabel() == "distance (km)"


def test_design_panel_redraws():
    from qinet.widgets.network import design_panel

    panel = design_panel()
    before = panel.image.value
    panel.controls["n_links"].value = 5
    assert panel.image.value != before and "pairs/s" in panel.readout.value


def test_routes_that_cannot_swap_are_refused_by_name():
    backbone = catalog.load("beijing-shanghai")
    with pytest.raises(ValueError, match="no path from 'Beijing' to 'Shanghai' can carry 'rate'"):
        routing.best_path(backbone, "Beijing", "Shanghai", metric="rate")
    with pytest.raises(ValueError, match="metric must be one of"):
        routing.best_path(backbone, "Beijing", "Shanghai", metric="speed")


def test_a_satellite_link_between_ground_stations_with_memories_delivers():
    from qinet.network import SatelliteLink

    net = Network(
        [Node("G1", "ground", memories=1), Node("G2", "ground", memories=1)],
        [SatelliteLink("G1", "G2", pair_rate_hz=1e8, link_fidelity=0.97)],
    )
    run = simulate(net, "G1", "G2", pairs=20, seed=1)
    link = net.link("G1", "G2")
    assert run.delivered == 20 and run.fidelities == pytest.approx(0.97)
    assert topology.success_probability(link) == pytest.approx((link.downlink().transmittance * 0.5) ** 2)


def test_satellite_downlinks_use_the_budget_calibrated_on_micius():
    from qinet import links
    from qinet.network import SatelliteLink

    link = SatelliteLink("X", "Y")
    assert link.extra_loss_db == links.MICIUS_EXTRA_LOSS_DB and link.divergence_urad == 10.0
    assert link.downlink().total_db == pytest.approx(34.7, abs=0.05)  # 30° elevation, 909 km
    # silicon-like receivers give a key at this loss; InGaAs detectors of 4.5 % efficiency give none
    assert routing.trusted_key_rate_bps(link) > 1e4
    import dataclasses

    ingaas = dataclasses.replace(link, detector_efficiency=0.045, dark_count=1.7e-6, misalignment=0.033)
    assert routing.trusted_key_rate_bps(ingaas) == 0.0
    with pytest.raises(ValueError, match="dark_count of satellite link"):
        SatelliteLink("X", "Y", dark_count=1.5)


def test_delft_the_hague_nodes_have_one_memory_and_deliver_p_over_t():
    net = catalog.load("delft-the-hague", detector_efficiency=0.8)
    assert [node.memories for node in net.nodes.values()] == [1, 1]
    link = net.link("Delft", "The Hague")
    p, period = topology.success_probability(link), topology.attempt_period_s(link)
    assert p == pytest.approx(0.0900, abs=5e-5) and period * 1e6 == pytest.approx(122.4, abs=0.05)
    run = simulate(net, "Delft", "The Hague", pairs=2000, seed=8, record_events=False)
    assert run.multiplexing == 1
    assert abs(run.mean_interval_s - period / p) < 4 * run.interval_stderr_s


@pytest.mark.parametrize(
    ("eta_d", "expected"),
    [(1.0, (0.7597, 0.9882, 0.8759, 0.6828)), (0.8, (0.7175, 0.9847, 0.8391, 0.6376))],
)
def test_two_link_fidelities_over_distance_at_the_stated_detector_efficiency(eta_d, expected):
    """Notebook 13's two-link fidelities, derived independently: 2 x 20 km with T2 = 2 ms, and
    10 / 60 / 110 km in two links with T2 = 10 ms (perfect links, pure dephasing)."""
    values = []
    for total_km, t2 in ((40.0, 2e-3), (10.0, 1e-2), (60.0, 1e-2), (110.0, 1e-2)):
        link = FiberLink("A", "B", total_km / 2, detector_efficiency=eta_d)
        values.append(
            reference.two_link_mean_fidelity(topology.success_probability(link), topology.attempt_period_s(link), t2)
        )
    assert values == pytest.approx(expected, abs=6e-5)


def test_failed_swaps_repeat_the_whole_cycle():
    net = chain_network(2, 5.0)
    link = net.link("A", "R1")
    p, period = topology.success_probability(link), topology.attempt_period_s(link)
    run = simulate(net, "A", "B", pairs=4000, seed=3, swap_success=0.5, record_events=False)
    expected = reference.two_link_cycle_s(p, period, topology.classical_delay_s(5.0)) / 0.5
    assert abs(run.mean_interval_s - expected) < 4 * run.interval_stderr_s


def test_purified_links_swap_as_bell_diagonal_pairs():
    coefficients, _ = states.dejmps(states.werner_coefficients(0.85))
    lam = pairs.from_weights(tuple(coefficients))
    expected = pairs.fidelity(pairs.multiply(pairs.multiply(lam, lam), lam))
    net = chain_network(3, 10.0, multiplexing=2, link_fidelity=0.85)
    run = simulate(net, "A", "B", pairs=20, seed=4, purification="dejmps")
    assert run.fidelities == pytest.approx(expected, abs=1e-9)


def test_n_fresh_links_first_deliver_after_the_expected_maximum():
    net = chain_network(4, 5.0, attempt_rate_hz=100.0)  # attempts far slower than the light times
    link = net.link("A", "R1")
    p, period = topology.success_probability(link), topology.attempt_period_s(link)
    firsts = np.array(
        [
            simulate(net, "A", "B", pairs=1, seed=int(s), record_events=False).delivery_times_s[0]
            for s in np.random.default_rng(5).integers(2**31, size=600)
        ]
    )
    rounds = (firsts - topology.herald_delay_s(link)) / period + 1
    assert abs(rounds.mean() - reference.chain_cycle_rounds(p, 4)) < 4 * rounds.std(ddof=1) / np.sqrt(rounds.size)


def test_t1_twirl_is_exact_for_dephasing_and_pessimistic_within_its_bound():
    rng = np.random.default_rng(1)
    for n in (1, 2, 3):
        times = rng.uniform(0.0, 0.5, 2 * n)
        for t1 in (math.inf, 0.7):
            lam = pairs.PERFECT
            for _ in range(n):
                lam = pairs.multiply(lam, pairs.werner(0.95))
            for t in times:
                lam = pairs.multiply(lam, pairs.storage_decay(t, t1_s=t1, t2_s=0.4))
            exact = reference.aer_chain_fidelity_stored(0.95, times, t1_s=t1, t2_s=0.4)
            gap = exact - pairs.fidelity(lam)
            bound = (-np.expm1(-times / t1)).sum() ** 2 / 16
            assert -1e-9 <= gap <= bound + 1e-9, (n, t1, gap, bound)


def test_the_first_delivered_pair_replays_exactly_on_aer_with_dephasing():
    run = simulate(chain_network(2, 20.0, t2_s=4e-3, link_fidelity=0.97), "A", "B", pairs=1, seed=3)
    replay = reference.aer_chain_fidelity_stored(
        0.97, reference.first_delivery_storage_s(run), t1_s=math.inf, t2_s=4e-3
    )
    assert run.fidelities[0] == pytest.approx(replay, abs=1e-9)
