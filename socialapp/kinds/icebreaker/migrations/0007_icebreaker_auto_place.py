"""icebreaker: icebreaker_state.place_due_at (late joiners placed by themselves)

Revision ID: 0007_icebreaker_auto_place
Revises: 0006_icebreaker_reason
Create Date: 2026-11-30 16:30:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0007_icebreaker_auto_place"
down_revision = "0006_icebreaker_reason"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("icebreaker_state", sa.Column("place_due_at", sa.Double(), nullable=True))


def downgrade():
    with op.batch_alter_table("icebreaker_state") as batch:
        batch.drop_column("place_due_at")
