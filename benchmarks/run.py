"""Print qinet's speed figures: panel updates, cold import, notebook run time and peak memory.

Usage: ``python benchmarks/run.py [--panels] [--import] [--notebooks] [NAME ...]`` (all by default;
names filter panels and notebooks by substring). Budgets (issues): panel update median ≤ 100 ms and
95th percentile ≤ 250 ms; ``import qinet`` ≤ 2 s cold; each notebook ≤ 30 s and ≤ 600 MB.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import pkgutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
UPDATES = 30


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


def panels(names: list[str]) -> list[tuple[str, float, float]]:
    import qinet.plots
    import qinet.widgets

    qinet.plots.use_style()  # measure the panels as the notebooks show them, with the qinet style on
    rows = []
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
            panel = factory()
            controls = list(panel.controls.values())
            times = []
            for i in range(UPDATES):
                control = controls[i % len(controls)]
                start = time.perf_counter()
                control.value = _next_value(control, i)
                times.append(time.perf_counter() - start)
            rows.append((label, 1e3 * statistics.median(times), 1e3 * float(np.percentile(times, 95))))
            print(f"panel  {label:<48} median {rows[-1][1]:7.1f} ms   p95 {rows[-1][2]:7.1f} ms", flush=True)
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
    parser.add_argument("--import", dest="imports", action="store_true")
    parser.add_argument("--notebooks", action="store_true")
    parser.add_argument("names", nargs="*")
    args = parser.parse_args()
    everything = not (args.panels or args.imports or args.notebooks)
    if everything or args.imports:
        cold_import()
    if everything or args.panels:
        rows = panels(args.names)
        if rows:
            print(f"panels: worst median {max(r[1] for r in rows):.1f} ms, worst p95 {max(r[2] for r in rows):.1f} ms")
    if everything or args.notebooks:
        rows = notebooks(args.names)
        if rows:
            print(f"notebooks: slowest {max(r[1] for r in rows):.1f} s, largest peak {max(r[2] for r in rows):.0f} MB")


if __name__ == "__main__":
    main()
