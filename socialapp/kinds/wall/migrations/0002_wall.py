"""wall: boards, themes, notes, votes

Revision ID: 0002_wall
Revises: 0001_core
Create Date: 2026-11-24 15:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0002_wall"
down_revision = "0001_core"
branch_labels = ("wall",)
depends_on = None


def upgrade():
    op.create_table(
        "wall_board",
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.Column("locked", sa.Boolean(), nullable=False),
        sa.Column("premoderate", sa.Boolean(), nullable=False),
        sa.Column("words_json", sa.Text(), nullable=False),
        sa.Column("suggestion_json", sa.Text(), nullable=True),
        sa.Column("undo_json", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["segment_id"], ["segment.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("segment_id"),
    )
    op.create_table(
        "wall_theme",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=80), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.Double(), nullable=False),
        sa.ForeignKeyConstraint(["segment_id"], ["segment.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_wall_theme_segment_id", "wall_theme", ["segment_id"])
    op.create_table(
        "wall_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.Column("attendee_id", sa.Integer(), nullable=False),
        sa.Column("cid", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("flagged", sa.String(length=40), nullable=False),
        sa.Column("theme_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.Double(), nullable=False),
        sa.Column("updated_at", sa.Double(), nullable=False),
        sa.ForeignKeyConstraint(["segment_id"], ["segment.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["attendee_id"], ["attendee.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["theme_id"], ["wall_theme.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("segment_id", "attendee_id", "cid", name="uq_wall_note_cid"),
    )
    op.create_index("ix_wall_note_segment_attendee", "wall_note", ["segment_id", "attendee_id"])
    op.create_table(
        "wall_vote",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("segment_id", sa.Integer(), nullable=False),
        sa.Column("note_id", sa.Integer(), nullable=False),
        sa.Column("attendee_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["segment_id"], ["segment.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["note_id"], ["wall_note.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["attendee_id"], ["attendee.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("note_id", "attendee_id", name="uq_wall_vote"),
    )
    op.create_index("ix_wall_vote_segment_id", "wall_vote", ["segment_id"])
    op.create_index("ix_wall_vote_attendee_id", "wall_vote", ["attendee_id"])


def downgrade():
    op.drop_index("ix_wall_vote_attendee_id", table_name="wall_vote")
    op.drop_index("ix_wall_vote_segment_id", table_name="wall_vote")
    op.drop_table("wall_vote")
    op.drop_index("ix_wall_note_segment_attendee", table_name="wall_note")
    op.drop_table("wall_note")
    op.drop_index("ix_wall_theme_segment_id", table_name="wall_theme")
    op.drop_table("wall_theme")
    op.drop_table("wall_board")
