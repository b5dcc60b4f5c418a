"""stats: the one binomial standard error."""

import math

import numpy as np
import pytest

from qinet.stats import binomial_stderr


def test_binomial_stderr_formula_and_broadcasting():
    assert binomial_stderr(0.5, 10_000) == pytest.approx(0.005)
    assert binomial_stderr(0.0755, 2_000) == pytest.approx(math.sqrt(0.0755 * 0.9245 / 2_000))
    grid = binomial_stderr(np.array([[0.1], [0.9]]), np.array([100, 400]))
    assert grid.shape == (2, 2) and grid[0, 1] == pytest.approx(0.015) and grid[1, 0] == pytest.approx(0.03)
    assert isinstance(binomial_stderr(0.2, 10), float) and binomial_stderr(1.0, 10) == 0.0


def test_binomial_stderr_matches_the_spread_of_simulated_fractions():
    """Independent check: the spread of many binomial fractions equals the formula (within 3 %)."""
    p, n = 0.3, 500
    fractions = np.random.default_rng(1).binomial(n, p, size=200_000) / n
    assert fractions.std() == pytest.approx(binomial_stderr(p, n), rel=0.03)


@pytest.mark.parametrize(
    "p, n, match",
    [
        (1.5, 10, "p must be in"),
        (-0.1, 10, "p must be in"),
        (float("nan"), 10, "p must be in"),
        (0.5, 0, "n must be in"),
    ],
)
def test_binomial_stderr_refuses_bad_input(p, n, match):
    with pytest.raises(ValueError, match=match):
        binomial_stderr(p, n)
