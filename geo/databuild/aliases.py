"""Validation of the hand-maintained alias table ``data/region_aliases.csv``.

Staff extend the table without code changes; the build refuses a row that
names a Kreis code that does not exist or that shadows an official Kreis name.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from geo.textnorm import key

COLUMNS = ["alias", "ags", "source", "note"]


def validate_aliases(path: Path, kreise: pd.DataFrame) -> pd.DataFrame:
    """Read and check the table; raise ``ValueError`` naming file, row and value on the first problem."""
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    if list(table.columns) != COLUMNS:
        raise ValueError(f"{path}: Spalten {list(table.columns)}, erwartet {COLUMNS}")
    current = set(kreise["ags"])
    official = {key(n) for n in kreise["name"]}
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
        codes = [c.strip() for c in row.ags.split(";") if c.strip()]
        unknown = [c for c in codes if c not in current]
        if not codes or unknown:
            raise ValueError(f"{path}, Zeile {number}: unbekannte AGS {unknown or '(keine)'} bei {row.alias!r}")
        if not row.source.strip():
            raise ValueError(f"{path}, Zeile {number}: Quelle fehlt bei {row.alias!r}")
    return table
