"""icebreaker: icebreaker_group.reason (rounds matched by the answers to a vote question)

Revision ID: 0006_icebreaker_reason
Revises: 0005_icebreaker_host_seen
Create Date: 2026-11-30 14:10:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0006_icebreaker_reason"
down_revision = "0005_icebreaker_host_seen"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("icebreaker_group", sa.Column("reason", sa.String(length=200), nullable=True))


def downgrade():
    with op.batch_alter_table("icebreaker_group") as batch:
        batch.drop_column("reason")
