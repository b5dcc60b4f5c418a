"""BB84 secret-key rates over fibre: single photons, weak coherent pulses without and with decoys.

Three standard asymptotic models, all in secret bits per pulse sent by Alice (Shor & Preskill 2000;
Lo, Ma, Chen 2005):

* **Model A, single photons** (ideal source; one pulse = one photon):
  ``η = η_det 10^(−αL/10)``, ``Q = 1 − (1 − Y0)(1 − η)``, ``E = (Y0/2 + e_d η)/Q``,
  ``R = q Q [1 − f h(E) − h(E)]`` (Shor & Preskill, PRL 85, 441 (2000)).
* **Model B, decoy states** with infinitely many decoys (Lo, Ma & Chen, PRL 94, 230504 (2005), in the
  GLLP form of Gottesman, Lo, Lütkenhaus & Preskill, QIC 4, 325 (2004)):
  ``Qμ = Y0 + 1 − e^(−ημ)``, ``Eμ Qμ = Y0/2 + e_d (1 − e^(−ημ))``, ``Y1 = Y0 + η``,
  ``e1 = (Y0/2 + e_d η)/Y1``, ``Q1 = Y1 μ e^(−μ)``, ``R = q {−Qμ f h(Eμ) + Q1 [1 − h(e1)]}``.
* **Model C, weak coherent pulses without decoys** (GLLP with the worst-case multi-photon fraction):
  ``Ω = (Qμ − P_multi)/Qμ``, ``P_multi = 1 − (1 + μ) e^(−μ)``, ``R = q [−Qμ f h(Eμ) + Qμ Ω (1 − h(Eμ/Ω))]``.

The default parameters of models B and C are those of the GYS experiment (Gobby, Yuan & Shields,
APL 84, 3762 (2004)) used by Lo, Ma & Chen: α = 0.21 dB/km, η_Bob = 0.045, Y0 = 1.7e-6, e_d = 0.033,
f = 1.22, q = 1/2. Rates and cutoffs are *model outputs* for these parameters, not published
constants; asymptotic: no finite-size corrections.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike
from scipy.optimize import brentq

from qinet._validate import in_range, probability, scalar_or_array
from qinet.bounds import binary_entropy

#: GYS experiment parameters (Gobby, Yuan & Shields 2004), as used by Lo, Ma & Chen 2005.
GYS: dict[str, float] = {
    "attenuation_db_per_km": 0.21,
    "detector_efficiency": 0.045,
    "dark_count": 1.7e-6,
    "misalignment": 0.033,
    "ec_efficiency": 1.22,
}

#: The textbook single-photon example (model A).
TEXTBOOK: dict[str, float] = {
    "attenuation_db_per_km": 0.2,
    "detector_efficiency": 0.1,
    "dark_count": 1e-5,
    "misalignment": 0.01,
    "ec_efficiency": 1.0,
}

_MU_GRID = np.geomspace(1e-3, 1.0, 481)  # mean photon numbers searched when mu is optimised


def _h(x: np.ndarray) -> np.ndarray:
    """Binary entropy of an error rate, taken at 1/2 beyond 1/2 (no key is possible there)."""
    return binary_entropy(np.clip(x, 0.0, 0.5))


def _check(length_km, attenuation_db_per_km, detector_efficiency, dark_count, misalignment, ec_efficiency, sifting):
    length = in_range("length_km", length_km, 0.0)
    in_range("attenuation_db_per_km", attenuation_db_per_km, 0.0)
    probability("detector_efficiency", detector_efficiency)
    probability("dark_count", dark_count)
    in_range("misalignment", misalignment, 0.0, 0.5)
    in_range("ec_efficiency", ec_efficiency, 1.0)
    probability("sifting", sifting)
    return length, detector_efficiency * 10 ** (-attenuation_db_per_km * length / 10)


def _single_raw(eta, y0, e_d, f, q):
    gain = 1 - (1 - y0) * (1 - eta)
    err = (0.5 * y0 + e_d * eta) / gain
    return q * gain * (1 - f * _h(err) - _h(err)), err


def single_photon_rate(
    length_km: ArrayLike,
    *,
    attenuation_db_per_km: float = 0.2,
    detector_efficiency: float = 0.1,
    dark_count: float = 1e-5,
    misalignment: float = 0.01,
    ec_efficiency: float = 1.0,
    sifting: float = 0.5,
) -> float | np.ndarray:
    """Secret bits per pulse of BB84 with an ideal single-photon source (model A).

    ``R = q Q [1 − f h(E) − h(E)]`` with the click probability ``Q = 1 − (1 − Y0)(1 − η)`` and the QBER
    ``E = (Y0/2 + e_d η)/Q`` (Shor & Preskill, PRL 85, 441 (2000)); ``η = η_det 10^(−αL/10)``.

    Parameters
    ----------
    length_km : fibre length in km (≥ 0), array allowed.
    attenuation_db_per_km : α in dB/km. detector_efficiency : η_det in [0, 1].
    dark_count : Y0, probability of a dark or background click per pulse, in [0, 1].
    misalignment : e_d, probability that a photon hits the wrong detector, in [0, 0.5].
    ec_efficiency : f ≥ 1, error-correction leakage relative to the Shannon limit.
    sifting : q, fraction of pulses kept after basis sifting (1/2 for BB84).

    Examples
    --------
    >>> f"{single_photon_rate(100.0):.4e}"
    '3.9242e-04'
    >>> single_photon_rate(200.0)
    0.0
    """
    _, eta = _check(
        length_km, attenuation_db_per_km, detector_efficiency, dark_count, misalignment, ec_efficiency, sifting
    )
    raw, _ = _single_raw(eta, dark_count, misalignment, ec_efficiency, sifting)
    return scalar_or_array(np.maximum(raw, 0.0))


def single_photon_qber(
    length_km: ArrayLike,
    *,
    attenuation_db_per_km: float = 0.2,
    detector_efficiency: float = 0.1,
    dark_count: float = 1e-5,
    misalignment: float = 0.01,
) -> float | np.ndarray:
    """QBER ``E = (Y0/2 + e_d η)/Q`` of single-photon BB84 (model A); dark clicks are random bits.

    Examples
    --------
    >>> round(single_photon_qber(150.0), 4)
    0.0545
    """
    _, eta = _check(length_km, attenuation_db_per_km, detector_efficiency, dark_count, misalignment, 1.0, 0.5)
    return scalar_or_array(_single_raw(eta, dark_count, misalignment, 1.0, 0.5)[1])


def _decoy_raw(eta, mu, y0, e_d, f, q):
    q_mu = y0 + 1 - np.exp(-eta * mu)
    e_mu = (0.5 * y0 + e_d * (1 - np.exp(-eta * mu))) / q_mu
    y1 = y0 + eta
    e1 = (0.5 * y0 + e_d * eta) / y1
    q1 = y1 * mu * np.exp(-mu)
    return q * (-q_mu * f * _h(e_mu) + q1 * (1 - _h(e1)))


def _no_decoy_raw(eta, mu, y0, e_d, f, q):
    q_mu = y0 + 1 - np.exp(-eta * mu)
    e_mu = (0.5 * y0 + e_d * (1 - np.exp(-eta * mu))) / q_mu
    omega = (q_mu - (1 - (1 + mu) * np.exp(-mu))) / q_mu
    single = np.where(omega > 0, q_mu * omega * (1 - _h(e_mu / np.where(omega > 0, omega, 1.0))), -1.0)
    return q * (-q_mu * f * _h(e_mu) + single)


def _wcp(
    raw_fn,
    length_km,
    mu,
    attenuation_db_per_km,
    detector_efficiency,
    dark_count,
    misalignment,
    ec_efficiency,
    sifting,
    clip=True,
):
    _, eta = _check(
        length_km, attenuation_db_per_km, detector_efficiency, dark_count, misalignment, ec_efficiency, sifting
    )
    args = (dark_count, misalignment, ec_efficiency, sifting)
    if mu is None:
        rates = raw_fn(eta[..., None], _MU_GRID, *args)
        best = np.max(rates, axis=-1)
    else:
        best = raw_fn(eta, in_range("mu", mu, 0.0, low_open=True), *args)
    return scalar_or_array(np.maximum(best, 0.0) if clip else best)


def decoy_rate(
    length_km: ArrayLike,
    *,
    mu: float | None = 0.5,
    attenuation_db_per_km: float = GYS["attenuation_db_per_km"],
    detector_efficiency: float = GYS["detector_efficiency"],
    dark_count: float = GYS["dark_count"],
    misalignment: float = GYS["misalignment"],
    ec_efficiency: float = GYS["ec_efficiency"],
    sifting: float = 0.5,
) -> float | np.ndarray:
    """Secret bits per pulse of decoy-state BB84 with weak coherent pulses (model B, infinite decoys).

    ``R = q {−Qμ f h(Eμ) + Q1 [1 − h(e1)]}`` with ``Y1 = Y0 + η``, ``Q1 = Y1 μ e^(−μ)``,
    ``e1 = (Y0/2 + e_d η)/Y1`` (Lo, Ma & Chen, PRL 94, 230504 (2005); GLLP 2004). Defaults: the GYS
    parameters. ``mu`` is the signal's mean photon number; ``None`` optimises it at each length.

    Examples
    --------
    >>> f"{decoy_rate(50.0):.4e}", f"{decoy_rate(100.0):.4e}"
    ('2.2228e-04', '1.7146e-05')
    """
    return _wcp(
        _decoy_raw,
        length_km,
        mu,
        attenuation_db_per_km,
        detector_efficiency,
        dark_count,
        misalignment,
        ec_efficiency,
        sifting,
    )


def no_decoy_rate(
    length_km: ArrayLike,
    *,
    mu: float | None = None,
    attenuation_db_per_km: float = GYS["attenuation_db_per_km"],
    detector_efficiency: float = GYS["detector_efficiency"],
    dark_count: float = GYS["dark_count"],
    misalignment: float = GYS["misalignment"],
    ec_efficiency: float = GYS["ec_efficiency"],
    sifting: float = 0.5,
) -> float | np.ndarray:
    """Secret bits per pulse of weak-coherent BB84 *without* decoys (model C, GLLP 2004).

    Every multi-photon pulse is assumed known to Eve: ``Ω = (Qμ − P_multi)/Qμ`` with
    ``P_multi = 1 − (1 + μ) e^(−μ)``, ``R = q [−Qμ f h(Eμ) + Qμ Ω (1 − h(Eμ/Ω))]``. ``mu=None`` (default)
    optimises the mean photon number at each length (μ ≈ 0.026 at 0 km for GYS).

    Examples
    --------
    >>> f"{no_decoy_rate(0.0):.3e}"
    '1.529e-04'
    """
    return _wcp(
        _no_decoy_raw,
        length_km,
        mu,
        attenuation_db_per_km,
        detector_efficiency,
        dark_count,
        misalignment,
        ec_efficiency,
        sifting,
    )


def optimal_mu(length_km: ArrayLike, *, decoys: bool = True, **params: float) -> float | np.ndarray:
    """The mean photon number that maximises the decoy (``decoys=True``) or no-decoy rate.

    Searched on a logarithmic grid of 481 values in [0.001, 1].

    Examples
    --------
    >>> round(optimal_mu(0.0), 2), round(optimal_mu(0.0, decoys=False), 3)
    (0.49, 0.026)
    """
    _, eta = _check(length_km, **{**GYS, **params, "sifting": params.get("sifting", 0.5)})
    raw_fn = _decoy_raw if decoys else _no_decoy_raw
    p = {**GYS, **params}
    rates = raw_fn(
        np.asarray(eta)[..., None],
        _MU_GRID,
        p["dark_count"],
        p["misalignment"],
        p["ec_efficiency"],
        p.get("sifting", 0.5),
    )
    return scalar_or_array(_MU_GRID[np.argmax(rates, axis=-1)])


MODELS = {"single_photon": single_photon_rate, "decoy": decoy_rate, "no_decoy": no_decoy_rate}


def cutoff_distance(model: str = "decoy", *, max_km: float = 1000.0, **params) -> float:
    """The fibre length in km at which the key rate of ``model`` falls to zero.

    ``model`` is ``'single_photon'``, ``'decoy'`` or ``'no_decoy'``; ``params`` go to its rate function.
    Found by bracketing the sign change of the unclipped rate (Brent's method).

    Examples
    --------
    >>> round(cutoff_distance("decoy"), 2), round(cutoff_distance("decoy", mu=None), 2)
    (141.85, 142.21)
    >>> round(cutoff_distance("no_decoy"), 1), round(cutoff_distance("single_photon"), 2)
    (40.2, 170.45)
    """
    if model not in MODELS:
        raise ValueError(f"model must be one of {', '.join(map(repr, MODELS))}; got {model!r}")
    if model == "single_photon":
        p = {**TEXTBOOK, "sifting": 0.5, **params}

        def raw(length: float) -> float:
            _, eta = _check(length, **p)
            return float(_single_raw(eta, p["dark_count"], p["misalignment"], p["ec_efficiency"], p["sifting"])[0])
    else:
        p = {"mu": 0.5 if model == "decoy" else None, **GYS, "sifting": 0.5, **params}
        raw_fn = _decoy_raw if model == "decoy" else _no_decoy_raw

        def raw(length: float) -> float:
            return float(_wcp(raw_fn, length, clip=False, **p))

    grid = np.linspace(0.0, max_km, 201)
    values = np.array([raw(x) for x in grid])
    if values[0] <= 0:
        return 0.0
    below = np.nonzero(values <= 0)[0]
    if below.size == 0:
        return float("inf")
    i = below[0]
    return float(brentq(raw, grid[i - 1], grid[i], xtol=1e-6))
