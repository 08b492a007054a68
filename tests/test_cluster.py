"""Two app processes on one PostgreSQL behind HAProxy (bench/cluster.py), driven in real Chromium.

One cluster for the whole module. The browser map tests and the editor login run through the proxy; two browser
sessions pinned to different processes (the proxy's cookie) see each other's writes on their next rerun; and when
one process is killed under load, the other keeps answering, the proxy stops routing to the dead one, a write it
was doing is all or nothing, and its visitors' tabs reconnect to the live process. The kill test comes last.
"""

from __future__ import annotations

import asyncio
import gzip
import itertools
import os
import re
import shutil
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from bench import browserkit, cluster
from bench.load import CLICKS
from bench.protocol import ProtocolSession
from geo.maps import iconfont, precompress
from geo.regions import boundaries
from geo.storage import store
from tests import test_e2e_daten, test_e2e_map
from tests.conftest import EDITOR, EDITOR_PASSWORD
from ui import login

pytestmark = [pytest.mark.cluster, pytest.mark.e2e]

COOKIE = "ATLAS_APP"


@pytest.fixture(scope="module")
def atlas():
    """The cluster: 2 app processes, its own PostgreSQL, HAProxy; editor accounts as in the single-app tests."""
    if not shutil.which("haproxy") and not os.path.exists("/usr/sbin/haproxy"):
        if os.environ.get("CI") == "true":
            pytest.fail("HAProxy fehlt: .ci/run muss Debians 'haproxy' installieren")
        pytest.skip("no haproxy on this machine (apt-get install haproxy)")
    from geo.storage import auth

    state = Path(tempfile.mkdtemp(prefix="atlas-cluster-"))
    state.chmod(0o755)  # PostgreSQL's own user must reach its data folder inside
    secrets = state / "secrets.toml"
    secrets.write_text(f'[editors]\n{EDITOR} = "{auth.hash_password(EDITOR_PASSWORD)}"\n', encoding="utf-8")
    secrets.chmod(0o644)
    ports = {name: browserkit.free_port() for name in ("port", "stats_port", "pg_port")}
    app_ports = [browserkit.free_port(), browserkit.free_port()]  # each free on its own, not app_port + 1
    try:
        with cluster.running(state, procs=2, app_ports=app_ports, secrets=str(secrets), **ports) as running:
            yield running
        # stopping ended everything it started: app processes, proxy and the PostgreSQL server
        assert not any(cluster._runs(pid) for pid in running.app_pids)
        assert not list((state / "pids").glob("*.pid"))
        assert not (state / "pgdata" / "postmaster.pid").exists()
    finally:
        shutil.rmtree(state, ignore_errors=True)


@pytest.fixture(scope="module")
def engine(atlas):
    db = store.make_engine(atlas.database_url)
    yield db
    db.dispose()


@pytest.fixture
def pinned(browser, atlas):
    """``pinned(n)``: a fresh page whose requests the proxy sends to app process ``n`` (1-based)."""
    contexts = []

    def open_page(process: int):
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="de-DE")
        context.add_cookies([{"name": COOKIE, "value": f"app{process}", "url": atlas.proxy_url}])
        contexts.append(context)
        page = context.new_page()
        page.requested_urls = []
        return page

    yield open_page
    for context in contexts:
        context.close()


def served_by(page) -> str:
    """The process the proxy pins this page to (it would have replaced the cookie had it sent it elsewhere)."""
    return next(c["value"] for c in page.context.cookies() if c["name"] == COOKIE)


def test_map_click_search_and_shared_link_through_the_proxy(pinned, atlas):
    clicking, searching = pinned(1), pinned(2)
    test_e2e_map.test_clicking_three_kreise_in_a_row_updates_the_panel_each_time(clicking, atlas.proxy_url)
    test_e2e_map.test_plz_search_selects_the_kreis(searching, atlas.proxy_url)
    test_e2e_map.test_shared_link_restores_the_kreis(searching, atlas.proxy_url)
    assert (served_by(clicking), served_by(searching)) == ("app1", "app2")


def test_map_through_the_proxy_loads_nothing_from_elsewhere(pinned, atlas):
    page = pinned(1)
    page.on("request", lambda request: page.requested_urls.append(request.url))
    test_e2e_map.test_map_shows_400_kreise_and_no_request_leaves_the_origin(page, atlas.proxy_url)


def test_an_import_on_one_process_is_listed_by_the_other_on_its_next_rerun(pinned, atlas, tmp_path):
    visitor = pinned(2)
    visitor.goto(f"{atlas.proxy_url}/?kreis=12070")
    expect(visitor.get_by_role("heading", name="Landkreis Prignitz")).to_be_visible(timeout=60_000)
    expect(visitor.get_by_text("E2E-Testnetzwerk Prignitz")).to_have_count(0)

    editor = pinned(1)  # logs in, imports, finds the network on its own map
    test_e2e_daten.test_login_import_and_see_the_network_on_the_map(editor, atlas.proxy_url, tmp_path)
    assert (served_by(editor), served_by(visitor)) == ("app1", "app2")

    visitor.get_by_placeholder("Kreis, Ort, PLZ oder AGS").fill("Prignitz")  # the next rerun on process 2
    visitor.get_by_role("button", name="Suchen", exact=True).click()
    expect(visitor.get_by_text("E2E-Testnetzwerk Prignitz")).to_be_visible(timeout=30_000)


def test_an_edit_in_the_database_shows_in_both_processes_on_their_next_rerun(pinned, atlas, engine):
    pages = [pinned(1), pinned(2)]
    for page in pages:
        page.goto(f"{atlas.proxy_url}/?kreis=12073")
        expect(page.get_by_role("heading", name="Landkreis Uckermark")).to_be_visible(timeout=60_000)
    frame = store.load_networks(engine)
    row = frame[frame["ags"].map(lambda ags: ags == ["12073"])].iloc[0]
    record = row.to_dict()
    record["name"] = "Im Cluster umbenanntes Netzwerk"
    store.update_network(engine, record, int(row["version"]), "cluster-test")
    for page in pages:
        page.get_by_placeholder("Kreis, Ort, PLZ oder AGS").fill("17291")
        page.get_by_role("button", name="Suchen", exact=True).click()
        expect(page.get_by_text("Im Cluster umbenanntes Netzwerk")).to_be_visible(timeout=30_000)
    assert [served_by(p) for p in pages] == ["app1", "app2"]


def test_the_proxy_compresses_and_sets_security_headers_and_the_map_works_under_them(pinned, atlas):
    # issue 25, point 11: Streamlit sent its ~3 MB of JavaScript uncompressed and no security headers
    def get(path: str) -> tuple[dict, bytes]:
        request = urllib.request.Request(atlas.proxy_url + path, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request, timeout=60) as response:
            body = response.read()
            headers = {k.lower(): v for k, v in response.headers.items()}
        return headers, gzip.decompress(body) if headers.get("content-encoding") == "gzip" else body

    headers, html = get("/")
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff" and headers["referrer-policy"]
    assert "strict-transport-security" not in headers  # HSTS only over TLS
    bundle = re.search(rb'src="\./(static/js/index\.[^"]+\.js)"', html).group(1).decode()
    js_headers, js = get("/" + bundle)
    assert js_headers.get("content-encoding") == "gzip"  # the 480 KB main bundle
    # at level 9 from the proxy's memory (geo/maps/precompress.py), not HAProxy's weaker stateless gzip
    assert int(js_headers["content-length"]) < 0.33 * len(js)
    assert js == (precompress.routes()[0].folder / bundle.removeprefix("static/")).read_bytes()
    assert js_headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in js_headers["content-security-policy"]
    plain = urllib.request.Request(atlas.proxy_url + "/" + bundle, headers={"Accept-Encoding": "gzip;q=0"})
    with urllib.request.urlopen(plain, timeout=60) as response:  # refused gzip: the app's own answer
        assert response.headers.get("Content-Encoding") is None and response.read() == js

    page = pinned(1)
    page.on("request", lambda request: page.requested_urls.append(request.url))
    refused = []
    page.on("console", lambda message: "Content Security Policy" in message.text and refused.append(message.text))
    test_e2e_map.test_map_shows_400_kreise_and_no_request_leaves_the_origin(page, atlas.proxy_url)
    assert refused == []  # the map, its frame and Leaflet all run under the policy
    # the icon font comes from the proxy cut to the icons in use (geo/maps/iconfont.py), as WOFF2 for everyone
    (font_url,) = {u for u in page.requested_urls if iconfont.FONT.search(u)}
    font_headers, font = get(font_url.removeprefix(atlas.proxy_url))
    assert "content-encoding" not in font_headers and font_headers["content-type"] == "font/woff2"
    assert len(font) < 100_000 < (precompress.routes()[0].folder / font_url.split("/static/", 1)[1]).stat().st_size
    # ... and every icon on the page is drawn as one glyph, not spelled out: the sidebar's collapse button,
    # the navigation's map, hub, crop_free ...
    page.evaluate("document.fonts.ready")
    icons = page.get_by_test_id("stIconMaterial")
    # the icon's box has a fixed size; the width of its text run tells a glyph from a spelled-out name
    measure = """els => els.map(e => {
        const run = document.createRange(); run.selectNodeContents(e);
        return [e.textContent, run.getBoundingClientRect().width, e.getBoundingClientRect().height];
    })"""
    drawn = icons.evaluate_all(measure)
    assert len([name for name, width, height in drawn if height]) >= 5, drawn
    assert [(name, width) for name, width, height in drawn if width > 1.5 * height] == []
    # the measure tells them apart: an icon the app never names is not in the cut font and comes out as text
    width, height = icons.first.evaluate("""e => {
        const unnamed = Object.assign(e.cloneNode(), {textContent: 'rocket_launch'});
        e.parentElement.appendChild(unnamed);
        const run = document.createRange(); run.selectNodeContents(unnamed);
        return [run.getBoundingClientRect().width, unnamed.getBoundingClientRect().height];
    }""")
    assert width > 3 * height

    framing = pinned(2)  # another site framing the atlas: the browser refuses
    with framing.expect_console_message(lambda m: "frame-ancestors" in m.text, timeout=30_000):
        framing.set_content(f'<iframe src="{atlas.proxy_url}/netzwerke" width="800" height="600"></iframe>')
    expect(framing.frame_locator("iframe").locator("#root")).to_have_count(0)


class ProtocolLoad:
    """Protocol sessions through the proxy in a background thread, each loading the map and clicking Kreise
    until stopped, then starting a fresh session; every click's outcome is kept with its start time."""

    def __init__(self, url: str, sessions: int = 4) -> None:
        self.url, self.sessions = url, sessions
        self.outcomes: list[tuple[float, float, str | None]] = []  # session start, click start, error
        self._stop = threading.Event()
        self._thread = threading.Thread(target=lambda: asyncio.run(self._run()), daemon=True)

    def __enter__(self) -> ProtocolLoad:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=120)

    def ok_since(self, moment: float) -> int:
        return sum(1 for _s, clicked, error in self.outcomes if clicked >= moment and error is None)

    def errors_of_sessions_started_after(self, moment: float) -> list[str]:
        return [error for started, _c, error in self.outcomes if started >= moment and error]

    async def _run(self) -> None:
        await asyncio.gather(*(self._session_loop() for _ in range(self.sessions)))

    async def _session_loop(self) -> None:
        while not self._stop.is_set():
            started = time.monotonic()
            try:
                async with ProtocolSession(self.url, timeout_s=60) as session:
                    await session.load()
                    for _lat, _lon, ags, heading in itertools.cycle(CLICKS):
                        if self._stop.is_set():
                            return
                        clicked = time.monotonic()
                        run = await session.click(ags)
                        error = None if heading in run.headings else f"{ags}: {heading!r} fehlt"
                        self.outcomes.append((started, clicked, error))
            except Exception as exc:  # a session on the killed process ends here; the loop starts a new one
                self.outcomes.append((started, time.monotonic(), f"{type(exc).__name__}: {exc}"[:200]))


def fault_csv(path: Path, rows: int) -> Path:
    """``rows`` new networks, one per Kreis, named Fault-Import-N."""
    ags = boundaries.load_kreise()["ags"].tolist()[:rows]
    lines = ["Name;Region;Handlungsfelder"] + [f"Fault-Import-{i};{code};Ausbildung" for i, code in enumerate(ags)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_killing_a_process_under_load(pinned, atlas, engine, tmp_path):
    rows = 120
    editor = pinned(2)  # an import on process 2, which is killed right after "Import übernehmen"
    editor.goto(atlas.proxy_url)
    editor.get_by_role("link", name="Anmelden").click()
    editor.get_by_label("Benutzername").fill(EDITOR)
    editor.get_by_label("Passwort", exact=True).fill(EDITOR_PASSWORD)
    editor.get_by_role("button", name="Anmelden").click()
    editor.get_by_role("link", name="Daten verwalten").click()
    editor.locator("input[type=file]").set_input_files(fault_csv(tmp_path / "fault.csv", rows))
    expect(editor.get_by_text(f"{rows} gültige Zeilen")).to_be_visible(timeout=60_000)
    visitor = pinned(2)  # a visitor reading Uckermark on process 2
    visitor.goto(f"{atlas.proxy_url}/?kreis=12073")
    expect(visitor.get_by_role("heading", name="Landkreis Uckermark")).to_be_visible(timeout=60_000)

    with ProtocolLoad(atlas.proxy_url) as load:
        while load.ok_since(0) < 8:  # both processes busy with clicks
            time.sleep(0.1)  # polling for a condition
        editor.get_by_role("button", name=f"Import übernehmen ({rows} Zeilen)").click()
        atlas.kill_app(1)
        deadline = time.monotonic() + 15
        while atlas.server_status()["app2"] != "DOWN":  # HAProxy: 2 failed checks 1 s apart
            assert time.monotonic() < deadline, "HAProxy routet nach 15 s noch zum beendeten Prozess"
            time.sleep(0.2)  # polling for a condition
        down = time.monotonic()
        while load.ok_since(down) < 12:
            time.sleep(0.1)  # polling for a condition
    assert load.errors_of_sessions_started_after(down) == []
    assert atlas.server_status()["app1"] == "UP"

    # The import is all or nothing, and every stored network has its Kreis links.
    with engine.connect() as conn:
        names = conn.execute(sa.text("SELECT id FROM networks WHERE name LIKE 'Fault-Import-%'")).scalars().all()
        unlinked = conn.execute(
            sa.text(
                "SELECT count(*) FROM networks n"
                " WHERE NOT EXISTS (SELECT 1 FROM network_kreise l WHERE l.network_id = n.id)"
            )
        ).scalar_one()
    assert len(names) in (0, rows)
    assert unlinked == 0

    # The visitor's tab reconnects through the proxy to process 1 (Streamlit's reconnect) and keeps working.
    visitor.get_by_placeholder("Kreis, Ort, PLZ oder AGS").fill("04109")
    visitor.get_by_role("button", name="Suchen", exact=True).click()
    expect(visitor.get_by_role("heading", name="Kreisfreie Stadt Leipzig")).to_be_visible(timeout=60_000)
    assert served_by(visitor) == "app1"

    # The editor's tab reconnects to process 1, where nobody is logged in: it says so in German on the page it
    # was on, and the login there opens that page again.
    expect(editor.get_by_text(login.MOVED)).to_be_visible(timeout=60_000)
    expect(editor.get_by_text("Page not found")).to_have_count(0)
    assert editor.url.endswith("/daten")
    editor.get_by_label("Benutzername").fill(EDITOR)
    editor.get_by_label("Passwort", exact=True).fill(EDITOR_PASSWORD)
    editor.get_by_role("button", name="Anmelden").click()
    expect(editor.get_by_role("heading", name="Daten verwalten")).to_be_visible(timeout=30_000)
    expect(editor.locator("input[type=file]")).to_have_count(1)
    assert served_by(editor) == "app1"


def test_the_proxy_tells_the_app_the_visitors_address_and_nothing_a_client_claims(tmp_path):
    """The login throttles per client address: behind the proxy the app must see each visitor's own address
    (X-Forwarded-For), or one attacker's failed logins lock every editor out. A stand-in app echoes the header."""
    import http.server
    import socket
    import subprocess

    seen: list[str | None] = []

    class Echo(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the handler's API)
            if self.path != "/_stcore/health":
                seen.append(self.headers.get("X-Forwarded-For"))
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass

    app = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Echo)
    threading.Thread(target=app.serve_forever, daemon=True).start()
    port, stats_port = browserkit.free_port(), browserkit.free_port()
    config = tmp_path / "haproxy.cfg"
    servers = f"    server app1 127.0.0.1:{app.server_address[1]} cookie app1"
    config.write_text(cluster.haproxy_config(tmp_path, port, stats_port, servers, ogc_port=port))
    haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"
    proxy = subprocess.Popen([haproxy, "-f", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for visitor in ("127.0.0.7", "127.0.0.9"):  # two visitors: other loopback addresses as their own
            deadline = time.monotonic() + 30
            while True:
                try:
                    with socket.create_connection(("127.0.0.1", port), timeout=5, source_address=(visitor, 0)) as s:
                        s.sendall(b"GET / HTTP/1.1\r\nHost: atlas\r\nX-Forwarded-For: 203.0.113.1\r\n"
                                  b"Connection: close\r\n\r\n")  # fmt: skip
                        if s.recv(64).split(b" ", 2)[1:2] == [b"200"]:
                            break
                except OSError:
                    pass
                assert time.monotonic() < deadline, "HAProxy antwortet nicht"
                time.sleep(0.2)  # polling until the proxy listens and sees its server UP
        assert seen[-2:] == ["127.0.0.7", "127.0.0.9"]
    finally:
        proxy.terminate()
        proxy.wait(timeout=10)
        app.shutdown()


def test_ogc_api_through_the_proxy_reads_the_clusters_database(atlas, engine):
    """OWSLib reads OGC API – Features at /ogc/ of the proxy; the links it follows stay under /ogc/."""
    from owslib.ogcapi.features import Features

    from geo.figures import coverage

    client = Features(f"{atlas.proxy_url}/ogc/")
    assert {"kreise", "netzwerke"} <= {c["id"] for c in client.collections()["collections"]}
    page = client.collection_items("kreise", limit=100_000, land="Brandenburg")
    assert all(link["href"].startswith(f"{atlas.proxy_url}/ogc/") for link in page["links"])
    expected = coverage.kreis_coverage(store.load_networks(engine), boundaries.load_kreise()).set_index("ags")
    got = {f["id"]: f["properties"]["n_current"] for f in page["features"]}
    assert len(got) == 18 and got == {a: expected.loc[a, "n_current"] for a in got}
