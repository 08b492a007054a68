"""Integrity of the shipped geography: what every count and white spot relies on."""

import geopandas as gpd
import pytest
import shapely

from geo.databuild import checks
from geo.regions import boundaries

GERMANY_AREA_KM2 = 357_600  # Destatis, rounded official figure
GERMANY_POPULATION_2019_12_31 = 83_166_711  # Destatis, Bevölkerungsstand 31.12.2019


@pytest.fixture(scope="module")
def web():
    return gpd.GeoDataFrame.from_features(boundaries.load_kreise_web_geojson()["features"], crs="EPSG:4326")


def test_exactly_400_current_kreise_with_unique_codes(kreise):
    assert len(kreise) == 400
    assert kreise["ags"].is_unique
    assert kreise["nuts3"].is_unique
    assert kreise["ags"].str.fullmatch(r"\d{5}").all()
    assert kreise["nuts3"].str.fullmatch(r"DE[0-9A-G][0-9A-Z]{2}").all()
    assert list(kreise["ags"]) == sorted(kreise["ags"])
    assert kreise.crs.to_epsg() == 4326


def test_eisenach_merged_into_wartburgkreis(kreise):
    assert "16056" not in set(kreise["ags"])
    hit = kreise[kreise.contains(shapely.Point(10.32, 50.97))]
    assert hit["ags"].tolist() == ["16063"]
    wartburg = kreise.set_index("ags").loc["16063"]
    assert wartburg["name"] == "Wartburgkreis"
    assert wartburg["nuts3"] == "DEG0R"


@pytest.mark.parametrize(
    ("ags", "name", "bez", "land"),
    [
        ("11000", "Berlin", "Kreisfreie Stadt", "Berlin"),
        ("02000", "Hamburg", "Kreisfreie Stadt", "Hamburg"),
        ("12073", "Uckermark", "Landkreis", "Brandenburg"),
        ("09162", "München", "Kreisfreie Stadt", "Bayern"),
        ("09184", "München", "Landkreis", "Bayern"),
        ("10041", "Regionalverband Saarbrücken", "Regionalverband", "Saarland"),
        ("08111", "Stuttgart", "Stadtkreis", "Baden-Württemberg"),
        ("05766", "Lippe", "Kreis", "Nordrhein-Westfalen"),
    ],
)
def test_known_kreise_have_official_attributes(kreise, ags, name, bez, land):
    row = kreise.set_index("ags").loc[ags]
    assert (row["name"], row["bez"], row["land"]) == (name, bez, land)
    assert row["land_ags"] == ags[:2]


def test_nuts_2024_recodings_applied(kreise):
    nuts = kreise.set_index("ags")["nuts3"]
    assert nuts["16066"] == "DEG0Q"
    assert nuts["16054"] == "DEG0S"
    assert nuts["16070"] == "DEG0T"
    assert nuts["16073"] == "DEG0U"
    assert nuts["16072"] == "DEG0V"
    assert nuts["11000"] == "DE300"


def test_regierungsbezirke_only_where_they_exist(kreise):
    regbez = kreise.set_index("ags")["regbez"]
    assert regbez["09162"] == "Oberbayern"
    assert regbez["05315"] == "Köln"
    assert regbez["06611"] == "Kassel"
    assert regbez["08111"] == "Stuttgart"
    assert regbez["03241"] == ""  # Niedersachsen abolished them in 2005
    assert regbez["14612"] == ""  # Sachsen: Direktionsbezirke, abolished 2012
    assert kreise.loc[kreise["regbez"] != "", "regbez"].nunique() == 19


def test_sixteen_laender_named(kreise):
    assert kreise["land_ags"].nunique() == 16
    assert kreise.groupby("land_ags")["land"].nunique().eq(1).all()
    assert "Baden-Württemberg" in set(kreise["land"])


def test_geometries_valid_and_polygonal(kreise):
    assert kreise.is_valid.all()
    assert kreise.geom_type.isin(["Polygon", "MultiPolygon"]).all()
    assert not kreise.is_empty.any()


def test_area_matches_germany(kreise):
    total = kreise["area_km2"].sum()
    assert abs(total - GERMANY_AREA_KM2) / GERMANY_AREA_KM2 < 0.005
    assert (kreise["area_km2"] > 30).all()  # smallest Kreis (Schweinfurt, ~36 km²)


def test_population_matches_national_total(kreise):
    total = kreise["population"].sum()
    assert abs(total - GERMANY_POPULATION_2019_12_31) / GERMANY_POPULATION_2019_12_31 < 0.03
    assert (kreise["population"] > 30_000).all()
    assert kreise["population_date"].eq("2019-12-31").all()
    wartburg = kreise.set_index("ags").loc["16063", "population"]
    assert wartburg > 150_000  # Wartburgkreis (~119 000) plus Eisenach (~42 000)


def test_detailed_shapes_tile_germany(kreise):
    assert checks.overlap_area_km2(kreise) < 0.01
    assert checks.interior_gap_area_km2(kreise) < 0.01


def test_web_geometry_is_seamless_within_tolerance(web, kreise):
    # Documented in data/README.md: overlaps and gaps below 0.1 km² in total.
    assert len(web) == 400
    assert web.is_valid.all()
    assert checks.overlap_area_km2(web) < 0.1
    assert checks.interior_gap_area_km2(web) < 0.1
    assert set(web["ags"]) == set(kreise["ags"])
    assert set(web.columns) == {"ags", "name", "bez", "land", "geometry"}


def test_web_geometry_is_smaller_than_detailed(web, kreise):
    detailed_bytes = len(kreise.to_json())
    web_bytes = len(web.to_json())
    assert web_bytes < detailed_bytes


def test_crosswalk_maps_outdated_codes_to_current_kreise(kreise):
    crosswalk = boundaries.load_crosswalk()
    current = set(kreise["ags"])
    assert set(crosswalk["ags"]) <= current
    eisenach = crosswalk[(crosswalk["code"] == "16056") & (crosswalk["system"] == "ags")]
    assert eisenach["ags"].tolist() == ["16063"]
    old_nuts = crosswalk[crosswalk["system"].isin(["nuts3_2016", "nuts3_2021"])]
    mapping = dict(zip(old_nuts["code"], old_nuts["ags"], strict=True))
    assert mapping == {
        "DEG0B": "16066",
        "DEG0P": "16063",
        "DEG0N": "16063",
        "DEG04": "16054",
        "DEG0F": "16070",
        "DEG0I": "16073",
        "DEG0H": "16072",
    }
    assert not (set(old_nuts["code"]) & set(kreise["nuts3"]))


def test_load_returns_independent_copies():
    first = boundaries.load_kreise()
    first.loc[0, "name"] = "verändert"
    assert boundaries.load_kreise().loc[0, "name"] != "verändert"


def test_missing_data_file_names_file_and_fix(tmp_path):
    with pytest.raises(boundaries.DataFileError, match=r"kreise\.parquet.*make data"):
        boundaries.load_kreise(tmp_path)


def test_corrupt_data_file_names_file_and_fix(tmp_path):
    (tmp_path / "kreise.parquet").write_bytes(b"not a parquet file")
    with pytest.raises(boundaries.DataFileError, match=r"unlesbar.*kreise\.parquet.*make data"):
        boundaries.load_kreise(tmp_path)
