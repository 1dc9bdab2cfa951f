"""open_mic: the bowl of a segment, its entries, the draw log

Revision ID: 0002_open_mic
Revises: 0001_core
Create Date: 2026-11-24 15:10:00

"""
from alembic import op
import sqlalchemy as sa


revision = "0002_open_mic"
down_revision = "0001_core"
branch_labels = ("open_mic",)
depends_on = None


def upgrade():
    op.create_table(
        "open_mic_bowl",
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("closed", sa.Boolean(), nullable=False),
        sa.Column("last_no", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["event.id"]),
        sa.ForeignKeyConstraint(["segment_id"], ["segment.id"]),
        sa.PrimaryKeyConstraint("segment_id"),
    )
    op.create_index("ix_open_mic_bowl_event_id", "open_mic_bowl", ["event_id"])
    op.create_table(
        "open_mic_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.Column("attendee_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=48), nullable=False),
        sa.Column("title", sa.String(length=80), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("draw_no", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.Double(), nullable=False),
        sa.Column("drawn_at", sa.Double(), nullable=True),
        sa.Column("started_at", sa.Double(), nullable=True),
        sa.Column("ended_at", sa.Double(), nullable=True),
        sa.Column("timer_status", sa.String(length=10), nullable=False),
        sa.Column("timer_duration", sa.Double(), nullable=False),
        sa.Column("timer_ends_at", sa.Double(), nullable=True),
        sa.Column("timer_remaining", sa.Double(), nullable=True),
        sa.ForeignKeyConstraint(["attendee_id"], ["attendee.id"]),
        sa.ForeignKeyConstraint(["event_id"], ["event.id"]),
        sa.ForeignKeyConstraint(["segment_id"], ["segment.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("segment_id", "attendee_id", name="uq_open_mic_entry_person"),
        sa.UniqueConstraint("segment_id", "draw_no", name="uq_open_mic_entry_draw_no"),
    )
    op.create_index("ix_open_mic_entry_event_id", "open_mic_entry", ["event_id"])
    op.create_index(
        "ix_open_mic_entry_segment_status", "open_mic_entry", ["segment_id", "status"]
    )
    op.create_table(
        "open_mic_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=48), nullable=False),
        sa.Column("action", sa.String(length=12), nullable=False),
        sa.Column("draw_no", sa.Integer(), nullable=True),
        sa.Column("pool", sa.Integer(), nullable=False),
        sa.Column("at", sa.Double(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["event.id"]),
        sa.ForeignKeyConstraint(["segment_id"], ["segment.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_open_mic_log_event_id", "open_mic_log", ["event_id"])
    op.create_index("ix_open_mic_log_segment_id", "open_mic_log", ["segment_id"])


def downgrade():
    op.drop_index("ix_open_mic_log_segment_id", table_name="open_mic_log")
    op.drop_index("ix_open_mic_log_event_id", table_name="open_mic_log")
    op.drop_table("open_mic_log")
    op.drop_index("ix_open_mic_entry_segment_status", table_name="open_mic_entry")
    op.drop_index("ix_open_mic_entry_event_id", table_name="open_mic_entry")
    op.drop_table("open_mic_entry")
    op.drop_index("ix_open_mic_bowl_event_id", table_name="open_mic_bowl")
    op.drop_table("open_mic_bowl")
