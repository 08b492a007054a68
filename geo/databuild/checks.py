"""Integrity measures of a district coverage, shared by the build and the tests."""

from __future__ import annotations

import geopandas as gpd
import shapely

METRIC_CRS = "EPSG:25832"

#: A point inside Jungholz (10.4547 E, 47.5756 N) in EPSG:25832.
JUNGHOLZ = shapely.Point(609400.0, 5270157.0)


def overlap_area_km2(kreise: gpd.GeoDataFrame) -> float:
    """Area counted twice: sum of the parts minus the area of their union."""
    metric = kreise.to_crs(METRIC_CRS).geometry
    return float(metric.area.sum() - shapely.union_all(metric.values).area) / 1e6


def interior_gap_area_km2(kreise: gpd.GeoDataFrame) -> float:
    """Area of holes inside the union of all shapes that are not real exclaves.

    The one foreign enclave inside Germany's outline is Jungholz (Austria),
    surrounded by Landkreis Oberallgäu; it is excluded as a real hole.
    """
    metric = kreise.to_crs(METRIC_CRS).geometry
    union = shapely.union_all(metric.values)
    holes = 0.0
    for polygon in shapely.get_parts(union):
        for ring in polygon.interiors:
            hole = shapely.Polygon(ring)
            if not hole.contains(JUNGHOLZ):
                holes += hole.area
    return holes / 1e6
