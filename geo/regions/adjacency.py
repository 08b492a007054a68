"""Which Kreise share a border: true polygon adjacency, not centroid distance.

Two Kreise are neighbours when their shapes share a border of at least
``MIN_SHARED_BORDER_M`` metres, so shapes that meet in a single point are not.
"""

from __future__ import annotations

import geopandas as gpd
import shapely

METRIC_CRS = "EPSG:25832"
MIN_SHARED_BORDER_M = 50.0


def neighbours(kreise: gpd.GeoDataFrame, min_shared_m: float = MIN_SHARED_BORDER_M) -> dict[str, list[str]]:
    """``ags`` → sorted list of the ``ags`` of bordering Kreise (every Kreis present, maybe empty)."""
    metric = kreise.to_crs(METRIC_CRS)
    geoms = metric.geometry.values
    codes = list(metric["ags"])
    tree = shapely.STRtree(geoms)
    result: dict[str, set[str]] = {code: set() for code in codes}
    left, right = tree.query(shapely.buffer(geoms, 1.0), predicate="intersects")
    for i, j in zip(left, right, strict=True):
        if i >= j:
            continue
        shared = shapely.intersection(geoms[i].boundary, shapely.buffer(geoms[j], 1.0)).length
        if shared >= min_shared_m:
            result[codes[i]].add(codes[j])
            result[codes[j]].add(codes[i])
    return {code: sorted(found) for code, found in result.items()}
