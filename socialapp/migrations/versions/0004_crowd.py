"""core: crowd control (attendee cap, rotating join code, removed attendees)

Revision ID: 0004_crowd
Revises: 0001_core

Plain ADD COLUMNs (no batch mode): SQLite adds a column in place, without copying the table.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_crowd"
down_revision = "0001_core"
branch_labels = ("crowd",)
depends_on = None


def upgrade():
    op.add_column("event", sa.Column("max_attendees", sa.Integer(), nullable=True))
    op.add_column(
        "event",
        sa.Column("join_rotate", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column("attendee", sa.Column("removed_at", sa.Double(), nullable=True))


def downgrade():
    with op.batch_alter_table("attendee") as batch_op:
        batch_op.drop_column("removed_at")
    with op.batch_alter_table("event") as batch_op:
        batch_op.drop_column("join_rotate")
        batch_op.drop_column("max_attendees")
