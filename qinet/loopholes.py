"""Bell tests as they are really done: lost particles, the detection loophole, and what it means for DI-QKD.

A device-independent key needs a Bell violation that no local model can fake. If some particles are
not detected and the test keeps only the detected ones, a local model that chooses *when* to be
detected can fake any violation (the detection, or fair-sampling, loophole). Closing it
means giving every round an outcome. The standard way (Garg & Mermin 1987): each party's detector clicks
with probability ``η``; a round without a click counts as the outcome ``+1``.

For the Werner pair ``V |Φ+⟩⟨Φ+| + (1 − V) I/4`` measured at the CHSH angles, with the same ``η`` on
both sides and no dark counts:

* each correlator becomes ``E' = η² V E + (1 − η)²`` (both clicked; neither clicked: both ``+1``;
  one clicked: the other's ``+1`` times an unbiased outcome averages to 0), so
  ``S(η) = 2√2 V η² + 2 (1 − η)²``;
* the key rounds (same axis) disagree when exactly one side clicked (probability ``2η(1 − η)``, then
  half the time) or both clicked with a white-noise error: ``Q(η) = η(1 − η) + η² (1 − V)/2``.

From these: ``S > 2`` needs ``η > 2/(1 + √2 V)``, i.e. ``2(√2 − 1) ≈ 82.8 %`` for ``V = 1`` (Garg &
Mermin, Phys. Rev. D 35, 3831 (1987)); a positive device-independent key rate (Acín et al. 2007, see
:func:`qinet.bounds.di_qkd_rate`) needs ``η > 92.3 %``, the "92.4 %" threshold of the standard CHSH
protocol that Ma & Lütkenhaus (arXiv:1109.1203) lower to 90.9 % with better post-processing. With
non-maximally entangled states and the Clauser–Horne (Eberhard) inequality, a violation needs only
``η > 2/3`` on both sides in the limit of weak entanglement (Eberhard, Phys. Rev. A 47, R747 (1993));
:func:`ch_efficiency_threshold` finds that limit by optimising the exact quantum probabilities.

Photons lose the fight with fibre: 0.2 dB/km costs a photon 4.5 % per kilometre it crosses (with the
source in the middle, 0.1 dB or 2.3 % per side per kilometre of separation), so a photonic Bell test with
perfect detectors stops giving device-independent key within a few kilometres
(:func:`photonic_reach_km`). Heralded ("event-ready") schemes entangle two memories, announce the
success, and only then measure the memories with near-unit efficiency: loss lowers the rate of
heralds, not ``S`` (Hensen et al., Nature 526, 682 (2015)).
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
from numpy.typing import ArrayLike
from scipy.optimize import brentq, minimize

from qinet import bounds
from qinet._validate import WrongTypeError, in_range, number, probability, scalar_or_array

FloatOrArray = float | np.ndarray

EBERHARD_EFFICIENCY = 2.0 / 3.0
"""Detection efficiency at or below which no two-setting Bell test closes the detection loophole when both sides
have it, even with the best non-maximally entangled state; weakly entangled states and no background approach it:
Eberhard, Phys. Rev. A 47, R747 (1993), doi:10.1103/PhysRevA.47.R747. With unequal efficiencies the limit moves:
if one side always detects, the other may go down to 1/2 (Brunner, Gisin, Scarani & Simon, Phys. Rev. Lett. 98,
220403 (2007); :func:`ch_efficiency_threshold` with ``other_efficiency=1``)."""


def chsh_with_efficiency(efficiency: ArrayLike, visibility: ArrayLike = 1.0) -> FloatOrArray:
    """CHSH value of Werner pairs when each detector clicks with probability ``η`` and no-click counts as +1.

    ``S(η) = 2√2 V η² + 2 (1 − η)²`` at the standard CHSH angles (derivation in the module docstring;
    the assignment of no-click outcomes follows Garg & Mermin, Phys. Rev. D 35, 3831 (1987)).

    Parameters
    ----------
    efficiency : overall detection efficiency η of each side, in [0, 1].
    visibility : Werner visibility V of the pairs, in [0, 1].

    Examples
    --------
    >>> round(chsh_with_efficiency(1.0), 6), round(chsh_with_efficiency(0.9), 4)
    (2.828427, 2.311)
    """
    eta = probability("efficiency", efficiency)
    v = probability("visibility", visibility)
    return scalar_or_array(bounds.TSIRELSON * v * eta**2 + 2.0 * (1.0 - eta) ** 2)


def qber_with_efficiency(efficiency: ArrayLike, visibility: ArrayLike = 1.0) -> FloatOrArray:
    """Key-basis error rate with lossy detectors (no-click counts as +1): ``Q = η(1 − η) + η² (1 − V)/2``.

    Examples
    --------
    >>> round(qber_with_efficiency(0.9), 4), round(qber_with_efficiency(1.0, 0.9), 4)
    (0.09, 0.05)
    """
    eta = probability("efficiency", efficiency)
    v = probability("visibility", visibility)
    return scalar_or_array(eta * (1.0 - eta) + eta**2 * (1.0 - v) / 2.0)


def di_rate_with_efficiency(efficiency: ArrayLike, visibility: ArrayLike = 1.0) -> FloatOrArray:
    """Device-independent key fraction (Acín et al. 2007) at ``S(η)`` and ``Q(η)``; 0 when no key.

    Examples
    --------
    >>> di_rate_with_efficiency(0.9), round(di_rate_with_efficiency(0.95), 4)
    (0.0, 0.2508)
    """
    s, q = chsh_with_efficiency(efficiency, visibility), qber_with_efficiency(efficiency, visibility)
    return bounds.di_qkd_rate(s, q)


def bell_efficiency_threshold(visibility: float = 1.0) -> float:
    """Smallest detection efficiency with ``S(η) > 2``: ``η* = 2/(1 + √2 V)`` (no violation at all for V ≤ 1/√2).

    ``2(√2 − 1) = 0.8284`` for perfect pairs (Garg & Mermin 1987).

    Examples
    --------
    >>> round(bell_efficiency_threshold(), 4)
    0.8284
    """
    v = float(in_range("visibility", visibility, 1.0 / math.sqrt(2.0), 1.0, low_open=True))
    return 2.0 / (1.0 + math.sqrt(2.0) * v)


@lru_cache(maxsize=256)
def di_efficiency_threshold(visibility: float = 1.0) -> float:
    """Smallest detection efficiency with a positive device-independent key rate (root finding).

    92.3 % for perfect pairs: close to the 92.4 % quoted for the standard CHSH protocol by
    Ma & Lütkenhaus (arXiv:1109.1203). Pairs below the Werner threshold (V ≤ 0.857) give no key at all.

    Examples
    --------
    >>> round(di_efficiency_threshold(), 4)
    0.9231
    """
    v = float(in_range("visibility", visibility, 0.0, 1.0))
    if di_rate_with_efficiency(1.0, v) <= 0.0:
        raise ValueError(f"visibility {v!r} gives no device-independent key even with perfect detectors")

    def margin(eta: float) -> float:  # the rate is clipped at 0: find where it first exceeds 1e-12
        return float(di_rate_with_efficiency(eta, v)) - 1e-12

    return float(brentq(margin, bell_efficiency_threshold(v) + 1e-9, 1.0, xtol=1e-12))


def chsh_needed(qber: float) -> float:
    """The CHSH value a DI key needs at error rate ``Q``: ``S = 2√(1 + (2x − 1)²)`` with ``h(x) = 1 − h(Q)``.

    Where the bound of Acín et al., PRL 98, 230501 (2007), ``1 − h(Q) − h((1 + √((S/2)² − 1))/2)``, is zero.
    ``Q = 0`` needs only ``S > 2``; at ``Q ≥ 1/2`` nothing up to ``2√2`` is enough (returns ``2√2``).

    Examples
    --------
    >>> round(chsh_needed(0.0), 6), round(chsh_needed(0.0714943), 4)
    (2.0, 2.424)
    """
    q = float(probability("qber", qber))
    spare = 1.0 - float(bounds.binary_entropy(min(q, 0.5)))
    if spare <= 0.0:
        return bounds.TSIRELSON
    if spare >= 1.0:
        return 2.0
    x = brentq(lambda y: float(bounds.binary_entropy(y)) - spare, 0.5, 1.0, xtol=1e-15)
    return float(2.0 * math.sqrt(1.0 + (2.0 * x - 1.0) ** 2))


def _ch_ratio(angles: np.ndarray, theta: float, other: float | None = None) -> float:
    """``(p_A(a1) + p_B(b1)) / (p(a1,b1) + p(a1,b2) + p(a2,b1) − p(a2,b2))`` for ``cos θ|00⟩ + sin θ|11⟩``.

    Projective measurements onto ``cos(x/2)|0⟩ + sin(x/2)|1⟩``; ``p`` are joint "+" probabilities and
    ``p_A``, ``p_B`` single "+" probabilities of ideal detectors. The Clauser–Horne inequality
    ``η_A η_B (p11 + p12 + p21 − p22) ≤ η_A p_A + η_B p_B`` is violated with ``η_A = η_B = η`` exactly when
    ``η`` exceeds this ratio; with ``η_A = other`` fixed, exactly when ``η_B > other p_A / (other C − p_B)``
    (``C`` the sum of joint probabilities), which is returned instead.
    """
    a1, a2, b1, b2 = angles
    c, s = math.cos(theta), math.sin(theta)

    def joint(a: float, b: float) -> float:
        return (c * math.cos(a / 2) * math.cos(b / 2) + s * math.sin(a / 2) * math.sin(b / 2)) ** 2

    def single(x: float) -> float:
        return c * c * math.cos(x / 2) ** 2 + s * s * math.sin(x / 2) ** 2

    coincidences = joint(a1, b1) + joint(a1, b2) + joint(a2, b1) - joint(a2, b2)
    if other is None:
        return (single(a1) + single(b1)) / coincidences if coincidences > 1e-12 else 10.0
    margin = other * coincidences - single(b1)
    return other * single(a1) / margin if margin > 1e-12 else 10.0


@lru_cache(maxsize=64)
def ch_efficiency_threshold(
    theta: float, *, other_efficiency: float | None = None, starts: int = 24, seed: int = 1
) -> float:
    """Lowest detection efficiency at which ``cos θ|00⟩ + sin θ|11⟩`` violates the Clauser–Horne inequality.

    Minimises the ratio of :func:`_ch_ratio` over the four measurement angles (Nelder–Mead from
    ``starts`` random points): an exact quantum calculation, independent of the closed forms above.
    With the same efficiency on both sides (``other_efficiency=None``) it gives 2(√2 − 1) for the
    maximally entangled state (``θ = π/4``) and approaches Eberhard's 2/3 as ``θ → 0`` (Eberhard,
    Phys. Rev. A 47, R747 (1993)); with no background counts. With ``other_efficiency`` the first side's
    efficiency is fixed and the second side's threshold is returned: for a perfect first side it is
    1/√2 at ``θ = π/4`` and approaches 1/2 as ``θ → 0`` (Brunner, Gisin, Scarani & Simon, "Detection
    loophole in asymmetric Bell experiments", Phys. Rev. Lett. 98, 220403 (2007)).

    Parameters
    ----------
    theta : state angle in (0, π/4]; smaller is less entangled.
    other_efficiency : the first side's detection efficiency in (0, 1], or ``None`` for equal efficiencies.

    Examples
    --------
    >>> round(ch_efficiency_threshold(math.pi / 4), 4), round(ch_efficiency_threshold(0.02), 4)
    (0.8284, 0.6697)
    >>> round(ch_efficiency_threshold(math.pi / 4, other_efficiency=1.0), 4)
    0.7071
    >>> round(ch_efficiency_threshold(0.02, other_efficiency=1.0), 4)
    0.5002
    """
    th = float(in_range("theta", theta, 0.0, math.pi / 4, low_open=True))
    other = (
        None
        if other_efficiency is None
        else float(in_range("other_efficiency", other_efficiency, 0.0, 1.0, low_open=True))
    )
    rng = np.random.default_rng(seed)
    best = math.inf
    for start in rng.uniform(-math.pi, math.pi, size=(starts, 4)):
        result = minimize(
            _ch_ratio, start, args=(th, other), method="Nelder-Mead", options={"xatol": 1e-10, "fatol": 1e-12}
        )
        best = min(best, float(result.fun))
    return best


def side_efficiency(
    length_km: ArrayLike, detector_efficiency: ArrayLike = 1.0, attenuation_db_per_km: float = 0.2
) -> FloatOrArray:
    """Overall efficiency of one side when the source sits midway: ``η_det · 10^(−α L / 20)`` (each photon crosses L/2).

    Examples
    --------
    >>> round(side_efficiency(10.0), 4)
    0.7943
    """
    length = number("length_km", length_km, 0.0)
    eta_d = probability("detector_efficiency", detector_efficiency)
    alpha = float(number("attenuation_db_per_km", attenuation_db_per_km, 0.0))
    return scalar_or_array(eta_d * 10.0 ** (-alpha * length / 20.0))


def max_fiber_km(
    efficiency: ArrayLike, *, detector_efficiency: float = 1.0, attenuation_db_per_km: float = 0.2
) -> FloatOrArray:
    """Longest fibre (source in the middle) over which each photon is still detected with probability
    ``efficiency``: ``L = (20 / alpha) log10(eta_d / eta)``; 0 when ``eta ≥ eta_d``, ``inf`` when ``eta = 0``.

    The inverse of :func:`side_efficiency`.

    Examples
    --------
    >>> round(max_fiber_km(2 / 3), 2)  # Eberhard's limit: no CHSH test with photons beyond 17.6 km
    17.61
    """
    eta = probability("efficiency", efficiency)
    eta_d = float(in_range("detector_efficiency", detector_efficiency, 0.0, 1.0, low_open=True))
    alpha = float(
        in_range("attenuation_db_per_km", attenuation_db_per_km, 0.0, math.inf, low_open=True, high_open=True)
    )
    with np.errstate(divide="ignore"):
        length = 20.0 / alpha * np.log10(eta_d / eta)
    return scalar_or_array(np.maximum(length, 0.0))


def photonic_reach_km(
    detector_efficiency: float = 1.0, visibility: float = 1.0, attenuation_db_per_km: float = 0.2
) -> float:
    """Longest fibre (km, source in the middle) over which photonic DI-QKD still gives key: ``η_side(L) = η_DI``.

    ``L = (20/α) log10(η_det / η_DI)``; 0 when the detectors alone are below the threshold.
    With perfect detectors, perfect pairs and 0.2 dB/km it is 3.5 km.

    Examples
    --------
    >>> round(photonic_reach_km(), 2), photonic_reach_km(0.9)
    (3.47, 0.0)
    """
    eta_d = float(probability("detector_efficiency", detector_efficiency))
    alpha = float(number("attenuation_db_per_km", attenuation_db_per_km, 0.0, low_open=True))
    threshold = di_efficiency_threshold(visibility)
    return 20.0 / alpha * math.log10(eta_d / threshold) if eta_d > threshold else 0.0


def ppt_min_eigenvalue(rho: ArrayLike) -> float:
    """Smallest eigenvalue of the partial transpose of a two-qubit density matrix.

    Negative means entangled, non-negative means separable, for two qubits (Peres, PRL 77, 1413 (1996);
    Horodecki, Horodecki & Horodecki, Phys. Lett. A 223, 1 (1996)). A Werner pair gives ``(1 − 3V)/4``:
    entangled for V > 1/3, although it violates CHSH only for V > 1/√2.

    Examples
    --------
    >>> phi = np.array([1, 0, 0, 1]) / np.sqrt(2)
    >>> round(ppt_min_eigenvalue(0.6 * np.outer(phi, phi) + 0.4 * np.eye(4) / 4), 6)
    -0.2
    """
    raw = np.asarray(getattr(rho, "data", rho)) if not isinstance(rho, str) else np.asarray(None)
    if raw.dtype.kind not in "biufc":
        raise WrongTypeError(f"rho must be a 4×4 two-qubit density matrix (an array of numbers), got {rho!r}")
    matrix = raw.astype(complex)
    if matrix.shape != (4, 4):
        raise ValueError(f"rho must be a 4×4 two-qubit density matrix, got shape {matrix.shape}")
    if not np.all(np.isfinite(matrix)):
        raise ValueError("rho must be finite")
    transposed = matrix.reshape(2, 2, 2, 2).transpose(0, 3, 2, 1).reshape(4, 4)
    return float(np.linalg.eigvalsh(transposed).min())
