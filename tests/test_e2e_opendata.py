"""Open data in real headless Chromium: the page lists every file, and each file downloads, parses and holds
what the app holds (issue 26)."""

from __future__ import annotations

import hashlib
import io
import time

import geopandas as gpd
import pandas as pd
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

FILES = ("netzwerke.csv", "netzwerke.xlsx", "netzwerke.geojson", "abdeckung.csv", "abdeckung.geojson")


def open_data_page(page, app_url: str, seconds: float = 120) -> None:
    """Open the page until its files are listed: the first visit after a data change publishes them in the
    background and says so (files of another database are not shown, older ones of this database with a note);
    each round waits for the page to show one of these states, never for a fixed time."""
    deadline = time.monotonic() + seconds
    page.goto(f"{app_url}/offene-daten")
    while True:
        listed = page.get_by_role("link", name="netzwerke.csv", exact=True)
        pending = page.get_by_text("Die Dateien werden gerade erstellt")
        expect(listed.or_(pending).first).to_be_visible(timeout=60_000)
        if listed.is_visible() and not page.get_by_text("auf den neuesten Stand gebracht").is_visible():
            return
        if time.monotonic() > deadline:
            raise AssertionError("the open-data files were not published in time")
        page.reload()


def stored_now(test_database) -> int:
    """Networks in the shared test database now: earlier tests of the session add some (accepted reports)."""
    from geo.storage import store

    engine = store.make_engine(f"sqlite:///{test_database}")
    try:
        return len(store.load_networks(engine))
    finally:
        engine.dispose()


@pytest.mark.parametrize("size", [(1366, 768), (390, 844)], ids=["desktop", "phone"])
def test_every_file_downloads_parses_and_matches_its_checksum(page, app_url, test_database, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    open_data_page(page, app_url)
    expect(page.get_by_role("heading", name="Daten & Schnittstellen")).to_be_visible()
    expect(page.get_by_role("link", name="Offene Daten und Schnittstellen")).to_be_attached()  # the footer
    text = page.get_by_test_id("stMain").inner_text()
    assert "CC BY 4.0" in text and "GeoBasis-DE / BKG" in text
    for name in FILES:
        href = page.get_by_role("link", name=name, exact=True).get_attribute("href")
        response = page.request.get(f"{app_url}/{href}")
        assert response.ok, name
        data = response.body()
        assert hashlib.sha256(data).hexdigest() in text, name
        if name.endswith(".csv"):
            frame = pd.read_csv(io.BytesIO(data), sep=";", encoding="utf-8-sig", dtype={"ags": str})
        elif name.endswith(".xlsx"):
            frame = pd.read_excel(io.BytesIO(data), sheet_name="Netzwerke")
        else:
            frame = gpd.read_file(io.BytesIO(data))
            assert frame.crs.to_epsg() == 4326
        expected = stored_now(test_database) if name.startswith("netzwerke") else 400
        assert len(frame) == expected, name


def test_the_feeds_are_linked_and_served_as_atom(page, app_url):
    """A feed reader gets the linked address as Atom: its media type and a feed that parses, for Germany and a
    Land."""
    import feedparser

    open_data_page(page, app_url)
    expect(page.get_by_role("heading", name="Änderungen abonnieren (Atom)")).to_be_visible()
    for name, land in (("Deutschland", "Deutschland"), ("Brandenburg", "Brandenburg")):
        href = page.get_by_role("link", name=name, exact=True).get_attribute("href")
        response = page.request.get(f"{app_url}/{href}")
        assert response.ok and response.headers["content-type"].startswith("application/atom+xml"), href
        feed = feedparser.parse(response.body())
        assert not feed.bozo and feed.feed.title.endswith(land) and feed.entries, href
