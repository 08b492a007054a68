"""Browser helpers for the map tests: where a Kreis is on screen, clicking or tapping it, its outline.

Only :func:`click_map` scrolls the map into view first; the others work on whatever part of the map the
window shows, as a visitor clicks it, and that is where the first click used to get lost.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from playwright.sync_api import expect

from geo.maps import palette
from geo.regions import boundaries

#: The map's iframe: the page's only custom component (the map retitles its frame for screen readers).
MAP_FRAME = 'iframe[data-testid="stCustomComponentV1"]'
OUTLINE = f'path[stroke="{palette.SELECTED_LINE}"]'

#: Large Kreise from north to south: whichever of them the window shows first gets clicked.
CANDIDATES = (
    "01054",  # Nordfriesland
    "13075",  # Vorpommern-Greifswald
    "01058",  # Rendsburg-Eckernförde
    "13072",  # Landkreis Rostock
    "03352",  # Cuxhaven
    "13076",  # Ludwigslust-Parchim
    "12073",  # Uckermark
    "03454",  # Emsland
    "13071",  # Mecklenburgische Seenplatte
    "12070",  # Prignitz
    "11000",  # Berlin
    "03241",  # Region Hannover
    "12061",  # Dahme-Spreewald
    "05966",  # Olpe
    "09162",  # München
)

#: In the map frame: for each selection outline, does its bounding box enclose the point [lat, lon]?
OUTLINES_HIT_JS = """([lat, lon, selector]) => {
    const p = window.map_div.latLngToContainerPoint([lat, lon]);
    const r = document.getElementById('map_div').getBoundingClientRect();
    const x = p.x + r.left, y = p.y + r.top;
    return [...document.querySelectorAll(selector)].map(el => {
        const b = el.getBoundingClientRect();
        return b.left <= x && x <= b.right && b.top <= y && y <= b.bottom;
    });
}"""

POINT_JS = """([lat, lon]) => { const p = window.map_div.latLngToContainerPoint([lat, lon]);
    const r = document.getElementById('map_div').getBoundingClientRect(); return [p.x + r.left, p.y + r.top]; }"""


@cache
def kreis_point(ags: str) -> tuple[float, float, str]:
    """(lat, lon) of a point inside the Kreis and the heading its panel shows."""
    kreise = boundaries.load_kreise().set_index("ags")
    point = kreise.loc[ags, "geometry"].representative_point()
    return point.y, point.x, f"{kreise.loc[ags, 'bez']} {kreise.loc[ags, 'name']}"


def open_map(page, url: str):
    """Open the start page and wait until all 400 Kreise are painted, the page has run to its end (the map
    leaves the server before its panel and the footer) and the view holds; no other interaction."""
    page.goto(url)
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator("path.leaflet-interactive")).to_have_count(400, timeout=60_000)
    expect(page.get_by_role("link", name="Erklärung zur Barrierefreiheit")).to_be_visible(timeout=60_000)
    wait_until_still(page)
    return frame


#: True once the map's view (centre, zoom, size) is the same as at the previous poll.
VIEW_HELD_JS = """() => { const m = window.map_div; if (!m) return false;
    const view = JSON.stringify([m.getCenter(), m.getZoom(), m.getSize()]);
    const held = view === window.__lastView; window.__lastView = view; return held; }"""


def wait_until_still(page) -> None:
    """Wait until the map's view holds for one poll interval.

    On a loaded machine the iframe can still get its final height after the Kreise are painted, and
    Leaflet then fits the view again (a fraction of a pixel): positions measured before that are stale.
    """
    map_frame(page).wait_for_function(VIEW_HELD_JS, polling=300, timeout=30_000)


def map_frame(page):
    """The frame of the map, once Leaflet's container is in it."""
    return page.frame_locator(MAP_FRAME).locator("#map_div").element_handle(timeout=30_000).owner_frame()


def on_screen(page, lat: float, lon: float) -> tuple[float, float] | None:
    """Page coordinates of a geographic point if the window shows it now (no scrolling), else None."""
    box = page.locator(MAP_FRAME).bounding_box()
    x, y = map_frame(page).evaluate(POINT_JS, [lat, lon])
    x, y = box["x"] + x, box["y"] + y
    view = page.viewport_size
    inside_map = box["x"] + 5 < x < box["x"] + box["width"] - 5 and box["y"] + 5 < y < box["y"] + box["height"] - 5
    return (x, y) if inside_map and 5 < x < view["width"] - 5 and 5 < y < view["height"] - 5 else None


def click_map(page, lat: float, lon: float) -> None:
    """Scroll the map into view and click it at a geographic point, as a person would (Leaflet's projection)."""
    page.locator(MAP_FRAME).scroll_into_view_if_needed()
    point = on_screen(page, lat, lon)
    assert point, f"({lat}, {lon}) is not inside the map the window shows"
    page.mouse.move(*point)
    page.mouse.click(*point)


def visible_kreise(page, count: int = 3) -> list[str]:
    """The first ``count`` candidate Kreise whose point the window shows right now."""
    found = [ags for ags in CANDIDATES if on_screen(page, *kreis_point(ags)[:2])]
    assert len(found) >= count, f"only {found} visible at {page.viewport_size}"
    return found[:count]


def wait_until_outlined_only(page, lat: float, lon: float) -> None:
    """Wait until one map is on the page with exactly one selection outline, and that one around this point."""
    expect(page.locator(MAP_FRAME)).to_have_count(1, timeout=30_000)
    expect(page.frame_locator(MAP_FRAME).locator("path.leaflet-interactive")).to_have_count(400, timeout=60_000)
    map_frame(page).wait_for_function(
        f"(args) => {{ const hits = ({OUTLINES_HIT_JS})(args); return hits.length === 1 && hits[0]; }}",
        arg=[lat, lon, OUTLINE],
        timeout=30_000,
    )


SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"


def screenshot(page, name: str) -> Path:
    """Save what the window shows under tests/screenshots/ (git-ignored) for a look by a person."""
    size = page.viewport_size
    path = SCREENSHOTS / f"{name}-{size['width']}x{size['height']}.png"
    path.parent.mkdir(exist_ok=True)
    page.screenshot(path=path)
    return path
