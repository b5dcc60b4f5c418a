"""Channels: optical fibre loss and delay, satellite downlinks, and direct pair distribution.

All functions broadcast over NumPy arrays; scalars in give floats out. Lengths in km, times in s,
losses in positive dB, transmittances as fractions in [0, 1].

Sources
-------
* Fibre loss 0.2 dB/km at 1550 nm (0.16 dB/km for ultra-low-loss fibre): Sangouard, Simon,
  de Riedmatten, Gisin, Rev. Mod. Phys. 83, 33 (2011), doi:10.1103/RevModPhys.83.33.
* Group index 1.468 of SMF-28 at 1550 nm (Corning datasheet): light needs 4.897 µs per km.
* Micius downlinks (about 10 µrad divergence, ~500 km orbit): Yin et al., Science 356, 1140 (2017),
  doi:10.1126/science.aan3211; Yin et al., Nature 582, 501 (2020), doi:10.1038/s41586-020-2401-y.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from qinet._validate import in_range, one_of, probability, scalar_or_array

SPEED_OF_LIGHT_KM_S = 299792.458
"""Speed of light in vacuum, km/s."""

FloatOrArray = float | np.ndarray


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
    length = in_range("length_km", length_km, 0.0)
    alpha = in_range("attenuation_db_per_km", attenuation_db_per_km, 0.0)
    return scalar_or_array(10.0 ** (-alpha * length / 10.0))


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
    length = in_range("length_km", length_km, 0.0)
    n_g = in_range("group_index", group_index, 1.0)
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
    h = in_range("altitude_km", altitude_km, 0.0, low_open=True)
    elev = np.radians(in_range("elevation_deg", elevation_deg, 0.0, 90.0))
    radius = in_range("earth_radius_km", earth_radius_km, 0.0, low_open=True)
    # (R+h)^2 - R^2 cos^2 e = h (2R + h) + R^2 sin^2 e: no cancellation at high elevation.
    sin_e = np.sin(elev)
    dist = np.sqrt(h * (2.0 * radius + h) + (radius * sin_e) ** 2) - radius * sin_e
    # Rounding can leave the overhead case a hair off h; the exact value there is h.
    return scalar_or_array(np.where(elev == np.pi / 2, h, dist))


@dataclass(frozen=True)
class LinkBudget:
    """Loss budget of one satellite-to-ground downlink (losses in positive dB, distances in km)."""

    slant_range_km: FloatOrArray
    geometric_db: FloatOrArray
    atmospheric_db: FloatOrArray
    extra_db: FloatOrArray
    total_db: FloatOrArray
    transmittance: FloatOrArray


def satellite_downlink(
    altitude_km: ArrayLike,
    elevation_deg: ArrayLike,
    *,
    divergence_urad: ArrayLike = 10.0,
    rx_aperture_m: ArrayLike = 1.0,
    zenith_transmittance: ArrayLike = 0.8,
    extra_loss_db: ArrayLike = 3.0,
    beam_profile: str = "gaussian",
) -> LinkBudget:
    """Loss budget of a satellite-to-ground optical downlink.

    * Geometric (``beam_profile="gaussian"``, the qinet convention): far-field Gaussian spot radius
      ``w = R * theta / 2`` (``theta`` = full 1/e^2 divergence angle, ``R`` = slant range), collected
      fraction ``1 - exp(-2 a^2 / w^2)`` with ``a = rx_aperture / 2`` (Gaussian beam optics, e.g.
      Saleh & Teich, *Fundamentals of Photonics*). ``beam_profile="top-hat"`` spreads the power evenly
      over a disk of diameter ``R * theta`` instead: ``min(1, (D_rx / (R theta))^2)``; at 909 km and
      10 µrad this gives 19.18 dB, the Gaussian profile 16.22 dB (the Gaussian peak is brighter).
    * Atmospheric: ``T_zen ** (1 / sin(elevation))`` (air mass of a flat, thin atmosphere).
    * Extra: a fixed loss (pointing, optics, detectors) in dB.

    ``total_db`` is the sum of the three losses and ``transmittance = 10 ** (-total_db / 10)``.
    Micius transmitters ran at about 10 µrad (Yin et al., Nature 582, 501, 2020).

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
    >>> b = satellite_downlink(500.0, 30.0)
    >>> round(b.slant_range_km, 2), round(b.geometric_db, 2), round(b.atmospheric_db, 2)
    (909.42, 16.22, 1.94)
    >>> round(satellite_downlink(500.0, 30.0, beam_profile="top-hat").geometric_db, 2)
    19.18
    """
    profile = one_of("beam_profile", beam_profile, ("gaussian", "top-hat"))
    distance = np.asarray(slant_range(altitude_km, elevation_deg))
    elev = np.radians(in_range("elevation_deg", elevation_deg, 0.0, 90.0))
    theta = in_range("divergence_urad", divergence_urad, 0.0, low_open=True) * 1e-6
    aperture = in_range("rx_aperture_m", rx_aperture_m, 0.0, low_open=True)
    t_zen = in_range("zenith_transmittance", zenith_transmittance, 0.0, 1.0, low_open=True)
    extra = in_range("extra_loss_db", extra_loss_db, 0.0)

    spot_m = distance * 1e3 * theta  # 1/e^2 diameter of the far-field spot
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
    return scalar_or_array(one_way if midpoint else 2.0 * one_way)


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
    length = in_range("length_km", length_km, 0.0)
    rate = in_range("source_rate_hz", source_rate_hz, 0.0)
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

    Over 1,200 km at 0.2 dB/km (``eta = 1e-24``) a 1 GHz source delivers one pair every 1e15 s,
    about 32 million years.

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
