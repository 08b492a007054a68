"""Start page until the coverage map lands: key figures and a static overview map."""

import streamlit as st

from geo import staticmap
from pages import common

st.title("Netzwerkatlas Fachkräftesicherung")
st.markdown(
    "Regionale Netzwerke zur Fachkräftesicherung auf einen Blick: Wo gibt es schon ein Netzwerk, "
    "wo gibt es noch weiße Flecken? Die Netzwerkkarte folgt; hier die geografische Grundlage."
)
kreise = common.kreise()
cols = st.columns(4)
cols[0].metric("Kreise und kreisfreie Städte", f"{len(kreise)}")
cols[1].metric("Länder", f"{kreise['land'].nunique()}")
cols[2].metric("Einwohner", f"{kreise['population'].sum():,}".replace(",", "."))
cols[3].metric("Fläche", f"{kreise['area_km2'].sum():,.0f} km²".replace(",", "."))


@st.cache_data(show_spinner=False)
def overview_png() -> bytes:
    return staticmap.overview_png(common.kreise())


st.image(
    overview_png(),
    caption="Kreise nach Ländern (Gebietsstand 01.07.2021)",
    alt="Karte Deutschlands: die 400 Kreise, nach Ländern eingefärbt, mit den Ländergrenzen.",
)
common.attribution_footer()
