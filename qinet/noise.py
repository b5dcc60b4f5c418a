"""Noise from physical parameters, as Aer errors (channels) and Aer noise models.

Two ways to make a circuit noisy, chosen by *what* is noisy:

* **A link or a memory** (an entangled pair that arrives imperfect, a qubit that waits): the noise is a
  channel inserted into the circuit as an instruction, exactly where it happens, so local gates stay
  perfect. The builders in :mod:`qinet.circuits` take the strength directly (``link_fidelity=``,
  ``resource_fidelity=``...) and append the :class:`~qiskit_aer.noise.QuantumError` returned here;
  you can also do it yourself: ``qc.append(werner_pair_noise(0.9), [1, 2])`` (Aer runs a
  ``QuantumError`` appended to a circuit as a ``quantum_channel`` instruction).
* **Imperfect local operations** (gates, read-out): an Aer :class:`~qiskit_aer.noise.NoiseModel`
  from :func:`gate_noise`, given to ``qinet.sim.run(..., noise=...)``.

Every channel here except :func:`storage_relaxation` is a Pauli channel (a mixture of Pauli operators), so
Aer's fast stabilizer method can run it: a 16-link noisy repeater chain takes milliseconds. Energy
relaxation (T1) is not a Pauli channel: circuits with it run on the density-matrix method.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike
from qiskit_aer.noise import (
    NoiseModel,
    QuantumError,
    ReadoutError,
    depolarizing_error,
    pauli_error,
    thermal_relaxation_error,
)

from qinet._validate import in_range, number, probability
from qinet.states import memory_decay

ONE_QUBIT_GATES = ("x", "y", "z", "h", "s", "sdg", "sx", "t", "tdg", "rx", "ry", "rz", "u", "p")
"""Gate names that :func:`gate_noise` makes noisy with the one-qubit error rate."""

TWO_QUBIT_GATES = ("cx", "cz", "cy", "swap", "ecr")
"""Gate names that :func:`gate_noise` makes noisy with the two-qubit error rate."""


def bell_diagonal_noise(coefficients: ArrayLike) -> QuantumError:
    """Two-qubit Pauli channel that turns a Φ+ pair into the Bell-diagonal state with these weights.

    ``coefficients = (A, B, C, D)`` are the weights of (Φ+, Ψ−, Ψ+, Φ−), the order of Deutsch et al.,
    PRL 77, 2818 (1996). A Pauli on the second qubit of Φ+ gives another Bell state
    (I → Φ+, Y → Ψ− up to phase, X → Ψ+, Z → Φ−), so the channel
    ``ρ → A ρ + B YρY + C XρX + D ZρZ`` on that qubit maps Φ+ to ``A Φ+ + B Ψ− + C Ψ+ + D Φ−``.
    Append it to the pair's two qubits ``[first, second]``.

    Parameters
    ----------
    coefficients : four probabilities summing to 1 (tolerance 1e-9).

    Examples
    --------
    >>> err = bell_diagonal_noise((0.6, 0.1, 0.1, 0.2))
    >>> err.num_qubits
    2
    """
    coeffs = np.asarray(probability("coefficients", coefficients), dtype=float).ravel()
    if coeffs.size != 4:
        raise ValueError(f"coefficients must be 4 weights (Φ+, Ψ−, Ψ+, Φ−), got {coeffs.size} values")
    if not math.isclose(float(coeffs.sum()), 1.0, abs_tol=1e-9):
        raise ValueError(f"coefficients must sum to 1 (allowed range: exactly 1), got sum {coeffs.sum()!r}")
    # Qiskit Pauli labels put qubit 0 on the right: "YI" is Y on the second qubit of the pair.
    labels = ("II", "YI", "XI", "ZI")
    return pauli_error([(lab, float(c)) for lab, c in zip(labels, coeffs, strict=True) if c > 0])


def werner_pair_noise(fidelity: float) -> QuantumError:
    """Two-qubit channel that turns the Φ+ pair it is applied to into a Werner pair of fidelity F.

    A Werner pair (Werner, PRA 40, 4277, 1989) of fidelity ``F`` is Bell-diagonal with weights
    ``(F, (1-F)/3, (1-F)/3, (1-F)/3)``; equivalently ``w |Φ+⟩⟨Φ+| + (1 - w) I/4`` with
    ``w = (4F - 1)/3``. We make it with the Pauli channel of :func:`bell_diagonal_noise` on the second
    qubit (identity with probability ``F``, each of X, Y, Z with ``(1 - F)/3``): a one-qubit
    depolarizing channel of Aer parameter ``λ = 1 - w`` on one half, which is a Pauli channel, so the
    stabilizer method runs it.

    Parameters
    ----------
    fidelity : Werner fidelity F in [0.25, 1] (0.25 is the maximally mixed pair).

    Examples
    --------
    >>> from qiskit import QuantumCircuit
    >>> from qiskit.quantum_info import DensityMatrix, Statevector
    >>> qc = QuantumCircuit(2); _ = qc.h(0); _ = qc.cx(0, 1)
    >>> rho = DensityMatrix(qc).evolve(werner_pair_noise(0.9).to_quantumchannel())
    >>> round(float(rho.expectation_value(DensityMatrix(Statevector(qc))).real), 6)
    0.9
    """
    f = float(in_range("fidelity", fidelity, 0.25, 1.0))
    rest = (1.0 - f) / 3.0
    return bell_diagonal_noise((f, rest, rest, rest))


def dephasing_probability(time_s: float, t2_s: float) -> float:
    """Phase-flip probability ``p = (1 - exp(-t/T2)) / 2`` of a qubit stored ``time_s`` with pure dephasing ``T2``.

    A Z flip with probability ``p`` scales the qubit's coherence by ``1 - 2p = exp(-t/T2)``: the
    same channel as Aer's ``phase_damping_error(b)`` with ``b = 1 - exp(-2t/T2)`` (Nielsen & Chuang,
    2000, §8.3.6).

    Parameters
    ----------
    time_s : storage time in s, finite and >= 0.
    t2_s : pure-dephasing (coherence) time in s, > 0 (``inf``: no dephasing).

    Examples
    --------
    >>> round(dephasing_probability(0.1, 1.0), 6)
    0.047581
    """
    t = float(number("time_s", time_s, 0.0))
    t2 = float(in_range("t2_s", t2_s, 0.0, low_open=True))
    return (1.0 - math.exp(-t / t2)) / 2.0


def storage_dephasing(time_s: float, t2_s: float) -> QuantumError:
    """One-qubit pure-dephasing channel for a qubit stored ``time_s`` in a memory with coherence time ``T2``.

    ``ρ → (1 - p) ρ + p ZρZ`` with ``p = (1 - e^{-t/T2})/2``: the off-diagonal elements decay as
    ``e^{-t/T2}``. One half of a Φ+ pair stored this way keeps fidelity ``F = (1 + e^{-t/T2})/2``
    (textbook result; 0.952419 at t/T2 = 0.1). A Pauli channel, so stabilizer-friendly.

    Parameters
    ----------
    time_s : storage time in s, finite and ≥ 0.
    t2_s : pure-dephasing (coherence) time in s, > 0 (``inf``: no dephasing).

    Examples
    --------
    >>> storage_dephasing(0.1, 1.0).num_qubits
    1
    """
    p = dephasing_probability(time_s, t2_s)
    return pauli_error([("I", 1.0 - p), ("Z", p)])


def storage_relaxation(time_s: float, t2_s: float, *, t1_s: float = math.inf) -> QuantumError:
    """One-qubit channel of a qubit stored ``time_s`` in a memory with energy relaxation ``T1`` and coherence ``T2``.

    Amplitude damping towards ``|0>`` (the excited-state population decays as ``e^{-t/T1}``) together with
    dephasing, so that the coherence decays as ``e^{-t/T2}`` (T2 the total coherence time, ``T2 <= 2 T1``,
    refused otherwise): Aer's ``thermal_relaxation_error(T1, T2, t)`` at zero temperature (Nielsen & Chuang,
    2000, §8.3). One stored half of Φ+ keeps ``F = [1 + e^{-t/T1} + 2 e^{-t/T2}]/4``
    (:func:`qinet.states.stored_fidelity`); with ``t1_s = inf`` it is the same channel as
    :func:`storage_dephasing`. Not a Pauli channel: run it on the density-matrix method.

    Parameters
    ----------
    time_s : storage time in s, finite and >= 0.
    t2_s : coherence time T2 in s, > 0 (``inf``: no dephasing, with ``t1_s = inf``).
    t1_s : energy-relaxation time T1 in s, >= T2 / 2 (``inf``: pure dephasing).

    Examples
    --------
    >>> storage_relaxation(0.1, 1.0, t1_s=2.0).num_qubits
    1
    """
    memory_decay(time_s, t2_s, t1_s=t1_s)  # validates the times, T2 <= 2 T1
    return thermal_relaxation_error(float(t1_s), float(t2_s), float(time_s))


def depolarizing(probability_: float, num_qubits: int = 1) -> QuantumError:
    """Aer depolarizing channel ``ρ → (1 - λ) ρ + λ I/2^n`` with ``λ = probability_`` (Aer convention).

    Nielsen & Chuang (2000), §8.3.4. Note that Aer's ``λ`` is the weight of the fully mixed state, not
    the probability of an error: the state is unchanged with probability ``1 - λ + λ/4^n``.

    Examples
    --------
    >>> depolarizing(0.01, 2).num_qubits
    2
    """
    lam = float(probability("probability", probability_))
    if num_qubits not in (1, 2):
        raise ValueError(f"num_qubits must be 1 or 2, got {num_qubits!r}")
    return depolarizing_error(lam, num_qubits)


def gate_noise(p1: float = 0.0, p2: float = 0.0, readout: float = 0.0) -> NoiseModel:
    """Aer noise model for imperfect local operations: depolarizing gates and symmetric read-out errors.

    Every one-qubit gate in :data:`ONE_QUBIT_GATES` is followed by ``depolarizing(p1, 1)``, every
    two-qubit gate in :data:`TWO_QUBIT_GATES` by ``depolarizing(p2, 2)`` (Aer convention, see
    :func:`depolarizing`), and every measurement reports the wrong bit with probability ``readout``.
    The standard circuit-level model of, e.g., Knill, Nature 434, 39 (2005). Pair creation and storage
    are not touched (use the channels above for them).

    Parameters
    ----------
    p1, p2 : depolarizing parameters of one- and two-qubit gates, in [0, 1].
    readout : bit-flip probability of a measurement, in [0, 1].

    Examples
    --------
    >>> model = gate_noise(p1=0.001, p2=0.01, readout=0.02)
    >>> "cx" in model.noise_instructions
    True
    """
    lam1 = float(probability("p1", p1))
    lam2 = float(probability("p2", p2))
    ro = float(probability("readout", readout))
    model = NoiseModel(basis_gates=list(ONE_QUBIT_GATES + TWO_QUBIT_GATES))
    if lam1 > 0:
        model.add_all_qubit_quantum_error(depolarizing_error(lam1, 1), list(ONE_QUBIT_GATES))
    if lam2 > 0:
        model.add_all_qubit_quantum_error(depolarizing_error(lam2, 2), list(TWO_QUBIT_GATES))
    if ro > 0:
        model.add_all_qubit_readout_error(ReadoutError([[1.0 - ro, ro], [ro, 1.0 - ro]]))
    return model
