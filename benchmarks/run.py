"""Print qinet's speed figures: panel updates, panel memory, cold import, notebook run time and peak memory.

Usage: ``python benchmarks/run.py [--panels] [--memory] [--import] [--notebooks] [NAME ...]`` (all by
default; names filter panels and notebooks by substring). Budgets (issues): panel update median ≤ 100 ms
and 95th percentile ≤ 250 ms; building a panel again does not grow memory; ``import qinet`` ≤ 2 s cold;
each notebook ≤ 30 s and ≤ 600 MB.

Panels are measured as notebooks use them: with ``qinet.plots.use_style()`` on (without it the figures
draw 30–50 % faster than students see them), the first update after the panel is built apart from the
later ones (fonts, layout and caches are warmed by the first), each as the median and 95th percentile of
the kernel-side time from setting a control to the new picture (wall clock, and CPU time: on a machine
shared with other work the wall clock reads high, the CPU time is what an idle core takes). The browser
adds the transfer and the repaint (benchmarks/browser.py). Memory: each panel is built and updated
``2 BUILDS`` times in one (simulated) notebook cell run again and again, as a student does (a rerun
closes the panels its earlier run built); over the last ``BUILDS`` builds the resident memory must not
grow and no widget may stay registered.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import os
import pkgutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
UPDATES = 30
FIRST_UPDATES = 5  # panels built anew to time their first update
BUILDS = 20  # builds measured, after as many to warm up (font and glyph caches, allocator pools)


def _next_value(control, i: int):
    """A valid new value for ``control``: sweep its range, or cycle its options."""
    if hasattr(control, "options"):
        values = list(control._options_values)
        return values[(values.index(control.value) + 1) % len(values)]
    if hasattr(control, "min") and hasattr(control, "max"):
        low, high = control.min, control.max
        fraction = 0.15 + 0.7 * ((i * 0.37) % 1.0)
        if hasattr(control, "base"):  # log slider: min/max are exponents
            return control.base ** (low + fraction * (high - low))
        value = low + fraction * (high - low)
        return type(control.value)(round(value / control.step) * control.step) if control.step else value
    if isinstance(control.value, bool):
        return not control.value
    return control.value


def _factories(names: list[str]):
    import qinet.widgets

    for info in pkgutil.iter_modules(qinet.widgets.__path__):
        if info.name == "panel" or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"qinet.widgets.{info.name}")
        for name, factory in inspect.getmembers(module, inspect.isfunction):
            label = f"{info.name}.{name}"
            if not name.endswith("_panel") or factory.__module__ != module.__name__:
                continue
            if names and not any(n in label for n in names):
                continue
            yield label, factory


def _ms(times: list[float]) -> tuple[float, float]:
    return 1e3 * statistics.median(times), 1e3 * float(np.percentile(times, 95))


def _timed(control, value) -> tuple[float, float]:
    """Wall-clock and CPU seconds from setting ``control`` to the new picture."""
    wall, cpu = time.perf_counter(), time.process_time()
    control.value = value
    return time.perf_counter() - wall, time.process_time() - cpu


def panels(names: list[str]) -> list[tuple[str, float, float, float, float, float]]:
    """Per panel, in ms: first-update median, later-update median and p95 (wall clock), and the same
    two later-update figures in CPU time (what one idle core would take, on a shared machine)."""
    import qinet.plots

    qinet.plots.use_style()
    rows = []
    for label, factory in _factories(names):
        first = []
        for i in range(FIRST_UPDATES):
            panel = factory()
            control = list(panel.controls.values())[i % len(panel.controls)]
            first.append(_timed(control, _next_value(control, i))[0])
            panel.close()
        panel = factory()
        controls = list(panel.controls.values())
        walls, cpus = [], []
        for i in range(UPDATES):
            control = controls[i % len(controls)]
            wall, cpu = _timed(control, _next_value(control, i))
            walls.append(wall)
            cpus.append(cpu)
        panel.close()
        (median, p95), (cpu_median, cpu_p95) = _ms(walls), _ms(cpus)
        rows.append((label, _ms(first)[0], median, p95, cpu_median, cpu_p95))
        flag = "" if median <= 100 and p95 <= 250 else "   over budget"
        print(
            f"panel  {label:<40} first {rows[-1][1]:6.1f}   median {median:6.1f}   p95 {p95:6.1f} ms"
            f"   (CPU median {cpu_median:6.1f}   p95 {cpu_p95:6.1f} ms){flag}",
            flush=True,
        )
    return rows


def _resident_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _reruns_of_one_cell():
    """Stand-in for the kernel's current request: the same cell, run again at every call."""
    runs = iter(range(10**9))
    return lambda: ("benchmark-cell", f"run-{next(runs)}")


def panel_memory(names: list[str]) -> list[tuple[str, float, int]]:
    """``(label, MB of resident growth per build after a warm-up, widgets left open)`` per panel.

    Each build runs in the same (simulated) notebook cell as the one before, so the rerun rule of
    :func:`qinet.widgets._lifetime.release_on_rerun` closes the previous panel, as in a notebook.
    """
    import gc

    from ipywidgets.widgets.widget import _instances

    import qinet.plots
    from qinet.widgets import _lifetime

    qinet.plots.use_style()
    rows = []
    for label, factory in _factories(names):
        real = _lifetime._execution
        _lifetime._execution = _reruns_of_one_cell()
        try:
            for i in range(BUILDS):  # warm-up: matplotlib's font and glyph caches fill over the first builds
                panel = factory()
                control = list(panel.controls.values())[0]
                control.value = _next_value(control, i)
            gc.collect()
            widgets_before, start = len(_instances), _resident_mb()
            for i in range(BUILDS):
                panel = factory()
                control = list(panel.controls.values())[0]
                control.value = _next_value(control, i)
            del panel
            gc.collect()
            growth = (_resident_mb() - start) / BUILDS
            left = len(_instances) - widgets_before
        finally:
            _lifetime._execution = real
            _lifetime._BUILT_BY_CELL.pop("benchmark-cell", None)
        rows.append((label, growth, left))
        print(f"memory {label:<44} {growth:+6.2f} MB per build   widgets left {left:+d}", flush=True)
    return rows


def cold_import() -> float:
    code = "import time; t = time.perf_counter(); import qinet; print(time.perf_counter() - t)"
    runs = [
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
        for _ in range(5)
    ]
    print(f"import qinet (cold, median of 5)  {1e3 * statistics.median(runs):.0f} ms")
    return statistics.median(runs)


def notebooks(names: list[str]) -> list[tuple[str, float, float]]:
    import nbformat
    from nbclient import NotebookClient

    rows = []
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        if names and not any(n in path.name for n in names):
            continue
        nb = nbformat.read(path, as_version=4)
        nb.cells.append(
            nbformat.v4.new_code_cell(
                "print([l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1])"
            )
        )
        start = time.perf_counter()
        resources = {"metadata": {"path": str(path.parent)}}
        NotebookClient(nb, timeout=600, kernel_name="python3", resources=resources).execute()
        seconds = time.perf_counter() - start
        peak_mb = int(nb.cells[-1].outputs[0]["text"].strip()) / 1024
        rows.append((path.name, seconds, peak_mb))
        print(f"notebook {path.name:<46} {seconds:6.1f} s   peak {peak_mb:6.0f} MB", flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--panels", action="store_true")
    parser.add_argument("--memory", action="store_true")
    parser.add_argument("--import", dest="imports", action="store_true")
    parser.add_argument("--notebooks", action="store_true")
    parser.add_argument("names", nargs="*")
    args = parser.parse_args()
    everything = not (args.panels or args.memory or args.imports or args.notebooks)
    if everything or args.imports:
        cold_import()
    if everything or args.panels:
        rows = panels(args.names)
        if rows:
            medians, cpu_medians = [r[2] for r in rows], [r[4] for r in rows]
            print(
                f"panels (style on): median of medians {statistics.median(medians):.1f} ms "
                f"(CPU {statistics.median(cpu_medians):.1f}), worst median {max(medians):.1f} ms "
                f"(CPU {max(cpu_medians):.1f}), worst p95 {max(r[3] for r in rows):.1f} ms "
                f"(CPU {max(r[5] for r in rows):.1f}), worst first update {max(r[1] for r in rows):.1f} ms; "
                f"over budget: {sum(r[2] > 100 or r[3] > 250 for r in rows)} (CPU: "
                f"{sum(r[4] > 100 or r[5] > 250 for r in rows)}) of {len(rows)}"
            )
    if everything or args.memory:
        rows = panel_memory(args.names)
        if rows:
            print(
                f"panel memory: largest growth {max(r[1] for r in rows):+.2f} MB per build, "
                f"widgets left open {sum(r[2] for r in rows)}"
            )
    if everything or args.notebooks:
        rows = notebooks(args.names)
        if rows:
            print(f"notebooks: slowest {max(r[1] for r in rows):.1f} s, largest peak {max(r[2] for r in rows):.0f} MB")


if __name__ == "__main__":
    main()
