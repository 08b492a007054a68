"""The embeddable Kreis view in real headless Chromium (issue 26, point 4): the map page's "Einbetten" dialog gives
iframe code; a foreign website on another origin pastes it; the view renders inside, passes axe, is reachable by
keyboard, requests nothing from anyone else and sets no cookie."""

from __future__ import annotations

import contextlib
import http.server
import threading
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests import axecheck
from tests.conftest import HOSTILE_NAME

pytestmark = pytest.mark.e2e

KREIS, NAME = "12073", "Landkreis Uckermark"
TITLE = f"Netzwerke zur Fachkräftesicherung: {NAME} (Netzwerkatlas)"


@contextlib.contextmanager
def foreign_site(body: str) -> Iterator[str]:
    """A Kreis's own website on another origin (same loopback host, another port): serves ``body`` at ``/``."""
    page = (
        '<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Kreisverwaltung Uckermark</title></head>'
        f"<body><main><h1>Fachkräfte in der Uckermark</h1><p>Unsere Netzwerke:</p>{body}</main></body></html>"
    ).encode()

    class Site(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the handler's API)
            self.send_response(200 if self.path == "/" else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def iframe_code_from_dialog(page, app_url: str) -> str:
    """Open the Kreis on the map, press "Einbetten", read the code the dialog shows."""
    page.goto(f"{app_url}/?kreis={KREIS}")
    expect(page.get_by_role("heading", name=NAME)).to_be_visible(timeout=60_000)
    page.get_by_role("button", name="Einbetten").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_text("Die Netzwerke von")).to_be_visible(timeout=30_000)
    code = dialog.locator("pre code")
    expect(code).to_contain_text("<iframe")
    return code.inner_text().strip()


@pytest.mark.parametrize("size", [(1366, 768), (390, 844)], ids=["desktop", "phone"])
def test_the_dialogs_iframe_code_works_in_a_foreign_page(page, browser, app_url, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    code = iframe_code_from_dialog(page, app_url)
    assert code.startswith(f'<iframe src="{app_url}/app/static/embed/kreis/{KREIS}.html" ') and code.endswith(
        "</iframe>"
    )
    assert f'title="{TITLE}"' in code

    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, locale="de-DE")  # no cookies yet
    visitor = context.new_page()
    requested, set_cookies = [], []
    visitor.on("request", lambda request: requested.append(request.url))
    visitor.on("response", lambda r: set_cookies.extend(v for k, v in r.all_headers().items() if k == "set-cookie"))
    try:
        with foreign_site(code) as site:
            visitor.goto(site)
            frame_element = visitor.get_by_title(TITLE)
            expect(frame_element).to_be_visible()
            frame = visitor.frame_locator(f'iframe[title="{TITLE}"]')
            expect(frame.get_by_role("heading", level=1, name=NAME)).to_be_visible(timeout=30_000)
            networks = frame.get_by_role("list").first.get_by_role("link")
            expect(networks.first).to_be_visible()
            expect(frame.get_by_role("link", name=HOSTILE_NAME, exact=False)).to_have_count(1)  # as text, escaped
            expect(frame.get_by_role("img", name=f"Karte: {NAME}", exact=False)).to_be_visible()
            embedded = frame_element.element_handle().content_frame()
            assert embedded.evaluate("() => window.__xss === undefined && document.scripts.length === 0")

            assert axecheck.violations(embedded) == []  # inside the frame
            assert axecheck.violations(visitor) == []  # the host page with our frame (its title: WCAG 4.1.2)

            visitor.locator("body").click(position={"x": 2, "y": 2})
            visitor.keyboard.press("Tab")  # from the host page straight into the frame's first link
            focused = embedded.evaluate("() => document.activeElement.tagName + ' ' + document.activeElement.href")
            assert focused.startswith("A ") and "/netzwerke?netzwerk=" in focused
            outline = embedded.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
            assert outline == "solid"  # the focus is visible

            allowed = {urlsplit(app_url).netloc, urlsplit(site).netloc}
            assert {urlsplit(url).netloc for url in requested} <= allowed, requested  # no third party
            assert len(requested) == 2  # the host page and the embed: nothing else is loaded
            assert set_cookies == [] and context.cookies() == []
    finally:
        context.close()
