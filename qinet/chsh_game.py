"""The CHSH game: two players who cannot talk win more often with a shared Bell pair than without.

A referee sends Alice a random bit x and Bob a random bit y; they answer bits a and b and win when
a ⊕ b = x ∧ y (equal answers unless both got 1). Without a shared pair, the best strategy wins 3/4
of the rounds: the CHSH inequality S ≤ 2 (Clauser, Horne, Shimony, Holt, PRL 23, 880 (1969),
doi:10.1103/PhysRevLett.23.880) in the form of a game (Cleve, Høyer, Toner, Watrous, "Consequences
and limits of nonlocal strategies", Proc. 19th IEEE Conf. on Computational Complexity (2004),
arXiv:quant-ph/0404076). Sharing |Φ⁺⟩ and measuring along angles a_x, b_y in the X–Z plane,

    P(win) = 1/2 + S/8,   S = E(a₀,b₀) + E(a₀,b₁) + E(a₁,b₀) − E(a₁,b₁),   E(a, b) = V cos(a − b)

for a pair of visibility V, at most cos²(π/8) ≈ 0.854 at the angles (0, π/2; π/4, −π/4), where
S = 2√2 (Tsirelson's bound: B. S. Cirel'son, Lett. Math. Phys. 4, 93 (1980), doi:10.1007/BF00417500).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np

from qinet._validate import number, positive_int, probability
from qinet._validate import seed as _seed
from qinet.stats import binomial_stderr

#: Alice's a₀, a₁ and Bob's b₀, b₁ (rad) that win most often with Φ⁺.
BEST_ANGLES = (0.0, math.pi / 2, math.pi / 4, -math.pi / 4)
#: The best classical win probability, 3/4 (the CHSH bound S ≤ 2).
CLASSICAL_LIMIT = 0.75
#: The best quantum win probability, cos²(π/8) = 1/2 + √2/4 (Tsirelson's bound S ≤ 2√2).
QUANTUM_LIMIT = 0.5 + math.sqrt(2) / 4


@dataclass(frozen=True)
class GameResult:
    """Rounds of the CHSH game played on Aer: wins per question pair (x, y) and in total."""

    rounds: int
    wins: int
    rounds_per_question: tuple[int, int, int, int]
    """Rounds with (x, y) = (0, 0), (0, 1), (1, 0), (1, 1)."""
    wins_per_question: tuple[int, int, int, int]
    win_fraction: float
    stderr: float


def _angles(a0: float, a1: float, b0: float, b1: float) -> tuple[float, float, float, float]:
    return tuple(float(number(n, v)) for n, v in zip(("a0", "a1", "b0", "b1"), (a0, a1, b0, b1), strict=True))  # type: ignore[return-value]


def win_probabilities(
    a0: float, a1: float, b0: float, b1: float, visibility: float = 1.0
) -> tuple[float, float, float, float]:
    """P(win | x, y) for the four questions, with Φ⁺ of ``visibility`` V measured at the given angles (rad).

    Equal answers win for (0,0), (0,1), (1,0): ``(1 + E)/2``; different answers win for (1,1): ``(1 − E)/2``.

    Examples
    --------
    >>> [round(p, 4) for p in win_probabilities(*BEST_ANGLES)]
    [0.8536, 0.8536, 0.8536, 0.8536]
    """
    from qinet.entangle import predicted_correlation

    a0, a1, b0, b1 = _angles(a0, a1, b0, b1)
    v = float(probability("visibility", visibility))
    e = [float(predicted_correlation("phi+", a, b, v)) for a, b in ((a0, b0), (a0, b1), (a1, b0), (a1, b1))]
    return ((1 + e[0]) / 2, (1 + e[1]) / 2, (1 + e[2]) / 2, (1 - e[3]) / 2)


def win_probability(a0: float, a1: float, b0: float, b1: float, visibility: float = 1.0) -> float:
    """P(win) = 1/2 + S/8, averaged over the four equally likely questions.

    Examples
    --------
    >>> round(win_probability(*BEST_ANGLES), 6), round(QUANTUM_LIMIT, 6)
    (0.853553, 0.853553)
    """
    return float(np.mean(win_probabilities(a0, a1, b0, b1, visibility)))


def classical_win_probabilities() -> dict[tuple[int, int, int, int], float]:
    """Win probability of each of the 16 deterministic classical strategies (a₀, a₁, b₀, b₁): Alice
    answers a_x to question x, Bob b_y to y. Shared randomness only mixes them, so none beats the best.

    Examples
    --------
    >>> max(classical_win_probabilities().values())
    0.75
    """
    table: dict[tuple[int, int, int, int], float] = {}
    for a0, a1, b0, b1 in itertools.product((0, 1), repeat=4):
        a, b = (a0, a1), (b0, b1)
        table[(a0, a1, b0, b1)] = sum((a[x] ^ b[y]) == (x & y) for x in (0, 1) for y in (0, 1)) / 4
    return table


def play(
    a0: float,
    a1: float,
    b0: float,
    b1: float,
    *,
    visibility: float = 1.0,
    rounds: int = 4000,
    seed: int | None = None,
) -> GameResult:
    """Play ``rounds`` rounds on Aer: random questions, a Bell pair per round measured along a_x and b_y.

    The number of rounds of each question pair is drawn at random (multinomial); each question
    pair's rounds run as shots of one circuit (:func:`qinet.entangle.bell_correlation_circuit`).

    Examples
    --------
    >>> result = play(*BEST_ANGLES, rounds=400, seed=7)
    >>> result.rounds, 0.75 < result.win_fraction < 0.95
    (400, True)
    """
    from qinet import sim
    from qinet.entangle import bell_correlation_circuit

    a0, a1, b0, b1 = _angles(a0, a1, b0, b1)
    rounds = positive_int("rounds", rounds, minimum=4)
    if rounds > 1_000_000:
        raise ValueError(f"rounds must be at most 1,000,000, got {rounds}")
    v = float(probability("visibility", visibility))
    rng = np.random.default_rng(_seed(seed))
    per_question = rng.multinomial(rounds, [0.25] * 4)
    settings = ((a0, b0), (a0, b1), (a1, b0), (a1, b1))
    wins = []
    for (a, b), n, shot_seed, both_one in zip(
        settings, per_question, sim.seeds(int(rng.integers(2**31)), 4), (False, False, False, True), strict=True
    ):
        if n == 0:
            wins.append(0)
            continue
        outcome = sim.sample(bell_correlation_circuit("phi+", a, b, v), shots=int(n), seed=int(shot_seed)).bits(
            "outcome"
        )
        same = int(np.count_nonzero(outcome[:, 0] == outcome[:, 1]))  # bit 0 Alice's, bit 1 Bob's
        wins.append(int(n) - same if both_one else same)
    fraction = sum(wins) / rounds
    return GameResult(
        rounds=rounds,
        wins=sum(wins),
        rounds_per_question=tuple(int(n) for n in per_question),  # type: ignore[arg-type]
        wins_per_question=tuple(wins),  # type: ignore[arg-type]
        win_fraction=fraction,
        stderr=float(binomial_stderr(fraction, rounds)),
    )
