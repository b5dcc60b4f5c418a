"""The three generations of quantum repeaters, each as a deliberately simple rate model (NumPy).

Muralidharan, Li, Kim, Lütkenhaus, Lukin, Jiang, "Optimal architectures for long distance
quantum communication", *Sci. Rep.* 6, 20463 (2016), doi:10.1038/srep20463, sort repeaters by
how they fight **loss** and **operation errors**:

* 1G: heralded entanglement generation (two-way signalling) + heralded purification (two-way);
* 2G: heralded entanglement generation between neighbours + quantum error correction (one-way);
* 3G: quantum error correction for both (one-way: photons carry encoded qubits hop by hop).

The models below are teaching models, not the paper's optimised architectures: each keeps the
one mechanism that sets its generation's scaling and leaves out the rest (stated per function).
The 1G model charges the classical signalling of every nesting level; the 3G model assumes an
idealised loss code and is an upper bound. The default node spacings, code sizes, logical error and
operation time are illustrative choices, not a published design.
Common parameters: fibre attenuation ``α`` (dB/km), detector/coupling efficiency ``η_d``, link
length ``L₀``, fibre transmittance ``η(L₀) = 10^(−α L₀ / 10)`` and heralding round trip
``T₀ = 2 L₀ n_g / c`` (:func:`qinet.links.heralding_time`). A heralded link needs two photons
detected, ``p₀ = η_d² η(L₀)``, as in :func:`qinet.repeaters.link_success_probability`; direct
transmission for comparison is :func:`qinet.links.direct_pair_rate`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike
from scipy.stats import binom

from qinet import links, repeater_sim, states
from qinet._limits import MAX_LINKS
from qinet._validate import boolean, number, positive_int, probability, scalar_or_array
from qinet.repeater_sim import ChainSimulation

MAX_NESTING = MAX_LINKS.bit_length() - 1
"""The deepest nesting level accepted: 2**39 links, the most below ``qinet._limits.MAX_LINKS``."""
MAX_CODE_SIZE = 10_000
"""The largest code (physical pairs or photons per encoded qubit) accepted; codes in use have tens."""


def _link(length_km: np.ndarray, detector_efficiency: float, attenuation_db_per_km: float, photons: int) -> tuple:
    """``(η_d^photons η(L₀), T₀)``: success probability of one attempt and its heralding round trip."""
    eta_d = float(probability("detector_efficiency", detector_efficiency))
    if eta_d == 0:
        raise ValueError("detector_efficiency must be in (0.0, 1.0], got 0.0 (no link would ever succeed)")
    alpha = float(number("attenuation_db_per_km", attenuation_db_per_km, 0.0))
    p0 = eta_d**photons * np.asarray(links.fiber_transmittance(length_km, alpha), dtype=float)
    t0 = np.asarray(links.heralding_time(length_km), dtype=float)
    return p0, t0


def _first_generation_time(
    length_km: np.ndarray,
    levels: np.ndarray,
    detector_efficiency: float,
    swap_success: float,
    purification_rounds: int,
    attenuation_db_per_km: float,
    signalling: bool = True,
) -> np.ndarray:
    """Mean time in s per end-to-end pair of the nested 1G model (arrays broadcast over levels and lengths)."""
    link_km = length_km / 2.0**levels
    p0, t0 = _link(link_km, detector_efficiency, attenuation_db_per_km, photons=2)
    one_way = np.asarray(links.fiber_delay(link_km), dtype=float)  # L0 / v
    if not signalling:  # the comparison model: heralds and parity messages take no time
        one_way = np.zeros_like(one_way)

    def purified(time: np.ndarray, level: int) -> np.ndarray:
        for _ in range(purification_rounds):  # two pairs, one after the other, then a parity exchange
            time = 2.0 * time + 2.0**level * one_way
        return time

    time = purified(t0 / p0, 0)
    for k in range(1, int(np.max(levels)) + 1):
        nested = purified((1.5 * time + 2.0**k * one_way) / swap_success, k)
        time = np.where(levels >= k, nested, time)
    return time


def first_generation_rate(
    total_length_km: ArrayLike,
    nesting_level: int | None = None,
    *,
    detector_efficiency: float = 0.9,
    swap_success: float = 1.0,
    purification_rounds: int = 1,
    attenuation_db_per_km: float = 0.2,
    max_nesting: int = 10,
    signalling: bool = True,
) -> float | np.ndarray:
    """End-to-end pairs per second of a nested first-generation (1G) repeater, classical signalling included.

    ``N = 2^k`` links of ``L₀ = L / N``; each attempt heralds a link with ``p₀ = η_d² η(L₀)`` every
    ``T₀ = 2 L₀ / v``. Nesting level j joins two segments of level j − 1 by a swap (success ``a``) and
    then **waits for the classical heralds over its own span**, ``S_j = 2^j L₀ / v`` (the swap's outcome
    travels from the middle node to both ends of the segment and back). With the "3/2 rule" for the wait
    for two segments (Sangouard, Simon, de Riedmatten, Gisin, *Rev. Mod. Phys.* 83, 33 (2011)) the mean
    time per segment of level j is

    ``T_j = (3/2 · T_{j−1} + S_j) / a``,  ``T_0 = T₀ / p₀``,

    and the rate is ``R₁ = 1 / T_k``. Purification: ``r`` rounds at every level j (0 … k), each making
    two pairs one after the other and exchanging the parity results over the span, ``T → 2T + S_j``
    (success probabilities taken as 1, an optimistic simplification). Two-way signalling over ever
    longer distances is what characterises 1G repeaters (Muralidharan et al., *Sci. Rep.* 6, 20463 (2016)).
    Without signalling (``signalling=False``: ``S_j = 0``, only the elementary round trip ``T₀`` is
    charged) this reduces to ``p₀ a^k / ((3/2)^k T₀ 2^(r(k+1)))``: a comparison, not a protocol that
    could run. The 3/2 rule is in essence an upper bound on the waiting time (Coopmans et al., *PRA* 105,
    012608 (2022)), so this rate is a lower estimate for the protocol as stated;
    `simulate_first_generation` samples it. With ``nesting_level=None`` the best ``k`` in
    ``0 … max_nesting`` is used at each distance.

    Examples
    --------
    With the defaults (``η_d = 0.9``, so ``p₀ = 0.81 η(L₀)``; ``a = 1``; one purification round at every
    level, elementary links included; 0.2 dB/km), 1,000 km are best cut into 2^6 = 64 links:

    >>> round(first_generation_rate(1000.0, 4), 3)
    0.431
    >>> round(first_generation_rate(1000.0), 3), round(first_generation_rate(1000.0, 6), 3)
    (1.079, 1.079)
    >>> round(first_generation_rate(1000.0, signalling=False), 3)  # the heralds' time left out
    1.768
    """
    length = number("total_length_km", total_length_km, 0.0, low_open=True)
    a = float(number("swap_success", swap_success, 0.0, 1.0, low_open=True))
    r = positive_int("purification_rounds", purification_rounds, minimum=0, maximum=states.MAX_ROUNDS)
    signalling = boolean("signalling", signalling)
    if nesting_level is None:
        kmax = positive_int("max_nesting", max_nesting, minimum=0, maximum=MAX_NESTING)
        levels = np.arange(kmax + 1).reshape((-1,) + (1,) * length.ndim)
    else:
        levels = np.asarray(positive_int("nesting_level", nesting_level, minimum=0, maximum=MAX_NESTING))
    rate = 1.0 / _first_generation_time(length, levels, detector_efficiency, a, r, attenuation_db_per_km, signalling)
    return scalar_or_array(rate.max(axis=0) if nesting_level is None else rate)


def simulate_first_generation(
    total_length_km: float,
    nesting_level: int,
    n_pairs: int,
    *,
    detector_efficiency: float = 0.9,
    swap_success: float = 1.0,
    attenuation_db_per_km: float = 0.2,
    seed: int | None = None,
) -> ChainSimulation:
    """Monte Carlo of the 1G protocol of `first_generation_rate` without purification (r = 0).

    The same links (``p₀``, ``T₀``) and signalling times ``S_j`` drive `qinet.repeater_sim.simulate_chain`'s
    nested scheme, which samples every geometric wait instead of using the 3/2 rule; ``waiting_s`` holds the
    time per end-to-end pair. Its mean lies below ``1 / first_generation_rate(..., purification_rounds=0)``,
    which the 3/2 rule overestimates (Coopmans et al., *PRA* 105, 012608 (2022)).

    Examples
    --------
    >>> sim = simulate_first_generation(200.0, 2, 20_000, seed=1)
    >>> bool(sim.waiting_s.mean() < 1 / first_generation_rate(200.0, 2, purification_rounds=0))
    True
    """
    length = float(number("total_length_km", total_length_km, 0.0, low_open=True))
    k = positive_int("nesting_level", nesting_level, minimum=0, maximum=MAX_NESTING)
    link_km = length / 2.0**k
    p0, t0 = _link(np.asarray(link_km), detector_efficiency, attenuation_db_per_km, photons=2)
    one_way = float(links.fiber_delay(link_km))
    signalling = [2.0**j * one_way / float(t0) for j in range(1, k + 1)]
    return repeater_sim.simulate_chain(
        2**k,
        float(p0),
        n_pairs,
        swap_success=swap_success,
        signalling_rounds=signalling,
        attempt_period_s=float(t0),
        seed=seed,
    )


def second_generation_rate(
    total_length_km: ArrayLike,
    node_spacing_km: float = 20.0,
    *,
    code_size: int = 7,
    logical_error: float = 1e-4,
    detector_efficiency: float = 0.9,
    attenuation_db_per_km: float = 0.2,
) -> float | np.ndarray:
    """End-to-end pairs per second of a second-generation (2G) repeater.

    Neighbouring nodes ``L₀`` apart make the ``m = code_size`` physical pairs of one encoded pair by
    heralded generation, one after another (``m T₀ / p₀`` on average); the links work in parallel
    and are joined by encoded (one-way, error-corrected) swaps, so nobody waits for signals from
    far away. Each of the ``N = ⌈L / L₀⌉`` nodes fails with the residual logical error ``ε``:
    ``R₂ = p₀ / (m T₀) · (1 − ε)^N``.

    Examples
    --------
    >>> round(second_generation_rate(1000.0), 1)
    234.0
    """
    length = number("total_length_km", total_length_km, 0.0, low_open=True)
    spacing = float(number("node_spacing_km", node_spacing_km, 0.0, low_open=True))
    m = positive_int("code_size", code_size, maximum=MAX_CODE_SIZE)
    eps = float(probability("logical_error", logical_error))
    p0, t0 = _link(np.asarray(spacing), detector_efficiency, attenuation_db_per_km, photons=2)
    n_links = np.ceil(length / spacing)
    return scalar_or_array(p0 / (m * t0) * (1.0 - eps) ** n_links)


def third_generation_rate(
    total_length_km: ArrayLike,
    node_spacing_km: float = 1.5,
    *,
    code_size: int = 15,
    operation_time_s: float = 1e-6,
    detector_efficiency: float = 0.9,
    attenuation_db_per_km: float = 0.2,
) -> float | np.ndarray:
    """Upper bound on the end-to-end pairs per second of a third-generation (3G) repeater.

    An encoded qubit travels as ``n = code_size`` photons; each survives a hop with
    ``η = η_d η(L₀)``. We take an **idealised** code that recovers from the loss of any
    ``t = ⌊(n − 1)/2⌋`` photons (fewer than half: no code can do better, or it would clone) and
    never fails otherwise: a hop succeeds with ``P_hop = Σ_{j ≤ t} C(n, j) (1 − η)^j η^(n − j)``;
    ``N = ⌈L / L₀⌉`` hops in a row succeed with ``P_hop^N``; one encoded qubit leaves every local
    operation time ``t₀``: ``R₃ = P_hop^N / t₀``. Real codes of n photons correct fewer loss
    patterns and add operation errors (Muralidharan et al., *Sci. Rep.* 6, 20463 (2016), optimise
    such codes), so this is an upper bound for the given hardware, not a prediction. The rate
    collapses once a hop loses about half the photons.

    Examples
    --------
    >>> round(third_generation_rate(1000.0))
    528940
    """
    length = number("total_length_km", total_length_km, 0.0, low_open=True)
    spacing = float(number("node_spacing_km", node_spacing_km, 0.0, low_open=True))
    n = positive_int("code_size", code_size, maximum=MAX_CODE_SIZE)
    t_op = float(number("operation_time_s", operation_time_s, 0.0, low_open=True))
    eta, _ = _link(np.asarray(spacing), detector_efficiency, attenuation_db_per_km, photons=1)
    p_hop = float(binom.cdf((n - 1) // 2, n, 1.0 - eta))
    return scalar_or_array(p_hop ** np.ceil(length / spacing) / t_op)


@dataclass(frozen=True)
class PurifyThenSwap:
    """Purify every link ``rounds`` times, then swap along the chain (one entry per number of rounds).

    ``link_fidelity[r]``: a link's fidelity after r rounds; ``end_fidelity[r]``: the end-to-end
    fidelity after swapping; ``raw_pairs[r]``: raw link pairs used per end-to-end pair (all links).
    """

    protocol: str
    n_links: int
    rounds: np.ndarray
    link_fidelity: np.ndarray
    end_fidelity: np.ndarray
    raw_pairs: np.ndarray


def purify_then_swap(
    link_fidelity: float, n_links: int, max_rounds: int = 4, *, protocol: str = "dejmps"
) -> PurifyThenSwap:
    """The first-generation recipe along a chain: purify each link, then swap them all.

    Each of ``n`` links starts as a Werner pair of fidelity ``F``; ``r`` rounds of recurrence
    purification (:func:`qinet.states.purify`, BBPSSW: Bennett et al., *PRL* 76, 722 (1996); DEJMPS:
    Deutsch et al., *PRL* 77, 2818 (1996)) give ``F_r`` at a cost of ``2^r / Π p_k`` raw pairs per
    link. The purified links are then treated as Werner pairs of fidelity ``F_r`` (a twirl, which
    keeps the fidelity) and swapped: ``F_end = 1/4 + (3/4) w_r^n`` with ``w_r = (4 F_r − 1)/3``
    (:func:`qinet.states.chain_fidelity`). Raw pairs per end-to-end pair: ``n · 2^r / Π p_k``.

    Examples
    --------
    >>> r = purify_then_swap(0.9, 4, 2)
    >>> [round(float(f), 4) for f in r.end_fidelity]
    [0.6731, 0.7462, 0.9561]
    """
    n = positive_int("n_links", n_links, maximum=MAX_LINKS)
    rounds = positive_int("max_rounds", max_rounds, minimum=0, maximum=states.MAX_ROUNDS)
    result = states.purify(float(number("link_fidelity", link_fidelity, 0.25, 1.0)), rounds, protocol)
    raw = n * np.concatenate(([1.0], np.cumprod(2.0 / result.success_probabilities)))
    end = np.asarray(states.chain_fidelity(result.fidelities, n))
    return PurifyThenSwap(result.protocol, n, np.arange(rounds + 1), result.fidelities, end, raw)
