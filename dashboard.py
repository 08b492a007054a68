"""Entry point: ``streamlit run dashboard.py`` (or ``make run``).

Registers the pages with ``st.navigation`` so that only pages listed here
exist; the page scripts in ``pages/`` stay thin and call into ``geo``.
"""

import streamlit as st

st.set_page_config(page_title="Netzwerkatlas Fachkräftesicherung", page_icon="🗺️", layout="wide")

navigation = st.navigation(
    [
        st.Page("pages/uebersicht.py", title="Übersicht", icon=":material/map:", default=True),
        st.Page("pages/kreise.py", title="Kreise", icon=":material/table:", url_path="kreise"),
    ]
)
navigation.run()
