"""Trusted-node relays: every relay learns the key; the chain runs at the slowest hop."""

from __future__ import annotations

import numpy as np
import pytest

from qinet import keyrates, trusted


def test_relay_delivers_alice_key_and_every_node_learns_it():
    keys = trusted.random_hop_keys(5, 256, seed=3)
    r = trusted.relay_key(keys)
    assert np.array_equal(r.key_bob, r.key_alice) and np.array_equal(r.key_alice, keys[0])
    assert r.nodes_that_know_key == list(range(6))  # Alice, the 4 relays, Bob
    assert len(r.announcements) == 4


def test_announcements_alone_look_random():
    keys = trusted.random_hop_keys(3, 20000, seed=1)
    r = trusted.relay_key(keys)
    for a in r.announcements:  # a one-time pad: balanced and uncorrelated with the key
        assert abs(a.mean() - 0.5) < 5 * 0.5 / np.sqrt(a.size)
        assert abs(np.mean(a == r.key_alice) - 0.5) < 5 * 0.5 / np.sqrt(a.size)


def test_chain_rate_is_minimum():
    assert trusted.chain_rate([3.0, 1.0, 2.0]) == 1.0


def test_chain_of_decoy_links_matches_worked_number():
    hops, end = trusted.trusted_chain_rate(200.0, 3, keyrates.decoy_rate, pulse_rate_hz=1e9)
    assert hops.shape == (4,)
    assert end == pytest.approx(
        2.2228e-4 * 1e9, rel=1e-3
    )  # four 50 km hops: decoy BB84 with the GYS parameters gives 2.2228e-4 per pulse at 50 km


def test_the_longest_hop_sets_the_chain_rate():
    hop_km = trusted.hop_lengths_with_long_hop(2000.0, 32, 120.0)
    assert hop_km.sum() == pytest.approx(2000.0) and hop_km.max() == 120.0
    hops, end = trusted.trusted_chain_rate(2000.0, 32, keyrates.decoy_rate, hop_km=hop_km)
    assert end == pytest.approx(keyrates.decoy_rate(120.0) * 1e9) and end == hops.min()
    with pytest.raises(ValueError, match="hop_km"):
        trusted.trusted_chain_rate(100.0, 2, keyrates.decoy_rate, hop_km=[50.0, 50.0])


def test_relays_beat_one_direct_link_far_away():
    _, end = trusted.trusted_chain_rate(2000.0, 32, keyrates.decoy_rate)
    assert end > 0 and keyrates.decoy_rate(2000.0) == 0.0


def test_examples_carry_the_sourced_numbers():
    assert trusted.BEIJING_SHANGHAI.trusted_relays == 32 and trusted.BEIJING_SHANGHAI.year == 2017
    assert trusted.CHEN_2021.length_km == 4600 and trusted.CHEN_2021.satellite_links == 2
    assert trusted.CHEN_2021.fibre_links == 700 and "589, 214" in trusted.CHEN_2021.source


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: trusted.relay_key([]), "hop_keys"),
        (lambda: trusted.relay_key([[0, 1], [1]]), "hop_keys"),
        (lambda: trusted.chain_rate([1.0, -2.0]), "link_rates"),
        (lambda: trusted.hop_lengths(-5.0, 2), "total_km"),
        (lambda: trusted.hop_lengths(100.0, -1), "n_relays"),
    ],
)
def test_bad_input(call, name):
    with pytest.raises(ValueError, match=name):
        call()


def test_entanglement_swapping_relays_learn_nothing():
    r = trusted.swapped_key(3, 4000, seed=2)
    assert np.array_equal(r.alice_bits, r.bob_bits)
    n = r.alice_bits.size
    for column in r.relay_outcomes.T:  # each relay bit: uniform and independent of the key bit
        assert abs(column.mean() - 0.5) < 5 * 0.5 / np.sqrt(n)
        assert abs(np.mean(column == r.alice_bits) - 0.5) < 5 * 0.5 / np.sqrt(n)


def test_the_long_hop_sits_in_the_middle_for_any_number_of_relays():
    """Found by mutation: one relay (two hops) and four relays (five hops) were never tried."""
    assert trusted.hop_lengths_with_long_hop(300.0, 1, 200.0).tolist() == [100.0, 200.0]
    assert trusted.hop_lengths_with_long_hop(300.0, 4, 100.0).tolist() == [50.0, 50.0, 100.0, 50.0, 50.0]
