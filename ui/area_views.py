"""UI pieces of the policymaker views: Land choice and Land view, key figures with ranks, PDF reports.

Used by the Karte page (Land view), Vergleich, Handlungsfelder and Bericht. Everything heavy is cached
per data version and filters; a report is generated only when its download button is pressed.
"""

from __future__ import annotations

from datetime import date

import folium
import pandas as pd
import streamlit as st

from geo.figures import areas, coverage
from geo.figures.coverage import Filters
from geo.handouts import pdfreport
from geo.maps import landview, playback
from geo.regions import boundaries
from geo.regions.names import display_name
from geo.storage.datasets import DataNotice
from geo.text import germanfmt as fmt
from ui import data


@st.cache_resource(show_spinner=False)
def land_names() -> dict[str, str]:
    """Land key → name (read-only)."""
    return areas.land_names(data.kreis_info().reset_index())


@st.cache_resource(show_spinner=False, max_entries=512)
def area(code: str) -> areas.Area:
    """The area for a code, looked up once per process (the map page asks on every rerun)."""
    return areas.area_of(code, data.kreis_info().reset_index())


def area_codes() -> list[str]:
    """Everything a report or a comparison can be about: Germany, the 16 Länder, the 400 Kreise."""
    return ["DE", *land_names(), *data.kreis_info().index]


def area_label(code: str) -> str:
    """How an area is named in a choice: "Deutschland", "Brandenburg (Land)", "Landkreis Uckermark (Brandenburg)"."""
    if code == "DE":
        return "Deutschland"
    laender = land_names()
    if code in laender:
        return f"{laender[code]} (Land)"
    info = data.kreis_info()
    return f"{display_name(info.loc[code, 'bez'], info.loc[code, 'name'])} ({info.loc[code, 'land']})"


@st.cache_resource(show_spinner=False)
def _web_layer() -> dict:
    return boundaries.load_kreise_web_geojson()


@st.cache_data(show_spinner=False, max_entries=20)
def _veil(land: str) -> tuple[dict, list[list[float]]]:
    return landview.veil_geojson(_web_layer(), land), landview.bounds(_web_layer(), land)


#: First year of the play-through on the map (the Statistik page's development starts there too).
PLAY_FROM = 2005


@st.cache_data(show_spinner=False, max_entries=16)
def _year_classes(version: str, filters: Filters, years: tuple[int, ...]) -> dict:
    return playback.year_classes(data.networks(version), data.kreis_info().reset_index(), years, filters)


def map_extras(fmap: folium.Map, version: str, filters: Filters, land: str | None) -> folium.Map:
    """The Land view and, when the map shows an earlier year, the year-by-year play-through."""
    fmap = focus_land(fmap, land)
    if filters.as_of_year is not None:
        years = tuple(range(min(PLAY_FROM, filters.as_of_year), date.today().year + 1))
        classes = _year_classes(version, filters.with_(as_of_year=None), years)
        playback.add_play_through(fmap, years, classes, filters.as_of_year)
    return fmap


def focus_land(fmap: folium.Map, land: str | None) -> folium.Map:
    """The map fitted to the Land with the other Länder faded; unchanged for Germany."""
    if not land:
        return fmap
    veil, bounds = _veil(land)
    return landview.focus(fmap, veil, bounds)


@st.cache_data(show_spinner=False, max_entries=16)
def summary(version: str, filters: Filters) -> pd.DataFrame:
    """The 16 Länder with every figure and its rank, and Germany (``DE``): one count for every view."""
    info = data.kreis_info().reset_index()
    return areas.summary(info, data.coverage_table(version, filters), data.networks(version), filters)


def ranking(version: str, filters: Filters) -> pd.DataFrame:
    """The 16 Länder with every figure and its rank."""
    table = summary(version, filters)
    return table[table["land_ags"] != areas.GERMANY]


RANK_HELP = "Rang 1 = bester Wert unter den 16 Ländern."
NETWORKS_HELP = (
    "Netzwerke, die hier als Abdeckung zählen, jedes einmal: regionale Netzwerke, landes- und bundesweite nur "
    "mit dem Schalter links."
)
COVERED_HELP = (
    "Kreise mit mindestens einem regionalen Netzwerk, dessen neuester datierter Beleg (Quelle, Meldung, "
    "Bestätigung) höchstens {months} Monate alt ist."
)
OLDER_HELP = "Kreise mit dokumentierten Netzwerken, aber ohne Beleg aus den letzten {months} Monaten: nicht abgedeckt."
WHITE_HELP = "Kreise ohne dokumentiertes regionales Netzwerk."
FIGURE_HELP = {
    "networks": f"{NETWORKS_HELP} {RANK_HELP}",
    "covered": COVERED_HELP + " " + RANK_HELP,
    "older_only": OLDER_HELP + " Weniger ist besser. " + RANK_HELP,
    "white_spots": WHITE_HELP + " Weniger ist besser. " + RANK_HELP,
}


def _help(key: str, ranked: bool) -> str | None:
    """The metric's help, with the evidence window filled in; without the rank sentence on Germany's figures."""
    text = FIGURE_HELP.get(key, RANK_HELP if ranked else None)
    if text is None:
        return None
    text = text.replace("{months}", str(coverage.current_months()))
    return text if ranked else text.replace(" " + RANK_HELP, "").replace(" Weniger ist besser.", "")


def key_figures(land: str | None, version: str, filters: Filters, compact: bool = False) -> None:
    """Key figures of Germany, or of the chosen Land with its rank among the 16 Länder (same counts).

    ``compact`` wraps them in small tiles (the map page's panel: the map and its legend stay in view).
    """
    row = summary(version, filters).set_index("land_ags").loc[land or areas.GERMANY]
    shown = [
        ("networks", fmt.integer(row["networks"])),
        ("covered", f"{int(row['covered'])} von {int(row['kreise'])}"),
        ("share_population_covered", fmt.percent(row["share_population_covered"])),
        ("older_only", fmt.integer(row["older_only"])),
        ("white_spots", fmt.integer(row["white_spots"])),
    ]
    if compact:
        ranks = ranking(version, filters).set_index("land_ags") if land else None
        _compact_figures(row, shown, land, ranks)
        if land:
            with st.expander("Alle 16 Länder mit Rang"):
                st.dataframe(ranking_table(version, filters), hide_index=True, width="stretch")
        return
    if not land:
        cols = st.columns(len(shown))
        for col, (key, value) in zip(cols, shown, strict=True):
            col.metric(areas.FIGURES[key][0], value, help=_help(key, ranked=False))
        return
    shown.append(("networks_per_100k", fmt.decimal(row["networks_per_100k"], 2)))
    st.subheader(f"Land {row['land']}")
    cols = st.columns(len(shown))
    for col, (key, value) in zip(cols, shown, strict=True):
        col.metric(areas.FIGURES[key][0], value, help=_help(key, ranked=True))
        ranked = areas.rank_label(ranking(version, filters).set_index("land_ags"), key, land)
        col.caption(f"Rang {ranked}")
    with st.expander("Alle 16 Länder mit Rang"):
        st.dataframe(ranking_table(version, filters), hide_index=True, width="stretch")


def _compact_figures(
    row: pd.Series, shown: list[tuple[str, str]], land: str | None, ranks: pd.DataFrame | None
) -> None:
    """The figures as small tiles that wrap (two on a phone's line), a Land's rank under each."""
    if land:
        shown = [*shown, ("networks_per_100k", fmt.decimal(row["networks_per_100k"], 2))]
    st.markdown(f"**Kennzahlen {'Land ' + row['land'] if land else 'Deutschland'}**")
    with st.container(horizontal=True, key="kennzahlen", gap="small"):
        for key, value in shown:
            with st.container(width=150, gap=None):
                st.metric(areas.FIGURES[key][0], value, help=_help(key, ranked=bool(land)))
                if land:
                    st.caption(f"Rang {areas.rank_label(ranks, key, land)}")  # ties shared, "–" (issue 24)


def ranking_table(version: str, filters: Filters) -> pd.DataFrame:
    """The ranking as a German table: value and rank per figure."""
    table = ranking(version, filters)
    by_code = table.set_index("land_ags")
    shown = pd.DataFrame({"Land": table["land"]})
    for key, (label, _better) in areas.FIGURES.items():
        values = table[key]
        if key == "networks_per_100k":
            shown[label] = values.map(lambda v: fmt.decimal(v, 2))
        elif key == "share_population_covered":
            shown[label] = values.map(fmt.percent)
        else:
            shown[label] = values.map(fmt.integer)
        shown[f"Rang: {label}"] = [areas.rank_label(by_code, key, code) for code in table["land_ags"]]
    return shown


@st.cache_data(show_spinner=False, max_entries=16)
def report_pdf(version: str, filters: Filters, code: str, notice: DataNotice | None, today: date) -> bytes:
    """The PDF report for one area (``DE``, Land key or Kreis AGS)."""
    return pdfreport.build_report(
        code,
        data.kreise(),
        data.networks(version),
        data.neighbours(),
        filters,
        today=today,
        data=notice,
        checks={ags: data.white_spot_check(ags) for ags in data.white_spot_checks().index},
    )


def report_button(code: str, version: str, filters: Filters, label: str | None = None) -> None:
    """Offers "Bericht herunterladen" for one area; the PDF is made only when the button is pressed."""
    chosen = area(code)
    today = date.today()
    notice = data.current_notice()
    st.download_button(
        label or f"Bericht herunterladen: {chosen.name} (PDF)",
        data=lambda: report_pdf(version, filters, code, notice, today),
        file_name=pdfreport.file_name(chosen, today),
        mime="application/pdf",
        on_click="ignore",
        icon=":material/picture_as_pdf:",
        key=f"bericht_{code}",
    )


@st.cache_resource(show_spinner=False)
def web_kreise():
    """The simplified web layer as a GeoDataFrame with the Land: small static maps draw in a third of the time."""
    import geopandas as gpd

    frame = gpd.GeoDataFrame.from_features(_web_layer()["features"], crs="EPSG:4326")
    frame["land"] = frame["ags"].map(data.kreis_info()["land"])
    return frame


def focus_of(land: str | None) -> tuple[str, ...] | None:
    """The Kreise a Land map shows (None: all of Germany)."""
    if not land:
        return None
    info = data.kreis_info()
    return tuple(info.index[info["land_ags"] == land])
