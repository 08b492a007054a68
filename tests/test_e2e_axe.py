"""axe-core on every page and in every state a visitor or editor meets: 0 critical, 0 serious findings."""

import pytest
from playwright.sync_api import expect

from tests import axecheck
from tests.conftest import EDITOR, EDITOR_PASSWORD
from tests.mapkit import MAP_FRAME

pytestmark = pytest.mark.e2e

PUBLIC = ["", "weisse-flecken", "netzwerke", "statistik", "methodik", "geografie", "kreise", "anmelden"]
PUBLIC += ["barrierefreiheit", "melden", "vergleich", "felder", "bericht", "offene-daten"]


def checked(page, url: str) -> None:
    page.goto(url)
    axecheck.wait_until_done(page)
    assert axecheck.violations(page) == []


@pytest.mark.parametrize("path", PUBLIC, ids=lambda p: p or "karte")
def test_public_page_with_the_sidebar_open(page, app_url, path):
    page.goto(f"{app_url}/{path}")
    axecheck.wait_until_done(page)
    expect(page.get_by_test_id("stSidebar")).to_be_visible()
    expect(page.get_by_test_id("stSidebar").get_by_role("link", name="Karte")).to_be_visible()
    assert axecheck.violations(page) == []


def white_spot_and_covered_kreis():
    from geo.figures import coverage
    from geo.regions import boundaries
    from geo.storage import store

    engine = store.make_engine()
    table = coverage.kreis_coverage(store.load_networks(engine), boundaries.load_kreise())
    engine.dispose()
    white = table["evidence"] == coverage.NONE
    return table.loc[white, "ags"].iloc[0], table.loc[table["covered"], "ags"].iloc[0]


@pytest.mark.parametrize("kind", ["weißer Fleck", "abgedeckt"])
def test_map_page_with_a_kreis_selected_and_inside_the_map(page, app_url, kind):
    white, covered = white_spot_and_covered_kreis()
    page.goto(f"{app_url}/?kreis={white if kind == 'weißer Fleck' else covered}")
    axecheck.wait_until_done(page)
    expect(page.get_by_text("AGS ")).to_be_visible()
    assert axecheck.violations(page) == []
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator("path.leaflet-interactive")).to_have_count(400, timeout=60_000)
    assert axecheck.violations(page.locator(MAP_FRAME).element_handle().content_frame()) == []


def test_network_profile_and_report_image(page, app_url):
    from geo.storage import store

    engine = store.make_engine()
    network_id = store.load_networks(engine)["id"].iloc[0]
    engine.dispose()
    checked(page, f"{app_url}/netzwerke?netzwerk={network_id}")
    expect(page.get_by_role("heading", name="Kriterien")).to_be_visible()
    page.goto(f"{app_url}/statistik")
    axecheck.wait_until_done(page)
    page.get_by_text("Kartenbild für Berichte erzeugen").click()
    expect(page.get_by_role("img", name="Vorschau des Kartenbilds")).to_be_visible(timeout=60_000)
    axecheck.wait_until_done(page)
    assert axecheck.violations(page) == []


def test_phone_with_the_sidebar_opened(browser, app_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(app_url)
    axecheck.wait_until_done(page)
    page.get_by_test_id("stExpandSidebarButton").click()
    expect(page.get_by_test_id("stSidebar").get_by_role("link", name="Netzwerke")).to_be_visible()
    assert axecheck.violations(page) == []
    context.close()


def test_the_data_page_of_a_logged_in_editor(page, app_url):
    page.goto(f"{app_url}/anmelden")
    page.get_by_label("Benutzername").fill(EDITOR)
    page.get_by_label("Passwort", exact=True).fill(EDITOR_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.get_by_role("link", name="Daten verwalten").click()
    expect(page.get_by_role("heading", name="Daten verwalten")).to_be_visible(timeout=30_000)
    axecheck.wait_until_done(page)
    for tab in ["Import", "Bearbeiten", "Änderungsprotokoll", "Export"]:
        page.get_by_role("tab", name=tab).click()
        axecheck.wait_until_done(page)
        assert axecheck.violations(page) == [], tab
