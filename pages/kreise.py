"""Page "Kreise": the 400 current districts as a sortable table."""

import streamlit as st

from ui import cards, data

st.title("Kreise und kreisfreie Städte")
kreise = data.kreise()
st.caption(f"{len(kreise)} Kreise, Gebietsstand 01.07.2021; Bevölkerung am {kreise['population_date'].iloc[0]}.")
table = kreise.drop(columns="geometry").rename(
    columns={
        "ags": "AGS",
        "nuts3": "NUTS-3 (2024)",
        "name": "Name",
        "bez": "Art",
        "land_ags": "Land (Schlüssel)",
        "land": "Land",
        "regbez": "Regierungsbezirk",
        "population": "Einwohner",
        "population_date": "Stichtag",
        "area_km2": "Fläche (km²)",
    }
)
st.dataframe(table, hide_index=True, width="stretch", height=600)
cards.attribution_footer()
