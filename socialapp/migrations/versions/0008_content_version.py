"""core: the event's content version (what the join path's cache is checked against)

Revision ID: 0008_content_version
Revises: 0007_times_up

event.version goes up with every write, joins included; content_version only with writes
other than joins (socialapp.eventcache says why). Existing events start at their version.
A plain ADD COLUMN (no batch mode): SQLite adds a column in place.
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_content_version"
down_revision = "0007_times_up"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column(
        "event",
        sa.Column("content_version", sa.Integer(), nullable=False, server_default="0"),
    )
    op.execute("UPDATE event SET content_version = version")


def downgrade():
    with op.batch_alter_table("event") as batch_op:
        batch_op.drop_column("content_version")
