"""Entry point: ``streamlit run dashboard.py`` (or ``make run``).

Registers the pages with ``st.navigation`` so that only pages listed here
exist; the page scripts in ``pages/`` stay thin and call into ``geo``.
"""

import streamlit as st

from geo import assets

assets.ensure_leaflet()
st.set_page_config(page_title="Netzwerkatlas Fachkräftesicherung", page_icon="🗺️", layout="wide")

navigation = st.navigation(
    [
        st.Page("pages/karte.py", title="Karte", icon=":material/map:", default=True),
        st.Page(
            "pages/weisse_flecken.py", title="Weiße Flecken", icon=":material/crop_free:", url_path="weisse-flecken"
        ),
        st.Page("pages/netzwerke.py", title="Netzwerke", icon=":material/hub:", url_path="netzwerke"),
        st.Page("pages/statistik.py", title="Statistik", icon=":material/bar_chart:", url_path="statistik"),
        st.Page("pages/methodik.py", title="Methodik", icon=":material/menu_book:", url_path="methodik"),
        st.Page("pages/uebersicht.py", title="Geografie", icon=":material/public:", url_path="geografie"),
        st.Page("pages/kreise.py", title="Kreise", icon=":material/table:", url_path="kreise"),
    ]
)
navigation.run()
