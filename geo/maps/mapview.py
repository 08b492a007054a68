"""The coverage choropleth as a folium map: offline, deterministic, and safe with user text.

Pure code (no streamlit): pages pass the result to ``streamlit_folium.st_folium``.

- **Offline**: folium loads Leaflet, jQuery, Bootstrap and fonts from CDNs. The
  map needs only Leaflet, which the app serves itself (``LEAFLET_BASE``, see
  ``geo.maps.assets``); every other default asset is dropped, and there are no base
  tiles unless a tile URL is configured.
- **Safe**: folium's tooltips put property values into ``innerHTML``, so the
  map carries only official fields (AGS, name, type, Land) and integer
  counts — never network names, which are rendered by Streamlit elsewhere.
- **Deterministic**: folium's random element ids are replaced by fixed ones,
  so equal inputs give equal HTML (testable, cacheable, and streamlit-folium
  does not reload the map when nothing changed).
"""

from __future__ import annotations

import copy
import inspect
import math
from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass

import folium
import folium.features
import folium.template
import jinja2

from geo.config import settings
from geo.maps import assets
from geo.maps import topology as topo
from geo.maps.palette import KREIS_LINE, LAND_LINE, OLDER_CLASS, SELECTED_LINE, TEXT, WHITE_SPOT, fill_of, map_class

LEAFLET_BASE = "/app/static/leaflet"
LEAFLET_JS = [("leaflet", f"{LEAFLET_BASE}/leaflet.js")]
LEAFLET_CSS = [("leaflet_css", f"{LEAFLET_BASE}/leaflet.css")]


TOOLTIP_FIELDS = ("name", "bez", "land", "netzwerke", "beleg")
ALLOWED_PROPERTIES = frozenset({"ags", "klasse", *TOOLTIP_FIELDS})
#: The tooltip's words for the evidence of a Kreis (map class → text).
EVIDENCE_WORDS = {0: "kein dokumentiertes Netzwerk", OLDER_CLASS: "nur ältere Belege"}

GERMANY_BOUNDS = [[47.27, 5.87], [55.06, 15.04]]
#: Stand-in data of the Länder layer in Python (folium derives its style from it); the browser gets the topology's.
_LAND_BORDERS = {
    "type": "FeatureCollection",
    "features": [{"type": "Feature", "properties": {}, "geometry": {"type": "MultiLineString", "coordinates": []}}],
}


def kreis_style(klass: int) -> dict:
    """Leaflet path style of a map class (``geo.maps.palette.map_class``): white spots dashed and thicker, Kreise with
    older evidence only dotted, so that neither depends on colour alone."""
    if klass == 0:
        return {
            "fillColor": WHITE_SPOT["fill"],
            "color": WHITE_SPOT["line"],
            "weight": 1.4,
            "dashArray": "4 3",
            "fillOpacity": 1.0,
        }
    style = {"fillColor": fill_of(klass), "color": KREIS_LINE, "weight": 0.6, "fillOpacity": 1.0}
    if klass == OLDER_CLASS:
        style |= {"weight": 1.0, "dashArray": "1 3"}
    return style


def summary_text(current: int, older: int, white: int, area: str = "Deutschland") -> str:
    """The map's message as a sentence (German), shown next to it for screen readers and everyone else."""
    total = current + older + white
    return (
        f"Textfassung der Karte ({area}): {current} von {total} Kreisen mit Netzwerk mit aktuellem Beleg, "
        f"{older} nur mit älteren Belegen, {white} ohne dokumentiertes Netzwerk (weiße Flecken). "
        "Alle Werte stehen in der „Tabelle aller Kreise“ unten."
    )


def with_counts(web_geojson: dict, counts: Mapping[str, int], classes: Mapping[str, int] | None = None) -> dict:
    """A copy of the Kreis layer whose properties are only the whitelisted official fields plus the Kreis's
    number of networks, its map class (``geo.maps.palette.kreis_classes``; without ``classes`` every counted network
    is taken as current) and the words for its evidence.

    Kept in AGS order: it is the order in which the keyboard visits the Kreise (:class:`KeyboardKreise`).
    """
    if classes is None:
        classes = {ags: map_class(int(n), int(n)) for ags, n in counts.items()}
    data = {"type": "FeatureCollection", "features": []}
    for feature in sorted(web_geojson["features"], key=lambda f: f["properties"]["ags"]):
        props = feature["properties"]
        ags = props["ags"]
        data["features"].append(
            {
                "type": "Feature",
                "geometry": feature["geometry"],
                "properties": {
                    "ags": ags,
                    "name": props["name"],
                    "bez": props["bez"],
                    "land": props["land"],
                    "netzwerke": int(counts.get(ags, 0)),
                    "klasse": classes.get(ags, 0),
                    "beleg": EVIDENCE_WORDS.get(classes.get(ags, 0), "aktueller Beleg"),
                },
            }
        )
    return data


def laender_outline(kreise_geojson: dict) -> dict:
    """Länder borders as lines, dissolved from the web layer so they match the Kreis edges exactly."""
    import json

    import geopandas as gpd

    web = gpd.GeoDataFrame.from_features(kreise_geojson["features"], crs="EPSG:4326")
    lines = gpd.GeoDataFrame(geometry=web.dissolve(by="land").boundary, crs="EPSG:4326")
    return json.loads(lines.to_json(drop_id=True), parse_float=lambda s: round(float(s), 4))


class ClickOutline(folium.MacroElement):
    """Outlines a clicked Kreis in the browser at once, without a round trip to the server.

    The selection outline from the server (:func:`selection_layer`) is a component argument, and any
    change of those resends the whole map (~400 KB). So a click outlines its Kreis here, and the server
    sends an outline only for selections the map did not make (search, shared link).
    """

    _template = assets.script_template(
        "click_outline.js",
        "atlasClickOutline({{ this.layer.get_name() }}, {{ this.map.get_name() }}, {{ this.color|tojson }});",
    )

    def __init__(self, layer: folium.GeoJson, fmap: folium.Map) -> None:
        super().__init__()
        self._name = "ClickOutline"
        self.layer, self.map, self.color = layer, fmap, SELECTED_LINE


class ClickValueAtOnce(folium.MacroElement):
    """Reports a Kreis click to the server at once instead of after streamlit-folium's 250 ms debounce.

    streamlit-folium sends the map's value through ``_.debounce(update, 250)``, and each event of one
    click (the Kreis, the map, a focus move) restarts the wait: half of a click's time went to waiting.
    After Leaflet has dispatched the click (a microtask later, when streamlit-folium's own handlers
    have recorded it) this builds the same value streamlit-folium would and sends it through its own
    ``Streamlit`` object; the debounced copy that follows is equal, and streamlit-folium skips it.
    Only the value keys of :data:`RETURNED_OBJECTS` are built; for any other key the debounce stays.
    """

    _template = assets.script_template(
        "click_value.js",
        "atlasClickValueAtOnce({{ this.layer.get_name() }}, {{ this.keys|tojson }});",
    )

    def __init__(self, layer: folium.GeoJson) -> None:
        super().__init__()
        self._name = "ClickValueAtOnce"
        self.layer, self.keys = layer, ["last_object_clicked_count", "last_active_drawing"]


class ClearClickOutline(folium.MacroElement):
    """Removes the outline a click drew (:class:`ClickOutline`) when the server sends its own selection."""

    _template = jinja2.Template(
        """
        {% macro script(this, kwargs) %}
        if (window.atlasOutline) { window.atlasOutline.remove(); window.atlasOutline = null; }
        {% endmacro %}
        """
    )


class MetricScale(folium.MacroElement):
    """The scale bar in kilometres only: folium's ``control_scale`` shows miles too (issue 24)."""

    _template = jinja2.Template(
        "{% macro script(this, kwargs) %}"
        "L.control.scale({imperial: false}).addTo({{ this.map.get_name() }});"
        "{% endmacro %}"
    )

    def __init__(self, fmap: folium.Map) -> None:
        super().__init__()
        self.map = fmap


class FocusWithoutScroll(folium.MacroElement):
    """Focuses the map on a press without scrolling the page, so the first click selects a Kreis.

    Leaflet's keyboard handler focuses the map container on ``mousedown``. Inside streamlit-folium's
    iframe, a plain ``focus()`` makes the browser scroll the parent page until the iframe is in view;
    that scroll lands between ``mousedown`` and ``mouseup``, the pointer has moved relative to the map,
    and Leaflet takes the click for a drag: the first click on a partly visible map selected nothing
    (issue 12). ``focus({preventScroll: true})`` keeps the keyboard handler and drops the scroll.
    """

    _template = assets.script_template(
        "focus_without_scroll.js",
        "atlasFocusWithoutScroll({{ this.map.get_name() }});",
    )

    def __init__(self, fmap: folium.Map) -> None:
        super().__init__()
        self._name = "FocusWithoutScroll"
        self.map = fmap


#: Names of the map for screen readers: the iframe's title and the map region inside it.
FRAME_TITLE = (
    "Karte der Netzwerke je Kreis – Textfassung: Zusammenfassung über der Karte, Tabelle aller Kreise darunter"
)
TOUCH_HINT = "Karte mit zwei Fingern verschieben und zoomen"
MAP_LABEL = (
    "Karte der 400 Kreise. Pfeiltasten verschieben, Plus und Minus zoomen. "
    "Mit Tab zu den Kreisen: Pfeiltasten wechseln den Kreis, Eingabetaste wählt ihn."
)


class ScreenReaderNames(folium.MacroElement):
    """Gives the map's iframe a meaningful title and the map a labelled region.

    streamlit-folium titles its iframe "streamlit_folium.st_folium" and offers no option for it; the
    iframe comes from the app's own origin, so the map sets its frame's title itself.
    """

    _template = assets.script_template(
        "screen_reader_names.js",
        "atlasScreenReaderNames({{ this.map.get_name() }}, {{ this.title|tojson }}, {{ this.label|tojson }});",
    )

    def __init__(self, fmap: folium.Map) -> None:
        super().__init__()
        self._name = "ScreenReaderNames"
        self.map, self.title, self.label = fmap, FRAME_TITLE, MAP_LABEL


class KeyboardKreise(folium.MacroElement):
    """The Kreise for the keyboard: one Tab stop, arrow keys move Kreis by Kreis, Enter or Space selects.

    Tab enters the Kreise at the current one (the first in AGS order, i.e. Land by Land, at the start);
    arrow keys, Home and End move (the map follows a Kreis out of view), Enter or Space selects exactly
    like a click (the same Leaflet click event, which streamlit-folium reports); Tab leaves the map. A
    tab stop per Kreis would put 400 stops between the search and the panel. Each Kreis is named for
    screen readers (name, type, Land, number of networks); the keyboard focus is a thick black outline.
    """

    _template = assets.script_template(
        "keyboard_kreise.js",
        "atlasKeyboardKreise({{ this.layer.get_name() }}, {{ this.map.get_name() }});",
        header="""
        {% macro header(this, kwargs) %}
        <style>
        .leaflet-interactive:focus { outline: none; }
        .leaflet-interactive:focus-visible { stroke: #000000; stroke-width: 4px; stroke-dasharray: none; }
        .leaflet-container:focus-visible { outline: 3px solid #000000; outline-offset: -3px; }
        </style>
        {% endmacro %}
        """,
    )

    def __init__(self, layer: folium.GeoJson, fmap: folium.Map) -> None:
        super().__init__()
        self._name = "KeyboardKreise"
        self.layer, self.map = layer, fmap


class PhoneGestures(folium.MacroElement):
    """On touch screens one finger scrolls the page and two fingers move and zoom the map.

    A map as tall as the phone's screen that takes every swipe for itself traps the page: the visitor
    cannot scroll past it to the Kreis panel. So dragging is off on touch devices; Leaflet's pinch zoom
    still moves the map with two fingers, and a line on the map says so.
    """

    _template = assets.script_template(
        "phone_gestures.js",
        "atlasPhoneGestures({{ this.map.get_name() }}, {{ this.text|tojson }});",
        header="""
        {% macro header(this, kwargs) %}
        <style>
        .atlas-hint { background: #ffffff; color: #111111; padding: 2px 6px; font: 13px/1.3 sans-serif;
                      border-radius: 4px; box-shadow: 0 1px 3px rgba(0, 0, 0, 0.3); }
        </style>
        {% endmacro %}
        """,
    )

    def __init__(self, fmap: folium.Map) -> None:
        super().__init__()
        self._name = "PhoneGestures"
        self.map, self.text = fmap, TOUCH_HINT


class TopologyDecoder(folium.MacroElement):
    """The map's shapes as one TopoJSON topology (:mod:`geo.maps.topology`), turned back into GeoJSON in the browser.

    Defines ``atlasFeatures(name)``, which the layers (:class:`TopologyLayer`) call instead of carrying
    their own GeoJSON: arcs are delta-decoded and scaled once, rings are joined from their arcs (a
    negative index ``~i`` is arc ``i`` reversed, and each next arc starts where the last ended).
    """

    _template = assets.script_template(
        "topology_decoder.js",
        "var atlasFeatures = atlasTopologyDecoder({{ this.topology|tojson }});",
    )

    def __init__(self, topology: dict) -> None:
        super().__init__()
        self._name = "TopologyDecoder"
        self.topology = topology


def _layer_template() -> folium.template.Template:
    """folium's GeoJson template, with the data taken from :class:`TopologyDecoder` instead of embedded."""
    source = inspect.getsource(folium.features.GeoJson)
    start = source.index('"""', source.index("_template = Template(")) + 3
    text = source[start : source.index('"""', start)]
    embedded = "{{ this.get_name() }}_add({{ this.data|tojson }});"
    if embedded not in text:
        raise RuntimeError("folium's GeoJson template changed: check geo/maps/mapview.py TopologyLayer against it")
    return folium.template.Template(
        text.replace(embedded, "{{ this.get_name() }}_add(atlasFeatures({{ this.object|tojson }}));")
    )


class TopologyLayer(folium.GeoJson):
    """A folium GeoJson layer whose shapes come from the map's topology (object ``object``).

    Everything folium computes from the data in Python (styles per feature, tooltip fields) sees the
    full GeoJSON given here; only the browser gets the topology's compact form.
    """

    _template = _layer_template()

    def __init__(self, data: dict, object_name: str, **kwargs) -> None:
        super().__init__(data, **kwargs)
        self.object = object_name


class FitArea(folium.MacroElement):
    """Fits the map to ``bounds`` at once (no animation) and again when its frame changes size, until the
    visitor moves the map. The map has exactly one (:func:`fit_area`); the Land view changes its bounds.

    folium's ``fit_bounds`` animates a zoom of four steps or fewer: in a 350 px map (issue 24) Germany's
    fit ran from zoom 1 to 5 and ended after the Land view's fit, leaving it at Germany's extent.
    """

    _template = assets.script_template(
        "fit_area.js", "atlasFitArea({{ this.map.get_name() }}, {{ this.bounds|tojson }});"
    )

    def __init__(self, fmap: folium.Map, bounds: list[list[float]]) -> None:
        super().__init__()
        self.map = fmap
        self.bounds = [list(corner) for corner in bounds]


def fit_area(fmap: folium.Map) -> FitArea:
    """The map's :class:`FitArea`."""
    return next(child for child in fmap._children.values() if isinstance(child, FitArea))


class GermanyMap(folium.Map):
    """A folium map whose bounds are Germany's, known in advance.

    folium computes ``get_bounds`` by walking every vertex of every layer; streamlit-folium asks for it on
    each rerun (45 ms of a 0.23 s click), only to report it back as the map's initial extent.
    """

    def get_bounds(self) -> list[list[float]]:
        return [list(corner) for corner in GERMANY_BOUNDS]


def build_map(
    kreise_geojson: dict,
    laender_geojson: dict | None = None,
    tile_url: str | None = None,
    topology: topo.KreisTopology | None = None,
    clicks_at_once: bool = True,
) -> folium.Map:
    """The base choropleth (Kreise with counts from :func:`with_counts`, Länder borders on top), fitted to Germany.

    With ``topology`` (:func:`geo.maps.topology.build` of the same shapes) the browser receives the Kreise
    and the Länder borders as one compact topology (``laender_geojson`` is then not needed).
    ``clicks_at_once=False`` leaves clicks to streamlit-folium's debounce (:class:`ClickValueAtOnce`).
    """
    tile_url = tile_url if tile_url is not None else settings.TILE_URL.get()
    fmap = GermanyMap(tiles=None, zoom_control=True, prefer_canvas=False, min_zoom=5, max_zoom=12)
    fmap.default_js = LEAFLET_JS
    fmap.default_css = LEAFLET_CSS
    if tile_url:
        folium.TileLayer(tiles=tile_url, attr=settings.TILE_ATTRIBUTION.get(), name="Hintergrund").add_to(fmap)
    if topology is not None:
        TopologyDecoder(topo.to_topojson(topology, kreise_geojson)).add_to(fmap)
        layer, extra = TopologyLayer, {"object_name": "kreise"}
    else:
        layer, extra = folium.GeoJson, {}
    kreise = layer(
        kreise_geojson,
        **extra,
        name="Kreise",
        style_function=lambda feature: kreis_style(feature["properties"].get("klasse", 0)),
        highlight_function=lambda _feature: {"weight": 2.5, "color": "#000000"},
        tooltip=folium.GeoJsonTooltip(
            fields=list(TOOLTIP_FIELDS),
            aliases=["Kreis", "Art", "Land", "Netzwerke", "Beleg"],
            sticky=True,
            localize=True,
            style=f"color: {TEXT}; background-color: #ffffff;",
        ),
    ).add_to(fmap)
    ClickOutline(kreise, fmap).add_to(fmap)
    if clicks_at_once:
        ClickValueAtOnce(kreise).add_to(fmap)
    MetricScale(fmap).add_to(fmap)
    FocusWithoutScroll(fmap).add_to(fmap)
    ScreenReaderNames(fmap).add_to(fmap)
    KeyboardKreise(kreise, fmap).add_to(fmap)
    PhoneGestures(fmap).add_to(fmap)
    land_style = {
        "name": "Länder",
        "interactive": False,
        "style_function": lambda _f: {"color": LAND_LINE, "weight": 1.6, "fill": False},
    }
    if topology is not None:
        TopologyLayer(_LAND_BORDERS, "laender", **land_style).add_to(fmap)
    elif laender_geojson is not None:
        folium.GeoJson(laender_geojson, **land_style).add_to(fmap)
    FitArea(fmap, GERMANY_BOUNDS).add_to(fmap)
    fix_ids(fmap)
    return fmap


def selection_layer(kreise_geojson: dict, selected: Iterable[str]) -> folium.FeatureGroup:
    """Outline of the selected Kreis(e), added without reloading the map (``feature_group_to_add``)."""
    wanted = set(selected)
    group = folium.FeatureGroup(name="Auswahl")
    ClearClickOutline().add_to(group)
    features = [f for f in kreise_geojson["features"] if f["properties"]["ags"] in wanted]
    if features:
        folium.GeoJson(
            {"type": "FeatureCollection", "features": copy.deepcopy(features)},
            interactive=False,
            style_function=lambda _f: {"color": SELECTED_LINE, "weight": 4, "fill": False},
        ).add_to(group)
    fix_ids(group, prefix="sel")
    return group


def bounds_of(kreise_geojson: dict, ags: str) -> list[list[float]] | None:
    """[[south, west], [north, east]] of one Kreis in the layer, for zooming to it."""
    for feature in kreise_geojson["features"]:
        if feature["properties"]["ags"] == ags:
            xs, ys = [], []
            _collect(feature["geometry"]["coordinates"], xs, ys)
            return [[min(ys), min(xs)], [max(ys), max(xs)]]
    return None


def zoom_for(bounds: list[list[float]], width_px: int = 550, height_px: int = 600, max_zoom: int = 11) -> int:
    """The largest web-mercator zoom at which ``bounds`` fit into a map of the given size."""
    (south, west), (north, east) = bounds

    def mercator_y(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    lon_fraction = max(east - west, 1e-6) / 360
    lat_fraction = max(mercator_y(north) - mercator_y(south), 1e-6) / (2 * math.pi)
    zoom = min(math.log2(width_px / 256 / lon_fraction), math.log2(height_px / 256 / lat_fraction))
    return max(5, min(max_zoom, math.floor(zoom)))


@dataclass(frozen=True)
class Click:
    """What a click on the map means for the page.

    ``number`` is st_folium's running count of object clicks: clicking the same Kreis again (say after
    a search selected another one) is a new click, not a repeat of the old value.
    """

    ags: str
    number: int | None = None


#: What the map reports back to the server: the clicked Kreis and the click count (see :class:`Click`).
RETURNED_OBJECTS = ["last_active_drawing", "last_object_clicked_count"]
#: streamlit-folium's first value for these keys, in the order its frontend builds the value. The frontend
#: sends the map's value only when its JSON differs from the last one, starting from the default the server
#: gave: a default of ``None`` for the count (the frontend starts at 0), or the keys in another order, made
#: every first visit send an unchanged map back and run the whole page a second time while Leaflet drew.
FRONTEND_INITIAL_VALUE = {"last_object_clicked_count": 0, "last_active_drawing": None}


def parse_click(returned: dict | None, valid_codes: Container[str]) -> Click | None:
    """The clicked Kreis from st_folium's return value, or None (nothing clicked, or not a Kreis)."""
    if not isinstance(returned, dict):
        return None
    drawing = returned.get("last_active_drawing")
    if not isinstance(drawing, dict):
        return None
    props = drawing.get("properties")
    ags = props.get("ags") if isinstance(props, dict) else None
    if not (isinstance(ags, str) and ags in valid_codes):
        return None
    number = returned.get("last_object_clicked_count")
    return Click(ags, number if isinstance(number, int) and not isinstance(number, bool) else None)


def _collect(coords, xs: list[float], ys: list[float]) -> None:
    if coords and isinstance(coords[0], int | float):
        xs.append(coords[0])
        ys.append(coords[1])
        return
    for part in coords:
        _collect(part, xs, ys)


def fix_ids(element, prefix: str = "el") -> None:
    """Replace folium's random ids by a counter, depth first (deterministic output)."""
    counter = [0]

    def walk(node) -> None:
        node._id = f"{prefix}{counter[0]}"
        counter[0] += 1
        for child in node._children.values():
            walk(child)

    walk(element)
