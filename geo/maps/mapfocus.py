"""Where the map opens when it shows one Kreis: the centre and zoom that fit the Kreis into the map."""

from __future__ import annotations

from typing import NamedTuple

from geo.maps import mapview


class MapFocus(NamedTuple):
    """``center`` as [lat, lon] and a web-mercator ``zoom`` (what ``st_folium`` takes)."""

    center: list[float]
    zoom: int


def focus_on(kreise_geojson: dict, ags: str | None) -> MapFocus | None:
    """Centre and zoom for one Kreis of the map's layer; None when there is none to zoom to."""
    bounds = mapview.bounds_of(kreise_geojson, ags) if ags else None
    if bounds is None:
        return None
    (south, west), (north, east) = bounds
    return MapFocus([(south + north) / 2, (west + east) / 2], mapview.zoom_for(bounds))
