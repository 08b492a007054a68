"""Schema migrations with Alembic, run from code (no alembic.ini): ``upgrade(engine)`` brings any database to head."""

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
        cfg.attributes["connection"] = connection
        tables = set(sa.inspect(connection).get_table_names())
        current = MigrationContext.configure(connection).get_current_revision()
        if "networks" in tables and current is None:
            from geo.schema import metadata

            baseline = [t for t in metadata.sorted_tables if t.name in BASELINE_TABLES]
            metadata.create_all(connection, tables=baseline)  # adds only what is missing; later tables migrate
            command.stamp(cfg, BASELINE)
        command.upgrade(cfg, revision)
