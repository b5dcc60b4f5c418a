"""qinet.blind: UBQC on Aer (client output vs ideal, server's δ uniform) and trap rounds."""

from __future__ import annotations

import math

import numpy as np
import pytest

from qinet import blind

E = math.pi / 4


def test_worked_example_from_physics_sheet():
    """PHYSICS §12: φ = π/4, s_X = 1, s_Z = 0, θ = 3π/4, r = 1 → δ = 3π/2."""
    assert blind.ubqc_delta(E, 1, 0, 3 * E, 1) == pytest.approx(1.5 * math.pi, rel=1e-12)


def test_delta_is_uniform_for_every_phi_and_byproduct_exhaustively():
    """Over the 16 equally likely (θ, r), each of the 8 angles appears exactly twice (PHYSICS §12 [C])."""
    for phi_k in range(8):
        for s_x in (0, 1):
            for s_z in (0, 1):
                deltas = [blind.ubqc_delta(phi_k * E, s_x, s_z, t * E, r) for t in range(8) for r in (0, 1)]
                counts = np.bincount(np.round(np.array(deltas) / E).astype(int) % 8, minlength=8)
                assert counts.tolist() == [2] * 8


@pytest.mark.parametrize("angles", [[0.0], [E], [2 * E, 3 * E, 5 * E], [E, 2 * E, 7 * E, 3 * E]])
def test_client_output_matches_ideal_within_4_standard_errors(angles):
    shots = 3000
    res = blind.blind_rotations(angles, shots=shots, seed=21)
    p1 = res.ideal_probabilities[1]
    se = math.sqrt(p1 * (1 - p1) / shots)
    assert abs(res.output_counts["1"] / shots - p1) <= 4 * se + 1e-12
    assert res.deltas.shape == (shots, len(angles))


def test_ideal_probabilities_worked_number():
    """H·Rz(π/4)|+⟩ gives p(0) = (1 + cos π/4)/2 = 0.853553."""
    np.testing.assert_allclose(blind.ideal_probabilities([E]), [0.853553, 0.146447], rtol=1e-5)


def test_server_view_is_uniform_and_independent_of_the_computation():
    a = blind.blind_rotations([E, 2 * E, 0.0], shots=3000, seed=5)
    b = blind.blind_rotations([7 * E, 0.0, 3 * E], shots=3000, seed=6)
    for res in (a, b):
        _, p = blind.uniformity_test(res.deltas)
        assert p > 1e-3
        padded = res.server_output_counts["1"] / res.shots  # the output bit the server sees is one-time padded
        assert abs(padded - 0.5) < 4 * math.sqrt(0.25 / res.shots)
    assert a.output_counts != b.output_counts


def test_same_seed_same_result_and_bad_angles():
    a = blind.blind_rotations([E, 2 * E], shots=200, seed=3)
    b = blind.blind_rotations([E, 2 * E], shots=200, seed=3)
    assert np.array_equal(a.deltas, b.deltas) and a.output_counts == b.output_counts
    with pytest.raises(ValueError, match="multiples of π/4"):
        blind.blind_rotations([0.3])
    with pytest.raises(ValueError, match="angles"):
        blind.blind_rotations([])
    with pytest.raises(ValueError, match="s_x"):
        blind.ubqc_delta(0.0, 2, 0, 0.0, 0)


@pytest.mark.parametrize("eps, f", [(0.0, 1.0), (math.pi / 2, 1.0), (math.pi / 3, 0.5), (math.pi, 1.0)])
def test_trap_detection_matches_f_sin2_half_eps(eps, f):
    res = blind.trap_rounds(4, cheat_angle=eps, cheat_fraction=f, shots=3000, seed=8)
    assert res.predicted == pytest.approx(f * math.sin(eps / 2) ** 2, rel=1e-12, abs=0)
    se = math.sqrt(max(res.predicted * (1 - res.predicted), 1e-12) / res.shots)
    assert abs(res.detection_rate - res.predicted) <= 4 * se
    assert blind.uniformity_test(res.deltas)[1] > 1e-3  # trap rounds look like computation rounds


def test_honest_server_is_never_caught_and_cheating_corrupts_the_output():
    assert blind.trap_rounds(3, shots=500, seed=1).detection_rate == 0.0
    honest = blind.blind_rotations([E, 2 * E, 7 * E], shots=2000, seed=2)
    cheat = blind.blind_rotations([E, 2 * E, 7 * E], shots=2000, seed=2, cheat_angle=math.pi / 2, cheat_fraction=1)
    ideal = honest.ideal_probabilities[1]
    assert abs(cheat.output_counts["1"] / 2000 - ideal) > abs(honest.output_counts["1"] / 2000 - ideal) + 0.1


def test_detection_after_several_rounds():
    assert blind.detection_probability(math.pi / 2, 1.0, 7) == pytest.approx(1 - 0.5**7)
    with pytest.raises(ValueError, match="cheat_fraction"):
        blind.detection_probability(1.0, 1.5)
