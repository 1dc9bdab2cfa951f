"""slots: volunteers for the host's slots (a paper club's presenter dates)

Revision ID: 0002_slots
Revises: 0001_core
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_slots"
down_revision = "0001_core"
branch_labels = ("slots",)
depends_on = None


def upgrade():
    op.create_table(
        "slots_claim",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.Column("slot", sa.String(length=80), nullable=False),
        sa.Column("attendee_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=48), nullable=False),
        sa.Column("topic", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.Double(), nullable=False),
        sa.ForeignKeyConstraint(["attendee_id"], ["attendee.id"]),
        sa.ForeignKeyConstraint(["event_id"], ["event.id"]),
        sa.ForeignKeyConstraint(["segment_id"], ["segment.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("segment_id", "slot", name="uq_slots_claim_slot"),
        sa.UniqueConstraint("segment_id", "attendee_id", name="uq_slots_claim_person"),
    )
    op.create_index("ix_slots_claim_event_id", "slots_claim", ["event_id"])
    op.create_index("ix_slots_claim_segment_id", "slots_claim", ["segment_id"])
    op.create_index("ix_slots_claim_attendee_id", "slots_claim", ["attendee_id"])


def downgrade():
    op.drop_table("slots_claim")
