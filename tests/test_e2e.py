"""End-to-end in real headless Chromium against ``streamlit run dashboard.py``."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_geography_page_renders_figures_without_third_party_requests(page, app_url, tmp_path):
    page.goto(f"{app_url}/geografie")
    expect(page.get_by_role("heading", name="Geografie")).to_be_visible(timeout=30_000)
    expect(page.get_by_test_id("stMetricValue").first).to_have_text("400")
    expect(page.get_by_text("GeoBasis-DE / BKG", exact=False)).to_be_visible(timeout=60_000)  # after the image
    expect(page.get_by_role("img").first).to_be_visible()
    page.screenshot(path=tmp_path / "start.png", full_page=True)
    origin = urlsplit(app_url).netloc
    foreign = [
        u
        for u in page.requested_urls
        if urlsplit(u).scheme in ("http", "https", "ws", "wss") and urlsplit(u).netloc != origin
    ]
    assert foreign == []


def test_kreise_page_shows_table(page, app_url):
    page.goto(f"{app_url}/kreise")
    expect(page.get_by_role("heading", name="Kreise und kreisfreie Städte")).to_be_visible(timeout=30_000)
    expect(page.get_by_test_id("stDataFrame")).to_be_visible()
