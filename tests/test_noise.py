"""Noise channels and models: physical parameter -> channel -> fidelity, against the channels' formulas."""

import math

import numpy as np
import pytest
from qiskit import QuantumCircuit
from qiskit.quantum_info import DensityMatrix, Pauli, Statevector, SuperOp, state_fidelity
from qiskit_aer.noise import phase_damping_error, thermal_relaxation_error

from qinet import circuits, noise, sim, states
from qinet.purification import bell_coefficients

PHI_PLUS = Statevector([1 / math.sqrt(2), 0, 0, 1 / math.sqrt(2)])


def _pair_with(error) -> DensityMatrix:
    qc = circuits.bell_pair()
    qc.append(error, [0, 1] if error.num_qubits == 2 else [1])
    return sim.final_state(qc)


@pytest.mark.parametrize("fidelity", [0.25, 0.5, 0.8, 0.925, 1.0])
def test_werner_pair_noise_gives_werner_state(fidelity):
    rho = _pair_with(noise.werner_pair_noise(fidelity))
    w = (4 * fidelity - 1) / 3
    werner = w * DensityMatrix(PHI_PLUS).data + (1 - w) * np.eye(4) / 4
    assert np.allclose(rho.data, werner, atol=1e-12)
    assert state_fidelity(rho, PHI_PLUS) == pytest.approx(fidelity, rel=1e-9)


def test_werner_equals_aer_depolarizing_on_one_half():
    """The Pauli form equals Aer's depolarizing_error(λ = 1 − w) on one qubit (Aer's documented convention)."""
    f = 0.9
    w = (4 * f - 1) / 3
    assert np.allclose(
        _pair_with(noise.werner_pair_noise(f)).data, _pair_with(noise.depolarizing(1 - w, 1)).data, atol=1e-12
    )


@pytest.mark.parametrize(("t_over_t2", "expected"), [(0.01, 0.995025), (0.1, 0.952419), (1.0, 0.683940)])
def test_storage_dephasing_fidelity(t_over_t2, expected):
    """One stored half of Φ+: F = (1 + e^{−t/T2})/2 (Nielsen & Chuang §8.3)."""
    rho = _pair_with(noise.storage_dephasing(t_over_t2 * 2.0, 2.0))
    assert state_fidelity(rho, PHI_PLUS) == pytest.approx(expected, rel=1e-5)


@pytest.mark.parametrize("t_over_t2", [0.0, 0.1, 0.5, 2.0])
def test_pauli_dephasing_equals_phase_damping(t_over_t2):
    """Z flip with p = (1 − e^{−t/T2})/2 is the same channel as phase_damping(b = 1 − e^{−2t/T2})."""
    pauli = SuperOp(noise.storage_dephasing(t_over_t2, 1.0).to_quantumchannel())
    damping = SuperOp(phase_damping_error(1 - math.exp(-2 * t_over_t2)).to_quantumchannel())
    assert np.allclose(pauli.data, damping.data, atol=1e-12)


@pytest.mark.parametrize(
    ("time", "t1", "t2"), [(0.3, 1.0, 1.0), (0.7, 0.5, 1.0), (0.4, 2.0, 0.3), (0.2, math.inf, 0.5)]
)
def test_storage_relaxation_is_aers_thermal_relaxation_and_matches_the_t1_formula(time, t1, t2):
    """Aer's exact density matrix with thermal_relaxation_error on one or both halves of Phi+ (and of a Werner
    pair) gives the Bell weights of states.stored_bell_coefficients: F = [1 + e^(-t/T1) + 2 e^(-t/T2)]/4."""
    ours = SuperOp(noise.storage_relaxation(time, t2, t1_s=t1).to_quantumchannel())
    aer = SuperOp(thermal_relaxation_error(t1, t2, time).to_quantumchannel())
    assert np.allclose(ours.data, aer.data, atol=1e-12)
    rho = _pair_with(noise.storage_relaxation(time, t2, t1_s=t1))
    expected = (1 + math.exp(-time / t1) + 2 * math.exp(-time / t2)) / 4
    assert state_fidelity(rho, PHI_PLUS) == pytest.approx(expected, rel=1e-12)
    for f in (1.0, 0.8):
        w = (4 * f - 1) / 3
        pair = DensityMatrix(w * DensityMatrix(PHI_PLUS).data + (1 - w) * np.eye(4) / 4)
        channel = thermal_relaxation_error(t1, t2, time).to_quantumchannel()
        one = pair.evolve(channel, qargs=[1])
        both = one.evolve(channel, qargs=[0])
        np.testing.assert_allclose(
            bell_coefficients(one), states.stored_bell_coefficients(f, time, t2, t1_s=t1), atol=1e-12
        )
        np.testing.assert_allclose(
            bell_coefficients(both), states.stored_bell_coefficients(f, time, t2, t1_s=t1, qubits=2), atol=1e-12
        )


def test_storage_relaxation_without_t1_is_storage_dephasing():
    relax = SuperOp(noise.storage_relaxation(0.3, 1.0).to_quantumchannel())
    dephase = SuperOp(noise.storage_dephasing(0.3, 1.0).to_quantumchannel())
    assert np.allclose(relax.data, dephase.data, atol=1e-12)


def test_dephasing_probability_worked_number():
    assert noise.dephasing_probability(0.1, 1.0) == pytest.approx((1 - math.exp(-0.1)) / 2, rel=1e-12)
    assert noise.dephasing_probability(0.0, 1.0) == 0.0


def test_depolarizing_aer_convention():
    """depolarizing_error(λ) is (1 − λ)ρ + λ I/2; t/T = 0.1 -> λ = 0.0951626, F = 0.928628."""
    lam = 1 - math.exp(-0.1)
    rho = _pair_with(noise.depolarizing(lam, 1))
    assert state_fidelity(rho, PHI_PLUS) == pytest.approx(0.928628, rel=1e-5)


def test_bell_diagonal_noise_non_werner():
    rho = _pair_with(noise.bell_diagonal_noise((0.6, 0.1, 0.1, 0.2)))
    assert state_fidelity(rho, PHI_PLUS) == pytest.approx(0.6, rel=1e-12)
    zz = float(np.real(rho.expectation_value(Pauli("ZZ"))))
    assert zz == pytest.approx(0.6 + 0.2 - 0.1 - 0.1)  # Φ± have ZZ = +1, Ψ± have ZZ = −1


def test_readout_error_rate_within_five_sigma():
    qc = QuantumCircuit(1, 1)
    qc.measure(0, 0)
    shots, ro = 20000, 0.05
    counts = sim.run(qc, shots=shots, seed=4, noise=noise.gate_noise(readout=ro))
    flips = counts.get("1", 0) / shots
    assert abs(flips - ro) < 5 * math.sqrt(ro * (1 - ro) / shots)


def test_gate_noise_two_qubit_depolarizing_on_bell_pair():
    """Depolarizing λ2 after the CNOT: ρ -> (1 − λ2)ρ + λ2 I/4, so F = 1 − 3λ2/4 (Aer convention)."""
    lam2 = 0.1
    rho = sim.final_state(circuits.bell_pair(), noise=noise.gate_noise(p2=lam2))
    assert state_fidelity(rho, PHI_PLUS) == pytest.approx((1 - lam2) + lam2 / 4, rel=1e-9)


def test_gate_noise_one_qubit_depolarizing_before_the_cnot():
    """Depolarizing λ1 after H: |+⟩ -> (1 − λ1)|+⟩⟨+| + λ1 I/2, and CNOT maps I/2 ⊗ |0⟩⟨0| to a state with
    F = 1/2, so F = 1 − λ1/2."""
    lam1 = 0.2
    rho = sim.final_state(circuits.bell_pair(), noise=noise.gate_noise(p1=lam1))
    assert state_fidelity(rho, PHI_PLUS) == pytest.approx(1 - lam1 / 2, rel=1e-9)


def test_gate_noise_zero_is_ideal():
    rho = sim.final_state(circuits.bell_pair(), noise=noise.gate_noise())
    assert state_fidelity(rho, PHI_PLUS) == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: noise.werner_pair_noise(0.2), "fidelity must be in \\[0.25, 1.0\\], got 0.2"),
        (lambda: noise.werner_pair_noise(1.1), "fidelity must be in \\[0.25, 1.0\\], got 1.1"),
        (lambda: noise.storage_dephasing(-1.0, 1.0), "time_s must be in \\[0.0, inf\\), got -1.0"),
        (lambda: noise.storage_dephasing(1.0, 0.0), "t2_s must be in \\(0.0, inf\\), got 0.0"),
        (lambda: noise.storage_relaxation(1.0, 1.0, t1_s=0.4), "t2_s must be <= 2 \\* t1_s"),
        (lambda: noise.storage_relaxation(-1.0, 1.0), "time_s must be in"),
        (lambda: noise.bell_diagonal_noise((0.5, 0.5)), "4 weights"),
        (lambda: noise.bell_diagonal_noise((0.5, 0.5, 0.5, -0.5)), "coefficients must be in \\[0.0, 1.0\\]"),
        (lambda: noise.depolarizing(0.1, 3), "num_qubits must be 1 or 2, got 3"),
        (lambda: noise.gate_noise(p1=2.0), "p1 must be in \\[0.0, 1.0\\], got 2.0"),
        (lambda: noise.gate_noise(readout=-0.1), "readout must be in"),
    ],
)
def test_bad_inputs_raise_value_error(call, message):
    with pytest.raises(ValueError, match=message):
        call()
