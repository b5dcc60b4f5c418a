"""GHZ phase sensing: formulas against worked numbers (Kómár et al., Nat. Phys. 10, 582 (2014)), and the same
physics measured on Aer."""

from __future__ import annotations

import math

import numpy as np
import pytest

from qinet import sensing, sim


def test_parity_formula_matches_the_worked_number():
    # Kómár et al., Nat. Phys. 10, 582 (2014): N = 4, φ = 0.1 → ⟨X⊗4⟩ = cos(0.4) = 0.921061
    assert sensing.expected_parity(4, 0.1) == pytest.approx(0.921061, rel=1e-3)
    assert sensing.expected_parity(3, 0.2, readout="y") == pytest.approx(math.sin(0.6), rel=1e-12)


@pytest.mark.parametrize("n", [2, 3, 4, 5])
def test_aer_parity_at_phase_0_1_matches_cos_n_phi(n):
    shots = 20000
    fringe = sensing.parity_fringe(n, [0.1], shots=shots, seed=11)
    expected = math.cos(n * 0.1)
    sigma = math.sqrt((1 - expected**2) / shots)
    assert abs(fringe.parity[0] - expected) < 5 * sigma
    assert fringe.stderr[0] == pytest.approx(sigma, rel=0.2)


def test_sin_readout_on_aer():
    samples = sim.sample(sensing.sensing_circuit(3, 0.3, readout="y"), shots=20000, seed=5)
    mean, err = sensing.parity(samples.bits("parity"))
    assert abs(mean - math.sin(0.9)) < 5 * err


def test_fringe_is_n_times_faster():
    phases = np.linspace(0, np.pi, 33)
    one = sensing.parity_fringe(1, phases, shots=400, seed=3)
    four = sensing.parity_fringe(4, phases, shots=400, seed=3)
    sign_changes = lambda y: int(np.sum(np.diff(np.sign(y)) != 0))  # noqa: E731
    assert sign_changes(one.expected) == 1 and sign_changes(four.expected) == 4
    assert np.all(np.abs(four.parity - four.expected) < 5 * np.maximum(four.stderr, 0.05))


def test_dephasing_contrast_on_aer_matches_exp_minus_n_t_over_t2():
    # each qubit keeps coherence e^{-t/T2} (pure dephasing); GHZ_4 at t/T2 = 0.1 keeps e^{-0.4} = 0.670320
    assert sensing.dephasing_contrast(4, 0.1, 1.0) == pytest.approx(0.670320, rel=1e-5)
    shots = 20000
    fringe = sensing.parity_fringe(4, [0.0], shots=shots, time_s=0.1, t2_s=1.0, seed=9)
    assert abs(fringe.parity[0] - 0.670320) < 5 * fringe.stderr[0]
    assert fringe.contrast == pytest.approx(0.670320, rel=1e-5)


def test_fitted_contrast_of_a_noisy_fringe():
    fringe = sensing.parity_fringe(3, np.linspace(-np.pi / 2, np.pi / 2, 13), shots=2000, time_s=0.05, seed=4)
    assert sensing.fitted_contrast(fringe) == pytest.approx(math.exp(-0.15), abs=0.04)


def test_phase_estimation_reaches_heisenberg_and_standard_limits_on_aer():
    result = sensing.phase_estimation((1, 2, 4, 8, 16, 20), phase=0.02, shots=25, experiments=400, seed=7)
    # per-shot spread: 1/N (Heisenberg) and 1/√N (SQL); relative SE of a std from 400 runs ≈ 3.5 %
    assert np.allclose(result.ghz_spread * result.n_values, 1.0, rtol=0.18)
    assert np.allclose(result.sql_spread * np.sqrt(result.n_values), 1.0, rtol=0.18)
    assert sensing.scaling_exponent(result.n_values, result.ghz_spread) == pytest.approx(-1.0, abs=0.1)
    assert sensing.scaling_exponent(result.n_values, result.sql_spread) == pytest.approx(-0.5, abs=0.1)
    # unbiased: the mean estimate is the true phase within 5 standard errors
    se = result.ghz_spread / math.sqrt(result.shots * result.experiments)
    assert np.all(np.abs(result.ghz_estimates.mean(axis=1) - 0.02) < 5 * se)


def test_phase_estimation_is_reproducible():
    a = sensing.phase_estimation((1, 3), shots=10, experiments=20, seed=2)
    b = sensing.phase_estimation((1, 3), shots=10, experiments=20, seed=2)
    assert np.array_equal(a.ghz_estimates, b.ghz_estimates) and np.array_equal(a.sql_estimates, b.sql_estimates)


@pytest.mark.parametrize(("n", "ghz", "sql"), [(10, 0.1, 0.31623), (100, 0.01, 0.1), (1000, 0.001, 0.031623)])
def test_heisenberg_and_standard_limits(n, ghz, sql):
    # Heisenberg limit 1/N, standard quantum limit 1/√N (Kómár et al., Nat. Phys. 10, 582 (2014))
    assert sensing.phase_uncertainty(n) == pytest.approx(ghz, rel=1e-3)
    assert sensing.phase_uncertainty(n, strategy="independent") == pytest.approx(sql, rel=1e-3)


def test_optimal_size_and_advantage_limit_under_dephasing():
    n = np.arange(1, 2000)
    for tau in (0.01, 0.05, 0.2):
        best = n[np.argmin(sensing.phase_uncertainty(n, time_s=tau, t2_s=1.0))]
        assert abs(best - sensing.optimal_ghz_size(tau, 1.0)) <= 1
        limit = sensing.ghz_advantage_limit(tau, 1.0)
        ratio = sensing.phase_uncertainty(limit, time_s=tau) / sensing.phase_uncertainty(
            limit, strategy="independent", time_s=tau
        )
        assert ratio == pytest.approx(1.0, rel=1e-8)
        assert sensing.phase_uncertainty(limit * 1.1, time_s=tau) > sensing.phase_uncertainty(
            limit * 1.1, strategy="independent", time_s=tau
        )
    assert sensing.optimal_ghz_size(0.0, 1.0) == math.inf and sensing.ghz_advantage_limit(0.0, 1.0) == math.inf
    assert sensing.ghz_advantage_limit(0.5, 1.0) == 1.0  # GHZ never helps


def test_frequency_advantage_vanishes_with_optimised_time():
    # Huelga et al. 1997: optimise t numerically and compare with the closed form √(2e/(N T2 T))
    t = np.logspace(-5, 1, 200001)
    for n in (1, 5, 40):
        for strategy in ("ghz", "independent"):
            dw = sensing.phase_uncertainty(n, strategy=strategy, time_s=t, t2_s=1.0) / np.sqrt(t * 10.0)
            best, t_opt = sensing.best_frequency_uncertainty(n, 1.0, 10.0, strategy=strategy)
            assert best == pytest.approx(dw.min(), rel=1e-6)
            assert best == pytest.approx(math.sqrt(2 * math.e / (n * 10.0)), rel=1e-9)
            assert t_opt == pytest.approx(t[np.argmin(dw)], rel=1e-3)


def test_network_of_clocks():
    # Nichol et al. 2022 [V]: two entangled single-ion clocks, uncertainty lower by ≈ √2
    gain = sensing.network_phase_uncertainty(2, 1, strategy="independent") / sensing.network_phase_uncertainty(2, 1)
    assert gain == pytest.approx(math.sqrt(2), rel=1e-12)
    # K nodes of n qubits: 1/√(Kn), 1/(n√K), 1/(Kn)
    assert sensing.network_phase_uncertainty(10, 10, strategy="independent") == pytest.approx(0.1)
    assert sensing.network_phase_uncertainty(10, 10, strategy="local") == pytest.approx(0.031623, rel=1e-4)
    assert sensing.network_phase_uncertainty(10, 10) == pytest.approx(0.01)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: sensing.sensing_circuit(0, 0.1), "n_qubits"),
        (lambda: sensing.sensing_circuit(25, 0.1), "n_qubits"),
        (lambda: sensing.sensing_circuit(2, float("nan")), "phase"),
        (lambda: sensing.sensing_circuit(2, 0.1, readout="z"), "readout"),
        (lambda: sensing.sensing_circuit(2, 0.1, time_s=-1.0), "time_s"),
        (lambda: sensing.sensing_circuit(2, 0.1, time_s=0.1, t2_s=0.0), "t2_s"),
        (lambda: sensing.parity_fringe(9, [0.0], time_s=0.1), "n_qubits"),
        (lambda: sensing.phase_estimation((1, 20), phase=0.1), "phase"),
        (lambda: sensing.phase_estimation((), phase=0.1), "n_values"),
        (lambda: sensing.phase_estimation((2,), experiments=1), "experiments"),
        (lambda: sensing.phase_uncertainty(0.5), "n_qubits"),
        (lambda: sensing.phase_uncertainty(4, strategy="squeezed"), "strategy"),
        (lambda: sensing.network_phase_uncertainty(2, 2, strategy="mixed"), "strategy"),
        (lambda: sensing.best_frequency_uncertainty(4, 1.0, 0.0), "total_time_s"),
        (lambda: sensing.parity(np.zeros((0, 2))), "bits"),
    ],
)
def test_bad_input_raises_value_error_naming_the_parameter(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_dephasing_as_readout_flips_matches_aer_noise():
    # Z before the readout Hadamards = a flipped bit: the panel's exact shortcut against Aer's noisy circuit
    phases = np.linspace(-np.pi / 4, np.pi / 4, 5)
    ideal = sensing.parity_fringe(4, phases, shots=20000, seed=21)
    flipped = sensing.dephase_fringe(ideal, 0.1, 1.0, seed=22)
    noisy = sensing.parity_fringe(4, phases, shots=20000, time_s=0.1, t2_s=1.0, seed=23)
    assert flipped.contrast == noisy.contrast == pytest.approx(math.exp(-0.4))
    both = np.hypot(flipped.stderr, noisy.stderr)
    assert np.all(np.abs(flipped.parity - noisy.parity) < 5 * both)
    assert np.all(np.abs(flipped.parity - noisy.expected) < 5 * flipped.stderr)
    with pytest.raises(ValueError, match="fringe"):
        sensing.dephase_fringe(noisy, 0.1, 1.0)


def test_network_gain_plot_draws_the_curve_and_the_separate_clocks_line():
    import matplotlib.pyplot as plt

    from qinet.plots import sensing as plots

    k = np.arange(1, 6)
    ax = plots.network_gain(k, np.sqrt(k))
    np.testing.assert_allclose(ax.lines[0].get_ydata(), np.sqrt(k))
    assert ax.lines[1].get_ydata()[0] == 1.0
    plt.close(ax.figure)
