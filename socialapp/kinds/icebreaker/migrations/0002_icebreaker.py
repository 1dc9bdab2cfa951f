"""icebreaker: rounds, groups with meeting signs, members, met pairs, attendance

Revision ID: 0002_icebreaker
Revises: 0001_core
Create Date: 2026-11-24 15:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = "0002_icebreaker"
down_revision = "0001_core"
branch_labels = ("icebreaker",)
depends_on = None


def upgrade():
    op.create_table(
        "icebreaker_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.Column("next_prompt", sa.Integer(), nullable=False),
        sa.Column("host_seen", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(["segment_id"], ["segment.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("segment_id"),
    )
    op.create_table(
        "icebreaker_round",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("prompt", sa.Text(), nullable=False),
        sa.Column("prompt_index", sa.Integer(), nullable=True),
        sa.Column("group_size", sa.Integer(), nullable=False),
        sa.Column("timer_status", sa.String(length=10), nullable=False),
        sa.Column("timer_duration", sa.Double(), nullable=False),
        sa.Column("timer_ends_at", sa.Double(), nullable=True),
        sa.Column("timer_remaining", sa.Double(), nullable=True),
        sa.Column("started_at", sa.Double(), nullable=False),
        sa.Column("ended_at", sa.Double(), nullable=True),
        sa.Column("dirty_at", sa.Double(), nullable=True),
        sa.ForeignKeyConstraint(["event_id"], ["event.id"]),
        sa.ForeignKeyConstraint(["segment_id"], ["segment.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("segment_id", "number"),
    )
    op.create_index("ix_icebreaker_round_event_id", "icebreaker_round", ["event_id"])
    op.create_table(
        "icebreaker_group",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("colour", sa.String(length=20), nullable=False),
        sa.Column("hex", sa.String(length=7), nullable=False),
        sa.Column("ink", sa.String(length=7), nullable=False),
        sa.Column("emoji", sa.String(length=8), nullable=False),
        sa.Column("emoji_name", sa.String(length=20), nullable=False),
        sa.Column("late", sa.Boolean(), nullable=False),
        sa.Column("found_at", sa.Double(), nullable=True),
        sa.Column("created_at", sa.Double(), nullable=False),
        sa.ForeignKeyConstraint(["round_id"], ["icebreaker_round.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("round_id", "number"),
    )
    op.create_table(
        "icebreaker_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("attendee_id", sa.Integer(), nullable=False),
        sa.Column("late", sa.Boolean(), nullable=False),
        sa.Column("looking_at", sa.Double(), nullable=True),
        sa.Column("joined_at", sa.Double(), nullable=False),
        sa.ForeignKeyConstraint(["attendee_id"], ["attendee.id"]),
        sa.ForeignKeyConstraint(["group_id"], ["icebreaker_group.id"]),
        sa.ForeignKeyConstraint(["round_id"], ["icebreaker_round.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("round_id", "attendee_id"),
    )
    op.create_index("ix_icebreaker_member_group", "icebreaker_member", ["group_id"])
    op.create_table(
        "icebreaker_pair",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("a", sa.Integer(), nullable=False),
        sa.Column("b", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("met_at", sa.Double(), nullable=False),
        sa.CheckConstraint("a < b", name="ck_icebreaker_pair_order"),
        sa.ForeignKeyConstraint(["a"], ["attendee.id"]),
        sa.ForeignKeyConstraint(["b"], ["attendee.id"]),
        sa.ForeignKeyConstraint(["event_id"], ["event.id"]),
        sa.ForeignKeyConstraint(["round_id"], ["icebreaker_round.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("event_id", "a", "b"),
    )
    op.create_table(
        "icebreaker_attendance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.Column("attendee_id", sa.Integer(), nullable=False),
        sa.Column("here_at", sa.Double(), nullable=True),
        sa.Column("skip_round", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["attendee_id"], ["attendee.id"]),
        sa.ForeignKeyConstraint(["segment_id"], ["segment.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("segment_id", "attendee_id"),
    )


def downgrade():
    op.drop_table("icebreaker_attendance")
    op.drop_table("icebreaker_pair")
    op.drop_index("ix_icebreaker_member_group", table_name="icebreaker_member")
    op.drop_table("icebreaker_member")
    op.drop_table("icebreaker_group")
    op.drop_index("ix_icebreaker_round_event_id", table_name="icebreaker_round")
    op.drop_table("icebreaker_round")
    op.drop_table("icebreaker_state")
