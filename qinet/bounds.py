"""Capacities and key rates: the repeaterless bounds and asymptotic QKD secret fractions.

All functions broadcast over NumPy arrays; scalars in give floats out. The loss bounds are written
with ``log1p`` so that they stay accurate for transmittances down to 1e-20 and below.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import overload

import numpy as np
from numpy.typing import ArrayLike
from scipy.optimize import brentq

from qinet._validate import number, probability, scalar_or_array

LN2 = math.log(2.0)
TSIRELSON = 2.0 * math.sqrt(2.0)
"""Largest quantum CHSH value, 2 sqrt 2 (Tsirelson 1980)."""
CHSH_TOLERANCE = 1e-9
"""How far above 2 sqrt 2 a CHSH value may be (float rounding in data) before it is refused."""

FloatOrArray = float | np.ndarray


def binary_entropy(p: ArrayLike) -> FloatOrArray:
    """Binary Shannon entropy in bits: ``h(p) = -p log2 p - (1 - p) log2(1 - p)``; ``h(0) = h(1) = 0``.

    Shannon, Bell Syst. Tech. J. 27, 379 (1948). The second term uses ``log1p`` so that ``h`` is
    accurate for tiny ``p``.

    Parameters
    ----------
    p : probability in [0, 1].

    Examples
    --------
    >>> binary_entropy(0.5)
    1.0
    >>> round(binary_entropy(0.11), 6)
    0.499916
    """
    prob = probability("p", p)
    with np.errstate(divide="ignore", invalid="ignore"):
        first = np.where(prob > 0.0, -prob * np.log(prob), 0.0)
        second = np.where(prob < 1.0, -(1.0 - prob) * np.log1p(-prob), 0.0)
    return scalar_or_array((first + second) / LN2)


@overload
def plob_bound(eta: float) -> float: ...
@overload
def plob_bound(eta: ArrayLike) -> FloatOrArray: ...
def plob_bound(eta: ArrayLike) -> FloatOrArray:
    """PLOB bound: secret-key capacity of a pure-loss channel, bits per channel use.

    ``C(eta) = -log2(1 - eta)`` (about 1.44 eta for small eta); infinite at ``eta = 1``.
    Pirandola, Laurenza, Ottaviani, Banchi, Nat. Commun. 8, 15043 (2017), doi:10.1038/ncomms15043.

    Parameters
    ----------
    eta : channel transmittance in [0, 1].

    Examples
    --------
    >>> round(plob_bound(0.1), 6)
    0.152003
    >>> plob_bound(1e-20)
    1.4426950408889633e-20
    """
    trans = probability("eta", eta)
    with np.errstate(divide="ignore"):
        return scalar_or_array(-np.log1p(-trans) / LN2)


@overload
def tgw_bound(eta: float) -> float: ...
@overload
def tgw_bound(eta: ArrayLike) -> FloatOrArray: ...
def tgw_bound(eta: ArrayLike) -> FloatOrArray:
    """TGW bound on the key rate of a lossy channel, bits per channel use.

    ``log2((1 + eta) / (1 - eta))`` (about 2.89 eta for small eta), computed as
    ``(log1p(eta) - log1p(-eta)) / ln 2``; infinite at ``eta = 1``.
    Takeoka, Guha, Wilde, Nat. Commun. 5, 5235 (2014), doi:10.1038/ncomms6235.

    Parameters
    ----------
    eta : channel transmittance in [0, 1].

    Examples
    --------
    >>> round(tgw_bound(0.1), 6)
    0.289507
    """
    trans = probability("eta", eta)
    with np.errstate(divide="ignore"):
        return scalar_or_array((np.log1p(trans) - np.log1p(-trans)) / LN2)


def single_repeater_bound(eta: ArrayLike) -> FloatOrArray:
    """End-to-end capacity with one ideal repeater in the middle of a pure-loss channel of transmittance eta.

    ``-log2(1 - sqrt(eta))``: the PLOB bound of each half (transmittance ``sqrt(eta)``). Twin-field QKD,
    whose rate scales as ``sqrt(eta)``, cannot beat it. Pirandola, "End-to-end capacities of a quantum
    communication network", Commun. Phys. 2, 51 (2019), doi:10.1038/s42005-019-0147-3.

    Parameters
    ----------
    eta : end-to-end transmittance in [0, 1].

    Examples
    --------
    >>> round(single_repeater_bound(1e-2), 6)
    0.152003
    """
    trans = probability("eta", eta)
    with np.errstate(divide="ignore"):
        return scalar_or_array(-np.log1p(-np.sqrt(trans)) / LN2)


def shor_preskill_rate(qber: ArrayLike, *, ec_efficiency: ArrayLike = 1.0) -> FloatOrArray:
    """Asymptotic BB84 secret fraction per sifted bit: ``max(0, 1 - f h(Q) - h(Q))``.

    With ideal error correction (``f = 1``) this is ``1 - 2 h(Q)``, zero from Q* = 11.0 %
    (Shor & Preskill, PRL 85, 441, 2000, doi:10.1103/PhysRevLett.85.441). ``f > 1`` accounts for
    practical error-correcting codes (f = 1.22 moves the threshold to 9.42 %).
    A QBER above 1/2 gives 0: the protocol is taken as run, without Bob flipping his bits.

    Parameters
    ----------
    qber : quantum bit error rate Q in [0, 1].
    ec_efficiency : error-correction inefficiency f >= 1.

    Examples
    --------
    >>> round(shor_preskill_rate(0.01), 5)
    0.83841
    >>> shor_preskill_rate(0.12)
    0.0
    """
    q = probability("qber", qber)
    f = number("ec_efficiency", ec_efficiency, 1.0)
    h = np.asarray(binary_entropy(q))
    rate = np.where(q <= 0.5, np.maximum(0.0, 1.0 - f * h - h), 0.0)
    return scalar_or_array(rate)


def shor_preskill_threshold(ec_efficiency: float = 1.0) -> float:
    """The QBER at which the Shor–Preskill secret fraction ``1 - f h(Q) - h(Q)`` reaches zero (root finding).

    Parameters
    ----------
    ec_efficiency : error-correction inefficiency f >= 1.

    Examples
    --------
    >>> round(shor_preskill_threshold(), 6)
    0.110028
    >>> round(shor_preskill_threshold(1.22), 5)
    0.09424
    """
    f = float(number("ec_efficiency", ec_efficiency, 1.0))
    return float(brentq(lambda q: 1.0 - (1.0 + f) * binary_entropy(q), 1e-12, 0.5, xtol=1e-15))


def _chsh_checked(chsh: ArrayLike) -> np.ndarray:
    """CHSH values checked to lie in [0, 2 sqrt 2] (up to CHSH_TOLERANCE), rounding excess removed."""
    s = number("chsh", chsh, 0.0, TSIRELSON + CHSH_TOLERANCE)
    return np.minimum(s, TSIRELSON)


def di_qkd_rate(chsh: ArrayLike, qber: ArrayLike) -> FloatOrArray:
    """Device-independent QKD key rate against collective attacks, bits per key bit.

    ``r = max(0, 1 - h(Q) - h((1 + sqrt((S/2)^2 - 1)) / 2))`` for ``S > 2``, and 0 for ``S <= 2``
    (no Bell violation, no key). Acín, Brunner, Gisin, Massar, Pironio, Scarani, PRL 98, 230501 (2007),
    doi:10.1103/PhysRevLett.98.230501.

    Parameters
    ----------
    chsh : CHSH value |S| in [0, 2 sqrt 2]; values above 2 sqrt 2 by at most 1e-9 (rounding in data)
        are taken as 2 sqrt 2.
    qber : bit error rate Q of the key basis in [0, 1]; above 1/2 the rate is 0.

    Examples
    --------
    >>> round(di_qkd_rate(2.7, 0.02), 5)
    0.58704
    >>> di_qkd_rate(2.0, 0.0)
    0.0
    """
    s = _chsh_checked(chsh)
    q = probability("qber", qber)
    # (S/2)^2 - 1 is >= 0 for S > 2; at S = 2 sqrt 2 rounding can push the argument of h a hair above 1.
    eve_arg = np.minimum((1.0 + np.sqrt(np.maximum((s / 2.0) ** 2 - 1.0, 0.0))) / 2.0, 1.0)
    eve = np.asarray(binary_entropy(eve_arg))
    rate = 1.0 - np.asarray(binary_entropy(q)) - eve
    return scalar_or_array(np.where((s > 2.0) & (q <= 0.5), np.maximum(rate, 0.0), 0.0))


@dataclass(frozen=True)
class WernerThreshold:
    """Where the DI-QKD rate of a Werner (visibility) state reaches zero."""

    visibility: float
    qber: float
    chsh: float


def di_qkd_werner_rate(visibility: ArrayLike) -> FloatOrArray:
    """DI-QKD rate of a Werner state ``V |Phi+><Phi+| + (1 - V) I/4``: ``di_qkd_rate(2 sqrt2 V, (1 - V)/2)``.

    Parameters
    ----------
    visibility : V in [0, 1].

    Examples
    --------
    >>> round(di_qkd_werner_rate(0.95), 5)
    0.53906
    """
    v = probability("visibility", visibility)
    return di_qkd_rate(TSIRELSON * v, (1.0 - v) / 2.0)


def di_qkd_werner_threshold() -> WernerThreshold:
    """The visibility V*, QBER Q* = (1 - V*)/2 and CHSH S* = 2 sqrt2 V* below which DI-QKD gives no key.

    Found by root finding on `di_qkd_werner_rate` (the "about 7.1 % QBER" tolerance of CHSH-based DI-QKD).

    Examples
    --------
    >>> t = di_qkd_werner_threshold()
    >>> round(t.visibility, 5), round(100 * t.qber, 3), round(t.chsh, 5)
    (0.85702, 7.149, 2.42401)
    """

    def unclipped(v: float) -> float:
        s, q = TSIRELSON * v, (1.0 - v) / 2.0
        return float(1.0 - binary_entropy(q) - binary_entropy((1.0 + math.sqrt((s / 2.0) ** 2 - 1.0)) / 2.0))

    v_star = float(brentq(unclipped, 1.0 / math.sqrt(2.0) + 1e-9, 1.0, xtol=1e-14))
    return WernerThreshold(visibility=v_star, qber=(1.0 - v_star) / 2.0, chsh=TSIRELSON * v_star)
