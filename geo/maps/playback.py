"""Play the development year by year on the web map, in the browser, without resending the map.

The map already holds every Kreis shape. This adds one small table — the map class
(``geo.maps.palette.map_class``: 0 white spot, 1–3 current evidence, 4 older evidence only) of each Kreis in
each year, about 10 KB — and a Leaflet control with real buttons (back, play/pause, forward) and a year label
that screen readers announce. Playing only restyles the Kreis layer; the server is not asked, so nothing is
sent per year.
"""

from __future__ import annotations

from collections.abc import Sequence

import folium
import pandas as pd

from geo.figures import coverage
from geo.figures.coverage import Filters
from geo.maps import assets, mapview, palette

#: Milliseconds per year while playing.
STEP_MS = 800


def year_classes(networks: pd.DataFrame, kreise: pd.DataFrame, years: Sequence[int], filters: Filters) -> dict:
    """AGS → one digit per year: the Kreis's map class under ``filters`` as of that year (palette.map_class).

    Counts with the same join as :func:`geo.figures.coverage.kreis_coverage` (``coverage.counting_pairs``), without
    building the whole Kreis table once per year.
    """
    known = set(kreise["ags"])
    digits: dict[str, list[str]] = {ags: [] for ags in kreise["ags"]}
    for year in years:
        pairs = coverage.counting_pairs(networks, filters.with_(as_of_year=year))
        pairs = pairs[pairs["ags"].isin(known)]
        counting = pairs["ags"].value_counts()
        current = pairs.loc[pairs["current"], "ags"].value_counts()
        for ags, own in digits.items():
            own.append(str(palette.map_class(int(current.get(ags, 0)), int(counting.get(ags, 0)))))
    return {ags: "".join(d) for ags, d in digits.items()}


def class_styles() -> list[dict]:
    """Leaflet style per map class (index = class), the same as the map's own (mapview.kreis_style)."""
    return [mapview.kreis_style(klass) for klass in range(palette.OLDER_CLASS + 1)]


class PlayThrough(folium.MacroElement):
    """The play-through control; ``years`` and ``classes`` from :func:`year_classes`, ``shown`` the map's year."""

    _template = assets.script_template(
        "play_through.js",
        "atlasPlayThrough({{ this.layer.get_name() }}, {{ this.map.get_name() }}, {{ this.years|tojson }}, "
        "{{ this.classes|tojson }}, {{ this.styles|tojson }}, {{ this.shown }}, {{ this.step_ms }});",
    )

    def __init__(self, layer: folium.GeoJson, fmap: folium.Map, years: Sequence[int], classes: dict, shown: int):
        super().__init__()
        self._name = "PlayThrough"
        self.layer, self.map = layer, fmap
        self.years, self.classes, self.styles = list(years), classes, class_styles()
        self.shown = list(years).index(shown) if shown in years else len(years) - 1
        self.step_ms = STEP_MS


def add_play_through(fmap: folium.Map, years: Sequence[int], classes: dict, shown: int) -> folium.Map:
    """Add the control to a map from ``mapview.build_map`` (its Kreis layer is the one named "Kreise")."""
    layer = next(c for c in fmap._children.values() if isinstance(c, folium.GeoJson) and c.layer_name == "Kreise")
    element = PlayThrough(layer, fmap, years, classes, shown)
    element._id = "play0"  # [a-z0-9] only: streamlit-folium renames variables by that pattern; fixed: same HTML
    element.add_to(fmap)
    return fmap
