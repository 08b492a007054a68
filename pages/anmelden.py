"""Page "Anmelden": editor login (accounts in Streamlit secrets, Argon2 hashes, throttling in the database)."""

import streamlit as st
from sqlalchemy import exc as sa_exc

from pages import common

MESSAGES = {
    "wrong": "Benutzername oder Passwort falsch.",
    "locked": (
        "Zu viele Fehlversuche für diesen Namen – er ist vorübergehend gesperrt. Mit Ihrem "
        "Wiederherstellungscode können Sie sich trotzdem anmelden."
    ),
    "throttled": "Zu viele Anmeldeversuche von diesem Anschluss. Bitte in 15 Minuten erneut versuchen.",
    "busy": "Die Anmeldung ist gerade ausgelastet. Bitte gleich erneut versuchen.",
}

st.title("Anmelden")
if not common.editors():
    st.info(
        "Keine Redaktionskonten eingerichtet (Abschnitt [editors] in .streamlit/secrets.toml; "
        "Passwort-Hash mit `python -m geo.auth` erzeugen)."
    )
with st.form("anmeldung"):
    user = st.text_input("Benutzername")
    password = st.text_input("Passwort", type="password")
    with st.expander("Name gesperrt?"):
        code = st.text_input("Wiederherstellungscode", type="password")
    submitted = st.form_submit_button("Anmelden")
if submitted:
    try:
        outcome = common.login_guard().login(
            common.editors(),
            user.strip(),
            password,
            client=st.context.ip_address,
            recovery_code=code.strip(),
            recovery=common.recovery_codes(),
        )
    except sa_exc.SQLAlchemyError as exc:
        common.log.error("login impossible, database unreachable: %s", type(exc).__name__)
        st.error("Anmeldung gerade nicht möglich (Datenbank nicht erreichbar). Bitte später erneut versuchen.")
        st.stop()
    if outcome == "ok":
        st.session_state["editor"] = user.strip()
        st.rerun()
    st.error(MESSAGES[outcome])
common.attribution_footer()
