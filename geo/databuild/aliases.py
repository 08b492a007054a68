"""Validation of the hand-maintained alias table ``data/region_aliases.csv``.

Staff extend the table without code changes, so the build is the only
gate: it refuses a row that names a Kreis code that does not exist, that
shadows an official Kreis name (with or without its type, e.g. "Uckermark"
or "Landkreis Uckermark" — those the resolver knows anyway, and an alias
would silently change their meaning), repeats an alias or gives no source.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from geo.text.textnorm import key

COLUMNS = ["alias", "ags", "source", "note"]


def official_name_keys(kreise: pd.DataFrame) -> set[str]:
    """Matching keys of every official Kreis name: ``name`` alone and ``bez name`` ("Landkreis Barnim")."""
    names = set(kreise["name"])
    names |= {f"{bez} {name}" for bez, name in zip(kreise["bez"], kreise["name"], strict=True)}
    return {key(n) for n in names} - {""}


def split_codes(cell: str) -> list[str]:
    """The AGS of one ``ags`` cell (";"-separated, blanks ignored)."""
    return [c.strip() for c in cell.split(";") if c.strip()]


def validate_aliases(path: Path, kreise: pd.DataFrame) -> pd.DataFrame:
    """Read and check the table; raise ``ValueError`` naming file, row and value on the first problem."""
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    if list(table.columns) != COLUMNS:
        raise ValueError(f"{path}: Spalten {list(table.columns)}, erwartet {COLUMNS}")
    current = set(kreise["ags"])
    official = official_name_keys(kreise)
    seen: set[str] = set()
    for number, row in enumerate(table.itertuples(index=False), start=2):
        alias_key = key(row.alias)
        if not alias_key:
            raise ValueError(f"{path}, Zeile {number}: leerer Alias")
        if alias_key in official:
            raise ValueError(f"{path}, Zeile {number}: {row.alias!r} ist ein amtlicher Kreisname, kein Alias")
        if alias_key in seen:
            raise ValueError(f"{path}, Zeile {number}: {row.alias!r} doppelt")
        seen.add(alias_key)
        codes = split_codes(row.ags)
        unknown = [c for c in codes if c not in current]
        if not codes or unknown:
            hint = " (fünfstellig mit führender Null, z. B. 05911)" if any(len(c) < 5 for c in unknown) else ""
            raise ValueError(f"{path}, Zeile {number}: unbekannte AGS {unknown or '(keine)'} bei {row.alias!r}{hint}")
        if len(set(codes)) != len(codes):
            raise ValueError(f"{path}, Zeile {number}: AGS doppelt bei {row.alias!r}")
        if not row.source.strip():
            raise ValueError(f"{path}, Zeile {number}: Quelle fehlt bei {row.alias!r}")
    return table
