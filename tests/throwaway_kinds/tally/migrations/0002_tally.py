"""tally: a row per tap (a throwaway kind of the tests)

Revision ID: 0002_tally
Revises: 0001_core
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_tally"
down_revision = "0001_core"
branch_labels = ("tally",)
depends_on = None


def upgrade():
    op.create_table(
        "tally_tap",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.Column("attendee_id", sa.Integer(), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["attendee_id"], ["attendee.id"]),
        sa.ForeignKeyConstraint(["segment_id"], ["segment.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_tally_tap_segment_id", "tally_tap", ["segment_id"])


def downgrade():
    op.drop_index("ix_tally_tap_segment_id", table_name="tally_tap")
    op.drop_table("tally_tap")
