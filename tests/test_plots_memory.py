"""Plots and exercise checks added for notebooks 05-06: T1 relaxation, coherence times, 1G nesting times."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from qinet import measurements, states  # noqa: E402
from qinet.plots import purification as purplots  # noqa: E402
from qinet.plots import repeaters as repplots  # noqa: E402


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def test_relaxation_plot_shades_the_overestimate_and_shows_aer_points():
    t = np.linspace(0.0, 3.0, 31)
    ax = repplots.relaxation(
        t,
        states.stored_fidelity(1.0, t, 1.0),
        states.stored_fidelity(1.0, t, 1.0, t1_s=1.0),
        on_aer=[(0.5, 0.7049), (1.0, 0.5259)],
    )
    labels = [text.get_text() for text in ax.get_legend().get_texts()]
    assert "overestimate" in labels and "thermal relaxation on Aer" in labels
    assert len(ax.collections) == 1


def test_memory_wait_without_waiting_and_with_t1():
    times = np.logspace(-5, 2, 50)
    ax = repplots.memory_wait(
        times,
        states.stored_fidelity(1.0, times, 1.0, qubits=2),
        round_trip_s=1e-3,
        mean_idle_s=0.0,
        average_fidelity=1.0,
        t2_s=1.0,
        relaxed=states.stored_fidelity(1.0, times, 1.0, t1_s=1.0, qubits=2),
    )
    labels = [text.get_text() for text in ax.get_legend().get_texts()]
    assert "mean wait for the other link" not in labels and "stored pair F(t), T₁ and T₂" in labels


def test_coherence_times_plot_draws_every_memory_and_requirement():
    memories = [m for m in measurements.REPEATERS if m.unit == "s"]
    ax = repplots.coherence_times(memories, {"needed at 100 km": 0.8, "needed at 300 km": 2.3e4})
    assert ax.get_yscale() == "log"
    assert sorted(t.get_text() for t in ax.texts) == sorted(m.label for m in memories)
    assert len([line for line in ax.lines if line.get_linestyle() in (":", "--")]) == 2


def test_nesting_times_plot():
    levels = np.arange(3, 6)
    ax = purplots.nesting_times(
        levels,
        np.array([1.6, 0.08, 0.027]),
        (np.array([1.3, 0.05, 0.015]), np.full(3, 1e-3)),
        np.array([5.5e-3, 5.2e-3, 5.0e-3]),
    )
    assert ax.get_yscale() == "log" and "nesting level" in ax.get_xlabel()
