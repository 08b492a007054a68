"""Storage of network records through SQLAlchemy: SQLite by default, any URL via ``DATABASE_URL``.

Networks and their resolved Kreis links live in two tables; every write runs
in one transaction, so a failure leaves the database exactly as it was. A
``meta`` row holds the data version that page caches are keyed on.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from geo.config import settings
from geo.records import model
from geo.records.vocabulary import ACTIVE, ENDED
from geo.storage.schema import audit_table, links_table, meta_table, metadata, networks_table  # noqa: F401

#: Events (imports, edits) are logged with counts and ids only — never editors' names or contact data.
log = logging.getLogger("netzwerkatlas.store")
DEFAULT_SQLITE = settings.DB.default

_JSON_COLUMNS = model.LIST_COLUMNS
_STORED_COLUMNS = model.STORED_COLUMNS


def database_url() -> str:
    """``DATABASE_URL`` if set, else the SQLite file (``NETZWERKATLAS_DB`` or ./netzwerkatlas.sqlite3)."""
    return settings.DATABASE_URL.get() or f"sqlite:///{settings.DB.get()}"


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


class VersionConflict(RuntimeError):
    """The record changed since the editor saw it; nothing was written. The message names who changed what, when."""


class NetworkNotFound(KeyError):
    """No record with that id."""


def is_empty(engine: Engine) -> bool:
    """True while no network is stored (a fresh database, to be seeded by the caller)."""
    with engine.connect() as conn:
        return not conn.execute(sa.select(sa.func.count()).select_from(networks_table)).scalar_one()


def add_networks(engine: Engine, records: pd.DataFrame, editor: str = "System") -> None:
    """Insert validated records (``geo.intake.networks.read_networks`` makes them) in one transaction.

    Raises ``sqlalchemy.exc.IntegrityError`` if an id exists already; then nothing is written.
    """
    apply_import(engine, records, {}, editor)


def apply_import(
    engine: Engine,
    records: pd.DataFrame,
    decisions: dict[str, str],
    editor: str,
    seen_versions: Mapping[str, int] | None = None,
    within: Callable[[sa.Connection], None] | None = None,
) -> dict[str, int]:
    """Write an import in ONE transaction: per record id "add" (default), "update" or "skip".

    ``seen_versions`` (id → version shown in the preview) makes every "update" conditional: a record
    changed since the preview raises :class:`VersionConflict`. Every change gets an audit entry. Any
    error rolls everything back, so the database is exactly as before. ``within`` runs last in the same
    transaction (a report's decision is written with the records it creates).
    """
    counts = {"add": 0, "update": 0, "skip": 0}
    now = datetime.now(UTC)
    with engine.begin() as conn:
        for record in records.to_dict("records"):
            action = decisions.get(record["id"], "add")
            if action == "skip":
                counts["skip"] += 1
                continue
            row = _row(record)
            if action == "update":
                old = _stored(conn, record["id"])
                seen = old["version"] if seen_versions is None else seen_versions.get(record["id"], -1)
                updated = conn.execute(
                    networks_table.update()
                    .where(networks_table.c.id == record["id"], networks_table.c.version == seen)
                    .values(**row, version=seen + 1, updated_at=now)
                ).rowcount
                if updated != 1:
                    raise VersionConflict(_conflict_message(conn, _stored(conn, record["id"]), seen))
                changes = _diff(old, row, old_links=_links_of(conn, record["id"]), new_links=record["ags"])
            elif action == "add":
                conn.execute(networks_table.insert().values(**row, version=1, updated_at=now))
                changes = {k: [None, v] for k, v in row.items()} | {"ags": [None, sorted(set(record["ags"]))]}
            else:
                raise ValueError(f"Unbekannte Aktion {action!r} für {record['id']}")
            _write_links(conn, record["id"], record["ags"])
            _audit(conn, now, editor, record["id"], action, changes)
            counts[action] += 1
        if within is not None:
            within(conn)
        _bump_version(conn)
    log.info("import committed: %(add)d added, %(update)d updated, %(skip)d skipped", counts)
    return counts


def update_network(
    engine: Engine,
    record: dict,
    expected_version: int,
    editor: str,
    within: Callable[[sa.Connection], None] | None = None,
) -> int:
    """Save an edited record if nobody saved it since ``expected_version``; return the new version.

    Raises :class:`VersionConflict` (someone else saved first) or :class:`NetworkNotFound`.
    ``within`` runs in the same transaction after the record is written.
    """
    now = datetime.now(UTC)
    row = _row(record)
    with engine.begin() as conn:
        old = _stored(conn, record["id"])
        old_links = _links_of(conn, record["id"])
        updated = conn.execute(
            networks_table.update()
            .where(networks_table.c.id == record["id"], networks_table.c.version == expected_version)
            .values(**row, version=expected_version + 1, updated_at=now)
        ).rowcount
        if updated != 1:
            raise VersionConflict(_conflict_message(conn, _stored(conn, record["id"]), expected_version))
        _write_links(conn, record["id"], record["ags"])
        _audit(conn, now, editor, record["id"], "update", _diff(old, row, old_links, record["ags"]))
        if within is not None:
            within(conn)
        _bump_version(conn)
    log.info("network %s saved as version %d", record["id"], expected_version + 1)
    return expected_version + 1


def retire_network(engine: Engine, network_id: str, ended: str, expected_version: int, editor: str) -> int:
    """Mark a network as ended (never deleted from the UI); optimistic locking as in :func:`update_network`."""
    return _set_status(engine, network_id, ENDED, ended, expected_version, editor, "retire")


def restore_network(engine: Engine, network_id: str, expected_version: int, editor: str) -> int:
    """Undo a retirement: status aktiv, no end date."""
    return _set_status(engine, network_id, ACTIVE, None, expected_version, editor, "restore")


def _set_status(engine, network_id, status, ended, expected_version, editor, action) -> int:
    now = datetime.now(UTC)
    with engine.begin() as conn:
        old = _stored(conn, network_id)
        updated = conn.execute(
            networks_table.update()
            .where(networks_table.c.id == network_id, networks_table.c.version == expected_version)
            .values(status=status, beendet_am=ended, version=expected_version + 1, updated_at=now)
        ).rowcount
        if updated != 1:
            raise VersionConflict(_conflict_message(conn, _stored(conn, network_id), expected_version))
        changes = {k: [old[k], v] for k, v in (("status", status), ("beendet_am", ended)) if old[k] != v}
        _audit(conn, now, editor, network_id, action, changes)
        _bump_version(conn)
    log.info("network %s: %s", network_id, action)
    return expected_version + 1


#: Audit actions that write a new version of a record (a confirmation is audited but keeps the version).
VERSIONED_ACTIONS = ("update", "retire", "restore")


def _newer_entries(conn: sa.Connection, network_id: str, count: int) -> list:
    """The newest ``count`` audit entries that made a new version of the record, newest first."""
    return conn.execute(
        sa.select(audit_table.c.at, audit_table.c.editor, audit_table.c.action, audit_table.c.changes)
        .where(audit_table.c.network_id == network_id, audit_table.c.action.in_(VERSIONED_ACTIONS))
        .order_by(audit_table.c.id.desc())
        .limit(count)
    ).all()


def _conflict_message(conn: sa.Connection, current: dict, seen: int) -> str:
    """German: which record changed since version ``seen``, by whom, when, and which fields (from the audit trail).

    Every write adds one version and one audit entry, so the newest ``current - seen`` entries are the changes.
    """
    newer = current["version"] - seen if 0 < seen < current["version"] else 1
    rows = _newer_entries(conn, current["id"], min(newer, 5))
    changes = "; ".join(
        f"{row.editor} am {_local(row.at):%d.%m.%Y um %H:%M} Uhr ({_changed_fields(row.action, row.changes)})"
        for row in rows
    )
    return (
        f"„{current['name']}“ ({current['id']}) wurde inzwischen geändert, nachdem Sie den Eintrag geladen hatten: "
        f"{changes or 'ohne Protokolleintrag'}. Nichts wurde gespeichert."
    )


def _local(at: datetime) -> datetime:
    """A stored UTC time (SQLite returns it without zone) in German local time."""
    return (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone(ZoneInfo("Europe/Berlin"))


def _changed_fields(action: str, changes: str) -> str:
    if action != "update":
        return {"retire": "als beendet markiert", "restore": "wiederhergestellt", "add": "angelegt"}.get(action, action)
    fields = json.loads(changes)
    return ", ".join(model.FIELD_LABELS.get(f, f) for f in fields) or "keine Feldänderung"


def record_at(engine: Engine, network_id: str, version: int) -> dict | None:
    """The record as it was at ``version`` (layout of :func:`load_networks`), or None if the trail does not reach.

    Rolled back from the stored record along the audit trail, which keeps every changed field's old
    value: a correction reported against an older version can then be merged field by field
    (:func:`geo.publicreports.reports.rebase`) instead of overwriting what editors changed in between.
    """
    with engine.connect() as conn:
        row = _stored(conn, network_id)
        links = _links_of(conn, network_id)
        newer = int(row["version"]) - int(version)
        entries = _newer_entries(conn, network_id, newer) if newer > 0 else []
    if newer < 0 or len(entries) < newer:
        return None
    for entry in entries:
        for column, (old, _new) in json.loads(entry.changes).items():
            if column == "ags":
                links = list(old or [])
            elif column in row:
                row[column] = old
    record = {**row, "ags": links, "version": int(version)}
    for column in _JSON_COLUMNS:
        value = record.get(column)
        record[column] = json.loads(value) if isinstance(value, str) else list(value or [])
    for column in model.BOOL_COLUMNS:
        value = record.get(column)
        record[column] = None if value is None else bool(value)
    record.pop("updated_at", None)
    return record


def history(engine: Engine, network_id: str | None = None) -> pd.DataFrame:
    """Audit trail, newest first: ``at``, ``editor``, ``network_id``, ``action``, ``changes`` (dict)."""
    query = sa.select(audit_table).order_by(audit_table.c.id.desc())
    if network_id is not None:
        query = query.where(audit_table.c.network_id == network_id)
    with engine.connect() as conn:
        frame = pd.read_sql(query, conn)
    frame["changes"] = frame["changes"].map(json.loads)
    return frame.drop(columns="id")


def change_summary(changes: Mapping[str, list]) -> str:
    """One audit entry's changes as one line for the trail's table: "name: Alt → Neu; status: aktiv → beendet"."""
    return "; ".join(f"{field}: {old} → {new}" for field, (old, new) in changes.items())


def _row(record: dict) -> dict:
    return {c: _to_db(c, record.get(c)) for c in _STORED_COLUMNS}


def _stored(conn: sa.Connection, network_id: str) -> dict:
    row = conn.execute(sa.select(networks_table).where(networks_table.c.id == network_id)).mappings().first()
    if row is None:
        raise NetworkNotFound(f"Kein Netzwerk mit der ID {network_id!r}")
    return dict(row)


def _links_of(conn: sa.Connection, network_id: str) -> list[str]:
    rows = conn.execute(sa.select(links_table.c.ags).where(links_table.c.network_id == network_id))
    return sorted(r[0] for r in rows)


def _write_links(conn: sa.Connection, network_id: str, ags: list[str]) -> None:
    conn.execute(links_table.delete().where(links_table.c.network_id == network_id))
    codes = sorted(set(ags))
    if codes:
        conn.execute(links_table.insert(), [{"network_id": network_id, "ags": a} for a in codes])


def _diff(old: dict, new: dict, old_links: list[str], new_links: list[str]) -> dict:
    changes = {k: [old.get(k), v] for k, v in new.items() if old.get(k) != v}
    if sorted(set(new_links)) != old_links:
        changes["ags"] = [old_links, sorted(set(new_links))]
    return changes


def _audit(conn: sa.Connection, at: datetime, editor: str, network_id: str, action: str, changes: dict) -> None:
    conn.execute(
        audit_table.insert().values(
            at=at,
            editor=editor,
            network_id=network_id,
            action=action,
            changes=json.dumps(changes, ensure_ascii=False, default=str),
        )
    )


def load_networks(engine: Engine) -> pd.DataFrame:
    """All records with their ``ags`` lists, in the column layout of the import."""
    with engine.connect() as conn:
        frame = pd.read_sql(sa.select(networks_table).order_by(networks_table.c.id), conn)
        frame = frame.drop(columns=["updated_at"])
        pairs = pd.read_sql(sa.select(links_table).order_by(links_table.c.network_id, links_table.c.ags), conn)
    ags = pairs.groupby("network_id")["ags"].agg(list)
    frame["ags"] = frame["id"].map(ags).map(lambda v: v if isinstance(v, list) else [])
    for column in _JSON_COLUMNS:
        frame[column] = frame[column].map(json.loads)
    frame["partner_count"] = frame["partner"].map(len)
    frame["gegruendet"] = frame["gegruendet"].astype("Int64")
    for column in model.BOOL_COLUMNS:
        frame[column] = frame[column].map(lambda v: None if pd.isna(v) else bool(v)).astype(object)
    return frame


#: The import's own fields, in its order: an export re-imports without any mapping.
EXPORT_COLUMNS = list(model.FIELDS)


def export_frame(engine: Engine) -> pd.DataFrame:
    """All records in the import's own column layout, so an export re-imports to the same records."""
    return export_layout(load_networks(engine))


def export_layout(networks: pd.DataFrame) -> pd.DataFrame:
    """Records as :func:`load_networks` gives them, in the import's own column layout (lists and yes/no as text)."""
    frame = networks[EXPORT_COLUMNS].copy()
    for field in model.MODEL:
        if field.kind == "list":
            frame[field.name] = frame[field.name].map(field.joiner.join)
        elif field.kind == "bool":
            frame[field.name] = frame[field.name].map({True: "ja", False: "nein"}).fillna("")
    frame["gegruendet"] = frame["gegruendet"].astype("string").fillna("")
    return frame.fillna("")


def data_version(engine: Engine) -> str:
    """Changes with every write; caches of derived data are keyed on it."""
    with engine.connect() as conn:
        value = conn.execute(sa.select(meta_table.c.value).where(meta_table.c.key == "version")).scalar()
    return value or "0"


def origins(engine: Engine) -> pd.DataFrame:
    """Per origin (``herkunft``): number of records and the newest ``stand``; what the data notice says."""
    query = sa.select(
        networks_table.c.herkunft, sa.func.count().label("records"), sa.func.max(networks_table.c.stand).label("stand")
    ).group_by(networks_table.c.herkunft)
    with engine.connect() as conn:
        return pd.read_sql(query, conn).set_index("herkunft")


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
