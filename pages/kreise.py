"""Page "Kreise": the 400 current districts as a sortable table."""

import streamlit as st

from geo.text import germanfmt
from ui import cards, data

st.title("Kreise und kreisfreie Städte")
kreise = data.kreise()
st.caption(
    f"{germanfmt.count(len(kreise), 'Kreis', 'Kreise')}, Gebietsstand 01.07.2021; "
    f"Bevölkerung am {germanfmt.day_text(kreise['population_date'].iloc[0])}."
)
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
table["Stichtag"] = table["Stichtag"].map(germanfmt.day_text)
st.dataframe(
    table,
    hide_index=True,
    width="stretch",
    height=600,
    # sortable numbers: shown in the reader's browser locale (German digits in a German browser)
    column_config={
        "Einwohner": st.column_config.NumberColumn(format="localized"),
        "Fläche (km²)": st.column_config.NumberColumn(format="localized"),
    },
)
cards.attribution_footer()
