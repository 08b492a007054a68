"""Editor accounts: configured users and recovery codes (secrets), the login guard, who is logged in.

Editors log in with a local account (``[editors]``) or, where ``[auth]`` is configured, with their
organisation's account (OIDC through Streamlit's ``st.login``): such an account is an editor when its ID
token has the editor role (``geo.storage.oidc``). Either way the session then holds the same editor key
(:data:`EDITOR`, cleared by ``ui.session.logout``); :data:`ORGANISATION` says which kind it was, and every
check goes back to its source (the configured accounts, or the role in the signed-in token).
"""

from __future__ import annotations

import streamlit as st

from geo.config import settings
from geo.storage import auth, oidc
from ui import data

#: Session key of the logged-in editor's name (owner: this module; listed in ``ui.session``).
EDITOR = "editor"
#: Session key set when the editor came through the organisation login (owner: this module).
ORGANISATION = "editor_organisation"


def editors() -> dict[str, str]:
    """Editor accounts (user → Argon2 hash) from Streamlit secrets; empty when none are configured."""
    return secret(settings.EDITORS)


def recovery_codes() -> dict[str, str]:
    """Per-editor recovery codes (user → Argon2 hash): they open a name locked by someone else's tries."""
    return secret(settings.RECOVERY)


def secret(entry: settings.Secret) -> dict[str, str]:
    """One table of Streamlit's secrets, read and checked by its registry entry; empty when none are configured."""
    try:
        return entry.read(st.secrets)
    except (FileNotFoundError, KeyError, st.errors.StreamlitSecretNotFoundError):
        return {}


@st.cache_resource
def login_guard() -> auth.LoginGuard:
    """Login attempts counted in the database, per user name and per client, shared by all processes."""
    return auth.LoginGuard(data.engine())


def organisation_login_configured() -> bool:
    """Whether ``[auth]`` is complete, so that "Anmelden" offers the organisation login."""
    try:
        return settings.AUTH.configured(st.secrets)
    except (FileNotFoundError, KeyError, st.errors.StreamlitSecretNotFoundError):
        return False


def organisation_account() -> dict | None:
    """The signed-in organisation account's claims (``st.user``), or None when nobody is signed in that way."""
    if not organisation_login_configured() or not st.user.get("is_logged_in"):
        return None
    return dict(st.user.to_dict())


def organisation_editor() -> str | None:
    """The signed-in organisation account's name when its token has the editor role, else None."""
    claims = organisation_account()
    if claims is None or not oidc.has_role(claims, settings.OIDC_ROLE_CLAIM.get(), settings.OIDC_EDITOR_ROLE.get()):
        return None
    return oidc.editor_name(claims)


def organisation_refused() -> bool:
    """Whether an organisation account is signed in that has no editor role (it is told so, nothing more)."""
    return organisation_account() is not None and organisation_editor() is None


def adopt_organisation_editor() -> None:
    """Make a signed-in organisation account with the editor role this session's editor (once, on every page:
    ``st.login`` returns to the start page, and a new tab or another app process knows the account from its
    cookie). A session with a local editor keeps it."""
    if current_editor():
        return
    name = organisation_editor()
    if name:
        st.session_state[EDITOR] = name
        st.session_state[ORGANISATION] = True
        data.log.info("editor signed in through the organisation login")


def sign_in_local(user: str) -> None:
    """Make the local account ``user`` (its password checked) this session's editor."""
    st.session_state[EDITOR] = user
    st.session_state.pop(ORGANISATION, None)


def current_editor() -> str | None:
    """The logged-in editor, re-checked against its source on every call: the configured accounts, or for an
    organisation account the editor role in its signed-in token."""
    user = st.session_state.get(EDITOR)
    if not user:
        return None
    if st.session_state.get(ORGANISATION):
        return user if organisation_editor() == user else None
    return user if user in editors() else None


def require_editor() -> str:
    """Stop the script unless an editor is logged in: every write path calls this first."""
    user = current_editor()
    if not user:
        st.error("Nur für angemeldete Redakteurinnen und Redakteure.")
        st.stop()
    return user
