"""Tests for qinet.bounds against numbers computed from the published bounds (PLOB, TGW, Shor–Preskill, Acín et al.)."""

import math

import numpy as np
import pytest

from qinet import bounds

RTOL = 1e-3


@pytest.mark.parametrize(
    ("eta", "plob", "tgw", "single"),
    [
        (0.1, 0.152003, 0.289507, 0.548412),
        (1e-2, 1.44996e-2, 2.88549e-2, 0.152003),
        (1e-4, 1.44277e-4, 2.88539e-4, 1.44996e-2),
        (1e-6, 1.44270e-6, 2.88539e-6, 1.44342e-3),
        (1e-10, 1.44270e-10, 2.88539e-10, 1.44270e-5),
    ],
)
def test_repeaterless_bounds_table(eta: float, plob: float, tgw: float, single: float) -> None:
    """PLOB (Pirandola et al., Nat. Commun. 8, 15043 (2017)), TGW (Takeoka, Guha & Wilde, Nat. Commun. 5, 5235
    (2014)) and the single-repeater bound (Pirandola, Commun. Phys. 2, 51 (2019))."""
    assert bounds.plob_bound(eta) == pytest.approx(plob, rel=RTOL, abs=0)
    assert bounds.tgw_bound(eta) == pytest.approx(tgw, rel=RTOL, abs=0)
    assert bounds.single_repeater_bound(eta) == pytest.approx(single, rel=RTOL, abs=0)


def test_bounds_accurate_for_tiny_eta() -> None:
    """Slopes 1/ln2 and 2/ln2 hold to full precision at 1e-20 and 1e-300 (log1p, no cancellation)."""
    for eta in (1e-20, 1e-300):
        assert bounds.plob_bound(eta) == pytest.approx(eta / math.log(2), rel=1e-12, abs=0)
        assert bounds.tgw_bound(eta) == pytest.approx(2 * eta / math.log(2), rel=1e-12, abs=0)
    assert bounds.plob_bound(0.0) == 0.0
    assert bounds.tgw_bound(1e-20) / bounds.plob_bound(1e-20) == pytest.approx(2.0, rel=1e-12)


def test_bounds_at_eta_one_are_infinite_and_arrays_broadcast() -> None:
    assert math.isinf(bounds.plob_bound(1.0))
    assert math.isinf(bounds.tgw_bound(1.0))
    assert math.isinf(bounds.single_repeater_bound(1.0))
    out = bounds.plob_bound(np.array([[0.1], [0.01]]))
    assert out.shape == (2, 1)
    assert isinstance(bounds.plob_bound(0.5), float)


def test_binary_entropy() -> None:
    assert bounds.binary_entropy(0.0) == 0.0
    assert bounds.binary_entropy(1.0) == 0.0
    assert bounds.binary_entropy(0.5) == 1.0
    assert bounds.binary_entropy(0.11) == pytest.approx(0.499916, rel=1e-5)
    tiny = 1e-20
    assert bounds.binary_entropy(tiny) == pytest.approx((-tiny * math.log(tiny) + tiny) / math.log(2), rel=1e-12)
    np.testing.assert_allclose(bounds.binary_entropy([0.2, 0.8]), bounds.binary_entropy(0.2))


@pytest.mark.parametrize(
    ("qber", "rate"),
    [(0.01, 0.83841), (0.02, 0.71712), (0.03, 0.61122), (0.05, 0.42721), (0.08, 0.19564), (0.10, 0.06201)],
)
def test_shor_preskill_rates(qber: float, rate: float) -> None:
    """Shor & Preskill, PRL 85, 441 (2000): r(Q) = 1 - 2 h(Q)."""
    assert bounds.shor_preskill_rate(qber) == pytest.approx(rate, rel=RTOL)


def test_shor_preskill_threshold_and_edges() -> None:
    """Q* = 0.110028 (f = 1) and 9.424 % (f = 1.22), both by root finding."""
    assert bounds.shor_preskill_threshold() == pytest.approx(0.110028, rel=1e-5)
    assert bounds.shor_preskill_threshold(1.22) == pytest.approx(0.09424, rel=1e-3)
    q_star = bounds.shor_preskill_threshold()
    assert bounds.shor_preskill_rate(q_star - 1e-4) > 0.0
    assert bounds.shor_preskill_rate(q_star + 1e-4) == 0.0
    assert bounds.shor_preskill_rate(0.0) == 1.0
    np.testing.assert_array_equal(bounds.shor_preskill_rate([0.25, 0.6, 1.0]), 0.0)
    assert bounds.shor_preskill_rate(0.05, ec_efficiency=1.22) < bounds.shor_preskill_rate(0.05)


@pytest.mark.parametrize(
    ("chsh", "qber", "rate"),
    [
        (2 * math.sqrt(2), 0.0, 1.0),
        (2.7, 0.02, 0.58704),
        (2.6, 0.03, 0.38719),
        (2.5, 0.05, 0.17004),
        (2.37, 0.05, 0.02894),
    ],
)
def test_di_qkd_rates(chsh: float, qber: float, rate: float) -> None:
    """The DI-QKD bound of Acín et al., PRL 98, 230501 (2007)."""
    assert bounds.di_qkd_rate(chsh, qber) == pytest.approx(rate, rel=RTOL)


@pytest.mark.parametrize(("v", "rate"), [(0.99, 0.87345), (0.98, 0.77660), (0.95, 0.53906), (0.9, 0.22495)])
def test_di_qkd_werner_family(v: float, rate: float) -> None:
    """Werner family: S = 2 sqrt2 V, Q = (1 - V)/2 in the bound of Acín et al., PRL 98, 230501 (2007)."""
    assert bounds.di_qkd_werner_rate(v) == pytest.approx(rate, rel=RTOL)
    assert bounds.di_qkd_rate(2 * math.sqrt(2) * v, (1 - v) / 2) == pytest.approx(rate, rel=RTOL)


def test_di_qkd_werner_threshold() -> None:
    """V* = 0.85702, Q* = 7.149 %, S* = 2.42401 (Acín et al., PRL 98, 230501 (2007), Werner family), by root finding."""
    t = bounds.di_qkd_werner_threshold()
    assert t.visibility == pytest.approx(0.85702, rel=1e-4)
    assert t.qber == pytest.approx(0.07149, rel=1e-3)
    assert t.chsh == pytest.approx(2.42401, rel=1e-5)
    assert bounds.di_qkd_werner_rate(t.visibility + 1e-4) > 0.0
    assert bounds.di_qkd_werner_rate(t.visibility - 1e-4) == 0.0


def test_di_qkd_edges() -> None:
    """No violation, no key; a rounding excess above 2 sqrt2 within 1e-9 is tolerated; arrays broadcast."""
    np.testing.assert_array_equal(bounds.di_qkd_rate([0.0, 1.5, 2.0], 0.0), 0.0)
    assert bounds.di_qkd_rate(2 * math.sqrt(2) + 5e-10, 0.0) == 1.0
    with pytest.raises(ValueError, match="chsh"):
        bounds.di_qkd_rate(2.83, 0.0)
    out = bounds.di_qkd_rate(np.array([2.5, 2.7]), np.array([[0.0], [0.05]]))
    assert out.shape == (2, 2)
    assert bounds.di_qkd_rate(2.7, 0.6) == 0.0


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: bounds.plob_bound(-0.1), "eta"),
        (lambda: bounds.tgw_bound(1.1), "eta"),
        (lambda: bounds.binary_entropy(2.0), "p"),
        (lambda: bounds.shor_preskill_rate(-0.01), "qber"),
        (lambda: bounds.shor_preskill_rate(0.01, ec_efficiency=0.9), "ec_efficiency"),
        (lambda: bounds.di_qkd_rate(-1.0, 0.0), "chsh"),
        (lambda: bounds.di_qkd_rate(2.5, 1.5), "qber"),
        (lambda: bounds.plob_bound("abc"), "eta"),
    ],
)
def test_bad_input_names_parameter(call, name: str) -> None:
    with pytest.raises(ValueError, match=name):
        call()
