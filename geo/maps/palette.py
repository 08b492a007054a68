"""The map palette: classes of the number of networks, white spots, lines, the Land veil.

One source for every map: the web map (``geo.maps.mapview``, folium), its play-through and Land view, and the
static images of the Statistik page and the PDF reports (``geo.maps.staticmap``), so a Kreis has the same colour in
the browser, in a PNG and on paper. Plain values only (no folium, no matplotlib). The colours' contrast and
their distance for colour-vision deficiencies are checked in tests/test_colours.py.
"""

from __future__ import annotations

#: Classes of the number of networks: (lower bound, label, fill colour). ColorBrewer "Blues", lightness steps that
#: stay apart for protanopia, deuteranopia and tritanopia; the darkest step is #2171b5, not #08519c, so that the
#: dark Kreis borders keep 3:1 against every fill (WCAG 1.4.11).
CLASSES = (
    (1, "1 Netzwerk", "#c6dbef"),
    (2, "2–3 Netzwerke", "#6baed6"),
    (4, "4 und mehr", "#2171b5"),
)
#: Kreis borders, white spots included (they differ by fill and a dashed line, not by line colour).
KREIS_LINE = "#1a1a1a"
WHITE_SPOT = {"label": "Weißer Fleck (kein Netzwerk)", "fill": "#fff7bc", "line": KREIS_LINE}
SELECTED_LINE = "#e7298a"
LAND_LINE = "#000000"
#: Text on the map (tooltips) and in its legend, on white.
TEXT = "#111111"
#: Veil over the Kreise outside the chosen Land (web Land view, static Land maps).
VEIL = {"fill": "#ffffff", "opacity": 0.72}


def count_class(count: int) -> int:
    """0 for a white spot, else 1-based index into ``CLASSES``."""
    for index in range(len(CLASSES), 0, -1):
        if count >= CLASSES[index - 1][0]:
            return index
    return 0


def legend_entries() -> list[tuple[str, str, str]]:
    """(label, fill, outline) for the legend, white spot first."""
    return [(WHITE_SPOT["label"], WHITE_SPOT["fill"], WHITE_SPOT["line"])] + [
        (label, fill, KREIS_LINE) for _, label, fill in CLASSES
    ]
