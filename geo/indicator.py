"""A user-supplied indicator per Kreis (e.g. an unemployment rate), validated like any import."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from geo import regions
from geo.tablefile import TableFileError, read_table
from geo.textnorm import key

KEY_HEADERS = ("ags", "kreis", "kreisschluessel", "region", "name", "kreisname")


@dataclass
class IndicatorResult:
    values: pd.Series  # AGS → float
    name: str
    problems: list[str]


def read_indicator(source: object, name: str | None = None) -> IndicatorResult:
    """One value per Kreis: a key column (AGS or Kreis name, via the resolver) and the first numeric column."""
    table = read_table(source, name=name)
    keys = [i for i, h in enumerate(table.headers) if key(h) in KEY_HEADERS]
    if not keys:
        raise TableFileError(f"{table.name}: Spalte mit AGS oder Kreisname fehlt (z. B. 'AGS' oder 'Kreis').")
    key_col = keys[0]
    values: dict[str, float] = {}
    problems: list[str] = []
    value_col, value_name = None, ""
    for i, header in enumerate(table.headers):
        if i != key_col and any(_number(r[i] if i < len(r) else None) is not None for r in table.rows[:20]):
            value_col, value_name = i, header
            break
    if value_col is None:
        raise TableFileError(f"{table.name}: keine Zahlenspalte gefunden.")
    for row, number in zip(table.rows, table.row_numbers, strict=True):
        raw_key = str(row[key_col] if key_col < len(row) else "").strip()
        value = _number(row[value_col] if value_col < len(row) else None)
        resolution = regions.resolve(raw_key)
        if len(resolution.ags) != 1 or not resolution.ok:
            problems.append(f"Zeile {number}: {raw_key!r} ist kein eindeutiger Kreis")
        elif value is None:
            problems.append(f"Zeile {number}: Wert {row[value_col]!r} ist keine Zahl")
        elif resolution.ags[0] in values:
            problems.append(f"Zeile {number}: Kreis {resolution.ags[0]} doppelt")
        else:
            values[resolution.ags[0]] = value
    return IndicatorResult(pd.Series(values, dtype=float), str(value_name), problems)


def _number(value: object) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    text = (
        str(value or "").strip().replace(".", "").replace(",", ".")
        if "," in str(value or "")
        else str(value or "").strip()
    )
    try:
        return float(text)
    except ValueError:
        return None
