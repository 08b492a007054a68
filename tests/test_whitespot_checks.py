"""The white-spot check records (``data/weisse_flecken_pruefung.csv``): loading, validation, the German line."""

from __future__ import annotations

import pytest

from geo.figures import whitespot_checks

HEADER = "ags;Kreis;geprüft am;gesucht in;Ergebnis\n"


def write(tmp_path, body: str):
    file = tmp_path / whitespot_checks.CHECKS_FILE
    file.write_text(HEADER + body, encoding="utf-8")
    return file


def test_the_shipped_table_loads():
    checks = whitespot_checks.load_checks()
    assert list(checks.columns) == list(whitespot_checks.COLUMNS)


def test_records_load_with_iso_dates_and_the_newest_per_kreis(tmp_path):
    file = write(
        tmp_path,
        "12073;Uckermark;01.10.2026;Website des Kreises; kein Netzwerk\n"
        '12073;Uckermark;2026-12-02;"Website des Kreises; IHK Ostbrandenburg; Presse";kein Netzwerk gefunden\n'
        "1001;;2026-11-30;Landesprogramm;kein Netzwerk\n",
    )
    checks = whitespot_checks.load_checks(file=file)
    assert checks["geprueft_am"].tolist() == ["2026-10-01", "2026-12-02", "2026-11-30"]
    assert checks["row"].tolist() == [2, 3, 4]
    assert checks.loc[2, ["ags", "kreis"]].tolist() == ["01001", "Flensburg"]  # leading zero, name filled in
    newest = whitespot_checks.latest(checks)
    assert newest.loc["12073", "geprueft_am"] == "2026-12-02"


def test_check_text_is_the_german_line():
    row = {"geprueft_am": "2026-12-02", "gesucht_in": "Website des Kreises, IHK, Agentur für Arbeit"}
    assert whitespot_checks.check_text(row) == (
        "geprüft am 02.12.2026, gesucht in: Website des Kreises, IHK, Agentur für Arbeit"
    )


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("99999;X;2026-12-01;Kreis;-", "Zeile 2, Spalte 'ags': '99999' – kein Kreis unter den 400 Kreisen"),
        ("12073;Uckermark;31.11.2026;Kreis;-", "Zeile 2, Spalte 'geprüft am': '31.11.2026' – kein Datum"),
        ("12073;Uckermark;2099-01-01;Kreis;-", "Zeile 2, Spalte 'geprüft am': '2099-01-01' – liegt in der Zukunft"),
        ("12073;Uckermark;2026-12-01; ;-", "Zeile 2, Spalte 'gesucht in': '' – leer"),
        ("12073;Uckermark;2026-12-01", "Zeile 2: 3 Spalten statt 5"),
    ],
    ids=["unknown ags", "invalid date", "future date", "nowhere searched", "too few columns"],
)
def test_errors_name_file_row_column_and_value(tmp_path, line, expected):
    file = write(tmp_path, line + "\n")
    with pytest.raises(whitespot_checks.ChecksFileError) as error:
        whitespot_checks.load_checks(file=file)
    assert str(error.value).startswith(f"{file}: ")
    assert expected in str(error.value)


def test_a_wrong_header_is_refused(tmp_path):
    file = tmp_path / "x.csv"
    file.write_text("ags,Kreis,Datum\n", encoding="utf-8")
    with pytest.raises(whitespot_checks.ChecksFileError, match="Zeile 1: Kopfzeile"):
        whitespot_checks.load_checks(file=file)
