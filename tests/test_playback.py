"""Play-through data and control: classes per year equal the coverage of that year; deterministic HTML."""

import re

import pandas as pd
import pytest

from geo.figures import coverage
from geo.figures.coverage import Filters
from geo.maps import mapview, palette, playback
from geo.records.model import HANDLUNGSFELDER
from geo.regions import boundaries


@pytest.fixture(scope="module")
def world(stored_networks):
    return pd.DataFrame(boundaries.load_kreise().drop(columns="geometry")), stored_networks


@pytest.mark.parametrize("filters", [Filters(), Filters(count_land_wide=True, handlungsfeld=HANDLUNGSFELDER[3])])
def test_classes_per_year_equal_that_years_coverage(world, filters):
    info, networks = world
    years = [2006, 2014, 2025]
    classes = playback.year_classes(networks, info, years, filters)
    assert len(classes) == 400 and all(len(digits) == 3 for digits in classes.values())
    for i, year in enumerate(years):
        counts = coverage.kreis_coverage(networks, info, filters.with_(as_of_year=year)).set_index("ags")
        expected = {ags: str(k) for ags, k in palette.kreis_classes(counts.reset_index()).items()}
        assert {ags: digits[i] for ags, digits in classes.items()} == expected


def test_styles_are_the_maps_own():
    styles = playback.class_styles()
    assert styles[0] == mapview.kreis_style(0)
    assert [s["fillColor"] for s in styles[1:4]] == [fill for _, _, fill in palette.CLASSES]
    assert styles[palette.OLDER_CLASS]["fillColor"] == palette.OLDER["fill"]


def test_control_is_deterministic_and_survives_streamlit_folium(world):
    from streamlit_folium import _get_map_string

    layer = mapview.with_counts(boundaries.load_kreise_web_geojson(), pd.Series(dtype=int))

    def built():
        return playback.add_play_through(mapview.build_map(layer), [2019, 2020], {"12073": "12"}, 2020)

    html = built().get_root().render()
    assert html == built().get_root().render()
    assert "Stand " in html and 'aria-live="polite"' in html and "<button" in html
    fmap = built()
    fmap.get_root().render()
    script = _get_map_string(fmap)
    used = set(re.findall(r"(?<!function )atlasPlayThrough\((\w+), (\w+),", script)[0])
    declared = set(re.findall(r"var (\w+) =", script)) | {"map_div"}
    assert used and used <= declared
