"""Session-wide hooks: the browser tests' figures reach the terminal summary, also when pytest-xdist runs
those tests in a worker process (the README's test command runs the suite in parallel)."""

from __future__ import annotations

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
