"""The figures the browser tests measure (run times, slider-step times), and their report.

They are gathered by the fixtures of ``conftest.py`` and printed at the end of the session by
``tests/conftest.py`` (which also collects them from pytest-xdist's workers).
"""

from __future__ import annotations

import dataclasses
import os
import statistics
from dataclasses import dataclass, field

import pytest


@dataclass
class BrowserReport:
    """Figures gathered by the browser tests, printed in pytest's terminal summary."""

    run_all_s: dict[str, float] = field(default_factory=dict)
    open_s: dict[str, float] = field(default_factory=dict)  # page load until the kernel is connected and idle
    step_ms: dict[str, list[float]] = field(default_factory=dict)  # JupyterLab panel label -> slider-step times
    voila_step_ms: dict[str, list[float]] = field(default_factory=dict)  # the same in Voilà
    notes: list[str] = field(default_factory=list)


REPORT_KEY = pytest.StashKey[BrowserReport]()


def merge(report: BrowserReport, data: dict) -> None:
    """Add the figures of a finished worker (``dataclasses.asdict`` of its report) to ``report``."""
    for name in ("run_all_s", "open_s", "step_ms", "voila_step_ms"):
        getattr(report, name).update(data.get(name, {}))
    report.notes.extend(data.get("notes", []))


def as_data(report: BrowserReport) -> dict:
    """The report as plain data, for pytest-xdist to carry from a worker."""
    return dataclasses.asdict(report)


#: Budgets of a slider step in a real browser, from the key press to the new picture (issue 10): the median
#: over every step measured, and the slowest step. Reported against the measurement, never asserted.
STEP_MEDIAN_BUDGET_MS = 150.0
STEP_MAX_BUDGET_MS = 300.0


def _listed(times: list[float]) -> str:
    return "steps: " + ", ".join(f"{t:.0f}" for t in times)


def slider_summary(step_ms: dict[str, list[float]]) -> list[str]:
    """Lines reporting slider-step times per notebook and overall against the budgets.

    ``step_ms`` maps a panel label (``"03-fiber-links.ipynb panel 1 (cell 12)"``) to its step times in ms.

    Examples
    --------
    >>> for line in slider_summary({"a.ipynb panel 1 (cell 3)": [100.0, 120.0], "b.ipynb panel 1 (cell 5)": [310.0]}):
    ...     print(line)
    notebook a.ipynb                          median  110 ms   max  120 ms   (1 panels, 2 steps)
    notebook b.ipynb                          median  310 ms   max  310 ms   (1 panels, 1 steps) over budget
    slider step -> new picture: median 120 ms (budget 150 ms), max 310 ms (budget 300 ms), 3 steps: over budget
    """
    by_notebook: dict[str, list[float]] = {}
    panels: dict[str, int] = {}
    for label, times in step_ms.items():
        notebook = label.split(" panel ")[0]
        by_notebook.setdefault(notebook, []).extend(times)
        panels[notebook] = panels.get(notebook, 0) + 1
    lines = []
    for notebook, times in by_notebook.items():
        if not times:
            continue
        median, slowest = statistics.median(times), max(times)
        flag = " over budget" if median > STEP_MEDIAN_BUDGET_MS or slowest > STEP_MAX_BUDGET_MS else ""
        lines.append(
            f"notebook {notebook:<32} median {median:4.0f} ms   max {slowest:4.0f} ms   "
            f"({panels[notebook]} panels, {len(times)} steps){flag}"
        )
    every = [t for times in step_ms.values() for t in times]
    if every:
        median, slowest = statistics.median(every), max(every)
        verdict = (
            "within budget" if median <= STEP_MEDIAN_BUDGET_MS and slowest <= STEP_MAX_BUDGET_MS else "over budget"
        )
        lines.append(
            f"slider step -> new picture: median {median:.0f} ms (budget {STEP_MEDIAN_BUDGET_MS:.0f} ms), "
            f"max {slowest:.0f} ms (budget {STEP_MAX_BUDGET_MS:.0f} ms), {len(every)} steps: {verdict}"
        )
    return lines


def write_report(terminalreporter, report: BrowserReport) -> None:
    """Print the measured figures in pytest's terminal summary (they are reported, never asserted)."""
    write = terminalreporter.write_line
    terminalreporter.section("browser figures (measured, not asserted)")
    cores, load = os.cpu_count(), os.getloadavg()
    write(f"machine: {cores} cores, load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (1 / 5 / 15 min)")
    for name, seconds in report.run_all_s.items():
        write(f"Run All  {name:<58} {seconds:6.1f} s  (before it: open + kernel {report.open_s[name]:.1f} s)")
    for label, times in report.step_ms.items():
        if times:
            write(f"slider   {label:<58} {statistics.median(times):6.0f} ms  ({_listed(times)})")
    for line in slider_summary(report.step_ms):
        write(line)
    for label, times in report.voila_step_ms.items():
        write(f"Voila    {label:<58} {statistics.median(times):6.0f} ms  ({_listed(times)})")
    if report.run_all_s:
        write(f"Run All: slowest {max(report.run_all_s.values()):.1f} s (budget 30 s)")
    for note in report.notes:
        write(f"note     {note}")
