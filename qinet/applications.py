"""What a link can be used for: fidelity, loss and rate, the way the road map's verdicts weigh them.

A link delivers Bell pairs of (Werner) fidelity ``F`` between two nodes ``L`` km of fibre apart.
There are two ways to use it, and they meet loss differently:

* **photons measured on arrival**: a source in the middle of the fibre emits ``source_rate_hz`` pairs per
  second and each photon crosses ``L/2`` to a detector of efficiency ``eta_d`` (Wehner, Elkouss & Hanson,
  Science 362, eaam9288 (2018): the prepare-and-measure stage, where lost photons may be discarded). A
  photon is seen with probability ``eta = eta_d 10^(-alpha L / 20)``, pairs arrive at
  ``source_rate eta_d^2 eta(L)`` per second (:func:`qinet.links.direct_pair_rate`).
* **heralded memories**: each node keeps a memory qubit entangled with a photon; a detection heralds a pair
  between the memories (the entanglement-distribution and memory stages: no post-selection). An attempt
  succeeds with ``p = eta_d^2 eta(L)`` (:func:`qinet.repeaters.link_success_probability`) and a node cannot
  try again before the herald returns (``t_h = 2L/v``, :func:`qinet.links.heralding_time`), so pairs come at
  ``p min(attempt_rate, 1/t_h)`` per second; one memory waits ``t_h`` and dephases meanwhile
  (:func:`qinet.states.stored_fidelity`). A heralded memory is always read out: loss lowers the rate, never
  the measured correlations.

What counts as a usable rate is a requirement of the user, not of physics: a verdict asks for at least
``min_rate_hz`` key bits (or pairs) per second at the stated source or attempt rate (default one per
second, illustrative). The memory verdict uses the criterion of Wehner et al.'s Table 1 instead: a stored
qubit must outlive the time to make one pair and send one classical message.

Device-independent QKD needs the detection loophole closed: with photons, a no-click must count as an
outcome (assigned +1 here), which caps the CHSH value. With the same detection efficiency on both sides, as for
two photons through the same fibre, no two-setting Bell test (CHSH) closes the detection loophole at or below 2/3,
whatever the state; weakly entangled states without background approach 2/3 (Eberhard, PRA 47, R747 (1993)). With
unequal efficiencies one side may go down to 1/2 (Brunner, Gisin, Scarani & Simon, PRL 98, 220403 (2007)).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from qinet import bounds, links, repeaters, states
from qinet._validate import in_range, number, one_of, scalar_or_array
from qinet.loopholes import (
    EBERHARD_EFFICIENCY,
    chsh_needed,
    chsh_with_efficiency,
    di_rate_with_efficiency,
    qber_with_efficiency,
    side_efficiency,
)

FloatOrArray = float | np.ndarray

CLASSICAL_TELEPORTATION_LIMIT = 2.0 / 3.0
"""Best average fidelity of measure-and-prepare (classical) teleportation: Massar & Popescu, PRL 74, 1259 (1995)."""

APPLICATIONS = ("teleportation", "bb84", "di-qkd", "memory")

SIFTING = 0.5
"""BB84/BBM92: both ends choose between two bases at random, so half of the detected pairs are kept."""


def werner_qber(fidelity: ArrayLike) -> FloatOrArray:
    """Bit error rate of a Werner pair measured in the same basis on both sides: ``Q = 2(1 − F)/3``.

    ``ρ = w|Φ+⟩⟨Φ+| + (1 − w) I/4`` gives errors with probability ``(1 − w)/2`` in any basis, and
    ``w = (4F − 1)/3`` (textbook result: Q = (1 − V)/2 with V = w).

    Examples
    --------
    >>> round(werner_qber(0.85), 6)
    0.1
    """
    return scalar_or_array(2.0 * (1.0 - in_range("fidelity", fidelity, 0.25, 1.0)) / 3.0)


def werner_chsh(fidelity: ArrayLike) -> FloatOrArray:
    """CHSH value of a Werner pair at the optimal settings: ``S = 2√2 w`` (Clauser, Horne, Shimony, Holt 1969).

    Examples
    --------
    >>> round(werner_chsh(1.0), 6)
    2.828427
    """
    return scalar_or_array(bounds.TSIRELSON * np.asarray(states.werner_parameter(fidelity)))


def memory_pair_rate(
    length_km: ArrayLike,
    *,
    attempt_rate_hz: float = 1e6,
    detector_efficiency: ArrayLike = 1.0,
    attenuation_db_per_km: ArrayLike = 0.2,
    midpoint: bool = False,
) -> FloatOrArray:
    """Heralded pairs per second between two memories: ``p · min(attempt_rate, 1/t_h)``.

    ``p = eta_d² eta(L)`` (:func:`qinet.repeaters.link_success_probability`); a single memory per node must
    keep its qubit until the herald is back, ``t_h`` (:func:`qinet.links.heralding_time`), before it can try
    again (Sangouard et al., Rev. Mod. Phys. 83, 33 (2011)).

    Examples
    --------
    >>> round(memory_pair_rate(100.0), 3)  # p = 0.01, one attempt per 0.979 ms
    10.211
    """
    rate = float(in_range("attempt_rate_hz", attempt_rate_hz, 0.0, math.inf, low_open=True, high_open=True))
    length_km = number("length_km", length_km, 0.0)
    p = np.asarray(
        repeaters.link_success_probability(
            length_km, detector_efficiency=detector_efficiency, attenuation_db_per_km=attenuation_db_per_km
        )
    )
    t_h = np.asarray(links.heralding_time(length_km, midpoint=midpoint))
    with np.errstate(divide="ignore"):
        attempts = np.minimum(rate, 1.0 / t_h)
    return scalar_or_array(p * attempts)


def deterministic_delivery_fidelity(link_efficiency: ArrayLike, fresh_fidelity: ArrayLike = 1.0) -> FloatOrArray:
    """Best average fidelity of a pair delivered at a fixed clock tick, for quantum link efficiency ``R/r``.

    Attempt at rate ``R`` (successes Poisson in time) during a cycle of length ``T``, keep the first pair and
    let it depolarize at rate ``r`` until the tick; a cycle without success delivers ``I/4``. Averaging
    ``1/4 + (F₀ − 1/4) e^(−r(T − t))`` over the first success time ``t`` and choosing the best ``T`` gives
    ``F = 1/4 + (F₀ − 1/4) η^(1/(1 − η))`` with ``η = R/r`` (``e⁻¹`` at ``η = 1``). Derived here; for
    ``F₀ = 1`` it is Eq. (2) of Humphreys et al., Nature 558, 268 (2018), doi:10.1038/s41586-018-0200-5,
    which exceeds 1/2 above ``η ≈ 0.83``. ``link_efficiency`` is a ratio of rates, any value ≥ 0: above 1
    the fidelity keeps rising toward ``F₀``, reached at ``link_efficiency = inf`` (instant links).

    Examples
    --------
    >>> round(deterministic_delivery_fidelity(1.0), 6), round(deterministic_delivery_fidelity(39 / 5), 3)
    (0.52591, 0.804)
    """
    eta = in_range("link_efficiency", link_efficiency, 0.0)
    f0 = in_range("fresh_fidelity", fresh_fidelity, 0.25, 1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        kept = np.exp(np.log(eta) / (1.0 - eta))
    kept = np.where(np.abs(eta - 1.0) < 1e-12, math.exp(-1.0), kept)  # the limit at eta = 1
    kept = np.where(np.isinf(eta), 1.0, kept)
    return scalar_or_array(0.25 + (f0 - 0.25) * kept)


@dataclass(frozen=True)
class LinkUse:
    """Everything the verdicts need about one link, as numbers (arrays when ``length_km`` is an array).

    Times in s, rates per second, efficiencies and fidelities as fractions.
    """

    heralding_time_s: FloatOrArray
    message_time_s: FloatOrArray
    stored_fidelity: FloatOrArray
    teleportation_fidelity: FloatOrArray
    memory_pair_rate_hz: FloatOrArray
    photon_pair_rate_hz: FloatOrArray
    photon_efficiency: FloatOrArray
    qber: FloatOrArray
    bb84_key_rate_hz: FloatOrArray
    di_photon_chsh: FloatOrArray
    di_photon_qber: FloatOrArray
    di_photon_key_rate_hz: FloatOrArray
    di_memory_chsh: FloatOrArray
    di_memory_qber: FloatOrArray
    di_memory_key_rate_hz: FloatOrArray
    memory_time_needed_s: FloatOrArray


def link_use(
    fidelity: float,
    t2_s: float,
    length_km: ArrayLike,
    *,
    midpoint: bool = False,
    detector_efficiency: float = 1.0,
    attempt_rate_hz: float = 1e6,
) -> LinkUse:
    """Rates and qualities of every way of using one link (see the module text for the model).

    ``attempt_rate_hz`` is the photon-pair source's rate, and the memories' attempt rate before the
    heralding limit. Key rates are asymptotic: BB84/BBM92 ``½ R_pairs (1 − 2h(Q))`` (Shor & Preskill, PRL 85,
    441 (2000)); DI-QKD one key fraction (:func:`qinet.loopholes.di_rate_with_efficiency`) per emitted
    pair with photons, or per heralded pair with memories.

    ``t2_s`` is the memories' coherence time in s (``inf``: memories that never dephase).

    Examples
    --------
    >>> use = link_use(0.9, 1e-2, 100.0)
    >>> round(use.bb84_key_rate_hz), use.di_photon_key_rate_hz, round(use.memory_pair_rate_hz, 2)
    (1466, 0.0, 10.21)
    """
    f = float(in_range("fidelity", fidelity, 0.25, 1.0))
    t2 = float(in_range("t2_s", t2_s, 0.0, low_open=True))
    length = in_range("length_km", length_km, 0.0)
    eta_d = float(in_range("detector_efficiency", detector_efficiency, 0.0, 1.0, low_open=True))
    source = float(in_range("attempt_rate_hz", attempt_rate_hz, 0.0, math.inf, low_open=True, high_open=True))
    w = float(states.werner_parameter(f))
    t_h = np.asarray(links.heralding_time(length, midpoint=midpoint))
    stored = np.asarray(states.stored_fidelity(f, t_h, t2))
    w_stored = np.asarray(states.werner_parameter(stored))
    pairs_mem = np.asarray(
        memory_pair_rate(length, attempt_rate_hz=source, detector_efficiency=eta_d, midpoint=midpoint)
    )
    pairs_photon = np.asarray(links.direct_pair_rate(length, source, detector_efficiency=eta_d))
    eta = np.asarray(side_efficiency(length, eta_d))
    qber = float(werner_qber(f))
    s_photon, q_photon = np.asarray(chsh_with_efficiency(eta, w)), np.asarray(qber_with_efficiency(eta, w))
    s_memory, q_memory = (
        np.asarray(chsh_with_efficiency(1.0, w_stored)),
        np.asarray(qber_with_efficiency(1.0, w_stored)),
    )
    with np.errstate(divide="ignore"):
        pair_time = 1.0 / pairs_mem
    return LinkUse(
        heralding_time_s=scalar_or_array(t_h),
        message_time_s=scalar_or_array(np.asarray(links.fiber_delay(length))),
        stored_fidelity=scalar_or_array(stored),
        teleportation_fidelity=scalar_or_array(np.asarray(states.teleportation_fidelity(stored))),
        memory_pair_rate_hz=scalar_or_array(pairs_mem),
        photon_pair_rate_hz=scalar_or_array(pairs_photon),
        photon_efficiency=scalar_or_array(eta),
        qber=qber,
        bb84_key_rate_hz=scalar_or_array(SIFTING * pairs_photon * float(bounds.shor_preskill_rate(qber))),
        di_photon_chsh=scalar_or_array(s_photon),
        di_photon_qber=scalar_or_array(q_photon),
        di_photon_key_rate_hz=scalar_or_array(source * np.asarray(bounds.di_qkd_rate(s_photon, q_photon))),
        di_memory_chsh=scalar_or_array(s_memory),
        di_memory_qber=scalar_or_array(q_memory),
        di_memory_key_rate_hz=scalar_or_array(pairs_mem * np.asarray(bounds.di_qkd_rate(s_memory, q_memory))),
        memory_time_needed_s=scalar_or_array(pair_time + np.asarray(links.fiber_delay(length))),
    )


APPLICATION_STAGES = {
    "bb84": 2,
    "di-qkd": 3,
    "teleportation": 4,
    "memory": 4,
    "blind computing": 4,
    "clock synchronisation": 5,
    "distributed computing": 5,
    "leader election": 6,
}
"""The first of Wehner, Elkouss & Hanson's six stages (Science 362, eaam9288 (2018), Table 1) whose
functionality an application needs: QKD is a prepare-and-measure protocol, device independence needs
heralded entanglement, teleporting unknown qubits and blind computing need memories, clock
synchronisation (beyond a time-limited form) and distributed computing need few-qubit fault tolerance."""


@dataclass(frozen=True)
class Verdict:
    """Whether ``application`` works on the given link, the number it turns on, its threshold, and why.

    ``value`` and ``threshold`` are the quality figure (teleportation fidelity, QBER, CHSH value, memory
    time); ``rate_hz`` is the usable rate (key bits or pairs per second) against ``min_rate_hz``.
    ``margin`` is the smaller of the quality margin (value over threshold, or threshold over value when
    smaller is better) and the rate margin, so ``margin > 1`` means possible. ``route`` says how the link
    is used, ``stage`` which of Wehner et al.'s stages the application needs, ``limited_by`` what stops it
    (``""`` when possible, else ``"fidelity"``, ``"loss"``, ``"rate"`` or ``"memory"``).
    """

    application: str
    label: str
    possible: bool
    value: float
    threshold: float
    margin: float
    reason: str
    rate_hz: float = math.nan
    min_rate_hz: float = math.nan
    route: str = ""
    stage: int = 0
    limited_by: str = ""


def _ratio(a: float, b: float) -> float:
    return math.inf if b == 0 else a / b


def _verdict(app, label, quality, value, threshold, rate, min_rate, reason, route, limit_when_bad) -> Verdict:
    rate_margin = math.inf if min_rate == 0 and rate > 0 else _ratio(rate, min_rate)
    margin = min(quality, rate_margin)
    possible = margin > 1.0
    limited = "" if possible else (limit_when_bad if quality <= 1.0 else "rate")
    if limited == "rate":
        reason += f"; rate {rate:.3g}/s is below the {min_rate:g}/s asked for"
    return Verdict(
        app, label, possible, value, threshold, margin, reason, rate, min_rate, route, APPLICATION_STAGES[app], limited
    )


def application_feasibility(
    fidelity: float,
    t2_s: float,
    length_km: float,
    *,
    midpoint: bool = False,
    detector_efficiency: float = 1.0,
    attempt_rate_hz: float = 1e6,
    min_rate_hz: float = 1.0,
    memories: bool = True,
) -> tuple[Verdict, ...]:
    """Which applications a link of fidelity ``F``, memories of coherence ``T₂`` and length ``L`` supports.

    The model is :func:`link_use`; each verdict needs its quality threshold *and* ``min_rate_hz``:

    * ``"teleportation"`` with heralded memories: the pair waits ``t_h`` in memory, ``F' =
      stored_fidelity(F, t_h, T₂)``; average fidelity ``(2F' + 1)/3`` (Horodecki et al., PRA 60, 1888 (1999))
      must beat the classical 2/3 (Massar & Popescu 1995); rate = heralded pairs per second.
    * ``"bb84"`` (BBM92, photons measured on arrival): ``Q = 2(1 − F)/3`` below the Shor–Preskill 11.0 %;
      rate = ``½ R_pairs (1 − 2h(Q))``.
    * ``"di-qkd"``: photons (no-click counts as +1, the same efficiency ``eta`` on both sides: impossible at
      ``eta ≤ 2/3``, Eberhard 1993) or heralded memories (read out with certainty); possible when either
      route's key rate (Acín et al. 2007) reaches ``min_rate_hz``. ``value`` is the best route's CHSH value,
      ``threshold`` the value a key needs at its QBER (:func:`qinet.loopholes.chsh_needed`).
    * ``"memory"``: the memory keeps a qubit at least as long as it takes to make one pair and send one
      message, ``T₂ > 1/R + L/v`` (Wehner et al. 2018, Table 1, with one round and depth one); ``R T₂`` is
      the quantum link efficiency of Humphreys et al. (2018).

    Parameters
    ----------
    fidelity : Werner fidelity F of the pairs a link makes, in [0.25, 1].
    t2_s : memory coherence time T₂ in s, > 0 (``inf``: a perfect memory).
    length_km : fibre length L between the nodes in km, ≥ 0.
    midpoint : heralding station in the middle (``t_h = L/v`` instead of ``2L/v``).
    detector_efficiency : eta_d in (0, 1], of every photon detector (collection losses folded in).
    attempt_rate_hz : pairs emitted per second by the source, and the memories' attempt rate, > 0.
    min_rate_hz : the key bits or pairs per second the user needs, ≥ 0 (illustrative default: 1).
    memories : whether the nodes have memories; without them only photons measured on arrival remain.

    Examples
    --------
    >>> [(v.application, v.possible) for v in application_feasibility(0.9, 1e-2, 100.0)]
    [('teleportation', True), ('bb84', True), ('di-qkd', False), ('memory', False)]
    >>> application_feasibility(0.99, 1.0, 100.0)[2].reason.split(";")[0]
    'photons: each detected with 0.1 ≤ 2/3 (Eberhard), no CHSH test closes the detection loophole'
    """
    need = float(in_range("min_rate_hz", min_rate_hz, 0.0, math.inf, high_open=True))
    if not isinstance(memories, (bool, np.bool_)):
        raise TypeError(f"memories must be True or False, got {memories!r}")
    use = link_use(
        fidelity,
        t2_s,
        length_km,
        midpoint=midpoint,
        detector_efficiency=detector_efficiency,
        attempt_rate_hz=attempt_rate_hz,
    )
    f, t2, length = float(fidelity), float(t2_s), float(length_km)
    ms = 1e3 * use.heralding_time_s
    limit = CLASSICAL_TELEPORTATION_LIMIT
    tele = use.teleportation_fidelity
    teleport = _verdict(
        "teleportation",
        "Teleportation beats the classical 2/3",
        tele / limit,
        tele,
        limit,
        use.memory_pair_rate_hz,
        need,
        f"F = {f:.3f} stored {ms:.3g} ms (T₂ = {t2:.3g} s) → F′ = {use.stored_fidelity:.3f}; (2F′+1)/3 = "
        f"{tele:.3f} {'>' if tele > limit else '≤'} 2/3 at {use.memory_pair_rate_hz:.3g} pairs/s",
        "heralded memories",
        "fidelity",
    )
    q, q_star = float(use.qber), bounds.shor_preskill_threshold()
    bb84 = _verdict(
        "bb84",
        "BB84 key (QBER below 11 %)",
        _ratio(q_star, q),
        q,
        q_star,
        use.bb84_key_rate_hz,
        need,
        f"QBER 2(1−F)/3 = {100 * q:.1f} % {'<' if q < q_star else '≥'} {100 * q_star:.1f} %; "
        f"{use.bb84_key_rate_hz:.3g} key bits/s from {use.photon_pair_rate_hz:.3g} detected pairs/s",
        "photons measured on arrival",
        "fidelity",
    )
    di = _di_verdict(use, need, memories, float(states.werner_parameter(f)))
    t_need = float(use.memory_time_needed_s)
    memory = _verdict(
        "memory",
        "Memory outlives making a pair and a message",
        _ratio(t2, t_need),
        t2,
        t_need,
        use.memory_pair_rate_hz,
        0.0,
        f"T₂ = {t2:.3g} s {'>' if t2 > t_need else '≤'} 1/R + L/v = {t_need:.3g} s at {length:.0f} km "
        f"(R = {use.memory_pair_rate_hz:.3g} pairs/s; link efficiency R·T₂ = {use.memory_pair_rate_hz * t2:.3g})",
        "heralded memories",
        "memory",
    )
    if not memories:
        teleport, memory = _no_memory("teleportation", teleport.label, need), _no_memory("memory", memory.label, 0.0)
    return teleport, bb84, di, memory


def _di_verdict(use: LinkUse, need: float, memories: bool, visibility: float) -> Verdict:
    eta = use.photon_efficiency
    if eta <= EBERHARD_EFFICIENCY:
        text = f"photons: each detected with {eta:.3g} ≤ 2/3 (Eberhard), no CHSH test closes the detection loophole"
    else:
        text = (
            f"photons: detected with {eta:.3g}, S = {use.di_photon_chsh:.3f}, QBER {100 * use.di_photon_qber:.1f} % "
            f"→ {use.di_photon_key_rate_hz:.3g} bits/s"
        )
    routes = [
        (
            "photons measured on arrival",
            float(use.di_photon_chsh),
            float(use.di_photon_qber),
            float(use.di_photon_key_rate_hz),
        )
    ]
    if memories:
        text += (
            f"; memories: S = {use.di_memory_chsh:.3f}, QBER {100 * use.di_memory_qber:.1f} % → "
            f"{use.di_memory_key_rate_hz:.3g} bits/s"
        )
        routes.append(
            (
                "heralded memories",
                float(use.di_memory_chsh),
                float(use.di_memory_qber),
                float(use.di_memory_key_rate_hz),
            )
        )
    else:
        text += "; no memories to herald pairs"
    route, s, q, rate = max(routes, key=lambda r: (r[3], r[1] / chsh_needed(min(r[2], 0.5))))
    s_needed = chsh_needed(min(q, 0.5))
    lossless = route.startswith("photons") and float(di_rate_with_efficiency(1.0, visibility)) > 0.0
    return _verdict(
        "di-qkd",
        "Device-independent QKD",
        _ratio(s, s_needed),
        s,
        s_needed,
        rate,
        need,
        f"{text} (a key needs S > {s_needed:.3f})",
        route,
        "loss" if lossless else "fidelity",
    )


def _no_memory(app: str, label: str, need: float) -> Verdict:
    return Verdict(
        app,
        label,
        False,
        0.0,
        math.inf,
        0.0,
        "no memories: nothing can hold a qubit while the herald travels",
        0.0,
        need,
        "heralded memories",
        APPLICATION_STAGES[app],
        "memory",
    )


def minimum_fidelity(
    application: str,
    *,
    t2_s: float = math.inf,
    length_km: float = 0.0,
    tol: float = 1e-10,
    **link: Any,
) -> float:
    """The lowest link fidelity at which ``application`` becomes possible (bisection on the verdict).

    ``t2_s = inf`` means a perfect memory; ``link`` passes the other parameters of
    :func:`application_feasibility`. The bisection stops when the bracket is narrower than ``tol`` (> 0)
    or than the floating-point spacing. Raises ``ValueError`` with the reason when even ``F = 1`` is not
    enough (too much loss, too low a rate, too short a memory).

    Examples
    --------
    >>> round(minimum_fidelity("teleportation"), 6), round(minimum_fidelity("bb84"), 5)
    (0.5, 0.83496)
    """
    app = one_of("application", application, APPLICATIONS[:3])
    step = float(in_range("tol", tol, 0.0, 0.75, low_open=True))
    t2 = float(in_range("t2_s", t2_s, 0.0, low_open=True))

    def verdict(f: float) -> Verdict:
        return next(v for v in application_feasibility(f, t2, length_km, **link) if v.application == app)

    best = verdict(1.0)
    if not best.possible:
        raise ValueError(f"{app} is impossible even with perfect pairs (F = 1): {best.reason}")
    low, high = 0.25, 1.0
    while high - low > step:
        mid = (low + high) / 2.0
        if mid in (low, high):  # the bracket is as narrow as floating point allows
            break
        low, high = (low, mid) if verdict(mid).possible else (mid, high)
    return high
