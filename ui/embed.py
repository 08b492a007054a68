"""The embeddable views (``geo.handouts.embed``): kept at the database's data version, offered as iframe code.

The files live under ``/app/static/embed/`` and are built in a background thread of the process that first sees a
new data version (or a new day: the evidence classes are as of the day); the "Einbetten" dialog builds them at
once if they are missing, so the address it hands out always answers.
"""

from __future__ import annotations

import logging
import threading

import streamlit as st

from geo.handouts import dcat, embed
from geo.text import mdsafe
from ui import area_views, data

log = logging.getLogger("netzwerkatlas")
_running = threading.Lock()


def _publish() -> None:
    try:
        embed.publish_database(data.engine(), data.kreise())
    except Exception:  # logged, never shown: the files of the last version stay
        log.exception("embed: publishing failed")
    finally:
        _running.release()


@st.cache_data(ttl=30, show_spinner=False)
def keep_current(version: str) -> None:
    """Start building the files of ``version`` unless this process is already at it (checked per version and at
    most every 30 s; the library skips the work when the files are at the version and day)."""
    if version == data.OFFLINE or not _running.acquire(blocking=False):
        return
    threading.Thread(target=_publish, name="embed", daemon=True).start()


def app_base() -> str:
    """The app's address as the visitor's browser sees it (the map page is the app's root), so the code works
    behind any proxy; ``NETZWERKATLAS_PUBLIC_URL`` where the browser's address is not known."""
    url = st.context.url
    return url.rstrip("/") if url and url.startswith(("http://", "https://")) else dcat.public_url().rstrip("/")


@st.dialog("Einbetten", width="large")
def _dialog(code: str) -> None:
    area = area_views.area(code)
    try:
        embed.publish_database(data.engine(), data.kreise())  # at once: the address below must answer
    except Exception:
        log.exception("embed: publishing failed")
        if embed.read_marker() is None:
            st.error("Die Ansicht zum Einbetten kann gerade nicht erstellt werden. Bitte später erneut versuchen.")
            return
    src = embed.url_of(code, app_base())
    st.markdown(
        f"Die Netzwerke von **{mdsafe.md(area.name)}** auf der eigenen Website zeigen: den Code kopieren (Symbol "
        "rechts oben im Feld) und in die Seite einfügen. Die Ansicht zeigt immer den aktuellen Stand."
    )
    st.code(
        embed.iframe_code(src, embed.frame_title(area.name), embed.HEIGHTS[area.kind]), language="html", wrap_lines=True
    )
    st.markdown(f"[Ansicht in neuem Fenster öffnen]({src})")
    st.caption(
        "Jede Website darf die Ansicht einbetten. Sie lädt nichts von Dritten, setzt keine Cookies und braucht kein "
        "JavaScript; Links führen in einem neuen Fenster in den Atlas. Die Höhe (height) lässt sich anpassen."
    )


def embed_button(code: str) -> None:
    """ "Einbetten" for one area (``DE``, Land key or Kreis AGS): opens the dialog with the iframe code."""
    if st.button(
        "Einbetten",
        icon=":material/code:",
        key=f"einbetten_{code}",
        help=f"Code, um {area_views.area(code).name} auf einer eigenen Website zu zeigen",
    ):
        _dialog(code)
