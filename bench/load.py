"""Load: N concurrent browser sessions clicking through Kreise; server memory per session and after closing.

Also the stress case: 20 000 networks in the database, map page first paint and click → list.
"""

from __future__ import annotations

import asyncio
import functools
import random
import time
from pathlib import Path

import pandas as pd

from bench import browserkit
from bench.protocol import ProtocolSession
from bench.stats import summarise
from geo.databuild import demo
from geo.intake.networks import read_networks
from geo.regions import paths
from geo.storage import migrate, store

#: Points inside Berlin, Landkreis Uckermark, Leipzig and Oberallgäu, with their AGS and the heading each click
#: must show.
CLICKS = [
    (52.52, 13.40, "11000", "Kreisfreie Stadt Berlin"),
    (53.20, 13.85, "12073", "Landkreis Uckermark"),
    (51.34, 12.37, "14713", "Kreisfreie Stadt Leipzig"),
    (47.55, 10.30, "09780", "Landkreis Oberallgäu"),
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


class Load:
    """What all sessions of one load run share: click timings, errors, and the moment they may close."""

    def __init__(self, count: int) -> None:
        self.timings: list[float] = []
        self.errors: list[str] = []
        self.all_done = asyncio.Barrier(count + 1)  # every session, plus the one measuring memory
        self.may_close = asyncio.Event()

    async def finish(self) -> None:
        """Called by each session when its clicks are done: stay open until memory has been read."""
        await self.all_done.wait()
        await self.may_close.wait()


async def _browser_session(browser, url: str, load: Load) -> None:
    """A Chromium tab: load the map, click four Kreise, wait for each heading."""
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
        for lat, lon, _ags, heading in CLICKS:
            x, y = await frame.evaluate(CLICK_JS, [lat, lon])
            box = await iframe.bounding_box()
            start = time.perf_counter()
            await page.mouse.move(box["x"] + x, box["y"] + y)
            await page.mouse.click(box["x"] + x, box["y"] + y)
            await page.get_by_role("heading", name=heading).wait_for(timeout=90_000)
            load.timings.append(time.perf_counter() - start)
    except Exception as exc:  # counted, not raised: the figure is the error count
        load.errors.append(f"{type(exc).__name__}: {str(exc)[:120]}")
    finally:
        await load.finish()
        await context.close()


async def _protocol_session(url: str, load: Load, think: random.Random | None = None) -> None:
    """A server session over the websocket protocol: load, four clicks, each must bring its Kreis heading.

    With ``think``, the user reads for a random while (``THINK_S``) before each click; without, all
    sessions click as fast as they can, so their clicks arrive together (the worst case).
    """
    try:
        async with ProtocolSession(url) as session:
            try:
                await session.load()
                for _lat, _lon, ags, heading in CLICKS:
                    if think:
                        await asyncio.sleep(think.uniform(*THINK_S))
                    run = await session.click(ags)
                    if heading in run.headings:
                        load.timings.append(run.seconds)
                    else:
                        load.errors.append(f"click {ags}: heading {heading!r} missing")
            except Exception as exc:  # counted, not raised
                load.errors.append(f"{type(exc).__name__}: {str(exc)[:120]}")
            finally:
                await load.finish()
    except OSError as exc:  # could not even connect
        load.errors.append(f"{type(exc).__name__}: {str(exc)[:120]}")
        await load.finish()


async def _measure(pid: int, count: int, session) -> dict:
    """Run ``count`` sessions at once (``session(load)`` each); server memory before, with all open, after."""
    before = rss_mb(pid)
    load = Load(count)
    tasks = [asyncio.create_task(session(load)) for _ in range(count)]
    await load.all_done.wait()
    during = rss_mb(pid)
    load.may_close.set()
    await asyncio.gather(*tasks)
    deadline = time.monotonic() + 10
    after = rss_mb(pid)
    while time.monotonic() < deadline and during - before > 1 and after > before + 0.2 * (during - before):
        await asyncio.sleep(1)  # sessions are released asynchronously; give the server a moment to let go
        after = rss_mb(pid)
    return {
        "sessions": count,
        "click_to_list": summarise(load.timings) if load.timings else None,
        "errors": len(load.errors),
        "error_samples": load.errors[:3],
        "rss_mb_before": before,
        "rss_mb_during": during,
        "rss_mb_after": after,
        "rss_mb_per_session": (during - before) / count,
    }


async def _browser_load(url: str, count: int, pid: int) -> dict:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=browserkit.chromium_path(), headless=True, args=browserkit.CHROMIUM_FLAGS
        )
        result = await _measure(pid, count, lambda load: _browser_session(browser, url, load))
        await browser.close()
    return result


async def _protocol_load(url: str, count: int, pid: int, paced: bool = False) -> dict:
    seeds = iter(range(count))  # fixed seeds: the same think times in every bench run
    return await _measure(
        pid, count, lambda load: _protocol_session(url, load, random.Random(next(seeds)) if paced else None)
    )


#: Concurrent real Chromium tabs. 25 at once saturate this 2-core machine with browser work alone
#: (the tabs never finish within minutes), so browsers stop at 10 and larger counts use the protocol client.
BROWSER_COUNTS = (10,)
#: Concurrent sessions over the websocket protocol (bench/protocol.py); 10 overlaps with the browsers.
PROTOCOL_COUNTS = (10, 25)
#: Seconds a paced user spends reading before each click (uniformly drawn).
THINK_S = (2.0, 8.0)


def sessions(db_path: Path, browsers=BROWSER_COUNTS, protocol=PROTOCOL_COUNTS, paced=(25,)) -> dict:
    """Browser, protocol and paced protocol load runs; each on a fresh, warmed-up server so memory is its own."""
    plan = [
        ("browser", browsers, _browser_load),
        ("protocol", protocol, _protocol_load),
        ("protocol_paced", paced, functools.partial(_protocol_load, paced=True)),
    ]
    results: dict[str, dict] = {}
    for kind, counts, run in plan:
        for count in counts:
            env = {"NETZWERKATLAS_DB": str(db_path), "NETZWERKATLAS_DATASET": "demo"}
            with browserkit.streamlit_process("dashboard.py", env=env) as (url, process):
                asyncio.run(_protocol_load(url, 1, process.pid))  # warm-up: caches filled once
                results.setdefault(kind, {})[str(count)] = asyncio.run(run(url, count, process.pid))
    return results


def stress_database(path: Path, total: int = 20_000) -> Path:
    """A database with ``total`` networks: the demo records repeated under new ids."""
    engine = store.make_engine(f"sqlite:///{path}")
    migrate.upgrade(engine)
    base = read_networks(paths.data_file(demo.OUTPUT)).records
    copies = []
    for round_ in range(total // len(base) + 1):
        copy = base.copy()
        copy["id"] = [f"S{round_}-{i}" for i in range(len(base))]
        copies.append(copy)
    store.add_networks(engine, pd.concat(copies, ignore_index=True).head(total))
    engine.dispose()
    return path


def stress(tmp: Path) -> dict:
    db = stress_database(tmp / "stress.sqlite3")
    with browserkit.streamlit_process(
        "dashboard.py", env={"NETZWERKATLAS_DB": str(db), "NETZWERKATLAS_DATASET": "demo"}
    ) as (url, process):
        result = asyncio.run(_browser_load(url, 3, process.pid))
    return {"networks": 20_000, **result}
