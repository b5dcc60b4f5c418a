"""Slider speed in a real browser: how long a slider step takes to show its new picture in JupyterLab.

Usage: ``python benchmarks/browser.py [NAME ...]`` (all notebooks by default; names filter them by
substring, e.g. ``04 08``). It runs the browser test ``tests/browser/test_lab.py`` with its fixtures:
JupyterLab on 127.0.0.1 only, without a token, serving a copy of the notebooks, and Debian's headless
Chromium (``/usr/bin/chromium``) driven by Playwright; both are stopped at the end. Each notebook is
opened and run, then each panel's first control is moved three times with the keyboard; the time from
the key press to the new picture loaded in the page is printed per panel, per notebook (median and
slowest step) and over all steps, against the budgets of issue 10: a median of 150 ms and no step
beyond 300 ms. The load average is printed with them: on a shared machine the figures read high.

The steps are measured, never asserted. The kernel-side part of a step is ``benchmarks/run.py
--panels``; the browser adds the widget message, the PNG transfer and the repaint.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> int:
    """Run the JupyterLab browser test on the notebooks named in ``argv`` (all if none); return pytest's exit code."""
    import pytest

    names = [arg for arg in argv if not arg.startswith("-")]
    args = [str(ROOT / "tests" / "browser" / "test_lab.py"), "-p", "no:cacheprovider", "-q", "-m", "browser", "-n", "0"]
    if names:
        args += ["-k", " or ".join(names)]
    os.chdir(ROOT)
    return int(pytest.main(args))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
