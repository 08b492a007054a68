"""What a screen reader meets on the map page: a titled map frame, the map as text, an announced selection."""

import re

import pytest
from playwright.sync_api import expect

from geo.maps import mapview, palette
from tests import mapkit

pytestmark = pytest.mark.e2e


def test_map_frame_title_summary_legend_and_announced_selection(page, app_url):
    mapkit.open_map(page, app_url)
    expect(page.locator(mapkit.MAP_FRAME)).to_have_attribute("title", mapview.FRAME_TITLE)
    expect(page.locator("iframe[title='streamlit_folium.st_folium']")).to_have_count(0)
    summary = page.get_by_text(re.compile(r"Textfassung der Karte \(Deutschland\): (\d+) von 400 Kreisen mit Netzwerk"))
    found = re.search(
        r"(\d+) von 400 Kreisen mit Netzwerk mit aktuellem Beleg, (\d+) nur mit älteren Belegen, (\d+) ohne",
        summary.inner_text(),
    )
    covered, older, white = map(int, found.groups())
    assert covered + older + white == 400 and white > 0
    expect(page.get_by_text(f"{covered} von 400", exact=True)).to_be_visible()  # the key figure agrees
    for label, _, _ in palette.legend_entries():
        expect(page.get_by_role("listitem").filter(has_text=label)).to_be_visible()
    status = page.get_by_role("status").filter(has_text=re.compile("^$|Ausgewählt"))
    expect(status).to_have_count(1)
    status.evaluate("el => { el.dataset.sameNode = 'ja'; }")  # a replaced element would not be announced
    page.get_by_placeholder("Kreis, Ort, PLZ oder AGS").fill("17291")
    page.get_by_placeholder("Kreis, Ort, PLZ oder AGS").press("Enter")
    live = page.locator("[role=status][aria-live=polite][data-same-node=ja]")
    expect(live).to_have_text(re.compile(r"^Ausgewählt: Landkreis Uckermark – (\d+ Netzwerke?|ein weißer Fleck)"))
