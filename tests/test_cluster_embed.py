"""The proxy's framing policy (issue 26, point 4): any site may frame the embeddable views, no site may frame the
app, and the embeds get no sticky cookie.

HAProxy runs with exactly the cluster's configuration (``bench/cluster.py``: ``HAPROXY_CFG``, ``PROXY_HEADERS``;
compose.yaml has the same lines, tests/test_proxy_config.py) in front of a stand-in app that serves a real embed
page at its address and a page of the app at ``/``: what is checked is the proxy, without starting the cluster's
app processes and database.
"""

from __future__ import annotations

import http.server
import os
import shutil
import subprocess
import threading
import time
import urllib.request
from datetime import date

import pytest
from playwright.sync_api import expect

from bench import browserkit, cluster
from geo.handouts import embed
from tests.test_e2e_embed import foreign_site

pytestmark = [pytest.mark.cluster, pytest.mark.e2e]

EMBED = f"/{embed.URL_PREFIX}kreis/12073.html"


@pytest.fixture(scope="module")
def proxy(stored_networks, kreise, tmp_path_factory):
    """HAProxy with the cluster's configuration before a stand-in app; yields the proxy's address."""
    haproxy = shutil.which("haproxy") or shutil.which("/usr/sbin/haproxy")
    if not haproxy:
        if os.environ.get("CI") == "true":
            pytest.fail("HAProxy fehlt: .ci/run muss Debians 'haproxy' installieren")
        pytest.skip("no haproxy on this machine (apt-get install haproxy)")
    page = embed.build(stored_networks, kreise, "v-proxy", date.today().isoformat())["kreis/12073.html"]
    app_page = b'<!doctype html><html lang="de"><head><title>Atlas</title></head><body><div id="root">Atlas</div>'

    class App(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the handler's API)
            body = {EMBED: page, "/": app_page, "/_stcore/health": b"ok"}.get(self.path)
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, *args):
            pass

    app = http.server.ThreadingHTTPServer(("127.0.0.1", 0), App)
    threading.Thread(target=app.serve_forever, daemon=True).start()
    port, stats_port = browserkit.free_port(), browserkit.free_port()
    config = tmp_path_factory.mktemp("haproxy") / "haproxy.cfg"
    servers = f"    server app1 127.0.0.1:{app.server_address[1]} cookie app1"
    config.write_text(cluster.haproxy_config(config.parent, port, stats_port, servers, ogc_port=port))
    process = subprocess.Popen([haproxy, "-f", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:  # until the proxy listens and routes both paths
            try:
                if all(urllib.request.urlopen(url + path, timeout=5).status == 200 for path in ("/", EMBED)):
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "HAProxy antwortet nicht"
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
        app.shutdown()


def headers_of(url: str) -> dict[str, list[str]]:
    with urllib.request.urlopen(url, timeout=10) as response:
        found: dict[str, list[str]] = {}
        for key, value in response.headers.items():
            found.setdefault(key.lower(), []).append(value)
        return found


def test_the_embed_may_be_framed_by_any_site_and_the_app_by_none(proxy):
    embed_headers = headers_of(proxy + EMBED)
    assert embed_headers["content-security-policy"] == [cluster.EMBED_CSP]
    assert "frame-ancestors *" in cluster.EMBED_CSP and "script-src" not in cluster.EMBED_CSP
    assert "x-frame-options" not in embed_headers
    assert "set-cookie" not in embed_headers  # no sticky cookie for the sites that frame it

    app_headers = headers_of(proxy + "/")
    (policy,) = app_headers["content-security-policy"]
    assert policy.endswith("frame-ancestors 'none'") and app_headers["x-frame-options"] == ["DENY"]
    assert any(c.startswith("ATLAS_APP=") for c in app_headers["set-cookie"])  # the app's pages do pin


def test_a_foreign_page_shows_the_embed_and_is_refused_the_app(browser, proxy):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="de-DE")
    page = context.new_page()
    try:
        frames = (
            f'<iframe src="{proxy}{EMBED}" title="Einbettung" width="800" height="500"></iframe>'
            f'<iframe src="{proxy}/" title="Atlas" width="800" height="300"></iframe>'
        )
        with foreign_site(frames) as site:
            with page.expect_console_message(lambda m: "frame-ancestors" in m.text, timeout=30_000) as message:
                page.goto(site)
            assert f"{proxy}/" in message.value.text and EMBED not in message.value.text
            inside = page.frame_locator('iframe[title="Einbettung"]')
            expect(inside.get_by_role("heading", level=1, name="Landkreis Uckermark")).to_be_visible()
            expect(page.frame_locator('iframe[title="Atlas"]').locator("#root")).to_have_count(0)
            style = (
                page.get_by_title("Einbettung")
                .element_handle()
                .content_frame()
                .evaluate("() => getComputedStyle(document.querySelector('a')).color")
            )
            assert style == "rgb(11, 79, 168)"  # the embed's inline style applies under its policy (#0b4fa8)
    finally:
        context.close()
