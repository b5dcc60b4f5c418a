"""Checks that can fail: compare a model with something independent of it, and say how it went.

A notebook's ``## Checks`` cells call these instead of bare ``assert``: each function returns a
:class:`Passed` sentence (shown as the cell's output) or raises :class:`CheckFailed`, an
``AssertionError`` whose message says what disagreed, by how much and against what. The comparison
is always with something the model does not contain: a published measurement
(:mod:`qinet.measurements`) within its uncertainty, an exact or Monte Carlo computation, or a run
on Aer within its binomial error.

Examples
--------
>>> within_stderr(0.503, 0.5, 0.01, what="P(0) on Aer")
✓ P(0) on Aer: 0.503 vs 0.5 expected, 0.3 standard errors apart (allowed 4)
>>> close(2.0, 3.0, rtol=0.01, what="Bell pairs")
Traceback (most recent call last):
...
qinet.checks.CheckFailed: Bell pairs: 2 differs from 3 by 1 (allowed 0.03)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from qinet.measurements import Measurement


class CheckFailed(AssertionError):
    """A check found the model and its independent reference in disagreement."""


class Passed(str):
    """The sentence a passing check returns; it displays without quotes."""

    def __repr__(self) -> str:
        return str(self)


def _finite(name: str, value: object) -> float:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be a real number, got {value!r}") from None
    if not math.isfinite(number):
        raise ValueError(f"{name} must be finite, got {number!r}")
    return number


def _label(what: str) -> str:
    if not isinstance(what, str):
        raise TypeError(f"what must be a string (what is being checked), got {what!r}")
    return f"{what}: " if what else ""


def _measurement(measurement: object) -> Measurement:
    from qinet.measurements import Measurement

    if not isinstance(measurement, Measurement):
        raise TypeError(
            "measurement must be a Measurement from qinet.measurements (e.g. measurements.get(key)), "
            f"got {measurement!r}"
        )
    return measurement


def close(value: float, expected: float, *, rtol: float = 1e-9, atol: float = 0.0, what: str = "") -> Passed:
    """``value`` equals an independently computed ``expected`` within ``atol + rtol·|expected|``.

    Use it for exact references: a density matrix computed another way, a limit from a paper,
    a number counted on the circuit.

    Examples
    --------
    >>> close(0.8381, 0.838150, rtol=1e-3, what="BBPSSW F'")
    ✓ BBPSSW F': 0.8381 vs 0.83815 expected (allowed ± 0.000838)
    """
    label = _label(what)
    v, e = _finite("value", value), _finite("expected", expected)
    allowed = _finite("atol", atol) + _finite("rtol", rtol) * abs(e)
    if not abs(v - e) <= allowed:
        raise CheckFailed(f"{label}{v:.6g} differs from {e:.6g} by {abs(v - e):.3g} (allowed {allowed:.3g})")
    return Passed(f"✓ {label}{v:.6g} vs {e:.6g} expected (allowed ± {allowed:.3g})")


def within_stderr(estimate: float, expected: float, stderr: float, *, sigmas: float = 4.0, what: str = "") -> Passed:
    """A sampled ``estimate`` (Aer shots, Monte Carlo) lies within ``sigmas`` standard errors of ``expected``.

    ``stderr`` must be positive: a zero error bar would make any deviation a failure and an exact
    hit a pass by luck (use :func:`close` for exact references).

    Examples
    --------
    >>> within_stderr(2.41, 2.828, 0.05, what="CHSH S")
    Traceback (most recent call last):
    ...
    qinet.checks.CheckFailed: CHSH S: 2.41 is 8.4 standard errors from 2.828 expected (allowed 4)
    """
    label = _label(what)
    est, exp = _finite("estimate", estimate), _finite("expected", expected)
    err, k = _finite("stderr", stderr), _finite("sigmas", sigmas)
    if err <= 0:
        raise ValueError(f"stderr must be > 0, got {err!r}; for exact references use checks.close")
    z = abs(est - exp) / err
    if not z <= k:
        raise CheckFailed(f"{label}{est:.4g} is {z:.1f} standard errors from {exp:.4g} expected (allowed {k:g})")
    return Passed(f"✓ {label}{est:.4g} vs {exp:.4g} expected, {z:.1f} standard errors apart (allowed {k:g})")


def at_least(value: float, limit: float, *, what: str = "") -> Passed:
    """``value`` is not below ``limit``, a bound from a paper (a theorem's limit, a published threshold).

    Examples
    --------
    >>> at_least(0.923, 2 / 3, what="DI-QKD efficiency threshold vs Eberhard's 2/3")
    ✓ DI-QKD efficiency threshold vs Eberhard's 2/3: 0.923 ≥ 0.666667
    """
    v, lim = _finite("value", value), _finite("limit", limit)
    if not v >= lim:
        raise CheckFailed(f"{_label(what)}{v:.6g} is below the limit {lim:.6g}")
    return Passed(f"✓ {_label(what)}{v:.6g} ≥ {lim:.6g}")


def at_most(value: float, limit: float, *, what: str = "") -> Passed:
    """``value`` does not exceed ``limit``, a bound from a paper (a capacity, a maximum).

    Examples
    --------
    >>> at_most(1.5, 1.0, what="key per channel use vs PLOB")
    Traceback (most recent call last):
    ...
    qinet.checks.CheckFailed: key per channel use vs PLOB: 1.5 exceeds the limit 1
    """
    v, lim = _finite("value", value), _finite("limit", limit)
    if not v <= lim:
        raise CheckFailed(f"{_label(what)}{v:.6g} exceeds the limit {lim:.6g}")
    return Passed(f"✓ {_label(what)}{v:.6g} ≤ {lim:.6g}")


def agrees_with(
    model_value: float,
    measurement: Measurement,
    *,
    sigmas: float = 2.0,
    model_uncertainty: float = 0.0,
) -> Passed:
    """A model's prediction agrees with a published ``measurement`` within ``sigmas`` combined uncertainties.

    The combined uncertainty is ``√(u_meas² + u_model²)``. For a measurement published as a bound
    (``kind`` ``"lower bound"`` / ``"upper bound"``) the model must not lie beyond it by more than
    that. Say the model's assumptions next to the check, in the notebook.

    Examples
    --------
    >>> from qinet.measurements import Measurement
    >>> m = Measurement("demo", "loss", 29.0, 1.0, "dB", "a test", "Doe (2020)", "10.0/d", 2020, "Doe 2020", "demo")
    >>> agrees_with(28.0, m)
    ✓ loss: model 28 dB vs 29 ± 1 dB measured (Doe 2020), 1.0 σ apart (allowed 2)
    """
    measurement = _measurement(measurement)
    model = _finite("model_value", model_value)
    k, u_model = _finite("sigmas", sigmas), _finite("model_uncertainty", model_uncertainty)
    sigma = math.hypot(measurement.uncertainty, u_model)
    unit = f" {measurement.unit}" if measurement.unit else ""
    shown = f"{measurement.value:.4g}{' ± ' + format(measurement.uncertainty, '.2g') if sigma else ''}{unit}"
    where = f"{measurement.quantity}: model {model:.4g}{unit} vs {shown} measured ({measurement.label})"
    if measurement.kind == "lower bound":
        ok, apart = model >= measurement.value - k * sigma, (measurement.value - model) / sigma if sigma else 0.0
    elif measurement.kind == "upper bound":
        ok, apart = model <= measurement.value + k * sigma, (model - measurement.value) / sigma if sigma else 0.0
    else:
        if sigma <= 0:
            raise ValueError(f"measurement {measurement.key!r} has no uncertainty: pass model_uncertainty > 0")
        apart = abs(model - measurement.value) / sigma
        ok = apart <= k
    if not ok:
        raise CheckFailed(f"{where} disagree: {apart:.1f} σ apart (allowed {k:g})")
    return Passed(f"✓ {where}, {max(apart, 0.0):.1f} σ apart (allowed {k:g})")


def differs_from(model_value: float, measurement: Measurement, *, by: float, within: float) -> Passed:
    """A model misses a measurement by a stated gap: ``model − measured = by ± within``.

    For models that knowingly leave something out (the notebook says what and why), so that a model
    that drifts either way fails the check.

    Examples
    --------
    >>> from qinet.measurements import Measurement
    >>> m = Measurement("demo", "loss", 29.0, 1.0, "dB", "a test", "Doe (2020)", "10.0/d", 2020, "Doe 2020", "demo")
    >>> differs_from(17.0, m, by=-12.0, within=2.0)
    ✓ loss: model 17 dB is 12 dB below the 29 dB measured (Doe 2020), as stated (-12 ± 2 dB)
    """
    measurement = _measurement(measurement)
    model, gap, tol = _finite("model_value", model_value), _finite("by", by), _finite("within", within)
    diff = model - measurement.value
    unit = f" {measurement.unit}" if measurement.unit else ""
    side = "above" if diff >= 0 else "below"
    where = f"{measurement.quantity}: model {model:.4g}{unit} is {abs(diff):.3g}{unit} {side} the "
    where += f"{measurement.value:.4g}{unit} measured ({measurement.label})"
    if not abs(diff - gap) <= tol:
        raise CheckFailed(f"{where}; the notebook states {gap:+.3g} ± {tol:.3g}{unit}")
    return Passed(f"✓ {where}, as stated ({gap:+.3g} ± {tol:.3g}{unit})")


def below(value: float, limit: float, *, what: str = "") -> Passed:
    """``value`` lies strictly below ``limit``: a measured rate under a proven bound, or a bound under a record.

    Examples
    --------
    >>> below(2.6e-9, 1.1e-8, what="BB84 key per pulse under the PLOB bound")
    ✓ BB84 key per pulse under the PLOB bound: 2.6e-09 < 1.1e-08 (a factor 4.2 below)
    >>> below(3.0, 2.0, what="rate")
    Traceback (most recent call last):
    ...
    qinet.checks.CheckFailed: rate: 3 is not below 2
    """
    label = _label(what)
    v, lim = _finite("value", value), _finite("limit", limit)
    if not v < lim:
        raise CheckFailed(f"{label}{v:.3g} is not below {lim:.3g}")
    factor = f" (a factor {lim / v:.3g} below)" if v > 0 else ""
    return Passed(f"✓ {label}{v:.3g} < {lim:.3g}{factor}")


def exceeds(value: float, limit: float, *, what: str = "") -> Passed:
    """``value`` lies strictly above ``limit``: a measurement that beats a bound, a rate above a threshold.

    For claims of the form "this result is impossible for any model below the limit" (a twin-field key
    rate above the repeaterless bound), where the size of the margin is not the point.

    Examples
    --------
    >>> exceeds(9.5e-12, 1.3e-16, what="key rate vs PLOB bound")
    ✓ key rate vs PLOB bound: 9.5e-12 exceeds 1.3e-16 (by a factor 7.31e+04)
    >>> exceeds(1.0, 2.0, what="rate")
    Traceback (most recent call last):
    ...
    qinet.checks.CheckFailed: rate: 1 does not exceed 2
    """
    v, lim = _finite("value", value), _finite("limit", limit)
    if not v > lim:
        raise CheckFailed(f"{_label(what)}{v:.4g} does not exceed {lim:.4g}")
    factor = f" (by a factor {v / lim:.3g})" if lim > 0 else ""
    return Passed(f"✓ {_label(what)}{v:.4g} exceeds {lim:.4g}{factor}")


def _same(current: object, default: object) -> bool:
    if isinstance(current, (str, bytes)) or isinstance(default, (str, bytes)):
        return current == default
    if isinstance(current, (Sequence, np.ndarray)) or isinstance(default, (Sequence, np.ndarray)):
        try:
            return bool(np.array_equal(np.asarray(current, dtype=object), np.asarray(default, dtype=object)))
        except (TypeError, ValueError):
            return False
    return bool(current == default)


def at_defaults(**parameters: tuple[object, object]) -> bool:
    """True when every parameter still has its default; otherwise print which changed and return False.

    Checks that hold only for a notebook's default parameters (a seeded count, a worked number)
    are guarded with it, so a student who changes a parameter sees why they are skipped instead
    of a bare ``AssertionError``: ``if checks.at_defaults(SEED=(SEED, 7), SHOTS=(SHOTS, 2000)): ...``

    Examples
    --------
    >>> at_defaults(SEED=(7, 7), SHOTS=(500, 2000))  # doctest: +ELLIPSIS
    These checks hold for the notebook's default parameters; you changed SHOTS = 500 (default 2000), ...
    False
    """
    changed = [(name, cur, dflt) for name, (cur, dflt) in parameters.items() if not _same(cur, dflt)]
    if not changed:
        return True
    listed = ", ".join(f"{name} = {cur!r} (default {dflt!r})" for name, cur, dflt in changed)
    them = "it" if len(changed) == 1 else "them"
    print(
        "These checks hold for the notebook's default parameters; "
        f"you changed {listed}, so they are skipped. Set {them} back and rerun to check."
    )
    return False
