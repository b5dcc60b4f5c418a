"""Panel for quantum sensing: a GHZ_N parity fringe measured on Aer with dephasing, and what the
dephasing does to the phase uncertainty as N grows (:mod:`qinet.sensing`)."""

from __future__ import annotations

from html import escape

import numpy as np
from matplotlib.figure import Figure

from qinet import sensing
from qinet._validate import in_range, positive_int
from qinet.plots import sensing as plots
from qinet.widgets.panel import LivePanel, int_slider, log_slider

_PHASES = np.linspace(-np.pi / 2, np.pi / 2, 31)
_DENSE = np.linspace(-np.pi / 2, np.pi / 2, 241)
_N_CURVE = np.unique(np.round(np.logspace(0, 3, 60)))
_MAX_N = 10


def ghz_sensing_panel(*, n_qubits: int = 4, dephasing: float = 0.02, shots: int = 300, seed: int = 7) -> LivePanel:
    """GHZ_N sensor with every qubit dephasing for ``t = dephasing · T₂``.

    Left: the parity fringe of :func:`qinet.sensing.parity_fringes` measured on Aer (``shots`` per phase,
    every N up to 10 in one batch when the panel is built) with the dephasing applied shot by shot as the bit
    flips it causes (:func:`qinet.sensing.dephase_fringe`, exact), against ``e^{−Nt/T₂} cos(Nφ)``. Right:
    per-shot phase uncertainty of GHZ_N and of N independent qubits (:func:`qinet.sensing.phase_uncertainty`),
    with the best N (:func:`qinet.sensing.optimal_ghz_size`) and the N beyond which GHZ loses
    (:func:`qinet.sensing.ghz_advantage_limit`).

    Examples
    --------
    >>> panel = ghz_sensing_panel(n_qubits=2, dephasing=0.01)
    >>> "N = 2" in panel.readout.value
    True
    """
    positive_int("n_qubits", n_qubits)
    in_range("n_qubits", n_qubits, 1, _MAX_N)
    in_range("dephasing", dephasing, 1e-3, 0.5)
    shots = positive_int("shots", shots)
    seed = positive_int("seed", seed, minimum=0)

    # The Aer runs do not depend on the dephasing: every N the slider offers, in one batch, once (≈0.3 s), so
    # that no slider step waits for Aer.
    ideal = {f.n_qubits: f for f in sensing.parity_fringes(range(1, _MAX_N + 1), _PHASES, shots=shots, seed=seed)}

    def draw(fig: Figure, n_qubits: int, dephasing: float) -> str:
        fringe = sensing.dephase_fringe(ideal[n_qubits], dephasing, 1.0, seed=seed)
        dense = sensing.expected_parity(n_qubits, _DENSE, time_s=dephasing, t2_s=1.0)
        plots.fringes([fringe], theory=[(_DENSE, dense)], ax=fig.axes[0])
        best, limit = sensing.optimal_ghz_size(dephasing, 1.0), sensing.ghz_advantage_limit(dephasing, 1.0)
        curves = {
            "GHZ_N: exp(Nt/T₂)/N": sensing.phase_uncertainty(_N_CURVE, time_s=dephasing, t2_s=1.0),
            "independent: exp(t/T₂)/√N": sensing.phase_uncertainty(
                _N_CURVE, strategy="independent", time_s=dephasing, t2_s=1.0
            ),
        }
        plots.uncertainty_vs_n(
            _N_CURVE,
            curves,
            marks={f"best N ≈ {best:.0f}": best, f"GHZ loses beyond N ≈ {limit:.0f}": limit},
            ax=fig.axes[1],
        )
        fig.axes[1].plot(
            [n_qubits], [sensing.phase_uncertainty(n_qubits, time_s=dephasing, t2_s=1.0)], "o", color=plots.GHZ_COLOR
        )
        ghz = sensing.phase_uncertainty(n_qubits, time_s=dephasing, t2_s=1.0)
        ind = sensing.phase_uncertainty(n_qubits, strategy="independent", time_s=dephasing, t2_s=1.0)
        return escape(
            f"N = {n_qubits}, t/T₂ = {dephasing:.3g}: contrast e^(−Nt/T₂) = {fringe.contrast:.3f}, "
            f"fitted on Aer {sensing.fitted_contrast(fringe):.3f}. Δφ per shot: GHZ {ghz:.3f} vs "
            f"independent {ind:.3f} rad."
        )

    controls = {
        "n_qubits": int_slider("qubits N", n_qubits, 1, _MAX_N),
        "dephasing": log_slider("t / T₂", dephasing, 1e-3, 0.5),
    }
    return LivePanel(draw, controls, ncols=2, figsize=(9.5, 3.5))
