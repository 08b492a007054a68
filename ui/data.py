"""Cached data access for the pages: the Kreise, the database, networks, coverage and notices per data version.

Heavy work is cached per data version (``store.data_version``): an edit in any
session changes the version, and every session's next rerun recomputes.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import geopandas as gpd
import pandas as pd
import streamlit as st
from sqlalchemy import exc as sa_exc

from geo.figures import coverage, whitespot_checks
from geo.figures.coverage import Filters
from geo.intake.networks import RECORD_COLUMNS
from geo.publicreports import reports
from geo.regions import adjacency, boundaries
from geo.storage import datasets, migrate, store

log = logging.getLogger("netzwerkatlas")


@st.cache_resource(show_spinner=False)
def kreise() -> gpd.GeoDataFrame:
    """The 400 Kreise, loaded once per process. Treat as read-only."""
    return boundaries.load_kreise()


@st.cache_resource(show_spinner=False)
def kreis_codes() -> frozenset[str]:
    return frozenset(kreise()["ags"])


@st.cache_resource(show_spinner=False)
def kreis_info() -> pd.DataFrame:
    """Kreis attributes indexed by AGS (no geometry). Treat as read-only."""
    return pd.DataFrame(kreise().drop(columns="geometry")).set_index("ags")


@st.cache_resource(show_spinner=False)
def neighbours() -> dict[str, list[str]]:
    return adjacency.neighbours(kreise())


@st.cache_resource(show_spinner=False)
def engine():
    """The database (SQLite by default, ``DATABASE_URL`` otherwise), seeded on first run with the chosen data set."""
    db = store.make_engine()
    migrate.upgrade(db)
    datasets.seed_if_empty(db)
    return db


OFFLINE = "offline"

_NO_NETWORKS = pd.DataFrame(columns=[*RECORD_COLUMNS, "version"])


#: What every page says while the database cannot be reached (issue 25, point 7).
OUTAGE = "Datenbank nicht erreichbar: Die Datenbank ist gerade nicht erreichbar. "
#: The errors a lost or refused database connection raises (not constraint violations: those are bugs).
OUTAGE_ERRORS = (sa_exc.OperationalError, sa_exc.InterfaceError, sa_exc.TimeoutError, sa_exc.DisconnectionError)


def data_version() -> str:
    """The database's data version, or ``OFFLINE`` (with one visible error) when it cannot be reached.

    The public pages keep working without network data: the map, the Kreise and all geography.
    """
    try:
        return store.data_version(engine())
    except sa_exc.SQLAlchemyError as exc:
        log.error("database unreachable: %s", type(exc).__name__)
        st.error(OUTAGE + "Angezeigt werden die Kreise ohne Netzwerkdaten; bitte später erneut laden.")
        return OFFLINE


@contextmanager
def database_guard(detail: str = "Bitte in einer Minute erneut laden.", stop: bool = True) -> Iterator[None]:
    """A database outage inside becomes the German outage notice instead of Streamlit's generic error box.

    With ``stop`` the run ends there (a page that cannot work without the database); without it the rest of
    the page still renders, so widgets drawn after the guard keep their input (``/melden``'s form). Nothing
    is cached about the failure: the next rerun after the database is back works again.
    """
    try:
        yield
    except Exception as exc:
        if not is_outage(exc):
            raise
        log.error("database unreachable: %s", type(exc).__name__)
        st.error(OUTAGE + detail)
        if stop:
            st.stop()


def is_outage(exc: BaseException | None) -> bool:
    """A lost database connection, also when wrapped (``pandas.read_sql`` raises its own ``DatabaseError``)."""
    while exc is not None:
        if isinstance(exc, OUTAGE_ERRORS):
            return True
        exc = exc.__cause__
    return False


@st.cache_data(show_spinner=False, max_entries=4)
def networks(version: str) -> pd.DataFrame:
    """All stored networks for one data version (none while the database is offline)."""
    if version == OFFLINE:
        return _NO_NETWORKS.copy()
    return store.load_networks(engine())


@st.cache_resource(show_spinner=False, max_entries=4)
def prepared(version: str) -> coverage.Prepared:
    """The (network, Kreis) pairs and evidence dates of one data version, shared by all views. Read-only."""
    return coverage.prepare(networks(version))


@st.cache_data(show_spinner=False, max_entries=64)
def coverage_table(version: str, filters: Filters) -> pd.DataFrame:
    """Per-Kreis coverage under ``filters`` (400 rows): a selection from :func:`prepared`."""
    return coverage.kreis_coverage(networks(version), kreise(), filters, prepared(version))


@st.cache_data(show_spinner=False, max_entries=64)
def counting_networks(version: str, filters: Filters) -> pd.DataFrame:
    """The networks that count under ``filters``."""
    return coverage.filter_networks(networks(version), filters)


@st.cache_resource(show_spinner=False)
def white_spot_checks() -> pd.DataFrame:
    """The newest check record per Kreis (``data/weisse_flecken_pruefung.csv``), loaded once per process."""
    return whitespot_checks.latest(whitespot_checks.load_checks())


def white_spot_check(ags: str) -> str:
    """ "geprüft am …, gesucht in: …" for a white spot, or "" when no check is recorded."""
    checks = white_spot_checks()
    return whitespot_checks.check_text(checks.loc[ags]) if ags in checks.index else ""


@st.cache_data(show_spinner=False, max_entries=4)
def data_notice_for(version: str) -> datasets.DataNotice | None:
    """What the shown records are (public sources, demo, …), per data version."""
    if version == OFFLINE:
        return None
    origins = store.origins(engine())
    checked = datasets.register_checked() if "quelle" in set(origins.index) else None
    return datasets.notice(origins, coverage.evidence_age(networks(version), checked).sentence())


def current_notice() -> datasets.DataNotice | None:
    """The data notice without showing it (None while the database is unreachable)."""
    try:
        return data_notice_for(store.data_version(engine()))
    except sa_exc.SQLAlchemyError:
        return None  # data_version() reports the outage once


def pending_reports() -> int:
    """Open reports, for the navigation label of the editors' page "Meldungen" (0 while offline)."""
    try:
        return reports.pending_count(engine())
    except sa_exc.SQLAlchemyError:
        return 0
