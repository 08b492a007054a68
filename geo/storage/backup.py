"""Consistent snapshots of the database and their restoration.

SQLite uses the online backup API (a consistent copy while the app runs); PostgreSQL uses
``pg_dump -Fc`` and ``pg_restore --clean --single-transaction``, so a failed restore changes nothing.
Command line: ``python -m geo.storage.backup create FILE`` and ``python -m geo.storage.backup restore FILE``.
"""

from __future__ import annotations

import argparse
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import Engine, make_url

from geo.storage import store


def create(engine: Engine, target: Path) -> Path:
    """Write a snapshot of the whole database to ``target``."""
    target = Path(target)
    url = engine.url
    if url.get_backend_name() == "sqlite":
        with sqlite3.connect(url.database) as source, sqlite3.connect(target) as copy:
            source.backup(copy)
    elif url.get_backend_name() == "postgresql":
        subprocess.run(["pg_dump", "--format=custom", f"--file={target}", _libpq(url)], check=True)
    else:
        raise ValueError(f"Keine Sicherung für {url.get_backend_name()} vorgesehen")
    return target


def restore(engine: Engine, source: Path) -> None:
    """Replace the database content with the snapshot in ``source``."""
    source = Path(source)
    if not source.is_file():
        raise FileNotFoundError(f"Sicherung {source} nicht gefunden")
    url = engine.url
    engine.dispose()
    if url.get_backend_name() == "sqlite":
        with sqlite3.connect(source) as snapshot, sqlite3.connect(url.database) as live:
            snapshot.backup(live)
    elif url.get_backend_name() == "postgresql":
        subprocess.run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--single-transaction",
                "--no-owner",
                f"--dbname={_libpq(url)}",
                str(source),
            ],
            check=True,
        )
    else:
        raise ValueError(f"Keine Wiederherstellung für {url.get_backend_name()} vorgesehen")


def _libpq(url) -> str:
    """SQLAlchemy URL → libpq connection URI (drops the "+driver" part)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m geo.storage.backup", description=__doc__)
    parser.add_argument("action", choices=["create", "restore"])
    parser.add_argument("file", type=Path)
    args = parser.parse_args(argv)
    engine = store.make_engine()
    if args.action == "create":
        print(create(engine, args.file))
    else:
        restore(engine, args.file)
        print(f"wiederhergestellt aus {args.file}")


if __name__ == "__main__":
    main()
