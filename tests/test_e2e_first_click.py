"""The first click (or tap) on a freshly painted map selects the Kreis under it, at common window sizes.

Issue 12: where the map was only partly in view (1366×768, 1536×864), the first click focused the
map, the browser scrolled the page between press and release, and Leaflet took the click for a drag.
Each Kreis is clicked on a fresh page, as soon as the map is painted, without scrolling it into view.
"""

import pytest
from playwright.sync_api import expect

from tests import mapkit

pytestmark = pytest.mark.e2e

DESKTOP = [(1366, 768), (1536, 864), (1920, 1080)]

#: Scroll the page like a visitor on a phone: until the map's top edge is halfway down the window.
SCROLL_MAP_INTO_LOWER_HALF_JS = """el => {
    el.scrollIntoView({block: 'start'});
    let s = el.parentElement;
    while (s && !(s.scrollHeight > s.clientHeight && /auto|scroll/.test(getComputedStyle(s).overflowY))) {
        s = s.parentElement;
    }
    (s || document.scrollingElement).scrollBy(0, -window.innerHeight / 2);
}"""


def fresh_page(browser, width, height, touch=False):
    options = {"viewport": {"width": width, "height": height}, "locale": "de-DE"}
    if touch:
        options.update(has_touch=True, is_mobile=True, device_scale_factor=2)
    return browser.new_context(**options).new_page()


def assert_selected(page, ags: str) -> None:
    """URL, panel heading and map outline agree on the Kreis."""
    lat, lon, heading = mapkit.kreis_point(ags)
    page.wait_for_url(f"**kreis={ags}**", timeout=15_000)
    expect(page.get_by_role("heading", name=heading)).to_be_visible(timeout=15_000)
    mapkit.wait_until_outlined_only(page, lat, lon)


def first_click_selects(browser, app_url, width, height, touch=False) -> None:
    probe = fresh_page(browser, width, height, touch)
    mapkit.open_map(probe, app_url)
    if touch:
        probe.locator(mapkit.MAP_FRAME).evaluate(SCROLL_MAP_INTO_LOWER_HALF_JS)
    chosen = mapkit.visible_kreise(probe)
    probe.context.close()
    for ags in chosen:
        page = fresh_page(browser, width, height, touch)
        mapkit.open_map(page, app_url)
        if touch:
            page.locator(mapkit.MAP_FRAME).evaluate(SCROLL_MAP_INTO_LOWER_HALF_JS)
        point = mapkit.on_screen(page, *mapkit.kreis_point(ags)[:2])
        assert point, f"{ags} not on screen at {width}×{height}"
        if touch:
            page.touchscreen.tap(*point)
        else:
            page.mouse.click(*point)
        assert_selected(page, ags)
        mapkit.screenshot(page, f"erster-klick-{ags}")
        page.context.close()


@pytest.mark.parametrize(("width", "height"), DESKTOP, ids=[f"{w}x{h}" for w, h in DESKTOP])
def test_first_click_selects_the_kreis(browser, app_url, width, height):
    first_click_selects(browser, app_url, width, height)


def test_first_tap_on_a_phone_selects_the_kreis(browser, app_url):
    first_click_selects(browser, app_url, 390, 844, touch=True)
