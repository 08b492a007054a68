"""What pages show around their content: a network's card, the data notice and the footer."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.figures import directory
from geo.handouts import attribution
from geo.storage import datasets
from geo.text.mdsafe import mail_link, md
from ui import data


def data_notice() -> datasets.DataNotice | None:
    """Show on every page where the networks come from; returns the notice for other wording on the page."""
    found = data.current_notice()
    if found is not None:
        show = st.warning if found.level == "warning" else st.info
        show(found.text, icon=":material/warning:" if found.level == "warning" else ":material/info:")
    return found


def attribution_footer() -> None:
    """Source and licence notices and the accessibility statement (BITV 2.0 § 7), required on every page."""
    st.divider()
    st.caption("  \n".join(attribution.ALL))
    st.page_link("pages/barrierefreiheit.py", label="Erklärung zur Barrierefreiheit")
    st.page_link("pages/daten_schnittstellen.py", label="Offene Daten und Schnittstellen")


def network_card(row: pd.Series) -> None:
    """One network as Streamlit elements: every user-provided value is escaped."""
    with st.container(border=True):
        st.markdown(f"**{md(row['name'])}**")
        st.caption("  \n".join(directory.card_lines(row)))
        network_id = row["id"] if "id" in row.index else row.name
        st.page_link("pages/netzwerke.py", label="Profil öffnen", query_params={"netzwerk": network_id})
        links = st.columns(2)
        if row["website"]:
            links[0].link_button("Website", row["website"])
        if row["kontakt_email"]:
            links[1].caption(f"Kontakt: {mail_link(row['kontakt_email'])}")
