"""Sources and origin per record: ``quellen`` (JSON list of URLs) and ``herkunft`` (quelle, redaktion, meldung, demo).

Revision ID: 0002
Revises: 0001

A database seeded with the fictional demo set before this revision carried a ``demo`` flag in ``meta``;
its records become ``herkunft = 'demo'``, everything else ``redaktion``.
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("networks") as batch:
        batch.add_column(sa.Column("quellen", sa.Text, nullable=False, server_default="[]"))
        batch.add_column(sa.Column("herkunft", sa.String(16), nullable=False, server_default="redaktion"))
    op.execute(
        "UPDATE networks SET herkunft = 'demo' "
        "WHERE EXISTS (SELECT 1 FROM meta WHERE meta.key = 'demo' AND meta.value = '1')"
    )
    op.execute("DELETE FROM meta WHERE key = 'demo'")


def downgrade() -> None:
    with op.batch_alter_table("networks") as batch:
        batch.drop_column("herkunft")
        batch.drop_column("quellen")
