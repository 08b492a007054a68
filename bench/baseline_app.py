"""Naive baseline of the map page, kept for the benchmark only: the page a first version would be.

Self-contained (imports ``geo`` and Streamlit, never ``pages``), so the app's page optimisations cannot
leak into it. The same user-visible page — title, data notice, sidebar filters, key figures, search,
map with legend, Kreis panel with its networks, table of all Kreise — with a first version's data path:
the full-precision shapes read on every rerun, coverage recomputed without caching, every attribute
sent to the browser, and the whole page rerun on every click. Same local Leaflet and the same map
behaviour (a click outlines its Kreis in the browser), so the comparison measures our choices, not
features left out.
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402
import streamlit as st  # noqa: E402
from streamlit_folium import st_folium  # noqa: E402

from geo.figures import coverage  # noqa: E402
from geo.figures.coverage import Filters  # noqa: E402
from geo.maps import assets, mapview, palette  # noqa: E402
from geo.records.model import HANDLUNGSFELDER, STATUSES  # noqa: E402
from geo.regions import boundaries, resolver  # noqa: E402
from geo.storage import datasets, migrate, store  # noqa: E402

assets.ensure_leaflet(Path(__file__).resolve().parent / "static")  # Streamlit serves static/ beside the script
st.set_page_config(page_title="Baseline", layout="wide")


@st.cache_resource
def engine():
    db = store.make_engine()
    migrate.upgrade(db)
    datasets.seed_if_empty(db)
    return db


@st.cache_data
def laender_outline() -> dict:
    """The same Länder borders as the app's map (the payload figures compare the Kreis layers)."""
    return mapview.laender_outline(boundaries.load_kreise_web_geojson())


def read_kreise():
    """Full-precision Kreise, read from the file on every rerun."""
    return boundaries._read_kreise.__wrapped__(boundaries.resolved_data_dir(None))


st.title("Netzwerke zur Fachkräftesicherung")
networks = store.load_networks(engine())
origins = datasets.notice(store.origins(engine()))
if origins:
    st.info(origins.text)

with st.sidebar:
    st.header("Filter")
    field = st.selectbox("Handlungsfeld", ["alle", *HANDLUNGSFELDER])
    statuses = st.multiselect("Status", list(STATUSES), default=["aktiv", "unklar"]) or ["aktiv", "unklar"]
    criteria = st.toggle("Nur Netzwerke, die alle Kriterien erfüllen")
    wide = st.toggle("Landes- und bundesweite Netzwerke zählen als Abdeckung")
    year_on = st.toggle("Stand eines früheren Jahres")
    year = st.slider("Jahr", 2000, pd.Timestamp.today().year, pd.Timestamp.today().year, disabled=not year_on)
filters = Filters(
    handlungsfeld=None if field == "alle" else field,
    statuses=tuple(s for s in STATUSES if s in statuses),
    criteria_only=criteria,
    as_of_year=int(year) if year_on else None,
    count_land_wide=wide,
)

kreise = read_kreise()
cov = coverage.kreis_coverage(networks, kreise, filters)
counting = coverage.filter_networks(networks, filters)
covered = int(cov["covered"].sum())
cols = st.columns(4)
cols[0].metric("Netzwerke", f"{len(counting)}")
cols[1].metric("Abgedeckte Kreise", f"{covered} von {len(cov)}")
share = cov.loc[cov["covered"], "population"].sum() / cov["population"].sum()
cols[2].metric("Bevölkerung in abgedeckten Kreisen", f"{share:.1%}")
cols[3].metric("Weiße Flecken", f"{len(cov) - covered}")

with st.form("suche", border=False):
    query = st.text_input("Suche", label_visibility="collapsed")
    if st.form_submit_button("Suchen") and query.strip():
        found = resolver.resolve(query)
        if found.ags:
            st.session_state["selected"] = found.ags[0]

click = mapview.parse_click(st.session_state.get("karte"), set(kreise["ags"]))
if click and click != st.session_state.get("last_click"):
    st.session_state["last_click"] = click
    st.session_state["selected"] = click.ags
selected = st.session_state.get("selected")

map_col, panel_col = st.columns([3, 2], gap="medium")
with map_col:
    full = kreise.merge(cov.drop(columns=["name", "bez", "land_ags", "land", "population"]), on="ags")
    classes = full["ags"].map(palette.kreis_classes(cov))
    layer = json.loads(
        full.assign(
            netzwerke=full["n_counting"],
            klasse=classes,
            beleg=classes.map(mapview.EVIDENCE_WORDS).fillna("aktueller Beleg"),
        ).to_json(drop_id=True)
    )
    st_folium(
        mapview.build_map(layer, laender_outline(), clicks_at_once=False),  # streamlit-folium as shipped
        key="karte",
        height=640,
        use_container_width=True,
        returned_objects=mapview.RETURNED_OBJECTS,
    )
    for label, _fill, _line in palette.legend_entries():
        st.caption(label)

with panel_col:
    if selected:
        info = kreise.set_index("ags").loc[selected]
        st.subheader(f"{info['bez']} {info['name']}")
        st.caption(f"{info['land']} · AGS {selected} · {int(info['population'])} Einwohner")
        here = counting[counting["ags"].map(lambda codes: selected in codes)].sort_values("name")
        st.markdown(f"**{len(here)} Netzwerke**")
        for _, network in here.head(25).iterrows():
            with st.container(border=True):
                st.markdown(f"**{network['name']}**")
                st.caption(f"Träger: {network['traeger']}")
    else:
        st.info("Klicken Sie auf einen Kreis oder suchen Sie nach Kreis, Ort, PLZ oder AGS.")

with st.expander("Tabelle aller Kreise"):
    st.dataframe(cov, hide_index=True)
