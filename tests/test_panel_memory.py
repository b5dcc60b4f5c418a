"""Building a panel again does not grow memory: a closed panel, or one whose cell was run again, is freed.

ipywidgets keeps every widget (and each one's Layout and Style) registered until it is closed, and a
closed box does not close its children; a panel also holds a matplotlib figure. Before, every build
of a panel stayed alive for good (1.5–2 MB and ~18 widgets each). The figures of the memory growth
are printed by ``python benchmarks/run.py --memory``; here the release itself is checked, exactly:
nothing stays registered, and the panel and its figure are garbage-collected.
"""

from __future__ import annotations

import gc
import importlib
import inspect
import pkgutil
import weakref

import pytest
from ipywidgets.widgets.widget import _instances

import qinet.widgets
from qinet.widgets import _lifetime
from qinet.widgets.panel import LivePanel


def _factories():
    for info in pkgutil.iter_modules(qinet.widgets.__path__):
        if info.name == "panel" or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"qinet.widgets.{info.name}")
        for name, factory in inspect.getmembers(module, inspect.isfunction):
            if name.endswith("_panel") and factory.__module__ == module.__name__:
                yield pytest.param(factory, id=f"{info.name}.{name}")


def _built_and_dropped(build) -> tuple[weakref.ref, weakref.ref]:
    panel = build()
    assert isinstance(panel, LivePanel)
    refs = weakref.ref(panel), weakref.ref(panel.figure)
    return refs


@pytest.mark.parametrize("factory", list(_factories()))
def test_a_closed_panel_is_freed_with_every_widget_and_its_figure(factory):
    gc.collect()
    registered = len(_instances)

    def build():
        panel = factory()
        control = next(iter(panel.controls.values()))
        control.value = control.value  # a panel in use, not only built
        panel.close()
        return panel

    panel_ref, figure_ref = _built_and_dropped(build)
    gc.collect()
    assert len(_instances) == registered, "widgets of the closed panel are still registered"
    assert panel_ref() is None and figure_ref() is None, "the closed panel or its figure is still alive"


@pytest.fixture
def cell_runs(monkeypatch):
    """Pretend to be a notebook kernel: ``cell_runs.run(cell)`` starts a new execution of ``cell``."""

    class Runs:
        current = ("cell-a", "run-0")
        count = 0

        def run(self, cell: str) -> None:
            self.count += 1
            self.current = (cell, f"run-{self.count}")

    runs = Runs()
    monkeypatch.setattr(_lifetime, "_execution", lambda: runs.current)
    monkeypatch.setattr(_lifetime, "_BUILT_BY_CELL", {})
    return runs


def _small_panel() -> LivePanel:
    from qinet.widgets.fiber import fiber_transmittance_panel

    return fiber_transmittance_panel()


def test_running_a_cell_again_closes_the_panels_its_earlier_run_built(cell_runs):
    gc.collect()
    registered = len(_instances)
    cell_runs.run("cell-a")
    first = _small_panel()
    first_ref = weakref.ref(first)
    cell_runs.run("cell-a")  # the student runs the same cell again
    second = _small_panel()
    assert first.comm is None and second.comm is not None
    del first
    gc.collect()
    assert first_ref() is None
    second.close()
    del second
    gc.collect()
    assert len(_instances) == registered


def test_panels_of_other_cells_and_of_the_same_run_stay_open(cell_runs):
    cell_runs.run("cell-a")
    one, two = _small_panel(), _small_panel()  # one cell showing two panels
    cell_runs.run("cell-b")
    other = _small_panel()
    assert one.comm is not None and two.comm is not None and other.comm is not None
    for panel in (one, two, other):
        panel.close()


def test_closing_twice_is_harmless():
    panel = _small_panel()
    panel.close()
    panel.close()  # ipywidgets closes again when the object is collected
    assert panel.comm is None


def test_outside_a_notebook_nothing_is_closed_behind_your_back():
    assert _lifetime._execution() is None
    one, two = _small_panel(), _small_panel()
    assert one.comm is not None and two.comm is not None
    one.close()
    two.close()
