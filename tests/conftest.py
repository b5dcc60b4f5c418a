"""Session-wide hooks and fixtures.

* The browser tests' figures reach the terminal summary, also when pytest-xdist runs those tests in a
  worker process (the README's test command runs the suite in parallel).
* Every test starts and ends with no counted tries of any exercise (the checkers' hint tiers).
* ``quick_time_limit``: a learner's endless loop is stopped after 0.3 s instead of 5–10 s.
"""

from __future__ import annotations

import sys

import pytest
from browser.report import REPORT_KEY, BrowserReport, as_data, merge, write_report


def pytest_sessionfinish(session: pytest.Session) -> None:
    """In an xdist worker, hand the figures the browser tests gathered to the controller."""
    config = session.config
    workeroutput = getattr(config, "workeroutput", None)
    if workeroutput is not None and REPORT_KEY in config.stash:
        workeroutput["browser_report"] = as_data(config.stash[REPORT_KEY])


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error) -> None:
    """In the controller, collect a finished worker's figures."""
    data = getattr(node, "workeroutput", {}).get("browser_report")
    if data:
        stash = node.config.stash
        if REPORT_KEY not in stash:
            stash[REPORT_KEY] = BrowserReport()
        merge(stash[REPORT_KEY], data)


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    if REPORT_KEY in config.stash and not hasattr(config, "workeroutput"):
        write_report(terminalreporter, config.stash[REPORT_KEY])


def _reset_tries() -> None:
    tries = sys.modules.get("qinet.exercises.tries")  # nothing to reset if no exercise was imported
    if tries is not None:
        tries.reset_tries()


@pytest.fixture(autouse=True)
def _fresh_tries():
    _reset_tries()
    yield
    _reset_tries()


@pytest.fixture
def quick_time_limit(monkeypatch):
    """An endless loop in a learner's function is stopped after 0.3 s, so that the test stays short."""
    from qinet.exercises import grading, network, qkd, sandbox, slips, tries

    real = sandbox.call_with_limit

    def capped(fn, *args, time_limit_s=5.0, **kwargs):
        return real(fn, *args, time_limit_s=min(time_limit_s, 0.3), **kwargs)

    for module in (tries, grading, slips, network, qkd):  # every module that calls the learner's code
        monkeypatch.setattr(module, "call_with_limit", capped)
