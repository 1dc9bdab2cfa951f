"""questions: the floor of a segment, its questions, their votes, the hand-raise queue

Revision ID: 0002_questions
Revises: 0001_core
Create Date: 2026-11-30 14:20:00

"""
from alembic import op
import sqlalchemy as sa


revision = "0002_questions"
down_revision = "0001_core"
branch_labels = ("questions",)
depends_on = None


def timer_columns():
    return [
        sa.Column("timer_status", sa.String(length=10), nullable=False),
        sa.Column("timer_duration", sa.Double(), nullable=False),
        sa.Column("timer_ends_at", sa.Double(), nullable=True),
        sa.Column("timer_remaining", sa.Double(), nullable=True),
    ]


def upgrade():
    op.create_table(
        "questions_floor",
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("closed", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["event.id"]),
        sa.ForeignKeyConstraint(["segment_id"], ["segment.id"]),
        sa.PrimaryKeyConstraint("segment_id"),
    )
    op.create_index("ix_questions_floor_event_id", "questions_floor", ["event_id"])
    op.create_table(
        "questions_question",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.Column("attendee_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=48), nullable=False),
        sa.Column("text", sa.String(length=280), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("merged_into", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.Double(), nullable=False),
        sa.Column("answered_at", sa.Double(), nullable=True),
        sa.ForeignKeyConstraint(["attendee_id"], ["attendee.id"]),
        sa.ForeignKeyConstraint(["event_id"], ["event.id"]),
        sa.ForeignKeyConstraint(["segment_id"], ["segment.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_questions_question_event_id", "questions_question", ["event_id"])
    op.create_index("ix_questions_question_attendee_id", "questions_question", ["attendee_id"])
    op.create_index(
        "ix_questions_question_segment_status", "questions_question", ["segment_id", "status"]
    )
    op.create_table(
        "questions_vote",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("attendee_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["attendee_id"], ["attendee.id"]),
        sa.ForeignKeyConstraint(["question_id"], ["questions_question.id"]),
        sa.ForeignKeyConstraint(["segment_id"], ["segment.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("question_id", "attendee_id", name="uq_questions_vote_once"),
    )
    op.create_index("ix_questions_vote_segment_id", "questions_vote", ["segment_id"])
    op.create_index("ix_questions_vote_question_id", "questions_vote", ["question_id"])
    op.create_table(
        "questions_hand",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.Column("attendee_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=48), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("raised_at", sa.Double(), nullable=False),
        *timer_columns(),
        sa.ForeignKeyConstraint(["attendee_id"], ["attendee.id"]),
        sa.ForeignKeyConstraint(["event_id"], ["event.id"]),
        sa.ForeignKeyConstraint(["segment_id"], ["segment.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("segment_id", "attendee_id", name="uq_questions_hand_person"),
    )
    op.create_index("ix_questions_hand_event_id", "questions_hand", ["event_id"])


def downgrade():
    op.drop_index("ix_questions_hand_event_id", table_name="questions_hand")
    op.drop_table("questions_hand")
    op.drop_index("ix_questions_vote_question_id", table_name="questions_vote")
    op.drop_index("ix_questions_vote_segment_id", table_name="questions_vote")
    op.drop_table("questions_vote")
    op.drop_index("ix_questions_question_segment_status", table_name="questions_question")
    op.drop_index("ix_questions_question_attendee_id", table_name="questions_question")
    op.drop_index("ix_questions_question_event_id", table_name="questions_question")
    op.drop_table("questions_question")
    op.drop_index("ix_questions_floor_event_id", table_name="questions_floor")
    op.drop_table("questions_floor")
