"""icebreaker: icebreaker_state.host_seen for databases made before it was added

Revision ID: 0005_icebreaker_host_seen
Revises: 0004_icebreaker_confirm

An early version added host_seen to 0002_icebreaker after that migration had shipped, so a
database made by that version (commit 1f2eff7) has the revision applied but not the column,
and its icebreaker would fail. Add the column where it is missing; elsewhere do nothing.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_icebreaker_host_seen"
down_revision = "0004_icebreaker_confirm"
branch_labels = None
depends_on = None


def upgrade():
    columns = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("icebreaker_state")}
    if "host_seen" not in columns:
        op.add_column(
            "icebreaker_state",
            sa.Column("host_seen", sa.String(length=40), nullable=False, server_default=""),
        )


def downgrade():
    pass  # the column belongs to 0002_icebreaker
