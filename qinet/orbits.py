"""Satellite pass geometry: a circular low orbit seen from ground stations (NumPy only).

The Earth is a sphere of radius 6,371 km and the orbit is circular (Kepler's third law,
``T = 2π √(a³ / μ)``, ``a = R + h``). A pass is a stretch of the ground track, a great circle,
near the stations. The Earth's rotation is **ignored by default** (``earth_rotation=False``),
which makes the ground track a fixed great circle; set ``earth_rotation=True`` to turn the
stations under the orbit at 7.292e-5 rad/s (it shifts a 10-minute pass by about 2.5° of
longitude). Orbit perturbations (J₂, drag) and refraction are left out.

Sources: Kepler's laws and spherical geometry (e.g. Vallado, *Fundamentals of Astrodynamics
and Applications*, 4th ed., 2013); the Micius stations and the 1,203 km baseline: Yin et al.,
"Satellite-based entanglement distribution over 1200 kilometers", *Science* 356, 1140 (2017),
doi:10.1126/science.aan3211; Nanshan and the 1,120 km Delingha–Nanshan baseline: Yin et al.,
"Entanglement-based secure quantum cryptography over 1,120 kilometres", *Nature* 582, 501 (2020),
doi:10.1038/s41586-020-2401-y.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from qinet import links
from qinet._limits import check_budget
from qinet._validate import boolean, instance, number, positive_int, probability, scalar_or_array

EARTH_RADIUS_KM = 6371.0
#: Standard gravitational parameter of the Earth, km³/s² (WGS-84).
MU_EARTH_KM3_S2 = 398600.4418
#: Sidereal rotation rate of the Earth, rad/s.
EARTH_ROTATION_RAD_S = 7.2921159e-5


@dataclass(frozen=True)
class Station:
    """A ground station: a name and its geodetic latitude/longitude in degrees (north/east > 0)."""

    name: str
    lat_deg: float
    lon_deg: float


#: Micius' entanglement-distribution stations (Yin et al., Science 2017).
DELINGHA = Station("Delingha", 37.38, 97.73)
LIJIANG = Station("Lijiang", 26.69, 100.03)
#: Micius' 2020 partner of Delingha, 43°28′31.66″ N, 87°10′36.07″ E (Yin et al., Nature 2020).
NANSHAN = Station("Nanshan", 43.4755, 87.1768)


def _radius(earth_radius_km: ArrayLike) -> np.ndarray:
    return number("earth_radius_km", earth_radius_km, 0.0, low_open=True)


def orbital_period(altitude_km: ArrayLike, *, earth_radius_km: float = EARTH_RADIUS_KM) -> float | np.ndarray:
    """Period of a circular orbit in s: ``T = 2π √((R + h)³ / μ)`` (Kepler's third law).

    Examples
    --------
    >>> round(orbital_period(500.0) / 60, 2)
    94.47
    """
    h = number("altitude_km", altitude_km, 0.0, low_open=True)
    radius = _radius(earth_radius_km)
    return scalar_or_array(2 * np.pi * np.sqrt((radius + h) ** 3 / MU_EARTH_KM3_S2))


def orbital_speed(altitude_km: ArrayLike, *, earth_radius_km: float = EARTH_RADIUS_KM) -> float | np.ndarray:
    """Speed on a circular orbit in km/s: ``v = √(μ / (R + h))``.

    Examples
    --------
    >>> round(orbital_speed(500.0), 3)
    7.617
    """
    h = number("altitude_km", altitude_km, 0.0, low_open=True)
    return scalar_or_array(np.sqrt(MU_EARTH_KM3_S2 / (_radius(earth_radius_km) + h)))


def orbits_per_day(altitude_km: ArrayLike) -> float | np.ndarray:
    """Orbits per solar day (86,400 s / period): 15.24 at 500 km.

    Examples
    --------
    >>> round(orbits_per_day(500.0), 2)
    15.24
    """
    return scalar_or_array(86400.0 / np.asarray(orbital_period(altitude_km)))


def max_central_angle(
    altitude_km: ArrayLike, min_elevation_deg: ArrayLike = 0.0, *, earth_radius_km: float = EARTH_RADIUS_KM
) -> float | np.ndarray:
    """Earth central angle (rad) between a station and the sub-satellite point at which the
    satellite is seen at ``min_elevation_deg``: ``λ = arccos(R cos ε / (R + h)) − ε``.

    Examples
    --------
    >>> round(max_central_angle(500.0, 0.0), 4)
    0.3838
    """
    h = number("altitude_km", altitude_km, 0.0, low_open=True)
    eps = np.radians(number("min_elevation_deg", min_elevation_deg, 0.0, 90.0))
    radius = _radius(earth_radius_km)
    return scalar_or_array(np.arccos(radius * np.cos(eps) / (radius + h)) - eps)


def overhead_pass_duration(altitude_km: ArrayLike, min_elevation_deg: ArrayLike = 0.0) -> float | np.ndarray:
    """Time in s that a satellite passing straight overhead stays above ``min_elevation_deg``.

    ``t = 2 λ T / (2π)`` with ``λ`` from :func:`max_central_angle` and ``T`` the period; the Earth's
    rotation is ignored (worked values: 692.5 s above 0°, 295.6 s above 20° at 500 km).

    Examples
    --------
    >>> round(overhead_pass_duration(500.0, 20.0), 1)
    295.6
    """
    lam = np.asarray(max_central_angle(altitude_km, min_elevation_deg))
    return scalar_or_array(lam / np.pi * np.asarray(orbital_period(altitude_km)))


def _unit(lat_deg: float, lon_deg: float) -> np.ndarray:
    lat, lon = np.radians(lat_deg), np.radians(lon_deg)
    return np.array([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)])


def great_circle_distance(a: Station, b: Station, *, earth_radius_km: float = EARTH_RADIUS_KM) -> float:
    """Great-circle distance in km between two stations on a spherical Earth.

    ``d = R · atan2(|u_a × u_b|, u_a · u_b)`` with ``u`` the stations' unit vectors.

    Examples
    --------
    >>> round(great_circle_distance(DELINGHA, LIJIANG))  # the paper quotes 1,203 km
    1208
    """
    for name, station in (("a", a), ("b", b)):
        instance(name, station, Station, "a Station (name, lat_deg, lon_deg)")
    ua, ub = _unit(a.lat_deg, a.lon_deg), _unit(b.lat_deg, b.lon_deg)
    return float(float(_radius(earth_radius_km)) * np.arctan2(np.linalg.norm(np.cross(ua, ub)), ua @ ub))


def _time_above(times: np.ndarray, values: np.ndarray, threshold: float) -> np.ndarray:
    """Time each row of ``values`` spends at or above ``threshold``, interpolating linearly
    between samples (so the answer does not depend on the grid)."""
    number("min_elevation_deg", threshold, 0.0, 90.0)
    a, b = values[..., :-1] - threshold, values[..., 1:] - threshold
    dt = np.diff(times)
    span = np.abs(b - a)
    partial = np.divide(np.maximum(a, b), span, out=np.zeros_like(span), where=span > 0)
    frac = np.where((a >= 0) & (b >= 0), 1.0, np.where((a < 0) & (b < 0), 0.0, partial))
    return frac @ dt


@dataclass(frozen=True)
class Pass:
    """One pass: ``times_s`` (0 = closest approach to the stations' midpoint), and per station
    (rows, in the order of ``stations``) the ``elevation_deg`` and ``slant_range_km``."""

    stations: tuple[Station, ...]
    altitude_km: float
    times_s: np.ndarray
    elevation_deg: np.ndarray
    slant_range_km: np.ndarray

    def time_above(self, min_elevation_deg: float = 0.0) -> np.ndarray:
        """Seconds each station sees the satellite above ``min_elevation_deg`` (one value per station)."""
        return _time_above(self.times_s, self.elevation_deg, min_elevation_deg)


def satellite_pass(
    stations: tuple[Station, ...] = (DELINGHA, LIJIANG),
    *,
    altitude_km: float = 500.0,
    offset_km: float = 0.0,
    heading_deg: float | None = None,
    n_points: int = 721,
    earth_rotation: bool = False,
) -> Pass:
    """Elevation and range of a satellite seen from each station during one pass.

    The ground track at ``t = 0`` passes through the point ``offset_km`` to the right (cross-track)
    of the stations' midpoint, heading ``heading_deg`` (clockwise from north; by default along the
    line from the last station to the first, as the near-polar Micius orbit does for Lijiang →
    Delingha). The satellite moves on the great circle at angular rate ``2π / T``; the elevation
    from a station at ``s`` is ``ε = arcsin((r − s)·ŝ / |r − s|)``. Times span the whole pass
    (from the first station's rise to the last station's set).

    Examples
    --------
    >>> p = satellite_pass(offset_km=0.0)
    >>> round(float(p.elevation_deg.max()), 1)  # straight over both stations
    90.0
    >>> [round(float(x)) for x in p.time_above(20.0)]
    [296, 296]
    """
    if isinstance(stations, Station):
        stations = (stations,)
    instance("stations", stations, (tuple, list), "a tuple of Station objects")
    if not stations:
        raise ValueError("stations must hold at least one Station, got none")
    for station in stations:
        instance("stations", station, Station, "a tuple of Station objects (name, lat_deg, lon_deg)")
    earth_rotation = boolean("earth_rotation", earth_rotation)
    h = float(number("altitude_km", altitude_km, 0.0, low_open=True))
    offset = float(number("offset_km", offset_km, -2000.0, 2000.0))
    n_points = positive_int("n_points", n_points, minimum=3)
    # per sample: the satellite's position, and per station its position, offset, range and elevation,
    # with NumPy temporaries; pass_budget adds a few arrays of the same size
    check_budget("n_points", n_points, bytes_needed=n_points * (1 + len(stations)) * 8 * 48, lower="use fewer points")
    units = np.array([_unit(s.lat_deg, s.lon_deg) for s in stations])
    mid = units.sum(axis=0)
    mid /= np.linalg.norm(mid)
    if heading_deg is None:
        if len(stations) < 2:
            raise ValueError("heading_deg must be given for a single station (degrees clockwise from north)")
        along = units[0] - units[-1]
        along -= (along @ mid) * mid
    else:
        hdg = np.radians(float(number("heading_deg", heading_deg, 0.0, 360.0)))
        north = np.array([0.0, 0.0, 1.0]) - mid[2] * mid
        north /= np.linalg.norm(north)
        along = np.cos(hdg) * north + np.sin(hdg) * np.cross(north, mid)
    along /= np.linalg.norm(along)
    right = np.cross(along, mid)
    delta = offset / EARTH_RADIUS_KM
    p0 = np.cos(delta) * mid + np.sin(delta) * right
    period = float(orbital_period(h))
    omega = 2 * np.pi / period
    spread = max(np.arccos(np.clip(units @ mid, -1.0, 1.0)))
    half_span = (float(max_central_angle(h, 0.0)) + spread + abs(delta)) / omega * 1.02
    times = np.linspace(-half_span, half_span, n_points)
    sat = (EARTH_RADIUS_KM + h) * (np.cos(omega * times)[:, None] * p0 + np.sin(omega * times)[:, None] * along)
    spin = EARTH_ROTATION_RAD_S * times if earth_rotation else np.zeros_like(times)
    cos_s, sin_s = np.cos(spin), np.sin(spin)
    elevation, rng = [], []
    for u in units:
        up = np.stack([cos_s * u[0] - sin_s * u[1], sin_s * u[0] + cos_s * u[1], np.full_like(times, u[2])], axis=1)
        d = sat - EARTH_RADIUS_KM * up
        dist = np.linalg.norm(d, axis=1)
        elevation.append(np.degrees(np.arcsin(np.clip(np.sum(d * up, axis=1) / dist, -1.0, 1.0))))
        rng.append(dist)
    return Pass(tuple(stations), h, times, np.array(elevation), np.array(rng))


@dataclass(frozen=True)
class PassBudget:
    """Two (or more) downlinks during a pass: per-station loss in dB (``inf`` below the mask),
    the summed loss, the pair rate reaching all stations (pairs/s), the pairs per pass, the common
    window (s) and the effective loss of the pass, ``-10 log10`` of the channel transmittance
    ``Π_i η_i`` averaged over the common window (``inf`` if there is none)."""

    pass_: Pass
    min_elevation_deg: float
    loss_db: np.ndarray
    total_loss_db: np.ndarray
    pair_rate_hz: np.ndarray
    pairs_per_pass: float
    window_s: float
    effective_loss_db: float


def pass_budget(
    pass_: Pass,
    *,
    source_rate_hz: float = 1.0e7,
    detector_efficiency: float = 0.5,
    min_elevation_deg: float = 10.0,
    divergence_urad: float = 10.0,
    rx_aperture_m: float = 1.2,
    zenith_transmittance: float = 0.8,
    extra_loss_db: float = links.MICIUS_EXTRA_LOSS_DB,
) -> PassBudget:
    """Downlink loss of every station over a pass, and the rate of pairs detected at all of them.

    Each downlink follows :func:`qinet.links.satellite_downlink` (geometric + atmospheric + extra
    loss, in dB). A pair emitted on board at ``source_rate_hz`` is detected at all stations with
    probability ``Π_i η_i · η_d^n`` (η_i the downlink transmittance, η_d the detector efficiency):
    ``R(t) = R_src · Π_i η_i(t) · η_d^n`` while every station sees the satellite above
    ``min_elevation_deg``, zero otherwise. Pairs per pass: ``∫ R(t) dt`` (trapezoid rule).
    The effective loss is ``-10 log10`` of ``Π_i η_i`` averaged over the common window: the link
    efficiency a whole pass delivers, the figure experiments compare with fibre.
    The downlink defaults are those of :func:`qinet.links.satellite_downlink` (calibrated to the
    Micius downlinks). The default source rate (10⁷ pairs/s) is a round figure for a bright on-board
    source, not a published Micius value.

    Examples
    --------
    >>> b = pass_budget(satellite_pass(), min_elevation_deg=10.0)
    >>> bool(b.pairs_per_pass > 0), round(b.window_s), round(b.effective_loss_db, 1)
    (True, 272, 68.0)
    """
    instance("pass_", pass_, Pass, "a Pass from qinet.orbits.satellite_pass")
    rate = float(number("source_rate_hz", source_rate_hz, 0.0))
    eta_d = float(probability("detector_efficiency", detector_efficiency))
    mask_deg = float(number("min_elevation_deg", min_elevation_deg, 0.0, 90.0))
    elev = pass_.elevation_deg
    visible = elev >= mask_deg
    budget = links.satellite_downlink(
        pass_.altitude_km,
        np.clip(elev, mask_deg, 90.0),
        divergence_urad=divergence_urad,
        rx_aperture_m=rx_aperture_m,
        zenith_transmittance=zenith_transmittance,
        extra_loss_db=extra_loss_db,
    )
    loss = np.where(visible, np.asarray(budget.total_db, dtype=float), np.inf)
    both = visible.all(axis=0)
    total = np.where(both, loss.sum(axis=0), np.inf)
    eta = np.where(both, np.prod(np.asarray(budget.transmittance, dtype=float), axis=0), 0.0)
    pair_rate = rate * eta * eta_d ** elev.shape[0]
    above = np.min(elev, axis=0)  # the station with the lowest elevation sets the common window
    mean_eta = float(np.mean(eta[both])) if np.any(both) else 0.0  # samples are evenly spaced in time
    with np.errstate(divide="ignore"):
        effective = float(-10.0 * np.log10(mean_eta))
    return PassBudget(
        pass_,
        mask_deg,
        loss,
        total,
        pair_rate,
        float(np.trapezoid(pair_rate, pass_.times_s)),
        float(_time_above(pass_.times_s, above, mask_deg)),
        effective,
    )


def link_visibility(
    pair_rate_hz: ArrayLike,
    singles_hz: tuple[ArrayLike, ArrayLike],
    *,
    coincidence_window_s: float = 2.5e-9,
    source_visibility: float = 0.9,
) -> float | np.ndarray:
    """Visibility of the pairs seen at two stations: the source's own visibility diluted by accidentals.

    Coincidences within a window ``τ`` come from true pairs (rate ``C``) and from unrelated clicks,
    ``A = S₁ S₂ τ`` (``S_i`` the singles rates, background included), which carry no correlation:
    ``V = V_src · C / (C + A)`` (the standard accidental-coincidence model of entangled-photon links,
    e.g. Ma, Fung, Lo, *Phys. Rev. A* 76, 012307 (2007)). The CHSH value of such pairs is ``2√2 V``.

    Examples
    --------
    >>> round(link_visibility(100.0, (1e4, 1e4), coincidence_window_s=1e-9, source_visibility=1.0), 4)
    0.999
    """
    c = number("pair_rate_hz", pair_rate_hz, 0.0)
    instance("singles_hz", singles_hz, (tuple, list), "a pair (S1, S2) of singles rates in Hz")
    if len(singles_hz) != 2:
        raise ValueError(f"singles_hz must be a pair (S1, S2) of singles rates in Hz, got {len(singles_hz)} values")
    s1 = number("singles_hz", singles_hz[0], 0.0)
    s2 = number("singles_hz", singles_hz[1], 0.0)
    tau = float(number("coincidence_window_s", coincidence_window_s, 0.0))
    v_src = float(probability("source_visibility", source_visibility))
    accidental = s1 * s2 * tau
    total = c + accidental
    ratio = np.divide(c, total, out=np.zeros_like(total), where=total > 0)
    return scalar_or_array(v_src * ratio)
