"""How each white spot was checked: ``data/weisse_flecken_pruefung.csv`` (no Streamlit needed).

A white spot is the atlas's most consequential claim, so for every Kreis without a documented network the
table records when and where someone looked. UTF-8, ``;``-separated, columns
``ags;Kreis;geprüft am;gesucht in;Ergebnis``; a Kreis may have several rows (the newest one counts).
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

import pandas as pd

from geo.regions import paths
from geo.text import germanfmt

CHECKS_FILE = "weisse_flecken_pruefung.csv"
HEADER = ("ags", "Kreis", "geprüft am", "gesucht in", "Ergebnis")
COLUMNS = ("ags", "kreis", "geprueft_am", "gesucht_in", "ergebnis", "row")


class ChecksFileError(ValueError):
    """The check table cannot be used; the message names file, row, column and value of every problem."""


def checks_file(data_dir: Path | None = None) -> Path:
    return paths.data_file(CHECKS_FILE, data_dir)


def load_checks(data_dir: Path | None = None, file: Path | None = None) -> pd.DataFrame:
    """The check records, validated: ``ags`` (one of the 400 Kreise), ``kreis``, ``geprueft_am`` (ISO date, not
    in the future), ``gesucht_in`` (non-empty), ``ergebnis``, ``row`` (row number in the file, header = 1)."""
    file = Path(file) if file is not None else checks_file(data_dir)
    try:
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ChecksFileError(f"{file}: nicht lesbar als UTF-8-Text ({exc}).") from exc
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    header = next(reader, None)
    if header is None or tuple(h.strip() for h in header) != HEADER:
        raise ChecksFileError(
            f"{file}, Zeile 1: Kopfzeile {';'.join(header or [])!r} – erwartet {';'.join(HEADER)!r} (UTF-8, ';')."
        )
    kreise = pd.read_csv(paths.data_file(paths.KREISE_TABLE, data_dir), dtype=str).set_index("ags")["name"]
    rows, problems = [], []
    for cells in reader:
        number = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(HEADER):
            problems.append(f"Zeile {number}: {len(cells)} Spalten statt {len(HEADER)} ({';'.join(HEADER)})")
            continue
        ags, kreis, checked, where, result = (c.strip() for c in cells)

        def bad(column: str, value: str, message: str, number: int = number) -> None:
            problems.append(f"Zeile {number}, Spalte {column!r}: {value!r} – {message}")

        if re.fullmatch(r"\d{4}", ags):
            ags = "0" + ags  # a leading zero lost in Excel
        if ags not in kreise.index:
            bad("ags", ags, "kein Kreis unter den 400 Kreisen; erwartet ein fünfstelliger AGS wie 01001")
        day = _parse_day(checked)
        if day is None:
            bad("geprüft am", checked, "kein Datum; erwartet TT.MM.JJJJ oder JJJJ-MM-TT")
        elif day > date.today():
            bad("geprüft am", checked, "liegt in der Zukunft")
        if not where:
            bad(
                "gesucht in", where, "leer; erwartet die durchsuchten Stellen, z. B. 'Website des Kreises; IHK; Presse'"
            )
        if ags in kreise.index and not kreis:
            kreis = str(kreise[ags])
        rows.append((ags, kreis, day.isoformat() if day else "", where, result, number))
    if problems:
        raise ChecksFileError(f"{file}: " + "\n  ".join(problems))
    return pd.DataFrame(rows, columns=list(COLUMNS))


def latest(checks: pd.DataFrame) -> pd.DataFrame:
    """The newest check per Kreis, indexed by ``ags``."""
    if checks.empty:
        return checks.set_index("ags")
    ordered = checks.sort_values(["ags", "geprueft_am", "row"])
    return ordered.drop_duplicates("ags", keep="last").set_index("ags")


def check_text(row) -> str:
    """The German line shown for a white spot: "geprüft am 02.12.2026, gesucht in: Website des Kreises; IHK"."""
    day = date.fromisoformat(str(row["geprueft_am"])[:10])
    return f"geprüft am {germanfmt.day(day)}, gesucht in: {str(row['gesucht_in']).strip()}"


def _parse_day(text: str) -> date | None:
    for pattern, order in ((r"(\d{4})-(\d{2})-(\d{2})", (0, 1, 2)), (r"(\d{1,2})\.(\d{1,2})\.(\d{4})", (2, 1, 0))):
        match = re.fullmatch(pattern, text)
        if match:
            parts = [int(match.group(i + 1)) for i in order]
            try:
                return date(*parts)
            except ValueError:
                return None
    return None
