"""The map palette: the evidence classes (white spot, older evidence only, current networks by number), lines,
the Land veil.

One source for every map: the web map (``geo.maps.mapview``, folium), its play-through and Land view, and the
static images of the Statistik page and the PDF reports (``geo.maps.staticmap``), so a Kreis has the same colour in
the browser, in a PNG and on paper. Plain values only (no folium, no matplotlib). The colours' contrast and
their distance for colour-vision deficiencies are checked in tests/test_colours.py.
"""

from __future__ import annotations

#: Classes of the number of networks WITH CURRENT EVIDENCE: (lower bound, label, fill colour). ColorBrewer
#: "Blues", lightness steps that stay apart for protanopia, deuteranopia and tritanopia; the darkest step is
#: #2171b5, not #08519c, so that the dark Kreis borders keep 3:1 against every fill (WCAG 1.4.11).
CLASSES = (
    (1, "1 Netzwerk mit aktuellem Beleg", "#c6dbef"),
    (2, "2–3 Netzwerke mit aktuellem Beleg", "#6baed6"),
    (4, "4 und mehr mit aktuellem Beleg", "#2171b5"),
)
#: Kreis borders, white spots included (they differ by fill and a dashed line, not by line colour).
KREIS_LINE = "#1a1a1a"
WHITE_SPOT = {"label": "Kein dokumentiertes Netzwerk (weißer Fleck)", "fill": "#fff7bc", "line": KREIS_LINE}
#: Kreise whose networks have only older evidence: a warm tone between the white spot and the blues, found by
#: searching for the fill farthest (ΔE) from the others under every colour-vision deficiency; dotted outline.
OLDER = {"label": "Nur ältere Belege (kein aktueller)", "fill": "#fcd0c4", "line": KREIS_LINE}
#: Map class of an older-only Kreis (0 is the white spot, 1–3 the current classes).
OLDER_CLASS = len(CLASSES) + 1
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


def map_class(n_current: int, n_counting: int) -> int:
    """The Kreis's class on every map: 1–3 by its networks with current evidence, else :data:`OLDER_CLASS` when it
    has networks with older evidence only, else 0 (white spot)."""
    if n_current > 0:
        return count_class(n_current)
    return OLDER_CLASS if n_counting > 0 else 0


def kreis_classes(coverage) -> dict[str, int]:
    """AGS → map class for a table of ``geo.figures.coverage.kreis_coverage`` (``n_current``, ``n_counting``)."""
    rows = zip(coverage["ags"], coverage["n_current"], coverage["n_counting"], strict=True)
    return {ags: map_class(int(current), int(counting)) for ags, current, counting in rows}


def fill_of(klass: int) -> str:
    """Fill colour of a map class."""
    if klass == 0:
        return WHITE_SPOT["fill"]
    if klass == OLDER_CLASS:
        return OLDER["fill"]
    return CLASSES[klass - 1][2]


def legend_entries() -> list[tuple[str, str, str]]:
    """(label, fill, outline) for the legend: white spot, older evidence only, then the current classes — from
    light to dark."""
    return [
        (WHITE_SPOT["label"], WHITE_SPOT["fill"], WHITE_SPOT["line"]),
        (OLDER["label"], OLDER["fill"], OLDER["line"]),
    ] + [(label, fill, KREIS_LINE) for _, label, fill in CLASSES]
