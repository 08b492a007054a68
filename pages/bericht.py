"""Page "Bericht": a one- or two-page PDF for a Kreis, a Land or Germany, to hand out at a meeting."""

import streamlit as st

from geo.figures import areas
from geo.handouts import pdfreport
from geo.text import mdsafe
from ui import area_views, cards, data, filterstate, map_panel

st.title("Bericht herunterladen")
cards.data_notice()
filters, land = filterstate.sidebar()
version = data.data_version()
info = data.kreis_info()
options = area_views.area_codes()
label = area_views.area_label


# Starts from what the map shows (selected Kreis, else the Land, else Germany); a choice made here stays
# until the map's selection changes.
basis = map_panel.selection().kreis or land or "DE"
if st.session_state.get("bericht_basis") != basis:
    st.session_state.update(bericht_basis=basis, bericht_gebiet=basis if basis in options else "DE")
st.session_state["f_bericht"] = st.session_state["bericht_gebiet"]
code = st.selectbox(
    "Gebiet",
    options,
    key="f_bericht",
    format_func=label,
    on_change=lambda: st.session_state.update(bericht_gebiet=st.session_state["f_bericht"]),
)
area = areas.area_of(code, info.reset_index())
RANK = " mit dem Rang unter den 16 Ländern"
st.markdown(
    f"""
Der Bericht für **{mdsafe.md(area.name)}** (PDF, A4, höchstens zwei Seiten) enthält:
- die Karte mit Legende, Datum und Quellenangabe{"" if area.kind == areas.BUND else " (Umgebung blass)"},
- die Kennzahlen{RANK if area.kind == areas.LAND else ""} und die Netzwerke je Handlungsfeld,
- die Netzwerke mit ihren Handlungsfeldern (bis zu {pdfreport.MAX_NETWORKS}),
- die weißen Flecken mit Einwohnerzahl (bis zu {pdfreport.MAX_WHITE_SPOTS}),
- die Entwicklung seit {pdfreport.FIRST_YEAR} und den Methodenhinweis.

Es gelten die Filter links: {mdsafe.md(pdfreport.filter_description(filters))}.
"""
)
area_views.report_button(code, version, filters)
st.caption("Der Bericht wird beim Klick erzeugt; das dauert einige Sekunden.")
cards.attribution_footer()
