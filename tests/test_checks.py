"""qinet.checks and qinet.measurements: every check passes on agreement and fails on disagreement."""

from __future__ import annotations

import math

import pytest

from qinet import checks, measurements
from qinet.checks import CheckFailed
from qinet.measurements import Measurement

LOSS = Measurement("demo-loss", "loss", 29.0, 1.0, "dB", "a test", "Doe (2020)", "10.0/x", 2020, "Doe 2020", "demo")
FLOOR = Measurement(
    "demo-floor",
    "coherence time",
    1.0,
    0.0,
    "s",
    "a test",
    "Doe (2020)",
    "10.0/y",
    2020,
    "Doe",
    "demo",
    kind="lower bound",
)


def test_close_passes_within_and_fails_outside_the_tolerance():
    assert "✓" in checks.close(1.0005, 1.0, rtol=1e-3)
    with pytest.raises(CheckFailed, match="differs from 1 by 0.002"):
        checks.close(1.002, 1.0, rtol=1e-3)


def test_within_stderr_counts_standard_errors_and_refuses_a_zero_error_bar():
    assert "0.5 standard errors" in checks.within_stderr(0.505, 0.5, 0.01)
    with pytest.raises(CheckFailed, match="5.0 standard errors"):
        checks.within_stderr(0.55, 0.5, 0.01)
    with pytest.raises(ValueError, match="stderr must be > 0"):
        checks.within_stderr(0.5, 0.5, 0.0)


@pytest.mark.parametrize("bad", [math.nan, math.inf, "x", None])
def test_checks_refuse_values_that_are_not_finite_numbers(bad):
    with pytest.raises((ValueError, TypeError), match="value"):
        checks.close(bad, 1.0)


def test_agrees_with_combines_uncertainties_and_fails_a_wrong_model():
    assert "1.0 σ" in checks.agrees_with(28.0, LOSS)
    with pytest.raises(CheckFailed, match="3.0 σ apart"):
        checks.agrees_with(26.0, LOSS)
    assert "✓" in checks.agrees_with(26.0, LOSS, model_uncertainty=math.sqrt(3.0))


def test_agrees_with_a_bound_only_fails_beyond_it():
    assert "✓" in checks.agrees_with(5.0, FLOOR)
    with pytest.raises(CheckFailed):
        checks.agrees_with(0.5, FLOOR)


def test_differs_from_holds_the_stated_gap_both_ways():
    assert "12 dB below" in checks.differs_from(17.0, LOSS, by=-12.0, within=1.5)
    with pytest.raises(CheckFailed, match="states -12"):
        checks.differs_from(26.0, LOSS, by=-12.0, within=1.5)
    with pytest.raises(CheckFailed):
        checks.differs_from(10.0, LOSS, by=-12.0, within=1.5)


def test_at_defaults_says_which_parameter_changed(capsys):
    assert checks.at_defaults(SEED=(7, 7), ANGLES=([0.1, 0.2], [0.1, 0.2]))
    assert capsys.readouterr().out == ""
    assert not checks.at_defaults(SEED=(8, 7))
    assert "SEED = 8 (default 7)" in capsys.readouterr().out


def test_every_measurement_is_complete_and_cites_a_doi_or_arxiv_id():
    assert measurements.ALL
    for m in measurements.ALL:
        assert m.quantity and m.conditions and m.source and m.label, m.key
        assert m.doi.startswith(("10.", "arXiv:")), m.key
        assert 1980 <= m.year <= 2026, m.key
        assert m.kind != "value" or m.uncertainty > 0, f"{m.key}: a value needs its uncertainty"
        assert measurements.get(m.key) is m


def test_unknown_keys_and_topics_fail_clearly():
    with pytest.raises(KeyError, match="no measurement 'yin2099'"):
        measurements.get("yin2099")
    with pytest.raises(TypeError, match="key must be a string"):
        measurements.get(3)
    with pytest.raises(ValueError, match="kind must be one of"):
        Measurement("k", "q", 1.0, 0.1, "", "c", "s", "10.1/x", 2020, "l", "t", kind="guess")


def test_no_published_figure_is_entered_twice():
    seen: dict[tuple, str] = {}
    for m in measurements.ALL:
        fingerprint = (m.doi, m.value, tuple(sorted(m.parameters.items())))
        assert fingerprint not in seen, f"{m.key} repeats {seen[fingerprint]}"
        seen[fingerprint] = m.key
