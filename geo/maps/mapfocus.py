"""Where the map opens when it shows one Kreis: the centre and zoom that fit the Kreis into the map."""

from __future__ import annotations

from typing import NamedTuple

from geo.maps import mapview


class MapFocus(NamedTuple):
    """``center`` as [lat, lon] and a web-mercator ``zoom`` (what ``st_folium`` takes)."""

    center: list[float]
    zoom: int


#: The smallest map a Kreis must fit: a phone's (390 px wide, the map 430 px high) with a margin.
PHONE_MAP_PX = (340, 400)


def focus_on(kreise_geojson: dict, ags: str | None) -> MapFocus | None:
    """Centre and zoom that show one Kreis of the map's layer whole, with its surroundings; None without one.

    The zoom fits the Kreis into a phone's map and then steps out once, so the neighbouring Kreise show
    too: fitted to 550 px, a search on a phone showed only a part of the Kreis (issue 24).
    """
    bounds = mapview.bounds_of(kreise_geojson, ags) if ags else None
    if bounds is None:
        return None
    (south, west), (north, east) = bounds
    zoom = max(5, mapview.zoom_for(bounds, *PHONE_MAP_PX) - 1)
    return MapFocus([(south + north) / 2, (west + east) / 2], zoom)
