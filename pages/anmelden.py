"""Page "Anmelden": editor login (accounts in Streamlit secrets, Argon2 hashes, throttling in the database)."""

import streamlit as st

from ui import cards, login

st.title("Anmelden")
if login.arrived_from_another_process():
    st.warning(login.MOVED)
login.login_form()
cards.attribution_footer()
