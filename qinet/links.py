"""Channels: optical fibre loss and delay, satellite downlinks, and direct pair distribution.

All functions broadcast over NumPy arrays; scalars in give floats out. Lengths in km, times in s,
losses in positive dB, transmittances as fractions in [0, 1].

Sources
-------
* Fibre loss 0.2 dB/km at 1550 nm (0.16 dB/km for ultra-low-loss fibre): Sangouard, Simon,
  de Riedmatten, Gisin, Rev. Mod. Phys. 83, 33 (2011), doi:10.1103/RevModPhys.83.33.
* Record-low fibre loss 0.1419 dB/km at 1560 nm: Tamura et al., "The first 0.14-dB/km loss optical
  fiber and its impact on submarine transmission", J. Lightwave Technol. 36, 44 (2018),
  doi:10.1109/JLT.2018.2796647.
* Group index 1.468 of SMF-28 at 1550 nm (Corning datasheet): light needs 4.897 µs per km.
* Micius downlinks (about 10 µrad divergence, 1.2 m telescopes): Yin et al., Nature 582, 501 (2020),
  doi:10.1038/s41586-020-2401-y. Measured downlink attenuation, 29 dB at 530 km to 36 dB at 1,000 km,
  to which the fixed loss is calibrated: Yin et al., "Satellite-to-ground entanglement-based quantum
  key distribution", Phys. Rev. Lett. 119, 200501 (2017), doi:10.1103/PhysRevLett.119.200501.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, overload

import numpy as np
from numpy.typing import ArrayLike

from qinet._validate import boolean, in_range, number, one_of, probability, scalar_or_array

SPEED_OF_LIGHT_KM_S = 299792.458
"""Speed of light in vacuum, km/s."""

STANDARD_FIBER_DB_PER_KM = 0.2
"""Attenuation of standard single-mode fibre at 1550 nm, dB/km (Sangouard et al. 2011)."""

ULTRA_LOW_LOSS_FIBER_DB_PER_KM = 0.16
"""Ultra-low-loss fibre, dB/km: the comparison used by the Micius papers (Yin et al. 2017, 2020)."""

RECORD_FIBER_DB_PER_KM = 0.1419
"""Lowest fibre loss reported, dB/km at 1560 nm (0.1424 dB/km at 1550 nm): Tamura et al. 2018."""

FloatOrArray = float | np.ndarray


@overload
def fiber_transmittance(length_km: float, attenuation_db_per_km: float = 0.2) -> float: ...
@overload
def fiber_transmittance(length_km: ArrayLike, attenuation_db_per_km: ArrayLike = 0.2) -> FloatOrArray: ...
def fiber_transmittance(length_km: ArrayLike, attenuation_db_per_km: ArrayLike = 0.2) -> FloatOrArray:
    """Fraction of photons that survive ``length_km`` of optical fibre.

    ``eta = 10 ** (-alpha * L / 10)`` with ``alpha`` the attenuation in dB/km (0.2 dB/km for standard
    fibre at 1550 nm; Sangouard et al., Rev. Mod. Phys. 83, 33, 2011).

    Parameters
    ----------
    length_km : fibre length in km, >= 0.
    attenuation_db_per_km : fibre attenuation in dB/km, >= 0.

    Examples
    --------
    >>> fiber_transmittance(100.0)
    0.01
    >>> fiber_transmittance([0.0, 50.0])
    array([1. , 0.1])
    """
    length = number("length_km", length_km, 0.0)
    alpha = number("attenuation_db_per_km", attenuation_db_per_km, 0.0)
    return scalar_or_array(10.0 ** (-alpha * length / 10.0))


@overload
def fiber_delay(length_km: float, group_index: float = 1.468) -> float: ...
@overload
def fiber_delay(length_km: ArrayLike, group_index: ArrayLike = 1.468) -> FloatOrArray: ...
def fiber_delay(length_km: ArrayLike, group_index: ArrayLike = 1.468) -> FloatOrArray:
    """One-way travel time of light through ``length_km`` of fibre, in s.

    ``t = L / v_g`` with ``v_g = c / n_g``; ``n_g = 1.468`` for SMF-28 at 1550 nm (Corning datasheet),
    so 100 km take 0.4897 ms.

    Parameters
    ----------
    length_km : fibre length in km, >= 0.
    group_index : group refractive index n_g, >= 1.

    Examples
    --------
    >>> round(fiber_delay(100.0) * 1e3, 4)
    0.4897
    """
    length = number("length_km", length_km, 0.0)
    n_g = number("group_index", group_index, 1.0)
    return scalar_or_array(length / (SPEED_OF_LIGHT_KM_S / n_g))


def db_to_transmittance(loss_db: ArrayLike) -> FloatOrArray:
    """Transmittance of a loss given in (positive) dB: ``eta = 10 ** (-loss_db / 10)``.

    Parameters
    ----------
    loss_db : loss in dB, >= 0 (``inf`` gives 0).

    Examples
    --------
    >>> db_to_transmittance(20.0)
    0.01
    """
    loss = in_range("loss_db", loss_db, 0.0)
    return scalar_or_array(10.0 ** (-loss / 10.0))


def transmittance_to_db(eta: ArrayLike) -> FloatOrArray:
    """Loss in (positive) dB of a transmittance: ``loss_db = -10 log10(eta)``; 0 gives ``inf``.

    Parameters
    ----------
    eta : transmittance in [0, 1].

    Examples
    --------
    >>> transmittance_to_db(1e-2)
    20.0
    >>> transmittance_to_db(0.0)
    inf
    """
    eta_arr = probability("eta", eta)
    with np.errstate(divide="ignore"):
        loss = -10.0 * np.log10(eta_arr)
    return scalar_or_array(loss + 0.0)  # + 0.0 turns -0.0 (eta = 1) into 0.0


def slant_range(altitude_km: ArrayLike, elevation_deg: ArrayLike, earth_radius_km: ArrayLike = 6371.0) -> FloatOrArray:
    """Distance in km from a ground station to a satellite seen at ``elevation_deg`` (spherical Earth).

    ``d = sqrt((R + h)^2 - (R cos e)^2) - R sin e`` (law of cosines in the Earth-centre triangle).

    Parameters
    ----------
    altitude_km : satellite altitude h above the surface in km, > 0.
    elevation_deg : elevation e of the satellite above the horizon in degrees, in [0, 90].
    earth_radius_km : Earth radius R in km, > 0.

    Examples
    --------
    >>> round(slant_range(500.0, 30.0), 2)
    909.42
    >>> slant_range(500.0, 90.0)
    500.0
    """
    h = number("altitude_km", altitude_km, 0.0, low_open=True)
    elev = np.radians(number("elevation_deg", elevation_deg, 0.0, 90.0))
    radius = number("earth_radius_km", earth_radius_km, 0.0, low_open=True)
    # (R+h)^2 - R^2 cos^2 e = h (2R + h) + R^2 sin^2 e: no cancellation at high elevation.
    sin_e = np.sin(elev)
    dist = np.sqrt(h * (2.0 * radius + h) + (radius * sin_e) ** 2) - radius * sin_e
    # Rounding can leave the overhead case a hair off h; the exact value there is h.
    return scalar_or_array(np.where(elev == np.pi / 2, h, dist))


MICIUS_EXTRA_LOSS_DB = 18.1
"""Fixed downlink loss in dB, fitted to the Micius downlinks (Yin et al., PRL 119, 200501, 2017).

The paper measured the link attenuation from the satellite to Delingha: 29 dB at 530 km and 36 dB at
1,000 km (printed to 1 dB). With a 10 µrad full divergence, a 1.2 m telescope, ``T_zen = 0.8`` and an
orbit at 500 km, geometry and air mass account for 11.1 dB and 17.7 dB there; the least-squares extra
loss is 18.1 ± 0.35 dB (residuals ±0.24 dB; :func:`fit_extra_loss`). The ± assumes an uncertainty of
±0.5 dB on each published point, half the 1 dB to which it is printed (the paper gives no error bar),
so it is ``0.5 / √2``. It lumps together what the
Gaussian-beam model leaves out: pointing jitter, transmitter and telescope optics, coupling into the
receiver's optics and detectors, and turbulence at the receiver (scintillation, angle-of-arrival
jitter). Reading the 10 µrad as a half angle instead would move 6 dB from this term into the geometry.
"""


@dataclass(frozen=True)
class LinkBudget:
    """Loss budget of one satellite-to-ground downlink (losses in positive dB, distances in km)."""

    slant_range_km: FloatOrArray
    geometric_db: FloatOrArray
    atmospheric_db: FloatOrArray
    extra_db: FloatOrArray
    total_db: FloatOrArray
    transmittance: FloatOrArray


def elevation_at_range(
    altitude_km: ArrayLike, slant_range_km: ArrayLike, earth_radius_km: ArrayLike = 6371.0
) -> FloatOrArray:
    """Elevation in degrees at which a satellite at ``altitude_km`` is seen ``slant_range_km`` away.

    The inverse of :func:`slant_range` (law of cosines in the Earth-centre triangle):
    ``sin e = ((R + h)^2 - R^2 - d^2) / (2 R d)``, for ``h <= d <= sqrt(h (2R + h))`` (overhead to horizon).

    Examples
    --------
    >>> round(elevation_at_range(500.0, 909.42), 2)
    30.0
    >>> elevation_at_range(500.0, 500.0)
    90.0
    """
    h = number("altitude_km", altitude_km, 0.0, low_open=True)
    radius = number("earth_radius_km", earth_radius_km, 0.0, low_open=True)
    horizon = np.sqrt(h * (2.0 * radius + h))
    d = number("slant_range_km", slant_range_km, 0.0, low_open=True)
    bad = (d < h * (1 - 1e-12)) | (d > horizon * (1 + 1e-12))
    if np.any(bad):
        offender = float(d[bad].ravel()[0]) if d.ndim else float(d)
        raise ValueError(
            f"slant_range_km must lie between the altitude (overhead) and the horizon range "
            f"sqrt(h (2R + h)), got {offender!r}"
        )
    sin_e = np.clip((h * (2.0 * radius + h) - d**2) / (2.0 * radius * d), 0.0, 1.0)
    return scalar_or_array(np.degrees(np.arcsin(sin_e)))


def satellite_downlink(
    altitude_km: ArrayLike,
    elevation_deg: ArrayLike,
    *,
    divergence_urad: ArrayLike = 10.0,
    rx_aperture_m: ArrayLike = 1.2,
    zenith_transmittance: ArrayLike = 0.8,
    extra_loss_db: ArrayLike = MICIUS_EXTRA_LOSS_DB,
    beam_profile: str = "gaussian",
) -> LinkBudget:
    """Loss budget of a satellite-to-ground optical downlink.

    * Geometric (``beam_profile="gaussian"``, the qinet convention): ``divergence_urad`` is the **full**
      angle ``theta`` between the 1/e^2 intensity points of the far-field beam, so the spot radius at
      slant range ``R`` is ``w = R * theta / 2`` (the half angle is ``theta / 2``). A telescope of
      diameter ``D`` collects ``1 - exp(-2 a^2 / w^2)`` with ``a = D / 2`` (Gaussian beam optics, e.g.
      Saleh & Teich, *Fundamentals of Photonics*). Reading the same number as a half angle doubles ``w``
      and costs ``20 log10(2) = 6.0`` dB more in the far field. ``beam_profile="top-hat"`` spreads the
      power evenly over a disk of diameter ``R * theta`` instead: ``min(1, (D / (R theta))^2)``; at
      909 km, 10 µrad and 1 m this gives 19.18 dB, the Gaussian profile 16.22 dB (its peak is brighter).
    * Atmospheric: ``T_zen ** (1 / sin(elevation))`` (air mass of a flat, thin atmosphere).
    * Extra: a fixed loss in dB for everything the two terms above leave out.

    ``total_db`` is the sum of the three losses and ``transmittance = 10 ** (-total_db / 10)``.

    The defaults describe a Micius downlink and reproduce its measured attenuation: a 10 µrad far-field
    divergence and 1.2 m ground telescopes (Yin et al., Nature 582, 501, 2020), and the fixed loss
    :data:`MICIUS_EXTRA_LOSS_DB` = 18.1 dB fitted to the 29 dB at 530 km and 36 dB at 1,000 km measured by
    Yin et al., PRL 119, 200501 (2017). (Earlier qinet versions defaulted to a 1.0 m telescope and 3 dB,
    a budget 15 dB per downlink more optimistic than these measurements.) In a downlink, turbulence sits
    in the last ~10 km of the path (Lu et al., Rev. Mod. Phys. 94, 035001, 2022), next to the receiver: it
    makes the received light twinkle (scintillation) and dance in the focal plane (angle of arrival),
    which costs coupling into the detectors; beam wander, which dominates uplinks, is small (Andrews &
    Phillips, *Laser Beam Propagation through Random Media*, 2nd ed., SPIE Press 2005,
    doi:10.1117/3.626196).

    Parameters
    ----------
    altitude_km : satellite altitude in km, > 0.
    elevation_deg : elevation seen from the ground station in degrees, in [0, 90] (0 gives infinite
        atmospheric loss).
    divergence_urad : full 1/e^2 beam divergence angle in µrad, > 0.
    rx_aperture_m : receiving telescope diameter in m, > 0.
    zenith_transmittance : atmospheric transmittance straight up, in (0, 1].
    extra_loss_db : fixed additional loss in dB, >= 0.
    beam_profile : ``"gaussian"`` (default) or ``"top-hat"``.

    Examples
    --------
    >>> b = satellite_downlink(500.0, 30.0, rx_aperture_m=1.0, extra_loss_db=3.0)
    >>> round(b.slant_range_km, 2), round(b.geometric_db, 2), round(b.atmospheric_db, 2)
    (909.42, 16.22, 1.94)
    >>> round(satellite_downlink(500.0, 30.0, rx_aperture_m=1.0, beam_profile="top-hat").geometric_db, 2)
    19.18
    >>> [round(satellite_downlink(500.0, elevation_at_range(500.0, d)).total_db, 1) for d in (530.0, 1000.0)]
    [29.2, 35.8]
    """
    profile = one_of("beam_profile", beam_profile, ("gaussian", "top-hat"))
    distance = np.asarray(slant_range(altitude_km, elevation_deg))
    elev = np.radians(number("elevation_deg", elevation_deg, 0.0, 90.0))
    theta = number("divergence_urad", divergence_urad, 0.0, math.inf, low_open=True) * 1e-6
    aperture = number("rx_aperture_m", rx_aperture_m, 0.0, math.inf, low_open=True)
    t_zen = number("zenith_transmittance", zenith_transmittance, 0.0, 1.0, low_open=True)
    extra = number("extra_loss_db", extra_loss_db, 0.0, math.inf)

    spot_m = distance * 1e3 * theta  # 1/e^2 diameter of the far-field spot (full angle times range)
    if profile == "gaussian":
        collected = -np.expm1(-2.0 * (aperture / 2.0) ** 2 / (spot_m / 2.0) ** 2)
    else:
        collected = np.minimum(1.0, (aperture / spot_m) ** 2)
    geometric = -10.0 * np.log10(collected)
    zenith_db = -10.0 * np.log10(t_zen)
    with np.errstate(divide="ignore", invalid="ignore"):
        atmospheric = np.where(zenith_db == 0.0, 0.0, zenith_db / np.sin(elev))
    total = geometric + atmospheric + extra
    return LinkBudget(
        slant_range_km=scalar_or_array(distance),
        geometric_db=scalar_or_array(geometric + 0.0),
        atmospheric_db=scalar_or_array(atmospheric + 0.0),
        extra_db=scalar_or_array(extra + np.zeros_like(total)),
        total_db=scalar_or_array(total + 0.0),
        transmittance=scalar_or_array(10.0 ** (-total / 10.0)),
    )


@dataclass(frozen=True)
class ExtraLossFit:
    """A one-parameter least-squares fit of the fixed downlink loss to measured attenuations.

    ``extra_loss_db`` ± ``stderr_db`` (from the measurements' uncertainties), the ``residuals_db``
    (measured minus fitted model, one per point) and their ``chi2`` (sum of squared residuals in
    units of the uncertainties).
    """

    extra_loss_db: float
    stderr_db: float
    residuals_db: np.ndarray
    chi2: float


def fit_extra_loss(
    altitude_km: float,
    slant_range_km: ArrayLike,
    measured_db: ArrayLike,
    uncertainty_db: ArrayLike,
    **budget: Any,
) -> ExtraLossFit:
    """Fit the fixed loss of :func:`satellite_downlink` to measured downlink attenuations.

    The model is ``L_i = G_i + X`` with ``G_i`` the geometric + atmospheric loss at the i-th slant range
    (elevation from :func:`elevation_at_range`) and ``X`` the one free parameter. Weighted least squares
    with ``w_i = 1 / u_i^2`` gives ``X = sum(w_i (L_i - G_i)) / sum(w_i)`` with standard error
    ``1 / sqrt(sum(w_i))``. ``budget`` passes the other parameters of :func:`satellite_downlink`
    (``divergence_urad``, ``rx_aperture_m``, ``zenith_transmittance``, ``beam_profile``).

    Examples
    --------
    Yin et al., PRL 2017, with ±0.5 dB assumed per point (half the printed 1 dB):

    >>> fit = fit_extra_loss(500.0, [530.0, 1000.0], [29.0, 36.0], [0.5, 0.5])
    >>> round(fit.extra_loss_db, 2), round(fit.stderr_db, 2), [round(float(r), 2) for r in fit.residuals_db]
    (18.1, 0.35, [-0.24, 0.24])
    """
    if "extra_loss_db" in budget:
        raise TypeError("fit_extra_loss fits extra_loss_db; do not pass it")
    ranges = np.atleast_1d(number("slant_range_km", slant_range_km, 0.0, low_open=True))
    measured = np.atleast_1d(number("measured_db", measured_db, 0.0, math.inf))
    sigma = np.atleast_1d(number("uncertainty_db", uncertainty_db, 0.0, math.inf, low_open=True))
    ranges, measured, sigma = np.broadcast_arrays(ranges, measured, sigma)
    elevation = elevation_at_range(altitude_km, ranges)
    bare = np.asarray(satellite_downlink(altitude_km, elevation, extra_loss_db=0.0, **budget).total_db)
    weights = 1.0 / sigma**2
    extra = float(np.sum(weights * (measured - bare)) / np.sum(weights))
    residuals = measured - bare - extra
    return ExtraLossFit(extra, float(1.0 / np.sqrt(np.sum(weights))), residuals, float(np.sum(weights * residuals**2)))


@overload
def heralding_time(length_km: float, *, midpoint: bool = False, group_index: float = 1.468) -> float: ...
@overload
def heralding_time(length_km: ArrayLike, *, midpoint: bool = False, group_index: ArrayLike = 1.468) -> FloatOrArray: ...
def heralding_time(length_km: ArrayLike, *, midpoint: bool = False, group_index: ArrayLike = 1.468) -> FloatOrArray:
    """Time in s a memory must wait to learn whether one heralded link attempt succeeded.

    Emitter at one node, detection at the other: the photon goes out and the herald comes back,
    ``t = 2 L / v``. With a midpoint Bell-measurement station both photons travel ``L / 2`` and the herald
    returns ``L / 2``: ``t = L / v`` (Sangouard et al., Rev. Mod. Phys. 83, 33, 2011). ``v = c / n_g``.

    Parameters
    ----------
    length_km : link length in km, >= 0.
    midpoint : True for a station in the middle of the link.
    group_index : group index of the fibre, >= 1.

    Examples
    --------
    >>> round(heralding_time(100.0) * 1e3, 4)
    0.9793
    >>> round(heralding_time(100.0, midpoint=True) * 1e3, 4)
    0.4897
    """
    one_way = np.asarray(fiber_delay(length_km, group_index))
    return scalar_or_array(one_way if boolean("midpoint", midpoint) else 2.0 * one_way)


def direct_pair_rate(
    length_km: ArrayLike,
    source_rate_hz: ArrayLike,
    *,
    detector_efficiency: ArrayLike = 1.0,
    attenuation_db_per_km: ArrayLike = 0.2,
    source_position: str = "middle",
) -> FloatOrArray:
    """Entangled pairs per second that reach (and are detected at) both ends of a fibre of ``length_km``.

    ``R_pairs = R * eta_d^2 * eta(L)``. With the source in the middle each photon crosses ``L / 2``
    and ``eta(L/2)^2 = eta(L)``; with the source at one end one photon crosses all of ``L``. Both
    give the same rate because fibre losses multiply: moving the source does not help.

    Parameters
    ----------
    length_km : end-to-end fibre length in km, >= 0.
    source_rate_hz : pairs emitted per second, >= 0.
    detector_efficiency : efficiency eta_d of each end's detector, in [0, 1].
    attenuation_db_per_km : fibre attenuation in dB/km, >= 0.
    source_position : ``"middle"`` or ``"end"``.

    Examples
    --------
    >>> direct_pair_rate(100.0, 1e6)
    10000.0
    >>> direct_pair_rate(100.0, 1e6, source_position="end", detector_efficiency=0.5)
    2500.0
    """
    position = one_of("source_position", source_position, ("middle", "end"))
    length = number("length_km", length_km, 0.0)
    rate = number("source_rate_hz", source_rate_hz, 0.0)
    eta_d = probability("detector_efficiency", detector_efficiency)
    if position == "middle":
        fibre = np.asarray(fiber_transmittance(length / 2.0, attenuation_db_per_km)) ** 2
    else:
        fibre = np.asarray(fiber_transmittance(length, attenuation_db_per_km))
    return scalar_or_array(rate * eta_d**2 * fibre)


def fiber_time_per_pair(
    length_km: ArrayLike,
    source_rate_hz: ArrayLike,
    *,
    detector_efficiency: ArrayLike = 1.0,
    attenuation_db_per_km: ArrayLike = 0.2,
) -> FloatOrArray:
    """Mean time in s between pairs delivered over direct fibre: ``1 / direct_pair_rate`` (``inf`` if none).

    Over 1,200 km at 0.2 dB/km (``eta = 1e-24``) a 1 GHz source with perfect detectors delivers one pair
    every 1e15 s, about 32 million years; with ``detector_efficiency=0.8`` about 50 million.

    Parameters
    ----------
    length_km, source_rate_hz, detector_efficiency, attenuation_db_per_km : as in `direct_pair_rate`.

    Examples
    --------
    >>> round(fiber_time_per_pair(1200.0, 1e9) / 3.15576e7 / 1e6, 1)  # millions of Julian years
    31.7
    """
    rate = np.asarray(
        direct_pair_rate(
            length_km,
            source_rate_hz,
            detector_efficiency=detector_efficiency,
            attenuation_db_per_km=attenuation_db_per_km,
        )
    )
    with np.errstate(divide="ignore"):
        return scalar_or_array(1.0 / rate)
