"""connect: contact lines people share with those they met, and per-segment state

Revision ID: 0002_connect
Revises: 0001_core
Create Date: 2026-11-25 10:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0002_connect"
down_revision = "0001_core"
branch_labels = ("connect",)
depends_on = None


def upgrade():
    op.create_table(
        "connect_contact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("attendee_id", sa.Integer(), nullable=False),
        sa.Column("contact", sa.String(length=120), nullable=False),
        sa.Column("updated_at", sa.Double(), nullable=False),
        sa.ForeignKeyConstraint(["attendee_id"], ["attendee.id"]),
        sa.ForeignKeyConstraint(["event_id"], ["event.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("attendee_id"),
    )
    op.create_index("ix_connect_contact_event_id", "connect_contact", ["event_id"])
    op.create_table(
        "connect_state",
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.Column("dirty_at", sa.Double(), nullable=True),
        sa.ForeignKeyConstraint(["segment_id"], ["segment.id"]),
        sa.PrimaryKeyConstraint("segment_id"),
    )


def downgrade():
    op.drop_table("connect_state")
    op.drop_index("ix_connect_contact_event_id", table_name="connect_contact")
    op.drop_table("connect_contact")
