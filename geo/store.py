"""Storage of network records through SQLAlchemy: SQLite by default, any URL via ``DATABASE_URL``.

Networks and their resolved Kreis links live in two tables; every write runs
in one transaction, so a failure leaves the database exactly as it was. A
``meta`` row holds the data version that page caches are keyed on.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from geo import paths
from geo.networks import RECORD_COLUMNS

DEFAULT_SQLITE = Path(__file__).resolve().parent.parent / "netzwerkatlas.sqlite3"
DEMO_FILE = "demo_netzwerke.csv"

metadata = sa.MetaData()
networks_table = sa.Table(
    "networks",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("name", sa.String(300), nullable=False),
    sa.Column("traeger", sa.String(300), nullable=False, default=""),
    sa.Column("partner", sa.Text, nullable=False, default="[]"),
    sa.Column("region", sa.String(2000), nullable=False),
    sa.Column("scope", sa.String(16), nullable=False),
    sa.Column("plz", sa.String(5), nullable=False, default=""),
    sa.Column("ort", sa.String(100), nullable=False, default=""),
    sa.Column("handlungsfelder", sa.Text, nullable=False, default="[]"),
    sa.Column("gegruendet", sa.Integer),
    sa.Column("status", sa.String(16), nullable=False, default="aktiv"),
    sa.Column("beendet_am", sa.String(10)),
    sa.Column("website", sa.String(500), nullable=False, default=""),
    sa.Column("kontakt_email", sa.String(500), nullable=False, default=""),
    sa.Column("beschreibung", sa.Text, nullable=False, default=""),
    sa.Column("stand", sa.String(10)),
    sa.Column("verbindliche_kooperation", sa.Boolean),
    sa.Column("datenbasierte_ziele", sa.Boolean),
    sa.Column("evaluation", sa.Boolean),
    sa.Column("criteria_met", sa.Boolean),
    sa.Column("version", sa.Integer, nullable=False, default=1),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)
links_table = sa.Table(
    "network_kreise",
    metadata,
    sa.Column("network_id", sa.String(64), sa.ForeignKey("networks.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("ags", sa.String(5), primary_key=True),
    sa.Index("ix_network_kreise_ags", "ags"),
)
meta_table = sa.Table(
    "meta",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.String(500), nullable=False),
)

_JSON_COLUMNS = ("partner", "handlungsfelder")
_STORED_COLUMNS = [c for c in RECORD_COLUMNS if c not in ("ags", "partner_count", "source_row")]


def database_url() -> str:
    """``DATABASE_URL`` if set, else the SQLite file (``NETZWERKATLAS_DB`` or ./netzwerkatlas.sqlite3)."""
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{Path(os.environ.get('NETZWERKATLAS_DB', DEFAULT_SQLITE))}"


def make_engine(url: str | None = None) -> Engine:
    """Engine with SQLite tuned for a web app (WAL, foreign keys, busy timeout)."""
    url = url or database_url()
    engine = sa.create_engine(url, future=True, pool_pre_ping=True)
    if engine.dialect.name == "sqlite":

        @sa.event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):  # noqa: ANN001
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=5000")
            cursor.close()

    return engine


def init_db(engine: Engine) -> None:
    """Create the tables if they do not exist."""
    metadata.create_all(engine)


def seed_demo_if_empty(engine: Engine, data_dir: Path | None = None) -> int:
    """On first run, load the fictional demo networks; returns how many were stored (0 if not empty)."""
    from geo.networks import read_networks

    with engine.connect() as conn:
        if conn.execute(sa.select(sa.func.count()).select_from(networks_table)).scalar_one():
            return 0
    result = read_networks(paths.data_file(DEMO_FILE, data_dir))
    add_networks(engine, result.records, demo=True)
    return len(result.records)


def add_networks(engine: Engine, records: pd.DataFrame, demo: bool | None = None) -> None:
    """Insert validated records (from :func:`geo.networks.read_networks`) in one transaction.

    Raises ``sqlalchemy.exc.IntegrityError`` if an id exists already; then nothing is written.
    """
    now = datetime.now(UTC)
    rows, link_rows = [], []
    for record in records.to_dict("records"):
        row = {c: _to_db(c, record.get(c)) for c in _STORED_COLUMNS}
        row.update(version=1, updated_at=now)
        rows.append(row)
        link_rows.extend({"network_id": record["id"], "ags": a} for a in sorted(set(record["ags"])))
    with engine.begin() as conn:
        if rows:
            conn.execute(networks_table.insert(), rows)
        if link_rows:
            conn.execute(links_table.insert(), link_rows)
        if demo is not None:
            _set_meta(conn, "demo", "1" if demo else "0")
        _bump_version(conn)


def load_networks(engine: Engine) -> pd.DataFrame:
    """All records with their ``ags`` lists, in the column layout of the import."""
    with engine.connect() as conn:
        frame = pd.read_sql(sa.select(networks_table).order_by(networks_table.c.id), conn)
        pairs = pd.read_sql(sa.select(links_table).order_by(links_table.c.network_id, links_table.c.ags), conn)
    ags = pairs.groupby("network_id")["ags"].agg(list)
    frame["ags"] = frame["id"].map(ags).map(lambda v: v if isinstance(v, list) else [])
    for column in _JSON_COLUMNS:
        frame[column] = frame[column].map(json.loads)
    frame["partner_count"] = frame["partner"].map(len)
    frame["gegruendet"] = frame["gegruendet"].astype("Int64")
    for column in ("verbindliche_kooperation", "datenbasierte_ziele", "evaluation", "criteria_met"):
        frame[column] = frame[column].map(lambda v: None if pd.isna(v) else bool(v)).astype(object)
    return frame


def data_version(engine: Engine) -> str:
    """Changes with every write; caches of derived data are keyed on it."""
    with engine.connect() as conn:
        value = conn.execute(sa.select(meta_table.c.value).where(meta_table.c.key == "version")).scalar()
    return value or "0"


def is_demo(engine: Engine) -> bool:
    """True while the database holds the fictional demo data set."""
    with engine.connect() as conn:
        value = conn.execute(sa.select(meta_table.c.value).where(meta_table.c.key == "demo")).scalar()
    return value == "1"


def _to_db(column: str, value: object) -> object:
    if column in _JSON_COLUMNS:
        return json.dumps(list(value or []), ensure_ascii=False)
    if value is None or (not isinstance(value, list | str | bool) and pd.isna(value)):
        return None
    if column == "gegruendet":
        return int(value)
    return value


def _set_meta(conn: sa.Connection, key: str, value: str) -> None:
    updated = conn.execute(meta_table.update().where(meta_table.c.key == key).values(value=value)).rowcount
    if not updated:
        conn.execute(meta_table.insert().values(key=key, value=value))


def _bump_version(conn: sa.Connection) -> None:
    current = conn.execute(sa.select(meta_table.c.value).where(meta_table.c.key == "version")).scalar()
    _set_meta(conn, "version", str(int(current or 0) + 1))
