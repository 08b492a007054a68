"""Keeps the open-data files (``geo.handouts.opendata``) at the database's data version, for the page and the
stable URLs under ``/app/static/opendata/``; the Atom feeds also without a visit of the page.

Building takes seconds (every network's Kreise as one geometry), so it runs in a background thread of the
process that first sees a new version; the page shows the last published manifest meanwhile.
"""

from __future__ import annotations

import logging
import threading

import streamlit as st

from geo.handouts import opendata, openpublish
from geo.storage import store
from ui import data

log = logging.getLogger("netzwerkatlas")
_running = threading.Lock()
_feeds_running = threading.Lock()


def _publish() -> None:
    try:
        openpublish.publish_database(data.engine(), data.kreise(), data.white_spot_checks())
    except Exception:  # logged, never shown: the page keeps the last published files
        log.exception("open data: publishing failed")
    finally:
        _running.release()


def published(version: str) -> tuple[dict | None, bool]:
    """The manifest to show and whether newer files are on their way. A manifest of another database (files
    left by a demo run, say) is not shown at all."""
    manifest = opendata.read_manifest()
    if manifest is None or version == data.OFFLINE:
        return manifest, False
    try:
        wanted = openpublish.database_key(data.engine())
    except Exception:  # the database went away between two queries: show what was published
        return manifest, False
    if manifest.get("key", "").split(":")[0] != wanted.split(":")[0]:
        return None, True
    return manifest, manifest.get("key") != wanted


@st.cache_data(ttl=30, show_spinner=False)
def keep_current(version: str) -> None:
    """Start publishing the files of ``version`` unless this process is already at it (checked per version and
    at most every 30 s; the library skips the work when another process has published them)."""
    if version == data.OFFLINE or not _running.acquire(blocking=False):
        return
    threading.Thread(target=_publish, name="opendata", daemon=True).start()


def _publish_feeds() -> None:
    try:
        openpublish.publish_feeds(data.engine(), data.kreise())
    except Exception:  # logged, never shown: the feeds stay as they were
        log.exception("open data: publishing the feeds failed")
    finally:
        _feeds_running.release()


@st.cache_data(ttl=30, show_spinner=False)
def _feeds_at(version: str) -> None:
    if _feeds_running.acquire(blocking=False):
        threading.Thread(target=_publish_feeds, name="feeds", daemon=True).start()


def keep_feeds_current() -> None:
    """Start writing the feeds of a new data version (called after every page: one query, then the cache; the
    library skips the work when another process has written them). Silent when the database is away."""
    try:
        version = store.data_version(data.engine())
    except Exception:  # the page has said so already
        return
    _feeds_at(version)
