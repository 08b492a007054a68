"""The editor login, wherever it appears: on "Anmelden" and in place of a protected page for a visitor.

Behind the proxy (``make cluster``) a login lives in one app process. When that process dies, the browser
tab reconnects on its own and the proxy sends it to another process, which has never seen the session:
the editor is logged out. The tab still asks for the page it was on (``/daten``), so that URL must answer
with the login and say what happened, not with Streamlit's English "Page not found".
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from sqlalchemy import exc as sa_exc
from streamlit.runtime.scriptrunner import get_script_run_ctx

from geo.config import settings
from geo.storage import oidc
from geo.text import mdsafe
from ui import accounts, cards, data

MESSAGES = {
    "wrong": "Benutzername oder Passwort falsch.",
    "locked": (
        "Zu viele Fehlversuche für diesen Namen – er ist vorübergehend gesperrt. Mit Ihrem "
        "Wiederherstellungscode können Sie sich trotzdem anmelden."
    ),
    "throttled": "Zu viele Anmeldeversuche von diesem Anschluss. Bitte in 15 Minuten erneut versuchen.",
    "busy": "Die Anmeldung ist gerade ausgelastet. Bitte gleich erneut versuchen.",
}
MOVED = (
    "Die Verbindung wurde zu einem anderen Server übertragen; bitte melden Sie sich erneut an. "
    "Alles, was Sie gespeichert hatten, ist erhalten; ein Speichern, das gerade lief, wurde ganz oder gar "
    "nicht übernommen (siehe Änderungsprotokoll). Noch nicht gespeicherte Eingaben – ein angefangenes "
    "Formular, eine hochgeladene, noch nicht übernommene Datei – sind verloren und müssen neu eingegeben werden."
)
MOVED_VISITOR = (
    "Die Verbindung wurde zu einem anderen Server übertragen. Falls Sie angemeldet waren, "
    "melden Sie sich bitte erneut an."
)
PROTECTED = "Diese Seite ist nur für angemeldete Redakteurinnen und Redakteure. Bitte melden Sie sich an."
MOVED_KEY = "_moved_from_another_process"
#: Set once an organisation account without the editor role was told so (a toast) on a public page.
REFUSED_TOLD = "_organisation_refused_told"
#: Set once the visitor was told (a toast) that the tab moved to another app process.
MOVED_TOLD = "_moved_told"


def moved(protocol_header: str | None, session_id: str | None) -> bool:
    """Whether a websocket's ``Sec-WebSocket-Protocol`` header asks to resume a session other than ``session_id``.

    Streamlit's browser client sends ``streamlit, <xsrf token>, <its previous session id>`` when it
    reconnects; a process that knows that session resumes it (same id), one that does not starts a new one.
    """
    entries = [entry.strip() for entry in (protocol_header or "").split(",")]
    previous = entries[2] if len(entries) >= 3 else ""
    return bool(previous) and previous != session_id


def arrived_from_another_process() -> bool:
    """Whether this session began as a reconnect of a tab whose own process is gone (decided once per session)."""
    if MOVED_KEY not in st.session_state:
        ctx = get_script_run_ctx()
        header = st.context.headers.get("Sec-WebSocket-Protocol")
        st.session_state[MOVED_KEY] = moved(header, ctx.session_id if ctx else None)
        if st.session_state[MOVED_KEY]:
            data.log.info("session arrived from another app process (its own ended)")
    return st.session_state[MOVED_KEY]


#: Streamlit cuts longer input on arrival, also from a client that bypasses the browser (issue 25).
MAX_FIELD_CHARS = 200


def no_role_message(name: str | None) -> str:
    """What an organisation account without the editor role is told (Markdown, its name escaped)."""
    return (
        f"Ihr Konto hat keine Redaktionsrolle. Sie sind als {mdsafe.md(name or 'unbekannt')} über Ihre "
        "Organisation angemeldet; die Redaktionsseiten brauchen die Rolle "
        f"„{mdsafe.md(settings.OIDC_EDITOR_ROLE.get())}“. Bitte wenden Sie sich an die Verwaltung der "
        "Benutzerkonten Ihrer Organisation."
    )


def organisation_login() -> None:
    """The organisation login (OIDC), offered only where ``[auth]`` is configured; an account without the
    editor role is told so and may sign out of it."""
    if accounts.organisation_refused():
        st.error(no_role_message(oidc.editor_name(accounts.organisation_account() or {})))
        if st.button("Vom Organisationskonto abmelden"):
            st.logout()
    elif st.button("Mit Organisationskonto anmelden", type="primary", icon=":material/badge:"):
        st.login()  # to the provider; it sends the browser back to the start page, signed in


def login_form() -> None:
    """The login: the organisation's (where configured) and the local accounts' form; on success the script
    reruns and the page asked for opens (it exists now)."""
    organisation = accounts.organisation_login_configured()
    if organisation:
        organisation_login()
        if not accounts.editors():
            return  # only organisation accounts here
        st.caption("Oder mit einem Konto dieses Atlas:")
    elif not accounts.editors():
        st.info(
            "Keine Redaktionskonten eingerichtet (Abschnitt [editors] in .streamlit/secrets.toml; "
            "Passwort-Hash mit `python -m geo.storage.auth` erzeugen; oder eine Organisationsanmeldung "
            "in [auth])."
        )
    with st.form("anmeldung"):
        user = st.text_input("Benutzername", max_chars=MAX_FIELD_CHARS)
        password = st.text_input("Passwort", type="password", max_chars=MAX_FIELD_CHARS)
        with st.expander("Name gesperrt?"):
            code = st.text_input("Wiederherstellungscode", type="password", max_chars=MAX_FIELD_CHARS)
        submitted = st.form_submit_button("Anmelden")
    if not submitted:
        return
    try:
        outcome = accounts.login_guard().login(
            accounts.editors(),
            user.strip(),
            password,
            client=st.context.ip_address,
            recovery_code=code.strip(),
            recovery=accounts.recovery_codes(),
        )
    except sa_exc.SQLAlchemyError as exc:
        data.log.error("login impossible, database unreachable: %s", type(exc).__name__)
        st.error("Anmeldung gerade nicht möglich (Datenbank nicht erreichbar). Bitte später erneut versuchen.")
        st.stop()
    if outcome == "ok":
        accounts.sign_in_local(user.strip())
        st.rerun()
    st.error(MESSAGES[outcome])


def tell_refused_once() -> None:
    """A signed-in organisation account without the editor role is told so once per session, wherever it lands
    (``st.login`` returns to the start page, not to "Anmelden")."""
    if not st.session_state.get(REFUSED_TOLD) and accounts.organisation_refused():
        st.session_state[REFUSED_TOLD] = True
        st.toast(no_role_message(oidc.editor_name(accounts.organisation_account() or {})), duration="long")


def stand_in() -> Callable[[], None]:
    """The page a protected URL shows to anyone not logged in: what happened, and the login."""

    def page() -> None:
        st.title("Anmelden")
        st.warning(MOVED if arrived_from_another_process() else PROTECTED)
        login_form()
        cards.attribution_footer()

    return page


def signed_in() -> None:
    """What ``/anmelden`` shows once logged in (the login reruns on it): who is logged in and where to go.

    Without it the login's own rerun asked for a page that no longer existed: Streamlit's English
    "Page not found" and the map, racing with a click on "Daten verwalten".
    """
    st.title("Angemeldet")
    st.success(
        f"Angemeldet als {mdsafe.md(accounts.current_editor() or '')}. Die Redaktionsseiten stehen im Menü "
        "unter „Redaktion“."
    )
    cards.attribution_footer()
