"""Real-browser fixtures: one JupyterLab server, one Voilà server and one headless Chromium for all the tests here.

They are package-scoped (this folder is a package), so they stop before the rest of the suite runs.

The servers listen on 127.0.0.1 only, without a token, with fresh Jupyter config, data, runtime,
workspaces and settings folders, and serve a temporary copy of ``notebooks/`` (so nothing the
browser does can write outputs into the repository's notebooks). Settings overrides switch off
the news pop-up, update checks and autosave, and turn off notebook windowing so that every cell
stays in the page.

Chromium is Debian's (``apt-get install chromium``), driven by Playwright's Python package; no
browser is ever downloaded. Where Chromium or Playwright is missing, every test here is skipped
with the reason. Run only these tests with ``.venv/bin/python -m pytest tests/browser``; leave
them out with ``-m "not browser"``. ``QINET_BROWSER_NOTEBOOKS=/some/folder`` points them at
another folder of notebooks (e.g. a notebook in progress).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from .pagechecks import NOTEBOOK_DIR, ROOT
from .report import REPORT_KEY, BrowserReport

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
#: JupyterLab settings for a quiet, deterministic page (written to the app settings' overrides.json).
LAB_OVERRIDES = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/docmanager-extension:plugin": {"autosave": False},
    "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},
}
SERVER_START_TIMEOUT_S = 90.0


@dataclass
class Server:
    """A running server: its base URL, process and log file."""

    url: str
    process: subprocess.Popen
    log: Path

    def stop(self) -> None:
        """Terminate the server (it shuts its kernels down), then kill it if it hangs."""
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(process: subprocess.Popen, url: str, timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return True
        except (urllib.error.URLError, OSError):
            time.sleep(0.3)
    return False


def _start(command: Callable[[int], list[str]], ready_path: str, log: Path, env: dict[str, str]) -> Server:
    """Start ``command(port)`` on a free port (three tries, ports can be taken in between)."""
    for _ in range(3):
        port = _free_port()
        with log.open("ab") as sink:
            process = subprocess.Popen(command(port), stdout=sink, stderr=subprocess.STDOUT, env=env, cwd=log.parent)
        url = f"http://127.0.0.1:{port}"
        if _wait_until_up(process, url + ready_path, SERVER_START_TIMEOUT_S):
            return Server(url, process, log)
        Server(url, process, log).stop()
    tail = log.read_text(errors="replace")[-3000:]
    raise RuntimeError(f"server did not start: {' '.join(command(0))}\n--- log tail ---\n{tail}")


@pytest.fixture(scope="package")
def chromium() -> str:
    """The Chromium executable; skips the browser tests where it or Playwright is missing."""
    if not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.skip(f"Chromium not found at {CHROMIUM}: install Debian's package (apt-get install chromium)")
    pytest.importorskip("playwright.sync_api", reason="the playwright Python package is not installed")
    return CHROMIUM


@pytest.fixture(scope="package")
def served(tmp_path_factory: pytest.TempPathFactory, chromium: str) -> Path:
    """A throw-away root: a copy of the notebooks folder, the rest of the repository linked beside it."""
    root = tmp_path_factory.mktemp("served")
    shutil.copytree(NOTEBOOK_DIR, root / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    for entry in ROOT.iterdir():
        if entry.name not in {"notebooks", ".git", ".venv"} and not (root / entry.name).exists():
            (root / entry.name).symlink_to(entry)
    return root


@pytest.fixture(scope="package")
def jupyter_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Environment with fresh Jupyter/IPython folders, so no personal settings or kernels leak in."""
    home = tmp_path_factory.mktemp("jupyter-home")
    env = dict(os.environ)
    for name, sub in [
        ("JUPYTER_CONFIG_DIR", "config"),
        ("JUPYTER_DATA_DIR", "data"),
        ("JUPYTER_RUNTIME_DIR", "runtime"),
        ("IPYTHONDIR", "ipython"),
    ]:
        (home / sub).mkdir()
        env[name] = str(home / sub)
    env.pop("QINET_BROWSER_NOTEBOOKS", None)
    return env


@pytest.fixture(scope="package")
def lab(served: Path, jupyter_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """JupyterLab on loopback, no token, fresh workspaces and settings, the app exposed as window.jupyterapp."""
    state = tmp_path_factory.mktemp("lab-state")
    for sub in ("workspaces", "user-settings", "app-settings"):
        (state / sub).mkdir()
    (state / "app-settings" / "overrides.json").write_text(json.dumps(LAB_OVERRIDES, indent=2))

    def command(port: int) -> list[str]:
        return [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--allow-root",
            "--expose-app-in-browser",
            f"--port={port}",
            "--ServerApp.ip=127.0.0.1",
            "--ServerApp.port_retries=0",
            "--IdentityProvider.token=",
            f"--ServerApp.root_dir={served}",
            f"--LabApp.workspaces_dir={state / 'workspaces'}",
            f"--LabApp.user_settings_dir={state / 'user-settings'}",
            f"--LabApp.app_settings_dir={state / 'app-settings'}",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ]

    server = _start(command, "/api/status", state / "lab.log", jupyter_env)
    yield server
    server.stop()


@pytest.fixture(scope="package")
def voila(served: Path, jupyter_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Standalone Voilà on loopback serving the same folder (what an instructor runs to project panels)."""
    state = tmp_path_factory.mktemp("voila-state")

    def command(port: int) -> list[str]:
        return [
            sys.executable,
            "-m",
            "voila",
            str(served),
            "--no-browser",
            f"--port={port}",
            "--Voila.ip=127.0.0.1",
            "--Voila.port_retries=0",
            "--show_tracebacks=True",
        ]

    server = _start(command, "/", state / "voila.log", jupyter_env)
    yield server
    server.stop()


@pytest.fixture(scope="package")
def browser(chromium: str):
    """One headless Chromium for all the browser tests."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, browser_report, request):
    """A fresh page (own context, so no state leaks between tests), 1366×900 like a projector.

    JavaScript errors in the page are listed in the report (JupyterLab logs some harmless ones).
    """
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    context.set_default_timeout(30_000)
    new_page = context.new_page()
    errors: list[str] = []
    new_page.on("pageerror", lambda error: errors.append(str(error).splitlines()[0][:200]))
    yield new_page
    context.close()
    if errors:
        browser_report.notes.append(f"{request.node.name}: {len(errors)} JavaScript error(s), first: {errors[0]}")


@pytest.fixture
def browser_report(request: pytest.FixtureRequest) -> BrowserReport:
    """The session's report of run times and slider-step times."""
    stash = request.config.stash
    if REPORT_KEY not in stash:
        stash[REPORT_KEY] = BrowserReport()
    return stash[REPORT_KEY]


@pytest.fixture(scope="package")
def screenshots() -> Path:
    """Folder for one screenshot per notebook (gitignored)."""
    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS


# ---------------------------------------------------------------------------------------------- the book
#: The built book (``jupyter-book build``, see README.md "Book"); QINET_BOOK_HTML points at another build.
BOOK_HTML = Path(os.environ.get("QINET_BOOK_HTML", ROOT / "_build" / "html"))
BOOK_COMMAND = ".venv/bin/jupyter-book build . --config docs/_config.yml --toc docs/_toc.yml -W --keep-going"


@pytest.fixture(scope="package")
def book() -> Path:
    """The built book's HTML folder; skips the book tests (with the command) when it is absent or stale."""
    index = BOOK_HTML / "README.html"
    if not index.is_file():
        pytest.skip(f"the book is not built: run {BOOK_COMMAND}")
    built = index.stat().st_mtime
    newer = [p.name for p in NOTEBOOK_DIR.glob("*.ipynb") if p.stat().st_mtime > built]
    if newer:
        pytest.skip(f"the built book is older than {newer[0]}: rebuild it with {BOOK_COMMAND}")
    return BOOK_HTML


@pytest.fixture(scope="package")
def book_server(book: Path) -> Iterator[str]:
    """A static file server for the built book on 127.0.0.1 (what a static host such as GitHub Pages does)."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(book)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)
