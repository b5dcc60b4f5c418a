"""BB84 secret-key rates over fibre: single photons, weak coherent pulses without and with decoys.

Asymptotic models, all in secret bits per pulse sent by Alice (Shor & Preskill 2000;
Lo, Ma, Chen 2005; Ma, Qi, Zhao, Lo 2005):

* **Model A, single photons** (ideal source; one pulse = one photon):
  ``η = η_det 10^(−αL/10)``, ``Q = 1 − (1 − Y0)(1 − η)``, ``E = (Y0/2 + e_d η)/Q``,
  ``R = q Q [1 − f h(E) − h(E)]`` (Shor & Preskill, PRL 85, 441 (2000)).
* **Model B, decoy states in the many-decoy limit** (Lo, Ma & Chen, PRL 94, 230504 (2005), in the
  GLLP form of Gottesman, Lo, Lütkenhaus & Preskill, QIC 4, 325 (2004)): the single-photon yield and
  error are taken as known exactly, which infinitely many decoy intensities would achieve:
  ``Qμ = Y0 + 1 − e^(−ημ)``, ``Eμ Qμ = Y0/2 + e_d (1 − e^(−ημ))``, ``Y1 = Y0 + η``,
  ``e1 = (Y0/2 + e_d η)/Y1``, ``Q1 = Y1 μ e^(−μ)``, ``R = q {−Qμ f h(Eμ) + Q1 [1 − h(e1)]}``.
* **Model B′, two decoys** (Ma, Qi, Zhao & Lo, PRA 72, 012326 (2005)): what a practical protocol
  with two decoy intensities ν1 > ν2 (vacuum + weak decoy: ν2 = 0) can *prove*: a lower bound on
  ``Y1`` and an upper bound on ``e1`` from the gains it measures (:func:`two_decoy_rate`).
* **Model C, weak coherent pulses without decoys** (GLLP with the worst-case multi-photon fraction):
  ``Ω = (Qμ − P_multi)/Qμ``, ``P_multi = 1 − (1 + μ) e^(−μ)``, ``R = q [−Qμ f h(Eμ) + Qμ Ω (1 − h(Eμ/Ω))]``.

The default parameters of models B, B′ and C are those of the GYS experiment (Gobby, Yuan & Shields,
APL 84, 3762 (2004)) used by Lo, Ma & Chen: α = 0.21 dB/km, η_Bob = 0.045, Y0 = 1.7e-6, e_d = 0.033,
f = 1.22, q = 1/2. Rates and cutoffs are *model outputs* for these parameters, not published
constants; asymptotic: no finite-size corrections. Without any click (zero gain) the rate is 0.
"""

from __future__ import annotations

from functools import partial

import numpy as np
from numpy.typing import ArrayLike
from scipy.optimize import brentq

from qinet._validate import boolean, in_range, probability, scalar_or_array
from qinet.bounds import binary_entropy

#: GYS experiment parameters (Gobby, Yuan & Shields 2004), as used by Lo, Ma & Chen 2005.
GYS: dict[str, float] = {
    "attenuation_db_per_km": 0.21,
    "detector_efficiency": 0.045,
    "dark_count": 1.7e-6,
    "misalignment": 0.033,
    "ec_efficiency": 1.22,
}

#: An illustrative single-photon parameter set (model A), with round numbers: not a measured system.
TEXTBOOK: dict[str, float] = {
    "attenuation_db_per_km": 0.2,
    "detector_efficiency": 0.1,
    "dark_count": 1e-5,
    "misalignment": 0.01,
    "ec_efficiency": 1.0,
}

_MU_GRID = np.geomspace(1e-3, 1.0, 481)  # mean photon numbers searched when mu is optimised
MAX_LENGTHS = 1_000_000
"""Most fibre lengths a rate function takes at once (see :data:`MAX_OPTIMISED_LENGTHS` when it optimises ``mu``)."""
MAX_OPTIMISED_LENGTHS = 20_000
"""Most lengths when ``mu`` is optimised at each (481 trial values): about a second, 10⁵ would take ten."""
_CHUNK = 2_000  # lengths optimised at once: bounds the (lengths × 481) work arrays to a few MB each


def _h(x: np.ndarray) -> float | np.ndarray:
    """Binary entropy of an error rate, taken at 1/2 beyond 1/2 (no key is possible there)."""
    return binary_entropy(np.clip(x, 0.0, 0.5))


def _check(length_km, attenuation_db_per_km, detector_efficiency, dark_count, misalignment, ec_efficiency, sifting):
    length = in_range("length_km", length_km, 0.0, 100_000.0)  # finite: longer than twice round the Earth
    if length.size > MAX_LENGTHS:
        raise ValueError(f"length_km may hold at most {MAX_LENGTHS:,} lengths, got {length.size:,}")
    in_range("attenuation_db_per_km", attenuation_db_per_km, 0.0, 100.0)
    probability("detector_efficiency", detector_efficiency)
    probability("dark_count", dark_count)
    in_range("misalignment", misalignment, 0.0, 0.5)
    in_range("ec_efficiency", ec_efficiency, 1.0, 10.0)
    probability("sifting", sifting)
    return length, detector_efficiency * 10 ** (-attenuation_db_per_km * length / 10)


def _clicks(eta, n):
    """``1 − e^(−η n)``: the probability that a Poisson pulse of mean ``n`` photons is detected (no dark
    counts); ``expm1`` keeps it accurate when ``η n`` is tiny, far down the fibre."""
    return -np.expm1(-eta * n)


def _error_rate(errors, gain):
    """Error rate ``errors / gain``; without clicks (gain 0) it is set to 1/2, which gives no key."""
    gain = np.asarray(gain, dtype=float)
    return np.where(gain > 0, errors / np.where(gain > 0, gain, 1.0), 0.5)


def _single_raw(eta, y0, e_d, f, q):
    gain = 1 - (1 - y0) * (1 - eta)
    err = _error_rate(0.5 * y0 + e_d * eta, gain)
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


def _signal(eta, mu, y0, e_d):
    """Gain ``Qμ = Y0 + 1 − e^(−ημ)`` and error rate ``Eμ`` of pulses of mean photon number ``μ``."""
    q_mu = y0 + _clicks(eta, mu)
    return q_mu, _error_rate(0.5 * y0 + e_d * _clicks(eta, mu), q_mu)


def _decoy_raw(eta, mu, y0, e_d, f, q):
    q_mu, e_mu = _signal(eta, mu, y0, e_d)
    y1 = y0 + eta
    e1 = _error_rate(0.5 * y0 + e_d * eta, y1)
    q1 = y1 * mu * np.exp(-mu)
    return q * (-q_mu * f * _h(e_mu) + q1 * (1 - _h(e1)))


def _two_decoy_raw(eta, mu, y0, e_d, f, q, *, nu1, nu2):
    """Ma, Qi, Zhao & Lo (2005): Y0^L, Y1^L and e1^U from the gains the channel model predicts."""
    q_mu, e_mu = _signal(eta, mu, y0, e_d)
    q_1, e_1 = _signal(eta, nu1, y0, e_d)
    q_2, e_2 = _signal(eta, nu2, y0, e_d)
    with np.errstate(divide="ignore", invalid="ignore"):  # mu <= nu1 + nu2 is masked out below
        y0_low = np.maximum((nu1 * q_2 * np.exp(nu2) - nu2 * q_1 * np.exp(nu1)) / (nu1 - nu2), 0.0)
        spread = q_1 * np.exp(nu1) - q_2 * np.exp(nu2) - (nu1**2 - nu2**2) / mu**2 * (q_mu * np.exp(mu) - y0_low)
        y1_low = np.maximum(mu / (mu * nu1 - mu * nu2 - nu1**2 + nu2**2) * spread, 0.0)
        e1_up = _error_rate((e_1 * q_1 * np.exp(nu1) - e_2 * q_2 * np.exp(nu2)) / (nu1 - nu2), y1_low)
        rate = q * (-q_mu * f * _h(e_mu) + y1_low * mu * np.exp(-mu) * (1 - _h(e1_up)))
    return np.where(mu > nu1 + nu2, rate, -np.inf)  # the bounds need mu > nu1 + nu2


def _two_decoy(nu1: float, nu2: float):
    nu1 = float(in_range("nu1", nu1, 0.0, 1.0, low_open=True))
    nu2 = float(in_range("nu2", nu2, 0.0, nu1, high_open=True))
    return partial(_two_decoy_raw, nu1=nu1, nu2=nu2)


def _no_decoy_raw(eta, mu, y0, e_d, f, q):
    q_mu, e_mu = _signal(eta, mu, y0, e_d)
    omega = np.where(q_mu > 0, (q_mu - (1 - (1 + mu) * np.exp(-mu))) / np.where(q_mu > 0, q_mu, 1.0), -1.0)
    single = np.where(omega > 0, q_mu * omega * (1 - _h(e_mu / np.where(omega > 0, omega, 1.0))), -1.0)
    return q * (-q_mu * f * _h(e_mu) + single)


def _optimised(raw_fn, eta, args):
    """The best rate over the μ grid at every transmittance, a chunk of lengths at a time."""
    flat = np.ravel(eta)
    best = np.empty(flat.shape)
    for start in range(0, flat.size, _CHUNK):
        best[start : start + _CHUNK] = np.max(raw_fn(flat[start : start + _CHUNK, None], _MU_GRID, *args), axis=-1)
    return best.reshape(np.shape(eta))


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
    length, eta = _check(
        length_km, attenuation_db_per_km, detector_efficiency, dark_count, misalignment, ec_efficiency, sifting
    )
    args = (dark_count, misalignment, ec_efficiency, sifting)
    if mu is None:
        if length.size > MAX_OPTIMISED_LENGTHS:
            raise ValueError(
                f"length_km may hold at most {MAX_OPTIMISED_LENGTHS:,} lengths when mu=None (the mean photon number "
                f"is optimised over {_MU_GRID.size} values at each), got {length.size:,}"
            )
        best = _optimised(raw_fn, eta, args)
    else:
        best = raw_fn(eta, in_range("mu", mu, 0.0, 10.0, low_open=True), *args)
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
    """Secret bits per pulse of decoy-state BB84 with weak coherent pulses, many-decoy limit (model B).

    ``R = q {−Qμ f h(Eμ) + Q1 [1 − h(e1)]}`` with ``Y1 = Y0 + η``, ``Q1 = Y1 μ e^(−μ)``,
    ``e1 = (Y0/2 + e_d η)/Y1`` (Lo, Ma & Chen, PRL 94, 230504 (2005); GLLP 2004). Taking ``Y1`` and
    ``e1`` as exactly known is what infinitely many decoy intensities would allow: a limit that real
    decoy protocols approach from below (:func:`two_decoy_rate`: vacuum + one weak decoy). Defaults:
    the GYS parameters. ``mu`` is the signal's mean photon number; ``None`` optimises it at each length.

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


def two_decoy_rate(
    length_km: ArrayLike,
    *,
    mu: float | None = 0.48,
    nu1: float = 0.1,
    nu2: float = 0.0,
    attenuation_db_per_km: float = GYS["attenuation_db_per_km"],
    detector_efficiency: float = GYS["detector_efficiency"],
    dark_count: float = GYS["dark_count"],
    misalignment: float = GYS["misalignment"],
    ec_efficiency: float = GYS["ec_efficiency"],
    sifting: float = 0.5,
) -> float | np.ndarray:
    """Secret bits per pulse of BB84 with a signal ``μ`` and two decoys ``ν1 > ν2`` (model B′).

    Ma, Qi, Zhao & Lo, "Practical decoy state for quantum key distribution", PRA 72, 012326 (2005),
    doi:10.1103/PhysRevA.72.012326. From the gains ``Q`` and error rates ``E`` of the three
    intensities (here: the values the channel model predicts) Alice and Bob can prove

    * ``Y0 ≥ Y0^L = max[(ν1 Qν2 e^ν2 − ν2 Qν1 e^ν1)/(ν1 − ν2), 0]``,
    * ``Y1 ≥ Y1^L = μ/(μν1 − μν2 − ν1² + ν2²) · [Qν1 e^ν1 − Qν2 e^ν2 − (ν1² − ν2²)/μ² (Qμ e^μ − Y0^L)]``,
    * ``e1 ≤ e1^U = (Eν1 Qν1 e^ν1 − Eν2 Qν2 e^ν2)/((ν1 − ν2) Y1^L)``,

    and ``R = q {−Qμ f h(Eμ) + Y1^L μ e^(−μ) [1 − h(e1^U)]}``. The bounds need ``μ > ν1 + ν2``.
    With ``ν2 = 0`` (vacuum + weak decoy, the default; ``ν1 = 0.1`` and ``μ = 0.48`` are illustrative
    intensities) the rate stays just below the many-decoy limit :func:`decoy_rate`. ``mu=None``
    optimises ``μ`` at each length. Defaults: the GYS parameters.

    Examples
    --------
    >>> f"{two_decoy_rate(50.0):.4e}", f"{decoy_rate(50.0, mu=0.48):.4e}"
    ('1.9627e-04', '2.2260e-04')
    >>> round(cutoff_distance("two_decoy"), 1), round(cutoff_distance("decoy", mu=0.48), 1)
    (139.1, 142.0)
    """
    raw_fn = _two_decoy(nu1, nu2)
    if mu is not None and not float(in_range("mu", mu, 0.0, 10.0, low_open=True)) > nu1 + nu2:
        raise ValueError(f"mu must exceed nu1 + nu2 = {nu1 + nu2!r} for the two-decoy bounds, got {mu!r}")
    return _wcp(
        raw_fn,
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
    decoys = boolean("decoys", decoys)
    p = {**GYS, "sifting": 0.5, **params}
    _, eta = _check(length_km, **p)
    if np.size(eta) > MAX_OPTIMISED_LENGTHS:
        raise ValueError(f"length_km may hold at most {MAX_OPTIMISED_LENGTHS:,} lengths, got {np.size(eta):,}")
    raw_fn = _decoy_raw if decoys else _no_decoy_raw
    args = (p["dark_count"], p["misalignment"], p["ec_efficiency"], p["sifting"])
    flat = np.ravel(eta)
    best = np.empty(flat.shape)
    for start in range(0, flat.size, _CHUNK):
        best[start : start + _CHUNK] = _MU_GRID[
            np.argmax(raw_fn(flat[start : start + _CHUNK, None], _MU_GRID, *args), axis=-1)
        ]
    return scalar_or_array(best.reshape(np.shape(eta)))


MODELS = {
    "single_photon": single_photon_rate,
    "decoy": decoy_rate,
    "two_decoy": two_decoy_rate,
    "no_decoy": no_decoy_rate,
}


def cutoff_distance(model: str = "decoy", *, max_km: float = 1000.0, **params) -> float:
    """The fibre length in km at which the key rate of ``model`` falls to zero.

    ``model`` is ``'single_photon'``, ``'decoy'`` (many-decoy limit), ``'two_decoy'`` (vacuum + weak decoy)
    or ``'no_decoy'``; ``params`` go to its rate function (defaults: μ = 0.5, 0.48 and optimised).
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
        p = {"mu": {"decoy": 0.5, "two_decoy": 0.48}.get(model), **GYS, "sifting": 0.5, **params}
        if model == "two_decoy":
            nu = {"nu1": p.pop("nu1", 0.1), "nu2": p.pop("nu2", 0.0)}
            two_decoy_rate(0.0, **p, **nu)  # validates mu against nu1 + nu2
            raw_fn = _two_decoy(**nu)
        else:
            raw_fn = _decoy_raw if model == "decoy" else _no_decoy_raw

        def raw(length: float) -> float:
            return float(_wcp(raw_fn, length, clip=False, **p))

    grid = np.linspace(0.0, float(in_range("max_km", max_km, 0.0, 100_000.0, low_open=True)), 201)
    values = np.array([raw(x) for x in grid])
    if values[0] <= 0:
        return 0.0
    below = np.nonzero(values <= 0)[0]
    if below.size == 0:
        return float("inf")
    i = below[0]
    return float(brentq(raw, grid[i - 1], grid[i], xtol=1e-6))
