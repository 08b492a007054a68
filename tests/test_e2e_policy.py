"""Policymaker views in real headless Chromium: Land view, the year-by-year play-through, the PDF report."""

import os
import re
import shutil
import subprocess

import pandas as pd
import pytest
from playwright.sync_api import expect

from geo.figures import coverage
from geo.maps import palette
from geo.regions import boundaries
from geo.storage import store
from tests import mapkit
from tests.mapkit import MAP_FRAME, click_map

pytestmark = pytest.mark.e2e


open_map = mapkit.open_map


def test_land_view_fits_the_land_fades_the_rest_and_clicks_pass_through(page, app_url):
    frame = open_map(page, f"{app_url}/?land=12")
    expect(page.get_by_text("Rang", exact=False).first).to_be_visible()
    veil = frame.locator('path[fill="#ffffff"][fill-opacity="0.72"]')
    expect(veil).to_have_count(1)
    handle = page.locator(MAP_FRAME).element_handle().content_frame()
    center = handle.evaluate("() => { const c = window.map_div.getCenter(); return [c.lat, c.lng]; }")
    assert 51.3 < center[0] < 53.6 and 11.2 < center[1] < 14.8  # within Brandenburg's bounds
    assert handle.evaluate("() => window.map_div.getZoom()") >= 7
    click_map(page, 53.20, 13.85)  # Uckermark, under no veil
    expect(page.get_by_role("heading", name="Landkreis Uckermark")).to_be_visible(timeout=30_000)
    click_map(page, 52.52, 13.40)  # Berlin, veiled (another Land) but still clickable
    expect(page.get_by_role("heading", name="Kreisfreie Stadt Berlin")).to_be_visible(timeout=30_000)
    page.wait_for_url(re.compile(r".*land=12.*"), timeout=10_000)


def _white_spots_in(year: int) -> int:
    engine = store.make_engine(f"sqlite:///{os.environ['NETZWERKATLAS_DB']}")
    networks = store.load_networks(engine)
    engine.dispose()
    info = pd.DataFrame(boundaries.load_kreise().drop(columns="geometry"))
    cov = coverage.kreis_coverage(networks, info, coverage.Filters(as_of_year=year))
    return int((cov["evidence"] == coverage.NONE).sum())


def _changed_since(then: int, now: int) -> tuple[float, float]:
    """A point inside a Kreis that was a white spot in ``then`` and is covered in ``now``."""
    engine = store.make_engine(f"sqlite:///{os.environ['NETZWERKATLAS_DB']}")
    networks = store.load_networks(engine)
    engine.dispose()
    kreise = boundaries.load_kreise()
    info = pd.DataFrame(kreise.drop(columns="geometry"))
    before = coverage.kreis_coverage(networks, info, coverage.Filters(as_of_year=then)).set_index("ags")["evidence"]
    after = coverage.kreis_coverage(networks, info, coverage.Filters(as_of_year=now)).set_index("ags")["covered"]
    changed = kreise[kreise["ags"].map(lambda a: before[a] == coverage.NONE and after[a])]
    largest = changed.to_crs("EPSG:25832").area.idxmax()  # a large one is easy to hit
    point = changed.loc[largest, "geometry"].representative_point()
    return point.y, point.x


def test_play_through_restyles_the_map_year_by_year_without_the_server(page, app_url):
    received = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda frame: received.append(len(frame))))
    frame = open_map(page, f"{app_url}/?jahr=2012")
    label = frame.locator("[data-year]")
    expect(label).to_have_text("Stand 2012", timeout=30_000)
    white = frame.locator(f'path.leaflet-interactive[fill="{palette.WHITE_SPOT["fill"]}"]')
    expect(white).to_have_count(_white_spots_in(2012))
    before = sum(received)
    # by keyboard: focus the forward button and press Enter
    frame.get_by_role("button", name="Ein Jahr vor").focus()
    page.keyboard.press("Enter")
    expect(label).to_have_text("Stand 2013")
    expect(white).to_have_count(_white_spots_in(2013))
    frame.get_by_role("button", name="Abspielen").click()
    expect(frame.get_by_role("button", name="Anhalten")).to_be_visible()
    last = pd.Timestamp.today().year
    expect(label).to_have_text(f"Stand {last}", timeout=60_000)
    expect(white).to_have_count(_white_spots_in(last))
    expect(frame.get_by_role("button", name="Abspielen")).to_be_visible()
    played = sum(received) - before
    assert played < 5_000  # the years come from the page, nothing per year from the server
    # Clicking a Kreis that was a white spot in 2012 but is covered now, then leaving it (hover ends with
    # Leaflet's resetStyle): it keeps the shown year's colour, not the server's year.
    lat, lon = _changed_since(2012, last)
    click_map(page, lat, lon)
    page.mouse.move(5, 5)
    expect(page.get_by_text("AGS ", exact=False).first).to_be_visible(timeout=30_000)
    expect(label).to_have_text(f"Stand {last}")
    expect(white).to_have_count(_white_spots_in(last))
    # the click reruns the map's fragment (search, key figures, Kreis panel: ~25 KB), not the ~360 KB map
    assert sum(received) - before - played < 100_000


def test_report_download_is_a_pdf_with_the_areas_figures(page, app_url, tmp_path):
    if not (shutil.which("pdftotext") and shutil.which("pdfinfo")):
        if os.environ.get("CI") == "true":
            pytest.fail("poppler-utils fehlt: .ci/run muss 'poppler-utils' installieren")
        pytest.skip("pdftotext/pdfinfo missing")
    page.goto(f"{app_url}/?kreis=12073")
    page.get_by_role("heading", name="Landkreis Uckermark").wait_for(timeout=60_000)
    page.get_by_role("link", name="Bericht").click()
    button = page.get_by_role("button", name="Bericht herunterladen: Landkreis Uckermark (PDF)")
    expect(button).to_be_visible(timeout=90_000)  # the page's first run imports the PDF code
    with page.expect_download(timeout=90_000) as download:
        button.click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert re.fullmatch(r"bericht_12073_\d{4}-\d{2}-\d{2}\.pdf", path.name)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) <= 2
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Netzwerke zur Fachkräftesicherung: Landkreis Uckermark" in text
