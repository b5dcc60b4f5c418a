"""Exercise checks for notebook 12 (the road map). Every check returns a Feedback and never raises.

The two coding exercises are graded by behaviour with :func:`qinet.exercises.grading.grade_function`: the
learner's key rate (fidelity and loss) and lossy CHSH value are called at limits and on fresh values and
compared with :mod:`qinet.applications` and :mod:`qinet.loopholes`; a typical slip of the physics (no
sifting, the wrong error rate of a Werner pair, post-selected Bell tests) is named (:mod:`qinet.exercises.slips`).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from qinet import links, loopholes
from qinet._validate import probability
from qinet.exercises.feedback import Feedback, check_choice, check_number
from qinet.exercises.grading import Case, case, grade_function
from qinet.exercises.slips import Slip, name_slip


def _key_rate(fidelity: float, length_km: float, source_rate_hz: float) -> float:
    from qinet.applications import link_use

    return float(link_use(fidelity, 1.0, length_km, attempt_rate_hz=source_rate_hz).bb84_key_rate_hz)


def _random_link(rng: np.random.Generator) -> Case:
    return case(
        float(np.round(rng.uniform(0.84, 1.0), 3)),
        float(np.round(rng.uniform(1.0, 250.0), 1)),
        float(f"{10 ** rng.uniform(4.0, 9.0):.2g}"),
    )


def _bbm92(qber: float, transmittance: float, source_rate_hz: float, sifting: float = 0.5, *, log=math.log2) -> float:
    """½ R η (1 − 2h(Q)) with the key fraction left negative, for naming slips (``log`` for the entropy)."""
    h = 0.0 if qber in (0.0, 1.0) else -qber * log(qber) - (1 - qber) * log(1 - qber)
    return sifting * source_rate_hz * transmittance * (1.0 - 2.0 * h)


def _clamped(rate: float) -> float:
    return max(0.0, rate)


_KEY_SLIPS = [
    Slip(
        lambda f, length_km, r: 2.0 * _key_rate(f, length_km, r),
        "Your rate is twice too large: Alice and Bob each pick the Z or the X basis at random and keep only the rounds "
        "in which they chose the same, half of them (sifting).",
    ),
    Slip(
        lambda f, length_km, r: _clamped(_bbm92(1 - f, float(links.fiber_transmittance(length_km)), r)),
        "Your error rate is 1 − F, but a Werner pair's bits disagree only for two of the three other Bell states "
        "(Ψ⁺ and Ψ⁻ in the Z basis): Q = 2(1 − F)/3.",
    ),
    Slip(
        lambda f, length_km, r: _clamped(_bbm92(2 * (1 - f) / 3, float(links.fiber_transmittance(length_km / 2)), r)),
        "Each photon crosses L/2, but a pair counts only when both photons arrive: η(L/2) · η(L/2) = η(L).",
    ),
    Slip(
        lambda f, length_km, r: _clamped(_bbm92(2 * (1 - f) / 3, 10 ** (-0.2 * length_km), r)),
        "Your rate falls far too fast with length: 0.2 dB/km over L km lets through 10^(−0.2 L/10); the /10 turns "
        "decibels into a power of ten.",
    ),
    Slip(
        lambda f, length_km, r: _bbm92(2 * (1 - f) / 3, float(links.fiber_transmittance(length_km)), r),
        "Your rate turns negative when the error rate is above 11 %: there is then no key at all, 0 bits per second "
        "(max(0, 1 − 2h(Q))).",
    ),
    Slip(
        lambda f, length_km, r: _clamped(
            _bbm92(2 * (1 - f) / 3, float(links.fiber_transmittance(length_km)), r, log=math.log)
        ),
        "Your entropy uses the natural logarithm: h(Q) counts bits, with log₂ (bounds.binary_entropy does it).",
    ),
]


def check_key_rate(fn: Callable[..., Any]) -> Feedback:
    """Exercise 1: ``fn(fidelity, length_km, source_rate_hz)`` returns the BB84 (BBM92) key rate in bit/s of pairs
    from a source in the middle of the fibre, measured on arrival by ideal detectors.

    ``½ R η(L) max(0, 1 − 2h(Q))`` with ``Q = 2(1 − F)/3`` and ``η(L) = 10^(−0.2 L/10)`` (Shor & Preskill,
    PRL 85, 441 (2000)); the reference is :func:`qinet.applications.link_use`. Graded at no loss, below the
    11 % threshold, at 100 km and on fresh links.

    Examples
    --------
    >>> from qinet import bounds
    >>> def key_rate(fidelity, length_km, source_rate_hz):
    ...     qber = 2 * (1 - fidelity) / 3
    ...     arriving = source_rate_hz * 10 ** (-0.2 * length_km / 10)
    ...     return 0.5 * arriving * max(0.0, 1 - 2 * bounds.binary_entropy(qber))
    >>> bool(check_key_rate(key_rate))
    True
    >>> print(check_key_rate(lambda f, length_km, r: 2 * key_rate(f, length_km, r)).message)  # doctest: +ELLIPSIS
    For fidelity = 1, length_km = 0, source_rate_hz = 1e+06 your function returned 1e+06; expected 5e+05. ...
    """
    feedback = grade_function(
        fn,
        _key_rate,
        cases=[
            case(
                1.0,
                0.0,
                1e6,
                why="with perfect pairs and no fibre every pair arrives; half of them are sifted, and each sifted bit "
                "is a key bit",
            ),
            case(
                0.8,
                30.0,
                1e6,
                why="F = 0.8 gives an error rate of 13 %, above the 11 % at which 1 − 2h(Q) reaches zero: no key",
            ),
            case(1.0, 100.0, 1e6, why="100 km of fibre at 0.2 dB/km pass 1 % of the pairs (each photon crosses 50 km)"),
            case(0.95, 50.0, 2e5),
        ],
        random_cases=_random_link,
        n_random=4,
        rtol=1e-4,
        unit="bit/s",
        key="roadmap.key_rate",
        hint="Three factors: the pairs whose two photons arrive, R · 10^(−0.2 L/10); the half of them that survive "
        "sifting; and the key fraction 1 − 2h(Q) of each sifted bit, with the error rate Q = 2(1 − F)/3 of a Werner "
        "pair. bounds.binary_entropy(q) is h.",
        idea="Loss decides how many pairs arrive (two photons across half the fibre each lose as much as one photon "
        "across all of it), sifting how many are kept, and the fidelity how much key each kept pair is worth: "
        "nothing below F ≈ 0.835, where the error rate passes 11 %.",
    )
    probes = [(0.98, 20.0, 1e6), (0.9, 50.0, 1e5), (0.8, 10.0, 1e6)]
    return name_slip(feedback, fn, _KEY_SLIPS, probes, rtol=1e-4)


_TSIRELSON = 2.0 * math.sqrt(2.0)


def lossy_chsh(efficiency_a: float, efficiency_b: float, visibility: float) -> float:
    """CHSH value of a Werner pair at the standard angles when Alice detects with probability ``η_A``, Bob with
    ``η_B``, and each records a no-click as +1: ``S = 2√2 V η_A η_B + 2 (1 − η_A)(1 − η_B)``.

    Both detect: ``V cos(a − b)``; one detects: an unbiased ±1 against a +1, no correlation; neither: +1 and +1
    (the assignment of Garg & Mermin, PRD 35, 3831 (1987)). Equal efficiencies give
    :func:`qinet.loopholes.chsh_with_efficiency`.

    Examples
    --------
    >>> round(lossy_chsh(0.9, 0.9, 1.0), 4) == round(float(loopholes.chsh_with_efficiency(0.9)), 4)
    True
    >>> round(lossy_chsh(0.7, 1.0, 1.0), 4)  # Bob detects every particle: only Alice's losses cost
    1.9799
    """
    eta_a, eta_b = float(probability("efficiency_a", efficiency_a)), float(probability("efficiency_b", efficiency_b))
    v = float(probability("visibility", visibility))
    return _TSIRELSON * v * eta_a * eta_b + 2.0 * (1.0 - eta_a) * (1.0 - eta_b)


_CHSH_SLIPS = [
    Slip(
        lambda eta_a, eta_b, v: _TSIRELSON * v,
        "Your S does not fall with the efficiencies: that is the CHSH value of the rounds in which both particles "
        "were detected (post-selection), which a local model can fake. Closing the detection loophole means "
        "counting a no-click as an outcome (+1 here).",
    ),
    Slip(
        lambda eta_a, eta_b, v: _TSIRELSON * v * eta_a * eta_b,
        "Your S drops to 0 when nothing is detected, but then both sides record +1 every time, perfectly "
        "correlated: the rounds in which both are lost add (1 − η_A)(1 − η_B) to every correlator.",
    ),
    Slip(
        lambda eta_a, eta_b, v: _TSIRELSON * v * eta_a * eta_b + 4.0 * (1.0 - eta_a) * (1.0 - eta_b),
        "The no-click term enters S = E(a₀,b₀) + E(a₀,b₁) + E(a₁,b₀) − E(a₁,b₁) three times with + and once with −: "
        "2(1 − η_A)(1 − η_B), not 4(1 − η_A)(1 − η_B).",
    ),
    Slip(
        lambda eta_a, eta_b, v: _TSIRELSON * v * eta_a * eta_b + 2.0 * (1.0 - eta_a * eta_b),
        "When only one particle is lost, one side records +1 and the other a random ±1: those rounds are "
        "uncorrelated and add nothing. Only the rounds that lose both add (1 − η_A)(1 − η_B).",
    ),
    Slip(
        lambda eta_a, eta_b, v: lossy_chsh(eta_a, eta_a, v),
        "Your S uses Alice's efficiency for both sides: Bob's particle is detected with its own probability η_B.",
    ),
]


def check_chsh_with_loss(fn: Callable[..., Any]) -> Feedback:
    """Exercise 2: ``fn(efficiency_a, efficiency_b, visibility)`` returns the CHSH value of Werner pairs at the
    standard angles when Alice detects with probability η_A, Bob with η_B, and a no-click counts as +1.

    ``S = 2√2 V η_A η_B + 2(1 − η_A)(1 − η_B)`` (:func:`lossy_chsh`). Graded at no loss, at no detection, with
    one side that detects everything, at equal efficiencies and on fresh values.

    Examples
    --------
    >>> bool(check_chsh_with_loss(lossy_chsh))
    True
    >>> print(check_chsh_with_loss(lambda efficiency_a, efficiency_b, visibility: 2 * 2**0.5 * visibility).message)
    ... # doctest: +ELLIPSIS
    For efficiency_a = 0, efficiency_b = 0, visibility = 1 your function returned 2.828; expected 2. ...
    """
    feedback = grade_function(
        fn,
        lossy_chsh,
        cases=[
            case(1.0, 1.0, 1.0, why="with every particle detected, perfect pairs reach Tsirelson's 2√2"),
            case(1.0, 1.0, 0.8, why="with every particle detected a Werner pair's correlators shrink by V: S = 2√2 V"),
            case(
                0.0,
                0.0,
                1.0,
                why="when nothing is detected both sides record +1 every time: all four correlators are +1, "
                "so S = 1 + 1 + 1 − 1 = 2",
            ),
            case(
                0.7,
                1.0,
                1.0,
                why="when Bob detects every particle, a round Alice loses pairs her +1 with Bob's random ±1: "
                "S = 2√2 η_A, above 2 only for η_A > 1/√2",
            ),
            case(0.5, 0.5, 1.0),
        ],
        random_cases=lambda rng: tuple(float(x) for x in np.round([*rng.uniform(0.3, 1.0, 2), rng.uniform(0.5, 1)], 3)),
        n_random=4,
        rtol=1e-6,
        key="roadmap.chsh_with_loss",
        hint="Sort the rounds: both detected (probability η_A η_B), the pair's correlator V cos(a − b); neither "
        "detected, +1 against +1, a correlator of +1; one detected, a random ±1 against a +1, no correlation. "
        "Then S = E(a₀,b₀) + E(a₀,b₁) + E(a₁,b₀) − E(a₁,b₁) at the best angles.",
        idea="Weight each kind of round by its probability: only the rounds in which both are detected carry the "
        "pair's correlation, and only those in which both are lost add a +1. At the CHSH angles the cosines add up "
        "to 2√2, and one of the four correlators enters S with a minus sign.",
    )
    return name_slip(feedback, fn, _CHSH_SLIPS, [(0.9, 0.8, 1.0), (0.7, 0.95, 0.9), (0.5, 0.6, 0.8)], rtol=1e-6)


def check_heralding_ms(answer: object) -> Feedback:
    """Exercise 4: the heralding round trip in ms over a 500 km link (emitter at one end, n_g = 1.468).

    Examples
    --------
    >>> bool(check_heralding_ms(4.897)), bool(check_heralding_ms(2.448))
    (True, False)
    """
    from qinet.links import heralding_time

    return check_number(
        answer, 1e3 * heralding_time(500.0), rtol=0.01, unit="ms", hint="There and back: 2L / (c / 1.468)."
    )


def check_bell_test_km(answer: object) -> Feedback:
    """Exercise 3: the longest fibre (km, 0.2 dB/km, source in the middle, perfect detectors) over which
    photons measured on arrival can still close the detection loophole with the best state (Eberhard's 2/3, for
    the equal efficiencies of two photons through the same fibre).

    Examples
    --------
    >>> bool(check_bell_test_km(17.6)), bool(check_bell_test_km(8.8))
    (True, False)
    """
    return check_number(
        answer,
        -20.0 * math.log10(loopholes.EBERHARD_EFFICIENCY) / 0.2,
        rtol=0.02,
        unit="km",
        hint="Each photon crosses half the fibre: 10^(−0.2 · (L/2) / 10) must stay above 2/3. Solve for L.",
    )


def check_stage(answer: object) -> Feedback:
    """Exercise 5 (multiple choice): the first stage of Wehner et al. that lets two banks 1,000 km apart
    share a key without trusting anyone in between.

    Examples
    --------
    >>> bool(check_stage("b")), bool(check_stage("a"))
    (True, False)
    """
    return check_choice(
        answer,
        "b",
        {
            "a": "A trusted repeater network gives them a key, but every relay sees it: they must trust the relays.",
            "b": "Yes: end-to-end QKD with no trusted node is the prepare-and-measure stage (BB84, or pairs from a "
            "satellite kept when both photons arrive).",
            "c": "Heralded entanglement adds device independence, but a key without trusted relays comes one stage "
            "earlier.",
            "d": "Memories help with rate and distance, but photons measured on arrival already suffice.",
        },
    )
