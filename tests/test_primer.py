"""The primer's modules: qinet.qubits and qinet.chsh_game against textbook values, its panel, and its
exercise checks (right solutions pass, typical wrong ones are named, hostile input never raises)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from qiskit import QuantumCircuit
from qiskit.quantum_info import Statevector

from qinet import chsh_game, qubits
from qinet.circuits import bell_pair
from qinet.exercises import primer


def test_state_vector_matches_qiskits_u_gate():
    for theta, phi in [(0.0, 0.0), (math.pi, 0.3), (1.2, 0.7), (2.9, 5.5)]:
        qc = QuantumCircuit(1)
        qc.u(theta, phi, 0, 0)
        assert np.allclose(Statevector(qc).data, qubits.state_vector(theta, phi))


def test_born_rule_in_three_bases():
    # |+> is certain in X, a coin in Z and Y; |+i> is certain in Y (Nielsen & Chuang §2.2.3)
    assert qubits.probability_of_zero(math.pi / 2, 0.0, "x") == pytest.approx(1.0)
    assert qubits.probability_of_zero(math.pi / 2, 0.0, "z") == pytest.approx(0.5)
    assert qubits.probability_of_zero(math.pi / 2, math.pi / 2, "y") == pytest.approx(1.0)
    assert qubits.probability_of_zero(math.pi / 3, 0.0) == pytest.approx(math.cos(math.pi / 6) ** 2)
    assert qubits.probability_of_zero(np.array([0.0, math.pi]), 0.0) == pytest.approx([1.0, 0.0])


def test_measurement_on_aer_follows_the_born_rule():
    counts = qubits.measure(1.2, 0.7, "y", shots=4000, seed=3)
    p = qubits.probability_of_zero(1.2, 0.7, "y")
    assert abs(counts.get("0", 0) / 4000 - p) < 4 * math.sqrt(p * (1 - p) / 4000)


@pytest.mark.parametrize(
    "call",
    [
        lambda: qubits.state_vector(-0.1, 0.0),
        lambda: qubits.state_vector(float("nan"), 0.0),
        lambda: qubits.probability_of_zero(1.0, 0.0, "w"),
        lambda: qubits.purity(np.ones(3)),
        lambda: chsh_game.win_probability(0, 0, 0, 0, visibility=1.5),
        lambda: chsh_game.play(0, 0, 0, 0, rounds=2),
        lambda: chsh_game.play(0, 0, 0, 0, rounds=10**7),
    ],
)
def test_bad_input_names_the_parameter(call):
    with pytest.raises(ValueError):
        call()


def test_chsh_game_limits():
    # classical 3/4 (CHSH 1969), quantum cos²(π/8) (Tsirelson 1980), Werner pairs 1/2 + √2 V/4
    assert max(chsh_game.classical_win_probabilities().values()) == 0.75
    assert sum(p == 0.75 for p in chsh_game.classical_win_probabilities().values()) == 8
    assert chsh_game.win_probability(*chsh_game.BEST_ANGLES) == pytest.approx(math.cos(math.pi / 8) ** 2)
    assert chsh_game.win_probability(*chsh_game.BEST_ANGLES, visibility=1 / math.sqrt(2)) == pytest.approx(0.75)
    assert chsh_game.win_probability(0, 0, 0, 0) == pytest.approx(0.75)
    assert chsh_game.win_probability(*chsh_game.BEST_ANGLES, visibility=0.0) == pytest.approx(0.5)


def test_chsh_game_on_aer_agrees_with_the_formula():
    result = chsh_game.play(*chsh_game.BEST_ANGLES, visibility=0.8, rounds=8000, seed=11)
    expected = chsh_game.win_probability(*chsh_game.BEST_ANGLES, visibility=0.8)
    assert abs(result.win_fraction - expected) < 4 * result.stderr
    assert sum(result.rounds_per_question) == 8000 and result.wins == sum(result.wins_per_question)


def test_panel_redraws_when_a_slider_moves():
    from qinet.widgets.primer import chsh_game_panel

    panel = chsh_game_panel()
    before = panel.image.value
    panel.controls["visibility"].value = 0.5
    assert panel.image.value != before and "does not beat" in panel.readout.value


# --- exercise checks -------------------------------------------------------------------------------------


def _circuit(*gates, n=1):
    def build(*_args):
        qc = QuantumCircuit(n)
        for name, *args in gates:
            getattr(qc, name)(*args)
        return qc

    return build


def test_bloch_state_check():
    def right(theta, phi):
        qc = QuantumCircuit(1)
        qc.ry(theta, 0)
        qc.rz(phi, 0)
        return qc

    def swapped(theta, phi):
        qc = QuantumCircuit(1)
        qc.ry(phi, 0)
        qc.rz(theta, 0)
        return qc

    def rx_instead(theta, phi):
        qc = QuantumCircuit(1)
        qc.rx(theta, 0)
        qc.rz(phi, 0)
        return qc

    def no_phase(theta, phi):
        qc = QuantumCircuit(1)
        qc.ry(theta, 0)
        return qc

    assert primer.check_bloch_state(right)
    assert "expected |1⟩" in primer.check_bloch_state(swapped).message
    assert "relative phase" in primer.check_bloch_state(rx_instead).message
    assert not primer.check_bloch_state(no_phase)


def test_psi_minus_check():
    assert primer.check_psi_minus(lambda: bell_pair("psi-"))
    for wrong, says in [(lambda: bell_pair("psi+"), "Ψ⁺"), (lambda: bell_pair("phi-"), "Φ⁻"), (_circuit(n=2), "|00⟩")]:
        feedback = primer.check_psi_minus(wrong)
        assert not feedback and says in feedback.message


def test_fidelity_check():
    assert primer.check_fidelity(lambda psi, rho: np.real(np.vdot(psi, rho @ psi)))
    no_conjugate = primer.check_fidelity(lambda psi, rho: psi @ rho @ psi)
    square_root = primer.check_fidelity(lambda psi, rho: abs(np.vdot(psi, rho @ psi)) ** 0.5)
    purity = primer.check_fidelity(lambda psi, rho: np.trace(rho @ rho).real)
    assert not no_conjugate and "complex" in no_conjugate.message
    assert not square_root and "completely mixed" in square_root.message
    assert not purity and "orthogonal" in purity.message


def test_correlation_check():
    def right(counts):
        same = counts.get("00", 0) + counts.get("11", 0)
        return (2 * same - sum(counts.values())) / sum(counts.values())

    assert primer.check_correlation(right)
    missing = primer.check_correlation(lambda c: (c["00"] + c["11"] - c["01"] - c["10"]) / sum(c.values()))
    same_only = primer.check_correlation(lambda c: (c.get("00", 0) + c.get("11", 0)) / sum(c.values()))
    raw = primer.check_correlation(lambda c: c.get("00", 0) + c.get("11", 0) - c.get("01", 0) - c.get("10", 0))
    assert "counts.get" in missing.message and not same_only and "For counts" in raw.message


def test_noisy_win_probability_check():
    assert primer.check_noisy_win_probability(0.783)
    assert "percentage" in primer.check_noisy_win_probability(78.3).message
    assert not primer.check_noisy_win_probability(chsh_game.QUANTUM_LIMIT)


@pytest.mark.parametrize("garbage", [None, "qc", 42, float("nan"), lambda *a: 1 / 0, lambda *a: None])
@pytest.mark.parametrize(
    "check",
    [
        primer.check_bloch_state,
        primer.check_psi_minus,
        primer.check_fidelity,
        primer.check_correlation,
        primer.check_noisy_win_probability,
    ],
)
def test_checks_never_raise(check, garbage):
    assert not check(garbage)
