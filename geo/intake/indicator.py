"""A user-supplied indicator per Kreis (e.g. an unemployment rate), validated like any import."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from geo.intake.problem import Problem
from geo.intake.tablefile import TableFileError, read_table
from geo.regions import resolver
from geo.text.textnorm import key

KEY_HEADERS = ("ags", "kreis", "kreisschluessel", "region", "name", "kreisname")


@dataclass
class IndicatorResult:
    values: pd.Series  # AGS → float
    name: str
    problems: list[Problem]


def read_indicator(source: object, name: str | None = None) -> IndicatorResult:
    """One value per Kreis: a key column (AGS or Kreis name, via the resolver) and the first numeric column."""
    table = read_table(source, name=name)
    keys = [i for i, h in enumerate(table.headers) if key(h) in KEY_HEADERS]
    if not keys:
        raise TableFileError(f"{table.name}: Spalte mit AGS oder Kreisname fehlt (z. B. 'AGS' oder 'Kreis').")
    key_col = keys[0]
    values: dict[str, float] = {}
    problems: list[Problem] = []
    value_col, value_name = None, ""
    for i, header in enumerate(table.headers):
        if i != key_col and any(_number(r[i] if i < len(r) else None) is not None for r in table.rows[:20]):
            value_col, value_name = i, header
            break
    if value_col is None:
        raise TableFileError(f"{table.name}: keine Zahlenspalte gefunden.")
    key_name, value_name = str(table.headers[key_col]), str(value_name)
    for row, number in zip(table.rows, table.row_numbers, strict=True):
        raw_key = str(row[key_col] if key_col < len(row) else "").strip()
        raw_value = row[value_col] if value_col < len(row) else None
        value = _number(raw_value)
        resolution = resolver.resolve(raw_key)
        if len(resolution.ags) != 1 or not resolution.ok:
            shown = _shown(raw_key)
            problems.append(Problem(number, key_name, shown, f"{shown!r} ist kein eindeutiger Kreis"))
        elif value is None:
            shown = _shown(raw_value)
            problems.append(Problem(number, value_name, shown, f"Wert {shown!r} ist keine endliche Zahl"))
        elif resolution.ags[0] in values:
            problems.append(Problem(number, key_name, raw_key, f"Kreis {resolution.ags[0]} doppelt"))
        else:
            values[resolution.ags[0]] = value
    return IndicatorResult(pd.Series(values, dtype=float), value_name, problems)


def _shown(value: object) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= 80 else text[:77] + "…"


def _number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = float(value) if abs(value) < 1e300 else math.inf  # int beyond float range: not a value
        return number if math.isfinite(number) else None
    text = str(value or "").strip()
    if len(text) > 40:  # no indicator value needs more digits; float() of 1 MB of digits is not free
        return None
    text = text.replace(".", "").replace(",", ".") if "," in text else text
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None
