"""Keyboard only: find my Kreis, read its networks, open a profile, export — without touching the mouse."""

import re

import pytest
from playwright.sync_api import expect

from tests import keyboard, mapkit

pytestmark = pytest.mark.e2e


def test_find_kreis_read_networks_open_profile_and_export_by_keyboard(page, app_url, tmp_path):
    mapkit.open_map(page, app_url)
    keyboard.tab_to(page, "Suche", exact=True)  # the search field (its label is hidden)
    page.keyboard.type("17291")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Landkreis Uckermark")).to_be_visible(timeout=30_000)
    expect(page.get_by_role("status")).to_have_text(re.compile(r"^Ausgewählt: Landkreis Uckermark – \d+ Netzwerke"))
    count_line = re.compile(r"^\d+ Netzwerke, davon \d+ mit aktuellem Beleg \(\d+ nur hier")
    expect(page.get_by_text(count_line)).to_be_visible()

    # The search sits in the panel beside the map: Tab goes from it straight to the Kreis's networks.
    path = keyboard.tab_to(page, "Profil öffnen", limit=60)
    assert not any(in_frame for in_frame, _name in path)
    page.keyboard.press("Enter")
    page.wait_for_url("**/netzwerke?netzwerk=**", timeout=30_000)
    expect(page.get_by_role("heading", name="Kriterien")).to_be_visible(timeout=30_000)
    expect(page.get_by_text(re.compile("Uckermark"))).not_to_have_count(0)

    keyboard.tab_to(page, "← zurück zur Liste")  # the link opened the profile once; back to the list stays there
    page.keyboard.press("Enter")
    expect(page.get_by_text(re.compile(r"^\d+ Netzwerke? – Zeile wählen"))).to_be_visible(timeout=30_000)

    keyboard.tab_to(page, "Weiße Flecken")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Weiße Flecken", exact=True)).to_be_visible(timeout=60_000)
    keyboard.tab_to(page, "Ansprache-Liste als CSV")
    with page.expect_download(timeout=60_000) as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == "weisse_flecken.csv"


def test_arrow_keys_walk_the_kreise_and_enter_selects(page, app_url):
    mapkit.open_map(page, app_url)
    keyboard.tab_to(page, "Kreisfreie Stadt Flensburg")
    page.keyboard.press("ArrowRight")  # 01002, the next Kreis in AGS order
    in_frame, name = keyboard.focused(page)
    assert in_frame and name.startswith("Kreisfreie Stadt Kiel, Schleswig-Holstein: ")
    page.keyboard.press("Enter")
    page.wait_for_url("**kreis=01002**", timeout=30_000)
    expect(page.get_by_role("heading", name="Kreisfreie Stadt Kiel")).to_be_visible(timeout=30_000)
    lat, lon, _ = mapkit.kreis_point("01002")
    mapkit.wait_until_outlined_only(page, lat, lon)
    page.keyboard.press("End")  # the last Kreis, Altenburger Land: the map pans there if needed
    assert keyboard.focused(page)[1].startswith("Landkreis Altenburger Land, Thüringen")
    # From a Kreis, Tab leaves the map in a few stops (the Kreise are one stop, then zoom): no trap.
    for _ in range(10):
        page.keyboard.press("Tab")
        if not keyboard.focused(page)[0]:
            break
    assert not keyboard.focused(page)[0], "Tab stays in the map"
