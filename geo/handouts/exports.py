"""Table exports for staff: CSV for German Excel and XLSX, safe against formula injection.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would be evaluated by
Excel or LibreOffice; such cells get a leading apostrophe, which spreadsheets show as text.
"""

from __future__ import annotations

import io

import openpyxl
import openpyxl.styles
import pandas as pd

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """Text that a spreadsheet would evaluate, made inert; everything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _safe(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for column in out.columns:
        out[column] = out[column].map(lambda v: neutralise("; ".join(map(str, v)) if isinstance(v, list) else v))
    out.columns = [neutralise(str(c)) for c in out.columns]
    return out


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV as German Excel opens it: UTF-8 with BOM, ";" separated, decimal comma.

    For import into other programs: Excel, when it opens a CSV, reads codes as numbers ("09162" → 9162), so the
    download for Excel is the XLSX (:func:`to_xlsx_sheets`), which stores them as text.
    """
    return _safe(frame).to_csv(index=False, sep=";", decimal=",").encode("utf-8-sig")


def to_xlsx_bytes(frame: pd.DataFrame, sheet: str = "Daten") -> bytes:
    """XLSX in which every text cell is stored as text (never as a formula)."""
    return to_xlsx_sheets({sheet: frame})


#: Column widths in characters: at least the header's, at most this (longer text wraps in its cell).
MAX_WIDTH = 60


def _format_for_reading(ws) -> None:
    """A sheet people read in Excel: bold frozen header with a filter, columns as wide as their text, long
    text wrapped (issue 24)."""
    ws.freeze_panes = "A2"
    if ws.max_row >= 1 and ws.max_column >= 1:
        ws.auto_filter.ref = ws.dimensions
    bold = openpyxl.styles.Font(bold=True)
    wrap = openpyxl.styles.Alignment(wrap_text=True, vertical="top")
    top = openpyxl.styles.Alignment(vertical="top")
    for column in ws.iter_cols(min_row=1):
        lengths = [len(str(c.value)) for c in column if c.value is not None]
        width = min(max([*lengths, 4]) + 2, MAX_WIDTH)
        ws.column_dimensions[column[0].column_letter].width = width
        column[0].font = bold
        for cell in column:
            long_text = isinstance(cell.value, str) and len(cell.value) > MAX_WIDTH - 2
            cell.alignment = wrap if long_text or cell.row == 1 else top


def to_xlsx_sheets(frames: dict[str, pd.DataFrame]) -> bytes:
    """Several tables in one workbook, one sheet each, all cells neutralised as in :func:`to_csv_bytes`.

    Text stays text (an AGS "09162" keeps its leading zero); each sheet is formatted for reading.
    """
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for sheet, frame in frames.items():
        ws = workbook.create_sheet(sheet[:31])
        safe = _safe(frame)
        ws.append(list(safe.columns))
        for row in safe.itertuples(index=False):
            ws.append([None if (not isinstance(v, str) and pd.isna(v)) else v for v in row])
        for cells in ws.iter_rows(min_row=1):
            for cell in cells:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
        _format_for_reading(ws)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def networks_geojson(records: pd.DataFrame, kreise) -> bytes:
    """One feature per network with the union of its Kreise as geometry (properties as in the CSV export)."""
    import geopandas as gpd

    shapes = kreise.set_index("ags").geometry
    geometries = [
        shapes.loc[[a for a in codes if a in shapes.index]].union_all() if codes else None for codes in records["ags"]
    ]
    frame = records.drop(columns=["ags"]).copy()
    frame["kreise"] = records["ags"].map(";".join)
    return gpd.GeoDataFrame(frame, geometry=geometries, crs=kreise.crs).to_json(drop_id=True).encode("utf-8")
