"""Issue 24 in the browser: one filter state across pages, the Land everywhere, German only, the map first.

Every test starts from a fresh page at 1366 × 768 (the commonest laptop) or 390 × 844 (a phone, touch).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from geo.maps.mapview import GERMANY_BOUNDS
from tests import axecheck, mapkit

pytestmark = pytest.mark.e2e

LAPTOP, PHONE = (1366, 768), (390, 844)
FIELD = "Integration Älterer in das Erwerbsleben"
PUBLIC = ["", "weisse-flecken", "netzwerke", "statistik", "vergleich", "felder", "bericht", "methodik"]
PUBLIC += ["geografie", "kreise", "melden", "barrierefreiheit", "anmelden"]

#: Streamlit's and Leaflet's own English, as a visitor would read it.
ENGLISH = re.compile(r"Choose an option|Choose options|Select all|No results|matches|Press Enter|\bmi\b|miles")

#: The text a person sees: text nodes whose element is rendered, visible and not shrunk to nothing.
VISIBLE_TEXT_JS = """() => {
    const out = [];
    const walk = doc => {
        const it = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
        for (let n = it.nextNode(); n; n = it.nextNode()) {
            const el = n.parentElement, style = el && doc.defaultView.getComputedStyle(el);
            if (!el || !n.data.trim() || style.display === 'none' || style.visibility === 'hidden'
                || parseFloat(style.fontSize) === 0 || el.closest('.nur-vorlesen, [hidden]')
                || !el.getClientRects().length || el.getBoundingClientRect().width <= 1) continue;
            out.push(n.data.trim());
        }
        for (const f of doc.querySelectorAll('iframe')) { try { walk(f.contentDocument); } catch (e) {} }
    };
    walk(document);
    return out.join('\\n');
}"""


#: What an open choice list says when nothing matches (CSS replaces Streamlit's text, see ui/layout.py).
EMPTY_STATE_JS = """() => [...document.querySelectorAll('[role=listbox] [role=option] > span')]
    .map(s => getComputedStyle(s, '::after').content).join(' ')"""


@pytest.fixture
def fresh(page_of_size):
    """A fresh page of the given size (a phone with touch)."""

    def make(size):
        phone = size == PHONE
        return page_of_size(
            viewport={"width": size[0], "height": size[1]}, locale="de-DE", has_touch=phone, is_mobile=phone
        )

    return make


def loaded(page) -> None:
    """The page has run to its end (a busy test machine may take a while over the first white-spot list)."""
    expect(page.get_by_role("link", name="Erklärung zur Barrierefreiheit")).to_be_visible(timeout=180_000)
    axecheck.wait_until_done(page)


def sidebar(page):
    """The sidebar, opened first on a phone (there it starts closed)."""
    bar = page.get_by_test_id("stSidebar")
    expand = page.get_by_test_id("stExpandSidebarButton")
    if expand.is_visible():
        expand.click()
    expect(bar.get_by_role("link", name="Karte", exact=True)).to_be_visible()
    return bar


def choose(page, label: str, option: str) -> None:
    """Pick ``option`` in the sidebar's choice ``label``, as a person does."""
    box = sidebar(page).get_by_test_id("stSelectbox").filter(has_text=label).locator("input")
    box.click()
    page.keyboard.type(option)
    page.keyboard.press("Enter")


def shown_choice(page, label: str) -> str:
    """What the sidebar's choice ``label`` shows: its text and its input's value."""
    box = sidebar(page).get_by_test_id("stSelectbox").filter(has_text=label)
    return box.evaluate("e => e.innerText + ' ' + [...e.querySelectorAll('input')].map(i => i.value).join(' ')")


def go(page, title: str) -> None:
    """Change pages through the sidebar's navigation, as a visitor does (the URL's parameters are not kept)."""
    sidebar(page).get_by_role("link", name=title, exact=True).click()
    loaded(page)


def metric(page, label_start: str) -> str:
    box = page.get_by_test_id("stMetric").filter(has_text=label_start).first
    return box.get_by_test_id("stMetricValue").inner_text()


@pytest.mark.parametrize("size", [LAPTOP, PHONE], ids=["1366x768", "390x844"])
def test_a_filter_set_on_one_page_shows_and_applies_on_the_next_and_after_returning(fresh, app_url, size):
    page = fresh(size)
    page.goto(f"{app_url}/weisse-flecken")
    loaded(page)
    before = metric(page, "Weiße Flecken")
    choose(page, "Handlungsfeld", FIELD)
    page.wait_for_function("() => location.search.includes('hf=aeltere')", timeout=180_000)
    loaded(page)
    thematic = metric(page, "Weiße Flecken")
    assert int(thematic) > int(before)  # thematic white spots: Kreise with networks, none in this field
    assert "hf=aeltere" in page.url

    go(page, "Karte")
    assert FIELD in shown_choice(page, "Handlungsfeld")  # shown, not "alle"
    assert metric(page, "Weiße Flecken") == thematic  # and applied
    assert "hf=aeltere" in page.url
    mapkit.screenshot(page, "filter-karte")

    go(page, "Methodik")  # a page without filters in between
    go(page, "Weiße Flecken")
    assert FIELD in shown_choice(page, "Handlungsfeld")
    assert metric(page, "Weiße Flecken") == thematic
    status = sidebar(page).get_by_test_id("stMultiSelect").filter(has_text="Status")
    tags = status.locator("[data-tag]")
    expect(tags).to_have_count(2)
    assert [tags.nth(i).get_attribute("aria-label") for i in range(2)] == ["aktiv", "unklar"]  # the defaults


@pytest.mark.parametrize("size", [LAPTOP, PHONE], ids=["1366x768", "390x844"])
def test_land_09_on_weisse_flecken_lists_only_bayern(fresh, app_url, size):
    page = fresh(size)
    page.goto(f"{app_url}/weisse-flecken?land=09")
    loaded(page)
    expect(page.get_by_test_id("stMetric").filter(has_text="Weiße Flecken – Bayern")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name="Ansprache-Liste als CSV").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert rows, "Bayern has white spots in the demo data"
    assert {row["Land"] for row in rows} == {"Bayern"}
    assert download.value.suggested_filename == "weisse_flecken_land_09.csv"
    assert "Bayern" in shown_choice(page, "Land")  # last: on a phone the opened sidebar covers the page


def test_the_land_chosen_in_the_sidebar_applies_on_the_map_and_deutschland_brings_germany_back(fresh, app_url):
    page = fresh(LAPTOP)
    page.goto(app_url)
    loaded(page)
    germany = metric(page, "Abgedeckte Kreise")
    assert germany.endswith("von 400")
    choose(page, "Land", "Bayern")
    page.wait_for_function("() => location.search.includes('land=09')", timeout=180_000)
    expect(page.get_by_test_id("stMetricValue").filter(has_text="von 96")).to_be_visible(timeout=180_000)
    choose(page, "Land", "Deutschland")
    page.wait_for_function("() => !location.search.includes('land=')", timeout=180_000)
    expect(page.get_by_test_id("stMetricValue").filter(has_text="von 400")).to_be_visible(timeout=180_000)
    assert metric(page, "Abgedeckte Kreise") == germany


@pytest.mark.parametrize("path", PUBLIC, ids=lambda p: p or "karte")
def test_no_english_interface_text_on_any_public_page(fresh, app_url, path):
    page = fresh(LAPTOP)
    page.goto(f"{app_url}/{path}")
    loaded(page)
    boxes = page.get_by_test_id("stSelectbox").or_(page.get_by_test_id("stMultiSelect"))
    for index in range(boxes.count()):  # open every choice list, and type what matches nothing
        box = boxes.nth(index)
        if not box.is_visible() or box.locator("input").is_disabled():
            continue
        box.locator("input").click()
        page.keyboard.type("qqq")
        expect(page.get_by_role("listbox").first).to_be_visible()
        text = page.evaluate(VISIBLE_TEXT_JS)
        said = page.evaluate(EMPTY_STATE_JS)
        assert "Keine Treffer" in said, box.inner_text()  # instead of "No results"
        assert not ENGLISH.findall(text), (path, box.inner_text(), ENGLISH.findall(text))
        page.keyboard.press("Escape")
    text = page.evaluate(VISIBLE_TEXT_JS)
    assert not ENGLISH.findall(text), (path, ENGLISH.findall(text))
    if path == "":
        assert "km" in page.frame_locator(mapkit.MAP_FRAME).locator(".leaflet-control-scale").inner_text()


#: Streamlit's own English names for screen readers and tooltips (ui/js/german_labels.js translates them).
ENGLISH_NAMES = re.compile(
    r"Skip to|sidebar|Sidebar|Link to heading|^Open$|^Close|password|Help for|Selected values|^Remove |Clear |"
    r"Show/hide|Download as|^Search$|Fullscreen|Show data|Vega|axis|legend titled|Choose an? option|Running"
)
#: Every accessible name, tooltip and placeholder of the page and its frames, and the skip link's text.
NAMES_JS = """() => {
    const out = [];
    const walk = doc => {
        for (const name of ['aria-label', 'title', 'placeholder']) {
            doc.querySelectorAll(`[${name}]`).forEach(e => out.push(e.getAttribute(name)));
        }
        doc.querySelectorAll('[data-testid=stSkipToContent]').forEach(e => out.push(e.textContent));
        for (const f of doc.querySelectorAll('iframe')) { try { walk(f.contentDocument); } catch (e) {} }
    };
    walk(document);
    return out;
}"""


@pytest.mark.parametrize("path", ["", "netzwerke", "statistik", "bericht", "anmelden"], ids=lambda p: p or "karte")
def test_screen_readers_and_tooltips_get_german_names_for_streamlits_own_controls(fresh, app_url, path):
    page = fresh(LAPTOP)
    page.goto(f"{app_url}/{path}")
    loaded(page)
    page.keyboard.press("Tab")  # the first key a keyboard user presses: Streamlit's skip link
    expect(page.locator(":focus")).to_have_text("Zum Hauptinhalt springen")
    names = page.evaluate(NAMES_JS)
    assert "Seitenleiste einklappen" in names, names
    english = [name for name in names if name and ENGLISH_NAMES.search(name)]
    assert english == [], (path, english)
    if path == "anmelden":
        assert "Passwort anzeigen" in names
    if path == "netzwerke":
        assert "Hilfe zu Land" in names and "Alle entfernen" in names


def test_the_start_page_shows_the_whole_map_with_legend_and_panel_without_scrolling(fresh, app_url):
    page = fresh(LAPTOP)
    frame = mapkit.open_map(page, app_url)
    loaded(page)
    width, height = LAPTOP
    for name, selector in (
        ("Karte", mapkit.MAP_FRAME),
        ("Legende", ".st-key-legende"),
        ("Kennzahlen", ".st-key-kennzahlen"),
    ):
        box = page.locator(selector).bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= height, name
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, name
    panel = page.locator(".st-key-kreis_panel").bounding_box()
    assert 0 <= panel["y"] < height - 150  # the panel begins on the first screen, with room to read
    first_spot = page.locator(".st-key-kreis_panel").get_by_role("button").first
    expect(first_spot).to_be_in_viewport()  # the default panel: the largest white spots
    (south, west), (north, east) = GERMANY_BOUNDS
    shown = frame.locator("#map_div").evaluate(
        "() => { const b = window.map_div.getBounds(); return [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()]; }"
    )
    assert shown[0] <= south and shown[1] <= west and shown[2] >= north and shown[3] >= east  # all of Germany
    assert page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollTop") == 0
    mapkit.screenshot(page, "start")


def test_on_a_phone_a_search_brings_the_panel_into_view_with_the_whole_kreis_on_the_map(fresh, app_url):
    page = fresh(PHONE)
    frame = mapkit.open_map(page, app_url)
    page.get_by_placeholder("Kreis, Ort, PLZ oder AGS").fill("Prenzlau")
    page.get_by_role("button", name="Suchen", exact=True).click()
    heading = page.get_by_role("heading", name="Landkreis Uckermark")
    expect(heading).to_be_in_viewport(timeout=30_000)  # brought into view, no hunting two screens down
    mapkit.wait_until_still(page)
    lat, lon, _ = mapkit.kreis_point("12073")
    inside = frame.locator("#map_div").evaluate(
        """() => { const m = window.map_div, b = m.getBounds(); let whole = true;
            m.eachLayer(l => { if (l.feature && l.feature.properties.ags === '12073') {
                whole = b.contains(l.getBounds()); } });
            return whole; }"""
    )
    assert inside  # the whole Kreis, with its surroundings
    mapkit.screenshot(page, "telefon-suche")
