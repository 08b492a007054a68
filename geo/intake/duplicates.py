"""Possible duplicates of imported records among the stored ones: same name and overlapping Kreise, or same website."""

from __future__ import annotations

import pandas as pd

from geo.text.textnorm import key


def find_duplicates(new: pd.DataFrame, existing: pd.DataFrame) -> pd.Series:
    """For each new record (by index), the id of a stored record it probably duplicates, or ""."""
    by_id = set(existing["id"]) if len(existing) else set()
    names: dict[str, list[tuple[str, set[str]]]] = {}
    sites: dict[str, str] = {}
    for row in existing.itertuples(index=False):
        names.setdefault(key(row.name), []).append((row.id, set(row.ags)))
        if row.website:
            sites.setdefault(row.website.rstrip("/").lower(), row.id)
    result = {}
    for index, row in new.iterrows():
        match = row["id"] if row["id"] in by_id else ""
        if not match:
            for other_id, kreise in names.get(key(row["name"]), []):
                if kreise & set(row["ags"]):
                    match = other_id
                    break
        if not match and row["website"]:
            match = sites.get(row["website"].rstrip("/").lower(), "")
        result[index] = match
    return pd.Series(result, dtype=str)
