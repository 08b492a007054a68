"""Database schema (SQLAlchemy Core). Changes go through Alembic migrations in ``geo/storage/migrations``.

The record columns of ``networks`` follow the record model (``geo.records.model.MODEL``): a new field is
one entry there plus one migration.
"""

from __future__ import annotations

import sqlalchemy as sa

from geo.records import model

metadata = sa.MetaData()


def _record_column(name: str) -> sa.Column:
    """The database column of one stored record column, from its field in ``geo.records.model.MODEL``."""
    if name == "scope":
        return sa.Column("scope", sa.String(16), nullable=False)  # see geo.records.model.SCOPE_LABELS
    if name == "criteria_met":
        return sa.Column("criteria_met", sa.Boolean)
    field = model.BY_NAME[name]
    if field.kind == "text":  # a required field has no default: the import refuses a record without it
        default = None if name in model.REQUIRED else field.default
        return sa.Column(name, sa.String(field.max_len), nullable=False, default=default)
    if field.kind in ("list", "longtext"):
        default = "[]" if field.kind == "list" else field.default  # lists are stored as JSON
        return sa.Column(name, sa.Text, nullable=False, default=default)
    if field.kind == "plz":
        return sa.Column(name, sa.String(5), nullable=False, default=field.default)
    if field.kind == "choice":
        return sa.Column(name, sa.String(16), nullable=False, default=field.default)
    sql_type = {"year": sa.Integer, "date": sa.String(10), "bool": sa.Boolean}[field.kind]  # None: unknown
    return sa.Column(name, sql_type)


networks_table = sa.Table(
    "networks",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    *(_record_column(name) for name in model.STORED_COLUMNS if name != "id"),
    sa.Column("bestaetigt_am", sa.String(10)),  # ISO date the record was last confirmed
    sa.Column("bestaetigt_durch", sa.String(16)),  # meldung, redaktion or quelle
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
audit_table = sa.Table(
    "audit",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("editor", sa.String(200), nullable=False),
    sa.Column("network_id", sa.String(64), nullable=False, index=True),
    sa.Column("action", sa.String(16), nullable=False),  # add, update, retire, restore
    sa.Column("changes", sa.Text, nullable=False),  # JSON: field → [old, new]
)
meta_table = sa.Table(
    "meta",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.String(500), nullable=False),
)
login_attempts_table = sa.Table(
    "login_attempts",
    metadata,
    sa.Column("kind", sa.String(8), primary_key=True),  # "name" or "client"
    sa.Column("subject", sa.String(64), primary_key=True),  # SHA-256 of the user name / client address
    sa.Column("attempts", sa.Integer, nullable=False),
    sa.Column("window_start", sa.Float, nullable=False),  # Unix time of the window's first attempt
    sa.Index("ix_login_attempts_window_start", "window_start"),
)
reports_table = sa.Table(
    "reports",
    metadata,
    sa.Column("id", sa.String(16), primary_key=True),  # "R-" and 64 random bits (base32), shown to editors
    sa.Column("kind", sa.String(16), nullable=False),  # neu or korrektur
    sa.Column("target_id", sa.String(64)),  # the corrected network
    sa.Column("target_version", sa.Integer),  # its version when the form was opened
    sa.Column("fields", sa.Text, nullable=False),  # JSON: record field → text as typed
    sa.Column("region", sa.String(2000), nullable=False),
    sa.Column("criteria", sa.Text, nullable=False),  # JSON: criterion → erfuellt, teilweise or nein
    sa.Column("status", sa.String(16), nullable=False),  # pending, accepted, merged, rejected
    sa.Column("reason", sa.Text, nullable=False, default=""),
    sa.Column("network_id", sa.String(64)),  # the record created or updated on acceptance
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("decided_at", sa.DateTime(timezone=True)),
    sa.Column("decided_by", sa.String(200)),
    sa.Index("ix_reports_status", "status"),
)
#: Personal data of reporters, apart from the report; deleted when the report is decided or expires.
reporter_contacts_table = sa.Table(
    "reporter_contacts",
    metadata,
    sa.Column("report_id", sa.String(16), sa.ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("role", sa.String(200), nullable=False, default=""),
    sa.Column("email", sa.String(500), nullable=False),
    sa.Column("consent_at", sa.DateTime(timezone=True), nullable=False),
)
