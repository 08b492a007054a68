"""Initial schema: networks, their Kreis links, audit trail, meta.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "networks",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("traeger", sa.String(300), nullable=False),
        sa.Column("partner", sa.Text, nullable=False),
        sa.Column("region", sa.String(2000), nullable=False),
        sa.Column("scope", sa.String(16), nullable=False),
        sa.Column("plz", sa.String(5), nullable=False),
        sa.Column("ort", sa.String(100), nullable=False),
        sa.Column("handlungsfelder", sa.Text, nullable=False),
        sa.Column("gegruendet", sa.Integer),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("beendet_am", sa.String(10)),
        sa.Column("website", sa.String(500), nullable=False),
        sa.Column("kontakt_email", sa.String(500), nullable=False),
        sa.Column("beschreibung", sa.Text, nullable=False),
        sa.Column("stand", sa.String(10)),
        sa.Column("verbindliche_kooperation", sa.Boolean),
        sa.Column("datenbasierte_ziele", sa.Boolean),
        sa.Column("evaluation", sa.Boolean),
        sa.Column("criteria_met", sa.Boolean),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "network_kreise",
        sa.Column("network_id", sa.String(64), sa.ForeignKey("networks.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("ags", sa.String(5), primary_key=True),
    )
    op.create_index("ix_network_kreise_ags", "network_kreise", ["ags"])
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("editor", sa.String(200), nullable=False),
        sa.Column("network_id", sa.String(64), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("changes", sa.Text, nullable=False),
    )
    op.create_index("ix_audit_network_id", "audit", ["network_id"])
    op.create_table(
        "meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.String(500), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("meta")
    op.drop_table("audit")
    op.drop_table("network_kreise")
    op.drop_table("networks")
