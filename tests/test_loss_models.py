"""Bell tests with lossy detectors (qinet.loopholes) and the deterministic-delivery model, against independent
computations: an explicit density matrix, a Monte Carlo, and limits from the papers."""

from __future__ import annotations

import math

import numpy as np
import pytest

from qinet import applications, loopholes

X = np.array([[0, 1], [1, 0]], dtype=float)
Z = np.array([[1, 0], [0, -1]], dtype=float)


def _werner(v: float) -> np.ndarray:
    phi = np.array([1, 0, 0, 1]) / math.sqrt(2)
    return v * np.outer(phi, phi) + (1 - v) * np.eye(4) / 4


def _correlator(rho: np.ndarray, a: float, b: float, eta: float) -> float:
    """E(a, b) with each side clicking with probability eta and a no-click recorded as +1, from ρ directly."""
    obs_a, obs_b = math.cos(a) * Z + math.sin(a) * X, math.cos(b) * Z + math.sin(b) * X
    both = float(np.trace(rho @ np.kron(obs_a, obs_b)))
    only_a = float(np.trace(rho @ np.kron(obs_a, np.eye(2))))  # the other side records +1
    only_b = float(np.trace(rho @ np.kron(np.eye(2), obs_b)))
    return eta**2 * both + eta * (1 - eta) * (only_a + only_b) + (1 - eta) ** 2


@pytest.mark.parametrize(("v", "eta"), [(1.0, 1.0), (1.0, 0.9), (0.9, 0.95), (0.8, 0.7)])
def test_chsh_and_qber_with_efficiency_match_the_density_matrix(v, eta):
    rho = _werner(v)
    a0, a1, b0, b1 = 0.0, math.pi / 2, math.pi / 4, -math.pi / 4
    s = sum(_correlator(rho, a, b, eta) * sign for a, b, sign in [(a0, b0, 1), (a0, b1, 1), (a1, b0, 1), (a1, b1, -1)])
    assert loopholes.chsh_with_efficiency(eta, v) == pytest.approx(s, abs=1e-12)
    q = (1 - _correlator(rho, 0.0, 0.0, eta)) / 2  # key from Z on both sides
    assert loopholes.qber_with_efficiency(eta, v) == pytest.approx(q, abs=1e-12)


def test_efficiency_thresholds_against_the_papers():
    violation = loopholes.bell_efficiency_threshold()
    assert violation == pytest.approx(2 * (math.sqrt(2) - 1), abs=1e-9)  # Garg & Mermin (1987)
    key = loopholes.di_efficiency_threshold()
    assert key == pytest.approx(0.924, abs=0.002)  # Ma & Lütkenhaus: 92.4 % for the standard protocol
    assert key > violation > loopholes.EBERHARD_EFFICIENCY  # nothing beats Eberhard's 2/3
    assert loopholes.di_efficiency_threshold(0.95) > key  # noise asks for better detectors
    with pytest.raises(ValueError, match="gives no device-independent key"):
        loopholes.di_efficiency_threshold(0.8)


def test_chsh_needed_at_the_werner_threshold():
    # Werner DI threshold: V* = 0.85702, Q* = 7.149 %, S* = 2.42401 (where the Acín rate reaches zero)
    assert loopholes.chsh_needed(0.0714943) == pytest.approx(2.42401, abs=2e-4)
    assert loopholes.chsh_needed(0.0) == 2.0 and loopholes.chsh_needed(0.5) == pytest.approx(2 * math.sqrt(2))


def test_side_efficiency_over_fibre_and_its_inverse():
    assert loopholes.side_efficiency(100.0) == pytest.approx(0.1, rel=1e-12)
    assert loopholes.side_efficiency(100.0, 0.9) == pytest.approx(0.09, rel=1e-12)
    # the last fibre length at which any Bell test can close the detection loophole: 17.6 km
    assert loopholes.side_efficiency(20 * math.log10(1.5) / 0.2) == pytest.approx(2 / 3, rel=1e-12)
    assert loopholes.max_fiber_km(2 / 3) == pytest.approx(20 * math.log10(1.5) / 0.2, rel=1e-12)


def test_deterministic_delivery_matches_a_monte_carlo():
    rng = np.random.default_rng(7)
    rate, decay = 39.0, 5.0  # Humphreys et al. 2018: entangling 39 Hz, decoherence 5 Hz
    eta = rate / decay
    cycle = math.log(eta) / (rate - decay)  # the best cycle length
    first = rng.exponential(1 / rate, 200_000)
    fidelity = np.where(first < cycle, 0.25 + 0.75 * np.exp(-decay * (cycle - first)), 0.25)
    stderr = fidelity.std() / math.sqrt(fidelity.size)
    model = applications.deterministic_delivery_fidelity(eta)
    assert abs(fidelity.mean() - model) < 4 * stderr
    assert applications.deterministic_delivery_fidelity(0.83) == pytest.approx(0.5, abs=0.002)  # "about 0.83"
    assert applications.deterministic_delivery_fidelity([0.0, 1.0, math.inf]) == pytest.approx([0.25, 0.52591, 1.0])


def test_memory_pair_rate_is_limited_by_the_heralding_round_trip():
    assert applications.memory_pair_rate(100.0) == pytest.approx(0.01 / 0.9793441835e-3, rel=1e-9)
    assert applications.memory_pair_rate(0.0, attempt_rate_hz=1e5) == pytest.approx(1e5)
    assert applications.memory_pair_rate(1.0, attempt_rate_hz=10.0) == pytest.approx(10 * 10**-0.02)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: loopholes.chsh_with_efficiency(0.5, 1.1), "visibility"),
        (lambda: loopholes.qber_with_efficiency(-0.1, 1.0), "efficiency"),
        (lambda: loopholes.chsh_needed(1.5), "qber"),
        (lambda: applications.deterministic_delivery_fidelity(-1.0), "link_efficiency"),
        (lambda: applications.memory_pair_rate(10.0, attempt_rate_hz=0.0), "attempt_rate_hz"),
    ],
)
def test_bad_input_raises_value_error(call, match):
    with pytest.raises(ValueError, match=match):
        call()
