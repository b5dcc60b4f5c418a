"""Panels for distributed quantum computing: the price of a remote gate, and splitting a circuit."""

from __future__ import annotations

import numpy as np

from qinet import distributed, partition
from qinet.plots import distributed as plots
from qinet.widgets._controls import checked_dropdown, checked_int_slider, checked_slider
from qinet.widgets.panel import LivePanel

_GRID = np.linspace(0.5, 1.0, 51)


def remote_gate_panel(
    *, pair_fidelity: float = 0.9, gate_error: float = 0.01, shots: int = 128, seed: int = 7
) -> LivePanel:
    """Bell-pair fidelity and local gate error → remote-CNOT process fidelity (Eisert and teleported).

    The curves are the Pauli-propagation prediction; the dots are measured on Aer at the current
    fidelity (``shots`` per circuit, reference-qubit test of :func:`qinet.distributed.remote_cnot_fidelity`).
    """

    def draw(fig, pair_fidelity: float, gate_error: float) -> str:
        runs = distributed.compare_remote_cnots(pair_fidelity, gate_error=gate_error, shots=shots, seed=seed)
        plots.remote_fidelity(_GRID, distributed.fidelity_curves(_GRID, gate_error), runs, ax=fig.axes[0], legend=False)
        fig.axes[0].set_ylim(0.2, 1.02)
        eisert, tele = runs
        return (
            "Curves: predicted (blue Eisert, orange teleported, dashed local CNOT); dots: Aer, ±2 s.e.<br>"
            f"F = {pair_fidelity:.2f}, gate error λ = {gate_error:.3f}: "
            f"Eisert F<sub>e</sub> = {eisert.process_fidelity:.3f} ± {eisert.stderr:.3f} "
            f"(predicted {eisert.predicted:.3f}); teleported {tele.process_fidelity:.3f} ± {tele.stderr:.3f} "
            f"(predicted {tele.predicted:.3f}); local CNOT {eisert.local_process_fidelity:.3f}."
        )

    controls = {
        "pair_fidelity": checked_slider("pair_fidelity", "Bell-pair fidelity F", pair_fidelity, 0.5, 1.0, 0.01),
        "gate_error": checked_slider("gate_error", "local gate error λ", gate_error, 0.0, 0.1, 0.005),
    }
    controls["gate_error"].readout_format = ".3f"
    return LivePanel(draw, controls, figsize=(6.6, 3.5))


def circuit_split_panel(
    *, algorithm: str = "clustered", n_qubits: int = 12, naive: str = "halves", seed: int = 7
) -> LivePanel:
    """Choose an algorithm and a qubit count: the naive and the min-cut split, their remote gates and Bell pairs."""

    def draw(fig, algorithm: str, n_qubits: int, naive: str) -> str:
        split = partition.split_circuit(algorithm, n_qubits, naive=naive, seed=seed)
        w = split.interactions
        plots.partition_graph(
            w, split.naive, ax=fig.axes[0], title=f"{naive}: {split.naive_remote} remote, {split.naive_pairs} pairs"
        )
        plots.partition_graph(
            w, split.best, ax=fig.axes[1], title=f"min cut: {split.best_remote} remote, {split.best_pairs} pairs"
        )
        return (
            f"{algorithm} on {n_qubits} qubits: {split.two_qubit_gates} two-qubit gates. "
            f"{naive} split: {split.naive_remote} remote gates, {split.naive_pairs} Bell pairs; "
            f"min-cut split: {split.best_remote} remote gates, {split.best_pairs} Bell pairs "
            "(one pair per shared copy of a qubit, which serves all its consecutive remote gates)."
        )

    controls = {
        "algorithm": checked_dropdown("algorithm", "algorithm", list(partition.ALGORITHMS), algorithm),
        "n_qubits": checked_int_slider("n_qubits", "qubits", n_qubits, 4, 16, 2),
        "naive": checked_dropdown("naive", "naive split", ["halves", "alternate", "random"], naive),
    }
    return LivePanel(draw, controls, ncols=2, figsize=(7.0, 4.4))
