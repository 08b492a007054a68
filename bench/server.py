"""Server figures: warm rerun after a click (over the websocket protocol) and cold start to the first page."""

from __future__ import annotations

import asyncio
import itertools
import time
from pathlib import Path

from bench import browser
from bench.load import CLICKS
from bench.protocol import ProtocolSession
from bench.stats import summarise


async def _reruns(url: str, clicks: int) -> dict:
    async with ProtocolSession(url) as session:
        await session.load()
        seconds, sent = [], []
        for _lat, _lon, ags, heading in itertools.islice(itertools.cycle(CLICKS), clicks):
            run = await session.click(ags)
            if heading not in run.headings:
                raise RuntimeError(f"click on {ags} did not show {heading!r}")
            seconds.append(run.seconds)
            sent.append(run.received_bytes)
    return {"rerun": summarise(seconds), "bytes_per_click": summarise(sent)}


def warm_rerun(urls: dict[str, str], clicks: int = 24) -> dict:
    """Per server: seconds from a click reaching the server to the finished rerun, with the Kreis panel."""
    return {name: asyncio.run(_reruns(url, clicks)) for name, url in urls.items()}


def cold_start(scripts: dict[str, str], db_path: Path, chromium, runs: int = 3) -> dict:
    """Per script: seconds from launching ``streamlit run`` to the map fully painted in Chromium (loopback)."""
    samples: dict[str, dict[str, list[float]]] = {name: {"healthy": [], "first_page": []} for name in scripts}
    for _ in range(runs):
        for name, script in scripts.items():  # interleaved, so machine noise hits both alike
            start = time.perf_counter()
            with browser.streamlit_server(script, db_path) as url:
                samples[name]["healthy"].append(time.perf_counter() - start)
                context = chromium.new_context(viewport={"width": 1400, "height": 1000})
                page = context.new_page()
                page.goto(url)
                page.frame_locator(browser.FRAME).locator("path.leaflet-interactive").nth(399).wait_for(timeout=180_000)
                samples[name]["first_page"].append(time.perf_counter() - start)
                context.close()
    return {name: {k: summarise(v) for k, v in s.items()} for name, s in samples.items()}
