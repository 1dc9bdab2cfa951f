"""open_mic: the talk queue mode (a pitch per entry) and "I can help" taps

Revision ID: 0006_talk_queue
Revises: 0002_open_mic

Entries stored before this migration get an empty pitch; the mode and order are segment
settings (JSON), so older open-mic segments stay open mics with drawn order.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_talk_queue"
down_revision = "0002_open_mic"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column(
        "open_mic_entry",
        sa.Column("pitch", sa.String(length=120), nullable=False, server_default=""),
    )
    op.create_table(
        "open_mic_interest",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("pitcher_id", sa.Integer(), nullable=False),
        sa.Column("helper_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.Double(), nullable=False),
        sa.Column("pitcher_confirmed_at", sa.Double(), nullable=True),
        sa.Column("helper_confirmed_at", sa.Double(), nullable=True),
        sa.ForeignKeyConstraint(["event_id"], ["event.id"]),
        sa.ForeignKeyConstraint(["segment_id"], ["segment.id"]),
        sa.ForeignKeyConstraint(["entry_id"], ["open_mic_entry.id"]),
        sa.ForeignKeyConstraint(["pitcher_id"], ["attendee.id"]),
        sa.ForeignKeyConstraint(["helper_id"], ["attendee.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("entry_id", "helper_id", name="uq_open_mic_interest"),
    )
    op.create_index("ix_open_mic_interest_event_id", "open_mic_interest", ["event_id"])
    op.create_index("ix_open_mic_interest_segment_id", "open_mic_interest", ["segment_id"])


def downgrade():
    op.drop_index("ix_open_mic_interest_segment_id", table_name="open_mic_interest")
    op.drop_index("ix_open_mic_interest_event_id", table_name="open_mic_interest")
    op.drop_table("open_mic_interest")
    with op.batch_alter_table("open_mic_entry") as batch_op:
        batch_op.drop_column("pitch")
