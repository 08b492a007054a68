"""Import over a folder of small, nasty files: expected records or one precise error, never a crash."""

from pathlib import Path

import pytest

from geo.intake.networks import read_networks
from geo.intake.tablefile import TableFileError
from geo.records.model import HANDLUNGSFELDER

FILES = Path(__file__).parent / "data" / "import"


@pytest.mark.parametrize(
    "name", ["utf8_semicolon.csv", "utf8_bom_semicolon.csv", "cp1252_semicolon.csv", "utf8_tab.csv"]
)
def test_german_excel_variants_give_the_same_records(name):
    result = read_networks(FILES / name)
    assert result.errors == []
    records = result.records.set_index("name")
    assert list(records.index) == ["Fachkräfteallianz Uckermark", "Netzwerk Lausitz", "Bündnis München"]
    uckermark = records.loc["Fachkräfteallianz Uckermark"]
    assert uckermark["ags"] == ["12073"]
    assert uckermark["traeger"] == "Wirtschaftsförderung Uckermark"
    assert uckermark["handlungsfelder"] == [HANDLUNGSFELDER[0], HANDLUNGSFELDER[2]]
    assert uckermark["website"] == "https://www.beispiel.invalid"
    assert uckermark["gegruendet"] == 2014
    assert records.loc["Netzwerk Lausitz", "ags"] == ["12052", "12071"]
    assert records.loc["Netzwerk Lausitz", "status"] == "ruhend"
    assert records.loc["Bündnis München", "ags"] == ["09184"]


def test_english_headers_quotes_and_decimal_years():
    result = read_networks(FILES / "english_headers_comma_decimal.csv")
    assert result.errors == []
    records = result.records.set_index("name")
    assert records.loc["Allianz, Fachkräfte Barnim", "gegruendet"] == 2015
    assert records.loc['Netzwerk "Zukunft" Kassel', "ags"] == ["06611"]


def test_empty_rows_are_skipped_and_row_numbers_stay_true():
    result = read_networks(FILES / "empty_rows.csv")
    assert len(result.records) == 2
    assert result.records["source_row"].tolist() == [3, 6]


def test_wrong_headers_name_the_missing_columns():
    with pytest.raises(TableFileError, match=r"wrong_headers\.csv: Pflichtspalte fehlt.*name.*region.*'Spalte A'"):
        read_networks(FILES / "wrong_headers.csv")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.csv", "leer"),
        ("image_renamed.csv", "keine Textdatei"),
        ("zip_renamed.csv", "XLSX|ZIP"),
    ],
)
def test_unreadable_files_get_one_clear_error(name, message):
    with pytest.raises(TableFileError, match=rf"{name}: .*({message})"):
        read_networks(FILES / name)


def test_only_header_gives_no_records_and_no_crash():
    result = read_networks(FILES / "only_header.csv")
    assert result.records.empty
    assert result.errors == []


def test_xlsx_formulas_use_cached_values_or_are_reported():
    result = read_networks(FILES / "formulas.xlsx")
    records = result.records.set_index("name")
    assert records.loc["Netzwerk Barnim", "ags"] == ["12060"]
    assert records.loc["Netzwerk Barnim", "plz"] == "16225"
    assert records.loc["Netzwerk Lippe", "ags"] == ["05766"]
    # openpyxl-written formulas carry no cached value: the row cannot be named and is reported.
    formula_warnings = [p for p in result.problems if "Formel" in p.message]
    assert len(formula_warnings) == 2
    assert any(p.row == 3 and p.column == "name" for p in result.errors)


def test_upload_over_the_size_limit_is_refused(tmp_path):
    path = tmp_path / "gross.csv"
    path.write_bytes(b"name;region\n" + b"x;Barnim\n" * 200_000)
    with pytest.raises(TableFileError, match=r"zu groß .*höchstens 1 MB"):
        read_networks(path, max_bytes=1_000_000)


@pytest.mark.slow  # seconds of parsing: left out by make test-fast
def test_a_20_mb_file_imports_completely(tmp_path):
    line = "Netzwerk {i};Träger {i};Landkreis Uckermark, Barnim;Ausbildung;2015;aktiv\n"
    header = "Name;Träger;Region;Handlungsfelder;Gegründet;Status\n"
    body = "".join(line.format(i=i) for i in range(300_000))
    path = tmp_path / "gross.csv"
    path.write_text(header + body, encoding="utf-8")
    assert path.stat().st_size > 20_000_000
    result = read_networks(path, max_bytes=30 * 1024 * 1024)
    assert len(result.records) == 300_000
    assert result.errors == []
    assert result.records["ags"].iloc[-1] == ["12060", "12073"]


def test_row_problems_name_row_column_value_and_suggestion(tmp_path):
    path = tmp_path / "fehler.csv"
    path.write_text(
        "Name;Region;Gegründet;E-Mail;Handlungsfelder\n"
        "Gut;Barnim;2015;a@b.de;Ausbildung\n"
        "Tippfehler;Landkreis Barnin;2015;;Ausbildung\n"
        "Mehrdeutig;Kassel;2015;;Ausbildung\n"
        "Unbekannt;Atlantis;2015;;Ausbildung\n"
        "Jahr;Barnim;20155;;Ausbildung\n"
        "Mail;Barnim;2015;keine-mail;Ausbildung\n",
        encoding="utf-8",
    )
    result = read_networks(path)
    assert sorted(result.records["name"]) == ["Gut", "Tippfehler"]
    by_row = {p.row: p for p in result.errors}
    assert set(by_row) == {4, 5, 6, 7}
    assert by_row[4].column == "region" and "mehrdeutig" in by_row[4].message
    assert "06611" in by_row[4].suggestion and "06633" in by_row[4].suggestion
    assert by_row[5].value == "Atlantis" and "nicht erkannt" in by_row[5].message
    assert by_row[6].column == "gegruendet" and by_row[6].value == "20155"
    assert by_row[7].column == "kontakt_email"
    correction = [p for p in result.problems if p.row == 3]
    assert correction[0].severity == "warning" and "Barnim" in correction[0].message


def test_json_and_geojson_are_accepted(tmp_path):
    (tmp_path / "n.json").write_text('[{"name": "A", "region": "Barnim", "handlungsfelder": ["Ausbildung"]}]')
    (tmp_path / "n.geojson").write_text(
        '{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": null,'
        ' "properties": {"Name": "B", "Region": "12073"}}]}'
    )
    assert read_networks(tmp_path / "n.json").records["ags"].tolist() == [["12060"]]
    assert read_networks(tmp_path / "n.geojson").records["ags"].tolist() == [["12073"]]


def test_broken_json_names_line_and_column(tmp_path):
    (tmp_path / "n.json").write_text('[{"name": "A",\n "region": }]')
    with pytest.raises(TableFileError, match=r"n\.json: JSON fehlerhaft in Zeile 2"):
        read_networks(tmp_path / "n.json")
