"""The report loop in a real browser: a network reported in a white spot is not public until an editor accepts it."""

import re

import pytest
from playwright.sync_api import expect

from geo import store
from tests.conftest import EDITOR, EDITOR_PASSWORD
from tests.mapkit import MAP_FRAME, click_map, kreis_point

pytestmark = pytest.mark.e2e
NAME = "Meldeschleife Testbündnis"
WHITE_SPOT = re.compile(r"^Hier gibt es .* ein weißer Fleck")


def white_spot() -> str:
    """A Kreis without a regional network in the shared test database, right now."""
    from geo import regions

    stored = store.load_networks(store.make_engine())
    regional = stored[stored["scope"].isin(["lokal", "mehrere"])]
    covered = {a for codes in regional["ags"] for a in codes}
    return next(a for a in regions.resolve("Deutschland").ags if a not in covered)


def send_until_answered(page) -> None:
    """Send; the form refuses a send faster than its minimum fill time, and then a person sends again."""
    for _ in range(20):
        page.get_by_role("button", name="Meldung senden").click()
        answer = page.get_by_text(re.compile("Ihre Meldung R-|wurde nicht gespeichert"))
        expect(answer.first).to_be_visible(timeout=30_000)
        if page.get_by_text("Ihre Meldung R-").count():
            return
        expect(page.get_by_text("zu schnell")).to_be_visible()
    raise AssertionError("the report was never accepted by the form")


def test_report_in_a_white_spot_is_public_only_after_an_editor_accepts_it(page, app_url):
    ags = white_spot()
    lat, lon, heading = kreis_point(ags)
    page.goto(app_url)
    expect(page.frame_locator(MAP_FRAME).locator("path.leaflet-interactive")).to_have_count(400, timeout=60_000)
    click_map(page, lat, lon)
    expect(page.get_by_role("heading", name=heading)).to_be_visible(timeout=30_000)
    expect(page.get_by_text(WHITE_SPOT)).to_be_visible()
    page.get_by_role("link", name="Gibt es hier ein Netzwerk? Melden").click()
    expect(page.get_by_role("heading", name="Netzwerk melden")).to_be_visible(timeout=30_000)
    expect(page.get_by_label(re.compile("^Region"))).to_have_value(ags)
    expect(page.get_by_text(re.compile(r"Erkannt: 1 Kreise"))).to_be_visible(timeout=30_000)
    page.get_by_label("Name des Netzwerks *").fill(NAME)
    page.get_by_label("Partner (durch Semikolon getrennt)").fill("IHK; HWK; Jobcenter")
    page.get_by_label("Ihr Name *").fill("Erika Muster")
    page.get_by_label("Ihre E-Mail-Adresse *").fill("erika@example.org")
    page.get_by_text("Ich willige ein").click()
    send_until_answered(page)

    # not public: the directory does not know it
    page.get_by_role("link", name="Netzwerke", exact=True).click()
    page.get_by_label("Suche in Name, Träger, Partner und Region").fill(NAME)
    page.get_by_label("Suche in Name, Träger, Partner und Region").press("Enter")
    expect(page.get_by_text("0 Netzwerke")).to_be_visible(timeout=30_000)

    # an editor accepts it
    page.get_by_role("link", name="Anmelden").click()
    page.get_by_label("Benutzername").fill(EDITOR)
    page.get_by_label("Passwort").fill(EDITOR_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.get_by_role("link", name=re.compile(r"Meldungen \(\d+\)")).click()
    expect(page.get_by_role("heading", name="Meldungen")).to_be_visible(timeout=30_000)
    report = page.get_by_test_id("stExpander").filter(has_text=NAME)
    report.get_by_role("button", name="Annehmen").click()
    expect(page.get_by_text("Entschieden.")).to_be_visible(timeout=30_000)

    # the Kreis is covered and the network listed
    page.get_by_role("link", name="Karte").click()
    expect(page.frame_locator(MAP_FRAME).locator("path.leaflet-interactive")).to_have_count(400, timeout=60_000)
    click_map(page, lat, lon)
    expect(page.get_by_role("heading", name=heading)).to_be_visible(timeout=30_000)
    expect(page.get_by_text(NAME)).to_be_visible(timeout=30_000)
    expect(page.get_by_text(WHITE_SPOT)).to_have_count(0)
