"""The report loop in a real browser, as a network and an editor meet it (issue 15, acceptance 6).

A network reported in a white spot is not public until an editor accepts it; a correction opened from
a profile shows the editor a field-by-field diff and changes the profile once accepted; a rejection
deletes the reporter's data and publishes nothing; a report of a known network merges into it; the
form refuses more reports than the session limit allows. Each walk starts from a fresh browser at a
laptop's window size.
"""

import re
from datetime import date

import pandas as pd
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from geo.publicreports import reports
from geo.regions import boundaries
from geo.storage import store
from tests import axecheck
from tests.conftest import EDITOR, EDITOR_PASSWORD
from tests.mapkit import MAP_FRAME, click_map, kreis_point

pytestmark = pytest.mark.e2e
NAME = "Meldeschleife Testbündnis"
WHITE_SPOT = re.compile(r"^Hier gibt es .* ein weißer Fleck")
ANSWER = re.compile("Ihre Meldung R-|wurde nicht gespeichert")


@pytest.fixture
def page(browser, app_url):
    """A fresh browser at 1366×768, the commonest laptop screen."""
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="de-DE")
    yield context.new_page()
    context.close()


def stored() -> pd.DataFrame:
    """The public records in the shared test database (the app server's), right now."""
    engine = store.make_engine()
    try:
        return store.load_networks(engine)
    finally:
        engine.dispose()


def stored_report(report_id: str | None = None) -> dict | list[dict]:
    """One report with its contact (``None`` once deleted), or all reports."""
    engine = store.make_engine()
    try:
        return reports.get_report(engine, report_id) if report_id else reports.list_reports(engine, status=None)
    finally:
        engine.dispose()


def region_name(ags: str) -> str:
    """How the form prefills a Kreis: its display name (issue 24), never the bare AGS."""
    from geo.regions import resolver

    return resolver.name_of(ags)


def white_spot() -> str:
    """A Kreis without a regional network in the shared test database, right now."""
    from geo.regions import resolver

    networks = stored()
    regional = networks[networks["scope"].isin(["lokal", "mehrere"])]
    covered = {a for codes in regional["ags"] for a in codes}
    spots = [a for a in resolver.resolve("Deutschland").ags if a not in covered]
    area = boundaries.load_kreise().set_index("ags")["area_km2"]
    return max(spots, key=lambda a: (area[a], a))  # the largest: easy to hit on a 350 px map at Germany's zoom


def demo_network(position: int) -> dict:
    """A fictional network with a Träger, partners and a website (walks pick different ones)."""
    networks = stored()
    usable = networks[
        (networks["herkunft"] == "demo")
        & (networks["status"] != "beendet")
        & (networks["traeger"] != "")
        & (networks["website"] != "")
        & (networks["partner"].map(len) > 0)
        & networks["name"].str.fullmatch(r"[\w .-]+")
    ]
    return usable.sort_values("id").iloc[position].to_dict()


def clock(page) -> float:
    """The browser's clock (ms), read when the page shows the form or an answer to it."""
    return page.evaluate("performance.now()")


def send(page, shown: float) -> str:
    """Send the form and return the answer, once the form is older than its minimum fill time.

    The server starts the form's clock when it draws the form (and again after each accepted report),
    always before the browser shows it; so when the browser's clock has run the minimum fill time past
    ``shown`` (the moment the form or the last answer appeared), a send cannot be "too fast". This waits
    for that condition, not a fixed time: a person filling the fields usually took longer already.
    """
    wait_ms = reports.Limits.from_env().min_fill_seconds * 1000
    page.wait_for_function("([shown, ms]) => performance.now() >= shown + ms", arg=[shown, wait_ms])
    answer = page.get_by_test_id("stAlert").filter(has_text=ANSWER)
    before = answer.inner_text() if answer.count() else None
    page.get_by_role("button", name="Meldung senden").click()
    if before is None:
        expect(answer).to_be_visible(timeout=30_000)
    else:
        expect(answer).not_to_have_text(before, timeout=30_000)  # a new answer replaced the last one
    return answer.inner_text()


def fill_contact(page, email: str = "erika@example.org") -> None:
    page.get_by_label("Ihr Name *").fill("Erika Muster")
    page.get_by_label("Ihre E-Mail-Adresse *").fill(email)
    if not page.get_by_role("checkbox", name=re.compile("Ich willige ein")).is_checked():  # a sent form may keep it
        page.get_by_text("Ich willige ein").click()


def report_id(answer: str) -> str:
    found = re.search(r"Ihre Meldung (R-[0-9A-Z]+) ist eingegangen", answer)
    assert found, answer
    return found.group(1)


def open_form(page, app_url: str) -> float:
    """The form as someone looking for their network in the directory finds it."""
    page.goto(f"{app_url}/netzwerke")
    page.get_by_role("link", name="Ihr Netzwerk fehlt? Netzwerk melden").click()
    expect(page.get_by_role("heading", name="Netzwerk melden")).to_be_visible(timeout=30_000)
    return clock(page)


def log_in_and_open_reports(page) -> None:
    page.get_by_role("link", name="Anmelden").click()
    page.get_by_label("Benutzername").fill(EDITOR)
    page.get_by_label("Passwort", exact=True).fill(EDITOR_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.get_by_role("link", name=re.compile(r"Meldungen \(\d+\)")).click()
    expect(page.get_by_role("heading", name="Meldungen")).to_be_visible(timeout=30_000)


def decided(page) -> None:
    expect(page.get_by_test_id("stAlert").filter(has_text="Entschieden.")).to_be_visible(timeout=30_000)


def open_profile(page, app_url: str, network: dict) -> None:
    page.goto(f"{app_url}/netzwerke?netzwerk={network['id']}")
    expect(page.get_by_role("heading", name=network["name"])).to_be_visible(timeout=30_000)


def search_directory(page, text: str) -> None:
    page.get_by_role("link", name="Netzwerke", exact=True).click()
    search = page.get_by_label("Suche in Name, Träger, Partner und Region")
    search.fill(text)
    search.press("Enter")


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
    shown = clock(page)
    expect(page.get_by_label(re.compile("^Region"))).to_have_value(region_name(ags))  # the name, not the AGS
    expect(page.get_by_text(re.compile(r"Erkannt: 1 Kreis – "))).to_be_visible(timeout=30_000)
    page.get_by_label("Name des Netzwerks *").fill(NAME)
    page.get_by_label("Partner (durch Semikolon getrennt)").fill("IHK; HWK; Jobcenter")
    fill_contact(page)
    assert "Ihre Meldung R-" in send(page, shown)

    # not public: the directory does not know it
    search_directory(page, NAME)
    expect(page.get_by_text("0 Netzwerke")).to_be_visible(timeout=30_000)

    # an editor accepts it
    log_in_and_open_reports(page)
    report = report_box(page, NAME)
    report.get_by_role("button", name="Annehmen").click()
    decided(page)

    # the Kreis is covered and the network listed
    page.get_by_role("link", name="Karte").click()
    expect(page.frame_locator(MAP_FRAME).locator("path.leaflet-interactive")).to_have_count(400, timeout=60_000)
    click_map(page, lat, lon)
    expect(page.get_by_role("heading", name=heading)).to_be_visible(timeout=30_000)
    expect(page.get_by_text(NAME)).to_be_visible(timeout=30_000)
    expect(page.get_by_text(WHITE_SPOT)).to_have_count(0)


def test_a_correction_from_a_profile_shows_the_editor_a_diff_and_changes_the_profile(page, app_url):
    network = demo_network(-1)
    new_traeger = "Korrigierte Koordinierungsstelle Testkreis"
    open_profile(page, app_url, network)
    expect(page.get_by_text("Angaben nicht bestätigt")).to_be_visible()
    page.get_by_role("link", name="Angaben korrigieren").click()
    expect(page.get_by_role("heading", name="Angaben korrigieren")).to_be_visible(timeout=30_000)
    shown = clock(page)
    # filled with the current values
    expect(page.get_by_label("Name des Netzwerks *")).to_have_value(network["name"])
    expect(page.get_by_label("Website")).to_have_value(network["website"])
    expect(page.get_by_label("Träger / koordinierende Stelle")).to_have_value(network["traeger"])
    page.get_by_label("Träger / koordinierende Stelle").fill(new_traeger)
    fill_contact(page)
    assert "Ihre Meldung R-" in send(page, shown)

    # not public yet
    open_profile(page, app_url, network)
    expect(page.get_by_text(f"Träger: {network['traeger']}")).to_be_visible()

    # the editor sees exactly the changed field, old and new, and accepts
    log_in_and_open_reports(page)
    report = report_box(page, f"Korrektur: {network['name']}")
    rows = report.get_by_test_id("stTable").get_by_role("row")
    expect(rows).to_have_count(2)  # the header and the one changed field: the prefill changed nothing else
    expect(rows.nth(1)).to_contain_text(["Träger"])
    expect(rows.nth(1).get_by_role("cell", name=network["traeger"], exact=True)).to_be_visible()
    expect(rows.nth(1).get_by_role("cell", name=new_traeger, exact=True)).to_be_visible()
    report.get_by_role("button", name="Annehmen").click()
    decided(page)

    # the public profile shows the new Träger and the confirmation by the report
    open_profile(page, app_url, network)
    expect(page.get_by_text(f"Träger: {new_traeger}")).to_be_visible()
    expect(page.get_by_text(f"Angaben bestätigt am {date.today():%d.%m.%Y} (Meldung)")).to_be_visible()


def report_box(page, title: str):
    """A report's own box on "Meldungen", by its title (not the box for rejecting several, which lists it)."""
    return page.get_by_test_id("stExpander").filter(has=page.locator("summary", has_text=title))


def fill_in_open_box(box, field, text: str) -> None:
    """Type into a field of an expander as an editor would: the warning's rerun may draw the box closed again,
    or keep the page inert for a moment; open it when closed and type once the field takes input."""
    for _attempt in range(3):
        if not field.is_visible():
            box.locator("summary").click()
        try:
            field.fill(text, timeout=10_000)
            return
        except PlaywrightTimeoutError:
            continue
    field.fill(text)  # the last try reports what stood in the way


def test_a_rejected_report_deletes_the_reporters_data_and_publishes_nothing(page, app_url):
    name = "Abgelehntes Testbündnis Nordwest"
    shown = open_form(page, app_url)
    page.get_by_label("Name des Netzwerks *").fill(name)
    page.get_by_label(re.compile("^Region")).press_sequentially("Landkreis Prignitz")
    # read live: while the cursor is still in the field, the reading appears
    expect(page.get_by_text(re.compile(r"Erkannt: 1 Kreis – .*Prignitz"))).to_be_visible(timeout=30_000)
    expect(page.get_by_label(re.compile("^Region"))).to_be_focused()
    fill_contact(page, "abgelehnt@example.org")
    sent = report_id(send(page, shown))

    log_in_and_open_reports(page)
    report = report_box(page, name)
    # editors may ask back until they decide (the app breaks addresses with invisible word joiners: no autolink)
    expect(report.get_by_text(re.compile("\u2060?".join(map(re.escape, "abgelehnt@example.org"))))).to_be_visible()
    report.get_by_role("button", name="Ablehnen").click()
    expect(page.get_by_test_id("stAlert").filter(has_text="Bitte einen Grund")).to_be_visible(timeout=30_000)
    reason = report.get_by_label("Grund der Ablehnung")
    fill_in_open_box(report, reason, "Kein Netzwerk im Sinne der Kriterien")
    report.get_by_role("button", name="Ablehnen").click()
    decided(page)
    expect(report_box(page, name)).to_have_count(0)

    decision = stored_report(sent)
    assert decision["status"] == "rejected" and decision["reason"] == "Kein Netzwerk im Sinne der Kriterien"
    assert decision["contact_name"] is None and decision["contact_email"] is None  # deleted
    assert name not in set(stored()["name"])
    search_directory(page, name)
    expect(page.get_by_text("0 Netzwerke")).to_be_visible(timeout=30_000)


def test_a_report_of_a_known_network_merges_into_it(page, app_url):
    network = demo_network(-2)
    new_traeger = "Zusammengeführte Koordinierungsstelle"
    shown = open_form(page, app_url)
    page.get_by_label("Name des Netzwerks *").fill(network["name"])
    page.get_by_label(re.compile("^Region")).fill(network["region"])
    page.get_by_label("Träger / koordinierende Stelle").fill(new_traeger)
    fill_contact(page)
    assert "Ihre Meldung R-" in send(page, shown)

    log_in_and_open_reports(page)
    report = report_box(page, f"Neues Netzwerk: {network['name']}")
    expect(report.get_by_text(f"Möglicherweise dasselbe Netzwerk wie {network['name']}")).to_be_visible()
    rows = report.get_by_test_id("stTable").filter(has_text="bisher").get_by_role("row")
    expect(rows).to_have_count(2)  # only the Träger changes: fields left empty keep the record's values
    expect(rows.nth(1).get_by_role("cell", name=new_traeger, exact=True)).to_be_visible()
    report.get_by_role("button", name=f"In {network['id']} zusammenführen").click()
    decided(page)

    open_profile(page, app_url, network)
    expect(page.get_by_text(f"Träger: {new_traeger}")).to_be_visible()
    expect(page.get_by_text("Partner: " + "; ".join(network["partner"]))).to_be_visible()
    expect(page.get_by_role("link", name="Website")).to_have_attribute("href", network["website"])
    assert (stored()["name"] == network["name"]).sum() == 1  # merged, not added


def test_the_form_refuses_reports_beyond_the_session_limit_and_says_why(page, app_url):
    limit = reports.Limits.from_env().per_session
    name = "Testbündnis Ratenbegrenzung"
    networks = stored()
    ags = networks.loc[networks["scope"] == "lokal", "ags"].iloc[0][0]  # a covered Kreis: its panel links, too
    page.goto(f"{app_url}/?kreis={ags}")
    expect(page.get_by_role("heading", name=kreis_point(ags)[2])).to_be_visible(timeout=60_000)
    page.get_by_role("link", name="Gibt es hier ein Netzwerk? Melden").click()
    expect(page.get_by_role("heading", name="Netzwerk melden")).to_be_visible(timeout=30_000)
    shown = clock(page)
    expect(page.get_by_label(re.compile("^Region"))).to_have_value(region_name(ags))
    for _ in range(limit):
        page.get_by_label(re.compile("^Region")).fill(region_name(ags))  # a sent form comes back empty
        page.get_by_label("Name des Netzwerks *").fill(name)
        fill_contact(page)
        assert "Ihre Meldung R-" in send(page, shown)
        shown = clock(page)
    page.get_by_label(re.compile("^Region")).fill(region_name(ags))
    page.get_by_label("Name des Netzwerks *").fill(name)
    fill_contact(page)
    refused = send(page, shown)
    assert "Die Meldung wurde nicht gespeichert" in refused
    assert "Von dieser Sitzung kamen in der letzten Zeit schon zu viele Meldungen" in refused
    assert sum(r["fields"]["name"] == name for r in stored_report()) == limit  # the refused one: not stored


def test_the_honeypot_is_out_of_sight_out_of_the_keyboard_and_out_of_screen_readers(page, app_url):
    open_form(page, app_url)
    box = page.locator(".st-key-melden_hp")
    trap = box.locator("input")
    expect(box).to_be_hidden()
    expect(box).to_have_attribute("aria-hidden", "true")
    expect(trap).to_have_attribute("tabindex", "-1")
    expect(trap).to_have_attribute("autocomplete", "off")
    expect(box.get_by_text("Nicht ausfüllen")).to_be_attached()
    # from the consent box, Tab goes straight on to the send button (once the form's run has ended: an
    # element drawn or replaced after the focus moved would take the Tab)
    axecheck.wait_until_done(page)
    consent = page.get_by_role("checkbox", name=re.compile("Ich willige ein"))
    consent.focus()
    expect(consent).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Meldung senden")).to_be_focused()


def test_a_white_spot_chosen_in_the_ranking_links_to_the_form_with_its_kreis(page, app_url):
    page.goto(f"{app_url}/weisse-flecken")
    expect(page.get_by_role("heading", name="Weiße Flecken", exact=True)).to_be_visible(timeout=60_000)
    grid = page.get_by_test_id("stDataFrame")
    expect(grid).to_be_visible(timeout=60_000)
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 15, box["y"] + 35 + 17)  # the first row's selection box (the grid is a canvas)
    expect(page.get_by_role("heading", name=re.compile("^Wer könnte helfen"))).to_be_visible(timeout=30_000)
    page.get_by_role("link", name="Gibt es hier ein Netzwerk? Melden").click()
    expect(page.get_by_role("heading", name="Netzwerk melden")).to_be_visible(timeout=30_000)
    expect(page.get_by_label(re.compile("^Region"))).to_have_value(re.compile(r"\S"))  # the Kreis's name
    expect(page.get_by_text(re.compile(r"Erkannt: 1 Kreis – "))).to_be_visible(timeout=30_000)
