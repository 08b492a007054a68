"""Directory, profile and white-spot export in real headless Chromium."""

import re

import pytest
from playwright.sync_api import expect

from tests.axecheck import wait_until_done

pytestmark = pytest.mark.e2e


def test_open_a_profile_from_the_directory(page, app_url):
    page.goto(f"{app_url}/netzwerke")
    expect(page.get_by_role("heading", name="Netzwerke", exact=True)).to_be_visible(timeout=60_000)
    page.get_by_label("Suche in Name, Träger, Partner und Region").fill("Uckermark")
    page.get_by_label("Suche in Name, Träger, Partner und Region").press("Enter")
    expect(page.get_by_text(re.compile(r"^\d{1,2} Netzwerke? – Zeile wählen"))).to_be_visible(timeout=30_000)
    wait_until_done(page)  # the search's run must end first: a selectbox it replaces forgets typed text
    box = page.get_by_role("combobox", name="Profil öffnen")
    box.click()
    box.press_sequentially("Uckermark")
    option = page.get_by_role("option").filter(has_text="Uckermark").first
    expect(option).to_be_visible(timeout=30_000)
    name = option.inner_text()
    assert "Uckermark" in name
    option.click()
    page.get_by_role("button", name="Öffnen", exact=True).click()
    expect(page.get_by_role("heading", name=name)).to_be_visible(timeout=30_000)
    expect(page.get_by_role("heading", name="Kriterien")).to_be_visible()
    expect(page.get_by_role("heading", name="Ähnliche Netzwerke anderswo")).to_be_visible()
    page.wait_for_url("**netzwerk=**", timeout=10_000)


def test_download_the_white_spot_csv(page, app_url, tmp_path):
    page.goto(f"{app_url}/weisse-flecken")
    expect(page.get_by_role("heading", name="Weiße Flecken", exact=True)).to_be_visible(timeout=60_000)
    count = int(page.get_by_test_id("stMetricValue").first.inner_text())
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Ansprache-Liste als CSV").click()
    path = tmp_path / "weisse_flecken.csv"
    download.value.save_as(path)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Rang;AGS;Kreis;Land;Einwohner;Grund")
    assert len(lines) == count + 1
    assert lines[1].startswith("1;")
