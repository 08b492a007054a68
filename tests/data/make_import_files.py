"""Writes the small, nasty import files in tests/data/import/ (rerun after changing them).

Each file imitates something real submissions do; tests/test_import_files.py
states what the import must make of each.
"""

from pathlib import Path

import openpyxl

HERE = Path(__file__).parent / "import"
HEADER_DE = "Name;Träger;Region;Handlungsfelder;Gegründet;Status;Website;E-Mail"
ROWS_DE = [
    'Fachkräfteallianz Uckermark;Wirtschaftsförderung Uckermark;Landkreis Uckermark;"A&W, Vereinbarkeit";2014;aktiv;'
    "www.beispiel.invalid;info@beispiel.invalid",
    "Netzwerk Lausitz;Kammer;Stadt Cottbus, LK Spree-Neiße;Zuwanderung;2016;ruhend;;",
    "Bündnis München;Kommune;Landkreis München;Ältere;2019;aktiv;;",
]


def write_all() -> None:
    HERE.mkdir(parents=True, exist_ok=True)
    text = "\r\n".join([HEADER_DE, *ROWS_DE]) + "\r\n"
    (HERE / "utf8_semicolon.csv").write_bytes(text.encode("utf-8"))
    (HERE / "utf8_bom_semicolon.csv").write_bytes(text.encode("utf-8-sig"))
    (HERE / "cp1252_semicolon.csv").write_bytes(text.encode("cp1252"))
    comma = text.replace(";", "\t")
    (HERE / "utf8_tab.csv").write_bytes(comma.encode("utf-8"))
    quoted = (
        "name,region,gegruendet,handlungsfelder\r\n"
        '"Allianz, Fachkräfte Barnim","Barnim","2015,0","Aus- und Weiterbildung"\r\n'
        '"Netzwerk ""Zukunft"" Kassel","Stadt Kassel",2012.0,"Vereinbarkeit von Beruf und Familie"\r\n'
    )
    (HERE / "english_headers_comma_decimal.csv").write_bytes(quoted.encode("utf-8"))
    empty_rows = "\r\n".join([HEADER_DE, "", ROWS_DE[0], ";;;;;;;", "", ROWS_DE[1], ""]) + "\r\n"
    (HERE / "empty_rows.csv").write_bytes(empty_rows.encode("utf-8"))
    (HERE / "wrong_headers.csv").write_bytes(b"Spalte A;Spalte B;Spalte C\r\n1;2;3\r\n")
    (HERE / "empty.csv").write_bytes(b"")
    (HERE / "only_header.csv").write_bytes((HEADER_DE + "\r\n").encode())
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
    (HERE / "image_renamed.csv").write_bytes(png)
    (HERE / "zip_renamed.csv").write_bytes(b"PK\x03\x04" + b"\x00" * 60)

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Name", "Region", "Gegründet", "Handlungsfelder", "PLZ"])
    sheet.append(["Netzwerk Barnim", "12060", 2015, "Ausbildung", 16225])
    sheet.append(['="Netzwerk "&"Formel"', "Uckermark", "=2010+5", "Zuwanderung", 1067])
    sheet.append(["Netzwerk Lippe", "Kreis Lippe", None, "Vereinbarkeit", None])
    workbook.save(HERE / "formulas.xlsx")


if __name__ == "__main__":
    write_all()
