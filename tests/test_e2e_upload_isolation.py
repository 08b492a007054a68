"""Issue 11 against the running app: a hostile indicator upload cannot stall other sessions (real Chromium).

The app runs on its own server here, with a parse time bound of 8 s instead of 60 s, so the slow upload
below is cut off quickly.
"""

import urllib.request

import pytest
from playwright.sync_api import expect

from bench import appserver

pytestmark = [pytest.mark.e2e, pytest.mark.hostile]
PARSE_TIMEOUT_S = 8


@pytest.fixture(scope="module")
def server(tmp_path_factory, test_database, browser):
    log = tmp_path_factory.mktemp("hostile_server") / "streamlit.log"
    env = {"NETZWERKATLAS_PARSE_TIMEOUT_S": str(PARSE_TIMEOUT_S)}
    with appserver.serve(env=env, log=log) as (url, _):
        context = browser.new_context()
        context.new_page().goto(url)  # Streamlit learns the pages on the first run of the entry script
        context.pages[0].get_by_role("heading", name="Netzwerke zur Fachkräftesicherung").wait_for(timeout=60_000)
        context.close()
        yield url, log


def _healthy(url: str) -> bool:
    """The health check answers within a generous 10 s (it stalled for 71–76 s before the fix)."""
    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=10) as response:
        return response.status == 200


def _upload_indicator(page, url: str, name: str, data: bytes) -> None:
    page.goto(f"{url}/weisse-flecken")
    page.get_by_text("Eigenen Indikator laden").click()
    page.locator("input[type=file]").set_input_files({"name": name, "mimeType": "text/csv", "buffer": data})


def _other_visitor_is_served(browser, url: str) -> None:
    context = browser.new_context()
    try:
        other = context.new_page()
        other.goto(url)
        other.get_by_role("heading", name="Netzwerke zur Fachkräftesicherung").wait_for(timeout=30_000)
    finally:
        context.close()


def test_hostile_uploads_end_in_a_message_while_other_visitors_are_served(browser, server):
    url, log = server
    context = browser.new_context(locale="de-DE")
    visitor = context.new_page()
    try:
        # The shape that made csv.Sniffer hold the interpreter for minutes.
        _upload_indicator(visitor, url, "sniffer.csv", b',"a' * 64_000)
        assert _healthy(url)
        _other_visitor_is_served(browser, url)
        expect(visitor.get_by_text("erlaubt sind höchstens 200")).to_be_visible(timeout=30_000)

        # Linear but slow: 200 000 different unknown names, each searched fuzzily. Cut off by the bound.
        slow = "Kreis;Wert\n" + "".join(f"Qzx{i:07d};1\n" for i in range(200_000))
        _upload_indicator(visitor, url, "langsam.csv", slow.encode())
        assert _healthy(url)
        _other_visitor_is_served(browser, url)
        assert _healthy(url)
        expect(visitor.get_by_text(f"länger als {PARSE_TIMEOUT_S} Sekunden")).to_be_visible(timeout=90_000)
        assert "Traceback" not in visitor.content()
    finally:
        context.close()
    assert "Traceback" not in log.read_text(encoding="utf-8")  # a bound is no crash


def test_a_file_above_25_mb_never_reaches_the_server(page, app_url):
    """Streamlit's own limit (``server.maxUploadSize``) refuses it; before, it buffered up to 200 MB."""
    uploads = []
    page.on("request", lambda request: uploads.append(request.url) if "upload_file" in request.url else None)
    _upload_indicator(page, app_url, "gross.csv", b"Kreis;Wert\n" + b"12073;1\n" * (26 * 1024 * 1024 // 8))
    expect(page.get_by_text("File must be 25.0MB or smaller")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("Datei zu groß")).to_have_count(0)
    assert uploads == []
