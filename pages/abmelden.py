"""Logout: every editor owner's session keys go (ui.session), not only the name."""

import streamlit as st

from ui import session

session.logout(st.session_state)
st.switch_page("pages/karte.py")  # the staff pages are gone from the navigation now
