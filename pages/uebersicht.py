"""Page "Geografie": the geographic base of the atlas, its key figures and a static overview map."""

import streamlit as st

from geo.maps import staticmap
from ui import cards, data

st.title("Geografie")
kreise = data.kreise()
st.markdown(
    f"Die geografische Grundlage des Atlas: {len(kreise)} Kreise und kreisfreie Städte in "
    f"{kreise['land'].nunique()} Ländern. Jedes Netzwerk wird den Kreisen zugeordnet, in denen es wirkt; wo es "
    "schon Netzwerke gibt und wo weiße Flecken, zeigt die Karte."
)
st.page_link("pages/karte.py", label="Zur Karte der Netzwerke", icon=":material/map:")
cols = st.columns(4)
cols[0].metric("Kreise und kreisfreie Städte", f"{len(kreise)}")
cols[1].metric("Länder", f"{kreise['land'].nunique()}")
cols[2].metric("Einwohner", f"{kreise['population'].sum():,}".replace(",", "."))
cols[3].metric("Fläche", f"{kreise['area_km2'].sum():,.0f} km²".replace(",", "."))


@st.cache_data(show_spinner=False)
def overview_png() -> bytes:
    return staticmap.overview_png(data.kreise())


st.image(
    overview_png(),
    caption="Kreise nach Ländern (Gebietsstand 01.07.2021)",
    alt="Karte Deutschlands: die 400 Kreise, nach Ländern eingefärbt, mit den Ländergrenzen.",
)
cards.attribution_footer()
