"""Tests for qinet.states against worked numbers of the papers' formulas (swapping, purification, memories)."""

import numpy as np
import pytest

from qinet import states

RTOL = 1e-3


def test_werner_parameter_round_trip() -> None:
    assert states.werner_parameter(0.925) == pytest.approx(0.9)
    assert states.werner_fidelity(0.9) == pytest.approx(0.925)
    assert states.werner_parameter(0.25) == 0.0
    assert states.werner_fidelity(1.0) == 1.0
    f = np.linspace(0.25, 1.0, 7)
    np.testing.assert_allclose(states.werner_fidelity(states.werner_parameter(f)), f)
    assert isinstance(states.werner_parameter(0.5), float)


@pytest.mark.parametrize(("w1", "w2", "f_out"), [(0.9, 0.9, 0.8575), (0.8, 0.95, 0.8200), (0.6, 0.6, 0.5200)])
def test_swap_fidelity(w1: float, w2: float, f_out: float) -> None:
    """Swapping Werner pairs multiplies their parameters: w_out = w1 w2 (Zukowski et al. 1993)."""
    f1, f2 = states.werner_fidelity(w1), states.werner_fidelity(w2)
    assert states.swap_fidelity(f1, f2) == pytest.approx(f_out, rel=RTOL)


@pytest.mark.parametrize(
    ("fidelity", "chain"),
    [
        (0.99, [0.99, 0.98013, 0.97040, 0.96079, 0.92364]),
        (0.95, [0.95, 0.90333, 0.85978, 0.81913, 0.68187]),
        (0.90, [0.90, 0.81333, 0.73822, 0.67313, 0.48871]),
    ],
)
def test_chain_fidelity(fidelity: float, chain: list[float]) -> None:
    """Briegel et al. (1998): F_n = 1/4 + 3/4 w^n for n = 1, 2, 3, 4, 8; consistent with repeated swap_fidelity."""
    got = [states.chain_fidelity(fidelity, n) for n in (1, 2, 3, 4, 8)]
    np.testing.assert_allclose(got, chain, rtol=RTOL)
    assert states.chain_fidelity(fidelity, 2) == pytest.approx(states.swap_fidelity(fidelity, fidelity))
    assert states.chain_fidelity(np.array([fidelity, 1.0]), 3).shape == (2,)


@pytest.mark.parametrize(("f", "tele"), [(1.0, 1.0), (0.9, 0.933333), (0.75, 0.833333), (0.5, 0.666667)])
def test_teleportation_fidelity(f: float, tele: float) -> None:
    """Horodecki et al. (1999): (2F + 1)/3, classical limit 2/3 at F = 1/2."""
    assert states.teleportation_fidelity(f) == pytest.approx(tele, rel=1e-5)


@pytest.mark.parametrize(
    ("f", "f_out", "p"),
    [
        (0.6, 0.620438, 0.608889),
        (0.7, 0.735294, 0.680000),
        (0.75, 0.788462, 0.722222),
        (0.8, 0.838150, 0.768889),
        (0.9, 0.926396, 0.875556),
        (0.95, 0.964964, 0.935556),
    ],
)
def test_bbpssw_table(f: float, f_out: float, p: float) -> None:
    """BBPSSW (Bennett et al. 1996), worked values of its formula."""
    got_f, got_p = states.bbpssw(f)
    assert got_f == pytest.approx(f_out, rel=1e-5)
    assert got_p == pytest.approx(p, rel=1e-5)


def test_bbpssw_fixed_point_and_arrays() -> None:
    """Only F > 1/2 improves; F = 1/2 and F = 1 are fixed points."""
    f_out, _ = states.bbpssw(np.array([0.4, 0.5, 0.6, 1.0]))
    assert f_out[0] < 0.4 and f_out[1] == pytest.approx(0.5) and f_out[2] > 0.6 and f_out[3] == 1.0


def test_dejmps_vectors() -> None:
    """DEJMPS (Deutsch et al. 1996): Werner 0.8 and the non-Werner input (0.6, 0.1, 0.1, 0.2)."""
    c, p = states.dejmps(states.werner_coefficients(0.8))
    np.testing.assert_allclose(c, [0.838150, 0.011561, 0.011561, 0.138728], rtol=RTOL)
    assert p == pytest.approx(0.768889, rel=1e-5)
    c2, p2 = states.dejmps(c)
    assert c2[0] == pytest.approx(0.943639, rel=1e-5) and p2 == pytest.approx(0.744596, rel=1e-5)
    c3, p3 = states.dejmps(c2)
    assert c3[0] == pytest.approx(0.987974, rel=1e-5) and p3 == pytest.approx(0.901313, rel=1e-5)
    c, p = states.dejmps((0.6, 0.1, 0.1, 0.2))
    np.testing.assert_allclose(c, [0.637931, 0.068966, 0.086207, 0.206897], rtol=RTOL)
    assert p == pytest.approx(0.58)
    assert c.sum() == pytest.approx(1.0)


def test_dejmps_batch_and_validation() -> None:
    batch = np.array([[0.6, 0.1, 0.1, 0.2], [0.8, 0.2 / 3, 0.2 / 3, 0.2 / 3]])
    c, p = states.dejmps(batch)
    assert c.shape == (2, 4) and p.shape == (2,)
    with pytest.raises(ValueError, match="sum to 1"):
        states.dejmps([0.5, 0.5, 0.5, 0.0])
    with pytest.raises(ValueError, match="coefficients"):
        states.dejmps([0.7, 0.4, -0.1, 0.0])
    with pytest.raises(ValueError, match="4 entries"):
        states.dejmps([0.5, 0.5])
    with pytest.raises(ValueError, match="coefficients"):
        states.dejmps("abcd")
    states.dejmps([0.7, 0.1, 0.1, 0.1 + 5e-10])  # within the 1e-9 tolerance


def test_purify_iterations() -> None:
    """Iterated rounds: BBPSSW from 0.8 (re-twirled) and from 0.7; DEJMPS from 0.8 and 0.7."""
    bb = states.purify(0.8, 5, "bbpssw")
    np.testing.assert_allclose(bb.fidelities[1:], [0.838150, 0.873585, 0.904540, 0.930048, 0.950008], rtol=1e-5)
    np.testing.assert_allclose(bb.success_probabilities, [0.7689, 0.8075, 0.8457, 0.8808, 0.9111], rtol=2e-4)
    assert bb.raw_pairs == pytest.approx(2**5 / np.prod(bb.success_probabilities))
    de = states.purify(0.8, 5)
    np.testing.assert_allclose(de.fidelities, [0.8, 0.838150, 0.943639, 0.987974, 0.996854, 0.999935], rtol=1e-5)
    np.testing.assert_allclose(
        states.purify(0.7, 4, "BBPSSW").fidelities[1:], [0.735294, 0.773171, 0.811938, 0.849472], rtol=1e-5
    )
    np.testing.assert_allclose(
        states.purify(0.7, 4).fidelities[1:], [0.735294, 0.845946, 0.934395, 0.972004], rtol=1e-5
    )
    zero = states.purify(0.9, 0)
    assert zero.raw_pairs == 1.0 and zero.success_probabilities.size == 0


def test_rounds_to_reach() -> None:
    assert states.rounds_to_reach(0.8, 0.95) == 3  # DEJMPS: 0.838, 0.944, 0.988
    assert states.rounds_to_reach(0.8, 0.95, "bbpssw") == 5  # 0.950008 after round 5
    assert states.rounds_to_reach(0.9, 0.8) == 0
    with pytest.raises(ValueError, match="fidelity"):
        states.rounds_to_reach(0.5, 0.9)
    with pytest.raises(ValueError, match="target"):
        states.rounds_to_reach(0.8, 1.0)
    with pytest.raises(ValueError, match="max_rounds"):
        states.rounds_to_reach(0.51, 0.99, "bbpssw", max_rounds=3)


@pytest.mark.parametrize(
    ("ratio", "one", "two", "t1_equals_t2", "t1_only"),
    [
        (0.01, 0.995025, 0.990099, 0.992537, 0.995019),
        (0.1, 0.952419, 0.909365, 0.928628, 0.951824),
        (0.5, 0.803265, 0.683940, 0.704898, 0.791033),
        (1.0, 0.683940, 0.567668, 0.525910, 0.645235),
        (2.0, 0.567668, 0.509158, 0.351501, 0.467774),
    ],
)
def test_stored_fidelity_table(ratio: float, one: float, two: float, t1_equals_t2: float, t1_only: float) -> None:
    """Relaxation channel (Nielsen & Chuang §8.3), perfect pair, t/T = ratio: pure dephasing of one or both qubits;
    T1 = T2 (the same
    fidelity as a depolarizing memory, 1/4 + 3/4 e^(-t/T)); T2 = 2 T1 (amplitude damping only, (1 + e^(-t/2T1))^2/4)."""
    assert states.stored_fidelity(1.0, ratio, 1.0) == pytest.approx(one, rel=1e-5)
    assert states.stored_fidelity(1.0, ratio * 2.0, 2.0, qubits=2) == pytest.approx(two, rel=1e-5)
    assert states.stored_fidelity(1.0, ratio, 1.0, t1_s=1.0) == pytest.approx(t1_equals_t2, rel=1e-5)
    assert states.stored_fidelity(1.0, ratio, 2.0, t1_s=1.0) == pytest.approx(t1_only, rel=1e-5)


def test_t1_formula_and_the_overestimate_of_pure_dephasing() -> None:
    """One stored half of Phi+: F = [1 + e^(-t/T1) + 2 e^(-t/T2)]/4; dephasing alone overestimates it by
    w (1 - e^(-t/T1))/4 for a Werner pair of parameter w."""
    t, t1, t2 = np.array([0.0, 0.05, 0.3, 2.0]), 0.4, 0.5
    expected = (1 + np.exp(-t / t1) + 2 * np.exp(-t / t2)) / 4
    np.testing.assert_allclose(states.stored_fidelity(1.0, t, t2, t1_s=t1), expected, rtol=1e-12)
    for f in (1.0, 0.9, 0.6):
        w = states.werner_parameter(f)
        gap = states.stored_fidelity(f, t, t2) - states.stored_fidelity(f, t, t2, t1_s=t1)
        np.testing.assert_allclose(gap, w * (1 - np.exp(-t / t1)) / 4, atol=1e-15)


def test_stored_bell_coefficients_sum_to_one_and_reduce_to_dephasing() -> None:
    for qubits in (1, 2):
        c = states.stored_bell_coefficients(np.array([0.6, 0.9, 1.0]), 0.3, 0.5, t1_s=0.7, qubits=qubits)
        assert c.shape == (3, 4) and np.all(c >= 0)
        np.testing.assert_allclose(c.sum(axis=-1), 1.0, rtol=1e-12)
        dephased = states.stored_bell_coefficients(0.9, 0.3, 0.5, qubits=qubits)
        w, d = states.werner_parameter(0.9), np.exp(-qubits * 0.3 / 0.5)
        np.testing.assert_allclose(
            dephased,
            [(1 - w) / 4 + w * (1 + d) / 2, (1 - w) / 4, (1 - w) / 4, (1 - w) / 4 + w * (1 - d) / 2],
            rtol=1e-12,
        )
    # Long storage: one stored half relaxes to |0>, the pair to (I/2) x |0><0|: every Bell weight 1/4.
    np.testing.assert_allclose(states.stored_bell_coefficients(1.0, 1e4, 1.0, t1_s=1.0), 0.25, atol=1e-12)
    # Both halves relax to |00>, which is half Phi+ and half Phi-.
    np.testing.assert_allclose(
        states.stored_bell_coefficients(0.7, 1e4, 1.0, t1_s=1.0, qubits=2), [0.5, 0, 0, 0.5], atol=1e-12
    )


def test_stored_fidelity_werner_input_and_errors() -> None:
    """For Werner input only the w-part decays under dephasing: F(0) = F, F(inf) = (1 + w)/4."""
    assert states.stored_fidelity(0.9, 0.0, 1.0) == pytest.approx(0.9)
    assert states.stored_fidelity(0.9, 0.0, 1.0, t1_s=0.5) == pytest.approx(0.9)
    w = states.werner_parameter(0.9)
    assert states.stored_fidelity(0.9, 1e4, 1.0) == pytest.approx((1 + w) / 4)
    assert states.stored_fidelity(0.9, np.array([0.0, 0.1, 1.0]), 1.0).shape == (3,)
    assert isinstance(states.stored_fidelity(0.9, 0.1, 1.0, t1_s=3.0), float)
    for kwargs, name in [({"time_s": -1.0, "t2_s": 1.0}, "time_s"), ({"time_s": 1.0, "t2_s": 0.0}, "t2_s")]:
        with pytest.raises(ValueError, match=name):
            states.stored_fidelity(0.9, **kwargs)
    with pytest.raises(ValueError, match="qubits"):
        states.stored_fidelity(0.9, 0.1, 1.0, qubits=3)
    with pytest.raises(ValueError, match=r"t2_s must be <= 2 \* t1_s .* got t2_s=1.0 with t1_s=0.4"):
        states.stored_fidelity(0.9, 0.1, 1.0, t1_s=0.4)
    with pytest.raises(ValueError, match="t2_s must be <= 2"):
        states.stored_fidelity(0.9, 0.1, np.array([0.5, 3.0]), t1_s=1.0)
    with pytest.raises(ValueError, match="t1_s"):
        states.stored_fidelity(0.9, 0.1, 1.0, t1_s=0.0)
    with pytest.raises(ValueError, match="t1_s"):
        states.stored_fidelity(0.9, 0.1, 1.0, t1_s=float("nan"))
    with pytest.raises(TypeError):
        states.stored_fidelity(0.9, 0.1, 1.0, channel="depolarizing")  # T2 is never reused as a depolarizing time


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: states.werner_parameter(0.2), "fidelity"),
        (lambda: states.werner_parameter(1.01), "fidelity"),
        (lambda: states.werner_fidelity(-0.1), "w"),
        (lambda: states.swap_fidelity(0.9, 0.1), "f2"),
        (lambda: states.chain_fidelity(0.9, 0), "n_links"),
        (lambda: states.bbpssw(1.2), "fidelity"),
        (lambda: states.teleportation_fidelity(0.0), "fidelity"),
        (lambda: states.purify(0.9, -1), "rounds"),
        (lambda: states.purify(0.9, 2, "oxford"), "protocol"),
    ],
)
def test_bad_input_names_parameter(call, name: str) -> None:
    with pytest.raises(ValueError, match=name):
        call()


def test_bell_coefficients_accepts_weights_summing_to_one_only() -> None:
    """Found by mutation: the sum-to-one check was never exercised."""
    np.testing.assert_allclose(states.bell_coefficients([0.7, 0.1, 0.1, 0.1]), [0.7, 0.1, 0.1, 0.1])
    np.testing.assert_allclose(states.bell_coefficients([[1.0, 0, 0, 0], [0.25] * 4]).sum(axis=-1), [1.0, 1.0])
    with pytest.raises(ValueError, match="coefficients must sum to 1"):
        states.bell_coefficients([0.5, 0.5, 0.5, 0.5])


def test_rounds_to_reach_a_target_already_met_needs_no_round() -> None:
    """Found by mutation: a target equal to the start (even at F = 1/2, which cannot be purified) needs 0 rounds."""
    assert states.rounds_to_reach(0.5, 0.5) == 0
    assert states.rounds_to_reach(0.8, 0.8) == 0


def test_bell_coefficients_of_a_circuit_state_clear_rounding_noise():
    """A density matrix from a circuit carries ~1e-19 of rounding noise in weights that are exactly zero."""
    from qiskit import QuantumCircuit
    from qiskit.quantum_info import DensityMatrix

    qc = QuantumCircuit(2)
    qc.ry(0.1, 0)
    qc.cx(0, 1)
    qc.rx(0.3, 1)
    qc.rx(-0.3, 1)
    weights = states.bell_coefficients(DensityMatrix(qc))
    assert weights[1] == 0.0 and weights[2] == 0.0  # exactly: Ψ− and Ψ+ are absent
    # cos(0.05)|00⟩ + sin(0.05)|11⟩ has Φ± weights (1 ± sin 0.1)/2
    assert weights[0] == pytest.approx((1 + np.sin(0.1)) / 2) and weights[3] == pytest.approx((1 - np.sin(0.1)) / 2)
