"""Open data (issue 26): every file parses, equals the app's figures and carries its licence; publishing gives
stable and dated addresses, once per data version, also when several processes try at the same time."""

from __future__ import annotations

import hashlib
import io
import json
import threading
from datetime import date

import geopandas as gpd
import openpyxl
import pandas as pd
import pytest

from geo.figures import coverage
from geo.handouts import attribution, opendata, openpublish
from geo.storage import store


@pytest.fixture(scope="module")
def built(stored_networks, kreise):
    files = opendata.build(stored_networks, store.export_layout(stored_networks), kreise, "7", "2026-12-02")
    return {meta.name: (meta, data) for meta, data in files}


def read_csv(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), sep=";", encoding="utf-8-sig", dtype={"ags": str, "land_ags": str})


def test_every_file_has_its_checksum_row_count_licence_and_version(built, stored_networks):
    assert set(built) == {
        "netzwerke.csv",
        "netzwerke.xlsx",
        "netzwerke.geojson",
        "abdeckung.csv",
        "abdeckung.geojson",
        "weisse_flecken.csv",
    }
    for meta, data in built.values():
        assert meta.sha256 == hashlib.sha256(data).hexdigest() and meta.size == len(data)
        assert meta.licence == "CC-BY-4.0" and meta.data_version == "7" and meta.issued == "2026-12-02"
        assert ("GeoBasis-DE / BKG" in meta.attribution) == (meta.format == "geojson")
    assert built["netzwerke.csv"][0].rows == len(stored_networks) == len(read_csv(built["netzwerke.csv"][1]))


def test_register_files_hold_every_network_with_the_same_values(built, stored_networks):
    table = read_csv(built["netzwerke.csv"][1])
    assert list(table["id"]) == list(stored_networks["id"])
    assert list(table["name"].map(lambda v: v.removeprefix("'"))) == list(stored_networks["name"])
    book = openpyxl.load_workbook(io.BytesIO(built["netzwerke.xlsx"][1]))
    assert book.sheetnames == ["Netzwerke", "Lizenz"]
    assert book["Netzwerke"].max_row == len(stored_networks) + 1
    assert "creativecommons.org/licenses/by/4.0" in " ".join(str(c.value) for c in book["Lizenz"]["A"])
    shapes = gpd.read_file(io.BytesIO(built["netzwerke.geojson"][1]))
    assert list(shapes["id"]) == list(stored_networks["id"]) and shapes.crs.to_epsg() == 4326


def test_coverage_files_equal_the_maps_classes_and_field_counts(built, stored_networks, kreise):
    expected = coverage.kreis_coverage(stored_networks, kreise)
    table = read_csv(built["abdeckung.csv"][1])
    assert len(table) == 400 and table["ags"].is_unique
    assert list(table["evidence"]) == list(expected["evidence"])
    assert list(table["n_current"]) == list(expected["n_current"])
    field = coverage.kreis_coverage(stored_networks, kreise, coverage.Filters(handlungsfeld="Aus- und Weiterbildung"))
    assert list(table["n_hf_aw"]) == list(field["n_counting"]) and table["n_hf_aw"].sum() > 0
    shapes = gpd.read_file(io.BytesIO(built["abdeckung.geojson"][1]))
    assert len(shapes) == 400 and list(shapes["evidence"]) == list(expected["evidence"])
    assert shapes.geometry.notna().all() and shapes.crs.to_epsg() == 4326


def test_white_spots_are_the_kreise_without_a_documented_network(built, stored_networks, kreise):
    spots = read_csv(built["weisse_flecken.csv"][1])
    expected = coverage.kreis_coverage(stored_networks, kreise)
    assert set(spots["ags"]) == set(expected.loc[expected["evidence"] == coverage.NONE, "ags"])
    assert len(spots) == built["weisse_flecken.csv"][0].rows > 0
    assert spots["population"].is_monotonic_decreasing


@pytest.mark.parametrize("name", ["netzwerke.geojson", "abdeckung.geojson"])
def test_files_with_geometry_carry_the_bkg_attribution_and_the_licence(built, name):
    collection = json.loads(built[name][1])
    assert attribution.GEODATA in collection["attribution"]
    assert collection["license"] == opendata.REGISTER_LICENCE["url"]


def fake_build(version: str, content: bytes = b"a;b\n1;2\n"):
    meta = opendata.Distribution(
        name="t.csv",
        dataset="register",
        title="T",
        description="",
        format="csv",
        rows=1,
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        licence="CC-BY-4.0",
        attribution="x",
        data_version=version,
        issued="2026-12-02",
    )
    return [(meta, content)]


def test_publish_builds_once_per_version_and_keeps_dated_snapshots(tmp_path):
    calls = []

    def load(version, content):
        def run():
            calls.append(version)
            return fake_build(version, content)

        return run

    first = opendata.publish(lambda: "db:1", load("1", b"old\n"), tmp_path)
    again = opendata.publish(lambda: "db:1", load("1", b"old\n"), tmp_path)
    assert calls == ["1"] and first == again
    second = opendata.publish(lambda: "db:2", load("2", b"new\n"), tmp_path)
    assert (tmp_path / "t.csv").read_bytes() == b"new\n"  # the stable address: the current version
    old, new = (tmp_path / "archiv" / m["distributions"][0]["snapshot"] for m in (first, second))
    assert old != new and old.read_bytes() == b"old\n" and new.read_bytes() == b"new\n"
    assert [m["data_version"] for m in opendata.read_archive(tmp_path)] == ["2", "1"]
    assert opendata.read_manifest(tmp_path)["data_version"] == "2"


def test_concurrent_publishers_build_a_version_once(tmp_path):
    calls = []
    start = threading.Barrier(6)

    def load():
        calls.append(1)
        return fake_build("3")

    def worker():
        start.wait()
        opendata.publish(lambda: "db:3", load, tmp_path)

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.slow
def test_page_lists_each_file_with_licence_date_and_checksum(monkeypatch, tmp_path, test_database, kreise):
    from geo.text import germanfmt
    from tests.conftest import dashboard

    monkeypatch.setattr(opendata, "OPEN_DIR", tmp_path)
    engine = store.make_engine(f"sqlite:///{test_database}")
    manifest = openpublish.publish_database(engine, kreise)
    engine.dispose()
    app = dashboard()
    app.run()
    app.switch_page("pages/daten_schnittstellen.py").run()
    assert not app.exception
    text = " ".join(m.value for m in app.markdown)
    assert "CC BY 4.0" in text and attribution.GEODATA in text
    for meta in opendata.distributions(manifest):
        assert f"({opendata.URL_PREFIX}{meta.name})" in text and meta.sha256 in text
        assert f"archiv/{meta.snapshot})" in text
    assert "(app/static/opendata/dcat.jsonld)" in text and (tmp_path / "dcat.jsonld").exists()
    assert f"Stand {germanfmt.day(date.fromisoformat(manifest['issued']))}" in text
    # the Atom feeds: Germany and each Land, written with the files
    assert "[Deutschland](app/static/opendata/aenderungen.atom)" in text
    assert "[Brandenburg](app/static/opendata/aenderungen_12.atom)" in text
    assert all((tmp_path / f"aenderungen_{k:02d}.atom").exists() for k in range(1, 17))
    assert any(h.value == "Änderungen abonnieren (Atom)" for h in app.subheader)
