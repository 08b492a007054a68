"""Logout."""

import streamlit as st

st.session_state.pop("editor", None)
st.session_state.pop("import", None)
st.success("Abgemeldet.")
st.rerun()
