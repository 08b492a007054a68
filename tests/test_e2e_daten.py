"""An editor logs in, imports a small file and finds the new network on the map (real Chromium)."""

import pytest
from playwright.sync_api import expect

from tests.conftest import EDITOR, EDITOR_PASSWORD
from tests.mapkit import MAP_FRAME, click_map
from ui import login

pytestmark = pytest.mark.e2e


def test_login_import_and_see_the_network_on_the_map(page, app_url, tmp_path):
    upload = tmp_path / "neu.csv"
    upload.write_text(
        "Name;Region;Handlungsfelder\nE2E-Testnetzwerk Prignitz;Landkreis Prignitz;Ausbildung\n", encoding="utf-8"
    )
    page.goto(app_url)
    page.get_by_role("link", name="Anmelden").click()
    page.get_by_label("Benutzername").fill(EDITOR)
    page.get_by_label("Passwort", exact=True).fill(EDITOR_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_text(f"Angemeldet als {EDITOR}.")).to_be_visible(timeout=30_000)  # on /anmelden still
    expect(page.get_by_text("Page not found")).to_have_count(0)
    page.get_by_role("link", name="Daten verwalten").click()
    expect(page.get_by_role("heading", name="Daten verwalten")).to_be_visible(timeout=30_000)
    page.locator("input[type=file]").set_input_files(upload)
    expect(page.get_by_text("1 gültige Zeilen")).to_be_visible(timeout=30_000)
    page.get_by_role("button", name="Import übernehmen (1 Zeilen)").click()
    expect(page.get_by_text("Übernommen: 1 neu")).to_be_visible(timeout=30_000)
    page.get_by_role("link", name="Karte").click()
    expect(page.frame_locator(MAP_FRAME).locator("path.leaflet-interactive")).to_have_count(400, timeout=60_000)
    click_map(page, 53.15, 11.95)  # Landkreis Prignitz
    expect(page.get_by_role("heading", name="Landkreis Prignitz")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("E2E-Testnetzwerk Prignitz")).to_be_visible()


def test_the_editing_page_shows_visitors_only_the_login_and_opens_after_it(page, app_url):
    page.goto(app_url)
    expect(page.get_by_role("link", name="Anmelden")).to_be_visible(timeout=60_000)
    expect(page.get_by_role("link", name="Daten verwalten")).to_have_count(0)
    page.goto(f"{app_url}/daten")
    expect(page.get_by_text(login.PROTECTED)).to_be_visible(timeout=30_000)
    expect(page.get_by_text("Page not found")).to_have_count(0)
    expect(page.locator("input[type=file]")).to_have_count(0)  # nothing of the editing page
    page.get_by_label("Benutzername").fill(EDITOR)
    page.get_by_label("Passwort", exact=True).fill(EDITOR_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("heading", name="Daten verwalten")).to_be_visible(timeout=30_000)
    expect(page.locator("input[type=file]")).to_have_count(1)
    assert page.url.endswith("/daten")
