"""Monte Carlo of repeater-chain waiting times and memory idling (vectorised NumPy).

The analytic counterpart is in `qinet.repeaters` (`expected_rounds`, `delivery_rounds`,
`two_link_memory`); `simulate_chain` is re-exported there. Model: n links attempt once per round,
each succeeds with probability p and keeps its pair; stored qubits dephase (coherence x exp(-t/T2)
each). Three schemes, chosen by the arguments:

* ``swap_success = 1``, no cutoff: inner nodes swap as soon as both neighbouring links (or segments)
  are up. Delivery time = max of the n geometric link times (as in `expected_rounds`). The qubits in
  memory at any round are the two ends of every ready segment, so the idle qubit-rounds are
  ``2 [sum_i (T - G_i) - sum_i (T - max(G_i, G_i+1))]``.
* ``swap_success = a < 1`` or ``signalling_rounds`` given: nested doubling (n = 2^k): two neighbouring
  segments are swapped when both are ready; the swap's outcome then needs ``signalling_rounds[j - 1]``
  rounds of classical signalling at nesting level j before the new segment counts as ready; a failed
  swap discards both and they are rebuilt from scratch (Sangouard et al., Rev. Mod. Phys. 83, 33, 2011,
  doi:10.1103/RevModPhys.83.33). Times are then fractional numbers of rounds.
* ``cutoff_rounds`` given (a = 1): nodes swap once all links are up; a link's pair older than the
  cutoff is discarded and the link tries again. All 2n qubits idle until delivery.

The end-to-end fidelity for Werner links of parameter w and total dephasing ``D = exp(-idle tau / T2)``
is ``F = (1 + w^n + 2 w^n D) / 4`` (Pauli-frame algebra of Bell-diagonal states, as in `qinet.states`).
With energy relaxation (``t1_s``, two links only) the waiting link's state is
`qinet.states.stored_bell_coefficients` (both qubits stored) and the swap with the fresh Werner link gives
``F = (1 - w)/4 + w F1``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from qinet import states
from qinet._limits import MAX_LINKS, ResourceLimitError, deadline
from qinet._validate import array, in_range, number, positive_int
from qinet._validate import seed as _seed

MAX_DRAWS = 50_000_000
"""Refuse a simulation that would need more random link attempts than this (memory and time)."""
MAX_PAIRS = 2_000_000
"""Refuse more end-to-end pairs than this: the per-pair results alone take ~32 bytes each (~64 MB here)."""
MIN_P = 1e-12
"""Refuse smaller link success probabilities: waits of ~1/p rounds would overflow NumPy's integers (use the closed
forms of `qinet.repeaters` there)."""
MAX_ROUNDS = 10**9
"""The largest ``max_rounds`` and ``cutoff_rounds`` accepted (the simulation also stops after ``MAX_SECONDS``)."""
MAX_CUTOFF_CELLS = 4_000_000
"""With a cutoff every pair's n link ages are tracked at once: refuse ``n_pairs * n_links`` above this."""
_CHUNK = 4_000_000


@dataclass(frozen=True)
class ChainSimulation:
    """Per-pair results of `simulate_chain` (times in attempt rounds; seconds if a period was given)."""

    n_links: int
    p: float
    swap_success: float
    waiting_rounds: np.ndarray
    idle_qubit_rounds: np.ndarray
    waiting_s: np.ndarray | None
    fidelities: np.ndarray | None

    @property
    def mean_rounds(self) -> float:
        """Mean number of attempt rounds per end-to-end pair."""
        return float(self.waiting_rounds.mean())

    @property
    def stderr_rounds(self) -> float:
        """Standard error of `mean_rounds`."""
        return float(self.waiting_rounds.std(ddof=1) / np.sqrt(self.waiting_rounds.size))


def _deterministic(rng: np.random.Generator, n: int, p: float, n_pairs: int) -> tuple[np.ndarray, np.ndarray]:
    waits, idles = [], []
    chunk = max(1, _CHUNK // n)
    for start in range(0, n_pairs, chunk):
        g = rng.geometric(p, size=(min(chunk, n_pairs - start), n))
        t = g.max(axis=1)
        held = (t[:, None] - g).sum(axis=1) - (t[:, None] - np.maximum(g[:, 1:], g[:, :-1])).sum(axis=1)
        waits.append(t)
        idles.append(2 * held)
    return np.concatenate(waits), np.concatenate(idles)


def _nested(
    rng: np.random.Generator, level: int, p: float, a: float, size: int, delays: Sequence[float] = ()
) -> tuple[np.ndarray, np.ndarray]:
    """Delivery times and idle qubit-rounds of ``size`` segments of 2^level links (nested, with restarts).

    ``delays[j - 1]`` is the signalling time (in rounds) that every swap attempt at level j adds; none if empty.
    """
    if level == 0:
        return rng.geometric(p, size=size), np.zeros(size, dtype=np.int64)
    attempts = rng.geometric(a, size=size)
    total = int(attempts.sum())
    left_t, left_idle = _nested(rng, level - 1, p, a, total, delays)
    right_t, right_idle = _nested(rng, level - 1, p, a, total, delays)
    both = np.maximum(left_t, right_t)
    if delays:
        both = both + delays[level - 1]
    ends = np.cumsum(attempts)
    times = np.add.reduceat(both, ends - attempts)
    last = ends - 1
    idle = left_idle[last] + right_idle[last] + 2 * np.abs(left_t[last] - right_t[last])
    return times, idle


def _with_cutoff(
    rng: np.random.Generator, n: int, p: float, n_pairs: int, cutoff: int, max_rounds: int
) -> tuple[np.ndarray, np.ndarray]:
    age = np.full((n_pairs, n), -1, dtype=np.int64)  # -1: link down
    alive = np.arange(n_pairs)
    waits = np.zeros(n_pairs, dtype=np.int64)
    idles = np.zeros(n_pairs, dtype=np.int64)
    out_of_time = deadline()
    for t in range(1, max_rounds + 1):
        if out_of_time():
            raise ResourceLimitError(
                f"cutoff_rounds={cutoff}: {alive.size:,} of {n_pairs:,} chains were still incomplete after "
                f"{t:,} rounds and the time this session allows; use a longer cutoff, fewer pairs or a larger p"
            )
        up = age >= 0
        age[up] += 1
        age[age > cutoff] = -1
        down = age < 0
        age[down & (rng.random(age.shape) < p)] = 0
        done = np.all(age >= 0, axis=1)
        if done.any():
            waits[alive[done]] = t
            idles[alive[done]] = 2 * age[done].sum(axis=1)
            alive, age = alive[~done], age[~done]
            if alive.size == 0:
                return waits, idles
    raise ValueError(
        f"cutoff_rounds={cutoff} is too short: {alive.size} of {n_pairs} chains were not complete "
        f"after max_rounds={max_rounds} rounds"
    )


def simulate_chain(
    n_links: int,
    p: float,
    n_pairs: int,
    *,
    swap_success: float = 1.0,
    cutoff_rounds: int | None = None,
    signalling_rounds: Sequence[float] | None = None,
    attempt_period_s: float | None = None,
    t2_s: float | None = None,
    t1_s: float = math.inf,
    link_fidelity: float = 1.0,
    max_rounds: int = 100_000,
    seed: int | None = None,
) -> ChainSimulation:
    """Simulate ``n_pairs`` end-to-end pairs of a chain of ``n_links`` links; see the module docstring.

    Parameters
    ----------
    n_links : number of links n >= 1 (a power of two when ``swap_success < 1`` or with ``signalling_rounds``).
    p : link success probability per attempt, in [MIN_P, 1].
    n_pairs : number of end-to-end pairs (independent chain runs), in [1, MAX_PAIRS].
    swap_success : success probability of one swap, in (0, 1].
    cutoff_rounds : discard a link's pair after this many rounds in memory (in [0, MAX_ROUNDS]), or None.
    signalling_rounds : classical signalling time of each nesting level 1..k in attempt rounds (>= 0), or None.
    attempt_period_s : duration of one attempt round in s (> 0), for times in s and fidelities.
    t2_s : memory coherence time in s (> 0); needs ``attempt_period_s``; gives ``fidelities``.
    t1_s : memory energy-relaxation time in s (>= t2_s / 2); finite values need ``t2_s`` and two links.
    link_fidelity : Werner fidelity of each fresh link, in [0.25, 1].
    max_rounds : with a cutoff, give up (ValueError) after this many rounds, in [1, MAX_ROUNDS]; the
        simulation also gives up after ``qinet._limits.MAX_SECONDS``.
    seed : seed for ``numpy.random.default_rng``; the same seed gives the same result.

    Examples
    --------
    >>> sim = simulate_chain(2, 0.1, 20_000, seed=1)
    >>> abs(sim.mean_rounds - 14.7368) < 4 * sim.stderr_rounds
    True
    """
    n = positive_int("n_links", n_links, maximum=MAX_LINKS)
    prob = float(number("p", p, MIN_P, 1.0))
    rounds_limit = positive_int("max_rounds", max_rounds, maximum=MAX_ROUNDS)
    seed = _seed(seed)
    pairs = positive_int("n_pairs", n_pairs)
    if pairs > MAX_PAIRS:
        raise ValueError(f"n_pairs must be in [1, {MAX_PAIRS:,}] (MAX_PAIRS, memory for the results), got {pairs:,}")
    if pairs * n > MAX_DRAWS:
        raise ValueError(
            f"n_pairs * n_links = {pairs * n:,} exceeds MAX_DRAWS = {MAX_DRAWS:,} random link attempts; "
            "use fewer pairs or links"
        )
    a = float(in_range("swap_success", swap_success, 0.0, 1.0, low_open=True))
    f_link = float(in_range("link_fidelity", link_fidelity, 0.25, 1.0))
    w = (4.0 * f_link - 1.0) / 3.0
    tau = None
    if attempt_period_s is not None:
        tau = float(number("attempt_period_s", attempt_period_s, 0.0, low_open=True))
    t2 = None if t2_s is None else float(in_range("t2_s", t2_s, 0.0, low_open=True))
    if t2 is not None and tau is None:
        raise ValueError("attempt_period_s must be given (> 0) when t2_s is given, got None")
    t1 = float(in_range("t1_s", t1_s, 0.0, low_open=True))
    if math.isfinite(t1):
        if t2 is None:
            raise ValueError(f"t2_s must be given (> 0) when t1_s is finite, got t1_s={t1!r} and t2_s=None")
        if n != 2:
            raise ValueError(
                f"t1_s must be inf for n_links != 2 (energy relaxation is modelled for one swap), got {t1!r}"
            )
        states.memory_decay(0.0, t2, t1_s=t1)  # T2 <= 2 T1
    rng = np.random.default_rng(seed)

    if cutoff_rounds is not None:
        cutoff = positive_int("cutoff_rounds", cutoff_rounds, minimum=0, maximum=MAX_ROUNDS)
        if a < 1.0 or signalling_rounds is not None:
            raise ValueError(
                f"swap_success must be 1.0 and signalling_rounds None when cutoff_rounds is given, got {a!r}"
            )
        if pairs * n > MAX_CUTOFF_CELLS:
            raise ValueError(
                f"n_pairs * n_links = {pairs * n:,} exceeds MAX_CUTOFF_CELLS = {MAX_CUTOFF_CELLS:,} with a cutoff; "
                "use fewer pairs"
            )
        waits, idles = _with_cutoff(rng, n, prob, pairs, cutoff, rounds_limit)
    elif a < 1.0 or signalling_rounds is not None:
        levels = n.bit_length() - 1
        if n != 1 << levels:
            raise ValueError(
                f"n_links must be a power of two for nested swapping (swap_success < 1 or signalling_rounds), got {n}"
            )
        delays: tuple[float, ...] = ()
        if signalling_rounds is not None:
            delays = tuple(
                float(d) for d in array("signalling_rounds", signalling_rounds, ndim=None, low=0.0, finite=True).ravel()
            )
            if len(delays) != levels:
                raise ValueError(
                    f"signalling_rounds must give one time per nesting level ({levels}), got {len(delays)}"
                )
        draws = pairs * (2.0 / a) ** levels
        if draws > MAX_DRAWS:
            raise ValueError(
                f"n_pairs={pairs} needs about {draws:.2g} random draws here (limit {MAX_DRAWS:.0e}); use fewer pairs"
            )
        waits, idles = _nested(rng, levels, prob, a, pairs, delays)
    else:
        waits, idles = _deterministic(rng, n, prob, pairs)

    waiting_s = None if tau is None else waits * tau
    fidelities = None
    if t2 is not None and tau is not None:  # t2_s needs attempt_period_s (checked above)
        if math.isfinite(t1):  # two links: the waiting link's two qubits idle idles / 2 rounds each
            stored = states.stored_fidelity(f_link, idles / 2 * tau, t2, t1_s=t1, qubits=2)
            fidelities = (1.0 - w) / 4.0 + w * np.asarray(stored)
        else:
            decay = np.exp(-idles * tau / t2)
            fidelities = (1.0 + w**n + 2.0 * w**n * decay) / 4.0
    return ChainSimulation(n, prob, a, waits, idles, waiting_s, fidelities)
