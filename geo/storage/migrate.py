"""Schema migrations with Alembic, run from code (no alembic.ini): ``upgrade(engine)`` brings any database to head.

``python -m geo.storage.migrate`` does the same for ``DATABASE_URL`` and seeds an empty database, as the app does at
start: run it once before starting several app processes (or after an upgrade), so they do not all try.
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy.engine import Engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BASELINE = "0001"
BASELINE_TABLES = ("networks", "network_kreise", "audit", "meta")  # what revision 0001 creates
#: PostgreSQL advisory lock held while migrating (any fixed number the app uses for nothing else).
MIGRATION_LOCK = 4_711_016


def config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply all pending migrations in one transaction per migration run.

    A database made before migrations existed (tables, but no ``alembic_version``) is
    completed to the initial schema and stamped, so its data stays.
    """
    cfg = config(engine)
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":  # app processes starting together migrate one after another
            connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        cfg.attributes["connection"] = connection
        tables = set(sa.inspect(connection).get_table_names())
        current = MigrationContext.configure(connection).get_current_revision()
        if "networks" in tables and current is None:
            from geo.storage.schema import metadata

            baseline = [t for t in metadata.sorted_tables if t.name in BASELINE_TABLES]
            metadata.create_all(connection, tables=baseline)  # adds only what is missing; later tables migrate
            command.stamp(cfg, BASELINE)
        command.upgrade(cfg, revision)


def main() -> None:
    """Migrate and seed the configured database (``DATABASE_URL`` or the SQLite file), as the app's start does."""
    from geo.storage import datasets, store

    engine = store.make_engine()
    upgrade(engine)
    seeded = datasets.seed_if_empty(engine)
    engine.dispose()
    print(f"Datenbank auf dem neuesten Stand ({engine.url.get_backend_name()}); {seeded} Einträge neu angelegt")


if __name__ == "__main__":
    main()
