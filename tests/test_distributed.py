"""qinet.distributed: remote CNOTs on Aer (truth table, superpositions, fidelity); splits are in test_partition."""

from __future__ import annotations

import numpy as np
import pytest

from qinet import distributed


@pytest.mark.parametrize("protocol", distributed.PROTOCOLS)
def test_truth_table_is_the_cnot(protocol):
    table = distributed.truth_table(protocol, shots=128, seed=3)
    assert table.counts == {"00": {"00": 128}, "01": {"01": 128}, "10": {"11": 128}, "11": {"10": 128}}
    assert table.correct_fraction == 1.0


def test_a_returned_circuit_can_be_edited_without_changing_later_results():
    before = distributed.truth_table("eisert", shots=32, seed=1)
    gate = distributed.remote_cnot("eisert", pair_fidelity=0.9, gate_error=0.01)
    gate.circuit.x(0)
    distributed.distribute(distributed.partition.algorithm_circuit("qft", 4), [0, 0, 1, 1]).circuit.x(0)
    assert distributed.remote_cnot("eisert", pair_fidelity=0.9, gate_error=0.01).circuit.count_ops().get("x", 0) == 0
    assert distributed.truth_table("eisert", shots=32, seed=1) == before
    res = distributed.remote_cnot_fidelity(1.0, shots=64, seed=2)
    assert res.process_fidelity == 1.0 and res.local_process_fidelity == 1.0


def test_the_eisert_gate_is_its_named_steps():
    names = [inst.operation.name for inst in distributed.remote_cnot("eisert").circuit.data]
    assert names == ["h", "cx", "barrier", "cx", "measure", "if_else", "cx", "barrier", "h", "measure", "if_else"]


@pytest.mark.parametrize("protocol", distributed.PROTOCOLS)
def test_superpositions_make_a_bell_pair_and_kick_back_the_phase(protocol):
    act = distributed.superposition_action(protocol, shots=512, seed=4)
    assert act.zz == act.xx == act.bell_fidelity_bound == act.kickback_minus == 1.0


def test_costs_eisert_one_ebit_two_cbits_teleported_two_and_four():
    """Eisert et al. PRA 62, 052317 (2000): 1 ebit + 1 cbit each way is optimal."""
    eisert, tele = distributed.remote_cnot("eisert"), distributed.remote_cnot("teleported")
    assert (eisert.ebits, eisert.cbits) == (1, 2)
    assert (tele.ebits, tele.cbits) == (2, 4)


def test_predicted_fidelity_closed_forms():
    f = np.linspace(0.3, 1.0, 8)
    curves = distributed.fidelity_curves(f)
    np.testing.assert_allclose(curves["eisert"], f, rtol=1e-12)
    np.testing.assert_allclose(curves["teleported"], f**2 + ((1 - f) / 3) ** 2, rtol=1e-12)
    assert distributed.predicted_process_fidelity("eisert", 1.0, 0.16) < 1 - 15 * 0.16 / 16  # two local gates
    assert distributed.average_gate_fidelity(0.9) == pytest.approx(0.92, rel=1e-12)


@pytest.mark.parametrize(
    "protocol, f, lam",
    [("eisert", 0.9, 0.0), ("eisert", 0.8, 0.05), ("teleported", 0.9, 0.0), ("teleported", 0.95, 0.1)],
)
def test_measured_fidelity_matches_prediction_within_4_standard_errors(protocol, f, lam):
    res = distributed.remote_cnot_fidelity(f, gate_error=lam, protocol=protocol, shots=6000, seed=11)
    assert abs(res.process_fidelity - res.predicted) < 4 * res.stderr
    local_se = np.sqrt(res.local_predicted * (1 - res.local_predicted) / res.shots) + 1e-12
    assert abs(res.local_process_fidelity - res.local_predicted) <= 4 * local_se
    assert res.average_gate_fidelity == pytest.approx((4 * res.process_fidelity + 1) / 5)


def test_same_seed_same_result_and_bad_input():
    a = distributed.remote_cnot_fidelity(0.85, shots=500, seed=2)
    assert a == distributed.remote_cnot_fidelity(0.85, shots=500, seed=2)
    with pytest.raises(ValueError, match="pair_fidelity"):
        distributed.remote_cnot_fidelity(0.2)
    with pytest.raises(ValueError, match="gate_error"):
        distributed.remote_cnot("eisert", gate_error=1.5)
    with pytest.raises(ValueError, match="protocol"):
        distributed.remote_cnot("magic")
