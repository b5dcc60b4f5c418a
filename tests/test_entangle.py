"""qinet.entangle: Bell correlations, CHSH and the optimal cloner, against formulas and published numbers."""

from __future__ import annotations

import math

import numpy as np
import pytest
from qiskit.quantum_info import Statevector, partial_trace, state_fidelity

from qinet import entangle

ANGLES = [(0.0, 0.0), (0.0, math.pi / 2), (math.pi / 2, math.pi / 2), (0.3, 1.1), (-1.0, 2.0)]


@pytest.mark.parametrize("kind, zz, xx", [("phi+", 1, 1), ("phi-", 1, -1), ("psi+", -1, 1), ("psi-", -1, -1)])
def test_predicted_correlation_matches_the_textbook_expectations(kind, zz, xx):
    a, b = 0.4, 1.3
    assert entangle.predicted_correlation(kind, 0.0, 0.0) == zz  # Z basis
    assert entangle.predicted_correlation(kind, math.pi / 2, math.pi / 2) == pytest.approx(xx)  # X basis
    expected = zz * math.cos(a) * math.cos(b) + xx * math.sin(a) * math.sin(b)
    assert entangle.predicted_correlation(kind, a, b, 0.6) == pytest.approx(0.6 * expected, rel=1e-12)


def test_phi_plus_correlation_is_cos_of_the_angle_difference():
    b = np.linspace(-3, 3, 13)
    np.testing.assert_allclose(entangle.predicted_correlation("phi+", 0.5, b), np.cos(0.5 - b), rtol=1e-12)


@pytest.mark.parametrize("kind", entangle.BELL_STATES)
def test_measured_correlations_agree_with_the_formula(kind):
    for (a, b), seed in zip(ANGLES, range(11, 16), strict=True):
        r = entangle.correlation(kind, a, b, visibility=0.9, shots=2000, seed=seed)
        sigma = math.sqrt((1 - r.predicted**2) / r.shots)
        assert abs(r.correlation - r.predicted) <= 4 * sigma + 1e-12, (kind, a, b, r.correlation, r.predicted)


def test_z_and_x_bases_are_perfectly_correlated_for_phi_plus():
    z, x = (
        entangle.correlation_scan("phi+", 0.0, [0.0], shots=500, seed=1)[0],
        entangle.correlation("phi+", math.pi / 2, math.pi / 2, shots=500, seed=2),
    )
    assert z.correlation == 1.0 and set(z.counts) <= {"00", "11"}
    assert x.correlation == 1.0 and set(x.counts) <= {"00", "11"}


def test_same_seed_same_counts_and_different_seeds_differ():
    first = entangle.correlation("psi+", 0.3, 0.9, shots=500, seed=5)
    assert first.counts == entangle.correlation("psi+", 0.3, 0.9, shots=500, seed=5).counts
    assert first.counts != entangle.correlation("psi+", 0.3, 0.9, shots=500, seed=6).counts


def test_chsh_of_an_ideal_pair_reaches_tsirelson():
    r = entangle.chsh(1.0, shots=4000, seed=7)
    assert r.predicted == pytest.approx(2.828427, rel=1e-6)  # Tsirelson bound 2√2
    assert abs(r.chsh - r.predicted) < 4 * r.chsh_error
    assert r.chsh > 2 + 4 * r.chsh_error


def test_chsh_of_a_werner_pair_is_2_root_2_v_and_violation_needs_v_above_0_707():
    r = entangle.chsh(0.6, shots=4000, seed=3)
    assert r.predicted == pytest.approx(2 * math.sqrt(2) * 0.6, rel=1e-12)
    assert abs(r.chsh - r.predicted) < 4 * r.chsh_error and r.chsh < 2
    # V = 1/√2 reaches the local bound S = 2 (Clauser, Horne, Shimony & Holt, PRL 23, 880 (1969))
    assert entangle.chsh(1 / math.sqrt(2), shots=16).predicted == pytest.approx(2.0, rel=1e-12)


def test_editing_a_handed_out_circuit_changes_nothing_that_runs_later():
    # A cached circuit handed out mutable once made later correlation() calls return -1 where +1 is right.
    handed_out = entangle.bell_correlation_circuit("phi+", 0.0, 0.0)
    handed_out.x(0)  # the learner edits their copy
    assert entangle.correlation("phi+", 0.0, 0.0, shots=200, seed=1).correlation == 1.0
    assert entangle.bell_correlation_circuit("phi+", 0.0, 0.0) is not entangle.bell_correlation_circuit(
        "phi+", 0.0, 0.0
    )
    assert "x" not in entangle.bell_correlation_circuit("phi+", 0.0, 0.0).count_ops()


def test_chsh_sweep_uses_independent_seeds_and_follows_two_root_two_v():
    runs = entangle.chsh_sweep([0.3, 0.9], shots=2000, seed=5)
    assert [r.visibility for r in runs] == [0.3, 0.9]
    for r in runs:
        assert abs(r.chsh - 2 * math.sqrt(2) * r.visibility) < 4 * r.chsh_error
    assert [r.chsh for r in runs] == [r.chsh for r in entangle.chsh_sweep([0.3, 0.9], shots=2000, seed=5)]


@pytest.mark.parametrize("kind", entangle.BELL_STATES)
@pytest.mark.parametrize("visibility", [0.0, 0.2, 1 / 3, 0.5, 0.7, 0.9, 1.0])
def test_pair_state_is_the_werner_mixture_of_the_bell_state(kind, visibility):
    bell = Statevector(entangle.bell_correlation_circuit(kind, 0.0, 0.0).remove_final_measurements(inplace=False))
    expected = visibility * np.outer(bell.data, bell.data.conj()) + (1 - visibility) * np.eye(4) / 4
    np.testing.assert_allclose(entangle.pair_state(kind, visibility).data, expected, atol=1e-12)


def _werner(visibility):
    phi = np.array([1, 0, 0, 1]) / math.sqrt(2)
    return visibility * np.outer(phi, phi) + (1 - visibility) * np.eye(4) / 4


@pytest.mark.parametrize("visibility", [0.0, 0.25, 1 / 3, 0.5, 0.8, 1.0])
def test_werner_pair_partial_transpose_and_largest_chsh(visibility):
    assert entangle.partial_transpose_min_eigenvalue(_werner(visibility)) == pytest.approx((1 - 3 * visibility) / 4)
    assert entangle.max_chsh(_werner(visibility)) == pytest.approx(2 * math.sqrt(2) * visibility, abs=1e-12)


def _chsh_by_search(rho, rng):
    """Best S over measurement directions, by random search plus local refinement (no Horodecki formula)."""
    from scipy.optimize import minimize

    paulis = [np.array([[0, 1], [1, 0]]), np.array([[0, -1j], [1j, 0]]), np.array([[1, 0], [0, -1]])]

    def observable(theta, phi):
        n = (math.sin(theta) * math.cos(phi), math.sin(theta) * math.sin(phi), math.cos(theta))
        return sum(c * p for c, p in zip(n, paulis, strict=True))

    def s(x):
        a0, a1, b0, b1 = (observable(*x[2 * k : 2 * k + 2]) for k in range(4))
        op = np.kron(a0, b0 + b1) + np.kron(a1, b0 - b1)
        return -abs(np.trace(rho @ op).real)

    return max(-minimize(s, rng.uniform(0, math.pi, 8)).fun for _ in range(12))


def test_largest_chsh_agrees_with_a_search_over_settings_for_random_states():
    rng = np.random.default_rng(11)
    for _ in range(3):
        g = rng.normal(size=(4, 4)) + 1j * rng.normal(size=(4, 4))
        rho = g @ g.conj().T
        rho /= np.trace(rho).real
        assert _chsh_by_search(rho, rng) == pytest.approx(entangle.max_chsh(rho), abs=1e-5)


def test_entangled_but_local_states_exist_and_werner_regions_follow_the_criteria():
    assert entangle.ENTANGLED_VISIBILITY == pytest.approx(1 / 3) and entangle.CHSH_VISIBILITY == pytest.approx(0.707107)
    for v in np.linspace(0.0, 1.0, 41):
        rho = entangle.pair_state("phi+", v)
        entangled = entangle.partial_transpose_min_eigenvalue(rho) < -1e-12
        violates = entangle.max_chsh(rho) > 2 + 1e-12
        expected = entangle.WERNER_REGIONS[int(entangled) + int(violates)]
        assert entangle.werner_region(v) == expected, v
    assert list(entangle.werner_region(np.array([0.1, 0.5, 0.9]))) == list(entangle.WERNER_REGIONS)


def test_visibility_from_chsh_inverts_the_werner_model():
    assert entangle.visibility_from_chsh(2.37) == pytest.approx(0.837914, rel=1e-5)  # Micius S, read as a Werner pair
    assert entangle.visibility_from_chsh(entangle.predicted_chsh(0.6)) == pytest.approx(0.6)


def test_fiber_pair_visibility_is_one_minus_p_to_the_length():
    assert entangle.fiber_pair_visibility(0.0, 0.5) == 1.0
    lengths = np.array([10.0, 100.0])
    np.testing.assert_allclose(entangle.fiber_pair_visibility(lengths, 1e-3), 0.999**lengths)
    assert entangle.fiber_pair_visibility(100.0, 1e-3) == pytest.approx(0.904792, rel=1e-5)


@pytest.mark.parametrize("n_in, n_out, expected", [(1, 2, 0.833333), (1, 3, 0.777778), (2, 3, 0.916667), (1, 10, 0.7)])
def test_cloner_fidelity_matches_gisin_massar(n_in, n_out, expected):
    # (MN + M + N) / (M (N + 2)): Gisin & Massar, PRL 79, 2153 (1997); 1 → 2 is Bužek & Hillery, PRA 54, 1844 (1996)
    assert entangle.cloner_fidelity(n_in, n_out) == pytest.approx(expected, rel=1e-5)


def test_cloner_chain_fidelity_shrinks_by_two_thirds_per_stage():
    np.testing.assert_allclose(entangle.cloner_chain_fidelity(np.arange(4)), [1.0, 5 / 6, 13 / 18, 35 / 54])
    assert entangle.cloner_chain_fidelity(1) == pytest.approx(entangle.cloner_fidelity(1, 2))
    with pytest.raises(ValueError, match="stages"):
        entangle.cloner_chain_fidelity(1.5)


@pytest.mark.parametrize("theta, phi", [(0.0, 0.0), (1.0, 0.3), (2.5, 4.0), (math.pi, 1.0)])
def test_cloner_circuit_makes_two_copies_of_fidelity_five_sixths_exactly(theta, phi):
    state = Statevector(entangle.cloner_circuit(theta, phi, verify=False))
    prep = Statevector(_u(theta, phi))
    for qubit in (0, 1):
        reduced = partial_trace(state, [q for q in range(3) if q != qubit])
        assert state_fidelity(reduced, prep) == pytest.approx(5 / 6, rel=1e-6)


def _u(theta, phi):
    from qiskit import QuantumCircuit

    qc = QuantumCircuit(1)
    qc.u(theta, phi, 0.0, 0)
    return qc


def test_cloner_on_aer_gives_five_sixths_for_each_copy():
    r = entangle.clone(2.0, 1.0, shots=4000, seed=4)
    assert r.predicted == pytest.approx(5 / 6)
    assert abs(r.fidelity_original - 5 / 6) < 4 * r.stderr and abs(r.fidelity_copy - 5 / 6) < 4 * r.stderr


def test_a_state_that_is_not_a_matrix_is_refused_by_name():
    with pytest.raises(TypeError, match="state"):
        entangle.max_chsh("rho")
    with pytest.raises(TypeError, match="state"):
        entangle.partial_transpose_min_eigenvalue(object())


@pytest.mark.parametrize(
    "call, name",
    [
        (lambda: entangle.predicted_correlation("bell", 0, 0), "kind"),
        (lambda: entangle.correlation("phi+", 0, 0, visibility=1.2), "visibility"),
        (lambda: entangle.chsh(-0.1), "visibility"),
        (lambda: entangle.correlation("phi+", "zero", 0.0), "alice_angle"),
        (lambda: entangle.correlation("phi+", 0.0, None), "bob_angle"),
        (lambda: entangle.bell_correlation_circuit("phi+", 0.0, np.array([1.0, 2.0])), "bob_angle"),
        (lambda: entangle.correlation("phi+", 0, 0, shots=0), "shots"),
        (lambda: entangle.cloner_circuit(4.0, 0.0), "theta"),
        (lambda: entangle.cloner_fidelity(3, 2), "n_out"),
        (lambda: entangle.fiber_pair_visibility(-1.0, 0.1), "length_km"),
        (lambda: entangle.fiber_pair_visibility(1.0, 1.5), "depolarizing_per_km"),
        (lambda: entangle.werner_region(1.5), "visibility"),
        (lambda: entangle.pair_state("phi+", float("nan")), "visibility"),
        (lambda: entangle.pair_state("bell"), "kind"),
        (lambda: entangle.max_chsh(np.eye(2)), "state"),
        (lambda: entangle.partial_transpose_min_eigenvalue(np.full((4, 4), np.inf)), "state"),
        (lambda: entangle.visibility_from_chsh(3.0), "chsh_value"),
        (lambda: entangle.chsh_sweep([0.5, 2.0]), "visibilities"),
    ],
)
def test_bad_input_names_the_parameter(call, name):
    with pytest.raises(ValueError, match=name):
        call()


def test_editing_a_correlation_circuit_changes_neither_chsh_nor_the_game():
    from qinet import chsh_game

    entangle.bell_correlation_circuit("phi+", 0.0, math.pi / 4).x(0)
    assert abs(entangle.chsh(1.0, shots=2000, seed=3).chsh - 2 * math.sqrt(2)) < 0.2
    assert chsh_game.play(*chsh_game.BEST_ANGLES, rounds=2000, seed=3).win_fraction > 0.8
