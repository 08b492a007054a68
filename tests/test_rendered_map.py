"""The cached map (pages/map_panel.render_map + show_map) sends the browser exactly what st_folium sends."""

import pandas as pd
import pytest
import streamlit_folium

from geo.maps import mapview, topology
from geo.regions import boundaries
from ui import map_panel


def _map():
    web = boundaries.load_kreise_web_geojson()
    return mapview.build_map(mapview.with_counts(web, pd.Series({"12073": 2})), topology=topology.build(web))


@pytest.fixture
def sent(monkeypatch):
    calls = []
    monkeypatch.setattr(streamlit_folium, "_component_func", lambda **kwargs: calls.append(kwargs))
    return calls


def test_rendered_map_matches_st_folium_argument_for_argument(sent):
    outline = mapview.selection_layer(boundaries.load_kreise_web_geojson(), ["12073"])
    streamlit_folium.st_folium(
        _map(),
        key="karte",
        height=640,
        use_container_width=True,
        returned_objects=mapview.RETURNED_OBJECTS,
        feature_group_to_add=outline,
        center=[53.2, 13.8],
        zoom=9,
    )
    map_panel.show_map(
        map_panel.render_map(_map(), "karte", mapview.RETURNED_OBJECTS),
        key="karte",
        returned_objects=mapview.RETURNED_OBJECTS,
        height=640,
        feature_group=mapview.selection_layer(boundaries.load_kreise_web_geojson(), ["12073"]),
        center=[53.2, 13.8],
        zoom=9,
    )
    ours, theirs = sent[1], sent[0]
    assert ours.keys() == theirs.keys()
    for name in theirs:
        if name not in ("on_change", "default"):  # on_change: a closure each; both copy the value to session_state[key]
            assert ours[name] == theirs[name], name
    # The default is the map's own first value, key for key in its order (st_folium's has the count None, so
    # the map sent its unchanged value back and the page ran twice on every first visit).
    assert list(ours["default"].items()) == [("last_object_clicked_count", 0), ("last_active_drawing", None)]
    assert ours["default"].keys() == theirs["default"].keys()
    assert 'atlasFeatures("kreise")' in ours["script"]
