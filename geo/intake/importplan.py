"""What an import will do, row by row: add, update or skip, decided in the preview before anything is written.

A row whose duplicate has the same id updates that record by default; a row that only looks like a stored
record (same name and Kreise, or same website) is skipped by default, so nothing is doubled unless the
editor says so. The preview also remembers the version of every matched record it showed: an update of a
record changed since is refused (``geo.storage.store.VersionConflict``).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from geo.regions import resolver

ADD, UPDATE, SKIP = "add", "update", "skip"


def default_actions(ids: Sequence[str], duplicates: Sequence[str]) -> list[str]:
    """Per row: update a record with the same id, skip a likely duplicate, add the rest."""
    return [UPDATE if d and d == i else (SKIP if d else ADD) for i, d in zip(ids, duplicates, strict=True)]


def versions_seen(duplicates: Sequence[str], stored: pd.DataFrame, seen: dict[str, int]) -> dict[str, int]:
    """``seen`` completed with the stored version of every matched record not seen yet (kept: the first look)."""
    stored_versions = dict(zip(stored["id"], stored["version"], strict=True))
    for match in duplicates:
        if match in stored_versions:
            seen.setdefault(match, int(stored_versions[match]))
    return seen


def decide(
    records: pd.DataFrame, actions: Sequence[str], duplicates: Sequence[str]
) -> tuple[pd.DataFrame, dict[str, str]]:
    """The records to write and id → action; an "update" of a duplicate takes the stored record's id."""
    chosen = records.copy()
    decisions: dict[str, str] = {}
    id_column = chosen.columns.get_loc("id")
    for position, (action, duplicate) in enumerate(zip(actions, duplicates, strict=True)):
        if action == UPDATE and duplicate:
            chosen.iloc[position, id_column] = duplicate
        decisions[chosen.iloc[position]["id"]] = action
    return chosen, decisions


def kreise_text(codes: Sequence[str], shown: int = 3) -> str:
    """The first Kreise of a row by name, and how many there are when more: "Barnim, Uckermark … (5)"."""
    listed = ", ".join(resolver.label_of(c) for c in codes[:shown])
    return listed + (f" … ({len(codes)})" if len(codes) > shown else "")


def reading(region: str) -> str:
    """How the resolver read a row's region, for the preview ("Gelesen als")."""
    return " · ".join(resolver.resolve(region).notes)
