"""Sources and origin per record: ``quellen`` (JSON list of URLs) and ``herkunft`` (quelle, redaktion, meldung, demo).

Revision ID: 0003
Revises: 0002

Records of the fictional demo set (their description starts with "FIKTIVER DEMO-DATENSATZ", as the
generator writes it) become ``herkunft = 'demo'``, everything else ``redaktion``; the former ``demo``
flag in ``meta`` goes.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("networks") as batch:
        batch.add_column(sa.Column("quellen", sa.Text, nullable=False, server_default="[]"))
        batch.add_column(sa.Column("herkunft", sa.String(16), nullable=False, server_default="redaktion"))
    op.execute("UPDATE networks SET herkunft = 'demo' WHERE beschreibung LIKE 'FIKTIVER DEMO-DATENSATZ%'")
    op.execute("DELETE FROM meta WHERE key = 'demo'")


def downgrade() -> None:
    with op.batch_alter_table("networks") as batch:
        batch.drop_column("herkunft")
        batch.drop_column("quellen")
