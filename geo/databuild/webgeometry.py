"""Simplified, seamless district layer for the browser.

Simplifying each polygon on its own moves shared borders differently on the
two sides and opens slivers; ``shapely.coverage_simplify`` simplifies every
shared edge once, so neighbours stay edge-matched. Coordinates are then
snapped to a grid, which keeps shared vertices identical on both sides.
"""

from __future__ import annotations

import json

import geopandas as gpd
import shapely

#: Simplification tolerance in metres (EPSG:25832); about a pixel at zoom 7, where Germany fills the map.
SIMPLIFY_TOLERANCE_M = 2000.0
#: Decimal places kept in EPSG:4326 (1e-4° ≈ 7–11 m here).
COORDINATE_DECIMALS = 4

WEB_COLUMNS = ["ags", "name", "bez", "land"]


def simplify_coverage(kreise_metric: gpd.GeoDataFrame, tolerance_m: float = SIMPLIFY_TOLERANCE_M) -> gpd.GeoDataFrame:
    """Coverage-preserving simplification in the metric CRS; returns EPSG:4326, rounded."""
    simplified = shapely.coverage_simplify(kreise_metric.geometry.values, tolerance_m)
    web = kreise_metric[WEB_COLUMNS].copy()
    web = gpd.GeoDataFrame(web, geometry=list(simplified), crs=kreise_metric.crs).to_crs("EPSG:4326")
    grid = 10.0**-COORDINATE_DECIMALS
    snapped = shapely.set_precision(web.geometry.values, grid, mode="valid_output")
    web = web.set_geometry(list(snapped))
    return web


def to_compact_geojson(web: gpd.GeoDataFrame) -> str:
    """GeoJSON text without whitespace, coordinates at ``COORDINATE_DECIMALS``."""
    text = web.to_json(drop_id=True, to_wgs84=True)
    data = json.loads(text, parse_float=lambda s: round(float(s), COORDINATE_DECIMALS))
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)
