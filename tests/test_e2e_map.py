"""The map page in real headless Chromium: shapes, clicks, search, privacy, script-like names."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests import mapkit
from tests.mapkit import MAP_FRAME, wait_until_outlined_only

pytestmark = pytest.mark.e2e


open_map = mapkit.open_map


click_at = mapkit.click_map


def test_map_shows_400_kreise_and_no_request_leaves_the_origin(page, app_url):
    open_map(page, app_url)
    expect(page.get_by_test_id("stMetricLabel").filter(has_text="Weiße Flecken")).to_be_visible()
    origin = urlsplit(app_url).netloc
    foreign = [
        u
        for u in page.requested_urls
        if urlsplit(u).scheme in ("http", "https", "ws", "wss") and urlsplit(u).netloc != origin
    ]
    assert foreign == []


@pytest.mark.parametrize(
    ("lat", "lon", "heading"),
    [
        (52.52, 13.40, "Kreisfreie Stadt Berlin"),  # a city
        (53.20, 13.85, "Landkreis Uckermark"),  # a large Landkreis
        (47.55, 10.30, "Landkreis Oberallgäu"),  # in the Alps
    ],
)
def test_clicking_a_kreis_shows_its_panel(page, app_url, lat, lon, heading):
    open_map(page, app_url)
    click_at(page, lat, lon)
    expect(page.get_by_role("heading", name=heading)).to_be_visible(timeout=30_000)


def test_clicking_three_kreise_in_a_row_updates_the_panel_each_time(page, app_url):
    open_map(page, app_url)
    for lat, lon, heading in [
        (52.52, 13.40, "Kreisfreie Stadt Berlin"),
        (53.20, 13.85, "Landkreis Uckermark"),
        (51.34, 12.37, "Kreisfreie Stadt Leipzig"),
    ]:
        click_at(page, lat, lon)
        expect(page.get_by_role("heading", name=heading)).to_be_visible(timeout=30_000)


def test_plz_search_selects_the_kreis(page, app_url):
    open_map(page, app_url)
    page.get_by_placeholder("Kreis, Ort, PLZ oder AGS").fill("17291")
    page.get_by_role("button", name="Suchen", exact=True).click()
    expect(page.get_by_role("heading", name="Landkreis Uckermark")).to_be_visible(timeout=30_000)
    page.wait_for_url("**kreis=12073**", timeout=10_000)


def test_ambiguous_search_offers_candidates(page, app_url):
    open_map(page, app_url)
    page.get_by_placeholder("Kreis, Ort, PLZ oder AGS").fill("Kassel")
    page.get_by_role("button", name="Suchen", exact=True).click()
    page.get_by_role("button", name="Landkreis Kassel (06633)").click()
    expect(page.get_by_role("heading", name="Landkreis Kassel")).to_be_visible(timeout=30_000)


def test_shared_link_restores_the_kreis(page, app_url):
    page.goto(f"{app_url}/?kreis=12073")
    expect(page.get_by_role("heading", name="Landkreis Uckermark")).to_be_visible(timeout=60_000)


def test_malformed_link_parameters_give_a_notice(page, app_url):
    page.goto(f"{app_url}/?kreis=<script>&foo=1")
    expect(page.get_by_text("kein gültiger Kreisschlüssel")).to_be_visible(timeout=60_000)
    expect(page.get_by_text("Unbekannter URL-Parameter")).to_be_visible()


def test_script_like_network_name_is_shown_as_text_and_runs_nothing(page, app_url):
    from tests.conftest import HOSTILE_NAME

    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{app_url}/?kreis=12073")
    expect(page.get_by_role("heading", name="Landkreis Uckermark")).to_be_visible(timeout=60_000)
    expect(page.get_by_text(HOSTILE_NAME, exact=True)).to_be_visible()
    expect(page.get_by_text("<script>window.__xss=3</script>", exact=False)).to_be_visible()
    assert page.evaluate("() => window.__xss") is None
    frame = page.locator(MAP_FRAME).element_handle().content_frame()
    assert frame.evaluate("() => window.__xss") is None
    assert page.locator("img[src='x']").count() == 0
    assert dialogs == []


def test_exactly_the_selected_kreis_is_outlined_after_clicks_and_search(page, app_url):
    frame = open_map(page, app_url)
    for lat, lon, heading in [(52.52, 13.40, "Kreisfreie Stadt Berlin"), (53.20, 13.85, "Landkreis Uckermark")]:
        click_at(page, lat, lon)
        expect(page.get_by_role("heading", name=heading)).to_be_visible(timeout=30_000)
        wait_until_outlined_only(page, lat, lon)
    # Twice: a search selects without a click (the server outlines it, the clicked outline goes), then,
    # zoomed out a little, a click on a neighbour (Grimma, Landkreis Leipzig) moves selection and
    # outline there, also the second time, when it is the same Kreis as the click before.
    for _ in range(2):
        page.get_by_placeholder("Kreis, Ort, PLZ oder AGS").fill("04109")
        page.get_by_role("button", name="Suchen", exact=True).click()
        expect(page.get_by_role("heading", name="Kreisfreie Stadt Leipzig")).to_be_visible(timeout=30_000)
        wait_until_outlined_only(page, 51.34, 12.37)
        for _ in range(2):
            frame.locator(".leaflet-control-zoom-out").click()
            frame.locator(".leaflet-zoom-anim").wait_for(state="detached")
        click_at(page, 51.238, 12.725)
        expect(page.get_by_role("heading", name="Landkreis Leipzig")).to_be_visible(timeout=30_000)
        wait_until_outlined_only(page, 51.238, 12.725)


def test_the_selected_kreis_stays_outlined_through_searches_and_new_maps(page, app_url):
    open_map(page, app_url)
    click_at(page, 52.52, 13.40)
    expect(page.get_by_role("heading", name="Kreisfreie Stadt Berlin")).to_be_visible(timeout=30_000)
    # A search elsewhere outlines that Kreis; searching the clicked one again outlines it again.
    for plz, ags, lat, lon in (("17291", "12073", 53.20, 13.85), ("10115", "11000", 52.52, 13.40)):
        page.get_by_placeholder("Kreis, Ort, PLZ oder AGS").fill(plz)
        page.get_by_role("button", name="Suchen", exact=True).click()
        page.wait_for_url(f"**kreis={ags}**", timeout=30_000)
        wait_until_outlined_only(page, lat, lon)
    # A filter change draws a new map (other counts): the server outlines the selection on it.
    old_map = page.locator(MAP_FRAME).element_handle()
    page.get_by_text("Landes- und bundesweite Netzwerke zählen als Abdeckung").click()
    old_map.wait_for_element_state("hidden", timeout=30_000)  # replaced by the new map
    wait_until_outlined_only(page, 52.52, 13.40)
    # So does a visit to another page and back.
    page.get_by_role("link", name="Kreise").click()
    expect(page.get_by_role("heading", name="Kreise und kreisfreie Städte")).to_be_visible(timeout=30_000)
    page.get_by_role("link", name="Karte").click()
    expect(page.get_by_role("heading", name="Kreisfreie Stadt Berlin")).to_be_visible(timeout=30_000)
    wait_until_outlined_only(page, 52.52, 13.40)
