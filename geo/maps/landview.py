"""The Land view on the web map: fit the map to one Land and fade the Kreise outside it.

The fade is one extra non-interactive layer — a veil over Germany with the Land cut out — so the
Kreis layer, its styles and its click handling stay exactly as they are, and clicks pass through the
veil to the Kreise below (Leaflet gives non-interactive paths no pointer events).
"""

from __future__ import annotations

import json

import folium
import shapely
from shapely.geometry import box, mapping, shape

from geo.maps import mapview, palette

#: Leaflet style of the veil over the Kreise outside the chosen Land.
VEIL = {"stroke": False, "fillColor": palette.VEIL["fill"], "fillOpacity": palette.VEIL["opacity"]}


def land_geometry(kreise_geojson: dict, land_ags: str):
    """Union of the Land's Kreise in the web layer (a Kreis AGS starts with its Land key)."""
    parts = [shape(f["geometry"]) for f in kreise_geojson["features"] if f["properties"]["ags"][:2] == land_ags]
    if not parts:
        raise ValueError(f"Land {land_ags!r} hat keine Kreise in der Kartenebene.")
    return shapely.union_all(parts)


def bounds(kreise_geojson: dict, land_ags: str) -> list[list[float]]:
    """[[south, west], [north, east]] of the Land."""
    west, south, east, north = land_geometry(kreise_geojson, land_ags).bounds
    return [[south, west], [north, east]]


def veil_geojson(kreise_geojson: dict, land_ags: str) -> dict:
    """A polygon covering Germany and its surroundings, with the Land as a hole (coordinates 4 decimals)."""
    land = land_geometry(kreise_geojson, land_ags).buffer(0)
    veil = box(2.0, 45.0, 19.0, 57.5).difference(land)
    geometry = json.loads(json.dumps(mapping(veil)), parse_float=lambda s: round(float(s), 4))
    return {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": geometry}]}


def focus(fmap: folium.Map, veil: dict, land_bounds: list[list[float]]) -> folium.Map:
    """Add the veil and fit the map to the Land; ids stay deterministic, so equal inputs give equal HTML."""
    layer = folium.GeoJson(veil, name="Andere Länder", interactive=False, style_function=lambda _f: dict(VEIL))
    layer.add_to(fmap)
    mapview.fix_ids(layer, "land0n")  # [a-z0-9] only: streamlit-folium renames variables by that pattern
    mapview.fit_area(fmap).bounds = land_bounds  # the map's one fit: the Land instead of Germany
    return fmap
