"""On a phone: the page scrolls past the map, the panel follows the map, titles fit, nothing scrolls sideways."""

import pytest
from playwright.sync_api import expect

from tests import axecheck, mapkit
from tests.test_e2e_first_click import SCROLL_MAP_INTO_LOWER_HALF_JS

pytestmark = pytest.mark.e2e

PAGES = ["", "weisse-flecken", "netzwerke", "statistik", "methodik", "geografie", "kreise", "anmelden"]
PAGES += ["barrierefreiheit", "?kreis=12073"]

#: Streamlit's scrolling main area: how far it is scrolled, and whether anything sticks out sideways.
SCROLL_JS = "() => { const m = document.querySelector('[data-testid=stMain]'); return m.scrollTop; }"
SIDEWAYS_JS = """() => { const m = document.querySelector('[data-testid=stMain]');
    return [m.scrollWidth, m.clientWidth, document.documentElement.scrollWidth, window.innerWidth]; }"""
#: For each word of the page title: on how many lines does it lie? (1 unless the word is broken.)
WORD_LINES_JS = """() => { const h = document.querySelector('h1'), text = h.firstChild.nodeType === 3 ? h.firstChild
        : document.createTreeWalker(h, NodeFilter.SHOW_TEXT).nextNode();
    const out = {}; let at = 0;
    for (const word of text.data.split(' ')) {
        const r = document.createRange(); r.setStart(text, at); r.setEnd(text, at + word.length);
        out[word] = new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; at += word.length + 1;
    }
    return out; }"""


def swipe_up(page, x: float, y: float, distance: float) -> None:
    """One finger moves up over the screen, as real touch events (Playwright only taps)."""
    session = page.context.new_cdp_session(page)
    session.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    for step in range(1, 11):
        point = {"x": x, "y": y - distance * step / 10}
        session.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [point]})
    session.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    session.detach()


@pytest.fixture
def phone(page_of_size):
    def make(width=390, height=844):
        return page_of_size(
            viewport={"width": width, "height": height}, has_touch=True, is_mobile=True, device_scale_factor=2
        )

    return make


def test_a_swipe_on_the_map_scrolls_the_page_and_the_map_stays(phone, app_url):
    page = phone()
    mapkit.open_map(page, app_url)
    page.locator(mapkit.MAP_FRAME).evaluate(SCROLL_MAP_INTO_LOWER_HALF_JS)
    box = page.locator(mapkit.MAP_FRAME).bounding_box()
    frame = mapkit.map_frame(page)
    center = frame.evaluate("() => window.map_div.getCenter()")
    expect(page.frame_locator(mapkit.MAP_FRAME).get_by_text("Karte mit zwei Fingern verschieben")).to_be_visible()
    before = page.evaluate(SCROLL_JS)
    swipe_up(page, box["x"] + box["width"] / 2, box["y"] + 300, 250)
    page.wait_for_function(f"() => ({SCROLL_JS})() > {before + 100}", timeout=10_000)  # the page scrolled
    assert frame.evaluate("() => window.map_div.getCenter()") == center  # the map did not move
    mapkit.screenshot(page, "telefon-karte")


def test_the_panel_follows_the_map_and_the_title_keeps_its_words(phone, app_url):
    page = phone()
    mapkit.open_map(page, app_url)
    assert set(page.evaluate(WORD_LINES_JS).values()) == {1}
    page.locator(mapkit.MAP_FRAME).evaluate(SCROLL_MAP_INTO_LOWER_HALF_JS)
    ags = mapkit.visible_kreise(page, 1)[0]
    page.touchscreen.tap(*mapkit.on_screen(page, *mapkit.kreis_point(ags)[:2]))
    heading = page.get_by_role("heading", name=mapkit.kreis_point(ags)[2])
    expect(heading).to_be_visible(timeout=30_000)
    map_bottom = page.locator(mapkit.MAP_FRAME).bounding_box()
    assert heading.bounding_box()["y"] > map_bottom["y"] + map_bottom["height"]  # the panel follows the map
    expect(heading).to_be_in_viewport()  # and is brought into view after the tap (issue 24)
    mapkit.screenshot(page, "telefon-panel")


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p or "karte")
def test_nothing_scrolls_sideways_at_320_px(phone, app_url, path):
    page = phone(320, 640)
    page.goto(f"{app_url}/{path}")
    axecheck.wait_until_done(page)
    main_width, main_visible, doc_width, window = page.evaluate(SIDEWAYS_JS)
    assert main_width <= main_visible and doc_width <= window, path
    assert set(page.evaluate(WORD_LINES_JS).values()) == {1}, path
    mapkit.screenshot(page, f"schmal-{path.strip('?').replace('=', '-') or 'karte'}")
