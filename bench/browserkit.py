"""The benchmark's browser kit: launch Chromium quietly, serve the app, click the map.

The app server comes from ``bench.appserver`` (the tests start it the same way); the browser settings and
the click are the benchmark's own (the tests keep theirs in ``tests/``).
"""

from __future__ import annotations

import shutil
from contextlib import contextmanager
from pathlib import Path

from bench.appserver import free_port, serve
from geo.config import settings

#: free_port is used by bench.scaleout (and the cluster test) through this module.
__all__ = [
    "CHROMIUM_FLAGS",
    "MAP_FRAME",
    "chromium_path",
    "click_map",
    "free_port",
    "streamlit_process",
    "streamlit_server",
]

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
    configured = settings.CHROMIUM.get()
    return str(configured) if configured else shutil.which("chromium") or shutil.which("chromium-browser")


@contextmanager
def streamlit_server(
    script: str,
    env: dict[str, str] | None = None,
    log: Path | None = None,
    timeout_s: float = 60,
    extra_args: tuple[str, ...] = (),
):
    """``streamlit run script`` on a free loopback port; yields the base URL once healthy."""
    with serve(script, env, log, timeout_s, extra_args) as (url, _process):
        yield url


#: Like :func:`streamlit_server`, yielding ``(url, process)`` (the benchmark reads its memory).
streamlit_process = serve


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
