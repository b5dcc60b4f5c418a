"""Plots for notebooks 01-03: each draws what it is given on the Axes it is given (or a new one) and returns it."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.axes import Axes

from qinet.plots import COLORS, fiber
from qinet.plots import entanglement as ent
from qinet.plots import teleportation as tele


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def test_outcome_histogram_shows_fractions_with_alice_first():
    ax = ent.outcome_histogram({"01": 30, "10": 10, "00": 60}, title="t")
    heights = {p.get_x(): p.get_height() for p in ax.patches}
    assert isinstance(ax, Axes) and len(ax.patches) == 4
    assert sorted(heights.values()) == pytest.approx([0.0, 0.1, 0.3, 0.6])
    assert [t.get_text() for t in ax.get_xticklabels()] == ["00", "10", "01", "11"]  # key "01" = Alice 1, Bob 0


def test_correlation_curve_draws_formula_and_points_on_given_axes():
    _, given = plt.subplots()
    angles = np.linspace(-np.pi, np.pi, 7)
    ax = ent.correlation_curve(angles, np.cos(angles), measured_angles=[0.0], measured=[0.98], stderr=[0.01], ax=given)
    assert ax is given
    np.testing.assert_allclose(ax.lines[0].get_xdata(), np.degrees(angles))
    assert ax.get_legend() is not None and len(ax.containers) == 1


def test_cloning_fidelity_marks_the_classical_limit():
    ax = ent.cloning_fidelity([1, 2, 3], [1.0, 5 / 6, 7 / 9], classical_limit=2 / 3, measured=0.83, stderr=0.01)
    ys = [line.get_ydata()[0] for line in ax.lines if len(line.get_ydata()) == 2]
    assert 2 / 3 in ys and len(ax.containers) == 1


def test_fidelity_vs_resource_has_curve_limit_points_and_device():
    f = np.linspace(0.25, 1, 4)
    ax = tele.fidelity_vs_resource(
        f,
        (2 * f + 1) / 3,
        classical_limit=2 / 3,
        measured_resource=[0.5],
        measured=[0.66],
        stderr=[0.01],
        device=(1.0, 0.9),
    )
    labels = ax.get_legend_handles_labels()[1]
    assert set(labels) == {"(2F + 1)/3", "classical limit 2/3", "fake IBM device", "measured on Aer"}


def test_chsh_regions_shades_three_regions_and_draws_both_bounds():
    v = np.linspace(0, 1, 11)
    ax = ent.chsh_regions(
        v,
        2 * np.sqrt(2) * v,
        entangled_above=1 / 3,
        violates_above=1 / np.sqrt(2),
        local_bound=2.0,
        quantum_bound=2 * np.sqrt(2),
        measured_visibility=[0.5],
        measured=[1.4],
        stderr=[0.05],
    )
    assert len(ax.patches) == 3 and len(ax.containers) == 1
    ys = {round(float(line.get_ydata()[0]), 3) for line in ax.lines if len(line.get_ydata()) == 2}
    assert {2.0, 2.828} <= ys
    assert [t.get_text() for t in ax.texts] == ["separable", "entangled,\nno violation", "violates\nCHSH"]


def test_field_fidelities_prepares_log_distance_axes_with_the_classical_limit():
    ax = tele.field_fidelities(classical_limit=2 / 3)
    assert ax.get_xscale() == "log" and ax.get_legend_handles_labels()[1] == ["classical limit 2/3"]


def test_superdense_table_shows_conditional_probabilities():
    results = {m: {m: 90, "00" if m != "00" else "11": 10} for m in ("00", "01", "10", "11")}
    ax = tele.superdense_table(results)
    image = ax.images[0].get_array()
    np.testing.assert_allclose(np.diag(image), 0.9)
    np.testing.assert_allclose(image.sum(axis=1), 1.0)


def test_fiber_transmittance_and_delay():
    lengths = np.linspace(0, 200, 5)
    eta = 10 ** (-0.02 * lengths)
    ax = fiber.transmittance(lengths, eta, marks_km=[100.0])
    assert ax.get_yscale() == "log" and "1 %" in ax.texts[0].get_text()
    ax = fiber.delay(lengths, lengths / 2e5)
    np.testing.assert_allclose(ax.lines[1].get_ydata(), 2 * ax.lines[0].get_ydata())


def test_rates_vs_distance_hides_zero_rates_and_colours_the_bound():
    lengths = np.linspace(0, 100, 3)
    ax = fiber.rates_vs_distance(
        lengths,
        {"direct": np.array([1.0, 0.1, 0.0]), "plob": np.array([2.0, 0.2, 0.02])},
        labels={"plob": "PLOB"},
        mark_km=50,
    )
    assert np.isnan(ax.lines[0].get_ydata()[-1]) and ax.lines[1].get_color() == COLORS["bound"]
    assert ax.get_legend_handles_labels()[1] == ["direct", "PLOB"]


def test_chsh_vs_distance_draws_both_bounds():
    lengths = np.linspace(0, 100, 3)
    ax = fiber.chsh_vs_distance(lengths, np.array([2.8, 2.4, 2.0]), measured_km=[50], measured=[2.4], stderr=[0.05])
    ys = {round(float(line.get_ydata()[0]), 6) for line in ax.lines if len(line.get_ydata()) == 2}
    assert {2.0, round(2 * np.sqrt(2), 6)} <= ys
