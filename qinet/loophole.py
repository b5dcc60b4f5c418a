"""Bell tests with lossy detectors: the detection loophole, and when photons can give a device-independent key.

A photon pair from a source in the middle of the fibre reaches each end with probability ``eta``. A Bell test
that discards the rounds without a click can be faked by a local model (the detection loophole); closing it
means counting a no-click as an outcome, here +1 on both sides. That caps the CHSH value the pairs can show
and raises the error rate of the key, so device-independent QKD with photons needs ``eta`` close to one.
No two-setting Bell test can succeed at all at ``eta ≤ 2/3`` (Eberhard 1993). Memories heralded by a photon
are read out in every round, so for them loss costs rate, not correlations (:mod:`qinet.applications`).
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike
from scipy.optimize import brentq

from qinet import bounds, links
from qinet._validate import in_range, probability, scalar_or_array

FloatOrArray = float | np.ndarray

EBERHARD_EFFICIENCY = 2.0 / 3.0
"""Detection efficiency at or below which no two-setting Bell test closes the detection loophole, even with
the best non-maximally entangled state: Eberhard, Phys. Rev. A 47, R747 (1993), doi:10.1103/PhysRevA.47.R747."""


def photon_efficiency(
    length_km: ArrayLike, *, detector_efficiency: ArrayLike = 1.0, attenuation_db_per_km: ArrayLike = 0.2
) -> FloatOrArray:
    """Probability that one photon of a pair from a source in the middle of ``length_km`` of fibre is detected.

    ``eta = eta_d 10^(-alpha L / 20)``: the photon crosses half the fibre (:func:`qinet.links.fiber_transmittance`).

    Examples
    --------
    >>> round(photon_efficiency(100.0), 6)  # 50 km each way: 10 dB
    0.1
    """
    eta_d = probability("detector_efficiency", detector_efficiency)
    half = np.asarray(in_range("length_km", length_km, 0.0)) / 2.0
    return scalar_or_array(eta_d * np.asarray(links.fiber_transmittance(half, attenuation_db_per_km)))


def lossy_chsh(visibility: ArrayLike, efficiency: ArrayLike) -> FloatOrArray:
    """CHSH value when each side detects its photon with probability ``eta`` and records a no-click as +1.

    For ``V|Φ+⟩⟨Φ+| + (1 − V) I/4`` at the optimal settings each correlator is
    ``eta² V cos(a − b) + (1 − eta)²`` (the one-click terms average to zero), so
    ``S = 2√2 V eta² + 2(1 − eta)²``. Derived here; for ``V = 1`` it exceeds 2 only above
    ``eta = 2(√2 − 1) ≈ 0.828``, the threshold of Garg & Mermin, Phys. Rev. D 35, 3831 (1987) for
    maximally entangled states.

    Examples
    --------
    >>> round(lossy_chsh(1.0, 1.0), 6), round(lossy_chsh(1.0, 2 * (2**0.5 - 1)), 6)
    (2.828427, 2.0)
    """
    v = probability("visibility", visibility)
    eta = probability("efficiency", efficiency)
    return scalar_or_array(bounds.TSIRELSON * v * eta**2 + 2.0 * (1.0 - eta) ** 2)


def lossy_qber(visibility: ArrayLike, efficiency: ArrayLike) -> FloatOrArray:
    """Key-basis error rate with the same no-click → +1 rule: ``Q = eta² (1 − V)/2 + eta (1 − eta)``.

    Both click: the white noise errs half the time; one clicks: its random bit meets the other's +1 and
    errs half the time (probability ``2 eta (1 − eta)``); neither clicks: both +1, no error.

    Examples
    --------
    >>> round(lossy_qber(1.0, 0.9), 6)
    0.09
    """
    v = probability("visibility", visibility)
    eta = probability("efficiency", efficiency)
    return scalar_or_array(eta**2 * (1.0 - v) / 2.0 + eta * (1.0 - eta))


def di_key_fraction(visibility: ArrayLike, efficiency: ArrayLike = 1.0) -> FloatOrArray:
    """Device-independent key per round, ``bounds.di_qkd_rate(lossy_chsh, lossy_qber)`` (Acín et al. 2007).

    Examples
    --------
    >>> round(di_key_fraction(0.95), 5)
    0.53906
    >>> di_key_fraction(1.0, 0.9)
    0.0
    """
    return bounds.di_qkd_rate(lossy_chsh(visibility, efficiency), lossy_qber(visibility, efficiency))


def di_efficiency_threshold(visibility: float = 1.0, *, key: bool = True) -> float:
    """Lowest detection efficiency at which photons give a DI key (``key=True``) or just violate CHSH.

    Bisection on :func:`di_key_fraction` (or on ``lossy_chsh > 2``) over ``eta`` in [0, 1], to 1e-12. With
    ``V = 1``: 0.923 for a key (Ma & Lütkenhaus, arXiv:1109.1203, quote 92.4 % for this standard protocol)
    and ``2(√2 − 1)`` for a violation (Garg & Mermin 1987); both above Eberhard's 2/3. Raises
    ``ValueError`` when even ``eta = 1`` is not enough (the pairs are too noisy).

    Examples
    --------
    >>> round(di_efficiency_threshold(), 4), round(di_efficiency_threshold(key=False), 6)
    (0.9231, 0.828427)
    """
    v = float(probability("visibility", visibility))

    def works(eta: float) -> bool:
        if key:
            return float(di_key_fraction(v, eta)) > 0.0
        return float(lossy_chsh(v, eta)) > 2.0

    if not works(1.0):
        what = "device-independent key" if key else "CHSH violation"
        raise ValueError(f"visibility {v!r} gives no {what} even with perfect detectors")
    if works(0.0):
        return 0.0
    low, high = 0.0, 1.0
    while high - low > 1e-12:
        mid = (low + high) / 2.0
        low, high = (low, mid) if works(mid) else (mid, high)
    return high


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


def max_fiber_km(
    efficiency: ArrayLike, *, detector_efficiency: float = 1.0, attenuation_db_per_km: float = 0.2
) -> FloatOrArray:
    """Longest fibre (source in the middle) over which each photon is still detected with probability
    ``efficiency``: ``L = (20 / alpha) log10(eta_d / eta)``; 0 when ``eta ≥ eta_d``, ``inf`` when ``eta = 0``.

    The inverse of :func:`photon_efficiency`.

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
