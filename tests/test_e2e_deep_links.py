"""A freshly started process serves every page from its very first request (issue 25, point 10).

Behind a proxy a restarted replica gets real visitors first, often on a deep link. Each case starts a
server of its own and opens the deep link before anything else has touched it (no warm-up visit to the
start page, unlike the shared ``app_url`` fixture).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from bench import appserver

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(
    ("path", "heading", "viewport"),
    [
        ("netzwerke", "Netzwerke", {"width": 1366, "height": 768}),
        ("anmelden", "Anmelden", {"width": 390, "height": 844}),
    ],
)
def test_a_deep_link_as_the_first_request_of_a_new_process_opens_its_page(
    browser, test_database, tmp_path, path, heading, viewport
):
    with appserver.serve(log=tmp_path / "streamlit.log") as (url, _):
        context = browser.new_context(viewport=viewport, locale="de-DE")
        try:
            page = context.new_page()
            page.goto(f"{url}/{path}")
            expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible(timeout=90_000)
            expect(page).to_have_url(f"{url}/{path}")
            # not the start page first (its heading) and no "page not found" dialog
            expect(page.get_by_role("heading", name="Netzwerke zur Fachkräftesicherung")).to_have_count(0)
            expect(page.get_by_text("Page not found")).to_have_count(0)
        finally:
            context.close()
