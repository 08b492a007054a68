"""Load: N concurrent browser sessions clicking through Kreise; server memory per session and after closing.

Also the stress case: 20 000 networks in the database, map page first paint and click → list.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pandas as pd

from bench import browserkit
from bench.stats import summarise
from geo import paths, store
from geo.databuild import demo
from geo.networks import read_networks

#: Points inside Berlin, Landkreis Uckermark, Leipzig and Oberallgäu, with the heading each click must show.
CLICKS = [
    (52.52, 13.40, "Kreisfreie Stadt Berlin"),
    (53.20, 13.85, "Landkreis Uckermark"),
    (51.34, 12.37, "Kreisfreie Stadt Leipzig"),
    (47.55, 10.30, "Landkreis Oberallgäu"),
]
CLICK_JS = (
    "([lat, lon]) => { const p = window.map_div.latLngToContainerPoint([lat, lon]);"
    " const r = document.getElementById('map_div').getBoundingClientRect(); return [p.x + r.left, p.y + r.top]; }"
)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def _session(browser, url: str, timings: list[float], errors: list[str]) -> object:
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    try:
        await page.goto(url)
        await (
            page.frame_locator(browserkit.MAP_FRAME)
            .locator("path.leaflet-interactive")
            .nth(399)
            .wait_for(timeout=180_000)
        )
        iframe = page.locator(browserkit.MAP_FRAME)
        await iframe.scroll_into_view_if_needed()
        frame = await (await iframe.element_handle()).content_frame()
        for lat, lon, heading in CLICKS:
            x, y = await frame.evaluate(CLICK_JS, [lat, lon])
            box = await iframe.bounding_box()
            start = time.perf_counter()
            await page.mouse.move(box["x"] + x, box["y"] + y)
            await page.mouse.click(box["x"] + x, box["y"] + y)
            await page.get_by_role("heading", name=heading).wait_for(timeout=90_000)
            timings.append(time.perf_counter() - start)
    except Exception as exc:  # counted, not raised: the figure is the error count
        errors.append(f"{type(exc).__name__}: {str(exc)[:120]}")
    return context


async def _sessions(url: str, count: int, pid: int) -> dict:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=browserkit.chromium_path(), headless=True, args=browserkit.CHROMIUM_FLAGS
        )
        before = rss_mb(pid)
        timings: list[float] = []
        errors: list[str] = []
        contexts = await asyncio.gather(*(_session(browser, url, timings, errors) for _ in range(count)))
        during = rss_mb(pid)
        for context in contexts:
            await context.close()
        await browser.close()
    deadline = time.monotonic() + 30
    after = rss_mb(pid)
    while time.monotonic() < deadline and after > before + 0.2 * (during - before):
        await asyncio.sleep(1)  # sessions are released asynchronously; wait for the server to let go
        after = rss_mb(pid)
    return {
        "sessions": count,
        "click_to_list": summarise(timings) if timings else None,
        "errors": len(errors),
        "error_samples": errors[:3],
        "rss_mb_before": before,
        "rss_mb_during": during,
        "rss_mb_after": after,
        "rss_mb_per_session": (during - before) / count,
    }


#: Concurrent real Chromium sessions. 25 at once saturate this 2-core machine with browser work alone
#: (the sessions never finish within minutes), so the default stops at 10; pass counts=(25,) to try.
SESSION_COUNTS = (5, 10)


def sessions(db_path: Path, counts=SESSION_COUNTS) -> dict:
    with browserkit.streamlit_process("dashboard.py", env={"NETZWERKATLAS_DB": str(db_path)}) as (url, process):
        asyncio.run(_sessions(url, 1, process.pid))  # warm-up: caches filled once
        return {str(n): asyncio.run(_sessions(url, n, process.pid)) for n in counts}


def stress_database(path: Path, total: int = 20_000) -> Path:
    """A database with ``total`` networks: the demo records repeated under new ids."""
    engine = store.make_engine(f"sqlite:///{path}")
    store.init_db(engine)
    base = read_networks(paths.data_file(demo.OUTPUT)).records
    copies = []
    for round_ in range(total // len(base) + 1):
        copy = base.copy()
        copy["id"] = [f"S{round_}-{i}" for i in range(len(base))]
        copies.append(copy)
    store.add_networks(engine, pd.concat(copies, ignore_index=True).head(total), demo=True)
    engine.dispose()
    return path


def stress(tmp: Path) -> dict:
    db = stress_database(tmp / "stress.sqlite3")
    with browserkit.streamlit_process("dashboard.py", env={"NETZWERKATLAS_DB": str(db)}) as (url, process):
        result = asyncio.run(_sessions(url, 3, process.pid))
    return {"networks": 20_000, **result}
