"""Driving the running app from outside: start ``streamlit run``, launch Chromium, click the map.

Shared by the end-to-end tests and the benchmark, so both measure the app the same way.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The map's iframe: the page's only custom component (the map retitles its frame for screen readers).
MAP_FRAME = 'iframe[data-testid="stCustomComponentV1"]'
#: Debian's Chromium as root in a sandbox with no internet: no background traffic, no first-run work.
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


def chromium_path() -> str | None:
    return os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def streamlit_server(
    script: str,
    env: dict[str, str] | None = None,
    log: Path | None = None,
    timeout_s: float = 60,
    extra_args: tuple[str, ...] = (),
):
    """``streamlit run script`` on a free loopback port; yields the base URL once healthy."""
    with streamlit_process(script, env, log, timeout_s, extra_args) as (url, _process):
        yield url


@contextmanager
def streamlit_process(
    script: str,
    env: dict[str, str] | None = None,
    log: Path | None = None,
    timeout_s: float = 60,
    extra_args: tuple[str, ...] = (),
):
    """Like :func:`streamlit_server`, yielding ``(url, process)`` (the benchmark reads its memory)."""
    from geo import assets

    assets.ensure_leaflet((ROOT / script).parent / "static")  # Streamlit needs static/ before it starts
    port = free_port()
    output = log.open("w") if log else subprocess.DEVNULL
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            script,
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
            *extra_args,
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
        stdout=output,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process, timeout_s)
        yield url, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        if log:
            output.close()


def _wait_healthy(url: str, process: subprocess.Popen, timeout_s: float) -> None:
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


def click_map(page, lat: float, lon: float) -> None:
    """Click the map at a geographic point, as a person would, using Leaflet's projection inside the iframe."""
    iframe = page.locator(MAP_FRAME)
    iframe.scroll_into_view_if_needed()
    frame = iframe.element_handle().content_frame()
    x, y = frame.evaluate(
        "([lat, lon]) => { const p = window.map_div.latLngToContainerPoint([lat, lon]);"
        " const r = document.getElementById('map_div').getBoundingClientRect(); return [p.x + r.left, p.y + r.top]; }",
        [lat, lon],
    )
    box = iframe.bounding_box()
    page.mouse.move(box["x"] + x, box["y"] + y)
    page.mouse.click(box["x"] + x, box["y"] + y)
