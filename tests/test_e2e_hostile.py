"""Hostile Markdown everywhere user text is shown: nothing loads from outside, nothing links outside (Chromium).

Streamlit's Markdown turns ``![](url)`` into an image the browser fetches, and bare ``https://…``,
``www.…`` and ``name@host`` into links. Every payload below points at ``FOREIGN``; with all of them on
screen, not one request may leave the app's origin and no user-text area may hold a foreign link.
"""

from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import expect

from geo.figures.similar import similar_networks
from geo.storage import store
from tests.conftest import EDITOR, EDITOR_PASSWORD, FOREIGN

pytestmark = [pytest.mark.e2e, pytest.mark.hostile]

#: Where user text is rendered as Markdown: text, captions, headings, notices, button labels.
USER_TEXT = '[data-testid="stMarkdownContainer"], [data-testid="stHeading"], [data-testid="stAlert"]'


def _leaks(page, app_url: str, mail_links: frozenset[str] = frozenset()) -> dict[str, list[str]]:
    """Requests to other hosts, and links or images in user text other than mailto links of validated addresses."""
    origin = urlsplit(app_url).netloc
    requests = [
        u
        for u in page.requested_urls
        if urlsplit(u).scheme in ("http", "https", "ws", "wss") and urlsplit(u).netloc != origin
    ]
    links = page.eval_on_selector_all(
        f":is({USER_TEXT}) a[href], :is({USER_TEXT}) img[src]",
        "els => els.map(e => e.getAttribute('href') || e.getAttribute('src'))",
    )
    foreign_links = [
        h for h in links if urlsplit(h).netloc not in ("", origin) or (h.startswith("mailto:") and h not in mail_links)
    ]
    return {"requests": requests, "links": foreign_links}


@pytest.fixture(scope="module")
def networks(stored_networks):
    return stored_networks


@pytest.fixture(scope="module")
def hostile_ids(networks):
    hostile = networks.loc[networks["name"].str.contains("Feindliches Netzwerk"), "id"].iloc[0]
    lister = next(i for i in networks["id"] if hostile in set(similar_networks(i, networks)["id"]))
    return hostile, lister


@pytest.fixture(scope="module")
def mail_links(networks):
    """The only text links allowed: mailto links of the validated e-mail field."""
    return frozenset(f"mailto:{quote(a, safe='@.+-_')}" for a in networks["kontakt_email"] if a)


def test_hostile_url_parameters_show_as_plain_notices(page, app_url):
    params = (
        f"kreis={quote(f'![](http://{FOREIGN}/kreis.png)')}&hf={quote(f'https://{FOREIGN}/hf')}"
        f"&jahr={quote(f'www.{FOREIGN}')}&{quote(f'[x](http://{FOREIGN}/p)')}=1&status={quote(f'a@{FOREIGN}')}"
    )
    page.goto(f"{app_url}/?{params}")
    expect(page.get_by_text("wurde ignoriert", exact=False)).to_be_visible(timeout=60_000)
    expect(page.get_by_text("Unbekannter URL-Parameter", exact=False)).to_be_visible()
    expect(page.get_by_text("Handlungsfeld", exact=False).first).to_be_visible()
    assert _leaks(page, app_url) == {"requests": [], "links": []}
    expect(page.get_by_test_id("stAlert").filter(has_text="kreis.png")).to_be_visible()  # text, not an image


def test_a_hostile_network_profile_and_listings_load_nothing_from_outside(page, app_url, hostile_ids, mail_links):
    hostile, lister = hostile_ids
    page.goto(f"{app_url}/netzwerke?netzwerk={hostile}")
    expect(page.get_by_role("heading", name="Kriterien")).to_be_visible(timeout=60_000)
    expect(page.get_by_role("heading").filter(has_text="Feindliches Netzwerk")).to_be_visible()
    assert _leaks(page, app_url, mail_links) == {"requests": [], "links": []}
    expect(page.get_by_text("material/link", exact=False)).to_be_visible()  # Streamlit's icon syntax stays text
    expect(page.get_by_text("&#58;", exact=False)).to_be_visible()  # an entity stays as typed
    # The validated e-mail field is the one text link the app makes, readable and copyable as typed.
    expect(page.locator(f'a[href="mailto:kontakt@{FOREIGN}"]')).to_have_text(f"kontakt@{FOREIGN}")

    page.goto(f"{app_url}/netzwerke?netzwerk={lister}")
    expect(page.get_by_role("heading", name="Ähnliche Netzwerke anderswo")).to_be_visible(timeout=60_000)
    expect(page.get_by_role("button").filter(has_text="Feindliches Netzwerk")).to_be_visible()
    assert _leaks(page, app_url, mail_links) == {"requests": [], "links": []}

    page.goto(f"{app_url}/?kreis=12068")  # Landkreis Ostprignitz-Ruppin: the network card in the map panel
    expect(page.get_by_role("heading", name="Landkreis Ostprignitz-Ruppin")).to_be_visible(timeout=60_000)
    expect(page.get_by_text("Feindliches Netzwerk", exact=False).first).to_be_visible()
    assert _leaks(page, app_url, mail_links) == {"requests": [], "links": []}

    page.goto(f"{app_url}/netzwerke")
    search = page.get_by_label("Suche in Name, Träger, Partner und Region")
    search.fill("Feindliches")
    search.press("Enter")
    expect(page.get_by_text("1 Netzwerk – Zeile wählen", exact=False)).to_be_visible(timeout=30_000)
    box = page.get_by_role("combobox", name="Profil öffnen")
    box.click()
    box.press_sequentially("Feindliches")
    expect(page.get_by_role("option").filter(has_text="Feindliches Netzwerk")).to_be_visible(timeout=30_000)
    assert _leaks(page, app_url, mail_links) == {"requests": [], "links": []}


def test_a_hostile_header_in_an_import_file_stays_text_in_the_error_box(page, app_url, tmp_path):
    upload = tmp_path / "kopf.csv"
    upload.write_text(
        f"![k](http://{FOREIGN}/kopf.png);www.{FOREIGN};https://{FOREIGN}/kopf;Name\nA;B;C;D\n", encoding="utf-8"
    )
    page.goto(app_url)
    page.get_by_role("link", name="Anmelden").click()
    page.get_by_label("Benutzername").fill(EDITOR)
    page.get_by_label("Passwort", exact=True).fill(EDITOR_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.get_by_role("link", name="Daten verwalten").click()
    expect(page.get_by_role("heading", name="Daten verwalten")).to_be_visible(timeout=30_000)
    page.locator("input[type=file]").set_input_files(upload)
    expect(page.get_by_text("Pflichtspalte fehlt", exact=False)).to_be_visible(timeout=30_000)
    assert _leaks(page, app_url) == {"requests": [], "links": []}
    expect(page.get_by_test_id("stAlert").filter(has_text="Pflichtspalte").filter(has_text="kopf.png")).to_be_visible()


def test_hostile_reports_stay_text_in_the_editors_queue(page, app_url, test_database, networks):
    """A new report and a correction of the hostile network, every field hostile, as the editor reviews them."""
    from geo.publicreports import reports
    from tests.conftest import HOSTILE_NAME, MARKDOWN_NAME

    markdown = f"![m](http://{FOREIGN}/m.png) [l](https://{FOREIGN}/l) <https://{FOREIGN}/a> www.{FOREIGN}"
    target = networks[networks["name"].str.contains("Feindliches Netzwerk")].iloc[0]
    engine = store.make_engine(f"sqlite:///{test_database}")
    for kind, name in (("neu", HOSTILE_NAME + " Meldung"), ("korrektur", target["name"])):
        fields = {f: markdown for f in reports.FORM_FIELDS} | {"name": name, "region": "Landkreis Prignitz"}
        reports.submit(
            engine,
            reports.Submission(
                kind=kind,
                fields=fields
                | {"website": "", "kontakt_email": "", "gegruendet": "", "handlungsfelder": "", "plz": "", "ort": ""},
                criteria={},
                contact=reports.Contact(
                    name=MARKDOWN_NAME[:200], email="melder@example.org", role=markdown, consent=True
                ),
                target_id=target["id"] if kind == "korrektur" else None,
                target_version=int(target["version"]) if kind == "korrektur" else None,
                started_at=0,
            ),
            f"hostile-{kind}",
            None,
            reports.Limits(min_fill_seconds=0),
        )
    engine.dispose()
    page.goto(app_url)
    page.get_by_role("link", name="Anmelden").click()
    page.get_by_label("Benutzername").fill(EDITOR)
    page.get_by_label("Passwort", exact=True).fill(EDITOR_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.get_by_role("link", name="Meldungen", exact=False).click()
    queue = page.get_by_test_id("stExpander")
    expect(queue.filter(has_text="Neues Netzwerk: <img src=x onerror")).to_be_visible(timeout=30_000)
    correction = queue.filter(has_text="Korrektur:").filter(has_text="Feindliches Netzwerk")
    expect(correction.get_by_test_id("stTable").get_by_text("m.png", exact=False).first).to_be_visible()
    assert _leaks(page, app_url) == {"requests": [], "links": []}
    assert page.evaluate("window.__xss") is None
