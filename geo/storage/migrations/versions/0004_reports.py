"""Public reports ("Netzwerk melden"), reporters' contacts apart from them, and confirmation dates per record.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("networks") as batch:
        batch.add_column(sa.Column("bestaetigt_am", sa.String(10)))
        batch.add_column(sa.Column("bestaetigt_durch", sa.String(16)))
    op.create_table(
        "reports",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("target_id", sa.String(64)),
        sa.Column("target_version", sa.Integer),
        sa.Column("fields", sa.Text, nullable=False),
        sa.Column("region", sa.String(2000), nullable=False),
        sa.Column("criteria", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("network_id", sa.String(64)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True)),
        sa.Column("decided_by", sa.String(200)),
    )
    op.create_index("ix_reports_status", "reports", ["status"])
    op.create_table(
        "reporter_contacts",
        sa.Column("report_id", sa.String(16), sa.ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(200), nullable=False),
        sa.Column("email", sa.String(500), nullable=False),
        sa.Column("consent_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("reporter_contacts")
    op.drop_table("reports")
    with op.batch_alter_table("networks") as batch:
        batch.drop_column("bestaetigt_durch")
        batch.drop_column("bestaetigt_am")
