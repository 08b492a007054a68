"""The sidebar filters and the view read from the URL."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.figures import coverage
from geo.figures.coverage import Filters
from geo.maps import urlstate
from geo.maps.selection import MapSelection
from geo.maps.urlstate import FIRST_YEAR
from geo.records.model import HANDLUNGSFELDER, STATUSES
from geo.text.mdsafe import md
from ui import data


def initial_view() -> urlstate.ViewState:
    """The view from the URL, read once per session (on whichever page it starts); notices shown once."""
    if "initial_view" not in st.session_state:
        view, notices = urlstate.parse(dict(st.query_params), set(data.kreis_codes()))
        st.session_state.update(initial_view=view, url_notices=notices)
        MapSelection(st.session_state).choose(view.kreis)
    for notice in st.session_state.get("url_notices", []):
        st.info(md(notice))  # notices quote the URL's text
    return st.session_state["initial_view"]


def filter_sidebar(initial: Filters) -> Filters:
    """Sidebar filters; the first run of a session starts from ``initial`` (e.g. from the URL)."""
    if "filters_initialised" not in st.session_state:
        st.session_state["f_hf"] = initial.handlungsfeld or "alle"
        st.session_state["f_status"] = list(initial.statuses)
        st.session_state["f_criteria"] = initial.criteria_only
        st.session_state["f_year_on"] = initial.as_of_year is not None
        st.session_state["f_year"] = initial.as_of_year or pd.Timestamp.today().year
        st.session_state["f_wide"] = initial.count_land_wide
        st.session_state["filters_initialised"] = True
    with st.sidebar:
        st.header("Filter")
        field = st.selectbox("Handlungsfeld", ["alle", *HANDLUNGSFELDER], key="f_hf")
        statuses = st.multiselect("Status", list(STATUSES), key="f_status")
        criteria = st.toggle("Nur Netzwerke, die alle Kriterien erfüllen", key="f_criteria")
        wide = st.toggle(
            "Landes- und bundesweite Netzwerke zählen als Abdeckung",
            key="f_wide",
            help="Standard: Nur regionale Netzwerke füllen einen weißen Fleck.",
        )
        year_on = st.toggle("Stand eines früheren Jahres", key="f_year_on")
        year = st.slider("Jahr", FIRST_YEAR, pd.Timestamp.today().year, key="f_year", disabled=not year_on)
    return coverage.chosen_filters(
        None if field == "alle" else field, statuses, criteria, wide, int(year) if year_on else None
    )
