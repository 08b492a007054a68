"""Shared fixtures: a real app server and a real headless Chromium for e2e tests."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HOSTILE_NAME = "<img src=x onerror=window.__xss=1> `${window.__xss=2}` Netzwerk"
HOSTILE_ROW = (
    "Name;Träger;Region;Handlungsfelder;Website;E-Mail\n"
    f'"{HOSTILE_NAME}";<script>window.__xss=3</script>;Landkreis Uckermark;Ausbildung;'
    "https://x.invalid/pfad?a=1&b=2;a@b.de\n"
)


@pytest.fixture(scope="session", autouse=True)
def test_database(tmp_path_factory):
    """Every test (and the app server) uses a fresh SQLite file: the demo data plus one hostile network."""
    from geo import store
    from geo.networks import read_networks

    path = tmp_path_factory.mktemp("db") / "netzwerkatlas.sqlite3"
    os.environ["NETZWERKATLAS_DB"] = str(path)
    os.environ.pop("DATABASE_URL", None)
    engine = store.make_engine(f"sqlite:///{path}")
    store.init_db(engine)
    store.seed_demo_if_empty(engine)
    hostile = tmp_path_factory.mktemp("hostile") / "hostile.csv"
    hostile.write_text(HOSTILE_ROW, encoding="utf-8")
    store.add_networks(engine, read_networks(hostile).records)
    engine.dispose()
    return path


CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, process: subprocess.Popen, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited early with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)  # polling interval while waiting for a condition, not a fixed wait
    raise TimeoutError(f"{url} not healthy after {timeout_s} s")


@pytest.fixture(scope="session")
def app_url(tmp_path_factory, test_database):
    """``streamlit run dashboard.py`` on a free localhost port, as ``make run`` starts it."""
    port = _free_port()
    log = tmp_path_factory.mktemp("server") / "streamlit.log"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with log.open("w") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(ROOT / "dashboard.py"),
                "--server.port",
                str(port),
                "--server.address",
                "127.0.0.1",
                "--server.headless",
                "true",
                "--browser.gatherUsageStats",
                "false",
            ],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def _chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium fehlt: .ci/run muss Debians 'chromium' installieren")
        pytest.skip("no chromium on this machine (apt-get install chromium)")
    return path


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=_chromium_path(), headless=True, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, app_url):
    """A fresh browser page that records every request it makes."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="de-DE")
    page = context.new_page()
    page.requested_urls = []
    page.on("request", lambda request: page.requested_urls.append(request.url))
    yield page
    context.close()
