"""Logout: every editor owner's session keys go (ui.session), not only the name; an organisation account
is signed out too (else its cookie would make it the editor again on the next rerun)."""

import streamlit as st

from ui import accounts, session

organisation = accounts.organisation_account() is not None
session.logout(st.session_state)
if organisation:
    st.logout()  # the browser goes to the provider's logout and comes back to the start page
    st.stop()
st.switch_page("pages/karte.py")  # the staff pages are gone from the navigation now
