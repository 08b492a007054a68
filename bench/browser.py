"""Browser figures in headless Chromium: first full map paint and click → network list, app vs. baseline."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from bench.stats import summarise

ROOT = Path(__file__).resolve().parent.parent
FRAME = 'iframe[title="streamlit_folium.st_folium"]'
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@contextmanager
def streamlit_server(script: str, db_path: Path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "NETZWERKATLAS_DB": str(db_path)}
    from geo import assets

    assets.ensure_leaflet((ROOT / script).parent / "static")  # must exist before the server starts
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
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                    break
            except OSError:
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def _click(page, lat: float, lon: float) -> None:
    iframe = page.locator(FRAME)
    frame = iframe.element_handle().content_frame()
    x, y = frame.evaluate(
        "([lat, lon]) => { const p = window.map_div.latLngToContainerPoint([lat, lon]);"
        " const r = document.getElementById('map_div').getBoundingClientRect(); return [p.x + r.left, p.y + r.top]; }",
        [lat, lon],
    )
    box = iframe.bounding_box()
    page.mouse.move(box["x"] + x, box["y"] + y)
    page.mouse.click(box["x"] + x, box["y"] + y)


#: An ordinary DSL line (16 Mbit/s down, 2 Mbit/s up, 30 ms): on loopback, payload size would not show at all.
DSL = {"offline": False, "latency": 30, "downloadThroughput": 16e6 / 8, "uploadThroughput": 2e6 / 8}


def _paint(page, url: str) -> float:
    start = time.perf_counter()
    page.goto(url)
    page.frame_locator(FRAME).locator("path.leaflet-interactive").nth(399).wait_for(timeout=120_000)
    return time.perf_counter() - start


def measure_once(url: str, browser, network: dict | None) -> dict:
    """One visitor: first visit (empty cache), two repeat visits (cached app code), one click on Berlin."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    if network:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", network)
    cold = _paint(page, url)
    warm = [_paint(page, url) for _ in range(2)]
    page.locator(FRAME).scroll_into_view_if_needed()
    start = time.perf_counter()
    _click(page, 52.52, 13.40)
    page.get_by_role("heading", name="Kreisfreie Stadt Berlin").wait_for(timeout=120_000)
    click = time.perf_counter() - start
    context.close()
    return {"cold": cold, "warm": warm, "click": click}


def measure_pair(urls: dict[str, str], runs: int, browser, network: dict | None) -> dict:
    """Interleave app and baseline visitors so that machine noise hits both alike."""
    samples = {name: {"cold": [], "warm": [], "click": []} for name in urls}
    for _ in range(runs):
        for name, url in urls.items():
            one = measure_once(url, browser, network)
            samples[name]["cold"].append(one["cold"])
            samples[name]["warm"].extend(one["warm"])
            samples[name]["click"].append(one["click"])
    return {
        name: {
            "first_paint_cold": summarise(s["cold"]),
            "first_paint": summarise(s["warm"]),
            "click_to_list": summarise(s["click"]),
        }
        for name, s in samples.items()
    }
