"""debate: the board, ballots (one per phone per vote), hands raised for the floor

Revision ID: 0002_debate
Revises: 0001_core
Create Date: 2026-11-30 14:20:00

"""
from alembic import op
import sqlalchemy as sa


revision = "0002_debate"
down_revision = "0001_core"
branch_labels = ("debate",)
depends_on = None


def upgrade():
    op.create_table(
        "debate_board",
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("step", sa.Integer(), nullable=False),
        sa.Column("timer_status", sa.String(length=10), nullable=False),
        sa.Column("timer_duration", sa.Double(), nullable=False),
        sa.Column("timer_ends_at", sa.Double(), nullable=True),
        sa.Column("timer_remaining", sa.Double(), nullable=True),
        sa.Column("margin", sa.Integer(), nullable=False),
        sa.Column("floor_id", sa.Integer(), nullable=True),
        sa.Column("shown_voters", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["event.id"]),
        sa.ForeignKeyConstraint(["segment_id"], ["segment.id"]),
        sa.ForeignKeyConstraint(["floor_id"], ["attendee.id"]),
        sa.PrimaryKeyConstraint("segment_id"),
    )
    op.create_index("ix_debate_board_event_id", "debate_board", ["event_id"])
    op.create_table(
        "debate_ballot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.Column("attendee_id", sa.Integer(), nullable=False),
        sa.Column("round", sa.String(length=10), nullable=False),
        sa.Column("side", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.Double(), nullable=False),
        sa.Column("updated_at", sa.Double(), nullable=False),
        sa.ForeignKeyConstraint(["attendee_id"], ["attendee.id"]),
        sa.ForeignKeyConstraint(["segment_id"], ["segment.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("segment_id", "round", "attendee_id", name="uq_debate_ballot_phone"),
    )
    op.create_index("ix_debate_ballot_segment_id", "debate_ballot", ["segment_id"])
    op.create_table(
        "debate_hand",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.Column("attendee_id", sa.Integer(), nullable=False),
        sa.Column("raised_at", sa.Double(), nullable=False),
        sa.Column("called_at", sa.Double(), nullable=True),
        sa.ForeignKeyConstraint(["attendee_id"], ["attendee.id"]),
        sa.ForeignKeyConstraint(["segment_id"], ["segment.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("segment_id", "attendee_id", name="uq_debate_hand"),
    )
    op.create_index("ix_debate_hand_segment_id", "debate_hand", ["segment_id"])


def downgrade():
    op.drop_index("ix_debate_hand_segment_id", table_name="debate_hand")
    op.drop_table("debate_hand")
    op.drop_index("ix_debate_ballot_segment_id", table_name="debate_ballot")
    op.drop_table("debate_ballot")
    op.drop_index("ix_debate_board_event_id", table_name="debate_board")
    op.drop_table("debate_board")
