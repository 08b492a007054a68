"""Guards on Streamlit's server that the app installs once per process, before any session can use them.

Streamlit (1.67) obeys the websocket message ``BackMsg.clear_cache`` from any client: its handler,
``AppSession._handle_clear_cache_request``, empties ``st.cache_data`` and ``st.cache_resource`` for the
whole process. It exists for the developer menu ("Clear cache"), which this app hides
(``client.toolbarMode = "minimal"``), but any visitor's socket can still send the message. One anonymous
socket sending it ten times a second raised other visitors' click p95 from 0.49 s to 3.83 s (issue 25,
point 1): every session then reloads the Kreise, the networks and the coverage.

:func:`install` replaces that handler with one that ignores the request (logged once per session).
Caches still empty the legitimate ways: a new data version (``store.data_version``) is part of every
cache key, and a process restart. ``tests/test_serverguard.py`` fails when Streamlit renames the handler
or stops routing the message through it, so an upgrade cannot silently undo the guard.
"""

from __future__ import annotations

import logging

from streamlit.runtime.app_session import AppSession

log = logging.getLogger("netzwerkatlas")

#: The name of Streamlit's handler for ``BackMsg.clear_cache`` (checked by tests/test_serverguard.py).
HANDLER = "_handle_clear_cache_request"


def _ignore_clear_cache(session: AppSession) -> None:
    """A client asked to clear the server's caches: refuse; they are shared by every visitor."""
    if not getattr(session, "_netzwerkatlas_clear_cache_logged", False):
        session._netzwerkatlas_clear_cache_logged = True
        log.warning("Anfrage zum Leeren der Server-Caches abgelehnt (Sitzung %s)", session.id)


_ignore_clear_cache.netzwerkatlas_guard = True


def install() -> None:
    """Make ``BackMsg.clear_cache`` a no-op for this process (idempotent: every script run may call it).

    Called at the top of ``dashboard.py``. Before the first script run of a process nothing is cached yet,
    so a clear_cache that arrives earlier empties nothing.
    """
    if not getattr(getattr(AppSession, HANDLER, None), "netzwerkatlas_guard", False):
        setattr(AppSession, HANDLER, _ignore_clear_cache)


def installed() -> bool:
    """Whether :func:`install` has taken effect."""
    return bool(getattr(getattr(AppSession, HANDLER, None), "netzwerkatlas_guard", False))
