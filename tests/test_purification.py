"""Purification rounds and swap chains on Aer, against worked numbers of the swapping and purification formulas."""

import math

import pytest

from qinet import purification

BBPSSW_TABLE = [  # F, F', p_succ from the formula of Bennett et al. (1996)
    (0.6, 0.620438, 0.608889),
    (0.7, 0.735294, 0.680000),
    (0.75, 0.788462, 0.722222),
    (0.8, 0.838150, 0.768889),
    (0.9, 0.926396, 0.875556),
    (0.95, 0.964964, 0.935556),
]


@pytest.mark.parametrize(("f", "f_out", "p"), BBPSSW_TABLE)
def test_bbpssw_round_matches_table(f, f_out, p):
    result = purification.purify("bbpssw", f)
    assert result.fidelity == pytest.approx(f_out, rel=1e-5)
    assert result.p_success == pytest.approx(p, rel=1e-5)
    assert sum(result.coefficients) == pytest.approx(1.0)


def test_bbpssw_iterated_with_twirl():
    rounds = purification.purify_rounds("bbpssw", 0.8, 5)
    assert [r.fidelity for r in rounds] == pytest.approx([0.838150, 0.873585, 0.904540, 0.930048, 0.950008], rel=1e-5)
    assert [r.p_success for r in rounds] == pytest.approx([0.7689, 0.8075, 0.8457, 0.8808, 0.9111], abs=1e-4)


def test_dejmps_werner_round_coefficients():
    result = purification.purify("dejmps", 0.8)
    assert result.coefficients == pytest.approx((0.838150, 0.011561, 0.011561, 0.138728), abs=1e-6)
    assert result.p_success == pytest.approx(0.768889, rel=1e-5)


def test_dejmps_iterated_from_08_and_07():
    assert [r.fidelity for r in purification.purify_rounds("dejmps", 0.8, 5)] == pytest.approx(
        [0.838150, 0.943639, 0.987974, 0.996854, 0.999935], rel=1e-5
    )
    assert purification.purify_rounds("dejmps", 0.8, 2)[1].p_success == pytest.approx(0.744596, rel=1e-5)
    assert [r.fidelity for r in purification.purify_rounds("dejmps", 0.7, 4)] == pytest.approx(
        [0.735294, 0.845946, 0.934395, 0.972004], rel=1e-5
    )
    assert [r.fidelity for r in purification.purify_rounds("bbpssw", 0.7, 4)] == pytest.approx(
        [0.735294, 0.773171, 0.811938, 0.849472], rel=1e-5
    )


def test_dejmps_non_werner_input():
    result = purification.purify("dejmps", (0.6, 0.1, 0.1, 0.2))
    assert result.coefficients == pytest.approx((0.637931, 0.068966, 0.086207, 0.206897), abs=1e-6)
    assert result.p_success == pytest.approx(0.58, rel=1e-6)


def test_plain_bilateral_cnot_map_on_non_werner_input():
    """Without the local rotations (BBPSSW circuit): A' = (A²+D²)/N, B' = 2BC/N, C' = (B²+C²)/N,
    D' = 2AD/N, N = (A+D)² + (B+C)² (computed by hand from the circuit)."""
    a, b, c, d = 0.6, 0.1, 0.1, 0.2
    n = (a + d) ** 2 + (b + c) ** 2
    result = purification.purify("bbpssw", (a, b, c, d))
    assert result.p_success == pytest.approx(n, rel=1e-9)
    assert result.coefficients == pytest.approx(((a**2 + d**2) / n, 2 * b * c / n, (b**2 + c**2) / n, 2 * a * d / n))


def test_sampled_round_within_five_sigma():
    shots = 8000
    result = purification.purify("dejmps", 0.8, shots=shots, seed=17)
    p, f = result.p_success, result.fidelity
    assert abs(result.sampled_p_success - p) < 5 * math.sqrt(p * (1 - p) / shots)
    kept = shots * result.sampled_p_success
    assert abs(result.sampled_fidelity - f) < 5 * math.sqrt(f * (1 - f) / kept)
    again = purification.purify("dejmps", 0.8, shots=shots, seed=17)
    assert again == result


def test_purification_circuit_layout():
    qc = purification.purification_circuit("dejmps", 0.9)
    assert [r.name for r in qc.qregs] == ["alice", "bob"]
    assert qc.count_ops()["rx"] == 4 and qc.count_ops()["cx"] == 4
    assert "rx" not in purification.purification_circuit("bbpssw", 0.9).count_ops()


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_swap_chain_exact_matches_formula(n):
    """F = 0.95: 0.95, 0.90333, 0.85978, 0.81913 (Briegel et al. 1998)."""
    expected = [0.95, 0.90333, 0.85978, 0.81913][n - 1]
    result = purification.swap_chain_fidelity(n, 0.95)
    assert result.fidelity == pytest.approx(expected, rel=1e-4)
    assert result.method == "exact" and result.std_error == 0.0


@pytest.mark.parametrize(("n", "f", "expected"), [(8, 0.95, 0.68187), (8, 0.9, 0.48871), (16, 0.99, None)])
def test_swap_chain_sampled_within_five_sigma(n, f, expected):
    if expected is None:
        expected = 0.25 + 0.75 * ((4 * f - 1) / 3) ** n  # F_n of Briegel et al. 1998
    result = purification.swap_chain_fidelity(n, f, shots=2000, seed=5)
    sigma = math.sqrt(expected * (1 - expected) / 2000)
    assert abs(result.fidelity - expected) < 5 * sigma
    assert result.method == "sampled" and result.shots == 2000
    assert purification.swap_chain_fidelity(n, f, shots=2000, seed=5) == result


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: purification.purify("pumping", 0.8), "protocol must be one of 'bbpssw', 'dejmps'"),
        (lambda: purification.purify("bbpssw", 0.1), "state \\(Werner fidelity\\) must be in \\[0.25, 1.0\\]"),
        (lambda: purification.purify("dejmps", (0.5, 0.5, 0.5)), "4 weights"),
        (lambda: purification.purify_rounds("dejmps", 0.8, 0), "rounds must be a whole number >= 1"),
        (lambda: purification.swap_chain_fidelity(6, 0.9), "n_links must be <= 5 .* pass shots"),
        (lambda: purification.swap_chain_fidelity(2, 1.5), "link_fidelity must be in"),
        (lambda: purification.swap_chain_fidelity(2, 0.9, shots=0), "shots must be a whole number >= 1"),
    ],
)
def test_bad_inputs_raise_value_error(call, message):
    with pytest.raises(ValueError, match=message):
        call()


@pytest.mark.parametrize("coefficients", [(0.7, 0.1, 0.1, 0.1), (0.6, 0.1, 0.1, 0.2), (0.55, 0.3, 0.1, 0.05)])
def test_circuits_agree_with_the_analytic_states_module(coefficients):
    """The Aer circuits and qinet.states' closed forms are the same maps (what notebook 06 shows)."""
    from qinet import states

    out, p = states.dejmps(coefficients)
    result = purification.purify("dejmps", coefficients)
    assert result.coefficients == pytest.approx(tuple(out), rel=1e-9)
    assert result.p_success == pytest.approx(p, rel=1e-9)
    f_out, p_out = states.bbpssw(coefficients[0])
    werner = purification.purify("bbpssw", coefficients[0])
    assert (werner.fidelity, werner.p_success) == pytest.approx((f_out, p_out), rel=1e-9)
    chain = purification.swap_chain_fidelity(3, coefficients[0])
    assert chain.fidelity == pytest.approx(states.chain_fidelity(coefficients[0], 3), rel=1e-9)
