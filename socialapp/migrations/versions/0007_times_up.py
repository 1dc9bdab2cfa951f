"""core: time's up (the warning threshold, the last "wrap up" sent to a speaker)

Revision ID: 0007_times_up
Revises: 0006_series

Plain ADD COLUMNs (no batch mode): SQLite adds a column in place, without copying the table.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_times_up"
down_revision = "0006_series"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column(
        "event", sa.Column("warn_seconds", sa.Integer(), nullable=False, server_default="60")
    )
    op.add_column("event", sa.Column("wrap_up_json", sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table("event") as batch_op:
        batch_op.drop_column("wrap_up_json")
        batch_op.drop_column("warn_seconds")
