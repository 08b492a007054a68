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
import jinja2
import pandas as pd

from geo.figures import coverage
from geo.figures.coverage import Filters
from geo.maps import mapview, palette

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

    _template = jinja2.Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var layer = {{ this.layer.get_name() }};
            var years = {{ this.years | tojson }};
            var classes = {{ this.classes | tojson }};
            var styles = {{ this.styles | tojson }};
            var start = {{ this.shown }};
            var index = start, timer = null;
            var control = L.control({position: "bottomleft"});
            control.onAdd = function () {
                var box = L.DomUtil.create("div", "leaflet-bar atlas-play");
                box.setAttribute("role", "group");
                box.setAttribute("aria-label", "Entwicklung Jahr für Jahr");
                box.style.cssText = "background:#fff;padding:4px 6px;font:13px sans-serif;" +
                    "display:flex;gap:4px;align-items:center";
                box.innerHTML =
                    '<button type="button" data-step="-1" aria-label="Ein Jahr zurück">&#9664;</button>' +
                    '<button type="button" data-play>&#9654; Abspielen</button>' +
                    '<button type="button" data-step="1" aria-label="Ein Jahr vor">&#9654;</button>' +
                    '<span data-year aria-live="polite" style="font-weight:bold;min-width:6.5em"></span>';
                L.DomEvent.disableClickPropagation(box);
                L.DomEvent.disableScrollPropagation(box);
                var label = box.querySelector("[data-year]"), play = box.querySelector("[data-play]");
                function show(i) {
                    index = i;
                    // The layer's own style follows the year, so hover's resetStyle keeps the year's colour.
                    layer.options.style = function (feature) {
                        var own = classes[feature.properties.ags];
                        return own ? styles[+own.charAt(index)] : {};
                    };
                    layer.resetStyle();
                    label.textContent = "Stand " + years[i];
                }
                function stop() {
                    clearInterval(timer); timer = null;
                    play.innerHTML = "&#9654; Abspielen";
                }
                play.addEventListener("click", function () {
                    if (timer) { stop(); return; }
                    if (index >= years.length - 1) { show(0); }
                    play.innerHTML = "&#10074;&#10074; Anhalten";
                    timer = setInterval(function () {
                        if (index >= years.length - 1) { stop(); return; }
                        show(index + 1);
                    }, {{ this.step_ms }});
                });
                box.querySelectorAll("[data-step]").forEach(function (button) {
                    button.addEventListener("click", function () {
                        stop();
                        show(Math.max(0, Math.min(years.length - 1, index + (+button.dataset.step))));
                    });
                });
                label.textContent = "Stand " + years[start];
                return box;
            };
            control.addTo({{ this.map.get_name() }});
        })();
        {% endmacro %}
        """
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
