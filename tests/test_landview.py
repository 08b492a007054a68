"""Land view on the web map: a veil with the Land cut out, fitted bounds, deterministic HTML."""

import json
import re

import pandas as pd
import pytest
from shapely.geometry import Point, shape

from geo.maps import landview, mapview
from geo.regions import boundaries


@pytest.fixture(scope="module")
def layer():
    return mapview.with_counts(boundaries.load_kreise_web_geojson(), pd.Series(dtype=int))


def test_veil_covers_the_other_laender_but_not_the_land(layer):
    veil = shape(landview.veil_geojson(layer, "12")["features"][0]["geometry"])
    assert not veil.contains(Point(13.06, 52.40))  # Potsdam, Brandenburg
    assert veil.contains(Point(13.40, 52.52))  # Berlin, enclosed by Brandenburg but another Land
    assert veil.contains(Point(11.58, 48.14))  # München


def test_bounds_are_the_lands(layer):
    (south, west), (north, east) = landview.bounds(layer, "01")  # Schleswig-Holstein
    assert 53.3 < south < 53.5 and north > 54.9 and west < 8.5 and east > 11.0


def test_unknown_land_is_an_error(layer):
    with pytest.raises(ValueError, match="'17'"):
        landview.bounds(layer, "17")


def test_focused_map_is_deterministic_and_survives_streamlit_folium(layer):
    from streamlit_folium import _get_map_string

    def focused():
        fmap = mapview.build_map(layer)
        return landview.focus(fmap, landview.veil_geojson(layer, "12"), landview.bounds(layer, "12"))

    html = focused().get_root().render()
    assert html == focused().get_root().render()
    # one fit, the Land's: a second (Germany's) could end after it and leave the Land view at Germany's extent
    fits = re.findall(r"atlasFitArea\((\w+), (\[\[.*?\]\])\);", html)
    assert [json.loads(bounds) for _map, bounds in fits] == [landview.bounds(layer, "12")]
    # streamlit-folium renames variables by the pattern _[a-z0-9]+; an id with "_" in it left the veil
    # undefined and the map blank. Every layer it adds must be declared.
    fmap = focused()
    fmap.get_root().render()  # as st_folium does before it takes the script apart
    script = _get_map_string(fmap)
    added = set(re.findall(r"(\w+)\.addTo\(", script))
    declared = set(re.findall(r"var (\w+) =", script))
    assert added and added <= declared
