"""UI pieces shared by all pages: cached data access, filters, notices, network cards.

Heavy work is cached per data version (``store.data_version``): an edit in any
session changes the version, and every session's next rerun recomputes.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import geopandas as gpd
import pandas as pd
import streamlit as st
from sqlalchemy import exc as sa_exc

from geo.config import settings
from geo.figures import coverage, directory, whitespot_checks
from geo.figures.coverage import Filters
from geo.handouts import attribution, exports
from geo.intake import problemlist, sandbox
from geo.intake.networks import RECORD_COLUMNS, Problem
from geo.maps import urlstate
from geo.maps.selection import MapSelection
from geo.maps.urlstate import FIRST_YEAR
from geo.publicreports import reports
from geo.records.model import HANDLUNGSFELDER, SCOPE_LABELS, STATUSES  # noqa: F401 (SCOPE_LABELS: used by pages)
from geo.regions import adjacency, boundaries
from geo.storage import auth, datasets, incidents, migrate, store
from geo.text import mdsafe

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


def initial_view() -> urlstate.ViewState:
    """The view from the URL, read once per session (on whichever page it starts); notices shown once."""
    if "initial_view" not in st.session_state:
        view, notices = urlstate.parse(dict(st.query_params), set(kreis_codes()))
        st.session_state.update(initial_view=view, url_notices=notices)
        MapSelection(st.session_state).choose(view.kreis)
    for notice in st.session_state.get("url_notices", []):
        st.info(md(notice))  # notices quote the URL's text
    return st.session_state["initial_view"]


def filter_sidebar(initial: Filters) -> Filters:
    """Sidebar filters; the first run of a session starts from ``initial`` (e.g. from the URL)."""
    if "filters_initialised" not in st.session_state:
        st.session_state["f_hf"] = initial.handlungsfeld or "alle"
        st.session_state["f_status"] = list(initial.statuses)
        st.session_state["f_criteria"] = initial.criteria_only
        st.session_state["f_year_on"] = initial.as_of_year is not None
        st.session_state["f_year"] = initial.as_of_year or pd.Timestamp.today().year
        st.session_state["f_wide"] = initial.count_land_wide
        st.session_state["filters_initialised"] = True
    with st.sidebar:
        st.header("Filter")
        field = st.selectbox("Handlungsfeld", ["alle", *HANDLUNGSFELDER], key="f_hf")
        statuses = st.multiselect("Status", list(STATUSES), key="f_status")
        criteria = st.toggle("Nur Netzwerke, die alle Kriterien erfüllen", key="f_criteria")
        wide = st.toggle(
            "Landes- und bundesweite Netzwerke zählen als Abdeckung",
            key="f_wide",
            help="Standard: Nur regionale Netzwerke füllen einen weißen Fleck.",
        )
        year_on = st.toggle("Stand eines früheren Jahres", key="f_year_on")
        year = st.slider("Jahr", FIRST_YEAR, pd.Timestamp.today().year, key="f_year", disabled=not year_on)
    return coverage.chosen_filters(
        None if field == "alle" else field, statuses, criteria, wide, int(year) if year_on else None
    )


md = mdsafe.md  # the pages escape user text through common.md
mail_link = mdsafe.mail_link


networks_in = directory.networks_in  # kept for the pages that call it here


@st.cache_resource(show_spinner=False)
def white_spot_checks() -> pd.DataFrame:
    """The newest check record per Kreis (``data/weisse_flecken_pruefung.csv``), loaded once per process."""
    return whitespot_checks.latest(whitespot_checks.load_checks())


def white_spot_check(ags: str) -> str:
    """ "geprüft am …, gesucht in: …" for a white spot, or "" when no check is recorded."""
    checks = white_spot_checks()
    return whitespot_checks.check_text(checks.loc[ags]) if ags in checks.index else ""


def network_card(row: pd.Series) -> None:
    """One network as Streamlit elements: every user-provided value is escaped."""
    with st.container(border=True):
        st.markdown(f"**{md(row['name'])}**")
        st.caption("  \n".join(directory.card_lines(row)))
        network_id = row["id"] if "id" in row.index else row.name
        st.page_link("pages/netzwerke.py", label="Profil öffnen", query_params={"netzwerk": network_id})
        links = st.columns(2)
        if row["website"]:
            links[0].link_button("Website", row["website"])
        if row["kontakt_email"]:
            links[1].caption(f"Kontakt: {mail_link(row['kontakt_email'])}")


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


def data_notice() -> datasets.DataNotice | None:
    """Show on every page where the networks come from; returns the notice for other wording on the page."""
    found = current_notice()
    if found is not None:
        show = st.warning if found.level == "warning" else st.info
        show(found.text, icon=":material/warning:" if found.level == "warning" else ":material/info:")
    return found


def attribution_footer() -> None:
    """Source and licence notices and the accessibility statement (BITV 2.0 § 7), required on every page."""
    st.divider()
    st.caption("  \n".join(attribution.ALL))
    st.page_link("pages/barrierefreiheit.py", label="Erklärung zur Barrierefreiheit")
    st.page_link("pages/daten_schnittstellen.py", label="Offene Daten und Schnittstellen")


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
    return auth.LoginGuard(engine())


def pending_reports() -> int:
    """Open reports, for the navigation label of the editors' page "Meldungen" (0 while offline)."""
    try:
        return reports.pending_count(engine())
    except sa_exc.SQLAlchemyError:
        return 0


def current_editor() -> str | None:
    """The logged-in editor, re-checked against the configured accounts on every call."""
    user = st.session_state.get("editor")
    return user if user and user in editors() else None


def require_editor() -> str:
    """Stop the script unless an editor is logged in: every write path calls this first."""
    user = current_editor()
    if not user:
        st.error("Nur für angemeldete Redakteurinnen und Redakteure.")
        st.stop()
    return user


def incident(report: str) -> None:
    """Tell the visitor that something unexpected failed, with an id; log the stack under that id."""
    st.error(incidents.incident_message(report))


@contextmanager
def incident_guard() -> Iterator[None]:
    """An unexpected exception inside becomes an :func:`incident` instead of Streamlit's error box.

    Streamlit's own control flow (``st.rerun``, ``st.stop``) raises BaseException and passes through.
    """
    try:
        yield
    except Exception as exc:
        incident(sandbox.crash_report(exc))


def upload_job(job: Callable[..., Any], *args: Any, timeout: float | None = None) -> tuple[Any | None, str | None]:
    """Run a parse ``job`` in the sandbox (bounded time and memory, other sessions unaffected).

    Returns ``(result, None)``, or ``(None, message)`` with the German reason: the parser's own
    message, the time or memory bound, or an incident id for anything unexpected.
    """
    owner = st.session_state.setdefault("parse_owner", uuid.uuid4().hex)  # one parse at a time per session
    with st.spinner("Datei wird geprüft …"):
        return incidents.run_upload_job(job, *args, timeout=timeout, editor=current_editor() is not None, owner=owner)


def parse_upload(job: Callable[..., Any], *args: Any, timeout: float | None = None) -> Any | None:
    """:func:`upload_job`, showing the message on failure; the job's result or None."""
    result, message = upload_job(job, *args, timeout=timeout)
    if message:
        st.error(message)
    return result


def problem_summary(problems: Sequence[Problem], file_name: str, key: str) -> None:
    """Counts per kind of problem and the full list as CSV; pages show only the first ``SHOWN`` one by one."""
    if not problems:
        return
    st.dataframe(problemlist.kinds(problems), hide_index=True, width="stretch")
    st.download_button(
        f"Alle {len(problems)} Probleme als CSV",
        exports.to_csv_bytes(problemlist.frame(problems)),
        file_name,
        mime="text/csv",
        key=key,
    )
    if len(problems) > problemlist.SHOWN:
        st.caption(f"Einzeln gezeigt: die ersten {problemlist.SHOWN} von {len(problems)}.")
