"""Trusted-node QKD networks: relaying a key hop by hop with one-time pads.

QKD links reach ~100–150 km of fibre (:mod:`qinet.keyrates`). Longer distances today use a chain of
*trusted nodes*: each neighbouring pair runs QKD and shares a hop key ``k_i``; node ``i`` publishes
``k_i ⊕ k_{i+1}`` (a one-time pad, Vernam 1926 / Shannon 1949), so Bob can unwrap ``k_1``, Alice's key.
Every intermediate node holds ``k_i`` and ``k_{i+1}`` and therefore *learns the key*; the public
announcements alone reveal nothing. The end-to-end rate is that of the slowest hop.

Real examples: the Beijing–Shanghai backbone (about 2,000 km, 32 trusted relays, opened
in 2017) and the integrated space-to-ground network of Chen et al., Nature 589, 214 (2021): more than
700 fibre QKD links, two satellite–ground links, 4,600 km in total.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from qinet._limits import MAX_ARRAY_VALUES, MAX_CIRCUIT_QUBITS, check_budget
from qinet._validate import bits, function, instance, number, positive_int
from qinet._validate import seed as _seed


@dataclass(frozen=True)
class RelayResult:
    """One key relayed along a chain of ``len(hop_keys)`` QKD hops.

    ``announcements[i]`` is what intermediate node ``i + 1`` broadcasts (``k_{i+1} ⊕ k_{i+2}``);
    ``node_keys[j]`` is the end-to-end key as node ``j`` can compute it (node 0 is Alice, the last is Bob;
    every node in between can compute it too: that is the point).
    """

    hop_keys: tuple[np.ndarray, ...]
    announcements: tuple[np.ndarray, ...]
    key_alice: np.ndarray
    key_bob: np.ndarray
    node_keys: tuple[np.ndarray, ...]

    @property
    def nodes_that_know_key(self) -> list[int]:
        """Indices of all nodes whose reconstruction equals Alice's key."""
        return [j for j, k in enumerate(self.node_keys) if np.array_equal(k, self.key_alice)]


def relay_key(hop_keys: Sequence[ArrayLike]) -> RelayResult:
    """Relay Alice's key ``k_1`` to Bob over trusted nodes by one-time-pad hops.

    Node ``i`` (between hop ``i`` and hop ``i + 1``) broadcasts ``a_i = k_i ⊕ k_{i+1}``; Bob, who holds
    ``k_n``, computes ``k_n ⊕ a_{n−1} ⊕ … ⊕ a_1 = k_1``. Node ``i`` computes the same from ``k_i`` and
    the announcements before it.

    Examples
    --------
    >>> r = relay_key([[1, 0, 1, 1], [0, 0, 1, 0], [1, 1, 1, 0]])
    >>> r.key_bob.tolist(), r.nodes_that_know_key
    ([1, 0, 1, 1], [0, 1, 2, 3])
    """
    instance("hop_keys", hop_keys, (list, tuple), "a list of bit arrays, one per hop")
    if not hop_keys:
        raise ValueError("hop_keys must hold at least one hop key, got none")
    first = bits("hop_keys[0]", hop_keys[0])
    # every node reconstructs the key: (2 n_hops + 1) bit arrays of the key's length
    check_budget(
        "hop_keys", f"{len(hop_keys)} keys of {len(first):,} bits", bytes_needed=3 * len(hop_keys) * len(first)
    )
    keys = tuple(bits(f"hop_keys[{i}]", k, length=len(first)) for i, k in enumerate(hop_keys))
    announcements = tuple(keys[i] ^ keys[i + 1] for i in range(len(keys) - 1))
    node_keys = [keys[0]]
    for j in range(1, len(keys) + 1):  # node j holds k_j (its incoming hop) and all announcements
        k = keys[j - 1].copy()
        for a in announcements[: j - 1][::-1]:
            k ^= a
        node_keys.append(k)
    return RelayResult(keys, announcements, keys[0], node_keys[-1], tuple(node_keys))


def random_hop_keys(n_hops: int, length: int, *, seed: int | None = None) -> list[np.ndarray]:
    """Independent uniformly random hop keys (stand-ins for the keys each QKD link distilled).

    Examples
    --------
    >>> [k.tolist() for k in random_hop_keys(2, 4, seed=1)]
    [[1, 1, 0, 0], [1, 1, 0, 1]]
    """
    n, size = positive_int("n_hops", n_hops), positive_int("length", length)
    check_budget("n_hops * length", f"{n:,} * {size:,}", bytes_needed=n * size, lower="use fewer or shorter keys")
    rng = np.random.default_rng(_seed(seed))
    return [rng.integers(2, size=size, dtype=np.uint8) for _ in range(n)]


def chain_rate(link_rates: ArrayLike) -> float:
    """End-to-end key rate of a trusted-node chain: the slowest hop, ``min_i R_i``.

    Examples
    --------
    >>> chain_rate([3.0e3, 1.2e3, 5.0e3])
    1200.0
    """
    rates = number("link_rates", link_rates, 0.0)
    if rates.size == 0:
        raise ValueError("link_rates must hold at least one rate, got none")
    return float(np.min(rates))


def hop_lengths(total_km: float, n_relays: int) -> np.ndarray:
    """Lengths of the ``n_relays + 1`` equal hops that split ``total_km`` of fibre.

    Examples
    --------
    >>> hop_lengths(2000.0, 32)[0].round(2)
    np.float64(60.61)
    """
    total = float(number("total_km", total_km, 0.0))
    n = positive_int("n_relays", n_relays, minimum=0, maximum=MAX_ARRAY_VALUES - 1)
    return np.full(n + 1, total / (n + 1))


def hop_lengths_with_long_hop(total_km: float, n_relays: int, long_hop_km: float) -> np.ndarray:
    """Hop lengths when one hop (the middle one) is ``long_hop_km`` and the others share the rest equally.

    Real relays sit where the cities are, not at equal spacing. With no relay the single hop is the
    whole distance.

    Examples
    --------
    >>> hop_lengths_with_long_hop(300.0, 2, 120.0).tolist()
    [90.0, 120.0, 90.0]
    """
    lengths = hop_lengths(total_km, n_relays)
    n = len(lengths)
    long_hop = float(number("long_hop_km", long_hop_km, 0.0, float(total_km)))
    if n == 1:
        return lengths
    lengths[:] = (float(total_km) - long_hop) / (n - 1)
    lengths[n // 2] = long_hop
    return lengths


def trusted_chain_rate(
    total_km: float,
    n_relays: int,
    rate: Callable[[np.ndarray], ArrayLike],
    *,
    pulse_rate_hz: float = 1e9,
    hop_km: ArrayLike | None = None,
) -> tuple[np.ndarray, float]:
    """Per-hop key rates (bit/s) and the end-to-end rate of a chain (equal hops unless ``hop_km`` is given).

    ``rate(length_km)`` gives secret bits per pulse (e.g. :func:`qinet.keyrates.decoy_rate`); it is
    multiplied by ``pulse_rate_hz``. ``hop_km`` gives the ``n_relays + 1`` hop lengths explicitly.
    Returns ``(hop_rates, chain_rate)``.

    Examples
    --------
    >>> from qinet.keyrates import decoy_rate
    >>> hops, end_to_end = trusted_chain_rate(200.0, 3, decoy_rate)
    >>> f"{end_to_end:.4g}"
    '2.223e+05'
    """
    lengths = hop_lengths(total_km, n_relays)
    if hop_km is not None:
        lengths = number("hop_km", hop_km, 0.0)
        if lengths.shape != (n_relays + 1,):
            raise ValueError(f"hop_km must hold n_relays + 1 = {n_relays + 1} lengths, got {lengths.size}")
    function("rate", rate, "a function of the hop lengths in km (e.g. qinet.keyrates.decoy_rate)")
    hz = float(number("pulse_rate_hz", pulse_rate_hz, 0.0, low_open=True))
    per_pulse = np.asarray(rate(lengths), dtype=float)
    if per_pulse.shape != lengths.shape or not np.all(np.isfinite(per_pulse) & (per_pulse >= 0)):
        raise ValueError(f"rate must return one finite rate >= 0 per hop ({lengths.size}), got {per_pulse!r}")
    hop_rates = per_pulse * hz
    return hop_rates, chain_rate(hop_rates)


@dataclass(frozen=True)
class NetworkExample:
    """A deployed trusted-node network, with what the sources say."""

    name: str
    year: int
    length_km: float
    trusted_relays: int | None
    fibre_links: int | None
    satellite_links: int
    note: str
    source: str


BEIJING_SHANGHAI = NetworkExample(
    name="Beijing–Shanghai backbone",
    year=2017,
    length_km=2000.0,
    trusted_relays=32,
    fibre_links=None,
    satellite_links=0,
    note="about 2,000 km through Beijing, Jinan, Hefei and Shanghai; 32 trusted relays (Xinhua and RT news reports)",
    source="Xinhua news reports, September 2017; part of the network of Chen et al. 2021",
)

CHEN_2021 = NetworkExample(
    name="Integrated space-to-ground network",
    year=2021,
    length_km=4600.0,
    trusted_relays=None,
    fibre_links=700,
    satellite_links=2,
    note="more than 700 fibre QKD links, over 2,000 km of trusted-relay fibre, two satellite–ground links "
    "(Xinglong, Nanshan) and a remote node over 2,600 km away; 150+ users (Chen et al. 2021 and news reports)",
    source="Chen et al., Nature 589, 214 (2021), doi:10.1038/s41586-020-03093-8",
)


@dataclass(frozen=True)
class SwappedKey:
    """Key bits from entanglement swapping: what the end nodes measured and what the relays saw."""

    alice_bits: np.ndarray
    bob_bits: np.ndarray
    relay_outcomes: np.ndarray  # one row per round: the relays' Bell-measurement bits (all z, then all x)


def swapped_key(n_links: int = 2, rounds: int = 2000, *, seed: int | None = None) -> SwappedKey:
    """Key bits from an entanglement-swapping chain (:func:`qinet.circuits.entanglement_swap`), run on Aer.

    Alice and Bob measure the end pair in Z after the relays' Bell measurements and Bob's Pauli
    correction: their bits agree, while each relay's outcomes are uniformly random and independent
    of the key bit (Żukowski et al., PRL 71, 4287 (1993)). No relay ever holds the key.

    Examples
    --------
    >>> r = swapped_key(3, 500, seed=1)
    >>> bool((r.alice_bits == r.bob_bits).all()), r.relay_outcomes.shape
    (True, (500, 4))
    """
    from qiskit import ClassicalRegister

    from qinet import circuits, sim

    n = positive_int("n_links", n_links, minimum=2, maximum=MAX_CIRCUIT_QUBITS // 2)
    rounds = positive_int("rounds", rounds)
    # Aer's result, the outcomes and one byte per classical bit per round (2 n bits)
    check_budget("rounds", rounds, bytes_needed=rounds * (120 + 16 * n), lower="use fewer rounds")
    rng = np.random.default_rng(_seed(seed))
    qc = circuits.entanglement_swap(n)
    alice_key, bob_key = ClassicalRegister(1, "alice_key"), ClassicalRegister(1, "bob_key")
    qc.add_register(alice_key, bob_key)
    qc.measure(0, alice_key[0])
    qc.measure(qc.num_qubits - 1, bob_key[0])
    shots = sim.sample(qc, shots=rounds, seed=int(rng.integers(2**31 - 1)))
    relays = np.hstack([shots.bits("z"), shots.bits("x")])
    return SwappedKey(shots.values("alice_key").astype(np.uint8), shots.values("bob_key").astype(np.uint8), relays)
