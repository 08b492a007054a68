"""Map building without a browser: classes, styles, safety, determinism, clicks."""

import re

import pandas as pd
import pytest

from geo.maps import mapview, palette
from geo.regions import boundaries

LAYER = boundaries.load_kreise_web_geojson()
CODES = {f["properties"]["ags"] for f in LAYER["features"]}


@pytest.mark.parametrize(("count", "klass"), [(0, 0), (1, 1), (2, 2), (3, 2), (4, 3), (57, 3)])
def test_classes(count, klass):
    assert palette.count_class(count) == klass


def test_white_spots_have_their_own_fill_and_a_dashed_outline():
    white, one = mapview.kreis_style(0), mapview.kreis_style(1)
    assert white["fillColor"] != one["fillColor"]
    assert "dashArray" in white and "dashArray" not in one and white["weight"] > one["weight"]
    fills = [mapview.kreis_style(c)["fillColor"] for c in (0, 1, 2, 3, palette.OLDER_CLASS)]
    assert len(set(fills)) == 5


def test_older_evidence_has_its_own_fill_outline_and_tooltip_words():
    older, current = mapview.kreis_style(palette.OLDER_CLASS), mapview.kreis_style(1)
    assert older["fillColor"] == palette.OLDER["fill"] != current["fillColor"]
    assert older["dashArray"] != mapview.kreis_style(0)["dashArray"]  # dotted, the white spot dashed
    layer = mapview.with_counts(LAYER, pd.Series({"12073": 2, "09162": 1}), {"12073": palette.OLDER_CLASS, "09162": 1})
    props = {f["properties"]["ags"]: f["properties"] for f in layer["features"]}
    assert (props["12073"]["klasse"], props["12073"]["beleg"]) == (palette.OLDER_CLASS, "nur ältere Belege")
    assert (props["09162"]["klasse"], props["09162"]["beleg"]) == (1, "aktueller Beleg")
    assert props["01001"]["beleg"] == "kein dokumentiertes Netzwerk"


@pytest.mark.parametrize(
    ("current", "counting", "klass"), [(0, 0, 0), (0, 3, palette.OLDER_CLASS), (1, 3, 1), (3, 3, 2), (5, 6, 3)]
)
def test_map_class_follows_the_networks_with_current_evidence(current, counting, klass):
    assert palette.map_class(current, counting) == klass


def test_properties_are_only_trusted_official_fields():
    layer = mapview.with_counts(LAYER, pd.Series({"12073": 3}))
    for feature in layer["features"]:
        assert set(feature["properties"]) <= mapview.ALLOWED_PROPERTIES
    uckermark = next(f for f in layer["features"] if f["properties"]["ags"] == "12073")
    assert uckermark["properties"]["netzwerke"] == 3
    assert "netzwerke" not in LAYER["features"][0]["properties"]  # the shipped layer is not modified


def rendered(counts=None, selected=()):
    layer = mapview.with_counts(LAYER, pd.Series(counts or {}, dtype=int))
    fmap = mapview.build_map(layer, tile_url="")
    mapview.selection_layer(layer, selected).add_to(fmap)
    return fmap.get_root().render()


def test_no_third_party_url_in_the_map():
    html = rendered({"12073": 2}, ["12073"])
    assert re.findall(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}", html) == []
    assert "cdn" not in html.lower()
    assert mapview.LEAFLET_BASE + "/leaflet.js" in html


def test_same_input_same_html():
    assert rendered({"12073": 2}) == rendered({"12073": 2})
    assert rendered({"12073": 2}) != rendered({"12073": 5})


def test_optional_tiles_only_when_configured():
    layer = mapview.with_counts(LAYER, pd.Series(dtype=int))
    assert "tileLayer" not in mapview.build_map(layer, tile_url="").get_root().render()
    with_tiles = mapview.build_map(layer, tile_url="https://tiles.intern/{z}/{x}/{y}.png").get_root().render()
    assert "tiles.intern" in with_tiles


def test_parse_click():
    feature = {"last_active_drawing": {"type": "Feature", "properties": {"ags": "12073", "name": "Uckermark"}}}
    assert mapview.parse_click(feature, CODES) == mapview.Click("12073")
    assert mapview.parse_click({"last_active_drawing": None}, CODES) is None
    assert mapview.parse_click(None, CODES) is None
    assert mapview.parse_click({"last_active_drawing": {"properties": {"ags": "99999"}}}, CODES) is None
    assert mapview.parse_click({"last_active_drawing": {"properties": "x"}}, CODES) is None


def test_clicking_the_same_kreis_again_is_a_new_click():
    drawing = {"type": "Feature", "properties": {"ags": "12073"}}
    first = mapview.parse_click({"last_active_drawing": drawing, "last_object_clicked_count": 3}, CODES)
    again = mapview.parse_click({"last_active_drawing": drawing, "last_object_clicked_count": 4}, CODES)
    assert first.ags == again.ags == "12073" and first != again
    assert mapview.parse_click({"last_active_drawing": drawing, "last_object_clicked_count": "4"}, CODES).number is None


def test_bounds_of_a_kreis():
    (south, west), (north, east) = mapview.bounds_of(LAYER, "11000")
    assert 52.3 < south < 52.4 and 52.6 < north < 52.7
    assert 13.0 < west < 13.2 and 13.7 < east < 13.8
    assert mapview.bounds_of(LAYER, "00000") is None


def test_zoom_fits_the_kreis():
    berlin = mapview.bounds_of(LAYER, "11000")
    uckermark = mapview.bounds_of(LAYER, "12073")
    assert mapview.zoom_for(berlin) >= mapview.zoom_for(uckermark)
    assert 8 <= mapview.zoom_for(uckermark) <= 9
    assert mapview.zoom_for([[47.0, 5.0], [55.0, 15.0]]) <= 6


def test_the_map_extent_it_reports_holds_every_kreis():
    layer = mapview.with_counts(LAYER, pd.Series(dtype=int))
    (south, west), (north, east) = mapview.build_map(layer).get_bounds()
    for feature in layer["features"]:
        (k_south, k_west), (k_north, k_east) = mapview.bounds_of(layer, feature["properties"]["ags"])
        assert south <= k_south and west <= k_west and k_north <= north and k_east <= east, feature["properties"]


def test_focusing_the_map_does_not_scroll_the_page():
    html = rendered()
    assert "focus({preventScroll: true})" in html
    assert "keys._onMouseDown" in html  # Leaflet's own focus-with-scroll handler is taken off


def test_kreise_keep_ags_order_for_the_keyboard():
    layer = mapview.with_counts(LAYER, pd.Series({"12073": 3}))
    codes = [f["properties"]["ags"] for f in layer["features"]]
    assert len(codes) == 400 and codes == sorted(codes)
    html = rendered()
    assert 'el.setAttribute("tabindex", i === 0 ? "0" : "-1")' in html and 'ev.key === "Enter"' in html


def test_summary_sentence_and_screen_reader_names():
    assert mapview.summary_text(154, 160, 86).startswith(
        "Textfassung der Karte (Deutschland): 154 von 400 Kreisen mit Netzwerk mit aktuellem Beleg, "
        "160 nur mit älteren Belegen, 86 ohne dokumentiertes Netzwerk"
    )
    html = rendered()
    assert "window.frameElement.title" in html and '"Karte der Netzwerke je Kreis' in html
    assert 'box.setAttribute("aria-label", label)' in html  # the label is the call's third value:
    assert re.search(r'atlasScreenReaderNames\(\w+, "Karte der Netzwerke je Kreis[^"]*", "Karte der 400 Kreise\.', html)


def test_on_touch_screens_one_finger_scrolls_the_page():
    html = rendered()
    assert "map.dragging.disable()" in html and '"(pointer: coarse)"' in html
    assert mapview.TOUCH_HINT in html


def test_the_scale_bar_is_metric_only():
    """Issue 24: folium's scale bar showed miles next to kilometres in a German interface."""
    html = rendered()
    assert "L.control.scale({imperial: false})" in html
    assert "L.control.scale()" not in html
