"""core: personal data that goes away (retention days, when it went, the report kept)

Revision ID: 0005_privacy
Revises: 0004_crowd

Plain ADD COLUMNs (no batch mode): SQLite adds a column in place, without copying the table.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_privacy"
down_revision = "0004_crowd"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("event", sa.Column("retention_days", sa.Integer(), nullable=True))
    op.add_column("event", sa.Column("purged_at", sa.Double(), nullable=True))
    op.add_column("event", sa.Column("report_json", sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table("event") as batch_op:
        batch_op.drop_column("report_json")
        batch_op.drop_column("purged_at")
        batch_op.drop_column("retention_days")
