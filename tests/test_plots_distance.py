"""Plots for notebooks 04–06: each draws what it is given on the Axes it returns."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from qinet import generations, links, orbits, states  # noqa: E402
from qinet.plots import purification as purplots  # noqa: E402
from qinet.plots import repeaters as repplots  # noqa: E402
from qinet.plots import satellite as satplots  # noqa: E402


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def pass_budget():
    return orbits.pass_budget(orbits.satellite_pass(offset_km=100.0, n_points=241))


def test_loss_vs_elevation_stacks_three_parts():
    elev = np.linspace(5, 90, 20)
    ax = satplots.loss_vs_elevation(elev, links.satellite_downlink(500.0, elev), mark_deg=30.0)
    assert len(ax.collections) == 3 and ax.get_xlabel() == "elevation (°)"
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("geometric" in s for s in labels) and any("atmosphere" in s for s in labels)


def test_loss_split_bar_adds_up():
    budget = links.satellite_downlink(500.0, 30.0)
    ax = satplots.loss_split(budget)
    widths = [p.get_width() for p in ax.patches]
    assert sum(widths) == pytest.approx(budget.total_db)
    assert f"{budget.total_db:.1f}" in ax.get_title()


def test_pass_plots(pass_budget):
    ax = satplots.pass_elevation(pass_budget.pass_, min_elevation_deg=10.0)
    assert [line.get_label() for line in ax.lines[:2]] == ["Delingha", "Lijiang"]
    ax = satplots.pass_loss(pass_budget)
    assert len(ax.lines) == 3
    ax = satplots.pass_rate(pass_budget)
    assert f"{pass_budget.pairs_per_pass:,.0f}" in ax.get_title()


def test_loss_comparison_and_chsh():
    ax = satplots.loss_comparison({"fibre 0.2 dB/km": 240.0, "satellite": (37.0, 44.0)})
    assert [t.get_text() for t in ax.get_yticklabels()] == ["fibre 0.2 dB/km", "satellite"]
    ax = satplots.chsh_values(["a", "b"], [2.5, 2.37], [0.03, 0.09])
    assert [line.get_ydata()[0] for line in ax.lines if line.get_linestyle() == "--"] == [2.0]


def test_repeater_plots():
    n = np.arange(1, 9)
    ax = repplots.chain_fidelity(n, [states.chain_fidelity(0.95, int(k)) for k in n], [(2, 0.9033, 0.0)])
    assert ax.get_ylabel() == "end-to-end fidelity"
    times = np.logspace(-5, 2, 50)
    ax = repplots.memory_wait(
        times,
        states.stored_fidelity(1.0, times, 1.0, qubits=2),
        round_trip_s=1e-3,
        mean_idle_s=0.1,
        average_fidelity=0.917,
        t2_s=1.0,
    )
    assert ax.get_xscale() == "log" and any("0.917" in t.get_text() for t in ax.get_legend().get_texts())
    d = np.linspace(1, 1000, 50)
    eta = links.fiber_transmittance(d)
    ax = repplots.rate_vs_distance(
        d, {"PLOB bound": -np.log2(1 - eta), "direct": eta, "chain": eta**0.25}, crossover_km=40.0
    )
    assert ax.get_yscale() == "log" and len(ax.lines) == 4
    assert ax.yaxis.get_major_formatter()(1e-6, 0) == "10⁻⁶"


def test_waiting_and_agreement_plots():
    rng = np.random.default_rng(1)
    ax = repplots.waiting_times(rng.geometric(0.1, 1000), 10.0)
    assert len(ax.lines) == 2
    p = np.array([0.01, 0.1])
    ax = repplots.rounds_agreement(p, {"2 links": 1.5 / p}, {"2 links": (p, 1.5 / p, 0.1 / p)})
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"


def test_purification_plots():
    grid = np.linspace(0.3, 1.0, 20)
    ax = purplots.purification_map(grid, {"bbpssw": states.bbpssw(grid)[0]}, measured=[(0.8, 0.838, "Aer")])
    assert ax.get_xlim() == (0.25, 1.0)
    runs = {k: states.purify(0.7, 3, k).fidelities for k in ("bbpssw", "dejmps")}
    ax = purplots.fidelity_by_round(runs, target=0.95)
    assert len(ax.lines) == 3
    ax = purplots.rounds_needed(np.array([0.6, 0.7]), {"dejmps": np.array([5, 4])}, target=0.95)
    assert "0.95" in ax.get_ylabel()
    ax = purplots.raw_pair_cost(np.arange(3), {"dejmps": np.array([1.0, 2.5, 9.2])})
    assert ax.get_yscale() == "log"
    chain = generations.purify_then_swap(0.9, 4, 2)
    ax = purplots.purify_then_swap(chain, measured=list(chain.end_fidelity))
    assert "4 links" in ax.get_title() and len(ax.texts) == 3
    d = np.linspace(10, 2000, 30)
    rates = {"1G": generations.first_generation_rate(d), "direct": links.direct_pair_rate(d, 1e9)}
    ax = purplots.generation_rates(d, rates)
    assert ax.get_yscale() == "log" and ax.lines[1].get_linestyle() == "--"
