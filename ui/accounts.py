"""Editor accounts: configured users and recovery codes (secrets), the login guard, who is logged in."""

from __future__ import annotations

import streamlit as st

from geo.config import settings
from geo.storage import auth
from ui import data

#: Session key of the logged-in editor's name (owner: this module; listed in ``ui.session``).
EDITOR = "editor"


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


def current_editor() -> str | None:
    """The logged-in editor, re-checked against the configured accounts on every call."""
    user = st.session_state.get(EDITOR)
    return user if user and user in editors() else None


def require_editor() -> str:
    """Stop the script unless an editor is logged in: every write path calls this first."""
    user = current_editor()
    if not user:
        st.error("Nur für angemeldete Redakteurinnen und Redakteure.")
        st.stop()
    return user
