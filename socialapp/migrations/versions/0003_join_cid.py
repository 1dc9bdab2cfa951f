"""core: attendee.join_cid, so a resubmitted join form never makes a second attendee

Revision ID: 0003_join_cid
Revises: 0001_core
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_join_cid"
down_revision = "0001_core"
branch_labels = ("join_cid",)
depends_on = None


def upgrade():
    with op.batch_alter_table("attendee", schema=None) as batch_op:
        batch_op.add_column(sa.Column("join_cid", sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint("uq_attendee_join_cid", ["event_id", "join_cid"])


def downgrade():
    with op.batch_alter_table("attendee", schema=None) as batch_op:
        batch_op.drop_constraint("uq_attendee_join_cid", type_="unique")
        batch_op.drop_column("join_cid")
