"""Bell-diagonal pairs as three numbers: storage, swapping and purification in the simulation.

A Bell-diagonal pair ``ρ = Σ_k c_k (I ⊗ σ_k) |Φ+⟩⟨Φ+| (I ⊗ σ_k)`` (k = I, X, Z, Y, encoded 0–3 as
two bits) is fixed by its weights ``c``. Pauli errors on either qubit, and the Pauli-frame correction
after a Bell measurement, combine weights by an XOR convolution, which the Walsh–Hadamard transform
``λ_s = Σ_k (−1)^{s·k} c_k`` turns into products. So each pair is carried as ``(λ_1, λ_2, λ_3)``
(``λ_0 = 1``):

* fidelity with Φ+: ``F = (1 + λ_1 + λ_2 + λ_3) / 4``; a Werner pair of parameter ``w = (4F − 1)/3``
  has ``λ = (w, w, w)``;
* entanglement swapping (Żukowski et al., PRL 71, 4287 (1993)): ``λ_out = λ_left · λ_right``
  (for Werner pairs ``w_1 w_2``, as :func:`qinet.states.swap_fidelity`);
* a memory qubit stored for ``t`` with relaxation times T₁, T₂: the Pauli twirl of amplitude damping
  plus dephasing (Nielsen & Chuang 2000, §8.3) multiplies ``λ`` by ``(e^{−t/T₁}, e^{−t/T₂}, e^{−t/T₂})``,
  so one stored half of Φ+ keeps ``F = [1 + e^{−t/T₁} + 2 e^{−t/T₂}]/4``.

Pure dephasing (T₁ = ∞) is a Pauli channel: then everything above is exact. Amplitude damping is
replaced by its Pauli twirl (the Pauli twirling approximation; Dür, Hein, Cirac, Briegel, PRA 72,
052326 (2005), doi:10.1103/PhysRevA.72.052326): exact for the fidelity when one qubit of a pair decays,
slightly pessimistic when both do. For one pair whose qubits decay with probabilities
``γ_a, γ_b`` (``γ = 1 − e^{−t/T₁}``) the exact fidelity is higher by ``γ_a γ_b / 4``, the chance that both
decayed to |00⟩ (half of which overlaps Φ+); :mod:`qinet.network.reference` compares with Aer.

Examples
--------
>>> lam = storage_decay(0.1, t1_s=math.inf, t2_s=1.0)
>>> round(fidelity(lam), 6)  # one stored half of Φ+ dephasing for t = T2/10
0.952419
"""

from __future__ import annotations

import math

import numpy as np

from qinet import states
from qinet._validate import WrongTypeError, array, in_range, number, probability

Lambdas = tuple[float, float, float]
PERFECT: Lambdas = (1.0, 1.0, 1.0)
_SLACK = 1e-9  # rounding: products and DEJMPS's normalisation may leave a λ a hair outside [−1, 1]


def _lambdas(name: str, lam: object) -> Lambdas:
    """``lam`` after checking it is three numbers in [−1, 1] (fast for the simulation's own tuples)."""
    if (
        type(lam) is tuple
        and len(lam) == 3
        and all(isinstance(v, float) and -1 - _SLACK <= v <= 1 + _SLACK for v in lam)
    ):
        return lam
    if not isinstance(lam, (tuple, list, np.ndarray)):
        raise WrongTypeError(f"{name} must be three numbers (λ_1, λ_2, λ_3) in [-1, 1], got {lam!r}")
    values = array(name, lam, length=3, like="λ_1, λ_2, λ_3", low=-1 - _SLACK, high=1 + _SLACK, finite=True)
    return (float(values[0]), float(values[1]), float(values[2]))


def _memory_time(name: str, value: object) -> float:
    """A memory's T₁ or T₂: > 0, ``inf`` allowed (fast for plain floats)."""
    if isinstance(value, float) and 0.0 < value <= math.inf:
        return value
    return float(in_range(name, value, 0.0, low_open=True))


def _time(name: str, value: object, *, allow_inf: bool) -> float:
    """A duration ≥ 0 (``inf`` only if ``allow_inf``), fast for plain floats."""
    if isinstance(value, float) and 0.0 <= value < math.inf:
        return value
    check = in_range if allow_inf else number
    return float(check(name, value, 0.0))


def fidelity(lam: Lambdas) -> float:
    """Fidelity with Φ+ of the pair ``λ``: ``(1 + λ_1 + λ_2 + λ_3) / 4``.

    Examples
    --------
    >>> fidelity((0.9, 0.9, 0.9))
    0.925
    """
    lam = _lambdas("lam", lam)
    return (1.0 + lam[0] + lam[1] + lam[2]) / 4.0


def werner(fidelity_: float) -> Lambdas:
    """``λ`` of a Werner pair of fidelity F: ``(w, w, w)``, ``w = (4F − 1)/3``.

    Examples
    --------
    >>> werner(0.925)
    (0.9, 0.9, 0.9)
    """
    w = float(states.werner_parameter(probability("fidelity_", fidelity_)))
    return (w, w, w)


def multiply(a: Lambdas, b: Lambdas) -> Lambdas:
    """``λ`` of the pair made by swapping ``a`` and ``b`` (or of ``a`` after the Pauli channel ``b``).

    Examples
    --------
    >>> round(fidelity(multiply(werner(0.925), werner(0.925))), 4)
    0.8575
    """
    a, b = _lambdas("a", a), _lambdas("b", b)
    return (a[0] * b[0], a[1] * b[1], a[2] * b[2])


def storage_decay(time_s: float, *, t1_s: float, t2_s: float) -> Lambdas:
    """The factors by which one memory qubit stored for ``time_s`` multiplies its pair's ``λ``.

    ``(e^{−t/T₁}, e^{−t/T₂}, e^{−t/T₂})``: the Pauli-twirled amplitude damping and dephasing channel
    (see the module docstring). ``t1_s`` and ``t2_s`` are > 0 and may be ``inf`` (no relaxation, no
    dephasing: factor 1); ``time_s`` is finite and ≥ 0.

    Examples
    --------
    >>> storage_decay(1.0, t1_s=2.0, t2_s=1.0)
    (0.6065306597126334, 0.36787944117144233, 0.36787944117144233)
    """
    time_s = _time("time_s", time_s, allow_inf=False)
    t1_s, t2_s = _memory_time("t1_s", t1_s), _memory_time("t2_s", t2_s)
    e1 = math.exp(-time_s / t1_s)
    e2 = math.exp(-time_s / t2_s)
    return (e1, e2, e2)


def weights(lam: Lambdas) -> tuple[float, float, float, float]:
    """Bell-diagonal weights in the order of :mod:`qinet.states` (Φ+, Ψ−, Ψ+, Φ−) of the pair ``λ``.

    Examples
    --------
    >>> [round(c, 4) for c in weights(werner(0.7))]
    [0.7, 0.1, 0.1, 0.1]
    """
    l1, l2, l3 = _lambdas("lam", lam)
    c_i = (1.0 + l1 + l2 + l3) / 4.0
    c_x = (1.0 - l1 + l2 - l3) / 4.0
    c_z = (1.0 + l1 - l2 - l3) / 4.0
    c_y = (1.0 - l1 - l2 + l3) / 4.0
    return (c_i, c_y, c_x, c_z)


def from_weights(coefficients: tuple[float, float, float, float]) -> Lambdas:
    """``λ`` of the pair with Bell-diagonal weights (Φ+, Ψ−, Ψ+, Φ−) (inverse of `weights`).

    Examples
    --------
    >>> [round(v, 6) for v in from_weights((0.7, 0.1, 0.1, 0.1))]
    [0.6, 0.6, 0.6]
    """
    c_i, c_y, c_x, c_z = (float(c) for c in array("coefficients", coefficients, length=4, low=0, high=1, finite=True))
    return (c_i - c_x + c_z - c_y, c_i + c_x - c_z - c_y, c_i - c_x - c_z + c_y)


def dejmps(a: Lambdas, b: Lambdas) -> tuple[Lambdas, float]:
    """One DEJMPS round on two (possibly different) Bell-diagonal pairs: ``(λ_out, p_success)``.

    With weights (A, B, C, D) of (Φ+, Ψ−, Ψ+, Φ−) for each input (Deutsch, Ekert, Jozsa, Macchiavello,
    Popescu, Sanpera, PRL 77, 2818 (1996), doi:10.1103/PhysRevLett.77.2818):
    ``N = (A₁+B₁)(A₂+B₂) + (C₁+D₁)(C₂+D₂)``, ``A' = (A₁A₂ + B₁B₂)/N``, ``B' = (C₁D₂ + D₁C₂)/N``,
    ``C' = (C₁C₂ + D₁D₂)/N``, ``D' = (A₁B₂ + B₁A₂)/N``. Equal inputs give :func:`qinet.states.dejmps`.

    Examples
    --------
    >>> lam, p = dejmps(werner(0.8), werner(0.8))
    >>> round(fidelity(lam), 6), round(p, 6)
    (0.83815, 0.768889)
    """
    a1, b1, c1, d1 = weights(_lambdas("a", a))
    a2, b2, c2, d2 = weights(_lambdas("b", b))
    n = (a1 + b1) * (a2 + b2) + (c1 + d1) * (c2 + d2)
    out = ((a1 * a2 + b1 * b2) / n, (c1 * d2 + d1 * c2) / n, (c1 * c2 + d1 * d2) / n, (a1 * b2 + b1 * a2) / n)
    return from_weights(out), n


def stored_fidelity_reference(fidelity_: float, time_s: float, *, t2_s: float, t1_s: float = math.inf, qubits: int = 1):
    """Fidelity of a Werner pair after ``qubits`` of its qubits wait ``time_s``, from :mod:`qinet.states`.

    The analytic reference the simulation is checked against: ``states.stored_fidelity`` with its
    ``t1_s`` argument where that exists. Without T₁ (``t1_s = inf``) it is the pure-dephasing
    formula ``(1 − w)/4 + w (1 + e^{−k t/T₂})/2``. ``t2_s`` is finite and > 0; ``t1_s`` > 0 may be ``inf``.

    Examples
    --------
    >>> round(stored_fidelity_reference(1.0, 0.1, t2_s=1.0), 6)
    0.952419
    """
    t1_s = _memory_time("t1_s", t1_s)
    if math.isinf(t1_s):
        return states.stored_fidelity(fidelity_, time_s, t2_s, qubits=qubits)
    return states.stored_fidelity(fidelity_, time_s, t2_s, qubits=qubits, t1_s=t1_s)
