"""Pieces of the "Karte" page: search, map layers, legend, the Kreis panel and the table."""

from __future__ import annotations

import hashlib
import html
from dataclasses import dataclass
from pathlib import Path

import folium
import pandas as pd
import streamlit as st
import streamlit_folium

from geo.figures import coverage, directory, outreach
from geo.figures.coverage import Filters
from geo.figures.search import read_search
from geo.intake import problemlist, tablefile
from geo.maps import mapview, palette, topology
from geo.maps.selection import MapSelection
from geo.records import model
from geo.records.model import WIDE_SCOPES
from geo.regions import boundaries, resolver
from geo.regions.names import display_name
from geo.text import germanfmt as fmt
from geo.text import mdsafe
from ui import cards, data, uploads


@st.cache_resource(show_spinner=False)
def _web_layer() -> dict:
    """The simplified Kreis layer as shipped. Read-only: every use copies."""
    return boundaries.load_kreise_web_geojson()


@st.cache_data(show_spinner=False, max_entries=32)
def map_layer(version: str, filters: Filters) -> dict:
    """Kreis features with their network count and evidence class under ``filters`` (trusted fields only)."""
    cov = data.coverage_table(version, filters)
    return mapview.with_counts(_web_layer(), cov.set_index("ags")["n_counting"], palette.kreis_classes(cov))


@st.cache_resource(show_spinner=False)
def kreis_topology() -> topology.KreisTopology:
    """The Kreis shapes as a topology (the map's compact form), computed once per process. Read-only."""
    return topology.build(_web_layer())


def base_map(version: str, filters: Filters) -> folium.Map:
    """A fresh map per call (streamlit-folium mutates it); its inputs are cached."""
    return mapview.build_map(map_layer(version, filters), topology=kreis_topology())


@dataclass(frozen=True)
class RenderedMap:
    """A map as streamlit-folium hands it to its component: rendered once, sent as often as needed.

    ``st_folium`` renders the whole folium map on every call — templates compiled per element, 400 Kreis
    shapes through ``tojson``, regex passes over the script — 0.3 s of a click's 0.5 s. The rendered strings
    depend only on the map's inputs, so they are cached (:func:`rendered_map`) and each rerun passes them
    to the same component ``st_folium`` uses (:func:`show_map`). Built with streamlit-folium's own helpers
    (pinned version), so the browser receives exactly what ``st_folium`` would send.
    """

    script: str
    header: str
    html: str
    map_id: str
    css_links: tuple[str, ...]
    js_links: tuple[str, ...]
    component_key: str
    defaults: dict


def render_map(fmap: folium.Map, key: str, returned_objects: list[str]) -> RenderedMap:
    """What ``st_folium(fmap, key=key, returned_objects=...)`` computes before it calls its component."""
    sf = streamlit_folium
    fmap.get_root().render()
    fmap.render()
    html_, header = sf._get_html(fmap), sf._get_header(fmap)
    script = sf._get_map_string(fmap)
    css, js = [], []
    for element in _elements(fmap):
        css.extend(href for _, href in getattr(element, "default_css", []))
        js.extend(src for _, src in getattr(element, "default_js", []))
    (south, west), (north, east) = fmap.get_bounds()
    defaults = {
        **mapview.FRONTEND_INITIAL_VALUE,
        "bounds": {"_southWest": {"lat": south, "lng": west}, "_northEast": {"lat": north, "lng": east}},
    }
    return RenderedMap(
        script=script,
        header=header,
        html=html_,
        map_id=sf.get_full_id(fmap),
        css_links=tuple(dict.fromkeys(css)),
        js_links=tuple(dict.fromkeys(js)),
        component_key=sf.generate_js_hash(script, key, False),
        defaults={k: v for k, v in defaults.items() if k in returned_objects},
    )


def _elements(element):
    """The elements whose scripts and styles streamlit-folium loads (its ``walk``)."""
    if isinstance(element, folium.elements.JSCSSMixin):
        yield element
    for child in getattr(element, "_children", {}).values():
        yield from _elements(child)


def show_map(
    rendered: RenderedMap,
    key: str,
    returned_objects: list[str],
    height: int,
    feature_group: folium.FeatureGroup | None = None,
    center: list[float] | None = None,
    zoom: int | None = None,
) -> None:
    """The rendered map in the page, like ``st_folium``: its value lands in ``st.session_state[key]``."""
    group_script = None
    if feature_group is not None:
        host = folium.Map(tiles=None)
        host._id = rendered.map_id.removeprefix("map_")  # the script refers to the map by this name
        group_script = streamlit_folium._get_feature_group_string(feature_group, map=host)

    def copy_value() -> None:
        st.session_state[key] = st.session_state.get(rendered.component_key, {})

    streamlit_folium._component_func(
        script=rendered.script,
        header=rendered.header,
        html=rendered.html,
        id=rendered.map_id,
        key=rendered.component_key,
        height=height,
        width=None,
        returned_objects=returned_objects,
        default=rendered.defaults,
        zoom=zoom,
        center=center,
        feature_group=group_script,
        return_on_hover=False,
        layer_control=None,
        pixelated=False,
        css_links=list(rendered.css_links),
        js_links=list(rendered.js_links),
        on_change=copy_value,
        wrap_longitude=False,
    )


@st.cache_resource(show_spinner=False, max_entries=32)
def rendered_map(version: str, filters: Filters, land: str | None) -> RenderedMap:
    """The Karte page's map (Land view and play-through included), rendered once per data version and view."""
    from ui import area_views

    fmap = area_views.map_extras(base_map(version, filters), version, filters, land)
    return render_map(fmap, "karte", mapview.RETURNED_OBJECTS)


def selection() -> MapSelection:
    """This session's map selection (chosen Kreis, zoom, outline): the one owner of its session keys."""
    return MapSelection(st.session_state)


def take_map_click(key: str) -> None:
    """Select the Kreis the map reported as clicked, once per click.

    st_folium stores its value under ``key`` before the script runs, so reading it at the top of the page
    selects the Kreis before anything is drawn: one script run per click instead of two.
    """
    selection().take_click(mapview.parse_click(st.session_state.get(key), data.kreis_codes()))


def legend() -> None:
    """Static legend (no user text) with the map's colours; the labels carry the meaning, not the colours."""
    borders = {0: ("dashed", " – gestrichelt umrandet"), 1: ("dotted", " – gepunktet umrandet")}
    items = "".join(
        f'<li style="display:inline-flex;align-items:center;margin-right:1rem">'
        f'<span aria-hidden="true" style="width:14px;height:14px;background:{fill};border:2px '
        f'{borders.get(i, ("solid", ""))[0]} {line};margin-right:.35rem"></span>{label}'
        f"{borders.get(i, ('', ''))[1]}</li>"
        for i, (label, fill, line) in enumerate(palette.legend_entries())
    )
    st.markdown(
        f'<div style="color:{palette.TEXT}"><strong>Legende (Kreise nach Beleg):</strong>'
        f'<ul style="list-style:none;padding:0;margin:0">{items}</ul></div>',
        unsafe_allow_html=True,
    )
    st.caption(
        f"Aktueller Beleg: eine Quelle, Meldung oder Bestätigung aus den letzten {coverage.current_months()} Monaten."
    )
    notice = data.current_notice()
    if notice:
        st.caption(f"Weißer Fleck heißt hier: {notice.white_spot}.")


def map_summary(cov: pd.DataFrame, area: str = "Deutschland") -> None:
    """The map in one sentence, for everyone who cannot see it (WCAG 1.1.1)."""
    counts = coverage.class_counts(cov)
    st.markdown(mapview.summary_text(*counts.values(), area=area))


def white_spot_meaning() -> str:
    """What a white spot means for the loaded data ("kein öffentlich dokumentiertes Netzwerk", …)."""
    notice = data.current_notice()
    return notice.white_spot if notice else "noch kein regionales Netzwerk"


def announce(selected: str | None, cov: pd.DataFrame) -> None:
    """A polite live region that tells screen readers which Kreis is now selected.

    Always drawn at the same place, so the browser keeps the element and announces the changed text.
    """
    text = ""
    if selected:
        info = data.kreis_info().loc[selected]
        row = cov.set_index("ags").loc[selected]
        count, current = int(row["n_counting"]), int(row["n_current"])
        text = f"Ausgewählt: {display_name(info['bez'], info['name'])} – " + (
            f"{fmt.count(count, 'Netzwerk', 'Netzwerke')}, davon {fmt.integer(current)} mit aktuellem Beleg."
            if count
            else f"ein weißer Fleck, {white_spot_meaning()}."
        )
    st.markdown(
        f'<p class="nur-vorlesen" role="status" aria-live="polite">{html.escape(text)}</p>', unsafe_allow_html=True
    )


#: Search text is cut to this length by Streamlit itself, also for a client that bypasses the browser
#: (a 1 MB search string cost 26 s of CPU).
MAX_SEARCH_CHARS = 200


def search_box() -> None:
    """Search by Kreis name, town, PLZ or AGS; ambiguous input offers the candidates."""
    with st.form("suche", border=False):
        cols = st.columns([5, 2])
        query = cols[0].text_input(
            "Suche",
            placeholder="Kreis, Ort, PLZ oder AGS – z. B. Prenzlau, 17291, 12073",
            label_visibility="collapsed",
            max_chars=MAX_SEARCH_CHARS,
        )
        submitted = cols[1].form_submit_button("Suchen", width="stretch")
    if submitted and query.strip():
        found = read_search(query)
        st.session_state["search_candidates"] = found.candidates
        if found.kreis:
            selection().choose(found.kreis)
        elif not found.candidates:
            hints = found.hints
            st.warning("Nichts gefunden." + (" Meinten Sie: " + mdsafe.md("; ".join(hints)) if hints else ""))
    candidates = st.session_state.get("search_candidates") or []
    if candidates:
        st.write("Mehrere Treffer – bitte wählen:")
        cols = st.columns(min(len(candidates), 4))
        for i, ags in enumerate(candidates[:12]):
            if cols[i % len(cols)].button(resolver.label_of(ags), key=f"kandidat_{ags}"):
                st.session_state["search_candidates"] = []
                selection().choose(ags)
                st.rerun()


#: Cards beyond this many are listed as a table: hundreds of cards would make every rerun slow.
MAX_CARDS = 25


def report_link(ags: str) -> None:
    """The way to the public form, with this Kreis as the region."""
    st.page_link(
        "pages/melden.py",
        label="Gibt es hier ein Netzwerk? Melden",
        icon=":material/add_location:",
        query_params={"kreis": ags},
    )


#: How many white spots the map page's panel offers before a Kreis is chosen.
LARGEST_SPOTS = 5
_BRING_INTO_VIEW = (Path(__file__).with_name("bring_into_view.js")).read_text(encoding="utf-8")


def default_panel(cov: pd.DataFrame, where: str) -> None:
    """The panel before a Kreis is chosen: how to choose one and the largest white spots (of the Land)."""
    st.caption("Klicken Sie auf einen Kreis oder suchen Sie nach Kreis, Ort, PLZ oder AGS.")
    spots = cov[cov["evidence"] == coverage.NONE].sort_values(["population", "ags"], ascending=[False, True])
    if spots.empty:
        st.markdown(f"**{where}: keine weißen Flecken** unter den gewählten Filtern.")
        return
    st.markdown(f"**Größte weiße Flecken – {where}** (nach Einwohnern)")
    for row in spots.head(LARGEST_SPOTS).itertuples():
        label = f"{row.bez} {row.name} · {fmt.integer(row.population)} Einw."
        if st.button(label, key=f"fleck_{row.ags}", width="stretch"):
            selection().choose(row.ags)
            st.rerun(scope="fragment")


def bring_into_view(selected: str) -> None:
    """Scroll the Kreis panel into view after a selection, where it is off screen (phones).

    Drawn with the selected AGS in it: the script runs once per new selection, not on every rerun.
    """
    st.html(
        f'<span hidden data-auswahl="{html.escape(selected)}"></span><script>{_BRING_INTO_VIEW}</script>',
        unsafe_allow_javascript=True,
        width="content",
    )


def kreis_panel(ags: str, cov: pd.DataFrame, counting: pd.DataFrame) -> None:
    """Name, Land, population and the networks of one Kreis; for a white spot, the neighbours' networks."""
    info = data.kreis_info().loc[ags]
    row = cov.set_index("ags").loc[ags]
    st.subheader(display_name(info["bez"], info["name"]))
    st.caption(f"{info['land']} · AGS {ags} · {fmt.integer(info['population'])} Einwohner (31.12.2019)")
    here = directory.networks_in(counting, ags)
    if row["evidence"] == coverage.NONE:
        st.warning(f"Hier gibt es {white_spot_meaning()} – ein weißer Fleck.")
        checked = data.white_spot_check(ags)
        if checked:
            st.caption(f"Weißer Fleck {mdsafe.md(checked)}")
        report_link(ags)
        wide = here[here["scope"].isin(WIDE_SCOPES)]
        if len(wide):
            wide_text = fmt.count(len(wide), "landes- oder bundesweites Netzwerk", "landes- oder bundesweite Netzwerke")
            st.caption(f"{wide_text} {'wirkt' if len(wide) == 1 else 'wirken'} auch hier.")
        nearby = outreach.neighbour_networks(ags, counting, data.neighbours())
        st.markdown("**Netzwerke in Nachbarkreisen**")
        if nearby.empty:
            st.caption("Auch in den Nachbarkreisen ist kein regionales Netzwerk eingetragen.")
        for _, network in nearby.head(8).iterrows():
            cards.network_card(network)
        return
    if row["evidence"] == coverage.OLDER:
        st.warning(
            f"Hier sind nur Netzwerke mit älteren Belegen dokumentiert: kein Beleg aus den letzten "
            f"{coverage.current_months()} Monaten zeigt, dass eines heute arbeitet."
        )
    st.markdown(
        f"**{fmt.count(len(here), 'Netzwerk', 'Netzwerke')}**, davon {int(row['n_current'])} mit aktuellem Beleg "
        f"({int(row['n_local'])} nur "
        f"hier, {int(row['n_multi'])} kreisübergreifend, {int(row['n_wide'])} landes-/bundesweit)"
    )
    report_link(ags)
    for _, network in here.head(MAX_CARDS).iterrows():
        cards.network_card(network)
    if len(here) > MAX_CARDS:
        rest = here.iloc[MAX_CARDS:]
        st.caption(f"… und {len(rest)} weitere:")
        st.dataframe(
            pd.DataFrame(
                {
                    "Name": rest["name"],
                    "Träger": rest["traeger"],
                    "Wirkungsraum": rest["scope"].map(model.SCOPE_LABELS),
                }
            ),
            hide_index=True,
            width="stretch",
        )


#: Session key of the Kreise table's expander (open or closed).
TABLE_OPEN = "tabelle_kreise"


@st.fragment
def coverage_table(cov: pd.DataFrame) -> None:
    """Every number on the map as a sortable table (accessible alternative), drawn when opened.

    A table, even in a closed expander, makes the browser fetch Streamlit's table code (~1.5 MB) on the
    first visit, ahead of the map's; drawn only in an open expander, it costs nothing until wanted, and
    opening reruns only this fragment.
    """
    box = st.expander("Tabelle aller Kreise", key=TABLE_OPEN, on_change="rerun")
    with box:
        if not box.open:
            return
        table = cov.rename(
            columns={
                "ags": "AGS",
                "name": "Kreis",
                "bez": "Art",
                "land": "Land",
                "population": "Einwohner",
                "n_counting": "Netzwerke (zählend)",
                "n_current": "mit aktuellem Beleg",
                "n_local": "nur hier",
                "n_multi": "kreisübergreifend",
                "n_wide": "landes-/bundesweit",
                "evidence": "Beleg",
            }
        ).drop(columns=["land_ags", "n_networks", "covered"])
        table["Beleg"] = table["Beleg"].map(coverage.EVIDENCE_CLASSES)
        st.dataframe(table, hide_index=True, width="stretch", height=420)


def indicator_upload() -> pd.Series | None:
    """Optional indicator CSV/XLSX (one value per Kreis) for ranking; kept only in this session.

    The file is parsed once per content (sandboxed: bounded time and memory), not on every rerun.
    """
    from geo.intake.indicator import read_indicator

    with st.expander("Eigenen Indikator laden (z. B. Arbeitslosenquote je Kreis)"), uploads.incident_guard():
        upload = st.file_uploader(
            "CSV oder XLSX mit Spalten 'AGS' oder 'Kreis' und einem Zahlenwert",
            type=["csv", "xlsx"],
            key="indikator_datei",
        )
        if upload is not None:
            digest = hashlib.sha256(upload.getvalue()).hexdigest()
            parsed = st.session_state.get("indikator_datei_gelesen")
            if parsed is None or parsed[0] != digest:  # failures are kept too: a slow file is not retried
                try:  # refused by its declared size before it takes a parse slot (issue 25)
                    tablefile.check_declared_size(upload.getvalue(), upload.name, tablefile.MAX_VISITOR_CELLS)
                except tablefile.TableFileError as exc:
                    result, message = None, mdsafe.md(exc)
                else:
                    result, message = uploads.upload_job(read_indicator, upload.getvalue(), upload.name)
                parsed = (digest, result, message)
                st.session_state["indikator_datei_gelesen"] = parsed
                if result is not None:
                    st.session_state["indikator"] = result.values
            _digest, result, message = parsed
            if message:
                st.error(message)
                return st.session_state.get("indikator")
            st.success(f"{len(result.values)} Werte für '{mdsafe.md(result.name)}' geladen (nur für diese Sitzung).")
            uploads.problem_summary(result.problems, "indikator_probleme.csv", key="indikator_probleme")
            for problem in result.problems[: problemlist.SHOWN]:
                st.caption(f"Zeile {problem.row}: {mdsafe.md(problem.message)}")
    return st.session_state.get("indikator")
