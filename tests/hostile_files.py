"""Builders of hostile files for the tests (no test functions here)."""

import io
import zipfile

import openpyxl

HEADER_ROW = '<row r="1"><c r="A1" t="inlineStr"><is><t>Kreis</t></is></c><c r="B1"><v>1</v></c></row>'


def xlsx(sheet_xml: str) -> bytes:
    """A real workbook whose first sheet is replaced by ``sheet_xml``."""
    workbook = openpyxl.Workbook()
    workbook.active.append(["Kreis", "Wert"])
    plain = io.BytesIO()
    workbook.save(plain)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(plain.getvalue())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            data = sheet_xml.encode() if item.filename == "xl/worksheets/sheet1.xml" else source.read(item.filename)
            target.writestr(item.filename, data)
    return out.getvalue()


def sheet(rows: str, dimension: str | None) -> str:
    """Sheet XML with the given ``<row>`` elements and, optionally, a declared dimension."""
    ref = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        f'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{ref}'
        f"<sheetData>{rows}</sheetData></worksheet>"
    )
