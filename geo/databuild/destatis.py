"""Destatis Gemeindeverzeichnis table "04-kreise": names, types, population.

The sheet lists, in order, Land rows (2-digit key), Regierungsbezirk or
statistical-region rows (3-digit key) and Kreis rows (5-digit key) with
type, NUTS-3 code, area and population on the status date in its header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pandas as pd

SHEET = "Kreisfreie Städte u. Landkreise"
REGBEZ_PREFIX = "Reg.-Bez. "


@dataclass(frozen=True)
class DestatisKreise:
    """Parsed content of the table."""

    kreise: pd.DataFrame  # ags, destatis_name, bez, nuts3_destatis, area_km2_destatis, population
    laender: dict[str, str]  # land_ags → name
    regbez: dict[str, str]  # 3-digit key → Regierungsbezirk name (only real ones)
    status_date: str  # ISO date of territorial status and population


def read_destatis_kreise(path: Path) -> DestatisKreise:
    """Parse the sheet; raise ``ValueError`` naming the row on anything unexpected."""
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    if SHEET not in workbook.sheetnames:
        raise ValueError(f"{path}: Tabellenblatt {SHEET!r} fehlt (vorhanden: {workbook.sheetnames})")
    rows = list(workbook[SHEET].iter_rows(values_only=True))
    status_date = _status_date(path, rows)
    laender: dict[str, str] = {}
    regbez: dict[str, str] = {}
    kreise = []
    for number, row in enumerate(rows, start=1):
        key = str(row[0]).strip() if row[0] is not None else ""
        if not key.isdigit():
            continue
        if len(key) == 2:
            laender[key] = str(row[1]).strip()
        elif len(key) == 3:
            label = str(row[1]).strip()
            if label.startswith(REGBEZ_PREFIX):
                regbez[key] = label.removeprefix(REGBEZ_PREFIX)
        elif len(key) == 5:
            try:
                kreise.append(
                    {
                        "ags": key,
                        "bez": str(row[1]).strip(),
                        "destatis_name": str(row[2]).strip(),
                        "nuts3_destatis": str(row[3]).strip(),
                        "area_km2_destatis": float(row[4]),
                        "population": int(row[5]),
                    }
                )
            except (TypeError, ValueError) as exc:
                raise ValueError(f"{path}: Zeile {number} ({key}) unlesbar: {row[:6]!r}") from exc
    if len(laender) != 16:
        raise ValueError(f"{path}: {len(laender)} Länder gefunden, erwartet 16")
    return DestatisKreise(pd.DataFrame(kreise), laender, regbez, status_date)


def _status_date(path: Path, rows: list[tuple]) -> str:
    for row in rows[:5]:
        match = re.search(r"Gebietsstand:\s*(\d{2})\.(\d{2})\.(\d{4})", str(row[0]))
        if match:
            day, month, year = match.groups()
            return f"{year}-{month}-{day}"
    raise ValueError(f"{path}: keine Zeile 'Gebietsstand: TT.MM.JJJJ' im Kopf gefunden")
