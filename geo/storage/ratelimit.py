"""Attempt counting in the database (table ``login_attempts``), shared by every app process and surviving restarts.

One row per (kind, subject) counts attempts in a sliding window; :func:`reserve` counts one attempt
atomically unless the limit is reached. Logins (geo.storage.auth) and public reports (geo.publicreports.reports) use it.
Subjects are stored as SHA-256 digests, never as typed text or addresses.
"""

from __future__ import annotations

import hashlib

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from geo.storage.schema import login_attempts_table


def digest(text: str) -> str:
    """What is stored for a subject: its SHA-256, so names and addresses never land in the database."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def reserve(engine: Engine, kind: str, subject: str, limit: int, window: float, now: float) -> bool:
    """Count one attempt unless ``limit`` attempts are already counted in the window (atomic).

    One conditional UPDATE per attempt: the database serialises concurrent ones on the row, so
    exactly ``limit`` succeed however many arrive at once. A first attempt inserts the row; when
    another process inserted it at the same moment, the UPDATE runs again.
    """
    table = login_attempts_table
    expired = table.c.window_start < now - window
    for _ in range(3):
        with engine.begin() as conn:
            counted = conn.execute(
                table.update()
                .where(table.c.kind == kind, table.c.subject == subject, sa.or_(expired, table.c.attempts < limit))
                .values(
                    attempts=sa.case((expired, 1), else_=table.c.attempts + 1),
                    window_start=sa.case((expired, now), else_=table.c.window_start),
                )
            ).rowcount
            if counted:
                return True
            if conn.execute(sa.select(table.c.kind).where(table.c.kind == kind, table.c.subject == subject)).first():
                return False
        try:
            with engine.begin() as conn:
                conn.execute(table.delete().where(table.c.kind == kind, table.c.window_start < now - 2 * window))
                conn.execute(table.insert().values(kind=kind, subject=subject, attempts=1, window_start=now))
            return True
        except sa.exc.IntegrityError:
            continue
    return False


def count(engine: Engine, kind: str, subject: str, window: float, now: float) -> int:
    """Attempts counted in the current window (0 when none or expired)."""
    table = login_attempts_table
    with engine.connect() as conn:
        row = conn.execute(
            sa.select(table.c.attempts, table.c.window_start).where(table.c.kind == kind, table.c.subject == subject)
        ).first()
    return 0 if row is None or row.window_start < now - window else int(row.attempts)


def clear(engine: Engine, kind: str, subject: str) -> None:
    """Forget the attempts of one subject (after a successful login)."""
    table = login_attempts_table
    with engine.begin() as conn:
        conn.execute(table.delete().where(table.c.kind == kind, table.c.subject == subject))
