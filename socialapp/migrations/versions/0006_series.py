"""core: series of events (a weekly club): sessions, and people who come back

Revision ID: 0006_series
Revises: 0005_privacy

New tables only: no existing table is altered (SQLite would copy it to add a foreign key).
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_series"
down_revision = "0005_privacy"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "series",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("host_key", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.Double(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "series_session",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("series_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["event.id"]),
        sa.ForeignKeyConstraint(["series_id"], ["series.id"]),
        sa.PrimaryKeyConstraint("event_id"),
    )
    op.create_index("ix_series_session_series_id", "series_session", ["series_id"])
    op.create_table(
        "series_person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("series_id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("created_at", sa.Double(), nullable=False),
        sa.ForeignKeyConstraint(["series_id"], ["series.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token"),
    )
    op.create_index("ix_series_person_series_id", "series_person", ["series_id"])
    op.create_table(
        "series_member",
        sa.Column("attendee_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["attendee_id"], ["attendee.id"]),
        sa.ForeignKeyConstraint(["person_id"], ["series_person.id"]),
        sa.PrimaryKeyConstraint("attendee_id"),
    )
    op.create_index("ix_series_member_person_id", "series_member", ["person_id"])


def downgrade():
    op.drop_index("ix_series_member_person_id", table_name="series_member")
    op.drop_table("series_member")
    op.drop_index("ix_series_person_series_id", table_name="series_person")
    op.drop_table("series_person")
    op.drop_index("ix_series_session_series_id", table_name="series_session")
    op.drop_table("series_session")
    op.drop_table("series")
