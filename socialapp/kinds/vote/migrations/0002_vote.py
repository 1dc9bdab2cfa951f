"""vote: questions, ballots (one per phone per question), judges, the board

Revision ID: 0002_vote
Revises: 0001_core
Create Date: 2026-11-30 14:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = "0002_vote"
down_revision = "0001_core"
branch_labels = ("vote",)
depends_on = None


def upgrade():
    op.create_table(
        "vote_board",
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("current_id", sa.Integer(), nullable=True),
        sa.Column("shown_voters", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["event.id"]),
        sa.ForeignKeyConstraint(["segment_id"], ["segment.id"]),
        sa.PrimaryKeyConstraint("segment_id"),
    )
    op.create_index("ix_vote_board_event_id", "vote_board", ["event_id"])
    op.create_table(
        "vote_question",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("spec_json", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("live_results", sa.Boolean(), nullable=False),
        sa.Column("lock_first", sa.Boolean(), nullable=False),
        sa.Column("picked_json", sa.Text(), nullable=False),
        sa.Column("opened_at", sa.Double(), nullable=True),
        sa.Column("closed_at", sa.Double(), nullable=True),
        sa.Column("revealed_at", sa.Double(), nullable=True),
        sa.ForeignKeyConstraint(["event_id"], ["event.id"]),
        sa.ForeignKeyConstraint(["segment_id"], ["segment.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_vote_question_event_id", "vote_question", ["event_id"])
    op.create_index("ix_vote_question_segment_id", "vote_question", ["segment_id"])
    op.create_table(
        "vote_ballot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("attendee_id", sa.Integer(), nullable=False),
        sa.Column("answer_json", sa.Text(), nullable=False),
        sa.Column("created_at", sa.Double(), nullable=False),
        sa.Column("updated_at", sa.Double(), nullable=False),
        sa.ForeignKeyConstraint(["attendee_id"], ["attendee.id"]),
        sa.ForeignKeyConstraint(["question_id"], ["vote_question.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("question_id", "attendee_id", name="uq_vote_ballot_phone"),
    )
    op.create_index("ix_vote_ballot_question_id", "vote_ballot", ["question_id"])
    op.create_table(
        "vote_judge",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.Column("attendee_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["attendee_id"], ["attendee.id"]),
        sa.ForeignKeyConstraint(["segment_id"], ["segment.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("segment_id", "attendee_id", name="uq_vote_judge"),
    )
    op.create_index("ix_vote_judge_segment_id", "vote_judge", ["segment_id"])


def downgrade():
    op.drop_index("ix_vote_judge_segment_id", table_name="vote_judge")
    op.drop_table("vote_judge")
    op.drop_index("ix_vote_ballot_question_id", table_name="vote_ballot")
    op.drop_table("vote_ballot")
    op.drop_index("ix_vote_question_segment_id", table_name="vote_question")
    op.drop_index("ix_vote_question_event_id", table_name="vote_question")
    op.drop_table("vote_question")
    op.drop_index("ix_vote_board_event_id", table_name="vote_board")
    op.drop_table("vote_board")
