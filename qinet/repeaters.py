"""Rates over distance: waiting times of repeater chains, their rates, and quantum memories.

Model (stated once, used throughout): a chain of ``n`` links between ``n + 1`` nodes. Every link
attempts to make a heralded pair once per attempt period; an attempt succeeds with probability ``p``,
independently of the others, and a link that succeeded keeps its pair in memory. When all links are
up, the inner nodes swap (Bell-state measurements) and the end-to-end pair is delivered; then all
links start again. With deterministic swaps it makes no difference to the timing whether nodes swap
as soon as their two neighbours are ready or all at the end. The Monte Carlo of the same model,
`simulate_chain`, lives in `qinet.repeater_sim` and is re-exported here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike
from scipy.optimize import brentq
from scipy.special import digamma, gammaln, xlog1py, xlogy

from qinet import states
from qinet._limits import MAX_LINKS
from qinet._validate import in_range, number, one_of, positive_int, probability, scalar_or_array
from qinet.bounds import plob_bound
from qinet.links import fiber_transmittance, heralding_time
from qinet.repeater_sim import ChainSimulation as ChainSimulation  # re-exported: the Monte Carlo lives there
from qinet.repeater_sim import simulate_chain as simulate_chain

FloatOrArray = float | np.ndarray


_SMALL_CHAIN = 16  # below this many links the positive recursion is used
_SMALL_P = 0.15  # up to here, for long chains, the Euler-Maclaurin closed form is exact to rounding


def _rounds_recursion(p: np.ndarray, n_links: int) -> np.ndarray:
    """E[max of n geometric(p)] by a recursion over the number m of links still down (rows: p values).

    j of the m links succeed in a round with probability Binomial(m, p), so
    ``E_m = (1 + sum_{j>=1} P(j) E_{m-j}) / (1 - (1-p)^m)``: every term is positive, no cancellation.
    """
    p = p[:, None]
    log_fact = gammaln(np.arange(n_links + 1) + 1.0)
    with np.errstate(divide="ignore"):
        log_q = np.log1p(-p[:, 0])
    table = np.zeros((p.shape[0], n_links + 1))
    for m in range(1, n_links + 1):
        j = np.arange(1, m + 1)
        log_pmf = log_fact[m] - log_fact[j] - log_fact[m - j] + xlogy(j, p) + xlog1py(m - j, -p)
        carry = np.sum(np.exp(log_pmf) * table[:, m - j], axis=1)
        table[:, m] = (1.0 + carry) / -np.expm1(m * log_q)
    return table[:, n_links]


def _rounds_long_chain(p: np.ndarray, n_links: int) -> np.ndarray:
    """E[max] = sum_{t>=0} P(max > t) = sum_t [1 - (1 - q^t)^n] for n >= _SMALL_CHAIN.

    For p <= _SMALL_P (lambda = -ln q <= 0.163) the Euler-Maclaurin (Poisson) sum gives
    ``H_n / lambda + 1/2`` up to terms of order exp(-pi^2 / lambda) < 1e-26; above, the positive
    series is summed directly until n q^t < e^-45 (a few hundred terms, whatever n). The harmonic
    number is ``H_n = psi(n + 1) + gamma`` (digamma), O(1) in memory and time for any n.
    """
    with np.errstate(divide="ignore"):
        lam = -np.log1p(-p)  # inf at p = 1, where the direct sum gives exactly 1
    harmonic = float(digamma(n_links + 1.0)) + np.euler_gamma
    out = np.empty_like(p)
    small = p <= _SMALL_P
    out[small] = harmonic / lam[small] + 0.5
    if np.any(~small):
        big = lam[~small]
        t = np.arange(1, int(np.ceil((np.log(n_links) + 45.0) / big.min())) + 1)
        with np.errstate(divide="ignore"):
            terms = -np.expm1(n_links * np.log1p(-np.exp(-np.outer(big, t))))
        out[~small] = 1.0 + terms.sum(axis=1)
    return out


def expected_rounds(p: ArrayLike, n_links: int) -> FloatOrArray:
    """Expected number of attempt rounds until all ``n_links`` links are up (perfect memories).

    The exact expectation of the maximum of n independent geometric variables with success
    probability p. Two links: ``(3 - 2p) / (p (2 - p))``; n links:
    ``sum_k (-1)^(k+1) C(n, k) / (1 - (1-p)^k)``, about H_n / p for small p (H_n the harmonic number).
    That alternating sum loses all precision for large n, so we evaluate the same expectation in stable
    ways: a positive recursion over the links still down (n < 16), and for longer chains
    ``sum_t [1 - (1 - q^t)^n]`` (q = 1 - p), which equals ``H_n / lambda + 1/2`` with
    ``lambda = -ln q`` up to terms below 1e-26 for p <= 0.15 (Euler-Maclaurin), and is summed directly
    for larger p. Accurate to ~1e-12 for n up to thousands and p down to 1e-12.
    Sources: Shchukin, Schmidt, van Loock, PRA 100, 032322 (2019), doi:10.1103/PhysRevA.100.032322
    (two links); Sangouard et al., Rev. Mod. Phys. 83, 33 (2011), doi:10.1103/RevModPhys.83.33.

    Parameters
    ----------
    p : success probability of one link attempt, in (0, 1].
    n_links : number of links n >= 1 (1 link gives 1/p).

    Examples
    --------
    >>> round(expected_rounds(0.5, 2), 6)
    2.666667
    >>> round(expected_rounds(0.1, 4), 4)
    20.2734
    >>> round(expected_rounds(0.01, 16), 3)
    336.88
    """
    n = positive_int("n_links", n_links, maximum=MAX_LINKS)
    prob = in_range("p", p, 0.0, 1.0, low_open=True)
    flat = prob.ravel()
    values = _rounds_recursion(flat, n) if n < _SMALL_CHAIN else _rounds_long_chain(flat, n)
    return scalar_or_array(values.reshape(prob.shape))


def delivery_rounds(p: ArrayLike, n_links: int, *, swap_success: ArrayLike = 1.0) -> FloatOrArray:
    """Expected attempt rounds per end-to-end pair when the n - 1 swaps succeed with probability a each.

    Scheme: wait until all links are up, then swap at every inner node; if any swap fails, the whole
    chain starts again: ``E = expected_rounds(p, n) / a^(n-1)``. Exact for this scheme; for a = 1 the
    swap order does not matter, and for two links it is the result of Shchukin, Schmidt, van Loock,
    PRA 100, 032322 (2019): ``(3 - 2p) / (a p (2 - p))``. Nested swapping (`simulate_chain`) does better
    for long chains with a < 1.

    Parameters
    ----------
    p : link success probability per attempt, in (0, 1].
    n_links : number of links, >= 1.
    swap_success : success probability a of one swap, in (0, 1].

    Examples
    --------
    >>> round(delivery_rounds(0.1, 2, swap_success=0.5), 3)
    29.474
    """
    n = positive_int("n_links", n_links, maximum=MAX_LINKS)
    a = in_range("swap_success", swap_success, 0.0, 1.0, low_open=True)
    with np.errstate(over="ignore", divide="ignore"):  # a^(n-1) can underflow: then E is inf
        return scalar_or_array(np.asarray(expected_rounds(p, n)) / a ** (n - 1))


def doubling_rounds(p: ArrayLike, n_links: int, *, swap_success: ArrayLike = 1.0) -> FloatOrArray:
    """The "3/2 rule" for a nested chain of n = 2^k links: ``E ~ (3/2)^k / (p a^k)`` attempt rounds.

    Sangouard, Simon, de Riedmatten, Gisin, Rev. Mod. Phys. 83, 33 (2011), doi:10.1103/RevModPhys.83.33
    (earlier: Collins et al., PRL 98, 060502, 2007). An approximation that overestimates the exact
    waiting time (for a = 1, `expected_rounds` ~ H_n / p), increasingly so for long chains.

    Parameters
    ----------
    p : link success probability per attempt, in (0, 1].
    n_links : number of links, a power of two.
    swap_success : success probability a of one swap (per nesting level), in (0, 1].

    Examples
    --------
    >>> round(doubling_rounds(0.1, 4), 2), round(doubling_rounds(0.1, 4, swap_success=0.5), 1)
    (22.5, 90.0)
    """
    n = positive_int("n_links", n_links, maximum=MAX_LINKS)
    levels = n.bit_length() - 1
    if n != 1 << levels:
        raise ValueError(f"n_links must be a power of two (1, 2, 4, ...) for nested doubling, got {n}")
    prob = in_range("p", p, 0.0, 1.0, low_open=True)
    a = in_range("swap_success", swap_success, 0.0, 1.0, low_open=True)
    return scalar_or_array(1.5**levels / (prob * a**levels))


def link_success_probability(
    link_length_km: ArrayLike, *, detector_efficiency: ArrayLike = 1.0, attenuation_db_per_km: ArrayLike = 0.2
) -> FloatOrArray:
    """Success probability of one heralded link attempt: ``p = eta_d^2 * eta(L0)``.

    Two photons must be detected (detector efficiency eta_d each) after crossing a total of ``L0`` km of
    fibre between them, whether the heralding station sits at a node or in the middle of the link
    (fibre losses multiply). Other inefficiencies (source, coupling, a linear-optics Bell measurement's
    1/2) can be folded into ``detector_efficiency``. Heralded link generation as reviewed by
    Sangouard et al., Rev. Mod. Phys. 83, 33 (2011), doi:10.1103/RevModPhys.83.33.

    Parameters
    ----------
    link_length_km : length of one link L0 in km, >= 0.
    detector_efficiency : eta_d in [0, 1].
    attenuation_db_per_km : fibre attenuation in dB/km, >= 0.

    Examples
    --------
    >>> link_success_probability(100.0, detector_efficiency=0.9)
    0.0081
    """
    length = number("link_length_km", link_length_km, 0.0)
    eta_d = probability("detector_efficiency", detector_efficiency)
    return scalar_or_array(eta_d**2 * np.asarray(fiber_transmittance(length, attenuation_db_per_km)))


def repeater_rate(
    total_length_km: ArrayLike,
    n_links: int,
    *,
    detector_efficiency: ArrayLike = 1.0,
    attenuation_db_per_km: ArrayLike = 0.2,
    swap_success: ArrayLike = 1.0,
    midpoint: bool = False,
    group_index: ArrayLike = 1.468,
    model: str = "exact",
) -> FloatOrArray:
    """End-to-end pairs per second of a chain of ``n_links`` equal links over ``total_length_km``.

    ``rate = 1 / (E * tau)``: ``tau`` = heralding time of one link of length ``L0 = L / n``
    (``2 L0 / v``, or ``L0 / v`` with a midpoint station; `qinet.links.heralding_time`),
    ``p = eta_d^2 eta(L0)`` (`link_success_probability`), and ``E`` the expected attempt rounds per pair:
    ``model="exact"`` uses `delivery_rounds` (exact expectation of the maximum of n geometric waits,
    divided by ``a^(n-1)``), ``model="doubling"`` the 3/2 rule `doubling_rounds` (n a power of two).
    Perfect memories, no cutoff; classical signalling for the swaps is not counted.
    A single link (n = 1) is direct heralded transmission. Zero length gives ``inf``.

    Parameters
    ----------
    total_length_km : end-to-end distance L in km, >= 0.
    n_links : number of links n >= 1 (n - 1 repeater nodes).
    detector_efficiency, attenuation_db_per_km : as in `link_success_probability`.
    swap_success : success probability a of one swap, in (0, 1].
    midpoint, group_index : as in `qinet.links.heralding_time`.
    model : ``"exact"`` or ``"doubling"``.

    Examples
    --------
    >>> round(repeater_rate(200.0, 2, group_index=1.49896229), 2)  # two 100 km links, tau = 1 ms
    6.68
    """
    kind = one_of("model", model, ("exact", "doubling"))
    n = positive_int("n_links", n_links, maximum=MAX_LINKS)
    link_km = number("total_length_km", total_length_km, 0.0) / n
    p = np.asarray(
        link_success_probability(
            link_km, detector_efficiency=detector_efficiency, attenuation_db_per_km=attenuation_db_per_km
        )
    )
    if np.any(p == 0.0):
        raise ValueError("detector_efficiency must be > 0 for a repeater chain (p = 0 never delivers), got 0.0")
    rounds_fn = delivery_rounds if kind == "exact" else doubling_rounds
    per_round = 1.0 / np.asarray(rounds_fn(p, n, swap_success=swap_success))  # inf rounds give 0
    tau = np.asarray(heralding_time(link_km, midpoint=midpoint, group_index=group_index))
    with np.errstate(divide="ignore", invalid="ignore"):
        return scalar_or_array(np.where(tau > 0.0, per_round / tau, math.inf))


def rate_per_use(
    total_length_km: ArrayLike,
    n_links: int,
    *,
    detector_efficiency: ArrayLike = 1.0,
    attenuation_db_per_km: ArrayLike = 0.2,
    swap_success: ArrayLike = 1.0,
) -> FloatOrArray:
    """End-to-end pairs per attempt round (one use of each link's channel): ``a^(n-1) / expected_rounds``.

    The inverse of `delivery_rounds`, with the link model of `repeater_rate` (same parameters).

    This is the number to hold against the PLOB bound, which counts bits per use of the whole
    channel: a direct link used once per round could at best give ``-log2(1 - eta(L))``.

    Examples
    --------
    >>> round(rate_per_use(200.0, 2), 6)
    0.006678
    """
    n = positive_int("n_links", n_links, maximum=MAX_LINKS)
    link_km = number("total_length_km", total_length_km, 0.0) / n
    p = np.asarray(
        link_success_probability(
            link_km, detector_efficiency=detector_efficiency, attenuation_db_per_km=attenuation_db_per_km
        )
    )
    if np.any(p == 0.0):
        raise ValueError("detector_efficiency must be > 0 for a repeater chain (p = 0 never delivers), got 0.0")
    a = in_range("swap_success", swap_success, 0.0, 1.0, low_open=True)
    return scalar_or_array(a ** (n - 1) / np.asarray(expected_rounds(p, n)))


def plob_crossover_km(
    n_links: int,
    *,
    detector_efficiency: float = 1.0,
    attenuation_db_per_km: float = 0.2,
    swap_success: float = 1.0,
) -> float:
    """Shortest distance in km beyond which a chain of ``n_links`` beats the repeaterless PLOB bound.

    Compared per channel use: `rate_per_use` (pairs per attempt round) against
    ``plob_bound(eta(L))`` (Pirandola et al., Nat. Commun. 8, 15043, 2017) for one use of the direct
    channel per round, the same attempt rate for both. ``nan`` if no crossover below 10,000 km
    (always for one link, which is itself a repeaterless channel).

    Examples
    --------
    >>> round(plob_crossover_km(2), 1)
    34.0
    """
    n = positive_int("n_links", n_links, maximum=MAX_LINKS)

    def gap(length: ArrayLike) -> np.ndarray:
        chain = rate_per_use(
            length,
            n,
            detector_efficiency=detector_efficiency,
            attenuation_db_per_km=attenuation_db_per_km,
            swap_success=swap_success,
        )
        bound = plob_bound(fiber_transmittance(length, attenuation_db_per_km))
        with np.errstate(divide="ignore"):
            return np.log(chain) - np.log(bound)

    grid = np.linspace(0.0, 1e4, 2001)
    above = gap(grid) > 0
    if n == 1 or not above.any():
        return math.nan
    first = int(np.argmax(above))
    if first == 0:
        return 0.0
    return float(brentq(lambda x: float(gap(x)), grid[first - 1], grid[first], xtol=1e-9))


@dataclass(frozen=True)
class MemoryBudget:
    """Two links and their memories: waiting times in s and fidelities of the swapped pair (see `two_link_memory`)."""

    p: FloatOrArray
    attempt_period_s: FloatOrArray
    mean_wait_s: FloatOrArray
    mean_idle_s: FloatOrArray
    fidelity_at_mean_idle: FloatOrArray
    mean_fidelity: FloatOrArray


def two_link_memory(
    link_length_km: ArrayLike,
    t2_s: ArrayLike,
    *,
    t1_s: ArrayLike = math.inf,
    p: ArrayLike | None = None,
    attempt_period_s: ArrayLike | None = None,
    cutoff_rounds: ArrayLike | None = None,
    detector_efficiency: ArrayLike = 1.0,
    attenuation_db_per_km: ArrayLike = 0.2,
    midpoint: bool = False,
    group_index: ArrayLike = 1.468,
    link_fidelity: ArrayLike = 1.0,
) -> MemoryBudget:
    """Waiting time, memory idle time and fidelity for two links joined by one swap.

    Each link attempts once per ``tau`` (`qinet.links.heralding_time` of one link unless
    ``attempt_period_s`` is given) with success probability ``p`` (`link_success_probability` unless
    given), ``q = 1 - p``. Without a cutoff, with X, Y the geometric attempt counts:

    * mean wait ``E[max(X, Y)] tau = (3 - 2p) / (p (2 - p)) tau``;
    * the first link idles ``K = |X - Y|`` rounds, ``E[K] tau = (2 - 2p) / (p (2 - p)) tau``, both of its
      qubits relaxing in memories with coherence time T2 and energy-relaxation time T1
      (`qinet.states.stored_bell_coefficients`, ``qubits=2``): that link's fidelity becomes
      ``F1(K) = w (2 - 2 x^K + 2 x^(2K) + 2 z^K)/4 + (1 - w)(2 - 2 x^K + x^(2K))/4`` with
      ``x = exp(-tau / T1)``, ``z = exp(-2 tau / T2)`` and w the Werner parameter of fresh links;
    * swapping it with the fresh Werner link teleports through a depolarizing channel:
      ``F = (1 - w)/4 + w F1``. Pure dephasing (T1 = inf) gives ``F = (1 + w^2 + 2 w^2 z^K)/4``, and for
      perfect links ``(1 + z^K)/2``;
    * every power averages in closed form over the geometric waits,
      ``E[y^K] = (p / (2 - p)) (1 + q y) / (1 - q y)``, which gives the exact mean fidelity.

    With a cutoff of c rounds the stored pair is dropped if the other link has not succeeded c rounds
    later, and both links start again. Then ``E[wait] = (1 + 2q (1 - q^c)) / (p (2 - p) - 2 p q^(c+1))``
    rounds, and idle time and ``E[y^K]`` are averaged over the delivered pairs (idle k = 0..c with weights
    ``p^2`` and ``2 p^2 q^k``); c = inf gives the formulas above, c = 0 gives ``1 / p^2``.

    Derived here from the geometric distribution (Bell-diagonal algebra as in `qinet.states`);
    two-link waiting time as in Shchukin, Schmidt, van Loock, PRA 100, 032322 (2019); cutoffs as in
    Rozpędek et al., PRA 99, 052330 (2019), doi:10.1103/PhysRevA.99.052330.

    Parameters
    ----------
    link_length_km : length of each link in km, >= 0.
    t2_s : memory coherence time T2 in s, > 0 (``inf``: a perfect memory).
    t1_s : memory energy-relaxation time T1 in s, >= T2 / 2 (default ``inf``: pure dephasing).
    p : link success probability in (0, 1] (default from the fibre and detectors).
    attempt_period_s : attempt period tau in s, > 0 (default: heralding time of one link).
    cutoff_rounds : memory cutoff c in attempt rounds, a whole number >= 0 or ``inf`` (None: no cutoff).
    detector_efficiency, attenuation_db_per_km : as in `link_success_probability`.
    midpoint, group_index : as in `qinet.links.heralding_time`.
    link_fidelity : Werner fidelity of each fresh link, in [0.25, 1].

    Examples
    --------
    >>> m = two_link_memory(100.0, 1.0, attempt_period_s=1e-3)
    >>> round(m.mean_wait_s * 1e3, 2), round(m.mean_idle_s * 1e3, 2)
    (149.75, 99.5)
    >>> round(m.fidelity_at_mean_idle, 4), round(m.mean_fidelity, 5)
    (0.9098, 0.91702)
    >>> round(two_link_memory(100.0, 1.0, t1_s=1.0, attempt_period_s=1e-3).mean_fidelity, 5)
    0.87928
    >>> round(two_link_memory(100.0, 1.0, attempt_period_s=1e-3, cutoff_rounds=0).mean_wait_s, 3)
    10.0
    """
    t2 = in_range("t2_s", t2_s, 0.0, low_open=True)
    t1 = in_range("t1_s", t1_s, 0.0, low_open=True)
    states.memory_decay(0.0, t2, t1_s=t1)  # T2 <= 2 T1
    w = (4.0 * in_range("link_fidelity", link_fidelity, 0.25, 1.0) - 1.0) / 3.0
    if p is None:
        prob = np.asarray(
            link_success_probability(
                link_length_km, detector_efficiency=detector_efficiency, attenuation_db_per_km=attenuation_db_per_km
            )
        )
        if np.any(prob == 0.0):
            raise ValueError("detector_efficiency must be > 0 (p = 0 never makes a link), got 0.0")
    else:
        number("link_length_km", link_length_km, 0.0)
        prob = number("p", p, 0.0, 1.0, low_open=True)
    if attempt_period_s is None:
        tau = np.asarray(heralding_time(link_length_km, midpoint=midpoint, group_index=group_index))
    else:
        tau = number("attempt_period_s", attempt_period_s, 0.0, low_open=True)
    cut = np.asarray(math.inf) if cutoff_rounds is None else in_range("cutoff_rounds", cutoff_rounds, 0.0)
    if np.any(np.isfinite(cut) & (cut != np.floor(cut))):
        raise ValueError(f"cutoff_rounds must be whole numbers >= 0 (or inf), got {cutoff_rounds!r}")
    q = 1.0 - prob
    q_c = q**cut
    c_q_c = np.where(np.isinf(cut), 0.0, cut) * q_c  # c q^c -> 0 as c -> inf
    delivered = prob**2 + 2.0 * prob * q * (1.0 - q_c)  # chance that one cycle ends with a pair
    wait = (1.0 + 2.0 * q * (1.0 - q_c)) / (prob * (2.0 - prob) - 2.0 * prob * q * q_c) * tau
    idle = 2.0 * prob * q * ((1.0 - q_c) / prob - c_q_c) / delivered * tau

    def mean_power(y: np.ndarray) -> np.ndarray:
        """E[y^K] over delivered pairs, y in [0, 1] (q y < 1 since p > 0)."""
        return (prob**2 + 2.0 * prob**2 * q * y * (1.0 - (q * y) ** cut) / (1.0 - q * y)) / delivered

    def swapped(x_k: np.ndarray, x_2k: np.ndarray, z_k: np.ndarray) -> np.ndarray:
        """F after the swap, given x^K, x^(2K), z^K (or their averages: F is linear in them)."""
        stored = w * (2.0 - 2.0 * x_k + 2.0 * x_2k + 2.0 * z_k) / 4.0 + (1.0 - w) * (2.0 - 2.0 * x_k + x_2k) / 4.0
        return (1.0 - w) / 4.0 + w * stored

    x, z = np.exp(-tau / t1), np.exp(-2.0 * tau / t2)
    at_mean = swapped(np.exp(-idle / t1), np.exp(-2.0 * idle / t1), np.exp(-2.0 * idle / t2))
    return MemoryBudget(
        p=scalar_or_array(prob),
        attempt_period_s=scalar_or_array(tau),
        mean_wait_s=scalar_or_array(wait),
        mean_idle_s=scalar_or_array(idle),
        fidelity_at_mean_idle=scalar_or_array(at_mean),
        mean_fidelity=scalar_or_array(swapped(mean_power(x), mean_power(x**2), mean_power(z))),
    )


def required_coherence_time(
    link_length_km: float,
    target_fidelity: float,
    *,
    t1_over_t2: float = math.inf,
    **memory: Any,
) -> float:
    """Shortest coherence time T2 in s for which two links of ``link_length_km`` reach ``target_fidelity``.

    Solves ``two_link_memory(link_length_km, T2, t1_s=t1_over_t2 * T2, **memory).mean_fidelity = target``
    for T2 (the mean fidelity grows with T2). ``memory`` takes the other arguments of `two_link_memory`
    (``p``, ``attempt_period_s``, ``cutoff_rounds``, ``detector_efficiency``, ``link_fidelity`` ...).
    Raises ``ValueError`` when the target is above what perfect memories give (the fresh links' swap).

    Parameters
    ----------
    link_length_km : length of each link in km, >= 0.
    target_fidelity : wanted mean fidelity of the swapped pair, in (0.25, 1).
    t1_over_t2 : T1 / T2 of the memory, >= 1/2 (default ``inf``: pure dephasing).

    Examples
    --------
    >>> round(required_coherence_time(100.0, 0.9, attempt_period_s=1e-3), 3)
    0.796
    """
    number("link_length_km", link_length_km, 0.0)
    target = float(number("target_fidelity", target_fidelity, 0.25, 1.0, low_open=True, high_open=True))
    ratio = float(in_range("t1_over_t2", t1_over_t2, 0.5))

    def shortfall(log10_t2: float) -> float:
        t2 = 10.0**log10_t2
        return float(two_link_memory(link_length_km, t2, t1_s=ratio * t2, **memory).mean_fidelity) - target

    best = shortfall(15.0)
    if best <= 0.0:
        raise ValueError(
            f"target_fidelity must be below {best + target:.6g}, what these links give with perfect memories; "
            f"got {target!r}"
        )
    low = -15.0
    if shortfall(low) >= 0.0:
        return 10.0**low
    return 10.0 ** brentq(shortfall, low, 15.0, xtol=1e-12)
