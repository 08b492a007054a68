"""Page "Anmelden": editor login (accounts in Streamlit secrets, Argon2 hashes, lock-out)."""

import streamlit as st

from pages import common

st.title("Anmelden")
if not common.editors():
    st.info(
        "Keine Redaktionskonten eingerichtet (Abschnitt [editors] in .streamlit/secrets.toml; "
        "Passwort-Hash mit `python -m geo.auth` erzeugen)."
    )
with st.form("anmeldung"):
    user = st.text_input("Benutzername")
    password = st.text_input("Passwort", type="password")
    submitted = st.form_submit_button("Anmelden")
if submitted:
    outcome = common.login_guard().login(common.editors(), user.strip(), password)
    if outcome == "ok":
        st.session_state["editor"] = user.strip()
        st.rerun()
    elif outcome == "locked":
        st.error("Zu viele Fehlversuche – dieses Konto ist vorübergehend gesperrt. Bitte später erneut versuchen.")
    else:
        st.error("Benutzername oder Passwort falsch.")
common.attribution_footer()
