"""The benchmark's protocol client (bench/protocol.py) against the running app: a map click as the browser
reports it, one script run, the bytes sent back. The bench measures clicks with this client, so these are
also the checks that it measures what it claims; a test of the bench's own tool, it may import bench."""

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest

from bench.protocol import ProtocolSession

pytestmark = pytest.mark.e2e


async def _clicks(url: str, codes: list[str]):
    async with ProtocolSession(url) as session:
        await session.load()
        return [await session.click(ags) for ags in codes]


async def _first_visit(url: str):
    async with ProtocolSession(url) as session:
        return await session.load()


async def _compressed(url: str) -> bool:
    async with ProtocolSession(url) as session:
        return session.compressed


def in_own_thread(coroutine):
    """Playwright's synchronous API keeps an event loop in this thread: run the client in its own."""
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, coroutine).result()


def test_a_click_lists_its_kreis_in_a_single_script_run(app_url):
    uckermark, berlin, foreign = in_own_thread(_clicks(app_url, ["12073", "11000", "99999"]))
    assert "Landkreis Uckermark" in uckermark.headings
    assert "Kreisfreie Stadt Berlin" in berlin.headings and "Landkreis Uckermark" not in berlin.headings
    # One run per click: the page takes the click before drawing, instead of drawing twice.
    assert uckermark.script_runs == berlin.script_runs == 1
    # ... and only of the map's fragment (map and panel), not of the whole page with filters and table.
    assert uckermark.fragment and berlin.fragment
    # The map outlines a click itself, so the server does not resend the ~400 KB map for it.
    assert uckermark.received_bytes < 100_000 and berlin.received_bytes < 100_000
    # A code that is no Kreis (a crafted message) changes nothing: Berlin stays selected.
    assert "Kreisfreie Stadt Berlin" in foreign.headings


def test_the_page_travels_compressed(app_url):
    # The map (~400 KB) is resent whenever the selection changes; deflate makes that ~5× smaller.
    assert in_own_thread(_compressed(app_url))


def test_a_first_visit_gets_the_map_before_the_filter_widgets(app_url):
    """The browser starts the map's frame, its script and Leaflet as soon as the map's element arrives; the
    sidebar's filters (seven widgets, each kind a script of its own to load and draw) follow it. Their places in
    the sidebar stay where they were (tests/test_e2e_click_value.py)."""
    elements = in_own_thread(_first_visit(app_url)).elements
    widgets = [i for i, kind in enumerate(elements) if kind in ("selectbox", "multiselect", "checkbox", "slider")]
    assert len(widgets) == 7  # Land, Handlungsfeld, Status, three switches, Jahr
    assert elements.index("component_instance") < min(widgets)
