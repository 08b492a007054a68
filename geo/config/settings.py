"""Every setting of the atlas in one registry: the environment variables and the Streamlit secrets.

Each entry has its name, type, default, bounds and a one-line meaning. Code reads a setting only
through its entry (``settings.CURRENT_MONTHS.get()``); a test checks with ``ast`` that no other module
in ``geo/``, ``ui/`` or ``pages/`` touches ``os.environ`` or ``st.secrets`` directly. README's
configuration table is this registry printed (``python -m geo.config.settings``), and a test fails
when they differ, so a new setting cannot go undocumented.

When values are read: on access, validated once per value. :meth:`Setting.get` looks its variable up
in ``os.environ`` (one dictionary lookup) and parses and checks the text only the first time it sees
it (memoised), so a running app, whose environment does not change, validates each value once, and a
variable a test sets with ``monkeypatch.setenv`` counts at once, with no reset hook to remember.
:func:`check` validates every app setting together; the app calls it at start (``dashboard.py``), so
a wrong value stops the start with one message naming each wrong variable, its value and what is
valid, instead of failing later on the first page that needs it, or being silently replaced by the
default (as the report limits were before).
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

T = TypeVar("T")

ROOT = Path(__file__).resolve().parents[2]
#: The units (German in error messages) as README's English table names them.
_ENGLISH_UNITS = {"Monate": "months", "Sekunden": "seconds", "Tage": "days"}
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_INT = re.compile(r"^[+-]?[0-9]+$")


class SettingError(ValueError):
    """A configured value is not valid; the message names the variable, its value and what would be."""


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One environment variable: ``kind`` is ``int``, ``number``, ``text``, ``path``, ``choice`` or ``url``.

    Unset or blank means ``default`` (None: not configured). ``low``/``high`` bound numbers (inclusive),
    ``choices`` the words of a choice (case is ignored). ``shown_default`` is the default as the README
    states it, where the value itself depends on the machine (a path).
    """

    name: str
    kind: str
    default: T | None
    help: str
    low: float | None = None
    high: float | None = None
    unit: str = ""
    choices: tuple[str, ...] = ()
    shown_default: str | None = None
    #: The value may hold a password (a database URL): errors give its length, not the value.
    hide_value: bool = False

    def get(self, environ: Mapping[str, str] | None = None) -> T | None:
        """The validated value from ``environ`` (default: ``os.environ``); raises :class:`SettingError`."""
        raw = (os.environ if environ is None else environ).get(self.name)
        key = (self.name, raw)
        try:
            return _parsed[key]
        except KeyError:
            value = _parsed[key] = self.parse(raw)
            return value

    def parse(self, raw: str | None) -> T | None:
        """``raw`` (the variable's text, None when unset) as a value of this setting."""
        text = (raw or "").strip()
        if not text:
            return self.default
        if self.kind == "int":
            value: Any = int(text) if _INT.match(text) else None
        elif self.kind == "number":
            try:
                value = float(text)
            except ValueError:
                value = None
            value = value if value is not None and math.isfinite(value) else None
        elif self.kind == "choice":
            value = text.lower() if text.lower() in self.choices else None
        elif self.kind == "url":
            value = text if _URL.match(text) else None
        elif self.kind == "path":
            value = Path(text)
        else:
            value = text
        if (
            value is None
            or (self.low is not None and value < self.low)
            or (self.high is not None and value > self.high)
        ):
            shown = f"(verborgen, {len(raw or '')} Zeichen)" if self.hide_value else repr(raw)
            raise SettingError(f"{self.name}={shown} ist ungültig: {self.valid()}")
        return value

    def valid(self) -> str:
        """The valid values, in German, for the error message."""
        unit = f" ({self.unit})" if self.unit else ""
        if self.kind in ("int", "number"):
            what = "eine ganze Zahl" if self.kind == "int" else "eine Zahl"
            return f"{what} von {_num(self.low)} bis {_num(self.high)}{unit}"
        if self.kind == "choice":
            return f"einer von: {', '.join(self.choices)}"
        if self.kind == "url":
            return "eine SQLAlchemy-URL wie postgresql+psycopg://benutzer@host/datenbank oder sqlite:///pfad.sqlite3"
        return f"ein Text{unit}"

    def documented_type(self) -> str:
        """Type and valid values for README's table."""
        unit = f" ({_ENGLISH_UNITS.get(self.unit, self.unit)})" if self.unit else ""
        if self.kind in ("int", "number"):
            return f"{'integer' if self.kind == 'int' else 'number'} {_num(self.low)}–{_num(self.high)}{unit}"
        if self.kind == "choice":
            return " or ".join(f"`{c}`" for c in self.choices)
        return {"url": "SQLAlchemy URL", "path": "path"}.get(self.kind, "text")

    def documented_default(self) -> str:
        if self.shown_default is not None:
            return self.shown_default
        if self.default is None:
            return "unset"
        return f"`{_num(self.default) if isinstance(self.default, int | float) else self.default}`"


@dataclass(frozen=True)
class Secret:
    """One table of Streamlit's secrets (``.streamlit/secrets.toml``): ``[section]`` with ``key = "value"`` lines."""

    section: str
    keys: str
    values: str
    help: str

    def read(self, secrets: Mapping[str, Any] | None) -> dict[str, str]:
        """The section as a dict of texts; empty when absent. Raises :class:`SettingError` when it is not a table
        of texts (``secrets`` is ``st.secrets`` or any mapping of the same shape)."""
        table = (secrets or {}).get(self.section)
        if table is None:
            return {}
        if not isinstance(table, Mapping) or not all(isinstance(v, str) for v in table.values()):
            raise SettingError(
                f'Secrets [{self.section}] ist ungültig: eine Tabelle mit Zeilen {self.keys} = "{self.values}"'
            )
        return {str(k): v for k, v in table.items()}


@dataclass(frozen=True)
class ProviderSecret(Secret):
    """Streamlit's own ``[auth]`` table for ``st.login``: Streamlit reads it itself; the app only asks whether it
    is complete (every key of ``required`` a non-empty text), to offer the organisation login or not."""

    required: tuple[str, ...] = ()

    def configured(self, secrets: Mapping[str, Any] | None) -> bool:
        table = (secrets or {}).get(self.section)
        return isinstance(table, Mapping) and all(
            isinstance(table.get(key), str) and table.get(key).strip() for key in self.required
        )


def _num(value: float | None) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


_parsed: dict[tuple[str, str | None], Any] = {}

# ---- the registry: every environment variable the app reads ----------------------------------------------

DATABASE_URL: Setting[str] = Setting(
    "DATABASE_URL",
    "url",
    None,
    "the database, any SQLAlchemy URL (`postgresql+psycopg://…`); unset: the SQLite file `NETZWERKATLAS_DB`",
    hide_value=True,
)
DB: Setting[Path] = Setting(
    "NETZWERKATLAS_DB",
    "path",
    ROOT / "netzwerkatlas.sqlite3",
    "the SQLite file used while `DATABASE_URL` is unset",
    shown_default="`netzwerkatlas.sqlite3` in the project folder",
)
DATASET: Setting[str] = Setting(
    "NETZWERKATLAS_DATASET",
    "choice",
    "register",
    "the data set an empty database is seeded with: the register of public networks or the fictional demo",
    choices=("register", "demo"),
)
DATA_DIR: Setting[Path] = Setting(
    "NETZWERKATLAS_DATA_DIR",
    "path",
    ROOT / "data",
    "the folder of the shipped data files (boundaries, reference tables, data sets)",
    shown_default="`data/` in the project folder",
)
CURRENT_MONTHS: Setting[int] = Setting(
    "NETZWERKATLAS_CURRENT_MONTHS",
    "int",
    36,
    "how old a network's newest evidence may be for it to count as current (evidence classes, coverage)",
    low=1,
    high=240,
    unit="Monate",
)
CONFIRM_MONTHS: Setting[int] = Setting(
    "NETZWERKATLAS_CONFIRM_MONTHS",
    "int",
    12,
    'after how many months without confirmation a record is listed as "zu prüfen" for the editors',
    low=1,
    high=240,
    unit="Monate",
)
PUBLIC_URL: Setting[str] = Setting(
    "NETZWERKATLAS_PUBLIC_URL",
    "text",
    "http://localhost:8501/",
    "the app's public address, for absolute links in the open-data metadata (DCAT-AP.de)",
)
TILE_URL: Setting[str] = Setting(
    "NETZWERKATLAS_TILE_URL",
    "text",
    None,
    "base map tiles (a tile URL template or a folium tile set name); unset: no tiles (private, offline)",
)
TILE_ATTRIBUTION: Setting[str] = Setting(
    "NETZWERKATLAS_TILE_ATTRIBUTION",
    "text",
    "Kacheln: konfiguriert",
    "the attribution shown with the base map tiles",
)
MAX_UPLOAD_MB: Setting[float] = Setting(
    "NETZWERKATLAS_MAX_UPLOAD_MB",
    "number",
    25.0,
    "largest table file accepted; keep `server.maxUploadSize` in `.streamlit/config.toml` the same",
    low=1,
    high=1000,
    unit="MB",
)
PARSE_TIMEOUT_S: Setting[float] = Setting(
    "NETZWERKATLAS_PARSE_TIMEOUT_S",
    "number",
    60.0,
    "time limit for parsing a visitor's upload in the sandbox",
    low=1,
    high=3600,
    unit="Sekunden",
)
IMPORT_TIMEOUT_S: Setting[float] = Setting(
    "NETZWERKATLAS_IMPORT_TIMEOUT_S",
    "number",
    300.0,
    "time limit for parsing and checking an editor's import in the sandbox",
    low=1,
    high=7200,
    unit="Sekunden",
)
PARSE_MEMORY_MB: Setting[int] = Setting(
    "NETZWERKATLAS_PARSE_MEMORY_MB",
    "int",
    1500,
    "memory a sandboxed parse may allocate",
    low=256,
    high=65536,
    unit="MB",
)
PARSE_WORKERS: Setting[int] = Setting(
    "NETZWERKATLAS_PARSE_WORKERS",
    "int",
    2,
    "sandboxed parses running at once per app process (read at the first upload)",
    low=1,
    high=64,
)
EDITOR_PARSE_WORKERS: Setting[int] = Setting(
    "NETZWERKATLAS_EDITOR_PARSE_WORKERS",
    "int",
    1,
    "further parse slots only logged-in editors may use, so visitors' uploads cannot hold up an import",
    low=0,
    high=16,
)
REPORT_MIN_SECONDS: Setting[float] = Setting(
    "NETZWERKATLAS_REPORT_MIN_SECONDS",
    "number",
    5.0,
    'a report form sent faster than this is refused as a bot ("Netzwerk melden")',
    low=0,
    high=3600,
    unit="Sekunden",
)
REPORT_LIMIT_SESSION: Setting[int] = Setting(
    "NETZWERKATLAS_REPORT_LIMIT_SESSION",
    "int",
    3,
    "reports one browser session may send per window",
    low=0,
    high=1000,
)
REPORT_LIMIT_CLIENT: Setting[int] = Setting(
    "NETZWERKATLAS_REPORT_LIMIT_CLIENT",
    "int",
    10,
    "reports one client address may send per window",
    low=0,
    high=10000,
)
REPORT_WINDOW_SECONDS: Setting[float] = Setting(
    "NETZWERKATLAS_REPORT_WINDOW_SECONDS",
    "number",
    3600.0,
    "the window of the two report limits",
    low=1,
    high=2_592_000,
    unit="Sekunden",
)
REPORT_RETENTION_DAYS: Setting[float] = Setting(
    "NETZWERKATLAS_REPORT_RETENTION_DAYS",
    "number",
    90.0,
    "reporters' contact data is deleted this long after the report at the latest (when decided: at once)",
    low=1,
    high=3650,
    unit="Tage",
)
FEEDBACK_EMAIL: Setting[str] = Setting(
    "NETZWERKATLAS_FEEDBACK_EMAIL",
    "text",
    None,
    "contact for accessibility feedback (BITV 2.0 § 7); before the secret `[barrierefreiheit] kontakt`",
)
OIDC_ROLE_CLAIM: Setting[str] = Setting(
    "NETZWERKATLAS_OIDC_ROLE_CLAIM",
    "text",
    "roles",
    "organisation login (secret `[auth]`): the ID token's claim with the account's roles; a dotted name reads "
    "a nested claim (Keycloak's `realm_access.roles`)",
)
OIDC_EDITOR_ROLE: Setting[str] = Setting(
    "NETZWERKATLAS_OIDC_EDITOR_ROLE",
    "text",
    "netzwerkatlas-redaktion",
    "organisation login: the role that makes an account an editor – the claim must be this text or a list "
    "containing it; accounts without it are refused",
)

#: Every environment variable the app reads, in README's order.
SETTINGS: tuple[Setting, ...] = (
    DATABASE_URL,
    DB,
    DATASET,
    DATA_DIR,
    CURRENT_MONTHS,
    CONFIRM_MONTHS,
    TILE_URL,
    TILE_ATTRIBUTION,
    MAX_UPLOAD_MB,
    PARSE_TIMEOUT_S,
    IMPORT_TIMEOUT_S,
    PARSE_MEMORY_MB,
    PARSE_WORKERS,
    EDITOR_PARSE_WORKERS,
    REPORT_MIN_SECONDS,
    REPORT_LIMIT_SESSION,
    REPORT_LIMIT_CLIENT,
    REPORT_WINDOW_SECONDS,
    REPORT_RETENTION_DAYS,
    FEEDBACK_EMAIL,
    PUBLIC_URL,
    OIDC_ROLE_CLAIM,
    OIDC_EDITOR_ROLE,
)

# ---- the tools' variables: the benchmarks and ``make cluster`` (bench/), not read by the app ----------------


def _port(name: str, default: int, help: str) -> Setting[int]:
    return Setting(name, "int", default, help, low=1024, high=65535)


CLUSTER_PROCS: Setting[int] = Setting(
    "CLUSTER_PROCS", "int", 2, "`make cluster`: app processes behind the proxy", low=1, high=32
)
CLUSTER_PORT = _port("CLUSTER_PORT", 8080, "`make cluster`: the proxy's port (the address visitors use)")
CLUSTER_APP_PORT = _port("CLUSTER_APP_PORT", 8601, "`make cluster`: the first app process's port; the others follow")
CLUSTER_PG_PORT = _port("CLUSTER_PG_PORT", 55480, "`make cluster`: the PostgreSQL server's port")
CLUSTER_STATS_PORT = _port("CLUSTER_STATS_PORT", 8404, "`make cluster`: HAProxy's status page (`/stats`)")
CLUSTER_OGC_PORT = _port("CLUSTER_OGC_PORT", 8599, "`make cluster`: the OGC API process behind the proxy's `/ogc/`")
OGC_PORT = _port("OGC_PORT", 5000, "`make ogc`: the OGC API – Features process (pygeoapi)")
OGC_URL: Setting[str] = Setting("OGC_URL", "text", None, "`make ogc`: its public address (behind a proxy)")
CLUSTER_DIR: Setting[Path] = Setting(
    "CLUSTER_DIR",
    "path",
    None,
    "`make cluster`: folder of the cluster's database, logs and configuration",
    shown_default="`/tmp/netzwerkatlas-cluster-PORT`",
)
CLUSTER_SECRETS: Setting[Path] = Setting(
    "CLUSTER_SECRETS", "path", None, "`make cluster`: a secrets.toml with editor accounts, passed to every process"
)
CHROMIUM: Setting[Path] = Setting(
    "CHROMIUM",
    "path",
    None,
    "the Chromium binary of the browser benchmarks",
    shown_default="`chromium` or `chromium-browser` on `PATH`",
)

#: Variables of the tools in ``bench/``; :func:`check` leaves them out (the app never reads them).
TOOLS: tuple[Setting, ...] = (
    CLUSTER_PROCS,
    CLUSTER_PORT,
    CLUSTER_APP_PORT,
    CLUSTER_PG_PORT,
    CLUSTER_STATS_PORT,
    CLUSTER_OGC_PORT,
    OGC_PORT,
    OGC_URL,
    CLUSTER_DIR,
    CLUSTER_SECRETS,
    CHROMIUM,
)

# ---- the secrets (.streamlit/secrets.toml, or mounted in a container) -----------------------------------

EDITORS = Secret(
    "editors", "name", "Argon2-Hash", "editor accounts: user name → password hash (`python -m geo.storage.auth`)"
)
RECOVERY = Secret(
    "recovery", "name", "Argon2-Hash", "per editor, the hash of the recovery code that opens a locked name"
)
ACCESSIBILITY = Secret(
    "barrierefreiheit", "kontakt", "E-Mail", "`kontakt`: feedback contact when `NETZWERKATLAS_FEEDBACK_EMAIL` is unset"
)
AUTH = ProviderSecret(
    "auth",
    "redirect_uri / cookie_secret / client_id / client_secret / server_metadata_url",
    "Text",
    "organisation login (OIDC, Streamlit's `st.login`, e.g. a Land's Keycloak): with all five set, "
    '"Anmelden" offers "Mit Organisationskonto anmelden"; `redirect_uri` is the app\'s address + `/oauth2callback`',
    required=("redirect_uri", "cookie_secret", "client_id", "client_secret", "server_metadata_url"),
)
SECRETS: tuple[Secret, ...] = (EDITORS, RECOVERY, ACCESSIBILITY, AUTH)


def check(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Every setting validated (name → value); one :class:`SettingError` listing each wrong variable."""
    values: dict[str, Any] = {}
    problems: list[str] = []
    for setting in SETTINGS:
        try:
            values[setting.name] = setting.get(environ)
        except SettingError as exc:
            problems.append(str(exc))
    if problems:
        raise SettingError("Ungültige Konfiguration: " + "; ".join(problems))
    return values


def markdown_table() -> str:
    """README's configuration tables, printed from the registry."""
    header = ["| variable | type and valid values | default | meaning |", "| --- | --- | --- | --- |"]
    lines = [
        *header,
        *(f"| `{s.name}` | {s.documented_type()} | {s.documented_default()} | {s.help} |" for s in SETTINGS),
        "",
        "Only for the tools in `bench/` (the app never reads them):",
        "",
        *header,
        *(f"| `{s.name}` | {s.documented_type()} | {s.documented_default()} | {s.help} |" for s in TOOLS),
        "",
        "| secret | lines | meaning |",
        "| --- | --- | --- |",
        *(f'| `[{s.section}]` | `{s.keys} = "{s.values}"` | {s.help} |' for s in SECRETS),
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown_table())


def hand_to_library(**values: str) -> None:
    """Set environment variables that a third-party library reads by itself (pygeoapi reads its configuration
    from ``PYGEOAPI_CONFIG``): the one write to the environment, here so that no other module touches it."""
    os.environ.update(values)
